// A Daytona-shaped API on 127.0.0.1 that fails on purpose: it stands in front of a real
// Daytona-contract server (the app's own LocalSandboxServer, so sandboxes really exist and
// commands really run) and, request by request, forwards, answers with an error of Daytona's
// shape (401, 404, 409, 429, 5xx, an HTML page), loses the answer after the work was done,
// never answers, or cuts the body short. Sandbox DTOs are rewritten so toolbox calls come
// through it too. Every request is recorded.
#pragma once

#include "../app/llm/FakeLlmServer.h" // RecordedRequest

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

struct DaytonaFault
{
    enum class Kind {
        Pass, // forward and relay the answer
        Respond, // answer with status/body without forwarding
        LoseAnswer, // forward (the work is done), then answer with status/body instead
        Hang, // never answer; keep the connection open
        Truncate, // forward, then send the headers and only part of the body, and close
    };
    Kind kind = Kind::Pass;
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json; charset=utf-8";
    QList<QPair<QByteArray, QByteArray>> headers;
    double keep = 0.5; // Truncate: the share of the body that is sent

    static DaytonaFault pass() { return {}; }
    // A NestJS error body as Daytona sends it.
    static DaytonaFault error(Kind kind, int status, const QString &message,
                              QList<QPair<QByteArray, QByteArray>> headers = {});
    static DaytonaFault html(int status);
    static DaytonaFault hang()
    {
        DaytonaFault f;
        f.kind = Kind::Hang;
        return f;
    }
    static DaytonaFault truncate(double keep)
    {
        DaytonaFault f;
        f.kind = Kind::Truncate;
        f.keep = keep;
        return f;
    }
};

class FaultyDaytonaServer final : public QObject
{
    Q_OBJECT

public:
    using Rule = std::function<DaytonaFault(const RecordedRequest &request)>;

    // `upstream`: the real server's base, e.g. http://127.0.0.1:1234 (no /api).
    explicit FaultyDaytonaServer(const QUrl &upstream, QObject *parent = nullptr);
    ~FaultyDaytonaServer() override;

    bool listen();
    QUrl apiUrl() const; // http://127.0.0.1:<port>/api  (DAYTONA_API_URL)
    void setRule(Rule rule) { m_rule = std::move(rule); }

    const QList<RecordedRequest> &requests() const { return m_requests; }
    // How many requests reached the real server, by "METHOD path-without-query" substring.
    int forwarded(const QByteArray &methodAndPathPart) const;

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void forward(QPointer<QTcpSocket> socket, const RecordedRequest &request,
                 const DaytonaFault &fault);
    void respond(QTcpSocket *socket, int status, const QByteArray &contentType,
                 const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                 qsizetype sendOnly = -1);

    QUrl m_upstream;
    QTcpServer m_server;
    QNetworkAccessManager m_network;
    Rule m_rule;
    QList<RecordedRequest> m_requests;
    QList<QByteArray> m_forwarded;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
