// One capture of a sandbox home: manifest (ManifestRequest), plan on a worker, fetch the files
// the stat cache does not know in batches (bulk download; a command for non-UTF-8 names), store
// each batch on a worker, then write the checkpoint on a worker. Reports finished once.
#pragma once

#include "checkpoint/CheckpointTypes.h"
#include "checkpoint/SnapshotWriter.h"
#include "sandbox/SandboxTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>

class DaytonaClient;
class QThreadPool;
struct RepositoryState;

class CaptureJob final : public QObject
{
    Q_OBJECT
public:
    CaptureJob(DaytonaClient *client, const Sandbox &sandbox,
               std::shared_ptr<RepositoryState> state, bool forceFind, QThreadPool *pool,
               QObject *parent);
    void start();

    // Per download request: at most this many files or bytes (a bigger file goes alone).
    static constexpr int kBatchFiles = 500;
    static constexpr qint64 kBatchBytes = qint64(16) << 20;
    // Names that are not UTF-8 come through a command's output (base64), which a server may cap.
    static constexpr qint64 kRawBatchBytes = 256 << 10;

signals:
    void finished(const CaptureResult &result);
    // After finished: the stat cache is on disk too (the next job of the repository may start).
    void settled();

private:
    void planned(CapturePlan plan);
    void fetchNext();
    void stored(const StoredFiles &batch, const QString &error);
    void fail(const QString &error);

    QPointer<DaytonaClient> m_client;
    Sandbox m_sandbox;
    std::shared_ptr<RepositoryState> m_state;
    bool m_forceFind;
    QThreadPool *m_pool;
    QElapsedTimer m_timer;
    QString m_source;
    std::shared_ptr<CapturePlan> m_plan;
    qsizetype m_next = 0; // index into plan->fetch
    qsizetype m_nextRaw = 0; // index into plan->fetchRaw
    StoredFiles m_stored;
    bool m_done = false;
};
