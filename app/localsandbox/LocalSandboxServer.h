// The embedded Daytona-compatible sandbox server: QHttpServer on 127.0.0.1 with a bearer
// token, the main-API routes (/api/sandbox...) and the toolbox routes
// (/toolbox/{id}/files..., /process/...) of specs/daytona/contract.md §8 with Daytona's JSON
// shapes, status codes and error bodies. Each sandbox is a directory run under bubblewrap.
#pragma once

#include "localsandbox/GatedTcpServer.h"
#include "localsandbox/SandboxLimits.h"
#include "localsandbox/SandboxRegistry.h"
#include "sandbox/SandboxBackend.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>
#include <utility>

class EventSocket;
class QHttpServer;
class QHttpServerRequest;
class QTcpSocket;
class QWebSocketServer;
class SessionManager;
class QHttpServerResponder;
class PreviewProxy;
class SandboxProcess;
class SandboxUsage;
class ToolboxService;

struct LocalSandboxOptions
{
    // AGENT_SANDBOXD_LIFECYCLE_SCALE=<factor> shortens (or lengthens) the lifecycle "minute":
    // 0.001 makes autoStopInterval 1 stop an idle sandbox after 60 ms. For tests and trials;
    // 60000 when unset or not a positive number.
    static int minuteMsFromEnvironment();

    QString dataDir; // state and sandbox homes live in dataDir/sandboxes
    quint16 port = 0; // 0 = a free port
    QString token; // empty = a random one
    qint64 outputCap = 1 << 20; // bytes of command output kept
    bool networkByDefault = false; // sandboxes get network only when allowed
    // With networkByDefault: only these networks (comma-separated CIDRs and host names);
    // empty = open (the internet, never the host). See NetworkPolicy.
    QString networkAllowListByDefault;
    // When set, asked at each create instead of the two fields above ({networked, allowList}),
    // so that a changed setting applies to the next sandbox created (the app's settings).
    std::function<std::pair<bool, QString>()> networkDefault;
    // Host uid/gid the sandboxed processes run as; -2 = automatic (nobody when the server is
    // root, else the server's own user).
    int runAsUid = -2;
    int runAsGid = -2;
    // Length of the "minute" of autoStopInterval / autoDeleteInterval (injectable for tests;
    // see minuteMsFromEnvironment).
    int minuteMs = 60000;
    // How often the memory and CPU of sandboxes with running commands are sampled.
    int usageSampleMs = 2000;
    // Connections, request sizes and timeouts (GatedTcpServer.h has the defaults).
    HttpLimits httpLimits;
    SandboxLimitOptions limits; // cpu/memory/disk defaults and maxima
    // The architecture whose seccomp filter sandboxes get; empty = this machine's (injectable
    // for tests: another name shows what happens where there is no filter).
    QString architecture;
};

class LocalSandboxServer final : public QObject
{
    Q_OBJECT
public:
    explicit LocalSandboxServer(const LocalSandboxOptions &options, QObject *parent = nullptr);
    ~LocalSandboxServer() override;

    // Loads the saved sandboxes and listens. False with a message saying what to do.
    bool start(QString *error);
    // What SandboxBackend calls to start a server with these options on first use.
    static LocalSandboxStarter starter(const LocalSandboxOptions &options);

    quint16 port() const { return m_port; }
    QString token() const { return m_token; }
    QUrl apiUrl() const; // http://127.0.0.1:<port>/api  (DAYTONA_API_URL)
    QString toolboxUrl() const; // http://127.0.0.1:<port>/toolbox
    const LocalSandboxOptions &options() const { return m_options; }
    int runAsUid() const { return m_runAsUid; }
    int runAsGid() const { return m_runAsGid; }
    // What the user must know about this server's sandboxes even though they run (no seccomp
    // filter on this architecture); empty when nothing.
    QString hostWarning() const;

    SandboxRegistry &registry() { return m_registry; }
    SandboxLimits &limits() { return *m_limits; }
    // Commands running in a sandbox (so stop/delete can kill them).
    void track(const QString &sandboxId, SandboxProcess *process);
    int runningCount(const QString &sandboxId) const;
    // Kills the sandbox's running commands; the reason ends their output.
    void stopCommands(const QString &sandboxId, const QString &reason);
    // A toolbox call touched the sandbox (postpones its auto-stop).
    void noteActivity(const QString &sandboxId);
    // The sandbox as the API answers it: the record plus what is measured live (memory and
    // CPU in use, last activity).
    QJsonObject describe(const LocalSandboxRecord &record) const;
    // Whether one of the sandbox's sessions has a command running or waiting (a dev server
    // started with runAsync, say): such a sandbox is not idle.
    bool hasLiveProcesses(const QString &sandboxId) const;
    SessionManager &sessions() { return *m_sessions; }
    EventSocket &events() { return *m_events; }
    // Host pids of the sandbox's running commands and session shells (bwrap or pasta, the
    // roots of their trees): what its usage sums and where the preview relay looks.
    QList<qint64> processIds(const QString &sandboxId) const;
    // The previews of sandbox ports (PreviewProxy.h).
    PreviewProxy &previews() { return *m_previews; }

private:
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handleApi(const QHttpServerRequest &request, const QStringList &segments,
                   QHttpServerResponder &responder);
    void createSandbox(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void listSandboxes(const QHttpServerRequest &request, QHttpServerResponder &responder,
                       bool paginated);
    void killAll(const QString &sandboxId, const QString &reason = QString());
    bool deleteSandbox(LocalSandboxRecord *record, QString *error);
    bool checkSandboxDirReachable(QString *error) const;
    // Stops sandboxes idle longer than autoStopInterval (deleting those with autoDeleteInterval
    // 0) and deletes stopped ones older than autoDeleteInterval, as Daytona does.
    void sweepIdle();
    bool stopSandbox(LocalSandboxRecord *record, bool *deleted, QString *error);
    // Something runs in the sandbox that keeps it from being idle: a command under way, or a
    // live session process (hasLiveProcesses).
    bool keepsAwake(const QString &sandboxId) const;
    qint64 lastActivityMs(const LocalSandboxRecord &record) const;
    // A WebSocket upgrade from the gate: the SDK's event socket or a followed log.
    void acceptWebSocket(QTcpSocket *socket);
    void routeWebSocket();

    LocalSandboxOptions m_options;
    std::unique_ptr<QHttpServer> m_server;
    GatedTcpServer *m_gate = nullptr; // owned by m_server (bind); checks the token
    std::unique_ptr<ToolboxService> m_toolbox;
    SandboxRegistry m_registry;
    QString m_token;
    quint16 m_port = 0;
    int m_runAsUid = -1;
    int m_runAsGid = -1;
    QMultiHash<QString, QPointer<SandboxProcess>> m_running;
    QHash<QString, qint64> m_lastActivity; // ms since epoch, per sandbox id
    QTimer *m_sweepTimer = nullptr;
    SandboxLimits *m_limits = nullptr; // a child
    SandboxUsage *m_usage = nullptr; // a child
    SessionManager *m_sessions = nullptr; // a child
    EventSocket *m_events = nullptr; // a child
    QWebSocketServer *m_webSockets = nullptr; // a child
    PreviewProxy *m_previews = nullptr; // a child
    void handlePreview(const QHttpServerRequest &request, const QStringList &segments,
                       LocalSandboxRecord *record, QHttpServerResponder &responder);
};
