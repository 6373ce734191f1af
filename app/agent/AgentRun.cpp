#include "AgentRun.h"

#include "agent/ApprovalPolicy.h"
#include "agent/ConversationBuilder.h"
#include "agent/JsonSchemaValidator.h"
#include "agent/SystemPrompt.h"
#include "agent/ToolCatalog.h"
#include "agent/ToolExecutor.h"
#include "core/Logging.h"
#include "llm/ChatStreamRequest.h"
#include "llm/LlmClient.h"
#include "log/Redactor.h"
#include "log/StepLog.h"
#include "sandbox/SandboxBackend.h"
#include "secrets/KeyCatalog.h"
#include "secrets/KeyResolver.h"
#include "services/ApprovalRules.h"
#include "services/CheckpointService.h"
#include "services/CostService.h"
#include "services/ProcessService.h"
#include "services/SandboxService.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace {

// Tool calls of one step run at most this many at a time (Mastra's default).
constexpr int kMaxConcurrentCalls = 10;
// A streamed batch is stored and shown after at most this long, or this many characters.
constexpr int kDeltaBatchMs = 50;
constexpr qsizetype kDeltaBatchChars = 4096;
// Steps in a row whose every call failed validation before the run stops (security.md §6.5).
constexpr int kMaxInvalidSteps = 3;

QString keyAccount(const ProviderInfo &provider)
{
    return KeyCatalog::accountFor(provider.id, provider.aliases);
}

} // namespace

AgentRun::AgentRun(AgentEngine &engine, const ThreadRecord &thread, const RunOptions &options,
                   const ModelRef &model)
    : QObject(&engine)
    , m_engine(engine)
    , m_services(engine.m_services)
    , m_thread(thread)
    , m_options(options)
    , m_model(model)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kDeltaBatchMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &AgentRun::flushDeltas);
    m_keepAlive.setInterval(qMax(10, engine.sandboxKeepAliveMs()));
    connect(&m_keepAlive, &QTimer::timeout, this, &AgentRun::keepSandboxesAwake);
}

AgentRun::~AgentRun() = default;

QString AgentRun::compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject AgentRun::errorResult(const QString &message)
{
    return {{QStringLiteral("error"), message}};
}

RunEvent AgentRun::event(RunEvent::Type type) const
{
    RunEvent e;
    e.type = type;
    e.threadId = m_thread.id;
    e.runId = m_run.id;
    e.runUuid = m_run.uuid;
    e.stepIndex = m_stepIndex;
    e.stepId = m_step.id;
    e.messageId = m_messageId;
    e.model = m_model.toString();
    return e;
}

RunEvent AgentRun::event(RunEvent::Type type, const Call &call) const
{
    RunEvent e = event(type);
    e.toolCallRowId = call.rowId;
    e.toolCallId = call.callId;
    e.toolName = call.name;
    e.arguments = call.args;
    return e;
}

void AgentRun::emitEvent(const RunEvent &event)
{
    m_engine.publish(event);
}

bool AgentRun::start(QString *error, const QList<ToolCallRecord> &resumeCalls)
{
    const auto provider = m_services.llm.catalog().find(m_model.provider());
    if (!provider) {
        if (error)
            *error = QStringLiteral("unknown model provider '%1' in '%2'; use provider/model, e.g. "
                                    "openai/gpt-4o-mini")
                         .arg(m_model.provider(), m_model.toString());
        return false;
    }
    m_provider = *provider;

    auto run = m_services.store.createRun(m_thread.id, m_model.toString(),
                                          QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!run) {
        if (error)
            *error = run.error();
        return false;
    }
    m_run = *run;
    emitEvent(event(RunEvent::Type::RunStarted));

    if (!resumeCalls.isEmpty()) {
        // Calls an earlier run proposed but never ran: they go through the gate again, as
        // part of a step 0 without a model call.
        m_stepIndex = 0;
        auto step = m_services.store.startStep(m_run.id);
        if (step)
            m_step = *step;
        m_stepTimer.start();
        m_stepDone = false;
        for (const ToolCallRecord &record : resumeCalls) {
            Call call;
            call.rowId = record.id;
            call.callId = record.callId;
            call.name = record.name;
            call.argsText = record.arguments;
            call.args = QJsonDocument::fromJson(record.arguments.toUtf8()).object();
            call.phase = Phase::Approved; // re-gated below
            m_calls.append(call);
        }
        m_modelResult = {};
        m_modelResult.finishReason = FinishReason::ToolCalls;
        gateCalls();
        return true;
    }
    resolveKeyThenStep();
    return true;
}

void AgentRun::resolveKeyThenStep()
{
    if (!m_provider.keyRequired || !m_apiKey.isEmpty()) {
        beginStep();
        return;
    }
    m_services.keys.resolveKey(keyAccount(m_provider), this, [this](const ResolvedKey &key) {
        if (m_cancelled || m_finished)
            return;
        if (!key.found()) {
            fail(QStringLiteral("No API key for %1: set %2 in the environment or a .env file, or "
                                "store it with 'agent-studio keys set %3' (or in Settings).")
                     .arg(m_provider.displayName, m_provider.keyVariable, keyAccount(m_provider)),
                 RunEvent::Failure::Model, LlmError::Kind::MissingKey);
            return;
        }
        m_apiKey = key.value;
        beginStep();
    });
}

void AgentRun::beginStep()
{
    if (m_cancelled || m_finished)
        return;
    ++m_stepIndex;
    m_stepDone = false;
    m_calls.clear();
    m_running = 0;
    m_timeToFirstToken = -1;
    m_modelResult = {};

    auto step = m_services.store.startStep(m_run.id);
    if (!step) {
        fail(step.error(), RunEvent::Failure::Storage);
        return;
    }
    m_step = *step;

    // The conversation so far, before the new assistant message exists.
    auto messages = m_services.store.listMessages(m_thread.id);
    if (!messages) {
        fail(messages.error(), RunEvent::Failure::Storage);
        return;
    }
    QList<SandboxSummary> sandboxes;
    if (auto records = m_services.sandboxService.ownedBy(m_thread.id)) {
        // Only the ones this run can reach: the thread may have used the other provider.
        for (const SandboxRecord &record : *records) {
            if (record.provider == m_options.sandboxProvider)
                sandboxes.append({record.remoteId, record.name, record.language, record.state});
        }
    }

    NewMessage assistant;
    assistant.threadId = m_thread.id;
    assistant.role = MessageRole::Assistant;
    assistant.status = MessageStatus::Streaming;
    assistant.runId = m_run.id;
    auto message = m_services.store.appendMessage(assistant);
    if (!message) {
        fail(message.error(), RunEvent::Failure::Storage);
        return;
    }
    m_messageId = message->id;

    ChatRequest request;
    request.system = SystemPrompt::build(m_engine.instructions(), sandboxes);
    // Plan mode, said up front so the model plans instead of trying and being refused.
    if (m_services.rules.mode(m_thread.id) == ApprovalMode::Plan)
        request.system += QStringLiteral(
            "\n\nThe user is in plan mode: propose, do not change. Only tools that read run "
            "(list, read, search, info); every other call is refused. Look at what you need, "
            "then end with your plan as text: the user approves it before anything changes.");
    request.messages = ConversationBuilder::build(*messages);
    for (const ToolDefinition &tool : m_services.tools.tools())
        request.tools.append({tool.name, tool.description, tool.inputSchema});

    m_stepTimer.start();
    m_request = m_services.llm.chat(m_model, request, m_apiKey, this);
    connect(m_request, &ChatStreamRequest::textDelta, this,
            [this](const QString &text) { onDelta(text, ChunkKind::Text); });
    connect(m_request, &ChatStreamRequest::reasoningDelta, this,
            [this](const QString &text) { onDelta(text, ChunkKind::Reasoning); });
    connect(m_request, &ChatStreamRequest::toolCallStarted, this,
            [this](int, const QString &id, const QString &name) {
                flushDeltas();
                if (m_timeToFirstToken < 0)
                    m_timeToFirstToken = m_stepTimer.elapsed();
                RunEvent e = event(RunEvent::Type::ToolCallStarted);
                e.toolCallId = id;
                e.toolName = name;
                emitEvent(e);
            });
    connect(m_request, &ChatStreamRequest::toolCallArgumentsDelta, this,
            [this](int index, const QString &fragment) {
                flushDeltas();
                RunEvent e = event(RunEvent::Type::ToolCallArgsDelta);
                if (m_request && index >= 0 && index < m_request->result().toolCalls.size())
                    e.toolCallId = m_request->result().toolCalls.at(index).id;
                e.text = fragment;
                emitEvent(e);
            });
    connect(m_request, &ChatStreamRequest::finished, this, &AgentRun::onModelFinished);

    emitEvent(event(RunEvent::Type::StepStarted));
    m_request->start();
}

// A streamed chunk reaches the store first, then the views, in batches.
void AgentRun::onDelta(const QString &text, ChunkKind kind)
{
    if (m_timeToFirstToken < 0)
        m_timeToFirstToken = m_stepTimer.elapsed();
    if (!m_pendingDelta.isEmpty() && kind != m_pendingKind)
        flushDeltas();
    m_pendingKind = kind;
    m_pendingDelta += text;
    if (m_pendingDelta.size() >= kDeltaBatchChars)
        flushDeltas();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void AgentRun::flushDeltas()
{
    m_flushTimer.stop();
    if (m_pendingDelta.isEmpty())
        return;
    const QString text = std::exchange(m_pendingDelta, QString());
    logged(m_services.store.appendChunk(m_messageId, text, m_pendingKind), "a streamed chunk");
    RunEvent e = event(m_pendingKind == ChunkKind::Text ? RunEvent::Type::TextDelta
                                                        : RunEvent::Type::ReasoningDelta);
    e.text = text;
    emitEvent(e);
}

void AgentRun::onModelFinished(const ChatResult &result)
{
    flushDeltas();
    m_modelResult = result;
    if (m_request)
        m_request->deleteLater();

    // What the model said is kept whatever happens next.
    for (const ThinkingBlock &block : result.thinking) {
        logged(m_services.store.appendPart(m_messageId,
                                           {{QStringLiteral("type"), QStringLiteral("thinking")},
                                            {QStringLiteral("thinking"), block.thinking},
                                            {QStringLiteral("signature"), block.signature},
                                            {QStringLiteral("redactedData"), block.redactedData}}),
               "appendPart");
    }

    if (!result.ok()) {
        const bool cancelled = result.error.kind() == LlmError::Kind::Cancelled;
        const bool partial = !result.text.isEmpty() || !result.reasoning.isEmpty();
        logged(m_services.store.setMessageStatus(m_messageId,
                                                 cancelled || partial ? MessageStatus::Interrupted
                                                                      : MessageStatus::Failed),
               "setMessageStatus");
        logged(m_services.store.finishStep(m_step.id, QStringLiteral("error"), result.usage,
                                           m_timeToFirstToken >= 0
                                               ? std::optional<qint64>(m_timeToFirstToken)
                                               : std::nullopt,
                                           m_stepTimer.elapsed()),
               "finishStep");
        if (cancelled || m_cancelled) {
            finishRun(RunStatus::Cancelled);
            return;
        }
        fail(m_services.redactor.redactText(result.error.message()), RunEvent::Failure::Model,
             result.error.kind());
        return;
    }

    QList<ToolCall> calls = result.toolCalls;
    for (const ToolCall &call : std::as_const(calls)) {
        QJsonParseError parseError;
        const QJsonDocument args = QJsonDocument::fromJson(call.arguments.toUtf8(), &parseError);
        QJsonObject part{{QStringLiteral("type"), QStringLiteral("tool-call")},
                         {QStringLiteral("toolCallId"), call.id},
                         {QStringLiteral("toolName"), call.name},
                         {QStringLiteral("argsText"), call.arguments}};
        if (parseError.error == QJsonParseError::NoError && args.isObject())
            part.insert(QStringLiteral("args"), args.object());
        if (!call.extraContent.isEmpty())
            part.insert(QStringLiteral("extraContent"), call.extraContent);
        logged(m_services.store.appendPart(m_messageId, part), "appendPart");
    }
    logged(m_services.store.setMessageStatus(m_messageId, MessageStatus::Complete),
           "setMessageStatus");
    if (m_cancelled) {
        finishRun(RunStatus::Cancelled);
        return;
    }

    if (calls.isEmpty()) {
        stepComplete();
        return;
    }
    proposeCalls(calls);
}

void AgentRun::proposeCalls(const QList<ToolCall> &calls)
{
    QSet<QString> seenIds;
    for (const ToolCall &toolCall : calls) {
        Call call;
        call.callId = toolCall.id;
        call.name = toolCall.name;
        call.argsText = toolCall.arguments;

        NewToolCall record;
        record.runId = m_run.id;
        record.stepId = m_step.id;
        record.callId = toolCall.id;
        record.name = toolCall.name;
        record.arguments = toolCall.arguments;
        auto saved = m_services.store.proposeToolCall(record);
        if (!saved) {
            fail(saved.error(), RunEvent::Failure::Storage);
            return;
        }
        call.rowId = saved->id;

        // Validation: nothing that fails it runs, and the model learns exactly why. Arguments
        // that parse are kept whatever the tool, so that the views and the log show them.
        QString problem;
        const ToolDefinition *tool = m_services.tools.find(call.name);
        QJsonParseError parseError;
        const QJsonDocument args = QJsonDocument::fromJson(call.argsText.toUtf8(), &parseError);
        const bool argsAreObject = parseError.error == QJsonParseError::NoError && args.isObject();
        if (argsAreObject)
            call.args = args.object();
        if (seenIds.contains(call.callId)) {
            problem = QStringLiteral("Duplicate tool call id %1 in one step; each call runs once.")
                          .arg(call.callId);
        } else if (!tool) {
            problem = QStringLiteral("Unknown tool '%1'. The available tools are: %2.")
                          .arg(call.name, m_services.tools.names().join(QStringLiteral(", ")));
        } else if (!argsAreObject) {
            const QString text = call.argsText.trimmed();
            problem = text.isEmpty() ? QString()
                                     : QStringLiteral("The arguments of %1 are not a JSON object "
                                                      "(%2). Send one JSON object with the tool's "
                                                      "fields.")
                                           .arg(call.name, parseError.errorString());
            // No arguments at all: validated as {} (call.args is empty).
        }
        if (problem.isEmpty() && tool) {
            const auto errors = JsonSchemaValidator::validate(tool->inputSchema, call.args);
            if (!errors.isEmpty())
                problem = JsonSchemaValidator::describeFailure(call.name, errors, call.args);
        }
        seenIds.insert(call.callId);
        call.phase = problem.isEmpty() ? Phase::Approved : Phase::Invalid;
        m_calls.append(call);

        RunEvent e = event(RunEvent::Type::ToolCallReady, call);
        emitEvent(e);

        if (!problem.isEmpty()) {
            logged(m_services.store.decideToolCall(call.rowId, ApprovalDecision::Denied,
                                                   QStringLiteral("invalid arguments")),
                   "decideToolCall");
            const QJsonObject result = errorResult(problem);
            finishCall(int(m_calls.size() - 1), result, result, true, ToolCallStatus::Failed);
        }
    }
    const bool allInvalid = std::all_of(m_calls.cbegin(), m_calls.cend(), [](const Call &c) {
        return c.phase == Phase::Finished && c.isError;
    });
    m_consecutiveInvalidSteps = allInvalid ? m_consecutiveInvalidSteps + 1 : 0;
    gateCalls();
}

ToolExecutor *AgentRun::executor()
{
    if (!m_executor) {
        SandboxBackend *sandboxes = &m_services.sandboxes;
        const QString provider = m_options.sandboxProvider;
        m_executor = std::make_unique<ToolExecutor>(
            [sandboxes, provider](QString *error) { return sandboxes->client(provider, error); },
            m_services.tools);
    }
    return m_executor.get();
}

void AgentRun::afterApprovals()
{
    if (m_cancelled || m_finished)
        return;
    launchMoreCalls();
}

void AgentRun::launchMoreCalls()
{
    // Calls that needed a person run one at a time, in order (as Mastra does); the others run
    // together, up to kMaxConcurrentCalls.
    const bool anyAsked
        = std::any_of(m_calls.cbegin(), m_calls.cend(), [](const Call &c) { return c.asked; });
    const int limit = anyAsked ? 1 : kMaxConcurrentCalls;
    CheckpointService *checkpoints = m_engine.checkpoints();
    for (int i = 0; i < m_calls.size() && m_running < limit; ++i) {
        Call &call = m_calls[i];
        if (call.phase != Phase::Approved)
            continue;
        const ToolDefinition *tool = m_services.tools.find(call.name);
        const QString sandboxId = call.args.value(QLatin1String("sandboxId")).toString().trimmed();
        const bool checkpointed = checkpoints && checkpoints->isEnabled() && tool
            && tool->changesFiles && !sandboxId.isEmpty();
        // A second file-changing call on the same sandbox waits for the first.
        if (checkpointed && m_changing.contains(sandboxId)) {
            if (anyAsked)
                break; // in order
            continue;
        }
        logged(m_services.store.startToolCall(call.rowId), "startToolCall");
        call.phase = Phase::Running;
        ++m_running;
        if (!checkpointed) {
            executeCall(i);
            continue;
        }
        call.checkpointSandbox = sandboxId;
        m_changing.insert(sandboxId);
        checkpoints->beforeCall(callPoint(call), this, [this, i] { executeCall(i); });
    }
    const bool allDone = std::all_of(m_calls.cbegin(), m_calls.cend(),
                                     [](const Call &c) { return c.phase == Phase::Finished; });
    if (allDone && m_running == 0)
        stepComplete();
}

CallPoint AgentRun::callPoint(const Call &call) const
{
    CallPoint point;
    point.threadId = m_thread.id;
    point.threadUuid = m_thread.uuid;
    point.runId = m_run.id;
    point.stepIndex = m_stepIndex;
    point.toolCallId = call.rowId;
    point.toolName = call.name;
    point.provider = m_options.sandboxProvider;
    point.sandboxId = call.checkpointSandbox;
    point.isThreadsSandbox = [run = QPointer<const AgentRun>(this)](const Sandbox &sandbox) {
        return run && run->isThreadsSandbox(sandbox);
    };
    return point;
}

void AgentRun::executeCall(int i)
{
    Call &call = m_calls[i];
    if (m_finished)
        return; // shut down while its checkpoint was taken: nothing is recorded
    if (m_cancelled) {
        // Cancelled while its checkpoint was taken: it never ran.
        --m_running;
        m_changing.remove(call.checkpointSandbox);
        const QJsonObject result = errorResult(QStringLiteral("The user cancelled the run."));
        finishCall(i, result, result, true, ToolCallStatus::Failed);
        return;
    }
    ToolExecutor *tools = executor();
    ToolContext context;
    context.threadId = m_thread.uuid;
    context.sandboxAutoStopMinutes = m_engine.sandboxAutoStopMinutes();
    context.sandboxAutoDeleteMinutes = m_engine.sandboxAutoDeleteMinutes();
    context.sandboxStarting = [run = QPointer<AgentRun>(this)](const Sandbox &sandbox) {
        if (run)
            run->announceSandboxStart(sandbox);
    };
    noteSandboxUsed(call.args.value(QLatin1String("sandboxId")).toString());
    context.isAttached = [run = QPointer<AgentRun>(this)](const Sandbox &sandbox) {
        return run && run->isAttached(sandbox);
    };
    context.commandTimeoutSeconds = m_engine.commandTimeoutSeconds();
    context.processes = m_engine.processes();
    context.toolCallId = call.rowId;
    context.provider = m_options.sandboxProvider.isEmpty() ? m_services.sandboxes.defaultProvider()
                                                           : m_options.sandboxProvider;
    // Daytona keeps running a command whose /process/execute call was aborted; the local
    // server ends it with the connection, so only Daytona needs the session's kill.
    context.commandsInSessions = context.provider == SandboxBackend::daytona();
    call.execution = tools->execute(call.name, call.args, context);
    connect(call.execution, &ToolExecution::finished, this, [this, i](const ToolOutcome &outcome) {
        Call &c = m_calls[i];
        c.durationMs = outcome.durationMs;
        // The sandbox service owns the store's sandbox rows and tells the list.
        SandboxService &sandboxes = m_services.sandboxService;
        const QString provider = m_options.sandboxProvider;
        if (outcome.createdSandbox.isValid()) {
            sandboxes.recordCreated(provider, outcome.createdSandbox, m_thread.id);
            noteSandboxUsed(outcome.createdSandbox.id);
        }
        if (!outcome.deletedSandboxId.isEmpty())
            sandboxes.recordDeleted(provider, outcome.deletedSandboxId);
        // Asked to delete one its provider no longer has (404): gone all the same.
        if (c.name == QLatin1String("deleteSandbox")
            && outcome.errorKind == ToolOutcome::ErrorKind::SandboxGone)
            sandboxes.recordDeleted(provider, c.args.value(QLatin1String("sandboxId")).toString());
        auto finish = [this, i, outcome] {
            if (m_finished)
                return; // shut down while its checkpoint was taken
            --m_running;
            m_changing.remove(m_calls[i].checkpointSandbox);
            finishCall(i, outcome.result, outcome.forModel, outcome.isError(),
                       outcome.isError() ? ToolCallStatus::Failed : ToolCallStatus::Done);
        };
        // The files it changed are recorded before its result is announced, so the
        // inspector can list them with the result. A failed checkpoint never fails the call.
        CheckpointService *checkpoints = m_engine.checkpoints();
        if (checkpoints && !m_finished) {
            if (!c.checkpointSandbox.isEmpty()) {
                checkpoints->afterCall(callPoint(c), this, finish);
                return;
            }
            if (outcome.createdSandbox.isValid() && checkpoints->isEnabled()) {
                Call created = c;
                created.checkpointSandbox = outcome.createdSandbox.id;
                checkpoints->baseline(callPoint(created), outcome.createdSandbox, this, finish);
                return;
            }
        }
        finish();
    });
}

void AgentRun::finishCall(int index, const QJsonObject &result, const QJsonObject &forModel,
                          bool isError, ToolCallStatus status)
{
    Call &call = m_calls[index];
    call.result = result;
    call.forModel = forModel;
    call.isError = isError;
    call.phase = Phase::Finished;
    if (status == ToolCallStatus::Done || status == ToolCallStatus::Failed) {
        const auto saved = m_services.store.finishToolCall(call.rowId, status, compact(result));
        logged(saved, "a tool result");
    }
    // The result the model will see, as its own message: a crash after this point loses nothing.
    NewMessage message;
    message.threadId = m_thread.id;
    message.role = MessageRole::Tool;
    message.runId = m_run.id;
    message.parts = QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("tool-result")},
                                           {QStringLiteral("toolCallId"), call.callId},
                                           {QStringLiteral("toolName"), call.name},
                                           {QStringLiteral("result"), forModel},
                                           {QStringLiteral("isError"), isError}}};
    const auto saved = m_services.store.appendMessage(message);
    logged(saved, "a tool result message");

    RunEvent e = event(RunEvent::Type::ToolCallFinished, call);
    e.result = result;
    e.isError = isError;
    e.durationMs = call.durationMs;
    emitEvent(e);

    if (m_cancelled) {
        if (m_running == 0)
            finishRun(RunStatus::Cancelled);
        return;
    }
    if (m_running > 0)
        return;
    // A later call may be waiting for this one (sequential mode), or the step may be done.
    const bool waitingApproval = std::any_of(m_calls.cbegin(), m_calls.cend(), [](const Call &c) {
        return c.phase == Phase::WaitingApproval;
    });
    if (!waitingApproval && index >= 0)
        QMetaObject::invokeMethod(this, &AgentRun::launchMoreCalls, Qt::QueuedConnection);
}

void AgentRun::stepComplete()
{
    if (m_finished || m_stepDone)
        return;
    m_stepDone = true;
    const qint64 duration = m_stepTimer.isValid() ? m_stepTimer.elapsed() : 0;
    const QString reason = finishReasonName(m_modelResult.finishReason);
    logged(m_services.store.finishStep(
               m_step.id, reason, m_modelResult.usage,
               m_timeToFirstToken >= 0 ? std::optional<qint64>(m_timeToFirstToken) : std::nullopt,
               duration),
           "finishStep");

    StepLogEntry entry;
    entry.runId = m_run.uuid;
    entry.stepIndex = m_stepIndex + 1;
    entry.text = m_modelResult.text;
    entry.finishReason = reason;
    entry.usage = m_modelResult.usage;
    entry.durationMs = duration;
    for (const Call &call : std::as_const(m_calls)) {
        StepLogCall logCall;
        logCall.toolCallId = call.callId;
        logCall.toolName = call.name;
        logCall.args = StepLog::arguments(call.argsText);
        logCall.result = call.forModel;
        entry.calls.append(logCall);
    }

    RunEvent e = event(RunEvent::Type::StepFinished);
    e.text = m_modelResult.text;
    e.finishReason = reason;
    e.usage = entry.usage;
    e.durationMs = duration;
    e.timeToFirstTokenMs = m_timeToFirstToken;
    e.stepLog = StepLog::jsonLine(entry, m_services.redactor);
    emitEvent(e);

    if (m_cancelled) {
        finishRun(RunStatus::Cancelled);
        return;
    }
    if (m_consecutiveInvalidSteps >= kMaxInvalidSteps) {
        fail(QStringLiteral("The model sent invalid tool calls %1 times in a row; the run stopped. "
                            "Try again, rephrase the request, or pick another model.")
                 .arg(m_consecutiveInvalidSteps),
             RunEvent::Failure::InvalidToolCalls);
        return;
    }
    if (m_calls.isEmpty()) {
        finishRun(RunStatus::Completed);
        return;
    }
    if (stopAtBudget(reason))
        return;
    if (m_stepIndex + 1 >= m_options.maxSteps) {
        m_finished = true;
        logged(m_services.store.finishRun(
                   m_run.id, RunStatus::Completed,
                   QStringLiteral("stopped at the step limit (%1)").arg(m_options.maxSteps)),
               "finishRun");
        RunEvent done = event(RunEvent::Type::RunFinished);
        done.finishReason = reason;
        done.stoppedAtLimit = true;
        done.text
            = QStringLiteral("Stopped at the step limit (%1 steps); continue to let the agent "
                             "go on.")
                  .arg(m_options.maxSteps);
        emitEvent(done);
        m_engine.runEnded(m_thread.id);
        return;
    }
    // The results go back to the model: the next step.
    QMetaObject::invokeMethod(this, &AgentRun::resolveKeyThenStep, Qt::QueuedConnection);
}
