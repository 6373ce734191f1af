// PreviewConnection: one proxied browser connection of a local sandbox preview.
#include "localsandbox/PreviewConnection.h"

#include "core/Logging.h"
#include "localsandbox/HttpReplies.h"
#include "localsandbox/PreviewProxy.h"
#include "localsandbox/SandboxPortConnector.h"

#include <QCoreApplication>
#include <QThreadPool>

#include <memory>

#include <unistd.h>

namespace {

constexpr qsizetype kMaxHead = 64 * 1024;
constexpr int kHeadTimeoutMs = 30000;
constexpr qint64 kMaxBuffered = 1 << 20; // per direction, before reading pauses
constexpr auto kQueryKey = "DAYTONA_SANDBOX_AUTH_KEY";
constexpr auto kTokenHeader = "x-daytona-preview-token";

QByteArray htmlEscaped(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

} // namespace

PreviewConnection::PreviewConnection(PreviewProxy *proxy, QTcpSocket *client,
                                     const QString &sandboxId, int port)
    : QObject(proxy)
    , m_proxy(proxy)
    , m_client(client)
    , m_sandboxId(sandboxId)
    , m_port(port)
    , m_listenerPort(client->localPort())
{
    client->setParent(this);
    client->setReadBufferSize(kMaxBuffered);
    connect(client, &QTcpSocket::readyRead, this, &PreviewConnection::onClientData);
    connect(client, &QTcpSocket::disconnected, this, &PreviewConnection::finish);
    connect(client, &QTcpSocket::bytesWritten, this, [this] {
        if (m_upstream)
            onUpstreamData();
    });
    m_headTimer.setSingleShot(true);
    connect(&m_headTimer, &QTimer::timeout, this, [this] {
        replyPage(408, tr("Request timeout"), tr("The browser sent no complete request."));
    });
    m_headTimer.start(kHeadTimeoutMs);
    onClientData();
}

PreviewConnection::~PreviewConnection() = default;

QByteArray PreviewConnection::cookieName(quint16 listenerPort)
{
    return "studio_preview_" + QByteArray::number(listenerPort);
}

QByteArray PreviewConnection::rewriteHead(const QByteArray &head, quint16 listenerPort,
                                          QString *token, bool *fromCookie)
{
    *fromCookie = false;
    token->clear();
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    if (lines.isEmpty())
        return QByteArray();
    const QList<QByteArray> request = lines.first().split(' ');
    if (request.size() != 3 || !request[1].startsWith('/') || !request[2].startsWith("HTTP/1."))
        return QByteArray();
    // The token's query item, taken out so the sandbox's server never sees it.
    QByteArray target = request[1];
    const qsizetype q = target.indexOf('?');
    if (q >= 0) {
        QList<QByteArray> kept;
        const QList<QByteArray> items = target.mid(q + 1).split('&');
        for (const QByteArray &item : items) {
            if (item.startsWith(QByteArray(QByteArray(kQueryKey) + '=')))
                *token = QUrl::fromPercentEncoding(item.mid(qstrlen(kQueryKey) + 1));
            else
                kept.append(item);
        }
        target = target.left(q) + (kept.isEmpty() ? QByteArray() : '?' + kept.join('&'));
    }
    QByteArray out = request[0] + ' ' + target + ' ' + request[2] + "\r\n";
    bool upgrade = false;
    QByteArray cookieToken;
    const QByteArray ownCookie = cookieName(listenerPort);
    QList<QByteArray> headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return QByteArray();
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == kTokenHeader) {
            if (token->isEmpty())
                *token = QString::fromUtf8(value);
            continue;
        }
        if (name == "upgrade")
            upgrade = true;
        if (name == "cookie") {
            QList<QByteArray> kept;
            for (const QByteArray &pair : value.split(';')) {
                const QByteArray p = pair.trimmed();
                if (p.startsWith(QByteArray(ownCookie + '=')))
                    cookieToken = p.mid(ownCookie.size() + 1);
                else if (!p.isEmpty())
                    kept.append(p);
            }
            if (!kept.isEmpty())
                headers.append("Cookie: " + kept.join("; "));
            continue;
        }
        if (name == "connection" || name == "keep-alive" || name == "proxy-connection") {
            if (name == "connection")
                headers.append(line); // decided below
            continue;
        }
        headers.append(line);
    }
    for (QByteArray &h : headers) {
        // One request per connection unless upgrading: each request is authorized.
        if (!upgrade && h.toLower().startsWith("connection:"))
            h.clear();
    }
    for (const QByteArray &h : std::as_const(headers)) {
        if (!h.isEmpty())
            out += h + "\r\n";
    }
    if (!upgrade)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (token->isEmpty() && !cookieToken.isEmpty()) {
        *token = QString::fromUtf8(cookieToken);
        *fromCookie = true;
    }
    return out;
}

void PreviewConnection::onClientData()
{
    if (!m_client)
        return;
    if (m_relaying) {
        if (m_upstream)
            pump(m_client, m_upstream);
        return;
    }
    m_buffer += m_client->readAll();
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > kMaxHead)
            replyPage(431, tr("Request too large"), tr("The request's headers are too large."));
        return;
    }
    m_headTimer.stop();
    m_relaying = true; // whatever comes next is body, kept in m_buffer until connected
    const QByteArray head = m_buffer.left(end + 4);
    m_buffer.remove(0, end + 4);
    handleHead(head);
}

void PreviewConnection::handleHead(const QByteArray &head)
{
    QString token;
    bool fromCookie = false;
    const QByteArray forwarded = rewriteHead(head, m_listenerPort, &token, &fromCookie);
    if (forwarded.isEmpty()) {
        replyPage(400, tr("Bad request"), tr("The request is not valid HTTP/1.x."));
        return;
    }
    qint64 maxAge = -1;
    switch (m_proxy->authorize(m_sandboxId, m_port, token, &maxAge)) {
    case PreviewProxy::Access::Missing:
        replyPage(401, tr("Preview token required"),
                  tr("This preview of a sandbox's port needs its token. Open the link Agent Studio "
                     "gave (it carries ?%1=...), or send the header X-Daytona-Preview-Token.")
                      .arg(QLatin1String(kQueryKey)));
        return;
    case PreviewProxy::Access::Wrong:
        replyPage(
            403, tr("Preview token not accepted"),
            tr("The token is wrong or has expired. Ask Agent Studio for a new preview link."));
        return;
    case PreviewProxy::Access::Granted:
        break;
    }
    if (!fromCookie && !token.isEmpty()) {
        m_cookie = "Set-Cookie: " + cookieName(m_listenerPort) + '='
            + QUrl::toPercentEncoding(token) + "; Path=/; HttpOnly; SameSite=Lax"
            + (maxAge >= 0 ? QByteArray("; Max-Age=" + QByteArray::number(maxAge)) : QByteArray())
            + "\r\n";
    }
    m_buffer.prepend(forwarded);
    connectUpstream();
}

void PreviewConnection::connectUpstream()
{
    const QList<qint64> roots = m_proxy->processIds(m_sandboxId);
    const int port = m_port;
    QPointer<PreviewConnection> guard(this);
    // The answer comes back on this connection's thread (the server's, which is not the main
    // thread in the app) through a relay living there, kept alive by the job that needs it.
    const std::shared_ptr<QObject> relay(new QObject, [](QObject *o) { o->deleteLater(); });
    QThreadPool::globalInstance()->start([guard, roots, port, relay] {
        const SandboxPortConnector::Listener listener
            = SandboxPortConnector::findListener(roots, port);
        SandboxPortConnector::Connected connected;
        if (listener.pid > 0)
            connected = SandboxPortConnector::connectInNamespace(listener.pid, port);
        else
            connected.refused = true;
        // A connection closed meanwhile closes the socket.
        QMetaObject::invokeMethod(
            relay.get(),
            [guard, connected, relay] {
                if (guard)
                    guard->onUpstreamConnected(connected.fd, connected.refused, connected.error);
                else if (connected.fd >= 0)
                    ::close(connected.fd);
            },
            Qt::QueuedConnection);
    });
}

void PreviewConnection::onUpstreamConnected(int fd, bool refused, const QString &error)
{
    if (fd < 0) {
        const QString name = m_proxy->sandboxName(m_sandboxId);
        if (!refused)
            qCWarning(lcLocalSandbox) << "preview of port" << m_port << "in" << m_sandboxId
                                      << "could not connect:" << error;
        if (m_proxy->processIds(m_sandboxId).isEmpty() && !m_proxy->isStarted(m_sandboxId)) {
            replyPage(502, tr("Sandbox %1 is not running").arg(name),
                      tr("Sandbox %1 is stopped: start it (and the server in it), then reload "
                         "this page.")
                          .arg(name));
            return;
        }
        replyPage(502, tr("Nothing listens on port %1").arg(m_port),
                  refused ? tr("Nothing listens on port %1 in sandbox %2: start the server first "
                               "(for example python3 -m http.server %1 in the sandbox), then "
                               "reload this page.")
                                .arg(m_port)
                                .arg(name)
                          : tr("Could not reach port %1 in sandbox %2 (%3). Reload the page; if "
                               "this persists, restart the sandbox.")
                                .arg(m_port)
                                .arg(name, error));
        return;
    }
    if (!m_client) {
        ::close(fd);
        return;
    }
    m_upstream = new QTcpSocket(this);
    if (!m_upstream->setSocketDescriptor(fd)) {
        ::close(fd);
        replyPage(502, tr("Preview failed"), m_upstream->errorString());
        return;
    }
    m_upstream->setReadBufferSize(kMaxBuffered);
    connect(m_upstream, &QTcpSocket::readyRead, this, &PreviewConnection::onUpstreamData);
    connect(m_upstream, &QTcpSocket::bytesWritten, this, [this] { pump(m_client, m_upstream); });
    connect(m_upstream, &QTcpSocket::disconnected, this, [this] {
        onUpstreamData();
        if (!m_client)
            return;
        // The rest of the answer, whatever the client's queue: the server is done.
        if (m_cookie.isEmpty())
            m_client->write(m_upstream->readAll());
        m_client->disconnectFromHost(); // after what is still queued
    });
    m_upstream->write(m_buffer);
    m_buffer.clear();
    pump(m_client, m_upstream);
}

void PreviewConnection::pump(QTcpSocket *from, QTcpSocket *to)
{
    if (!from || !to)
        return;
    while (from->bytesAvailable() > 0 && to->bytesToWrite() < kMaxBuffered)
        to->write(from->read(64 * 1024));
}

void PreviewConnection::onUpstreamData()
{
    if (!m_upstream || !m_client)
        return;
    if (!m_cookie.isEmpty()) {
        // The cookie goes in right after the status line of the first answer.
        m_buffer += m_upstream->readAll();
        const qsizetype eol = m_buffer.indexOf("\r\n");
        if (eol < 0)
            return;
        m_client->write(m_buffer.left(eol + 2) + m_cookie + m_buffer.mid(eol + 2));
        m_buffer.clear();
        m_cookie.clear();
    }
    m_responseStarted = true;
    pump(m_upstream, m_client);
}

void PreviewConnection::replyPage(int status, const QString &title, const QString &text)
{
    m_headTimer.stop();
    if (!m_client || m_responseStarted)
        return finish();
    m_responseStarted = true;
    m_relaying = true;
    const QByteArray body = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>"
        + htmlEscaped(title) + "</title></head>\n<body><h1>" + htmlEscaped(title) + "</h1>\n<p>"
        + htmlEscaped(text) + "</p></body></html>\n";
    m_client->write("HTTP/1.1 " + QByteArray::number(status) + ' '
                    + HttpReplies::reasonPhrase(status)
                    + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                    + QByteArray::number(body.size())
                    + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + body);
    m_client->disconnectFromHost();
}

void PreviewConnection::finish()
{
    if (m_upstream) {
        m_upstream->disconnect(this);
        m_upstream->abort();
    }
    if (m_client)
        m_client->disconnect(this);
    if (m_client && m_client->state() != QAbstractSocket::UnconnectedState)
        m_client->abort();
    deleteLater();
}
