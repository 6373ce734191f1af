// Which sandbox server the app talks to: Daytona cloud when a DAYTONA_API_KEY (or JWT) is set,
// otherwise the embedded local server, started on first use (DESIGN.md "one client, two
// servers"). Either way the caller gets the same DaytonaClient.
#pragma once

#include "localsandbox/LocalSandboxServer.h"
#include "sandbox/DaytonaConfig.h"

#include <QObject>

#include <memory>

class DaytonaClient;

class SandboxBackend final : public QObject
{
    Q_OBJECT
public:
    SandboxBackend(const DaytonaConfig &cloud, const LocalSandboxOptions &local,
                   QObject *parent = nullptr);
    ~SandboxBackend() override;

    bool isLocal() const { return m_cloud.bearer().isEmpty(); }
    // The client to use; starts the local server when needed. nullptr and *error (what to do)
    // when the local server cannot run here (no bubblewrap, no user namespaces, ...).
    DaytonaClient *client(QString *error);
    LocalSandboxServer *localServer() const { return m_server.get(); }

private:
    DaytonaConfig m_cloud;
    LocalSandboxOptions m_localOptions;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
};
