// The agent engine end to end: a local server that answers like OpenAI or Anthropic (the
// recorded wire formats) scripts the model; the real local sandbox server runs the tools; the
// real store keeps everything. Only the model provider is fake.
#include "../localsandbox/SandboxTestSupport.h"
#include "AgentTestSupport.h"

#include "agent/ApprovalPolicy.h"
#include "log/Redactor.h"
#include "log/StoredStepLog.h"
#include "root/AppContext.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "services/ThreadService.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

class TestAgentEngine final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void briefScenario_data();
    void briefScenario();
    void askModeApproveEditDeny();
    void brokenToolCallsGoBackToTheModel();
    void sandboxDeletedBehindTheAgentsBack();
    void stepLimitStopsAndContinueGoesOn();
    void missingKeyFailsClearly();
    void pendingApprovalSurvivesARestart();
    void cancelStopsARunningCommand();
    void renameWhileTheModelNamesTheThreadIsKept();

private:
    AgentEngine &engine();
    qint64 newThread(const QString &model = QStringLiteral("openai/gpt-4o-mini"));
    bool waitForEnd(RunRecorder &recorder, int timeoutMs = 120000);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeLlmServer> m_server;
    std::unique_ptr<AppContext> m_context;
};

void TestAgentEngine::initTestCase()
{
    qputenv("OPENAI_API_KEY", "sk-test-openai-0123456789abcdefghij");
    qputenv("ANTHROPIC_API_KEY", "sk-ant-test-0123456789abcdefghijklmn");
    qunsetenv("DAYTONA_API_KEY");
}

void TestAgentEngine::init()
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
    QUrl anthropic = m_server->baseUrl();
    anthropic.setPath(QString());
    qputenv("ANTHROPIC_BASE_URL", anthropic.toString().toUtf8());

    m_context = std::make_unique<AppContext>(
        StudioPaths::underRoot(m_dir->filePath(QStringLiteral("data"))));
    QString error;
    QVERIFY2(m_context->open(&error), qPrintable(error));
    m_context->setSandboxProvider(QStringLiteral("local"));
    QVERIFY2(m_context->agentEngine(&error), qPrintable(error));
}

void TestAgentEngine::cleanup()
{
    m_context.reset();
    m_server.reset();
    m_dir.reset();
}

AgentEngine &TestAgentEngine::engine()
{
    return m_context->engine();
}

qint64 TestAgentEngine::newThread(const QString &model)
{
    auto thread = m_context->store().createThread(QStringLiteral("New thread"), model);
    return thread ? thread->id : 0;
}

bool TestAgentEngine::waitForEnd(RunRecorder &recorder, int timeoutMs)
{
    return QTest::qWaitFor([&recorder] { return recorder.ended; }, timeoutMs);
}

void TestAgentEngine::briefScenario_data()
{
    QTest::addColumn<int>("wire");
    QTest::addColumn<QString>("model");
    QTest::newRow("openai") << int(Wire::OpenAi) << QStringLiteral("openai/gpt-4o-mini");
    QTest::newRow("anthropic") << int(Wire::Anthropic)
                               << QStringLiteral("anthropic/claude-sonnet-4-5");
}

void TestAgentEngine::briefScenario()
{
    QFETCH(int, wire);
    QFETCH(QString, model);
    ScriptedModel script(*m_server, Wire(wire), ::briefScenario());
    m_context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
    RunRecorder recorder(engine());
    const qint64 thread = newThread(model);
    QString error;
    QVERIFY2(engine().send(thread,
                           QStringLiteral("write a function that reverses a string, with unit "
                                          "tests, and run them"),
                           {model, 20, {}}, &error),
             qPrintable(error));
    QVERIFY(waitForEnd(recorder));
    const auto failed = recorder.ofType(RunEvent::Type::RunFailed);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().error));
    QCOMPARE(script.stepsServed(), 4);

    // The step log: four lines of the documented shape.
    const auto steps = recorder.ofType(RunEvent::Type::StepFinished);
    QCOMPARE(steps.size(), 4);
    const QStringList reasons{QStringLiteral("tool-calls"), QStringLiteral("tool-calls"),
                              QStringLiteral("tool-calls"), QStringLiteral("stop")};
    const QStringList tools{QStringLiteral("createSandbox"), QStringLiteral("writeFiles"),
                            QStringLiteral("runCommand")};
    QString sandboxId;
    for (int i = 0; i < 4; ++i) {
        const QByteArray line = steps.at(i).stepLog;
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1);
        QVERIFY2(line.startsWith("{\"text\":"), line.constData());
        const qsizetype calls = line.indexOf("\"toolCalls\":"),
                        results = line.indexOf("\"toolResults\":"),
                        reason = line.indexOf("\"finishReason\":"),
                        usage = line.indexOf("\"usage\":");
        QVERIFY(calls > 0 && calls < results && results < reason && reason < usage);
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        QCOMPARE(object.value(QLatin1String("finishReason")).toString(), reasons.at(i));
        const QJsonObject usageObject = object.value(QLatin1String("usage")).toObject();
        QCOMPARE(usageObject.value(QLatin1String("cachedInputTokens")).toInt(), 4096);
        QVERIFY(usageObject.value(QLatin1String("inputTokens")).toInt() > 0);
        if (i == 3) {
            QVERIFY(object.value(QLatin1String("text"))
                        .toString()
                        .contains(QLatin1String("All 4 tests pass")));
            QCOMPARE(object.value(QLatin1String("toolCalls")).toArray().size(), 0);
            continue;
        }
        const QJsonObject call
            = object.value(QLatin1String("toolCalls")).toArray().at(0).toObject();
        QCOMPARE(call.value(QLatin1String("type")).toString(), QStringLiteral("tool-call"));
        QCOMPARE(call.value(QLatin1String("from")).toString(), QStringLiteral("AGENT"));
        QCOMPARE(call.value(QLatin1String("runId")).toString(), steps.at(i).runUuid);
        QCOMPARE(call.value(QLatin1String("payload"))
                     .toObject()
                     .value(QLatin1String("toolName"))
                     .toString(),
                 tools.at(i));
        const QJsonObject result = object.value(QLatin1String("toolResults"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QLatin1String("payload"))
                                       .toObject()
                                       .value(QLatin1String("result"))
                                       .toObject();
        if (i == 0) {
            sandboxId = result.value(QLatin1String("sandboxId")).toString();
            QVERIFY2(!sandboxId.isEmpty(), line.constData());
        } else if (i == 1) {
            QCOMPARE(result.value(QLatin1String("success")).toBool(), true);
            QCOMPARE(result.value(QLatin1String("filesWritten")).toArray(),
                     QJsonArray({QStringLiteral("/home/daytona/reverse_string.py"),
                                 QStringLiteral("/home/daytona/test_reverse_string.py")}));
        } else {
            QCOMPARE(result.value(QLatin1String("success")).toBool(), true);
            QCOMPARE(result.value(QLatin1String("exitCode")).toInt(), 0);
            const QString out = result.value(QLatin1String("stdout")).toString();
            QVERIFY2(out.contains(QLatin1String("Ran 4 tests"))
                         && out.contains(QLatin1String("OK")),
                     qPrintable(out));
            QCOMPARE(result.value(QLatin1String("command")).toString(),
                     QStringLiteral("python3 test_reverse_string.py"));
        }
    }

    // The model saw the results: the second request carries the sandbox id, every request
    // offers the spec's eighteen tools and issue 17's three background-process tools.
    // The thread gets a title from the model after its first exchange (one more request).
    QTRY_COMPARE_WITH_TIMEOUT(m_context->store().thread(thread)->title, ScriptedModel::kTitle,
                              20000);
    QCOMPARE(script.titlesServed(), 1);
    QCOMPARE(m_server->requests().size(), 4 + 1);
    QVERIFY(m_server->requests().at(1).body.contains(sandboxId.toUtf8()));
    const QJsonObject first = m_server->requests().at(0).json();
    QCOMPARE(first.value(QLatin1String("tools")).toArray().size(), 18 + 3);

    // The store holds the thread, the run, its steps and tool calls, and the sandbox.
    Store &store = m_context->store();
    const auto runs = store.listRuns(thread);
    QVERIFY(runs);
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().status, RunStatus::Completed);
    QCOMPARE(store.listSteps(runs->first().id)->size(), 4);
    const auto calls = store.listToolCalls(runs->first().id);
    QCOMPARE(calls->size(), 3);
    for (const ToolCallRecord &call : *calls)
        QCOMPARE(call.status, ToolCallStatus::Done);
    const auto sandboxes = store.sandboxesForThread(thread);
    QCOMPARE(sandboxes->size(), 1);
    QCOMPARE(sandboxes->first().remoteId, sandboxId);
    const auto messages = store.listMessages(thread);
    QCOMPARE(messages->size(), 1 + 4 + 3);
    QCOMPARE(messages->first().role, MessageRole::User);
}

void TestAgentEngine::askModeApproveEditDeny()
{
    // runCommand asks (the default policy). First call: denied with a reason that the model
    // must see; second: edited, then approved; the edited command is what runs.
    QList<ScriptedModel::Step> steps = ::briefScenario();
    steps.insert(3, [](const RecordedRequest &request) {
        return ScriptedStep{
            QString(),
            {{QStringLiteral("call_run2"), QStringLiteral("runCommand"),
              QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                          {QStringLiteral("command"), QStringLiteral("rm -rf /home/daytona")}},
              QString()}}};
    });
    ScriptedModel script(*m_server, Wire::OpenAi, steps);
    ScriptedApprover approver(
        engine(),
        {[](const ApprovalRequest &request) {
             ApprovalAnswer a = ApprovalAnswer::approve();
             QJsonObject args = request.arguments;
             args.insert(QStringLiteral("command"),
                         QStringLiteral("python3 -m unittest -v test_reverse_string"));
             a.editedArguments = args;
             return a;
         },
         [](const ApprovalRequest &) {
             return ApprovalAnswer::deny(QStringLiteral("never delete the project"));
         }});
    engine().setApprover(&approver);
    RunRecorder recorder(engine());
    const qint64 thread = newThread();
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("reverse a string"), {}, &error));
    QVERIFY(waitForEnd(recorder));
    engine().setApprover(nullptr);
    QVERIFY2(approver.m_errors.isEmpty(), qPrintable(approver.m_errors.join(QLatin1Char('\n'))));

    // Only runCommand asked; createSandbox and writeFiles ran without asking.
    QCOMPARE(approver.m_requests.size(), 2);
    QCOMPARE(approver.m_requests.at(0).toolName, QStringLiteral("runCommand"));
    QVERIFY(!approver.m_requests.at(0).sandboxId.isEmpty());

    const auto finished = recorder.ofType(RunEvent::Type::ToolCallFinished);
    QCOMPARE(finished.size(), 4);
    const QJsonObject edited = finished.at(2).result.toObject();
    QCOMPARE(edited.value(QLatin1String("command")).toString(),
             QStringLiteral("python3 -m unittest -v test_reverse_string"));
    QVERIFY(
        edited.value(QLatin1String("stdout")).toString().contains(QLatin1String("Ran 4 tests")));
    QVERIFY(finished.at(3).isError);

    // The denial's reason reached the model in the next request.
    const QByteArray next = m_server->requests().at(4).body;
    QVERIFY2(next.contains("never delete the project"), next.constData());
    // The store recorded the decisions and the edited arguments.
    const auto runs = m_context->store().listRuns(thread);
    const auto calls = m_context->store().listToolCalls(runs->first().id);
    QCOMPARE(calls->at(2).decision, ApprovalDecision::Approved);
    QVERIFY(calls->at(2).arguments.contains(QLatin1String("unittest -v")));
    QCOMPARE(calls->at(3).decision, ApprovalDecision::Denied);
    QCOMPARE(calls->at(3).decisionReason, QStringLiteral("never delete the project"));
    QCOMPARE(calls->at(3).status, ToolCallStatus::Denied);
}

void TestAgentEngine::brokenToolCallsGoBackToTheModel()
{
    QList<ScriptedModel::Step> steps{
        [](const RecordedRequest &) {
            return ScriptedStep{
                QString(),
                {{QStringLiteral("c1"), QStringLiteral("executeShell"),
                  QJsonObject{{QStringLiteral("cmd"), QStringLiteral("ls")}}, QString()},
                 {QStringLiteral("c2"), QStringLiteral("runCommand"),
                  QJsonObject{{QStringLiteral("sandboxId"), QStringLiteral("x")}}, QString()},
                 {QStringLiteral("c3"),
                  QStringLiteral("readFile"),
                  {},
                  QStringLiteral("{\"sandboxId\": \"x\", \"path\": ")}}};
        },
        [](const RecordedRequest &) {
            return ScriptedStep{QStringLiteral("I will fix that."), {}};
        },
    };
    ScriptedModel script(*m_server, Wire::OpenAi, steps);
    RunRecorder recorder(engine());
    const qint64 thread = newThread();
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("go"), {}, &error));
    QVERIFY(waitForEnd(recorder));
    QVERIFY(recorder.ofType(RunEvent::Type::RunFailed).isEmpty());
    QCOMPARE(script.stepsServed(), 2);

    const QString second = QString::fromUtf8(m_server->requests().at(1).body);
    // Unknown tool: the valid ones are listed.
    QVERIFY2(second.contains(QLatin1String(
                 "Unknown tool 'executeShell'. The available tools are: createSandbox")),
             qPrintable(second));
    // Missing field: named, with the provided arguments.
    QVERIFY(second.contains(QLatin1String("Tool input validation failed for runCommand")));
    QVERIFY(second.contains(QLatin1String("command: required field is missing")));
    // Truncated JSON: never run, explained.
    QVERIFY(second.contains(QLatin1String("The arguments of readFile are not a JSON object")));
    // Nothing ran: no sandbox was asked for anything, and no result is an empty object.
    QVERIFY(!second.contains(QLatin1String("\\\"error\\\":\\\"{}\\\"")));

    // The step log carries the arguments as an object whenever the model's text parses, also
    // for a tool the agent does not have; text that does not parse is logged as it came.
    const auto finished = recorder.ofType(RunEvent::Type::StepFinished);
    QCOMPARE(finished.size(), 2);
    const QByteArray line = finished.first().stepLog;
    const QJsonArray calls
        = QJsonDocument::fromJson(line).object().value(QLatin1String("toolCalls")).toArray();
    QCOMPARE(calls.size(), 3);
    const auto args = [&calls](int i) {
        return calls.at(i)
            .toObject()
            .value(QLatin1String("payload"))
            .toObject()
            .value(QLatin1String("args"));
    };
    QCOMPARE(args(0), QJsonValue(QJsonObject{{QStringLiteral("cmd"), QStringLiteral("ls")}}));
    QCOMPARE(args(1), QJsonValue(QJsonObject{{QStringLiteral("sandboxId"), QStringLiteral("x")}}));
    QCOMPARE(args(2), QJsonValue(QStringLiteral("{\"sandboxId\": \"x\", \"path\": ")));
    // The inspector rebuilds the same line from the store for a run it did not watch.
    Store &store = m_context->store();
    StoredStepLog::RunFacts facts;
    facts.run = *store.run(finished.first().runId);
    facts.steps = *store.listSteps(facts.run.id);
    facts.toolCalls = *store.listToolCalls(facts.run.id);
    facts.messages = *store.listMessages(thread);
    QCOMPARE(StoredStepLog::lines(facts, Redactor()).value(finished.first().stepId), line);
}

void TestAgentEngine::sandboxDeletedBehindTheAgentsBack()
{
    QList<ScriptedModel::Step> steps = ::briefScenario();
    steps[1] = [this](const RecordedRequest &request) {
        // The user deletes the sandbox (from the sandbox list, say) while the agent works.
        const QString id = sandboxIdFrom(request.body);
        QString error;
        DaytonaClient *client = m_context->sandboxes().client(&error);
        if (client) {
            DaytonaCall *call = client->deleteSandbox(id);
            QSignalSpy spy(call, &DaytonaCall::finished);
            spy.wait(30000);
        }
        return ScriptedStep{QString(),
                            {{QStringLiteral("call_ls"), QStringLiteral("listFiles"),
                              QJsonObject{{QStringLiteral("sandboxId"), id}}, QString()}}};
    };
    steps.resize(2);
    steps.append([](const RecordedRequest &) {
        return ScriptedStep{QStringLiteral("It is gone."), {}};
    });
    ScriptedModel script(*m_server, Wire::OpenAi, steps);
    m_context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
    RunRecorder recorder(engine());
    const qint64 thread = newThread();
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("go"), {}, &error));
    QVERIFY(waitForEnd(recorder));
    const auto finished = recorder.ofType(RunEvent::Type::ToolCallFinished);
    QCOMPARE(finished.size(), 2);
    QVERIFY(finished.at(1).isError);
    const QString message
        = finished.at(1).result.toObject().value(QLatin1String("error")).toString();
    QVERIFY2(message.contains(QLatin1String("no longer exists"), Qt::CaseInsensitive),
             qPrintable(message));
    QVERIFY(recorder.ofType(RunEvent::Type::RunFinished).size() == 1);
}

void TestAgentEngine::stepLimitStopsAndContinueGoesOn()
{
    ScriptedModel script(*m_server, Wire::OpenAi, ::briefScenario());
    m_context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
    RunRecorder recorder(engine());
    const qint64 thread = newThread();
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("go"), {QString(), 2, {}}, &error));
    QVERIFY(waitForEnd(recorder));
    const auto finished = recorder.ofType(RunEvent::Type::RunFinished);
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first().stoppedAtLimit);
    QCOMPARE(script.stepsServed(), 2);

    recorder.ended = false;
    QVERIFY2(engine().continueRun(thread, {QString(), 5, {}}, &error), qPrintable(error));
    QVERIFY(waitForEnd(recorder));
    QCOMPARE(script.stepsServed(), 4);
    const auto all = recorder.ofType(RunEvent::Type::RunFinished);
    QCOMPARE(all.size(), 2);
    QVERIFY(!all.last().stoppedAtLimit);
    QCOMPARE(m_context->store().listRuns(thread)->size(), 2);
}

void TestAgentEngine::missingKeyFailsClearly()
{
    RunRecorder recorder(engine());
    const qint64 thread = newThread(QStringLiteral("groq/llama-3.3-70b-versatile"));
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("hello"), {}, &error));
    QVERIFY(waitForEnd(recorder));
    const auto failed = recorder.ofType(RunEvent::Type::RunFailed);
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.first().error.contains(QLatin1String("GROQ_API_KEY")),
             qPrintable(failed.first().error));
    QCOMPARE(m_server->requests().size(), 0);
    // The user's message is kept.
    QCOMPARE(m_context->store().listMessages(thread)->first().text(), QStringLiteral("hello"));

    // Daytona sandboxes without a Daytona key: refused before anything is stored or sent.
    const qint64 other = newThread();
    RunOptions daytona;
    daytona.sandboxProvider = QStringLiteral("daytona");
    QVERIFY(!engine().send(other, QStringLiteral("hello"), daytona, &error));
    QVERIFY2(error.contains(QLatin1String("DAYTONA_API_KEY")), qPrintable(error));
    QVERIFY(m_context->store().listMessages(other)->isEmpty());
}

void TestAgentEngine::pendingApprovalSurvivesARestart()
{
    ScriptedModel script(*m_server, Wire::OpenAi, ::briefScenario());
    // An approver that never answers: the app is closed while runCommand waits.
    class Silent final : public Approver
    {
    public:
        void approvalRequested(const ApprovalRequest &request) override { asked.append(request); }
        QList<ApprovalRequest> asked;
    } silent;
    engine().setApprover(&silent);
    const qint64 thread = newThread();
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("go"), {}, &error));
    QTRY_COMPARE_WITH_TIMEOUT(silent.asked.size(), 1, 60000);
    QCOMPARE(silent.asked.first().toolName, QStringLiteral("runCommand"));
    QCOMPARE(engine().pendingApprovals().size(), 1);
    engine().setApprover(nullptr);

    // Quit and start again on the same data folder.
    m_context.reset();
    m_context = std::make_unique<AppContext>(
        StudioPaths::underRoot(m_dir->filePath(QStringLiteral("data"))));
    QVERIFY2(m_context->open(&error), qPrintable(error));
    m_context->setSandboxProvider(QStringLiteral("local"));
    QVERIFY(m_context->agentEngine(&error));
    const auto runs = m_context->store().listRuns(thread);
    QCOMPARE(runs->last().status, RunStatus::Interrupted);
    const auto calls = m_context->store().listToolCalls(runs->last().id);
    QCOMPARE(calls->last().status, ToolCallStatus::Proposed); // never ran, never decided

    ScriptedApprover approver(engine(), {});
    engine().setApprover(&approver);
    RunRecorder recorder(engine());
    QVERIFY2(engine().continueRun(thread, {}, &error), qPrintable(error));
    QVERIFY(waitForEnd(recorder));
    engine().setApprover(nullptr);
    QCOMPARE(approver.m_requests.size(), 1);
    QCOMPARE(approver.m_requests.first().toolName, QStringLiteral("runCommand"));
    const auto finished = recorder.ofType(RunEvent::Type::ToolCallFinished);
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first()
                .result.toObject()
                .value(QLatin1String("stdout"))
                .toString()
                .contains(QLatin1String("Ran 4 tests")));
    QVERIFY(recorder.ofType(RunEvent::Type::RunFinished).size() == 1);
    // The sandbox was created once, not again.
    QCOMPARE(m_context->store().sandboxesForThread(thread)->size(), 1);
}

void TestAgentEngine::cancelStopsARunningCommand()
{
    QList<ScriptedModel::Step> steps = ::briefScenario();
    steps[2] = [](const RecordedRequest &request) {
        return ScriptedStep{
            QString(),
            {{QStringLiteral("call_sleep"), QStringLiteral("runCommand"),
              QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                          {QStringLiteral("command"), QStringLiteral("sleep 300")}},
              QString()}}};
    };
    ScriptedModel script(*m_server, Wire::OpenAi, steps);
    m_context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
    RunRecorder recorder(engine());
    const qint64 thread = newThread();
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("go"), {}, &error));
    // Wait until the command runs, then stop the run.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(recorder.events.cbegin(), recorder.events.cend(),
                                         [](const RunEvent &e) {
                                             return e.type == RunEvent::Type::ToolCallReady
                                                 && e.toolName == QLatin1String("runCommand");
                                         }),
                             60000);
    QTRY_VERIFY_WITH_TIMEOUT(!hostProcessesWithCommandLine({"sleep", "300"}).isEmpty(), 30000);
    engine().cancel(thread);
    QVERIFY(waitForEnd(recorder, 30000)); // not the 300 s of the command
    QCOMPARE(recorder.ofType(RunEvent::Type::RunCancelled).size(), 1);
    // The local server ends the command with the connection the client dropped (issue 17:
    // only Daytona mode needs a session to kill it).
    QTRY_VERIFY_WITH_TIMEOUT(hostProcessesWithCommandLine({"sleep", "300"}).isEmpty(), 2000);
    qInfo() << "tried: cancel a local runCommand `sleep 300`, result: the process is gone";
    QCOMPARE(m_context->store().listRuns(thread)->last().status, RunStatus::Cancelled);
    const auto calls
        = m_context->store().listToolCalls(m_context->store().listRuns(thread)->last().id);
    QCOMPARE(calls->last().status, ToolCallStatus::Failed);
    QVERIFY(!engine().isRunning(thread));
}

// The user renames the thread while the engine asks the model for a title (the race a late
// auto-title once lost): the model's answer arrives after the rename and is dropped.
void TestAgentEngine::renameWhileTheModelNamesTheThreadIsKept()
{
    ScriptedModel script(*m_server, Wire::OpenAi, {}); // answers "Done."
    RunRecorder recorder(engine());
    QSignalSpy changed(&m_context->threads(), &ThreadService::threadChanged);
    const qint64 thread = newThread();
    bool renamed = false;
    // After the script queued the title answer, before the server sends it.
    const auto renaming
        = connect(m_server.get(), &FakeLlmServer::requestReceived, this, [this, thread, &renamed] {
              if (m_server->requests().last().json().contains(QLatin1String("tools")))
                  return;
              QVERIFY(engine().isNamingThread(thread));
              renamed = m_context->threads().rename(thread, QStringLiteral("My own name")).ok();
          });
    QString error;
    QVERIFY2(engine().send(thread, QStringLiteral("reverse a string"),
                           {QStringLiteral("openai/gpt-4o-mini"), 20, {}}, &error),
             qPrintable(error));
    QVERIFY(waitForEnd(recorder));
    QTRY_VERIFY_WITH_TIMEOUT(renamed, 20000);
    QTRY_VERIFY(!engine().isNamingThread(thread));
    QCOMPARE(script.titlesServed(), 1);
    QCOMPARE(m_context->threads().thread(thread)->title, QStringLiteral("My own name"));
    QVERIFY(recorder.ofType(RunEvent::Type::ThreadTitleChanged).isEmpty());
    // The lists heard the rename last: nothing announced the model's title.
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.last().first().value<ThreadRecord>().title, QStringLiteral("My own name"));
    disconnect(renaming);
}

QTEST_GUILESS_MAIN(TestAgentEngine)
#include "tst_agentengine.moc"
