// Lifecycle timers and live usage of the local server (issue 17), with a lifecycle "minute" of
// a fraction of a second: an idle sandbox stops, a keep-alive or a long command keeps it up,
// a stopped one past its auto-delete goes, the intervals change through the API, and the
// memory, CPU and disk a sandbox uses show in its DTO while they change.
#include "SandboxTestSupport.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxProcess.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxWaiter.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestSandboxLifecycle final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void environmentScalesTheMinute();
    void keepAliveHoldsOffAutoStop();
    void intervalsChangeThroughTheApi();
    void usageFollowsMemoryCpuAndDisk();
    void liveSessionProcessKeepsItAwake();

private:
    Sandbox make(const QString &name, int autoStop, int autoDelete);
    Sandbox get(const QString &idOrName);
    int send(const QByteArray &method, const QString &path, const QByteArray &body);

    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    QNetworkAccessManager m_nam;
};

void TestSandboxLifecycle::initTestCase()
{
    QVERIFY(m_dir.isValid());
    LocalSandboxOptions options;
    options.dataDir = m_dir.path() + QStringLiteral("/data");
    options.minuteMs = 400; // a "minute" of the intervals
    options.usageSampleMs = 200;
    const QString problem = startTestSandboxServer(m_dir.path(), options, m_server, m_client);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestSandboxLifecycle::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

Sandbox TestSandboxLifecycle::make(const QString &name, int autoStop, int autoDelete)
{
    CreateSandboxParams p;
    p.name = name;
    p.autoStopInterval = autoStop;
    p.autoDeleteInterval = autoDelete;
    const DaytonaResult r = awaitResult(m_client->createAndWait(p));
    if (!r.ok())
        qWarning() << "create failed:" << r.error.message;
    return r.sandbox;
}

Sandbox TestSandboxLifecycle::get(const QString &idOrName)
{
    const DaytonaResult r = awaitResult(m_client->getSandbox(idOrName));
    if (r.httpStatus == 404) {
        Sandbox gone;
        gone.state = QStringLiteral("gone");
        return gone;
    }
    return Sandbox::fromJson(r.json().object());
}

void TestSandboxLifecycle::environmentScalesTheMinute()
{
    qputenv("AGENT_SANDBOXD_LIFECYCLE_SCALE", "0.001");
    const int scaled = LocalSandboxOptions::minuteMsFromEnvironment();
    qputenv("AGENT_SANDBOXD_LIFECYCLE_SCALE", "nonsense");
    const int fallback = LocalSandboxOptions::minuteMsFromEnvironment();
    qunsetenv("AGENT_SANDBOXD_LIFECYCLE_SCALE");
    qInfo("tried: AGENT_SANDBOXD_LIFECYCLE_SCALE=0.001 and =nonsense, result: minute %d ms and "
          "%d ms",
          scaled, fallback);
    QCOMPARE(scaled, 60);
    QCOMPARE(fallback, 60000);
}

void TestSandboxLifecycle::keepAliveHoldsOffAutoStop()
{
    const Sandbox kept = make(QStringLiteral("kept-alive"), 2, -1); // 800 ms idle
    const Sandbox idle = make(QStringLiteral("left-idle"), 2, -1);
    QVERIFY(kept.isValid() && idle.isValid());
    QCOMPARE(kept.autoStopInterval, 2);
    // The app's keep-alive while an agent run uses the sandbox, every 200 ms for 2.4 s (three
    // auto-stop intervals): the sandbox stays up, the one beside it stops.
    QElapsedTimer clock;
    clock.start();
    bool stoppedWhileKept = false;
    while (clock.elapsed() < 2400) {
        const DaytonaResult ping = awaitResult(m_client->updateLastActivity(kept.id));
        QCOMPARE(ping.httpStatus, 201);
        stoppedWhileKept = stoppedWhileKept || get(kept.id).state != QLatin1String("started");
        QTest::qWait(200);
    }
    const QString idleState = get(idle.id).state;
    const Sandbox after = get(kept.id);
    qInfo("tried: keep-alive every 200 ms for 2.4 s with auto-stop after 800 ms, result: kept "
          "%s (lastActivityAt %s), the other one %s",
          qPrintable(after.state), qPrintable(after.lastActivityAt), qPrintable(idleState));
    QVERIFY(!stoppedWhileKept);
    QCOMPARE(after.state, QStringLiteral("started"));
    QVERIFY(!after.lastActivityAt.isEmpty());
    QCOMPARE(idleState, QStringLiteral("stopped"));
    // Without the keep-alive it stops too.
    QTRY_COMPARE_WITH_TIMEOUT(get(kept.id).state, QStringLiteral("stopped"), 5000);
}

void TestSandboxLifecycle::intervalsChangeThroughTheApi()
{
    const Sandbox s = make(QStringLiteral("changed"), 0, -1);
    QVERIFY(s.isValid());
    // Never stops by itself, until a short interval is set.
    DaytonaResult r = awaitResult(m_client->setAutoDeleteInterval(s.id, 2));
    QCOMPARE(r.httpStatus, 201);
    QCOMPARE(Sandbox::fromJson(r.json().object()).autoDeleteInterval, 2);
    QTest::qWait(1200);
    QCOMPARE(get(s.id).state, QStringLiteral("started"));
    r = awaitResult(m_client->setAutoStopInterval(s.id, 1));
    QCOMPARE(r.httpStatus, 201);
    QCOMPARE(Sandbox::fromJson(r.json().object()).autoStopInterval, 1);
    QTRY_COMPARE_WITH_TIMEOUT(get(s.id).state, QStringLiteral("stopped"), 5000);
    // Stopped, then deleted 2 "minutes" after the stop.
    QTRY_COMPARE_WITH_TIMEOUT(get(s.id).state, QStringLiteral("gone"), 5000);
    qInfo("tried: autostop 0 -> 1 and autodelete -1 -> 2 through the API, result: stopped, "
          "then deleted");
}

void TestSandboxLifecycle::usageFollowsMemoryCpuAndDisk()
{
    const Sandbox s = make(QStringLiteral("usage"), 0, -1);
    QVERIFY(s.isValid());
    const Sandbox before = get(s.id);
    QCOMPARE(before.memoryUsageBytes, qint64(0));
    const qint64 diskBefore = before.diskUsageBytes;
    // 160 MiB touched and held, and a busy loop, for a few seconds.
    DaytonaCall *running = m_client->execute(
        s,
        QStringLiteral("python3 -c \"import time\nb = bytearray(160 << 20)\nfor i in range(0, "
                       "len(b), 4096): b[i] = 1\nend = time.time() + 6\nwhile time.time() < "
                       "end: pass\""),
        QString(), {}, 60);
    QSignalSpy done(running, &DaytonaCall::finished);
    Sandbox busy;
    QTRY_VERIFY_WITH_TIMEOUT(
        (busy = get(s.id)).memoryUsageBytes > (150ll << 20) && busy.cpuUsage > 0.01, 10000);
    qInfo("tried: a command holding 160 MiB in a busy loop, result: memoryUsageBytes %lld, "
          "cpuUsage %.2f cores (limits: %g GiB memory, %g CPU)",
          busy.memoryUsageBytes, busy.cpuUsage, busy.memory, busy.cpu);
    QVERIFY(done.wait(20000));
    QTRY_COMPARE_WITH_TIMEOUT(get(s.id).memoryUsageBytes, qint64(0), 5000);
    // A file of 8 MiB shows in the disk usage.
    QVERIFY(awaitResult(m_client->execute(s, QStringLiteral("head -c 8388608 /dev/urandom > big"),
                                          QString(), {}, 60))
                .ok());
    QTRY_VERIFY_WITH_TIMEOUT(get(s.id).diskUsageBytes >= diskBefore + (8ll << 20), 5000);
    qInfo("tried: writing an 8 MiB file, result: diskUsageBytes %lld -> %lld", diskBefore,
          get(s.id).diskUsageBytes);
    QVERIFY(awaitResult(m_client->deleteSandbox(s.id)).ok());
}

int TestSandboxLifecycle::send(const QByteArray &method, const QString &path,
                               const QByteArray &body)
{
    QNetworkRequest request(QUrl::fromEncoded(
        QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(path).toLatin1()));
    request.setRawHeader("Authorization", "Bearer " + m_server->token().toUtf8());
    request.setRawHeader("Content-Type", "application/json");
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!done.wait(60000))
        return 0;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

void TestSandboxLifecycle::liveSessionProcessKeepsItAwake()
{
    const Sandbox s = make(QStringLiteral("dev-server"), 1, -1); // 400 ms idle
    QVERIFY(s.isValid());
    const QString base = QStringLiteral("/toolbox/%1/process/session").arg(s.id);
    QCOMPARE(send("POST", base, QByteArray("{\"sessionId\":\"dev\"}")), 201);
    // A background process that lives for 3 s (ten auto-stop intervals), started at once.
    const QByteArray command
        = "python3 -c \"import time; b = bytearray(64 << 20); b[::4096] = b'x' * "
          "len(b[::4096]); time.sleep(3)\"";
    const QByteArray exec
        = QJsonDocument(QJsonObject{{QLatin1String("command"), QString::fromUtf8(command)},
                                    {QLatin1String("runAsync"), true}})
              .toJson(QJsonDocument::Compact);
    QCOMPARE(send("POST", base + QStringLiteral("/dev/exec"), exec), 202);
    QElapsedTimer clock;
    clock.start();
    bool stoppedWhileAlive = false;
    qint64 memory = 0;
    while (clock.elapsed() < 2500) {
        const Sandbox now = get(s.id);
        stoppedWhileAlive = stoppedWhileAlive || now.state != QLatin1String("started");
        memory = qMax(memory, now.memoryUsageBytes);
        QTest::qWait(100);
    }
    qInfo("tried: a session command alive for 3 s with auto-stop after 400 ms idle, result: %s "
          "while it lived, its memory seen at %lld bytes",
          stoppedWhileAlive ? "stopped" : "started", memory);
    QVERIFY(!stoppedWhileAlive);
    QVERIFY(memory > (60ll << 20)); // the session's processes count in the usage
    // Once it ended, the sandbox is idle and stops.
    QTRY_COMPARE_WITH_TIMEOUT(get(s.id).state, QStringLiteral("stopped"), 10000);
}

QTEST_GUILESS_MAIN(TestSandboxLifecycle)
#include "tst_sandboxlifecycle.moc"
