// What the engine remembers about one checkpoint repository between jobs: the stat cache
// (path -> size, times, inode, mode -> blob id), so that a capture downloads and hashes only the
// files whose stat changed. Kept in memory and in <repo>/studio-statcache. Only the job that
// holds the repository (jobs of one repository run one at a time) touches it.
#pragma once

#include "checkpoint/GitRepository.h"
#include "checkpoint/HomeManifest.h"

#include <QHash>
#include <QSet>
#include <QString>

struct CachedFile
{
    qint64 size = 0;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;
    quint64 inode = 0;
    quint32 mode = 0;
    qint64 recordedNowNs = 0; // the sandbox clock of the listing it was learned from
    GitOid blob;
};

struct RepositoryState
{
    // An entry modified this close to (or after) the listing's clock may have changed again in
    // the same clock tick without its stat showing it (git's "racy" files): fetched again next
    // time. File times come from the kernel's coarse clock (one tick: 1 to 10 ms).
    static constexpr qint64 kRacyMarginNs = 20 * 1000000LL;

    explicit RepositoryState(const QString &path)
        : path(path)
    {
    }

    QString path;
    bool loaded = false;
    QHash<QByteArray, CachedFile> files;
    // The sandbox's server answered 404 to GET files/manifest (Daytona's daemon): use find.
    bool noManifestRoute = false;
    // Trees known to be in the repository (written or seen since it was opened in this process):
    // an unchanged folder's tree is then neither looked up nor written again.
    QSet<GitOid> knownTrees;

    void load(); // once, from disk (a missing or damaged file is an empty cache)
    // Atomically (a new file renamed over the old), not synced to disk: a cache lost in a crash
    // costs one full download, not a wrong checkpoint.
    void save() const;
    // The blob of this file when the cache knows it (same stat, not racy), else empty.
    GitOid lookup(const ManifestEntry &entry) const;
    static CachedFile fromEntry(const ManifestEntry &entry, qint64 nowNs, const GitOid &blob);
    void touchLastUsed() const;
};
