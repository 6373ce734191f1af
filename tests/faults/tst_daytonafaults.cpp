// The engine in Daytona mode (DAYTONA_API_KEY and DAYTONA_API_URL set, as a user would) against
// a Daytona API that fails: 401, 404 for a deleted sandbox, 409, 429, 5xx after the command
// ran, a server that never answers, HTML pages, a download cut short, and a sandbox that
// disappears mid-run. Behind the failing front a real Daytona-contract server runs the
// sandboxes. Each case gives the model a clear tool error (and the run a clear end), never a
// hang, a silent partial file or a command run twice.
#include "../app/agent/AgentTestSupport.h"
#include "FaultyDaytonaServer.h"

#include "agent/ApprovalPolicy.h"
#include "localsandbox/LocalSandboxServer.h"
#include "root/AppContext.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "sandbox/SandboxWaiter.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ScriptedModel::Step call(const QString &id, const QString &name,
                         std::function<QJsonObject(const QString &sandboxId)> args)
{
    return [id, name, args](const RecordedRequest &request) {
        return ScriptedStep{QString(), {{id, name, args(sandboxIdFrom(request.body)), QString()}}};
    };
}

ScriptedModel::Step answer(const QString &text)
{
    return [text](const RecordedRequest &) { return ScriptedStep{text, {}}; };
}

ScriptedModel::Step create()
{
    return call(u"call_create"_s, u"createSandbox"_s,
                [](const QString &) { return createSandboxArgs(); });
}

bool isToolbox(const RecordedRequest &r, const QByteArray &what)
{
    return r.path.contains("/toolbox/") && r.path.contains(what);
}

} // namespace

class TestDaytonaFaults final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void badKey401();
    void conflict409OnCreate();
    void htmlPageInsteadOfTheApi();
    void deletedSandbox404();
    void rateLimited429Storm();
    void serverErrorAfterTheCommandRanIsNotRepeated();
    void silentServerTimesOut();
    void downloadCutShortIsAnError();
    void bulkDownloadCutShortIsAnError();
    void sandboxDisappearsMidRun();
    void keysStayWithTheirOwnServer();

private:
    struct Run
    {
        QList<RunEvent> finishedCalls;
        RunEvent end;
        qint64 ms = 0;
        QString error(int i) const
        {
            return finishedCalls.value(i).result.toObject().value(u"error"_s).toString();
        }
    };
    Run run(QList<ScriptedModel::Step> steps, int timeoutMs = 90000);

    QString m_token;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalSandboxServer> m_upstream;
    std::unique_ptr<FaultyDaytonaServer> m_daytona;
    std::unique_ptr<FakeLlmServer> m_model;
    std::unique_ptr<AppContext> m_context;
};

void TestDaytonaFaults::initTestCase()
{
    qputenv("OPENAI_API_KEY", "sk-test-daytona-faults-0123456789abcd");
    m_token = u"dtn_"_s + QString::number(QRandomGenerator::global()->generate64(), 16).repeated(4);
}

void TestDaytonaFaults::init()
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
    DaytonaClient *client = m_context->sandboxes().client(&error);
    QVERIFY2(client, qPrintable(error));
    client->setTimeoutCap(2500);
    m_context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
}

void TestDaytonaFaults::cleanup()
{
    m_context.reset();
    m_model.reset();
    m_daytona.reset();
    m_upstream.reset();
    m_dir.reset();
    qunsetenv("DAYTONA_API_KEY");
    qunsetenv("DAYTONA_API_URL");
}

TestDaytonaFaults::Run TestDaytonaFaults::run(QList<ScriptedModel::Step> steps, int timeoutMs)
{
    ScriptedModel script(*m_model, Wire::OpenAi, std::move(steps));
    AgentEngine &engine = m_context->engine();
    RunRecorder recorder(engine);
    auto thread = m_context->store().createThread(u"t"_s, u"openai/gpt-4o-mini"_s);
    QString error;
    Run r;
    if (!thread || !engine.send(thread->id, u"go"_s, {}, &error)) {
        qWarning() << "not started:" << error;
        return r;
    }
    QElapsedTimer clock;
    clock.start();
    [[maybe_unused]] const bool ended
        = QTest::qWaitFor([&recorder] { return recorder.ended; }, timeoutMs);
    r.ms = clock.elapsed();
    r.finishedCalls = recorder.ofType(RunEvent::Type::ToolCallFinished);
    for (const RunEvent &e : recorder.events)
        if (e.type == RunEvent::Type::RunFinished || e.type == RunEvent::Type::RunFailed
            || e.type == RunEvent::Type::RunCancelled)
            r.end = e;
    for (int i = 0; i < r.finishedCalls.size(); ++i)
        qInfo().noquote() << "  " << r.finishedCalls.at(i).toolName
                          << (r.finishedCalls.at(i).isError ? "-> error:" : "-> ok")
                          << r.error(i).left(300);
    qInfo().noquote() << "  run ended:" << (recorder.ended ? "yes" : "NO (hung)") << "after" << r.ms
                      << "ms;" << r.end.errorKindName() << r.end.error;
    return r;
}

void TestDaytonaFaults::badKey401()
{
    qInfo() << "tried: every API call answers 401 Invalid API key";
    m_daytona->setRule([](const RecordedRequest &) {
        return DaytonaFault::error(DaytonaFault::Kind::Respond, 401, u"Invalid API key"_s);
    });
    const Run r = run({create(), answer(u"The key is wrong."_s)});
    QCOMPARE(r.end.type, RunEvent::Type::RunFinished);
    QCOMPARE(r.finishedCalls.size(), 1);
    QVERIFY(r.finishedCalls.first().isError);
    QVERIFY2(r.error(0).contains(u"HTTP 401"_s) && r.error(0).contains(u"key"_s),
             qPrintable(r.error(0)));
    QVERIFY(!r.error(0).contains(m_token));
    // The model saw it.
    QVERIFY(m_model->requests().at(1).body.contains("HTTP 401"));
}

void TestDaytonaFaults::conflict409OnCreate()
{
    qInfo() << "tried: create answers 409 (name taken)";
    m_daytona->setRule([](const RecordedRequest &r) {
        if (r.method == "POST" && r.path == "/api/sandbox")
            return DaytonaFault::error(
                DaytonaFault::Kind::Respond, 409,
                u"Sandbox with name reverse_string_project already exists"_s);
        return DaytonaFault::pass();
    });
    const Run r = run({create(), answer(u"Name taken."_s)});
    QCOMPARE(r.end.type, RunEvent::Type::RunFinished);
    QVERIFY(r.finishedCalls.first().isError);
    QVERIFY2(r.error(0).contains(u"409"_s) && r.error(0).contains(u"already exists"_s),
             qPrintable(r.error(0)));
    QCOMPARE(m_daytona->forwarded("POST /api/sandbox"), 0);
}

void TestDaytonaFaults::htmlPageInsteadOfTheApi()
{
    qInfo() << "tried: a proxy answers create with a 502 HTML page";
    m_daytona->setRule([](const RecordedRequest &r) {
        if (r.path.startsWith("/api/sandbox"))
            return DaytonaFault::html(502);
        return DaytonaFault::pass();
    });
    const Run r = run({create(), answer(u"The server is down."_s)});
    QCOMPARE(r.end.type, RunEvent::Type::RunFinished);
    QVERIFY(r.finishedCalls.first().isError);
    // Not the page's markup: a sentence.
    QVERIFY2(!r.error(0).contains(u"<html"_s) && !r.error(0).contains(u"<center>"_s),
             qPrintable(r.error(0)));
    QVERIFY2(r.error(0).contains(u"502"_s) || r.error(0).contains(u"web page"_s),
             qPrintable(r.error(0)));
}

void TestDaytonaFaults::deletedSandbox404()
{
    qInfo() << "tried: the sandbox exists, then listFiles answers 404 (auto-deleted)";
    m_daytona->setRule([](const RecordedRequest &r) {
        if (isToolbox(r, "/files"))
            return DaytonaFault::error(DaytonaFault::Kind::Respond, 404, u"Sandbox not found"_s);
        return DaytonaFault::pass();
    });
    const Run r = run({create(),
                       call(u"call_ls"_s, u"listFiles"_s,
                            [](const QString &id) {
                                return QJsonObject{{u"sandboxId"_s, id}};
                            }),
                       answer(u"Gone."_s)});
    QCOMPARE(r.end.type, RunEvent::Type::RunFinished);
    QCOMPARE(r.finishedCalls.size(), 2);
    QVERIFY(!r.finishedCalls.at(0).isError);
    QVERIFY(r.finishedCalls.at(1).isError);
    QVERIFY2(r.error(1).contains(u"no longer exists"_s, Qt::CaseInsensitive),
             qPrintable(r.error(1)));
}

void TestDaytonaFaults::rateLimited429Storm()
{
    qInfo() << "tried: listFiles answers 429 with Retry-After: 1, for ever";
    m_daytona->setRule([](const RecordedRequest &r) {
        if (isToolbox(r, "/files"))
            return DaytonaFault::error(DaytonaFault::Kind::Respond, 429,
                                       u"ThrottlerException: Too Many Requests"_s,
                                       {{"Retry-After", "1"}});
        return DaytonaFault::pass();
    });
    const Run r = run({create(),
                       call(u"call_ls"_s, u"listFiles"_s,
                            [](const QString &id) {
                                return QJsonObject{{u"sandboxId"_s, id}};
                            }),
                       answer(u"Rate limited."_s)});
    QCOMPARE(r.end.type, RunEvent::Type::RunFinished);
    QVERIFY(r.finishedCalls.at(1).isError);
    QVERIFY2(r.error(1).contains(u"429"_s), qPrintable(r.error(1)));
    int attempts = 0;
    for (const RecordedRequest &q : m_daytona->requests())
        attempts += isToolbox(q, "/files");
    qInfo() << "  listFiles was sent" << attempts << "time(s)";
    QVERIFY(attempts >= 1 && attempts <= 4); // bounded
}

void TestDaytonaFaults::serverErrorAfterTheCommandRanIsNotRepeated()
{
    qInfo() << "tried: the command runs, then its answer is replaced by 502 Bad Gateway";
    m_daytona->setRule([](const RecordedRequest &r) {
        // Daytona-mode runCommand starts its command with a session's exec (issue 17).
        if (isToolbox(r, "/exec"))
            return DaytonaFault::error(DaytonaFault::Kind::LoseAnswer, 502, u"Bad Gateway"_s);
        return DaytonaFault::pass();
    });
    const Run r = run(
        {create(),
         call(
             u"call_run"_s, u"runCommand"_s,
             [](const QString &id) {
                 return QJsonObject{{u"sandboxId"_s, id}, {u"command"_s, u"echo ran >> ran.log"_s}};
             }),
         answer(u"Unknown outcome."_s)});
    QCOMPARE(r.end.type, RunEvent::Type::RunFinished);
    QVERIFY(r.finishedCalls.at(1).isError);
    QVERIFY2(r.error(1).contains(u"502"_s), qPrintable(r.error(1)));
    // A POST that reached the server is never sent again: the command ran exactly once.
    QCOMPARE(m_daytona->forwarded("/exec"), 1);
}

void TestDaytonaFaults::silentServerTimesOut()
{
    qInfo() << "tried: listFiles never gets an answer (timeout cap 2.5 s)";
    m_daytona->setRule([](const RecordedRequest &r) {
        if (isToolbox(r, "/files"))
            return DaytonaFault::hang();
        return DaytonaFault::pass();
    });
    const Run r = run({create(),
                       call(u"call_ls"_s, u"listFiles"_s,
                            [](const QString &id) {
                                return QJsonObject{{u"sandboxId"_s, id}};
                            }),
                       answer(u"Timed out."_s)},
                      60000);
    QCOMPARE(r.end.type, RunEvent::Type::RunFinished);
    QVERIFY(r.finishedCalls.at(1).isError);
    QVERIFY2(r.error(1).contains(u"did not answer within 2.5 s"_s), qPrintable(r.error(1)));
    QVERIFY(r.ms < 30000);
}

void TestDaytonaFaults::downloadCutShortIsAnError()
{
    qInfo() << "tried: readFile's download sends its headers and half of the file, then closes";
    m_daytona->setRule([](const RecordedRequest &r) {
        if (isToolbox(r, "/files/download"))
            return DaytonaFault::truncate(0.5);
        return DaytonaFault::pass();
    });
    const QString content = u"line of the file\n"_s.repeated(400);
    const Run r = run({create(),
                       call(u"call_w"_s, u"writeFile"_s,
                            [content](const QString &id) {
                                return QJsonObject{{u"sandboxId"_s, id},
                                                   {u"path"_s, u"big.txt"_s},
                                                   {u"content"_s, content}};
                            }),
                       call(u"call_r"_s, u"readFile"_s,
                            [](const QString &id) {
                                return QJsonObject{{u"sandboxId"_s, id}, {u"path"_s, u"big.txt"_s}};
                            }),
                       answer(u"Could not read it."_s)});
    QCOMPARE(r.end.type, RunEvent::Type::RunFinished);
    QCOMPARE(r.finishedCalls.size(), 3);
    QVERIFY(!r.finishedCalls.at(1).isError);
    // Never half a file presented as the file.
    const QJsonObject read = r.finishedCalls.at(2).result.toObject();
    QVERIFY2(r.finishedCalls.at(2).isError,
             qPrintable(u"got %1 of %2 characters as the content"_s
                            .arg(read.value(u"content"_s).toString().size())
                            .arg(content.size())));
}

void TestDaytonaFaults::bulkDownloadCutShortIsAnError()
{
    // The client's multipart bulk download (no tool uses it yet): a body cut mid-part.
    qInfo() << "tried: a multipart bulk download cut after 60% of its body";
    m_daytona->setRule([](const RecordedRequest &r) {
        if (isToolbox(r, "/files/bulk-download"))
            return DaytonaFault::truncate(0.6);
        return DaytonaFault::pass();
    });
    QString error;
    DaytonaClient *client = m_context->sandboxes().client(&error);
    QVERIFY(client);
    SandboxWaiter *waiter = client->createAndWait(CreateSandboxParams{});
    QSignalSpy created(waiter, &SandboxWaiter::finished);
    QVERIFY(created.wait(30000));
    const DaytonaResult made = created.first().first().value<DaytonaResult>();
    QVERIFY2(made.ok(), qPrintable(made.error.message));
    DaytonaCall *upload
        = client->uploadFile(made.sandbox, u"a.txt"_s, QByteArray("0123456789\n").repeated(500));
    QSignalSpy uploaded(upload, &DaytonaCall::finished);
    QVERIFY(uploaded.wait(30000));
    DaytonaCall *download = client->downloadFiles(made.sandbox, {u"a.txt"_s});
    QSignalSpy downloaded(download, &DaytonaCall::finished);
    QVERIFY(downloaded.wait(30000));
    const DaytonaResult result = downloaded.first().first().value<DaytonaResult>();
    QList<DownloadedFile> files;
    QString parseError;
    const bool parsed = result.ok()
        && DaytonaClient::parseBulkDownload(result, {u"a.txt"_s}, &files, &parseError);
    qInfo() << "  call:" << result.error.message << "parse:" << parseError;
    QVERIFY2(!parsed || (files.size() == 1 && files.first().errorStatus != 0),
             "a cut multipart body was taken as the file");
}

void TestDaytonaFaults::sandboxDisappearsMidRun()
{
    qInfo() << "tried: after writeFiles, every call about the sandbox answers 404 (it was"
            << "auto-deleted in the cloud)";
    bool gone = false;
    m_daytona->setRule([&gone](const RecordedRequest &r) {
        if (gone && (r.path.contains("/toolbox/") || r.path.startsWith("/api/sandbox/")))
            return DaytonaFault::error(DaytonaFault::Kind::Respond, 404, u"Sandbox not found"_s);
        if (isToolbox(r, "/files/bulk-upload") || isToolbox(r, "/files/upload"))
            gone = true; // after this one
        return DaytonaFault::pass();
    });
    QList<ScriptedModel::Step> steps = briefScenario();
    steps[3] = answer(u"The sandbox vanished."_s);
    const Run r = run(steps);
    QCOMPARE(r.end.type, RunEvent::Type::RunFinished);
    QCOMPARE(r.finishedCalls.size(), 3);
    QVERIFY(!r.finishedCalls.at(1).isError);
    QVERIFY(r.finishedCalls.at(2).isError);
    QVERIFY2(r.error(2).contains(u"no longer exists"_s, Qt::CaseInsensitive),
             qPrintable(r.error(2)));
    QCOMPARE(m_daytona->forwarded("/exec"), 0);
}

void TestDaytonaFaults::keysStayWithTheirOwnServer()
{
    qInfo() << "tried: the brief's scenario in Daytona mode, plus a command that prints the"
            << "sandbox's environment; the Daytona key and the model key are looked for in every"
            << "request, the database and the sandbox";
    QList<ScriptedModel::Step> steps = briefScenario();
    steps.insert(3, call(u"call_env"_s, u"runCommand"_s, [](const QString &id) {
                     return QJsonObject{{u"sandboxId"_s, id},
                                        {u"command"_s,
                                         u"env; cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' "
                                         u"'\\n'"_s}};
                 }));
    const Run r = run(steps);
    QCOMPARE(r.end.type, RunEvent::Type::RunFinished);
    QCOMPARE(r.finishedCalls.size(), 4);
    const QString env = r.finishedCalls.at(3).result.toObject().value(u"stdout"_s).toString();
    QVERIFY2(env.contains(u"PATH="_s), qPrintable(env));
    const QByteArray daytonaKey = m_token.toUtf8();
    const QByteArray modelKey = qgetenv("OPENAI_API_KEY");
    QVERIFY(!env.contains(m_token) && !env.contains(QString::fromUtf8(modelKey)));
    // Every request to Daytona carries its key, in the auth header only; none carries the
    // model's key. No request to the model carries Daytona's key.
    QVERIFY(m_daytona->requests().size() >= 5);
    for (const RecordedRequest &q : m_daytona->requests()) {
        QCOMPARE(q.headers.value("authorization"), "Bearer " + daytonaKey);
        QVERIFY(!q.body.contains(daytonaKey) && !q.path.contains(daytonaKey));
        QVERIFY(!q.body.contains(modelKey));
        for (const QByteArray &v : q.headers)
            QVERIFY(!v.contains(modelKey));
    }
    for (const RecordedRequest &q : m_model->requests()) {
        QVERIFY(!q.body.contains(daytonaKey));
        for (const QByteArray &v : q.headers)
            QVERIFY(!v.contains(daytonaKey));
    }
    // Nor the database or its WAL.
    for (const QString &name : {u"data/studio.sqlite3"_s, u"data/studio.sqlite3-wal"_s}) {
        QFile f(m_dir->filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        QVERIFY2(!bytes.contains(daytonaKey) && !bytes.contains(modelKey), qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(TestDaytonaFaults)
#include "tst_daytonafaults.moc"
