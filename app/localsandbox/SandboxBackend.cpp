// SandboxBackend: cloud or local, decided by the presence of an API key.
#include "localsandbox/SandboxBackend.h"

#include "sandbox/DaytonaClient.h"

SandboxBackend::SandboxBackend(const DaytonaConfig &cloud, const LocalSandboxOptions &local,
                               QObject *parent)
    : QObject(parent)
    , m_cloud(cloud)
    , m_localOptions(local)
{
}

SandboxBackend::~SandboxBackend() = default;

QString SandboxBackend::defaultProvider() const
{
    return hasCloud() ? daytona() : local();
}

DaytonaClient *SandboxBackend::client(const QString &provider, QString *error)
{
    if (provider == daytona()) {
        if (!hasCloud()) {
            *error = QStringLiteral("Daytona sandboxes need a DAYTONA_API_KEY (environment or "
                                    ".env); add one, or choose local sandboxes");
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
    auto server = std::make_unique<LocalSandboxServer>(m_localOptions);
    QString why;
    if (!server->start(&why)) {
        *error = QStringLiteral("The local sandbox server could not start: %1").arg(why);
        return nullptr;
    }
    m_server = std::move(server);
    m_localClient = std::make_unique<DaytonaClient>(
        DaytonaConfig::fromValues(m_server->token(), m_server->apiUrl().toString(), QString()));
    return m_localClient.get();
}
