// The streaming request object: attempt loop, timers, and the hand-off of bytes to the
// SSE reader and the protocol's decoder.
#include "ChatStreamRequest.h"

#include "core/Logging.h"
#include "llm/AnthropicStreamAccumulator.h"
#include "llm/OpenAiStreamAccumulator.h"
#include "llm/RequestBuilder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace std::chrono;

ChatStreamRequest::ChatStreamRequest(QNetworkAccessManager *network,
                                     const ProviderEndpoint &endpoint, const ChatRequest &request,
                                     QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(endpoint)
    , m_request(request)
{
    for (QTimer *t : {&m_connectTimer, &m_idleTimer, &m_totalTimer, &m_retryTimer})
        t->setSingleShot(true);
    // A server's retry-after is a lower bound; coarse timers may fire 5 % early.
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_connectTimer, &QTimer::timeout, this, &ChatStreamRequest::onConnectTimeout);
    connect(&m_idleTimer, &QTimer::timeout, this, &ChatStreamRequest::onIdleTimeout);
    connect(&m_totalTimer, &QTimer::timeout, this, &ChatStreamRequest::onTotalTimeout);
    connect(&m_retryTimer, &QTimer::timeout, this, &ChatStreamRequest::sendAttempt);
}

ChatStreamRequest::~ChatStreamRequest()
{
    abortReply();
}

bool ChatStreamRequest::isDone() const
{
    return m_status == Status::Finished || m_status == Status::Failed
        || m_status == Status::Cancelled;
}

QUrl ChatStreamRequest::url() const
{
    return m_endpoint.url(m_endpoint.provider.protocol == WireProtocol::AnthropicMessages
                              ? QStringLiteral("/messages")
                              : QStringLiteral("/chat/completions"));
}

// A timeout of zero or less means no limit.
static void startLimit(QTimer &timer, std::chrono::milliseconds timeout)
{
    if (timeout.count() > 0)
        timer.start(timeout);
}

void ChatStreamRequest::setStatus(Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    emit statusChanged(status);
}

QString ChatStreamRequest::seconds(milliseconds ms) const
{
    return QString::number(double(ms.count()) / 1000.0, 'g', 3);
}

void ChatStreamRequest::start()
{
    if (m_status != Status::NotStarted)
        return;
    m_elapsed.start();
    // finished() is always emitted from the event loop, never inside start().
    LlmError early;
    if (!m_endpoint.configurationError.isEmpty())
        early = LlmError::notConfigured(m_endpoint.configurationError);
    else if (m_endpoint.needsKey())
        early = LlmError::missingKey(m_endpoint.provider.displayName,
                                     m_endpoint.provider.keyVariable);
    if (early.isError()) {
        setStatus(Status::Connecting);
        QTimer::singleShot(0, this, [this, early] {
            ChatResult r;
            r.error = early;
            complete(r);
        });
        return;
    }
    m_payload = QJsonDocument(RequestBuilder::build(m_request, m_endpoint.provider))
                    .toJson(QJsonDocument::Compact);
    startLimit(m_totalTimer, m_timeouts.total);
    sendAttempt();
}

void ChatStreamRequest::sendAttempt()
{
    ++m_attempts;
    m_httpStatus = 0;
    m_bodyStarted = false;
    m_headers.clear();
    m_eventStream = false;
    m_body.clear();
    m_reader = SseReader();
    if (m_endpoint.provider.protocol == WireProtocol::AnthropicMessages)
        m_accumulator
            = std::make_unique<AnthropicStreamAccumulator>(m_endpoint.provider.displayName);
    else
        m_accumulator = std::make_unique<OpenAiStreamAccumulator>(m_endpoint.provider.displayName);

    const QString path = m_endpoint.provider.protocol == WireProtocol::AnthropicMessages
        ? QStringLiteral("/messages")
        : QStringLiteral("/chat/completions");
    qCDebug(lcLlm) << "POST" << url().toString(QUrl::RemoveUserInfo) << "attempt" << m_attempts;
    m_reply = m_network->post(m_endpoint.networkRequest(path, m_request.stream), m_payload);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &ChatStreamRequest::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &ChatStreamRequest::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ChatStreamRequest::onReplyFinished);
    setStatus(Status::Connecting);
    startLimit(m_connectTimer, m_timeouts.connect);
}

void ChatStreamRequest::onMetaData()
{
    // Once body bytes were read the status is settled (a redirect may change it before).
    if (!m_reply || m_bodyStarted)
        return;
    m_httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_httpStatus == 0)
        return;
    m_headers = m_reply->rawHeaderPairs();
    const QByteArray type = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    // Anything but JSON on a streaming 2xx is read as SSE (some servers label it text/plain).
    m_eventStream = m_request.stream && !type.contains("application/json");
    m_connectTimer.stop();
    startLimit(m_idleTimer, m_timeouts.idle);
    if (isSuccessStatus())
        setStatus(Status::Streaming);
}

void ChatStreamRequest::onReadyRead()
{
    if (!m_reply)
        return;
    if (m_httpStatus == 0)
        onMetaData();
    const QByteArray bytes = m_reply->readAll();
    if (bytes.isEmpty())
        return;
    m_bodyStarted = true;
    startLimit(m_idleTimer, m_timeouts.idle);
    if (isSuccessStatus() && m_eventStream)
        processStreamBytes(bytes);
    else
        m_body.append(bytes);
}

void ChatStreamRequest::processStreamBytes(const QByteArray &bytes)
{
    m_events.clear();
    m_reader.feed(bytes, &m_events);
    for (const SseEvent &e : std::as_const(m_events))
        m_accumulator->handle(e, &m_deltas);
    emitDeltas();
    if (m_accumulator->hasError()) {
        // An error inside the 200 stream: the stream is over.
        abortReply();
        m_idleTimer.stop();
        attemptFailed(m_accumulator->error());
    }
}

void ChatStreamRequest::emitDeltas()
{
    // Swap first: a slot may cancel() us while we emit.
    const QList<StreamDelta> deltas = std::exchange(m_deltas, {});
    const QPointer<ChatStreamRequest> self(this);
    for (const StreamDelta &d : deltas) {
        if (!self || isDone())
            return;
        switch (d.kind) {
        case StreamDelta::Kind::Text:
            emit textDelta(d.text);
            break;
        case StreamDelta::Kind::Reasoning:
            emit reasoningDelta(d.text);
            break;
        case StreamDelta::Kind::ToolCallStarted:
            emit toolCallStarted(d.toolIndex, d.toolCallId, d.toolName);
            break;
        case StreamDelta::Kind::ToolCallArguments:
            emit toolCallArgumentsDelta(d.toolIndex, d.text);
            break;
        }
    }
}

void ChatStreamRequest::onReplyFinished()
{
    if (!m_reply)
        return;
    onReadyRead(); // drain
    if (!m_reply)
        return; // an error event in the last bytes ended the attempt
    const QNetworkReply::NetworkError networkError = m_reply->error();
    const QString networkErrorText = m_reply->errorString();
    m_reply->deleteLater();
    m_reply = nullptr;
    m_connectTimer.stop();
    m_idleTimer.stop();
    const QString providerName = m_endpoint.provider.displayName;

    if (m_httpStatus == 0) {
        attemptFailed(LlmError::networkDown(
            providerName, m_endpoint.baseUrl.toString(QUrl::RemoveUserInfo), networkErrorText));
        return;
    }
    if (!isSuccessStatus()) {
        attemptFailed(LlmError::fromHttp(m_httpStatus, m_body, providerName));
        return;
    }
    if (!m_eventStream) {
        const QJsonDocument doc = QJsonDocument::fromJson(m_body);
        if (!doc.isObject()) {
            attemptFailed(
                LlmError::invalidResponse(providerName, QStringLiteral("the answer is not JSON")));
            return;
        }
        ChatResult r = m_endpoint.provider.protocol == WireProtocol::AnthropicMessages
            ? AnthropicStreamAccumulator::parseResponse(doc.object(), providerName)
            : OpenAiStreamAccumulator::parseResponse(doc.object(), providerName);
        if (r.error.isError())
            attemptFailed(r.error);
        else
            complete(r);
        return;
    }
    m_events.clear();
    if (networkError == QNetworkReply::NoError) // a cut line is not an event
        m_reader.finish(&m_events);
    m_accumulator->setAtEndOfBody();
    for (const SseEvent &e : std::as_const(m_events))
        m_accumulator->handle(e, &m_deltas);
    emitDeltas();
    if (isDone())
        return;
    ChatResult r = m_accumulator->finish();
    if (r.error.kind() == LlmError::Kind::StreamCut && networkError != QNetworkReply::NoError)
        r.error = LlmError::streamCut(providerName, networkErrorText);
    if (r.error.isError())
        attemptFailed(r.error);
    else
        complete(r);
}

ChatResult ChatStreamRequest::partialResult(const LlmError &error)
{
    ChatResult r;
    if (m_accumulator)
        r = m_accumulator->finish();
    r.error = error;
    return r;
}

void ChatStreamRequest::attemptFailed(const LlmError &error)
{
    const bool delivered = m_accumulator && m_accumulator->hasDeliveredContent();
    const RetryPolicy::Decision d = m_retry.decide(m_attempts - 1, error, m_headers, delivered);
    const milliseconds left = m_timeouts.total - milliseconds(m_elapsed.elapsed());
    if (d.retry && (m_timeouts.total.count() <= 0 || d.delay < left)) {
        qCInfo(lcLlm) << m_endpoint.provider.displayName << LlmError::kindName(error.kind())
                      << "- retry" << m_attempts << "in" << d.delay.count() << "ms";
        setStatus(Status::WaitingToRetry);
        LlmError shown = error;
        shown.redact(m_endpoint.apiKey);
        emit retryScheduled(m_attempts, int(d.delay.count()), shown);
        m_retryTimer.start(d.delay);
        return;
    }
    complete(partialResult(error));
}

void ChatStreamRequest::onConnectTimeout()
{
    abortReply();
    m_idleTimer.stop();
    attemptFailed(LlmError::timeout(
        m_endpoint.provider.displayName,
        QStringLiteral("did not answer within %1 s").arg(seconds(m_timeouts.connect))));
}

void ChatStreamRequest::onIdleTimeout()
{
    abortReply();
    attemptFailed(LlmError::timeout(
        m_endpoint.provider.displayName,
        QStringLiteral("sent nothing for %1 s; the stream stalled").arg(seconds(m_timeouts.idle))));
}

void ChatStreamRequest::onTotalTimeout()
{
    if (isDone())
        return;
    abortReply();
    m_connectTimer.stop();
    m_idleTimer.stop();
    m_retryTimer.stop();
    complete(partialResult(LlmError::timeout(
        m_endpoint.provider.displayName,
        QStringLiteral("did not finish within %1 s").arg(seconds(m_timeouts.total)))));
}

void ChatStreamRequest::cancel()
{
    if (isDone())
        return;
    abortReply();
    complete(partialResult(LlmError::cancelled()));
}

void ChatStreamRequest::abortReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void ChatStreamRequest::complete(ChatResult result)
{
    if (isDone())
        return;
    for (QTimer *t : {&m_connectTimer, &m_idleTimer, &m_totalTimer, &m_retryTimer})
        t->stop();
    result.attempts = m_attempts;
    result.error.redact(m_endpoint.apiKey);
    if (result.error.isError())
        result.finishReason = result.error.kind() == LlmError::Kind::Cancelled
            ? FinishReason::Other
            : FinishReason::Error;
    m_result = result;
    if (!result.error.isError())
        setStatus(Status::Finished);
    else if (result.error.kind() == LlmError::Kind::Cancelled)
        setStatus(Status::Cancelled);
    else
        setStatus(Status::Failed);
    emit finished(m_result);
}
