// One HTTP call to a Daytona server (main API or toolbox) as a request object: status,
// finished(result), cancel(), an overall timeout and a retry policy that only repeats what is
// safe (GETs; any request refused before it was sent). Toolbox calls whose sandbox has no
// toolboxProxyUrl first ask GET /sandbox/{id}/toolbox-proxy-url (contract.md §3).
#pragma once

#include "sandbox/SandboxError.h"
#include "sandbox/SandboxTypes.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <QTimer>

class DaytonaClient;
class QNetworkReply;

struct DaytonaResult
{
    SandboxError error;
    int httpStatus = 0;
    QByteArray body;
    QByteArray contentType;
    // Results the server capped away (the local server's X-Results-Not-Shown header).
    qint64 notShown = 0;
    Sandbox sandbox; // lifecycle waits: the last state seen
    QList<Sandbox> sandboxes; // list: every page joined

    bool ok() const { return !error.isError(); }
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};
Q_DECLARE_METATYPE(DaytonaResult)

struct DaytonaRequestSpec
{
    QByteArray method = "GET";
    QString path; // below the API URL, or below {toolboxProxyUrl}/{id} for toolbox calls
    QList<QPair<QString, QString>> query;
    QByteArray body;
    QByteArray contentType;
    bool toolbox = false;
    QString sandboxId;
    QString toolboxBase; // from the Sandbox DTO; empty = ask the server
    int timeoutMs = 60000;
    SandboxError::Subject subject = SandboxError::Subject::Other;
    bool expectJson = true; // an HTML body then means a wrong base URL
    // The app's own bookkeeping (e.g. finding processes after a restart), not the user's or
    // the agent's use: sends X-Daytona-Skip-Last-Activity-Update, so auto-stop still counts.
    bool skipLastActivity = false;
};

class DaytonaCall final : public QObject
{
    Q_OBJECT
public:
    enum class Status { Waiting, ResolvingToolbox, Running, Finished, Cancelled };

    Status status() const { return m_status; }
    const DaytonaResult &result() const { return m_result; }
    QString description() const; // "GET /sandbox/x", for logs (never headers)
    void cancel();

signals:
    // Emitted exactly once; the call deletes itself afterwards.
    void finished(const DaytonaResult &result);

private:
    friend class DaytonaClient;
    DaytonaCall(DaytonaClient *client, const DaytonaRequestSpec &spec);
    void start();
    void send(const QUrl &url);
    void resolveToolbox();
    void onReplyFinished();
    void onTimeout();
    void finish(DaytonaResult result);
    bool mayRetry(int networkError) const;

    QPointer<DaytonaClient> m_client;
    DaytonaRequestSpec m_spec;
    Status m_status = Status::Waiting;
    DaytonaResult m_result;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout;
    QUrl m_url;
    int m_attempt = 0;
    bool m_resolvingToolbox = false;
};
