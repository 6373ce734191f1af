// The syscall numbers of the kernel's generic table (include/uapi/asm-generic/unistd.h), which
// aarch64 uses, by name: in a translation unit of its own, since the host's <sys/syscall.h>
// defines the same names with x86_64's numbers.
#include "GenericSyscalls.h"

#include <asm-generic/unistd.h>

QHash<QString, int> genericSyscallNumbers()
{
    QHash<QString, int> n;
#define STUDIO_GENERIC(name) n.insert(QStringLiteral(#name), __NR_##name);
    STUDIO_GENERIC(ptrace)
    STUDIO_GENERIC(process_vm_readv)
    STUDIO_GENERIC(process_vm_writev)
    STUDIO_GENERIC(pidfd_getfd)
    STUDIO_GENERIC(keyctl)
    STUDIO_GENERIC(add_key)
    STUDIO_GENERIC(request_key)
    STUDIO_GENERIC(bpf)
    STUDIO_GENERIC(perf_event_open)
    STUDIO_GENERIC(userfaultfd)
    STUDIO_GENERIC(io_uring_setup)
    STUDIO_GENERIC(io_uring_enter)
    STUDIO_GENERIC(io_uring_register)
    STUDIO_GENERIC(mount)
    STUDIO_GENERIC(umount2)
    STUDIO_GENERIC(pivot_root)
    STUDIO_GENERIC(chroot)
    STUDIO_GENERIC(unshare)
    STUDIO_GENERIC(setns)
    STUDIO_GENERIC(open_tree)
    STUDIO_GENERIC(move_mount)
    STUDIO_GENERIC(fsopen)
    STUDIO_GENERIC(fsconfig)
    STUDIO_GENERIC(fsmount)
    STUDIO_GENERIC(fspick)
    STUDIO_GENERIC(mount_setattr)
    STUDIO_GENERIC(kexec_load)
    STUDIO_GENERIC(kexec_file_load)
    STUDIO_GENERIC(init_module)
    STUDIO_GENERIC(finit_module)
    STUDIO_GENERIC(delete_module)
    STUDIO_GENERIC(open_by_handle_at)
    STUDIO_GENERIC(name_to_handle_at)
    STUDIO_GENERIC(acct)
    STUDIO_GENERIC(swapon)
    STUDIO_GENERIC(swapoff)
    STUDIO_GENERIC(reboot)
    STUDIO_GENERIC(syslog)
    STUDIO_GENERIC(quotactl)
    STUDIO_GENERIC(ioctl)
    STUDIO_GENERIC(socket)
    STUDIO_GENERIC(socketpair)
    STUDIO_GENERIC(read)
#undef STUDIO_GENERIC
    return n;
}
