// Previews in Daytona mode (issue 17): the engine with DAYTONA_API_KEY/DAYTONA_API_URL set talks
// to a Daytona-shaped front (FaultyDaytonaServer) with a real local server behind it. The agent
// (a scripted model) starts a web server in its sandbox and calls getPreviewLink in the same
// step; the test fetches the link it returned while the server runs. Signed URLs are used where
// the API has them; on 404 the preview URL with its token; Daytona's own URL shapes are passed
// on as the API gave them; the API key never appears in a link.
#include "../app/agent/AgentTestSupport.h"
#include "FaultyDaytonaServer.h"

#include "agent/ApprovalPolicy.h"
#include "localsandbox/LocalSandboxServer.h"
#include "root/AppContext.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "sandbox/SandboxWaiter.h"
#include "services/SandboxService.h"
#include "store/Store.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

// One page, served for exactly one request (or 60 s), so the run ends as soon as the test has
// fetched it.
QString serveOnce()
{
    return u"mkdir -p site && echo '<h1>served by the agent</h1>' > site/index.html && "
           "python3 -c \"import http.server as h, functools as f; "
           "s = h.HTTPServer(('127.0.0.1', 8000), "
           "f.partial(h.SimpleHTTPRequestHandler, directory='site')); "
           "s.timeout = 60; s.handle_request()\""_s;
}

QList<ScriptedModel::Step> previewScenario()
{
    return {
        [](const RecordedRequest &) {
            return ScriptedStep{
                QString(),
                {{u"call_create"_s, u"createSandbox"_s, createSandboxArgs(), QString()}}};
        },
        [](const RecordedRequest &request) {
            const QString id = sandboxIdFrom(request.body);
            return ScriptedStep{
                QString(),
                {{u"call_serve"_s, u"runCommand"_s,
                  QJsonObject{
                      {u"sandboxId"_s, id}, {u"command"_s, serveOnce()}, {u"timeoutSeconds"_s, 80}},
                  QString()},
                 {u"call_link"_s, u"getPreviewLink"_s,
                  QJsonObject{{u"sandboxId"_s, id}, {u"port"_s, 8000}}, QString()}}};
        },
        [](const RecordedRequest &) {
            return ScriptedStep{u"The page is up."_s, {}};
        },
    };
}

struct Fetched
{
    int status = 0;
    QByteArray body;
};

Fetched fetch(const QUrl &url)
{
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    request.setTransferTimeout(20000);
    QNetworkReply *reply = nam.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        done.wait(30000);
    Fetched f{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    delete reply;
    return f;
}

} // namespace

class TestDaytonaPreview final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void agentLinkIsSignedAndOpensThePage();
    void withoutSignedUrlsTheTokenRidesInTheQuery();
    void daytonaUrlShapesArePassedOn();

private:
    // Runs the scenario; returns getPreviewLink's result and fetches its url once.
    QJsonObject runAndFetch(Fetched *page);

    QString m_token;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalSandboxServer> m_upstream;
    std::unique_ptr<FaultyDaytonaServer> m_daytona;
    std::unique_ptr<FakeLlmServer> m_model;
    std::unique_ptr<AppContext> m_context;
};

void TestDaytonaPreview::initTestCase()
{
    qputenv("OPENAI_API_KEY", "sk-test-daytona-preview-0123456789ab");
    m_token = u"dtn_"_s + QString::number(QRandomGenerator::global()->generate64(), 16).repeated(4);
}

void TestDaytonaPreview::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // As root, sandboxes run as nobody, who must traverse the folders above their homes.
    QFile::setPermissions(m_dir->path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    LocalSandboxOptions options;
    options.dataDir = m_dir->filePath(u"cloud"_s);
    options.token = m_token;
    m_upstream = std::make_unique<LocalSandboxServer>(options);
    QString error;
    QVERIFY2(m_upstream->start(&error), qPrintable(error));
    QUrl base = m_upstream->apiUrl();
    base.setPath(QString());
    m_daytona = std::make_unique<FaultyDaytonaServer>(base);
    QVERIFY(m_daytona->listen());
    m_model = std::make_unique<FakeLlmServer>();
    QVERIFY(m_model->listen());
    qputenv("OPENAI_BASE_URL", m_model->baseUrl().toString().toUtf8());
    qputenv("DAYTONA_API_KEY", m_token.toUtf8());
    qputenv("DAYTONA_API_URL", m_daytona->apiUrl().toString().toUtf8());
    m_context = std::make_unique<AppContext>(StudioPaths::underRoot(m_dir->filePath(u"data"_s)));
    QVERIFY2(m_context->open(&error), qPrintable(error));
    m_context->setSandboxProvider(u"daytona"_s);
    QVERIFY2(m_context->agentEngine(&error), qPrintable(error));
    QVERIFY(!m_context->sandboxes().isLocal());
    m_context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
}

void TestDaytonaPreview::cleanup()
{
    m_context.reset();
    m_model.reset();
    m_daytona.reset();
    m_upstream.reset();
    m_dir.reset();
    qunsetenv("DAYTONA_API_KEY");
    qunsetenv("DAYTONA_API_URL");
}

QJsonObject TestDaytonaPreview::runAndFetch(Fetched *page)
{
    ScriptedModel script(*m_model, Wire::OpenAi, previewScenario());
    AgentEngine &engine = m_context->engine();
    RunRecorder recorder(engine);
    auto thread = m_context->store().createThread(u"t"_s, u"openai/gpt-4o-mini"_s);
    QString error;
    if (!thread || !engine.send(thread->id, u"serve a page and give me the link"_s, {}, &error)) {
        qWarning() << "not started:" << error;
        return {};
    }
    const auto linkEvent = [&recorder]() -> std::optional<RunEvent> {
        for (const RunEvent &e : recorder.ofType(RunEvent::Type::ToolCallFinished))
            if (e.toolName == QLatin1String("getPreviewLink"))
                return e;
        return std::nullopt;
    };
    if (!QTest::qWaitFor([&] { return linkEvent().has_value() || recorder.ended; }, 60000))
        return {};
    const std::optional<RunEvent> link = linkEvent();
    if (!link || link->isError) {
        qWarning() << "no link:" << (link ? link->result : QJsonValue());
        return {};
    }
    const QJsonObject result = link->result.toObject();
    const QUrl url(result.value(u"url"_s).toString());
    // The agent's server needs a moment to start (until then the preview answers 502, or for
    // Daytona-shaped URLs nothing can be fetched at all).
    if (url.host() == QLatin1String("127.0.0.1")) [[maybe_unused]]
        const bool served
            = QTest::qWaitFor([&] { return (*page = fetch(url)).status == 200; }, 50000);
    [[maybe_unused]] const bool ended
        = QTest::qWaitFor([&recorder] { return recorder.ended; }, 60000);
    return result;
}

void TestDaytonaPreview::agentLinkIsSignedAndOpensThePage()
{
    Fetched page;
    const QJsonObject link = runAndFetch(&page);
    const QString url = link.value(u"url"_s).toString();
    qInfo("tried: the agent starts a server and asks getPreviewLink (Daytona mode, signed URLs "
          "available), result: %s signed=%d -> %d %s",
          qPrintable(QUrl(url).toString(QUrl::RemoveQuery)), int(link.value(u"signed"_s).toBool()),
          page.status, page.body.trimmed().constData());
    QVERIFY(link.value(u"signed"_s).toBool());
    QCOMPARE(link.value(u"expiresInSeconds"_s).toInt(), PreviewLink::kSignedSeconds);
    QCOMPARE(page.status, 200);
    QCOMPARE(page.body, QByteArray("<h1>served by the agent</h1>\n"));
    QVERIFY(!url.contains(m_token));
    QVERIFY(m_daytona->forwarded("signed-preview-url") >= 1);
    QCOMPARE(m_daytona->forwarded("/preview-url"), 0);
}

void TestDaytonaPreview::withoutSignedUrlsTheTokenRidesInTheQuery()
{
    // An API without signed previews (older Daytona, or a proxy that lacks the route).
    m_daytona->setRule([](const RecordedRequest &r) {
        if (r.path.contains("/signed-preview-url"))
            return DaytonaFault::error(DaytonaFault::Kind::Respond, 404, u"Cannot GET"_s);
        return DaytonaFault::pass();
    });
    Fetched page;
    const QJsonObject link = runAndFetch(&page);
    const QUrl url(link.value(u"url"_s).toString());
    const QString token = QUrlQuery(url).queryItemValue(u"DAYTONA_SANDBOX_AUTH_KEY"_s);
    qInfo("tried: getPreviewLink when signed-preview-url answers 404, result: %s with a token of "
          "%d characters, signed=%d -> %d %s",
          qPrintable(url.toString(QUrl::RemoveQuery)), int(token.size()),
          int(link.value(u"signed"_s).toBool()), page.status, page.body.trimmed().constData());
    QVERIFY(!link.value(u"signed"_s).toBool());
    QVERIFY(!token.isEmpty());
    QVERIFY(token != m_token); // the preview token, never the API key
    QVERIFY(!url.toString().contains(m_token));
    QCOMPARE(page.status, 200);
    QCOMPARE(page.body, QByteArray("<h1>served by the agent</h1>\n"));
}

void TestDaytonaPreview::daytonaUrlShapesArePassedOn()
{
    // What Daytona cloud answers: {port}-{signedToken}.proxy-domain, or {port}-{id}.domain with
    // a token. The app passes them on (the token in the query, as a browser can send it).
    int signedStatus = 200;
    m_daytona->setRule([&signedStatus](const RecordedRequest &r) {
        DaytonaFault f;
        f.kind = DaytonaFault::Kind::Respond;
        if (r.path.contains("/signed-preview-url")) {
            f.status = signedStatus;
            f.body = signedStatus == 200
                ? R"({"sandboxId":"x","port":3000,"token":"sig123","url":"https://3000-sig123.proxy.daytona.works"})"
                : R"({"statusCode":404,"message":"Cannot GET"})";
            return f;
        }
        if (r.path.contains("/preview-url")) {
            f.body
                = R"({"sandboxId":"x","url":"https://3000-x.proxy.daytona.works","token":"ptok"})";
            return f;
        }
        return DaytonaFault::pass();
    });
    SandboxService &service = m_context->sandboxService();
    QString error;
    DaytonaClient *client = m_context->sandboxes().client(&error);
    QVERIFY2(client, qPrintable(error));
    CreateSandboxParams params;
    params.name = u"shapes"_s;
    const DaytonaResult created = [&] {
        auto *w = client->createAndWait(params);
        QSignalSpy spy(w, &SandboxWaiter::finished);
        spy.wait(60000);
        return spy.value(0).value(0).value<DaytonaResult>();
    }();
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    service.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(service.find(created.sandbox.id), 20000);
    QSignalSpy ready(&service, &SandboxService::previewUrlReady);
    service.requestPreviewUrl(created.sandbox.id, 3000);
    QVERIFY(ready.wait(20000));
    const QUrl signedUrl = ready.first().at(2).toUrl();
    signedStatus = 404;
    service.requestPreviewUrl(created.sandbox.id, 3000);
    QVERIFY(ready.wait(20000));
    const QUrl plainUrl = ready.at(1).at(2).toUrl();
    qInfo("tried: Open preview against Daytona-shaped answers, result: signed %s, unsigned %s",
          qPrintable(signedUrl.toString()), qPrintable(plainUrl.toString()));
    QCOMPARE(signedUrl, QUrl(u"https://3000-sig123.proxy.daytona.works"_s));
    QCOMPARE(plainUrl, QUrl(u"https://3000-x.proxy.daytona.works?DAYTONA_SANDBOX_AUTH_KEY=ptok"_s));
}

QTEST_GUILESS_MAIN(TestDaytonaPreview)
#include "tst_daytonapreview.moc"
