// Internal helpers of CheckpointService (not part of its API): the thread's steps numbered
// across runs, picking checkpoints for a point of the thread, and turning diffs into store rows
// and back.
#pragma once

#include "checkpoint/CheckpointTypes.h"
#include "services/CheckpointService.h"
#include "store/CheckpointRecords.h"
#include "store/StoreResult.h"

#include <QHash>
#include <QMetaObject>
#include <QObject>

#include <functional>

class Store;

namespace CheckpointSupport {

inline void later(QObject *context, std::function<void()> work)
{
    QMetaObject::invokeMethod(context, std::move(work), Qt::QueuedConnection);
}

// A store write the service can live without (the journal row is retried at the next start):
// logged when it fails.
void logFailure(const StoreStatus &status, const char *what);

// The thread's steps in the order they ran, numbered 1, 2, ...; *error when unreadable.
QList<ThreadStep> threadSteps(Store &store, RowId threadId, QString *error);

// (run, step index) -> thread step number.
class StepNumbers final
{
public:
    explicit StepNumbers(const QList<ThreadStep> &steps);
    int number(RowId runId, int stepIndex) const; // 0 when unknown
    int count() const { return m_count; }

private:
    QHash<QPair<RowId, int>, int> m_numbers;
    int m_count = 0;
};

// Checkpoints of one repository (empty repoKey: any) that hold a tree.
const CheckpointRecord *newestUsable(const QList<CheckpointRecord> &all, const QString &repoKey);
const CheckpointRecord *firstUsable(const QList<CheckpointRecord> &all, const QString &repoKey);
const CheckpointRecord *previousUsable(const QList<CheckpointRecord> &all, const QString &repoKey,
                                       RowId beforeId);
// The home as it was when step `step` finished (0: the thread's beginning): the newest baseline,
// before or after checkpoint taken in a run at or before that step.
const CheckpointRecord *stateAt(const QList<CheckpointRecord> &all, const StepNumbers &numbers,
                                const QString &repoKey, int step);

// What the store kept of the calls between two checkpoints (trees evicted): files and counts,
// no hunks.
ChangeSet changesFromStore(Store &store, const QList<CheckpointRecord> &all, RowId fromId,
                           RowId toId, const QString &repoKey);
QList<FileChangeRecord> fileRecords(const ChangeSet &changes, RowId toolCallId);
// "skipped: 2 named pipes, 1 huge file (...)" for a checkpoint's note.
QString skippedNote(const QList<SkippedEntry> &skipped);

} // namespace CheckpointSupport
