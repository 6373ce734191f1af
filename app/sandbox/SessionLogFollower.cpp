// SessionLogFollower: the WebSocket while it lasts; then status, then log, then wait. The exit
// code is written after the output is flushed (contract.md §5.3), so the log read after an
// exit code is seen is complete; a WebSocket closed normally means the command ended.
#include "sandbox/SessionLogFollower.h"

#include "core/UrlPolicy.h"
#include "sandbox/DaytonaClient.h"

#include <QJsonObject>
#include <QNetworkRequest>
#include <QWebSocket>

namespace {
// Errors in a row (connection, 5xx) after which the follower gives up.
constexpr int kMaxFailures = 5;
// A WebSocket not open after this long: polling instead.
constexpr int kConnectTimeoutMs = 5000;
} // namespace

SessionLogFollower::SessionLogFollower(DaytonaClient *client, const Sandbox &sandbox,
                                       const QString &sessionId, const QString &commandId,
                                       int intervalMs)
    : QObject(client)
    , m_client(client)
    , m_sandbox(sandbox)
    , m_sessionId(sessionId)
    , m_commandId(commandId)
{
    qRegisterMetaType<SessionCommandEnd>();
    m_timer.setSingleShot(true);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &SessionLogFollower::tick);
    m_connectTimeout.setSingleShot(true);
    connect(&m_connectTimeout, &QTimer::timeout, this, [this] {
        if (m_socket && m_socket->state() != QAbstractSocket::ConnectedState)
            m_socket->abort();
    });
    QTimer::singleShot(0, this, &SessionLogFollower::begin);
}

bool SessionLogFollower::isStreaming() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void SessionLogFollower::begin()
{
    if (m_done)
        return;
    if (!m_streamingAllowed || !openStream())
        tick();
}

bool SessionLogFollower::openStream()
{
    if (!m_client || !m_client->config().problem().isEmpty())
        return false;
    QString base = m_sandbox.toolboxProxyUrl;
    if (base.isEmpty())
        base = m_client->toolboxUrlFor(m_sandbox.id);
    if (base.isEmpty())
        return false; // polling asks for the toolbox URL first
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QUrl url = DaytonaClient::buildUrl(
        base + QLatin1Char('/') + m_sandbox.id,
        QStringLiteral("/process/session/%1/command/%2/logs")
            .arg(QString::fromLatin1(QUrl::toPercentEncoding(m_sessionId)),
                 QString::fromLatin1(QUrl::toPercentEncoding(m_commandId))),
        {{QStringLiteral("follow"), QStringLiteral("true")}});
    // The key never goes over plain http(s) to another machine (as DaytonaCall::send).
    if (UrlPolicy::isPlainHttpToAnotherHost(url))
        return false;
    if (url.scheme() == QLatin1String("https"))
        url.setScheme(QStringLiteral("wss"));
    else if (url.scheme() == QLatin1String("http"))
        url.setScheme(QStringLiteral("ws"));
    else
        return false;
    QNetworkRequest request(url);
    const DaytonaConfig &config = m_client->config();
    request.setRawHeader("Authorization", "Bearer " + config.bearer().toUtf8());
    if (config.apiKey.isEmpty())
        request.setRawHeader("X-Daytona-Organization-ID", config.organizationId.toUtf8());
    request.setRawHeader("X-Daytona-Source", DaytonaConfig::kSource);
    // >= 0.167: the frames carry the stdout/stderr markers.
    request.setRawHeader("X-Daytona-SDK-Version", DaytonaConfig::kSdkVersion);
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &SessionLogFollower::streamData);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { streamData(text.toUtf8()); });
    connect(m_socket, &QWebSocket::connected, &m_connectTimeout, &QTimer::stop);
    connect(m_socket, &QWebSocket::disconnected, this, &SessionLogFollower::streamClosed);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(m_socket, &QWebSocket::errorOccurred, this, &SessionLogFollower::streamClosed);
#else
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            &SessionLogFollower::streamClosed);
#endif
    m_connectTimeout.start(kConnectTimeoutMs);
    m_socket->open(request);
    return true;
}

void SessionLogFollower::streamData(const QByteArray &data)
{
    if (m_done)
        return;
    // Kept as polling would count it, so polling can take over where the stream stopped.
    m_position += data.size();
    m_tail = QByteArray(m_tail + data).right(kTailBytes);
    const auto chunks = m_demuxer.feed(data);
    for (const auto &chunk : chunks)
        emit output(chunk.stream, chunk.data);
}

void SessionLogFollower::streamClosed()
{
    QWebSocket *socket = std::exchange(m_socket, nullptr);
    if (!socket)
        return; // both error and disconnected
    m_connectTimeout.stop();
    socket->disconnect(this);
    socket->deleteLater();
    if (m_done)
        return;
    // Closed normally: the command ended and polling finds its exit code at once. Otherwise
    // (no WebSocket here, cut off): polling follows from where the stream stopped.
    tick();
}

void SessionLogFollower::poke()
{
    if (m_done || m_inFlight || m_socket)
        return; // the answer in flight (or the stream) is as fresh
    m_timer.stop();
    tick();
}

void SessionLogFollower::cancel()
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    m_connectTimeout.stop();
    if (m_inFlight)
        m_inFlight->cancel();
    if (QWebSocket *socket = std::exchange(m_socket, nullptr)) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    deleteLater();
}

void SessionLogFollower::tick()
{
    if (m_done || m_inFlight || !m_client)
        return;
    m_inFlight = m_client->sessionCommand(m_sandbox, m_sessionId, m_commandId);
    connect(m_inFlight, &DaytonaCall::finished, this, [this](const DaytonaResult &r) {
        m_inFlight = nullptr;
        if (m_done)
            return;
        if (!r.ok()) {
            failed(r);
            return;
        }
        const QJsonValue code = r.json().object().value(QLatin1String("exitCode"));
        const bool exited = code.isDouble();
        readLog(exited, exited ? std::optional<int>(code.toInt()) : std::nullopt);
    });
}

void SessionLogFollower::readLog(bool exited, std::optional<int> exitCode)
{
    m_inFlight = m_client->sessionCommandLogs(m_sandbox, m_sessionId, m_commandId);
    connect(m_inFlight, &DaytonaCall::finished, this,
            [this, exited, exitCode](const DaytonaResult &r) {
                m_inFlight = nullptr;
                if (m_done)
                    return;
                if (!r.ok()) {
                    failed(r);
                    return;
                }
                m_failures = 0;
                const QByteArray fresh = newPart(DaytonaClient::rawSessionLog(r));
                if (!fresh.isEmpty()) {
                    const auto chunks = m_demuxer.feed(fresh);
                    for (const auto &chunk : chunks)
                        emit output(chunk.stream, chunk.data);
                }
                if (m_done)
                    return; // a listener cancelled
                if (exited) {
                    for (const auto &chunk : m_demuxer.finish())
                        emit output(chunk.stream, chunk.data);
                    end({exitCode, {}});
                    return;
                }
                m_timer.start();
            });
}

QByteArray SessionLogFollower::newPart(const QByteArray &log)
{
    // Usually the log only grew. A server that keeps only the newest output (agent-sandboxd
    // keeps 1 MiB) drops its head instead: then what follows the last bytes seen is new.
    QByteArray fresh;
    const qsizetype tailStart = m_position - m_tail.size();
    if (m_position <= log.size() && log.mid(tailStart, m_tail.size()) == m_tail) {
        fresh = log.mid(m_position);
    } else {
        const qsizetype at = m_tail.isEmpty() ? -1 : log.lastIndexOf(m_tail);
        fresh = at >= 0 ? log.mid(at + m_tail.size()) : log;
    }
    m_position = log.size();
    m_tail = log.right(kTailBytes);
    return fresh;
}

void SessionLogFollower::failed(const DaytonaResult &result)
{
    const auto kind = result.error.kind;
    const bool transient = kind == SandboxError::Kind::Connection
        || kind == SandboxError::Kind::Timeout || result.httpStatus >= 500;
    if (transient && ++m_failures < kMaxFailures) {
        m_timer.start();
        return;
    }
    end({std::nullopt, result.error});
}

void SessionLogFollower::end(const SessionCommandEnd &end)
{
    m_done = true;
    m_timer.stop();
    m_connectTimeout.stop();
    emit finished(end);
    deleteLater();
}
