// CaptureJob: the network side of a capture, with the git work on the pool.
#include "checkpoint/CaptureJob.h"

#include "checkpoint/CheckpointLog.h"
#include "checkpoint/ManifestRequest.h"
#include "checkpoint/RepositoryState.h"
#include "sandbox/DaytonaClient.h"

#include <QJsonObject>
#include <QtConcurrent>

CaptureJob::CaptureJob(DaytonaClient *client, const Sandbox &sandbox,
                       std::shared_ptr<RepositoryState> state, bool forceFind, QThreadPool *pool,
                       QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandbox(sandbox)
    , m_state(std::move(state))
    , m_forceFind(forceFind)
    , m_pool(pool)
{
}

void CaptureJob::start()
{
    m_timer.start();
    if (!m_client)
        return fail(QStringLiteral("The sandbox client is gone."));
    ManifestRequest::start(
        m_client, m_sandbox, m_forceFind, m_state, this,
        [this](const HomeManifest &manifest, const QString &source, const QString &error) {
            m_source = source;
            qCDebug(lcCheckpoint) << "manifest" << manifest.entries.size() << "entries"
                                  << m_timer.elapsed() << "ms";
            if (!error.isEmpty())
                return fail(QStringLiteral("Could not take a checkpoint of sandbox %1: %2")
                                .arg(m_sandbox.id, error));
            QtConcurrent::run(m_pool, [state = m_state, manifest] {
                return SnapshotWriter::plan(*state, manifest);
            }).then(this, [this](CapturePlan plan) { planned(std::move(plan)); });
        });
}

void CaptureJob::planned(CapturePlan plan)
{
    m_plan = std::make_shared<CapturePlan>(std::move(plan));
    qCDebug(lcCheckpoint) << "planned" << m_plan->fetch.size() + m_plan->fetchRaw.size()
                          << "to fetch" << m_timer.elapsed() << "ms";
    fetchNext();
}

void CaptureJob::fetchNext()
{
    if (!m_client)
        return fail(QStringLiteral("The sandbox client is gone."));
    const QList<ManifestEntry> &all = m_plan->fetch;
    if (m_next < all.size()) {
        QStringList paths;
        qint64 bytes = 0;
        while (m_next < all.size() && paths.size() < kBatchFiles
               && (paths.isEmpty() || bytes + all[m_next].size <= kBatchBytes)) {
            paths.append(QLatin1String(Checkpoints::kHome) + QLatin1Char('/')
                         + QString::fromUtf8(all[m_next].path));
            bytes += all[m_next].size;
            ++m_next;
        }
        DaytonaCall *call = m_client->downloadFiles(m_sandbox, paths);
        connect(call, &DaytonaCall::finished, this, [this, paths](const DaytonaResult &r) {
            if (!r.ok())
                return fail(QStringLiteral("Could not download the sandbox's files for a "
                                           "checkpoint: %1")
                                .arg(r.error.message));
            QtConcurrent::run(m_pool, [state = m_state, plan = m_plan, r, paths] {
                QList<DownloadedFile> files;
                QString error;
                if (!DaytonaClient::parseBulkDownload(r, paths, &files, &error))
                    return std::make_pair(StoredFiles(), error);
                const qsizetype prefix = qstrlen(Checkpoints::kHome) + 1;
                QList<FetchedFile> fetched;
                fetched.reserve(files.size());
                for (const DownloadedFile &d : std::as_const(files))
                    fetched.append(
                        {d.path.mid(prefix).toUtf8(), d.content, d.errorStatus, d.errorMessage});
                QString storeError;
                StoredFiles s = SnapshotWriter::store(*state, *plan, fetched, &storeError);
                return std::make_pair(s, storeError);
            }).then(this, [this](const std::pair<StoredFiles, QString> &s) {
                stored(s.first, s.second);
            });
        });
        return;
    }
    if (m_nextRaw < m_plan->fetchRaw.size()) {
        QList<QByteArray> paths;
        qint64 bytes = 0;
        const QList<ManifestEntry> &raw = m_plan->fetchRaw;
        while (m_nextRaw < raw.size() && paths.size() < kBatchFiles
               && (paths.isEmpty() || bytes + raw[m_nextRaw].size <= kRawBatchBytes)) {
            paths.append(raw[m_nextRaw].path);
            bytes += raw[m_nextRaw].size;
            ++m_nextRaw;
        }
        DaytonaCall *call = m_client->execute(
            m_sandbox, SnapshotWriter::rawFetchCommand(QLatin1String(Checkpoints::kHome), paths),
            QString(), {}, 300);
        connect(call, &DaytonaCall::finished, this, [this, paths](const DaytonaResult &r) {
            if (!r.ok())
                return fail(
                    QStringLiteral("Could not read the sandbox's files for a checkpoint: %1")
                        .arg(r.error.message));
            const QByteArray output = ExecResult::fromJson(r.json().object()).result.toUtf8();
            QtConcurrent::run(m_pool, [state = m_state, plan = m_plan, output, paths] {
                QString error;
                StoredFiles s = SnapshotWriter::store(
                    *state, *plan, SnapshotWriter::parseRawFetch(output, paths), &error);
                return std::make_pair(s, error);
            }).then(this, [this](const std::pair<StoredFiles, QString> &s) {
                stored(s.first, s.second);
            });
        });
        return;
    }
    QtConcurrent::run(m_pool, [state = m_state, plan = m_plan, stored = m_stored] {
        return SnapshotWriter::finish(*state, *plan, stored);
    }).then(this, [this](CaptureResult result) {
        result.elapsedMs = m_timer.elapsed();
        result.manifestSource = m_source;
        result.bytesFetched = m_stored.bytesFetched;
        m_done = true;
        emit finished(result);
        QtConcurrent::run(m_pool, [state = m_state] { state->save(); }).then(this, [this] {
            emit settled();
        });
    });
}

void CaptureJob::stored(const StoredFiles &batch, const QString &error)
{
    if (!error.isEmpty())
        return fail(QStringLiteral("Could not store the sandbox's files: %1").arg(error));
    m_stored.blobs.insert(batch.blobs);
    m_stored.exact.unite(batch.exact);
    m_stored.failed.append(batch.failed);
    m_stored.bytesFetched += batch.bytesFetched;
    m_stored.bytesStored += batch.bytesStored;
    fetchNext();
}

void CaptureJob::fail(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    CaptureResult result;
    result.error = error;
    result.elapsedMs = m_timer.elapsed();
    result.manifestSource = m_source;
    emit finished(result);
    emit settled();
}
