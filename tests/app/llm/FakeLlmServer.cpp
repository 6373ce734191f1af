// The fake provider server (tests only).
#include "FakeLlmServer.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimer>

#include <sys/socket.h>

FakeResponse FakeResponse::stream(const QByteArray &body, int chunkMode)
{
    FakeResponse r;
    r.body = body;
    r.chunkMode = chunkMode;
    return r;
}

FakeResponse FakeResponse::json(int status, const QByteArray &body)
{
    FakeResponse r;
    r.status = status;
    r.contentType = "application/json";
    r.body = body;
    return r;
}

QJsonObject RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

FakeLlmServer::FakeLlmServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeLlmServer::onNewConnection);
}

FakeLlmServer::~FakeLlmServer()
{
    for (QTcpSocket *s : m_buffers.keys())
        s->abort();
}

bool FakeLlmServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeLlmServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.serverPort()));
}

void FakeLlmServer::enqueue(const FakeResponse &response)
{
    m_queue.append(response);
}

void FakeLlmServer::setRoute(const QByteArray &path, const FakeResponse &response)
{
    m_routes.insert(path, response);
}

int FakeLlmServer::openConnections() const
{
    int n = 0;
    for (QTcpSocket *s : m_buffers.keys())
        n += s->state() == QAbstractSocket::ConnectedState;
    return n;
}

std::optional<RecordedRequest> takeHttpRequest(QByteArray &buffer)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return std::nullopt;
    RecordedRequest request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    request.method = requestLine.value(0);
    request.path = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return std::nullopt;
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    return request;
}

void FakeLlmServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeLlmServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const std::optional<RecordedRequest> taken = takeHttpRequest(buffer);
    if (!taken)
        return; // the rest is still on its way
    const RecordedRequest &request = *taken;
    m_requests.append(request);
    emit requestReceived();

    FakeResponse response;
    if (m_routes.contains(request.path))
        response = m_routes.value(request.path);
    else if (!m_queue.isEmpty())
        response = m_last = m_queue.takeFirst();
    else
        response = m_last;
    if (response.headerDelayMs < 0)
        return; // never answer
    if (response.headerDelayMs > 0) {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(response.headerDelayMs, this, [this, guard, response] {
            if (guard)
                answer(guard, response);
        });
        return;
    }
    answer(socket, response);
}

static QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 529:
        return "Site Overloaded";
    default:
        return "Status";
    }
}

void FakeLlmServer::answer(QTcpSocket *socket, const FakeResponse &response)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
        + reason(response.status) + "\r\nContent-Type: " + response.contentType
        + "\r\nConnection: close\r\n";
    for (const auto &h : response.headers)
        head += h.first + ": " + h.second + "\r\n";
    const bool streamed = response.chunkMode != 0 || response.stallAfter >= 0
        || response.resetAfter >= 0 || response.chunkDelayMs > 0;
    if (!streamed) {
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n";
        socket->write(head + response.body);
        socket->disconnectFromHost();
        return;
    }
    // Chunked transfer encoding: a cut before the last chunk is an error the client sees.
    head += "Transfer-Encoding: chunked\r\n\r\n";
    socket->write(head);
    QList<QByteArray> chunks;
    if (response.chunkMode <= 0) {
        chunks.append(response.body);
    } else {
        QRandomGenerator random{quint32(response.chunkMode)};
        for (qsizetype pos = 0; pos < response.body.size();) {
            const qsizetype n = response.chunkMode == 1 ? 1 : 1 + random.bounded(97);
            chunks.append(response.body.mid(pos, n));
            pos += n;
        }
    }
    sendBody(socket, response, chunks, 0, 0);
}

void FakeLlmServer::sendBody(QTcpSocket *socket, const FakeResponse &response,
                             QList<QByteArray> chunks, qsizetype index, qsizetype sent)
{
    while (index < chunks.size()) {
        QByteArray chunk = chunks[index];
        const qsizetype limit
            = response.resetAfter >= 0 ? response.resetAfter : response.stallAfter;
        if (limit >= 0 && sent + chunk.size() >= limit) {
            chunk = chunk.left(limit - sent);
            if (!chunk.isEmpty())
                socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
            socket->flush();
            if (response.resetAfter >= 0) {
                // SO_LINGER 0 makes close() send a TCP reset.
                const int fd = int(socket->socketDescriptor());
                struct linger l
                {
                    1, 0
                };
                ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
                QTimer::singleShot(20, socket, [socket] { socket->abort(); });
            }
            return; // stalled: keep the socket open
        }
        socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
        sent += chunk.size();
        ++index;
        if (chunks.size() > 1) {
            // Let the event loop run so the pieces go out separately.
            socket->flush();
            QPointer<QTcpSocket> guard(socket);
            QTimer::singleShot(response.chunkDelayMs, this,
                               [this, guard, response, chunks, index, sent] {
                                   if (guard)
                                       sendBody(guard, response, chunks, index, sent);
                               });
            return;
        }
    }
    socket->write("0\r\n\r\n");
    socket->disconnectFromHost();
}
