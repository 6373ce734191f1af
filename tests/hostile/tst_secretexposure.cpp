// Secrets other local users could read (issue 14 item 12): a sandbox's environment on bwrap's
// command line (/proc/PID/cmdline is readable by everyone), agent-sandboxd's token on its own,
// sandbox state files readable by everyone, and the app's memory in a core dump or through
// ptrace. Each case looks from the host side, as another user would.
#include "../app/localsandbox/SandboxTestSupport.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxProcess.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxWaiter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr int kNobody = 65534;

QByteArray randomValue(const char *prefix)
{
    return QByteArray(prefix) + QByteArray::number(QRandomGenerator::global()->generate64(), 36)
        + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

// Every process on the host whose command line contains `needle`, as "pid: cmdline".
QStringList commandLinesWith(const QByteArray &needle, int *scanned)
{
    QStringList found;
    *scanned = 0;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool ok = false;
        entry.toInt(&ok);
        if (!ok)
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(entry));
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        ++*scanned;
        QByteArray text = cmdline.readAll();
        if (text.contains(needle))
            found << entry + QStringLiteral(": ") + QString::fromUtf8(text.replace('\0', ' '));
    }
    return found;
}

// This test's descendants whose command line starts with the bwrap executable.
int runningBwraps()
{
    const QHash<int, int> parentOf = hostParents();
    const int self = int(QCoreApplication::applicationPid());
    int n = 0;
    for (auto it = parentOf.cbegin(); it != parentOf.cend(); ++it) {
        if (!descendsFrom(parentOf, it.key(), self))
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(it.key()));
        if (cmdline.open(QIODevice::ReadOnly)
            && cmdline.readAll().split('\0').value(0).endsWith("bwrap"))
            ++n;
    }
    return n;
}

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

// Whether uid may reach path: search permission on every folder above it.
bool reachableBy(const QString &path, uid_t uid, gid_t gid)
{
    for (QString p = QFileInfo(path).absolutePath(); !p.isEmpty(); p = QFileInfo(p).path()) {
        struct stat st
        {
        };
        if (::stat(QFile::encodeName(p).constData(), &st) != 0)
            return false;
        const bool ok = (st.st_mode & S_IXOTH) || (st.st_uid == uid && (st.st_mode & S_IXUSR))
            || (st.st_gid == gid && (st.st_mode & S_IXGRP));
        if (!ok)
            return false;
        if (p == QLatin1String("/"))
            break;
    }
    return true;
}

} // namespace

class TestSecretExposure final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void environmentNotOnCommandLine();
    void sandboxStateFilesArePrivate();
    void sandboxdTokenOffCommandLine();
    void appIsNotDumpable();

private:
    struct Daemon
    {
        QString url;
        QString key;
        QByteArray err;
        int exitCode = -1;
        qint64 pid = 0;
    };
    // Starts agent-sandboxd; waits for its two lines (or its exit). Leaves it running in
    // `process` when it started.
    Daemon startDaemon(QProcess &process, const QStringList &arguments,
                       const QProcessEnvironment &env);

    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    Sandbox m_sandbox;
};

void TestSecretExposure::initTestCase()
{
    QVERIFY(m_dir.isValid());
    LocalSandboxOptions options;
    options.dataDir = m_dir.filePath(QStringLiteral("data"));
    const QString started = startTestSandboxServer(m_dir.path(), options, m_server, m_client);
    QVERIFY2(started.isEmpty(), qPrintable(started));
}

void TestSecretExposure::environmentNotOnCommandLine()
{
    const QByteArray created = randomValue("created-secret-");
    const QByteArray perCall = randomValue("call-secret-");
    CreateSandboxParams params;
    params.env.insert(QStringLiteral("CREATED_SECRET"), QString::fromLatin1(created));
    const DaytonaResult made = awaitResult(m_client->createAndWait(params));
    QVERIFY2(made.ok(), qPrintable(made.error.message));
    m_sandbox = made.sandbox;

    // The command waits for a file the test writes once it has looked at every process.
    DaytonaCall *run = m_client->execute(
        m_sandbox,
        QStringLiteral(
            "while [ ! -e go ]; do sleep 0.05; done; echo \"$CREATED_SECRET $CALL_SECRET\""),
        QString(), {{QStringLiteral("CALL_SECRET"), QString::fromLatin1(perCall)}}, 60);
    QSignalSpy finished(run, &DaytonaCall::finished);
    QTRY_VERIFY_WITH_TIMEOUT(runningBwraps() > 0, 20000);
    int scanned = 0;
    const QStringList withCreated = commandLinesWith(created, &scanned);
    const QStringList withCall = commandLinesWith(perCall, &scanned);
    qInfo() << "tried: read /proc/*/cmdline of" << scanned << "host processes while a command with"
            << "two secret environment values ran; result:" << withCreated.size() + withCall.size()
            << "command lines hold them";
    QFile go(m_server->registry().homeDir(m_sandbox.id) + QStringLiteral("/go"));
    QVERIFY(go.open(QIODevice::WriteOnly));
    go.close();
    QVERIFY(finished.wait(30000));
    const DaytonaResult result = finished.first().first().value<DaytonaResult>();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    // The values did reach the command (the check above is not vacuous).
    QCOMPARE(ExecResult::fromJson(result.json().object()).result.trimmed(),
             QString::fromLatin1(created + ' ' + perCall));
    QVERIFY2(withCreated.isEmpty(), qPrintable(withCreated.join(QLatin1Char('\n'))));
    QVERIFY2(withCall.isEmpty(), qPrintable(withCall.join(QLatin1Char('\n'))));

    // A NUL in a value cannot smuggle bwrap options in (the arguments are NUL-separated).
    const DaytonaResult smuggled = awaitResult(m_client->execute(
        m_sandbox, QStringLiteral("echo \"[$X]\"; ls /host-root 2>&1 | head -1"), QString(),
        {{QStringLiteral("X"), QStringLiteral("a\u0000--bind\u0000/\u0000/host-root")}}, 30));
    QVERIFY2(smuggled.ok(), qPrintable(smuggled.error.message));
    const QString out = ExecResult::fromJson(smuggled.json().object()).result;
    qInfo().noquote() << "tried: an environment value with NUL + '--bind / /host-root'; result:"
                      << out.trimmed().replace(QLatin1Char('\n'), QLatin1String(" | "));
    QVERIFY2(out.startsWith(QLatin1String("[a]\n")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("No such file")), qPrintable(out));
}

void TestSecretExposure::sandboxStateFilesArePrivate()
{
    QVERIFY(!m_sandbox.id.isEmpty());
    const QString root = m_server->registry().rootDir();
    const QString state = root + QLatin1Char('/') + m_sandbox.id + QStringLiteral(".json");
    const int fileMode = modeOf(state);
    const int dirMode = modeOf(root);
    const int homeMode = modeOf(m_server->registry().homeDir(m_sandbox.id));
    qInfo() << "tried: the modes of the sandbox state (holding its environment); result: file"
            << QString::number(fileMode, 8) << "folder" << QString::number(dirMode, 8) << "home"
            << QString::number(homeMode, 8);
    QFile file(state);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("CREATED_SECRET")); // the file that matters
    QCOMPARE(fileMode, 0600);
    // Others may at most traverse (as root, the sandboxes' user nobody must reach the homes).
    QCOMPARE(dirMode & 0066, 0);
    QCOMPARE(homeMode & 0077, 0);
}

TestSecretExposure::Daemon TestSecretExposure::startDaemon(QProcess &process,
                                                           const QStringList &arguments,
                                                           const QProcessEnvironment &env)
{
    Daemon d;
    process.setProcessEnvironment(env);
    process.setProgram(QStringLiteral(AGENT_SANDBOXD_BIN));
    process.setArguments(arguments);
    process.start();
    if (!process.waitForStarted())
        return d;
    d.pid = process.processId();
    (void)QTest::qWaitFor(
        [&] {
            while (process.canReadLine()) {
                const QString line = QString::fromUtf8(process.readLine()).trimmed();
                if (line.startsWith(QLatin1String("DAYTONA_API_URL=")))
                    d.url = line.mid(16);
                else if (line.startsWith(QLatin1String("DAYTONA_API_KEY=")))
                    d.key = line.mid(16);
            }
            return (!d.url.isEmpty() && !d.key.isEmpty())
                || process.state() == QProcess::NotRunning;
        },
        15000);
    d.err = process.readAllStandardError();
    if (process.state() == QProcess::NotRunning)
        d.exitCode = process.exitCode();
    return d;
}

void TestSecretExposure::sandboxdTokenOffCommandLine()
{
    const QString data = m_dir.filePath(QStringLiteral("sandboxd"));
    QVERIFY(QDir().mkpath(data));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();

    // 1. From the environment.
    const QByteArray fromEnv = randomValue("env-token-");
    {
        QProcessEnvironment withToken = env;
        withToken.insert(QStringLiteral("AGENT_SANDBOXD_TOKEN"), QString::fromLatin1(fromEnv));
        QProcess daemon;
        const Daemon d = startDaemon(daemon, {QStringLiteral("--data-dir"), data}, withToken);
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(d.pid));
        const QByteArray line
            = cmdline.open(QIODevice::ReadOnly) ? cmdline.readAll() : QByteArray();
        qInfo() << "tried: agent-sandboxd with AGENT_SANDBOXD_TOKEN; result: key"
                << (d.key == QLatin1String(fromEnv) ? "is that token" : "is another")
                << ", cmdline holds it:" << line.contains(fromEnv);
        QCOMPARE(d.key, QString::fromLatin1(fromEnv));
        QVERIFY(!line.isEmpty());
        QVERIFY(!line.contains(fromEnv));
        daemon.terminate();
        QVERIFY(daemon.waitForFinished(10000));
    }
    // 2. From a private file.
    const QByteArray fromFile = randomValue("file-token-");
    const QString tokenFile = m_dir.filePath(QStringLiteral("token"));
    {
        QFile file(tokenFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(fromFile + '\n');
        file.close();
        QVERIFY(::chmod(QFile::encodeName(tokenFile).constData(), 0600) == 0);
        QProcess daemon;
        const Daemon d = startDaemon(
            daemon, {QStringLiteral("--data-dir"), data, QStringLiteral("--token-file"), tokenFile},
            env);
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(d.pid));
        const QByteArray line
            = cmdline.open(QIODevice::ReadOnly) ? cmdline.readAll() : QByteArray();
        qInfo() << "tried: agent-sandboxd --token-file (0600); result: key"
                << (d.key == QLatin1String(fromFile) ? "is the file's" : "is another")
                << ", cmdline holds it:" << line.contains(fromFile) << d.err;
        QCOMPARE(d.key, QString::fromLatin1(fromFile));
        QVERIFY(!line.contains(fromFile));
        daemon.terminate();
        QVERIFY(daemon.waitForFinished(10000));
    }
    // 3. A token file others may read is refused, with what to do.
    {
        QVERIFY(::chmod(QFile::encodeName(tokenFile).constData(), 0644) == 0);
        QProcess daemon;
        const Daemon d = startDaemon(
            daemon, {QStringLiteral("--data-dir"), data, QStringLiteral("--token-file"), tokenFile},
            env);
        qInfo() << "tried: a token file of mode 0644; result: exit" << d.exitCode << d.err;
        QCOMPARE(d.exitCode, 2);
        QVERIFY(d.key.isEmpty());
        QVERIFY2(d.err.contains("chmod 600"), d.err.constData());
    }
    // 4. --token still works, with a warning that says why not to.
    {
        QProcess daemon;
        const Daemon d = startDaemon(daemon,
                                     {QStringLiteral("--data-dir"), data, QStringLiteral("--token"),
                                      QStringLiteral("visible-token-123")},
                                     env);
        qInfo() << "tried: --token on the command line; result: key" << d.key << d.err;
        QCOMPARE(d.key, QStringLiteral("visible-token-123"));
        QVERIFY2(d.err.contains("every local user can read it"), d.err.constData());
        daemon.terminate();
        QVERIFY(daemon.waitForFinished(10000));
    }
}

void TestSecretExposure::appIsNotDumpable()
{
    // /proc/PID of a process that is not dumpable belongs to root, whoever runs it: seen from
    // outside, that is the only trace of PR_SET_DUMPABLE. So the app runs as a user that is not
    // root (nobody when this test is root).
    const bool root = ::geteuid() == 0;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
    const QString data = dir.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(data));
    QString program = QStringLiteral(AGENT_STUDIO_BIN);
    if (root) {
        QVERIFY(::chown(QFile::encodeName(data).constData(), kNobody, kNobody) == 0);
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (root && !reachableBy(program, kNobody, kNobody)) {
        // A build tree under a private folder: nobody runs a copy, and copies of the project's
        // shared libraries where a build has them (the dev and asan presets), found first
        // through LD_LIBRARY_PATH.
        const QString copy = dir.filePath(QStringLiteral("agent-studio"));
        QVERIFY(QFile::copy(program, copy));
        program = copy;
        const QString libraries = dir.filePath(QStringLiteral("lib"));
        QVERIFY(QDir().mkpath(libraries));
        for (const char *library :
             {"app/libstudio_core.so", "app/notify/libstudio_notify.so", "ui/libstudio_ui.so"}) {
            const QString built = QStringLiteral(STUDIO_BINARY_DIR "/") + QLatin1String(library);
            if (QFile::exists(built))
                QVERIFY(
                    QFile::copy(built, libraries + QLatin1Char('/') + QFileInfo(built).fileName()));
        }
        env.insert(QStringLiteral("LD_LIBRARY_PATH"), libraries);
    }
    QProcess app;
    env.insert(QStringLiteral("HOME"), data);
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    app.setProcessEnvironment(env);
    app.setWorkingDirectory(data);
    if (root) {
        app.setChildProcessModifier([] {
            if (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)
                ::_exit(126);
        });
    }
    // `keys set` opens the data folder, then waits for the key on stdin: alive long enough.
    app.start(program,
              {QStringLiteral("--data-dir"), data, QStringLiteral("keys"), QStringLiteral("set"),
               QStringLiteral("openai")});
    QVERIFY(app.waitForStarted());
    const QString database = data + QStringLiteral("/studio.sqlite3");
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(database) || app.state() == QProcess::NotRunning, 20000);
    QCOMPARE(app.state(), QProcess::Running);
    // The files under /proc/PID (not the folder itself) change owner.
    auto ownerOf = [&app](const char *file) {
        struct stat st
        {
        };
        const QString path
            = QStringLiteral("/proc/%1/%2").arg(app.processId()).arg(QLatin1String(file));
        return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_uid) : -1;
    };
    const int status = ownerOf("status");
    const int environ = ownerOf("environ");
    const uid_t runAs = root ? uid_t(kNobody) : ::geteuid();
    qInfo() << "tried: agent-studio run as uid" << runAs << "; result: /proc/PID/status and"
            << "environ belong to uid" << status << environ
            << (status == 0 ? "(not dumpable)" : "(dumpable: ptrace and core dumps possible)");
    app.closeWriteChannel();
    QVERIFY(app.waitForFinished(20000));
    QCOMPARE(status, 0);
    QCOMPARE(environ, 0);
}

QTEST_GUILESS_MAIN(TestSecretExposure)
#include "tst_secretexposure.moc"
