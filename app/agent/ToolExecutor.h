// Runs ONE already-validated tool call of specs/agent-tools.md against a sandbox server through
// DaytonaClient and produces its result in the documented shape. The run loop (approvals,
// persistence, concurrency) lives in the engine; this layer only executes. Every failure comes
// back as {"error": "<what went wrong and what to do>"}, never an empty object (the Mastra
// template's JSON.stringify(error) bug, features.md §0).
#pragma once

#include "agent/ToolCatalog.h"
#include "agent/ToolResults.h"
#include "sandbox/DaytonaCall.h"
#include "sandbox/SandboxTypes.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class DaytonaClient;
class DirectoryWatcher;
class ProcessService;

// The label that ties a sandbox to the thread that created it.
inline constexpr QLatin1String kThreadLabel("agent-studio.thread");

struct ToolContext
{
    QString threadId; // the owning thread; its sandboxes carry kThreadLabel=<threadId>
    // Characters of one text field the model sees (OutputCap::kModelLimit by default).
    qsizetype modelTextLimit = 64 * 1024;
    // watchDirectory's polling interval; 0 = automatic (duration / 20, within 200..1000 ms).
    int watchIntervalMs = 0;
    // createSandbox's auto-stop interval in minutes (0 = never); negative: the server's default.
    int sandboxAutoStopMinutes = -1;
    // createSandbox's auto-delete interval in minutes (-1 = never, 0 = on stop); -2: not sent.
    int sandboxAutoDeleteMinutes = -2;
    // Told before a call starts a stopped sandbox again (the run shows it to the user).
    std::function<void(const Sandbox &sandbox)> sandboxStarting;
    // With a threadId, a call reaches only the thread's own sandboxes: those labelled with it
    // (created by it) or those this says yes to (the store's record: created by the thread or
    // attached to it by the user). Any other id or name is refused as NotYours.
    std::function<bool(const Sandbox &sandbox)> isAttached;
    // runCommand/runCode without timeoutSeconds stop after this long (the settings' default
    // command timeout).
    int commandTimeoutSeconds = kDefaultCommandTimeoutSeconds;
    // The owner of background processes (startProcess, readProcessOutput, stopProcess);
    // nullptr: those tools say they are not available here.
    QPointer<ProcessService> processes;
    QString provider; // "local" or "daytona": which server the call's client talks to
    qint64 toolCallId = 0; // the store's row of this call, 0 if none
    // runCommand runs through a session whose deletion ends the command on cancel and
    // timeout (Daytona: aborting /process/execute leaves the command running there).
    bool commandsInSessions = false;
    // How long readProcessOutput waits for new output when there is none yet (ms).
    int processReadWaitMs = 2000;
};

// The largest file readFile returns (bigger ones are read in parts with runCommand): the whole
// text is kept for the user and stored, so a 100 MB log must not go there in one piece.
inline constexpr qint64 kMaxReadFileBytes = 10 * 1024 * 1024;

struct ToolOutcome
{
    enum class ErrorKind {
        None,
        UnknownTool,
        InvalidArguments,
        SandboxGone, // the sandbox id does not exist (any more)
        SandboxUnavailable, // it exists but could not be started / is in error
        NotYours, // a sandbox of another thread (deleteSandbox refuses it)
        PathRefused, // escapes /home/daytona, or the server refused access
        FileNotFound,
        BinaryContent, // readFile of a binary file
        TooLarge, // readFile of a file over kMaxReadFileBytes
        TimedOut, // the command's timeoutSeconds, or no answer in time
        ServerUnavailable, // the sandbox server cannot run or cannot be reached
        Http, // any other error answer (the server's message is in the text)
        Cancelled,
    };

    QString tool;
    QJsonObject result; // whole, exactly the documented shape (or {"error": ...})
    QJsonObject forModel; // long strings capped with a marker, huge arrays cut
    bool truncatedForModel = false;
    ErrorKind errorKind = ErrorKind::None;
    qint64 durationMs = 0;
    Sandbox createdSandbox; // createSandbox: what was created (valid() when it was)
    QString deletedSandboxId; // deleteSandbox: the id deleted

    bool isError() const { return errorKind != ErrorKind::None; }
    QString errorMessage() const { return result.value(QLatin1String("error")).toString(); }
    static QString kindName(ErrorKind kind);
};
Q_DECLARE_METATYPE(ToolOutcome)

// One tool call in flight. Starts on the next event-loop turn, emits finished() exactly once
// and deletes itself afterwards. cancel() aborts the HTTP call in flight (the local server then
// kills the command) and reports ErrorKind::Cancelled.
class ToolExecution final : public QObject
{
    Q_OBJECT
public:
    enum class Status { Waiting, Running, Finished, Cancelled };

    Status status() const { return m_status; }
    QString tool() const { return m_tool; }
    void cancel();

signals:
    void finished(const ToolOutcome &outcome);

private:
    friend class ToolExecutor;
    friend class ToolCatalog; // its rows name the handlers below
    using Next = std::function<void(const DaytonaResult &)>;

    // tool: the catalog's row, or nullptr for a name the catalog does not know (clientError
    // then says so).
    ToolExecution(DaytonaClient *client, const QString &clientError, const QString &name,
                  const ToolDefinition *tool, const QJsonObject &arguments,
                  const ToolContext &context);
    void start();
    void dispatch();
    // Looks the sandbox up, starts it when stopped, then calls next with it.
    // mustRun false: only look it up (deleteSandbox does not start a stopped sandbox).
    void withSandbox(const std::function<void()> &next, bool mustRun);
    template<typename Call> void await(Call *call, Next next);

    // The handlers, one per row of ToolCatalog.
    void createSandbox();
    void runCode();
    void readFile();
    void writeFile();
    void writeFiles();
    void listFiles();
    void deleteFile();
    void createDirectory();
    void getFileInfo();
    void checkFileExists();
    void getFileSize();
    void watchDirectory();
    void runCommand();
    void deleteSandbox();
    void listSandboxes();
    void searchFiles();
    void findInFiles();
    void getPreviewLink();
    void startProcess();
    void readProcessOutput();
    void stopProcess();
    // runCommand through a session (ToolContext::commandsInSessions).
    void runCommandInSession(const QString &command, const QString &cwd, const StringMap &envs,
                             int timeoutSeconds, bool captureOutput);
    void answerPreviewLink(const DaytonaResult &result, int port, bool isSigned);

    // Lists (durationMs 0) or watches a folder, then calls done; fails the call when the
    // folder cannot be listed.
    void watch(const QString &root, bool recursive, qint64 durationMs,
               const std::function<void(DirectoryWatcher *)> &done);

    // Whether the call's conversation may reach this sandbox (ToolContext::isAttached).
    bool isThisThreads(const Sandbox &sandbox) const;
    // The argument as a resolved absolute path; on refusal finishes with PathRefused.
    bool resolvePath(const QString &field, QString *path, const QString &fallback = QString());
    QString text(const QString &field) const;
    StringMap stringMap(const QString &field) const;
    // A string map of environment variables without names that inject code (BASH_ENV,
    // LD_PRELOAD, PATH, ...); on refusal finishes with InvalidArguments and returns false.
    bool environment(const QString &field, StringMap *env);
    static QString quoted(const QString &text); // "text", for messages

    void succeed(const QJsonObject &result);
    void fail(ToolOutcome::ErrorKind kind, const QString &message);
    // Maps a client error to a kind and a message naming what was being done.
    void failWith(const DaytonaResult &result, const QString &doing,
                  SandboxError::Subject subject = SandboxError::Subject::File);
    void finish(ToolOutcome outcome);

    QPointer<DaytonaClient> m_client;
    QString m_clientError;
    ToolDefinition::Handler m_handler = nullptr; // nullptr: a tool the catalog does not know
    bool m_needsRunningSandbox = false;
    QString m_tool;
    QJsonObject m_args;
    ToolContext m_context;
    Sandbox m_sandbox;
    Status m_status = Status::Waiting;
    QElapsedTimer m_clock;
    std::function<void()> m_cancelPending;
    ToolOutcome m_outcome;
};

class ToolExecutor final : public QObject
{
    Q_OBJECT
public:
    // Returns the client to use, or nullptr and *error (e.g. bubblewrap missing), as
    // SandboxBackend::client() does; asked once per call.
    using ClientProvider = std::function<DaytonaClient *(QString *error)>;

    ToolExecutor(ClientProvider provider, const ToolCatalog &catalog, QObject *parent = nullptr);
    ToolExecutor(DaytonaClient &client, const ToolCatalog &catalog, QObject *parent = nullptr);

    // The call's arguments are expected to have passed the tool's schema already; the tool's
    // catalog row says which handler runs it. A tool the catalog does not know finishes with
    // UnknownTool.
    ToolExecution *execute(const QString &tool, const QJsonObject &arguments,
                           const ToolContext &context);

private:
    ClientProvider m_provider;
    const ToolCatalog &m_catalog;
};

// Waits for a client call; next runs with its answer unless the execution was cancelled.
template<typename Call> void ToolExecution::await(Call *call, Next next)
{
    QPointer<Call> guarded(call);
    m_cancelPending = [guarded] {
        if (guarded)
            guarded->cancel();
    };
    connect(call, &Call::finished, this, [this, next](const DaytonaResult &result) {
        m_cancelPending = {};
        if (m_status != Status::Running)
            return; // cancelled meanwhile
        next(result);
    });
}
