// One model call: POSTs the request, streams the answer (SSE) through the protocol's decoder and
// reports text, reasoning and tool calls as they arrive, then finished(result) exactly once.
// Has a status, cancel(), a connect timeout, an idle timeout on a stalled stream, a total
// timeout, and retries like the official SDKs (never after content reached the caller).
// A non-streaming request (title generation) goes the same way and parses the JSON answer.
#pragma once

#include "llm/ChatTypes.h"
#include "llm/ProviderEndpoint.h"
#include "llm/RetryPolicy.h"
#include "llm/SseReader.h"
#include "llm/StreamAccumulator.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

class ChatStreamRequest final : public QObject
{
    Q_OBJECT

public:
    enum class Status {
        NotStarted,
        Connecting,
        Streaming,
        WaitingToRetry,
        Finished,
        Failed,
        Cancelled
    };
    Q_ENUM(Status)

    ChatStreamRequest(QNetworkAccessManager *network, const ProviderEndpoint &endpoint,
                      const ChatRequest &request, QObject *parent = nullptr);
    ~ChatStreamRequest() override;

    void setTimeouts(const RequestTimeouts &timeouts) { m_timeouts = timeouts; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }

    void start();
    // Stops at once; finished() follows with a Cancelled error and what arrived so far.
    void cancel();

    Status status() const { return m_status; }
    bool isDone() const;
    int attempts() const { return m_attempts; }
    const ChatResult &result() const { return m_result; }
    QUrl url() const;

signals:
    void statusChanged(ChatStreamRequest::Status status);
    void textDelta(const QString &text);
    void reasoningDelta(const QString &text);
    void toolCallStarted(int index, const QString &id, const QString &name);
    void toolCallArgumentsDelta(int index, const QString &fragment);
    // A failed attempt will be repeated after `delayMs`.
    void retryScheduled(int retry, int delayMs, const LlmError &error);
    void finished(const ChatResult &result);

private:
    void sendAttempt();
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    void onConnectTimeout();
    void onIdleTimeout();
    void onTotalTimeout();
    void processStreamBytes(const QByteArray &bytes);
    void emitDeltas();
    void attemptFailed(const LlmError &error);
    ChatResult partialResult(const LlmError &error);
    void abortReply();
    void complete(ChatResult result);
    void setStatus(Status status);
    bool isSuccessStatus() const { return m_httpStatus >= 200 && m_httpStatus < 300; }
    QString seconds(std::chrono::milliseconds ms) const;

    QNetworkAccessManager *m_network;
    ProviderEndpoint m_endpoint;
    ChatRequest m_request;
    QByteArray m_payload;
    RequestTimeouts m_timeouts;
    RetryPolicy m_retry;
    Status m_status = Status::NotStarted;

    QPointer<QNetworkReply> m_reply;
    QTimer m_connectTimer;
    QTimer m_idleTimer;
    QTimer m_totalTimer;
    QTimer m_retryTimer;
    QElapsedTimer m_elapsed;

    // Per attempt.
    int m_attempts = 0;
    int m_httpStatus = 0;
    bool m_bodyStarted = false;
    RawHeaders m_headers;
    bool m_eventStream = false;
    QByteArray m_body; // error bodies and non-streaming answers
    SseReader m_reader;
    std::unique_ptr<StreamAccumulator> m_accumulator;
    QList<SseEvent> m_events;
    QList<StreamDelta> m_deltas;

    ChatResult m_result;
};
