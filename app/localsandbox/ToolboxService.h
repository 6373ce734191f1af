// The toolbox routes of the local server (what Daytona's in-sandbox daemon serves, reached as
// {toolboxProxyUrl}/{sandboxId}/...): files through ConfinedFs, commands and code through
// SandboxProcess (contract.md §4, §5.1, §5.2).
#pragma once

#include "localsandbox/ConfinedFs.h"
#include "localsandbox/HttpReplies.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

class LocalSandboxServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QJsonArray;
struct LocalSandboxRecord;

// An answer computed off the GUI thread, written on it.
struct FileReply
{
    int status = 200;
    QByteArray body;
    HttpReplies::Headers headers;

    // notShown > 0: results left out by the caps, told in the X-Results-Not-Shown header.
    static FileReply json(const QJsonDocument &document, qint64 notShown = 0);
    static FileReply error(const ConfinedFs::Error &e, const QString &path,
                           const QByteArray &method);
};

class ToolboxService final
{
public:
    explicit ToolboxService(LocalSandboxServer *server);
    ~ToolboxService();

    void handle(const QHttpServerRequest &request, const QString &sandboxId,
                const QString &daemonPath, QHttpServerResponder &&responder);

    // The shell script code-run pipes to the shell for a language (contract.md §5.2), or an
    // empty string and *error for an unsupported or missing interpreter.
    static QByteArray codeRunScript(const QString &language, const QString &code,
                                    const QStringList &argv, QString *error);

private:
    void handleFiles(const QHttpServerRequest &request, LocalSandboxRecord &record,
                     const QString &daemonPath, QHttpServerResponder &&responder);
    // Walks and reads of sandbox files run on a worker so the event loop (the app's window,
    // when the server runs inside it) stays free; the answer is written when it is ready.
    // Runs work on the pool and answers with its reply on this thread; then `then` (if any).
    void offThread(QHttpServerResponder &&responder, std::function<FileReply()> work,
                   std::function<void()> then = {});
    // Measures the sandbox's disk again once a write or delete is done.
    std::function<void()> measureAfter(const LocalSandboxRecord &record) const;
    static FileReply bulkDownload(const ConfinedFs &fs, const QJsonArray &paths);
    static FileReply upload(const ConfinedFs &fs, bool single, const QString &path,
                            const QByteArray &body, const QByteArray &contentType,
                            const QString &fullPath, const QByteArray &methodText);
    void runCommand(const QHttpServerRequest &request, LocalSandboxRecord &record,
                    const QString &daemonPath, QHttpServerResponder &&responder);

    LocalSandboxServer *m_server;
    QHash<quint64, std::shared_ptr<PendingResponse>> m_waiting; // answers being computed
    quint64 m_lastJob = 0;
    QThreadPool m_pool; // last: waits for its jobs before the members they use go
};
