// Approval rules and modes (issue 16) through the real engine, a scripted model on 127.0.0.1
// and real local sandboxes: each mode deciding real tool calls (plan mode refusing writes with
// the message the model reads and ending with a plan that, approved, continues the thread in
// the chosen mode), deny rules that no mode, allow rule, compound trick, substitution, sh -c or
// edited call gets past, a rule or mode change deciding a call that waits, a rule added with
// an answer, and the store's record of which mode and rule decided each call. Each case prints
// what it tried and what came back.
#include "../app/agent/AgentTestSupport.h"
#include "../app/agent/ScriptedModel.h"

#include "agent/AgentEngine.h"
#include "core/StudioPaths.h"
#include "root/AppContext.h"
#include "services/ApprovalRules.h"
#include "services/ThreadService.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QTemporaryDir>

#include <memory>

namespace {

const QString kKey = QStringLiteral("sk-test-rules-0123456789abcdefghijkl");

ScriptedModel::Step call(const QString &id, const QString &tool, QJsonObject args)
{
    return [id, tool, args](const RecordedRequest &request) mutable {
        if (tool != QLatin1String("createSandbox"))
            args.insert(QStringLiteral("sandboxId"), sandboxIdFrom(request.body));
        return ScriptedStep{QString(), {{id, tool, args, QString()}}};
    };
}

ScriptedModel::Step command(const QString &id, const QString &text)
{
    return call(id, QStringLiteral("runCommand"), {{QStringLiteral("command"), text}});
}

ScriptedModel::Step say(const QString &text)
{
    return [text](const RecordedRequest &) { return ScriptedStep{text, {}}; };
}

ScriptedModel::Step createSandbox()
{
    return call(QStringLiteral("call_create"), QStringLiteral("createSandbox"),
                {{QStringLiteral("name"), QStringLiteral("rules")}});
}

// Approves everything it is asked, or does what the test says instead of answering.
class Recorder final : public QObject, public Approver
{
public:
    explicit Recorder(AgentEngine &engine)
        : m_engine(engine)
    {
    }
    std::function<void(const ApprovalRequest &)> onRequest; // empty: approve
    void approvalRequested(const ApprovalRequest &request) override
    {
        requests.append(request);
        qInfo().noquote() << "  asked:" << request.toolName
                          << request.arguments.value(QLatin1String("command")).toString()
                          << "- because" << request.verdict.reason;
        QMetaObject::invokeMethod(
            this,
            [this, request] {
                if (onRequest) {
                    onRequest(request);
                    return;
                }
                QString error;
                m_engine.resolveApproval(request.toolCallRowId, ApprovalAnswer::approve(), &error);
            },
            Qt::QueuedConnection);
    }
    QList<ApprovalRequest> requests;
    AgentEngine &m_engine;
};

QJsonObject resultOf(const QList<RunEvent> &events, const QString &callId)
{
    for (const RunEvent &e : events) {
        if (e.type == RunEvent::Type::ToolCallFinished && e.toolCallId == callId)
            return e.result.toObject();
    }
    return {};
}

QString stdoutOf(const QList<RunEvent> &events, const QString &callId)
{
    return resultOf(events, callId).value(QLatin1String("stdout")).toString();
}

QString errorOf(const QList<RunEvent> &events, const QString &callId)
{
    return resultOf(events, callId).value(QLatin1String("error")).toString();
}

} // namespace

class TestHostileRules final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void modesDecideRealCalls();
    void planModeEndsWithAPlanThatContinuesInTheChosenMode();
    void denyWinsOverEveryModeAndTrick();
    void editedCallIsJudgedAgain();
    void ruleOrModeChangeDecidesAWaitingCall();
    void ruleAddedWithAnAnswerAppliesToTheNextCalls();

private:
    RowId newThread(ApprovalMode mode);
    QList<RunEvent> runThread(RowId thread, const QList<ScriptedModel::Step> &steps,
                              Recorder *approver, const QString &message = QStringLiteral("go"));
    QList<RunEvent> waitForRun(RowId thread, RunRecorder &recorder);
    ApprovalRule addRule(ApprovalRule::Action action, const QString &tool,
                         ApprovalRule::Match match, const QString &pattern, RowId thread = 0);
    ToolCallRecord storedCall(const QList<RunEvent> &events, const QString &callId);

    QTemporaryDir m_dir;
    std::unique_ptr<FakeLlmServer> m_llm;
    std::unique_ptr<AppContext> m_app;
    QList<ScriptedModel::Step> m_steps; // of the thread running now
};

void TestHostileRules::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("OPENAI_API_KEY", kKey.toUtf8());
    qunsetenv("DAYTONA_API_KEY");
    m_llm = std::make_unique<FakeLlmServer>();
    QVERIFY(m_llm->listen());
    qputenv("OPENAI_BASE_URL", m_llm->baseUrl().toString().toUtf8());
    m_app = std::make_unique<AppContext>(
        StudioPaths::underRoot(m_dir.filePath(QStringLiteral("app"))));
    QString error;
    QVERIFY2(m_app->open(&error), qPrintable(error));
    m_app->setSandboxProvider(QStringLiteral("local"));
    QVERIFY2(m_app->agentEngine(&error), qPrintable(error));
    connect(m_llm.get(), &FakeLlmServer::requestReceived, this, [this] {
        const RecordedRequest &request = m_llm->requests().last();
        const QJsonObject json = request.json();
        ScriptedStep step{QStringLiteral("A thread"), {}};
        if (json.contains(QLatin1String("tools"))) {
            int turns = 0; // the model turns since the last user message: this run's step
            for (const QJsonValue &m : json.value(QLatin1String("messages")).toArray()) {
                const QString role = m.toObject().value(QLatin1String("role")).toString();
                turns = role == QLatin1String("user")
                    ? 0
                    : turns + (role == QLatin1String("assistant"));
            }
            step = turns < m_steps.size() ? m_steps.at(turns)(request)
                                          : ScriptedStep{QStringLiteral("Done."), {}};
        }
        if (json.value(QLatin1String("stream")).toBool(true)) {
            m_llm->enqueue(FakeResponse::stream(openAiStream(step), 7));
            return;
        }
        m_llm->enqueue(FakeResponse::json(
            200,
            QJsonDocument(
                QJsonObject{{QStringLiteral("id"), QStringLiteral("chatcmpl-title")},
                            {QStringLiteral("object"), QStringLiteral("chat.completion")},
                            {QStringLiteral("choices"),
                             QJsonArray{QJsonObject{
                                 {QStringLiteral("index"), 0},
                                 {QStringLiteral("message"),
                                  QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                              {QStringLiteral("content"), step.text}}},
                                 {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}}})
                .toJson(QJsonDocument::Compact)));
    });
}

void TestHostileRules::cleanupTestCase()
{
    m_app.reset();
    m_llm.reset();
}

RowId TestHostileRules::newThread(ApprovalMode mode)
{
    const auto thread
        = m_app->threads().create(QStringLiteral("rules"), QStringLiteral("openai/gpt-4o-mini"));
    if (!thread)
        return 0;
    if (!m_app->approvalRules().setMode(thread->id, mode))
        return 0;
    return thread->id;
}

ApprovalRule TestHostileRules::addRule(ApprovalRule::Action action, const QString &tool,
                                       ApprovalRule::Match match, const QString &pattern,
                                       RowId thread)
{
    ApprovalRule rule;
    rule.action = action;
    rule.tool = tool;
    rule.match = match;
    rule.pattern = pattern;
    rule.threadId = thread;
    const auto added = m_app->approvalRules().add(rule);
    if (!added) {
        qWarning() << "could not add the rule:" << added.error();
        return {};
    }
    return *added;
}

QList<RunEvent> TestHostileRules::waitForRun(RowId thread, RunRecorder &recorder)
{
    AgentEngine &engine = m_app->engine();
    if (!QTest::qWaitFor([&recorder] { return recorder.ended; }, 120000))
        qWarning() << "the run did not end in time";
    if (!QTest::qWaitFor([&engine, thread] { return !engine.isNamingThread(thread); }, 10000))
        qWarning() << "the thread was not named in time";
    QList<RunEvent> mine;
    for (const RunEvent &e : std::as_const(recorder.events)) {
        if (e.threadId == thread)
            mine.append(e);
    }
    return mine;
}

QList<RunEvent> TestHostileRules::runThread(RowId thread, const QList<ScriptedModel::Step> &steps,
                                            Recorder *approver, const QString &message)
{
    m_steps = steps;
    AgentEngine &engine = m_app->engine();
    engine.setApprover(approver);
    RunRecorder recorder(engine);
    QString error;
    if (!engine.send(thread, message, {QStringLiteral("openai/gpt-4o-mini"), 20, {}}, &error)) {
        qWarning() << "could not start:" << error;
        return {};
    }
    const QList<RunEvent> events = waitForRun(thread, recorder);
    engine.setApprover(nullptr);
    return events;
}

ToolCallRecord TestHostileRules::storedCall(const QList<RunEvent> &events, const QString &callId)
{
    for (const RunEvent &e : events) {
        if (e.type == RunEvent::Type::ToolCallFinished && e.toolCallId == callId)
            return m_app->store().toolCall(e.toolCallRowId).value();
    }
    return {};
}

void TestHostileRules::modesDecideRealCalls()
{
    AgentEngine &engine = m_app->engine();
    Recorder approver(engine);
    const RowId thread = newThread(ApprovalMode::Full);
    QVERIFY(thread);

    // Full: everything runs without asking.
    QList<RunEvent> events
        = runThread(thread,
                    {createSandbox(),
                     command(QStringLiteral("call_full"),
                             QStringLiteral("echo full-ran > full.txt && cat full.txt")),
                     say(QStringLiteral("Done."))},
                    &approver);
    qInfo().noquote() << "tried: mode full, `echo > full.txt && cat` result:"
                      << stdoutOf(events, QStringLiteral("call_full")).trimmed() << "asked"
                      << approver.requests.size();
    QCOMPARE(approver.requests.size(), 0);
    QCOMPARE(stdoutOf(events, QStringLiteral("call_full")).trimmed(), QStringLiteral("full-ran"));
    const ToolCallRecord full = storedCall(events, QStringLiteral("call_full"));
    QCOMPARE(full.approvalMode, QStringLiteral("full"));
    QCOMPARE(full.decision, ApprovalDecision::Auto);

    // Auto-edit: the write runs, the command asks.
    QVERIFY(m_app->approvalRules().setMode(thread, ApprovalMode::AutoEdit));
    const QJsonObject write{{QStringLiteral("path"), QStringLiteral("full.txt")},
                            {QStringLiteral("content"), QStringLiteral("edited\n")}};
    events = runThread(thread,
                       {call(QStringLiteral("call_edit"), QStringLiteral("writeFile"), write),
                        command(QStringLiteral("call_cat"), QStringLiteral("cat full.txt")),
                        say(QStringLiteral("Done."))},
                       &approver);
    qInfo().noquote() << "tried: mode auto-edit, overwrite then cat; result: asked about"
                      << (approver.requests.isEmpty() ? QString()
                                                      : approver.requests.first().toolName)
                      << "cat printed" << stdoutOf(events, QStringLiteral("call_cat")).trimmed();
    QCOMPARE(approver.requests.size(), 1);
    QCOMPARE(approver.requests.first().toolName, QStringLiteral("runCommand"));
    QCOMPARE(approver.requests.first().verdict.mode, ApprovalMode::AutoEdit);
    QVERIFY2(approver.requests.first().verdict.reason.contains(QLatin1String("Auto-edit")),
             qPrintable(approver.requests.first().verdict.reason));
    QCOMPARE(stdoutOf(events, QStringLiteral("call_cat")).trimmed(), QStringLiteral("edited"));
    QCOMPARE(storedCall(events, QStringLiteral("call_edit")).approvalMode,
             QStringLiteral("auto-edit"));
    QCOMPARE(storedCall(events, QStringLiteral("call_cat")).decision, ApprovalDecision::Approved);

    // Ask: a new file runs (today's default), overwriting it and the command ask.
    approver.requests.clear();
    QVERIFY(m_app->approvalRules().setMode(thread, ApprovalMode::Ask));
    const QJsonObject fresh{{QStringLiteral("path"), QStringLiteral("ask-new.txt")},
                            {QStringLiteral("content"), QStringLiteral("1\n")}};
    events = runThread(thread,
                       {call(QStringLiteral("call_new"), QStringLiteral("writeFile"), fresh),
                        call(QStringLiteral("call_over"), QStringLiteral("writeFile"), fresh),
                        command(QStringLiteral("call_ls"), QStringLiteral("ls")),
                        say(QStringLiteral("Done."))},
                       &approver);
    QStringList asked;
    for (const ApprovalRequest &r : std::as_const(approver.requests))
        asked << r.toolCallId;
    qInfo().noquote() << "tried: mode ask, new file, overwrite, ls; result: asked about" << asked;
    QCOMPARE(asked, (QStringList{QStringLiteral("call_over"), QStringLiteral("call_ls")}));
    QCOMPARE(storedCall(events, QStringLiteral("call_new")).approvalMode, QStringLiteral("ask"));
}

void TestHostileRules::planModeEndsWithAPlanThatContinuesInTheChosenMode()
{
    AgentEngine &engine = m_app->engine();
    Recorder approver(engine);
    const RowId thread = newThread(ApprovalMode::Full);
    QVERIFY(thread);
    runThread(thread, {createSandbox(), say(QStringLiteral("Ready."))}, &approver);

    QVERIFY(m_app->approvalRules().setMode(thread, ApprovalMode::Plan));
    const QString planText = QStringLiteral("Plan:\n1. write plan.txt\n2. run cat plan.txt");
    RunRecorder recorder(engine);
    m_steps
        = {call(QStringLiteral("call_list"), QStringLiteral("listFiles"),
                {{QStringLiteral("path"), QStringLiteral(".")}}),
           call(QStringLiteral("call_write"), QStringLiteral("writeFile"),
                {{QStringLiteral("path"), QStringLiteral("plan.txt")},
                 {QStringLiteral("content"), QStringLiteral("x")}}),
           command(QStringLiteral("call_touch"), QStringLiteral("touch plan-ran")), say(planText)};
    engine.setApprover(&approver);
    QString error;
    QVERIFY2(engine.send(thread, QStringLiteral("make a plan"),
                         {QStringLiteral("openai/gpt-4o-mini"), 20, {}}, &error),
             qPrintable(error));
    QList<RunEvent> events = waitForRun(thread, recorder);
    const QString writeError = errorOf(events, QStringLiteral("call_write"));
    qInfo().noquote() << "tried: plan mode: listFiles, writeFile, touch; result: write ->"
                      << writeError << "| touch ->"
                      << errorOf(events, QStringLiteral("call_touch"));
    QVERIFY(errorOf(events, QStringLiteral("call_list")).isEmpty());
    QVERIFY2(writeError.contains(QLatin1String("the user is in plan mode: propose, do not change")),
             qPrintable(writeError));
    QVERIFY(errorOf(events, QStringLiteral("call_touch")).contains(QLatin1String("plan mode")));
    QCOMPARE(approver.requests.size(), 0);
    // The model read the refusal.
    bool modelSawIt = false;
    for (const RecordedRequest &r : m_llm->requests())
        modelSawIt = modelSawIt
            || r.body.contains(
                "writeFile was not run: the user is in plan mode: propose, do not change");
    QVERIFY(modelSawIt);
    RowId planId = 0;
    for (const RunEvent &e : std::as_const(events)) {
        if (e.type == RunEvent::Type::RunFinished)
            planId = e.planId;
    }
    QVERIFY(planId != 0);
    QCOMPARE(engine.pendingPlan(thread)->text, planText);

    // Approved in Auto-edit: the thread goes on with the plan as the instruction.
    RunRecorder second(engine);
    m_steps = {call(QStringLiteral("call_write2"), QStringLiteral("writeFile"),
                    {{QStringLiteral("path"), QStringLiteral("plan.txt")},
                     {QStringLiteral("content"), QStringLiteral("planned\n")}}),
               command(QStringLiteral("call_cat"), QStringLiteral("cat plan.txt; ls plan-ran")),
               say(QStringLiteral("Done."))};
    QVERIFY2(engine.approvePlan(planId, ApprovalMode::AutoEdit, {},
                                {QStringLiteral("openai/gpt-4o-mini"), 20, {}}, &error),
             qPrintable(error));
    events = waitForRun(thread, second);
    engine.setApprover(nullptr);
    const QString cat = stdoutOf(events, QStringLiteral("call_cat"));
    qInfo().noquote() << "tried: approve the plan in auto-edit; result: mode"
                      << ApprovalModes::toString(m_app->approvalRules().mode(thread)) << "asked"
                      << approver.requests.size() << "cat:" << cat.simplified();
    QCOMPARE(m_app->approvalRules().mode(thread), ApprovalMode::AutoEdit);
    QVERIFY(!engine.pendingPlan(thread));
    QCOMPARE(m_app->store().plan(planId)->status, PlanStatus::Approved);
    QCOMPARE(m_app->store().plan(planId)->mode, QStringLiteral("auto-edit"));
    QCOMPARE(approver.requests.size(), 1); // the command, not the write
    QVERIFY2(cat.startsWith(QLatin1String("planned")), qPrintable(cat));
    // plan-ran was never created: the refused touch did not run.
    QVERIFY(!cat.contains(QLatin1String("plan-ran")) || cat.contains(QLatin1String("No such")));
    const auto messages = m_app->store().listMessages(thread).value();
    QString lastUser;
    for (const MessageRecord &m : messages) {
        if (m.role == MessageRole::User)
            lastUser = m.text();
    }
    QCOMPARE(lastUser, AgentEngine::planInstruction(planText));

    // A second plan, rejected with a reason: recorded, nothing runs.
    QVERIFY(m_app->approvalRules().setMode(thread, ApprovalMode::Plan));
    events = runThread(thread, {say(QStringLiteral("Plan: delete everything"))}, &approver);
    const auto rejected = engine.pendingPlan(thread);
    QVERIFY(rejected);
    QVERIFY2(engine.rejectPlan(rejected->id, QStringLiteral("too risky"), &error),
             qPrintable(error));
    QCOMPARE(m_app->store().plan(rejected->id)->reason, QStringLiteral("too risky"));
    QVERIFY(!engine.approvePlan(rejected->id, ApprovalMode::Full, {}, {}, &error));
    qInfo().noquote() << "tried: approve a rejected plan; result:" << error;
    QVERIFY(!engine.isRunning(thread));
}

void TestHostileRules::denyWinsOverEveryModeAndTrick()
{
    AgentEngine &engine = m_app->engine();
    Recorder approver(engine);
    const RowId thread = newThread(ApprovalMode::Full);
    QVERIFY(thread);
    using A = ApprovalRule::Action;
    using M = ApprovalRule::Match;
    const ApprovalRule denyRm
        = addRule(A::Deny, QStringLiteral("runCommand"), M::Glob, QStringLiteral("rm *"), thread);
    const ApprovalRule denySecret = addRule(A::Deny, QStringLiteral("writeFile"), M::Glob,
                                            QStringLiteral("secret/**"), thread);
    // An allow rule for everything does not lift a deny.
    const ApprovalRule allowAll
        = addRule(A::Allow, QStringLiteral("runCommand"), M::Any, {}, thread);
    QVERIFY(denyRm.id && denySecret.id && allowAll.id);

    const QStringList tricks = {
        QStringLiteral("ls && rm -f keep.txt"),
        QStringLiteral("echo $(rm -f keep.txt)"),
        QStringLiteral("echo `rm -f keep.txt`"),
        QStringLiteral("bash -c 'cd /home/daytona; rm -f keep.txt'"),
        QStringLiteral("true\nrm -f keep.txt"),
        QStringLiteral("find . -name keep.txt | xargs rm -f"),
        QStringLiteral("eval \"rm -f keep.txt\""),
    };
    QList<ScriptedModel::Step> steps{
        createSandbox(),
        command(QStringLiteral("call_keep"), QStringLiteral("echo keep > keep.txt"))};
    for (int i = 0; i < tricks.size(); ++i)
        steps << command(QStringLiteral("call_trick%1").arg(i), tricks.at(i));
    steps << call(QStringLiteral("call_secret"), QStringLiteral("writeFile"),
                  {{QStringLiteral("path"), QStringLiteral("secret/key")},
                   {QStringLiteral("content"), QStringLiteral("x")}})
          << command(QStringLiteral("call_check"), QStringLiteral("cat keep.txt; ls secret"))
          << say(QStringLiteral("Done."));
    const QList<RunEvent> events = runThread(thread, steps, &approver);
    for (int i = 0; i < tricks.size(); ++i) {
        const QString id = QStringLiteral("call_trick%1").arg(i);
        const ToolCallRecord stored = storedCall(events, id);
        qInfo().noquote() << "tried: mode full," << tricks.at(i).simplified()
                          << "result:" << errorOf(events, id) << "| rule" << stored.approvalRuleId;
        QVERIFY2(errorOf(events, id).contains(QLatin1String("approval rules do not allow")),
                 qPrintable(id));
        QCOMPARE(stored.decision, ApprovalDecision::Denied);
        QCOMPARE(stored.approvalRuleId, denyRm.id);
        QCOMPARE(stored.approvalMode, QStringLiteral("full"));
    }
    QVERIFY(
        errorOf(events, QStringLiteral("call_secret")).contains(QLatin1String("approval rules")));
    const QString check = stdoutOf(events, QStringLiteral("call_check"));
    qInfo().noquote() << "result: after the tricks, cat keep.txt; ls secret ->"
                      << check.simplified();
    QVERIFY2(check.startsWith(QLatin1String("keep")), qPrintable(check));
    QCOMPARE(approver.requests.size(), 0);
    // The deny rule counted each call it denied.
    QCOMPARE(m_app->approvalRules().rule(denyRm.id)->hitCount, int(tricks.size()));
    QVERIFY(m_app->approvalRules().rule(denyRm.id)->lastMatchedAt.isValid());
}

void TestHostileRules::editedCallIsJudgedAgain()
{
    AgentEngine &engine = m_app->engine();
    Recorder approver(engine);
    const RowId thread = newThread(ApprovalMode::Full);
    QVERIFY(thread);
    runThread(thread,
              {createSandbox(),
               command(QStringLiteral("c1"), QStringLiteral("echo keep > keep.txt")),
               say(QStringLiteral("Ready."))},
              &approver);
    QVERIFY(addRule(ApprovalRule::Action::Deny, QStringLiteral("runCommand"),
                    ApprovalRule::Match::Glob, QStringLiteral("rm *"), thread)
                .id);
    QVERIFY(m_app->approvalRules().setMode(thread, ApprovalMode::Ask));
    // The user edits `ls` into something a deny rule names, then approves it.
    approver.onRequest = [&engine](const ApprovalRequest &request) {
        ApprovalAnswer answer = ApprovalAnswer::approve();
        QJsonObject edited = request.arguments;
        if (request.toolCallId == QLatin1String("call_ls"))
            edited.insert(QStringLiteral("command"), QStringLiteral("ls; rm -f keep.txt"));
        answer.editedArguments = edited;
        QString error;
        engine.resolveApproval(request.toolCallRowId, answer, &error);
    };
    const QList<RunEvent> events
        = runThread(thread,
                    {command(QStringLiteral("call_ls"), QStringLiteral("ls")),
                     command(QStringLiteral("call_check"), QStringLiteral("cat keep.txt")),
                     say(QStringLiteral("Done."))},
                    &approver);
    const QString refused = errorOf(events, QStringLiteral("call_ls"));
    qInfo().noquote() << "tried: approve `ls` edited to `ls; rm -f keep.txt`; result:" << refused
                      << "| cat keep.txt ->"
                      << stdoutOf(events, QStringLiteral("call_check")).trimmed();
    QVERIFY2(refused.contains(QLatin1String("approval rules do not allow")), qPrintable(refused));
    QCOMPARE(storedCall(events, QStringLiteral("call_ls")).decision, ApprovalDecision::Denied);
    QCOMPARE(stdoutOf(events, QStringLiteral("call_check")).trimmed(), QStringLiteral("keep"));
}

void TestHostileRules::ruleOrModeChangeDecidesAWaitingCall()
{
    AgentEngine &engine = m_app->engine();
    Recorder approver(engine);
    const RowId thread = newThread(ApprovalMode::Full);
    QVERIFY(thread);
    runThread(thread, {createSandbox(), say(QStringLiteral("Ready."))}, &approver);
    QVERIFY(m_app->approvalRules().setMode(thread, ApprovalMode::Ask));
    // Nobody answers: the first call is let through by a new rule, the second by a mode change.
    ApprovalRules &rules = m_app->approvalRules();
    approver.onRequest = [&rules, thread](const ApprovalRequest &request) {
        if (request.toolCallId == QLatin1String("call_one")) {
            ApprovalRule allow = request.proposal.rule;
            QVERIFY(rules.add(allow));
        } else {
            QVERIFY(rules.setMode(thread, ApprovalMode::Full));
        }
    };
    const QList<RunEvent> events
        = runThread(thread,
                    {command(QStringLiteral("call_one"), QStringLiteral("echo one")),
                     command(QStringLiteral("call_two"), QStringLiteral("uname -s")),
                     say(QStringLiteral("Done."))},
                    &approver);
    QList<RunEvent> autoResolved;
    for (const RunEvent &e : events) {
        if (e.type == RunEvent::Type::ApprovalResolved && e.decision == ApprovalDecision::Auto)
            autoResolved << e;
    }
    qInfo().noquote() << "tried: a rule, then a mode change, while calls wait; result:"
                      << stdoutOf(events, QStringLiteral("call_one")).trimmed()
                      << stdoutOf(events, QStringLiteral("call_two")).trimmed() << "resolved by:"
                      << (autoResolved.size() == 2 ? autoResolved.at(0).text + QStringLiteral(" / ")
                                  + autoResolved.at(1).text
                                                   : QString());
    QCOMPARE(approver.requests.size(), 2);
    QCOMPARE(stdoutOf(events, QStringLiteral("call_one")).trimmed(), QStringLiteral("one"));
    QCOMPARE(stdoutOf(events, QStringLiteral("call_two")).trimmed(), QStringLiteral("Linux"));
    QCOMPARE(autoResolved.size(), 2);
    QVERIFY(autoResolved.at(0).approvalRuleId != 0);
    QCOMPARE(autoResolved.at(1).approvalMode, QStringLiteral("full"));
}

void TestHostileRules::ruleAddedWithAnAnswerAppliesToTheNextCalls()
{
    AgentEngine &engine = m_app->engine();
    Recorder approver(engine);
    const RowId thread = newThread(ApprovalMode::Full);
    QVERIFY(thread);
    runThread(thread, {createSandbox(), say(QStringLiteral("Ready."))}, &approver);
    QVERIFY(m_app->approvalRules().setMode(thread, ApprovalMode::Ask));
    RowId added = 0;
    approver.onRequest = [&engine, &added, this](const ApprovalRequest &request) {
        ApprovalAnswer answer = ApprovalAnswer::approve();
        if (request.toolCallId == QLatin1String("call_first"))
            answer.addRule = request.proposal.rule; // "always allow `echo *` in this thread"
        QString error;
        QVERIFY2(engine.resolveApproval(request.toolCallRowId, answer, &error), qPrintable(error));
        const auto all = m_app->approvalRules().rules().value();
        if (!all.isEmpty())
            added = all.last().id;
    };
    const QList<RunEvent> events
        = runThread(thread,
                    {command(QStringLiteral("call_first"), QStringLiteral("echo first")),
                     command(QStringLiteral("call_second"), QStringLiteral("echo second")),
                     command(QStringLiteral("call_mixed"), QStringLiteral("echo third && uname")),
                     say(QStringLiteral("Done."))},
                    &approver);
    QStringList asked;
    for (const ApprovalRequest &r : std::as_const(approver.requests))
        asked << r.toolCallId;
    const ApprovalRule rule = m_app->approvalRules().rule(added).value();
    qInfo().noquote() << "tried: approve `echo first` adding"
                      << approver.requests.first().proposal.summary << "; result: asked about"
                      << asked << "rule hits" << rule.hitCount;
    QCOMPARE(rule.pattern, QStringLiteral("echo *"));
    QCOMPARE(asked, (QStringList{QStringLiteral("call_first"), QStringLiteral("call_mixed")}));
    QCOMPARE(stdoutOf(events, QStringLiteral("call_second")).trimmed(), QStringLiteral("second"));
    const ToolCallRecord second = storedCall(events, QStringLiteral("call_second"));
    QCOMPARE(second.approvalRuleId, rule.id);
    QCOMPARE(second.decision, ApprovalDecision::Auto);
    QCOMPARE(rule.hitCount, 1);
}

QTEST_GUILESS_MAIN(TestHostileRules)
#include "tst_hostilerules.moc"
