// Which sandbox server the app talks to: Daytona cloud when a DAYTONA_API_KEY (or JWT) is set,
// otherwise the embedded local server, started on first use (DESIGN.md "one client, two
// servers"). Either way the caller gets the same DaytonaClient. With a key, a run may still
// ask for local sandboxes (the composer's choice): both clients can live side by side.
//
// The client side only: how the local server is started is handed in by the composition root
// (LocalSandboxServer::starter), so the agent, the CLI and the services need not know it.
#pragma once

#include "sandbox/DaytonaConfig.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

class DaytonaClient;

// A started local server: the object that keeps it alive and how to reach it.
struct LocalSandboxEndpoint
{
    std::unique_ptr<QObject> server;
    DaytonaConfig config;
    QString warning; // what the user must know although it runs (no seccomp filter here)
};
// Starts the local server; std::nullopt and *error (what to do) when it cannot run here.
using LocalSandboxStarter = std::function<std::optional<LocalSandboxEndpoint>(QString *error)>;

class SandboxBackend final : public QObject
{
    Q_OBJECT
public:
    SandboxBackend(const DaytonaConfig &cloud, LocalSandboxStarter startLocal,
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
    // A new Daytona account (a key stored or removed in Settings, the keychain's answer at start):
    // the next call uses it; a client already handed out keeps its identity and takes it too.
    void setCloudConfig(const DaytonaConfig &cloud);
    const DaytonaConfig &cloudConfig() const { return m_cloud; }
    // Whether the local server has been started (by a run, a list, a test).
    bool hasLocalServer() const { return m_localServer != nullptr; }
    // The running local server (nullptr until started); for tests and agent-sandboxd.
    QObject *localServer() const { return m_localServer.get(); }
    // The started local server's warning (LocalSandboxEndpoint::warning); empty if none.
    QString localWarning() const { return m_localWarning; }

    static QString local() { return QStringLiteral("local"); }
    static QString daytona() { return QStringLiteral("daytona"); }

private:
    DaytonaConfig m_cloud;
    LocalSandboxStarter m_startLocal;
    std::unique_ptr<QObject> m_localServer;
    QString m_localWarning;
    std::unique_ptr<DaytonaClient> m_localClient;
    std::unique_ptr<DaytonaClient> m_cloudClient;
};
