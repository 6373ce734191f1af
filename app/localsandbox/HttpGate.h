// One connection's gate in front of QHttpServer: it looks at every request head on the
// connection (not only the first: keep-alive connections carry several) before QHttpServer may
// act on it, and refuses it itself (401 without the token, 413 over the body cap, 431, 400,
// 408 when the head or body is too slow) before any body is read. Chunked bodies are followed
// chunk by chunk, so the cap holds for them too.
//
// How it sees each head: the gate connects to the socket's readyRead before QHttpServer does,
// so on every readyRead it runs first and peeks (never consumes) at the bytes that arrived
// since it last looked; a second slot, connected after QHttpServer's, notes how many bytes
// QHttpServer left unread. The gate follows the request framing itself (head up to the blank
// line, then Content-Length bytes of body), so it knows where each head starts. QHttpServer
// cannot complete a request whose head the gate has not seen whole, since the gate sees every
// byte first; on a refusal the gate disconnects QHttpServer from the socket before it reads.
//
// A WebSocket upgrade on a fresh connection never reaches QHttpServer: once its head passed
// (token included, except for the SDK's event socket, which authenticates inside), the socket
// goes to the server's WebSocket handler with the head unread, and the gate only counts it.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

class GatedTcpServer;

class HttpGate final : public QObject
{
    Q_OBJECT
public:
    // Becomes the socket's child; the first head must arrive within the head timeout.
    HttpGate(QTcpSocket *socket, GatedTcpServer *server);

    // A response was written on this socket (HttpReplies calls this): idle time starts when
    // no request is left unanswered.
    static void responded(QTcpSocket *socket);

    // Whether closing this connection loses nothing: no request under way or unanswered.
    bool evictable() const;
    bool closing() const { return m_phase == Phase::Closing; }
    bool upgraded() const { return m_phase == Phase::Upgraded; }
    bool inPartialHead() const { return m_phase == Phase::Head && !m_head.isEmpty(); }
    void evict();

private:
    // Upgraded: a WebSocket now owns the connection; the gate only counts it.
    enum class Phase { Head, Body, Closing, Upgraded };
    enum class ChunkState { SizeLine, Data, DataEnd, LastLine };

    void beforeHttpServer();
    void afterHttpServer();
    // Follows the framing over bytes just arrived; false when the connection was refused.
    bool examine(const char *data, qint64 size);
    bool headComplete(const QByteArray &head);
    // One step through a chunked body; false when the connection was refused.
    bool chunkStep(const char *data, qint64 size, qint64 *i);
    void requestComplete();
    void refuse(int status, const QString &message);
    void startLingering();
    void onTimeout();
    void armIdle();

    QTcpSocket *m_socket;
    QPointer<GatedTcpServer> m_server;
    QTimer m_timer;
    int m_timerKind = 0; // what m_timer is timing (HttpGate.cpp's TimerKind)
    Phase m_phase = Phase::Head;
    QByteArray m_head; // the current head so far
    QByteArray m_path; // of the current head, for error bodies
    qint64 m_bodyLeft = 0; // of the body, or of the current chunk
    qint64 m_bodyTotal = 0; // chunked: data bytes so far
    bool m_chunked = false;
    ChunkState m_chunkState = ChunkState::SizeLine;
    QByteArray m_line; // chunked: the current size or CRLF line
    qint64 m_examined = 0; // bytes of the socket's buffer already looked at
    int m_inFlight = 0; // requests passed to QHttpServer and not yet answered
    bool m_handedOver = false;
};
