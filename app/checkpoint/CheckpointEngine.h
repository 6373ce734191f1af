// The checkpoint engine: content-addressed snapshots of a sandbox's home (/home/daytona) in one
// bare git repository per sandbox (libgit2), kept app-side where neither the sandbox nor the
// model can see them: <data dir>/checkpoints/<provider>-<sandboxId>.git. It captures a home
// (listing it through a manifest, fetching only files the stat cache does not know), restores
// a home to a checkpoint, diffs two checkpoints, exports patches and archives, and measures and
// compacts its storage. Every job runs asynchronously (network through DaytonaClient on this
// thread, git work on a worker) and reports once, as a value, through a QFuture: continue with
// future.then(context, ...). Jobs on one repository run one at a time, in order.
#pragma once

#include "checkpoint/CheckpointTypes.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

class DaytonaClient;
class StudioPaths;
struct Sandbox;
struct RepositoryState;

class CheckpointEngine final : public QObject
{
    Q_OBJECT
public:
    // How a capture or restore learns what the home holds.
    enum class ManifestSource {
        Auto, // the local server's GET {toolbox}/{id}/files/manifest; a 404 -> Find
        Find // DaytonaClient::execute of a `find -printf` command (Daytona cloud; forced in tests)
    };

    // directory: where the repositories live (made 0700 when first needed).
    explicit CheckpointEngine(const QString &directory, QObject *parent = nullptr);
    ~CheckpointEngine() override;

    // <data dir>/checkpoints
    static QString defaultDirectory(const StudioPaths &paths);
    // "<provider>-<sandboxId>", reduced to [A-Za-z0-9._-] so it is always one safe file name.
    static QString repoKeyFor(const QString &provider, const QString &sandboxId);
    QString directory() const { return m_directory; }
    QString repositoryPath(const QString &repoKey) const; // <directory>/<repoKey>.git

    void setManifestSource(ManifestSource source) { m_manifestSource = source; }
    ManifestSource manifestSource() const { return m_manifestSource; }

    // Snapshot of the sandbox's home now. The tree is kept (a ref) until compact() drops it.
    QFuture<CaptureResult> capture(DaytonaClient *client, const Sandbox &sandbox,
                                   const QString &repoKey);
    // Makes the home match checkpoint treeId for these paths (files or folders; empty = the
    // whole home): uploads what differs, deletes what the checkpoint lacks, creates folders,
    // sets executable bits, recreates symlinks (replacing any link planted in their way). Never
    // touches a `.git`, nor paths the checkpoint skipped (huge, unreadable, fifos, ...).
    // Idempotent: after a crash halfway, running it again finishes the job.
    QFuture<RestoreResult> restore(DaytonaClient *client, const Sandbox &sandbox,
                                   const QString &repoKey, const CheckpointId &treeId,
                                   const QList<QByteArray> &paths = {});
    // What changed from one checkpoint to another (empty id = an empty home).
    QFuture<ChangeSet> diff(const QString &repoKey, const CheckpointId &from,
                            const CheckpointId &to, const DiffOptions &options = {});
    QFuture<FileAtTree> fileAt(const QString &repoKey, const CheckpointId &treeId,
                               const QByteArray &path);
    // The change from -> to as a patch `git apply` accepts (binary files included).
    QFuture<ExportResult> exportPatch(const QString &repoKey, const CheckpointId &from,
                                      const CheckpointId &to, const QList<QByteArray> &paths = {});
    // The files changed from -> to, as they are at `to`, written to outputFile as a tar archive.
    QFuture<ExportResult> exportArchive(const QString &repoKey, const CheckpointId &from,
                                        const CheckpointId &to, const QString &outputFile,
                                        const QList<QByteArray> &paths = {});

    // Bytes on disk per repository and in total.
    QFuture<StorageUsage> usage();
    // Keeps only these checkpoints (and what they share); the rest is freed at once. With
    // repack, what is kept is also packed into one delta-compressed pack: about half the disk,
    // but it takes seconds to minutes and the repository's other jobs wait for it.
    QFuture<CompactResult> compact(const QString &repoKey, const QList<CheckpointId> &keep,
                                   bool repack = false);
    // Deletes a repository (its sandbox is gone and its checkpoints are no longer wanted).
    // Empty string on success, else why not.
    QFuture<QString> removeRepository(const QString &repoKey);

private:
    // Runs job when every earlier job of this repository has finished; job calls done() once.
    void enqueue(const QString &repoKey, std::function<void(std::function<void()> done)> job);
    void runFront(const QString &repoKey);
    template<typename T> QFuture<T> runOnPool(const QString &repoKey, std::function<T()> work);
    std::shared_ptr<RepositoryState> state(const QString &repoKey);

    QString m_directory;
    ManifestSource m_manifestSource = ManifestSource::Auto;
    QHash<QString, std::shared_ptr<RepositoryState>> m_states;
    QHash<QString, QList<std::function<void(std::function<void()>)>>> m_queues;
    QThreadPool m_pool; // last: its jobs finish before the members they use go
};
