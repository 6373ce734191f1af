// The misbehaving provider (tests only). Streams go out without Content-Length or chunked
// framing (Connection: close), as many proxies send them, so a cut is only visible as a
// missing end-of-stream marker or, with a reset, as a network error.
#include "FaultyModelServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <sys/socket.h>

FaultyModelServer::FaultyModelServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultyModelServer::onNewConnection);
    m_title = Fault::http(
        200,
        R"({"id":"chatcmpl-title","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Fault test"},"finish_reason":"stop"}],"usage":{"prompt_tokens":30,"completion_tokens":3,"total_tokens":33}})");
}

FaultyModelServer::~FaultyModelServer()
{
    for (QTcpSocket *s : m_buffers.keys())
        s->abort();
}

bool FaultyModelServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FaultyModelServer::openAiBaseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.serverPort()));
}

QUrl FaultyModelServer::anthropicBaseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

QList<RecordedRequest> FaultyModelServer::agentRequests() const
{
    QList<RecordedRequest> out;
    for (const RecordedRequest &r : m_requests)
        if (r.json().contains(QLatin1String("tools")))
            out.append(r);
    return out;
}

int FaultyModelServer::openConnections() const
{
    int n = 0;
    for (QTcpSocket *s : m_buffers.keys())
        n += s->state() == QAbstractSocket::ConnectedState;
    return n;
}

void FaultyModelServer::onNewConnection()
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

void FaultyModelServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const std::optional<RecordedRequest> taken = takeHttpRequest(buffer);
    if (!taken)
        return; // the rest is still on its way
    const RecordedRequest &request = *taken;
    m_requests.append(request);

    const bool agent = request.json().contains(QLatin1String("tools"));
    Fault fault = m_title;
    if (!agent && request.path.endsWith("/messages"))
        fault = Fault::http(
            200,
            R"({"id":"msg_title","type":"message","role":"assistant","content":[{"type":"text","text":"Fault test"}],"stop_reason":"end_turn","usage":{"input_tokens":30,"output_tokens":3}})");
    if (agent) {
        const int n = m_agentRequests++;
        fault = m_script ? m_script(n, request)
                         : Fault::http(500, R"({"error":{"message":"no script"}})");
    }
    answer(socket, fault);
}

static QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 401:
        return "Unauthorized";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 529:
        return "Site Overloaded";
    default:
        return "Status";
    }
}

void FaultyModelServer::answer(QTcpSocket *socket, const Fault &fault)
{
    if (fault.noHeaders)
        return; // the socket stays open and silent
    QByteArray head = "HTTP/1.1 " + QByteArray::number(fault.status) + ' ' + reason(fault.status)
        + "\r\nContent-Type: " + fault.contentType + "\r\nConnection: close\r\n";
    for (const auto &h : fault.headers)
        head += h.first + ": " + h.second + "\r\n";
    const bool stream = fault.contentType.startsWith("text/event-stream");
    if (!stream)
        head += "Content-Length: " + QByteArray::number(fault.body.size()) + "\r\n";
    socket->write(head + "\r\n");
    socket->flush();
    sendPieces(socket, fault, 0);
}

void FaultyModelServer::sendPieces(QPointer<QTcpSocket> socket, Fault fault, qsizetype sent)
{
    if (!socket)
        return;
    const qsizetype limit = fault.cutAfter >= 0 ? fault.cutAfter : fault.stallAfter;
    qsizetype end = fault.pieceSize > 0 ? std::min(sent + fault.pieceSize, fault.body.size())
                                        : fault.body.size();
    if (sent == 0 && fault.firstPiece > 0)
        end = std::min(fault.firstPiece, fault.body.size());
    if (limit >= 0)
        end = std::min(end, limit);
    socket->write(fault.body.mid(sent, end - sent));
    socket->flush();
    sent = end;
    if (limit >= 0 && sent >= limit) {
        if (fault.stallAfter >= 0)
            return; // stalled: keep the socket open, send nothing more
        if (fault.reset) {
            // SO_LINGER 0 makes close() send a TCP reset.
            struct linger l
            {
                1, 0
            };
            ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &l, sizeof l);
            QTimer::singleShot(20, socket, [socket] {
                if (socket)
                    socket->abort();
            });
        } else {
            socket->disconnectFromHost();
        }
        return;
    }
    if (sent < fault.body.size()) {
        QTimer::singleShot(fault.pieceDelayMs, this,
                           [this, socket, fault, sent] { sendPieces(socket, fault, sent); });
        return;
    }
    socket->disconnectFromHost();
}
