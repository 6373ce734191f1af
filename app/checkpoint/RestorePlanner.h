// The worker-thread half of a restore: compares the home as it is now (a fresh manifest) with a
// checkpoint and lists the steps that make the home match it (deletes, folders, uploads, links,
// executable bits), leaving alone every .git, every path the checkpoint skipped and every
// folder the sandbox made unreadable. Computed afresh each time, so running a restore again
// after a crash halfway finishes the job.
#pragma once

#include "checkpoint/CheckpointTypes.h"
#include "checkpoint/GitRepository.h"
#include "checkpoint/HomeManifest.h"

struct RepositoryState;

struct RestorePlan
{
    struct Upload
    {
        QByteArray path;
        GitOid blob;
        qint64 size = 0;
    };
    struct Link
    {
        QByteArray path;
        QByteArray target;
    };
    struct Mode
    {
        QByteArray path;
        bool executable = false;
    };
    struct Delete
    {
        QByteArray path;
        bool folder = false;
    };

    QList<Delete> deletes; // top-most paths, before anything is written
    QList<QByteArray> folders; // to create (mkdir -p of the deepest missing ones)
    int foldersMissing = 0;
    QList<Upload> uploads; // names that travel as UTF-8
    QList<Upload> rawUploads; // other names: uploaded under kTempPrefix<i>, then moved
    QList<Link> links;
    QList<Mode> modes;
    QList<SkippedEntry> notRestored;

    bool isEmpty() const
    {
        return deletes.isEmpty() && folders.isEmpty() && uploads.isEmpty() && rawUploads.isEmpty()
            && links.isEmpty() && modes.isEmpty();
    }
};

class RestorePlanner final
{
public:
    static constexpr char kTempPrefix[] = ".agent-studio-restore-";

    static RestorePlan plan(RepositoryState &state, const HomeManifest &current,
                            const GitOid &checkpoint, const QList<QByteArray> &paths,
                            QString *error);
    // The command for what the contract has no call for: moves of the raw-name uploads,
    // symlinks (ln -sfn) and executable bits. Each failure prints "FAIL <kind> <index>".
    static QString script(const RestorePlan &plan);
    // Reads the script's output into notRestored entries.
    static QList<SkippedEntry> scriptFailures(const RestorePlan &plan, const QByteArray &output);
};
