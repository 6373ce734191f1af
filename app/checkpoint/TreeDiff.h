// Reading checkpoints on a worker thread: the change between two of them (libgit2's tree diff,
// with huge files merged in from the skipped lists), a patch `git apply` accepts, a tar archive
// of the changed files (libarchive), and one path's content at a checkpoint.
#pragma once

#include "checkpoint/CheckpointTypes.h"

class TreeDiff final
{
public:
    static ChangeSet diff(const QString &repoPath, const CheckpointId &from, const CheckpointId &to,
                          const DiffOptions &options);
    static ExportResult patch(const QString &repoPath, const CheckpointId &from,
                              const CheckpointId &to, const QList<QByteArray> &paths);
    static ExportResult archive(const QString &repoPath, const CheckpointId &from,
                                const CheckpointId &to, const QString &outputFile,
                                const QList<QByteArray> &paths);
    static FileAtTree fileAt(const QString &repoPath, const CheckpointId &tree,
                             const QByteArray &path);
};
