// Cloud-only behaviour of the sandbox client, against a small local server that answers like
// Daytona's API (contract.md §2, §6, §9): a create that is still "creating", the SDK's polling
// until "started", an "error" state, cursor pages and the old bare-array list, 401/404/409/
// 429/5xx error bodies, a wrong base URL that answers HTML, timeouts, unreachable servers, and
// the headers of §1 on every request.
#include "../localsandbox/SandboxTestSupport.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxLister.h"
#include "sandbox/SandboxWaiter.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonObject>
#include <QTcpServer>
#include <QUrlQuery>

#include <memory>

namespace {

QJsonObject sandboxJson(const QString &id, const QString &state, const QString &toolbox)
{
    QJsonObject o{{QLatin1String("id"), id},
                  {QLatin1String("organizationId"), QStringLiteral("org")},
                  {QLatin1String("name"), id},
                  {QLatin1String("user"), QStringLiteral("daytona")},
                  {QLatin1String("env"), QJsonObject()},
                  {QLatin1String("labels"),
                   QJsonObject{{QLatin1String("code-toolbox-language"), QStringLiteral("python")}}},
                  {QLatin1String("public"), false},
                  {QLatin1String("target"), QStringLiteral("us")},
                  {QLatin1String("cpu"), 1},
                  {QLatin1String("gpu"), 0},
                  {QLatin1String("memory"), 1},
                  {QLatin1String("disk"), 3},
                  {QLatin1String("state"), state},
                  {QLatin1String("createdAt"), QStringLiteral("2026-06-01T10:00:00.000Z")}};
    if (!toolbox.isEmpty())
        o.insert(QLatin1String("toolboxProxyUrl"), toolbox);
    if (state == QLatin1String("error"))
        o.insert(QLatin1String("errorReason"), QStringLiteral("disk quota exceeded"));
    return o;
}

void nestError(QHttpServerResponder &responder, int status, const char *error,
               const QString &message, const QString &path,
               QHttpServerResponder::HeaderList extra = {})
{
    const QByteArray body
        = QJsonDocument(
              QJsonObject{{QLatin1String("path"), path},
                          {QLatin1String("timestamp"), QStringLiteral("2026-06-01T10:00:00.000Z")},
                          {QLatin1String("statusCode"), status},
                          {QLatin1String("error"), QString::fromLatin1(error)},
                          {QLatin1String("message"), message}})
              .toJson(QJsonDocument::Compact);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(status));
    responder.writeHeader("Content-Type", "application/json; charset=utf-8");
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeHeaders(extra);
    responder.writeBody(body);
}

void sendJson(QHttpServerResponder &responder, const QJsonDocument &doc)
{
    responder.write(doc.toJson(QJsonDocument::Compact), {{"Content-Type", "application/json"}},
                    QHttpServerResponder::StatusCode::Ok);
}

} // namespace

// Answers like app.daytona.io/api, from the recorded shapes in specs/daytona/contract.md.
class FakeDaytona final
{
public:
    FakeDaytona()
    {
        m_server.setMissingHandler(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                handle(request, std::move(responder));
            });
        port = m_server.listen(QHostAddress::LocalHost);
    }
    QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }

    quint16 port = 0;
    bool oldListShape = false;
    int polls = 0;
    QList<QUrlQuery> listQueries;
    QList<QList<QPair<QByteArray, QByteArray>>> requestHeaders;
    QByteArray lastCreateBody;
    std::vector<std::unique_ptr<QHttpServerResponder>> held; // answers never sent (timeouts)

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
    {
        requestHeaders.append(request.headers());
        const QString path = request.url().path();
        using M = QHttpServerRequest::Method;
        if (!path.startsWith(QLatin1String("/api/")) && !path.startsWith(QLatin1String("/tbx/"))) {
            // The dashboard: what a base URL without /api reaches.
            responder.write(
                "<!DOCTYPE html><html><head><title>Daytona</title></head><body></body></html>",
                "text/html; charset=utf-8");
            return;
        }
        if (request.value("Authorization") != "Bearer good-key") {
            nestError(responder, 401, "Unauthorized", QStringLiteral("Invalid API key"), path);
            return;
        }
        if (path == QLatin1String("/api/sandbox") && request.method() == M::Post) {
            lastCreateBody = request.body();
            const QString name = QJsonDocument::fromJson(request.body())
                                     .object()
                                     .value(QLatin1String("name"))
                                     .toString();
            if (name == QLatin1String("dup"))
                return nestError(responder, 409, "Conflict",
                                 QStringLiteral("Sandbox with name dup already exists"), path);
            if (name == QLatin1String("limited"))
                return nestError(responder, 429, "Too Many Requests",
                                 QStringLiteral("ThrottlerException: Too Many Requests"), path,
                                 {{"Retry-After", "12"}});
            if (name == QLatin1String("slow")) {
                held.push_back(std::make_unique<QHttpServerResponder>(std::move(responder)));
                return;
            }
            const QString id = name == QLatin1String("broken") ? QStringLiteral("broken-1")
                                                               : QStringLiteral("sb-1");
            polls = 0;
            sendJson(responder,
                     QJsonDocument(sandboxJson(id, QStringLiteral("creating"),
                                               base() + QStringLiteral("/tbx"))));
            return;
        }
        if (path == QLatin1String("/api/sandbox") && request.method() == M::Get) {
            listQueries.append(request.query());
            if (oldListShape) {
                sendJson(responder,
                         QJsonDocument(QJsonArray{
                             sandboxJson(QStringLiteral("a"), QStringLiteral("started"), {}),
                             sandboxJson(QStringLiteral("b"), QStringLiteral("stopped"), {})}));
                return;
            }
            const QString cursor = request.query().queryItemValue(QStringLiteral("cursor"));
            if (cursor.isEmpty())
                sendJson(responder,
                         QJsonDocument(QJsonObject{
                             {QLatin1String("items"),
                              QJsonArray{
                                  sandboxJson(QStringLiteral("a"), QStringLiteral("started"), {}),
                                  sandboxJson(QStringLiteral("b"), QStringLiteral("started"), {})}},
                             {QLatin1String("nextCursor"), QStringLiteral("c2")}}));
            else
                sendJson(responder,
                         QJsonDocument(
                             QJsonObject{{QLatin1String("items"),
                                          QJsonArray{sandboxJson(QStringLiteral("c"),
                                                                 QStringLiteral("stopped"), {})}},
                                         {QLatin1String("nextCursor"), QJsonValue::Null}}));
            return;
        }
        if (path == QLatin1String("/api/sandbox/sb-1")) {
            ++polls;
            sendJson(responder,
                     QJsonDocument(sandboxJson(QStringLiteral("sb-1"),
                                               polls < 3 ? QStringLiteral("creating")
                                                         : QStringLiteral("started"),
                                               base() + QStringLiteral("/tbx"))));
            return;
        }
        if (path == QLatin1String("/api/sandbox/broken-1")) {
            sendJson(responder,
                     QJsonDocument(
                         sandboxJson(QStringLiteral("broken-1"), QStringLiteral("error"), {})));
            return;
        }
        if (path == QLatin1String("/api/sandbox/boom"))
            return nestError(responder, 500, "Internal Server Error",
                             QStringLiteral("An unexpected error occurred."), path);
        if (path == QLatin1String("/api/sandbox/old-1/toolbox-proxy-url")) {
            sendJson(responder,
                     QJsonDocument(QJsonObject{
                         {QLatin1String("url"), QString(base() + QStringLiteral("/tbx"))}}));
            return;
        }
        if (path == QLatin1String("/tbx/old-1/process/execute")
            || path == QLatin1String("/tbx/sb-1/process/execute")) {
            sendJson(responder,
                     QJsonDocument(QJsonObject{
                         {QLatin1String("exitCode"), 0},
                         {QLatin1String("result"), QString(QStringLiteral("hi from ") + path)}}));
            return;
        }
        const QString id = path.section(QLatin1Char('/'), 3, 3);
        nestError(responder, 404, "Not Found",
                  QStringLiteral("Sandbox with ID or name %1 not found").arg(id), path);
    }

    QHttpServer m_server;
};

class TestDaytonaCloud final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void createWaitsFromCreatingToStarted();
    void createFailsOnErrorState();
    void listFollowsCursors();
    void listAcceptsOldBareArray();
    void errorClasses();
    void wrongBaseUrlAnsweringHtml();
    void toolboxProxyUrlEndpointWhenDtoLacksIt();
    void timeoutAndUnreachable();
    void missingKeyFailsBeforeSending();

private:
    std::unique_ptr<FakeDaytona> m_fake;
    std::unique_ptr<DaytonaClient> m_client;
};

void TestDaytonaCloud::init()
{
    m_client.reset();
    m_fake = std::make_unique<FakeDaytona>();
    QVERIFY(m_fake->port != 0);
    m_client = std::make_unique<DaytonaClient>(DaytonaConfig::fromValues(
        QStringLiteral("good-key"), m_fake->base() + QStringLiteral("/api"), QStringLiteral("eu")));
}

void TestDaytonaCloud::createWaitsFromCreatingToStarted()
{
    CreateSandboxParams params;
    params.env = {{QStringLiteral("A"), QStringLiteral("1")}};
    params.labels = {{QStringLiteral("app"), QStringLiteral("x")}};
    params.autoStopInterval = 30;
    params.autoDeleteInterval = 7 * 24 * 60; // the settings' "7 days", in minutes on the wire
    SandboxWaiter *waiter = m_client->createAndWait(params);
    QSignalSpy spy(waiter, &SandboxWaiter::finished);
    QVERIFY(spy.wait(20000));
    const DaytonaResult r = spy.first().first().value<DaytonaResult>();
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.sandbox.id, QStringLiteral("sb-1"));
    QCOMPARE(r.sandbox.state, QStringLiteral("started"));
    QCOMPARE(m_fake->polls, 3); // creating, creating, started
    // The body as the SDK sends it (contract.md §2.2 example), plus DAYTONA_TARGET.
    const QJsonObject body = QJsonDocument::fromJson(m_fake->lastCreateBody).object();
    QCOMPARE(body.value(QLatin1String("env")).toObject(),
             (QJsonObject{{QLatin1String("A"), QStringLiteral("1")}}));
    QCOMPARE(body.value(QLatin1String("labels")).toObject(),
             (QJsonObject{{QLatin1String("app"), QStringLiteral("x")},
                          {QLatin1String("code-toolbox-language"), QStringLiteral("python")}}));
    QCOMPARE(body.value(QLatin1String("autoStopInterval")).toInt(), 30);
    QCOMPARE(body.value(QLatin1String("autoDeleteInterval")).toInt(), 7 * 24 * 60);
    qInfo("tried: create with autoStopInterval 30 and autoDeleteInterval 10080, result: the body "
          "carries %d and %d",
          body.value(QLatin1String("autoStopInterval")).toInt(),
          body.value(QLatin1String("autoDeleteInterval")).toInt());
    QCOMPARE(body.value(QLatin1String("target")).toString(), QStringLiteral("eu"));
    QVERIFY(!body.contains(QLatin1String("name")));
    // The headers of §1 on every request.
    QVERIFY(m_fake->requestHeaders.size() >= 4);
    for (const auto &headers : std::as_const(m_fake->requestHeaders)) {
        QMap<QByteArray, QByteArray> h;
        for (const auto &[k, v] : headers)
            h.insert(k.toLower(), v);
        QCOMPARE(h.value("authorization"), QByteArray("Bearer good-key"));
        QCOMPARE(h.value("x-daytona-source"), QByteArray("agent-studio"));
        QCOMPARE(h.value("x-daytona-sdk-version"), QByteArray("0.190.0"));
        QVERIFY(h.value("user-agent").startsWith("agent-studio/"));
    }
    // The sandbox's toolbox is reached through its toolboxProxyUrl.
    const DaytonaResult exec = awaitResult(m_client->execute(r.sandbox, QStringLiteral("echo hi")));
    QVERIFY2(exec.ok(), qPrintable(exec.error.message));
    QCOMPARE(ExecResult::fromJson(exec.json().object()).result,
             QStringLiteral("hi from /tbx/sb-1/process/execute"));
}

void TestDaytonaCloud::createFailsOnErrorState()
{
    CreateSandboxParams params;
    params.name = QStringLiteral("broken");
    const DaytonaResult r = awaitResult(m_client->createAndWait(params));
    QCOMPARE(r.error.kind, SandboxError::Kind::ServerError);
    QVERIFY2(r.error.message.contains(QStringLiteral("disk quota exceeded")),
             qPrintable(r.error.message));
    QCOMPARE(r.sandbox.state, QStringLiteral("error"));
}

void TestDaytonaCloud::listFollowsCursors()
{
    SandboxLister *lister
        = m_client->listSandboxes({{QStringLiteral("env"), QStringLiteral("dev")}});
    QSignalSpy spy(lister, &SandboxLister::finished);
    QVERIFY(spy.wait(10000));
    const DaytonaResult r = spy.first().first().value<DaytonaResult>();
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.sandboxes.size(), 3);
    QCOMPARE(r.sandboxes[2].id, QStringLiteral("c"));
    QCOMPARE(m_fake->listQueries.size(), 2);
    QCOMPARE(m_fake->listQueries[0].queryItemValue(QStringLiteral("labels"), QUrl::FullyDecoded),
             QStringLiteral("{\"env\":\"dev\"}"));
    QCOMPARE(m_fake->listQueries[0].queryItemValue(QStringLiteral("limit")), QStringLiteral("100"));
    QCOMPARE(m_fake->listQueries[1].queryItemValue(QStringLiteral("cursor")), QStringLiteral("c2"));
}

void TestDaytonaCloud::listAcceptsOldBareArray()
{
    m_fake->oldListShape = true;
    const DaytonaResult r = awaitResult(m_client->listSandboxes());
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.sandboxes.size(), 2);
    QCOMPARE(r.sandboxes[1].state, QStringLiteral("stopped"));
    QCOMPARE(m_fake->listQueries.size(), 1);
}

void TestDaytonaCloud::errorClasses()
{
    DaytonaResult r = awaitResult(m_client->getSandbox(QStringLiteral("gone")));
    QCOMPARE(r.httpStatus, 404);
    QCOMPARE(r.error.kind, SandboxError::Kind::NotFound);
    QVERIFY(r.error.message.contains(QStringLiteral("This sandbox no longer exists")));
    QCOMPARE(r.error.serverMessage, QStringLiteral("Sandbox with ID or name gone not found"));

    r = awaitResult(m_client->getSandbox(QStringLiteral("boom")));
    QCOMPARE(r.error.kind, SandboxError::Kind::ServerError);
    QCOMPARE(r.httpStatus, 500);

    CreateSandboxParams params;
    params.name = QStringLiteral("dup");
    r = awaitResult(m_client->createSandbox(params));
    QCOMPARE(r.error.kind, SandboxError::Kind::Conflict);
    QVERIFY(r.error.message.contains(QStringLiteral("already exists")));

    params.name = QStringLiteral("limited");
    r = awaitResult(m_client->createSandbox(params));
    QCOMPARE(r.error.kind, SandboxError::Kind::RateLimited);
    QCOMPARE(r.error.retryAfterSeconds, 12);
    QVERIFY(r.error.message.contains(QStringLiteral("12 s")));

    DaytonaClient badKey(DaytonaConfig::fromValues(
        QStringLiteral("wrong"), m_fake->base() + QStringLiteral("/api"), QString()));
    r = awaitResult(badKey.getSandbox(QStringLiteral("sb-1")));
    QCOMPARE(r.error.kind, SandboxError::Kind::BadKey);
    QVERIFY(r.error.message.contains(QStringLiteral("DAYTONA_API_KEY")));
}

void TestDaytonaCloud::wrongBaseUrlAnsweringHtml()
{
    // https://app.daytona.io instead of https://app.daytona.io/api: the dashboard answers 200 HTML.
    DaytonaClient wrong(
        DaytonaConfig::fromValues(QStringLiteral("good-key"), m_fake->base(), QString()));
    const DaytonaResult r = awaitResult(wrong.getSandbox(QStringLiteral("sb-1")));
    QCOMPARE(r.error.kind, SandboxError::Kind::WrongBaseUrl);
    QVERIFY(r.error.message.contains(QStringLiteral("DAYTONA_API_URL")));
    QVERIFY(r.error.message.contains(m_fake->base()));
    const DaytonaResult list = awaitResult(wrong.listSandboxes());
    QCOMPARE(list.error.kind, SandboxError::Kind::WrongBaseUrl);
}

void TestDaytonaCloud::toolboxProxyUrlEndpointWhenDtoLacksIt()
{
    Sandbox old;
    old.id = QStringLiteral("old-1");
    const DaytonaResult r = awaitResult(m_client->execute(old, QStringLiteral("true")));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(ExecResult::fromJson(r.json().object()).result,
             QStringLiteral("hi from /tbx/old-1/process/execute"));
    QCOMPARE(m_client->toolboxUrlFor(QStringLiteral("old-1")),
             m_fake->base() + QStringLiteral("/tbx"));
}

void TestDaytonaCloud::timeoutAndUnreachable()
{
    CreateSandboxParams params;
    params.name = QStringLiteral("slow");
    DaytonaResult r = awaitResult(m_client->createSandbox(params, 300));
    QCOMPARE(r.error.kind, SandboxError::Kind::Timeout);
    QVERIFY(r.error.message.contains(QStringLiteral("did not answer")));

    QTcpServer probe; // a port that was free a moment ago and now refuses connections
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 closedPort = probe.serverPort();
    probe.close();
    DaytonaClient nowhere(DaytonaConfig::fromValues(
        QStringLiteral("k"), QStringLiteral("http://127.0.0.1:%1/api").arg(closedPort), QString()));
    r = awaitResult(nowhere.getSandbox(QStringLiteral("x")));
    QCOMPARE(r.error.kind, SandboxError::Kind::Connection);
    QVERIFY(r.error.message.contains(QStringLiteral("Could not reach")));
}

void TestDaytonaCloud::missingKeyFailsBeforeSending()
{
    DaytonaClient noKey(
        DaytonaConfig::fromValues(QString(), m_fake->base() + QStringLiteral("/api"), QString()));
    const DaytonaResult r = awaitResult(noKey.getSandbox(QStringLiteral("sb-1")));
    QCOMPARE(r.error.kind, SandboxError::Kind::Configuration);
    QVERIFY(r.error.message.contains(QStringLiteral("DAYTONA_API_KEY")));
    QVERIFY(m_fake->requestHeaders.isEmpty());
}

QTEST_GUILESS_MAIN(TestDaytonaCloud)
#include "tst_daytonacloud.moc"
