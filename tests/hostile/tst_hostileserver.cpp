// Attacks on the local sandbox server's HTTP front and its file routes (issue 14 items 5, 6, 15),
// with raw sockets against the real agent-sandboxd and against the server inside this process
// (as it runs inside the app, beside the app's SQLite store): a huge body without a token, an
// over-cap body, a second head on a kept-alive connection, a slow-loris, 1,100 idle connections
// from another process, a search over 20 files of 16 MB, and a file that forges multipart parts.
#include "agent/ToolCatalog.h"
#include "agent/ToolExecutor.h"
#include "localsandbox/GatedTcpServer.h"
#include "localsandbox/LocalSandboxServer.h"
#include "sandbox/DaytonaClient.h"
#include "store/Store.h"

#include "../app/localsandbox/SandboxTestSupport.h"
#include "HostileSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr int kIdleConnections = 1100;

// The attacker for the idle-connection case runs as a separate process (this binary again),
// so its 1,100 sockets do not count against this process's descriptors: only the server's
// do, as in the app. It opens the connections, sends nothing, and reports how many the
// server has closed ("closed N") until its stdin closes.
int runIdleAttacker(quint16 port, int count)
{
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::vector<pollfd> fds;
    fds.push_back({STDIN_FILENO, POLLIN, 0});
    // In batches, each connected before the next: a burst past the kernel's accept queue
    // would leave "connected" sockets the server never saw (SYN cookies).
    constexpr int kBatch = 25;
    for (int i = 0; i < count; i += kBatch) {
        std::vector<pollfd> batch;
        for (int j = i; j < count && j < i + kBatch; ++j) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (fd < 0)
                break;
            ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
            batch.push_back({fd, POLLOUT, 0});
            fds.push_back({fd, POLLIN | POLLRDHUP, 0});
        }
        // Until the batch's handshakes are done, 2 s at most.
        QElapsedTimer waited;
        waited.start();
        while (!batch.empty() && waited.elapsed() < 2000) {
            if (::poll(batch.data(), batch.size(), 100) <= 0)
                continue;
            std::erase_if(batch, [](const pollfd &p) { return p.revents != 0; });
        }
    }
    std::printf("opened %d\n", int(fds.size()) - 1);
    std::fflush(stdout);
    int closed = 0;
    int reported = -1;
    for (;;) {
        if (::poll(fds.data(), fds.size(), 100) < 0 && errno != EINTR)
            return 1;
        if (fds[0].revents) { // the test is done (or gone)
            char c;
            if (::read(STDIN_FILENO, &c, 1) <= 0)
                return 0;
        }
        for (size_t i = 1; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || !fds[i].revents)
                continue;
            char buffer[4096];
            const ssize_t n = ::recv(fds[i].fd, buffer, sizeof buffer, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                ++closed;
            }
        }
        if (closed != reported) {
            std::printf("closed %d\n", closed);
            std::fflush(stdout);
            reported = closed;
        }
    }
}

// Whether r holds one whole response (head and Content-Length bytes of body).
bool wholeResponse(const QByteArray &r)
{
    const qsizetype end = r.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const qsizetype at = r.toLower().indexOf("content-length:");
    if (at < 0 || at > end)
        return true;
    const qint64 length = r.mid(at + 15, r.indexOf("\r\n", at) - at - 15).trimmed().toLongLong();
    return r.size() >= end + 4 + length;
}

int openFds()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot).size());
}

qint64 rssKiBOf(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

class TestHostileServer final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void hugeBodyWithoutTokenIsRefusedAtOnce();
    void overCapBodyIsRefused();
    void everyHeadOnAKeptAliveConnectionIsChecked();
    void chunkedBodiesAreCappedToo();
    void slowLorisIsCut();
    void idleConnectionsAreCappedWhileTheAppKeepsWorking();
    void bulkDownloadCannotBeForged();
    void searchIsCappedOffTheEventLoop();

private:
    ToolOutcome run(const QString &tool, QJsonObject args);
    // Writes request to a fresh connection to the in-process server and collects what comes
    // back until the server closes or `until` holds.
    QByteArray exchange(QTcpSocket &socket, const QByteArray &request,
                        const std::function<bool(const QByteArray &)> &until, int timeoutMs);
    QByteArray auth() const { return "Authorization: Bearer " + m_server->token().toUtf8(); }

    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    ToolCatalog m_catalog;
    std::unique_ptr<ToolExecutor> m_executor;
    ToolContext m_context;
    QString m_sandboxId;
    Store m_store; // the app's store, in the same process as its server
    QProcess m_daemon; // the real agent-sandboxd
    QByteArray m_daemonToken;
    quint16 m_daemonPort = 0;
};

void TestHostileServer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // What a desktop session gives the app (systemd's default soft limit): the attacks on
    // descriptors must be survivable within it.
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_max < kIdleConnections + 200)
        QSKIP("the hard descriptor limit is too low for the attacker's 1,100 connections");
    limit.rlim_cur = qMin<rlim_t>(limit.rlim_cur, 1024);
    QVERIFY(::setrlimit(RLIMIT_NOFILE, &limit) == 0);
    qInfo() << "descriptor limit of this process (app + in-process server):" << limit.rlim_cur;

    const QString storePath = m_dir.filePath(QStringLiteral("studio.sqlite"));
    QVERIFY(m_store.open(storePath).ok());

    LocalSandboxOptions options;
    options.dataDir = m_dir.filePath(QStringLiteral("data"));
    const QString started = startTestSandboxServer(m_dir.path(), options, m_server, m_client);
    QVERIFY2(started.isEmpty(), qPrintable(started));
    m_executor = std::make_unique<ToolExecutor>(*m_client, m_catalog);
    m_context.threadId = QStringLiteral("hostile-server-thread");
    const ToolOutcome created = run(QStringLiteral("createSandbox"),
                                    {{QStringLiteral("name"), QStringLiteral("files")},
                                     {QStringLiteral("language"), QStringLiteral("python")}});
    QVERIFY2(!created.isError(), qPrintable(created.errorMessage()));
    m_sandboxId = created.result.value(QLatin1String("sandboxId")).toString();

    // The standalone server, as an SDK user runs it.
    const QString daemonData = m_dir.filePath(QStringLiteral("daemon"));
    QVERIFY(QDir().mkpath(daemonData));
    m_daemon.start(QStringLiteral(AGENT_SANDBOXD_BIN), {QStringLiteral("--data-dir"), daemonData});
    QVERIFY(m_daemon.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += m_daemon.readAllStandardOutput()).contains("DAYTONA_API_KEY="),
                             15000);
    for (const QByteArray &line : out.split('\n')) {
        if (line.startsWith("DAYTONA_API_KEY="))
            m_daemonToken = line.mid(16).trimmed();
        if (line.startsWith("DAYTONA_API_URL="))
            m_daemonPort = quint16(QUrl(QString::fromUtf8(line.mid(16).trimmed())).port());
    }
    QVERIFY(!m_daemonToken.isEmpty() && m_daemonPort != 0);
}

void TestHostileServer::cleanupTestCase()
{
    if (!m_sandboxId.isEmpty())
        run(QStringLiteral("deleteSandbox"), {{QStringLiteral("sandboxId"), m_sandboxId}});
    m_executor.reset();
    m_client.reset();
    m_server.reset();
    m_daemon.kill();
    m_daemon.waitForFinished();
}

ToolOutcome TestHostileServer::run(const QString &tool, QJsonObject args)
{
    if (!m_sandboxId.isEmpty() && tool != QLatin1String("createSandbox"))
        args.insert(QStringLiteral("sandboxId"), m_sandboxId);
    return Hostile::runTool(*m_executor, tool, args, m_context);
}

QByteArray TestHostileServer::exchange(QTcpSocket &socket, const QByteArray &request,
                                       const std::function<bool(const QByteArray &)> &until,
                                       int timeoutMs)
{
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    socket.write(request);
    QByteArray reply;
    (void)QTest::qWaitFor(
        [&] {
            reply += socket.readAll();
            return until(reply) || socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    return reply + socket.readAll();
}

void TestHostileServer::hugeBodyWithoutTokenIsRefusedAtOnce()
{
    // Against the real agent-sandboxd: its memory is its own, apart from this test's buffers.
    const qint64 pid = m_daemon.processId();
    const qint64 rssBefore = rssKiBOf(pid);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_daemonPort);
    socket.write("POST /api/sandbox HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                 "application/json\r\nContent-Length: 8000000000\r\n\r\n");
    const QByteArray chunk(1 << 20, 'x');
    constexpr qint64 kSendAtMost = qint64(64) << 20;
    qint64 sent = 0;
    QByteArray reply;
    qint64 answeredMs = -1;
    qint64 rssPeak = rssBefore;
    QElapsedTimer clock;
    clock.start();
    // Keep sending the body as fast as the server takes it, for 3 s or until it hangs up.
    (void)QTest::qWaitFor(
        [&] {
            if (socket.state() == QAbstractSocket::ConnectedState && sent < kSendAtMost
                && socket.bytesToWrite() < 4 * chunk.size()) {
                socket.write(chunk);
                sent += chunk.size();
            }
            reply += socket.readAll();
            if (answeredMs < 0 && reply.contains("\r\n\r\n"))
                answeredMs = clock.elapsed();
            rssPeak = qMax(rssPeak, rssKiBOf(pid));
            return clock.elapsed() > 3000 || socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000);
    const qint64 rssAfter = rssKiBOf(pid);
    qInfo().noquote() << QStringLiteral(
                             "tried: POST with Content-Length 8000000000 and no token, then %1 "
                             "MiB of body; result: answer after %2 ms: %3; agent-sandboxd RSS "
                             "%4 -> peak %5 -> %6 KiB")
                             .arg(sent >> 20)
                             .arg(answeredMs)
                             .arg(QString::fromUtf8(reply.left(reply.indexOf("\r\n"))))
                             .arg(rssBefore)
                             .arg(rssPeak)
                             .arg(rssAfter);
    QVERIFY2(reply.startsWith("HTTP/1.1 401"), reply.left(200).constData());
    QVERIFY(reply.contains("missing bearer token"));
    QVERIFY2(answeredMs >= 0 && answeredMs < 1000, "the refusal must come at once");
    QVERIFY2(rssPeak - rssBefore < 16 * 1024, "the server must not keep the body");
}

void TestHostileServer::overCapBodyIsRefused()
{
    const HttpLimits limits;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_daemonPort);
    socket.write("POST /toolbox/x/files/bulk-upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                 "Bearer "
                 + m_daemonToken + "\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                 + "Content-Length: " + QByteArray::number(limits.maxBodyBytes + 1) + "\r\n\r\n");
    QByteArray reply;
    QElapsedTimer clock;
    clock.start();
    (void)QTest::qWaitFor(
        [&] {
            reply += socket.readAll();
            return wholeResponse(reply) || socket.state() == QAbstractSocket::UnconnectedState;
        },
        3000);
    qInfo().noquote() << "tried: an authenticated upload declaring" << limits.maxBodyBytes + 1
                      << "bytes; result after" << clock.elapsed()
                      << "ms:" << QString::fromUtf8(reply.mid(reply.indexOf("\r\n\r\n") + 4));
    QVERIFY2(reply.startsWith("HTTP/1.1 413"), reply.left(200).constData());
    QVERIFY(reply.contains("larger than the 513 MiB the local sandbox server accepts"));
}

void TestHostileServer::everyHeadOnAKeptAliveConnectionIsChecked()
{
    // A good request, then on the same kept-alive connection one without the token that
    // declares a huge body.
    QTcpSocket socket;
    const QByteArray first
        = exchange(socket, "GET /api/sandbox HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth() + "\r\n\r\n",
                   wholeResponse, 3000);
    QVERIFY2(first.startsWith("HTTP/1.1 200"), first.left(200).constData());
    QVERIFY(socket.state() == QAbstractSocket::ConnectedState);
    socket.write("POST /api/sandbox HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                 "8000000000\r\n\r\nxxxx");
    QByteArray second;
    (void)QTest::qWaitFor(
        [&] {
            second += socket.readAll();
            return wholeResponse(second) || socket.state() == QAbstractSocket::UnconnectedState;
        },
        3000);
    qInfo().noquote() << "tried: an authorized GET, then on the same connection an "
                         "unauthorized POST declaring 8 GB; result:"
                      << QString::fromUtf8(first.left(first.indexOf("\r\n"))) << "then"
                      << QString::fromUtf8(second.left(second.indexOf("\r\n")));
    QVERIFY2(second.startsWith("HTTP/1.1 401"), "the second head must be checked too");
}

void TestHostileServer::chunkedBodiesAreCappedToo()
{
    // The SDKs' streaming upload sends a chunked body: a small one passes, the cap holds over
    // the chunks' sum.
    const QByteArray part = "--b\r\nContent-Disposition: form-data; name=\"files[0].path\"\r\n\r\n"
                            "/home/daytona/chunked.txt\r\n--b\r\nContent-Disposition: form-data; "
                            "name=\"files[0].file\"; filename=\"chunked.txt\"\r\n\r\nstreamed\r\n"
                            "--b--\r\n";
    const QByteArray head = "POST /toolbox/" + m_sandboxId.toUtf8()
        + "/files/bulk-upload HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth()
        + "\r\nContent-Type: multipart/form-data; boundary=b\r\nTransfer-Encoding: chunked\r\n\r\n";
    QTcpSocket small;
    const QByteArray ok = exchange(
        small, head + QByteArray::number(part.size(), 16) + "\r\n" + part + "\r\n0\r\n\r\n",
        wholeResponse, 5000);
    QTcpSocket big;
    const HttpLimits limits;
    const QByteArray refused = exchange(big,
                                        head + "100000\r\n" + QByteArray(0x100000, 'x') + "\r\n"
                                            + QByteArray::number(limits.maxBodyBytes, 16) + "\r\n",
                                        wholeResponse, 5000);
    qInfo().noquote() << "tried: a chunked upload of one small file, and one whose chunks add up "
                         "past the cap; result:"
                      << QString::fromUtf8(ok.left(ok.indexOf("\r\n"))) << "and"
                      << QString::fromUtf8(refused.left(refused.indexOf("\r\n")));
    QVERIFY2(ok.startsWith("HTTP/1.1 200"), ok.constData());
    QVERIFY(
        QFile::exists(m_server->registry().homeDir(m_sandboxId) + QStringLiteral("/chunked.txt")));
    QVERIFY2(refused.startsWith("HTTP/1.1 413"), refused.left(200).constData());
}

void TestHostileServer::slowLorisIsCut()
{
    const HttpLimits limits;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    const QByteArray head = "GET /api/sandbox HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth() + "\r\n";
    qsizetype sent = 0;
    QTimer drip;
    connect(&drip, &QTimer::timeout, &socket, [&] {
        if (sent < head.size() && socket.state() == QAbstractSocket::ConnectedState)
            socket.write(head.mid(sent++, 1));
    });
    drip.start(1000); // one byte a second
    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState,
                             limits.headTimeoutMs + 3000);
    const QByteArray reply = socket.readAll();
    qInfo().noquote() << "tried: a request head at 1 byte/s; result: cut after" << clock.elapsed()
                      << "ms having sent" << sent
                      << "bytes, answer:" << QString::fromUtf8(reply.left(reply.indexOf("\r\n")));
    QVERIFY(clock.elapsed() < limits.headTimeoutMs + 2000);
    QVERIFY(reply.startsWith("HTTP/1.1 408"));
}

void TestHostileServer::idleConnectionsAreCappedWhileTheAppKeepsWorking()
{
    const HttpLimits limits;
    const int fdsBefore = openFds();
    int maxFds = fdsBefore;
    QTimer sampler;
    connect(&sampler, &QTimer::timeout, this, [&] { maxFds = qMax(maxFds, openFds()); });
    sampler.start(5);
    QProcess attacker;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOSTILE_IDLE_ATTACKER"),
               QStringLiteral("%1:%2").arg(m_server->port()).arg(kIdleConnections));
    attacker.setProcessEnvironment(env);
    attacker.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(attacker.waitForStarted());
    int closed = -1;
    int opened = -1;
    auto readAttacker = [&] {
        while (attacker.canReadLine()) {
            const QList<QByteArray> words = attacker.readLine().trimmed().split(' ');
            if (words.value(0) == "opened")
                opened = words.value(1).toInt();
            else if (words.value(0) == "closed")
                closed = words.value(1).toInt();
        }
    };
    QTRY_VERIFY_WITH_TIMEOUT((readAttacker(), opened >= 0), 60000);
    QCOMPARE(opened, kIdleConnections);
    QElapsedTimer clock;
    clock.start();

    // While they are open: the app's store writes and opens (a worker opens its own Store),
    // and an authorized request is answered.
    const auto thread = m_store.createThread(QStringLiteral("during the attack"), QString());
    QVERIFY2(thread.ok(), qPrintable(thread.error()));
    Store second;
    second.setRecoverOnOpen(false);
    const StoreStatus secondOpened = second.open(m_store.path());
    QVERIFY2(secondOpened.ok(), qPrintable(secondOpened.error()));
    const DaytonaResult answered = awaitResult(m_client->getSandbox(m_sandboxId), 20000);
    QVERIFY2(answered.ok(), qPrintable(answered.error.message));
    const qint64 answeredMs = clock.elapsed();

    // Past the cap, idle connections are closed at once; the rest within the head timeout.
    QTRY_VERIFY2_WITH_TIMEOUT((readAttacker(), closed >= kIdleConnections - limits.maxConnections),
                              qPrintable(QStringLiteral("closed %1").arg(closed)), 30000);
    const qint64 cappedMs = clock.elapsed();
    QTRY_VERIFY2_WITH_TIMEOUT((readAttacker(), closed == kIdleConnections),
                              qPrintable(QStringLiteral("closed %1").arg(closed)),
                              limits.headTimeoutMs + 10000);
    const qint64 allClosedMs = clock.elapsed();
    const auto after = m_store.createThread(QStringLiteral("after the attack"), QString());
    QVERIFY(after.ok());
    qInfo().noquote() << QStringLiteral(
                             "tried: %1 idle connections from another process; result: %2 "
                             "closed by %3 ms, all by %4 ms; this process's descriptors %5 -> "
                             "at most %6 (limit 1024); an authorized request answered after "
                             "%7 ms; the store wrote and a second Store opened meanwhile")
                             .arg(kIdleConnections)
                             .arg(kIdleConnections - limits.maxConnections)
                             .arg(cappedMs)
                             .arg(allClosedMs)
                             .arg(fdsBefore)
                             .arg(maxFds)
                             .arg(answeredMs);
    QVERIFY(maxFds <= fdsBefore + limits.maxConnections + 16);
    attacker.closeWriteChannel();
    QVERIFY(attacker.waitForFinished(5000));
}

void TestHostileServer::bulkDownloadCannotBeForged()
{
    const DaytonaResult got = awaitResult(m_client->getSandbox(m_sandboxId));
    QVERIFY(got.ok());
    const Sandbox sandbox = Sandbox::fromJson(got.json().object());
    // A file that carries the boundary the server used to use, followed by a forged part for
    // the second file and a forged end.
    const QByteArray forged
        = "real start\r\n--DAYTONA-FILE-BOUNDARY\r\nContent-Disposition: form-data; "
          "name=\"file\"; filename=\"/home/daytona/b.txt\"\r\nContent-Type: "
          "text/plain\r\n\r\nFORGED CONTENT\r\n--DAYTONA-FILE-BOUNDARY--\r\nreal end\n";
    const QByteArray other = "the real b\n";
    const DaytonaResult uploaded
        = awaitResult(m_client->uploadFiles(sandbox,
                                            {{QStringLiteral("/home/daytona/a.txt"), forged},
                                             {QStringLiteral("/home/daytona/b.txt"), other}}));
    QVERIFY2(uploaded.ok(), qPrintable(uploaded.error.message + QString::fromUtf8(uploaded.body)));
    const QStringList paths{QStringLiteral("/home/daytona/a.txt"),
                            QStringLiteral("/home/daytona/b.txt")};
    const DaytonaResult r = awaitResult(m_client->downloadFiles(sandbox, paths));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QList<DownloadedFile> files;
    QString error;
    QVERIFY2(DaytonaClient::parseBulkDownload(r, paths, &files, &error), qPrintable(error));
    QCOMPARE(files.size(), 2);
    qInfo().noquote() << "tried: bulk download of a file containing the old fixed boundary and a"
                         " forged part; result: boundary"
                      << QString::fromLatin1(r.contentType) << "a.txt" << files[0].content.size()
                      << "bytes (sent" << forged.size() << ") b.txt"
                      << QString::fromUtf8(files[1].content).trimmed();
    QVERIFY(!r.contentType.contains("DAYTONA-FILE-BOUNDARY"));
    QCOMPARE(files[0].content, forged);
    QCOMPARE(files[1].content, other);
}

void TestHostileServer::searchIsCappedOffTheEventLoop()
{
    // 20 files of 16 MB of 'a' (one line each), and one of 2,000 short lines.
    const QString home = m_server->registry().homeDir(m_sandboxId);
    const QString folder = home + QStringLiteral("/big");
    QVERIFY(QDir().mkpath(folder));
    const QByteArray megabyte(1000 * 1000, 'a');
    for (int i = 0; i < 20; ++i) {
        QFile f(QStringLiteral("%1/f%2.txt").arg(folder).arg(i, 2, 10, QLatin1Char('0')));
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int m = 0; m < 16; ++m)
            QCOMPARE(f.write(megabyte), qint64(megabyte.size()));
    }
    QFile many(folder + QStringLiteral("/many.txt"));
    QVERIFY(many.open(QIODevice::WriteOnly));
    for (int i = 0; i < 2000; ++i)
        many.write("a\n");
    many.close();

    Hostile::resetPeakRss();
    const qint64 rssBefore = Hostile::rssKiB();
    // A 1 ms timer in this process (where the server runs, as in the app) measures how long
    // the event loop is held.
    QElapsedTimer clock;
    qint64 last = -1;
    qint64 worstStall = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    connect(&tick, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        if (last >= 0)
            worstStall = qMax(worstStall, now - last);
        last = now;
    });
    clock.start();
    tick.start(1);
    const ToolOutcome o = run(QStringLiteral("findInFiles"),
                              {{QStringLiteral("path"), QStringLiteral("/home/daytona/big")},
                               {QStringLiteral("pattern"), QStringLiteral("a")}});
    tick.stop();
    const qint64 tookMs = clock.elapsed();
    QVERIFY2(!o.isError(), qPrintable(o.errorMessage()));
    const QJsonArray matches = o.result.value(QLatin1String("matches")).toArray();
    const QString note = o.result.value(QLatin1String("notShown")).toString();
    qsizetype longest = 0;
    for (const QJsonValue &m : matches)
        longest = qMax(longest, m.toObject().value(QLatin1String("content")).toString().size());
    qInfo().noquote() << QStringLiteral(
                             "tried: findInFiles 'a' over 20 files of 16 MB and 2,000 lines; "
                             "result: %1 matches shown, longest line %2 chars, note \"%3\"; took "
                             "%4 ms, worst event-loop stall %5 ms; RSS %6 -> peak %7 KiB")
                             .arg(matches.size())
                             .arg(longest)
                             .arg(note)
                             .arg(tookMs)
                             .arg(worstStall)
                             .arg(rssBefore)
                             .arg(Hostile::peakRssKiB());
    QCOMPARE(matches.size(), 1000);
    QVERIFY(note.startsWith(QStringLiteral("1020 more matches not shown")));
    QVERIFY(longest < 600);
    QVERIFY(matches.first()
                .toObject()
                .value(QLatin1String("content"))
                .toString()
                .endsWith(QStringLiteral("15999500 more bytes of this line not shown]")));
    QVERIFY2(worstStall < 100, "the window must stay responsive");
    QVERIFY(QDir(folder).removeRecursively());
}

int main(int argc, char **argv)
{
    const QByteArray attack = qgetenv("HOSTILE_IDLE_ATTACKER");
    if (!attack.isEmpty())
        return runIdleAttacker(quint16(attack.split(':').value(0).toUInt()),
                               attack.split(':').value(1).toInt());
    QCoreApplication app(argc, argv);
    TestHostileServer test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_hostileserver.moc"
