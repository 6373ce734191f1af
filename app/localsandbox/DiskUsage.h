// How many bytes a sandbox's home takes on disk (allocated blocks, each inode once), measured
// from the host without following symlinks or crossing into other filesystems. Runs on a
// worker thread: it touches no Qt object.
#pragma once

#include <QString>

namespace DiskUsage {

// Bytes allocated under dir, -1 when dir itself cannot be read. Folders the sandbox made
// unreadable to its own user (chmod 000) get owner read/search back, so they still count.
qint64 measure(const QString &dir);

} // namespace DiskUsage
