// The sandbox client's full suite against the real local server: real HTTP on 127.0.0.1, real
// bubblewrap sandboxes, real files. The brief's flow, every other call, timeouts, output caps,
// isolation as the sandboxed process sees it, path confinement, restarts.
#include "SandboxTestSupport.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxProcess.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "sandbox/SandboxLister.h"
#include "sandbox/SandboxWaiter.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <sys/stat.h>
#include <unistd.h>

class TestLocalSandbox final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void briefFlow();
    void rejectsWrongToken();
    void fileOperations();
    void bulkDownloadReportsMissingFiles();
    void executeOptions();
    void timeoutKillsTheCommandAndItsChildren();
    void outputIsCappedWithMarker();
    void codeRun();
    void isolationAsTheSandboxSeesIt();
    void sandboxRunsAsUnprivilegedHostUser();
    void networkIsOffByDefault();
    void forkBombIsContained();
    void seccompDeniesKernelAttackSurface();
    void symlinkAndDotDotEscapesAreRefused();
    void lifecycleStopKillsAndStartResumes();
    void listFiltersByLabels();
    void toolboxUrlIsResolvedWhenMissing();
    void previewAndDirectories();
    void stateSurvivesRestart();
    void duplicateNameConflicts();
    void backendPicksLocalWithoutKey();
    void idleSandboxesAutoStopAndAutoDelete();

private:
    Sandbox create(const QString &name, const StringMap &labels = {},
                   const QString &language = QStringLiteral("python"));
    ExecResult run(const Sandbox &sandbox, const QString &command, int timeout = 60);
    void startServer();

    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    QString m_token;
    quint16 m_port = 0;
    QString m_decoy; // a host file outside every sandbox
};

void TestLocalSandbox::startServer()
{
    LocalSandboxOptions options;
    options.dataDir = m_dir.path() + QStringLiteral("/data");
    options.token = m_token;
    options.port = m_port;
    options.outputCap = 64 * 1024;
    m_server = std::make_unique<LocalSandboxServer>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_port = m_server->port();
    m_token = m_server->token();
    m_client = std::make_unique<DaytonaClient>(
        DaytonaConfig::fromValues(m_server->token(), m_server->apiUrl().toString(), QString()));
}

void TestLocalSandbox::initTestCase()
{
    const QString problem = SandboxProcess::hostProblem();
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    QVERIFY(m_dir.isValid());
    // When the tests run as root the sandboxes run as nobody, who must be able to traverse to
    // the sandbox homes (the server refuses to start otherwise; see stateSurvivesRestart).
    QVERIFY(::chmod(QFile::encodeName(m_dir.path()).constData(), 0711) == 0);
    QVERIFY(QDir().mkpath(m_dir.path() + QStringLiteral("/data")));
    m_decoy = m_dir.path() + QStringLiteral("/host-decoy.txt");
    QFile decoy(m_decoy);
    QVERIFY(decoy.open(QIODevice::WriteOnly));
    decoy.write("original\n");
    decoy.close();
    startServer();
}

void TestLocalSandbox::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

Sandbox TestLocalSandbox::create(const QString &name, const StringMap &labels,
                                 const QString &language)
{
    CreateSandboxParams params;
    params.name = name;
    params.labels = labels;
    params.language = language;
    const DaytonaResult r = awaitResult(m_client->createAndWait(params));
    [&] { QVERIFY2(r.ok(), qPrintable(r.error.message)); }();
    return r.sandbox;
}

ExecResult TestLocalSandbox::run(const Sandbox &sandbox, const QString &command, int timeout)
{
    const DaytonaResult r
        = awaitResult(m_client->execute(sandbox, command, QString(), {}, timeout));
    [&] { QVERIFY2(r.ok(), qPrintable(command + QStringLiteral(": ") + r.error.message)); }();
    return ExecResult::fromJson(r.json().object());
}

void TestLocalSandbox::briefFlow()
{
    const Sandbox sandbox = create(QStringLiteral("reverse_string_project"));
    QVERIFY(!QTest::currentTestFailed());
    QCOMPARE(sandbox.state, QStringLiteral("started"));
    QCOMPARE(sandbox.name, QStringLiteral("reverse_string_project"));
    QCOMPARE(sandbox.language(), QStringLiteral("python"));
    QCOMPARE(sandbox.toolboxProxyUrl, m_server->toolboxUrl());

    const QString dataDir = testDataDir() + QStringLiteral("/sandbox/reverse_string_project/");
    QList<UploadItem> files;
    for (const QString &name :
         {QStringLiteral("reverse_string.py"), QStringLiteral("test_reverse_string.py")}) {
        QFile f(dataDir + name);
        QVERIFY(f.open(QIODevice::ReadOnly));
        files.append({QStringLiteral("/home/daytona/") + name, f.readAll()});
    }
    const DaytonaResult upload = awaitResult(m_client->uploadFiles(sandbox, files));
    QVERIFY2(upload.ok(), qPrintable(upload.error.message));
    QCOMPARE(upload.json().object().value(QLatin1String("files")).toArray().size(), 2);

    const DaytonaResult exec
        = awaitResult(m_client->execute(sandbox, QStringLiteral("python3 test_reverse_string.py"),
                                        QStringLiteral("/home/daytona"), {}, 20));
    QVERIFY2(exec.ok(), qPrintable(exec.error.message));
    const ExecResult result = ExecResult::fromJson(exec.json().object());
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.result.contains(QStringLiteral("Ran 4 tests")), qPrintable(result.result));
    QVERIFY2(result.result.trimmed().endsWith(QStringLiteral("OK")), qPrintable(result.result));

    const DaytonaResult download = awaitResult(
        m_client->downloadFile(sandbox, QStringLiteral("/home/daytona/reverse_string.py")));
    QVERIFY2(download.ok(), qPrintable(download.error.message));
    QCOMPARE(download.body, files[0].content);

    const DaytonaResult removed = awaitResult(m_client->deleteSandbox(sandbox.id));
    QVERIFY2(removed.ok(), qPrintable(removed.error.message));
    QVERIFY(!QFileInfo::exists(m_server->registry().homeDir(sandbox.id)));
    const DaytonaResult gone = awaitResult(m_client->getSandbox(sandbox.id));
    QCOMPARE(gone.error.kind, SandboxError::Kind::NotFound);
    QVERIFY2(gone.error.message.contains(QStringLiteral("no longer exists")),
             qPrintable(gone.error.message));
}

void TestLocalSandbox::rejectsWrongToken()
{
    DaytonaClient wrong(DaytonaConfig::fromValues(QStringLiteral("not-the-token"),
                                                  m_server->apiUrl().toString(), QString()));
    const DaytonaResult r = awaitResult(wrong.listPage({}, QString()));
    QCOMPARE(r.httpStatus, 401);
    QCOMPARE(r.error.kind, SandboxError::Kind::BadKey);
    QVERIFY(r.error.message.contains(QStringLiteral("DAYTONA_API_KEY")));
}

void TestLocalSandbox::fileOperations()
{
    const Sandbox sb = create(QStringLiteral("files"));
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(awaitResult(m_client->createFolder(sb, QStringLiteral("/home/daytona/src/deep/er")))
                .httpStatus
            == 201);
    // '+' and spaces survive the query encoding (Go decodes '+' as a space).
    const QString odd = QStringLiteral("/home/daytona/src/a b+c.py");
    QVERIFY(awaitResult(m_client->uploadFile(sb, odd, "print('x')\nneedle here\n")).ok());
    QVERIFY(awaitResult(
                m_client->uploadFile(sb, QStringLiteral("src/deep/main.ts"), "let needle = 1;\n"))
                .ok());

    DaytonaResult r = awaitResult(m_client->listFiles(sb, QStringLiteral("/home/daytona/src")));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    const QList<FileInfo> entries = FileInfo::listFromJson(r.json().array());
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].name, QStringLiteral("a b+c.py"));
    QCOMPARE(entries[0].size, qint64(23));
    QCOMPARE(entries[0].permissions, QStringLiteral("0644"));
    QCOMPARE(entries[1].name, QStringLiteral("deep"));
    QVERIFY(entries[1].isDir);
    QVERIFY(entries[1].mode.startsWith(QLatin1Char('d')));

    // Overwriting a longer file leaves only the new bytes.
    QVERIFY(awaitResult(m_client->uploadFile(sb, QStringLiteral("over.txt"),
                                             "a much longer first version\n"))
                .ok());
    QVERIFY(awaitResult(m_client->uploadFile(sb, QStringLiteral("over.txt"), "short")).ok());
    QCOMPARE(awaitResult(m_client->downloadFile(sb, QStringLiteral("over.txt"))).body,
             QByteArray("short"));
    QCOMPARE(awaitResult(m_client->deleteFile(sb, QStringLiteral("over.txt"))).httpStatus, 204);

    r = awaitResult(m_client->fileInfo(sb, odd));
    QVERIFY(r.ok());
    QCOMPARE(FileInfo::fromJson(r.json().object()).name, QStringLiteral("a b+c.py"));
    r = awaitResult(m_client->fileInfo(sb, QStringLiteral("/home/daytona/nope")));
    QCOMPARE(r.error.kind, SandboxError::Kind::NotFound);

    // The sandboxed process sees what the host wrote, and can write over it.
    QCOMPARE(run(sb, QStringLiteral("cat 'src/a b+c.py' && echo more >> 'src/a b+c.py' && echo ok"))
                 .result,
             QStringLiteral("print('x')\nneedle here\nok\n"));

    r = awaitResult(
        m_client->searchFiles(sb, QStringLiteral("/home/daytona"), QStringLiteral("*.ts")));
    QCOMPARE(r.json().object().value(QLatin1String("files")).toArray(),
             QJsonArray{QStringLiteral("/home/daytona/src/deep/main.ts")});
    r = awaitResult(
        m_client->findInFiles(sb, QStringLiteral("/home/daytona/src"), QStringLiteral("needle")));
    const QList<FindMatch> matches = FindMatch::listFromJson(r.json().array());
    QCOMPARE(matches.size(), 2);
    QCOMPARE(matches[0].file, odd);
    QCOMPARE(matches[0].line, 2);
    QCOMPARE(matches[1].content, QStringLiteral("let needle = 1;"));

    r = awaitResult(m_client->moveFile(sb, odd, QStringLiteral("/home/daytona/src/deep/main.ts")));
    QCOMPARE(r.error.kind, SandboxError::Kind::Conflict);
    r = awaitResult(m_client->moveFile(sb, odd, QStringLiteral("/home/daytona/moved.py")));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(run(sb, QStringLiteral("ls /home/daytona")).result, QStringLiteral("moved.py\nsrc\n"));

    r = awaitResult(m_client->deleteFile(sb, QStringLiteral("/home/daytona/src")));
    QCOMPARE(r.httpStatus, 400); // a folder needs recursive=true
    QCOMPARE(
        awaitResult(m_client->deleteFile(sb, QStringLiteral("/home/daytona/src"), true)).httpStatus,
        204);
    QCOMPARE(run(sb, QStringLiteral("ls")).result, QStringLiteral("moved.py\n"));
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestLocalSandbox::bulkDownloadReportsMissingFiles()
{
    const Sandbox sb = create(QStringLiteral("bulk"));
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(
        awaitResult(m_client->uploadFiles(sb,
                                          {{QStringLiteral("a.txt"), "hello\n"},
                                           {QStringLiteral("/home/daytona/b/\u00e9.txt"), "b"}}))
            .ok());
    const QStringList paths{QStringLiteral("/home/daytona/a.txt"),
                            QStringLiteral("/home/daytona/nope"),
                            QStringLiteral("/home/daytona/b/\u00e9.txt")};
    const DaytonaResult r = awaitResult(m_client->downloadFiles(sb, paths));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QList<DownloadedFile> files;
    QString error;
    QVERIFY(DaytonaClient::parseBulkDownload(r, paths, &files, &error));
    QCOMPARE(files.size(), 3);
    QCOMPARE(files[0].content, QByteArray("hello\n"));
    QCOMPARE(files[0].errorStatus, 0);
    QCOMPARE(files[1].errorStatus, 404);
    QVERIFY(files[1].errorMessage.contains(QStringLiteral("not found")));
    QCOMPARE(files[2].content, QByteArray("b"));
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestLocalSandbox::executeOptions()
{
    CreateSandboxParams params;
    params.name = QStringLiteral("exec");
    params.env = {{QStringLiteral("FROM_CREATE"), QStringLiteral("c1")}};
    const DaytonaResult created = awaitResult(m_client->createAndWait(params));
    QVERIFY(created.ok());
    const Sandbox sb = created.sandbox;
    QVERIFY(awaitResult(m_client->createFolder(sb, QStringLiteral("work"))).ok());
    const DaytonaResult r = awaitResult(
        m_client->execute(sb,
                          QStringLiteral("pwd; echo $FROM_CREATE $FOO; echo oops >&2; env | grep "
                                         "-c DAYTONA_API || true; exit 3"),
                          QStringLiteral("/home/daytona/work"),
                          {{QStringLiteral("FOO"), QStringLiteral("bar baz")}}, 10));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    const ExecResult e = ExecResult::fromJson(r.json().object());
    QCOMPARE(e.exitCode, 3);
    // stdout and stderr merged; the server's own environment (and its key) does not leak in.
    QCOMPARE(e.result, QStringLiteral("/home/daytona/work\nc1 bar baz\noops\n0\n"));
    const DaytonaResult badEnv
        = awaitResult(m_client->execute(sb, QStringLiteral("true"), QString(),
                                        {{QStringLiteral("BAD-NAME"), QStringLiteral("x")}}));
    QCOMPARE(badEnv.httpStatus, 400);
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestLocalSandbox::timeoutKillsTheCommandAndItsChildren()
{
    const Sandbox sb = create(QStringLiteral("timeout"));
    QVERIFY(!QTest::currentTestFailed());
    QElapsedTimer clock;
    clock.start();
    const DaytonaResult r = awaitResult(
        m_client->execute(sb, QStringLiteral("sleep 100 & sleep 100"), QString(), {}, 1));
    QCOMPARE(r.httpStatus, 408);
    QCOMPARE(r.error.kind, SandboxError::Kind::CommandTimedOut);
    QVERIFY2(clock.elapsed() < 30000, "a 1 s timeout must not wait for sleep 100");
    // Neither the command nor its background child survives.
    QTRY_VERIFY_WITH_TIMEOUT(hostProcessesWithCommandLine({"sleep", "100"}).isEmpty(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(hostDescendantCount(int(QCoreApplication::applicationPid())), 0,
                              5000);
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestLocalSandbox::outputIsCappedWithMarker()
{
    const Sandbox sb = create(QStringLiteral("cap"));
    QVERIFY(!QTest::currentTestFailed());
    const ExecResult e = run(sb, QStringLiteral("yes 0123456789 | head -c 5000000; sleep 50"), 60);
    QVERIFY(e.result.startsWith(QStringLiteral("0123456789\n0123456789\n")));
    QVERIFY2(e.result.contains(QStringLiteral("[output truncated: only the first 65536 bytes")),
             qPrintable(e.result.right(200)));
    QVERIFY(e.result.size() < 65536 + 200);
    QTRY_VERIFY_WITH_TIMEOUT(hostProcessesWithCommandLine({"sleep", "50"}).isEmpty(), 5000);
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestLocalSandbox::codeRun()
{
    const Sandbox py = create(QStringLiteral("code-py"));
    QVERIFY(!QTest::currentTestFailed());
    DaytonaResult r = awaitResult(m_client->codeRun(
        py, QStringLiteral("import sys, os\nprint(sys.argv[1:], os.environ['X'])\n"), QString(),
        {QStringLiteral("a"), QStringLiteral("b")}, {{QStringLiteral("X"), QStringLiteral("42")}},
        20));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(ExecResult::fromJson(r.json().object()).result, QStringLiteral("['a', 'b'] 42\n"));

    const Sandbox js = create(QStringLiteral("code-js"), {}, QStringLiteral("javascript"));
    QCOMPARE(js.language(), QStringLiteral("javascript"));
    r = awaitResult(
        m_client->codeRun(js, QStringLiteral("console.log(process.argv.slice(1).join(','), 6*7)"),
                          QString(), {QStringLiteral("p"), QStringLiteral("q")}, {}, 20));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(ExecResult::fromJson(r.json().object()).result, QStringLiteral("p,q 42\n"));

    r = awaitResult(m_client->codeRun(js, QStringLiteral("let x: number = 1; console.log(x)"),
                                      QStringLiteral("typescript")));
    const bool haveTs = QFileInfo::exists(QStringLiteral("/usr/bin/tsx"))
        || QFileInfo::exists(QStringLiteral("/usr/bin/ts-node"))
        || QFileInfo::exists(QStringLiteral("/usr/local/bin/tsx"))
        || QFileInfo::exists(QStringLiteral("/usr/local/bin/ts-node"));
    if (!haveTs) {
        QCOMPARE(r.httpStatus, 400);
        QVERIFY2(r.error.message.contains(QStringLiteral("ts-node or tsx")),
                 qPrintable(r.error.message));
    }
    r = awaitResult(m_client->codeRun(js, QStringLiteral("x"), QStringLiteral("cobol")));
    QCOMPARE(r.httpStatus, 400);
    QVERIFY(r.error.message.contains(QStringLiteral("unsupported language: cobol")));
    QVERIFY(awaitResult(m_client->deleteSandbox(py.id)).ok());
    QVERIFY(awaitResult(m_client->deleteSandbox(js.id)).ok());
}

void TestLocalSandbox::isolationAsTheSandboxSeesIt()
{
    const Sandbox sb = create(QStringLiteral("isolation"));
    QVERIFY(!QTest::currentTestFailed());
    // The app's environment (API keys) must not be readable from any process in the sandbox,
    // bwrap itself (PID 1 there) included.
    qputenv("STUDIO_TEST_HOST_SECRET", "sk-host-canary-0123456789");
    // The host home (unless it is a folder the sandbox has its own copy of, e.g. HOME=/tmp).
    QString hostHome = QDir::homePath();
    if (hostHome == QLatin1String("/") || hostHome == QLatin1String("/tmp"))
        hostHome = QStringLiteral("/root");
    const QString dataDir = m_server->options().dataDir;
    const QString script
        = QStringLiteral(
              "for p in %1 %2 /etc/shadow /run /run/user /var/run/dbus /tmp/.X11-unix %3 "
              "%4/.local/share/keyrings; do "
              "  if [ -e \"$p\" ]; then echo \"VISIBLE $p\"; else echo \"hidden $p\"; fi; done; "
              "touch /usr/x 2>/dev/null && echo WROTE-USR || echo usr-read-only; "
              "touch /etc/x 2>/dev/null && echo WROTE-ETC || echo etc-read-only; "
              "touch ~/f && echo home-writable; touch /tmp/t && echo tmp-writable; "
              "grep CapEff /proc/self/status; "
              "unshare -U true 2>/dev/null && echo NESTED-USERNS || echo no-nested-userns; "
              "cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n' | grep -q sk-host-canary "
              "&& echo HOST-ENV-VISIBLE || echo host-env-hidden; "
              "ps -e -o comm= | wc -l")
              .arg(hostHome, dataDir, m_decoy, hostHome);
    const ExecResult e = run(sb, script);
    QVERIFY2(!e.result.contains(QStringLiteral("VISIBLE")), qPrintable(e.result));
    QVERIFY(e.result.contains(QStringLiteral("hidden /etc/shadow")));
    QVERIFY(e.result.contains(
        QStringLiteral("usr-read-only\netc-read-only\nhome-writable\ntmp-writable\n")));
    QVERIFY2(e.result.contains(QStringLiteral("CapEff:\t0000000000000000")), qPrintable(e.result));
    QVERIFY(e.result.contains(QStringLiteral("no-nested-userns")));
    qunsetenv("STUDIO_TEST_HOST_SECRET");
    QVERIFY2(e.result.contains(QStringLiteral("host-env-hidden")), qPrintable(e.result));
    // A private pid namespace: bwrap, prlimit'd bash, ps and wc at most, never the host's
    // processes.
    QVERIFY2(e.result.trimmed().split(QLatin1Char('\n')).constLast().toInt() <= 5,
             qPrintable(e.result));
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestLocalSandbox::sandboxRunsAsUnprivilegedHostUser()
{
    const Sandbox sb = create(QStringLiteral("identity"));
    QVERIFY(!QTest::currentTestFailed());
    // Inside: uid 1000, and host root's files (/usr) belong to nobody it knows: the sandbox is
    // not host root even when the server is.
    const ExecResult e = run(sb, QStringLiteral("id -u; stat -c %u /usr"));
    QCOMPARE(e.result, QStringLiteral("1000\n65534\n"));
    // Outside: the real host uid of a sandboxed process.
    auto *call = m_client->execute(sb, QStringLiteral("exec sleep 7.25"), QString(), {}, 30);
    QSignalSpy done(call, &DaytonaCall::finished);
    QTRY_VERIFY_WITH_TIMEOUT(!hostProcessesWithCommandLine({"sleep", "7.25"}).isEmpty(), 10000);
    const int uid = hostUidOf(hostProcessesWithCommandLine({"sleep", "7.25"}).constFirst());
    if (::geteuid() == 0)
        QCOMPARE(uid, 65534);
    else
        QCOMPARE(uid, int(::geteuid()));
    QVERIFY(uid != 0);
    // While it runs, the sandbox's processes are visible as our descendants (bwrap, its pid 1,
    // the command): the "nothing left" checks elsewhere can see what they look for.
    QVERIFY(hostDescendantCount(int(QCoreApplication::applicationPid())) >= 2);
    QVERIFY(done.wait(20000));
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestLocalSandbox::networkIsOffByDefault()
{
    const Sandbox sb = create(QStringLiteral("net"));
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(sb.networkBlockAll);
    // This very server listens on the host's 127.0.0.1; the sandbox must not reach it.
    const QString py
        = QStringLiteral(
              "import socket\n"
              "try:\n"
              "    socket.create_connection(('127.0.0.1', %1), timeout=3); print('CONNECTED')\n"
              "except OSError as e:\n"
              "    print('refused', e.errno)\n"
              "try:\n"
              "    socket.getaddrinfo('example.com', 80); print('RESOLVED')\n"
              "except OSError:\n"
              "    print('no-dns')\n"
              "import os; print(sorted(os.listdir('/sys/class/net')) if "
              "os.path.exists('/sys/class/net') else 'no-sys')\n")
              .arg(m_server->port());
    const DaytonaResult r = awaitResult(m_client->codeRun(sb, py, QString(), {}, {}, 30));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    const QString out = ExecResult::fromJson(r.json().object()).result;
    QVERIFY2(out.startsWith(QStringLiteral("refused")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("no-dns")), qPrintable(out));
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());

    // Opted in at create (networkBlockAll: false): network, in its own namespace; the host's
    // loopback (this server) stays out of reach (issue 14 item 4; tests/hostile has the rest).
    CreateSandboxParams params;
    params.name = QStringLiteral("net-allowed");
    params.networkBlockAll = 0;
    const DaytonaResult created = awaitResult(m_client->createAndWait(params));
    QVERIFY(created.ok());
    QVERIFY(!created.sandbox.networkBlockAll);
    const DaytonaResult allowed
        = awaitResult(m_client->codeRun(created.sandbox, py, QString(), {}, {}, 30));
    QVERIFY2(allowed.ok(), qPrintable(allowed.error.message));
    const QString out2 = ExecResult::fromJson(allowed.json().object()).result;
    QVERIFY2(out2.startsWith(QStringLiteral("refused")), qPrintable(out2));
    QVERIFY(awaitResult(m_client->deleteSandbox(created.sandbox.id)).ok());
}

void TestLocalSandbox::forkBombIsContained()
{
    const Sandbox sb = create(QStringLiteral("forkbomb"));
    QVERIFY(!QTest::currentTestFailed());
    const DaytonaResult r = awaitResult(
        m_client->execute(sb, QStringLiteral("bomb() { bomb | bomb & }; bomb"), QString(), {}, 4),
        60000);
    // The bomb either ends on its own (fork failures) or is killed at its timeout.
    QVERIFY2(r.ok() || r.httpStatus == 408, qPrintable(r.error.message));
    // The host can still fork, and the next command in the same sandbox runs.
    QCOMPARE(run(sb, QStringLiteral("echo still-fine")).result, QStringLiteral("still-fine\n"));
    // Nothing of the bomb is left on the host.
    QTRY_COMPARE_WITH_TIMEOUT(hostDescendantCount(int(QCoreApplication::applicationPid())), 0,
                              10000);
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestLocalSandbox::seccompDeniesKernelAttackSurface()
{
#if !defined(__x86_64__)
    QSKIP("the seccomp filter is built for x86_64 only");
#endif
    const Sandbox sb = create(QStringLiteral("seccomp"));
    QVERIFY(!QTest::currentTestFailed());
    const QString py = QStringLiteral(
        "import ctypes, os\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "for name, nr in "
        "[('ptrace',101),('keyctl',250),('io_uring_setup',425),('unshare',272),('mount',165),"
        "('bpf',321),('getpid',39)]:\n"
        "    r = libc.syscall(nr, 0, 0, 0, 0, 0); e = ctypes.get_errno()\n"
        "    print(name, 'EPERM' if r < 0 and e == 1 else 'ok' if r >= 0 else os.strerror(e))\n");
    const DaytonaResult r = awaitResult(m_client->codeRun(sb, py, QString(), {}, {}, 20));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(
        ExecResult::fromJson(r.json().object()).result,
        QStringLiteral(
            "ptrace EPERM\nkeyctl EPERM\nio_uring_setup EPERM\nunshare EPERM\nmount EPERM\nbpf "
            "EPERM\ngetpid ok\n"));
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestLocalSandbox::symlinkAndDotDotEscapesAreRefused()
{
    const Sandbox sb = create(QStringLiteral("escape"));
    QVERIFY(!QTest::currentTestFailed());
    // Sandboxed code plants links to host paths; the host-side file routes must not follow them.
    run(sb,
        QStringLiteral("ln -s %1 evil && ln -s / rootlink && ln -s %2 outdir && mkdir sub")
            .arg(m_decoy, m_dir.path()));
    const QList<QString> writes{QStringLiteral("evil"),
                                QStringLiteral("/home/daytona/evil"),
                                QStringLiteral("rootlink") + m_decoy,
                                QStringLiteral("outdir/host-decoy.txt"),
                                QStringLiteral("../../host-decoy.txt"),
                                QStringLiteral("/home/daytona/../../etc/x"),
                                QStringLiteral("/etc/passwd-x"),
                                m_decoy};
    for (const QString &path : writes) {
        const DaytonaResult r = awaitResult(m_client->uploadFile(sb, path, "pwned\n"));
        QVERIFY2(!r.ok(), qPrintable(path));
    }
    QFile decoy(m_decoy);
    QVERIFY(decoy.open(QIODevice::ReadOnly));
    QCOMPARE(decoy.readAll(), QByteArray("original\n"));
    QVERIFY(!QFileInfo::exists(QStringLiteral("/etc/passwd-x")));

    for (const QString &path :
         {QStringLiteral("evil"), QStringLiteral("../../../etc/shadow"),
          QStringLiteral("/etc/passwd"), QStringLiteral("rootlink/etc/passwd")}) {
        const DaytonaResult r = awaitResult(m_client->downloadFile(sb, path));
        QCOMPARE(r.error.kind, SandboxError::Kind::AccessDenied);
        QVERIFY(!r.body.contains("root:"));
    }
    DaytonaResult r = awaitResult(m_client->listFiles(sb, QStringLiteral("outdir")));
    QCOMPARE(r.error.kind, SandboxError::Kind::AccessDenied);
    r = awaitResult(m_client->deleteFile(sb, QStringLiteral("outdir/host-decoy.txt")));
    QVERIFY(!r.ok());
    QVERIFY(QFileInfo::exists(m_decoy));
    r = awaitResult(m_client->moveFile(sb, QStringLiteral("evil"), QStringLiteral("../../stolen")));
    QCOMPARE(r.error.kind, SandboxError::Kind::AccessDenied);
    // Deleting the link itself is fine and leaves the target alone.
    QCOMPARE(awaitResult(m_client->deleteFile(sb, QStringLiteral("evil"))).httpStatus, 204);
    QVERIFY(QFileInfo::exists(m_decoy));
    // A normal write still works.
    QVERIFY(awaitResult(m_client->uploadFile(sb, QStringLiteral("sub/ok.txt"), "fine")).ok());
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
    QVERIFY(QFileInfo::exists(m_decoy));
    QVERIFY(QFileInfo::exists(m_dir.path() + QStringLiteral("/data")));
}

void TestLocalSandbox::lifecycleStopKillsAndStartResumes()
{
    const Sandbox sb = create(QStringLiteral("lifecycle"));
    QVERIFY(!QTest::currentTestFailed());
    auto *longRun = m_client->execute(sb, QStringLiteral("exec sleep 61.5"));
    QSignalSpy longDone(longRun, &DaytonaCall::finished);
    QTRY_VERIFY_WITH_TIMEOUT(!hostProcessesWithCommandLine({"sleep", "61.5"}).isEmpty(), 10000);
    DaytonaResult r = awaitResult(m_client->stopAndWait(sb.id));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.sandbox.state, QStringLiteral("stopped"));
    QVERIFY(longDone.wait(10000) || longDone.size() == 1);
    QTRY_VERIFY_WITH_TIMEOUT(hostProcessesWithCommandLine({"sleep", "61.5"}).isEmpty(), 5000);
    r = awaitResult(m_client->execute(sb, QStringLiteral("true")));
    QCOMPARE(r.httpStatus, 400);
    QVERIFY(r.error.message.contains(QStringLiteral("Is the Sandbox started?")));
    r = awaitResult(m_client->startAndWait(sb.id));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.sandbox.state, QStringLiteral("started"));
    QCOMPARE(run(sb, QStringLiteral("echo back")).result, QStringLiteral("back\n"));
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.name)).ok()); // by name
}

void TestLocalSandbox::listFiltersByLabels()
{
    const Sandbox a
        = create(QStringLiteral("list-a"), {{QStringLiteral("owner"), QStringLiteral("t1")}});
    const Sandbox b
        = create(QStringLiteral("list-b"), {{QStringLiteral("owner"), QStringLiteral("t2")}});
    QVERIFY(!QTest::currentTestFailed());
    DaytonaResult r
        = awaitResult(m_client->listSandboxes({{QStringLiteral("owner"), QStringLiteral("t1")}}));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.sandboxes.size(), 1);
    QCOMPARE(r.sandboxes[0].id, a.id);
    QCOMPARE(r.sandboxes[0].labels.value(QStringLiteral("code-toolbox-language")),
             QStringLiteral("python"));
    r = awaitResult(m_client->listSandboxes());
    QVERIFY(r.sandboxes.size() >= 2);
    // Labels are replaced as a whole (PUT semantics).
    r = awaitResult(m_client->setLabels(b.id, {{QStringLiteral("owner"), QStringLiteral("t1")}}));
    QVERIFY(r.ok());
    r = awaitResult(m_client->listSandboxes({{QStringLiteral("owner"), QStringLiteral("t1")}}));
    QCOMPARE(r.sandboxes.size(), 2);
    r = awaitResult(m_client->getSandbox(b.id));
    QVERIFY(!Sandbox::fromJson(r.json().object())
                 .labels.contains(QStringLiteral("code-toolbox-language")));
    QVERIFY(awaitResult(m_client->deleteSandbox(a.id)).ok());
    QVERIFY(awaitResult(m_client->deleteSandbox(b.id)).ok());
}

void TestLocalSandbox::toolboxUrlIsResolvedWhenMissing()
{
    Sandbox sb = create(QStringLiteral("resolve"));
    QVERIFY(!QTest::currentTestFailed());
    DaytonaClient fresh(m_client->config());
    Sandbox bare;
    bare.id = sb.id; // as from an older server: no toolboxProxyUrl in the DTO
    const DaytonaResult r = awaitResult(fresh.execute(bare, QStringLiteral("echo via-endpoint")));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(ExecResult::fromJson(r.json().object()).result, QStringLiteral("via-endpoint\n"));
    QCOMPARE(fresh.toolboxUrlFor(sb.id), m_server->toolboxUrl());
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestLocalSandbox::previewAndDirectories()
{
    const Sandbox sb = create(QStringLiteral("preview"));
    QVERIFY(!QTest::currentTestFailed());
    DaytonaResult r = awaitResult(m_client->previewUrl(sb.id, 3000));
    QVERIFY(r.ok());
    // The preview proxy's own listener for (sandbox, 3000) on the host's loopback
    // (tst_preview fetches pages through it).
    const QUrl url(r.json().object().value(QLatin1String("url")).toString());
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(url.port() > 0 && url.port() != 3000 && url.port() != int(m_server->port()));
    QVERIFY(!r.json().object().value(QLatin1String("token")).toString().isEmpty());
    QCOMPARE(awaitResult(m_client->previewUrl(sb.id, 70000)).httpStatus, 400);
    r = awaitResult(m_client->workDir(sb));
    QCOMPARE(r.json().object().value(QLatin1String("dir")).toString(),
             QStringLiteral("/home/daytona"));
    r = awaitResult(m_client->userHomeDir(sb));
    QCOMPARE(r.json().object().value(QLatin1String("dir")).toString(),
             QStringLiteral("/home/daytona"));
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestLocalSandbox::stateSurvivesRestart()
{
    Sandbox kept = create(QStringLiteral("kept"), {{QStringLiteral("k"), QStringLiteral("v")}});
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(
        awaitResult(m_client->uploadFile(kept, QStringLiteral("notes.txt"), "remember me")).ok());
    const Sandbox stopped = create(QStringLiteral("stopped-one"));
    QVERIFY(awaitResult(m_client->stopAndWait(stopped.id)).ok());

    m_client.reset();
    m_server.reset();
    startServer(); // same data dir, same port and token
    QVERIFY(!QTest::currentTestFailed());

    DaytonaResult r = awaitResult(m_client->getSandbox(QStringLiteral("kept")));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    kept = Sandbox::fromJson(r.json().object());
    QCOMPARE(kept.labels.value(QStringLiteral("k")), QStringLiteral("v"));
    QCOMPARE(kept.state, QStringLiteral("started"));
    QCOMPARE(run(kept, QStringLiteral("cat notes.txt")).result, QStringLiteral("remember me"));
    r = awaitResult(m_client->getSandbox(stopped.id));
    QCOMPARE(Sandbox::fromJson(r.json().object()).state, QStringLiteral("stopped"));
    QVERIFY(awaitResult(m_client->deleteSandbox(kept.id)).ok());
    QVERIFY(awaitResult(m_client->deleteSandbox(stopped.id)).ok());

    if (::geteuid() == 0) {
        // A root server whose sandbox folder nobody can reach says so instead of failing later.
        QTemporaryDir closed;
        LocalSandboxOptions options;
        options.dataDir = closed.path();
        LocalSandboxServer server(options);
        QString error;
        QVERIFY(!server.start(&error));
        QVERIFY2(error.contains(QStringLiteral("cannot reach")), qPrintable(error));
    }
}

void TestLocalSandbox::duplicateNameConflicts()
{
    const Sandbox sb = create(QStringLiteral("twice"));
    QVERIFY(!QTest::currentTestFailed());
    CreateSandboxParams params;
    params.name = QStringLiteral("twice");
    const DaytonaResult r = awaitResult(m_client->createSandbox(params));
    QCOMPARE(r.error.kind, SandboxError::Kind::Conflict);
    QVERIFY(r.error.message.contains(QStringLiteral("already exists")));
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestLocalSandbox::backendPicksLocalWithoutKey()
{
    LocalSandboxOptions options;
    options.dataDir = m_dir.path() + QStringLiteral("/backend");
    QVERIFY(QDir().mkpath(options.dataDir));
    SandboxBackend local(DaytonaConfig::fromValues(QString(), QString(), QString()),
                         LocalSandboxServer::starter(options));
    QVERIFY(local.isLocal());
    QString error;
    DaytonaClient *client = local.client(&error);
    QVERIFY2(client, qPrintable(error));
    auto *server = qobject_cast<LocalSandboxServer *>(local.localServer());
    QVERIFY(server);
    QCOMPARE(client->config().apiUrl, server->apiUrl());
    const DaytonaResult r = awaitResult(client->listSandboxes());
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QVERIFY(r.sandboxes.isEmpty());

    SandboxBackend cloud(DaytonaConfig::fromValues(QStringLiteral("dtn_x"), QString(), QString()),
                         LocalSandboxServer::starter(options));
    QVERIFY(!cloud.isLocal());
    QCOMPARE(cloud.client(&error)->config().apiUrl.toString(),
             QStringLiteral("https://app.daytona.io/api"));
    QVERIFY(!cloud.localServer());

    // A run may still choose local sandboxes when Daytona is configured: two clients.
    DaytonaClient *localToo = cloud.client(QStringLiteral("local"), &error);
    QVERIFY2(localToo, qPrintable(error));
    QVERIFY(cloud.hasLocalServer());
    QCOMPARE(localToo->config().apiUrl,
             qobject_cast<LocalSandboxServer *>(cloud.localServer())->apiUrl());
    QVERIFY(cloud.client(QStringLiteral("daytona"), &error) != localToo);

    // Daytona without a key, or a provider nobody knows, is an error that says what to do.
    error.clear();
    QVERIFY(!local.client(QStringLiteral("daytona"), &error));
    QVERIFY2(error.contains(QStringLiteral("DAYTONA_API_KEY")), qPrintable(error));
    error.clear();
    QVERIFY(!local.client(QStringLiteral("docker"), &error));
    QVERIFY2(error.contains(QStringLiteral("local or daytona")), qPrintable(error));
}

void TestLocalSandbox::idleSandboxesAutoStopAndAutoDelete()
{
    LocalSandboxOptions options;
    options.dataDir = m_dir.path() + QStringLiteral("/idle");
    options.minuteMs = 1000; // a "minute" of the intervals
    QVERIFY(QDir().mkpath(options.dataDir));
    LocalSandboxServer server(options);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    DaytonaClient client(
        DaytonaConfig::fromValues(server.token(), server.apiUrl().toString(), QString()));
    auto make = [&](const QString &name, int autoStop, int autoDelete) {
        CreateSandboxParams p;
        p.name = name;
        p.autoStopInterval = autoStop;
        p.autoDeleteInterval = autoDelete;
        return awaitResult(client.createAndWait(p)).sandbox;
    };
    auto stateOf = [&](const QString &name) {
        const DaytonaResult r = awaitResult(client.getSandbox(name));
        return r.httpStatus == 404 ? QStringLiteral("gone")
                                   : Sandbox::fromJson(r.json().object()).state;
    };
    const Sandbox keep = make(QStringLiteral("keep"), 0, -2);
    const Sandbox busy = make(QStringLiteral("busy"), 1, -2);
    make(QStringLiteral("idle"), 1, -2);
    make(QStringLiteral("ephemeral"), 1, 0);
    make(QStringLiteral("old"), 1, 2);

    // A running command keeps its sandbox up, and idle time counts from its end.
    const DaytonaResult ran
        = awaitResult(client.execute(busy, QStringLiteral("sleep 2.5; echo done")));
    QVERIFY2(ran.ok(), qPrintable(ran.error.message));
    QCOMPARE(stateOf(QStringLiteral("busy")), QStringLiteral("started"));

    QTRY_COMPARE_WITH_TIMEOUT(stateOf(QStringLiteral("idle")), QStringLiteral("stopped"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(QStringLiteral("ephemeral")), QStringLiteral("gone"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(QStringLiteral("busy")), QStringLiteral("stopped"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(QStringLiteral("old")), QStringLiteral("gone"), 10000);
    QCOMPARE(stateOf(QStringLiteral("keep")), QStringLiteral("started")); // 0 = never
    QVERIFY(awaitResult(client.deleteSandbox(keep.id)).ok());
}

QTEST_GUILESS_MAIN(TestLocalSandbox)
#include "tst_localsandbox.moc"
