// The one sandbox client: every call of specs/daytona/contract.md §8 against Daytona cloud or
// the local server (agent-sandboxd). Each method returns a request object that starts on the
// next event-loop turn and reports through finished(result); nothing here blocks.
#pragma once

#include "sandbox/DaytonaCall.h"
#include "sandbox/DaytonaConfig.h"
#include "sandbox/SandboxTypes.h"

#include <QHash>
#include <QObject>

class QNetworkAccessManager;
class SandboxWaiter;
class SandboxLister;
class SessionLogFollower;

class DaytonaClient final : public QObject
{
    Q_OBJECT
public:
    explicit DaytonaClient(const DaytonaConfig &config, QObject *parent = nullptr);

    const DaytonaConfig &config() const { return m_config; }
    void setConfig(const DaytonaConfig &config);
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }
    // The manager a new request goes through: Qt's HTTP/1.1 opens at most 6 connections per
    // host and manager, so with one manager the 7th of 20 parallel commands waited for one of
    // the first six to end. More managers (up to kMaxManagers) are made as calls pile up.
    QNetworkAccessManager *managerForRequest();
    static constexpr int kMaxManagers = 6; // 36 connections; the local server keeps 64
    int managerCount() const { return int(m_managers.size()); }
    // An upper bound for every call's timeout (0: none), so that tests of a silent server
    // end in seconds rather than the SDK's 60 s.
    void setTimeoutCap(int ms) { m_timeoutCap = ms; }

    // Lifecycle (main API). A 404 on these means "this sandbox no longer exists".
    DaytonaCall *createSandbox(const CreateSandboxParams &params, int timeoutMs = 60000);
    DaytonaCall *getSandbox(const QString &idOrName);
    DaytonaCall *startSandbox(const QString &idOrName, int timeoutMs = 60000);
    DaytonaCall *stopSandbox(const QString &idOrName, bool force = false, int timeoutMs = 60000);
    DaytonaCall *deleteSandbox(const QString &idOrName, int timeoutMs = 60000);
    DaytonaCall *setLabels(const QString &idOrName, const StringMap &labels);
    // Lifecycle timers in minutes (contract §2: autostop 0 = never; autodelete <0 = never,
    // 0 = on stop), and the keep-alive that postpones an idle stop.
    DaytonaCall *setAutoStopInterval(const QString &idOrName, int minutes);
    DaytonaCall *setAutoDeleteInterval(const QString &idOrName, int minutes);
    DaytonaCall *updateLastActivity(const QString &sandboxId);
    DaytonaCall *toolboxProxyUrl(const QString &sandboxId);
    DaytonaCall *previewUrl(const QString &idOrName, int port);
    // A URL that opens the preview without a token, valid for expiresInSeconds (1..86400).
    // Servers without it answer 404: then previewUrl() and its token (PreviewLink).
    DaytonaCall *signedPreviewUrl(const QString &idOrName, int port, int expiresInSeconds);
    // One page of GET /sandbox (cursor empty = first page).
    DaytonaCall *listPage(const StringMap &labels, const QString &cursor, int limit = 100);

    // create, then poll until started (fails on error/build_failed); one overall budget.
    SandboxWaiter *createAndWait(const CreateSandboxParams &params, int timeoutMs = 60000);
    SandboxWaiter *startAndWait(const QString &idOrName, int timeoutMs = 60000);
    SandboxWaiter *stopAndWait(const QString &idOrName, bool force = false, int timeoutMs = 60000);
    // Every sandbox with these labels, following nextCursor; both list shapes.
    SandboxLister *listSandboxes(const StringMap &labels = {});

    // Toolbox: {toolboxProxyUrl}/{id}/...; paths are sandbox paths.
    DaytonaCall *uploadFiles(const Sandbox &sandbox, const QList<UploadItem> &files,
                             int timeoutMs = 300000);
    DaytonaCall *uploadFile(const Sandbox &sandbox, const QString &path, const QByteArray &content);
    DaytonaCall *downloadFile(const Sandbox &sandbox, const QString &path, int timeoutMs = 300000);
    DaytonaCall *downloadFiles(const Sandbox &sandbox, const QStringList &paths,
                               int timeoutMs = 300000);
    DaytonaCall *listFiles(const Sandbox &sandbox, const QString &path);
    DaytonaCall *fileInfo(const Sandbox &sandbox, const QString &path);
    DaytonaCall *createFolder(const Sandbox &sandbox, const QString &path,
                              const QString &mode = QStringLiteral("755"));
    DaytonaCall *deleteFile(const Sandbox &sandbox, const QString &path, bool recursive = false);
    DaytonaCall *moveFile(const Sandbox &sandbox, const QString &source,
                          const QString &destination);
    DaytonaCall *searchFiles(const Sandbox &sandbox, const QString &path, const QString &glob);
    DaytonaCall *findInFiles(const Sandbox &sandbox, const QString &path, const QString &text);
    // timeoutSeconds 0 = kDefaultCommandTimeoutSeconds, at most kMaxCommandTimeoutSeconds;
    // 408 (SandboxError::Kind::CommandTimedOut) = timed out.
    DaytonaCall *execute(const Sandbox &sandbox, const QString &command,
                         const QString &cwd = QString(), const StringMap &envs = {},
                         int timeoutSeconds = 0);
    // language empty = the sandbox's code-toolbox-language label.
    DaytonaCall *codeRun(const Sandbox &sandbox, const QString &code,
                         const QString &language = QString(), const QStringList &argv = {},
                         const StringMap &envs = {}, int timeoutSeconds = 0);
    // The local server's extension GET /files/manifest: the whole home listed for a checkpoint
    // (app/checkpoint/HomeManifest.h). Daytona's daemon answers 404.
    DaytonaCall *homeManifest(const Sandbox &sandbox, int timeoutMs = 120000);
    DaytonaCall *workDir(const Sandbox &sandbox);
    DaytonaCall *userHomeDir(const Sandbox &sandbox);

    // Sessions (contract.md §5.3/§5.4): long-lived shells whose commands run in the
    // background. Logs come with the stdout/stderr markers (the client sends an SDK version
    // >= 0.167); rawSessionLog() takes the raw log out of any answer shape.
    DaytonaCall *createSession(const Sandbox &sandbox, const QString &sessionId);
    DaytonaCall *getSession(const Sandbox &sandbox, const QString &sessionId);
    // countsAsActivity false: the app's own look (after a restart), which must not postpone the
    // sandbox's auto-stop (X-Daytona-Skip-Last-Activity-Update).
    DaytonaCall *listSessions(const Sandbox &sandbox, bool countsAsActivity = true);
    // Ends the session's shell and every process it started.
    DaytonaCall *deleteSession(const Sandbox &sandbox, const QString &sessionId);
    // runAsync: 202 {cmdId} at once; else 200 {cmdId, output, stdout, stderr, exitCode} when
    // the command ended (timeoutMs is then the HTTP budget; the server has no limit).
    DaytonaCall *executeSessionCommand(const Sandbox &sandbox, const QString &sessionId,
                                       const QString &command, bool runAsync,
                                       int timeoutMs = 60000);
    // {id, command, exitCode?}: exitCode absent while it runs.
    DaytonaCall *sessionCommand(const Sandbox &sandbox, const QString &sessionId,
                                const QString &commandId);
    // The whole log so far.
    DaytonaCall *sessionCommandLogs(const Sandbox &sandbox, const QString &sessionId,
                                    const QString &commandId);
    // Its output as it comes and its exit code at the end (SessionLogFollower).
    SessionLogFollower *followSessionCommandLogs(const Sandbox &sandbox, const QString &sessionId,
                                                 const QString &commandId, int intervalMs = 250);
    DaytonaCall *sendSessionCommandInput(const Sandbox &sandbox, const QString &sessionId,
                                         const QString &commandId, const QByteArray &data);
    // The raw log (markers kept) of a logs answer: JSON {output} or a text body.
    static QByteArray rawSessionLog(const DaytonaResult &result);

    // Bulk-download answer -> one entry per requested path, in request order; a path without a
    // part gets "No data received for this file". False (and *error) if the body is unreadable.
    static bool parseBulkDownload(const DaytonaResult &result, const QStringList &requested,
                                  QList<DownloadedFile> *files, QString *error);

    // base + path + query; values fully percent-encoded ('+' -> %2B, contract.md §4).
    static QUrl buildUrl(const QString &base, const QString &path,
                         const QList<QPair<QString, QString>> &query);

    QString toolboxUrlFor(const QString &sandboxId) const { return m_toolboxUrls.value(sandboxId); }
    void rememberToolboxUrl(const QString &sandboxId, const QString &url)
    {
        m_toolboxUrls.insert(sandboxId, url);
    }

private:
    DaytonaCall *call(const DaytonaRequestSpec &spec);
    DaytonaCall *toolboxCall(const Sandbox &sandbox, DaytonaRequestSpec spec);

    DaytonaConfig m_config;
    QNetworkAccessManager *m_nam;
    QList<QNetworkAccessManager *> m_managers; // m_nam first
    QHash<QString, QString> m_toolboxUrls;
    int m_timeoutCap = 0;
};
