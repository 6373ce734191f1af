// The failing Daytona front (tests only): raw HTTP/1.1 towards the client, QNetworkAccessManager
// towards the real server behind it.
#include "FaultyDaytonaServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

DaytonaFault DaytonaFault::error(Kind kind, int status, const QString &message,
                                 QList<QPair<QByteArray, QByteArray>> headers)
{
    DaytonaFault f;
    f.kind = kind;
    f.status = status;
    f.headers = std::move(headers);
    f.body = QJsonDocument(QJsonObject{{QStringLiteral("path"), QStringLiteral("/api")},
                                       {QStringLiteral("timestamp"),
                                        QStringLiteral("2026-06-01T10:00:00.000Z")},
                                       {QStringLiteral("statusCode"), status},
                                       {QStringLiteral("error"), QStringLiteral("Error")},
                                       {QStringLiteral("message"), message}})
                 .toJson(QJsonDocument::Compact);
    return f;
}

DaytonaFault DaytonaFault::html(int status)
{
    DaytonaFault f;
    f.kind = Kind::Respond;
    f.status = status;
    f.contentType = "text/html; charset=utf-8";
    f.body = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center>"
             "<h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>";
    return f;
}

FaultyDaytonaServer::FaultyDaytonaServer(const QUrl &upstream, QObject *parent)
    : QObject(parent)
    , m_upstream(upstream)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultyDaytonaServer::onNewConnection);
}

FaultyDaytonaServer::~FaultyDaytonaServer()
{
    for (QTcpSocket *s : m_buffers.keys())
        s->abort();
}

bool FaultyDaytonaServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FaultyDaytonaServer::apiUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/api").arg(m_server.serverPort()));
}

int FaultyDaytonaServer::forwarded(const QByteArray &methodAndPathPart) const
{
    int n = 0;
    for (const QByteArray &f : m_forwarded)
        n += f.contains(methodAndPathPart);
    return n;
}

void FaultyDaytonaServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FaultyDaytonaServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const std::optional<RecordedRequest> taken = takeHttpRequest(buffer);
    if (!taken)
        return; // the rest is still on its way
    const RecordedRequest &request = *taken;
    m_requests.append(request);

    const DaytonaFault fault = m_rule ? m_rule(request) : DaytonaFault::pass();
    switch (fault.kind) {
    case DaytonaFault::Kind::Respond:
        respond(socket, fault.status, fault.contentType, fault.headers, fault.body);
        return;
    case DaytonaFault::Kind::Hang:
        return;
    default:
        forward(socket, request, fault);
    }
}

void FaultyDaytonaServer::forward(QPointer<QTcpSocket> socket, const RecordedRequest &request,
                                  const DaytonaFault &fault)
{
    QNetworkRequest upstream(QUrl(m_upstream.toString() + QString::fromLatin1(request.path)));
    for (auto it = request.headers.cbegin(); it != request.headers.cend(); ++it) {
        if (it.key() == "host" || it.key() == "content-length" || it.key() == "connection"
            || it.key() == "accept-encoding")
            continue;
        upstream.setRawHeader(it.key(), it.value());
    }
    const qsizetype query = request.path.indexOf('?');
    m_forwarded.append(request.method + ' '
                       + (query < 0 ? request.path : request.path.left(query)));
    QNetworkReply *reply = m_network.sendCustomRequest(upstream, request.method, request.body);
    connect(reply, &QNetworkReply::finished, this, [this, socket, reply, fault] {
        reply->deleteLater();
        if (!socket)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QByteArray body = reply->readAll();
        const QByteArray type = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        if (fault.kind == DaytonaFault::Kind::LoseAnswer) {
            respond(socket, fault.status, fault.contentType, fault.headers, fault.body);
            return;
        }
        if (status == 0) {
            respond(socket, 502, "text/plain", {}, "upstream unreachable");
            return;
        }
        // The sandbox DTOs name the real server's toolbox URL: point it here.
        const QByteArray real = "127.0.0.1:" + QByteArray::number(m_upstream.port());
        const QByteArray mine = "127.0.0.1:" + QByteArray::number(m_server.serverPort());
        body.replace(real, mine);
        QList<QPair<QByteArray, QByteArray>> headers;
        for (const auto &h : reply->rawHeaderPairs()) {
            const QByteArray name = h.first.toLower();
            if (name != "content-length" && name != "content-type" && name != "connection"
                && name != "transfer-encoding")
                headers.append(h);
        }
        const qsizetype sendOnly = fault.kind == DaytonaFault::Kind::Truncate
            ? qsizetype(double(body.size()) * fault.keep)
            : -1;
        respond(socket, status, type, headers, body, sendOnly);
    });
}

void FaultyDaytonaServer::respond(QTcpSocket *socket, int status, const QByteArray &contentType,
                                  const QList<QPair<QByteArray, QByteArray>> &headers,
                                  const QByteArray &body, qsizetype sendOnly)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " Status\r\nConnection: close\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    for (const auto &h : headers)
        head += h.first + ": " + h.second + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    socket->write(head + (sendOnly >= 0 ? body.left(sendOnly) : body));
    socket->flush();
    socket->disconnectFromHost();
}
