#include "AgentEngine.h"

#include "agent/AgentRun.h"
#include "agent/SystemPrompt.h"
#include "core/Logging.h"
#include "llm/ChatStreamRequest.h"
#include "llm/LlmClient.h"
#include "llm/ModelRef.h"
#include "sandbox/SandboxBackend.h"
#include "secrets/KeyCatalog.h"
#include "secrets/KeyResolver.h"
#include "services/ApprovalRules.h"
#include "services/CostService.h"
#include "services/ThreadService.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace {
const QString kDefaultTitle = QStringLiteral("New thread");
} // namespace

AgentEngine::AgentEngine(const Services &services, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_instructions(SystemPrompt::defaultInstructions())
{
    qRegisterMetaType<RunEvent>();
    // A rule or mode change applies to the next call, and to the calls waiting now.
    ApprovalRules *rules = &m_services.rules;
    const auto all = [this] { redecideWaiting(0); };
    connect(rules, &ApprovalRules::ruleAdded, this, all);
    connect(rules, &ApprovalRules::ruleChanged, this, all);
    connect(rules, &ApprovalRules::ruleRemoved, this, all);
    connect(rules, &ApprovalRules::defaultModeChanged, this, all);
    connect(rules, &ApprovalRules::modeChanged, this,
            [this](RowId threadId, ApprovalMode) { redecideWaiting(threadId); });
}

void AgentEngine::redecideWaiting(RowId threadId)
{
    // Queued and folded: one change often comes with several signals (a rule and its hit
    // counts), and the run may be in the middle of deciding when it arrives.
    const bool queued = !m_redecide.isEmpty();
    m_redecide.insert(threadId);
    if (queued)
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            const QSet<RowId> threads = std::exchange(m_redecide, {});
            const auto runs = m_runs;
            for (auto it = runs.cbegin(); it != runs.cend(); ++it) {
                if (threads.contains(0) || threads.contains(it.key()))
                    it.value()->redecideWaiting();
            }
        },
        Qt::QueuedConnection);
}

std::optional<PlanRecord> AgentEngine::pendingPlan(RowId threadId) const
{
    const auto plan = m_services.store.pendingPlan(threadId);
    if (!plan) {
        qCWarning(lcAgent).noquote() << "could not read the thread's plan -" << plan.error();
        return std::nullopt;
    }
    return *plan;
}

QString AgentEngine::planInstruction(const QString &plan)
{
    return QStringLiteral("The user approved this plan. Carry it out now, step by step:\n\n%1")
        .arg(plan.trimmed());
}

bool AgentEngine::approvePlan(RowId planId, ApprovalMode mode, const QString &text,
                              const RunOptions &options, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const auto plan = m_services.store.plan(planId);
    if (!plan)
        return fail(plan.error());
    if (plan->status != PlanStatus::Pending)
        return fail(QStringLiteral("plan %1 was already %2")
                        .arg(planId)
                        .arg(StoreEnums::toString(plan->status)));
    if (mode == ApprovalMode::Plan)
        return fail(QStringLiteral("choose the mode to run the plan in: auto-edit, ask or full"));
    if (isRunning(plan->threadId))
        return fail(QStringLiteral("the thread is busy; wait for its run to end"));
    const QString approved = text.trimmed().isEmpty() ? plan->text : text;
    if (approved.trimmed().isEmpty())
        return fail(QStringLiteral("the plan is empty"));
    // The mode first, so that the new run's first calls are decided in it.
    const ApprovalMode before = m_services.rules.mode(plan->threadId);
    if (StoreStatus status = m_services.rules.setMode(plan->threadId, mode); !status)
        return fail(status.error());
    if (StoreStatus status = m_services.store.decidePlan(
            planId, PlanStatus::Approved, approved == plan->text ? QString() : approved,
            ApprovalModes::toString(mode), {});
        !status) {
        logged(m_services.rules.setMode(plan->threadId, before), "a thread's mode");
        return fail(status.error());
    }
    if (!send(plan->threadId, planInstruction(approved), options, error)) {
        // Nothing ran: the plan waits again, in the mode the thread had.
        logged(m_services.rules.setMode(plan->threadId, before), "a thread's mode");
        logged(m_services.store.reopenPlan(planId), "a plan");
        return false;
    }
    qCInfo(lcAgent) << "plan" << planId << "approved; thread" << plan->threadId << "goes on in"
                    << ApprovalModes::toString(mode);
    return true;
}

bool AgentEngine::rejectPlan(RowId planId, const QString &reason, QString *error)
{
    StoreStatus status
        = m_services.store.decidePlan(planId, PlanStatus::Rejected, {}, {}, reason.trimmed());
    if (!status) {
        if (error)
            *error = status.error();
        return false;
    }
    qCInfo(lcAgent) << "plan" << planId << "rejected";
    return true;
}

AgentEngine::~AgentEngine()
{
    // Runs still going stop without an outcome: the next start marks them interrupted, and
    // calls that were waiting for approval are asked about again on Continue.
    const auto runs = m_runs.values();
    for (AgentRun *run : runs)
        run->shutdown();
}

void AgentEngine::publish(const RunEvent &event)
{
    switch (event.type) {
    case RunEvent::Type::RunStarted:
    case RunEvent::Type::RunFinished:
    case RunEvent::Type::RunFailed:
    case RunEvent::Type::RunCancelled:
        // The run's messages moved its thread up (updated_at); the thread service says so,
        // before the event, so that a list shows the row where it now belongs.
        m_services.threads.reread(event.threadId);
        break;
    default:
        break;
    }
    emit runEvent(event);
}

bool AgentEngine::isRunning(RowId threadId) const
{
    return m_runs.contains(threadId);
}

bool AgentEngine::prepare(RowId threadId, const RunOptions &options, ThreadRecord *thread,
                          RunOptions *resolved, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (isRunning(threadId))
        return fail(QStringLiteral("this thread is already running; wait for it or stop it first"));
    auto record = m_services.threads.thread(threadId);
    if (!record)
        return fail(record.error());
    *thread = *record;
    *resolved = options;
    if (resolved->model.isEmpty())
        resolved->model = thread->model;
    if (resolved->model.isEmpty())
        return fail(QStringLiteral("no model chosen; pick one, e.g. openai/gpt-4o-mini"));
    QString parseError;
    if (!ModelRef::parse(resolved->model, &parseError))
        return fail(parseError);
    if (resolved->maxSteps <= 0)
        resolved->maxSteps = 20;
    if (m_costs) {
        if (const QString reached = m_costs->budgetReached(threadId); !reached.isEmpty())
            return fail(reached);
    }
    if (resolved->sandboxProvider.isEmpty())
        resolved->sandboxProvider = m_services.sandboxes.defaultProvider();
    if (resolved->sandboxProvider != SandboxBackend::local()
        && resolved->sandboxProvider != SandboxBackend::daytona())
        return fail(QStringLiteral("unknown sandbox provider '%1' (use local or daytona)")
                        .arg(resolved->sandboxProvider));
    if (resolved->sandboxProvider == SandboxBackend::daytona() && !m_services.sandboxes.hasCloud())
        return fail(QStringLiteral("Daytona sandboxes need an API key: add one in Settings > "
                                   "Daytona (or set DAYTONA_API_KEY), or choose local sandboxes"));
    if (thread->model != resolved->model) {
        logged(m_services.threads.setModel(threadId, resolved->model), "the thread's model");
        thread->model = resolved->model;
    }
    return true;
}

bool AgentEngine::send(RowId threadId, const QString &text, const RunOptions &options,
                       QString *error)
{
    if (text.trimmed().isEmpty()) {
        if (error)
            *error = QStringLiteral("the message is empty");
        return false;
    }
    ThreadRecord thread;
    RunOptions resolved;
    if (!prepare(threadId, options, &thread, &resolved, error))
        return false;

    // The user's message is committed before any request goes out (security.md §5.2).
    NewMessage message;
    message.threadId = threadId;
    message.role = MessageRole::User;
    message.parts = NewMessage::textParts(text);
    auto saved = m_services.store.appendMessage(message);
    if (!saved) {
        if (error)
            *error = saved.error();
        return false;
    }
    return startRun(thread, resolved, {}, error);
}

bool AgentEngine::continueRun(RowId threadId, const RunOptions &options, QString *error)
{
    ThreadRecord thread;
    RunOptions resolved;
    if (!prepare(threadId, options, &thread, &resolved, error))
        return false;

    QList<ToolCallRecord> resume;
    auto runs = m_services.store.listRuns(threadId);
    auto messages = m_services.store.listMessages(threadId);
    if (runs && messages && !runs->isEmpty()) {
        QSet<QString> answered;
        for (const MessageRecord &message : *messages) {
            if (message.role != MessageRole::Tool)
                continue;
            for (const QJsonValue &part : message.parts)
                answered.insert(part.toObject().value(QLatin1String("toolCallId")).toString());
        }
        const RunRecord &last = runs->last();
        if (auto calls = m_services.store.listToolCalls(last.id)) {
            for (const ToolCallRecord &call : *calls) {
                if (answered.contains(call.callId))
                    continue;
                switch (call.status) {
                case ToolCallStatus::Proposed:
                case ToolCallStatus::Approved:
                    resume.append(call); // never ran: ask and run now
                    break;
                case ToolCallStatus::Done:
                case ToolCallStatus::Failed:
                case ToolCallStatus::Denied: {
                    // Finished (or refused) but its result message was not written.
                    QJsonObject result = QJsonDocument::fromJson(call.result.toUtf8()).object();
                    if (result.isEmpty())
                        result = {{QStringLiteral("error"),
                                   call.status == ToolCallStatus::Denied
                                       ? QStringLiteral("The user denied this call: %1")
                                             .arg(call.decisionReason)
                                       : QStringLiteral("The call finished without a result.")}};
                    NewMessage message;
                    message.threadId = threadId;
                    message.role = MessageRole::Tool;
                    message.runId = last.id;
                    message.parts = QJsonArray{QJsonObject{
                        {QStringLiteral("type"), QStringLiteral("tool-result")},
                        {QStringLiteral("toolCallId"), call.callId},
                        {QStringLiteral("toolName"), call.name},
                        {QStringLiteral("result"), result},
                        {QStringLiteral("isError"), call.status != ToolCallStatus::Done}}};
                    logged(m_services.store.appendMessage(message), "a tool result");
                    break;
                }
                case ToolCallStatus::Running:
                case ToolCallStatus::OutcomeUnknown:
                    break; // never re-run; the conversation says "interrupted, outcome unknown"
                }
            }
        }
    }
    return startRun(thread, resolved, resume, error);
}

bool AgentEngine::startRun(const ThreadRecord &thread, const RunOptions &options,
                           const QList<ToolCallRecord> &resumeCalls, QString *error)
{
    const auto model = ModelRef::parse(options.model);
    auto *run = new AgentRun(*this, thread, options, *model);
    m_runs.insert(thread.id, run);
    if (!run->start(error, resumeCalls)) {
        m_runs.remove(thread.id);
        delete run;
        return false;
    }
    return true;
}

void AgentEngine::cancel(RowId threadId)
{
    if (AgentRun *run = m_runs.value(threadId))
        run->cancel();
}

bool AgentEngine::resolveApproval(RowId toolCallRowId, const ApprovalAnswer &answer, QString *error)
{
    for (AgentRun *run : std::as_const(m_runs)) {
        if (run->isWaitingFor(toolCallRowId))
            return run->resolveApproval(toolCallRowId, answer, error);
    }
    if (error)
        *error = QStringLiteral("no run is waiting for an answer about this tool call");
    return false;
}

QList<ApprovalRequest> AgentEngine::pendingApprovals() const
{
    QList<ApprovalRequest> requests;
    for (const AgentRun *run : m_runs)
        requests += run->pendingApprovals();
    return requests;
}

QSet<QString> AgentEngine::alwaysAllowed(RowId threadId) const
{
    QSet<QString> tools = m_alwaysAllowed.value(threadId);
    if (auto stored = m_services.store.alwaysAllowedTools(threadId))
        tools.unite(*stored);
    else
        qCWarning(lcAgent).noquote()
            << "could not read the always-allowed tools -" << stored.error();
    // A revocation the store could not record still counts (fail closed: ask again).
    tools.subtract(m_revoked.value(threadId));
    return tools;
}

void AgentEngine::setAlwaysAllowed(RowId threadId, const QString &tool, bool allowed)
{
    if (allowed) {
        m_alwaysAllowed[threadId].insert(tool);
        m_revoked[threadId].remove(tool);
    } else {
        m_alwaysAllowed[threadId].remove(tool);
        m_revoked[threadId].insert(tool);
    }
    logged(m_services.store.setToolAlwaysAllowed(threadId, tool, allowed),
           "an always-allowed tool");
}

void AgentEngine::runEnded(RowId threadId)
{
    AgentRun *run = m_runs.take(threadId);
    if (!run)
        return;
    run->deleteLater();
    auto thread = m_services.threads.thread(threadId);
    if (thread && (thread->title.isEmpty() || thread->title == kDefaultTitle))
        generateTitle(threadId, thread->model);
}

void AgentEngine::generateTitle(RowId threadId, const QString &model)
{
    auto messages = m_services.store.listMessages(threadId);
    const auto ref = ModelRef::parse(model);
    if (!messages || !ref)
        return;
    QString firstUserText;
    for (const MessageRecord &message : *messages) {
        if (message.role == MessageRole::User) {
            firstUserText = message.text();
            break;
        }
    }
    if (firstUserText.isEmpty())
        return;

    // A title from the first words, used when the model gives none. A title the user gave
    // while the model was asked wins: the answer only replaces the title it was asked about.
    const auto before = m_services.threads.thread(threadId);
    const QString askedAbout = before ? before->title : QString();
    m_naming.insert(threadId);
    const auto setTitle = [this, threadId, askedAbout](const QString &title) {
        m_naming.remove(threadId);
        const auto set = m_services.threads.setGeneratedTitle(threadId, askedAbout, title);
        if (!set || !*set)
            return;
        RunEvent e;
        e.type = RunEvent::Type::ThreadTitleChanged;
        e.threadId = threadId;
        e.text = title;
        publish(e);
    };
    const QStringList words = firstUserText.simplified().split(QLatin1Char(' '));
    QString fallback = words.mid(0, 6).join(QLatin1Char(' '));
    if (fallback.size() > 60)
        fallback = fallback.left(59) + QStringLiteral("…");

    const auto provider = m_services.llm.catalog().find(ref->provider());
    if (!provider) {
        setTitle(fallback);
        return;
    }
    const auto ask = [this, ref = *ref, firstUserText, setTitle, fallback](const QString &key) {
        ChatStreamRequest *request
            = m_services.llm.chat(ref, LlmClient::titleRequest(firstUserText), key, this);
        connect(request, &ChatStreamRequest::finished, this,
                [request, setTitle, fallback](const ChatResult &result) {
                    request->deleteLater();
                    const QString title
                        = result.ok() ? LlmClient::cleanTitle(result.text) : QString();
                    setTitle(title.isEmpty() ? fallback : title);
                });
        request->start();
    };
    if (!provider->keyRequired) {
        ask(QString());
        return;
    }
    m_services.keys.resolveKey(KeyCatalog::accountFor(provider->id, provider->aliases), this,
                               [ask, setTitle, fallback](const ResolvedKey &key) {
                                   if (key.found())
                                       ask(key.value);
                                   else
                                       setTitle(fallback);
                               });
}
