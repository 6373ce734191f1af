#include "Settings.h"

#include <QStringList>

struct Settings::Key
{
    QString name;
    QVariant defaultValue;
};

// The one place where keys and defaults live.
static const Settings::Key kMainWindowGeometry{QStringLiteral("window/geometry"), QByteArray()};
static const Settings::Key kMainWindowState{QStringLiteral("window/state"), QByteArray()};
static const Settings::Key kMainSplitterState{QStringLiteral("window/mainSplitter"), QByteArray()};
static const Settings::Key kRightPanelVisible{QStringLiteral("window/rightPanelVisible"), true};
static const Settings::Key kDefaultModel{QStringLiteral("models/default"),
                                         QStringLiteral("openai/gpt-4o-mini")};
static const Settings::Key kMaxSteps{QStringLiteral("agent/maxSteps"), 20};
static const Settings::Key kApprovalPolicy{QStringLiteral("agent/approvalPolicy"),
                                           QStringLiteral("default")};
// Unset until chosen: then derived from kApprovalPolicy (defaultApprovalMode()).
static const Settings::Key kDefaultApprovalMode{QStringLiteral("agent/defaultApprovalMode"),
                                                QString()};
static const Settings::Key kSandboxProvider{QStringLiteral("sandboxes/provider"), QString()};
static const Settings::Key kLocalSandboxNetwork{QStringLiteral("sandboxes/localNetwork"), false};
static const Settings::Key kLocalSandboxAllowList{QStringLiteral("sandboxes/localNetworkAllowList"),
                                                  QString()};
static const Settings::Key kDeleteSandboxesWithThread{QStringLiteral("sandboxes/deleteWithThread"),
                                                      false};
// Daytona's own default idle time.
static const Settings::Key kSandboxAutoStopMinutes{QStringLiteral("sandboxes/autoStopMinutes"), 15};
static const Settings::Key kSandboxAutoDeleteDays{QStringLiteral("sandboxes/autoDeleteDays"), -1};
// How long runCommand/runCode may run when the model gives no timeout (issue 14).
static const Settings::Key kCommandTimeoutMinutes{QStringLiteral("agent/commandTimeoutMinutes"),
                                                  30};
// Attachments dropped on the composer (issue 18).
static const Settings::Key kAttachmentMaxFileMiB{QStringLiteral("attachments/maxFileMiB"), 10};
static const Settings::Key kAttachmentMaxTotalMiB{QStringLiteral("attachments/maxTotalMiB"), 50};
// Disk the checkpoints of all threads may use (issue 15).
static const Settings::Key kCheckpointCapMiB{QStringLiteral("checkpoints/capMiB"),
                                             Settings::kDefaultCheckpointCapMiB};
// The provider id is appended: "providers/openai/baseUrl".
static const Settings::Key kProviderBaseUrl{QStringLiteral("providers/%1/baseUrl"), QString()};
// One map for all models: model names contain '/', which QSettings would read as groups.
static const Settings::Key kCustomModelPrices{QStringLiteral("prices/custom"), QVariantMap()};
static const Settings::Key kRecentPreviewPorts{QStringLiteral("sandboxes/recentPreviewPorts"),
                                               QString()};
static const Settings::Key kFirstRunDone{QStringLiteral("app/firstRunDone"), false};
static const Settings::Key kTheme{QStringLiteral("ui/theme"), QStringLiteral("system")};
static const Settings::Key kDesktopNotifications{QStringLiteral("ui/desktopNotifications"), true};
static const Settings::Key kTrayIcon{QStringLiteral("ui/trayIcon"), true};
// Daytona's API URL and target region (issue 17); empty: DAYTONA_API_URL / DAYTONA_TARGET from
// the environment or .env, else the SDKs' defaults. The key itself lives in the keychain.
static const Settings::Key kDaytonaApiUrl{QStringLiteral("daytona/apiUrl"), QString()};
static const Settings::Key kDaytonaTarget{QStringLiteral("daytona/target"), QString()};

Settings::Settings(const QString &file)
    : m_settings(file, QSettings::IniFormat)
{
}

QString Settings::fileName() const
{
    return m_settings.fileName();
}

void Settings::sync()
{
    m_settings.sync();
}

QVariant Settings::value(const Key &key) const
{
    return m_settings.value(key.name, key.defaultValue);
}

void Settings::setValue(const Key &key, const QVariant &value)
{
    m_settings.setValue(key.name, value);
}

QByteArray Settings::mainWindowGeometry() const
{
    return value(kMainWindowGeometry).toByteArray();
}
void Settings::setMainWindowGeometry(const QByteArray &geometry)
{
    setValue(kMainWindowGeometry, geometry);
}
QByteArray Settings::mainWindowState() const
{
    return value(kMainWindowState).toByteArray();
}
void Settings::setMainWindowState(const QByteArray &state)
{
    setValue(kMainWindowState, state);
}
QByteArray Settings::mainSplitterState() const
{
    return value(kMainSplitterState).toByteArray();
}
void Settings::setMainSplitterState(const QByteArray &state)
{
    setValue(kMainSplitterState, state);
}
bool Settings::rightPanelVisible() const
{
    return value(kRightPanelVisible).toBool();
}
void Settings::setRightPanelVisible(bool visible)
{
    setValue(kRightPanelVisible, visible);
}

QString Settings::defaultModel() const
{
    return value(kDefaultModel).toString();
}
void Settings::setDefaultModel(const QString &model)
{
    setValue(kDefaultModel, model);
}

int Settings::maxSteps() const
{
    const int steps = value(kMaxSteps).toInt();
    return steps > 0 ? steps : kMaxSteps.defaultValue.toInt();
}
void Settings::setMaxSteps(int steps)
{
    setValue(kMaxSteps, steps);
}

QString Settings::approvalPolicy() const
{
    return value(kApprovalPolicy).toString();
}
void Settings::setApprovalPolicy(const QString &preset)
{
    setValue(kApprovalPolicy, preset);
}

QString Settings::defaultApprovalMode() const
{
    const QString mode = value(kDefaultApprovalMode).toString().trimmed().toLower();
    static const QStringList known{QStringLiteral("plan"), QStringLiteral("ask"),
                                   QStringLiteral("auto-edit"), QStringLiteral("full")};
    if (known.contains(mode))
        return mode;
    return approvalPolicy().compare(QLatin1String("never-ask"), Qt::CaseInsensitive) == 0
        ? QStringLiteral("full")
        : QStringLiteral("ask");
}
void Settings::setDefaultApprovalMode(const QString &mode)
{
    setValue(kDefaultApprovalMode, mode);
}

QString Settings::sandboxProvider() const
{
    const QString provider = value(kSandboxProvider).toString();
    return provider == QLatin1String("local") || provider == QLatin1String("daytona") ? provider
                                                                                      : QString();
}
void Settings::setSandboxProvider(const QString &provider)
{
    setValue(kSandboxProvider, provider);
}
bool Settings::localSandboxNetwork() const
{
    return value(kLocalSandboxNetwork).toBool();
}
void Settings::setLocalSandboxNetwork(bool allowed)
{
    setValue(kLocalSandboxNetwork, allowed);
}
QString Settings::localSandboxAllowList() const
{
    return value(kLocalSandboxAllowList).toString();
}
void Settings::setLocalSandboxAllowList(const QString &list)
{
    setValue(kLocalSandboxAllowList, list.trimmed());
}
bool Settings::deleteSandboxesWithThread() const
{
    return value(kDeleteSandboxesWithThread).toBool();
}
void Settings::setDeleteSandboxesWithThread(bool remove)
{
    setValue(kDeleteSandboxesWithThread, remove);
}
int Settings::sandboxAutoStopMinutes() const
{
    bool ok = false;
    const int minutes = value(kSandboxAutoStopMinutes).toInt(&ok);
    return ok && minutes >= 0 ? minutes : kSandboxAutoStopMinutes.defaultValue.toInt();
}
void Settings::setSandboxAutoStopMinutes(int minutes)
{
    setValue(kSandboxAutoStopMinutes, qMax(0, minutes));
}
int Settings::sandboxAutoDeleteDays() const
{
    bool ok = false;
    const int days = value(kSandboxAutoDeleteDays).toInt(&ok);
    return ok && days >= -1 && days <= kMaxAutoDeleteDays
        ? days
        : kSandboxAutoDeleteDays.defaultValue.toInt();
}
void Settings::setSandboxAutoDeleteDays(int days)
{
    setValue(kSandboxAutoDeleteDays, qBound(-1, days, kMaxAutoDeleteDays));
}
int Settings::sandboxAutoDeleteMinutes() const
{
    const int days = sandboxAutoDeleteDays();
    return days < 0 ? -1 : days * 24 * 60;
}
int Settings::commandTimeoutMinutes() const
{
    bool ok = false;
    const int minutes = value(kCommandTimeoutMinutes).toInt(&ok);
    return ok && minutes >= 1 ? qMin(minutes, kMaxCommandTimeoutMinutes)
                              : kCommandTimeoutMinutes.defaultValue.toInt();
}
void Settings::setCommandTimeoutMinutes(int minutes)
{
    setValue(kCommandTimeoutMinutes, qBound(1, minutes, kMaxCommandTimeoutMinutes));
}

int Settings::attachmentMaxFileMiB() const
{
    bool ok = false;
    const int mebibytes = value(kAttachmentMaxFileMiB).toInt(&ok);
    return ok && mebibytes >= 1 ? mebibytes : kAttachmentMaxFileMiB.defaultValue.toInt();
}
void Settings::setAttachmentMaxFileMiB(int mebibytes)
{
    setValue(kAttachmentMaxFileMiB, qMax(1, mebibytes));
}
int Settings::attachmentMaxTotalMiB() const
{
    bool ok = false;
    const int mebibytes = value(kAttachmentMaxTotalMiB).toInt(&ok);
    return ok && mebibytes >= 1 ? mebibytes : kAttachmentMaxTotalMiB.defaultValue.toInt();
}
void Settings::setAttachmentMaxTotalMiB(int mebibytes)
{
    setValue(kAttachmentMaxTotalMiB, qMax(1, mebibytes));
}

int Settings::checkpointCapMiB() const
{
    bool ok = false;
    const int mebibytes = value(kCheckpointCapMiB).toInt(&ok);
    return ok && mebibytes >= kMinCheckpointCapMiB ? mebibytes : kDefaultCheckpointCapMiB;
}
void Settings::setCheckpointCapMiB(int mebibytes)
{
    setValue(kCheckpointCapMiB, qMax(kMinCheckpointCapMiB, mebibytes));
}

QString Settings::providerBaseUrl(const QString &providerId) const
{
    return m_settings.value(kProviderBaseUrl.name.arg(providerId), kProviderBaseUrl.defaultValue)
        .toString();
}
void Settings::setProviderBaseUrl(const QString &providerId, const QString &url)
{
    const QString name = kProviderBaseUrl.name.arg(providerId);
    if (url.trimmed().isEmpty())
        m_settings.remove(name);
    else
        m_settings.setValue(name, url.trimmed());
}

QVariantMap Settings::customModelPrices() const
{
    return value(kCustomModelPrices).toMap();
}
void Settings::setCustomModelPrices(const QVariantMap &prices)
{
    setValue(kCustomModelPrices, prices);
}

bool Settings::firstRunDone() const
{
    return value(kFirstRunDone).toBool();
}
void Settings::setFirstRunDone(bool done)
{
    setValue(kFirstRunDone, done);
}

QString Settings::theme() const
{
    const QString theme = value(kTheme).toString();
    return theme == QLatin1String("light") || theme == QLatin1String("dark")
        ? theme
        : QStringLiteral("system");
}
void Settings::setTheme(const QString &theme)
{
    setValue(kTheme, theme);
}

bool Settings::desktopNotifications() const
{
    return value(kDesktopNotifications).toBool();
}
void Settings::setDesktopNotifications(bool on)
{
    setValue(kDesktopNotifications, on);
}
bool Settings::trayIcon() const
{
    return value(kTrayIcon).toBool();
}
void Settings::setTrayIcon(bool on)
{
    setValue(kTrayIcon, on);
}

QString Settings::daytonaApiUrl() const
{
    return value(kDaytonaApiUrl).toString().trimmed();
}

void Settings::setDaytonaApiUrl(const QString &url)
{
    setValue(kDaytonaApiUrl, url.trimmed());
}

QString Settings::daytonaTarget() const
{
    return value(kDaytonaTarget).toString().trimmed();
}

void Settings::setDaytonaTarget(const QString &target)
{
    setValue(kDaytonaTarget, target.trimmed());
}

QList<int> Settings::recentPreviewPorts() const
{
    QList<int> ports;
    const QStringList items
        = value(kRecentPreviewPorts).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        bool ok = false;
        const int port = item.trimmed().toInt(&ok);
        if (ok && port >= 1 && port <= 65535 && !ports.contains(port))
            ports.append(port);
    }
    return ports.mid(0, kMaxRecentPreviewPorts);
}
void Settings::addRecentPreviewPort(int port)
{
    QList<int> ports = recentPreviewPorts();
    ports.removeAll(port);
    ports.prepend(port);
    QStringList items;
    for (const int p : ports.mid(0, kMaxRecentPreviewPorts))
        items.append(QString::number(p));
    setValue(kRecentPreviewPorts, items.join(QLatin1Char(',')));
}
