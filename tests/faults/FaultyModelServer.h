// A model provider (OpenAI- or Anthropic-shaped) on 127.0.0.1 that misbehaves at the byte level
// for fault tests: it records every request and answers each with a scripted Fault (a status
// storm, a stream cut or reset after N body bytes, a stall, raw malformed bytes, a stream that
// goes out in tiny pieces). Built on QTcpServer so nothing between it and the client tidies up
// its mistakes; the client, engine and store under test are the real ones.
#pragma once

#include "../app/llm/FakeLlmServer.h" // RecordedRequest

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

struct Fault
{
    int status = 200;
    QByteArray contentType = "text/event-stream; charset=utf-8";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // Body bytes per write (0: all at once); the pieces go out on separate event-loop turns.
    int pieceSize = 0;
    int pieceDelayMs = 0; // between pieces
    qsizetype firstPiece = 0; // when > 0, the size of the first piece
    // After this many body bytes: close the connection (FIN) or reset it (RST).
    qsizetype cutAfter = -1;
    bool reset = false;
    // After this many body bytes: send nothing more and keep the socket open.
    qsizetype stallAfter = -1;
    // Never send the status line.
    bool noHeaders = false;

    static Fault stream(const QByteArray &body)
    {
        Fault f;
        f.body = body;
        return f;
    }
    static Fault http(int code, const QByteArray &jsonBody,
                      QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        Fault f;
        f.status = code;
        f.contentType = "application/json";
        f.body = jsonBody;
        f.headers = std::move(headers);
        return f;
    }
};

class FaultyModelServer final : public QObject
{
    Q_OBJECT

public:
    // Decides the answer to the n-th agent request (0-based; title requests are answered
    // apart and not counted).
    using Script = std::function<Fault(int n, const RecordedRequest &request)>;

    explicit FaultyModelServer(QObject *parent = nullptr);
    ~FaultyModelServer() override;

    bool listen();
    QUrl openAiBaseUrl() const; // http://127.0.0.1:<port>/v1
    QUrl anthropicBaseUrl() const; // http://127.0.0.1:<port>
    void setScript(Script script) { m_script = std::move(script); }
    // The title requests (no tools) get this plain JSON answer.
    void setTitleAnswer(const Fault &fault) { m_title = fault; }

    const QList<RecordedRequest> &requests() const { return m_requests; }
    // Requests of the agent loop only (the ones that offer tools).
    QList<RecordedRequest> agentRequests() const;
    int openConnections() const;

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Fault &fault);
    void sendPieces(QPointer<QTcpSocket> socket, Fault fault, qsizetype sent);

    QTcpServer m_server;
    Script m_script;
    Fault m_title;
    int m_agentRequests = 0;
    QList<RecordedRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
