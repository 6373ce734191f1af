// Whether bubblewrap can create sandboxes on this machine, and if not, which of the known causes
// it is and what the user must do: bwrap missing; unprivileged user namespaces switched off by
// sysctl (kernel.unprivileged_userns_clone=0 on Debian, user.max_user_namespaces=0); or
// restricted by AppArmor (kernel.apparmor_restrict_unprivileged_userns=1, Ubuntu 24.04 and
// later), which only a real bwrap run tells apart from a working setup (the package's AppArmor
// profile lifts the restriction for the sandbox runner). Every input (the /proc root, the bwrap
// path, where the profile is installed) comes from SandboxHostPaths, so tests can point the
// check at fake /proc files and a fake bwrap that fails as the real one does.
#pragma once

#include <QObject>
#include <QProcess>
#include <QString>

#include <optional>

struct SandboxHostPaths
{
    QString procRoot = QStringLiteral("/proc");
    QString bwrap; // empty: bwrap on PATH
    QString apparmorProfile = QStringLiteral("/etc/apparmor.d/agent-studio");
    // The bwrap path to use: `bwrap` as given, else found on PATH (empty when there is none).
    QString bwrapPath() const;
};

class SandboxHostCheck final : public QObject
{
    Q_OBJECT

public:
    enum class Problem {
        None,
        NoBubblewrap,
        UsernsCloneDisabled, // kernel.unprivileged_userns_clone=0
        NoUserNamespaces, // user.max_user_namespaces=0
        AppArmorRestricted, // kernel.apparmor_restrict_unprivileged_userns=1 and bwrap failed
        BubblewrapFailed, // bwrap failed for another reason
    };
    Q_ENUM(Problem)

    struct Result
    {
        Problem problem = Problem::None;
        QString message; // what happened and what to do; empty when sandboxes can run
        QString bwrapOutput; // the probe's own words (first line), when it ran and failed
        bool probed = false; // a real bwrap run backs the answer
        bool ok() const { return problem == Problem::None; }
    };

    explicit SandboxHostCheck(const SandboxHostPaths &paths = {}, QObject *parent = nullptr);
    ~SandboxHostCheck() override;

    const SandboxHostPaths &paths() const { return m_paths; }
    // What can be told without running anything (bwrap present, the two sysctls).
    Result staticCheck() const;
    // Runs bwrap once (asynchronously) in the namespaces a sandbox uses; finished() follows with
    // the diagnosis. A call while a probe runs does nothing more.
    void probe();
    bool isProbing() const { return m_process != nullptr; }
    // The last probe's answer, or the static check's while none has finished.
    Result result() const;
    bool hasProbed() const { return m_result.has_value(); }

    // The diagnosis of a bwrap failure (its exit code and output), reading the sysctls.
    static Result diagnose(const SandboxHostPaths &paths, int exitCode, const QByteArray &output);
    // The arguments of the probe: the namespaces every sandbox command is started in.
    static QStringList probeArguments();

signals:
    void finished(const SandboxHostCheck::Result &result);

private:
    static QString readSysctl(const SandboxHostPaths &paths, const QString &name);
    static Result problemResult(const SandboxHostPaths &paths, Problem problem,
                                const QString &bwrapOutput = {});
    void probeDone(int exitCode, const QByteArray &output);

    SandboxHostPaths m_paths;
    QProcess *m_process = nullptr;
    std::optional<Result> m_result;
};
