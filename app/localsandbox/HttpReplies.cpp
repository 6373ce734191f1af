// HttpReplies: status lines, JSON bodies and Daytona-shaped errors.
#include "localsandbox/HttpReplies.h"

#include "localsandbox/HttpGate.h"

#include <QDateTime>
#include <QJsonObject>

namespace HttpReplies {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 507:
        return "Insufficient Storage";
    default:
        return "Error";
    }
}

QStringList queryValues(const QUrl &url, const QString &key)
{
    QStringList values;
    const QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
    for (QByteArray pair : query.split('&')) {
        if (pair.isEmpty())
            continue;
        pair.replace('+', ' ');
        const qsizetype eq = pair.indexOf('=');
        const QString name = QUrl::fromPercentEncoding(eq < 0 ? pair : pair.left(eq));
        if (name == key)
            values.append(eq < 0 ? QString() : QUrl::fromPercentEncoding(pair.mid(eq + 1)));
    }
    return values;
}

QString queryValue(const QUrl &url, const QString &key)
{
    return queryValues(url, key).value(0);
}

QString timestampNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

void raw(QHttpServerResponder &responder, int status, const QByteArray &body,
         const Headers &headers)
{
    // What QHttpServerResponder::write(data, headers, status) does, with a list built at
    // run time.
    responder.writeStatusLine(QHttpServerResponder::StatusCode(status));
    for (const auto &[name, value] : headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeBody(body);
    // Every answer goes through here: the connection's idle time starts now.
    HttpGate::responded(responder.socket());
}

void json(QHttpServerResponder &responder, int status, const QJsonDocument &document)
{
    raw(responder, status, document.toJson(QJsonDocument::Compact),
        {{"Content-Type", "application/json; charset=utf-8"}});
}

void empty(QHttpServerResponder &responder, int status)
{
    raw(responder, status, QByteArray(), {});
}

QByteArray apiErrorBody(int status, const QString &path, const QString &message)
{
    return QJsonDocument(
               QJsonObject{{QLatin1String("path"), path},
                           {QLatin1String("timestamp"), timestampNow()},
                           {QLatin1String("statusCode"), status},
                           {QLatin1String("error"), QString::fromLatin1(reasonPhrase(status))},
                           {QLatin1String("message"), message}})
        .toJson(QJsonDocument::Compact);
}

void apiError(QHttpServerResponder &responder, int status, const QString &path,
              const QString &message)
{
    raw(responder, status, apiErrorBody(status, path, message),
        {{"Content-Type", "application/json; charset=utf-8"}});
}

QByteArray toolboxErrorBody(int status, const QString &path, const QByteArray &method,
                            const QString &message)
{
    QByteArray code = reasonPhrase(status).toUpper().replace(' ', '_');
    if (status == 408)
        code = "REQUEST_TIMEOUT";
    return QJsonDocument(QJsonObject{{QLatin1String("statusCode"), status},
                                     {QLatin1String("message"), message},
                                     {QLatin1String("code"), QString::fromLatin1(code)},
                                     {QLatin1String("timestamp"), timestampNow()},
                                     {QLatin1String("path"), path},
                                     {QLatin1String("method"), QString::fromLatin1(method)}})
        .toJson(QJsonDocument::Compact);
}

void toolboxError(QHttpServerResponder &responder, int status, const QString &path,
                  const QByteArray &method, const QString &message)
{
    raw(responder, status, toolboxErrorBody(status, path, method, message),
        {{"Content-Type", "application/json; charset=utf-8"}});
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return "GET";
    case M::Post:
        return "POST";
    case M::Put:
        return "PUT";
    case M::Delete:
        return "DELETE";
    default:
        return "OTHER";
    }
}

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &[key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

} // namespace HttpReplies
