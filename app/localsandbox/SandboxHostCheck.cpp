// SandboxHostCheck: the sysctls, a real bwrap run, and the advice for each cause.
#include "localsandbox/SandboxHostCheck.h"

#include <QFile>
#include <QStandardPaths>

QString SandboxHostPaths::bwrapPath() const
{
    if (!bwrap.isEmpty())
        return QFile::exists(bwrap) ? bwrap : QString();
    return QStandardPaths::findExecutable(QStringLiteral("bwrap"));
}

SandboxHostCheck::SandboxHostCheck(const SandboxHostPaths &paths, QObject *parent)
    : QObject(parent)
    , m_paths(paths)
{
}

SandboxHostCheck::~SandboxHostCheck()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        // QProcess reaps the killed child in its own destructor.
        delete m_process;
    }
}

QString SandboxHostCheck::readSysctl(const SandboxHostPaths &paths, const QString &name)
{
    QString relative = name;
    relative.replace(QLatin1Char('.'), QLatin1Char('/'));
    QFile file(paths.procRoot + QStringLiteral("/sys/") + relative);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromLatin1(file.readAll()).trimmed();
}

QStringList SandboxHostCheck::probeArguments()
{
    // The namespaces of SandboxProcess::bwrapArguments; the host's / read-only is enough to
    // exec `true`.
    return {QStringLiteral("--unshare-user"),
            QStringLiteral("--unshare-pid"),
            QStringLiteral("--unshare-ipc"),
            QStringLiteral("--unshare-uts"),
            QStringLiteral("--unshare-net"),
            QStringLiteral("--die-with-parent"),
            QStringLiteral("--ro-bind"),
            QStringLiteral("/"),
            QStringLiteral("/"),
            QStringLiteral("--dev"),
            QStringLiteral("/dev"),
            QStringLiteral("--"),
            QStringLiteral("true")};
}

SandboxHostCheck::Result SandboxHostCheck::problemResult(const SandboxHostPaths &paths,
                                                         Problem problem,
                                                         const QString &bwrapOutput)
{
    Result result;
    result.problem = problem;
    result.bwrapOutput = bwrapOutput;
    const QString daytona
        = tr("Or use Daytona's cloud sandboxes instead (Settings > Daytona, or DAYTONA_API_KEY).");
    switch (problem) {
    case Problem::None:
        break;
    case Problem::NoBubblewrap:
        result.message = tr("bubblewrap (bwrap) is not installed, so the agent cannot create "
                            "local sandboxes. Install it: sudo apt install bubblewrap (Fedora: "
                            "sudo dnf install bubblewrap), then start Agent Studio again.")
            + QLatin1Char(' ') + daytona;
        break;
    case Problem::UsernsCloneDisabled:
        result.message
            = tr("bubblewrap cannot create sandboxes: unprivileged user namespaces are switched "
                 "off (kernel.unprivileged_userns_clone = 0). Switch them on: sudo sysctl -w "
                 "kernel.unprivileged_userns_clone=1, and keep it after a restart: echo "
                 "kernel.unprivileged_userns_clone=1 | sudo tee "
                 "/etc/sysctl.d/90-agent-studio.conf")
            + QLatin1Char(' ') + daytona;
        break;
    case Problem::NoUserNamespaces:
        result.message = tr("bubblewrap cannot create sandboxes: user namespaces are switched off "
                            "(user.max_user_namespaces = 0). Allow them: sudo sysctl -w "
                            "user.max_user_namespaces=15000, and keep it after a restart: echo "
                            "user.max_user_namespaces=15000 | sudo tee "
                            "/etc/sysctl.d/90-agent-studio.conf")
            + QLatin1Char(' ') + daytona;
        break;
    case Problem::AppArmorRestricted:
        if (QFile::exists(paths.apparmorProfile))
            result.message
                = tr("bubblewrap cannot create sandboxes: AppArmor restricts unprivileged user "
                     "namespaces here (kernel.apparmor_restrict_unprivileged_userns = 1) and "
                     "Agent Studio's AppArmor profile is not loaded. Load it: sudo "
                     "apparmor_parser -r %1, then start Agent Studio again.")
                      .arg(paths.apparmorProfile);
        else
            result.message
                = tr("bubblewrap cannot create sandboxes: AppArmor restricts unprivileged user "
                     "namespaces here (kernel.apparmor_restrict_unprivileged_userns = 1). "
                     "Install Agent Studio from its .deb package, which adds the AppArmor "
                     "profile %1 that allows them for its sandboxes; built from source, copy "
                     "build/packaging/apparmor/agent-studio there and load it: sudo "
                     "apparmor_parser -r %1.")
                      .arg(paths.apparmorProfile);
        result.message += QLatin1Char(' ') + daytona;
        break;
    case Problem::BubblewrapFailed:
        result.message = tr("bubblewrap could not create a sandboxed process here (%1). Check "
                            "that user namespaces are allowed for your user.")
                             .arg(bwrapOutput)
            + QLatin1Char(' ') + daytona;
        break;
    }
    return result;
}

SandboxHostCheck::Result SandboxHostCheck::staticCheck() const
{
    if (m_paths.bwrapPath().isEmpty())
        return problemResult(m_paths, Problem::NoBubblewrap);
    if (readSysctl(m_paths, QStringLiteral("kernel.unprivileged_userns_clone"))
        == QLatin1String("0"))
        return problemResult(m_paths, Problem::UsernsCloneDisabled);
    if (readSysctl(m_paths, QStringLiteral("user.max_user_namespaces")) == QLatin1String("0"))
        return problemResult(m_paths, Problem::NoUserNamespaces);
    return Result();
}

SandboxHostCheck::Result SandboxHostCheck::diagnose(const SandboxHostPaths &paths, int exitCode,
                                                    const QByteArray &output)
{
    if (exitCode == 0)
        return Result();
    QByteArray line = output.trimmed();
    if (const qsizetype end = line.indexOf('\n'); end >= 0)
        line.truncate(end);
    const QString what = QString::fromUtf8(line).trimmed();
    // The sysctls first: bwrap's own words are the same for several causes ("No permissions
    // to create new namespace", "setting up uid map: Permission denied").
    if (readSysctl(paths, QStringLiteral("kernel.unprivileged_userns_clone")) == QLatin1String("0"))
        return problemResult(paths, Problem::UsernsCloneDisabled, what);
    if (readSysctl(paths, QStringLiteral("user.max_user_namespaces")) == QLatin1String("0")
        || what.contains(QLatin1String("No space left on device")))
        return problemResult(paths, Problem::NoUserNamespaces, what);
    if (readSysctl(paths, QStringLiteral("kernel.apparmor_restrict_unprivileged_userns"))
            == QLatin1String("1")
        && (what.contains(QLatin1String("Permission denied"))
            || what.contains(QLatin1String("Operation not permitted"))
            || what.contains(QLatin1String("No permissions"))))
        return problemResult(paths, Problem::AppArmorRestricted, what);
    return problemResult(paths, Problem::BubblewrapFailed,
                         what.isEmpty() ? tr("exit code %1").arg(exitCode) : what);
}

void SandboxHostCheck::probe()
{
    if (m_process)
        return;
    const Result fixed = staticCheck();
    if (!fixed.ok()) {
        m_result = fixed;
        emit finished(fixed);
        return;
    }
    m_process = new QProcess;
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) {
                probeDone(status == QProcess::NormalExit ? exitCode : -1, m_process->readAll());
            });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            probeDone(-1, m_process->errorString().toUtf8());
    });
    m_process->start(m_paths.bwrapPath(), probeArguments());
}

void SandboxHostCheck::probeDone(int exitCode, const QByteArray &output)
{
    m_process->disconnect(this);
    m_process->deleteLater();
    m_process = nullptr;
    Result result = diagnose(m_paths, exitCode, output);
    result.probed = true;
    m_result = result;
    emit finished(result);
}

SandboxHostCheck::Result SandboxHostCheck::result() const
{
    return m_result ? *m_result : staticCheck();
}
