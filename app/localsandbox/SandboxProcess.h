// One command run inside a sandbox with bubblewrap (specs/security.md §1.6): a minimal
// read-only system, the sandbox's home as /home/daytona, private sized /tmp and /dev/shm, new
// user/pid/ipc/uts/net namespaces, cleared environment, no capabilities, rlimits (memory as
// RLIMIT_DATA, file size, processes) set inside the new user namespace, a lowered CPU priority,
// and a cgroup v2 (memory.max, cpu.max) when the caller made one; --die-with-parent. The host
// side enforces the wall-clock timeout and the output cap by killing the whole process group.
// Asynchronous: start(), then finished(result).
#pragma once

#include "localsandbox/SandboxNetwork.h"
#include "sandbox/SandboxTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QTimer>

struct SandboxRunSpec
{
    QString homeDir; // host directory mounted as /home/daytona
    QString cwd; // inside the sandbox; empty = /home/daytona
    StringMap env; // added after the cleared environment
    QByteArray script; // piped to the shell's stdin, as the Daytona daemon does
    qint64 timeoutSeconds = 0; // 0 = no limit; clamped to kMaxCommandTimeoutSeconds
    qint64 memoryBytes = 0; // RLIMIT_DATA of every process; 0 = none
    qint64 fileSizeBytes = 512ll << 20; // RLIMIT_FSIZE: the largest file one write may make
    QString cgroupDir; // a cgroup v2 the command is started in; empty = none
    QString outputNote; // a line added after the output (e.g. the disk is full)
    qint64 outputCap = 1 << 20; // bytes kept; then the process group is killed
    NetworkPolicy network; // off: --unshare-net; otherwise pasta's namespace (SandboxNetwork)
    QString sandboxId; // for the log lines about its network
    int runAsUid = -1; // host uid/gid to run bwrap as (when the server is root)
    int runAsGid = -1;
    QString architecture; // whose seccomp filter; empty = this machine's (tests pretend others)
    // A session's long-lived shell: stdin stays open (write()), stdout and stderr come apart
    // through output() as they arrive, and nothing is kept or capped here (the session does it).
    bool interactive = false;
};

struct SandboxRunResult
{
    int exitCode = -1;
    QByteArray output; // stdout and stderr merged, with a marker when truncated
    bool timedOut = false;
    bool truncated = false;
    QString error; // the sandbox could not be set up (bwrap missing, no user namespaces, ...)
    qint64 elapsedMs = 0;
};

class SandboxProcess final : public QObject
{
    Q_OBJECT
public:
    static constexpr auto kHome = "/home/daytona";

    explicit SandboxProcess(const SandboxRunSpec &spec, QObject *parent = nullptr);
    ~SandboxProcess() override;

    void start();
    // Kills the process group now (stop/delete of the sandbox); finished() still follows,
    // with the reason (if any) at the end of the output.
    void kill(const QString &reason = QString());
    // Interactive only: more input for the shell (commands, or a command's stdin).
    void write(const QByteArray &data);
    // The host pid of bwrap (or of pasta around it); 0 before it started or after it ended.
    qint64 pid() const { return m_done ? 0 : m_pid; }
    // The host pids of a sandbox's live commands (every SandboxProcess whose spec names that
    // sandbox: toolbox commands, session shells); the preview relay searches their trees.
    static QList<qint64> pidsOf(const QString &sandboxId);

    // What the sandbox's /dev/shm and /tmp may hold (tmpfs: host memory).
    static constexpr qint64 kShmBytes = 64ll << 20;
    static constexpr qint64 kTmpBytes = 256ll << 20;
    // The niceness sandboxed processes run at (with SCHED_BATCH).
    static constexpr int kNice = 10;

    // The bwrap argument list for a spec, with the fds that carry /etc/passwd, /etc/group,
    // the seccomp program and the spec's environment (-1 = none), and for a networked spec
    // /etc/resolv.conf and /etc/hosts. The environment's values never go on the command line,
    // which every local user can read in /proc/PID/cmdline.
    static QStringList bwrapArguments(const SandboxRunSpec &spec, int passwdFd, int groupFd,
                                      int seccompFd, int envFd = -1, int resolvFd = -1,
                                      int hostsFd = -1);
    // What envFd carries: "--setenv NAME VALUE" for each variable, NUL-separated (bwrap --args).
    static QByteArray environmentArguments(const StringMap &env);
    // Empty when bubblewrap can be used here; otherwise a message saying what to do.
    static QString hostProblem();
    // Turns bwrap's own failure text into advice.
    static QString explainBwrapFailure(const QByteArray &output);

signals:
    void finished(const SandboxRunResult &result);
    // Interactive only: bytes the shell wrote on stdout (channel 1) or stderr (channel 2).
    void output(int channel, const QByteArray &data);

private:
    // Resolves the allowlist's host names (asynchronously), then launch().
    void resolveThenLaunch();
    void launch();
    void fail(const QString &error);
    void onReadyRead();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void killGroup();

    SandboxRunSpec m_spec;
    QProcess m_process;
    QTimer m_timer;
    QElapsedTimer m_clock;
    SandboxRunResult m_result;
    SandboxNetwork::Routes m_routes;
    int m_lookups = 0;
    qint64 m_pid = 0;
    bool m_done = false;
    QString m_killReason;
    QByteArray m_pendingInput; // interactive: written before the launch
};
