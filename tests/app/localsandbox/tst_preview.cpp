// Previews of local sandboxes (issue 17): `python3 -m http.server` inside a real bubblewrap
// sandbox (network off, and network on in pasta's namespace) is fetched through the preview
// URL with QNetworkAccessManager over real HTTP on 127.0.0.1. Without the token 401, a wrong
// or expired one 403, a port nothing listens on 502 with advice, bad ports 400, and a port
// bound on the host's own 127.0.0.1 is never reached. Also run as nobody (the server as a
// normal user) by tst_preview_unprivileged.
#include "SandboxTestSupport.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/PreviewConnection.h"
#include "localsandbox/PreviewProxy.h"
#include "localsandbox/SandboxNetwork.h"
#include "localsandbox/SandboxPortConnector.h"
#include "sandbox/SandboxWaiter.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <unistd.h>

namespace {

struct Fetched
{
    int status = 0;
    QByteArray body;
    QString error;
};

Fetched fetch(QNetworkAccessManager &nam, const QUrl &url,
              const QList<QPair<QByteArray, QByteArray>> &headers = {})
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    request.setTransferTimeout(20000);
    QNetworkReply *reply = nam.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    Fetched f;
    if (!reply->isFinished() && !done.wait(30000)) {
        f.error = QStringLiteral("no answer");
        reply->abort();
    }
    f.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    f.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError && f.status == 0)
        f.error = reply->errorString();
    reply->deleteLater();
    return f;
}

QUrl withoutQuery(const QUrl &url)
{
    QUrl u = url;
    u.setQuery(QString());
    return u;
}

} // namespace

class TestPreview final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void tokenIsTakenOutOfTheRequest();
    void servesPageWithNetworkOff();
    void servesPageWithNetworkOn();

private:
    Sandbox create(const QString &name, bool networked);
    // Starts python3 -m http.server in the sandbox (not awaited: it runs until the sandbox
    // stops) and waits until the preview answers 200 with the page.
    void serve(const Sandbox &sandbox, const QUrl &signedUrl, Fetched *page);
    void checkPreview(const Sandbox &sandbox);

    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
};

void TestPreview::initTestCase()
{
    QVERIFY(m_dir.isValid());
    LocalSandboxOptions options;
    options.dataDir = m_dir.path() + QStringLiteral("/data");
    const QString problem = startTestSandboxServer(m_dir.path(), options, m_server, m_client);
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem));
    qInfo("tried: preview tests as uid %d", int(::geteuid()));
}

void TestPreview::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

Sandbox TestPreview::create(const QString &name, bool networked)
{
    CreateSandboxParams params;
    params.name = name;
    params.networkBlockAll = networked ? 0 : 1;
    const DaytonaResult r = awaitResult(m_client->createAndWait(params));
    [&] { QVERIFY2(r.ok(), qPrintable(r.error.message)); }();
    return r.sandbox;
}

void TestPreview::tokenIsTakenOutOfTheRequest()
{
    QString token;
    bool fromCookie = false;
    const QByteArray head
        = "GET /app.js?v=2&DAYTONA_SANDBOX_AUTH_KEY=sbx_abc HTTP/1.1\r\nHost: 127.0.0.1:4000\r\n"
          "X-Daytona-Preview-Token: sbx_header\r\nCookie: a=1; studio_preview_4000=sbx_cookie\r\n"
          "Connection: keep-alive\r\n\r\n";
    const QByteArray out = PreviewConnection::rewriteHead(head, 4000, &token, &fromCookie);
    qInfo("tried: rewriting a request head carrying the token three ways, result: token %s, "
          "forwarded:\n%s",
          qPrintable(token), out.constData());
    QCOMPARE(token, QStringLiteral("sbx_abc")); // the query wins
    QVERIFY(!fromCookie);
    QVERIFY(out.startsWith("GET /app.js?v=2 HTTP/1.1\r\n"));
    QVERIFY(!out.contains("sbx_"));
    QVERIFY(out.contains("Cookie: a=1\r\n"));
    QVERIFY(out.contains("Connection: close\r\n"));
    QVERIFY(!out.contains("keep-alive"));
    // Only the cookie: it is the token.
    const QByteArray cookieOnly = PreviewConnection::rewriteHead(
        "GET / HTTP/1.1\r\nCookie: studio_preview_4000=c1\r\n\r\n", 4000, &token, &fromCookie);
    QCOMPARE(token, QStringLiteral("c1"));
    QVERIFY(fromCookie);
    QVERIFY(!cookieOnly.contains("Cookie"));
    // Another listener's cookie is not this one's token.
    PreviewConnection::rewriteHead("GET / HTTP/1.1\r\nCookie: studio_preview_4001=c1\r\n\r\n", 4000,
                                   &token, &fromCookie);
    QVERIFY(token.isEmpty());
    // Not an origin-form request: refused.
    QVERIFY(PreviewConnection::rewriteHead("GET http://example.com/ HTTP/1.1\r\n\r\n", 4000, &token,
                                           &fromCookie)
                .isEmpty());
    // A WebSocket upgrade keeps its Connection header.
    const QByteArray ws = PreviewConnection::rewriteHead(
        "GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n", 4000, &token,
        &fromCookie);
    QVERIFY(ws.contains("Connection: Upgrade\r\n"));
    QVERIFY(!ws.contains("Connection: close"));
}

void TestPreview::serve(const Sandbox &sandbox, const QUrl &signedUrl, Fetched *page)
{
    QVERIFY(
        awaitResult(m_client->uploadFile(sandbox, QStringLiteral("/home/daytona/site/index.html"),
                                         "<h1>hello from the sandbox</h1>\n"))
            .ok());
    QVERIFY(
        awaitResult(m_client->uploadFile(sandbox, QStringLiteral("/home/daytona/site/style.css"),
                                         "h1 { color: teal }\n"))
            .ok());
    // Bound to the default (all addresses, IPv6 dual-stack where available) in one sandbox and
    // to 127.0.0.1 in the other: both kinds of listener are found.
    const QString bind = sandbox.networkBlockAll ? QString() : QStringLiteral(" --bind 127.0.0.1");
    DaytonaCall *server = m_client->execute(
        sandbox,
        QStringLiteral("python3 -m http.server 8000 --directory /home/daytona/site") + bind,
        QString(), {}, 300);
    Q_UNUSED(server) // ends when the sandbox stops
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    // The server needs a moment to start; until then the preview answers 502.
    QTRY_VERIFY_WITH_TIMEOUT((*page = fetch(nam, signedUrl)).status == 200, 30000);
}

void TestPreview::checkPreview(const Sandbox &sb)
{
    // The signed URL opens the page at once; the plain one needs the token.
    DaytonaResult r = awaitResult(m_client->signedPreviewUrl(sb.id, 8000, 3600));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    const QUrl signedUrl = PreviewLink::openableUrl(r.body, true);
    QCOMPARE(signedUrl.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(signedUrl.port() != int(m_server->port()));
    Fetched page;
    serve(sb, signedUrl, &page);
    if (QTest::currentTestFailed())
        return;
    qInfo("tried: GET %s (signed) on sandbox %s (network %s), result: %d %s",
          qPrintable(withoutQuery(signedUrl).toString()), qPrintable(sb.name),
          sb.networkBlockAll ? "off" : "on", page.status, page.body.trimmed().constData());
    QCOMPARE(page.body, QByteArray("<h1>hello from the sandbox</h1>\n"));

    r = awaitResult(m_client->previewUrl(sb.id, 8000));
    QVERIFY(r.ok());
    const QJsonObject link = r.json().object();
    const QUrl plain(link.value(QLatin1String("url")).toString());
    const QString token = link.value(QLatin1String("token")).toString();
    QCOMPARE(plain.port(), signedUrl.port()); // one listener per (sandbox, port)

    QNetworkAccessManager browser;
    browser.setProxy(QNetworkProxy::NoProxy);
    const Fetched none = fetch(browser, plain);
    const Fetched wrong = fetch(browser, plain, {{"X-Daytona-Preview-Token", "sbx_wrong"}});
    const Fetched header = fetch(browser, plain, {{"X-Daytona-Preview-Token", token.toUtf8()}});
    qInfo("tried: the preview without a token, with a wrong one, with the header, result: %d, "
          "%d, %d",
          none.status, wrong.status, header.status);
    QCOMPARE(none.status, 401);
    QVERIFY(none.body.contains("needs its token"));
    QCOMPARE(wrong.status, 403);
    QCOMPARE(header.status, 200);

    // A browser: the token in the query once, then the cookie carries it for sub-resources.
    const Fetched first = fetch(browser, PreviewLink::openableUrl(r.body, false));
    QUrl css = plain;
    css.setPath(QStringLiteral("/style.css"));
    const Fetched sub = fetch(browser, css);
    qInfo("tried: page with ?DAYTONA_SANDBOX_AUTH_KEY=..., then /style.css with the cookie only, "
          "result: %d, %d %s",
          first.status, sub.status, sub.body.trimmed().constData());
    QCOMPARE(first.status, 200);
    QCOMPARE(sub.status, 200);
    QCOMPARE(sub.body, QByteArray("h1 { color: teal }\n"));

    // A port nothing listens on: 502 with advice. A port bound on the host's 127.0.0.1 is such
    // a port for the sandbox: the host's service is never reached.
    QTcpServer host;
    QVERIFY(host.listen(QHostAddress::LocalHost, 0));
    QSignalSpy hostConnections(&host, &QTcpServer::newConnection);
    r = awaitResult(m_client->signedPreviewUrl(sb.id, host.serverPort(), 60));
    QVERIFY(r.ok());
    const Fetched hostPort = fetch(browser, PreviewLink::openableUrl(r.body, true));
    qInfo("tried: preview of port %d, which only the host listens on, result: %d %s",
          int(host.serverPort()), hostPort.status,
          hostPort.body.mid(hostPort.body.indexOf("<p>")).trimmed().constData());
    QCOMPARE(hostPort.status, 502);
    QVERIFY(hostPort.body.contains(
        QStringLiteral("Nothing listens on port %1 in sandbox %2: start the server first")
            .arg(host.serverPort())
            .arg(sb.name)
            .toUtf8()));
    // The relay itself, asked directly to connect to that port inside the sandbox's namespace:
    // refused there, nothing arrives on the host.
    const SandboxPortConnector::Listener inside
        = SandboxPortConnector::findListener(m_server->processIds(sb.id), 8000);
    QVERIFY(inside.pid > 0);
    const SandboxPortConnector::Connected relay
        = SandboxPortConnector::connectInNamespace(inside.pid, host.serverPort());
    qInfo("tried: relay into the namespace of pid %lld to port %d, result: fd %d, refused %d (%s)",
          inside.pid, int(host.serverPort()), relay.fd, int(relay.refused),
          qPrintable(relay.error));
    QCOMPARE(relay.fd, -1);
    QVERIFY(relay.refused);
    QCoreApplication::processEvents();
    QCOMPARE(hostConnections.size(), 0);
    QVERIFY(!host.hasPendingConnections());

    // Bad ports and an unknown sandbox.
    QCOMPARE(awaitResult(m_client->previewUrl(sb.id, 0)).httpStatus, 400);
    QCOMPARE(awaitResult(m_client->signedPreviewUrl(sb.id, 70000, 60)).httpStatus, 400);
    QCOMPARE(awaitResult(m_client->signedPreviewUrl(sb.id, 8000, 0)).httpStatus, 400);
    QCOMPARE(awaitResult(m_client->previewUrl(QStringLiteral("no-such-sandbox"), 8000)).httpStatus,
             404);

    // A signed token expires.
    r = awaitResult(m_client->signedPreviewUrl(sb.id, 8000, 1));
    QVERIFY(r.ok());
    const QUrl shortLived = PreviewLink::openableUrl(r.body, true);
    QTRY_COMPARE_WITH_TIMEOUT(fetch(browser, shortLived).status, 403, 5000);

    // The preview stops with the sandbox.
    const int listeners = m_server->previews().listenerCount();
    QVERIFY(awaitResult(m_client->stopAndWait(sb.id)).ok());
    const Fetched stopped = fetch(browser, plain, {{"X-Daytona-Preview-Token", token.toUtf8()}});
    qInfo("tried: the preview after the sandbox stopped, result: status %d, %s (listeners %d -> "
          "%d)",
          stopped.status, qPrintable(stopped.error), listeners,
          m_server->previews().listenerCount());
    QCOMPARE(stopped.status, 0); // nothing listens there any more
    QVERIFY(m_server->previews().listenerCount() < listeners);
    QVERIFY(awaitResult(m_client->deleteSandbox(sb.id)).ok());
}

void TestPreview::servesPageWithNetworkOff()
{
    const Sandbox sb = create(QStringLiteral("preview-off"), false);
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(sb.networkBlockAll);
    checkPreview(sb);
}

void TestPreview::servesPageWithNetworkOn()
{
    const int uid = m_server->runAsUid();
    if (const QString problem = SandboxNetwork::hostProblem(uid); !problem.isEmpty())
        QSKIP(qPrintable(problem));
    const Sandbox sb = create(QStringLiteral("preview-on"), true);
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(!sb.networkBlockAll);
    checkPreview(sb);
}

QTEST_GUILESS_MAIN(TestPreview)
#include "tst_preview.moc"
