// Syscall numbers of the kernel's generic table (aarch64's), by name, for tst_seccompfilter.
#pragma once

#include <QHash>
#include <QString>

QHash<QString, int> genericSyscallNumbers();
