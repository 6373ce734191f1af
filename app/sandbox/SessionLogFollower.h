// Follows one asynchronous session command (contract.md §5.3/§5.4): its output as it comes,
// split into stdout and stderr, and its exit code at the end. It streams the log over the
// WebSocket the SDKs use (`…/logs?follow=true`, binary frames with the markers); where that
// cannot be opened or breaks off (a proxy that does not pass WebSockets), it asks the command's
// status and its whole log every interval and passes on only the bytes it had not seen. Markers
// may be cut between two frames or answers, which SessionLogDemuxer holds.
#pragma once

#include "sandbox/DaytonaCall.h"
#include "sandbox/SandboxTypes.h"
#include "sandbox/SessionLogDemuxer.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class DaytonaClient;
class QWebSocket;

struct SessionCommandEnd
{
    std::optional<int> exitCode; // set when the command ended by itself
    SandboxError error; // the session or sandbox went away, or the server failed
};
Q_DECLARE_METATYPE(SessionCommandEnd)

class SessionLogFollower final : public QObject
{
    Q_OBJECT
public:
    SessionLogFollower(DaytonaClient *client, const Sandbox &sandbox, const QString &sessionId,
                       const QString &commandId, int intervalMs = 250);

    QString sessionId() const { return m_sessionId; }
    QString commandId() const { return m_commandId; }
    // Whether the output currently comes over an open WebSocket (false: polling, or opening).
    bool isStreaming() const;
    // Polling only (tests of the fallback).
    void setStreamingAllowed(bool allowed) { m_streamingAllowed = allowed; }
    // Asks at once rather than at the next interval (a reader wants the latest output).
    void poke();
    // Stops following; finished() is not emitted. The command itself keeps running.
    void cancel();

signals:
    void output(SessionLogDemuxer::Stream stream, const QByteArray &data);
    // Emitted once, after the last output; the follower deletes itself afterwards.
    void finished(const SessionCommandEnd &end);

private:
    void begin();
    bool openStream();
    void streamData(const QByteArray &data);
    void streamClosed();
    void tick();
    void readLog(bool exited, std::optional<int> exitCode);
    void failed(const DaytonaResult &result);
    // The bytes of this answer's log that the last answers did not have.
    QByteArray newPart(const QByteArray &log);
    static constexpr qsizetype kTailBytes = 256;
    void end(const SessionCommandEnd &end);

    QPointer<DaytonaClient> m_client;
    Sandbox m_sandbox;
    QString m_sessionId;
    QString m_commandId;
    SessionLogDemuxer m_demuxer;
    qsizetype m_position = 0; // bytes of the last answer's log passed on
    QByteArray m_tail; // its last bytes, to find the place again when the head was dropped
    QTimer m_timer;
    QPointer<DaytonaCall> m_inFlight;
    QWebSocket *m_socket = nullptr;
    QTimer m_connectTimeout;
    bool m_streamingAllowed = true;
    int m_failures = 0;
    bool m_done = false;
};
