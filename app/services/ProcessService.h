// The one owner of the fact "background processes": commands the agent (or the user) started
// in a sandbox that keep running after the call that started them returned (a dev server, a
// watcher). Each runs in its own Daytona session (contract.md §5.3), so ending the session ends
// the process and every child it started. The service follows each one's output while it runs
// (SessionLogFollower), keeps the recent output with absolute offsets, and tells the inspector,
// the sandbox list and the output viewers what changed; a viewer that closes loses nothing.
// Background processes die with their sandbox. Nothing is stored: after a restart the list is
// rebuilt from the sandboxes' sessions (adopt()).
#pragma once

#include "sandbox/DaytonaCall.h"
#include "sandbox/SandboxTypes.h"
#include "sandbox/SessionLogDemuxer.h"
#include "store/StoreTypes.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class DaytonaClient;
class SessionLogFollower;

struct BackgroundProcess
{
    enum class State {
        Starting, // the session is being created
        Running,
        Exited, // ended by itself: exitCode
        Stopped, // ended by stop() (or its sandbox went away)
        Failed, // could not start, or could no longer be followed: error
    };

    QString id; // also the session's id
    QString commandId; // the session command's id
    QString provider; // "local" or "daytona"
    QString sandboxId;
    QString threadUuid; // the conversation that started it; empty: the user or unknown
    RowId toolCallId = 0; // the startProcess call, 0 if none
    QString command;
    QDateTime started;
    QDateTime ended;
    State state = State::Starting;
    std::optional<int> exitCode;
    QString error;
    qint64 outputEnd = 0; // characters of output so far (the next offset)

    bool isRunning() const { return state == State::Starting || state == State::Running; }
    static QString stateName(State state);
};
Q_DECLARE_METATYPE(BackgroundProcess)

// One piece of a process's output.
struct ProcessOutputChunk
{
    qint64 offset = 0; // of its first character in the whole output
    bool stderrStream = false;
    QString text;
};

// What readProcessOutput returns: the output from `since`, the next offset, whether it runs.
struct ProcessOutputSlice
{
    QString text;
    qint64 since = 0; // where text starts (later than asked when older output was dropped)
    qint64 next = 0;
    qint64 dropped = 0; // characters older than the kept window that were asked for
    bool running = false;
    std::optional<int> exitCode;
};

class ProcessService final : public QObject
{
    Q_OBJECT
public:
    // Output kept per process; older output is dropped (offsets stay absolute).
    static constexpr qsizetype kKeptChars = 1024 * 1024;
    // Processes kept after they ended, per sandbox, for the inspector and the viewer.
    static constexpr int kKeptEnded = 20;

    explicit ProcessService(QObject *parent = nullptr);
    ~ProcessService() override;

    // How often running processes are asked for new output (ms).
    void setFollowInterval(int ms) { m_followIntervalMs = ms; }
    // Followers poll instead of streaming over a WebSocket (tests of a server without one).
    void setStreamingAllowed(bool allowed) { m_streamingAllowed = allowed; }

    struct StartRequest
    {
        QString provider;
        Sandbox sandbox;
        QString threadUuid;
        RowId toolCallId = 0;
        QString command;
        QString cwd; // empty: the sandbox's working directory
    };
    using Done = std::function<void(const BackgroundProcess &process, const QString &error)>;

    // Creates a session, starts the command in it without waiting for it, and calls done
    // (with context alive) once it runs or could not be started.
    void start(DaytonaClient *client, const StartRequest &request, QObject *context, Done done);
    // Ends the process (deletes its session); done once it is gone.
    void stop(const QString &id, QObject *context, Done done);
    // The output from `since`; with waitMs, waits that long at most for output newer than
    // `since` (or the end) when there is none yet, so a reader right after a start sees the
    // first lines. The latest output is asked for first.
    void read(const QString &id, qint64 since, int waitMs, QObject *context,
              std::function<void(const ProcessOutputSlice &slice, const QString &error)> done);

    // Rebuilds the list from a sandbox's sessions (after a restart): each session this
    // service names (id "proc-...") with a command becomes a process again.
    void adopt(DaytonaClient *client, const QString &provider, const Sandbox &sandbox);
    // The sandbox went away (deleted, stopped): its processes end with it.
    void sandboxGone(const QString &sandboxId);

    std::optional<BackgroundProcess> process(const QString &id) const;
    QList<BackgroundProcess> processes() const;
    QList<BackgroundProcess> processesOf(const QString &sandboxId) const;
    QList<BackgroundProcess> processesStartedBy(RowId toolCallId) const;
    int runningCount(const QString &sandboxId) const;
    // The output kept, from `since`, in pieces (stdout and stderr apart).
    QList<ProcessOutputChunk> output(const QString &id, qint64 since = 0) const;

    static bool isProcessSession(const QString &sessionId);

signals:
    void processStarted(const BackgroundProcess &process);
    void processOutput(const QString &id, const ProcessOutputChunk &chunk);
    // State, exit code or error changed.
    void processChanged(const BackgroundProcess &process);

private:
    struct Entry
    {
        BackgroundProcess info;
        QPointer<DaytonaClient> client;
        Sandbox sandbox;
        QList<ProcessOutputChunk> chunks;
        qsizetype keptChars = 0;
        QPointer<SessionLogFollower> follower;
    };

    void follow(Entry &entry);
    void append(Entry &entry, bool stderrStream, const QString &text);
    void ended(const QString &id, BackgroundProcess::State state, std::optional<int> exitCode,
               const QString &error);
    void trimEnded(const QString &sandboxId);
    ProcessOutputSlice slice(const Entry &entry, qint64 since) const;

    QHash<QString, Entry> m_entries;
    QStringList m_order; // ids, in start order
    int m_followIntervalMs = 250;
    bool m_streamingAllowed = true;
};
