// A local HTTP/1.1 server on 127.0.0.1 that plays a model provider in tests: it records each
// request and answers with scripted responses, sending the recorded fixture bytes whole, in
// random chunks or byte by byte, and can stall, reset the connection mid-stream or delay its
// headers. Only the network edge is fake; the client code under test is the real one.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>
#include <optional>

struct FakeResponse
{
    int status = 200;
    QByteArray contentType = "text/event-stream; charset=utf-8";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int chunkMode = 0; // 0 whole, 1 byte by byte, > 1 random chunk sizes with this seed
    int chunkDelayMs = 0; // between chunks
    qsizetype stallAfter = -1; // stop sending after this many body bytes, keep the socket open
    qsizetype resetAfter = -1; // reset the connection after this many body bytes
    int headerDelayMs = 0; // before the status line (-1: never answer)

    static FakeResponse stream(const QByteArray &body, int chunkMode = 0);
    static FakeResponse json(int status, const QByteArray &body);
};

struct RecordedRequest
{
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QJsonObject json() const;
};

// Takes one complete HTTP/1.1 request off the front of a connection's buffer (shared by the
// local fake servers); std::nullopt, and the buffer untouched, until all of it has arrived.
std::optional<RecordedRequest> takeHttpRequest(QByteArray &buffer);

class FakeLlmServer final : public QObject
{
    Q_OBJECT

public:
    explicit FakeLlmServer(QObject *parent = nullptr);
    ~FakeLlmServer() override;

    bool listen();
    // http://127.0.0.1:<port>/v1
    QUrl baseUrl() const;
    // Answers are taken in order; when none is queued, the last one is repeated.
    void enqueue(const FakeResponse &response);
    // For GET /models etc.: answers by path before the queue.
    void setRoute(const QByteArray &path, const FakeResponse &response);
    const QList<RecordedRequest> &requests() const { return m_requests; }
    int openConnections() const;

signals:
    void requestReceived();

private:
    struct Connection
    {
        QPointer<QTcpSocket> socket;
        QByteArray buffer;
        bool answered = false;
    };
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const FakeResponse &response);
    void sendBody(QTcpSocket *socket, const FakeResponse &response, QList<QByteArray> chunks,
                  qsizetype index, qsizetype sent);

    QTcpServer m_server;
    QList<FakeResponse> m_queue;
    FakeResponse m_last
        = FakeResponse::json(500, R"({"error":{"message":"no scripted response"}})");
    QHash<QByteArray, FakeResponse> m_routes;
    QList<RecordedRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
