// Hostile tool arguments and hostile sandboxed code, through the agent's real tools: ToolExecutor
// -> DaytonaClient -> the local sandbox server on 127.0.0.1 -> bubblewrap (specs/security.md §1,
// §6 rows 7-17). Each case prints what it tried and what came back, and after each one the host
// is checked: canary files outside the sandbox unchanged, nothing new in the host folder beside
// the sandboxes or in the host's /tmp, no process left behind.
#include "../app/localsandbox/SandboxTestSupport.h"
#include "HostileSupport.h"

#include "agent/ToolCatalog.h"
#include "agent/ToolExecutor.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxProcess.h"
#include "sandbox/DaytonaClient.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUuid>

#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using Hostile::describe;

struct ToolCallCase
{
    QString tool;
    QJsonObject args;
};

class TestHostileTools final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void pathTraversal_data();
    void pathTraversal();
    void plantedSymlinks_data();
    void plantedSymlinks();
    void awkwardFileNames();
    void contentsRoundTrip();
    void hundredMegabyteFile();
    void gigabyteOfOutput();
    void forkBomb();
    void sleepForever();
    void networkIsUnreachable();
    void hostSecretsAreInvisible();

private:
    ToolOutcome run(const QString &tool, QJsonObject args, int timeoutMs = 120000);
    // runCommand that must succeed; returns its stdout.
    QString sh(const QString &command, const QString &sandboxId = QString());
    QString homeOf(const QString &sandboxId) const
    {
        return m_server->registry().homeDir(sandboxId);
    }

    QTemporaryDir m_dir;
    QString m_hostDir; // a host folder beside the sandboxes, with the canaries
    QString m_canary; // a host file sandboxed code and tool arguments aim at
    QString m_canaryText;
    QString m_fakeDatabase; // stands for the app's database, beside the sandboxes
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    ToolCatalog m_catalog;
    std::unique_ptr<ToolExecutor> m_executor;
    ToolContext m_context;
    QString m_sandbox; // the hostile code's sandbox
    QString m_bystander; // another thread's sandbox that must keep working
    Hostile::HostSnapshot m_before;
};

void TestHostileTools::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_hostDir = m_dir.filePath(QStringLiteral("host"));
    QVERIFY(QDir().mkpath(m_hostDir));
    QVERIFY(::chmod(QFile::encodeName(m_hostDir).constData(), 0755) == 0);
    m_canaryText = QStringLiteral("HOSTILE-CANARY-") + QUuid::createUuid().toString(QUuid::Id128);
    m_canary = m_hostDir + QStringLiteral("/canary.txt");
    m_fakeDatabase = m_hostDir + QStringLiteral("/studio.sqlite3");
    for (const QString &file : {m_canary, m_fakeDatabase}) {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_canaryText.toUtf8() + '\n');
        // World-readable and world-writable: only the sandbox's walls may keep it safe, not
        // the file's mode.
        QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                 | QFileDevice::ReadOther | QFileDevice::WriteOther
                                 | QFileDevice::ReadGroup | QFileDevice::WriteGroup));
    }

    LocalSandboxOptions options;
    options.dataDir = m_dir.filePath(QStringLiteral("data"));
    const QString started = startTestSandboxServer(m_dir.path(), options, m_server, m_client);
    QVERIFY2(started.isEmpty(), qPrintable(started));
    m_executor = std::make_unique<ToolExecutor>(*m_client, m_catalog);
    m_context.threadId = QStringLiteral("hostile-thread");

    for (QString *id : {&m_sandbox, &m_bystander}) {
        const ToolOutcome o = run(QStringLiteral("createSandbox"),
                                  {{QStringLiteral("name"), QStringLiteral("hostile")},
                                   {QStringLiteral("language"), QStringLiteral("python")}});
        QVERIFY2(!o.isError(), qPrintable(o.errorMessage()));
        *id = o.result.value(QLatin1String("sandboxId")).toString();
    }
    qInfo() << "host canary" << m_canary << "sandbox home" << homeOf(m_sandbox) << "runs as uid"
            << m_server->runAsUid();
}

void TestHostileTools::cleanupTestCase()
{
    for (const QString &id : {m_sandbox, m_bystander}) {
        if (id.isEmpty())
            continue;
        const ToolOutcome o
            = run(QStringLiteral("deleteSandbox"), {{QStringLiteral("sandboxId"), id}});
        QVERIFY2(!o.isError(), qPrintable(o.errorMessage()));
        QVERIFY(!QFileInfo::exists(homeOf(id)));
    }
    m_executor.reset();
    m_client.reset();
    m_server.reset();
}

void TestHostileTools::init()
{
    m_before
        = Hostile::HostSnapshot({m_canary, m_fakeDatabase}, m_hostDir, uint(m_server->runAsUid()));
}

void TestHostileTools::cleanup()
{
    const QStringList changes = m_before.changes();
    QVERIFY2(changes.isEmpty(), qPrintable(changes.join(QLatin1Char('\n'))));
    // Nothing the case started is still running on the host.
    QTRY_COMPARE_WITH_TIMEOUT(hostDescendantCount(int(QCoreApplication::applicationPid())), 0,
                              15000);
    qInfo() << "host untouched after" << QTest::currentTestFunction() << QTest::currentDataTag();
}

ToolOutcome TestHostileTools::run(const QString &tool, QJsonObject args, int timeoutMs)
{
    if (!args.contains(QStringLiteral("sandboxId")) && tool != QLatin1String("createSandbox")
        && !m_sandbox.isEmpty())
        args.insert(QStringLiteral("sandboxId"), m_sandbox);
    const ToolOutcome o = Hostile::runTool(*m_executor, tool, args, m_context, timeoutMs);
    qInfo().noquote() << describe(tool, args, o);
    return o;
}

QString TestHostileTools::sh(const QString &command, const QString &sandboxId)
{
    const ToolOutcome o
        = run(QStringLiteral("runCommand"),
              {{QStringLiteral("sandboxId"), sandboxId.isEmpty() ? m_sandbox : sandboxId},
               {QStringLiteral("command"), command},
               {QStringLiteral("timeoutSeconds"), 60}});
    const QString out = o.result.value(QLatin1String("stdout")).toString();
    [&] {
        QVERIFY2(!o.isError(), qPrintable(o.errorMessage()));
        QVERIFY2(o.result.value(QLatin1String("success")).toBool(), qPrintable(out));
    }();
    return out;
}

// --- path arguments -----------------------------------------------------------------------------

void TestHostileTools::pathTraversal_data()
{
    QTest::addColumn<QString>("path");
    // Relative from the sandbox's home on the host to the canary beside it.
    const QString toCanary
        = QDir(m_dir.filePath(QStringLiteral("data/sandboxes/x"))).relativeFilePath(m_canary);
    QTest::newRow("dot-dot to /etc/passwd") << QStringLiteral("../../etc/passwd");
    QTest::newRow("many dot-dots") << QStringLiteral("../../../../../../../../etc/passwd");
    QTest::newRow("dot-dot to the host canary") << toCanary;
    QTest::newRow("inside then out") << QStringLiteral("sub/../../../etc/passwd");
    QTest::newRow("home then out") << QStringLiteral("/home/daytona/../../etc/passwd");
    QTest::newRow("dot segments") << QStringLiteral("/home/daytona/./../daytona/../../etc");
    QTest::newRow("percent-encoded") << QStringLiteral("%2e%2e/%2e%2e/etc/passwd");
    QTest::newRow("percent-encoded slashes") << QStringLiteral("..%2F..%2Fetc%2Fpasswd");
    QTest::newRow("double-encoded") << QStringLiteral("%252e%252e%252f%252e%252e%252fetc");
    QTest::newRow("backslashes") << QStringLiteral("..\\..\\etc\\passwd");
    QTest::newRow("unicode dots") << QStringLiteral("\u2025/\u2025/etc/passwd");
    QTest::newRow("overlong utf-8 dot") << QString::fromUtf8("\xc0\xae\xc0\xae/etc/passwd");
    QTest::newRow("absolute /etc/passwd") << QStringLiteral("/etc/passwd");
    QTest::newRow("absolute /etc/shadow") << QStringLiteral("/etc/shadow");
    QTest::newRow("absolute ssh key") << QStringLiteral("/root/.ssh/id_rsa");
    QTest::newRow("absolute host canary") << m_canary;
    QTest::newRow("absolute fake database") << m_fakeDatabase;
    QTest::newRow("proc environ") << QStringLiteral("/proc/self/environ");
    QTest::newRow("double slash") << QStringLiteral("//etc/passwd");
    QTest::newRow("tilde") << QStringLiteral("~/../../etc/passwd");
    QTest::newRow("NUL byte") << QStringLiteral("ok.txt") + QChar(u'\0')
            + QStringLiteral("/../../etc/passwd");
    QTest::newRow("5000 characters") << QStringLiteral("a/").repeated(2500);
}

void TestHostileTools::pathTraversal()
{
    QFETCH(QString, path);
    const QByteArray hostPasswd = [] {
        QFile f(QStringLiteral("/etc/passwd"));
        return f.open(QIODevice::ReadOnly) ? f.readLine().trimmed() : QByteArray();
    }();
    QVERIFY(!hostPasswd.isEmpty());
    const QString p = QStringLiteral("path");
    const QList<ToolCallCase> calls{
        {QStringLiteral("readFile"), QJsonObject{{p, path}}},
        {QStringLiteral("writeFile"),
         QJsonObject{{p, path}, {QStringLiteral("content"), QStringLiteral("pwned")}}},
        {QStringLiteral("writeFiles"),
         QJsonObject{{QStringLiteral("files"),
                      QJsonArray{QJsonObject{{p, path},
                                             {QStringLiteral("data"), QStringLiteral("pwned")}}}}}},
        {QStringLiteral("listFiles"), QJsonObject{{p, path}}},
        {QStringLiteral("getFileInfo"), QJsonObject{{p, path}}},
        {QStringLiteral("checkFileExists"), QJsonObject{{p, path}}},
        {QStringLiteral("getFileSize"), QJsonObject{{p, path}}},
        {QStringLiteral("createDirectory"),
         QJsonObject{{p, QString(path + QStringLiteral("-dir"))}}},
        {QStringLiteral("searchFiles"),
         QJsonObject{{p, path}, {QStringLiteral("pattern"), QStringLiteral("*")}}},
        {QStringLiteral("findInFiles"),
         QJsonObject{{p, path}, {QStringLiteral("pattern"), QStringLiteral("root")}}},
        {QStringLiteral("runCommand"),
         QJsonObject{{QStringLiteral("command"), QStringLiteral("pwd; cat passwd 2>&1 | head -1")},
                     {QStringLiteral("workingDirectory"), path}}},
        {QStringLiteral("deleteFile"), QJsonObject{{p, path}}},
    };
    for (const auto &[tool, args] : calls) {
        const ToolOutcome o = run(tool, args);
        const QByteArray whole = QJsonDocument(o.result).toJson(QJsonDocument::Compact);
        // Whatever happened, nothing of the host came back.
        QVERIFY2(!whole.contains(hostPasswd), whole.constData());
        QVERIFY2(!whole.contains(m_canaryText.toUtf8()), whole.constData());
        if (o.isError()) {
            // A refusal says what went wrong (not an empty object or a bare status).
            QVERIFY2(o.errorMessage().size() > 20, qPrintable(o.errorMessage()));
            continue;
        }
        // Accepted: then it was about a path inside the sandbox.
        for (const QString &key : {QStringLiteral("path"), QStringLiteral("pwd")}) {
            if (o.result.contains(key))
                QVERIFY2(o.result.value(key).toString().startsWith(QLatin1String("/home/daytona")),
                         whole.constData());
        }
        if (tool == QLatin1String("runCommand"))
            QVERIFY2(o.result.value(QLatin1String("stdout"))
                         .toString()
                         .startsWith(QLatin1String("/home/daytona")),
                     whole.constData());
    }
    // Whatever got written landed inside the sandbox's own home; clean it for the next row.
    sh(QStringLiteral("find . -mindepth 1 -delete"));
}

// --- links planted by sandboxed code ------------------------------------------------------------

void TestHostileTools::plantedSymlinks_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<QString>("target"); // what the link points at
    QTest::addColumn<QString>("through"); // the path the tools are given
    QTest::newRow("file link to the canary")
        << QStringLiteral("evil") << QString() << QStringLiteral("evil");
    QTest::newRow("link to /") << QStringLiteral("rootlink") << QStringLiteral("/")
                               << QStringLiteral("rootlink") + QString();
    QTest::newRow("link to the host folder")
        << QStringLiteral("outdir") << QStringLiteral("@hostdir")
        << QStringLiteral("outdir/canary.txt");
    QTest::newRow("link to /etc/passwd")
        << QStringLiteral("pw") << QStringLiteral("/etc/passwd") << QStringLiteral("pw");
    QTest::newRow("relative link upwards")
        << QStringLiteral("up") << QStringLiteral("../..") << QStringLiteral("up");
    QTest::newRow("link inside a folder")
        << QStringLiteral("sub/deep") << QStringLiteral("@hostdir")
        << QStringLiteral("sub/deep/canary.txt");
    QTest::newRow("dangling link to a new host file")
        << QStringLiteral("dangling") << QStringLiteral("@hostdir/hostile-created.txt")
        << QStringLiteral("dangling");
}

void TestHostileTools::plantedSymlinks()
{
    QFETCH(QString, link);
    QFETCH(QString, target);
    QFETCH(QString, through);
    if (target.isEmpty())
        target = m_canary;
    target.replace(QStringLiteral("@hostdir"), m_hostDir);
    if (through == QLatin1String("rootlink"))
        through = QStringLiteral("rootlink") + m_canary;
    // Sandboxed code plants the link (inside the sandbox the target does not exist; on the host
    // it would).
    sh(QStringLiteral("mkdir -p sub && ln -sfn '%1' '%2' && ls -l '%2'").arg(target, link));

    const QString p = QStringLiteral("path");
    const QList<ToolCallCase> calls{
        {QStringLiteral("readFile"), QJsonObject{{p, through}}},
        {QStringLiteral("listFiles"), QJsonObject{{p, through}}},
        {QStringLiteral("listFiles"), QJsonObject{{p, link}}},
        {QStringLiteral("getFileInfo"), QJsonObject{{p, through}}},
        {QStringLiteral("getFileSize"), QJsonObject{{p, through}}},
        {QStringLiteral("watchDirectory"),
         QJsonObject{{p, link},
                     {QStringLiteral("recursive"), true},
                     {QStringLiteral("watchDuration"), 300}}},
        {QStringLiteral("searchFiles"),
         QJsonObject{{p, link}, {QStringLiteral("pattern"), QStringLiteral("*")}}},
        {QStringLiteral("findInFiles"),
         QJsonObject{{p, QStringLiteral(".")},
                     {QStringLiteral("pattern"), QStringLiteral("CANARY")}}},
        {QStringLiteral("findInFiles"),
         QJsonObject{{p, link}, {QStringLiteral("pattern"), QStringLiteral("root")}}},
        {QStringLiteral("writeFile"),
         QJsonObject{{p, through}, {QStringLiteral("content"), QStringLiteral("pwned")}}},
        {QStringLiteral("writeFiles"),
         QJsonObject{{QStringLiteral("files"),
                      QJsonArray{QJsonObject{{p, through},
                                             {QStringLiteral("data"), QStringLiteral("pwned")}}}}}},
        {QStringLiteral("createDirectory"),
         QJsonObject{{p, QString(link + QStringLiteral("/hostile-dir"))}}},
        {QStringLiteral("deleteFile"), QJsonObject{{p, through}}},
    };
    for (const auto &[tool, args] : calls) {
        const ToolOutcome o = run(tool, args);
        const QByteArray whole = QJsonDocument(o.result).toJson(QJsonDocument::Compact);
        QVERIFY2(!whole.contains(m_canaryText.toUtf8()), whole.constData());
        QVERIFY2(!whole.contains("root:x:0:0"), whole.constData());
        if (o.isError())
            QVERIFY2(o.errorMessage().size() > 20, qPrintable(o.errorMessage()));
        // The host must not change even for one call (checked again in cleanup()).
        const QStringList changes = m_before.changes();
        QVERIFY2(changes.isEmpty(),
                 qPrintable(tool + QLatin1Char(' ') + changes.join(QLatin1Char(','))));
    }
    // Deleting the link itself is allowed and leaves the target alone.
    const ToolOutcome removed = run(QStringLiteral("deleteFile"), {{p, link}});
    QVERIFY2(!removed.isError() || removed.errorKind == ToolOutcome::ErrorKind::FileNotFound,
             qPrintable(removed.errorMessage()));
    QVERIFY(QFileInfo::exists(m_canary));
    sh(QStringLiteral("find . -mindepth 1 -delete"));
}

// --- names and contents -------------------------------------------------------------------------

void TestHostileTools::awkwardFileNames()
{
    const QString p = QStringLiteral("path");
    // Names written through the tools reach the sandbox literally: never through a shell.
    const QStringList names{QStringLiteral("line1\nline2.txt"),
                            QStringLiteral("-rf"),
                            QStringLiteral("$(touch hostile-pwned-1).txt"),
                            QStringLiteral("a;touch hostile-pwned-2;.txt"),
                            QStringLiteral("`touch hostile-pwned-3`"),
                            QStringLiteral("quote\"and'apostrophe"),
                            QStringLiteral("tab\there"),
                            QStringLiteral(" spaces at both ends "),
                            QStringLiteral("spaces at both ends"),
                            QStringLiteral("trailing line break\n"),
                            QStringLiteral("caf\u00e9 \u2603 \U0001F600.txt"),
                            QStringLiteral("\u202Egnp.exe")};
    for (const QString &name : names) {
        const ToolOutcome w
            = run(QStringLiteral("writeFile"), {{p, name}, {QStringLiteral("content"), name}});
        QVERIFY2(!w.isError(), qPrintable(w.errorMessage()));
        const ToolOutcome r = run(QStringLiteral("readFile"), {{p, name}});
        QVERIFY2(!r.isError(), qPrintable(r.errorMessage()));
        QCOMPARE(r.result.value(QLatin1String("content")).toString(), name);
    }
    // The sandbox sees exactly these names (as bytes), and nothing ran.
    const QString listing = sh(QStringLiteral("for f in *; do printf '%s\\0' \"$f\"; done"));
    QStringList seen = listing.split(QChar(u'\0'), Qt::SkipEmptyParts);
    seen.sort();
    QStringList expected = names;
    expected.sort();
    QCOMPARE(seen, expected);
    // (Equal lists also mean no hostile-pwned-N file was made by a shell.)
    // listFiles reports them as JSON text, newline and all.
    const ToolOutcome list = run(QStringLiteral("listFiles"), {{p, QStringLiteral(".")}});
    QVERIFY2(!list.isError(), qPrintable(list.errorMessage()));
    QStringList listed;
    for (const QJsonValue &v : list.result.value(QLatin1String("files")).toArray())
        listed << v.toObject().value(QLatin1String("name")).toString();
    listed.sort();
    QCOMPARE(listed, expected);

    // A name that is not UTF-8, made by sandboxed code: listed with U+FFFD, never a crash or
    // broken JSON; searchFiles and findInFiles cope too.
    sh(QStringLiteral("printf 'inside' > \"$(printf 'bad\\377\\376name.txt')\""));
    const ToolOutcome bad = run(QStringLiteral("listFiles"), {{p, QStringLiteral(".")}});
    QVERIFY2(!bad.isError(), qPrintable(bad.errorMessage()));
    QString badName;
    for (const QJsonValue &v : bad.result.value(QLatin1String("files")).toArray()) {
        const QString n = v.toObject().value(QLatin1String("name")).toString();
        if (n.startsWith(QLatin1String("bad")))
            badName = n;
    }
    qInfo() << "invalid UTF-8 name listed as" << badName;
    QVERIFY2(badName.contains(QChar(QChar::ReplacementCharacter)), qPrintable(badName));
    QVERIFY(badName.endsWith(QLatin1String("name.txt")));
    const ToolOutcome search
        = run(QStringLiteral("searchFiles"),
              {{p, QStringLiteral(".")}, {QStringLiteral("pattern"), QStringLiteral("*name.txt")}});
    QVERIFY2(!search.isError(), qPrintable(search.errorMessage()));
    QVERIFY(QJsonDocument(search.result).toJson().contains("name.txt"));
    const ToolOutcome find
        = run(QStringLiteral("findInFiles"),
              {{p, QStringLiteral(".")}, {QStringLiteral("pattern"), QStringLiteral("inside")}});
    QVERIFY2(!find.isError(), qPrintable(find.errorMessage()));
    QVERIFY(QJsonDocument(find.result).toJson().contains("name.txt"));
    // A name longer than the file system allows: a clear error.
    const ToolOutcome tooLong = run(
        QStringLiteral("writeFile"),
        {{p, QString(300, QLatin1Char('n'))}, {QStringLiteral("content"), QStringLiteral("x")}});
    QVERIFY(tooLong.isError());
    QVERIFY2(tooLong.errorMessage().size() > 20, qPrintable(tooLong.errorMessage()));
    sh(QStringLiteral("find . -mindepth 1 -delete"));
}

void TestHostileTools::contentsRoundTrip()
{
    const QString p = QStringLiteral("path");
    // Text with every awkward kind of character comes back byte for byte.
    QString text = QStringLiteral("h\u00e9llo \u2713 \U0001D11E \t\r\n\r\x01\x7f end\n");
    for (int c = 0x20; c < 0x3000; c += 7)
        text += QChar(c).isSurrogate() ? QChar(u'?') : QChar(c);
    const ToolOutcome w = run(QStringLiteral("writeFile"),
                              {{p, QStringLiteral("text.txt")}, {QStringLiteral("content"), text}});
    QVERIFY2(!w.isError(), qPrintable(w.errorMessage()));
    const QString sandboxSha
        = sh(QStringLiteral("sha256sum text.txt")).section(QLatin1Char(' '), 0, 0);
    QCOMPARE(sandboxSha.toLatin1(),
             QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
    QCOMPARE(run(QStringLiteral("readFile"), {{p, QStringLiteral("text.txt")}})
                 .result.value(QLatin1String("content"))
                 .toString(),
             text);

    // Binary made in the sandbox: described by size and hash, never returned as raw bytes.
    const QString made = sh(QStringLiteral("head -c 65536 /dev/urandom > blob.bin; "
                                           "printf 'caf\\351' > latin1.txt; "
                                           "printf 'a\\000b' > nul.txt; sha256sum blob.bin"));
    const QString sha = made.section(QLatin1Char(' '), 0, 0);
    const ToolOutcome blob = run(QStringLiteral("readFile"), {{p, QStringLiteral("blob.bin")}});
    QCOMPARE(blob.errorKind, ToolOutcome::ErrorKind::BinaryContent);
    QVERIFY2(blob.errorMessage().contains(QStringLiteral("65536 bytes, sha256 ") + sha),
             qPrintable(blob.errorMessage()));
    QVERIFY(!blob.result.contains(QLatin1String("content")));
    for (const QString &name : {QStringLiteral("latin1.txt"), QStringLiteral("nul.txt")}) {
        const ToolOutcome o = run(QStringLiteral("readFile"), {{p, name}});
        QCOMPARE(o.errorKind, ToolOutcome::ErrorKind::BinaryContent);
    }
    QCOMPARE(run(QStringLiteral("getFileSize"), {{p, QStringLiteral("blob.bin")}})
                 .result.value(QLatin1String("size"))
                 .toInteger(),
             65536);
    // A NUL character sent by the model is written as a NUL byte, and then read as binary.
    const ToolOutcome nul
        = run(QStringLiteral("writeFile"),
              {{p, QStringLiteral("model-nul.txt")},
               {QStringLiteral("content"),
                QString(QStringLiteral("a") + QChar(u'\0') + QStringLiteral("b"))}});
    QVERIFY2(!nul.isError(), qPrintable(nul.errorMessage()));
    QCOMPARE(sh(QStringLiteral("od -An -c model-nul.txt")).simplified(), QStringLiteral("a \\0 b"));
    sh(QStringLiteral("find . -mindepth 1 -delete"));
}

// --- resources ----------------------------------------------------------------------------------

void TestHostileTools::hundredMegabyteFile()
{
    const QString p = QStringLiteral("path");
    sh(QStringLiteral("yes 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ | "
                      "head -c 104857600 > big.txt; ls -l big.txt"));
    QCOMPARE(run(QStringLiteral("getFileSize"), {{p, QStringLiteral("big.txt")}})
                 .result.value(QLatin1String("size"))
                 .toInteger(),
             104857600);
    QVERIFY(Hostile::resetPeakRss());
    const qint64 before = Hostile::rssKiB();
    const ToolOutcome o = run(QStringLiteral("readFile"), {{p, QStringLiteral("big.txt")}});
    const qint64 peak = Hostile::peakRssKiB();
    qInfo() << "readFile of 100 MiB: RSS before" << before / 1024 << "MiB, peak" << peak / 1024
            << "MiB, outcome" << ToolOutcome::kindName(o.errorKind);
    // A clear error that says how big the file is and how to read it in parts, before anything
    // is downloaded into memory.
    QCOMPARE(o.errorKind, ToolOutcome::ErrorKind::TooLarge);
    QVERIFY2(o.errorMessage().contains(QLatin1String("104857600 bytes")),
             qPrintable(o.errorMessage()));
    QVERIFY2(o.errorMessage().contains(QLatin1String("runCommand")), qPrintable(o.errorMessage()));
    QVERIFY2(peak - before < 64 * 1024, qPrintable(QString::number(peak - before)));

    // Just under the limit: read whole for the user, capped for the model, a bounded peak.
    sh(QStringLiteral("head -c %1 big.txt > nine.txt").arg(kMaxReadFileBytes - 1));
    QVERIFY(Hostile::resetPeakRss());
    const qint64 before9 = Hostile::rssKiB();
    const ToolOutcome nine = run(QStringLiteral("readFile"), {{p, QStringLiteral("nine.txt")}});
    const qint64 peak9 = Hostile::peakRssKiB();
    qInfo() << "readFile of 10 MiB - 1: RSS before" << before9 / 1024 << "MiB, peak" << peak9 / 1024
            << "MiB";
    QVERIFY2(!nine.isError(), qPrintable(nine.errorMessage()));
    QCOMPARE(nine.result.value(QLatin1String("content")).toString().size(), kMaxReadFileBytes - 1);
    QVERIFY(nine.truncatedForModel);
    QVERIFY(nine.forModel.value(QLatin1String("content")).toString().size() <= 64 * 1024);
    QVERIFY2(peak9 - before9 < 200 * 1024, qPrintable(QString::number(peak9 - before9)));

    // Writing a file bigger than the per-file limit from inside fails clearly, the host is fine.
    const ToolOutcome huge
        = run(QStringLiteral("runCommand"),
              {{QStringLiteral("command"),
                QStringLiteral("head -c 700M /dev/zero > huge.bin; echo rc=$?; ls -l huge.bin")},
               {QStringLiteral("timeoutSeconds"), 60}});
    QVERIFY2(!huge.isError(), qPrintable(huge.errorMessage()));
    QVERIFY2(huge.result.value(QLatin1String("stdout"))
                     .toString()
                     .contains(QLatin1String("File size limit exceeded"))
                 || !huge.result.value(QLatin1String("stdout"))
                         .toString()
                         .contains(QLatin1String("rc=0")),
             qPrintable(huge.result.value(QLatin1String("stdout")).toString()));
    sh(QStringLiteral("rm -f big.txt nine.txt huge.bin"));
}

void TestHostileTools::gigabyteOfOutput()
{
    QVERIFY(Hostile::resetPeakRss());
    const qint64 before = Hostile::rssKiB();
    QElapsedTimer clock;
    clock.start();
    const ToolOutcome o
        = run(QStringLiteral("runCommand"),
              {{QStringLiteral("command"),
                QStringLiteral("head -c 1073741824 /dev/zero | tr '\\0' x; echo done")},
               {QStringLiteral("timeoutSeconds"), 120}});
    const qint64 peak = Hostile::peakRssKiB();
    const QString out = o.result.value(QLatin1String("stdout")).toString();
    qInfo() << "1 GiB of output:" << clock.elapsed() << "ms, kept" << out.size()
            << "characters, RSS before" << before / 1024 << "MiB, peak" << peak / 1024 << "MiB";
    QVERIFY2(!o.isError(), qPrintable(o.errorMessage()));
    // Capped at the server (1 MiB), with a marker saying so; the model gets 64 KiB of it.
    QVERIFY(out.size() <= (1 << 20) + 1024);
    QVERIFY2(out.contains(QLatin1String("output truncated")), qPrintable(out.right(300)));
    QVERIFY(!out.contains(QLatin1String("done")));
    QVERIFY(o.forModel.value(QLatin1String("stdout")).toString().size() <= 64 * 1024);
    QVERIFY(peak - before < 200 * 1024);
    // Stopped, not left running: the next command answers at once.
    QCOMPARE(sh(QStringLiteral("echo next")), QStringLiteral("next\n"));
}

void TestHostileTools::forkBomb()
{
    // The bomb's shell stays alive for a while, so the bomb grows until the process limit.
    QElapsedTimer clock;
    clock.start();
    ToolExecution *bomb = m_executor->execute(
        QStringLiteral("runCommand"),
        {{QStringLiteral("sandboxId"), m_sandbox},
         {QStringLiteral("command"),
          QStringLiteral("bomb() { bomb | bomb & }; bomb; sleep 4; echo bomb-over")},
         {QStringLiteral("timeoutSeconds"), 10}},
        m_context);
    QSignalSpy bombDone(bomb, &ToolExecution::finished);
    // The most processes this test had at once while the bomb ran.
    const int self = int(QCoreApplication::applicationPid());
    int during = 0;
    const auto sample = [&] { during = qMax(during, hostDescendantCount(self)); };
    // It rages: half its sandbox's process limit (it gets there in about a second).
    QTRY_VERIFY_WITH_TIMEOUT((sample(), during >= 128), 20000);
    // While it rages: the host can still start processes, and another thread's sandbox works.
    QCOMPARE(QProcess::execute(QStringLiteral("true"), {}), 0);
    QCOMPARE(sh(QStringLiteral("echo bystander-ok"), m_bystander),
             QStringLiteral("bystander-ok\n"));
    QTRY_VERIFY_WITH_TIMEOUT((sample(), bombDone.count() == 1), 60000);
    qInfo() << "fork bomb: this test had up to" << during << "descendant processes";
    const ToolOutcome o = bombDone.first().first().value<ToolOutcome>();
    qInfo().noquote() << "fork bomb ended after" << clock.elapsed()
                      << "ms:" << describe(QStringLiteral("runCommand"), {}, o);
    QVERIFY(!o.isError() || o.errorKind == ToolOutcome::ErrorKind::TimedOut);
    // The pids limit held (256 per sandbox, plus bwrap, prlimit and the bystander's command).
    QVERIFY2(during < 400, qPrintable(QString::number(during)));
    // The sandbox itself is usable afterwards.
    QCOMPARE(sh(QStringLiteral("echo still-fine")), QStringLiteral("still-fine\n"));
    // A bomb that hides in the background past its command's end dies with the command.
    const ToolOutcome detached
        = run(QStringLiteral("runCommand"),
              {{QStringLiteral("command"),
                QStringLiteral("(setsid sh -c 'bomb() { bomb | bomb & }; bomb' &) ; echo left")},
               {QStringLiteral("timeoutSeconds"), 5}});
    QVERIFY(!detached.isError() || detached.errorKind == ToolOutcome::ErrorKind::TimedOut);
}

void TestHostileTools::sleepForever()
{
    for (const QString &command :
         {QStringLiteral("sleep infinity"), QStringLiteral("while :; do :; done"),
          QStringLiteral("trap '' TERM INT HUP; sleep infinity"),
          QStringLiteral("exec 1>&-; exec 2>&-; sleep infinity")}) {
        QElapsedTimer clock;
        clock.start();
        const ToolOutcome o = run(
            QStringLiteral("runCommand"),
            {{QStringLiteral("command"), command}, {QStringLiteral("timeoutSeconds"), 2}}, 60000);
        qInfo() << command << "ended after" << clock.elapsed() << "ms";
        QCOMPARE(o.errorKind, ToolOutcome::ErrorKind::TimedOut);
        QVERIFY2(o.errorMessage().contains(QLatin1String("timed out after 2 seconds")),
                 qPrintable(o.errorMessage()));
        QVERIFY(clock.elapsed() < 30000);
    }
    const ToolOutcome code
        = run(QStringLiteral("runCode"),
              {{QStringLiteral("code"), QStringLiteral("while True:\n    pass\n")},
               {QStringLiteral("timeoutSeconds"), 2}},
              60000);
    QCOMPARE(code.errorKind, ToolOutcome::ErrorKind::TimedOut);
}

void TestHostileTools::networkIsUnreachable()
{
    // Servers on the host that the sandbox must not reach: loopback and every address.
    QTcpServer loopback;
    QVERIFY(loopback.listen(QHostAddress::LocalHost));
    QTcpServer any;
    QVERIFY(any.listen(QHostAddress::AnyIPv4));
    // An abstract Unix socket, as some desktops use for the session bus: it lives in the network
    // namespace, not the file system, so only the sandbox's own namespace keeps it out.
    QLocalServer abstract;
    abstract.setSocketOptions(QLocalServer::AbstractNamespaceOption);
    QVERIFY(abstract.listen(QStringLiteral("hostile-abstract-")
                            + QUuid::createUuid().toString(QUuid::Id128)));
    {
        // The host itself can connect at the address the sandbox will try: the check can fail.
        QProcess probe;
        probe.start(QStringLiteral("python3"),
                    {QStringLiteral("-c"),
                     QStringLiteral("import socket,sys; s=socket.socket(socket.AF_UNIX); "
                                    "s.connect('\\0'+sys.argv[1]); print('ok')"),
                     abstract.fullServerName()});
        QVERIFY(probe.waitForFinished(20000));
        QCOMPARE(probe.readAllStandardOutput(), QByteArray("ok\n"));
        QTRY_VERIFY(abstract.hasPendingConnections());
        delete abstract.nextPendingConnection();
    }
    const QString py
        = QStringLiteral(
              "import socket\n"
              "for host, port in [('127.0.0.1', %1), ('127.0.0.1', %2), ('127.0.0.1', %3), "
              "('10.0.2.2', 80), ('1.1.1.1', 53)]:\n"
              "    try:\n"
              "        socket.create_connection((host, port), timeout=2); print('CONNECTED', host, "
              "port)\n"
              "    except OSError as e:\n"
              "        print('refused', host, port, e.errno)\n"
              "try:\n"
              "    socket.getaddrinfo('example.com', 80); print('RESOLVED')\n"
              "except OSError:\n"
              "    print('no-dns')\n"
              "try:\n"
              "    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); "
              "s.connect('\\0%4')\n"
              "    print('ABSTRACT')\n"
              "except OSError as e:\n"
              "    print('no-abstract', e.errno)\n")
              .arg(loopback.serverPort())
              .arg(any.serverPort())
              .arg(m_server->port())
              .arg(abstract.fullServerName());
    const ToolOutcome o
        = run(QStringLiteral("runCode"),
              {{QStringLiteral("code"), py}, {QStringLiteral("timeoutSeconds"), 30}});
    QVERIFY2(!o.isError(), qPrintable(o.errorMessage()));
    const QString out = o.result.value(QLatin1String("stdout")).toString();
    QVERIFY2(!out.contains(QLatin1String("CONNECTED")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("no-dns")), qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("ABSTRACT")), qPrintable(out));
    // An absence: no connection may arrive; this lets the event loop see one that did.
    QTest::qWait(100);
    QVERIFY(!loopback.hasPendingConnections());
    QVERIFY(!any.hasPendingConnections());
    QVERIFY(!abstract.hasPendingConnections());
    // Shell tools too.
    const QString shell = sh(
        QStringLiteral("(exec 3<>/dev/tcp/127.0.0.1/%1) 2>&1 && echo CONNECTED || echo refused")
            .arg(loopback.serverPort()));
    QVERIFY2(shell.contains(QLatin1String("refused")), qPrintable(shell));
}

void TestHostileTools::hostSecretsAreInvisible()
{
    // The test's environment holds keys; the sandbox's environment must not.
    qputenv("OPENAI_API_KEY", m_canaryText.toUtf8());
    const QByteArray bus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
    QString hostHome = QDir::homePath();
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    const QStringList secrets{hostHome,
                              hostHome + QStringLiteral("/.local/share/keyrings"),
                              hostHome + QStringLiteral("/.ssh"),
                              runtime.isEmpty() ? QStringLiteral("/run/user/0") : runtime,
                              QStringLiteral("/run/dbus/system_bus_socket"),
                              QStringLiteral("/var/run/dbus"),
                              m_fakeDatabase,
                              m_hostDir,
                              m_dir.filePath(QStringLiteral("data")),
                              homeOf(m_bystander),
                              QStringLiteral("/root"),
                              QStringLiteral("/etc/shadow")};
    QString script;
    for (const QString &path : secrets) {
        if (path == QLatin1String("/home") || path == QLatin1String("/home/daytona")
            || path == QLatin1String("/tmp") || path == QLatin1String("/"))
            continue;
        script
            += QStringLiteral("if [ -e '%1' ]; then echo 'VISIBLE %1'; else echo 'hidden %1'; fi\n")
                   .arg(path);
    }
    script += QStringLiteral("env | sort\n"
                             "grep -rIs -l --exclude-dir=proc --exclude-dir=sys --exclude-dir=usr "
                             "--exclude-dir=dev "
                             "'%1' / && echo FOUND-CANARY || echo no-canary\n"
                             "ls /home\n")
                  .arg(m_canaryText);
    const ToolOutcome o
        = run(QStringLiteral("runCommand"),
              {{QStringLiteral("command"), script}, {QStringLiteral("timeoutSeconds"), 60}});
    const QString out = o.result.value(QLatin1String("stdout")).toString();
    QVERIFY2(!o.isError(), qPrintable(o.errorMessage()));
    QVERIFY2(!out.contains(QLatin1String("VISIBLE")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("no-canary")), qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("OPENAI_API_KEY")), qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("DBUS_SESSION_BUS_ADDRESS")), qPrintable(out));
    QVERIFY2(out.trimmed().endsWith(QLatin1String("\ndaytona")), qPrintable(out)); // ls /home

    // Given the host's session bus address by a hostile model, the keychain is still out of
    // reach: the socket is in another network namespace (abstract) or not mounted (path).
    if (!bus.isEmpty()) {
        // A secret in the keychain that sandboxed code would love to read.
        QProcess store;
        store.start(QStringLiteral("secret-tool"),
                    {QStringLiteral("store"), QStringLiteral("--label=hostile"),
                     QStringLiteral("service"), QStringLiteral("agent-studio"),
                     QStringLiteral("account"), QStringLiteral("hostile")});
        store.write(m_canaryText.toUtf8());
        store.closeWriteChannel();
        QVERIFY(store.waitForFinished(20000));
        QCOMPARE(store.exitCode(), 0);
        const ToolOutcome kc = run(
            QStringLiteral("runCommand"),
            {{QStringLiteral("command"),
              QStringLiteral(
                  "secret-tool search --all service agent-studio 2>&1; "
                  "dbus-send --session --print-reply --dest=org.freedesktop.DBus "
                  "/org/freedesktop/DBus org.freedesktop.DBus.ListNames 2>&1; echo end")},
             {QStringLiteral("envs"),
              QJsonObject{{QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QString::fromUtf8(bus)}}},
             {QStringLiteral("timeoutSeconds"), 30}});
        const QString kcOut = kc.result.value(QLatin1String("stdout")).toString();
        qInfo() << "session bus" << bus << "from inside:" << kcOut.left(400);
        QVERIFY2(!kcOut.contains(QLatin1String("org.freedesktop.secrets")), qPrintable(kcOut));
        QVERIFY2(!kcOut.contains(QLatin1String("secret = ")), qPrintable(kcOut));
        QVERIFY2(!kcOut.contains(m_canaryText), qPrintable(kcOut));
        QVERIFY(kcOut.endsWith(QLatin1String("end\n")));
    } else {
        qInfo() << "no session bus in this environment; the bus check did not run";
    }
    // The tools resolve host paths against the sandbox, never the host.
    const ToolOutcome db
        = run(QStringLiteral("readFile"), {{QStringLiteral("path"), m_fakeDatabase}});
    QVERIFY(db.isError());
    QVERIFY(!QJsonDocument(db.result).toJson().contains(m_canaryText.toUtf8()));
    qunsetenv("OPENAI_API_KEY");
}

QTEST_GUILESS_MAIN(TestHostileTools)
#include "tst_hostiletools.moc"
