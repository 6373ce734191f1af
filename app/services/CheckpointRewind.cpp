// CheckpointService: rewind (files, conversation, both) with its preview, undo, one-file revert,
// the restore journal and what a crash left in it, and eviction under the storage cap.
//
// A files rewind: save the home as it is now (a "saved" checkpoint, what undo goes back to),
// write the journal row (sandbox -> tree), restore, record the "rewind" checkpoint, remove the
// row. A kill anywhere leaves either no row (the home was not touched yet, or the rewind is
// recorded) or a row whose restore the next start runs again to the end (restores are
// idempotent), so the home ends as the old tree or the new one, never a mix.
#include "CheckpointService.h"

#include "CheckpointServiceSupport.h"

#include "checkpoint/CheckpointEngine.h"
#include "core/Logging.h"
#include "sandbox/DaytonaClient.h"
#include "services/SandboxService.h"
#include "services/ThreadService.h"
#include "store/Store.h"

using namespace CheckpointSupport;

namespace {
// Journal rows keep raw path bytes through Latin-1 (a lossless byte <-> char mapping).
QStringList toJournal(const QList<QByteArray> &paths)
{
    QStringList list;
    for (const QByteArray &path : paths)
        list << QString::fromLatin1(path);
    return list;
}
QList<QByteArray> fromJournal(const QStringList &paths)
{
    QList<QByteArray> list;
    for (const QString &path : paths)
        list << path.toLatin1();
    return list;
}
} // namespace

CheckpointRecord CheckpointService::recordFor(const CallPoint &point, CheckpointKind kind,
                                              const QString &repoKey)
{
    CheckpointRecord record;
    record.threadId = point.threadId;
    record.runId = point.runId;
    record.stepIndex = point.stepIndex;
    record.toolCallId = kind == CheckpointKind::Baseline ? 0 : point.toolCallId;
    record.sandboxProvider = point.provider;
    record.sandboxId = point.sandboxId;
    record.repoKey = repoKey;
    record.kind = kind;
    return record;
}

// --- targets ---------------------------------------------------------------------------------

int CheckpointService::targetStep(RowId threadId, const RewindTarget &target, QString *error) const
{
    QString readError;
    const QList<ThreadStep> steps = threadSteps(m_store, threadId, &readError);
    if (!readError.isEmpty()) {
        *error = readError;
        return -1;
    }
    if (target.messageId) {
        const auto message = m_store.message(target.messageId);
        if (!message || message->threadId != threadId || message->role != MessageRole::User) {
            *error
                = tr("Message %1 is not a message you wrote in this thread.").arg(target.messageId);
            return -1;
        }
        for (const ThreadStep &step : steps) {
            if (step.userMessageId == target.messageId)
                return step.number - 1; // the state before its run
        }
        return int(steps.size()); // not answered yet: nothing after it to undo
    }
    if (target.step < 0 || target.step > steps.size()) {
        *error = steps.isEmpty()
            ? tr("This thread has no steps yet.")
            : tr("There is no step %1: this thread has steps 1 to %2 (0 is its beginning).")
                  .arg(target.step)
                  .arg(steps.size());
        return -1;
    }
    return target.step;
}

int CheckpointService::forkPosition(RowId threadId, const RewindTarget &target, int step,
                                    QString *messageText, int *dropped) const
{
    const auto messages = m_store.listMessages(threadId);
    if (!messages)
        return 0;
    int position = 0;
    if (target.messageId) {
        for (const MessageRecord &m : *messages) {
            if (m.id == target.messageId) {
                position = m.position;
                *messageText = m.text();
            }
        }
    } else {
        QString ignored;
        const QList<ThreadStep> steps = threadSteps(m_store, threadId, &ignored);
        if (step <= 0) {
            const RowId first = steps.isEmpty() ? 0 : steps.constFirst().userMessageId;
            position = int(messages->size());
            for (const MessageRecord &m : *messages) {
                if (m.id == first)
                    position = m.position;
            }
            if (steps.isEmpty())
                position = int(messages->size());
        } else {
            const ThreadStep &s = steps.at(step - 1);
            // Step k of a run is its k-th assistant message and the tool results after it:
            // the fork ends before the next assistant message, or with the run's last message.
            int assistants = 0;
            position = -1;
            int lastOfRun = 0;
            for (const MessageRecord &m : *messages) {
                if (m.runId != s.runId)
                    continue;
                lastOfRun = m.position;
                if (m.role == MessageRole::Assistant) {
                    if (assistants == s.stepIndex + 1 && position < 0)
                        position = m.position;
                    ++assistants;
                }
            }
            if (position < 0)
                position = lastOfRun + 1;
        }
    }
    int after = 0;
    for (const MessageRecord &m : *messages) {
        if (m.position >= position)
            ++after;
    }
    *dropped = after;
    return position;
}

// --- preview ---------------------------------------------------------------------------------

int CheckpointService::requestRewindPreview(RowId threadId, const RewindTarget &target,
                                            RewindMode mode)
{
    RewindPreview preview;
    preview.request = nextRequest();
    preview.threadId = threadId;
    preview.target = target;
    preview.mode = mode;
    const int request = preview.request;
    auto answer = [this](const RewindPreview &p) {
        later(this, [this, p] { emit rewindPreviewReady(p); });
    };
    QString error;
    const int step = targetStep(threadId, target, &error);
    if (step < 0) {
        preview.error = error;
        answer(preview);
        return request;
    }
    preview.targetStep = step;
    if (mode != RewindMode::Files) {
        QString text;
        int dropped = 0;
        preview.messagesKept = forkPosition(threadId, target, step, &text, &dropped);
        preview.messagesDropped = dropped;
    }
    if (runInProgress(threadId))
        preview.refusal = tr("A run is in progress in this thread; stop it (or wait for it to "
                             "finish), then rewind.");
    if (mode == RewindMode::Conversation) {
        answer(preview);
        return request;
    }
    if (preview.refusal.isEmpty())
        preview.refusal = rewindRefusal(threadId);
    const Resolved r = resolve(threadId, ChangeRange::steps(step, step));
    const auto all = m_store.listCheckpoints(threadId);
    const CheckpointRecord *now = all ? newestUsable(*all, r.repoKey) : nullptr;
    if (!r.error.isEmpty() || !now || !r.to.isUsable()) {
        if (preview.refusal.isEmpty())
            preview.refusal = r.error.isEmpty()
                ? tr("The files of step %1 are no longer stored (the storage cap removed "
                     "them), so they cannot be brought back.")
                      .arg(step)
                : r.error;
        answer(preview);
        return request;
    }
    m_engine.diff(r.repoKey, now->treeId, r.to.treeId)
        .then(this, [this, preview](const ChangeSet &changes) mutable {
            preview.files = changes;
            if (!changes.ok())
                preview.error = changes.error;
            emit rewindPreviewReady(preview);
        });
    return request;
}

// --- rewind, undo, revert --------------------------------------------------------------------

int CheckpointService::rewind(RowId threadId, const RewindTarget &target, RewindMode mode)
{
    RewindResult result;
    result.request = nextRequest();
    result.threadId = threadId;
    result.mode = mode;
    const int request = result.request;
    auto fail = [this, &result](const QString &error) {
        result.error = error;
        later(this, [this, result] { emit rewindFinished(result); });
    };
    if (runInProgress(threadId)) {
        fail(tr("A run is in progress in this thread; stop it (or wait for it to finish), then "
                "rewind."));
        return request;
    }
    QString error;
    const int step = targetStep(threadId, target, &error);
    if (step < 0) {
        fail(error);
        return request;
    }
    const auto all = m_store.listCheckpoints(threadId);
    const CheckpointRecord *newest = all ? newestUsable(*all, QString()) : nullptr;
    if (mode == RewindMode::Conversation) {
        forkConversation(threadId, target, step, newest ? newest->treeId : QString(), result);
        return request;
    }
    if (const QString refusal = rewindRefusal(threadId); !refusal.isEmpty()) {
        fail(refusal);
        return request;
    }
    const Resolved r = resolve(threadId, ChangeRange::steps(step, step));
    if (!r.error.isEmpty() || !r.to.isUsable()) {
        fail(r.error.isEmpty() ? tr("The files of step %1 are no longer stored (the storage cap "
                                    "removed them), so they cannot be brought back.")
                                     .arg(step)
                               : r.error);
        return request;
    }
    Restore restore;
    restore.threadId = threadId;
    restore.result = result;
    restore.provider = r.provider;
    restore.sandboxId = r.sandboxId;
    restore.repoKey = r.repoKey;
    restore.treeId = r.to.treeId;
    restore.note
        = step == 0 ? tr("rewound to the thread's beginning") : tr("rewound to step %1").arg(step);
    if (mode == RewindMode::Both) {
        const CheckpointId tree = r.to.treeId;
        restore.then = [this, threadId, target, step, tree](const RewindResult &files) {
            if (!files.error.isEmpty()) {
                emit rewindFinished(files);
                return;
            }
            forkConversation(threadId, target, step, tree, files);
        };
    }
    startRestore(restore);
    return request;
}

int CheckpointService::undoRewind(RowId threadId)
{
    RewindResult result;
    result.request = nextRequest();
    result.threadId = threadId;
    const int request = result.request;
    const auto all = m_store.listCheckpoints(threadId);
    const CheckpointRecord *newest = all ? newestUsable(*all, QString()) : nullptr;
    QString error;
    if (runInProgress(threadId))
        error = tr("A run is in progress in this thread; stop it (or wait for it to finish), "
                   "then undo the rewind.");
    else if (!newest || newest->kind != CheckpointKind::Rewind || !newest->previousId)
        error = tr("There is no rewind to undo: the files changed since the last rewind.");
    const auto saved = error.isEmpty() ? m_store.checkpoint(newest->previousId)
                                       : StoreResult<CheckpointRecord>::failure(error);
    if (error.isEmpty() && (!saved || !saved->isUsable()))
        error = tr("The files from before the rewind are no longer stored (the storage cap "
                   "removed them).");
    if (error.isEmpty())
        error = rewindRefusal(threadId);
    if (!error.isEmpty()) {
        result.error = error;
        later(this, [this, result] { emit rewindFinished(result); });
        return request;
    }
    Restore restore;
    restore.threadId = threadId;
    restore.result = result;
    restore.provider = saved->sandboxProvider;
    restore.sandboxId = saved->sandboxId;
    restore.repoKey = saved->repoKey;
    restore.treeId = saved->treeId;
    restore.note = tr("undid the rewind");
    startRestore(restore);
    return request;
}

int CheckpointService::revertFile(RowId threadId, RowId runId, const QByteArray &path)
{
    RewindResult result;
    result.request = nextRequest();
    result.threadId = threadId;
    const int request = result.request;
    const Resolved r = resolve(threadId, ChangeRange::run(runId));
    QString error = r.error;
    if (error.isEmpty() && runInProgress(threadId))
        error = tr("A run is in progress in this thread; stop it (or wait for it to finish), "
                   "then revert the file.");
    if (error.isEmpty() && !r.from.isUsable())
        error = tr("The files from before that run are no longer stored.");
    if (error.isEmpty() && sandboxGone(r.provider, r.sandboxId))
        error = tr("Sandbox %1 was deleted, so its files cannot be reverted.").arg(r.sandboxId);
    if (path.isEmpty() || path.startsWith('/') || path.contains("/../") || path.startsWith("../"))
        error = tr("Choose a file inside the sandbox home to revert.");
    if (!error.isEmpty()) {
        result.error = error;
        later(this, [this, result] { emit rewindFinished(result); });
        return request;
    }
    Restore restore;
    restore.threadId = threadId;
    restore.result = result;
    restore.provider = r.provider;
    restore.sandboxId = r.sandboxId;
    restore.repoKey = r.repoKey;
    restore.treeId = r.from.treeId;
    restore.paths = {path};
    restore.note = tr("reverted %1 to before the run").arg(Checkpoints::displayPath(path));
    startRestore(restore);
    return request;
}

void CheckpointService::startRestore(Restore restore)
{
    withSandbox(
        restore.provider, restore.sandboxId, this,
        [this, restore](DaytonaClient *sandboxClient, const Sandbox &sandbox, const QString &error,
                        bool gone) mutable {
            if (!sandboxClient || !sandbox.isValid()) {
                restore.result.error = gone
                    ? tr("Sandbox %1 was deleted, so its files cannot be rewound. Its "
                         "changes can still be viewed and exported.")
                          .arg(restore.sandboxId)
                    : tr("Cannot reach sandbox %1 (%2). Start it from the sandbox list "
                         "and try again.")
                          .arg(restore.sandboxId, error);
                endRestore(restore);
                return;
            }
            // 1. The home as it is now: what undo goes back to.
            m_engine.capture(sandboxClient, sandbox, restore.repoKey)
                .then(this,
                      [this, restore, sandboxClient, sandbox](const CaptureResult &saved) mutable {
                          if (!saved.ok()) {
                              restore.result.error = tr("Could not save the current files before "
                                                        "rewinding (%1); nothing was changed.")
                                                         .arg(saved.error);
                              endRestore(restore);
                              return;
                          }
                          addUsage(saved.bytesStored);
                          CheckpointRecord record;
                          record.threadId = restore.threadId;
                          record.sandboxProvider = restore.provider;
                          record.sandboxId = restore.sandboxId;
                          record.repoKey = restore.repoKey;
                          record.treeId = saved.treeId;
                          record.kind = CheckpointKind::Saved;
                          record.note = tr("the files before: %1").arg(restore.note);
                          const auto savedRow = saveCheckpoint(record);
                          if (!savedRow) {
                              restore.result.error = savedRow.error();
                              endRestore(restore);
                              return;
                          }
                          restore.result.savedCheckpointId = savedRow->id;
                          // 2. The journal row, before the home is touched.
                          RestoreJournalRecord journal;
                          journal.threadId = restore.threadId;
                          journal.sandboxProvider = restore.provider;
                          journal.sandboxId = restore.sandboxId;
                          journal.repoKey = restore.repoKey;
                          journal.treeId = restore.treeId;
                          journal.paths = toJournal(restore.paths);
                          journal.savedCheckpointId = savedRow->id;
                          journal.note = restore.note;
                          const auto row = m_store.addRestore(journal);
                          if (!row) {
                              restore.result.error = row.error();
                              endRestore(restore);
                              return;
                          }
                          restore.journalId = row->id;
                          restoreWith(restore, sandboxClient, sandbox);
                      });
        });
}

void CheckpointService::restoreWith(Restore restore, DaytonaClient *sandboxClient,
                                    const Sandbox &sandbox)
{
    // 3. The restore; a failure is tried once more at once (restores are idempotent), then
    // left in the journal for the next start.
    auto attempt = std::make_shared<int>(0);
    auto run = std::make_shared<std::function<void()>>();
    *run = [this, restore, sandboxClient, sandbox, attempt, run]() mutable {
        m_engine.restore(sandboxClient, sandbox, restore.repoKey, restore.treeId, restore.paths)
            .then(this,
                  [this, restore, sandboxClient, sandbox, attempt,
                   run](const RestoreResult &done) mutable {
                      if (!done.ok()) {
                          if (++*attempt < 2) {
                              (*run)();
                              return;
                          }
                          *run = nullptr; // breaks the cycle
                          restore.result.error
                              = tr("The rewind stopped halfway (%1). It is finished the next time "
                                   "Agent Studio starts; or try again now.")
                                    .arg(done.error);
                          endRestore(restore);
                          return;
                      }
                      *run = nullptr;
                      if (restore.paths.isEmpty()) {
                          finishRestore(restore, restore.treeId, done);
                          return;
                      }
                      // Some paths only: the home is a new tree, taken as it now is.
                      m_engine.capture(sandboxClient, sandbox, restore.repoKey)
                          .then(this, [this, restore, done](const CaptureResult &after) mutable {
                              if (!after.ok()) {
                                  restore.result.error = tr("The file was restored, but its "
                                                            "checkpoint could not be taken (%1).")
                                                             .arg(after.error);
                                  logFailure(m_store.removeRestore(restore.journalId),
                                             "close a journaled restore");
                                  endRestore(restore);
                                  return;
                              }
                              addUsage(after.bytesStored);
                              finishRestore(restore, after.treeId, done);
                          });
                  });
    };
    (*run)();
}

void CheckpointService::finishRestore(Restore restore, const CheckpointId &resultTree,
                                      const RestoreResult &done)
{
    restore.result.filesRestored
        = int(done.filesWritten + done.entriesDeleted + done.linksCreated + done.modesChanged);
    for (const SkippedEntry &entry : done.notRestored)
        restore.result.notRestored << entry.displayPath();
    const auto saved = m_store.checkpoint(restore.result.savedCheckpointId);
    const CheckpointId from = saved ? saved->treeId : CheckpointId();
    m_engine.diff(restore.repoKey, from, resultTree)
        .then(this, [this, restore, resultTree](const ChangeSet &changes) mutable {
            // 4. The rewind checkpoint, then the journal row goes.
            CheckpointRecord record;
            record.threadId = restore.threadId;
            record.sandboxProvider = restore.provider;
            record.sandboxId = restore.sandboxId;
            record.repoKey = restore.repoKey;
            record.treeId = resultTree;
            record.kind = CheckpointKind::Rewind;
            record.previousId = restore.result.savedCheckpointId;
            record.note = restore.note;
            const QList<FileChangeRecord> files = fileRecords(changes, 0);
            record.filesChanged = int(files.size());
            record.linesAdded = changes.additions;
            record.linesRemoved = changes.deletions;
            const auto row = saveCheckpoint(record, files);
            if (!row) {
                restore.result.error = row.error();
            } else {
                restore.result.rewindCheckpointId = row->id;
                m_lastTaken.insert(row->repoKey, *row);
                logFailure(m_store.removeRestore(restore.journalId), "close a journaled restore");
                emit checkpointAdded(*row);
            }
            qCInfo(lcAgent).noquote() << "sandbox" << restore.sandboxId << restore.note << "-"
                                      << restore.result.filesRestored << "entries restored";
            endRestore(restore);
        });
}

void CheckpointService::endRestore(Restore restore)
{
    if (restore.result.rewindCheckpointId)
        emit checkpointsChanged(restore.threadId);
    if (restore.then) {
        restore.then(restore.result);
        return;
    }
    emit rewindFinished(restore.result);
}

// --- conversation ----------------------------------------------------------------------------

void CheckpointService::forkConversation(RowId threadId, const RewindTarget &target, int step,
                                         const CheckpointId &tree, RewindResult result)
{
    QString text;
    int dropped = 0;
    const int position = forkPosition(threadId, target, step, &text, &dropped);
    const auto source = m_threads.thread(threadId);
    const QString title = tr("%1 (rewound)").arg(source ? source->title : QString());
    const auto fork = m_threads.fork(threadId, position, title);
    if (!fork) {
        result.error = fork.error();
        emit rewindFinished(result);
        return;
    }
    result.forkThreadId = fork->id;
    result.messageText = text;
    // The sandbox goes with the fork, which starts from that point's files.
    const auto all = m_store.listCheckpoints(threadId);
    const CheckpointRecord *newest = all ? newestUsable(*all, QString()) : nullptr;
    if (!newest || sandboxGone(newest->sandboxProvider, newest->sandboxId)) {
        emit rewindFinished(result);
        return;
    }
    CheckpointRecord baseline;
    baseline.threadId = fork->id;
    baseline.sandboxProvider = newest->sandboxProvider;
    baseline.sandboxId = newest->sandboxId;
    baseline.repoKey = newest->repoKey;
    baseline.treeId = tree.isEmpty() ? newest->treeId : tree;
    baseline.kind = CheckpointKind::Baseline;
    baseline.note = tr("forked from thread %1").arg(threadId);
    if (const auto saved = saveCheckpoint(baseline); saved)
        emit checkpointAdded(*saved);
    const QString provider = newest->sandboxProvider;
    const RowId forkId = fork->id;
    withSandbox(provider, newest->sandboxId, this,
                [this, result, provider, forkId](DaytonaClient *, const Sandbox &sandbox,
                                                 const QString &, bool) {
                    if (sandbox.isValid() && m_sandboxes)
                        m_sandboxes->recordCreated(provider, sandbox, forkId);
                    emit rewindFinished(result);
                });
}

// --- crash recovery --------------------------------------------------------------------------

void CheckpointService::resumePendingRestores()
{
    const auto pending = m_store.pendingRestores();
    if (!pending || pending->isEmpty()) {
        const QString error = pending ? QString() : pending.error();
        later(this, [this, error] { emit recoveryFinished(0, error); });
        return;
    }
    m_recovering = true;
    qCInfo(lcAgent) << "finishing" << pending->size() << "restore(s) a crash interrupted";
    recoverNext(*pending, 0, {});
}

void CheckpointService::recoverNext(QList<RestoreJournalRecord> pending, int finished,
                                    QStringList errors)
{
    if (pending.isEmpty()) {
        m_recovering = false;
        emit recoveryFinished(finished, errors.join(QLatin1Char('\n')));
        return;
    }
    const RestoreJournalRecord row = pending.takeFirst();
    // Killed after the rewind was recorded but before the row went: nothing left to do.
    if (const auto all = m_store.listCheckpoints(row.threadId); all) {
        for (const CheckpointRecord &c : *all) {
            if (c.kind == CheckpointKind::Rewind && c.previousId == row.savedCheckpointId
                && row.savedCheckpointId) {
                logFailure(m_store.removeRestore(row.id), "close a journaled restore");
                later(this, [this, pending, finished, errors] {
                    recoverNext(pending, finished + 1, errors);
                });
                return;
            }
        }
    }
    Restore restore;
    restore.threadId = row.threadId;
    restore.result.threadId = row.threadId;
    restore.result.savedCheckpointId = row.savedCheckpointId;
    restore.provider = row.sandboxProvider;
    restore.sandboxId = row.sandboxId;
    restore.repoKey = row.repoKey;
    restore.treeId = row.treeId;
    restore.paths = fromJournal(row.paths);
    restore.note = row.note;
    restore.journalId = row.id;
    restore.then = [this, pending, finished, errors](const RewindResult &done) mutable {
        if (done.error.isEmpty())
            ++finished;
        else
            errors << done.error;
        recoverNext(pending, finished, errors);
    };
    withSandbox(row.sandboxProvider, row.sandboxId, this,
                [this, restore, row](DaytonaClient *sandboxClient, const Sandbox &sandbox,
                                     const QString &error, bool gone) mutable {
                    if (gone) {
                        // Nothing left to restore into.
                        logFailure(m_store.removeRestore(row.id), "close a journaled restore");
                        restore.result.error = tr("Sandbox %1 was deleted before its rewind "
                                                  "could be finished.")
                                                   .arg(row.sandboxId);
                        endRestore(restore);
                        return;
                    }
                    if (!sandboxClient || !sandbox.isValid()) {
                        restore.result.error = tr("A rewind of sandbox %1 could not be "
                                                  "finished (%2); it is tried again at the "
                                                  "next start.")
                                                   .arg(row.sandboxId, error);
                        endRestore(restore);
                        return;
                    }
                    restoreWith(restore, sandboxClient, sandbox);
                });
}

// --- eviction --------------------------------------------------------------------------------

void CheckpointService::evict(const StorageUsage &usage)
{
    qint64 over = usage.totalBytes - m_capBytes;
    if (over <= 0 || !usage.error.isEmpty()) {
        m_evicting = false;
        return;
    }
    const auto all = m_store.allCheckpoints();
    if (!all) {
        m_evicting = false;
        return;
    }
    const auto journal = m_store.pendingRestores();
    QSet<QString> busy; // repositories a journaled restore still needs
    if (journal) {
        for (const RestoreJournalRecord &r : *journal)
            busy.insert(r.repoKey);
    }
    // 1. Repositories of deleted sandboxes, least recently used first.
    QHash<QString, const CheckpointRecord *> anyOf;
    for (const CheckpointRecord &c : *all)
        anyOf.insert(c.repoKey, &c);
    for (const RepositoryUsage &repo : usage.repositories) {
        const CheckpointRecord *c = anyOf.value(repo.repoKey);
        if (!c || busy.contains(repo.repoKey) || !sandboxGone(c->sandboxProvider, c->sandboxId))
            continue;
        const QString key = repo.repoKey;
        qCInfo(lcAgent) << "storage cap: removing the checkpoints of deleted sandbox" << key;
        m_engine.removeRepository(key).then(this, [this, key](const QString &error) {
            if (!error.isEmpty()) {
                qCWarning(lcAgent).noquote() << "cannot remove" << key << "-" << error;
                m_evicting = false;
                return;
            }
            QList<RowId> ids;
            QSet<RowId> threads;
            if (const auto rows = m_store.allCheckpoints(); rows) {
                for (const CheckpointRecord &c : *rows) {
                    if (c.repoKey == key && !c.evicted) {
                        ids << c.id;
                        threads.insert(c.threadId);
                    }
                }
            }
            logFailure(m_store.setCheckpointsEvicted(ids), "mark checkpoints evicted");
            for (RowId thread : std::as_const(threads))
                emit checkpointsChanged(thread);
            m_engine.usage().then(this, [this](const StorageUsage &next) {
                m_storage.bytesUsed = next.totalBytes;
                m_storage.repositories = int(next.repositories.size());
                emit usageChanged(m_storage);
                evict(next);
            });
        });
        return;
    }
    // 2. The oldest checkpoints: the repository holding the oldest kept tree keeps its newer
    // half (always its newest two, what "now" and undo need).
    QHash<QString, QList<const CheckpointRecord *>> kept;
    for (const CheckpointRecord &c : *all) {
        if (c.isUsable())
            kept[c.repoKey] << &c;
    }
    QString oldestRepo;
    RowId oldestId = 0;
    for (auto it = kept.cbegin(); it != kept.cend(); ++it) {
        if (it.value().size() <= 2 || busy.contains(it.key()))
            continue;
        if (!oldestId || it.value().constFirst()->id < oldestId) {
            oldestId = it.value().constFirst()->id;
            oldestRepo = it.key();
        }
    }
    if (oldestRepo.isEmpty()) {
        qCWarning(lcAgent) << "checkpoints use" << usage.totalBytes << "bytes, over the cap of"
                           << m_capBytes << ", but nothing more can be evicted";
        m_evicting = false;
        return;
    }
    const QList<const CheckpointRecord *> &rows = kept.value(oldestRepo);
    const qsizetype drop = qMin(rows.size() - 2, qMax<qsizetype>(1, rows.size() / 2));
    QList<RowId> dropped;
    QSet<RowId> threads;
    QSet<QString> dropTrees;
    for (qsizetype i = 0; i < drop; ++i) {
        dropped << rows.at(i)->id;
        threads.insert(rows.at(i)->threadId);
        dropTrees.insert(rows.at(i)->treeId);
    }
    QList<CheckpointId> keep;
    for (qsizetype i = drop; i < rows.size(); ++i) {
        if (!keep.contains(rows.at(i)->treeId))
            keep << rows.at(i)->treeId;
    }
    // A tree also named by a kept checkpoint stays; those rows stay usable.
    QList<RowId> evicted;
    for (qsizetype i = 0; i < drop; ++i) {
        if (!keep.contains(rows.at(i)->treeId))
            evicted << rows.at(i)->id;
    }
    qCInfo(lcAgent) << "storage cap: dropping" << evicted.size() << "old checkpoint(s) of"
                    << oldestRepo;
    m_engine.compact(oldestRepo, keep)
        .then(this, [this, evicted, threads](const CompactResult &compacted) {
            if (!compacted.ok()) {
                qCWarning(lcAgent).noquote() << "cannot compact checkpoints -" << compacted.error;
                m_evicting = false;
                return;
            }
            logFailure(m_store.setCheckpointsEvicted(evicted), "mark checkpoints evicted");
            for (RowId thread : threads)
                emit checkpointsChanged(thread);
            m_engine.usage().then(this, [this](const StorageUsage &next) {
                m_storage.bytesUsed = next.totalBytes;
                m_storage.repositories = int(next.repositories.size());
                emit usageChanged(m_storage);
                evict(next);
            });
        });
}
