// GitRepository: libgit2 calls for a checkpoint repository.
#include "checkpoint/GitRepository.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <git2.h>

#include <algorithm>
#include <cstring>
#include <sys/stat.h>

namespace {

constexpr char kRefPrefix[] = "refs/checkpoints/";

const git_oid *asOid(const GitOid &oid)
{
    return reinterpret_cast<const git_oid *>(oid.constData());
}

GitOid fromGit(const git_oid &oid)
{
    return GitOid(reinterpret_cast<const char *>(oid.id), GIT_OID_RAWSZ);
}

// Git orders tree entries by name, a folder's name as if it ended in '/'.
bool treeLess(const GitRepository::TreeEntry &a, const GitRepository::TreeEntry &b)
{
    const qsizetype common = qMin(a.name.size(), b.name.size());
    const int c = std::memcmp(a.name.constData(), b.name.constData(), size_t(common));
    if (c != 0)
        return c < 0;
    // One name is a prefix of the other: compare the next byte, '/' after a folder's name.
    const uchar ca = a.name.size() > common ? uchar(a.name[common]) : a.mode == 040000 ? '/' : 0;
    const uchar cb = b.name.size() > common ? uchar(b.name[common]) : b.mode == 040000 ? '/' : 0;
    return ca < cb;
}

QByteArray skippedBlob(const QList<SkippedRecord> &records)
{
    QByteArray out;
    for (const SkippedRecord &r : records) {
        out.append(r.reason);
        out.append('\0');
        out.append(QByteArray::number(r.size));
        out.append('\0');
        out.append(QByteArray::number(r.mtimeNs));
        out.append('\0');
        out.append(r.path);
        out.append('\0');
    }
    return out;
}

bool parseSkipped(const QByteArray &data, QList<SkippedRecord> *records)
{
    const QList<QByteArray> fields = data.split('\0');
    // split leaves one empty field after the last NUL
    for (qsizetype i = 0; i + 4 < fields.size(); i += 4) {
        SkippedRecord r;
        r.reason = fields[i].isEmpty() ? '?' : fields[i].at(0);
        r.size = fields[i + 1].toLongLong();
        r.mtimeNs = fields[i + 2].toLongLong();
        r.path = fields[i + 3];
        records->append(r);
    }
    return true;
}

} // namespace

GitRepository::~GitRepository()
{
    if (m_odb)
        git_odb_free(m_odb);
    if (m_repo)
        git_repository_free(m_repo);
}

QString GitRepository::lastError(const char *what) const
{
    const git_error *e = git_error_last();
    return QStringLiteral("%1 failed in the checkpoint repository %2: %3")
        .arg(QString::fromLatin1(what), m_path,
             e && e->message ? QString::fromUtf8(e->message) : QStringLiteral("unknown error"));
}

bool GitRepository::open(const QString &path, bool create, QString *error)
{
    m_path = path;
    const QByteArray native = QFile::encodeName(path);
    if (git_repository_open_bare(&m_repo, native.constData()) != 0) {
        if (!create || QFileInfo::exists(path)) {
            *error = QFileInfo::exists(path) ? lastError("opening")
                                             : QStringLiteral("no checkpoints were taken of this "
                                                              "sandbox (%1 does not exist)")
                                                   .arg(path);
            return false;
        }
        // 0700: the parent folder and the repository hold the sandbox's files.
        QDir().mkpath(QFileInfo(path).absolutePath());
        ::chmod(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), 0700);
        if (git_repository_init(&m_repo, native.constData(), 1) != 0) {
            *error = lastError("creating");
            return false;
        }
        ::chmod(native.constData(), 0700);
    }
    if (git_repository_odb(&m_odb, m_repo) != 0) {
        *error = lastError("opening the object store");
        return false;
    }
    return true;
}

QString GitRepository::toHex(const GitOid &oid)
{
    return oid.size() == GIT_OID_RAWSZ ? QString::fromLatin1(oid.toHex()) : QString();
}

GitOid GitRepository::fromHex(const QString &hex)
{
    if (hex.size() != GIT_OID_HEXSZ)
        return {};
    const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
    return raw.size() == GIT_OID_RAWSZ && raw.toHex() == hex.toLatin1().toLower() ? raw : GitOid();
}

bool GitRepository::exists(const GitOid &oid) const
{
    return oid.size() == GIT_OID_RAWSZ && git_odb_exists(m_odb, asOid(oid)) == 1;
}

qint64 GitRepository::looseObjectBytes(const GitOid &oid) const
{
    const QByteArray hex = oid.toHex();
    const QByteArray file
        = QFile::encodeName(m_path) + "/objects/" + hex.left(2) + '/' + hex.mid(2);
    struct stat st
    {
    };
    return ::stat(file.constData(), &st) == 0 ? qint64(st.st_blocks) * 512 : 0;
}

GitOid GitRepository::write(const QByteArray &data, int type, qint64 *addedBytes)
{
    git_oid oid;
    if (git_odb_hash(&oid, data.constData(), size_t(data.size()), git_object_t(type)) != 0)
        return {};
    const GitOid id = fromGit(oid);
    if (m_known && m_known->contains(id))
        return id;
    if (git_odb_exists(m_odb, &oid) != 1) {
        if (git_odb_write(&oid, m_odb, data.constData(), size_t(data.size()), git_object_t(type))
            != 0)
            return {};
        if (addedBytes)
            *addedBytes += looseObjectBytes(id);
    }
    if (m_known)
        m_known->insert(id);
    return id;
}

GitOid GitRepository::writeBlob(const QByteArray &data, qint64 *addedBytes)
{
    return write(data, GIT_OBJECT_BLOB, addedBytes);
}

GitOid GitRepository::writeTree(QList<TreeEntry> entries, qint64 *addedBytes)
{
    std::sort(entries.begin(), entries.end(), treeLess);
    QByteArray data;
    for (const TreeEntry &e : std::as_const(entries)) {
        data.append(QByteArray::number(e.mode, 8));
        data.append(' ');
        data.append(e.name);
        data.append('\0');
        data.append(e.oid);
    }
    return write(data, GIT_OBJECT_TREE, addedBytes);
}

bool GitRepository::readBlob(const GitOid &oid, QByteArray *data) const
{
    git_odb_object *object = nullptr;
    if (oid.size() != GIT_OID_RAWSZ || git_odb_read(&object, m_odb, asOid(oid)) != 0)
        return false;
    *data = QByteArray(static_cast<const char *>(git_odb_object_data(object)),
                       qsizetype(git_odb_object_size(object)));
    git_odb_object_free(object);
    return true;
}

qint64 GitRepository::objectSize(const GitOid &oid) const
{
    size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (oid.size() != GIT_OID_RAWSZ || git_odb_read_header(&size, &type, m_odb, asOid(oid)) != 0)
        return -1;
    return qint64(size);
}

GitOid GitRepository::writeCheckpoint(const GitOid &homeTree, const QList<SkippedRecord> &skipped,
                                      qint64 *addedBytes)
{
    const GitOid skippedId = writeBlob(skippedBlob(skipped), addedBytes);
    if (homeTree.isEmpty() || skippedId.isEmpty())
        return {};
    return writeTree({{"home", 040000, homeTree}, {"skipped", 0100644, skippedId}}, addedBytes);
}

bool GitRepository::readCheckpoint(const GitOid &checkpoint, GitOid *homeTree,
                                   QList<SkippedRecord> *skipped, QString *error) const
{
    git_tree *tree = nullptr;
    if (checkpoint.size() != GIT_OID_RAWSZ
        || git_tree_lookup(&tree, m_repo, asOid(checkpoint)) != 0) {
        *error = QStringLiteral("checkpoint %1 is not in this sandbox's checkpoint repository")
                     .arg(toHex(checkpoint));
        return false;
    }
    const git_tree_entry *home = git_tree_entry_byname(tree, "home");
    const git_tree_entry *skip = git_tree_entry_byname(tree, "skipped");
    bool ok = home && git_tree_entry_type(home) == GIT_OBJECT_TREE;
    if (ok)
        *homeTree = fromGit(*git_tree_entry_id(home));
    if (ok && skip && skipped) {
        QByteArray data;
        ok = readBlob(fromGit(*git_tree_entry_id(skip)), &data) && parseSkipped(data, skipped);
    }
    git_tree_free(tree);
    if (!ok)
        *error = QStringLiteral("checkpoint %1 is damaged").arg(toHex(checkpoint));
    return ok;
}

namespace {

bool listInto(git_repository *repo, const git_oid *treeId, const QByteArray &prefix, int depth,
              QList<TreeItem> *items)
{
    if (depth > 512)
        return false;
    git_tree *tree = nullptr;
    if (git_tree_lookup(&tree, repo, treeId) != 0)
        return false;
    bool ok = true;
    const size_t count = git_tree_entrycount(tree);
    for (size_t i = 0; i < count && ok; ++i) {
        const git_tree_entry *e = git_tree_entry_byindex(tree, i);
        TreeItem item;
        const QByteArray name(git_tree_entry_name(e));
        item.path = prefix.isEmpty() ? name : prefix + '/' + name;
        item.mode = quint32(git_tree_entry_filemode_raw(e));
        item.oid = fromGit(*git_tree_entry_id(e));
        items->append(item);
        if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
            ok = listInto(repo, git_tree_entry_id(e), item.path, depth + 1, items);
    }
    git_tree_free(tree);
    return ok;
}

} // namespace

bool GitRepository::listTree(const GitOid &tree, QList<TreeItem> *items, QString *error) const
{
    if (tree.size() != GIT_OID_RAWSZ || !listInto(m_repo, asOid(tree), QByteArray(), 0, items)) {
        *error = lastError("reading a checkpoint");
        return false;
    }
    return true;
}

bool GitRepository::keep(const GitOid &checkpoint, QString *error)
{
    git_reference *ref = nullptr;
    const QByteArray name = QByteArray(kRefPrefix) + checkpoint.toHex();
    if (git_reference_create(&ref, m_repo, name.constData(), asOid(checkpoint), 1, nullptr) != 0) {
        *error = lastError("keeping a checkpoint");
        return false;
    }
    git_reference_free(ref);
    return true;
}

QList<GitOid> GitRepository::kept() const
{
    QList<GitOid> out;
    git_reference_iterator *it = nullptr;
    if (git_reference_iterator_glob_new(&it, m_repo, "refs/checkpoints/*") != 0)
        return out;
    git_reference *ref = nullptr;
    while (git_reference_next(&ref, it) == 0) {
        if (const git_oid *target = git_reference_target(ref))
            out.append(fromGit(*target));
        git_reference_free(ref);
    }
    git_reference_iterator_free(it);
    return out;
}

namespace {

void collect(git_repository *repo, const git_oid *treeId, QSet<GitOid> *live, int depth)
{
    if (depth > 512)
        return;
    git_tree *tree = nullptr;
    if (git_tree_lookup(&tree, repo, treeId) != 0)
        return;
    const size_t count = git_tree_entrycount(tree);
    for (size_t i = 0; i < count; ++i) {
        const git_tree_entry *e = git_tree_entry_byindex(tree, i);
        const GitOid id = fromGit(*git_tree_entry_id(e));
        if (live->contains(id))
            continue; // a subtree shared with a checkpoint already walked
        live->insert(id);
        if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
            collect(repo, git_tree_entry_id(e), live, depth + 1);
    }
    git_tree_free(tree);
}

} // namespace

QSet<GitOid> GitRepository::reachable(const QList<GitOid> &checkpoints) const
{
    QSet<GitOid> live;
    for (const GitOid &k : checkpoints) {
        if (k.size() != GIT_OID_RAWSZ || live.contains(k))
            continue;
        live.insert(k);
        collect(m_repo, asOid(k), &live, 0);
    }
    return live;
}

bool GitRepository::compactTo(const QList<GitOid> &keep, bool repack, int *dropped, QString *error)
{
    const QSet<GitOid> keepSet(keep.begin(), keep.end());
    *dropped = 0;
    for (const GitOid &k : this->kept()) {
        if (keepSet.contains(k))
            continue;
        const QByteArray name = QByteArray(kRefPrefix) + k.toHex();
        git_reference_remove(m_repo, name.constData());
        ++*dropped;
    }
    QList<GitOid> present;
    for (const GitOid &k : keepSet) {
        if (exists(k))
            present.append(k);
    }
    const QString objects = m_path + QStringLiteral("/objects");
    const QString packDir = objects + QStringLiteral("/pack");
    QString newPack;
    if (repack && !present.isEmpty()) {
        git_packbuilder *pb = nullptr;
        if (git_packbuilder_new(&pb, m_repo) != 0) {
            *error = lastError("repacking");
            return false;
        }
        git_packbuilder_set_threads(pb, 1);
        bool ok = true;
        for (const GitOid &k : std::as_const(present))
            ok = ok && git_packbuilder_insert_tree(pb, asOid(k)) == 0;
        ok = ok
            && git_packbuilder_write(pb, QFile::encodeName(packDir).constData(), 0, nullptr,
                                     nullptr)
                == 0;
        if (ok)
            newPack = QStringLiteral("pack-%1").arg(QString::fromLatin1(git_packbuilder_name(pb)));
        git_packbuilder_free(pb);
        if (!ok) {
            *error = lastError("repacking");
            return false;
        }
    }
    // Loose objects that nothing kept reaches (all of them after a repack: the new pack is
    // complete first, so a crash here leaves at worst objects kept twice).
    const QSet<GitOid> live = repack ? QSet<GitOid>() : reachable(present);
    QDirIterator folders(objects, QDir::Dirs | QDir::NoDotAndDotDot);
    while (folders.hasNext()) {
        const QString dir = folders.next();
        const QString prefix = QFileInfo(dir).fileName();
        const bool hex
            = prefix.size() == 2 && std::all_of(prefix.cbegin(), prefix.cend(), [](QChar c) {
                  return (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
                      || (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
              });
        if (!hex)
            continue;
        const QStringList names = QDir(dir).entryList(QDir::Files);
        for (const QString &name : names) {
            const GitOid id = fromHex(prefix + name);
            if (repack || id.isEmpty() || !live.contains(id))
                QFile::remove(dir + QLatin1Char('/') + name);
        }
        QDir().rmdir(dir); // only when empty
    }
    if (repack) {
        const QStringList packs = QDir(packDir).entryList(QDir::Files);
        for (const QString &file : packs) {
            if (newPack.isEmpty() || !file.startsWith(newPack))
                QFile::remove(packDir + QLatin1Char('/') + file);
        }
    }
    git_odb_refresh(m_odb);
    return true;
}

qint64 GitRepository::diskUsage(const QString &path)
{
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        struct stat st
        {
        };
        if (::lstat(QFile::encodeName(it.next()).constData(), &st) == 0)
            total += qint64(st.st_blocks) * 512;
    }
    return total;
}
