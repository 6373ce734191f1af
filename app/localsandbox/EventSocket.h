// The Daytona SDK's event socket, answered by the local server: Socket.IO v5 over Engine.IO v4
// on a WebSocket at /api/socket.io/ (the only transport the SDK asks for). The SDK (0.2xx,
// utils/EventDispatcher.js) connects when a Daytona object is made and keeps reconnecting for
// about 3 minutes when nobody answers, which kept scripts alive after their last call; once
// connected it unrefs the socket, so a script ends on its own. The token travels in the
// Socket.IO CONNECT packet ({"token": ...}), not in a header. Sandbox state changes are sent as
// "sandbox.state.updated" events, so the SDK's waitForState hears them without polling.
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QWebSocket;
struct Sandbox;

class EventSocket final : public QObject
{
    Q_OBJECT
public:
    // authorized: whether "Bearer <token>" is the server's.
    explicit EventSocket(std::function<bool(const QByteArray &)> authorized,
                         QObject *parent = nullptr);
    ~EventSocket() override;

    // Engine.IO's timing (what the handshake tells the client).
    static constexpr int kPingIntervalMs = 25000;
    static constexpr int kPingTimeoutMs = 20000;
    // How long a client may stay without having sent its token (Socket.IO CONNECT).
    static constexpr int kHandshakeMs = 10000;

    void accept(QWebSocket *socket);
    // Tells every connected client that a sandbox changed state (or was created).
    void stateChanged(const Sandbox &sandbox, const QString &oldState);
    void created(const Sandbox &sandbox);
    int clientCount() const;

private:
    struct Client
    {
        QPointer<QWebSocket> socket;
        bool connected = false; // the Socket.IO namespace "/" is joined (token checked)
        bool ponged = true;
    };
    void onText(QWebSocket *socket, const QString &message);
    void emitEvent(const QByteArray &name, const QJsonObject &data);
    void ping();
    Client *find(QWebSocket *socket);

    std::function<bool(const QByteArray &)> m_authorized;
    QList<Client> m_clients;
    QTimer m_ping;
};
