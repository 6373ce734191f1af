// One sandbox's checkpoint repository: a bare git repository opened through libgit2, with the
// few object-store operations the engine needs (blobs, trees written from their raw bytes,
// flat listings, kept-tree refs, disk usage, compaction). Used on a worker thread, one job per
// repository at a time; not shared between threads.
#pragma once

#include "checkpoint/CheckpointTypes.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

struct git_repository;
struct git_odb;

// A git object id as its 20 raw bytes (QByteArray: hashable, cheap to copy).
using GitOid = QByteArray;

// One entry of a tree listed recursively: the path below the tree's root, the git file mode
// (0100644, 0100755, 0120000, 040000) and the object.
struct TreeItem
{
    QByteArray path;
    quint32 mode = 0;
    GitOid oid;
};

// A path the snapshot recorded without content (huge, unreadable, fifo, ...): the "skipped"
// blob beside the home tree.
struct SkippedRecord
{
    char reason = '?'; // letters of SkippedEntry::Reason, see CheckpointTypes.cpp
    qint64 size = 0;
    qint64 mtimeNs = 0;
    QByteArray path;
};

class GitRepository final
{
public:
    GitRepository() = default;
    ~GitRepository();
    GitRepository(const GitRepository &) = delete;
    GitRepository &operator=(const GitRepository &) = delete;

    // Opens the bare repository at path, creating it (0700) if create and it does not exist.
    bool open(const QString &path, bool create, QString *error);
    QString path() const { return m_path; }

    static QString toHex(const GitOid &oid);
    static GitOid fromHex(const QString &hex); // empty if not 40 hex digits

    bool exists(const GitOid &oid) const;
    // Objects known to exist (a cache kept by the caller); write() consults and fills it.
    void setKnown(QSet<GitOid> *known) { m_known = known; }
    // Writes an object unless it exists; *addedBytes (if given) += what it took on disk.
    GitOid write(const QByteArray &data, int type, qint64 *addedBytes = nullptr);
    GitOid writeBlob(const QByteArray &data, qint64 *addedBytes = nullptr);
    // A tree from entries (name, mode, oid) in any order: sorted the git way, then written.
    struct TreeEntry
    {
        QByteArray name;
        quint32 mode;
        GitOid oid;
    };
    GitOid writeTree(QList<TreeEntry> entries, qint64 *addedBytes = nullptr);
    bool readBlob(const GitOid &oid, QByteArray *data) const;
    qint64 objectSize(const GitOid &oid) const; // -1 if missing

    // A checkpoint = tree {home: <tree>, skipped: <blob>}. Empty id = the empty checkpoint.
    GitOid writeCheckpoint(const GitOid &homeTree, const QList<SkippedRecord> &skipped,
                           qint64 *addedBytes);
    bool readCheckpoint(const GitOid &checkpoint, GitOid *homeTree, QList<SkippedRecord> *skipped,
                        QString *error) const;
    // Every entry below a tree, folders before their contents.
    bool listTree(const GitOid &tree, QList<TreeItem> *items, QString *error) const;

    // Kept checkpoints: refs/checkpoints/<hex>.
    bool keep(const GitOid &checkpoint, QString *error);
    QList<GitOid> kept() const;
    // Drops the other refs and every loose object not reachable from `keep`; with repack, also
    // packs what is kept into one pack (smaller on disk, but slow: deltas are searched).
    bool compactTo(const QList<GitOid> &keep, bool repack, int *dropped, QString *error);
    // Every object reachable from these checkpoints (shared trees walked once).
    QSet<GitOid> reachable(const QList<GitOid> &checkpoints) const;

    // Bytes the repository takes on disk (allocated blocks).
    static qint64 diskUsage(const QString &path);

    git_repository *handle() const { return m_repo; }

private:
    QString lastError(const char *what) const;
    qint64 looseObjectBytes(const GitOid &oid) const;

    git_repository *m_repo = nullptr;
    git_odb *m_odb = nullptr;
    QString m_path;
    QSet<GitOid> *m_known = nullptr;
};
