// Errors of a model call, classified for the user and the agent: what went wrong, whether a
// retry can help, and a message that says what to do. Built from HTTP statuses and the error
// envelopes of every provider (OpenAI, Anthropic, OpenRouter, Gemini, vLLM, Ollama, llama.cpp),
// including errors that arrive inside a 200 stream.
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QMetaType>
#include <QString>

class LlmError final
{
public:
    enum class Kind {
        None,
        MissingKey, // no key configured
        InvalidKey, // 401: the provider rejected the key
        PermissionDenied, // 403
        QuotaExceeded, // billing / quota: retrying does not help
        RateLimited, // 429
        Overloaded, // 529 / 503 / overloaded_error
        ContextTooLong, // the conversation does not fit the model's context window
        BadRequest, // 400/422 with the provider's message
        NotFound, // 404: usually an unknown model
        ServerError, // 5xx / api_error / server_error
        NetworkDown, // could not connect / connection refused / DNS
        Timeout, // connect, idle or total timeout
        StreamCut, // the stream ended before the model finished
        InvalidResponse, // not a stream / JSON we can read
        Cancelled, // the caller cancelled
        NotConfigured, // unknown provider, no base URL: fix the settings
    };

    LlmError() = default;
    LlmError(Kind kind, const QString &message);

    bool isError() const { return m_kind != Kind::None; }
    Kind kind() const { return m_kind; }
    // For the user and the agent: what went wrong and what to do.
    QString message() const { return m_message; }
    // The provider's own words, if it sent any.
    QString providerMessage() const { return m_providerMessage; }
    QString providerType() const { return m_providerType; }
    QString providerCode() const { return m_providerCode; }
    QString requestId() const { return m_requestId; }
    int httpStatus() const { return m_httpStatus; }
    // True if the official SDKs would retry this (before any content was delivered).
    bool isRetryable() const;
    static QString kindName(Kind kind);
    // Replaces `secret` (an API key a server echoed back) in every text; short values are
    // left alone so a test key like "k" does not garble messages.
    void redact(const QString &secret);

    // From a non-2xx response (status and body).
    static LlmError fromHttp(int status, const QByteArray &body, const QString &providerName);
    // From an error payload inside a 200 stream (the whole JSON event).
    static LlmError fromStreamPayload(const QJsonValue &payload, const QString &providerName);
    static LlmError missingKey(const QString &providerName, const QString &keyVariable);
    static LlmError networkDown(const QString &providerName, const QString &url,
                                const QString &detail);
    static LlmError timeout(const QString &providerName, const QString &what);
    static LlmError streamCut(const QString &providerName, const QString &detail);
    static LlmError invalidResponse(const QString &providerName, const QString &detail);
    static LlmError cancelled();
    static LlmError notConfigured(const QString &message);

private:
    static LlmError classify(int status, const QString &type, const QString &code,
                             const QString &message, const QString &providerName);

    Kind m_kind = Kind::None;
    QString m_message;
    QString m_providerMessage;
    QString m_providerType;
    QString m_providerCode;
    QString m_requestId;
    int m_httpStatus = 0;
};

Q_DECLARE_METATYPE(LlmError)
