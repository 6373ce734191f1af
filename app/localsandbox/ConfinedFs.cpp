// ConfinedFs: openat2-based host-side file access below a sandbox home.
#include "localsandbox/ConfinedFs.h"

#include <QDateTime>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

constexpr qint64 kMaxReadBytes = qint64(1) << 30; // 1 GiB per download
constexpr qint64 kMaxFindFileBytes = 16 << 20;
constexpr int kMaxDepth = 64;

// Closes an fd when leaving a scope.
struct Fd
{
    int fd = -1;
    explicit Fd(int f = -1)
        : fd(f)
    {
    }
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int release()
    {
        const int f = fd;
        fd = -1;
        return f;
    }
};

int sysOpenat2(int dirFd, const char *path, int flags, mode_t mode)
{
    open_how how{};
    how.flags = quint64(flags | O_CLOEXEC);
    how.mode = (flags & O_CREAT) ? mode : 0;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    int fd;
    do {
        fd = int(::syscall(SYS_openat2, dirFd, path, &how, sizeof how));
    } while (fd < 0 && errno == EAGAIN);
    return fd;
}

ConfinedFs::Error errnoError(int code, const QString &path)
{
    ConfinedFs::Error e;
    switch (code) {
    case ENOENT:
    case ENOTDIR:
        e.httpStatus = 404;
        e.message = QStringLiteral("not found: %1").arg(path);
        break;
    case EXDEV:
        e.httpStatus = 403;
        e.message = QStringLiteral("forbidden: %1 is outside the sandbox").arg(path);
        break;
    case ELOOP:
        e.httpStatus = 403;
        e.message = QStringLiteral("forbidden: %1 goes through a symbolic link; the host does not "
                                   "follow links inside a sandbox")
                        .arg(path);
        break;
    case EACCES:
    case EPERM:
        e.httpStatus = 403;
        e.message = QStringLiteral("forbidden: %1: %2")
                        .arg(path, QString::fromLocal8Bit(std::strerror(code)));
        break;
    case EEXIST:
        e.httpStatus = 409;
        e.message = QStringLiteral("conflict: %1 already exists").arg(path);
        break;
    case ENOSYS:
        e.httpStatus = 500;
        e.message = QStringLiteral("this kernel has no openat2 (Linux 5.6 or newer is needed for "
                                   "the local sandbox's file access)");
        break;
    default:
        e.httpStatus = 400;
        e.message = QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(std::strerror(code)));
        break;
    }
    return e;
}

QString goMode(mode_t mode)
{
    QString s;
    if (S_ISDIR(mode))
        s += QLatin1Char('d');
    else if (S_ISLNK(mode))
        s += QLatin1Char('L');
    else if (S_ISFIFO(mode))
        s += QLatin1Char('p');
    else if (S_ISSOCK(mode))
        s += QLatin1Char('S');
    else if (S_ISCHR(mode))
        s += QStringLiteral("Dc");
    else if (S_ISBLK(mode))
        s += QLatin1Char('D');
    else
        s += QLatin1Char('-');
    const char *rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; ++i)
        s += (mode & (1 << (8 - i))) ? QLatin1Char(rwx[i]) : QLatin1Char('-');
    return s;
}

// A matching line as shown: at most kMaxMatchLineBytes, cut on a UTF-8 character boundary,
// with a marker saying how much more there was.
QString cappedLine(QByteArrayView line)
{
    if (line.size() <= ConfinedFs::kMaxMatchLineBytes)
        return QString::fromUtf8(line);
    qsizetype cut = ConfinedFs::kMaxMatchLineBytes;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
        --cut;
    return QString::fromUtf8(line.first(cut))
        + QStringLiteral(" [... %1 more bytes of this line not shown]").arg(line.size() - cut);
}

bool isBinary(const QByteArray &head)
{
    return head.left(512).contains('\0');
}

} // namespace

ConfinedFs::ConfinedFs(const QString &homeDir, const QString &homeInSandbox, int ownerUid,
                       int ownerGid)
    : m_home(homeDir)
    , m_homeInSandbox(homeInSandbox)
    , m_ownerUid(ownerUid)
    , m_ownerGid(ownerGid)
{
}

bool ConfinedFs::relativePath(const QString &sandboxPath, QByteArray *relative, Error *error) const
{
    QString path = sandboxPath;
    if (path.isEmpty() || path == QLatin1String("."))
        path = m_homeInSandbox;
    if (path.contains(QChar(0))) {
        *error = {400, QStringLiteral("bad request: the path contains a NUL character")};
        return false;
    }
    QString rel;
    if (path.startsWith(QLatin1Char('/'))) {
        if (path == m_homeInSandbox || path == m_homeInSandbox + QLatin1Char('/'))
            rel.clear();
        else if (path.startsWith(m_homeInSandbox + QLatin1Char('/')))
            rel = path.mid(m_homeInSandbox.size() + 1);
        else {
            *error = {403,
                      QStringLiteral("forbidden: %1 is outside the sandbox's files (only %2 is "
                                     "reachable from the host)")
                          .arg(sandboxPath, m_homeInSandbox)};
            return false;
        }
    } else {
        rel = path;
    }
    const QStringList parts = rel.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList kept;
    for (const QString &p : parts) {
        if (p == QLatin1String("..")) {
            *error
                = {403,
                   QStringLiteral("forbidden: %1 uses \"..\"; paths must stay inside the sandbox")
                       .arg(sandboxPath)};
            return false;
        }
        if (p != QLatin1String("."))
            kept.append(p);
    }
    *relative = kept.join(QLatin1Char('/')).toUtf8();
    return true;
}

int ConfinedFs::openRoot(Error *error) const
{
    const int fd = ::open(QFile::encodeName(m_home).constData(),
                          O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        *error = {404, QStringLiteral("not found: the sandbox's files are gone")};
    return fd;
}

int ConfinedFs::openBeneath(int rootFd, const QByteArray &relative, int flags, mode_t mode,
                            Error *error, const QString &shownPath) const
{
    const int fd = sysOpenat2(rootFd, relative.isEmpty() ? "." : relative.constData(), flags, mode);
    if (fd < 0)
        *error = errnoError(errno, shownPath);
    return fd;
}

int ConfinedFs::openParent(int rootFd, const QByteArray &relative, bool create, QByteArray *leaf,
                           Error *error, const QString &shownPath) const
{
    const qsizetype slash = relative.lastIndexOf('/');
    *leaf = slash < 0 ? relative : relative.mid(slash + 1);
    if (leaf->isEmpty()) {
        *error
            = {400, QStringLiteral("bad request: %1 names the sandbox home itself").arg(shownPath)};
        return -1;
    }
    const QByteArray parent = slash < 0 ? QByteArray() : relative.left(slash);
    if (!create)
        return openBeneath(rootFd, parent, O_PATH | O_DIRECTORY, 0, error, shownPath);
    // mkdir -p, one component at a time, each opened beneath the previous one.
    Fd current(::fcntl(rootFd, F_DUPFD_CLOEXEC, 0));
    const QList<QByteArray> components = parent.split('/');
    for (const QByteArray &c : components) {
        if (c.isEmpty())
            continue;
        int next = sysOpenat2(current.fd, c.constData(), O_PATH | O_DIRECTORY, 0);
        if (next < 0 && errno == ENOENT) {
            if (::mkdirat(current.fd, c.constData(), 0755) != 0 && errno != EEXIST) {
                *error = errnoError(errno, shownPath);
                return -1;
            }
            giveToOwner(current.fd, c);
            next = sysOpenat2(current.fd, c.constData(), O_PATH | O_DIRECTORY, 0);
        }
        if (next < 0) {
            *error = errnoError(errno, shownPath);
            return -1;
        }
        Fd replaced(current.release());
        current.fd = next;
    }
    return current.release();
}

void ConfinedFs::giveToOwner(int dirFd, const QByteArray &name) const
{
    if (m_ownerUid >= 0)
        (void)::fchownat(dirFd, name.constData(), uid_t(m_ownerUid), gid_t(m_ownerGid),
                         AT_SYMLINK_NOFOLLOW);
}

QByteArray ConfinedFs::readFile(const QString &path, Error *error) const
{
    QByteArray rel;
    if (!relativePath(path, &rel, error))
        return {};
    Fd root(openRoot(error));
    if (root.fd < 0)
        return {};
    // O_NONBLOCK: a FIFO planted by sandboxed code must not hang the server on open or read.
    Fd fd(openBeneath(root.fd, rel, O_RDONLY | O_NONBLOCK, 0, error, path));
    if (fd.fd < 0)
        return {};
    struct stat st
    {
    };
    if (::fstat(fd.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *error = {400, QStringLiteral("bad request: path must be a file: %1").arg(path)};
        return {};
    }
    if (st.st_size > kMaxReadBytes) {
        *error = {400, QStringLiteral("bad request: %1 is larger than 1 GiB").arg(path)};
        return {};
    }
    QByteArray data;
    data.reserve(qsizetype(st.st_size));
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd.fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = errnoError(errno, path);
            return {};
        }
        if (n == 0)
            break;
        data.append(buffer, n);
        if (data.size() > kMaxReadBytes) {
            *error = {400, QStringLiteral("bad request: %1 is larger than 1 GiB").arg(path)};
            return {};
        }
    }
    return data;
}

bool ConfinedFs::writeFile(const QString &path, const QByteArray &content, Error *error) const
{
    QByteArray rel;
    if (!relativePath(path, &rel, error))
        return false;
    Fd root(openRoot(error));
    if (root.fd < 0)
        return false;
    QByteArray leaf;
    Fd parent(openParent(root.fd, rel, true, &leaf, error, path));
    if (parent.fd < 0)
        return false;
    // No O_TRUNC: truncating to zero makes ext4 flush the file synchronously on close
    // (auto_da_alloc), ~3 ms per file; overwrite, then cut to the new length instead.
    // O_NONBLOCK, then only regular files: a planted FIFO fails instead of hanging the server.
    Fd fd(sysOpenat2(parent.fd, leaf.constData(), O_WRONLY | O_CREAT | O_NONBLOCK, 0644));
    if (fd.fd < 0) {
        *error = errno == ENXIO
            ? Error{400, QStringLiteral("bad request: %1 is not a regular file").arg(path)}
            : errnoError(errno, path);
        return false;
    }
    struct stat st
    {
    };
    if (::fstat(fd.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *error = {400, QStringLiteral("bad request: %1 is not a regular file").arg(path)};
        return false;
    }
    giveToOwner(parent.fd, leaf);
    qsizetype written = 0;
    while (written < content.size()) {
        const ssize_t n
            = ::write(fd.fd, content.constData() + written, size_t(content.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = errnoError(errno, path);
            return false;
        }
        written += n;
    }
    if (::ftruncate(fd.fd, off_t(written)) != 0) {
        *error = errnoError(errno, path);
        return false;
    }
    return true;
}

bool ConfinedFs::makeDirectories(const QString &path, mode_t mode, Error *error) const
{
    QByteArray rel;
    if (!relativePath(path, &rel, error))
        return false;
    if (rel.isEmpty())
        return true;
    Fd root(openRoot(error));
    if (root.fd < 0)
        return false;
    QByteArray leaf;
    Fd parent(openParent(root.fd, rel, true, &leaf, error, path));
    if (parent.fd < 0)
        return false;
    if (::mkdirat(parent.fd, leaf.constData(), mode) != 0) {
        if (errno != EEXIST) {
            *error = errnoError(errno, path);
            return false;
        }
        Fd existing(sysOpenat2(parent.fd, leaf.constData(), O_PATH | O_DIRECTORY, 0));
        if (existing.fd < 0) {
            *error = errnoError(errno, path);
            return false;
        }
        return true;
    }
    giveToOwner(parent.fd, leaf);
    return true;
}

FileInfo ConfinedFs::statAt(int dirFd, const QByteArray &name, Error *error,
                            const QString &shownPath) const
{
    struct stat st
    {
    };
    if (::fstatat(dirFd, name.isEmpty() ? "" : name.constData(), &st,
                  AT_SYMLINK_NOFOLLOW | (name.isEmpty() ? AT_EMPTY_PATH : 0))
        != 0) {
        *error = errnoError(errno, shownPath);
        return {};
    }
    FileInfo f;
    f.name = QString::fromUtf8(name);
    f.size = st.st_size;
    f.mode = goMode(st.st_mode);
    f.isDir = S_ISDIR(st.st_mode);
    f.modifiedAt = QDateTime::fromMSecsSinceEpoch(
                       qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000, Qt::UTC)
                       .toString(Qt::ISODateWithMs);
    // Report ids as the sandboxed process sees them: the owner is the sandbox user (1000).
    const bool ours = m_ownerUid >= 0 ? int(st.st_uid) == m_ownerUid : st.st_uid == ::geteuid();
    f.owner = ours ? QStringLiteral("1000") : QString::number(st.st_uid);
    f.group = ours ? QStringLiteral("1000") : QString::number(st.st_gid);
    f.permissions = QStringLiteral("%1").arg(st.st_mode & 07777, 4, 8, QLatin1Char('0'));
    return f;
}

FileInfo ConfinedFs::info(const QString &path, Error *error) const
{
    QByteArray rel;
    if (!relativePath(path, &rel, error))
        return {};
    Fd root(openRoot(error));
    if (root.fd < 0)
        return {};
    Fd fd(openBeneath(root.fd, rel, O_PATH, 0, error, path));
    if (fd.fd < 0)
        return {};
    FileInfo f = statAt(fd.fd, QByteArray(), error, path);
    const qsizetype slash = rel.lastIndexOf('/');
    f.name = rel.isEmpty() ? QFileInfo(m_homeInSandbox).fileName()
                           : QString::fromUtf8(rel.mid(slash + 1));
    return f;
}

QList<FileInfo> ConfinedFs::list(const QString &path, Error *error, qint64 *notShown) const
{
    qint64 ignoredCount = 0;
    notShown = notShown ? notShown : &ignoredCount;
    *notShown = 0;
    QByteArray rel;
    if (!relativePath(path, &rel, error))
        return {};
    Fd root(openRoot(error));
    if (root.fd < 0)
        return {};
    const int fd = openBeneath(root.fd, rel, O_RDONLY | O_DIRECTORY, 0, error, path);
    if (fd < 0)
        return {};
    DIR *dir = ::fdopendir(fd);
    if (!dir) {
        ::close(fd);
        *error = errnoError(errno, path);
        return {};
    }
    // Names first (cheap), then details for the first kMaxListEntries in name order only.
    QList<QByteArray> names;
    while (dirent *entry = ::readdir(dir)) {
        const QByteArray name(entry->d_name);
        if (name != "." && name != "..")
            names.append(name);
    }
    std::sort(names.begin(), names.end(), [](const QByteArray &a, const QByteArray &b) {
        return QString::fromUtf8(a) < QString::fromUtf8(b);
    });
    QList<FileInfo> entries;
    for (const QByteArray &name : std::as_const(names)) {
        if (entries.size() >= kMaxListEntries) {
            ++*notShown;
            continue;
        }
        Error ignored;
        FileInfo f = statAt(::dirfd(dir), name, &ignored, path);
        if (!ignored.isError())
            entries.append(f);
    }
    ::closedir(dir);
    return entries;
}

namespace {

// Removes everything inside dirFd without following links (unlinkat on links removes them).
bool removeContents(int dirFd, int depth, int *failedErrno)
{
    if (depth > kMaxDepth) {
        *failedErrno = ELOOP;
        return false;
    }
    const int copy = ::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (copy < 0) {
        *failedErrno = errno;
        return false;
    }
    DIR *dir = ::fdopendir(copy);
    if (!dir) {
        ::close(copy);
        *failedErrno = errno;
        return false;
    }
    bool ok = true;
    while (dirent *entry = ::readdir(dir)) {
        const char *name = entry->d_name;
        if (!std::strcmp(name, ".") || !std::strcmp(name, ".."))
            continue;
        struct stat st
        {
        };
        if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            const int child
                = ::openat(dirFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (child >= 0) {
                ok = removeContents(child, depth + 1, failedErrno) && ok;
                ::close(child);
            }
            if (::unlinkat(dirFd, name, AT_REMOVEDIR) != 0) {
                *failedErrno = errno;
                ok = false;
            }
        } else if (::unlinkat(dirFd, name, 0) != 0) {
            *failedErrno = errno;
            ok = false;
        }
    }
    ::closedir(dir);
    return ok;
}

} // namespace

bool ConfinedFs::remove(const QString &path, bool recursive, Error *error) const
{
    QByteArray rel;
    if (!relativePath(path, &rel, error))
        return false;
    if (rel.isEmpty()) {
        *error = {400, QStringLiteral("bad request: refusing to delete the sandbox home")};
        return false;
    }
    Fd root(openRoot(error));
    if (root.fd < 0)
        return false;
    QByteArray leaf;
    Fd parent(openParent(root.fd, rel, false, &leaf, error, path));
    if (parent.fd < 0)
        return false;
    struct stat st
    {
    };
    if (::fstatat(parent.fd, leaf.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        *error = errnoError(errno, path);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        if (!recursive) {
            *error = {
                400, QStringLiteral("bad request: cannot delete directory without recursive flag")};
            return false;
        }
        Fd dir(
            ::openat(parent.fd, leaf.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        int failed = 0;
        if (dir.fd < 0 || !removeContents(dir.fd, 0, &failed)) {
            *error = errnoError(dir.fd < 0 ? errno : failed, path);
            return false;
        }
        if (::unlinkat(parent.fd, leaf.constData(), AT_REMOVEDIR) != 0) {
            *error = errnoError(errno, path);
            return false;
        }
        return true;
    }
    if (::unlinkat(parent.fd, leaf.constData(), 0) != 0) {
        *error = errnoError(errno, path);
        return false;
    }
    return true;
}

bool ConfinedFs::move(const QString &source, const QString &destination, Error *error) const
{
    QByteArray from;
    QByteArray to;
    if (!relativePath(source, &from, error) || !relativePath(destination, &to, error))
        return false;
    Fd root(openRoot(error));
    if (root.fd < 0)
        return false;
    QByteArray fromLeaf;
    QByteArray toLeaf;
    Fd fromParent(openParent(root.fd, from, false, &fromLeaf, error, source));
    if (fromParent.fd < 0)
        return false;
    Fd toParent(openParent(root.fd, to, false, &toLeaf, error, destination));
    if (toParent.fd < 0)
        return false;
    struct stat st
    {
    };
    if (::fstatat(fromParent.fd, fromLeaf.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        *error = errnoError(errno, source);
        return false;
    }
    if (::renameat2(fromParent.fd, fromLeaf.constData(), toParent.fd, toLeaf.constData(),
                    RENAME_NOREPLACE)
        != 0) {
        *error = errno == EEXIST
            ? Error{409, QStringLiteral("conflict: destination already exists")}
            : errnoError(errno, destination);
        return false;
    }
    return true;
}

namespace {

template<typename Visit>
void walk(int dirFd, const QString &shownPrefix, int depth, const Visit &visit)
{
    if (depth > kMaxDepth)
        return;
    const int copy = ::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (copy < 0)
        return;
    DIR *dir = ::fdopendir(copy);
    if (!dir) {
        ::close(copy);
        return;
    }
    QList<QByteArray> names;
    while (dirent *entry = ::readdir(dir)) {
        const QByteArray name(entry->d_name);
        if (name != "." && name != "..")
            names.append(name);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    for (const QByteArray &name : names) {
        struct stat st
        {
        };
        if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        const QString shown = shownPrefix + QLatin1Char('/') + QString::fromUtf8(name);
        visit(dirFd, name, st, shown);
        if (S_ISDIR(st.st_mode)) {
            const int child = ::openat(dirFd, name.constData(),
                                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (child >= 0) {
                walk(child, shown, depth + 1, visit);
                ::close(child);
            }
        }
    }
}

QString trimmedPrefix(const QString &path)
{
    QString p = path.isEmpty() ? QStringLiteral(".") : path;
    while (p.size() > 1 && p.endsWith(QLatin1Char('/')))
        p.chop(1);
    return p == QLatin1String("/") ? QString() : p;
}

} // namespace

QStringList ConfinedFs::search(const QString &path, const QString &glob, Error *error,
                               qint64 *notShown) const
{
    qint64 ignoredCount = 0;
    notShown = notShown ? notShown : &ignoredCount;
    *notShown = 0;
    QByteArray rel;
    if (!relativePath(path, &rel, error))
        return {};
    Fd root(openRoot(error));
    if (root.fd < 0)
        return {};
    Fd dir(openBeneath(root.fd, rel, O_RDONLY | O_DIRECTORY, 0, error, path));
    if (dir.fd < 0)
        return {};
    const QByteArray pattern = glob.toUtf8();
    QStringList found;
    walk(dir.fd, trimmedPrefix(path), 0,
         [&](int, const QByteArray &name, const struct stat &, const QString &shown) {
             if (::fnmatch(pattern.constData(), name.constData(), 0) != 0)
                 return;
             if (found.size() < kMaxSearchResults)
                 found.append(shown);
             else
                 ++*notShown;
         });
    return found;
}

QList<FindMatch> ConfinedFs::find(const QString &path, const QString &text, Error *error,
                                  qint64 *notShown) const
{
    qint64 ignoredCount = 0;
    notShown = notShown ? notShown : &ignoredCount;
    *notShown = 0;
    QByteArray rel;
    if (!relativePath(path, &rel, error))
        return {};
    Fd root(openRoot(error));
    if (root.fd < 0)
        return {};
    Fd dir(openBeneath(root.fd, rel, O_RDONLY | O_DIRECTORY, 0, error, path));
    if (dir.fd < 0)
        return {};
    const QByteArray needle = text.toUtf8();
    QList<FindMatch> matches;
    walk(dir.fd, trimmedPrefix(path), 0,
         [&](int parentFd, const QByteArray &name, const struct stat &st, const QString &shown) {
             if (!S_ISREG(st.st_mode) || st.st_size > kMaxFindFileBytes || needle.isEmpty())
                 return;
             Fd fd(sysOpenat2(parentFd, name.constData(), O_RDONLY | O_NONBLOCK, 0));
             struct stat opened
             {
             };
             if (fd.fd < 0 || ::fstat(fd.fd, &opened) != 0 || !S_ISREG(opened.st_mode))
                 return; // swapped for something else since the walk saw it
             QByteArray data(qsizetype(st.st_size), Qt::Uninitialized);
             qsizetype got = 0;
             while (got < data.size()) {
                 const ssize_t n = ::read(fd.fd, data.data() + got, size_t(data.size() - got));
                 if (n <= 0)
                     break;
                 got += n;
             }
             data.truncate(got);
             if (isBinary(data))
                 return;
             // Line by line in place: a 16 MiB file is not copied again line by line.
             const QByteArrayView all(data);
             int lineNumber = 0;
             for (qsizetype start = 0; start <= all.size();) {
                 qsizetype end = all.indexOf('\n', start);
                 if (end < 0)
                     end = all.size();
                 ++lineNumber;
                 const QByteArrayView line = all.sliced(start, end - start);
                 if (line.indexOf(needle) >= 0) {
                     if (matches.size() >= kMaxFindMatches)
                         ++*notShown;
                     else
                         matches.append({shown, lineNumber, cappedLine(line)});
                 }
                 if (end == all.size())
                     break;
                 start = end + 1;
             }
         });
    return matches;
}

bool ConfinedFs::removeHome(Error *error) const
{
    Fd root(::open(QFile::encodeName(m_home).constData(),
                   O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (root.fd < 0)
        return errno == ENOENT;
    int failed = 0;
    if (!removeContents(root.fd, 0, &failed)) {
        *error = errnoError(failed, m_homeInSandbox);
        return false;
    }
    if (::rmdir(QFile::encodeName(m_home).constData()) != 0) {
        *error = errnoError(errno, m_homeInSandbox);
        return false;
    }
    return true;
}
