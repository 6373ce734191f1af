// Session logs on the client (issue 17): the stdout/stderr demultiplexer with markers cut
// between chunks at every possible point, and SessionLogFollower against a small Daytona-shaped
// server whose log grows between polls with markers split across answers.
#include "sandbox/DaytonaClient.h"
#include "sandbox/SessionLogDemuxer.h"
#include "sandbox/SessionLogFollower.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

namespace {

using Stream = SessionLogDemuxer::Stream;

const QByteArray kLog = QByteArrayLiteral("\x01\x01\x01"
                                          "hello\n"
                                          "\x02\x02\x02"
                                          "oops \x02 one byte\n"
                                          "\x01\x01\x01"
                                          "bye \x01\x01 two bytes\n"
                                          "\x02\x02\x02"
                                          "last\n");

struct Split
{
    QByteArray out;
    QByteArray err;
};

Split collect(const QList<SessionLogDemuxer::Chunk> &chunks, Split s = {})
{
    for (const auto &c : chunks)
        (c.stream == Stream::Stdout ? s.out : s.err) += c.data;
    return s;
}

} // namespace

class TestSessionLog final : public QObject
{
    Q_OBJECT

private slots:
    void demuxesWhole();
    void markerCutAtEveryPoint();
    void byteByByte();
    void bytesBeforeAnyMarkerAreDropped();
    void stripKeepsALogWithoutMarkers();
    void followerSeesGrowingLogAndExitCode();
    void followerEndsWhenTheSessionIsGone();
    void followerKeepsItsPlaceWhenTheHeadIsDropped();
};

void TestSessionLog::demuxesWhole()
{
    SessionLogDemuxer demuxer;
    Split s = collect(demuxer.feed(kLog));
    s = collect(demuxer.finish(), s);
    qInfo() << "tried: a whole log with both markers, result: stdout" << s.out << "stderr" << s.err;
    QCOMPARE(s.out, QByteArray("hello\nbye \x01\x01 two bytes\n"));
    QCOMPARE(s.err, QByteArray("oops \x02 one byte\nlast\n"));
}

void TestSessionLog::markerCutAtEveryPoint()
{
    QByteArray wantOut, wantErr;
    SessionLogDemuxer::split(kLog, &wantOut, &wantErr);
    int cuts = 0;
    for (qsizetype i = 0; i <= kLog.size(); ++i) {
        for (qsizetype j = i; j <= kLog.size(); ++j) {
            SessionLogDemuxer demuxer;
            Split s = collect(demuxer.feed(kLog.left(i)));
            s = collect(demuxer.feed(kLog.mid(i, j - i)), s);
            s = collect(demuxer.feed(kLog.mid(j)), s);
            s = collect(demuxer.finish(), s);
            QCOMPARE(s.out, wantOut);
            QCOMPARE(s.err, wantErr);
            QCOMPARE(demuxer.consumed(), kLog.size());
            ++cuts;
        }
    }
    qInfo() << "tried:" << cuts << "ways of cutting the log in three, result: all alike";
}

void TestSessionLog::byteByByte()
{
    SessionLogDemuxer demuxer;
    Split s;
    for (char c : kLog)
        s = collect(demuxer.feed(QByteArray(1, c)), s);
    s = collect(demuxer.finish(), s);
    qInfo() << "tried: one byte at a time, result:" << s.out.size() << s.err.size();
    QCOMPARE(s.out, QByteArray("hello\nbye \x01\x01 two bytes\n"));
    QCOMPARE(s.err, QByteArray("oops \x02 one byte\nlast\n"));
}

void TestSessionLog::bytesBeforeAnyMarkerAreDropped()
{
    SessionLogDemuxer demuxer;
    const Split s = collect(demuxer.feed(QByteArrayLiteral("noise\x01\x01\x01kept\n")));
    qInfo() << "tried: bytes before the first marker, result:" << s.out;
    QCOMPARE(s.out, QByteArray("kept\n"));
    QVERIFY(s.err.isEmpty());
}

void TestSessionLog::stripKeepsALogWithoutMarkers()
{
    qInfo() << "tried: strip on combined output (a server that removed the markers)";
    QCOMPARE(SessionLogDemuxer::strip("plain\noutput\n"), QByteArray("plain\noutput\n"));
    QCOMPARE(SessionLogDemuxer::strip(kLog),
             QByteArray("hello\noops \x02 one byte\nbye \x01\x01 two bytes\nlast\n"));
}

// A Daytona toolbox with one session command whose log grows by one piece per logs request,
// the pieces cut inside markers; the exit code appears once the whole log was served.
class GrowingLogServer final
{
public:
    explicit GrowingLogServer(QList<QByteArray> pieces)
        : m_pieces(std::move(pieces))
    {
        m_server.setMissingHandler(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                handle(request, std::move(responder));
            });
        port = m_server.listen(QHostAddress::LocalHost);
    }
    quint16 port = 0;
    bool gone = false;
    int logRequests = 0;
    qsizetype keep = 0; // > 0: only the newest bytes are served (agent-sandboxd's cap)
    QByteArray sdkVersion;

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
    {
        const QString path = request.url().path();
        sdkVersion = request.value("X-Daytona-SDK-Version");
        if (gone) {
            responder.write(R"({"statusCode":404,"message":"session not found"})",
                            "application/json", QHttpServerResponder::StatusCode::NotFound);
            return;
        }
        const bool done = m_served >= m_pieces.size();
        if (path == QLatin1String("/tbx/sb-1/process/session/s-1/command/c-1")) {
            QJsonObject o{{QLatin1String("id"), QStringLiteral("c-1")},
                          {QLatin1String("command"), QStringLiteral("make")}};
            if (done)
                o.insert(QLatin1String("exitCode"), 3);
            responder.write(QJsonDocument(o), QHttpServerResponder::StatusCode::Ok);
            return;
        }
        if (path == QLatin1String("/tbx/sb-1/process/session/s-1/command/c-1/logs")) {
            ++logRequests;
            if (m_served < m_pieces.size())
                m_log += m_pieces.at(m_served++);
            const QByteArray served = keep > 0 ? m_log.right(keep) : m_log;
            QJsonObject o{{QLatin1String("output"), QString::fromUtf8(served)}};
            responder.write(QJsonDocument(o), QHttpServerResponder::StatusCode::Ok);
            return;
        }
        responder.write(QHttpServerResponder::StatusCode::NotFound);
    }

    QHttpServer m_server;
    QList<QByteArray> m_pieces;
    QByteArray m_log;
    int m_served = 0;
};

static DaytonaClient *clientFor(quint16 port, QObject *parent)
{
    DaytonaConfig config = DaytonaConfig::fromValues(
        QStringLiteral("key"), QStringLiteral("http://127.0.0.1:%1/api").arg(port), QString());
    return new DaytonaClient(config, parent);
}

static Sandbox sandboxAt(quint16 port)
{
    Sandbox sandbox;
    sandbox.id = QStringLiteral("sb-1");
    sandbox.toolboxProxyUrl = QStringLiteral("http://127.0.0.1:%1/tbx").arg(port);
    sandbox.state = QStringLiteral("started");
    return sandbox;
}

void TestSessionLog::followerSeesGrowingLogAndExitCode()
{
    GrowingLogServer server({QByteArrayLiteral("\x01\x01\x01line 1\n\x02"),
                             QByteArrayLiteral("\x02\x02warn\n\x01\x01"),
                             QByteArrayLiteral("\x01line 2\n")});
    QVERIFY(server.port);
    QObject owner;
    DaytonaClient *client = clientFor(server.port, &owner);
    SessionLogFollower *follower = client->followSessionCommandLogs(
        sandboxAt(server.port), QStringLiteral("s-1"), QStringLiteral("c-1"), 20);
    follower->setStreamingAllowed(false); // the polling form; the WebSocket is tested end to end
    QByteArray out, err;
    QStringList order;
    connect(follower, &SessionLogFollower::output, &owner,
            [&](SessionLogDemuxer::Stream stream, const QByteArray &data) {
                (stream == Stream::Stdout ? out : err) += data;
                order << QString::fromUtf8(data).trimmed();
            });
    QSignalSpy finished(follower, &SessionLogFollower::finished);
    QVERIFY(finished.wait(5000));
    const auto end = finished.first().first().value<SessionCommandEnd>();
    qInfo() << "tried: a log growing over" << server.logRequests << "polls, result: stdout" << out
            << "stderr" << err << "exit" << (end.exitCode ? *end.exitCode : -1);
    QCOMPARE(out, QByteArray("line 1\nline 2\n"));
    QCOMPARE(err, QByteArray("warn\n"));
    QCOMPARE(
        order,
        (QStringList{QStringLiteral("line 1"), QStringLiteral("warn"), QStringLiteral("line 2")}));
    QVERIFY(end.exitCode.has_value());
    QCOMPARE(*end.exitCode, 3);
    QVERIFY(server.sdkVersion >= QByteArray("0.167.0"));
}

void TestSessionLog::followerEndsWhenTheSessionIsGone()
{
    GrowingLogServer server({QByteArrayLiteral("\x01\x01\x01started\n"), QByteArray(), QByteArray(),
                             QByteArray(), QByteArray(), QByteArray(), QByteArray()});
    QObject owner;
    DaytonaClient *client = clientFor(server.port, &owner);
    SessionLogFollower *follower = client->followSessionCommandLogs(
        sandboxAt(server.port), QStringLiteral("s-1"), QStringLiteral("c-1"), 20);
    follower->setStreamingAllowed(false);
    QSignalSpy output(follower, &SessionLogFollower::output);
    QSignalSpy finished(follower, &SessionLogFollower::finished);
    QVERIFY(output.wait(5000));
    server.gone = true;
    QVERIFY(finished.wait(5000));
    const auto end = finished.first().first().value<SessionCommandEnd>();
    qInfo() << "tried: the session deleted while followed, result:"
            << SandboxError::kindName(end.error.kind);
    QVERIFY(!end.exitCode.has_value());
    QCOMPARE(end.error.kind, SandboxError::Kind::NotFound);
}

void TestSessionLog::followerKeepsItsPlaceWhenTheHeadIsDropped()
{
    QList<QByteArray> pieces;
    QByteArray all;
    for (int i = 0; i < 30; ++i) {
        const QByteArray line = "line " + QByteArray::number(i) + ' ' + QByteArray(90, 'x') + '\n';
        pieces << (i == 0 ? "\x01\x01\x01" + line : line);
        all += line;
    }
    GrowingLogServer server(pieces);
    server.keep = 700; // a few lines: the head goes after the 7th
    QObject owner;
    DaytonaClient *client = clientFor(server.port, &owner);
    SessionLogFollower *follower = client->followSessionCommandLogs(
        sandboxAt(server.port), QStringLiteral("s-1"), QStringLiteral("c-1"), 10);
    follower->setStreamingAllowed(false);
    QByteArray out;
    connect(follower, &SessionLogFollower::output, &owner,
            [&out](SessionLogDemuxer::Stream, const QByteArray &data) { out += data; });
    QSignalSpy finished(follower, &SessionLogFollower::finished);
    QVERIFY(finished.wait(10000));
    qInfo() << "tried: 30 lines through a log that keeps 700 bytes, result:" << out.count('\n')
            << "lines, in order:" << (out == all);
    QCOMPARE(out, all);
}

QTEST_GUILESS_MAIN(TestSessionLog)
#include "tst_sessionlog.moc"
