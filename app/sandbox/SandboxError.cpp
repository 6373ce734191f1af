// Error classes and user-facing messages for sandbox calls (contract.md §6, SDK error map).
#include "sandbox/SandboxError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

QString serverMessageFrom(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        const QJsonValue message = o.value(QLatin1String("message"));
        if (message.isString())
            return message.toString();
        if (message.isArray() && !message.toArray().isEmpty())
            return message.toArray().first().toString();
        if (o.value(QLatin1String("error")).isString())
            return o.value(QLatin1String("error")).toString();
    }
    return QString::fromUtf8(body.left(300)).trimmed();
}

} // namespace

bool SandboxError::looksLikeHtml(const QByteArray &body, const QByteArray &contentType)
{
    if (contentType.toLower().contains("text/html"))
        return true;
    const QByteArray start = body.left(200).trimmed().toLower();
    return start.startsWith("<!doctype html") || start.startsWith("<html");
}

SandboxError SandboxError::wrongBaseUrl(const QString &baseUrl, int status)
{
    SandboxError e;
    e.kind = Kind::WrongBaseUrl;
    e.httpStatus = status;
    e.message = QStringLiteral("The server at %1 answered with a web page instead of the Daytona "
                               "API. Check DAYTONA_API_URL: it must be the API base, e.g. "
                               "https://app.daytona.io/api (note the /api).")
                    .arg(baseUrl);
    return e;
}

SandboxError SandboxError::make(Kind kind, const QString &message)
{
    SandboxError e;
    e.kind = kind;
    e.message = message;
    return e;
}

SandboxError SandboxError::fromHttp(int status, const QByteArray &body,
                                    const QByteArray &contentType, Subject subject,
                                    const QString &baseUrl, int retryAfterSeconds)
{
    if (looksLikeHtml(body, contentType))
        return wrongBaseUrl(baseUrl, status);
    SandboxError e;
    e.httpStatus = status;
    e.serverMessage = serverMessageFrom(body);
    e.retryAfterSeconds = retryAfterSeconds;
    const QString detail = e.serverMessage.isEmpty()
        ? QString()
        : QStringLiteral(" (server said: %1)").arg(e.serverMessage);
    switch (status) {
    case 401:
        e.kind = Kind::BadKey;
        e.message = QStringLiteral("The sandbox server rejected the API key (HTTP 401)%1. Check "
                                   "DAYTONA_API_KEY, or create a new key in the Daytona dashboard.")
                        .arg(detail);
        return e;
    case 403:
        if (subject == Subject::File) {
            e.kind = Kind::AccessDenied;
            e.message = QStringLiteral("The sandbox refused access to this path (HTTP 403)%1.")
                            .arg(detail);
            return e;
        }
        e.kind = Kind::BadKey;
        e.message = QStringLiteral("The API key is not allowed to do this (HTTP 403)%1. Check the "
                                   "key's permissions and organization.")
                        .arg(detail);
        return e;
    case 404:
        e.kind = Kind::NotFound;
        // A toolbox call (a file subject) whose sandbox is gone: Daytona says "Sandbox with ID
        // or name X not found", the local server "sandbox X not found". Telling the agent "no
        // such file" would send it looking for a file in a sandbox that no longer exists.
        if (subject == Subject::File
            && e.serverMessage.contains(
                QRegularExpression(QStringLiteral("\\bsandbox\\b.*\\bnot found\\b"),
                                   QRegularExpression::CaseInsensitiveOption)))
            subject = Subject::Sandbox;
        if (subject == Subject::Sandbox)
            e.message
                = QStringLiteral("This sandbox no longer exists%1. Create a new one.").arg(detail);
        else if (subject == Subject::File)
            e.message = QStringLiteral("No such file or folder in the sandbox%1.").arg(detail);
        else
            e.message = QStringLiteral("Not found (HTTP 404)%1.").arg(detail);
        return e;
    case 408:
        e.kind = Kind::CommandTimedOut;
        e.message = QStringLiteral("The command ran out of time and was stopped (HTTP 408). Raise "
                                   "its timeout or make it faster.");
        return e;
    case 409:
        e.kind = Kind::Conflict;
        e.message = QStringLiteral("Conflict (HTTP 409)%1.").arg(detail);
        return e;
    case 429:
        e.kind = Kind::RateLimited;
        e.message = retryAfterSeconds >= 0
            ? QStringLiteral("Too many requests to the sandbox server (HTTP 429); try "
                             "again in %1 s.")
                  .arg(retryAfterSeconds)
            : QStringLiteral("Too many requests to the sandbox server (HTTP 429); wait "
                             "a moment and try again.");
        return e;
    case 507: // the local server: the sandbox's disk limit
        e.kind = Kind::BadRequest;
        e.message = QStringLiteral("The sandbox's disk is full (HTTP 507)%1.").arg(detail);
        return e;
    default:
        break;
    }
    if (status >= 500) {
        e.kind = Kind::ServerError;
        e.message
            = QStringLiteral("The sandbox server had an internal error (HTTP %1)%2. Try again "
                             "later.")
                  .arg(status)
                  .arg(detail);
    } else {
        e.kind = Kind::BadRequest;
        e.message = QStringLiteral("The sandbox server refused the request (HTTP %1)%2.")
                        .arg(status)
                        .arg(detail);
    }
    return e;
}

QString SandboxError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::BadKey:
        return QStringLiteral("bad-key");
    case Kind::NotFound:
        return QStringLiteral("not-found");
    case Kind::AccessDenied:
        return QStringLiteral("access-denied");
    case Kind::Conflict:
        return QStringLiteral("conflict");
    case Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case Kind::ServerError:
        return QStringLiteral("server-error");
    case Kind::BadRequest:
        return QStringLiteral("bad-request");
    case Kind::WrongBaseUrl:
        return QStringLiteral("wrong-base-url");
    case Kind::CommandTimedOut:
        return QStringLiteral("command-timed-out");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Connection:
        return QStringLiteral("connection");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::Protocol:
        return QStringLiteral("protocol");
    case Kind::Configuration:
        return QStringLiteral("configuration");
    }
    return QString();
}
