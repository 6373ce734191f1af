// EventSocket: the Engine.IO/Socket.IO framing (text frames only; the SDK sends no binary).
#include "localsandbox/EventSocket.h"

#include "core/Logging.h"
#include "sandbox/SandboxTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <QWebSocket>

#include <utility>

namespace {

QString newId()
{
    return QUuid::createUuid().toString(QUuid::Id128);
}

// Engine.IO packet types (first character) and Socket.IO ones (second, inside a "4").
constexpr char kOpen = '0';
constexpr char kClose = '1';
constexpr char kPing = '2';
constexpr char kPong = '3';
constexpr char kMessage = '4';
constexpr char kConnect = '0';
constexpr char kDisconnect = '1';
constexpr char kConnectError = '4';

} // namespace

EventSocket::EventSocket(std::function<bool(const QByteArray &)> authorized, QObject *parent)
    : QObject(parent)
    , m_authorized(std::move(authorized))
{
    m_ping.setInterval(kPingIntervalMs);
    connect(&m_ping, &QTimer::timeout, this, &EventSocket::ping);
}

EventSocket::~EventSocket()
{
    // Their disconnected() would edit m_clients while it is walked.
    const QList<Client> clients = std::exchange(m_clients, {});
    for (const Client &c : clients) {
        if (c.socket) {
            c.socket->disconnect(this);
            c.socket->abort();
        }
    }
}

int EventSocket::clientCount() const
{
    int n = 0;
    for (const Client &c : m_clients)
        n += c.socket && c.connected ? 1 : 0;
    return n;
}

EventSocket::Client *EventSocket::find(QWebSocket *socket)
{
    for (Client &c : m_clients) {
        if (c.socket == socket)
            return &c;
    }
    return nullptr;
}

void EventSocket::accept(QWebSocket *socket)
{
    m_clients.append(Client{socket, false, true});
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        m_clients.removeIf([socket](const Client &c) { return !c.socket || c.socket == socket; });
        socket->deleteLater();
        if (m_clients.isEmpty())
            m_ping.stop();
    });
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString &message) { onText(socket, message); });
    const QJsonObject open{{QLatin1String("sid"), newId()},
                           {QLatin1String("upgrades"), QJsonArray()},
                           {QLatin1String("pingInterval"), kPingIntervalMs},
                           {QLatin1String("pingTimeout"), kPingTimeoutMs},
                           {QLatin1String("maxPayload"), 1000000}};
    socket->sendTextMessage(
        QLatin1Char(kOpen) + QString::fromUtf8(QJsonDocument(open).toJson(QJsonDocument::Compact)));
    if (!m_ping.isActive())
        m_ping.start();
    // The gate let it in without the token: it must authenticate soon or go.
    QTimer::singleShot(kHandshakeMs, socket, [this, socket] {
        if (const Client *c = find(socket); c && !c->connected)
            socket->abort();
    });
}

void EventSocket::onText(QWebSocket *socket, const QString &message)
{
    Client *client = find(socket);
    if (!client || message.isEmpty())
        return;
    const char type = char(message.at(0).unicode());
    if (type == kPong || type == kPing) {
        client->ponged = true;
        if (type == kPing)
            socket->sendTextMessage(QString(QLatin1Char(kPong)) + message.mid(1));
        return;
    }
    if (type == kClose) {
        socket->close();
        return;
    }
    if (type != kMessage || message.size() < 2)
        return;
    const char packet = char(message.at(1).unicode());
    if (packet == kDisconnect) {
        client->connected = false;
        socket->close();
        return;
    }
    if (packet != kConnect)
        return; // the SDK only listens; anything else it might send is ignored
    // "40" + optional namespace ("/," for the default one) + the auth object.
    QString rest = message.mid(2);
    if (rest.startsWith(QLatin1String("/,")))
        rest = rest.mid(2);
    const QJsonObject auth = QJsonDocument::fromJson(rest.toUtf8()).object();
    const QByteArray token = auth.value(QLatin1String("token")).toString().toUtf8();
    if (token.isEmpty() || !m_authorized("Bearer " + token)) {
        qCInfo(lcLocalSandbox) << "event socket: refused a client with"
                               << (token.isEmpty() ? "no token" : "a wrong token");
        const QJsonObject error{{QLatin1String("message"),
                                 token.isEmpty() ? QStringLiteral("Unauthorized: missing token")
                                                 : QStringLiteral("Unauthorized: invalid token")}};
        socket->sendTextMessage(
            QStringLiteral("44")
            + QString::fromUtf8(QJsonDocument(error).toJson(QJsonDocument::Compact)));
        // No idle connection for whoever lacks the token (the gate let it in without one).
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated);
        return;
    }
    client->connected = true;
    socket->sendTextMessage(
        QStringLiteral("40")
        + QString::fromUtf8(QJsonDocument(QJsonObject{{QLatin1String("sid"), newId()}})
                                .toJson(QJsonDocument::Compact)));
    Q_UNUSED(kConnectError);
}

void EventSocket::ping()
{
    // A client that did not answer the last ping within the interval is gone.
    const QList<Client> clients = m_clients;
    for (const Client &c : clients) {
        if (!c.socket)
            continue;
        if (!c.ponged) {
            c.socket->abort();
            continue;
        }
        if (Client *live = find(c.socket)) {
            live->ponged = false;
            c.socket->sendTextMessage(QString(QLatin1Char(kPing)));
        }
    }
}

void EventSocket::emitEvent(const QByteArray &name, const QJsonObject &data)
{
    const QString packet = QStringLiteral("42")
        + QString::fromUtf8(QJsonDocument(QJsonArray{QString::fromLatin1(name), data})
                                .toJson(QJsonDocument::Compact));
    for (const Client &c : std::as_const(m_clients)) {
        if (c.socket && c.connected)
            c.socket->sendTextMessage(packet);
    }
}

void EventSocket::stateChanged(const Sandbox &sandbox, const QString &oldState)
{
    if (oldState == sandbox.state)
        return;
    emitEvent("sandbox.state.updated",
              QJsonObject{{QLatin1String("sandbox"), sandbox.toJson()},
                          {QLatin1String("oldState"), oldState},
                          {QLatin1String("newState"), sandbox.state}});
}

void EventSocket::created(const Sandbox &sandbox)
{
    emitEvent("sandbox.created", sandbox.toJson());
}
