// One restore of a sandbox home to a checkpoint: a fresh manifest, the plan on a worker
// (RestorePlanner), then deletes, folders, uploads in batches (contents read on a worker), and
// one command for links, executable bits and non-UTF-8 names. Reports finished once.
#pragma once

#include "checkpoint/CheckpointTypes.h"
#include "checkpoint/RestorePlanner.h"
#include "sandbox/SandboxTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>

class DaytonaClient;
class QThreadPool;
struct RepositoryState;

class RestoreJob final : public QObject
{
    Q_OBJECT
public:
    RestoreJob(DaytonaClient *client, const Sandbox &sandbox,
               std::shared_ptr<RepositoryState> state, const GitOid &checkpoint,
               const QList<QByteArray> &paths, bool forceFind, QThreadPool *pool, QObject *parent);
    void start();

    static constexpr int kParallelDeletes = 4;

signals:
    void finished(const RestoreResult &result);

private:
    void planned(const RestorePlan &plan, const QString &error);
    void deleteNext();
    void makeFolders();
    void uploadNext();
    void runScript();
    void succeed();
    void fail(const QString &error);
    bool clientGone();

    QPointer<DaytonaClient> m_client;
    Sandbox m_sandbox;
    std::shared_ptr<RepositoryState> m_state;
    GitOid m_checkpoint;
    QList<QByteArray> m_paths;
    bool m_forceFind;
    QThreadPool *m_pool;
    QElapsedTimer m_timer;
    std::shared_ptr<RestorePlan> m_plan;
    RestoreResult m_result;
    qsizetype m_nextDelete = 0;
    int m_deletesRunning = 0;
    qsizetype m_foldersLeft = 0;
    qsizetype m_nextUpload = 0; // over uploads, then rawUploads
    bool m_done = false;
};
