// SandboxProcess: builds the bwrap command line and supervises it.
#include "localsandbox/SandboxProcess.h"

#include "core/Logging.h"
#include "localsandbox/SandboxHostCheck.h"
#include "localsandbox/SeccompFilter.h"

#include <QFile>
#include <QHash>
#include <QHostInfo>
#include <QStandardPaths>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace {

constexpr int kMaxProcesses = 256;
constexpr int kDefaultCpuSeconds = 3600;

int memoryFileWith(const QByteArray &content)
{
    const int fd = ::memfd_create("agent-sandbox-etc", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    if (::write(fd, content.constData(), size_t(content.size())) != content.size()
        || ::lseek(fd, 0, SEEK_SET) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

QString bwrapPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("bwrap"));
}

} // namespace

namespace {

// Every live SandboxProcess by sandbox id (main thread only): toolbox commands and session
// shells alike, for the preview relay (pidsOf).
QMultiHash<QString, const SandboxProcess *> &liveProcesses()
{
    static QMultiHash<QString, const SandboxProcess *> live;
    return live;
}

} // namespace

SandboxProcess::SandboxProcess(const SandboxRunSpec &spec, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
{
    if (!m_spec.sandboxId.isEmpty())
        liveProcesses().insert(m_spec.sandboxId, this);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_result.timedOut = true;
        killGroup();
    });
    m_process.setProcessChannelMode(spec.interactive ? QProcess::SeparateChannels
                                                     : QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &SandboxProcess::onReadyRead);
    if (spec.interactive)
        connect(&m_process, &QProcess::readyReadStandardError, this, &SandboxProcess::onReadyRead);
    connect(&m_process, &QProcess::finished, this, &SandboxProcess::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart && !m_done) {
            m_done = true;
            m_result.error = QStringLiteral("Could not start bubblewrap (%1): %2")
                                 .arg(bwrapPath(), m_process.errorString());
            emit finished(m_result);
        }
    });
}

SandboxProcess::~SandboxProcess()
{
    if (!m_spec.sandboxId.isEmpty())
        liveProcesses().remove(m_spec.sandboxId, this);
    // QProcess reaps the SIGKILLed child in its own destructor.
    m_process.disconnect(this);
    killGroup();
}

QList<qint64> SandboxProcess::pidsOf(const QString &sandboxId)
{
    QList<qint64> pids;
    const QList<const SandboxProcess *> processes = liveProcesses().values(sandboxId);
    for (const SandboxProcess *p : processes) {
        if (p->pid() > 0)
            pids.append(p->pid());
    }
    return pids;
}

QString SandboxProcess::hostProblem()
{
    // One diagnosis for the app's empty thread, the CLI and the server (SandboxHostCheck).
    return SandboxHostCheck().staticCheck().message;
}

QString SandboxProcess::explainBwrapFailure(const QByteArray &output)
{
    if (!output.startsWith("bwrap: "))
        return QString();
    const SandboxHostCheck::Result result
        = SandboxHostCheck::diagnose(SandboxHostPaths(), 1, output);
    if (result.problem == SandboxHostCheck::Problem::BubblewrapFailed)
        return QStringLiteral("The local sandbox could not start (%1).").arg(result.bwrapOutput);
    return QStringLiteral("The local sandbox could not start (%1). %2")
        .arg(result.bwrapOutput, result.message);
}

QByteArray SandboxProcess::environmentArguments(const StringMap &env)
{
    // A NUL inside a name or value would end the argument early and make the rest bwrap
    // options (a "--bind / ..." smuggled in a value): values are cut there, as execve cuts a
    // command-line argument, and such names are dropped.
    QByteArray out;
    for (auto it = env.begin(); it != env.end(); ++it) {
        const QByteArray name = it.key().toUtf8();
        if (name.isEmpty() || name.contains('\0') || name.contains('='))
            continue;
        const QByteArray value = it.value().toUtf8();
        out += QByteArrayLiteral("--setenv") + '\0' + name + '\0'
            + value.left(value.indexOf('\0') < 0 ? value.size() : value.indexOf('\0')) + '\0';
    }
    return out;
}

QStringList SandboxProcess::bwrapArguments(const SandboxRunSpec &spec, int passwdFd, int groupFd,
                                           int seccompFd, int envFd, int resolvFd, int hostsFd)
{
    const QString home = QString::fromLatin1(kHome);
    QStringList a{
        QStringLiteral("--unshare-user"),
        QStringLiteral("--unshare-pid"),
        QStringLiteral("--unshare-ipc"),
        QStringLiteral("--unshare-uts"),
        QStringLiteral("--unshare-cgroup-try"),
        QStringLiteral("--uid"),
        QStringLiteral("1000"),
        QStringLiteral("--gid"),
        QStringLiteral("1000"),
        QStringLiteral("--hostname"),
        QStringLiteral("sandbox"),
        QStringLiteral("--disable-userns"), // no nested user namespaces
        QStringLiteral("--die-with-parent"),
        // No --new-session: the child modifier in start() takes the controlling terminal away
        // instead (what --new-session is for: no TIOCSTI into our tty), in the same session.
        QStringLiteral("--cap-drop"),
        QStringLiteral("ALL"),
        QStringLiteral("--clearenv"),
        QStringLiteral("--setenv"),
        QStringLiteral("PATH"),
        QStringLiteral("/usr/local/bin:/usr/bin:/bin"),
        QStringLiteral("--setenv"),
        QStringLiteral("HOME"),
        home,
        QStringLiteral("--setenv"),
        QStringLiteral("USER"),
        QStringLiteral("daytona"),
        QStringLiteral("--setenv"),
        QStringLiteral("LANG"),
        QStringLiteral("C.UTF-8"),
        QStringLiteral("--setenv"),
        QStringLiteral("TMPDIR"),
        QStringLiteral("/tmp"),
        QStringLiteral("--setenv"),
        QStringLiteral("TERM"),
        QStringLiteral("dumb"),
    };
    if (envFd >= 0)
        a << QStringLiteral("--args") << QString::number(envFd);
    // A minimal tree, never "/" (host home, /run, D-Bus/X11/Wayland sockets stay out).
    a << QStringLiteral("--ro-bind") << QStringLiteral("/usr") << QStringLiteral("/usr")
      << QStringLiteral("--symlink") << QStringLiteral("usr/bin") << QStringLiteral("/bin")
      << QStringLiteral("--symlink") << QStringLiteral("usr/sbin") << QStringLiteral("/sbin")
      << QStringLiteral("--symlink") << QStringLiteral("usr/lib") << QStringLiteral("/lib")
      << QStringLiteral("--symlink") << QStringLiteral("usr/lib64") << QStringLiteral("/lib64");
    for (const char *etc : {"/etc/alternatives", "/etc/ld.so.cache", "/etc/ssl",
                            "/etc/ca-certificates", "/etc/localtime"})
        a << QStringLiteral("--ro-bind-try") << QString::fromLatin1(etc)
          << QString::fromLatin1(etc);
    a << QStringLiteral("--ro-bind-data") << QString::number(passwdFd)
      << QStringLiteral("/etc/passwd") << QStringLiteral("--ro-bind-data")
      << QString::number(groupFd) << QStringLiteral("/etc/group") << QStringLiteral("--proc")
      << QStringLiteral("/proc") << QStringLiteral("--dev")
      << QStringLiteral("/dev")
      // /dev is a tmpfs without a size the sandbox user owns: read-only, with a sized /dev/shm.
      << QStringLiteral("--remount-ro") << QStringLiteral("/dev") << QStringLiteral("--size")
      << QString::number(kShmBytes) << QStringLiteral("--tmpfs") << QStringLiteral("/dev/shm")
      << QStringLiteral("--size") << QString::number(kTmpBytes) << QStringLiteral("--tmpfs")
      << QStringLiteral("/tmp") << QStringLiteral("--bind") << spec.homeDir << home
      << QStringLiteral("--chdir") << (spec.cwd.isEmpty() ? home : spec.cwd);
    // A networked sandbox stays in pasta's namespace (SandboxNetwork::wrap), with its own
    // resolver and hosts files; otherwise a namespace with only a loopback.
    if (spec.network.networked() && resolvFd >= 0 && hostsFd >= 0)
        a << QStringLiteral("--ro-bind-data") << QString::number(resolvFd)
          << QStringLiteral("/etc/resolv.conf") << QStringLiteral("--ro-bind-data")
          << QString::number(hostsFd) << QStringLiteral("/etc/hosts");
    else
        a << QStringLiteral("--unshare-net");
    a << QStringLiteral("--remount-ro") << QStringLiteral("/");
    if (seccompFd >= 0)
        a << QStringLiteral("--seccomp") << QString::number(seccompFd);
    // Limits applied inside the new user namespace, so RLIMIT_NPROC counts only this sandbox.
    // Sizes in bytes: util-linux 2.38's prlimit crashes on suffixes like "4G".
    const qint64 cpu = spec.timeoutSeconds > 0 ? spec.timeoutSeconds + 5 : kDefaultCpuSeconds;
    a << QStringLiteral("--") << QStringLiteral("/usr/bin/prlimit")
      << QStringLiteral("--nproc=%1").arg(kMaxProcesses) << QStringLiteral("--nofile=1024")
      << QStringLiteral("--fsize=%1").arg(qMax<qint64>(0, spec.fileSizeBytes))
      << QStringLiteral("--cpu=%1").arg(cpu) << QStringLiteral("--core=0")
      << QStringLiteral("--nice=0"); // no way back to a higher priority
    // RLIMIT_DATA, not RLIMIT_AS: node reserves far more address space than it uses.
    if (spec.memoryBytes > 0)
        a << QStringLiteral("--data=%1").arg(spec.memoryBytes);
    a << QStringLiteral("--")
      << QStringLiteral("/bin/bash")
      // Privileged mode: no $BASH_ENV/$ENV file, no functions imported from the environment,
      // SHELLOPTS/BASHOPTS/CDPATH/GLOBIGNORE ignored, whatever the environment says.
      << QStringLiteral("--noprofile") << QStringLiteral("--norc") << QStringLiteral("-p");
    return a;
}

void SandboxProcess::fail(const QString &error)
{
    m_done = true;
    m_result.error = error;
    QTimer::singleShot(0, this, [this] { emit finished(m_result); });
}

void SandboxProcess::start()
{
    m_clock.start();
    QString problem = hostProblem();
    if (problem.isEmpty() && m_spec.network.networked())
        problem = SandboxNetwork::hostProblem(m_spec.runAsUid);
    if (!problem.isEmpty()) {
        fail(problem);
        return;
    }
    if (!m_spec.network.networked()) {
        launch();
        return;
    }
    m_routes.blocked = SandboxNetwork::hostAddresses();
    qCInfo(lcLocalSandbox).noquote()
        << "command in sandbox" << m_spec.sandboxId << "network:" << m_spec.network.describe()
        << "; unreachable host addresses:" << m_routes.blocked.join(QLatin1Char(' '));
    resolveThenLaunch();
}

void SandboxProcess::resolveThenLaunch()
{
    m_routes.hosts = "127.0.0.1 localhost\n::1 localhost\n";
    QStringList names;
    for (const QString &entry : std::as_const(m_spec.network.allowList)) {
        if (entry.contains(QLatin1Char('/')))
            m_routes.allowed << entry;
        else
            names << entry;
    }
    if (m_spec.network.mode != NetworkPolicy::Mode::Allowlist || names.isEmpty()) {
        launch();
        return;
    }
    // Host names are resolved on the host, now: their addresses are routed and written into
    // the sandbox's /etc/hosts (the sandbox itself has no DNS in allowlist mode).
    m_lookups = int(names.size());
    for (const QString &name : std::as_const(names)) {
        QHostInfo::lookupHost(name, this, [this, name](const QHostInfo &info) {
            QStringList found;
            for (const QHostAddress &address : info.addresses()) {
                const bool v4 = address.protocol() == QAbstractSocket::IPv4Protocol;
                m_routes.allowed << address.toString()
                        + (v4 ? QStringLiteral("/32") : QStringLiteral("/128"));
                m_routes.hosts += address.toString().toLatin1() + ' ' + name.toLatin1() + '\n';
                found << address.toString();
            }
            qCInfo(lcLocalSandbox).noquote()
                << "sandbox" << m_spec.sandboxId << "allowlist:" << name << "->"
                << (found.isEmpty() ? info.errorString() : found.join(QLatin1Char(' ')));
            if (--m_lookups == 0 && !m_done)
                launch();
        });
    }
}

void SandboxProcess::launch()
{
    const int passwdFd = memoryFileWith("daytona:x:1000:1000:daytona:/home/daytona:/bin/bash\n");
    const int groupFd = memoryFileWith("daytona:x:1000:\n");
    const QByteArray filter
        = SeccompFilter::program(SeccompFilter::archFromName(m_spec.architecture));
    const int seccompFd = filter.isEmpty() ? -1 : memoryFileWith(filter);
    const QByteArray environment = environmentArguments(m_spec.env);
    const int envFd = environment.isEmpty() ? -1 : memoryFileWith(environment);
    const bool networked = m_spec.network.networked();
    const int resolvFd
        = networked ? memoryFileWith(SandboxNetwork::resolvConf(m_spec.network)) : -1;
    const int hostsFd = networked ? memoryFileWith(m_routes.hosts) : -1;
    if (passwdFd < 0 || groupFd < 0 || (!filter.isEmpty() && seccompFd < 0)
        || (!environment.isEmpty() && envFd < 0) || (networked && (resolvFd < 0 || hostsFd < 0))) {
        for (const int fd : {passwdFd, groupFd, seccompFd, envFd, resolvFd, hostsFd}) {
            if (fd >= 0)
                ::close(fd);
        }
        fail(QStringLiteral("Could not prepare the sandbox's /etc files: %1")
                 .arg(QString::fromLocal8Bit(strerror(errno))));
        return;
    }
    const int uid = m_spec.runAsUid;
    const int gid = m_spec.runAsGid;
    const int cgroupFd = m_spec.cgroupDir.isEmpty()
        ? -1
        : ::open(QFile::encodeName(m_spec.cgroupDir + QStringLiteral("/cgroup.procs")).constData(),
                 O_WRONLY | O_CLOEXEC);
    // Runs in the child between fork and exec: only async-signal-safe calls.
    m_process.setChildProcessModifier(
        [passwdFd, groupFd, seccompFd, envFd, resolvFd, hostsFd, uid, gid, cgroupFd] {
            // Own process group (a timeout kills everything at once), but the app's session:
            // with autogroup scheduling (Linux's default) every new session is a scheduling
            // group as heavy as the whole app, so sandboxes each in their own session (bwrap's
            // --new-session, or setsid here) would outweigh the window however nice they are.
            ::setpgid(0, 0);
            // No controlling terminal, so nothing inside can open /dev/tty and push input into
            // the terminal the app runs in (TIOCSTI, CVE-2017-5226; the seccomp filter also
            // refuses TIOCSTI). Only the session's leader hangs the terminal up; this drops it
            // for this process alone.
            if (const int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC); tty >= 0) {
                const bool detached = ::ioctl(tty, TIOCNOTTY) == 0;
                ::close(tty);
                if (!detached)
                    ::_exit(123);
            }
            // Into the command's cgroup ("0" = this process) before anything else runs.
            if (cgroupFd >= 0 && ::write(cgroupFd, "0", 1) != 1)
                ::_exit(125);
            // RLIMIT_CPU resets on fork, so a priority the sandbox cannot raise again (RLIMIT_NICE
            // is 0) keeps busy loops from starving the window: the desktop comes first.
            ::setpriority(PRIO_PROCESS, 0, SandboxProcess::kNice);
            struct sched_param param = {};
            ::sched_setscheduler(0, SCHED_BATCH, &param);
            ::fcntl(passwdFd, F_SETFD, 0);
            ::fcntl(groupFd, F_SETFD, 0);
            for (const int fd : {seccompFd, envFd, resolvFd, hostsFd}) {
                if (fd >= 0)
                    ::fcntl(fd, F_SETFD, 0);
            }
            if (gid >= 0) {
                if (::setgroups(0, nullptr) != 0 || ::setgid(gid_t(gid)) != 0)
                    ::_exit(126);
            }
            if (uid >= 0 && ::setuid(uid_t(uid)) != 0)
                ::_exit(126);
            ::prctl(PR_SET_PDEATHSIG, SIGKILL); // after setuid, which clears it
        });
    m_process.setWorkingDirectory(QStringLiteral("/"));
    // bwrap's --clearenv cleans only the command's environment; bwrap itself, which stays PID 1
    // of the sandbox, would keep the app's (API keys and all), readable in /proc/1/environ.
    QProcessEnvironment bare;
    bare.insert(QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin"));
    bare.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    m_process.setProcessEnvironment(bare);
    QStringList command{bwrapPath()};
    command << bwrapArguments(m_spec, passwdFd, groupFd, seccompFd, envFd, resolvFd, hostsFd);
    // pasta passes its descriptors on to the command, so bwrap still finds the fds above.
    if (networked)
        command = SandboxNetwork::wrap(m_spec.network, m_routes, command);
    m_process.setProgram(command.takeFirst());
    m_process.setArguments(command);
    m_process.start();
    for (const int fd : {passwdFd, groupFd, seccompFd, envFd, resolvFd, hostsFd, cgroupFd}) {
        if (fd >= 0)
            ::close(fd);
    }
    if (m_process.state() == QProcess::NotRunning)
        return; // errorOccurred reported it
    m_pid = m_process.processId();
    m_process.write(m_spec.script);
    if (!m_spec.script.endsWith('\n'))
        m_process.write("\n");
    if (!m_spec.interactive)
        m_process.closeWriteChannel();
    else if (!m_pendingInput.isEmpty())
        m_process.write(std::exchange(m_pendingInput, QByteArray()));
    if (m_spec.timeoutSeconds > 0) {
        // In qint64 and clamped: seconds * 1000 as an int overflows past 24.8 days.
        const qint64 ms = qMin<qint64>(m_spec.timeoutSeconds, kMaxCommandTimeoutSeconds) * 1000;
        m_timer.start(int(ms));
    }
}

void SandboxProcess::kill(const QString &reason)
{
    if (m_lookups > 0 && !m_done) {
        // Stopped while the allowlist's names were being looked up: it never starts.
        m_lookups = 0;
        fail(reason.isEmpty()
                 ? QStringLiteral("The command was stopped before it started.")
                 : QStringLiteral("The command was stopped before it started: %1.").arg(reason));
        return;
    }
    if (m_killReason.isEmpty())
        m_killReason = reason;
    killGroup();
}

void SandboxProcess::write(const QByteArray &data)
{
    if (!m_spec.interactive || m_done)
        return;
    // Also while still starting (QProcess keeps it until the pipe takes it), or before the
    // launch (host names being looked up): kept here until then.
    if (m_process.state() != QProcess::NotRunning)
        m_process.write(data);
    else
        m_pendingInput += data;
}

void SandboxProcess::killGroup()
{
    if (m_pid > 0 && m_process.state() != QProcess::NotRunning) {
        // bwrap leads the group; --die-with-parent and the pid namespace take the rest down.
        ::kill(-pid_t(m_pid), SIGKILL);
        ::kill(pid_t(m_pid), SIGKILL);
    }
}

void SandboxProcess::onReadyRead()
{
    if (m_spec.interactive) {
        // Read as it comes: the session keeps what it wants, so a chatty command costs no
        // memory here.
        m_process.setReadChannel(QProcess::StandardOutput);
        if (const QByteArray out = m_process.readAll(); !out.isEmpty())
            emit output(1, out);
        m_process.setReadChannel(QProcess::StandardError);
        if (const QByteArray err = m_process.readAll(); !err.isEmpty())
            emit output(2, err);
        return;
    }
    const QByteArray chunk = m_process.readAll();
    if (m_result.truncated)
        return;
    const qint64 room = m_spec.outputCap - m_result.output.size();
    if (chunk.size() <= room) {
        m_result.output += chunk;
        return;
    }
    m_result.output += chunk.left(room);
    m_result.truncated = true;
    killGroup();
}

void SandboxProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    onReadyRead();
    m_result.elapsedMs = m_clock.elapsed();
    m_result.exitCode = status == QProcess::NormalExit ? exitCode : 137;
    if (m_result.truncated) {
        m_result.output
            += QStringLiteral("\n[output truncated: only the first %1 bytes were kept and the "
                              "command was stopped]\n")
                   .arg(m_spec.outputCap)
                   .toUtf8();
    } else if (exitCode == 1 && status == QProcess::NormalExit) {
        m_result.error = explainBwrapFailure(m_result.output);
    } else if (exitCode == 126 && m_result.output.isEmpty()) {
        m_result.error
            = QStringLiteral("Could not drop to the sandbox user (uid %1).").arg(m_spec.runAsUid);
    } else if (exitCode == 123 && m_result.output.isEmpty()) {
        m_result.error = QStringLiteral("Could not detach the command from the app's terminal "
                                        "(start the app without one, or report this).");
    } else if (exitCode == 125 && m_result.output.isEmpty()) {
        m_result.error = QStringLiteral("Could not move the command into its cgroup %1.")
                             .arg(m_spec.cgroupDir);
    }
    if (!m_killReason.isEmpty())
        m_result.output += QStringLiteral("\n[stopped: %1]\n").arg(m_killReason).toUtf8();
    if (!m_spec.outputNote.isEmpty())
        m_result.output += '\n' + m_spec.outputNote.toUtf8() + '\n';
    if (!m_result.truncated) {
        // Refused connections fail at once inside the sandbox (no route): the command's own
        // message shows it; this says which policy refused it, to the user, model and log.
        const QString note = SandboxNetwork::blockedNote(m_spec.network, m_result.output);
        if (!note.isEmpty()) {
            qCInfo(lcLocalSandbox).noquote()
                << "sandbox" << m_spec.sandboxId
                << "command met its network policy:" << m_spec.network.describe();
            if (!m_result.output.isEmpty() && !m_result.output.endsWith('\n'))
                m_result.output += '\n';
            m_result.output += note.toUtf8() + '\n';
        }
    }
    qCDebug(lcLocalSandbox) << "command finished" << m_result.exitCode << "in" << m_result.elapsedMs
                            << "ms" << (m_result.timedOut ? "(timed out)" : "");
    emit finished(m_result);
}
