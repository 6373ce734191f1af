// The app's persistent state: one SQLite file (QtSql, QSQLITE) holding threads, messages,
// runs, steps, tool calls and sandboxes, with full-text search. The only place with SQL.
//
// Threading: a Store and its connection belong to the thread that opened it (QSqlDatabase
// connections are per thread); every call from another thread fails with an error. Another
// thread that needs the database opens its own Store on the same file (WAL lets readers and
// one writer work at the same time; busy_timeout makes writers wait for each other).
//
// Durability (specs/security.md §5): each write is its own transaction, committed before the
// call returns, so whatever the caller renders after a successful call survives a crash or
// kill -9. Power loss (or an OS crash) is survived per step: commits use synchronous=NORMAL
// (no fsync), and when a run starts, a tool call starts, a step ends or a run ends the
// write-ahead log is flushed to disk on a background thread (StoreFlusher), milliseconds later.
// Streamed chunks go to a small append-only table; at open, anything left mid-stream by a crash is
// recovered (see RecoveryReport).
//
// The run's events (DESIGN.md "One event stream") map to calls, each committed before the
// event is rendered: RunStarted -> createRun + appendMessage(Streaming); TextDelta /
// ReasoningDelta -> appendChunk; ToolCallReady -> proposeToolCall (+ appendPart for the
// message's tool-call part); ApprovalResolved -> decideToolCall, then startToolCall just
// before executing; ToolCallFinished -> finishToolCall; StepFinished -> finishStep;
// RunFinished / RunFailed / RunCancelled -> setMessageStatus + finishRun.
// ToolCallStarted, ToolCallArgsDelta and ApprovalRequested need no write of their own.
#pragma once

#include "agent/ApprovalRule.h"
#include "store/CheckpointRecords.h"
#include "store/StoreResult.h"
#include "store/StoreTypes.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <memory>

class QThread;
class StoreFlusher;
namespace StoreSql {
class Statement;
struct StatementSlot;
} // namespace StoreSql

// Commits of one connection and the time they took (the COMMIT of a transaction, or the whole
// statement in autocommit mode): for benchmarks (Store::durabilityStats()).
struct StoreCommitStats
{
    quint64 commits = 0;
    qint64 nanoseconds = 0;
    bool inTransaction = false; // statements now are part of a transaction
    quint64 statementsPrepared = 0; // by Store::prepare (the rest came from its cache)
    quint64 statementsReused = 0;
};

class Store final
{
public:
    Store();
    ~Store(); // checkpoints the WAL and closes
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    // Opens (or creates) the database file, checks it (PRAGMA quick_check), migrates it to the
    // latest schema and recovers what a crash left unfinished. On failure the message names
    // the file and says what to do; a file from a newer app version is refused unchanged.
    StoreStatus open(const QString &path);
    // Whether open() recovers what a crash left unfinished (default true). A process that
    // shares the file with a running app must not: the rows still streaming are that app's.
    void setRecoverOnOpen(bool recover) { m_recoverOnOpen = recover; }
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    // What recovery at open changed (all zero after a clean shutdown).
    RecoveryReport recovery() const { return m_recovery; }
    // For tests and timestamps that must be reproducible.
    void setClock(std::function<QDateTime()> clock);
    // Every returned commit survives an app crash or kill -9, whatever the setting.
    // Step (the default): power loss may lose the step in progress; what a run had when it
    // started, and each step and run once it ended, are flushed to disk in the background
    // (one fdatasync, off this thread, within milliseconds; also when a tool call starts); the
    // WAL's checkpoints into the database file run on that thread too (StoreFlusher.h). Full:
    // each returned commit survives power loss (one fsync per commit, on this thread: ~4 ms on a
    // virtual disk). Normal: never flushed by the app (SQLite syncs at checkpoints); for bulk
    // imports (like Signal's disableFSync) and for measuring (tests/bench).
    enum class Durability { Step, Full, Normal };
    StoreStatus setDurability(Durability durability);
    Durability durability() const { return m_durability; }
    // Commits of this connection, background flushes and prepared statements so far: for
    // benchmarks and tests.
    struct DurabilityStats
    {
        quint64 commits = 0;
        qint64 commitNanoseconds = 0; // time spent committing, on the caller's thread
        quint64 flushRequests = 0;
        quint64 flushedRequests = 0; // requests covered by a finished flush
        quint64 flushes = 0;
        qint64 lastFlushMicroseconds = 0;
        QString lastFlushError;
        quint64 backgroundCheckpoints = 0; // checkpoints the flusher's thread made
        quint64 checkpointedPages = 0; // WAL pages they copied into the database file
        int autoCheckpointPages = 0; // SQLite's own threshold on this connection (-1: unknown)
        quint64 statementsPrepared = 0; // statements the Store prepared
        quint64 statementsReused = 0; // ... and those it took from its cache instead
    };
    DurabilityStats durabilityStats() const;
    // Moves the WAL's content into the main file and truncates the WAL; call when idle.
    StoreStatus checkpoint();

    // Threads. list*: pinned first, then most recently updated first.
    StoreResult<ThreadRecord> createThread(const QString &title, const QString &model);
    StoreResult<ThreadRecord> thread(RowId id);
    StoreResult<QList<ThreadRecord>> listThreads(ThreadFilter filter = ThreadFilter::Active,
                                                 int offset = 0, int limit = -1);
    StoreResult<int> countThreads(ThreadFilter filter = ThreadFilter::Active);
    StoreStatus renameThread(RowId id, const QString &title);
    StoreStatus setThreadModel(RowId id, const QString &model);
    StoreStatus setThreadPinned(RowId id, bool pinned);
    StoreStatus setThreadArchived(RowId id, bool archived);
    // Deletes the thread with its messages, runs, steps and tool calls. Its sandboxes stay
    // (they still exist at the provider) with no owner.
    StoreStatus deleteThread(RowId id);

    // Messages. Appending a message with a uuid that is already stored returns the stored
    // message unchanged (a retried send after a crash does not duplicate it).
    StoreResult<MessageRecord> appendMessage(const NewMessage &message);
    StoreResult<MessageRecord> message(RowId id);
    StoreResult<QList<MessageRecord>> listMessages(RowId threadId);
    // Appends a streamed chunk to a message whose status is Streaming. Cheap: one INSERT.
    StoreStatus appendChunk(RowId messageId, const QString &text, ChunkKind kind = ChunkKind::Text);
    // Appends a whole part (e.g. a tool-call part) after the chunks streamed so far.
    StoreStatus appendPart(RowId messageId, const QJsonObject &part);
    // Sets the status; leaving Streaming folds the chunks into the message's parts (and
    // makes its text searchable).
    StoreStatus setMessageStatus(RowId messageId, MessageStatus status);

    // Runs and steps.
    StoreResult<RunRecord> createRun(RowId threadId, const QString &model,
                                     const QString &uuid = {});
    StoreResult<RunRecord> run(RowId id);
    StoreResult<QList<RunRecord>> listRuns(RowId threadId);
    StoreStatus finishRun(RowId id, RunStatus status, const QString &error = {});
    StoreResult<StepRecord> startStep(RowId runId);
    // Records the step's outcome and adds its usage to the run's totals.
    StoreStatus finishStep(RowId stepId, const QString &finishReason, const TokenUsage &usage,
                           std::optional<qint64> timeToFirstTokenMs,
                           std::optional<qint64> durationMs);
    StoreResult<QList<StepRecord>> listSteps(RowId runId);

    // Tool calls: propose -> decide -> start -> finish. Each transition checks the current
    // status, so a call is started at most once (never re-run after a crash).
    StoreResult<ToolCallRecord> proposeToolCall(const NewToolCall &call);
    // Approved/Auto: arguments may be replaced by the user's edited version (empty = keep).
    StoreStatus decideToolCall(RowId id, ApprovalDecision decision, const QString &reason = {},
                               const QString &editedArguments = {});
    StoreStatus startToolCall(RowId id);
    // status is Done or Failed; result is JSON text.
    StoreStatus finishToolCall(RowId id, ToolCallStatus status, const QString &result);
    StoreResult<ToolCallRecord> toolCall(RowId id);
    StoreResult<QList<ToolCallRecord>> listToolCalls(RowId runId);

    // Sandboxes, keyed by (provider, remoteId).
    StoreResult<SandboxRecord> upsertSandbox(const SandboxRecord &sandbox);
    StoreResult<QList<SandboxRecord>> listSandboxes();
    StoreResult<QList<SandboxRecord>> sandboxesForThread(RowId threadId);
    StoreStatus deleteSandbox(const QString &provider, const QString &remoteId);

    // "Always allow this tool in this thread" (the approval dialog's box), kept across restarts
    // and deleted with the thread.
    StoreResult<QSet<QString>> alwaysAllowedTools(RowId threadId);
    StoreStatus setToolAlwaysAllowed(RowId threadId, const QString &tool, bool allowed);

    // Checkpoints of sandbox homes (CheckpointService is their one writer). addCheckpoint
    // saves the row and the files it changed in one transaction.
    StoreResult<CheckpointRecord> addCheckpoint(const CheckpointRecord &checkpoint,
                                                const QList<FileChangeRecord> &files = {});
    StoreResult<CheckpointRecord> checkpoint(RowId id);
    StoreResult<QList<CheckpointRecord>> listCheckpoints(RowId threadId); // oldest first
    StoreResult<QList<CheckpointRecord>> allCheckpoints(); // oldest first, every thread
    // Checkpoints newer than afterId as (id, thread id), oldest first: what another process
    // (the CLI beside the window) added since.
    StoreResult<QList<QPair<RowId, RowId>>> checkpointsSince(RowId afterId);
    // The storage cap dropped their trees from the repository: lists and counts stay.
    StoreStatus setCheckpointsEvicted(const QList<RowId> &ids);
    StoreResult<QList<FileChangeRecord>> changedFiles(RowId threadId);
    StoreResult<QList<FileChangeRecord>> changedFilesOfToolCall(RowId toolCallId);
    // The restore journal: a row per restore under way (see CheckpointRecords.h).
    StoreResult<RestoreJournalRecord> addRestore(const RestoreJournalRecord &restore);
    StoreResult<QList<RestoreJournalRecord>> pendingRestores();
    StoreStatus removeRestore(RowId id);
    // A new thread with copies of the source's messages at positions before beforePosition
    // (runs, steps and tool calls stay with the source). One transaction.
    StoreResult<ThreadRecord> forkThread(RowId sourceId, int beforePosition, const QString &title);
    // Removes the thread's messages at positions >= fromPosition and the runs that started
    // with or after them (their steps and tool calls go with them); the number of messages
    // removed. One transaction (StoreTruncate.cpp; edit-and-resend, issue 18).
    StoreResult<int> truncateThread(RowId threadId, int fromPosition);
    // Approval rules and modes (issue 16; StoreApprovals.cpp). Written only by ApprovalRules.
    // listApprovalRules: threadId 0 lists every rule; else the thread's and the everywhere
    // ones (enabledOnly: only the enabled ones).
    StoreResult<ApprovalRule> addApprovalRule(const ApprovalRule &rule);
    StoreResult<ApprovalRule> updateApprovalRule(const ApprovalRule &rule);
    StoreStatus deleteApprovalRule(RowId id);
    StoreResult<ApprovalRule> approvalRule(RowId id);
    StoreResult<QList<ApprovalRule>> listApprovalRules(RowId threadId = 0,
                                                       bool enabledOnly = false);
    StoreStatus recordApprovalRuleHits(const QList<RowId> &ids);
    // A thread's own approval mode ("plan", "ask", "auto-edit", "full"); empty: none (it
    // follows the default). An empty mode clears it.
    StoreResult<QString> threadApprovalMode(RowId threadId);
    StoreStatus setThreadApprovalMode(RowId threadId, const QString &mode);
    StoreResult<QHash<RowId, QString>> threadApprovalModes();
    // A thread's budget in US dollars (issue 18); nullopt: none. Setting nullopt removes it.
    StoreResult<std::optional<double>> threadBudget(RowId threadId);
    StoreStatus setThreadBudget(RowId threadId, std::optional<double> usd);
    // How the gate decided a tool call (read back in ToolCallRecord's approval* fields); the
    // overload of decideToolCall records it with the decision, in one commit.
    StoreStatus recordToolCallApproval(RowId toolCallId, const ToolCallApproval &approval);
    StoreStatus decideToolCall(RowId id, ApprovalDecision decision, const QString &reason,
                               const QString &editedArguments, const ToolCallApproval &approval);
    // Plans of plan-mode runs (written by the engine).
    StoreResult<PlanRecord> addPlan(RowId threadId, RowId runId, const QString &text);
    StoreResult<PlanRecord> plan(RowId id);
    // The thread's newest plan that still waits, if any.
    StoreResult<std::optional<PlanRecord>> pendingPlan(RowId threadId);
    StoreStatus decidePlan(RowId id, PlanStatus status, const QString &text, const QString &mode,
                           const QString &reason);
    // An approved plan whose run could not start waits again.
    StoreStatus reopenPlan(RowId id);

    // Full-text search over thread titles and message text (complete and interrupted
    // messages). Any user text is safe (see SearchQuery). One hit per thread, best first.
    StoreResult<QList<SearchHit>> search(const QString &userText, int limit = 50);

    // Outside changes: SQLite's PRAGMA data_version, a number that changes when another
    // connection (another process on the same file, e.g. the CLI beside the window) commits,
    // and never for this connection's own writes. Cheap: no table is read.
    StoreResult<qint64> dataVersion() const;

private:
    StoreStatus checkUsable() const;
    StoreStatus applyPragmas();
    StoreStatus checkIntegrity();
    StoreStatus recover();
    StoreStatus foldChunks(RowId messageId, const QJsonObject *extraPart,
                           std::optional<MessageStatus> newStatus);
    StoreResult<MessageRecord> readMessage(QSqlQuery &query);
    StoreStatus touchThread(RowId threadId, qint64 now);
    StoreStatus exec(QSqlQuery &query, const QString &what) const;
    // At a step boundary (Durability::Step): flush the WAL in the background.
    void flushInBackground();
    // The background thread for flushes and checkpoints, started at its first use.
    StoreFlusher *flusher() const;
    QString failure(const QString &what, const QString &detail) const;
    // A statement for `sql`, prepared once and reused (see StoreSql::Statement).
    StoreSql::Statement prepare(const QString &sql) const;
    qint64 now() const;

    QString m_connectionName;
    QString m_path;
    QThread *m_thread = nullptr;
    QSqlDatabase m_db;
    QSqlQuery m_appendChunk; // prepared once: the hot path
    // By SQL text. Bounded: SQL built from a request's shape (a search, a list of ids) comes
    // and goes.
    mutable QHash<QString, std::shared_ptr<StoreSql::StatementSlot>> m_statements;
    std::function<QDateTime()> m_clock;
    RecoveryReport m_recovery;
    bool m_recoverOnOpen = true;
    Durability m_durability = Durability::Step;
    mutable StoreCommitStats m_commits;
    mutable std::unique_ptr<StoreFlusher> m_flusher; // see flusher()
};
