// Classification of provider errors. Classify by the error's type/code first and the HTTP
// status second: stream errors arrive with status 200 (anthropic-sdk-python#1258).
#include "LlmError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

LlmError::LlmError(Kind kind, const QString &message)
    : m_kind(kind)
    , m_message(message)
{
}

bool LlmError::isRetryable() const
{
    switch (m_kind) {
    case Kind::RateLimited:
    case Kind::Overloaded:
    case Kind::ServerError:
    case Kind::NetworkDown:
    case Kind::Timeout:
    case Kind::StreamCut:
        return true;
    default:
        break;
    }
    // 408 and 409 as the SDKs do.
    return m_httpStatus == 408 || m_httpStatus == 409;
}

QString LlmError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::MissingKey:
        return QStringLiteral("missing-key");
    case Kind::InvalidKey:
        return QStringLiteral("invalid-key");
    case Kind::PermissionDenied:
        return QStringLiteral("permission-denied");
    case Kind::QuotaExceeded:
        return QStringLiteral("quota-exceeded");
    case Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case Kind::Overloaded:
        return QStringLiteral("overloaded");
    case Kind::ContextTooLong:
        return QStringLiteral("context-too-long");
    case Kind::BadRequest:
        return QStringLiteral("bad-request");
    case Kind::NotFound:
        return QStringLiteral("not-found");
    case Kind::ServerError:
        return QStringLiteral("server-error");
    case Kind::NetworkDown:
        return QStringLiteral("network-down");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::StreamCut:
        return QStringLiteral("stream-cut");
    case Kind::InvalidResponse:
        return QStringLiteral("invalid-response");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::NotConfigured:
        return QStringLiteral("not-configured");
    }
    return QStringLiteral("unknown");
}

namespace {

QString scalarText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toInteger());
    return {};
}

struct Envelope
{
    QString type;
    QString code;
    QString message;
    QString requestId;
    int numericCode = 0;
    bool found = false;
};

// Reads every error envelope we know of out of one JSON value.
Envelope readEnvelope(const QJsonValue &root)
{
    Envelope e;
    QJsonValue value = root;
    if (value.isArray()) // Gemini: [{"error":{...}}]
        value = value.toArray().first();
    if (!value.isObject()) {
        if (value.isString()) {
            e.message = value.toString();
            e.found = !e.message.isEmpty();
        }
        return e;
    }
    const QJsonObject top = value.toObject();
    e.requestId = top.value(QLatin1String("request_id")).toString();
    QJsonValue error = top.value(QLatin1String("error"));
    QJsonObject obj;
    if (error.isObject()) {
        obj = error.toObject();
    } else if (error.isString()) { // Ollama / llama.cpp: {"error":"..."}
        e.message = error.toString();
        e.found = true;
        return e;
    } else if (top.value(QLatin1String("object")).toString() == QLatin1String("error")
               || top.value(QLatin1String("type")).toString() == QLatin1String("error")) {
        obj = top; // vLLM's flat shape
    } else {
        return e;
    }
    e.found = true;
    e.message = obj.value(QLatin1String("message")).toString();
    e.type = obj.value(QLatin1String("type")).toString();
    if (e.type.isEmpty())
        e.type = obj.value(QLatin1String("status")).toString(); // Google: RESOURCE_EXHAUSTED
    const QJsonValue code = obj.value(QLatin1String("code"));
    e.code = scalarText(code);
    if (code.isDouble())
        e.numericCode = code.toInt();
    // Anthropic spend limits: error.details.error_code
    const QString detailCode = obj.value(QLatin1String("details"))
                                   .toObject()
                                   .value(QLatin1String("error_code"))
                                   .toString();
    if (!detailCode.isEmpty())
        e.code = detailCode;
    // OpenRouter: metadata.raw may carry the upstream message
    if (e.message.isEmpty())
        e.message = QString::fromUtf8(QJsonDocument(obj).toJson(QJsonDocument::Compact));
    return e;
}

bool mentionsContextLength(const QString &code, const QString &message)
{
    if (code == QLatin1String("context_length_exceeded")
        || code == QLatin1String("request_too_large")
        || code == QLatin1String("string_above_max_length"))
        return true;
    const QString m = message.toLower();
    return m.contains(QLatin1String("prompt is too long"))
        || m.contains(QLatin1String("context length"))
        || m.contains(QLatin1String("context_length"))
        || m.contains(QLatin1String("context window"))
        || m.contains(QLatin1String("maximum context"))
        || m.contains(QLatin1String("input tokens exceed"))
        || m.contains(QLatin1String("too many tokens"));
}

QString withProviderWords(const QString &message)
{
    return message.isEmpty() ? QString() : QStringLiteral(" (\u201c%1\u201d)").arg(message);
}

} // namespace

LlmError LlmError::classify(int status, const QString &type, const QString &code,
                            const QString &message, const QString &providerName)
{
    const QString t = type.toLower();
    const QString c = code.toLower();
    const QString said = withProviderWords(message);
    const QString &p = providerName;
    Kind kind;
    QString text;
    if (c == QLatin1String("insufficient_quota") || t == QLatin1String("insufficient_quota")
        || t == QLatin1String("billing_error") || c == QLatin1String("enforced_spend_limit_reached")
        || status == 402) {
        kind = Kind::QuotaExceeded;
        text = QStringLiteral("%1 refused the request because the account is out of credit or "
                              "over its spending limit%2. Check the plan and billing in your %1 "
                              "account, or switch to another provider.")
                   .arg(p, said);
    } else if (status == 401 || t == QLatin1String("authentication_error")
               || c == QLatin1String("invalid_api_key") || t == QLatin1String("unauthenticated")) {
        kind = Kind::InvalidKey;
        text = QStringLiteral("%1 rejected the API key%2. Check the key in Settings \u2192 "
                              "Providers (or its environment variable) and try again.")
                   .arg(p, said);
    } else if (status == 403 || t == QLatin1String("permission_error")
               || t == QLatin1String("permission_denied")) {
        kind = Kind::PermissionDenied;
        text = QStringLiteral("%1 does not allow this key to use this model%2. Check the key's "
                              "permissions or choose another model.")
                   .arg(p, said);
    } else if (t == QLatin1String("overloaded_error") || status == 529 || status == 503
               || t == QLatin1String("unavailable")) {
        kind = Kind::Overloaded;
        text = QStringLiteral("%1 is overloaded right now%2. Try again in a minute or switch to "
                              "another model.")
                   .arg(p, said);
    } else if (status == 429 || t == QLatin1String("rate_limit_error")
               || c == QLatin1String("rate_limit_exceeded")
               || t == QLatin1String("resource_exhausted") || t == QLatin1String("tokens")
               || t == QLatin1String("requests")) {
        kind = Kind::RateLimited;
        text = QStringLiteral("%1 is rate limiting requests%2. Wait a moment and try again, or "
                              "switch to another model.")
                   .arg(p, said);
    } else if (mentionsContextLength(c, message) || status == 413) {
        kind = Kind::ContextTooLong;
        text = QStringLiteral("The conversation is too long for this %1 model%2. Start a new "
                              "thread, shorten large tool outputs, or choose a model with a "
                              "larger context window.")
                   .arg(p, said);
    } else if (status == 404 || t == QLatin1String("not_found_error")
               || c == QLatin1String("model_not_found")) {
        kind = Kind::NotFound;
        text = QStringLiteral("%1 does not know this model or endpoint%2. Check the model name "
                              "and the provider's base URL.")
                   .arg(p, said);
    } else if (status == 400 || status == 422 || t == QLatin1String("invalid_request_error")
               || t == QLatin1String("badrequesterror") || t == QLatin1String("invalid_argument")) {
        kind = Kind::BadRequest;
        text = QStringLiteral("%1 rejected the request%2. This is usually a problem with the "
                              "model's settings or the conversation; change the model or the "
                              "last message and try again.")
                   .arg(p, said);
    } else if (status == 408 || t == QLatin1String("timeout_error") || status == 504) {
        kind = Kind::Timeout;
        text = QStringLiteral("%1 timed out%2. Try again.").arg(p, said);
    } else {
        kind = Kind::ServerError;
        text = QStringLiteral("%1 had an internal error%2. Try again; if it keeps happening, "
                              "check the provider's status page or switch model.")
                   .arg(p, said);
    }
    LlmError e(kind, text);
    e.m_httpStatus = status;
    e.m_providerType = type;
    e.m_providerCode = code;
    e.m_providerMessage = message;
    return e;
}

LlmError LlmError::fromHttp(int status, const QByteArray &body, const QString &providerName)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    Envelope env;
    if (parseError.error == QJsonParseError::NoError) {
        env = readEnvelope(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
    }
    if (!env.found) {
        // Not JSON (a proxy's HTML page, plain text): show the start of it.
        env.message = QString::fromUtf8(body.left(300)).simplified();
    }
    LlmError e = classify(status, env.type, env.code, env.message, providerName);
    e.m_requestId = env.requestId;
    return e;
}

LlmError LlmError::fromStreamPayload(const QJsonValue &payload, const QString &providerName)
{
    const Envelope env = readEnvelope(payload);
    // Status 200 says nothing; a numeric code (OpenRouter, vLLM, llama.cpp) is an HTTP status.
    int status = 0;
    if (env.numericCode >= 400 && env.numericCode < 600)
        status = env.numericCode;
    LlmError e = classify(status, env.type, env.code,
                          env.message.isEmpty() ? QStringLiteral("unknown error") : env.message,
                          providerName);
    e.m_requestId = env.requestId;
    if (status == 0)
        e.m_httpStatus = 0;
    return e;
}

LlmError LlmError::missingKey(const QString &providerName, const QString &keyVariable)
{
    const QString where = keyVariable.isEmpty()
        ? QStringLiteral("in Settings \u2192 Providers")
        : QStringLiteral("in Settings \u2192 Providers or set %1").arg(keyVariable);
    return LlmError(
        Kind::MissingKey,
        QStringLiteral("No API key for %1. Add one %2, then try again.").arg(providerName, where));
}

LlmError LlmError::networkDown(const QString &providerName, const QString &url,
                               const QString &detail)
{
    return LlmError(Kind::NetworkDown,
                    QStringLiteral("Could not reach %1 at %2 (%3). Check your network "
                                   "connection, proxy and the provider's base URL, then try "
                                   "again.")
                        .arg(providerName, url, detail));
}

LlmError LlmError::timeout(const QString &providerName, const QString &what)
{
    return LlmError(Kind::Timeout,
                    QStringLiteral("%1 %2. Try again; if the model is slow, raise the timeout "
                                   "in Settings.")
                        .arg(providerName, what));
}

LlmError LlmError::streamCut(const QString &providerName, const QString &detail)
{
    return LlmError(Kind::StreamCut,
                    QStringLiteral("The connection to %1 ended before the answer was complete "
                                   "(%2). What arrived was kept; try again to get the rest.")
                        .arg(providerName, detail));
}

LlmError LlmError::invalidResponse(const QString &providerName, const QString &detail)
{
    return LlmError(Kind::InvalidResponse,
                    QStringLiteral("%1 sent a response this app cannot read (%2). Check that the "
                                   "base URL points to an OpenAI- or Anthropic-compatible API.")
                        .arg(providerName, detail));
}

LlmError LlmError::cancelled()
{
    return LlmError(Kind::Cancelled, QStringLiteral("Cancelled."));
}

LlmError LlmError::notConfigured(const QString &message)
{
    return LlmError(Kind::NotConfigured, message);
}

void LlmError::redact(const QString &secret)
{
    if (secret.size() < 8)
        return;
    const QString mask = secret.left(3) + QStringLiteral("***");
    m_message.replace(secret, mask);
    m_providerMessage.replace(secret, mask);
}
