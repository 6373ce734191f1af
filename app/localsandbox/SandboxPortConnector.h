// Reaching a port inside a local sandbox from the host (issue 17, previews). Each sandbox has its
// own network namespace (bwrap --unshare-net, or pasta's namespace when networked), so the
// host's 127.0.0.1 never reaches it. The connector finds the sandbox process whose namespace has
// a listener on the port (/proc/PID/net/tcp{,6} show that namespace), then forks a short-lived
// child that joins the namespace's owning user namespace and the network namespace, connects to
// 127.0.0.1:port there, and hands the connected socket back over a socketpair (SCM_RIGHTS).
// Handing back the descriptor instead of piping bytes through the child keeps the relay a
// one-shot child: the proxy reads and writes the sandbox's socket itself.
// The functions block briefly (a fork, a loopback connect): call them from a worker thread.
#pragma once

#include <QList>
#include <QString>

namespace SandboxPortConnector {

struct Listener
{
    qint64 pid = 0; // a process inside the namespace that listens (0 = none found)
    quint64 netns = 0; // the namespace's inode
};

// Among these processes and their descendants, one whose network namespace (never the host's
// own, i.e. this process's) has a TCP listener on `port` reachable from that namespace's
// loopback (bound to 0.0.0.0, ::, 127.0.0.0/8 or ::1).
Listener findListener(const QList<qint64> &rootPids, int port);

struct Connected
{
    int fd = -1; // a connected TCP socket (owned by the caller) or -1
    bool refused = false; // nothing accepted the connection (the server stopped meanwhile)
    QString error; // why not, for the log and the 502 page
};

// Connects to 127.0.0.1:port inside the network namespace of `pid`. Never anywhere else.
Connected connectInNamespace(qint64 pid, int port);

// True when /proc/PID/net/tcp text lists a LISTEN socket on `port` at a loopback-reachable
// address (exposed for tests).
bool listensOn(const QByteArray &procNetTcp, int port, bool ipv6);

} // namespace SandboxPortConnector
