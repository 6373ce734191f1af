// RestoreJob: the network side of a restore.
#include "checkpoint/RestoreJob.h"

#include "checkpoint/ManifestRequest.h"
#include "checkpoint/RepositoryState.h"
#include "checkpoint/ShellScript.h"
#include "checkpoint/SnapshotWriter.h"
#include "sandbox/DaytonaClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtConcurrent>

namespace {

QString sandboxPath(const QByteArray &relative)
{
    return QLatin1String(Checkpoints::kHome) + QLatin1Char('/') + QString::fromUtf8(relative);
}

} // namespace

RestoreJob::RestoreJob(DaytonaClient *client, const Sandbox &sandbox,
                       std::shared_ptr<RepositoryState> state, const GitOid &checkpoint,
                       const QList<QByteArray> &paths, bool forceFind, QThreadPool *pool,
                       QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandbox(sandbox)
    , m_state(std::move(state))
    , m_checkpoint(checkpoint)
    , m_paths(paths)
    , m_forceFind(forceFind)
    , m_pool(pool)
{
    m_result.treeId = GitRepository::toHex(checkpoint);
}

bool RestoreJob::clientGone()
{
    if (m_client)
        return false;
    fail(QStringLiteral("The sandbox client is gone."));
    return true;
}

void RestoreJob::start()
{
    m_timer.start();
    if (clientGone())
        return;
    ManifestRequest::start(
        m_client, m_sandbox, m_forceFind, m_state, this,
        [this](const HomeManifest &manifest, const QString &, const QString &error) {
            if (!error.isEmpty())
                return fail(
                    QStringLiteral("Could not restore sandbox %1: %2").arg(m_sandbox.id, error));
            QtConcurrent::run(
                m_pool,
                [state = m_state, manifest, checkpoint = m_checkpoint, paths = m_paths] {
                    QString e;
                    RestorePlan p = RestorePlanner::plan(*state, manifest, checkpoint, paths, &e);
                    return std::make_pair(p, e);
                })
                .then(this, [this](const std::pair<RestorePlan, QString> &r) {
                    planned(r.first, r.second);
                });
        });
}

void RestoreJob::planned(const RestorePlan &plan, const QString &error)
{
    if (!error.isEmpty())
        return fail(error);
    m_plan = std::make_shared<RestorePlan>(plan);
    m_result.notRestored = plan.notRestored;
    deleteNext();
}

void RestoreJob::deleteNext()
{
    if (m_done || clientGone())
        return;
    while (m_deletesRunning < kParallelDeletes && m_nextDelete < m_plan->deletes.size()) {
        const RestorePlan::Delete d = m_plan->deletes[m_nextDelete++];
        ++m_deletesRunning;
        // A name that is not UTF-8 cannot travel in the query: a command removes it.
        DaytonaCall *call;
        if (SnapshotWriter::isUtf8(d.path)) {
            call = m_client->deleteFile(m_sandbox, sandboxPath(d.path), d.folder);
        } else {
            ShellScript s;
            s.line("cd " + ShellScript::singleQuoted(Checkpoints::kHome) + " && rm -rf -- "
                   + s.word(d.path));
            call = m_client->execute(m_sandbox, s.text(), QString(), {}, 300);
        }
        connect(call, &DaytonaCall::finished, this, [this, d](const DaytonaResult &r) {
            --m_deletesRunning;
            if (r.ok() || r.error.kind == SandboxError::Kind::NotFound)
                ++m_result.entriesDeleted; // 404: already gone (a second run)
            else if (r.error.kind == SandboxError::Kind::Connection
                     || r.error.kind == SandboxError::Kind::Timeout)
                return fail(QStringLiteral("Restoring stopped halfway: %1 Run it again to "
                                           "finish.")
                                .arg(r.error.message));
            else
                m_result.notRestored.append(
                    {d.path, SkippedEntry::Reason::Failed, 0,
                     QStringLiteral("could not be deleted: %1").arg(r.error.message)});
            deleteNext();
        });
    }
    if (m_deletesRunning == 0 && m_nextDelete >= m_plan->deletes.size())
        makeFolders();
}

void RestoreJob::makeFolders()
{
    if (m_plan->folders.isEmpty())
        return uploadNext();
    m_foldersLeft = m_plan->folders.size();
    for (const QByteArray &f : std::as_const(m_plan->folders)) {
        DaytonaCall *call;
        if (SnapshotWriter::isUtf8(f)) {
            call = m_client->createFolder(m_sandbox, sandboxPath(f));
        } else {
            ShellScript s;
            s.line("cd " + ShellScript::singleQuoted(Checkpoints::kHome) + " && mkdir -p -- "
                   + s.word(f));
            call = m_client->execute(m_sandbox, s.text(), QString(), {}, 300);
        }
        connect(call, &DaytonaCall::finished, this, [this, f](const DaytonaResult &r) {
            if (!r.ok())
                m_result.notRestored.append(
                    {f, SkippedEntry::Reason::Failed, 0,
                     QStringLiteral("the folder could not be made: %1").arg(r.error.message)});
            if (--m_foldersLeft == 0 && !m_done) {
                m_result.foldersCreated = m_plan->foldersMissing;
                uploadNext();
            }
        });
    }
}

void RestoreJob::uploadNext()
{
    if (m_done || clientGone())
        return;
    const qsizetype plain = m_plan->uploads.size();
    const qsizetype total = plain + m_plan->rawUploads.size();
    if (m_nextUpload >= total)
        return runScript();
    // One batch: at most 500 files or 16 MiB (a bigger file alone), from one of the two lists.
    const bool raw = m_nextUpload >= plain;
    const qsizetype first = m_nextUpload;
    qsizetype end = first;
    qint64 bytes = 0;
    const qsizetype limit = raw ? total : plain;
    while (end < limit && end - first < 500) {
        const RestorePlan::Upload &u = raw ? m_plan->rawUploads[end - plain] : m_plan->uploads[end];
        if (end > first && bytes + u.size > (qint64(16) << 20))
            break;
        bytes += u.size;
        ++end;
    }
    m_nextUpload = end;
    QtConcurrent::run(m_pool, [state = m_state, plan = m_plan, first, end, plain, raw] {
        GitRepository repo;
        QString error;
        QList<UploadItem> items;
        if (!repo.open(state->path, false, &error))
            return std::make_pair(items, error);
        for (qsizetype i = first; i < end; ++i) {
            const RestorePlan::Upload &u = raw ? plan->rawUploads[i - plain] : plan->uploads[i];
            UploadItem item;
            item.path = raw ? QLatin1String(Checkpoints::kHome) + QLatin1Char('/')
                    + QLatin1String(RestorePlanner::kTempPrefix) + QString::number(i - plain)
                            : sandboxPath(u.path);
            if (!repo.readBlob(u.blob, &item.content))
                return std::make_pair(QList<UploadItem>(),
                                      QStringLiteral("the checkpoint's copy of %1 is missing")
                                          .arg(Checkpoints::displayPath(u.path)));
            items.append(item);
        }
        return std::make_pair(items, error);
    }).then(this, [this](const std::pair<QList<UploadItem>, QString> &batch) {
        if (!batch.second.isEmpty())
            return fail(batch.second);
        if (clientGone())
            return;
        DaytonaCall *call = m_client->uploadFiles(m_sandbox, batch.first);
        const int count = int(batch.first.size());
        connect(call, &DaytonaCall::finished, this, [this, count](const DaytonaResult &r) {
            if (!r.ok() && r.httpStatus != 400)
                return fail(QStringLiteral("Restoring stopped halfway: %1 Run it again to "
                                           "finish.")
                                .arg(r.error.message));
            // 400: some files were refused; the answer lists them.
            const QJsonObject o = r.json().object();
            const QJsonArray written = o.value(QLatin1String("files")).toArray();
            m_result.filesWritten += r.ok() ? count : written.size();
            for (const QJsonValue &e : o.value(QLatin1String("errors")).toArray())
                m_result.notRestored.append(
                    {QByteArray(), SkippedEntry::Reason::Failed, 0, e.toString()});
            uploadNext();
        });
    });
}

void RestoreJob::runScript()
{
    const QString script = RestorePlanner::script(*m_plan);
    if (script.isEmpty())
        return succeed();
    DaytonaCall *call = m_client->execute(m_sandbox, script, QString(), {}, 300);
    connect(call, &DaytonaCall::finished, this, [this](const DaytonaResult &r) {
        if (!r.ok())
            return fail(QStringLiteral("Restoring stopped before links and executable bits were "
                                       "set: %1 Run it again to finish.")
                            .arg(r.error.message));
        const ExecResult exec = ExecResult::fromJson(r.json().object());
        const QList<SkippedEntry> failures
            = RestorePlanner::scriptFailures(*m_plan, exec.result.toUtf8());
        m_result.notRestored.append(failures);
        m_result.linksCreated = m_plan->links.size();
        m_result.modesChanged = m_plan->modes.size();
        for (const SkippedEntry &f : failures) {
            for (const RestorePlan::Link &l : std::as_const(m_plan->links))
                m_result.linksCreated -= l.path == f.path ? 1 : 0;
            for (const RestorePlan::Mode &m : std::as_const(m_plan->modes))
                m_result.modesChanged -= m.path == f.path ? 1 : 0;
        }
        if (exec.exitCode != 0 && failures.isEmpty())
            return fail(
                QStringLiteral("Restoring failed in the sandbox: %1").arg(exec.result.left(500)));
        succeed();
    });
}

void RestoreJob::succeed()
{
    if (m_done)
        return;
    m_done = true;
    m_state->touchLastUsed();
    m_result.elapsedMs = m_timer.elapsed();
    emit finished(m_result);
}

void RestoreJob::fail(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_result.error = error;
    m_result.elapsedMs = m_timer.elapsed();
    emit finished(m_result);
}
