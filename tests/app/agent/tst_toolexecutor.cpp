// The agent's tools end to end: ToolExecutor -> the real DaytonaClient -> the real local
// sandbox server on 127.0.0.1 -> bubblewrap. The brief's three calls, every other tool with its
// exact result shape, and the failures a model must be able to recover from.
#include "../localsandbox/SandboxTestSupport.h"
#include "agent/ToolCatalog.h"
#include "agent/ToolExecutor.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxProcess.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxWaiter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <sys/stat.h>

class TestToolExecutor final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void briefFlow();
    void fileTools();
    void runCodeAndCommandOptions();
    void sandboxesOfThisThread();
    void unknownAndDeletedSandbox();
    void fileErrorsSayWhatWentWrong();
    void pathEscapesAreRefused();
    void commandTimeout();
    void hugeOutputIsCappedOnlyForTheModel();
    void binaryFileIsDescribedNotReturned();
    void stoppedSandboxIsStartedFirst();
    void watchDirectorySeesChanges();
    void cancelStopsTheCommand();
    void serverUnavailableAndUnknownTool();

private:
    ToolOutcome run(const QString &tool, const QJsonObject &args, const ToolContext &context,
                    int timeoutMs = 90000);
    ToolOutcome run(const QString &tool, const QJsonObject &args)
    {
        return run(tool, args, m_context);
    }
    QString newSandbox(const QString &name);

    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    ToolCatalog m_catalog;
    std::unique_ptr<ToolExecutor> m_executor;
    ToolContext m_context;
    QString m_sandbox; // the brief's sandbox, reused by later tests
};

static QStringList keysOf(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

static QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

void TestToolExecutor::initTestCase()
{
    QVERIFY(m_dir.isValid());
    LocalSandboxOptions options;
    options.dataDir = m_dir.path() + QStringLiteral("/data");
    const QString started = startTestSandboxServer(m_dir.path(), options, m_server, m_client);
    QVERIFY2(started.isEmpty(), qPrintable(started));
    m_executor = std::make_unique<ToolExecutor>(*m_client, m_catalog);
    m_context.threadId = QStringLiteral("thread-A");
}

void TestToolExecutor::cleanupTestCase()
{
    m_executor.reset();
    m_client.reset();
    m_server.reset();
}

// Later tests reuse the brief's sandbox; run alone, they make it first.
void TestToolExecutor::init()
{
    if (m_sandbox.isEmpty() && QByteArray(QTest::currentTestFunction()) != "briefFlow")
        briefFlow();
}

ToolOutcome TestToolExecutor::run(const QString &tool, const QJsonObject &args,
                                  const ToolContext &context, int timeoutMs)
{
    ToolExecution *execution = m_executor->execute(tool, args, context);
    QSignalSpy spy(execution, &ToolExecution::finished);
    if (!spy.wait(timeoutMs)) {
        execution->cancel();
        ToolOutcome none;
        none.result = {{QStringLiteral("error"), QStringLiteral("test gave up waiting")}};
        none.errorKind = ToolOutcome::ErrorKind::TimedOut;
        return none;
    }
    [&] { QCOMPARE(spy.size(), 1); }();
    return spy.first().first().value<ToolOutcome>();
}

QString TestToolExecutor::newSandbox(const QString &name)
{
    const ToolOutcome o = run(QStringLiteral("createSandbox"), {{QStringLiteral("name"), name}});
    [&] { QVERIFY2(!o.isError(), qPrintable(o.errorMessage())); }();
    return o.result.value(QLatin1String("sandboxId")).toString();
}

void TestToolExecutor::briefFlow()
{
    // 1. createSandbox, exactly as the brief's model sends it (null optionals).
    ToolOutcome created = run(QStringLiteral("createSandbox"),
                              QJsonDocument::fromJson(R"({"name": "reverse_string_project",
                                  "language": "python", "labels": null, "envVars": null})")
                                  .object());
    QVERIFY2(!created.isError(), qPrintable(created.errorMessage()));
    QCOMPARE(keysOf(created.result), QStringList{QStringLiteral("sandboxId")});
    m_sandbox = created.result.value(QLatin1String("sandboxId")).toString();
    QCOMPARE(m_sandbox.size(), 36); // a UUID
    QCOMPARE(created.createdSandbox.id, m_sandbox);
    QCOMPARE(created.createdSandbox.labels.value(QString(kThreadLabel)),
             QStringLiteral("thread-A"));
    QCOMPARE(created.createdSandbox.language(), QStringLiteral("python"));
    QCOMPARE(created.forModel, created.result);

    // 2. writeFiles with the brief's two files.
    const QString dataDir = testDataDir() + QStringLiteral("/sandbox/reverse_string_project/");
    QJsonArray files;
    for (const QString &name :
         {QStringLiteral("reverse_string.py"), QStringLiteral("test_reverse_string.py")}) {
        QFile f(dataDir + name);
        QVERIFY(f.open(QIODevice::ReadOnly));
        files.append(QJsonObject{{QStringLiteral("path"), name},
                                 {QStringLiteral("data"), QString::fromUtf8(f.readAll())}});
    }
    const ToolOutcome written
        = run(QStringLiteral("writeFiles"),
              {{QStringLiteral("sandboxId"), m_sandbox}, {QStringLiteral("files"), files}});
    QVERIFY2(!written.isError(), qPrintable(written.errorMessage()));
    QCOMPARE(written.result,
             (QJsonObject{{QStringLiteral("success"), true},
                          {QStringLiteral("filesWritten"),
                           QJsonArray{QStringLiteral("/home/daytona/reverse_string.py"),
                                      QStringLiteral("/home/daytona/test_reverse_string.py")}}}));

    // 3. runCommand, with the brief's null fields.
    QJsonObject args = QJsonDocument::fromJson(R"({"command": "python3 test_reverse_string.py",
        "envs": null, "workingDirectory": null, "timeoutSeconds": 20, "captureOutput": true})")
                           .object();
    args.insert(QStringLiteral("sandboxId"), m_sandbox);
    const ToolOutcome ran = run(QStringLiteral("runCommand"), args);
    QVERIFY2(!ran.isError(), qPrintable(ran.errorMessage()));
    QCOMPARE(
        keysOf(ran.result),
        sorted({QStringLiteral("success"), QStringLiteral("exitCode"), QStringLiteral("stdout"),
                QStringLiteral("command"), QStringLiteral("executionTime")}));
    const QString stdoutText = ran.result.value(QLatin1String("stdout")).toString();
    QVERIFY2(ran.result.value(QLatin1String("success")).toBool(), qPrintable(stdoutText));
    QCOMPARE(ran.result.value(QLatin1String("exitCode")).toInt(-1), 0);
    QVERIFY2(stdoutText.contains(QLatin1String("Ran 4 tests")), qPrintable(stdoutText));
    QVERIFY2(stdoutText.contains(QLatin1String("\nOK")), qPrintable(stdoutText));
    QCOMPARE(ran.result.value(QLatin1String("command")).toString(),
             QStringLiteral("python3 test_reverse_string.py"));
    QVERIFY(ran.result.value(QLatin1String("executionTime")).toDouble() > 0);
    QVERIFY(ran.durationMs >= ran.result.value(QLatin1String("executionTime")).toInteger());
}

void TestToolExecutor::fileTools()
{
    QVERIFY(!m_sandbox.isEmpty());
    const QJsonValue id = m_sandbox;
    auto ok = [this](const QString &tool, const QJsonObject &args) {
        const ToolOutcome o = run(tool, args);
        [&] {
            QVERIFY2(!o.isError(), qPrintable(tool + QStringLiteral(": ") + o.errorMessage()));
        }();
        return o.result;
    };
    const QString sid = QStringLiteral("sandboxId");
    const QString p = QStringLiteral("path");

    // writeFile creates the folders it needs; "/src/..." lands under the working directory.
    QCOMPARE(ok(QStringLiteral("writeFile"),
                {{sid, id},
                 {p, QStringLiteral("/src/app.py")},
                 {QStringLiteral("content"), QStringLiteral("print('h\u00e9llo')\n")}}),
             (QJsonObject{{QStringLiteral("success"), true},
                          {p, QStringLiteral("/home/daytona/src/app.py")}}));
    QCOMPARE(ok(QStringLiteral("readFile"), {{sid, id}, {p, QStringLiteral("./src/app.py")}}),
             (QJsonObject{{QStringLiteral("content"), QStringLiteral("print('h\u00e9llo')\n")},
                          {p, QStringLiteral("/home/daytona/src/app.py")}}));

    QCOMPARE(
        ok(QStringLiteral("createDirectory"), {{sid, id}, {p, QStringLiteral("src/lib/deep")}}),
        (QJsonObject{{QStringLiteral("success"), true},
                     {p, QStringLiteral("/home/daytona/src/lib/deep")}}));
    ok(QStringLiteral("writeFile"),
       {{sid, id},
        {p, QStringLiteral("src/lib/util.py")},
        {QStringLiteral("content"), QStringLiteral("def helper():\n    return 42  # helper\n")}});

    const QJsonObject listing
        = ok(QStringLiteral("listFiles"), {{sid, id}, {p, QStringLiteral("src")}});
    QCOMPARE(listing.value(p).toString(), QStringLiteral("/home/daytona/src"));
    QSet<QString> entries;
    for (const QJsonValue &v : listing.value(QLatin1String("files")).toArray()) {
        const QJsonObject f = v.toObject();
        QCOMPARE(keysOf(f), sorted({QStringLiteral("name"), p, QStringLiteral("isDirectory")}));
        entries.insert(f.value(QLatin1String("name")).toString() + QLatin1Char('|')
                       + f.value(p).toString() + QLatin1Char('|')
                       + (f.value(QLatin1String("isDirectory")).toBool() ? QLatin1Char('d')
                                                                         : QLatin1Char('f')));
    }
    QCOMPARE(entries,
             (QSet<QString>{QStringLiteral("app.py|/home/daytona/src/app.py|f"),
                            QStringLiteral("lib|/home/daytona/src/lib|d")}));
    // Default path: the working directory.
    const QJsonObject home = ok(QStringLiteral("listFiles"), {{sid, id}});
    QCOMPARE(home.value(p).toString(), QStringLiteral("/home/daytona"));
    QVERIFY(QJsonDocument(home).toJson().contains("/home/daytona/reverse_string.py"));

    const QJsonObject info
        = ok(QStringLiteral("getFileInfo"), {{sid, id}, {p, QStringLiteral("src/app.py")}});
    QCOMPARE(keysOf(info),
             sorted({QStringLiteral("name"), QStringLiteral("isDir"), QStringLiteral("size"),
                     QStringLiteral("mode"), QStringLiteral("permissions"), QStringLiteral("owner"),
                     QStringLiteral("group"), QStringLiteral("modTime")}));
    QCOMPARE(info.value(QLatin1String("name")).toString(), QStringLiteral("app.py"));
    QCOMPARE(info.value(QLatin1String("isDir")).toBool(true), false);
    QCOMPARE(info.value(QLatin1String("size")).toInteger(),
             qint64(QByteArray("print('h\xc3\xa9llo')\n").size()));
    QVERIFY(!info.value(QLatin1String("modTime")).toString().isEmpty());
    QVERIFY(!info.value(QLatin1String("permissions")).toString().isEmpty());

    QCOMPARE(ok(QStringLiteral("checkFileExists"), {{sid, id}, {p, QStringLiteral("src/lib")}}),
             (QJsonObject{{QStringLiteral("exists"), true},
                          {p, QStringLiteral("/home/daytona/src/lib")},
                          {QStringLiteral("isDirectory"), true}}));
    QCOMPARE(ok(QStringLiteral("checkFileExists"), {{sid, id}, {p, QStringLiteral("nope.txt")}}),
             (QJsonObject{{QStringLiteral("exists"), false},
                          {p, QStringLiteral("/home/daytona/nope.txt")}}));

    // Sizes: a file, and a folder's total.
    ok(QStringLiteral("writeFile"),
       {{sid, id},
        {p, QStringLiteral("sizes/a.txt")},
        {QStringLiteral("content"), QString(1024, QLatin1Char('a'))}});
    ok(QStringLiteral("writeFile"),
       {{sid, id},
        {p, QStringLiteral("sizes/sub/b.txt")},
        {QStringLiteral("content"), QString(512, QLatin1Char('b'))}});
    QCOMPARE(ok(QStringLiteral("getFileSize"), {{sid, id}, {p, QStringLiteral("sizes/a.txt")}}),
             (QJsonObject{{QStringLiteral("size"), 1024},
                          {p, QStringLiteral("/home/daytona/sizes/a.txt")},
                          {QStringLiteral("isDirectory"), false}}));
    QCOMPARE(ok(QStringLiteral("getFileSize"),
                {{sid, id}, {p, QStringLiteral("sizes")}, {QStringLiteral("humanReadable"), true}}),
             (QJsonObject{{QStringLiteral("size"), 1536},
                          {QStringLiteral("humanReadableSize"), QStringLiteral("1.5 KB")},
                          {p, QStringLiteral("/home/daytona/sizes")},
                          {QStringLiteral("isDirectory"), true}}));

    // searchFiles (glob on names, recursive) and findInFiles (text).
    const QJsonObject found = ok(QStringLiteral("searchFiles"),
                                 {{sid, id},
                                  {p, QStringLiteral("src")},
                                  {QStringLiteral("pattern"), QStringLiteral("*.py")}});
    QCOMPARE(keysOf(found), QStringList{QStringLiteral("files")});
    QStringList names;
    for (const QJsonValue &v : found.value(QLatin1String("files")).toArray())
        names << v.toString();
    QCOMPARE(sorted(names),
             sorted({QStringLiteral("/home/daytona/src/app.py"),
                     QStringLiteral("/home/daytona/src/lib/util.py")}));
    const QJsonObject matches = ok(QStringLiteral("findInFiles"),
                                   {{sid, id},
                                    {p, QStringLiteral("src")},
                                    {QStringLiteral("pattern"), QStringLiteral("return 42")}});
    QCOMPARE(matches.value(QLatin1String("matches")).toArray(),
             (QJsonArray{QJsonObject{
                 {QStringLiteral("file"), QStringLiteral("/home/daytona/src/lib/util.py")},
                 {QStringLiteral("line"), 2},
                 {QStringLiteral("content"), QStringLiteral("    return 42  # helper")}}}));

    // deleteFile removes a folder with its contents.
    QCOMPARE(
        ok(QStringLiteral("deleteFile"), {{sid, id}, {p, QStringLiteral("src")}}),
        (QJsonObject{{QStringLiteral("success"), true}, {p, QStringLiteral("/home/daytona/src")}}));
    QCOMPARE(ok(QStringLiteral("checkFileExists"), {{sid, id}, {p, QStringLiteral("src/app.py")}})
                 .value(QLatin1String("exists"))
                 .toBool(true),
             false);

    // A missing file is an error that names the path.
    const ToolOutcome missing
        = run(QStringLiteral("readFile"), {{sid, id}, {p, QStringLiteral("missing.txt")}});
    QCOMPARE(missing.errorKind, ToolOutcome::ErrorKind::FileNotFound);
    QVERIFY2(missing.errorMessage().contains(QLatin1String("/home/daytona/missing.txt")),
             qPrintable(missing.errorMessage()));
    QCOMPARE(keysOf(missing.result), QStringList{QStringLiteral("error")});
}

void TestToolExecutor::runCodeAndCommandOptions()
{
    const QString sid = QStringLiteral("sandboxId");
    const ToolOutcome code
        = run(QStringLiteral("runCode"),
              {{sid, m_sandbox},
               {QStringLiteral("code"),
                QStringLiteral("import sys, os\nprint(sys.argv[1:], os.environ['GREETING'])")},
               {QStringLiteral("argv"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}},
               {QStringLiteral("envs"),
                QJsonObject{{QStringLiteral("GREETING"), QStringLiteral("hi")}}}});
    QVERIFY2(!code.isError(), qPrintable(code.errorMessage()));
    QCOMPARE(code.result,
             (QJsonObject{{QStringLiteral("exitCode"), 0},
                          {QStringLiteral("stdout"), QStringLiteral("['a', 'b'] hi\n")}}));

    // A failing command is a result (success false), not a tool error.
    const ToolOutcome failing
        = run(QStringLiteral("runCommand"),
              {{sid, m_sandbox}, {QStringLiteral("command"), QStringLiteral("echo oops; exit 3")}});
    QVERIFY(!failing.isError());
    QCOMPARE(failing.result.value(QLatin1String("success")).toBool(true), false);
    QCOMPARE(failing.result.value(QLatin1String("exitCode")).toInt(), 3);
    QCOMPARE(failing.result.value(QLatin1String("stdout")).toString(), QStringLiteral("oops\n"));

    // workingDirectory, envs, captureOutput false, timeoutSeconds 0 (the default timeout).
    run(QStringLiteral("createDirectory"),
        {{sid, m_sandbox}, {QStringLiteral("path"), QStringLiteral("work")}});
    const ToolOutcome cwd
        = run(QStringLiteral("runCommand"),
              {{sid, m_sandbox},
               {QStringLiteral("command"), QStringLiteral("pwd; echo $X")},
               {QStringLiteral("workingDirectory"), QStringLiteral("work")},
               {QStringLiteral("envs"), QJsonObject{{QStringLiteral("X"), QStringLiteral("42")}}},
               {QStringLiteral("timeoutSeconds"), 0}});
    QCOMPARE(cwd.result.value(QLatin1String("stdout")).toString(),
             QStringLiteral("/home/daytona/work\n42\n"));
    const ToolOutcome quiet = run(QStringLiteral("runCommand"),
                                  {{sid, m_sandbox},
                                   {QStringLiteral("command"), QStringLiteral("echo hidden")},
                                   {QStringLiteral("captureOutput"), false}});
    QCOMPARE(quiet.result.value(QLatin1String("stdout")).toString(QStringLiteral("absent")),
             QString());
    QCOMPARE(quiet.result.value(QLatin1String("success")).toBool(), true);

    // Invalid UTF-8 in the output is decoded with U+FFFD.
    const ToolOutcome bytes
        = run(QStringLiteral("runCommand"),
              {{sid, m_sandbox}, {QStringLiteral("command"), QStringLiteral("printf 'a\\377b'")}});
    QCOMPARE(bytes.result.value(QLatin1String("stdout")).toString(), QStringLiteral("a\uFFFDb"));
}

void TestToolExecutor::sandboxesOfThisThread()
{
    ToolContext other;
    other.threadId = QStringLiteral("thread-B");
    const ToolOutcome made
        = run(QStringLiteral("createSandbox"),
              {{QStringLiteral("name"), QStringLiteral("other-thread")},
               {QStringLiteral("language"), QStringLiteral("javascript")},
               // The model cannot move a sandbox into another thread.
               {QStringLiteral("labels"),
                QJsonObject{{QString(kThreadLabel), QStringLiteral("thread-A")},
                            {QStringLiteral("team"), QStringLiteral("web")}}},
               {QStringLiteral("envVars"),
                QJsonObject{{QStringLiteral("GREETING"), QStringLiteral("hello")}}}},
              other);
    QVERIFY2(!made.isError(), qPrintable(made.errorMessage()));
    const QString otherId = made.result.value(QLatin1String("sandboxId")).toString();
    QCOMPARE(made.createdSandbox.labels.value(QString(kThreadLabel)), QStringLiteral("thread-B"));
    QCOMPARE(made.createdSandbox.labels.value(QStringLiteral("team")), QStringLiteral("web"));

    // envVars reach every command; runCode uses the sandbox's language.
    const ToolOutcome env = run(QStringLiteral("runCommand"),
                                {{QStringLiteral("sandboxId"), otherId},
                                 {QStringLiteral("command"), QStringLiteral("echo $GREETING")}},
                                other);
    QCOMPARE(env.result.value(QLatin1String("stdout")).toString(), QStringLiteral("hello\n"));
    const ToolOutcome js
        = run(QStringLiteral("runCode"),
              {{QStringLiteral("sandboxId"), otherId},
               {QStringLiteral("code"),
                QStringLiteral("console.log([1, 2, 3].map(x => x * 2).join(','))")}},
              other);
    QVERIFY2(!js.isError(), qPrintable(js.errorMessage()));
    QCOMPARE(js.result,
             (QJsonObject{{QStringLiteral("exitCode"), 0},
                          {QStringLiteral("stdout"), QStringLiteral("2,4,6\n")}}));

    const ToolOutcome mine = run(QStringLiteral("listSandboxes"), {});
    QVERIFY2(!mine.isError(), qPrintable(mine.errorMessage()));
    const QJsonArray list = mine.result.value(QLatin1String("sandboxes")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).toObject(),
             (QJsonObject{{QStringLiteral("sandboxId"), m_sandbox},
                          {QStringLiteral("name"), QStringLiteral("reverse_string_project")},
                          {QStringLiteral("state"), QStringLiteral("started")},
                          {QStringLiteral("language"), QStringLiteral("python")}}));
    const ToolOutcome theirs = run(QStringLiteral("listSandboxes"), {}, other);
    QCOMPARE(theirs.result.value(QLatin1String("sandboxes")).toArray().size(), 1);
    QCOMPARE(theirs.result.value(QLatin1String("sandboxes"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("language"))
                 .toString(),
             QStringLiteral("javascript"));

    // Reusing a name (another conversation's "reverse_string_project") still gives a sandbox.
    const ToolOutcome again
        = run(QStringLiteral("createSandbox"),
              {{QStringLiteral("name"), QStringLiteral("reverse_string_project")}}, other);
    QVERIFY2(!again.isError(), qPrintable(again.errorMessage()));
    QVERIFY(again.result.value(QLatin1String("sandboxId")).toString() != m_sandbox);
    QVERIFY(again.createdSandbox.name.startsWith(QLatin1String("reverse_string_project-")));

    // This thread cannot delete another thread's sandbox.
    const ToolOutcome refused
        = run(QStringLiteral("deleteSandbox"), {{QStringLiteral("sandboxId"), otherId}});
    QCOMPARE(refused.errorKind, ToolOutcome::ErrorKind::NotYours);
    QVERIFY(refused.errorMessage().contains(QLatin1String("listSandboxes")));

    // getPreviewLink answers with a URL for the port.
    const ToolOutcome link
        = run(QStringLiteral("getPreviewLink"),
              {{QStringLiteral("sandboxId"), otherId}, {QStringLiteral("port"), 3000}}, other);
    QVERIFY2(!link.isError(), qPrintable(link.errorMessage()));
    QCOMPARE(keysOf(link.result),
             sorted({QStringLiteral("url"), QStringLiteral("port"), QStringLiteral("signed"),
                     QStringLiteral("expiresInSeconds")}));
    QVERIFY(link.result.value(QLatin1String("signed")).toBool());
    QCOMPARE(link.result.value(QLatin1String("port")).toInt(), 3000);
    QVERIFY(link.result.value(QLatin1String("url")).toString().startsWith(QLatin1String("http")));

    // The owner deletes it; the engine learns which id went.
    const ToolOutcome deleted
        = run(QStringLiteral("deleteSandbox"), {{QStringLiteral("sandboxId"), otherId}}, other);
    QVERIFY2(!deleted.isError(), qPrintable(deleted.errorMessage()));
    QCOMPARE(
        deleted.result,
        (QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("sandboxId"), otherId}}));
    QCOMPARE(deleted.deletedSandboxId, otherId);
}

void TestToolExecutor::unknownAndDeletedSandbox()
{
    const QString bogus = QStringLiteral("00000000-0000-4000-8000-000000000000");
    const ToolOutcome unknown = run(
        QStringLiteral("runCommand"),
        {{QStringLiteral("sandboxId"), bogus}, {QStringLiteral("command"), QStringLiteral("ls")}});
    QCOMPARE(unknown.errorKind, ToolOutcome::ErrorKind::SandboxGone);
    QCOMPARE(unknown.errorMessage(),
             QStringLiteral("sandbox %1 no longer exists; create a new one with createSandbox or "
                            "use listSandboxes to find this thread's sandboxes")
                 .arg(bogus));
    QCOMPARE(unknown.forModel, unknown.result);

    const QString id = newSandbox(QStringLiteral("short-lived"));
    QVERIFY(!id.isEmpty());
    QVERIFY(!run(QStringLiteral("deleteSandbox"), {{QStringLiteral("sandboxId"), id}}).isError());
    const ToolOutcome gone = run(QStringLiteral("writeFile"),
                                 {{QStringLiteral("sandboxId"), id},
                                  {QStringLiteral("path"), QStringLiteral("a.txt")},
                                  {QStringLiteral("content"), QStringLiteral("x")}});
    QCOMPARE(gone.errorKind, ToolOutcome::ErrorKind::SandboxGone);
    QVERIFY2(gone.errorMessage().contains(QLatin1String("no longer exists")),
             qPrintable(gone.errorMessage()));
}

void TestToolExecutor::fileErrorsSayWhatWentWrong()
{
    const QString sid = QStringLiteral("sandboxId");
    const QString p = QStringLiteral("path");
    struct Case
    {
        QString tool;
        QJsonObject args;
    };
    const QList<Case> cases{
        {QStringLiteral("readFile"), {{p, QStringLiteral("/")}}},
        {QStringLiteral("listFiles"), {{p, QStringLiteral("reverse_string.py")}}},
        {QStringLiteral("listFiles"), {{p, QStringLiteral("no/such/dir")}}},
        {QStringLiteral("writeFile"),
         {{p, QStringLiteral("reverse_string.py/inner.txt")},
          {QStringLiteral("content"), QStringLiteral("x")}}},
        {QStringLiteral("deleteFile"), {{p, QStringLiteral("no-such-file")}}},
        {QStringLiteral("getFileInfo"), {{p, QStringLiteral("no-such-file")}}},
        {QStringLiteral("getFileSize"), {{p, QStringLiteral("no-such-file")}}},
        {QStringLiteral("watchDirectory"),
         {{p, QStringLiteral("no-such-dir")}, {QStringLiteral("watchDuration"), 100}}},
    };
    for (Case c : cases) {
        c.args.insert(sid, m_sandbox);
        const ToolOutcome o = run(c.tool, c.args);
        qInfo() << c.tool << o.errorMessage();
        QVERIFY2(o.isError(), qPrintable(c.tool));
        QCOMPARE(keysOf(o.result), QStringList{QStringLiteral("error")});
        // The message names the absolute path and is more than a status code.
        QVERIFY2(o.errorMessage().contains(QLatin1String("/home/daytona")),
                 qPrintable(o.errorMessage()));
        QVERIFY2(o.errorMessage().size() > 40, qPrintable(o.errorMessage()));
    }
}

void TestToolExecutor::pathEscapesAreRefused()
{
    for (const QString &tool : {QStringLiteral("readFile"), QStringLiteral("deleteFile"),
                                QStringLiteral("listFiles"), QStringLiteral("getFileInfo")}) {
        const ToolOutcome o = run(tool,
                                  {{QStringLiteral("sandboxId"), m_sandbox},
                                   {QStringLiteral("path"), QStringLiteral("../../etc/passwd")}});
        QCOMPARE(o.errorKind, ToolOutcome::ErrorKind::PathRefused);
        QVERIFY2(o.errorMessage().contains(QLatin1String("escapes")), qPrintable(o.errorMessage()));
    }
    const ToolOutcome bulk
        = run(QStringLiteral("writeFiles"),
              {{QStringLiteral("sandboxId"), m_sandbox},
               {QStringLiteral("files"),
                QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("ok.txt")},
                                       {QStringLiteral("data"), QStringLiteral("x")}},
                           QJsonObject{{QStringLiteral("path"), QStringLiteral("a/../../x")},
                                       {QStringLiteral("data"), QStringLiteral("x")}}}}});
    QCOMPARE(bulk.errorKind, ToolOutcome::ErrorKind::PathRefused);
    QVERIFY2(bulk.errorMessage().startsWith(QLatin1String("files[1].path refused")),
             qPrintable(bulk.errorMessage()));
    // Nothing of the refused batch was written.
    QCOMPARE(run(QStringLiteral("checkFileExists"),
                 {{QStringLiteral("sandboxId"), m_sandbox},
                  {QStringLiteral("path"), QStringLiteral("ok.txt")}})
                 .result.value(QLatin1String("exists"))
                 .toBool(true),
             false);
    const ToolOutcome home = run(
        QStringLiteral("deleteFile"),
        {{QStringLiteral("sandboxId"), m_sandbox}, {QStringLiteral("path"), QStringLiteral("/")}});
    QCOMPARE(home.errorKind, ToolOutcome::ErrorKind::PathRefused);
}

void TestToolExecutor::commandTimeout()
{
    const ToolOutcome o = run(QStringLiteral("runCommand"),
                              {{QStringLiteral("sandboxId"), m_sandbox},
                               {QStringLiteral("command"), QStringLiteral("sleep 30")},
                               {QStringLiteral("timeoutSeconds"), 1}});
    QCOMPARE(o.errorKind, ToolOutcome::ErrorKind::TimedOut);
    QVERIFY2(o.errorMessage().startsWith(
                 QLatin1String("the command timed out after 1 seconds and was stopped: sleep 30")),
             qPrintable(o.errorMessage()));
    QVERIFY(o.durationMs < 25000);
}

void TestToolExecutor::hugeOutputIsCappedOnlyForTheModel()
{
    const ToolOutcome o = run(QStringLiteral("runCommand"),
                              {{QStringLiteral("sandboxId"), m_sandbox},
                               {QStringLiteral("command"), QStringLiteral("seq 1 60000")}});
    QVERIFY2(!o.isError(), qPrintable(o.errorMessage()));
    const QString whole = o.result.value(QLatin1String("stdout")).toString();
    QVERIFY(whole.startsWith(QLatin1String("1\n2\n3\n")));
    QVERIFY(whole.endsWith(QLatin1String("59999\n60000\n")));
    QCOMPARE(whole.count(QLatin1Char('\n')), 60000);
    const QString model = o.forModel.value(QLatin1String("stdout")).toString();
    QVERIFY(o.truncatedForModel);
    QVERIFY(model.size() <= 64 * 1024);
    QVERIFY(model.startsWith(QLatin1String("1\n2\n3\n")));
    QVERIFY(model.endsWith(QLatin1String("60000\n")));
    QVERIFY(model.contains(QLatin1String(" characters omitted ...]")));
    QCOMPARE(o.forModel.value(QLatin1String("exitCode")).toInt(-1), 0);
}

void TestToolExecutor::binaryFileIsDescribedNotReturned()
{
    const ToolOutcome made = run(
        QStringLiteral("runCommand"),
        {{QStringLiteral("sandboxId"), m_sandbox},
         {QStringLiteral("command"),
          QStringLiteral("printf 'PK\\003\\004\\000\\001' > blob.bin && sha256sum blob.bin")}});
    QVERIFY2(made.result.value(QLatin1String("success")).toBool(),
             qPrintable(made.result.value(QLatin1String("stdout")).toString()));
    const QString sha
        = made.result.value(QLatin1String("stdout")).toString().section(QLatin1Char(' '), 0, 0);
    const ToolOutcome o = run(QStringLiteral("readFile"),
                              {{QStringLiteral("sandboxId"), m_sandbox},
                               {QStringLiteral("path"), QStringLiteral("blob.bin")}});
    QCOMPARE(o.errorKind, ToolOutcome::ErrorKind::BinaryContent);
    QCOMPARE(
        o.errorMessage().section(QLatin1Char(';'), 0, 0),
        QStringLiteral("/home/daytona/blob.bin is a binary file, 6 bytes, sha256 %1").arg(sha));
    QVERIFY(!o.result.contains(QLatin1String("content")));
}

void TestToolExecutor::stoppedSandboxIsStartedFirst()
{
    const DaytonaResult stopped = awaitResult(m_client->stopAndWait(m_sandbox));
    QVERIFY2(stopped.ok(), qPrintable(stopped.error.message));
    const ToolOutcome o
        = run(QStringLiteral("runCommand"),
              {{QStringLiteral("sandboxId"), m_sandbox},
               {QStringLiteral("command"), QStringLiteral("cat reverse_string.py")}});
    QVERIFY2(!o.isError(), qPrintable(o.errorMessage()));
    QVERIFY(o.result.value(QLatin1String("stdout"))
                .toString()
                .contains(QLatin1String("def reverse_string")));
    const ToolOutcome list = run(QStringLiteral("listSandboxes"), {});
    QCOMPARE(list.result.value(QLatin1String("sandboxes"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("state"))
                 .toString(),
             QStringLiteral("started"));
}

void TestToolExecutor::watchDirectorySeesChanges()
{
    const QString sid = QStringLiteral("sandboxId");
    const ToolOutcome setup
        = run(QStringLiteral("runCommand"),
              {{sid, m_sandbox},
               {QStringLiteral("command"),
                QStringLiteral("mkdir -p watched/sub && echo a > watched/old.txt && echo b > "
                               "watched/sub/keep.txt")}});
    QVERIFY2(setup.result.value(QLatin1String("success")).toBool(),
             qPrintable(setup.errorMessage()));

    ToolContext fast = m_context;
    fast.watchIntervalMs = 150;
    ToolExecution *watch = m_executor->execute(QStringLiteral("watchDirectory"),
                                               {{sid, m_sandbox},
                                                {QStringLiteral("path"), QStringLiteral("watched")},
                                                {QStringLiteral("recursive"), true},
                                                {QStringLiteral("watchDuration"), 6000}},
                                               fast);
    QSignalSpy watchSpy(watch, &ToolExecution::finished);
    // Meanwhile a command (another tool call of the same step) changes the folder.
    ToolExecution *changer = m_executor->execute(
        QStringLiteral("runCommand"),
        {{sid, m_sandbox},
         {QStringLiteral("command"),
          QStringLiteral("sleep 1; echo new > watched/new.txt; sleep 0.5; "
                         "echo more >> watched/sub/keep.txt; sleep 0.5; rm watched/old.txt")}},
        m_context);
    QSignalSpy changerSpy(changer, &ToolExecution::finished);
    QVERIFY(changerSpy.wait(30000));
    QVERIFY(watchSpy.count() == 1 || watchSpy.wait(30000));
    const ToolOutcome o = watchSpy.first().first().value<ToolOutcome>();
    QVERIFY2(!o.isError(), qPrintable(o.errorMessage()));
    QCOMPARE(
        keysOf(o.result),
        sorted({QStringLiteral("watchStarted"), QStringLiteral("path"), QStringLiteral("events")}));
    QCOMPARE(o.result.value(QLatin1String("watchStarted")).toBool(), true);
    QCOMPARE(o.result.value(QLatin1String("path")).toString(),
             QStringLiteral("/home/daytona/watched"));
    QStringList seen;
    for (const QJsonValue &v : o.result.value(QLatin1String("events")).toArray()) {
        const QJsonObject e = v.toObject();
        QCOMPARE(
            keysOf(e),
            sorted({QStringLiteral("type"), QStringLiteral("name"), QStringLiteral("timestamp")}));
        QVERIFY(
            QDateTime::fromString(e.value(QLatin1String("timestamp")).toString(), Qt::ISODateWithMs)
                .isValid());
        seen << e.value(QLatin1String("type")).toString() + QLatin1Char(' ')
                + e.value(QLatin1String("name")).toString();
    }
    QCOMPARE(seen,
             (QStringList{QStringLiteral("add new.txt"), QStringLiteral("change sub/keep.txt"),
                          QStringLiteral("delete old.txt")}));
    QVERIFY(o.durationMs >= 6000);
}

void TestToolExecutor::cancelStopsTheCommand()
{
    ToolExecution *execution
        = m_executor->execute(QStringLiteral("runCommand"),
                              {{QStringLiteral("sandboxId"), m_sandbox},
                               {QStringLiteral("command"), QStringLiteral("sleep 77")}},
                              m_context);
    QSignalSpy spy(execution, &ToolExecution::finished);
    const QByteArrayList sleeper{"sleep", "77"};
    QTRY_VERIFY_WITH_TIMEOUT(!hostProcessesWithCommandLine(sleeper).isEmpty(), 20000);
    QCOMPARE(spy.count(), 0);
    execution->cancel();
    QCOMPARE(spy.count(), 1);
    const ToolOutcome o = spy.first().first().value<ToolOutcome>();
    QCOMPARE(o.errorKind, ToolOutcome::ErrorKind::Cancelled);
    QCOMPARE(o.errorMessage(),
             QStringLiteral("runCommand was cancelled by the user; the command was stopped"));
    QTRY_VERIFY_WITH_TIMEOUT(hostProcessesWithCommandLine(sleeper).isEmpty(), 10000);
    // An absence: no second finished() may follow, so there is no event to wait for.
    QTest::qWait(300);
    QCOMPARE(spy.count(), 1); // exactly once
    // The sandbox is still usable afterwards.
    const ToolOutcome after = run(QStringLiteral("runCommand"),
                                  {{QStringLiteral("sandboxId"), m_sandbox},
                                   {QStringLiteral("command"), QStringLiteral("echo still here")}});
    QCOMPARE(after.result.value(QLatin1String("stdout")).toString(),
             QStringLiteral("still here\n"));
}

void TestToolExecutor::serverUnavailableAndUnknownTool()
{
    ToolExecutor broken(
        [](QString *error) -> DaytonaClient * {
            *error = QStringLiteral(
                "bubblewrap (bwrap) is not installed, so the local sandbox cannot run");
            return nullptr;
        },
        m_catalog);
    ToolExecution *e = broken.execute(QStringLiteral("createSandbox"), {}, m_context);
    QSignalSpy spy(e, &ToolExecution::finished);
    QVERIFY(spy.wait(5000));
    const ToolOutcome o = spy.first().first().value<ToolOutcome>();
    QCOMPARE(o.errorKind, ToolOutcome::ErrorKind::ServerUnavailable);
    QVERIFY2(o.errorMessage().contains(QLatin1String("bubblewrap (bwrap) is not installed")),
             qPrintable(o.errorMessage()));

    const ToolOutcome unknown
        = run(QStringLiteral("runShell"), {{QStringLiteral("command"), QStringLiteral("ls")}});
    QCOMPARE(unknown.errorKind, ToolOutcome::ErrorKind::UnknownTool);
    QVERIFY(unknown.errorMessage().contains(QLatin1String("runCommand")));

    // A server that is not there: a clear "cannot reach" error, not an empty object.
    DaytonaClient nowhere(DaytonaConfig::fromValues(
        QStringLiteral("t"), QStringLiteral("http://127.0.0.1:9/api"), QString()));
    ToolExecutor offline(nowhere, m_catalog);
    ToolExecution *e2 = offline.execute(QStringLiteral("listSandboxes"), {}, m_context);
    QSignalSpy spy2(e2, &ToolExecution::finished);
    QVERIFY(spy2.wait(60000));
    const ToolOutcome o2 = spy2.first().first().value<ToolOutcome>();
    QCOMPARE(o2.errorKind, ToolOutcome::ErrorKind::ServerUnavailable);
    QVERIFY(o2.errorMessage().size() > 20);
}

QTEST_GUILESS_MAIN(TestToolExecutor)
#include "tst_toolexecutor.moc"
