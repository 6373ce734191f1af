// DiskUsage: a depth-first walk with openat/fstatat relative to the parent's fd.
#include "localsandbox/DiskUsage.h"

#include <QFile>
#include <QSet>

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// Deeper folders are not counted (each level holds an fd open); see README "What is guaranteed".
constexpr int kMaxDepth = 256;

struct Walk
{
    dev_t device = 0;
    QSet<QPair<quint64, quint64>> seen; // (dev, ino) of files with more than one link
    qint64 bytes = 0;
};

int openDirectory(int parent, const char *name, const struct stat &st)
{
    const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    int fd = ::openat(parent, name, flags);
    if (fd < 0 && errno == EACCES && st.st_uid == ::geteuid()) {
        // The sandbox user is this user when the server is unprivileged: a folder it locked
        // must not hide its contents from the count.
        ::fchmodat(parent, name, (st.st_mode & 07777) | S_IRUSR | S_IXUSR, 0);
        fd = ::openat(parent, name, flags);
    }
    return fd;
}

void walk(int dirFd, Walk &w, int depth)
{
    DIR *dir = ::fdopendir(dirFd);
    if (!dir) {
        ::close(dirFd);
        return;
    }
    while (const dirent *entry = ::readdir(dir)) {
        const char *name = entry->d_name;
        if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)))
            continue;
        struct stat st;
        if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (st.st_nlink > 1 && !S_ISDIR(st.st_mode)) {
            const QPair<quint64, quint64> key(quint64(st.st_dev), quint64(st.st_ino));
            if (w.seen.contains(key))
                continue;
            w.seen.insert(key);
        }
        w.bytes += qint64(st.st_blocks) * 512;
        if (S_ISDIR(st.st_mode) && st.st_dev == w.device && depth < kMaxDepth) {
            const int child = openDirectory(dirFd, name, st);
            if (child >= 0)
                walk(child, w, depth + 1);
        }
    }
    ::closedir(dir);
}

} // namespace

qint64 DiskUsage::measure(const QString &dir)
{
    const QByteArray path = QFile::encodeName(dir);
    const int fd = ::open(path.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        return -1;
    }
    Walk w;
    w.device = st.st_dev;
    w.bytes = qint64(st.st_blocks) * 512;
    walk(fd, w, 0);
    return w.bytes;
}
