// CheckpointEngine: per-repository job queues; capture and restore through their jobs, the
// rest on the pool.
#include "checkpoint/CheckpointEngine.h"

#include "checkpoint/CaptureJob.h"
#include "checkpoint/CheckpointLog.h"
#include "checkpoint/GitRepository.h"
#include "checkpoint/RepositoryState.h"
#include "checkpoint/RestoreJob.h"
#include "checkpoint/TreeDiff.h"
#include "core/StudioPaths.h"
#include "sandbox/DaytonaClient.h"

#include <QDir>
#include <QFile>
#include <QPromise>
#include <QtConcurrent>

#include <git2.h>

Q_LOGGING_CATEGORY(lcCheckpoint, "studio.checkpoint", QtInfoMsg)

namespace {

template<typename T> QFuture<T> readyFuture(const T &value)
{
    QPromise<T> promise;
    promise.start();
    promise.addResult(value);
    promise.finish();
    return promise.future();
}

QString invalidKey(const QString &key)
{
    return QStringLiteral("\"%1\" is not a checkpoint repository name").arg(key);
}

bool validKey(const QString &key)
{
    if (key.isEmpty() || key.startsWith(QLatin1Char('.')) || key.size() > 200)
        return false;
    for (const QChar c : key) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-')
            && c != QLatin1Char('_') && c != QLatin1Char('.'))
            return false;
    }
    return true;
}

} // namespace

CheckpointEngine::CheckpointEngine(const QString &directory, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
{
    git_libgit2_init();
    // Objects read back are not hashed again (diffs of thousands of files): the repositories
    // are the app's own, written only by this engine.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    m_pool.setMaxThreadCount(2);
}

CheckpointEngine::~CheckpointEngine()
{
    m_pool.waitForDone();
    m_states.clear();
    git_libgit2_shutdown();
}

QString CheckpointEngine::defaultDirectory(const StudioPaths &paths)
{
    return paths.dataDir() + QStringLiteral("/checkpoints");
}

QString CheckpointEngine::repoKeyFor(const QString &provider, const QString &sandboxId)
{
    QString key = provider + QLatin1Char('-') + sandboxId;
    for (QChar &c : key) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-')
            && c != QLatin1Char('_') && c != QLatin1Char('.'))
            c = QLatin1Char('_');
    }
    while (key.startsWith(QLatin1Char('.')))
        key[0] = QLatin1Char('_');
    return key.left(200);
}

QString CheckpointEngine::repositoryPath(const QString &repoKey) const
{
    return m_directory + QLatin1Char('/') + repoKey + QStringLiteral(".git");
}

std::shared_ptr<RepositoryState> CheckpointEngine::state(const QString &repoKey)
{
    auto it = m_states.find(repoKey);
    if (it == m_states.end())
        it = m_states.insert(repoKey, std::make_shared<RepositoryState>(repositoryPath(repoKey)));
    return it.value();
}

void CheckpointEngine::enqueue(const QString &repoKey,
                               std::function<void(std::function<void()> done)> job)
{
    auto &queue = m_queues[repoKey];
    queue.append(std::move(job));
    // The first of a queue starts on the next turn, so that every job reports asynchronously.
    if (queue.size() == 1)
        QTimer::singleShot(0, this, [this, repoKey] { runFront(repoKey); });
}

void CheckpointEngine::runFront(const QString &repoKey)
{
    const auto it = m_queues.constFind(repoKey);
    if (it == m_queues.cend() || it->isEmpty())
        return;
    const auto job = it->first();
    auto called = std::make_shared<bool>(false);
    job([this, repoKey, called] {
        if (*called)
            return;
        *called = true;
        QTimer::singleShot(0, this, [this, repoKey] {
            const auto queue = m_queues.find(repoKey);
            if (queue == m_queues.end())
                return;
            queue->removeFirst();
            if (queue->isEmpty())
                m_queues.erase(queue);
            else
                runFront(repoKey);
        });
    });
}

template<typename T>
QFuture<T> CheckpointEngine::runOnPool(const QString &repoKey, std::function<T()> work)
{
    auto promise = std::make_shared<QPromise<T>>();
    promise->start();
    QFuture<T> future = promise->future();
    enqueue(repoKey, [this, promise, work = std::move(work)](std::function<void()> done) {
        QtConcurrent::run(&m_pool, work).then(this, [promise, done](const T &result) {
            promise->addResult(result);
            promise->finish();
            done();
        });
    });
    return future;
}

QFuture<CaptureResult> CheckpointEngine::capture(DaytonaClient *client, const Sandbox &sandbox,
                                                 const QString &repoKey)
{
    if (!validKey(repoKey)) {
        CaptureResult r;
        r.error = invalidKey(repoKey);
        return readyFuture(r);
    }
    auto promise = std::make_shared<QPromise<CaptureResult>>();
    promise->start();
    QFuture<CaptureResult> future = promise->future();
    QPointer<DaytonaClient> guard(client);
    const bool forceFind = m_manifestSource == ManifestSource::Find;
    enqueue(repoKey,
            [this, guard, sandbox, st = state(repoKey), forceFind,
             promise](std::function<void()> done) {
                auto *job = new CaptureJob(guard, sandbox, st, forceFind, &m_pool, this);
                connect(job, &CaptureJob::finished, this, [promise](const CaptureResult &r) {
                    promise->addResult(r);
                    promise->finish();
                });
                connect(job, &CaptureJob::settled, this, [job, done] {
                    job->deleteLater();
                    done();
                });
                job->start();
            });
    return future;
}

QFuture<RestoreResult> CheckpointEngine::restore(DaytonaClient *client, const Sandbox &sandbox,
                                                 const QString &repoKey, const CheckpointId &treeId,
                                                 const QList<QByteArray> &paths)
{
    const GitOid checkpoint = GitRepository::fromHex(treeId);
    if (!validKey(repoKey) || checkpoint.isEmpty()) {
        RestoreResult r;
        r.treeId = treeId;
        r.error = checkpoint.isEmpty() ? QStringLiteral("\"%1\" is not a checkpoint id").arg(treeId)
                                       : invalidKey(repoKey);
        return readyFuture(r);
    }
    auto promise = std::make_shared<QPromise<RestoreResult>>();
    promise->start();
    QFuture<RestoreResult> future = promise->future();
    QPointer<DaytonaClient> guard(client);
    const bool forceFind = m_manifestSource == ManifestSource::Find;
    enqueue(
        repoKey,
        [this, guard, sandbox, st = state(repoKey), checkpoint, paths, forceFind,
         promise](std::function<void()> done) {
            auto *job
                = new RestoreJob(guard, sandbox, st, checkpoint, paths, forceFind, &m_pool, this);
            connect(job, &RestoreJob::finished, this, [job, promise, done](const RestoreResult &r) {
                promise->addResult(r);
                promise->finish();
                job->deleteLater();
                done();
            });
            job->start();
        });
    return future;
}

QFuture<ChangeSet> CheckpointEngine::diff(const QString &repoKey, const CheckpointId &from,
                                          const CheckpointId &to, const DiffOptions &options)
{
    if (!validKey(repoKey)) {
        ChangeSet r;
        r.error = invalidKey(repoKey);
        return readyFuture(r);
    }
    const QString path = repositoryPath(repoKey);
    return runOnPool<ChangeSet>(
        repoKey, [path, from, to, options] { return TreeDiff::diff(path, from, to, options); });
}

QFuture<FileAtTree> CheckpointEngine::fileAt(const QString &repoKey, const CheckpointId &treeId,
                                             const QByteArray &filePath)
{
    if (!validKey(repoKey)) {
        FileAtTree r;
        r.error = invalidKey(repoKey);
        return readyFuture(r);
    }
    const QString path = repositoryPath(repoKey);
    return runOnPool<FileAtTree>(
        repoKey, [path, treeId, filePath] { return TreeDiff::fileAt(path, treeId, filePath); });
}

QFuture<ExportResult> CheckpointEngine::exportPatch(const QString &repoKey,
                                                    const CheckpointId &from,
                                                    const CheckpointId &to,
                                                    const QList<QByteArray> &paths)
{
    if (!validKey(repoKey)) {
        ExportResult r;
        r.error = invalidKey(repoKey);
        return readyFuture(r);
    }
    const QString path = repositoryPath(repoKey);
    return runOnPool<ExportResult>(
        repoKey, [path, from, to, paths] { return TreeDiff::patch(path, from, to, paths); });
}

QFuture<ExportResult> CheckpointEngine::exportArchive(const QString &repoKey,
                                                      const CheckpointId &from,
                                                      const CheckpointId &to,
                                                      const QString &outputFile,
                                                      const QList<QByteArray> &paths)
{
    if (!validKey(repoKey)) {
        ExportResult r;
        r.error = invalidKey(repoKey);
        return readyFuture(r);
    }
    const QString path = repositoryPath(repoKey);
    return runOnPool<ExportResult>(repoKey, [path, from, to, outputFile, paths] {
        return TreeDiff::archive(path, from, to, outputFile, paths);
    });
}

QFuture<StorageUsage> CheckpointEngine::usage()
{
    const QString directory = m_directory;
    return QtConcurrent::run(&m_pool, [directory] {
        StorageUsage usage;
        const QFileInfoList repos = QDir(directory).entryInfoList(
            {QStringLiteral("*.git")}, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
        for (const QFileInfo &info : repos) {
            RepositoryUsage u;
            u.repoKey = info.fileName().chopped(4);
            u.bytes = GitRepository::diskUsage(info.filePath());
            u.checkpoints = int(QDir(info.filePath() + QStringLiteral("/refs/checkpoints"))
                                    .entryList(QDir::Files)
                                    .size());
            QFile lastUsed(info.filePath() + QStringLiteral("/studio-last-used"));
            u.lastUsed = lastUsed.open(QIODevice::ReadOnly)
                ? QDateTime::fromMSecsSinceEpoch(lastUsed.readAll().trimmed().toLongLong())
                : info.lastModified();
            usage.totalBytes += u.bytes;
            usage.repositories.append(u);
        }
        std::sort(usage.repositories.begin(), usage.repositories.end(),
                  [](const RepositoryUsage &a, const RepositoryUsage &b) {
                      return a.lastUsed < b.lastUsed;
                  });
        return usage;
    });
}

QFuture<CompactResult> CheckpointEngine::compact(const QString &repoKey,
                                                 const QList<CheckpointId> &keep, bool repack)
{
    if (!validKey(repoKey)) {
        CompactResult r;
        r.error = invalidKey(repoKey);
        return readyFuture(r);
    }
    return runOnPool<CompactResult>(repoKey, [st = state(repoKey), keep, repack] {
        CompactResult result;
        GitRepository repo;
        if (!repo.open(st->path, false, &result.error))
            return result;
        QList<GitOid> ids;
        for (const CheckpointId &k : keep) {
            const GitOid id = GitRepository::fromHex(k);
            if (!id.isEmpty() && repo.exists(id))
                ids.append(id);
        }
        // Blobs still referenced: the stat cache keeps only those.
        const QSet<GitOid> live = repo.reachable(ids);
        result.bytesBefore = GitRepository::diskUsage(st->path);
        if (!repo.compactTo(ids, repack, &result.dropped, &result.error))
            return result;
        result.kept = int(ids.size());
        st->knownTrees.clear();
        st->load();
        for (auto it = st->files.begin(); it != st->files.end();) {
            if (live.contains(it->blob))
                ++it;
            else
                it = st->files.erase(it);
        }
        st->save();
        result.bytesAfter = GitRepository::diskUsage(st->path);
        return result;
    });
}

QFuture<QString> CheckpointEngine::removeRepository(const QString &repoKey)
{
    if (!validKey(repoKey))
        return readyFuture(invalidKey(repoKey));
    auto st = state(repoKey);
    return runOnPool<QString>(repoKey, [st] {
        st->knownTrees.clear();
        st->files.clear();
        st->loaded = true;
        if (QFileInfo::exists(st->path) && !QDir(st->path).removeRecursively())
            return QStringLiteral("Could not remove %1; remove it by hand.").arg(st->path);
        st->loaded = false;
        return QString();
    });
}
