// What the store keeps about checkpoints (issue 15): one row per snapshot of a sandbox home
// (its git tree id in the app-side repository, what it was taken around, counts), the files each
// tool call changed (so a thread's history stays readable after its sandbox and even its
// repository are gone), and the restore journal (restores that must finish after a crash).
#pragma once

#include "store/StoreTypes.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// baseline: right after the agent created the sandbox (or where a forked thread starts);
// before / after: around one tool call that can change files; rewind: the home after a rewind,
// an undo or a one-file revert; saved: the home just before a rewind (what undo goes back to).
enum class CheckpointKind { Baseline, Before, After, Rewind, Saved };

struct CheckpointRecord
{
    RowId id = 0;
    RowId threadId = 0;
    RowId runId = 0; // 0: taken outside a run (rewind, saved, fork baseline)
    int stepIndex = -1; // within the run; -1 outside a run
    RowId toolCallId = 0; // the tool call row it was taken around (before/after), else 0
    QString sandboxProvider; // "local" or "daytona"
    QString sandboxId; // the provider's id
    QString repoKey; // which app-side repository holds the tree
    QString treeId; // empty: the checkpoint could not be taken (note says why)
    CheckpointKind kind = CheckpointKind::After;
    QDateTime createdAt;
    // Against the checkpoint before it (after: its call's before; rewind: the saved state).
    int filesChanged = 0;
    int linesAdded = 0;
    int linesRemoved = 0;
    qint64 bytesStored = 0; // what this capture added to the repository
    QString note; // why it could not be taken, or what a rewind did
    RowId previousId = 0; // rewind: the saved checkpoint undo goes back to
    bool evicted = false; // the storage cap dropped its tree: lists and counts only

    bool isUsable() const { return !treeId.isEmpty() && !evicted; }
};

// One file a tool call (or a rewind) changed, as the diff between its two checkpoints said.
struct FileChangeRecord
{
    RowId checkpointId = 0; // the "after" (or rewind) checkpoint
    RowId toolCallId = 0; // 0 for a rewind
    QString path; // relative to the home, display form (non-UTF-8 bytes as \xNN)
    QString kind; // "added", "modified", "deleted", "typechange"
    int linesAdded = 0;
    int linesRemoved = 0;
    qint64 size = 0; // bytes after the change (before it, for a deletion)
    bool binary = false;
};

// A restore under way: which sandbox goes to which tree. Written before the restore starts,
// removed after it ended; a row found at start is a restore a crash interrupted, run again.
struct RestoreJournalRecord
{
    RowId id = 0;
    RowId threadId = 0;
    QString sandboxProvider;
    QString sandboxId;
    QString repoKey;
    QString treeId;
    QStringList paths; // empty: the whole home
    RowId savedCheckpointId = 0; // the state before the restore (undo goes back to it)
    QString note; // what the restore is for, as the rewind checkpoint will say
    QDateTime createdAt;
};

namespace StoreEnums {
QString toString(CheckpointKind kind);
CheckpointKind checkpointKindFrom(const QString &name, bool *ok = nullptr);
} // namespace StoreEnums
