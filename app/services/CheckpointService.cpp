// CheckpointService: reads, ranges, changes, exports, storage and the checkpoints the engine
// asks for around tool calls. Rewind, undo, revert and crash recovery are in
// CheckpointRewind.cpp.
#include "CheckpointService.h"

#include "CheckpointServiceSupport.h"

#include "agent/AgentEngine.h"
#include "checkpoint/CheckpointEngine.h"
#include "core/Logging.h"
#include "sandbox/DaytonaCall.h"
#include "sandbox/DaytonaClient.h"
#include "services/SandboxService.h"
#include "services/ThreadService.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QSaveFile>
#include <QTimer>

#include <algorithm>

using namespace CheckpointSupport;

CheckpointService::CheckpointService(Store &store, ThreadService &threads, CheckpointEngine &engine,
                                     ClientSource clients, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_threads(threads)
    , m_engine(engine)
    , m_clients(std::move(clients))
{
    m_storage.capBytes = m_capBytes;
    m_outsidePoll = new QTimer(this);
    connect(m_outsidePoll, &QTimer::timeout, this, &CheckpointService::checkForOutsideChanges);
    checkForOutsideChanges(); // the starting point: what exists now is not news
    m_outsidePoll->start(1000);
}

StoreResult<CheckpointRecord>
CheckpointService::saveCheckpoint(const CheckpointRecord &record,
                                  const QList<FileChangeRecord> &files)
{
    auto saved = m_store.addCheckpoint(record, files);
    if (saved)
        m_ownCheckpoints.insert(saved->id);
    return saved;
}

void CheckpointService::setPollInterval(int milliseconds)
{
    if (milliseconds > 0)
        m_outsidePoll->start(milliseconds);
    else
        m_outsidePoll->stop();
}

void CheckpointService::checkForOutsideChanges()
{
    // data_version changes only when another connection commits, so this is one cheap
    // PRAGMA a second while nothing else writes.
    const auto version = m_store.dataVersion();
    if (!version)
        return;
    if (*version == m_dataVersion) {
        // Nobody else committed since the last look: every newer row is one of ours.
        for (RowId id : std::as_const(m_ownCheckpoints))
            m_lastSeenCheckpoint = std::max(m_lastSeenCheckpoint, id);
        m_ownCheckpoints.clear();
        return;
    }
    const bool first = m_dataVersion < 0;
    m_dataVersion = *version;
    const auto rows = m_store.checkpointsSince(m_lastSeenCheckpoint);
    if (!rows)
        return;
    QList<RowId> threads;
    for (const auto &[id, thread] : *rows) {
        m_lastSeenCheckpoint = std::max(m_lastSeenCheckpoint, id);
        if (m_ownCheckpoints.remove(id))
            continue;
        if (!threads.contains(thread))
            threads.append(thread);
    }
    if (first)
        return;
    for (RowId thread : threads)
        emit checkpointsChanged(thread);
}

CheckpointService::~CheckpointService() = default;

void CheckpointService::setAgentEngine(AgentEngine *engine)
{
    m_agent = engine;
}

void CheckpointService::setSandboxService(SandboxService *sandboxes)
{
    m_sandboxes = sandboxes;
}

DaytonaClient *CheckpointService::client(const QString &provider, QString *error) const
{
    if (!m_clients) {
        *error = tr("No sandbox server is set up.");
        return nullptr;
    }
    return m_clients(provider, error);
}

// --- reads -----------------------------------------------------------------------------------

StoreResult<QList<CheckpointRecord>> CheckpointService::checkpoints(RowId threadId) const
{
    return m_store.listCheckpoints(threadId);
}

StoreResult<QList<ThreadStep>> CheckpointService::steps(RowId threadId) const
{
    using Result = StoreResult<QList<ThreadStep>>;
    QString error;
    QList<ThreadStep> steps = threadSteps(m_store, threadId, &error);
    if (!error.isEmpty())
        return Result::failure(error);
    const auto checkpoints = m_store.listCheckpoints(threadId);
    if (!checkpoints)
        return Result::failure(checkpoints.error());
    const StepNumbers numbers(steps);
    for (const CheckpointRecord &c : *checkpoints) {
        if (c.kind != CheckpointKind::After)
            continue;
        const int n = numbers.number(c.runId, c.stepIndex);
        if (n < 1 || n > steps.size())
            continue;
        ThreadStep &step = steps[n - 1];
        step.filesChanged += c.filesChanged;
        step.linesAdded += c.linesAdded;
        step.linesRemoved += c.linesRemoved;
    }
    return steps;
}

StoreResult<QHash<RowId, QList<FileChangeRecord>>>
CheckpointService::changedFilesByCall(RowId threadId) const
{
    using Result = StoreResult<QHash<RowId, QList<FileChangeRecord>>>;
    const auto files = m_store.changedFiles(threadId);
    if (!files)
        return Result::failure(files.error());
    QHash<RowId, QList<FileChangeRecord>> byCall;
    for (const FileChangeRecord &file : *files) {
        if (file.toolCallId)
            byCall[file.toolCallId].append(file);
    }
    return byCall;
}

StoreResult<QList<FileChangeRecord>> CheckpointService::changedFiles(RowId toolCallId) const
{
    return m_store.changedFilesOfToolCall(toolCallId);
}

bool CheckpointService::runInProgress(RowId threadId) const
{
    if (m_agent && m_agent->isRunning(threadId))
        return true;
    // Another process's run (the window beside the CLI): the store says "running" until it
    // ends (or the owner's next start marks it interrupted).
    const auto runs = m_store.listRuns(threadId);
    return runs && std::any_of(runs->cbegin(), runs->cend(), [](const RunRecord &r) {
               return r.status == RunStatus::Running;
           });
}

bool CheckpointService::sandboxGone(const QString &provider, const QString &sandboxId) const
{
    const auto sandboxes = m_store.listSandboxes();
    if (!sandboxes)
        return false; // unknown: let the restore find out
    return std::none_of(sandboxes->cbegin(), sandboxes->cend(), [&](const SandboxRecord &s) {
        return s.provider == provider && s.remoteId == sandboxId;
    });
}

QString CheckpointService::rewindRefusal(RowId threadId) const
{
    if (runInProgress(threadId))
        return tr("A run is in progress in this thread; stop it (or wait for it to finish), "
                  "then rewind.");
    const auto checkpoints = m_store.listCheckpoints(threadId);
    if (!checkpoints)
        return checkpoints.error();
    const CheckpointRecord *newest = newestUsable(*checkpoints, QString());
    if (!newest)
        return tr("This thread has no checkpoints yet: the agent has not changed any files.");
    if (sandboxGone(newest->sandboxProvider, newest->sandboxId))
        return tr("Sandbox %1 was deleted, so its files cannot be rewound. Its changes can "
                  "still be viewed and exported.")
            .arg(newest->sandboxId);
    return {};
}

bool CheckpointService::canUndoRewind(RowId threadId) const
{
    const auto checkpoints = m_store.listCheckpoints(threadId);
    if (!checkpoints || checkpoints->isEmpty())
        return false;
    const CheckpointRecord *newest = newestUsable(*checkpoints, QString());
    return newest && newest->kind == CheckpointKind::Rewind && newest->previousId != 0;
}

// --- ranges ----------------------------------------------------------------------------------

CheckpointService::Resolved CheckpointService::resolve(RowId threadId,
                                                       const ChangeRange &range) const
{
    Resolved r;
    QString error;
    const QList<ThreadStep> steps = threadSteps(m_store, threadId, &error);
    const auto checkpoints = m_store.listCheckpoints(threadId);
    if (!error.isEmpty() || !checkpoints) {
        r.error = error.isEmpty() ? checkpoints.error() : error;
        return r;
    }
    const QList<CheckpointRecord> &all = *checkpoints;
    const StepNumbers numbers(steps);

    // The sandbox: the one of the tool call asked about, else the newest checkpoint's.
    const CheckpointRecord *anchor = nullptr;
    if (range.kind == ChangeRange::Kind::ToolCall) {
        for (const CheckpointRecord &c : all) {
            if (c.toolCallId == range.toolCallId && c.kind == CheckpointKind::After)
                anchor = &c;
        }
        if (!anchor) {
            r.error = tr("Tool call %1 has no checkpoint: it changed no files, or its "
                         "checkpoint could not be taken.")
                          .arg(range.toolCallId);
            return r;
        }
    } else if (range.kind == ChangeRange::Kind::Run) {
        for (const CheckpointRecord &c : all) {
            if (c.runId == range.runId)
                anchor = &c;
        }
        if (!anchor) {
            r.error = tr("Run %1 changed no files.").arg(range.runId);
            return r;
        }
    } else {
        anchor = newestUsable(all, QString());
        if (!anchor && !all.isEmpty())
            anchor = &all.constLast();
    }
    if (!anchor) {
        r.error = tr("This thread has no checkpoints yet: the agent has not changed any files.");
        return r;
    }
    r.provider = anchor->sandboxProvider;
    r.sandboxId = anchor->sandboxId;
    r.repoKey = anchor->repoKey;
    const QString repo = r.repoKey;
    const CheckpointRecord *newest = newestUsable(all, repo);

    const CheckpointRecord *from = nullptr;
    const CheckpointRecord *to = nullptr;
    switch (range.kind) {
    case ChangeRange::Kind::ToolCall:
        to = anchor;
        for (const CheckpointRecord &c : all) {
            if (c.toolCallId == range.toolCallId && c.kind == CheckpointKind::Before)
                from = &c;
        }
        if (!from || !from->isUsable())
            from = previousUsable(all, repo, anchor->id);
        break;
    case ChangeRange::Kind::Run:
    case ChangeRange::Kind::LastRun: {
        RowId runId = range.runId;
        if (range.kind == ChangeRange::Kind::LastRun) {
            for (const CheckpointRecord &c : all) {
                if (c.repoKey == repo && c.runId)
                    runId = c.runId;
            }
        }
        if (!runId) {
            r.error = tr("No run of this thread changed files yet.");
            return r;
        }
        for (const CheckpointRecord &c : all) {
            if (c.repoKey != repo || c.runId != runId || c.treeId.isEmpty())
                continue;
            if (!from)
                from = &c;
            to = &c;
        }
        // A run whose first checkpoint is after its first call (the before failed): start
        // from the state before the run.
        if (from && from->kind == CheckpointKind::After) {
            if (const CheckpointRecord *prev = previousUsable(all, repo, from->id))
                from = prev;
        }
        r.runId = runId;
        break;
    }
    case ChangeRange::Kind::SinceThreadBegan:
        from = firstUsable(all, repo);
        to = newest;
        break;
    case ChangeRange::Kind::Steps:
        from = stateAt(all, numbers, repo, range.fromStep);
        to = range.toStep < 0 ? newest : stateAt(all, numbers, repo, range.toStep);
        break;
    }
    if (!to) {
        r.error = tr("There is no checkpoint for that point of the thread.");
        return r;
    }
    if (from)
        r.from = *from;
    r.to = *to;
    r.all = all;
    return r;
}

// --- changes ---------------------------------------------------------------------------------

int CheckpointService::requestChanges(RowId threadId, const ChangeRange &range)
{
    const int request = nextRequest();
    ChangesResult result;
    result.request = request;
    result.threadId = threadId;
    result.range = range;
    const Resolved r = resolve(threadId, range);
    result.sandboxProvider = r.provider;
    result.sandboxId = r.sandboxId;
    result.fromCheckpointId = r.from.id;
    result.toCheckpointId = r.to.id;
    if (!r.error.isEmpty()) {
        result.error = r.error;
        later(this, [this, result] { emit changesReady(result); });
        return request;
    }
    result.sandboxGone = sandboxGone(r.provider, r.sandboxId);
    if ((r.from.id && !r.from.isUsable()) || !r.to.isUsable()) {
        // The trees are gone (evicted): what the store kept of each call.
        result.changes = changesFromStore(m_store, r.all, r.from.id, r.to.id, r.repoKey);
        result.fromStoreOnly = true;
        later(this, [this, result] { emit changesReady(result); });
        return request;
    }
    DiffOptions options;
    options.hunks = range.hunks;
    m_engine.diff(r.repoKey, r.from.treeId, r.to.treeId, options)
        .then(this, [this, result, r](const ChangeSet &changes) mutable {
            result.changes = changes;
            if (!changes.ok()) {
                // The repository may be gone while the store still has the lists.
                result.changes = changesFromStore(m_store, r.all, r.from.id, r.to.id, r.repoKey);
                result.fromStoreOnly = true;
                if (result.changes.files.isEmpty())
                    result.error = changes.error;
            }
            emit changesReady(result);
        });
    return request;
}

int CheckpointService::exportPatch(RowId threadId, const ChangeRange &range,
                                   const QString &filePath)
{
    const int request = nextRequest();
    ExportFinished done;
    done.request = request;
    done.filePath = filePath;
    const Resolved r = resolve(threadId, range);
    QString error = r.error;
    if (error.isEmpty() && ((r.from.id && !r.from.isUsable()) || !r.to.isUsable()))
        error = tr("The storage cap removed these checkpoints' files; only the list of changed "
                   "files is left, so no patch can be made.");
    if (!error.isEmpty()) {
        done.error = error;
        later(this, [this, done] { emit exportFinished(done); });
        return request;
    }
    m_engine.exportPatch(r.repoKey, r.from.treeId, r.to.treeId)
        .then(this, [this, done](const ExportResult &exported) mutable {
            done.files = exported.files;
            done.bytes = exported.bytes;
            done.leftOut = exported.leftOut;
            done.error = exported.error;
            if (exported.ok() && done.filePath.isEmpty()) {
                done.patch = exported.patch;
            } else if (exported.ok()) {
                QSaveFile file(done.filePath);
                if (!file.open(QIODevice::WriteOnly) || file.write(exported.patch) < 0
                    || !file.commit())
                    done.error = tr("Cannot write %1: %2. Choose another place.")
                                     .arg(done.filePath, file.errorString());
            }
            emit exportFinished(done);
        });
    return request;
}

int CheckpointService::exportArchive(RowId threadId, const ChangeRange &range,
                                     const QString &filePath)
{
    const int request = nextRequest();
    ExportFinished done;
    done.request = request;
    done.filePath = filePath;
    const Resolved r = resolve(threadId, range);
    QString error = r.error;
    if (error.isEmpty() && !r.to.isUsable())
        error = tr("The storage cap removed these checkpoints' files; only the list of changed "
                   "files is left, so no archive can be made.");
    if (!error.isEmpty()) {
        done.error = error;
        later(this, [this, done] { emit exportFinished(done); });
        return request;
    }
    m_engine
        .exportArchive(r.repoKey, r.from.isUsable() ? r.from.treeId : QString(), r.to.treeId,
                       filePath)
        .then(this, [this, done](const ExportResult &exported) mutable {
            done.files = exported.files;
            done.bytes = exported.bytes;
            done.leftOut = exported.leftOut;
            done.error = exported.error;
            emit exportFinished(done);
        });
    return request;
}

// --- checkpoints around tool calls -----------------------------------------------------------

void CheckpointService::beforeCall(const CallPoint &point, QObject *context,
                                   std::function<void()> done)
{
    capture(point, CheckpointKind::Before, nullptr, context, std::move(done));
}

void CheckpointService::afterCall(const CallPoint &point, QObject *context,
                                  std::function<void()> done)
{
    capture(point, CheckpointKind::After, nullptr, context, std::move(done));
}

void CheckpointService::baseline(const CallPoint &point, const Sandbox &sandbox, QObject *context,
                                 std::function<void()> done)
{
    capture(point, CheckpointKind::Baseline, &sandbox, context, std::move(done));
}

void CheckpointService::withSandbox(const QString &provider, const QString &sandboxId,
                                    QObject *context, SandboxCallback next)
{
    QString error;
    DaytonaClient *sandboxClient = client(provider, &error);
    if (!sandboxClient) {
        later(context, [next, error] { next(nullptr, Sandbox(), error, false); });
        return;
    }
    DaytonaCall *call = sandboxClient->getSandbox(sandboxId);
    connect(call, &DaytonaCall::finished, context,
            [next, sandboxClient, sandboxId](const DaytonaResult &result) {
                if (!result.ok()) {
                    const bool gone = result.error.kind == SandboxError::Kind::NotFound;
                    next(sandboxClient, Sandbox(),
                         gone ? tr("Sandbox %1 no longer exists.").arg(sandboxId)
                              : result.error.message,
                         gone);
                    return;
                }
                next(sandboxClient, Sandbox::fromJson(result.json().object()), QString(), false);
            });
}

void CheckpointService::capture(const CallPoint &point, CheckpointKind kind, const Sandbox *known,
                                QObject *context, std::function<void()> done)
{
    QPointer<QObject> guard(context);
    auto finish = [guard, done] {
        if (guard && done)
            done();
    };
    if (!m_enabled || point.sandboxId.isEmpty()) {
        later(this, finish);
        return;
    }
    const QString repoKey = CheckpointEngine::repoKeyFor(point.provider, point.sandboxId);
    // The home right after the run's previous call is the home before this one (unless
    // something in the background wrote meanwhile, which then shows in this call's changes):
    // that tree is recorded again instead of taking it twice, halving the cost per call.
    if (kind == CheckpointKind::Before && m_reuseAfter) {
        const auto last = m_lastTaken.constFind(repoKey);
        // Only within one run: between runs another process (the CLI beside the window) may
        // have rewound the files.
        if (last != m_lastTaken.cend() && last->threadId == point.threadId
            && last->runId == point.runId && last->kind != CheckpointKind::Before
            && last->isUsable()) {
            CheckpointRecord record = recordFor(point, kind, repoKey);
            record.treeId = last->treeId;
            record.note = tr("the same files as checkpoint %1").arg(last->id);
            if (const auto saved = saveCheckpoint(record); saved)
                emit checkpointAdded(*saved);
            later(this, finish);
            return;
        }
    }
    auto take = [this, point, kind, repoKey, finish](DaytonaClient *sandboxClient,
                                                     const Sandbox &sandbox) {
        QElapsedTimer clock;
        clock.start();
        m_engine.capture(sandboxClient, sandbox, repoKey)
            .then(this, [this, point, kind, finish, clock](const CaptureResult &captured) {
                qCDebug(lcAgent).noquote()
                    << StoreEnums::toString(kind) << "checkpoint of" << point.sandboxId << "for"
                    << point.toolName << "took" << clock.elapsed() << "ms (capture"
                    << captured.elapsedMs << "ms," << captured.filesFetched << "of"
                    << captured.filesScanned << "entries fetched)";
                QElapsedTimer recording;
                recording.start();
                recordCapture(point, kind, captured, finish);
                qCDebug(lcAgent) << "  recorded in" << recording.elapsed() << "ms";
            });
    };
    const QString cacheKey = point.provider + QLatin1Char('/') + point.sandboxId + QLatin1Char('/')
        + QString::number(point.threadId);
    if (known) {
        QString error;
        DaytonaClient *sandboxClient = client(point.provider, &error);
        if (!sandboxClient) {
            recordFailure(point, kind, repoKey, error);
            later(this, finish);
            return;
        }
        m_known.insert(cacheKey, *known);
        take(sandboxClient, *known);
        return;
    }
    if (m_known.contains(cacheKey)) {
        QString error;
        if (DaytonaClient *sandboxClient = client(point.provider, &error)) {
            take(sandboxClient, m_known.value(cacheKey));
            return;
        }
    }
    withSandbox(point.provider, point.sandboxId, this,
                [this, point, kind, repoKey, cacheKey, take, finish](DaytonaClient *sandboxClient,
                                                                     const Sandbox &sandbox,
                                                                     const QString &error, bool) {
                    if (!sandboxClient || !sandbox.isValid()) {
                        recordFailure(point, kind, repoKey, error);
                        finish();
                        return;
                    }
                    // Another thread's sandbox: its files never reach this thread's history.
                    if (point.isThreadsSandbox && !point.isThreadsSandbox(sandbox)) {
                        finish();
                        return;
                    }
                    m_known.insert(cacheKey, sandbox);
                    take(sandboxClient, sandbox);
                });
}

void CheckpointService::recordFailure(const CallPoint &point, CheckpointKind kind,
                                      const QString &repoKey, const QString &why)
{
    qCWarning(lcAgent).noquote() << "no" << StoreEnums::toString(kind) << "checkpoint of sandbox"
                                 << point.sandboxId << "for" << point.toolName << "-" << why;
    CheckpointRecord record = recordFor(point, kind, repoKey);
    record.note = tr("No checkpoint: %1").arg(why);
    if (const auto saved = saveCheckpoint(record); saved)
        emit checkpointAdded(*saved);
}

void CheckpointService::recordCapture(const CallPoint &point, CheckpointKind kind,
                                      const CaptureResult &captured, std::function<void()> done)
{
    const QString repoKey = CheckpointEngine::repoKeyFor(point.provider, point.sandboxId);
    if (!captured.ok()) {
        // A stale sandbox object (its toolbox moved, it was stopped): look it up next time.
        m_known.remove(point.provider + QLatin1Char('/') + point.sandboxId + QLatin1Char('/')
                       + QString::number(point.threadId));
        recordFailure(point, kind, repoKey, captured.error);
        done();
        return;
    }
    CheckpointRecord record = recordFor(point, kind, repoKey);
    record.treeId = captured.treeId;
    record.bytesStored = captured.bytesStored;
    if (!captured.skipped.isEmpty())
        record.note = skippedNote(captured.skipped);
    addUsage(captured.bytesStored);

    // Before a call, and baselines: nothing to compare (the call has not run yet).
    if (kind != CheckpointKind::After) {
        if (const auto saved = saveCheckpoint(record); saved) {
            m_lastTaken.insert(repoKey, *saved);
            emit checkpointAdded(*saved);
        } else {
            qCWarning(lcAgent).noquote() << "could not save a checkpoint -" << saved.error();
        }
        done();
        enforceCap();
        return;
    }
    // After a call: what it changed, against its before (or the newest before it).
    const auto all = m_store.listCheckpoints(point.threadId);
    const CheckpointRecord *before = nullptr;
    if (all) {
        for (const CheckpointRecord &c : *all) {
            if (c.repoKey == repoKey && c.isUsable())
                before = &c;
        }
    }
    const QString beforeTree = before ? before->treeId : QString();
    auto save = [this, record, point, done](const ChangeSet &changes) mutable {
        QList<FileChangeRecord> files = fileRecords(changes, point.toolCallId);
        record.filesChanged = int(files.size());
        record.linesAdded = changes.additions;
        record.linesRemoved = changes.deletions;
        if (const auto saved = saveCheckpoint(record, files); saved) {
            m_lastTaken.insert(saved->repoKey, *saved);
            emit checkpointAdded(*saved);
        } else {
            qCWarning(lcAgent).noquote() << "could not save a checkpoint -" << saved.error();
        }
        done();
        enforceCap();
    };
    if (before && beforeTree == captured.treeId) {
        save(ChangeSet()); // nothing changed: no diff to compute
        return;
    }
    m_engine.diff(repoKey, beforeTree, captured.treeId).then(this, save);
}

// --- storage ---------------------------------------------------------------------------------

void CheckpointService::setCapBytes(qint64 bytes)
{
    m_capBytes = qMax<qint64>(bytes, 1);
    m_storage.capBytes = m_capBytes;
    emit usageChanged(m_storage);
    enforceCap();
}

void CheckpointService::addUsage(qint64 bytes)
{
    if (!m_storage.known || bytes <= 0)
        return;
    m_storage.bytesUsed += bytes;
    emit usageChanged(m_storage);
}

void CheckpointService::refreshUsage()
{
    m_engine.usage().then(this, [this](const StorageUsage &usage) {
        if (!usage.error.isEmpty()) {
            qCWarning(lcAgent).noquote() << "cannot measure checkpoint storage -" << usage.error;
            return;
        }
        m_storage.bytesUsed = usage.totalBytes;
        m_storage.repositories = int(usage.repositories.size());
        m_storage.known = true;
        emit usageChanged(m_storage);
        enforceCap();
    });
}

void CheckpointService::enforceCap()
{
    if (!m_storage.known) {
        if (!m_measuring) {
            m_measuring = true;
            refreshUsage();
        }
        return;
    }
    if (m_evicting || m_storage.bytesUsed <= m_capBytes)
        return;
    m_evicting = true;
    m_engine.usage().then(this, [this](const StorageUsage &usage) { evict(usage); });
}
