// SeccompFilter: a deny list compiled to classic BPF for x86_64.
#include "localsandbox/SeccompFilter.h"

#include <QList>

#include <cerrno>
#include <cstddef>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

namespace SeccompFilter {

QByteArray program()
{
#if defined(__x86_64__)
    const quint32 deny = SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA);
    const QList<int> denied{
        __NR_ptrace,
        __NR_process_vm_readv,
        __NR_process_vm_writev,
        __NR_keyctl,
        __NR_add_key,
        __NR_request_key,
        __NR_bpf,
        __NR_perf_event_open,
        __NR_userfaultfd,
        __NR_io_uring_setup,
        __NR_io_uring_enter,
        __NR_io_uring_register,
        __NR_mount,
        __NR_umount2,
        __NR_pivot_root,
        __NR_chroot,
        __NR_unshare,
        __NR_setns,
        __NR_open_tree,
        __NR_move_mount,
        __NR_fsopen,
        __NR_fsconfig,
        __NR_fsmount,
        __NR_fspick,
        __NR_kexec_load,
        __NR_kexec_file_load,
        __NR_init_module,
        __NR_finit_module,
        __NR_delete_module,
        __NR_open_by_handle_at,
        __NR_name_to_handle_at,
        __NR_acct,
        __NR_swapon,
        __NR_swapoff,
        __NR_reboot,
        __NR_syslog,
        __NR_uselib,
        __NR_quotactl,
    };
    QList<sock_filter> f;
    auto stmt = [&f](quint16 code, quint32 k) { f.append(sock_filter{code, 0, 0, k}); };
    auto jump = [&f](quint16 code, quint32 k, quint8 jt, quint8 jf) {
        f.append(sock_filter{code, jt, jf, k});
    };
    stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch));
    jump(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
    stmt(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr));
    jump(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1); // the x32 ABI
    stmt(BPF_RET | BPF_K, deny);
    for (const int nr : denied) {
        jump(BPF_JMP | BPF_JEQ | BPF_K, quint32(nr), 0, 1);
        stmt(BPF_RET | BPF_K, deny);
    }
    // ioctl(fd, TIOCSTI | TIOCLINUX): compare only the low 32 bits of the request, as the
    // kernel does (closes the CVE-2019-10063 bypass).
    jump(BPF_JMP | BPF_JEQ | BPF_K, __NR_ioctl, 0, 4);
    stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, args[1]));
    jump(BPF_JMP | BPF_JEQ | BPF_K, TIOCSTI, 1, 0);
    jump(BPF_JMP | BPF_JEQ | BPF_K, TIOCLINUX, 0, 1);
    stmt(BPF_RET | BPF_K, deny);
    stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    return QByteArray(reinterpret_cast<const char *>(f.constData()),
                      f.size() * qsizetype(sizeof(sock_filter)));
#else
    return QByteArray();
#endif
}

} // namespace SeccompFilter
