// SandboxSession: the shell, the command queue and the per-command output.
//
// How a command runs: the host writes one line to the shell's stdin,
//   builtin eval "$(builtin printf %s '<base64>' | /usr/bin/base64 -d)"; <end markers>
// so the command runs in the session shell itself (cd/export persist) and reads the same stdin
// (POST .../input reaches it). The end markers go to stdout (with the exit status) and to stderr
// after the command, so each stream is known to be complete for that command when its marker
// arrives: the exit code is only told once both are in (Daytona writes its exit-code file after
// the output is flushed for the same reason). The next command is written only then, so a
// command reading stdin never swallows the next one.
#include "localsandbox/SandboxSession.h"

#include "core/Logging.h"
#include "localsandbox/SandboxProcess.h"

#include <QRandomGenerator>
#include <QUuid>

namespace {

constexpr qint64 kChunkBytes = 64 * 1024; // pieces the log is kept in (trimmed piece by piece)
constexpr char kMarkerStart = '\x1e';

QByteArray randomNonce()
{
    QByteArray out;
    for (int i = 0; i < 4; ++i)
        out += QByteArray::number(QRandomGenerator::system()->generate(), 16);
    return out;
}

} // namespace

QByteArray SessionCommand::droppedNote() const
{
    if (dropped <= 0)
        return {};
    return "[" + QByteArray::number(dropped)
        + " bytes of earlier output were dropped; only the newest are kept]\n";
}

QByteArray SessionCommand::output(bool markers) const
{
    QByteArray out;
    int last = 0;
    const QByteArray note = droppedNote();
    if (!note.isEmpty()) {
        if (markers)
            out += "\x01\x01\x01";
        out += note;
        last = 1;
    }
    for (const SessionChunk &c : log) {
        if (markers && c.stream != last)
            out += c.stream == 2 ? "\x02\x02\x02" : "\x01\x01\x01";
        last = c.stream;
        out += c.bytes;
    }
    return out;
}

QByteArray SessionCommand::stream(int which) const
{
    QByteArray out = which == 1 ? droppedNote() : QByteArray();
    for (const SessionChunk &c : log) {
        if (c.stream == which)
            out += c.bytes;
    }
    return out;
}

SandboxSession::SandboxSession(const QString &sandboxId, const QString &id,
                               const SandboxRunSpec &spec, qint64 outputCap, QObject *parent)
    : QObject(parent)
    , m_sandboxId(sandboxId)
    , m_id(id)
    , m_cap(qMax<qint64>(outputCap, 1024))
    , m_nonce(randomNonce())
    , m_markerPrefix(QByteArray(1, kMarkerStart) + "DTN" + m_nonce + ':')
{
    SandboxRunSpec shellSpec = spec;
    shellSpec.interactive = true;
    shellSpec.timeoutSeconds = 0; // lives until deleted
    shellSpec.script = "cd /home/daytona 2>/dev/null\n";
    m_shell = new SandboxProcess(shellSpec, this);
    connect(m_shell, &SandboxProcess::output, this, &SandboxSession::onOutput);
    connect(m_shell, &SandboxProcess::finished, this, [this](const SandboxRunResult &r) {
        if (m_endReason.isEmpty())
            m_endReason = !r.error.isEmpty()
                ? r.error
                : QStringLiteral("the session's shell exited with status %1").arg(r.exitCode);
        // The shell's own status is the running command's (an `exit 3` in it).
        if (SessionCommand *c = find(m_current); c && !c->done) {
            c->exitCode = r.exitCode;
            if (!r.error.isEmpty())
                append(*c, 2, r.error.toUtf8() + '\n');
        }
        onShellFinished();
    });
    m_shell->start();
}

SandboxSession::~SandboxSession()
{
    if (m_shell)
        m_shell->kill();
}

const SessionCommand *SandboxSession::command(const QString &commandId) const
{
    for (const SessionCommand &c : m_commands) {
        if (c.id == commandId)
            return &c;
    }
    return nullptr;
}

SessionCommand *SandboxSession::find(const QString &commandId)
{
    if (commandId.isEmpty())
        return nullptr;
    for (SessionCommand &c : m_commands) {
        if (c.id == commandId)
            return &c;
    }
    return nullptr;
}

bool SandboxSession::busy() const
{
    if (m_ended)
        return false;
    for (const SessionCommand &c : m_commands) {
        if (!c.done)
            return true;
    }
    return false;
}

QString SandboxSession::execute(const QString &command, QString *error)
{
    if (m_ended) {
        *error = QStringLiteral("the session has ended (%1); delete it and create a new one")
                     .arg(m_endReason);
        return {};
    }
    int queued = 0;
    for (const SessionCommand &c : std::as_const(m_commands))
        queued += c.done ? 0 : 1;
    if (queued >= kMaxQueued) {
        *error = QStringLiteral("%1 commands are already waiting in session %2; wait for them "
                                "or run this one in another session")
                     .arg(queued)
                     .arg(m_id);
        return {};
    }
    SessionCommand c;
    c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    c.command = command;
    m_commands.append(c);
    forgetOld();
    startNext();
    return c.id;
}

bool SandboxSession::input(const QByteArray &data, QString *error)
{
    if (m_ended) {
        *error = QStringLiteral("the session has ended (%1)").arg(m_endReason);
        return false;
    }
    m_shell->write(data);
    return true;
}

void SandboxSession::close(const QString &reason)
{
    if (m_endReason.isEmpty())
        m_endReason = reason.isEmpty() ? QStringLiteral("the session was deleted") : reason;
    if (m_shell && !m_ended)
        m_shell->kill(reason);
}

void SandboxSession::startNext()
{
    if (m_ended || !m_current.isEmpty())
        return;
    for (SessionCommand &c : m_commands) {
        if (c.done || c.started)
            continue;
        c.started = true;
        m_current = c.id;
        m_endSeen[1] = m_endSeen[2] = false;
        m_pendingExit = -1;
        const QByteArray id = c.id.toLatin1();
        // `builtin`: a function the session defined named eval or printf changes nothing.
        const QByteArray line = "builtin eval \"$(builtin printf %s '"
            + c.command.toUtf8().toBase64()
            + "' | /usr/bin/base64 -d)\"; builtin printf '\\036DTN%s:%s:%s\\036' " + m_nonce + " "
            + id + " \"$?\"; builtin printf '\\036DTN%s:%s:e\\036' " + m_nonce + " " + id
            + " >&2\n";
        m_shell->write(line);
        return;
    }
}

void SandboxSession::onOutput(int channel, const QByteArray &data)
{
    if (channel != 1 && channel != 2)
        return;
    QByteArray &pending = m_pending[channel];
    pending += data;
    for (;;) {
        const qsizetype at = pending.indexOf(m_markerPrefix);
        if (at < 0) {
            // Keep a tail that may be the start of a marker split across reads.
            qsizetype keepFrom = pending.size();
            const qsizetype from = qMax<qsizetype>(0, pending.size() - m_markerPrefix.size() + 1);
            for (qsizetype i = pending.size() - 1; i >= from; --i) {
                if (pending[i] == kMarkerStart) {
                    if (m_markerPrefix.startsWith(pending.mid(i)))
                        keepFrom = i;
                    break;
                }
            }
            if (keepFrom > 0) {
                if (SessionCommand *c = find(m_current))
                    append(*c, channel, pending.left(keepFrom));
                pending.remove(0, keepFrom);
            }
            return;
        }
        if (at > 0) {
            if (SessionCommand *c = find(m_current))
                append(*c, channel, pending.left(at));
            pending.remove(0, at);
        }
        const qsizetype end = pending.indexOf(kMarkerStart, m_markerPrefix.size());
        if (end < 0) {
            if (pending.size() > m_markerPrefix.size() + 128) { // not ours after all
                if (SessionCommand *c = find(m_current))
                    append(*c, channel, pending.left(1));
                pending.remove(0, 1);
                continue;
            }
            return; // the rest of the marker is on its way
        }
        const QList<QByteArray> fields
            = pending.mid(m_markerPrefix.size(), end - m_markerPrefix.size()).split(':');
        pending.remove(0, end + 1);
        if (fields.size() == 2)
            markEnd(channel, QString::fromLatin1(fields[0]),
                    fields[1] == "e" ? -1 : fields[1].toInt());
    }
}

void SandboxSession::append(SessionCommand &command, int stream, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    for (qsizetype pos = 0; pos < bytes.size();) {
        if (command.log.isEmpty() || command.log.last().stream != stream
            || command.log.last().bytes.size() >= kChunkBytes)
            command.log.append(SessionChunk{stream, {}});
        QByteArray &last = command.log.last().bytes;
        const qsizetype n = qMin<qsizetype>(bytes.size() - pos, kChunkBytes - last.size());
        last.append(bytes.constData() + pos, n);
        pos += n;
    }
    command.logBytes += bytes.size();
    // The oldest bytes go first; whole pieces where possible.
    while (command.logBytes > m_cap && !command.log.isEmpty()) {
        const qint64 excess = command.logBytes - m_cap;
        QByteArray &first = command.log.first().bytes;
        if (first.size() <= excess) {
            command.logBytes -= first.size();
            command.dropped += first.size();
            command.log.removeFirst();
        } else {
            first.remove(0, excess);
            command.logBytes -= excess;
            command.dropped += excess;
        }
    }
    emit commandOutput(command.id, SessionChunk{stream, bytes});
}

void SandboxSession::markEnd(int channel, const QString &commandId, int exitCode)
{
    if (commandId != m_current)
        return;
    m_endSeen[channel] = true;
    if (channel == 1)
        m_pendingExit = exitCode;
    if (!m_endSeen[1] || !m_endSeen[2])
        return;
    SessionCommand *c = find(m_current);
    m_current.clear();
    if (c) {
        c->done = true;
        c->exitCode = m_pendingExit;
        emit commandFinished(c->id);
    }
    startNext();
}

void SandboxSession::onShellFinished()
{
    m_ended = true;
    // What the shell wrote last belongs to the running command.
    for (int channel : {1, 2}) {
        if (SessionCommand *c = find(m_current); c && !m_pending[channel].isEmpty())
            append(*c, channel, m_pending[channel]);
        m_pending[channel].clear();
    }
    QStringList finished;
    for (SessionCommand &c : m_commands) {
        if (c.done)
            continue;
        if (c.id != m_current) {
            c.exitCode = -1;
            append(c, 2, QStringLiteral("[not run: %1]\n").arg(m_endReason).toUtf8());
        } else if (c.exitCode < 0) {
            c.exitCode = 137;
        }
        c.done = true;
        finished << c.id;
    }
    m_current.clear();
    for (const QString &id : std::as_const(finished))
        emit commandFinished(id);
    qCInfo(lcLocalSandbox).noquote()
        << "session" << m_id << "of sandbox" << m_sandboxId << "ended:" << m_endReason;
    emit ended();
}

void SandboxSession::forgetOld()
{
    // A session remembers kMaxCommands commands and at most 4 caps of output in all.
    while (m_commands.size() > kMaxCommands) {
        const auto it = std::find_if(m_commands.begin(), m_commands.end(),
                                     [](const SessionCommand &c) { return c.done; });
        if (it == m_commands.end())
            break;
        m_commands.erase(it);
    }
    qint64 total = 0;
    for (const SessionCommand &c : std::as_const(m_commands))
        total += c.logBytes;
    for (SessionCommand &c : m_commands) {
        if (total <= 4 * m_cap)
            break;
        if (!c.done || c.logBytes == 0)
            continue;
        total -= c.logBytes;
        c.dropped += c.logBytes;
        c.logBytes = 0;
        c.log.clear();
    }
}
