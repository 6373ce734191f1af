// One Daytona session of a local sandbox (contract.md §5.3): a long-lived shell in one bubblewrap
// sandbox (SandboxProcess in interactive mode), so `cd` and `export` persist between commands.
// Commands run one after another, as in Daytona's session shell; each one's stdout and stderr
// are kept apart and capped (the newest bytes are kept, the dropped ones counted), and
// followers see its output as it arrives.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class SandboxProcess;
struct SandboxRunSpec;

// A piece of a command's output from one stream (1 = stdout, 2 = stderr).
struct SessionChunk
{
    int stream = 1;
    QByteArray bytes;
};

struct SessionCommand
{
    QString id;
    QString command;
    bool started = false;
    bool done = false;
    int exitCode = -1;
    QList<SessionChunk> log; // the newest output, at most the session's cap in all
    qint64 logBytes = 0;
    qint64 dropped = 0; // older bytes left out by the cap

    // The output as Daytona's log file has it: each stream switch marked with \x01\x01\x01
    // (stdout) or \x02\x02\x02 (stderr) when `markers`, else combined. A note about dropped
    // bytes comes first.
    QByteArray output(bool markers) const;
    QByteArray stream(int which) const;
    QByteArray droppedNote() const;
};

class SandboxSession final : public QObject
{
    Q_OBJECT
public:
    // Commands (finished or not) a session remembers; the oldest finished ones are forgotten.
    static constexpr int kMaxCommands = 100;
    // Commands waiting for their turn in one session.
    static constexpr int kMaxQueued = 32;

    SandboxSession(const QString &sandboxId, const QString &id, const SandboxRunSpec &spec,
                   qint64 outputCap, QObject *parent = nullptr);
    ~SandboxSession() override;

    QString id() const { return m_id; }
    QString sandboxId() const { return m_sandboxId; }
    const QList<SessionCommand> &commands() const { return m_commands; }
    const SessionCommand *command(const QString &commandId) const;
    // Whether a command is running or waiting (the sandbox is not idle).
    bool busy() const;
    // Whether the shell is gone (it exited, or the sandbox stopped).
    bool isEnded() const { return m_ended; }
    QString endReason() const { return m_endReason; }
    // Queues a command; its id, or an empty string and *error when it cannot be taken.
    QString execute(const QString &command, QString *error);
    // Writes to the shell's stdin: the running command reads it.
    bool input(const QByteArray &data, QString *error);
    // Kills the shell and every process started from it.
    void close(const QString &reason);

signals:
    void commandOutput(const QString &commandId, const SessionChunk &chunk);
    void commandFinished(const QString &commandId);
    void ended();

private:
    void onOutput(int channel, const QByteArray &data);
    void onShellFinished();
    void startNext();
    void append(SessionCommand &command, int stream, const QByteArray &bytes);
    void markEnd(int channel, const QString &commandId, int exitCode);
    SessionCommand *find(const QString &commandId);
    void forgetOld();

    QString m_sandboxId;
    QString m_id;
    qint64 m_cap;
    QByteArray m_nonce; // in the end markers, so command output cannot end a command by chance
    QByteArray m_markerPrefix;
    SandboxProcess *m_shell = nullptr; // a child
    QList<SessionCommand> m_commands;
    QString m_current; // the command running in the shell
    bool m_endSeen[3] = {false, false, false}; // per channel, for m_current
    int m_pendingExit = -1;
    QByteArray m_pending[3]; // per channel: bytes that may start a marker
    quint64 m_serial = 0;
    bool m_ended = false;
    QString m_endReason;
};
