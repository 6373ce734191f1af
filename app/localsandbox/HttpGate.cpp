// HttpGate: request heads checked before QHttpServer reads them, and the connection's timers.
#include "localsandbox/HttpGate.h"

#include "core/Logging.h"
#include "localsandbox/GatedTcpServer.h"
#include "localsandbox/HttpReplies.h"

#include <sys/socket.h>

namespace {

enum TimerKind { HeadTimer, BodyTimer, IdleTimer, LingerTimer };

bool isLeadingSpace(char c)
{
    return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v';
}

// Index just past the blank line that ends a head (CRLFCRLF, or bare LFs as QHttpServer also
// accepts), or -1.
qsizetype headEnd(const QByteArray &head, qsizetype from)
{
    const qsizetype crlf = head.indexOf("\n\r\n", from);
    const qsizetype lf = head.indexOf("\n\n", from);
    if (crlf < 0 && lf < 0)
        return -1;
    if (lf < 0 || (crlf >= 0 && crlf < lf))
        return crlf + 3;
    return lf + 2;
}

bool allDigits(const QByteArray &s)
{
    if (s.isEmpty() || s.size() > 18)
        return false;
    for (const char c : s) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

QString mib(qint64 bytes)
{
    return QString::number(double(bytes) / double(1 << 20), 'f', 0) + QStringLiteral(" MiB");
}

} // namespace

HttpGate::HttpGate(QTcpSocket *socket, GatedTcpServer *server)
    : QObject(socket)
    , m_socket(socket)
    , m_server(server)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpGate::onTimeout);
    // Until a head passed, only the gate looks at the bytes: a bounded buffer keeps a flood
    // before any head from costing memory.
    m_socket->setReadBufferSize(2 * server->limits().maxHeadBytes);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpGate::beforeHttpServer);
    connect(m_socket, &QAbstractSocket::disconnected, this, [this] {
        m_timer.stop();
        if (!m_handedOver) // QHttpServer deletes the sockets it has
            m_socket->deleteLater();
    });
    m_timerKind = HeadTimer;
    m_timer.start(server->limits().headTimeoutMs);
}

void HttpGate::responded(QTcpSocket *socket)
{
    HttpGate *gate
        = socket ? socket->findChild<HttpGate *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    if (!gate || gate->m_inFlight == 0)
        return;
    --gate->m_inFlight;
    gate->armIdle();
}

bool HttpGate::evictable() const
{
    return m_phase == Phase::Closing
        || (m_phase == Phase::Head && m_head.isEmpty() && m_inFlight == 0);
}

void HttpGate::evict()
{
    m_timer.stop();
    m_phase = Phase::Closing;
    m_socket->abort();
}

void HttpGate::armIdle()
{
    if (m_phase != Phase::Head || !m_head.isEmpty() || m_inFlight > 0 || !m_server)
        return;
    m_timerKind = IdleTimer;
    m_timer.start(m_server->limits().idleTimeoutMs);
}

void HttpGate::beforeHttpServer()
{
    if (m_phase == Phase::Closing) {
        m_socket->readAll(); // drained, not kept
        return;
    }
    const qint64 available = m_socket->bytesAvailable();
    const qint64 fresh = available - m_examined;
    if (fresh <= 0)
        return;
    m_examined = available;
    if (m_phase == Phase::Body && fresh < m_bodyLeft
        && (!m_chunked || m_chunkState == ChunkState::Data)) { // body bytes only need counting
        m_bodyLeft -= fresh;
        m_timer.start(m_server->limits().bodyStallMs);
        return;
    }
    // Peeking leaves the bytes for QHttpServer. What is available is small: QHttpServer
    // consumes what it is given, and before the first head the buffer is bounded.
    const QByteArray bytes = m_socket->peek(available);
    const qint64 start = qMax<qint64>(0, bytes.size() - fresh);
    examine(bytes.constData() + start, bytes.size() - start);
}

void HttpGate::afterHttpServer()
{
    m_examined = m_socket->bytesAvailable();
}

bool HttpGate::examine(const char *data, qint64 size)
{
    const HttpLimits &limits = m_server->limits();
    qint64 i = 0;
    while (i < size) {
        if (m_phase == Phase::Body && m_chunked) {
            if (!chunkStep(data, size, &i))
                return false;
            m_timer.start(limits.bodyStallMs);
            continue;
        }
        if (m_phase == Phase::Body) {
            const qint64 take = qMin(size - i, m_bodyLeft);
            m_bodyLeft -= take;
            i += take;
            if (m_bodyLeft == 0)
                requestComplete();
            else
                m_timer.start(limits.bodyStallMs);
            continue;
        }
        if (m_head.isEmpty()) {
            while (i < size && isLeadingSpace(data[i])) // QHttpServer skips these too
                ++i;
            if (i == size)
                break;
            // The head timer runs from the head's first byte (from the connection's start
            // for the first request).
            if (m_timerKind != HeadTimer || !m_timer.isActive()) {
                m_timerKind = HeadTimer;
                m_timer.start(limits.headTimeoutMs);
            }
        }
        const qsizetype searchFrom = qMax<qsizetype>(0, m_head.size() - 2);
        const qint64 take = qMin(size - i, limits.maxHeadBytes + 1 - m_head.size());
        m_head.append(data + i, qsizetype(take));
        const qsizetype end = headEnd(m_head, searchFrom);
        if (end < 0) {
            i += take;
            if (m_head.size() > limits.maxHeadBytes) {
                refuse(431,
                       QStringLiteral("the request head is larger than %1 KiB")
                           .arg(limits.maxHeadBytes / 1024));
                return false;
            }
            continue;
        }
        i += take - (m_head.size() - end);
        m_head.truncate(end);
        const QByteArray head = std::exchange(m_head, QByteArray());
        if (!headComplete(head))
            return false;
    }
    return true;
}

bool HttpGate::headComplete(const QByteArray &head)
{
    const HttpLimits &limits = m_server->limits();
    const QList<QByteArray> lines = head.split('\n');
    m_path = lines.value(0).trimmed().split(' ').value(1);
    m_path.truncate(m_path.indexOf('?') < 0 ? m_path.size() : m_path.indexOf('?'));
    QByteArrayList authorizations;
    QByteArrayList lengths;
    QByteArrayList transferEncodings;
    bool webSocket = false;
    for (qsizetype n = 1; n < lines.size(); ++n) {
        const QByteArray &line = lines[n];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "authorization")
            authorizations.append(value);
        else if (name == "content-length")
            lengths.append(value);
        else if (name == "transfer-encoding")
            transferEncodings.append(value.toLower());
        else if (name == "upgrade")
            webSocket = value.toLower() == "websocket";
    }
    // A WebSocket (logs followed, the SDK's event socket) leaves HTTP for good: it goes to
    // the server's WebSocket handler with its head unread. Only on a fresh connection, so
    // QHttpServer never saw it; the token is checked as for any request, except on the event
    // socket, which checks it in its own handshake.
    if (webSocket && m_server->webSocketHandler()) {
        if (m_handedOver) {
            refuse(400, QStringLiteral("open a WebSocket on a new connection"));
            return false;
        }
        if (!GatedTcpServer::isEventSocketPath(m_path)
            && (authorizations.size() != 1 || !m_server->authorized(authorizations.first()))) {
            refuse(401,
                   authorizations.isEmpty() ? QStringLiteral("Unauthorized: missing bearer token")
                                            : QStringLiteral("Unauthorized: invalid bearer token"));
            return false;
        }
        m_timer.stop();
        m_phase = Phase::Upgraded;
        m_handedOver = true;
        disconnect(m_socket, nullptr, this, nullptr);
        m_server->webSocketHandler()(m_socket);
        return false;
    }
    // The token first: without it nothing about the request matters, its body least of all.
    if (authorizations.size() != 1 || !m_server->authorized(authorizations.first())) {
        refuse(401,
               authorizations.isEmpty() ? QStringLiteral("Unauthorized: missing bearer token")
                                        : QStringLiteral("Unauthorized: invalid bearer token"));
        return false;
    }
    // Chunked bodies (the SDKs' streaming uploads) are followed chunk by chunk; any other
    // coding, or one mixed with a Content-Length, could be framed differently by QHttpServer.
    m_chunked = !transferEncodings.isEmpty();
    if (m_chunked && (transferEncodings != QByteArrayList{"chunked"} || !lengths.isEmpty())) {
        refuse(400,
               QStringLiteral("unsupported Transfer-Encoding; send a Content-Length or "
                              "Transfer-Encoding: chunked alone"));
        return false;
    }
    qint64 length = 0;
    for (const QByteArray &value : std::as_const(lengths)) {
        if (!allDigits(value) || (length != 0 && value.toLongLong() != length)) {
            refuse(400, QStringLiteral("invalid Content-Length"));
            return false;
        }
        length = value.toLongLong();
    }
    if (length > limits.maxBodyBytes) {
        refuse(413,
               QStringLiteral("the request body (%1 bytes) is larger than the %2 the local "
                              "sandbox server accepts; upload large files in smaller pieces")
                   .arg(length)
                   .arg(mib(limits.maxBodyBytes)));
        return false;
    }
    m_bodyLeft = length;
    m_bodyTotal = 0;
    m_chunkState = ChunkState::SizeLine;
    m_line.clear();
    if (m_bodyLeft > 0 || m_chunked) {
        m_phase = Phase::Body;
        m_timerKind = BodyTimer;
        m_timer.start(limits.bodyStallMs);
    } else {
        requestComplete();
    }
    if (!m_handedOver) {
        m_handedOver = true;
        m_socket->setReadBufferSize(0); // QHttpServer keeps a request's bytes until it is whole
        m_server->handOver(m_socket); // QHttpServer connects to readyRead now, after the gate
        connect(m_socket, &QTcpSocket::readyRead, this, &HttpGate::afterHttpServer);
        // QHttpServer only reads on readyRead, and the head is already buffered.
        QMetaObject::invokeMethod(m_socket, &QAbstractSocket::readyRead, Qt::QueuedConnection);
    }
    return true;
}

bool HttpGate::chunkStep(const char *data, qint64 size, qint64 *i)
{
    // Only the strict form, which QHttpServer 6.4 frames the same way: HEX[;ext] CRLF, data,
    // CRLF, ..., "0" CRLF CRLF (no trailers).
    const qint64 cap = m_server->limits().maxBodyBytes;
    if (m_chunkState == ChunkState::Data) {
        const qint64 take = qMin(size - *i, m_bodyLeft);
        m_bodyLeft -= take;
        *i += take;
        if (m_bodyLeft == 0)
            m_chunkState = ChunkState::DataEnd;
        return true;
    }
    const char c = data[(*i)++];
    m_line.append(c);
    if (c != '\n') {
        if (m_line.size() > 256) {
            refuse(400, QStringLiteral("malformed chunked body"));
            return false;
        }
        return true;
    }
    const QByteArray line = std::exchange(m_line, QByteArray());
    if (!line.endsWith("\r\n")) {
        refuse(400, QStringLiteral("malformed chunked body (lines end with CRLF)"));
        return false;
    }
    switch (m_chunkState) {
    case ChunkState::SizeLine: {
        const qsizetype semicolon = line.indexOf(';');
        const QByteArray hex = line.left(semicolon < 0 ? line.size() - 2 : semicolon).trimmed();
        bool ok = false;
        const qint64 chunk = hex.size() <= 15 ? hex.toLongLong(&ok, 16) : -1;
        if (!ok || chunk < 0) {
            refuse(400, QStringLiteral("malformed chunk size"));
            return false;
        }
        m_bodyTotal += chunk;
        if (m_bodyTotal > cap) {
            refuse(413,
                   QStringLiteral("the request body is larger than the %1 the local sandbox "
                                  "server accepts; upload large files in smaller pieces")
                       .arg(mib(cap)));
            return false;
        }
        m_bodyLeft = chunk;
        m_chunkState = chunk > 0 ? ChunkState::Data : ChunkState::LastLine;
        return true;
    }
    case ChunkState::DataEnd:
        if (line.size() != 2) {
            refuse(400, QStringLiteral("malformed chunked body (no CRLF after a chunk)"));
            return false;
        }
        m_chunkState = ChunkState::SizeLine;
        return true;
    case ChunkState::LastLine:
        if (line.size() != 2) {
            refuse(400, QStringLiteral("chunked trailers are not accepted"));
            return false;
        }
        requestComplete();
        return true;
    case ChunkState::Data:
        break;
    }
    return true;
}

void HttpGate::requestComplete()
{
    m_phase = Phase::Head;
    ++m_inFlight;
    m_timer.stop(); // the answer may take long (a command); idle time starts after it
}

void HttpGate::refuse(int status, const QString &message)
{
    m_timer.stop();
    if (m_inFlight > 0) {
        // An earlier request (pipelined) is still to be answered: an error written now would
        // be read as its answer, so the connection is closed without one.
        qCInfo(lcLocalSandbox).noquote() << "closed a connection:" << status << message;
        m_phase = Phase::Closing;
        m_socket->abort();
        return;
    }
    if (m_handedOver && m_server && m_server->httpServer()) // QHttpServer must not read on
        QObject::disconnect(m_socket, &QTcpSocket::readyRead, m_server->httpServer(), nullptr);
    const QByteArray body = HttpReplies::apiErrorBody(status, QString::fromUtf8(m_path), message);
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' '
                    + HttpReplies::reasonPhrase(status)
                    + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    qCInfo(lcLocalSandbox).noquote() << "refused a request:" << status << message;
    startLingering();
}

void HttpGate::startLingering()
{
    m_phase = Phase::Closing;
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->readAll();
    // Closing with unread input makes the kernel send a reset, which can destroy the answer
    // before the client reads it: half-close once the answer is out and drain for a while.
    auto shutdownWrite = [this] {
        if (m_socket->bytesToWrite() == 0 && m_socket->socketDescriptor() >= 0)
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    };
    m_socket->flush();
    shutdownWrite();
    connect(m_socket, &QIODevice::bytesWritten, this, shutdownWrite);
    m_timerKind = LingerTimer;
    m_timer.start(m_server ? m_server->limits().lingerMs : 0);
}

void HttpGate::onTimeout()
{
    switch (m_timerKind) {
    case HeadTimer:
        if (m_head.isEmpty() && !m_handedOver) { // never sent anything: nobody to tell
            m_socket->abort();
            return;
        }
        refuse(408,
               QStringLiteral("the request head did not arrive within %1 s")
                   .arg(m_server->limits().headTimeoutMs / 1000.0));
        return;
    case BodyTimer:
        refuse(408,
               QStringLiteral("the request body stopped arriving for %1 s")
                   .arg(m_server->limits().bodyStallMs / 1000.0));
        return;
    case IdleTimer:
        m_phase = Phase::Closing;
        m_socket->disconnectFromHost();
        return;
    default:
        m_socket->abort();
        return;
    }
}
