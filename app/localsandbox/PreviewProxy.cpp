// PreviewProxy: the preview listeners of local sandboxes and who may use them.
#include "localsandbox/PreviewProxy.h"

#include "core/Logging.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/PreviewConnection.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTcpServer>

namespace {

constexpr int kMaxConnectionsPerPreview = 64;

bool sameToken(const QString &a, const QString &b)
{
    const QByteArray x = a.toUtf8();
    const QByteArray y = b.toUtf8();
    if (x.size() != y.size())
        return false;
    unsigned char diff = 0; // constant time: no early exit on the first differing byte
    for (qsizetype i = 0; i < x.size(); ++i)
        diff |= static_cast<unsigned char>(x[i] ^ y[i]);
    return diff == 0;
}

QString signedToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return QStringLiteral("sig_") + QString::fromLatin1(bytes.toHex());
}

} // namespace

PreviewProxy::PreviewProxy(LocalSandboxServer *server)
    : QObject(server)
    , m_server(server)
{
}

PreviewProxy::~PreviewProxy() = default;

PreviewProxy::Listener *PreviewProxy::open(const QString &sandboxId, int port, QString *error)
{
    const LocalSandboxRecord *record = m_server->registry().find(sandboxId);
    if (!record) {
        *error = QStringLiteral("no sandbox %1").arg(sandboxId);
        return nullptr;
    }
    const QString id = record->sandbox.id;
    if (auto it = m_listeners.find(Key(id, port)); it != m_listeners.end())
        return &it.value();
    auto *server = new QTcpServer(this);
    server->setMaxPendingConnections(kMaxConnectionsPerPreview);
    // 127.0.0.1 only: the preview is for this machine's browser.
    if (!server->listen(QHostAddress::LocalHost, 0)) {
        *error = QStringLiteral("cannot listen on 127.0.0.1 for the preview: %1")
                     .arg(server->errorString());
        delete server;
        return nullptr;
    }
    connect(server, &QTcpServer::newConnection, this, [this, server, id, port] {
        while (QTcpSocket *socket = server->nextPendingConnection()) {
            if (server->findChildren<PreviewConnection *>().size() >= kMaxConnectionsPerPreview) {
                socket->abort();
                socket->deleteLater();
                continue;
            }
            auto *connection = new PreviewConnection(this, socket, id, port);
            connection->setParent(server); // ends with the listener
        }
    });
    Listener listener;
    listener.sandboxId = id;
    listener.port = port;
    listener.server = server;
    qCInfo(lcLocalSandbox) << "preview of port" << port << "in sandbox" << id << "on"
                           << QStringLiteral("http://127.0.0.1:%1").arg(server->serverPort());
    return &m_listeners.insert(Key(id, port), listener).value();
}

QUrl PreviewProxy::url(const QString &sandboxId, int port, QString *error)
{
    const Listener *listener = open(sandboxId, port, error);
    if (!listener)
        return QUrl();
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(listener->server->serverPort()));
}

QString PreviewProxy::sign(const QString &sandboxId, int port, int seconds, QString *error)
{
    Listener *listener = open(sandboxId, port, error);
    if (!listener)
        return QString();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = listener->signedTokens.begin(); it != listener->signedTokens.end();) {
        if (it.value() <= now)
            it = listener->signedTokens.erase(it);
        else
            ++it;
    }
    const QString token = signedToken();
    listener->signedTokens.insert(token, now + qint64(seconds) * 1000);
    return token;
}

bool PreviewProxy::expire(const QString &sandboxId, int port, const QString &token)
{
    const LocalSandboxRecord *record = m_server->registry().find(sandboxId);
    if (!record)
        return false;
    auto it = m_listeners.find(Key(record->sandbox.id, port));
    return it != m_listeners.end() && it->signedTokens.remove(token) > 0;
}

void PreviewProxy::closeSandbox(const QString &sandboxId)
{
    for (auto it = m_listeners.begin(); it != m_listeners.end();) {
        if (it.key().first == sandboxId) {
            qCInfo(lcLocalSandbox)
                << "preview of port" << it.key().second << "in sandbox" << sandboxId << "closed";
            it->server->close();
            it->server->deleteLater(); // and its connections with it
            it = m_listeners.erase(it);
        } else {
            ++it;
        }
    }
}

PreviewProxy::Access PreviewProxy::authorize(const QString &sandboxId, int port,
                                             const QString &token, qint64 *maxAgeSeconds) const
{
    *maxAgeSeconds = -1;
    LocalSandboxRecord *record = m_server->registry().find(sandboxId);
    if (!record)
        return Access::Wrong;
    if (record->sandbox.isPublic)
        return Access::Granted;
    if (token.isEmpty())
        return Access::Missing;
    if (!record->previewToken.isEmpty() && sameToken(token, record->previewToken))
        return Access::Granted;
    const auto it = m_listeners.constFind(Key(sandboxId, port));
    if (it == m_listeners.cend())
        return Access::Wrong;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto t = it->signedTokens.cbegin(); t != it->signedTokens.cend(); ++t) {
        if (t.value() > now && sameToken(token, t.key())) {
            *maxAgeSeconds = (t.value() - now) / 1000;
            return Access::Granted;
        }
    }
    return Access::Wrong;
}

QList<qint64> PreviewProxy::processIds(const QString &sandboxId) const
{
    return m_server->processIds(sandboxId);
}

QString PreviewProxy::sandboxName(const QString &sandboxId) const
{
    const LocalSandboxRecord *record = m_server->registry().find(sandboxId);
    return record ? record->sandbox.name : sandboxId;
}

bool PreviewProxy::isStarted(const QString &sandboxId) const
{
    const LocalSandboxRecord *record = m_server->registry().find(sandboxId);
    return record && record->sandbox.state == QLatin1String("started");
}
