// SandboxPortConnector: finding a sandbox's listener and connecting to it inside its namespace.
#include "localsandbox/SandboxPortConnector.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace SandboxPortConnector {

namespace {

quint64 netnsInode(qint64 pid)
{
    struct stat st
    {
    };
    const QByteArray path = pid > 0 ? QByteArray("/proc/") + QByteArray::number(pid) + "/ns/net"
                                    : QByteArray("/proc/self/ns/net");
    if (::stat(path.constData(), &st) != 0)
        return 0;
    return quint64(st.st_ino);
}

// pid -> parent pid of every process we can see.
QHash<qint64, qint64> parents()
{
    QHash<qint64, qint64> parentOf;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (!ok)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        parentOf.insert(pid, fields.value(1).toLongLong());
    }
    return parentOf;
}

bool loopbackReachable(const unsigned char *a, bool ipv6)
{
    if (!ipv6)
        return (a[0] == 0 && a[1] == 0 && a[2] == 0 && a[3] == 0) || a[0] == 127;
    static const unsigned char zero[16] = {};
    if (std::memcmp(a, zero, 16) == 0)
        return true; // ::
    if (std::memcmp(a, zero, 15) == 0 && a[15] == 1)
        return true; // ::1
    // ::ffff:127.x.x.x (an IPv4 loopback seen by a dual-stack socket)
    return std::memcmp(a, zero, 10) == 0 && a[10] == 0xff && a[11] == 0xff && a[12] == 127;
}

// Writes the child's failure (stage, errno) and ends it; async-signal-safe.
[[noreturn]] void childFail(int sock, int stage)
{
    const int message[2] = {stage, errno};
    [[maybe_unused]] const ssize_t n = ::write(sock, message, sizeof message);
    ::_exit(1);
}

// Hands the connected socket to the parent and ends the child; async-signal-safe.
[[noreturn]] void childSend(int sock, int fd)
{
    int message[2] = {0, 0};
    char control[CMSG_SPACE(sizeof(int))] = {};
    iovec iov{message, sizeof message};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
    [[maybe_unused]] const ssize_t n = ::sendmsg(sock, &msg, MSG_NOSIGNAL);
    ::_exit(0);
}

// A connect that does not hang when the listener's backlog is full.
void limitConnectTime(int fd)
{
    const timeval limit{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
}

// The forked child: only system calls from here on (the parent has other threads).
[[noreturn]] void childConnect(int sock, const char *nsPath, int port, bool joinUserNs)
{
    const int netFd = ::open(nsPath, O_RDONLY | O_CLOEXEC);
    if (netFd < 0)
        childFail(sock, 1);
    if (joinUserNs) {
        // The user namespace that owns the network namespace: joining it gives the capability
        // setns needs (the server's user created it; bwrap and pasta are not setuid).
        const int userFd = ::ioctl(netFd, NS_GET_USERNS);
        if (userFd < 0)
            childFail(sock, 2);
        // EINVAL: it is already our own user namespace.
        if (::setns(userFd, CLONE_NEWUSER) != 0 && errno != EINVAL)
            childFail(sock, 2);
    }
    if (::setns(netFd, CLONE_NEWNET) != 0)
        childFail(sock, 3);
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        childFail(sock, 4);
    limitConnectTime(fd);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(quint16(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0) {
        const int ipv4Errno = errno;
        // A server bound to ::1 only.
        const int fd6 = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in6 addr6{};
        addr6.sin6_family = AF_INET6;
        addr6.sin6_port = htons(quint16(port));
        addr6.sin6_addr = in6addr_loopback;
        if (fd6 >= 0)
            limitConnectTime(fd6);
        if (fd6 < 0
            || ::connect(fd6, reinterpret_cast<const sockaddr *>(&addr6), sizeof addr6) != 0) {
            errno = ipv4Errno;
            childFail(sock, 5);
        }
        ::close(fd);
        childSend(sock, fd6);
    }
    childSend(sock, fd);
}

} // namespace

bool listensOn(const QByteArray &procNetTcp, int port, bool ipv6)
{
    const QList<QByteArray> lines = procNetTcp.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines[i].simplified().split(' ');
        if (f.size() < 4 || f[3] != "0A") // 0A = TCP_LISTEN
            continue;
        const QList<QByteArray> local = f[1].split(':');
        if (local.size() != 2 || local[1].toInt(nullptr, 16) != port)
            continue;
        const QByteArray hex = local[0];
        if (hex.size() != (ipv6 ? 32 : 8))
            continue;
        // The kernel prints each 32-bit word of the address in host order: copying the words
        // back into memory restores the network-order bytes on any byte order.
        unsigned char bytes[16] = {};
        for (int w = 0; w < hex.size() / 8; ++w) {
            const quint32 word = quint32(hex.mid(w * 8, 8).toULong(nullptr, 16));
            std::memcpy(bytes + 4 * w, &word, 4);
        }
        if (loopbackReachable(bytes, ipv6))
            return true;
    }
    return false;
}

Listener findListener(const QList<qint64> &rootPids, int port)
{
    const QHash<qint64, qint64> parentOf = parents();
    const QSet<qint64> roots(rootPids.cbegin(), rootPids.cend());
    const quint64 hostNet = netnsInode(0);
    QSet<quint64> seen;
    for (auto it = parentOf.cbegin(); it != parentOf.cend(); ++it) {
        bool ours = roots.contains(it.key());
        qint64 p = it.value();
        for (int depth = 0; !ours && p > 1 && depth < 4096; ++depth) {
            ours = roots.contains(p);
            p = parentOf.value(p, 0);
        }
        if (!ours)
            continue;
        // The host's own namespace (bwrap's outer process, pasta itself) is never a target:
        // the host's services must not be reachable through a preview.
        const quint64 net = netnsInode(it.key());
        if (net == 0 || net == hostNet || seen.contains(net))
            continue;
        seen.insert(net);
        for (const bool v6 : {false, true}) {
            QFile tcp(QStringLiteral("/proc/%1/net/%2")
                          .arg(it.key())
                          .arg(QLatin1String(v6 ? "tcp6" : "tcp")));
            if (tcp.open(QIODevice::ReadOnly) && listensOn(tcp.readAll(), port, v6))
                return {it.key(), net};
        }
    }
    return {};
}

Connected connectInNamespace(qint64 pid, int port)
{
    Connected result;
    const quint64 net = netnsInode(pid);
    if (net == 0 || net == netnsInode(0)) {
        result.error = QStringLiteral("the process is gone or shares the host's network");
        return result;
    }
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
        result.error
            = QStringLiteral("socketpair: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return result;
    }
    const QByteArray nsPath = QByteArray("/proc/") + QByteArray::number(pid) + "/ns/net";
    // setns into a user namespace needs a single-threaded process: a forked child is one.
    // As root, the host's capabilities already cover every namespace; joining nobody's user
    // namespace is not needed.
    const bool joinUserNs = ::geteuid() != 0;
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(pair[0]);
        ::close(pair[1]);
        result.error = QStringLiteral("fork: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return result;
    }
    if (child == 0) {
        ::close(pair[0]);
        childConnect(pair[1], nsPath.constData(), port, joinUserNs);
    }
    ::close(pair[1]);

    int message[2] = {0, 0};
    char control[CMSG_SPACE(sizeof(int))] = {};
    iovec iov{message, sizeof message};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n;
    do {
        n = ::recvmsg(pair[0], &msg, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    ::close(pair[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
            std::memcpy(&result.fd, CMSG_DATA(c), sizeof(int));
    }
    if (result.fd >= 0)
        return result;
    static const char *const stages[] = {"",
                                         "opening the namespace",
                                         "joining its user namespace",
                                         "joining its network namespace",
                                         "making a socket",
                                         "connecting"};
    const int stage = n == sizeof message && message[0] >= 1 && message[0] <= 5 ? message[0] : 0;
    result.refused = stage == 5 && message[1] == ECONNREFUSED;
    result.error = stage == 0
        ? QStringLiteral("the relay ended without a connection")
        : QStringLiteral("%1: %2").arg(QString::fromLatin1(stages[stage]),
                                       QString::fromLocal8Bit(strerror(message[1])));
    return result;
}

} // namespace SandboxPortConnector
