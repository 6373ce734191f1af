// The seccomp program handed to bwrap --seccomp: allow by default, EPERM for syscalls a coding
// sandbox never needs (cross-process access, key rings, mounts and namespaces, kernel modules,
// io_uring, bpf, TIOCSTI/TIOCLINUX), EAFNOSUPPORT for socket families other than AF_UNIX,
// AF_INET, AF_INET6 and AF_NETLINK (EPROTONOSUPPORT for netlink other than NETLINK_ROUTE, which
// glibc's getaddrinfo and getifaddrs use), kill on a foreign architecture (specs/security.md
// §1.6). For x86_64 and aarch64, built as classic BPF in memory, no libseccomp; the syscall
// numbers of both are tables here, so either program can be built (and tested) on any host.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace SeccompFilter {

enum class Arch { X86_64, AArch64, Unsupported };

struct Syscall
{
    const char *name;
    int number;
};

// The architecture this binary runs on, and by name ("x86_64", "aarch64"; anything else is
// Unsupported); an empty name is this machine's.
Arch hostArch();
QString hostArchName();
Arch archFromName(const QString &name);
// AUDIT_ARCH_* of seccomp_data.arch; 0 for Unsupported.
quint32 auditArch(Arch arch);

// The syscalls refused with EPERM, with their numbers on that architecture.
QList<Syscall> deniedSyscalls(Arch arch);
// socket(2) and socketpair(2) on that architecture (checked by family).
Syscall socketSyscall(Arch arch);
Syscall socketPairSyscall(Arch arch);

// The raw sock_filter array; empty where the architecture is not supported (then bwrap runs
// without a filter, still inside all the namespaces, and missingFilterWarning says so).
QByteArray program(Arch arch = hostArch());

// Empty where there is a filter for that architecture (by name; empty: this machine's);
// otherwise the warning the log and the window show.
QString missingFilterWarning(const QString &arch = QString());

} // namespace SeccompFilter
