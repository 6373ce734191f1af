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

DaytonaClient *SandboxBackend::client(QString *error)
{
    if (m_client)
        return m_client.get();
    if (!isLocal()) {
        m_client = std::make_unique<DaytonaClient>(m_cloud);
        return m_client.get();
    }
    auto server = std::make_unique<LocalSandboxServer>(m_localOptions);
    QString why;
    if (!server->start(&why)) {
        *error = QStringLiteral("The local sandbox server could not start: %1").arg(why);
        return nullptr;
    }
    m_server = std::move(server);
    m_client = std::make_unique<DaytonaClient>(
        DaytonaConfig::fromValues(m_server->token(), m_server->apiUrl().toString(), QString()));
    return m_client.get();
}
