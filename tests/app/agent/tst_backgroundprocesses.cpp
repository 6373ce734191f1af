// Background processes end to end (issue 17): a scripted model (the recorded OpenAI wire format)
// has the agent start `python3 -m http.server 8000` with startProcess in a real local sandbox,
// read its log with readProcessOutput until it says "Serving HTTP", and end it with
// stopProcess; the server ran until then and is really gone afterwards. Only the model is fake.
// agentHandsOutAPreviewOfItsServer: the "done when": the agent starts the server, reads
// its log, returns a preview link, and the test fetches the page through that link.
#include "../localsandbox/SandboxTestSupport.h"
#include "AgentTestSupport.h"

#include "agent/ApprovalPolicy.h"
#include "agent/ToolCatalog.h"
#include "agent/ToolExecutor.h"
#include "root/AppContext.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "sandbox/SandboxWaiter.h"
#include "services/ProcessService.h"
#include "store/Store.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString processIdFrom(const QByteArray &requestBody)
{
    static const QRegularExpression pattern(QStringLiteral("proc-[0-9a-f]{12}"));
    QString last;
    auto it = pattern.globalMatch(QString::fromUtf8(requestBody));
    while (it.hasNext())
        last = it.next().captured(0);
    return last;
}

const QByteArrayList kServer{"python3", "-m", "http.server", "8000"};

ScriptedModel::Step step(const QString &id, const QString &tool,
                         std::function<QJsonObject(const RecordedRequest &)> args)
{
    return [id, tool, args](const RecordedRequest &request) {
        return ScriptedStep{QString(), {{id, tool, args(request), QString()}}};
    };
}

} // namespace

class TestBackgroundProcesses final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void agentStartsReadsAndStopsAServer();
    void agentHandsOutAPreviewOfItsServer();
    void anotherThreadCannotReadOrStopIt();
    void aRestartFindsTheProcessesAgain();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeLlmServer> m_server;
    std::unique_ptr<AppContext> m_context;
};

void TestBackgroundProcesses::initTestCase()
{
    qputenv("OPENAI_API_KEY", "sk-test-openai-0123456789abcdefghij");
    qunsetenv("DAYTONA_API_KEY");
}

void TestBackgroundProcesses::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // As root, sandboxes run as nobody, who must traverse the folders above their homes.
    QFile::setPermissions(m_dir->path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    m_server = std::make_unique<FakeLlmServer>();
    QVERIFY(m_server->listen());
    qputenv("OPENAI_BASE_URL", m_server->baseUrl().toString().toUtf8());
    m_context = std::make_unique<AppContext>(
        StudioPaths::underRoot(m_dir->filePath(QStringLiteral("data"))));
    QString error;
    QVERIFY2(m_context->open(&error), qPrintable(error));
    m_context->setSandboxProvider(QStringLiteral("local"));
    QVERIFY2(m_context->agentEngine(&error), qPrintable(error));
    m_context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
    m_context->processes().setFollowInterval(100);
}

void TestBackgroundProcesses::cleanup()
{
    m_context.reset();
    m_server.reset();
    m_dir.reset();
}

void TestBackgroundProcesses::agentStartsReadsAndStopsAServer()
{
    bool runningBeforeStop = false;
    QList<ScriptedModel::Step> steps{
        [](const RecordedRequest &) {
            return ScriptedStep{QString(),
                                {{QStringLiteral("call_create"), QStringLiteral("createSandbox"),
                                  createSandboxArgs(), QString()}}};
        },
        step(QStringLiteral("call_start"), QStringLiteral("startProcess"),
             [](const RecordedRequest &r) {
                 return QJsonObject{
                     {QStringLiteral("sandboxId"), sandboxIdFrom(r.body)},
                     {QStringLiteral("command"), QStringLiteral("python3 -m http.server 8000")}};
             }),
        step(QStringLiteral("call_read"), QStringLiteral("readProcessOutput"),
             [](const RecordedRequest &r) {
                 return QJsonObject{{QStringLiteral("processId"), processIdFrom(r.body)},
                                    {QStringLiteral("since"), 0}};
             }),
        step(QStringLiteral("call_stop"), QStringLiteral("stopProcess"),
             [&runningBeforeStop](const RecordedRequest &r) {
                 // The server still runs when the agent decides to stop it.
                 runningBeforeStop = !hostProcessesWithCommandLine(kServer).isEmpty();
                 return QJsonObject{{QStringLiteral("processId"), processIdFrom(r.body)}};
             }),
        [](const RecordedRequest &) {
            return ScriptedStep{QStringLiteral("The server said it serves; it is stopped."), {}};
        },
    };
    ScriptedModel script(*m_server, Wire::OpenAi, steps);
    AgentEngine &engine = m_context->engine();
    RunRecorder recorder(engine);
    auto thread = m_context->store().createThread(QStringLiteral("t"),
                                                  QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(thread);
    QString error;
    QVERIFY2(engine.send(thread->id, QStringLiteral("serve the folder"), {}, &error),
             qPrintable(error));
    QVERIFY(QTest::qWaitFor([&recorder] { return recorder.ended; }, 120000));
    const auto failed = recorder.ofType(RunEvent::Type::RunFailed);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().error));
    const auto calls = recorder.ofType(RunEvent::Type::ToolCallFinished);
    for (const RunEvent &e : calls)
        qInfo().noquote() << "tried:" << e.toolName << "result:"
                          << QJsonDocument(e.result.toObject()).toJson(QJsonDocument::Compact);
    QCOMPARE(calls.size(), 4);

    const QJsonObject started = calls.at(1).result.toObject();
    QVERIFY2(!calls.at(1).isError, qPrintable(started.value(u"error").toString()));
    const QString processId = started.value(QLatin1String("processId")).toString();
    QVERIFY(ProcessService::isProcessSession(processId));
    QCOMPARE(started.value(QLatin1String("state")).toString(), QStringLiteral("running"));
    // It returned at once: a server never ends by itself.
    QVERIFY2(calls.at(1).durationMs < 10000, qPrintable(QString::number(calls.at(1).durationMs)));

    const QJsonObject read = calls.at(2).result.toObject();
    QVERIFY2(read.value(QLatin1String("output")).toString().contains(u"Serving HTTP"),
             qPrintable(read.value(QLatin1String("output")).toString()));
    QVERIFY(read.value(QLatin1String("running")).toBool());
    QVERIFY(read.value(QLatin1String("nextOffset")).toInteger() > 0);

    const QJsonObject stopped = calls.at(3).result.toObject();
    QCOMPARE(stopped.value(QLatin1String("state")).toString(), QStringLiteral("stopped"));

    // The service knows it, under the call that started it, and it is over.
    ProcessService &processes = m_context->processes();
    const auto process = processes.process(processId);
    QVERIFY(process);
    QCOMPARE(process->state, BackgroundProcess::State::Stopped);
    QCOMPARE(process->toolCallId, calls.at(1).toolCallRowId);
    QCOMPARE(processes.processesStartedBy(calls.at(1).toolCallRowId).size(), 1);
    QCOMPARE(processes.runningCount(process->sandboxId), 0);

    // The server ran until the agent stopped it, and is really gone now.
    QVERIFY(runningBeforeStop);
    QTRY_VERIFY_WITH_TIMEOUT(hostProcessesWithCommandLine(kServer).isEmpty(), 2000);
    qInfo() << "tried: stopProcess on the server, result: its python process is gone";
}

void TestBackgroundProcesses::agentHandsOutAPreviewOfItsServer()
{
    const QString command
        = QStringLiteral("mkdir -p site && echo 'built by the agent' > site/index.html && cd site "
                         "&& python3 -m http.server 8000");
    QList<ScriptedModel::Step> steps{
        [](const RecordedRequest &) {
            return ScriptedStep{QString(),
                                {{QStringLiteral("call_create"), QStringLiteral("createSandbox"),
                                  createSandboxArgs(), QString()}}};
        },
        step(QStringLiteral("call_start"), QStringLiteral("startProcess"),
             [command](const RecordedRequest &r) {
                 return QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(r.body)},
                                    {QStringLiteral("command"), command}};
             }),
        step(QStringLiteral("call_read"), QStringLiteral("readProcessOutput"),
             [](const RecordedRequest &r) {
                 return QJsonObject{{QStringLiteral("processId"), processIdFrom(r.body)},
                                    {QStringLiteral("since"), 0}};
             }),
        step(QStringLiteral("call_link"), QStringLiteral("getPreviewLink"),
             [](const RecordedRequest &r) {
                 return QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(r.body)},
                                    {QStringLiteral("port"), 8000}};
             }),
        [](const RecordedRequest &) {
            return ScriptedStep{QStringLiteral("The site is up: open the preview link."), {}};
        },
    };
    ScriptedModel script(*m_server, Wire::OpenAi, steps);
    AgentEngine &engine = m_context->engine();
    RunRecorder recorder(engine);
    auto thread = m_context->store().createThread(QStringLiteral("t"),
                                                  QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(thread);
    QString error;
    QVERIFY2(engine.send(thread->id, QStringLiteral("serve a page and give me a link"), {}, &error),
             qPrintable(error));
    QVERIFY(QTest::qWaitFor([&recorder] { return recorder.ended; }, 120000));
    const auto calls = recorder.ofType(RunEvent::Type::ToolCallFinished);
    for (const RunEvent &e : calls)
        qInfo().noquote() << "tried:" << e.toolName << "result:"
                          << QJsonDocument(e.result.toObject()).toJson(QJsonDocument::Compact);
    QCOMPARE(calls.size(), 4);
    QVERIFY(calls.at(2).result.toObject().value(u"output").toString().contains(u"Serving HTTP"));
    QVERIFY2(!calls.at(3).isError,
             qPrintable(calls.at(3).result.toObject().value(u"error").toString()));
    const QUrl link(calls.at(3).result.toObject().value(u"url").toString());
    QVERIFY2(link.isValid() && link.scheme() == QLatin1String("http"), qPrintable(link.toString()));

    // The link as the agent returned it, fetched as a browser would: the page from the sandbox.
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkReply *reply = nam.get(QNetworkRequest(link));
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(20000));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray page = reply->readAll();
    reply->deleteLater();
    qInfo().noquote() << "tried: GET" << link.toString(QUrl::RemoveQuery) << "result: HTTP"
                      << status << page.trimmed().left(80);
    QCOMPARE(status, 200);
    QVERIFY(page.contains("built by the agent"));

    // Stopping the process ends what the preview reaches.
    ProcessService &processes = m_context->processes();
    const QString processId = calls.at(1).result.toObject().value(u"processId").toString();
    bool stopped = false;
    processes.stop(processId, this,
                   [&stopped](const BackgroundProcess &, const QString &) { stopped = true; });
    QTRY_VERIFY_WITH_TIMEOUT(stopped, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(hostProcessesWithCommandLine(kServer).isEmpty(), 5000);
}

void TestBackgroundProcesses::anotherThreadCannotReadOrStopIt()
{
    // A process of thread A, read and stopped by thread B's tools: refused, still running.
    ProcessService &processes = m_context->processes();
    QString error;
    DaytonaClient *client = m_context->sandboxes().client(QStringLiteral("local"), &error);
    QVERIFY2(client, qPrintable(error));
    CreateSandboxParams params;
    params.name = QStringLiteral("procs-owner");
    QSignalSpy created(client->createAndWait(params), &SandboxWaiter::finished);
    QVERIFY(created.wait(60000));
    const Sandbox sandbox = created.first().first().value<DaytonaResult>().sandbox;
    QVERIFY(sandbox.isValid());

    ProcessService::StartRequest request;
    request.provider = QStringLiteral("local");
    request.sandbox = sandbox;
    request.threadUuid = QStringLiteral("thread-a");
    request.command = QStringLiteral("sleep 321");
    QString startError = QStringLiteral("not answered");
    QString id;
    processes.start(client, request, this, [&](const BackgroundProcess &p, const QString &e) {
        startError = e;
        id = p.id;
    });
    QTRY_VERIFY_WITH_TIMEOUT(startError != QStringLiteral("not answered"), 30000);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));

    ToolExecutor executor(*client, m_context->tools());
    ToolContext context;
    context.threadId = QStringLiteral("thread-b");
    context.processes = &processes;
    for (const QString &tool :
         {QStringLiteral("readProcessOutput"), QStringLiteral("stopProcess")}) {
        QSignalSpy finished(executor.execute(tool, {{QStringLiteral("processId"), id}}, context),
                            &ToolExecution::finished);
        QVERIFY(finished.wait(10000));
        const ToolOutcome outcome = finished.first().first().value<ToolOutcome>();
        qInfo().noquote() << "tried:" << tool
                          << "from another thread, result:" << outcome.errorMessage();
        QCOMPARE(outcome.errorKind, ToolOutcome::ErrorKind::NotYours);
    }
    QVERIFY(processes.process(id)->isRunning());
    // Its own thread stops it.
    context.threadId = QStringLiteral("thread-a");
    QSignalSpy stopped(executor.execute(QStringLiteral("stopProcess"),
                                        {{QStringLiteral("processId"), id}}, context),
                       &ToolExecution::finished);
    QVERIFY(stopped.wait(10000));
    QVERIFY(!stopped.first().first().value<ToolOutcome>().isError());
    QTRY_VERIFY_WITH_TIMEOUT(hostProcessesWithCommandLine({"sleep", "321"}).isEmpty(), 2000);
}

// After a restart (a new ProcessService; nothing was stored) the sandbox's sessions say which
// processes still run: they come back with their command and their whole output.
void TestBackgroundProcesses::aRestartFindsTheProcessesAgain()
{
    QString error;
    DaytonaClient *client = m_context->sandboxes().client(QStringLiteral("local"), &error);
    QVERIFY2(client, qPrintable(error));
    CreateSandboxParams params;
    params.name = QStringLiteral("procs-restart");
    QSignalSpy created(client->createAndWait(params), &SandboxWaiter::finished);
    QVERIFY(created.wait(60000));
    const Sandbox sandbox = created.first().first().value<DaytonaResult>().sandbox;
    QVERIFY(sandbox.isValid());

    QString id;
    {
        ProcessService before;
        ProcessService::StartRequest request;
        request.provider = QStringLiteral("local");
        request.sandbox = sandbox;
        request.command = QStringLiteral("echo first line; sleep 654");
        request.cwd = QStringLiteral("/home/daytona");
        QString startError = QStringLiteral("not answered");
        before.start(client, request, this, [&](const BackgroundProcess &p, const QString &e) {
            startError = e;
            id = p.id;
        });
        QTRY_VERIFY_WITH_TIMEOUT(startError != QStringLiteral("not answered"), 30000);
        QVERIFY2(startError.isEmpty(), qPrintable(startError));
        QTRY_VERIFY_WITH_TIMEOUT(!hostProcessesWithCommandLine({"sleep", "654"}).isEmpty(), 10000);
    } // the app quits: the process keeps running in its sandbox

    ProcessService after;
    QSignalSpy adopted(&after, &ProcessService::processStarted);
    after.adopt(client, QStringLiteral("local"), sandbox);
    QVERIFY(adopted.wait(10000));
    const auto process = after.process(id);
    QVERIFY(process);
    qInfo() << "tried: a new service adopts the sandbox's sessions, result:" << process->id
            << BackgroundProcess::stateName(process->state) << process->command;
    QCOMPARE(process->state, BackgroundProcess::State::Running);
    QCOMPARE(process->command, QStringLiteral("echo first line; sleep 654"));
    QCOMPARE(after.runningCount(sandbox.id), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!after.output(id).isEmpty(), 10000);
    QCOMPARE(after.output(id).first().text, QStringLiteral("first line\n"));
    // And it can be stopped from there.
    bool stopped = false;
    after.stop(id, this, [&stopped](const BackgroundProcess &p, const QString &e) {
        stopped = e.isEmpty() && p.state == BackgroundProcess::State::Stopped;
    });
    QTRY_VERIFY_WITH_TIMEOUT(stopped, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(hostProcessesWithCommandLine({"sleep", "654"}).isEmpty(), 2000);
}

QTEST_GUILESS_MAIN(TestBackgroundProcesses)
#include "tst_backgroundprocesses.moc"
