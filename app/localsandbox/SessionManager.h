// The session routes of the local server's toolbox (contract.md §5.3/§5.4): create/get/list/
// delete sessions, exec (sync and async), command status, logs (whole, followed as a chunked
// HTTP stream, or over a WebSocket with Daytona's binary frames) and stdin input. Owns every
// session of every sandbox; sessions end with their sandbox (stop/delete) and with the server.
#pragma once

#include "localsandbox/SandboxSession.h"

#include <QHash>
#include <QObject>
#include <QString>

class LocalSandboxServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QWebSocket;
struct LocalSandboxRecord;

class SessionManager final : public QObject
{
    Q_OBJECT
public:
    // Sessions one sandbox may have at once (more: 429 with what to do).
    static constexpr int kMaxSessionsPerSandbox = 16;
    // A session or command id: Daytona takes any string; here it must be a sane name.
    static constexpr int kMaxIdLength = 128;
    // The largest command text taken (it travels through the shell's stdin).
    static constexpr qint64 kMaxCommandBytes = 1 << 20;
    static constexpr int kFrameBytes = 1024; // WebSocket frames of log bytes, as Daytona's

    explicit SessionManager(LocalSandboxServer *server);
    ~SessionManager() override;

    // daemonPath starts with /process/session.
    void handle(const QHttpServerRequest &request, LocalSandboxRecord &record,
                const QString &daemonPath, QHttpServerResponder &&responder);
    // A WebSocket opened on .../process/session/{sid}/command/{cid}/logs?follow=true (already
    // authorized by the gate): streams the command's log and closes when it has ended.
    void follow(QWebSocket *socket, const QString &sandboxId, const QString &daemonPath);

    // Whether a command is running (or waiting) in one of the sandbox's sessions: such a
    // sandbox is not idle (auto-stop).
    bool hasLiveProcesses(const QString &sandboxId) const;
    int sessionCount(const QString &sandboxId) const;
    // Kills every session of the sandbox (stop, delete); the reason ends their commands.
    void closeSandbox(const QString &sandboxId, const QString &reason);

    static bool validId(const QString &id);

private:
    SandboxSession *session(const QString &sandboxId, const QString &sessionId) const;
    void create(const QHttpServerRequest &request, LocalSandboxRecord &record,
                QHttpServerResponder &responder);
    void execute(const QHttpServerRequest &request, SandboxSession *session,
                 QHttpServerResponder &&responder);
    void logs(const QHttpServerRequest &request, SandboxSession *session,
              const SessionCommand &command, QHttpServerResponder &&responder);
    void remove(SandboxSession *session, const QString &reason);

    LocalSandboxServer *m_server;
    // sandbox id -> session id -> session (children of this object)
    QHash<QString, QHash<QString, SandboxSession *>> m_sessions;
};
