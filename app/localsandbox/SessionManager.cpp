// SessionManager: the /process/session routes and log following.
#include "localsandbox/SessionManager.h"

#include "core/Logging.h"
#include "localsandbox/HttpGate.h"
#include "localsandbox/HttpReplies.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxProcess.h"
#include "sandbox/SandboxEnvironment.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QVersionNumber>
#include <QWebSocket>

#include <memory>

namespace {

// How a client wants log output (contract.md §5.4), from its X-Daytona-SDK-Version.
enum class LogForm {
    Json, // >= 0.167.0 or "dev": JSON {output (with markers), stdout, stderr}
    Raw, // [0.27.0, 0.167.0) or split requested: text with markers
    Combined, // older or no version: text, markers stripped
};

LogForm logForm(const QByteArray &version, bool split)
{
    if (version.isEmpty())
        return split ? LogForm::Raw : LogForm::Combined;
    if (version.contains("dev"))
        return LogForm::Json;
    const QVersionNumber v = QVersionNumber::fromString(QString::fromLatin1(version).trimmed());
    if (v >= QVersionNumber(0, 167, 0))
        return LogForm::Json;
    if (v >= QVersionNumber(0, 27, 0))
        return LogForm::Raw;
    return LogForm::Combined;
}

LogForm logForm(const QHttpServerRequest &request)
{
    QByteArray version;
    bool split = false;
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("X-Daytona-SDK-Version", Qt::CaseInsensitive) == 0)
            version = value;
        else if (name.compare("X-Daytona-Split-Output", Qt::CaseInsensitive) == 0)
            split = value.trimmed().toLower() == "true";
    }
    return logForm(version, split);
}

QJsonObject commandJson(const SessionCommand &c)
{
    QJsonObject o{{QLatin1String("id"), c.id}, {QLatin1String("command"), c.command}};
    if (c.done)
        o.insert(QLatin1String("exitCode"), c.exitCode);
    return o;
}

QJsonObject sessionJson(const QString &id, const QList<SessionCommand> &commands)
{
    QJsonArray list;
    for (const SessionCommand &c : commands)
        list.append(commandJson(c));
    return {{QLatin1String("sessionId"), id}, {QLatin1String("commands"), list}};
}

// Writing to a slow reader: past this much unsent, output is skipped (and the gap told).
constexpr qint64 kMaxUnsent = 8 << 20;

void writeChunk(QHttpServerResponder &responder, const QByteArray &data)
{
    if (data.isEmpty())
        return;
    responder.writeBody(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void sendFrames(QWebSocket *socket, const QByteArray &data)
{
    for (qsizetype pos = 0; pos < data.size(); pos += SessionManager::kFrameBytes)
        socket->sendBinaryMessage(data.mid(pos, SessionManager::kFrameBytes));
}

} // namespace

SessionManager::SessionManager(LocalSandboxServer *server)
    : QObject(server)
    , m_server(server)
{
}

SessionManager::~SessionManager()
{
    for (const auto &sessions : std::as_const(m_sessions)) {
        for (SandboxSession *s : sessions)
            s->close(QStringLiteral("the sandbox server stopped"));
    }
}

bool SessionManager::validId(const QString &id)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    return !id.isEmpty() && id.size() <= kMaxIdLength && re.match(id).hasMatch();
}

SandboxSession *SessionManager::session(const QString &sandboxId, const QString &sessionId) const
{
    return m_sessions.value(sandboxId).value(sessionId, nullptr);
}

bool SessionManager::hasLiveProcesses(const QString &sandboxId) const
{
    for (const SandboxSession *s : m_sessions.value(sandboxId)) {
        if (s->busy())
            return true;
    }
    return false;
}

int SessionManager::sessionCount(const QString &sandboxId) const
{
    return int(m_sessions.value(sandboxId).size());
}

void SessionManager::closeSandbox(const QString &sandboxId, const QString &reason)
{
    const QList<SandboxSession *> sessions = m_sessions.value(sandboxId).values();
    for (SandboxSession *s : sessions)
        remove(s, reason.isEmpty() ? QStringLiteral("the sandbox stopped") : reason);
}

void SessionManager::remove(SandboxSession *session, const QString &reason)
{
    auto it = m_sessions.find(session->sandboxId());
    if (it != m_sessions.end()) {
        it->remove(session->id());
        if (it->isEmpty())
            m_sessions.erase(it);
    }
    // Gone from the routes now; the object stays until its shell has ended, so waiting
    // requests and followers hear how their commands ended.
    if (session->isEnded())
        session->deleteLater();
    else
        connect(session, &SandboxSession::ended, session, &QObject::deleteLater);
    session->close(reason);
}

void SessionManager::handle(const QHttpServerRequest &request, LocalSandboxRecord &record,
                            const QString &daemonPath, QHttpServerResponder &&responder)
{
    using M = QHttpServerRequest::Method;
    const QString fullPath = request.url().path();
    const QByteArray method = HttpReplies::methodName(request.method());
    const QStringList s = daemonPath.split(QLatin1Char('/'), Qt::SkipEmptyParts).mid(2);
    const QString sandboxId = record.sandbox.id;
    const auto notFound = [&](const QString &what) {
        HttpReplies::toolboxError(responder, 404, fullPath, method,
                                  QStringLiteral("not found: %1 not found").arg(what));
    };
    if (s.isEmpty()) {
        if (request.method() == M::Post) {
            create(request, record, responder);
            return;
        }
        if (request.method() == M::Get) {
            QJsonArray list;
            for (const SandboxSession *session : m_sessions.value(sandboxId))
                list.append(sessionJson(session->id(), session->commands()));
            HttpReplies::json(responder, 200, QJsonDocument(list));
            return;
        }
        HttpReplies::toolboxError(responder, 405, fullPath, method,
                                  QStringLiteral("method not allowed"));
        return;
    }
    // The entrypoint session: a local sandbox has no entrypoint, so it is always empty.
    if (s.value(0) == QLatin1String("entrypoint") && request.method() == M::Get) {
        if (s.size() == 1)
            HttpReplies::json(responder, 200,
                              QJsonDocument(sessionJson(QStringLiteral("entrypoint"), {})));
        else if (s.size() == 2 && s.value(1) == QLatin1String("logs"))
            HttpReplies::raw(responder, 200, QByteArray(),
                             {{"Content-Type", "text/plain; charset=utf-8"}});
        else
            notFound(QStringLiteral("route"));
        return;
    }
    SandboxSession *session = validId(s.value(0)) ? this->session(sandboxId, s.value(0)) : nullptr;
    if (s.size() == 2 && s.value(1) == QLatin1String("exec") && request.method() == M::Post) {
        if (!session) {
            // Daytona's daemon wraps this error, so it bypasses the 404 mapping (§5.3).
            HttpReplies::toolboxError(
                responder, 500, fullPath, method,
                QStringLiteral("failed to execute command: not found: session not found"));
            return;
        }
        execute(request, session, std::move(responder));
        return;
    }
    if (!session) {
        notFound(QStringLiteral("session"));
        return;
    }
    if (s.size() == 1) {
        if (request.method() == M::Get) {
            HttpReplies::json(responder, 200,
                              QJsonDocument(sessionJson(session->id(), session->commands())));
        } else if (request.method() == M::Delete) {
            remove(session, QStringLiteral("the session was deleted"));
            HttpReplies::empty(responder, 204);
        } else {
            HttpReplies::toolboxError(responder, 405, fullPath, method,
                                      QStringLiteral("method not allowed"));
        }
        return;
    }
    if (s.value(1) != QLatin1String("command") || s.size() < 3 || s.size() > 4) {
        notFound(QStringLiteral("route"));
        return;
    }
    const SessionCommand *command = validId(s.value(2)) ? session->command(s.value(2)) : nullptr;
    if (!command) {
        notFound(QStringLiteral("command"));
        return;
    }
    if (s.size() == 3 && request.method() == M::Get) {
        HttpReplies::json(responder, 200, QJsonDocument(commandJson(*command)));
        return;
    }
    if (s.value(3) == QLatin1String("logs") && request.method() == M::Get) {
        logs(request, session, *command, std::move(responder));
        return;
    }
    if (s.value(3) == QLatin1String("input") && request.method() == M::Post) {
        const QJsonDocument doc = QJsonDocument::fromJson(request.body());
        const QJsonValue data = doc.object().value(QLatin1String("data"));
        if (!data.isString()) {
            HttpReplies::toolboxError(responder, 400, fullPath, method,
                                      QStringLiteral("bad request: data (a string) is required"));
            return;
        }
        if (command->done) {
            HttpReplies::toolboxError(
                responder, 400, fullPath, method,
                QStringLiteral("bad request: command %1 is not running").arg(command->id));
            return;
        }
        QString error;
        if (!session->input(data.toString().toUtf8(), &error)) {
            HttpReplies::toolboxError(responder, 400, fullPath, method,
                                      QStringLiteral("bad request: %1").arg(error));
            return;
        }
        HttpReplies::empty(responder, 204);
        return;
    }
    notFound(QStringLiteral("route"));
}

void SessionManager::create(const QHttpServerRequest &request, LocalSandboxRecord &record,
                            QHttpServerResponder &responder)
{
    const QString fullPath = request.url().path();
    const QJsonDocument doc = QJsonDocument::fromJson(request.body());
    const QString id = doc.object().value(QLatin1String("sessionId")).toString();
    const QString sandboxId = record.sandbox.id;
    if (id.isEmpty()) {
        HttpReplies::toolboxError(responder, 400, fullPath, "POST",
                                  QStringLiteral("bad request: sessionId is required"));
        return;
    }
    if (id == QLatin1String("entrypoint")) {
        HttpReplies::toolboxError(
            responder, 400, fullPath, "POST",
            QStringLiteral("bad request: session id entrypoint is reserved; choose another"));
        return;
    }
    if (!validId(id)) {
        HttpReplies::toolboxError(
            responder, 400, fullPath, "POST",
            QStringLiteral("bad request: invalid session id; use at most %1 letters, digits, "
                           "'.', '_' and '-', starting with a letter or digit")
                .arg(kMaxIdLength));
        return;
    }
    if (session(sandboxId, id)) {
        HttpReplies::toolboxError(responder, 409, fullPath, "POST",
                                  QStringLiteral("conflict: session already exists"));
        return;
    }
    if (sessionCount(sandboxId) >= kMaxSessionsPerSandbox) {
        HttpReplies::toolboxError(
            responder, 429, fullPath, "POST",
            QStringLiteral("too many sessions: sandbox %1 has %2 sessions, the most the local "
                           "sandbox allows; delete one (DELETE /process/session/{id}) first")
                .arg(sandboxId)
                .arg(kMaxSessionsPerSandbox));
        return;
    }
    // The same containment as /process/execute (ToolboxService::runCommand).
    SandboxRunSpec spec;
    spec.homeDir = m_server->registry().homeDir(sandboxId);
    spec.network = record.network;
    spec.sandboxId = sandboxId;
    spec.runAsUid = m_server->runAsUid();
    spec.runAsGid = m_server->runAsGid();
    spec.architecture = m_server->options().architecture;
    for (auto it = record.sandbox.env.cbegin(); it != record.sandbox.env.cend(); ++it) {
        if (!SandboxEnvironment::isUnsafeName(it.key()))
            spec.env.insert(it.key(), it.value());
    }
    m_server->limits().prepare(record, &spec);
    const QString cgroupDir = spec.cgroupDir;
    auto *session = new SandboxSession(sandboxId, id, spec, m_server->options().outputCap, this);
    m_sessions[sandboxId].insert(id, session);
    LocalSandboxServer *server = m_server;
    connect(session, &SandboxSession::commandFinished, this, [server, sandboxId] {
        server->noteActivity(sandboxId); // idle time counts from the end
        server->limits().measure(sandboxId);
    });
    // A shell that exited on its own (`exit` in a command) stays listed until deleted.
    connect(session, &SandboxSession::ended, this,
            [server, sandboxId, cgroupDir] { server->limits().finished(sandboxId, cgroupDir); });
    qCInfo(lcLocalSandbox).noquote() << "session" << id << "created in sandbox" << sandboxId;
    HttpReplies::empty(responder, 201);
}

void SessionManager::execute(const QHttpServerRequest &request, SandboxSession *session,
                             QHttpServerResponder &&responder)
{
    const QString fullPath = request.url().path();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
    if (!doc.isObject()) {
        HttpReplies::toolboxError(
            responder, 400, fullPath, "POST",
            QStringLiteral("bad request: invalid request body: %1").arg(parseError.errorString()));
        return;
    }
    const QJsonObject body = doc.object();
    const QString command = body.value(QLatin1String("command")).toString();
    if (command.trimmed().isEmpty()) {
        HttpReplies::toolboxError(responder, 400, fullPath, "POST",
                                  QStringLiteral("bad request: command is required"));
        return;
    }
    if (command.size() > kMaxCommandBytes) {
        HttpReplies::toolboxError(
            responder, 400, fullPath, "POST",
            QStringLiteral("bad request: the command is longer than %1 bytes; put it in a file "
                           "and run the file")
                .arg(kMaxCommandBytes));
        return;
    }
    const bool async = body.value(QLatin1String("runAsync")).toBool(false)
        || body.value(QLatin1String("async")).toBool(false);
    QString error;
    const QString cmdId = session->execute(command, &error);
    if (cmdId.isEmpty()) {
        HttpReplies::toolboxError(responder, 400, fullPath, "POST",
                                  QStringLiteral("bad request: %1").arg(error));
        return;
    }
    m_server->limits().watchRunning(); // a command filling the disk is stopped
    if (async) {
        HttpReplies::json(responder, 202,
                          QJsonDocument(QJsonObject{{QLatin1String("cmdId"), cmdId}}));
        return;
    }
    const LogForm form = logForm(request);
    auto pending = std::make_shared<PendingResponse>(std::move(responder));
    auto *waiter = new QObject(session);
    connect(session, &SandboxSession::commandFinished, waiter,
            [session, waiter, pending, cmdId, form](const QString &finished) {
                if (finished != cmdId)
                    return;
                waiter->deleteLater();
                const SessionCommand *c = session->command(cmdId);
                QHttpServerResponder *r = pending->responder();
                if (!c || !r)
                    return;
                QJsonObject o{{QLatin1String("cmdId"), cmdId},
                              {QLatin1String("exitCode"), c->exitCode},
                              {QLatin1String("output"),
                               QString::fromUtf8(c->output(form != LogForm::Combined))}};
                if (form == LogForm::Json) {
                    o.insert(QLatin1String("stdout"), QString::fromUtf8(c->stream(1)));
                    o.insert(QLatin1String("stderr"), QString::fromUtf8(c->stream(2)));
                }
                HttpReplies::json(*r, 200, QJsonDocument(o));
            });
}

void SessionManager::logs(const QHttpServerRequest &request, SandboxSession *session,
                          const SessionCommand &command, QHttpServerResponder &&responder)
{
    const LogForm form = logForm(request);
    const bool follow
        = HttpReplies::queryValue(request.url(), QStringLiteral("follow")) == QLatin1String("true");
    if (!follow) {
        if (form == LogForm::Json) {
            HttpReplies::json(
                responder, 200,
                QJsonDocument(
                    QJsonObject{{QLatin1String("output"), QString::fromUtf8(command.output(true))},
                                {QLatin1String("stdout"), QString::fromUtf8(command.stream(1))},
                                {QLatin1String("stderr"), QString::fromUtf8(command.stream(2))}}));
        } else {
            HttpReplies::raw(responder, 200, command.output(form == LogForm::Raw),
                             {{"Content-Type", "text/plain; charset=utf-8"}});
        }
        return;
    }
    // Plain HTTP with follow=true: what Daytona's runner gives, a chunked stream of the
    // combined output that ends when the command ends.
    auto pending = std::make_shared<PendingResponse>(std::move(responder));
    QHttpServerResponder *r = pending->responder();
    QTcpSocket *socket = pending->socket();
    if (!r || !socket)
        return;
    r->writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    r->writeHeader("Content-Type", "application/octet-stream");
    r->writeHeader("Transfer-Encoding", "chunked");
    r->writeHeader("Cache-Control", "no-cache");
    r->writeBody("", 0);
    writeChunk(*r, command.output(false));
    const QString cmdId = command.id;
    const auto finish = [pending, socket] {
        if (QHttpServerResponder *r = pending->responder()) {
            r->writeBody("0\r\n\r\n");
            HttpGate::responded(socket);
        }
    };
    if (command.done) {
        finish();
        return;
    }
    auto *stream = new QObject(session);
    connect(socket, &QAbstractSocket::disconnected, stream, &QObject::deleteLater);
    auto skipped = std::make_shared<qint64>(0);
    connect(session, &SandboxSession::commandOutput, stream,
            [pending, socket, cmdId, skipped](const QString &id, const SessionChunk &chunk) {
                QHttpServerResponder *r = pending->responder();
                if (id != cmdId || !r)
                    return;
                if (socket->bytesToWrite() > kMaxUnsent) {
                    *skipped += chunk.bytes.size();
                    return;
                }
                if (*skipped > 0) {
                    writeChunk(*r,
                               "\n[" + QByteArray::number(*skipped)
                                   + " bytes skipped: the reader was too slow]\n");
                    *skipped = 0;
                }
                writeChunk(*r, chunk.bytes);
            });
    connect(session, &SandboxSession::commandFinished, stream,
            [stream, cmdId, finish](const QString &id) {
                if (id != cmdId)
                    return;
                finish();
                stream->deleteLater();
            });
}

void SessionManager::follow(QWebSocket *socket, const QString &sandboxId, const QString &daemonPath)
{
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    const QStringList s = daemonPath.split(QLatin1Char('/'), Qt::SkipEmptyParts).mid(2);
    SandboxSession *session = s.size() == 4 && s.value(1) == QLatin1String("command")
            && s.value(3) == QLatin1String("logs") && validId(s.value(0))
        ? this->session(sandboxId, s.value(0))
        : nullptr;
    const SessionCommand *command
        = session && validId(s.value(2)) ? session->command(s.value(2)) : nullptr;
    if (!command) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                      session ? QStringLiteral("not found: command not found")
                              : QStringLiteral("not found: session not found"));
        return;
    }
    // Markers only for a client that says its version (in a header, or as the browser's
    // subprotocol "X-Daytona-SDK-Version~<ver>"); otherwise combined, as §5.4 says.
    QByteArray version = socket->request().rawHeader("X-Daytona-SDK-Version");
    if (version.isEmpty()) {
        const QByteArray protocols = socket->request().rawHeader("Sec-WebSocket-Protocol");
        for (const QByteArray &p : protocols.split(',')) {
            if (p.trimmed().startsWith("X-Daytona-SDK-Version~"))
                version = p.trimmed().mid(int(qstrlen("X-Daytona-SDK-Version~")));
        }
    }
    const bool markers = logForm(version, false) != LogForm::Combined;
    const QByteArray first = command->output(markers);
    sendFrames(socket, first);
    if (command->done) {
        socket->close(QWebSocketProtocol::CloseCodeNormal);
        return;
    }
    auto last = std::make_shared<int>(command->log.isEmpty() ? (command->dropped ? 1 : 0)
                                                             : command->log.last().stream);
    auto skipped = std::make_shared<qint64>(0);
    const QString cmdId = command->id;
    connect(session, &SandboxSession::commandOutput, socket,
            [socket, cmdId, markers, last, skipped](const QString &id, const SessionChunk &c) {
                if (id != cmdId)
                    return;
                if (socket->bytesToWrite() > kMaxUnsent) {
                    *skipped += c.bytes.size();
                    return;
                }
                QByteArray data;
                if (*skipped > 0) {
                    if (markers)
                        data += "\x01\x01\x01";
                    data += "\n[" + QByteArray::number(*skipped)
                        + " bytes skipped: the reader was too slow]\n";
                    *last = 1;
                    *skipped = 0;
                }
                if (markers && c.stream != *last)
                    data += c.stream == 2 ? "\x02\x02\x02" : "\x01\x01\x01";
                *last = c.stream;
                data += c.bytes;
                sendFrames(socket, data);
            });
    connect(session, &SandboxSession::commandFinished, socket, [socket, cmdId](const QString &id) {
        if (id == cmdId)
            socket->close(QWebSocketProtocol::CloseCodeNormal);
    });
}
