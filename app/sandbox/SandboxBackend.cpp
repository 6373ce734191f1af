// SandboxBackend: cloud or local, decided by the presence of an API key.
#include "sandbox/SandboxBackend.h"

#include "sandbox/DaytonaClient.h"

SandboxBackend::SandboxBackend(const DaytonaConfig &cloud, LocalSandboxStarter startLocal,
                               QObject *parent)
    : QObject(parent)
    , m_cloud(cloud)
    , m_startLocal(std::move(startLocal))
{
}

SandboxBackend::~SandboxBackend() = default;

void SandboxBackend::setCloudConfig(const DaytonaConfig &cloud)
{
    m_cloud = cloud;
    if (m_cloudClient)
        m_cloudClient->setConfig(cloud);
}

QString SandboxBackend::defaultProvider() const
{
    return hasCloud() ? daytona() : local();
}

DaytonaClient *SandboxBackend::client(const QString &provider, QString *error)
{
    if (provider == daytona()) {
        if (!hasCloud()) {
            *error = QStringLiteral("Daytona sandboxes need an API key: add one in Settings > "
                                    "Daytona (or set DAYTONA_API_KEY), or choose local sandboxes");
            return nullptr;
        }
        if (!m_cloudClient)
            m_cloudClient = std::make_unique<DaytonaClient>(m_cloud);
        return m_cloudClient.get();
    }
    if (provider != local()) {
        *error
            = QStringLiteral("unknown sandbox provider '%1' (use local or daytona)").arg(provider);
        return nullptr;
    }
    if (m_localClient)
        return m_localClient.get();
    QString why = QStringLiteral("this build has no local sandbox server");
    std::optional<LocalSandboxEndpoint> started = m_startLocal ? m_startLocal(&why) : std::nullopt;
    if (!started) {
        *error = QStringLiteral("The local sandbox server could not start: %1").arg(why);
        return nullptr;
    }
    m_localServer = std::move(started->server);
    m_localWarning = started->warning;
    m_localClient = std::make_unique<DaytonaClient>(started->config);
    return m_localClient.get();
}
