// A cgroup v2 per command, for memory.max and cpu.max, when the server can have one: the
// process sits in a cgroup v2 it may write (a systemd user scope with Delegate=yes, a
// container's own cgroup, root) whose memory and cpu controllers it can enable for children.
// Elsewhere (cgroup v1, no delegation) the caller falls back to rlimits and nice.
#pragma once

#include <QString>

class SandboxCgroup final
{
public:
    // The folder new sandbox cgroups are made in, or empty (and why, in *reason) when there
    // is none. Checked once per process; may move this process into a leaf "server" child,
    // since a cgroup v2 with processes in it cannot hand controllers to children.
    static QString base(QString *reason = nullptr);

    // Makes base()/<name> with these limits (0 = none). Empty on failure.
    static QString create(const QString &name, qint64 memoryBytes, double cpus);
    // Removes a cgroup made by create() once its processes are gone.
    static void remove(const QString &dir);
};
