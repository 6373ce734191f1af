// The toolbox routes of the local server (what Daytona's in-sandbox daemon serves, reached as
// {toolboxProxyUrl}/{sandboxId}/...): files through ConfinedFs, commands and code through
// SandboxProcess (contract.md §4, §5.1, §5.2).
#pragma once

#include <QByteArray>
#include <QString>

class LocalSandboxServer;
class QHttpServerRequest;
class QHttpServerResponder;
struct LocalSandboxRecord;

class ToolboxService final
{
public:
    explicit ToolboxService(LocalSandboxServer *server);

    void handle(const QHttpServerRequest &request, const QString &sandboxId,
                const QString &daemonPath, QHttpServerResponder &&responder);

    // The shell script code-run pipes to the shell for a language (contract.md §5.2), or an
    // empty string and *error for an unsupported or missing interpreter.
    static QByteArray codeRunScript(const QString &language, const QString &code,
                                    const QStringList &argv, QString *error);

private:
    void handleFiles(const QHttpServerRequest &request, LocalSandboxRecord &record,
                     const QString &daemonPath, QHttpServerResponder &responder);
    void runCommand(const QHttpServerRequest &request, LocalSandboxRecord &record,
                    const QString &daemonPath, QHttpServerResponder &&responder);

    LocalSandboxServer *m_server;
};
