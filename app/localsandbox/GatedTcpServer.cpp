// GatedTcpServer: accepts, caps the number of open connections and gives each one a gate.
#include "localsandbox/GatedTcpServer.h"

#include "core/Logging.h"
#include "localsandbox/HttpGate.h"
#include "localsandbox/HttpReplies.h"

#include <QTcpSocket>
#include <QTimer>

#include <unistd.h>

namespace {

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

GatedTcpServer::GatedTcpServer(const HttpLimits &limits, const QByteArray &authorization,
                               QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_authorization(authorization)
{
    // A burst of connections waits in the kernel rather than being dropped (its SYNs retried
    // seconds later) while the gate makes room.
    setListenBacklogSize(4 * limits.maxConnections);
    // QTcpServer stops accepting for good on an error such as "too many open files"; the
    // process may recover (connections close), so try again shortly.
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        qCWarning(lcLocalSandbox) << "cannot accept a connection:" << error << errorString();
        QTimer::singleShot(200, this, [this] { resumeAccepting(); });
    });
}

bool GatedTcpServer::authorized(const QByteArray &value) const
{
    return constantTimeEquals(value, m_authorization);
}

bool GatedTcpServer::isEventSocketPath(const QByteArray &path)
{
    return path == "/api/socket.io/" || path == "/api/socket.io";
}

int GatedTcpServer::openConnections() const
{
    int n = 0;
    for (const QPointer<HttpGate> &gate : m_gates)
        n += gate ? 1 : 0;
    return n;
}

bool GatedTcpServer::makeRoom()
{
    m_gates.removeAll(QPointer<HttpGate>());
    if (m_gates.size() < m_limits.maxConnections)
        return true;
    // Oldest first: connections being closed anyway, then those with nothing under way, then
    // those stuck in a head (a slow-loris); never one with a request being answered.
    for (auto wanted : {&HttpGate::closing, &HttpGate::evictable, &HttpGate::inPartialHead}) {
        for (qsizetype i = 0; i < m_gates.size(); ++i) {
            if ((m_gates[i].data()->*wanted)()) {
                const QPointer<HttpGate> gate = m_gates.takeAt(i);
                gate->evict();
                return true;
            }
        }
    }
    return false;
}

void GatedTcpServer::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        ::close(int(handle));
        delete socket;
        return;
    }
    // Answers go out at once: with Nagle's algorithm a reply written in two parts (head, then
    // body) waited for the client's delayed ACK, about 40 ms on loopback.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (!makeRoom()) {
        const QByteArray body = HttpReplies::apiErrorBody(
            503, QString(),
            QStringLiteral("the local sandbox server has %1 connections open, all busy; try "
                           "again when a request has finished")
                .arg(m_limits.maxConnections));
        socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; "
                      "charset=utf-8\r\nRetry-After: 1\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    m_gates.append(new HttpGate(socket, this));
}
