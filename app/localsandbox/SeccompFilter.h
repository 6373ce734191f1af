// The seccomp program handed to bwrap --seccomp: allow by default, EPERM for syscalls a coding
// sandbox never needs (cross-process access, key rings, mounts and namespaces, kernel modules,
// io_uring, bpf, TIOCSTI/TIOCLINUX), kill on a foreign architecture (specs/security.md §1.6).
// Built as classic BPF in memory, no libseccomp.
#pragma once

#include <QByteArray>

namespace SeccompFilter {

// The raw sock_filter array; empty where the architecture is not supported (then bwrap runs
// without a filter, still inside all the namespaces).
QByteArray program();

} // namespace SeccompFilter
