// The one owner of checkpoints (issue 15, DESIGN.md "Checkpoints and limits"): it takes them
// around the agent's file-changing tool calls (the engine asks), records them in the store with
// the files each call changed, computes the changes of a thread for a range (last run, since the
// thread began, between two steps, one tool call) off the GUI thread, rewinds files and/or the
// conversation (a preview first; a rewind is itself a checkpoint, so it can be undone), reverts
// one file, exports patches and archives, journals restores so that a crash halfway is finished
// at the next start, and keeps the repositories under the storage cap. The window and the CLI
// only ask it and listen to its signals; nothing else writes the checkpoint tables.
//
// Steps are numbered across the thread's runs: 1, 2, 3, ... in the order they ran (step 0 is the
// thread's beginning). "The state at step N" is the home as it was when step N finished.
#pragma once

#include "checkpoint/CheckpointTypes.h"
#include "sandbox/SandboxTypes.h"
#include "store/CheckpointRecords.h"
#include "store/StoreResult.h"
#include "store/StoreTypes.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <functional>

class QTimer;

class AgentEngine;
class CheckpointEngine;
class DaytonaClient;
class SandboxService;
class Store;
class ThreadService;

// One step of a thread, numbered across its runs.
struct ThreadStep
{
    int number = 0; // 1, 2, ... in the thread
    RowId runId = 0;
    int stepIndex = 0; // within its run
    RowId userMessageId = 0; // the user message its run answered (0: a continued run)
    QString userText; // that message's text, for pickers
    // What its tool calls changed (from the store; 0 when none changed files).
    int filesChanged = 0;
    int linesAdded = 0;
    int linesRemoved = 0;
    QDateTime finishedAt; // invalid while it runs
};

// Which changes of a thread to show.
struct ChangeRange
{
    enum class Kind {
        LastRun, // from before the thread's last run (with checkpoints) to now
        SinceThreadBegan, // from the thread's first checkpoint to now
        Steps, // from the state at fromStep to the state at toStep
        Run, // from before run runId to after it
        ToolCall // what one tool call changed
    };
    Kind kind = Kind::LastRun;
    int fromStep = 0; // Steps: 0 = the thread's beginning
    int toStep = -1; // Steps: -1 = now (the newest checkpoint)
    RowId runId = 0; // Run
    RowId toolCallId = 0; // ToolCall
    bool hunks = true; // fill FileChange::hunks (the diff view); false: files and counts only

    static ChangeRange lastRun() { return {}; }
    static ChangeRange sinceThreadBegan()
    {
        ChangeRange r;
        r.kind = Kind::SinceThreadBegan;
        return r;
    }
    static ChangeRange steps(int from, int to)
    {
        ChangeRange r;
        r.kind = Kind::Steps;
        r.fromStep = from;
        r.toStep = to;
        return r;
    }
    static ChangeRange run(RowId id)
    {
        ChangeRange r;
        r.kind = Kind::Run;
        r.runId = id;
        return r;
    }
    static ChangeRange toolCall(RowId id)
    {
        ChangeRange r;
        r.kind = Kind::ToolCall;
        r.toolCallId = id;
        return r;
    }
};

// The answer to requestChanges.
struct ChangesResult
{
    int request = 0;
    RowId threadId = 0;
    ChangeRange range;
    QString sandboxProvider; // the sandbox the changes are in ("" when the thread has none)
    QString sandboxId;
    bool sandboxGone = false; // deleted: the changes can be read, not rewound
    RowId fromCheckpointId = 0; // 0: an empty home
    RowId toCheckpointId = 0;
    // The diff. When the repository no longer holds the trees (the storage cap evicted them),
    // the files and counts come from the store, without hunks, and fromStoreOnly is true.
    ChangeSet changes;
    bool fromStoreOnly = false;
    QString error; // what went wrong and what to do; empty on success
};

// Where a rewind goes: after a step, or to just before a user message (its run's start).
struct RewindTarget
{
    int step = -1; // the state at this step (0: the thread's beginning)
    RowId messageId = 0; // or: before this user message (takes precedence when set)

    static RewindTarget toStep(int n)
    {
        RewindTarget t;
        t.step = n;
        return t;
    }
    static RewindTarget beforeMessage(RowId id)
    {
        RewindTarget t;
        t.messageId = id;
        return t;
    }
};

enum class RewindMode {
    Files, // the sandbox home goes back; the conversation stays
    Conversation, // a new thread forked at that point (the original stays); files stay
    Both
};

// What a rewind would do, before it happens.
struct RewindPreview
{
    int request = 0;
    RowId threadId = 0;
    RewindTarget target;
    RewindMode mode = RewindMode::Both;
    int targetStep = 0; // the step the target resolved to
    // Files: what the home would change from now to the target (hunks not filled).
    ChangeSet files;
    // Conversation: messages the fork keeps, and those it leaves out.
    int messagesKept = 0;
    int messagesDropped = 0;
    // Non-empty: the rewind cannot be done now; says why and what to do (a run in progress,
    // the sandbox is gone, no checkpoint at that point).
    QString refusal;
    QString error;
};

// The answer to rewind, undoRewind and revertFile.
struct RewindResult
{
    int request = 0;
    RowId threadId = 0;
    RewindMode mode = RewindMode::Files;
    RowId rewindCheckpointId = 0; // the checkpoint recording the home after the rewind
    RowId savedCheckpointId = 0; // the home just before it (what undo goes back to)
    RowId forkThreadId = 0; // Conversation/Both: the new thread
    QString messageText; // rewound from a user message: its text (to edit and send again)
    int filesRestored = 0; // files written, deleted or relinked
    QStringList notRestored; // display paths left as they were (huge, unreadable, refused)
    QString error; // empty on success; else what happened and what to do
};

struct ExportFinished
{
    int request = 0;
    QString filePath; // empty (exportPatch only): the patch is in `patch`, no file is written
    QByteArray patch;
    int files = 0;
    qint64 bytes = 0;
    QStringList leftOut; // huge files in neither patch nor archive
    QString error;
};

// Disk used by checkpoints, for Settings.
struct CheckpointStorage
{
    qint64 bytesUsed = 0;
    qint64 capBytes = 0;
    int repositories = 0;
    bool known = false; // false until measured once
};

// Where the engine is in a run when it asks for a checkpoint.
struct CallPoint
{
    RowId threadId = 0;
    QString threadUuid; // a sandbox labelled with it belongs to the thread
    RowId runId = 0;
    int stepIndex = 0;
    RowId toolCallId = 0;
    QString toolName;
    QString provider; // "local" or "daytona"
    QString sandboxId;
    // Whether the sandbox is the thread's (created by it or attached): a call naming another
    // thread's sandbox is not checkpointed (its files must not reach this thread's history).
    std::function<bool(const Sandbox &sandbox)> isThreadsSandbox;
};

class CheckpointService final : public QObject
{
    Q_OBJECT

public:
    // Sandbox clients by provider; nullptr and *error when there is none.
    using ClientSource = std::function<DaytonaClient *(const QString &provider, QString *error)>;

    CheckpointService(Store &store, ThreadService &threads, CheckpointEngine &engine,
                      ClientSource clients, QObject *parent = nullptr);
    ~CheckpointService() override;

    // Who to ask whether a thread has a run in progress (this process's engine); the store's
    // "running" runs are also refused (another process's run).
    void setAgentEngine(AgentEngine *engine);
    // The sandbox owner: a conversation rewind attaches the sandbox to the fork, and a deleted
    // sandbox is told apart from one that is only stopped.
    void setSandboxService(SandboxService *sandboxes);
    CheckpointEngine &engine() { return m_engine; }

    // Reads (from the store; fast).
    StoreResult<QList<CheckpointRecord>> checkpoints(RowId threadId) const;
    StoreResult<QList<ThreadStep>> steps(RowId threadId) const;
    // The files each of the thread's tool calls changed, by tool call row id.
    StoreResult<QHash<RowId, QList<FileChangeRecord>>> changedFilesByCall(RowId threadId) const;
    StoreResult<QList<FileChangeRecord>> changedFiles(RowId toolCallId) const;
    // Why files cannot be rewound in this thread now (run in progress, sandbox gone, no
    // checkpoints); empty when they can.
    QString rewindRefusal(RowId threadId) const;
    // Whether the thread's newest rewind can be undone (it is the newest checkpoint).
    bool canUndoRewind(RowId threadId) const;

    // Jobs: each returns a request number and answers once with the matching signal.
    int requestChanges(RowId threadId, const ChangeRange &range);
    int requestRewindPreview(RowId threadId, const RewindTarget &target, RewindMode mode);
    int rewind(RowId threadId, const RewindTarget &target, RewindMode mode);
    int undoRewind(RowId threadId);
    // The file as it was before run runId (deleted if it did not exist then).
    int revertFile(RowId threadId, RowId runId, const QByteArray &path);
    int exportPatch(RowId threadId, const ChangeRange &range, const QString &filePath);
    int exportArchive(RowId threadId, const ChangeRange &range, const QString &filePath);

    // Storage: the cap (bytes; from the settings) and what is used (measured after each
    // checkpoint and on refreshUsage; usageChanged tells).
    void setCapBytes(qint64 bytes);
    qint64 capBytes() const { return m_capBytes; }
    CheckpointStorage storage() const { return m_storage; }
    void refreshUsage();

    // The engine's side: a checkpoint before a file-changing call, after it, and a baseline
    // after createSandbox. `done` is called on this thread (with context alive) once the
    // checkpoint was recorded or failed; a failed checkpoint never fails the call (it is
    // logged and recorded with its reason).
    void beforeCall(const CallPoint &point, QObject *context, std::function<void()> done);
    void afterCall(const CallPoint &point, QObject *context, std::function<void()> done);
    void baseline(const CallPoint &point, const Sandbox &sandbox, QObject *context,
                  std::function<void()> done);
    // Whether the checkpoint before a call reuses the one after the run's previous call on
    // that sandbox (default true: one capture per call instead of two; anything a background
    // process wrote in between is then counted as the next call's change).
    void setReuseAfterAsBefore(bool reuse) { m_reuseAfter = reuse; }
    // Whether checkpoints are taken at all (false: the engine runs calls as before).
    void setEnabled(bool enabled) { m_enabled = enabled; }
    bool isEnabled() const { return m_enabled; }

    // Crash recovery: restores the journal says were under way are run again to the end
    // (call once, in the process that owns the data folder). recoveryFinished follows, also
    // when there was nothing to do.
    void resumePendingRestores();
    bool isRecovering() const { return m_recovering; }

    // Checkpoints another process adds (a rewind from the CLI beside the window) are noticed
    // by polling the database's data_version (1 s by default; 0 stops it) and announced with
    // checkpointsChanged for their threads.
    void setPollInterval(int milliseconds);
    void checkForOutsideChanges();

signals:
    void checkpointAdded(const CheckpointRecord &checkpoint);
    // The thread's checkpoints or changed-file lists changed (a rewind, an eviction).
    void checkpointsChanged(RowId threadId);
    void changesReady(const ChangesResult &result);
    void rewindPreviewReady(const RewindPreview &preview);
    // A rewind, undo or revert ended; result.error says why it failed.
    void rewindFinished(const RewindResult &result);
    void exportFinished(const ExportFinished &result);
    void usageChanged(const CheckpointStorage &storage);
    void recoveryFinished(int restoresFinished, const QString &error);

private:
    // Store::addCheckpoint, remembering the row as this service's own.
    StoreResult<CheckpointRecord> saveCheckpoint(const CheckpointRecord &record,
                                                 const QList<FileChangeRecord> &files = {});

    // A range resolved to the checkpoints it runs between (from.id 0: an empty home).
    struct Resolved
    {
        QString provider;
        QString sandboxId;
        QString repoKey;
        RowId runId = 0;
        CheckpointRecord from;
        CheckpointRecord to;
        QList<CheckpointRecord> all; // the thread's checkpoints
        QString error;
    };
    // One restore: files rewind, undo, one-file revert, or a journaled one after a crash.
    struct Restore
    {
        RowId threadId = 0;
        RewindResult result;
        QString provider;
        QString sandboxId;
        QString repoKey;
        CheckpointId treeId;
        QList<QByteArray> paths; // empty: the whole home
        QString note;
        RowId journalId = 0;
        std::function<void(RewindResult)> then; // after the files (a conversation rewind)
    };
    using SandboxCallback = std::function<void(DaytonaClient *client, const Sandbox &sandbox,
                                               const QString &error, bool gone)>;

    Resolved resolve(RowId threadId, const ChangeRange &range) const;
    int nextRequest() { return ++m_lastRequest; }
    bool runInProgress(RowId threadId) const;
    bool sandboxGone(const QString &provider, const QString &sandboxId) const;
    void withSandbox(const QString &provider, const QString &sandboxId, QObject *context,
                     SandboxCallback next);
    void capture(const CallPoint &point, CheckpointKind kind, const Sandbox *known,
                 QObject *context, std::function<void()> done);
    void recordCapture(const CallPoint &point, CheckpointKind kind, const CaptureResult &captured,
                       std::function<void()> done);
    void recordFailure(const CallPoint &point, CheckpointKind kind, const QString &repoKey,
                       const QString &why);
    static CheckpointRecord recordFor(const CallPoint &point, CheckpointKind kind,
                                      const QString &repoKey);
    // Rewind targets: the step a target means, and where the fork of the conversation ends.
    int targetStep(RowId threadId, const RewindTarget &target, QString *error) const;
    int forkPosition(RowId threadId, const RewindTarget &target, int step, QString *messageText,
                     int *dropped) const;
    void startRestore(Restore restore);
    void restoreWith(Restore restore, DaytonaClient *client, const Sandbox &sandbox);
    void finishRestore(Restore restore, const CheckpointId &resultTree, const RestoreResult &done);
    void endRestore(Restore restore);
    void forkConversation(RowId threadId, const RewindTarget &target, int step,
                          const CheckpointId &tree, RewindResult result);
    void recoverNext(QList<RestoreJournalRecord> pending, int finished, QStringList errors);
    void addUsage(qint64 bytes);
    void enforceCap();
    void evict(const StorageUsage &usage);
    DaytonaClient *client(const QString &provider, QString *error) const;

    Store &m_store;
    ThreadService &m_threads;
    CheckpointEngine &m_engine;
    ClientSource m_clients;
    QPointer<AgentEngine> m_agent;
    QPointer<SandboxService> m_sandboxes;
    bool m_enabled = true;
    bool m_recovering = false;
    bool m_evicting = false;
    bool m_measuring = false;
    bool m_reuseAfter = true;
    QHash<QString, CheckpointRecord> m_lastTaken; // by repository: the newest taken here
    int m_lastRequest = 0;
    qint64 m_capBytes = qint64(1024) << 20;
    CheckpointStorage m_storage;
    QTimer *m_outsidePoll = nullptr;
    QSet<RowId> m_ownCheckpoints; // added here: not news when the poll finds them
    qint64 m_dataVersion = -1;
    RowId m_lastSeenCheckpoint = 0;
    // Sandboxes looked up for checkpoints (by "<provider>/<id>/<thread>"): not asked again.
    QHash<QString, Sandbox> m_known;
};
