// One run of the agent in one thread: the state machine behind AgentEngine. Internal to
// app/agent; see AgentEngine.h for what it does and promises. The approval gate (gateCalls,
// resolveApproval) is in AgentRunApprovalGate.cpp.
#pragma once

#include "agent/AgentEngine.h"
#include "core/Logging.h"
#include "llm/ChatTypes.h"
#include "llm/ModelRef.h"
#include "llm/ProviderCatalog.h"
#include "sandbox/SandboxTypes.h"
#include "services/CheckpointService.h"
#include "store/StoreTypes.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

// Store writes a run can live without (its state is in memory too): a failure is logged.
template<typename R> void logged(const R &result, const char *what)
{
    if (!result.ok())
        qCWarning(lcAgent).noquote() << "could not save" << what << "-" << result.error();
}

class ChatStreamRequest;
class ToolExecution;
class ToolExecutor;

class AgentRun final : public QObject
{
    Q_OBJECT

public:
    AgentRun(AgentEngine &engine, const ThreadRecord &thread, const RunOptions &options,
             const ModelRef &model);
    ~AgentRun() override;

    RowId threadId() const { return m_thread.id; }
    RowId runId() const { return m_run.id; }

    // Starts after the user message (if any) was stored. resumeCalls: tool calls of an earlier
    // run that never got a result, to gate and run before the next model step.
    bool start(QString *error, const QList<ToolCallRecord> &resumeCalls = {});
    void cancel();
    // The app is closing: stop network and commands without recording an outcome, so that the
    // next start finds the run interrupted and its unanswered approvals still waiting.
    void shutdown();

    bool isWaitingFor(RowId toolCallRowId) const;
    bool resolveApproval(RowId toolCallRowId, const ApprovalAnswer &answer, QString *error);
    QList<ApprovalRequest> pendingApprovals() const;
    // A mode or rule changed: each waiting call is decided again; those the change decides
    // (run or deny) stop waiting.
    void redecideWaiting();

private:
    enum class Phase { Invalid, WaitingApproval, Approved, Denied, Running, Finished };
    struct Call
    {
        RowId rowId = 0;
        QString callId;
        QString name;
        QString argsText;
        QJsonObject args;
        Phase phase = Phase::Invalid;
        bool asked = false;
        QJsonObject result; // whole, for the store and the inspector
        QJsonObject forModel; // capped
        bool isError = false;
        qint64 durationMs = 0;
        QPointer<ToolExecution> execution;
        // What the gate learned before deciding (examineCalls): whether a write replaces an
        // existing file, whether a new sandbox gets environment variables, and what the call
        // changes in words, as the approval shows it.
        bool examined = false;
        bool overwritesFile = false;
        bool setsEnvironment = false;
        QStringList effects;
        // Checkpoints are taken around it: it can change files in sandbox checkpointSandbox.
        QString checkpointSandbox;
        ApprovalVerdict verdict; // the gate's last decision and what made it
    };

    void resolveKeyThenStep();
    void beginStep();
    void onDelta(const QString &text, ChunkKind kind);
    // Streamed text is stored and announced in small batches (security.md §5.2: every
    // <= 250 ms or 4 KB): one commit per batch, not per token, so a fast stream is not slowed
    // to the disk's fsync rate. Anything else that happens flushes the batch first.
    void flushDeltas();
    void onModelFinished(const ChatResult &result);
    void proposeCalls(const QList<ToolCall> &calls);
    void gateCalls();
    // The mode and rules of the thread applied to a call (with these arguments).
    ApprovalVerdict judge(const Call &call, const QJsonObject &arguments) const;
    // Records how a call was decided (store) and counts the rules that decided it; decide()
    // also records the decision itself, in the same commit.
    void recordVerdict(const Call &call, const ApprovalVerdict &verdict, const QString &reason);
    void decide(const Call &call, ApprovalDecision decision, const QString &reason,
                const QString &editedArguments, const ApprovalVerdict &verdict,
                const QString &approvalReason);
    static ToolCallApproval approvalOf(const ApprovalVerdict &verdict, const QString &reason);
    // Refuses a call the rules or the mode deny, with a result the model reads.
    void refuse(int index, const ApprovalVerdict &verdict);
    // Whether writing over an existing file can change how the call is decided.
    bool overwriteMatters(const Call &call) const;
    // Looks at what the waiting calls would change before the policy decides: existing files
    // a write would replace (asked in the sandbox). True while answers are awaited; gateCalls
    // runs again when the last one arrives.
    bool examineCalls();
    void examineWrites(int index, const QStringList &paths, const QList<bool> &emptyContent);
    void examined();
    // Whether this thread may reach a sandbox: created by it (its label) or recorded in the
    // store as the thread's (created or attached by the user).
    bool isThreadsSandbox(const Sandbox &sandbox) const;
    bool isAttached(const Sandbox &sandbox) const;
    void afterApprovals();
    void launchMoreCalls();
    // Runs an approved call (after its checkpoint, when it changes files).
    void executeCall(int index);
    // The checkpoint point of a file-changing call (sandboxId empty: none is taken).
    CallPoint callPoint(const Call &call) const;
    void onCallFinished(int index);
    void finishCall(int index, const QJsonObject &result, const QJsonObject &forModel, bool isError,
                    ToolCallStatus status);
    void stepComplete();
    // Ends the run like the step limit when its thread reached its budget; false otherwise.
    bool stopAtBudget(const QString &reason);
    void finishRun(RunStatus status, const QString &error = {},
                   RunEvent::Failure failure = RunEvent::Failure::None,
                   LlmError::Kind modelError = LlmError::Kind::None);
    void fail(const QString &message, RunEvent::Failure failure,
              LlmError::Kind modelError = LlmError::Kind::None);

    static QString compact(const QJsonObject &object);
    static QJsonObject errorResult(const QString &message); // {"error": message}
    RunEvent event(RunEvent::Type type) const;
    // An event about one tool call: its row, id, name and arguments filled in.
    RunEvent event(RunEvent::Type type, const Call &call) const;
    void emitEvent(const RunEvent &event);
    ApprovalRequest approvalRequest(const Call &call) const;
    ToolExecutor *executor();
    // Sandboxes this run used (AgentRunSandboxes.cpp): kept awake while it runs, and a stopped
    // one a call starts again is announced.
    void noteSandboxUsed(const QString &id);
    void keepSandboxesAwake();
    void announceSandboxStart(const Sandbox &sandbox);

    AgentEngine &m_engine;
    AgentEngine::Services &m_services;
    ThreadRecord m_thread;
    RunOptions m_options;
    ModelRef m_model;
    ProviderInfo m_provider;
    QString m_apiKey;
    RunRecord m_run;

    int m_stepIndex = -1;
    StepRecord m_step;
    RowId m_messageId = 0;
    QPointer<ChatStreamRequest> m_request;
    QElapsedTimer m_stepTimer;
    QString m_pendingDelta;
    ChunkKind m_pendingKind = ChunkKind::Text;
    QTimer m_flushTimer;
    QTimer m_keepAlive;
    QSet<QString> m_usedSandboxes;
    qint64 m_timeToFirstToken = -1;
    ChatResult m_modelResult;
    QList<Call> m_calls;
    int m_running = 0;
    // Sandboxes with a file-changing call under way (with its checkpoints): one at a time
    // each, so a call's checkpoints hold its changes only.
    QSet<QString> m_changing;
    int m_examining = 0; // examineCalls' lookups in flight
    int m_consecutiveInvalidSteps = 0;
    bool m_cancelled = false;
    bool m_stepDone = false;
    bool m_finished = false;
    std::unique_ptr<ToolExecutor> m_executor;
};
