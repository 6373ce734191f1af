// Daytona sessions on the local server (contract.md §5.3/§5.4), through real HTTP and real
// WebSockets on 127.0.0.1 into real bubblewrap shells: state persisting between commands,
// async commands with status and logs, following logs while a command runs, stdin, deleting a
// session killing its processes, the output cap under a 100 MB flood, hostile ids and caps, and
// the SDK's event socket (Engine.IO/Socket.IO handshake and state events).
#include "SandboxTestSupport.h"
#include "localsandbox/EventSocket.h"
#include "localsandbox/SessionManager.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QWebSocket>

struct Answer
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
};

class TestSessions final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void statePersistsBetweenCommands();
    void asyncCommandStatusAndLogs();
    void followOverWebSocketAndHttp();
    void deleteKillsTheProcessTree();
    void outputIsCappedUnderAFlood();
    void hostileIdsAndCaps();
    void stoppingTheSandboxEndsItsSessions();
    void eventSocketHandshakeAndEvents();

private:
    Answer send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                const QByteArray &version = "0.218.0");
    QString toolbox(const QString &rest) const
    {
        return QStringLiteral("/toolbox/%1%2").arg(m_id, rest);
    }
    QString createSandbox();
    QString execAsync(const QString &session, const QString &command);

    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    QNetworkAccessManager m_nam;
    QString m_id;
};

Answer TestSessions::send(const QByteArray &method, const QString &path, const QByteArray &body,
                          const QByteArray &version)
{
    QNetworkRequest request(QUrl::fromEncoded(
        QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(path).toLatin1()));
    request.setRawHeader("Authorization", "Bearer " + m_server->token().toUtf8());
    if (!version.isEmpty())
        request.setRawHeader("X-Daytona-SDK-Version", version);
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", "application/json");
    QNetworkReply *reply = body.isEmpty() ? m_nam.sendCustomRequest(request, method)
                                          : m_nam.sendCustomRequest(request, method, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    Answer a;
    if (!done.wait(60000))
        return a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.contentType = reply->rawHeader("Content-Type");
    a.body = reply->readAll();
    reply->deleteLater();
    return a;
}

QString TestSessions::createSandbox()
{
    const Answer a = send("POST", QStringLiteral("/api/sandbox"), "{}");
    return a.object().value(QLatin1String("id")).toString();
}

QString TestSessions::execAsync(const QString &session, const QString &command)
{
    const Answer a = send("POST", toolbox(QStringLiteral("/process/session/%1/exec").arg(session)),
                          QJsonDocument(QJsonObject{{QLatin1String("command"), command},
                                                    {QLatin1String("runAsync"), true}})
                              .toJson(QJsonDocument::Compact));
    if (a.status != 202)
        qWarning() << "async exec answered" << a.status << a.body;
    return a.object().value(QLatin1String("cmdId")).toString();
}

void TestSessions::initTestCase()
{
    QVERIFY(m_dir.isValid());
    LocalSandboxOptions options;
    options.dataDir = m_dir.path() + QStringLiteral("/data");
    options.outputCap = 1 << 20;
    const QString problem = startTestSandboxServer(m_dir.path(), options, m_server, m_client);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_id = createSandbox();
    QVERIFY(!m_id.isEmpty());
}

void TestSessions::statePersistsBetweenCommands()
{
    QCOMPARE(send("POST", toolbox(QStringLiteral("/process/session")), R"({"sessionId":"state"})")
                 .status,
             201);
    QCOMPARE(send("POST", toolbox(QStringLiteral("/process/session")), R"({"sessionId":"state"})")
                 .status,
             409);
    const QString exec = toolbox(QStringLiteral("/process/session/state/exec"));
    Answer a = send("POST", exec, R"({"command":"mkdir -p work && cd work && export FOO=bar"})");
    QCOMPARE(a.status, 200);
    QCOMPARE(a.object().value(QLatin1String("exitCode")).toInt(), 0);
    a = send("POST", exec, R"({"command":"pwd; echo $FOO; echo oops >&2; false"})");
    QCOMPARE(a.status, 200);
    const QJsonObject o = a.object();
    qInfo() << "tried: cd + export, then pwd/echo in the same session, result:" << o;
    QCOMPARE(o.value(QLatin1String("stdout")).toString(),
             QStringLiteral("/home/daytona/work\nbar\n"));
    QCOMPARE(o.value(QLatin1String("stderr")).toString(), QStringLiteral("oops\n"));
    QCOMPARE(o.value(QLatin1String("exitCode")).toInt(), 1);
    QVERIFY(o.value(QLatin1String("output")).toString().contains(QLatin1String("\x01\x01\x01")));
    QVERIFY(!o.value(QLatin1String("cmdId")).toString().isEmpty());
    // No version header: the combined output only, markers stripped (§5.4).
    a = send("POST", exec, R"({"command":"echo a; echo b >&2"})", QByteArray());
    QCOMPARE(a.object().value(QLatin1String("output")).toString(), QStringLiteral("a\nb\n"));
    QVERIFY(!a.object().contains(QLatin1String("stdout")));
    // get and list show the commands with their exit codes.
    const QJsonObject session
        = send("GET", toolbox(QStringLiteral("/process/session/state"))).object();
    QCOMPARE(session.value(QLatin1String("sessionId")).toString(), QStringLiteral("state"));
    QCOMPARE(session.value(QLatin1String("commands")).toArray().size(), 3);
    QCOMPARE(session.value(QLatin1String("commands"))
                 .toArray()
                 .at(1)
                 .toObject()
                 .value(QLatin1String("exitCode")),
             QJsonValue(1));
    const Answer list = send("GET", toolbox(QStringLiteral("/process/session")));
    QCOMPARE(list.status, 200);
    QVERIFY(list.body.contains("\"sessionId\":\"state\""));
    QCOMPARE(send("DELETE", toolbox(QStringLiteral("/process/session/state"))).status, 204);
    QCOMPARE(send("GET", toolbox(QStringLiteral("/process/session/state"))).status, 404);
}

void TestSessions::asyncCommandStatusAndLogs()
{
    QCOMPARE(send("POST", toolbox(QStringLiteral("/process/session")), R"({"sessionId":"async"})")
                 .status,
             201);
    // Waits for a line on stdin, so it is certainly running when its status is read.
    const QString cmd = execAsync(QStringLiteral("async"),
                                  QStringLiteral("echo started; read x; echo got $x; echo e >&2; "
                                                 "sh -c 'exit 3'"));
    QVERIFY(!cmd.isEmpty());
    const QString base = toolbox(QStringLiteral("/process/session/async/command/%1").arg(cmd));
    Answer status = send("GET", base);
    QCOMPARE(status.status, 200);
    QCOMPARE(status.object().value(QLatin1String("id")).toString(), cmd);
    QVERIFY2(!status.object().contains(QLatin1String("exitCode")), status.body.constData());
    QTRY_VERIFY_WITH_TIMEOUT(send("GET", base + QStringLiteral("/logs")).body.contains("started"),
                             20000);
    QVERIFY(m_server->hasLiveProcesses(m_id));
    QCOMPARE(send("POST", base + QStringLiteral("/input"), R"({"data":"go\n"})").status, 204);
    QTRY_VERIFY_WITH_TIMEOUT(send("GET", base).object().contains(QLatin1String("exitCode")), 20000);
    QCOMPARE(send("GET", base).object().value(QLatin1String("exitCode")).toInt(), 3);
    QVERIFY(!m_server->hasLiveProcesses(m_id));
    const Answer logs = send("GET", base + QStringLiteral("/logs"));
    qInfo() << "tried: async command reading stdin, input, status, logs; result:" << logs.body;
    QVERIFY(logs.contentType.startsWith("application/json"));
    QCOMPARE(logs.object().value(QLatin1String("stdout")).toString(),
             QStringLiteral("started\ngot go\n"));
    QCOMPARE(logs.object().value(QLatin1String("stderr")).toString(), QStringLiteral("e\n"));
    const Answer plain = send("GET", base + QStringLiteral("/logs"), {}, QByteArray());
    QVERIFY(plain.contentType.startsWith("text/plain"));
    QCOMPARE(plain.body, QByteArray("started\ngot go\ne\n"));
    const Answer marked = send("GET", base + QStringLiteral("/logs"), {}, "0.100.0");
    QCOMPARE(marked.body,
             QByteArray("\x01\x01\x01started\ngot go\n\x02\x02\x02"
                        "e\n"));
    // Input to a finished command is refused.
    QCOMPARE(send("POST", base + QStringLiteral("/input"), R"({"data":"x\n"})").status, 400);
    QCOMPARE(send("DELETE", toolbox(QStringLiteral("/process/session/async"))).status, 204);
}

void TestSessions::followOverWebSocketAndHttp()
{
    QCOMPARE(send("POST", toolbox(QStringLiteral("/process/session")), R"({"sessionId":"follow"})")
                 .status,
             201);
    const QString cmd = execAsync(QStringLiteral("follow"),
                                  QStringLiteral("echo first; echo warn >&2; read x; echo second"));
    const QString path
        = toolbox(QStringLiteral("/process/session/follow/command/%1/logs").arg(cmd));
    QNetworkRequest request(
        QUrl(QStringLiteral("ws://127.0.0.1:%1%2?follow=true").arg(m_server->port()).arg(path)));
    request.setRawHeader("Authorization", "Bearer " + m_server->token().toUtf8());
    request.setRawHeader("X-Daytona-SDK-Version", "0.218.0");
    QWebSocket socket;
    QByteArray received;
    int largestFrame = 0;
    connect(&socket, &QWebSocket::binaryMessageReceived, this, [&](const QByteArray &frame) {
        received += frame;
        largestFrame = qMax(largestFrame, int(frame.size()));
    });
    QSignalSpy closed(&socket, &QWebSocket::disconnected);
    socket.open(request);

    // The plain-HTTP form: a chunked stream of the combined output.
    QNetworkRequest httpRequest(
        QUrl(QStringLiteral("http://127.0.0.1:%1%2?follow=true").arg(m_server->port()).arg(path)));
    httpRequest.setRawHeader("Authorization", "Bearer " + m_server->token().toUtf8());
    QNetworkReply *stream = m_nam.get(httpRequest);
    QByteArray streamed;
    connect(stream, &QNetworkReply::readyRead, this, [&] { streamed += stream->readAll(); });
    QSignalSpy streamDone(stream, &QNetworkReply::finished);

    // Lines arrive while the command still runs (it waits for input).
    QTRY_VERIFY_WITH_TIMEOUT(received.contains("first") && received.contains("warn"), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(streamed.contains("first"), 20000);
    QVERIFY(!send("GET", toolbox(QStringLiteral("/process/session/follow/command/%1").arg(cmd)))
                 .object()
                 .contains(QLatin1String("exitCode")));
    QCOMPARE(closed.count(), 0);
    QCOMPARE(send("POST",
                  toolbox(QStringLiteral("/process/session/follow/command/%1/input").arg(cmd)),
                  R"({"data":"\n"})")
                 .status,
             204);
    QVERIFY(closed.wait(20000) || closed.count() == 1);
    qInfo() << "tried: follow over WebSocket and chunked HTTP while the command ran; result:"
            << received << "close" << socket.closeCode() << "http" << streamed;
    QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodeNormal);
    QCOMPARE(received,
             QByteArray("\x01\x01\x01"
                        "first\n\x02\x02\x02warn\n\x01\x01\x01second\n"));
    QVERIFY(largestFrame <= SessionManager::kFrameBytes);
    QVERIFY(streamDone.count() == 1 || streamDone.wait(20000));
    QCOMPARE(stream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    streamed += stream->readAll();
    QCOMPARE(streamed, QByteArray("first\nwarn\nsecond\n"));
    stream->deleteLater();

    // A WebSocket without the token never opens.
    QWebSocket intruder;
    QSignalSpy intruderClosed(&intruder, &QWebSocket::disconnected);
    intruder.open(
        QUrl(QStringLiteral("ws://127.0.0.1:%1%2?follow=true").arg(m_server->port()).arg(path)));
    QVERIFY(intruderClosed.wait(10000));
    QVERIFY(intruder.state() != QAbstractSocket::ConnectedState);
    QCOMPARE(send("DELETE", toolbox(QStringLiteral("/process/session/follow"))).status, 204);
}

void TestSessions::deleteKillsTheProcessTree()
{
    QCOMPARE(
        send("POST", toolbox(QStringLiteral("/process/session")), R"({"sessionId":"tree"})").status,
        201);
    // A background child and a foreground one: both must go.
    const QString cmd
        = execAsync(QStringLiteral("tree"), QStringLiteral("sleep 1000 & sleep 1000"));
    QVERIFY(!cmd.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(hostProcessesWithCommandLine({"sleep", "1000"}).size(), 2, 20000);
    QVERIFY(m_server->hasLiveProcesses(m_id));
    QCOMPARE(send("DELETE", toolbox(QStringLiteral("/process/session/tree"))).status, 204);
    QTRY_COMPARE_WITH_TIMEOUT(hostProcessesWithCommandLine({"sleep", "1000"}).size(), 0, 20000);
    qInfo() << "tried: DELETE a session running `sleep 1000 & sleep 1000`; result: no sleep left";
    QVERIFY(!m_server->hasLiveProcesses(m_id));
    QCOMPARE(send("GET", toolbox(QStringLiteral("/process/session/tree"))).status, 404);
}

static qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void TestSessions::outputIsCappedUnderAFlood()
{
    QCOMPARE(send("POST", toolbox(QStringLiteral("/process/session")), R"({"sessionId":"flood"})")
                 .status,
             201);
    const qint64 before = residentKiB();
    const Answer a
        = send("POST", toolbox(QStringLiteral("/process/session/flood/exec")),
               R"({"command":"head -c 100000000 /dev/zero | tr '\\0' x; echo; echo tail-line"})");
    const qint64 after = residentKiB();
    QCOMPARE(a.status, 200);
    const QJsonObject o = a.object();
    const QString out = o.value(QLatin1String("stdout")).toString();
    qInfo() << "tried: a session command printing 100 MB; result: stdout kept" << out.size()
            << "bytes, RSS before" << before << "KiB after" << after
            << "KiB, note:" << out.left(90);
    QCOMPARE(o.value(QLatin1String("exitCode")).toInt(), 0);
    QVERIFY(out.size() <= (1 << 20) + 200);
    QVERIFY(out.startsWith(QLatin1String("[")));
    QVERIFY(out.contains(QLatin1String("bytes of earlier output were dropped")));
    QVERIFY(out.endsWith(QLatin1String("tail-line\n"))); // the newest output is what is kept
    // The server (this process) did not keep the 100 MB.
    QVERIFY2(after - before < 48 * 1024, qPrintable(QString::number(after - before)));
    QCOMPARE(send("DELETE", toolbox(QStringLiteral("/process/session/flood"))).status, 204);
}

void TestSessions::hostileIdsAndCaps()
{
    const QString sessions = toolbox(QStringLiteral("/process/session"));
    QCOMPARE(send("POST", sessions, R"({"sessionId":"../../etc"})").status, 400);
    QCOMPARE(send("POST", sessions, R"({"sessionId":"a/b"})").status, 400);
    QCOMPARE(send("POST", sessions, "{\"sessionId\":\"" + QByteArray(300, 'a') + "\"}").status,
             400);
    QCOMPARE(send("POST", sessions, R"({"sessionId":"entrypoint"})").status, 400);
    QCOMPARE(send("POST", sessions, R"({})").status, 400);
    QCOMPARE(send("GET", sessions + QStringLiteral("/..%2F..%2Fetc")).status, 404);
    QCOMPARE(send("GET", sessions + QStringLiteral("/") + QString(3000, QLatin1Char('x'))).status,
             404);
    // Exec on a missing session: 500, as Daytona's daemon answers (§5.3).
    const Answer missing
        = send("POST", sessions + QStringLiteral("/nope/exec"), R"({"command":"true"})");
    QCOMPARE(missing.status, 500);
    QVERIFY(missing.body.contains("session not found"));
    // Following a command that is not there: the WebSocket is closed with a reason.
    const QStringList paths{
        QString(sessions + QStringLiteral("/nope/command/none/logs")),
        QString(sessions + QStringLiteral("/..%2F..%2Fetc/command/x/logs")),
        QStringLiteral("/toolbox/no-such-sandbox/process/session/a/command/b/logs")};
    for (const QString &path : paths) {
        QNetworkRequest request(QUrl::fromEncoded(QStringLiteral("ws://127.0.0.1:%1%2?follow=true")
                                                      .arg(m_server->port())
                                                      .arg(path)
                                                      .toLatin1()));
        request.setRawHeader("Authorization", "Bearer " + m_server->token().toUtf8());
        QWebSocket socket;
        QSignalSpy closed(&socket, &QWebSocket::disconnected);
        socket.open(request);
        QVERIFY2(closed.wait(10000), qPrintable(path));
        QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QVERIFY2(socket.closeReason().contains(QLatin1String("not found")),
                 qPrintable(socket.closeReason()));
    }
    QCOMPARE(send("POST", sessions, R"({"sessionId":"s0"})").status, 201);
    QCOMPARE(send("GET", sessions + QStringLiteral("/s0/command/unknown")).status, 404);
    QCOMPARE(send("GET", sessions + QStringLiteral("/s0/command/unknown/logs")).status, 404);
    QCOMPARE(send("POST", sessions + QStringLiteral("/s0/exec"), R"({"command":"  "})").status,
             400);
    for (int i = 1; i < SessionManager::kMaxSessionsPerSandbox; ++i)
        QCOMPARE(
            send("POST", sessions, QStringLiteral(R"({"sessionId":"s%1"})").arg(i).toUtf8()).status,
            201);
    const Answer tooMany = send("POST", sessions, R"({"sessionId":"one-more"})");
    qInfo() << "tried: hostile ids and a session past the cap; result:" << tooMany.status
            << tooMany.body;
    QCOMPARE(tooMany.status, 429);
    QVERIFY(tooMany.body.contains("delete one"));
    for (int i = 0; i < SessionManager::kMaxSessionsPerSandbox; ++i)
        QCOMPARE(send("DELETE", sessions + QStringLiteral("/s%1").arg(i)).status, 204);
}

void TestSessions::stoppingTheSandboxEndsItsSessions()
{
    const QString id = createSandbox();
    QVERIFY(!id.isEmpty());
    const QString base = QStringLiteral("/toolbox/%1/process/session").arg(id);
    QCOMPARE(send("POST", base, R"({"sessionId":"bg"})").status, 201);
    const Answer a = send("POST", base + QStringLiteral("/bg/exec"),
                          R"({"command":"sleep 1000 & sleep 1000","runAsync":true})");
    QCOMPARE(a.status, 202);
    QTRY_COMPARE_WITH_TIMEOUT(hostProcessesWithCommandLine({"sleep", "1000"}).size(), 2, 20000);
    QCOMPARE(send("POST", QStringLiteral("/api/sandbox/%1/stop").arg(id), "{}").status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(hostProcessesWithCommandLine({"sleep", "1000"}).size(), 0, 20000);
    QCOMPARE(m_server->sessions().sessionCount(id), 0);
    qInfo() << "tried: stop a sandbox with a session running sleeps; result: none left";
    QCOMPARE(send("DELETE", QStringLiteral("/api/sandbox/%1").arg(id)).status, 200);
}

void TestSessions::eventSocketHandshakeAndEvents()
{
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/api/socket.io/?EIO=4&transport=websocket")
                       .arg(m_server->port()));
    // A wrong token: the Socket.IO CONNECT is refused (44), as socket.io servers do.
    {
        QWebSocket socket;
        QStringList texts;
        connect(&socket, &QWebSocket::textMessageReceived, this,
                [&](const QString &t) { texts << t; });
        socket.open(url);
        QTRY_VERIFY_WITH_TIMEOUT(!texts.isEmpty(), 10000);
        socket.sendTextMessage(QStringLiteral(R"(40{"token":"wrong"})"));
        QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 2, 10000);
        QVERIFY(texts.at(1).startsWith(QLatin1String("44")));
        // and the connection it got without a token is not kept
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 10000);
    }
    QWebSocket socket;
    QStringList texts;
    connect(&socket, &QWebSocket::textMessageReceived, this, [&](const QString &t) { texts << t; });
    socket.open(url);
    QTRY_VERIFY_WITH_TIMEOUT(!texts.isEmpty(), 10000);
    const QJsonObject open = QJsonDocument::fromJson(texts.at(0).mid(1).toUtf8()).object();
    QVERIFY(texts.at(0).startsWith(QLatin1Char('0')));
    QCOMPARE(open.value(QLatin1String("pingInterval")).toInt(), EventSocket::kPingIntervalMs);
    socket.sendTextMessage(QStringLiteral(R"(40{"token":"%1"})").arg(m_server->token()));
    QTRY_COMPARE_WITH_TIMEOUT(texts.size(), 2, 10000);
    QVERIFY(texts.at(1).startsWith(QLatin1String("40{\"sid\"")));
    const QString id = createSandbox();
    QCOMPARE(send("POST", QStringLiteral("/api/sandbox/%1/stop").arg(id), "{}").status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(texts.last().startsWith(QLatin1String("42[\"sandbox.state.updated\"")),
                             10000);
    const QJsonArray event = QJsonDocument::fromJson(texts.last().mid(2).toUtf8()).array();
    qInfo() << "tried: Engine.IO handshake, CONNECT with the token, stop a sandbox; result:"
            << texts;
    const QJsonObject data = event.at(1).toObject();
    QCOMPARE(data.value(QLatin1String("sandbox")).toObject().value(QLatin1String("id")).toString(),
             id);
    QCOMPARE(data.value(QLatin1String("newState")).toString(), QStringLiteral("stopped"));
    QCOMPARE(data.value(QLatin1String("oldState")).toString(), QStringLiteral("started"));
    QCOMPARE(send("DELETE", QStringLiteral("/api/sandbox/%1").arg(id)).status, 200);
}

QTEST_GUILESS_MAIN(TestSessions)
#include "tst_sessions.moc"
