// The listening socket in front of the local server's QHttpServer. QHttpServer 6.4 reads a
// whole request (body included) before anyone sees it and limits nothing, so every accepted
// connection first goes through an HttpGate that reads request heads itself (token, body size,
// time) and only then hands the socket to QHttpServer; it also caps how many connections are
// open at once (issue 14 item 5).
#pragma once

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <QTcpServer>

#include <functional>

class HttpGate;

// The numbers the README promises (tests/hostile/tst_hostileserver checks them).
struct HttpLimits
{
    int maxConnections = 64; // open at once; more evict idle ones, or get 503
    qint64 maxHeadBytes = 16 * 1024; // request line + headers (431 past it)
    // The largest legitimate body is an upload of one file as large as a sandbox may hold
    // (512 MiB, SandboxProcess's file size limit) plus its multipart framing (413 past it).
    qint64 maxBodyBytes = (qint64(512) << 20) + (qint64(1) << 20);
    int headTimeoutMs = 5000; // a request head must be complete this long after it starts
    int bodyStallMs = 10000; // a body must bring new bytes at least this often
    int idleTimeoutMs = 30000; // a kept-alive connection with no request is closed after this
    int lingerMs = 2000; // after refusing, unread input is drained this long before closing
};

class GatedTcpServer final : public QTcpServer
{
    Q_OBJECT
public:
    // authorization: the exact Authorization header value that lets a request through.
    GatedTcpServer(const HttpLimits &limits, const QByteArray &authorization,
                   QObject *parent = nullptr);

    // The QHttpServer the sockets are handed to (it is the receiver of their readyRead).
    void setHttpServer(QObject *httpServer) { m_httpServer = httpServer; }
    QObject *httpServer() const { return m_httpServer; }
    const HttpLimits &limits() const { return m_limits; }
    bool authorized(const QByteArray &value) const;
    int openConnections() const;
    // Gives a socket whose first request head passed to QHttpServer.
    void handOver(QTcpSocket *socket) { addPendingConnection(socket); }
    // Who takes WebSocket upgrades (the head still unread in the socket); none: refused.
    using WebSocketHandler = std::function<void(QTcpSocket *socket)>;
    void setWebSocketHandler(WebSocketHandler handler) { m_webSockets = std::move(handler); }
    const WebSocketHandler &webSocketHandler() const { return m_webSockets; }
    // The one upgrade taken without the bearer token: the SDK's event socket (socket.io), whose
    // client cannot send headers; it authenticates inside (EventSocket checks the token).
    static bool isEventSocketPath(const QByteArray &path);

protected:
    void incomingConnection(qintptr handle) override;

private:
    bool makeRoom();

    HttpLimits m_limits;
    QByteArray m_authorization;
    QPointer<QObject> m_httpServer;
    QList<QPointer<HttpGate>> m_gates; // oldest first
    WebSocketHandler m_webSockets;
};
