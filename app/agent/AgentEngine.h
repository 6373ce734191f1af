// The engine that runs the coding agent: model step -> tool calls -> approval gate ->
// execution -> results -> next step, until the model stops, the step limit is hit, the user
// cancels or an error ends the run. One run at a time per thread, any number of threads at
// once. Every fact reaches the store before runEvent() announces it.
//
// Intents come in as calls (send, continueRun, cancel, resolveApproval); facts go out as
// RunEvents. The engine never talks to widgets; an Approver answers approval requests.
#pragma once

#include "agent/ApprovalMode.h"
#include "agent/Approver.h"
#include "agent/RunEvent.h"
#include "sandbox/SandboxTypes.h"
#include "store/StoreTypes.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

class AgentRun;
class ApprovalPolicy;
class CheckpointService;
class CostService;
class ProcessService;
class ApprovalRules;
class KeyResolver;
class LlmClient;
class Redactor;
class SandboxBackend;
class SandboxService;
class Store;
class ThreadService;
class ToolCatalog;

struct RunOptions
{
    QString model; // "provider/model"; empty: the thread's model
    int maxSteps = 20; // model steps per run before it stops and offers to continue
    QString sandboxProvider; // "local" or "daytona"; empty: the sandbox backend's default
};

class AgentEngine final : public QObject
{
    Q_OBJECT

public:
    struct Services
    {
        Store &store;
        ThreadService &threads; // thread rows: the model a run uses, the generated title
        LlmClient &llm;
        KeyResolver &keys;
        SandboxBackend &sandboxes;
        SandboxService &sandboxService; // records the sandboxes the agent creates and deletes
        const ToolCatalog &tools;
        ApprovalPolicy &policy; // the Ask mode's table (what changes something)
        const Redactor &redactor;
        ApprovalRules &rules; // the rules and each thread's mode (issue 16)
    };

    explicit AgentEngine(const Services &services, QObject *parent = nullptr);
    ~AgentEngine() override;

    void setApprover(Approver *approver) { m_approver = approver; }
    Approver *approver() const { return m_approver; }
    void setInstructions(const QString &instructions) { m_instructions = instructions; }
    // Sandboxes the agent creates stop after this many idle minutes (0 = never); negative:
    // the sandbox server's default. From the settings.
    void setSandboxAutoStopMinutes(int minutes) { m_autoStopMinutes = minutes; }
    int sandboxAutoStopMinutes() const { return m_autoStopMinutes; }
    // Stopped sandboxes the agent creates are deleted after this many minutes (-1 = never,
    // 0 = when stopped); -2: the sandbox server's default. From the settings (days there).
    void setSandboxAutoDeleteMinutes(int minutes) { m_autoDeleteMinutes = minutes; }
    int sandboxAutoDeleteMinutes() const { return m_autoDeleteMinutes; }
    // How often a run tells the sandbox servers that it still uses its sandboxes, so that
    // the time the agent runs never counts as idle (auto-stop). Tests shorten it.
    void setSandboxKeepAliveMs(int ms) { m_keepAliveMs = ms; }
    int sandboxKeepAliveMs() const { return m_keepAliveMs; }
    // runCommand/runCode without timeoutSeconds stop after this many seconds. From the settings.
    void setCommandTimeoutSeconds(int seconds) { m_commandTimeoutSeconds = seconds; }
    int commandTimeoutSeconds() const { return m_commandTimeoutSeconds; }
    QString instructions() const { return m_instructions; }
    // Checkpoints around file-changing tool calls (issue 15); nullptr: none are taken.
    void setCheckpoints(CheckpointService *checkpoints) { m_checkpoints = checkpoints; }
    CheckpointService *checkpoints() const { return m_checkpoints; }
    // The owner of background processes (startProcess and its kin); nullptr: none.
    void setProcesses(ProcessService *processes) { m_processes = processes; }
    ProcessService *processes() const { return m_processes; }
    // Prices and budgets (issue 18): a run stops between steps once its thread reaches its
    // budget, and a thread over its budget starts none; nullptr: no budgets.
    void setCosts(CostService *costs) { m_costs = costs; }
    CostService *costs() const { return m_costs; }

    // Starts a run with a new user message. False (and *error, one line) when the thread is
    // busy, unknown, or the model reference is wrong.
    bool send(RowId threadId, const QString &text, const RunOptions &options, QString *error);
    // Goes on from where the thread's last run stopped (step limit, failure, cancel, crash):
    // unanswered tool calls are asked about again, and calls whose outcome is unknown get an
    // "interrupted" result; nothing that ran is run twice.
    bool continueRun(RowId threadId, const RunOptions &options, QString *error);
    // Cancels the thread's run: in-flight HTTP and sandbox commands are stopped.
    void cancel(RowId threadId);
    bool isRunning(RowId threadId) const;
    // A title for the thread is being asked of the model (after its first exchange).
    bool isNamingThread(RowId threadId) const { return m_naming.contains(threadId); }

    // An approver's answer. False (and *error) when the call is not waiting, or when edited
    // arguments fail the tool's schema (the call keeps waiting).
    bool resolveApproval(RowId toolCallRowId, const ApprovalAnswer &answer, QString *error);
    QList<ApprovalRequest> pendingApprovals() const;

    // Plans (issue 16). A run in plan mode that ends with text leaves it as a plan (RunFinished
    // carries planId); the user approves it, edits it first, or rejects it:
    // approvePlan: the thread's mode becomes `mode` (not Plan) and a new run starts with the
    // plan (`text`, edited or not; empty: as written) as the instruction. False (and *error)
    // when the plan is not pending, the thread is busy, or the mode is Plan.
    bool approvePlan(RowId planId, ApprovalMode mode, const QString &text,
                     const RunOptions &options, QString *error);
    // Records the rejection and the reason; the thread stays in plan mode and nothing runs.
    bool rejectPlan(RowId planId, const QString &reason, QString *error);
    // The thread's plan that still waits, if any (also after a restart).
    std::optional<PlanRecord> pendingPlan(RowId threadId) const;
    // The instruction a new run gets when a plan is approved.
    static QString planInstruction(const QString &plan);

    // "Always allow this tool in this thread", revocable. Kept in the store, so the answer
    // outlives the app; also held in memory, so a store that cannot write loses nothing now.
    QSet<QString> alwaysAllowed(RowId threadId) const;
    void setAlwaysAllowed(RowId threadId, const QString &tool, bool allowed);

signals:
    void runEvent(const RunEvent &event);

private:
    friend class AgentRun;
    bool startRun(const ThreadRecord &thread, const RunOptions &options,
                  const QList<ToolCallRecord> &resumeCalls, QString *error);
    bool prepare(RowId threadId, const RunOptions &options, ThreadRecord *thread,
                 RunOptions *resolved, QString *error);
    void runEnded(RowId threadId);
    void generateTitle(RowId threadId, const QString &model);
    void publish(const RunEvent &event);
    // A mode or rule changed: the waiting calls of the thread's run (all runs for 0) are
    // decided again; those the change decides stop waiting.
    void redecideWaiting(RowId threadId);

    Services m_services;
    Approver *m_approver = nullptr;
    CheckpointService *m_checkpoints = nullptr;
    ProcessService *m_processes = nullptr;
    CostService *m_costs = nullptr;
    QString m_instructions;
    int m_autoStopMinutes = -1;
    int m_autoDeleteMinutes = -2;
    int m_keepAliveMs = 60000;
    int m_commandTimeoutSeconds = kDefaultCommandTimeoutSeconds;
    QHash<RowId, AgentRun *> m_runs; // by thread
    QHash<RowId, QSet<QString>> m_alwaysAllowed; // this session's answers
    QHash<RowId, QSet<QString>> m_revoked; // this session's revocations (over the store's rows)
    QSet<RowId> m_naming;
    QSet<RowId> m_redecide; // threads whose waiting calls are decided again (0: all)
};
