// Writing answers the way Daytona's servers do: main-API errors {path, timestamp, statusCode,
// error, message} (NestJS) and toolbox errors {statusCode, message, code, timestamp, path,
// method} (the Go daemon), contract.md §6. Also the async-responder guard for slow answers.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QPointer>
#include <QString>
#include <QTcpSocket>
#include <QUrl>

#include <QHttpServerRequest>
#include <QHttpServerResponder>

#include <memory>

namespace HttpReplies {

// Every answer is written through raw (it tells the connection's HttpGate).
using Headers = QList<std::pair<QByteArray, QByteArray>>;
void raw(QHttpServerResponder &responder, int status, const QByteArray &body,
         const Headers &headers);
void json(QHttpServerResponder &responder, int status, const QJsonDocument &document);
void empty(QHttpServerResponder &responder, int status);
void apiError(QHttpServerResponder &responder, int status, const QString &path,
              const QString &message);
QByteArray apiErrorBody(int status, const QString &path, const QString &message);
void toolboxError(QHttpServerResponder &responder, int status, const QString &path,
                  const QByteArray &method, const QString &message);
QByteArray toolboxErrorBody(int status, const QString &path, const QByteArray &method,
                            const QString &message);
QByteArray reasonPhrase(int status);
// "GET", "POST", ... as toolbox errors name the method.
QByteArray methodName(QHttpServerRequest::Method method);
// A request header's value, its name matched without regard to case; empty if absent.
QByteArray header(const QHttpServerRequest &request, const QByteArray &name);
// Query values decoded as Go's url.ParseQuery and Node's qs do: '+' is a space, "%2B" a plus
// (Python's requests encodes spaces as '+'). Repeated keys give several values.
QStringList queryValues(const QUrl &url, const QString &key);
QString queryValue(const QUrl &url, const QString &key);
QString timestampNow();

} // namespace HttpReplies

// Holds a responder until a slow answer (a command) is ready; writes nothing if the client has
// gone away in the meantime.
class PendingResponse final
{
public:
    explicit PendingResponse(QHttpServerResponder &&responder)
        : m_responder(std::move(responder))
        , m_socket(m_responder.socket())
    {
    }
    bool clientGone() const
    {
        return !m_socket || m_socket->state() != QAbstractSocket::ConnectedState;
    }
    QHttpServerResponder *responder() { return clientGone() ? nullptr : &m_responder; }
    QTcpSocket *socket() const { return m_socket; }

private:
    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
};
