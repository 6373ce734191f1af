// Which sandbox server the app talks to: Daytona cloud when a DAYTONA_API_KEY (or JWT) is set,
// otherwise the embedded local server, started on first use (DESIGN.md "one client, two
// servers"). Either way the caller gets the same DaytonaClient. With a key, a run may still
// ask for local sandboxes (the composer's choice): both clients can live side by side.
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

    // The default is Daytona when it is configured, else local.
    bool isLocal() const { return !hasCloud(); }
    bool hasCloud() const { return !m_cloud.bearer().isEmpty(); }
    QString defaultProvider() const;
    // The client of the default provider; starts the local server when needed. nullptr and
    // *error (what to do) when the local server cannot run here (no bubblewrap, no user
    // namespaces, ...).
    DaytonaClient *client(QString *error) { return client(defaultProvider(), error); }
    // The client of "local" or "daytona"; Daytona without a key is an error that says so.
    DaytonaClient *client(const QString &provider, QString *error);
    LocalSandboxServer *localServer() const { return m_server.get(); }

    static QString local() { return QStringLiteral("local"); }
    static QString daytona() { return QStringLiteral("daytona"); }

private:
    DaytonaConfig m_cloud;
    LocalSandboxOptions m_localOptions;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_localClient;
    std::unique_ptr<DaytonaClient> m_cloudClient;
};
