// Issue 14 item 4: what a local sandbox's network reaches, under its three egress policies
// (off, allowlist, open-but-never-the-host). The test makes its own network namespace with a veth
// pair (ip netns add; needs root, which CI has) and runs two servers in it, at 10.213.0.2 and
// 10.213.0.3; on the host it listens on 127.0.0.1, on every address (reached through the host's
// own addresses, the veth's 10.213.0.1 among them) and on an abstract Unix socket, and the local
// sandbox server has its own port. Real sandboxes (bubblewrap in pasta's namespace) try each one.
#include "../app/localsandbox/SandboxTestSupport.h"

#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxNetwork.h"
#include "sandbox/DaytonaClient.h"

#include <QHostAddress>
#include <QLocalServer>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUuid>

#include <memory>
#include <sys/stat.h>
#include <unistd.h>

class TestHostileNetwork final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void openReachesTheNetworkButNeverTheHost();
    void allowlistReachesOnlyAllowedAddresses();
    void offReachesNothing();
    void policyIsStoredAndReturned();
    void settingAppliesToNewSandboxesOnly();

private:
    // Creates a sandbox with these create-body fields; returns it.
    Sandbox create(const QString &name, int blockAll, const QString &allowList);
    // Runs the probe in the sandbox; returns its output, one line per target.
    QString probe(const Sandbox &sandbox, const QString &extraShell = QString());
    bool ip(const QStringList &args);

    std::pair<bool, QString> m_default{false, QString()}; // the "app setting" the server reads
    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    QTcpServer m_loopback;
    QTcpServer m_any;
    QLocalServer m_abstract;
    QProcess m_nsServers;
    QString m_netns;
    QString m_hostVeth;
    QStringList m_hostAddresses; // the host's own, besides loopback
};

bool TestHostileNetwork::ip(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("ip"), args);
    const bool ok = p.waitForFinished(10000) && p.exitCode() == 0;
    if (!ok)
        qWarning().noquote() << "ip" << args.join(QLatin1Char(' ')) << "->" << p.readAll();
    return ok;
}

void TestHostileNetwork::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root to make its own network namespace and veth pair (ip netns add); CI "
              "runs as root, so it runs there");
    if (QStandardPaths::findExecutable(QStringLiteral("ip"),
                                       {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                        QStringLiteral("/usr/bin"), QStringLiteral("/bin")})
            .isEmpty())
        QSKIP("needs ip (iproute2) to make its own network namespace: apt install iproute2");
    QVERIFY(m_dir.isValid());
    ::chmod(QFile::encodeName(m_dir.path()).constData(), 0755);

    LocalSandboxOptions options;
    options.dataDir = m_dir.filePath(QStringLiteral("data"));
    QVERIFY(QDir().mkpath(options.dataDir));
    options.networkDefault = [this] { return m_default; };
    m_server = std::make_unique<LocalSandboxServer>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    const QString problem = SandboxNetwork::hostProblem(m_server->runAsUid());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_client = std::make_unique<DaytonaClient>(
        DaytonaConfig::fromValues(m_server->token(), m_server->apiUrl().toString(), QString()));

    // The test's own namespace: 10.213.0.1 on the host's end, 10.213.0.2 and .3 inside.
    const QString tag = QString::number(QCoreApplication::applicationPid() % 100000);
    m_netns = QStringLiteral("hostilenet") + tag;
    m_hostVeth = QStringLiteral("hnet") + tag;
    const QString peer = QStringLiteral("hnetp") + tag;
    QVERIFY(ip({QStringLiteral("netns"), QStringLiteral("add"), m_netns}));
    QVERIFY(ip({QStringLiteral("link"), QStringLiteral("add"), m_hostVeth, QStringLiteral("type"),
                QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"), peer}));
    QVERIFY(ip(
        {QStringLiteral("link"), QStringLiteral("set"), peer, QStringLiteral("netns"), m_netns}));
    QVERIFY(ip({QStringLiteral("addr"), QStringLiteral("add"), QStringLiteral("10.213.0.1/24"),
                QStringLiteral("dev"), m_hostVeth}));
    QVERIFY(ip({QStringLiteral("link"), QStringLiteral("set"), m_hostVeth, QStringLiteral("up")}));
    for (const QString &a : {QStringLiteral("10.213.0.2/24"), QStringLiteral("10.213.0.3/24")})
        QVERIFY(ip({QStringLiteral("-n"), m_netns, QStringLiteral("addr"), QStringLiteral("add"), a,
                    QStringLiteral("dev"), peer}));
    QVERIFY(ip({QStringLiteral("-n"), m_netns, QStringLiteral("link"), QStringLiteral("set"), peer,
                QStringLiteral("up")}));

    // Two servers inside it, each answering with its own address; gone after 120 s at most.
    m_nsServers.setProcessChannelMode(QProcess::MergedChannels);
    m_nsServers.start(
        QStringLiteral("ip"),
        {QStringLiteral("netns"), QStringLiteral("exec"), m_netns, QStringLiteral("python3"),
         QStringLiteral("-c"),
         QStringLiteral(
             "import socket, threading, time, sys\n"
             "def serve(s, a):\n"
             "    while True:\n"
             "        c, _ = s.accept(); c.sendall(b'hello-from-' + a.encode()); c.close()\n"
             "for a in ['10.213.0.2', '10.213.0.3']:\n"
             "    s = socket.socket(); s.bind((a, 8080)); s.listen()\n"
             "    threading.Thread(target=serve, args=(s, a), daemon=True).start()\n"
             "print('ready', flush=True)\n"
             "time.sleep(120)\n")});
    QVERIFY(m_nsServers.waitForStarted(10000));
    QByteArray started;
    QTRY_VERIFY2_WITH_TIMEOUT((started += m_nsServers.readAll()).contains("ready"),
                              started.constData(), 10000);

    QVERIFY(m_loopback.listen(QHostAddress::LocalHost));
    QVERIFY(m_any.listen(QHostAddress::AnyIPv4));
    m_abstract.setSocketOptions(QLocalServer::AbstractNamespaceOption);
    QVERIFY(m_abstract.listen(QStringLiteral("hostilenet-")
                              + QUuid::createUuid().toString(QUuid::Id128)));
    for (const QString &cidr : SandboxNetwork::hostAddresses()) {
        if (!cidr.contains(QLatin1Char(':')))
            m_hostAddresses << cidr.section(QLatin1Char('/'), 0, 0);
    }
    QVERIFY(m_hostAddresses.contains(QStringLiteral("10.213.0.1")));
    qInfo().noquote() << "test namespace" << m_netns << "servers at 10.213.0.2:8080 and "
                      << "10.213.0.3:8080; host listens on 127.0.0.1:" << m_loopback.serverPort()
                      << ", *:" << m_any.serverPort() << " (host addresses"
                      << m_hostAddresses.join(QLatin1Char(' ')) << "), abstract @"
                      << m_abstract.fullServerName() << "; sandbox server port" << m_server->port();
}

void TestHostileNetwork::cleanupTestCase()
{
    if (m_nsServers.state() != QProcess::NotRunning) {
        m_nsServers.kill();
        m_nsServers.waitForFinished(5000);
    }
    if (!m_netns.isEmpty())
        ip({QStringLiteral("netns"), QStringLiteral("delete"), m_netns}); // takes the veth along
}

Sandbox TestHostileNetwork::create(const QString &name, int blockAll, const QString &allowList)
{
    CreateSandboxParams params;
    params.name = name + QUuid::createUuid().toString(QUuid::Id128).left(8);
    params.networkBlockAll = blockAll;
    params.networkAllowList = allowList;
    const DaytonaResult r = awaitResult(m_client->createSandbox(params));
    if (!r.ok())
        qWarning().noquote() << "create failed:" << r.error.message;
    return Sandbox::fromJson(r.json().object());
}

QString TestHostileNetwork::probe(const Sandbox &sandbox, const QString &extraShell)
{
    QStringList targets{QStringLiteral("('10.213.0.2', 8080)"),
                        QStringLiteral("('10.213.0.3', 8080)"),
                        QStringLiteral("('127.0.0.1', %1)").arg(m_loopback.serverPort()),
                        QStringLiteral("('127.0.0.1', %1)").arg(m_server->port())};
    for (const QString &a : std::as_const(m_hostAddresses))
        targets << QStringLiteral("('%1', %2)").arg(a).arg(m_any.serverPort());
    const QString py
        = QStringLiteral("import socket\n"
                         "for host, port in [%1]:\n"
                         "    try:\n"
                         "        s = socket.create_connection((host, port), timeout=3)\n"
                         "        s.settimeout(1)\n"
                         "        try: data = s.recv(64).decode()\n"
                         "        except OSError: data = ''\n"
                         "        print('CONNECTED', host, port, data)\n"
                         "    except OSError as e:\n"
                         "        print('blocked', host, port, e.strerror)\n"
                         "try:\n"
                         "    u = socket.socket(socket.AF_UNIX); u.connect('\\0%2'); "
                         "print('CONNECTED abstract')\n"
                         "except OSError as e:\n"
                         "    print('blocked abstract', e.strerror)\n")
              .arg(targets.join(QStringLiteral(", ")), m_abstract.fullServerName());
    const QString command
        = extraShell + QStringLiteral("python3 - <<'EOF'\n") + py + QStringLiteral("EOF\n");
    const DaytonaResult r = awaitResult(m_client->execute(sandbox, command, QString(), {}, 30));
    if (!r.ok())
        return QStringLiteral("execute failed: ") + r.error.message;
    const QString out = ExecResult::fromJson(r.json().object()).result;
    qInfo().noquote() << "sandbox" << sandbox.name << "(networkBlockAll" << sandbox.networkBlockAll
                      << "networkAllowList" << sandbox.networkAllowList << ") tried:\n"
                      << out;
    return out;
}

void TestHostileNetwork::openReachesTheNetworkButNeverTheHost()
{
    const Sandbox sb = create(QStringLiteral("net-open-"), 0, QString());
    QVERIFY(sb.isValid());
    const QString out = probe(sb);
    // Another machine (the test's namespace) is the internet here: reachable.
    QVERIFY2(out.contains(QLatin1String("CONNECTED 10.213.0.2 8080 hello-from-10.213.0.2")),
             qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("CONNECTED 10.213.0.3 8080 hello-from-10.213.0.3")),
             qPrintable(out));
    // The host never: its loopback, the sandbox server, its own addresses, abstract sockets.
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("CONNECTED")))
            QVERIFY2(line.contains(QLatin1String("10.213.0.2 "))
                         || line.contains(QLatin1String("10.213.0.3 ")),
                     qPrintable(QStringLiteral("reached the host: ") + line));
    }
    QVERIFY2(out.contains(QLatin1String("blocked abstract")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("blocked 10.213.0.1 ")), qPrintable(out));
    QTest::qWait(50); // an absence: let a connection that did arrive be seen
    QVERIFY(!m_loopback.hasPendingConnections());
    QVERIFY(!m_any.hasPendingConnections());
    QVERIFY(!m_abstract.hasPendingConnections());
}

void TestHostileNetwork::allowlistReachesOnlyAllowedAddresses()
{
    const Sandbox sb = create(QStringLiteral("net-allow-"), 0, QStringLiteral("10.213.0.2/32"));
    QVERIFY(sb.isValid());
    // The sandbox tries to widen its own routes first; it holds no capability in the namespace.
    const QString out = probe(
        sb,
        QStringLiteral("PATH=$PATH:/usr/sbin:/sbin\n"
                       "dev=$(ip -o link show | sed -n 's/^[0-9]*: \\([^:@]*\\).*/\\1/p' | "
                       "grep -vx lo | head -1)\n"
                       "ip route add 10.213.0.3/32 dev \"$dev\" 2>&1 | sed 's/^/route change: /'\n"
                       "ip route flush table main 2>&1 | sed 's/^/route change: /'\n"
                       "ip route 2>&1 | sed 's/^/route: /'\n"));
    QVERIFY2(out.contains(QLatin1String("route change: ")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("Operation not permitted")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("CONNECTED 10.213.0.2 8080 hello-from-10.213.0.2")),
             qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("blocked 10.213.0.3 8080")), qPrintable(out));
    int connected = 0;
    for (const QString &line : out.split(QLatin1Char('\n')))
        connected += line.startsWith(QLatin1String("CONNECTED")) ? 1 : 0;
    QCOMPARE(connected, 1);
    QVERIFY2(out.contains(QLatin1String("blocked abstract")), qPrintable(out));
    // What the user (and the model) sees about the refusal.
    QVERIFY2(out.contains(QLatin1String("[sandbox network: allowlist (10.213.0.2/32")),
             qPrintable(out));
    QTest::qWait(50);
    QVERIFY(!m_loopback.hasPendingConnections());
    QVERIFY(!m_any.hasPendingConnections());
}

void TestHostileNetwork::offReachesNothing()
{
    const Sandbox sb = create(QStringLiteral("net-off-"), 1, QString());
    QVERIFY(sb.isValid());
    const QString out = probe(sb);
    QVERIFY2(!out.contains(QLatin1String("CONNECTED")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("blocked 10.213.0.2 8080")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("[sandbox network: off")), qPrintable(out));
}

void TestHostileNetwork::policyIsStoredAndReturned()
{
    const Sandbox sb
        = create(QStringLiteral("net-list-"), 0, QStringLiteral("10.213.0.0/24, localhost"));
    QVERIFY(sb.isValid());
    const DaytonaResult got = awaitResult(m_client->getSandbox(sb.id));
    QVERIFY2(got.ok(), qPrintable(got.error.message));
    const Sandbox returned = Sandbox::fromJson(got.json().object());
    qInfo().noquote() << "tried: create with networkAllowList '10.213.0.0/24, localhost', result:"
                      << "networkBlockAll" << returned.networkBlockAll << "networkAllowList"
                      << returned.networkAllowList;
    QCOMPARE(returned.networkBlockAll, false);
    QCOMPARE(returned.networkAllowList, QStringLiteral("10.213.0.0/24,localhost"));
    // A list the server cannot read is refused with what is wrong.
    CreateSandboxParams bad;
    bad.networkBlockAll = 0;
    bad.networkAllowList = QStringLiteral("10.0.0.0/8; rm -rf /");
    const DaytonaResult refused = awaitResult(m_client->createSandbox(bad));
    qInfo().noquote() << "tried: networkAllowList '10.0.0.0/8; rm -rf /', result:"
                      << refused.httpStatus << refused.error.message;
    QCOMPARE(refused.httpStatus, 400);
    QVERIFY(refused.error.message.contains(QLatin1String("neither a CIDR")));
}

void TestHostileNetwork::settingAppliesToNewSandboxesOnly()
{
    // As the app's setting: read at each create; a sandbox keeps the policy it was made with,
    // and its JSON (what the Sandboxes list shows) says which.
    m_default = {false, QString()};
    const Sandbox before = create(QStringLiteral("net-before-"), -1, QString());
    m_default = {true, QStringLiteral("10.213.0.2")};
    const Sandbox after = create(QStringLiteral("net-after-"), -1, QString());
    m_default = {false, QString()};
    QVERIFY(before.isValid() && after.isValid());
    const Sandbox old
        = Sandbox::fromJson(awaitResult(m_client->getSandbox(before.id)).json().object());
    qInfo().noquote() << "tried: setting off, create; setting on with allowlist 10.213.0.2, create;"
                      << "result: first networkBlockAll" << old.networkBlockAll << ", second"
                      << after.networkBlockAll << after.networkAllowList;
    QVERIFY(old.networkBlockAll);
    QCOMPARE(after.networkBlockAll, false);
    QCOMPARE(after.networkAllowList, QStringLiteral("10.213.0.2/32"));
    const QString out = probe(after);
    QVERIFY2(out.contains(QLatin1String("CONNECTED 10.213.0.2 8080")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("blocked 10.213.0.3 8080")), qPrintable(out));
}

QTEST_GUILESS_MAIN(TestHostileNetwork)
#include "tst_hostilenetwork.moc"
