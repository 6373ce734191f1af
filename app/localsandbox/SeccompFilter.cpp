// SeccompFilter: a deny list and a socket-family check compiled to classic BPF for x86_64 and
// aarch64. The numbers are those of arch/x86/entry/syscalls/syscall_64.tbl and of
// include/uapi/asm-generic/unistd.h (aarch64 has no socketcall); tst_seccompfilter checks them
// against the headers.
#include "localsandbox/SeccompFilter.h"

#include <QSysInfo>

#include <cerrno>
#include <cstddef>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/seccomp.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

namespace SeccompFilter {

namespace {

struct Row
{
    const char *name;
    int x86_64;
    int aarch64; // -1: not on aarch64
};

// clang-format off
constexpr Row kDenied[] = {
    {"ptrace", 101, 117},
    {"process_vm_readv", 310, 270},
    {"process_vm_writev", 311, 271},
    {"pidfd_getfd", 438, 438},
    {"keyctl", 250, 219},
    {"add_key", 248, 217},
    {"request_key", 249, 218},
    {"bpf", 321, 280},
    {"perf_event_open", 298, 241},
    {"userfaultfd", 323, 282},
    {"io_uring_setup", 425, 425},
    {"io_uring_enter", 426, 426},
    {"io_uring_register", 427, 427},
    {"mount", 165, 40},
    {"umount2", 166, 39},
    {"pivot_root", 155, 41},
    {"chroot", 161, 51},
    {"unshare", 272, 97},
    {"setns", 308, 268},
    {"open_tree", 428, 428},
    {"move_mount", 429, 429},
    {"fsopen", 430, 430},
    {"fsconfig", 431, 431},
    {"fsmount", 432, 432},
    {"fspick", 433, 433},
    {"mount_setattr", 442, 442},
    {"kexec_load", 246, 104},
    {"kexec_file_load", 320, 294},
    {"init_module", 175, 105},
    {"finit_module", 313, 273},
    {"delete_module", 176, 106},
    {"open_by_handle_at", 304, 265},
    {"name_to_handle_at", 303, 264},
    {"acct", 163, 89},
    {"swapon", 167, 224},
    {"swapoff", 168, 225},
    {"reboot", 169, 142},
    {"syslog", 103, 116},
    {"uselib", 134, -1},
    {"quotactl", 179, 60},
};
constexpr Row kIoctl{"ioctl", 16, 29};
constexpr Row kSocket{"socket", 41, 198};
constexpr Row kSocketPair{"socketpair", 53, 199};
// clang-format on

int numberOn(const Row &row, Arch arch)
{
    return arch == Arch::X86_64 ? row.x86_64 : arch == Arch::AArch64 ? row.aarch64 : -1;
}

quint32 errnoReturn(int error)
{
    return SECCOMP_RET_ERRNO | (quint32(error) & SECCOMP_RET_DATA);
}

} // namespace

Arch hostArch()
{
#if defined(__x86_64__) && !defined(__ILP32__)
    return Arch::X86_64;
#elif defined(__aarch64__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return Arch::AArch64;
#else
    return Arch::Unsupported;
#endif
}

Arch archFromName(const QString &name)
{
    if (name.isEmpty())
        return hostArch();
    if (name == QLatin1String("x86_64"))
        return Arch::X86_64;
    if (name == QLatin1String("aarch64"))
        return Arch::AArch64;
    return Arch::Unsupported;
}

QString hostArchName()
{
    switch (hostArch()) {
    case Arch::X86_64:
        return QStringLiteral("x86_64");
    case Arch::AArch64:
        return QStringLiteral("aarch64");
    case Arch::Unsupported:
        break;
    }
    return QSysInfo::buildCpuArchitecture();
}

quint32 auditArch(Arch arch)
{
    switch (arch) {
    case Arch::X86_64:
        return AUDIT_ARCH_X86_64;
    case Arch::AArch64:
        return AUDIT_ARCH_AARCH64;
    case Arch::Unsupported:
        break;
    }
    return 0;
}

QList<Syscall> deniedSyscalls(Arch arch)
{
    QList<Syscall> out;
    for (const Row &row : kDenied) {
        if (numberOn(row, arch) >= 0)
            out.append(Syscall{row.name, numberOn(row, arch)});
    }
    return out;
}

Syscall socketSyscall(Arch arch)
{
    return Syscall{kSocket.name, numberOn(kSocket, arch)};
}

Syscall socketPairSyscall(Arch arch)
{
    return Syscall{kSocketPair.name, numberOn(kSocketPair, arch)};
}

QByteArray program(Arch arch)
{
    if (arch == Arch::Unsupported)
        return QByteArray();
    const quint32 deny = errnoReturn(EPERM);
    QList<sock_filter> f;
    auto stmt = [&f](quint16 code, quint32 k) { f.append(sock_filter{code, 0, 0, k}); };
    auto jump = [&f](quint32 k, quint8 jt, quint8 jf) {
        f.append(sock_filter{BPF_JMP | BPF_JEQ | BPF_K, jt, jf, k});
    };
    // The low 32 bits of an argument (the kernel reads these as int; little-endian on both).
    auto loadArgument = [&stmt](int index) {
        stmt(BPF_LD | BPF_W | BPF_ABS, quint32(offsetof(seccomp_data, args) + 8 * index));
    };
    stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch));
    jump(auditArch(arch), 1, 0);
    stmt(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr));
    if (arch == Arch::X86_64) {
        f.append(sock_filter{BPF_JMP | BPF_JGE | BPF_K, 0, 1, 0x40000000}); // the x32 ABI
        stmt(BPF_RET | BPF_K, deny);
    }
    for (const Syscall &call : deniedSyscalls(arch)) {
        jump(quint32(call.number), 0, 1);
        stmt(BPF_RET | BPF_K, deny);
    }
    // socket(family, type, protocol) and socketpair(...): only the families programs use.
    jump(quint32(socketSyscall(arch).number), 1, 0);
    jump(quint32(socketPairSyscall(arch).number), 0, 10);
    loadArgument(0);
    jump(AF_UNIX, 5, 0);
    jump(AF_INET, 4, 0);
    jump(AF_INET6, 3, 0);
    jump(AF_NETLINK, 0, 3);
    loadArgument(2);
    jump(NETLINK_ROUTE, 0, 2);
    stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    stmt(BPF_RET | BPF_K, errnoReturn(EAFNOSUPPORT));
    stmt(BPF_RET | BPF_K, errnoReturn(EPROTONOSUPPORT));
    // ioctl(fd, TIOCSTI | TIOCLINUX): compare only the low 32 bits of the request, as the
    // kernel does (closes the CVE-2019-10063 bypass). The accumulator still holds nr here.
    jump(quint32(numberOn(kIoctl, arch)), 0, 4);
    loadArgument(1);
    jump(TIOCSTI, 1, 0);
    jump(TIOCLINUX, 0, 1);
    stmt(BPF_RET | BPF_K, deny);
    stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    return QByteArray(reinterpret_cast<const char *>(f.constData()),
                      f.size() * qsizetype(sizeof(sock_filter)));
}

QString missingFilterWarning(const QString &arch)
{
    if (archFromName(arch) != Arch::Unsupported)
        return QString();
    return QStringLiteral(
               "Local sandboxes run WITHOUT a seccomp filter: there is none for %1 (only x86_64 "
               "and aarch64). Sandboxed programs stay inside their namespaces, but may use every "
               "system call the kernel allows there (ptrace, keyctl, io_uring, bpf, unusual "
               "socket families, ...). Use Daytona's cloud sandboxes (DAYTONA_API_KEY) for code "
               "you do not trust.")
        .arg(arch.isEmpty() ? hostArchName() : arch);
}

} // namespace SeccompFilter
