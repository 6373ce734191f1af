// ProcessService: one session per background process, followed until it ends.
#include "services/ProcessService.h"

#include "core/Logging.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SessionLogFollower.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringDecoder>
#include <QTimer>
#include <QUuid>

#include <memory>

namespace {

const QLatin1String kSessionPrefix("proc-");
// Put before every command: Python (and what honours it) writes its output as it comes rather
// than when a pipe's buffer fills, so the log shows a server's first lines at once.
const QLatin1String kPreamble("export PYTHONUNBUFFERED=1\n");

QString shellQuoted(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

QString errorText(const DaytonaResult &r)
{
    QString text = r.error.message;
    if (text.isEmpty())
        text = r.error.serverMessage;
    if (text.isEmpty())
        text = QStringLiteral("%1 (HTTP %2)")
                   .arg(SandboxError::kindName(r.error.kind))
                   .arg(r.httpStatus);
    return text;
}

} // namespace

QString BackgroundProcess::stateName(State state)
{
    switch (state) {
    case State::Starting:
        return QStringLiteral("starting");
    case State::Running:
        return QStringLiteral("running");
    case State::Exited:
        return QStringLiteral("exited");
    case State::Stopped:
        return QStringLiteral("stopped");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}

ProcessService::ProcessService(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<BackgroundProcess>();
}

ProcessService::~ProcessService()
{
    // The processes keep running in their sandboxes; adopt() finds them again.
    for (Entry &entry : m_entries) {
        if (entry.follower)
            entry.follower->cancel();
    }
}

bool ProcessService::isProcessSession(const QString &sessionId)
{
    return sessionId.startsWith(kSessionPrefix);
}

void ProcessService::start(DaytonaClient *client, const StartRequest &request, QObject *context,
                           Done done)
{
    Entry entry;
    entry.client = client;
    entry.sandbox = request.sandbox;
    BackgroundProcess &p = entry.info;
    p.id = kSessionPrefix + QUuid::createUuid().toString(QUuid::Id128).left(12);
    p.provider = request.provider;
    p.sandboxId = request.sandbox.id;
    p.threadUuid = request.threadUuid;
    p.toolCallId = request.toolCallId;
    p.command = request.command;
    p.started = QDateTime::currentDateTimeUtc();
    const QString id = p.id;
    m_entries.insert(id, entry);
    m_order.append(id);
    emit processStarted(p);

    // In a subshell: an `exit` in the command ends the process, not the session's shell.
    QString script = QStringLiteral("(\n") + kPreamble;
    if (!request.cwd.isEmpty())
        script += QStringLiteral("cd -- %1 || exit 1\n").arg(shellQuoted(request.cwd));
    script += request.command + QStringLiteral("\n)");

    QPointer<QObject> guard(context);
    auto answer = [this, id, guard, done](const QString &error) {
        if (guard && done)
            done(m_entries.value(id).info, error);
    };
    const Sandbox sandbox = request.sandbox;
    connect(client->createSession(sandbox, id), &DaytonaCall::finished, this,
            [this, id, client, sandbox, script, answer](const DaytonaResult &created) {
                if (!created.ok()) {
                    const QString error = QStringLiteral("could not create a session for it: %1")
                                              .arg(errorText(created));
                    ended(id, BackgroundProcess::State::Failed, std::nullopt, error);
                    answer(error);
                    return;
                }
                connect(client->executeSessionCommand(sandbox, id, script, true),
                        &DaytonaCall::finished, this,
                        [this, id, client, sandbox, answer](const DaytonaResult &r) {
                            auto it = m_entries.find(id);
                            if (it == m_entries.end())
                                return;
                            const QString cmdId
                                = r.json().object().value(QLatin1String("cmdId")).toString();
                            if (!r.ok() || cmdId.isEmpty()) {
                                const QString error = r.ok()
                                    ? QStringLiteral(
                                        "the server did not say which command it started")
                                    : errorText(r);
                                ended(id, BackgroundProcess::State::Failed, std::nullopt, error);
                                client->deleteSession(sandbox, id); // nothing left running
                                answer(error);
                                return;
                            }
                            it->info.commandId = cmdId;
                            if (it->info.state == BackgroundProcess::State::Starting)
                                it->info.state = BackgroundProcess::State::Running;
                            follow(*it);
                            emit processChanged(it->info);
                            answer(QString());
                        });
            });
}

void ProcessService::follow(Entry &entry)
{
    if (!entry.client || entry.follower)
        return;
    const QString id = entry.info.id;
    SessionLogFollower *follower = entry.client->followSessionCommandLogs(
        entry.sandbox, id, entry.info.commandId, m_followIntervalMs);
    follower->setStreamingAllowed(m_streamingAllowed);
    entry.follower = follower;
    auto decoders = std::make_shared<std::pair<QStringDecoder, QStringDecoder>>(
        QStringDecoder(QStringDecoder::Utf8), QStringDecoder(QStringDecoder::Utf8));
    connect(follower, &SessionLogFollower::output, this,
            [this, id, decoders](SessionLogDemuxer::Stream stream, const QByteArray &data) {
                auto it = m_entries.find(id);
                if (it == m_entries.end())
                    return;
                const bool err = stream == SessionLogDemuxer::Stream::Stderr;
                QStringDecoder &decoder = err ? decoders->second : decoders->first;
                const QString text = decoder.decode(data);
                if (!text.isEmpty())
                    append(*it, err, text);
            });
    connect(follower, &SessionLogFollower::finished, this,
            [this, id](const SessionCommandEnd &end) {
                if (end.exitCode) {
                    ended(id, BackgroundProcess::State::Exited, end.exitCode, QString());
                } else if (end.error.kind == SandboxError::Kind::NotFound) {
                    ended(id, BackgroundProcess::State::Stopped, std::nullopt,
                          tr("Its session or sandbox is gone."));
                } else {
                    ended(id, BackgroundProcess::State::Failed, std::nullopt,
                          tr("Its output could no longer be read: %1")
                              .arg(end.error.message.isEmpty() ? end.error.serverMessage
                                                               : end.error.message));
                }
            });
}

void ProcessService::append(Entry &entry, bool stderrStream, const QString &text)
{
    ProcessOutputChunk chunk{entry.info.outputEnd, stderrStream, text};
    entry.info.outputEnd += text.size();
    if (!entry.chunks.isEmpty() && entry.chunks.last().stderrStream == stderrStream)
        entry.chunks.last().text += text;
    else
        entry.chunks.append(chunk);
    entry.keptChars += text.size();
    // Older output goes first, a whole piece at a time, then part of one.
    while (entry.keptChars > kKeptChars && !entry.chunks.isEmpty()) {
        ProcessOutputChunk &first = entry.chunks.first();
        const qsizetype excess = entry.keptChars - kKeptChars;
        if (first.text.size() <= excess) {
            entry.keptChars -= first.text.size();
            entry.chunks.removeFirst();
        } else {
            first.text.remove(0, excess);
            first.offset += excess;
            entry.keptChars -= excess;
        }
    }
    emit processOutput(entry.info.id, chunk);
}

void ProcessService::ended(const QString &id, BackgroundProcess::State state,
                           std::optional<int> exitCode, const QString &error)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || !it->info.isRunning())
        return;
    if (it->follower)
        it->follower->cancel();
    it->info.state = state;
    it->info.exitCode = exitCode;
    it->info.error = error;
    it->info.ended = QDateTime::currentDateTimeUtc();
    qCInfo(lcSandbox) << "background process" << id << BackgroundProcess::stateName(state)
                      << (exitCode ? *exitCode : -1);
    const BackgroundProcess info = it->info;
    emit processChanged(info);
    trimEnded(info.sandboxId);
}

void ProcessService::trimEnded(const QString &sandboxId)
{
    QStringList ended;
    for (const QString &id : std::as_const(m_order)) {
        const Entry &e = m_entries[id];
        if (e.info.sandboxId == sandboxId && !e.info.isRunning())
            ended << id;
    }
    while (ended.size() > kKeptEnded) {
        const QString id = ended.takeFirst();
        m_entries.remove(id);
        m_order.removeAll(id);
    }
}

void ProcessService::stop(const QString &id, QObject *context, Done done)
{
    QPointer<QObject> guard(context);
    auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        if (done)
            done({}, tr("There is no background process %1.").arg(id));
        return;
    }
    if (!it->info.isRunning() || !it->client) {
        if (done)
            done(it->info, QString());
        return;
    }
    if (it->follower)
        it->follower->cancel();
    connect(it->client->deleteSession(it->sandbox, id), &DaytonaCall::finished, this,
            [this, id, guard, done](const DaytonaResult &r) {
                if (!r.ok() && r.error.kind != SandboxError::Kind::NotFound) {
                    // Still running: follow it again so its state stays true.
                    auto again = m_entries.find(id);
                    if (again != m_entries.end())
                        follow(*again);
                    if (guard && done)
                        done(m_entries.value(id).info,
                             tr("Could not stop it: %1").arg(errorText(r)));
                    return;
                }
                ended(id, BackgroundProcess::State::Stopped, std::nullopt, QString());
                if (guard && done)
                    done(m_entries.value(id).info, QString());
            });
}

ProcessOutputSlice ProcessService::slice(const Entry &entry, qint64 since) const
{
    ProcessOutputSlice s;
    const qint64 windowStart
        = entry.chunks.isEmpty() ? entry.info.outputEnd : entry.chunks.first().offset;
    since = qBound<qint64>(0, since, entry.info.outputEnd);
    if (since < windowStart) {
        s.dropped = windowStart - since;
        since = windowStart;
    }
    s.since = since;
    for (const ProcessOutputChunk &chunk : entry.chunks) {
        const qint64 end = chunk.offset + chunk.text.size();
        if (end <= since)
            continue;
        s.text += chunk.text.mid(qMax<qint64>(0, since - chunk.offset));
    }
    s.next = entry.info.outputEnd;
    s.running = entry.info.isRunning();
    s.exitCode = entry.info.exitCode;
    return s;
}

void ProcessService::read(
    const QString &id, qint64 since, int waitMs, QObject *context,
    std::function<void(const ProcessOutputSlice &slice, const QString &error)> done)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        done({}, tr("There is no background process %1.").arg(id));
        return;
    }
    if (it->follower)
        it->follower->poke();
    const bool ready = !it->info.isRunning() || it->info.outputEnd > since;
    if (ready || waitMs <= 0) {
        done(slice(*it, since), QString());
        return;
    }
    // Waits for output newer than `since` or the end, at most waitMs.
    auto *waiter = new QObject(context);
    auto answer = [this, id, since, waiter, done] {
        if (waiter->property("answered").toBool())
            return;
        waiter->setProperty("answered", true);
        waiter->deleteLater();
        done(slice(m_entries.value(id), since), QString());
    };
    connect(this, &ProcessService::processOutput, waiter, [id, answer](const QString &changed) {
        if (changed == id)
            answer();
    });
    connect(this, &ProcessService::processChanged, waiter,
            [id, answer](const BackgroundProcess &changed) {
                if (changed.id == id && !changed.isRunning())
                    answer();
            });
    QTimer::singleShot(waitMs, waiter, answer);
}

void ProcessService::adopt(DaytonaClient *client, const QString &provider, const Sandbox &sandbox)
{
    connect(client->listSessions(sandbox, false), &DaytonaCall::finished, this,
            [this, client, provider, sandbox](const DaytonaResult &r) {
                if (!r.ok())
                    return;
                for (const QJsonValue &v : r.json().array()) {
                    const QJsonObject session = v.toObject();
                    const QString id = session.value(QLatin1String("sessionId")).toString();
                    const QJsonArray commands = session.value(QLatin1String("commands")).toArray();
                    if (!isProcessSession(id) || m_entries.contains(id) || commands.isEmpty())
                        continue;
                    const QJsonObject command = commands.last().toObject();
                    Entry entry;
                    entry.client = client;
                    entry.sandbox = sandbox;
                    BackgroundProcess &p = entry.info;
                    p.id = id;
                    p.commandId = command.value(QLatin1String("id")).toString();
                    p.provider = provider;
                    p.sandboxId = sandbox.id;
                    p.command = command.value(QLatin1String("command")).toString();
                    // Shown as it was asked for, without the wrapping start() added.
                    const QString wrapped = QStringLiteral("(\n") + kPreamble;
                    if (p.command.startsWith(wrapped) && p.command.endsWith(QLatin1String("\n)"))) {
                        p.command = p.command.mid(wrapped.size());
                        p.command.chop(2);
                        if (p.command.startsWith(QLatin1String("cd -- ")))
                            p.command = p.command.mid(p.command.indexOf(QLatin1Char('\n')) + 1);
                    }
                    p.state = BackgroundProcess::State::Running;
                    if (command.value(QLatin1String("exitCode")).isDouble()) {
                        p.state = BackgroundProcess::State::Exited;
                        p.exitCode = command.value(QLatin1String("exitCode")).toInt();
                    }
                    m_entries.insert(id, entry);
                    m_order.append(id);
                    emit processStarted(p);
                    // Its whole log is read again from the start.
                    if (p.state == BackgroundProcess::State::Running)
                        follow(m_entries[id]);
                }
            });
}

void ProcessService::sandboxGone(const QString &sandboxId)
{
    const QStringList ids = m_order;
    for (const QString &id : ids) {
        const Entry &e = m_entries[id];
        if (e.info.sandboxId == sandboxId && e.info.isRunning())
            ended(id, BackgroundProcess::State::Stopped, std::nullopt,
                  tr("Its sandbox was stopped or deleted."));
    }
}

std::optional<BackgroundProcess> ProcessService::process(const QString &id) const
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return std::nullopt;
    return it->info;
}

QList<BackgroundProcess> ProcessService::processes() const
{
    QList<BackgroundProcess> out;
    for (const QString &id : m_order)
        out << m_entries.value(id).info;
    return out;
}

QList<BackgroundProcess> ProcessService::processesOf(const QString &sandboxId) const
{
    QList<BackgroundProcess> out;
    for (const QString &id : m_order) {
        const BackgroundProcess &p = m_entries[id].info;
        if (p.sandboxId == sandboxId)
            out << p;
    }
    return out;
}

QList<BackgroundProcess> ProcessService::processesStartedBy(RowId toolCallId) const
{
    QList<BackgroundProcess> out;
    for (const QString &id : m_order) {
        const BackgroundProcess &p = m_entries[id].info;
        if (toolCallId != 0 && p.toolCallId == toolCallId)
            out << p;
    }
    return out;
}

int ProcessService::runningCount(const QString &sandboxId) const
{
    int n = 0;
    for (const Entry &e : m_entries)
        n += e.info.sandboxId == sandboxId && e.info.isRunning() ? 1 : 0;
    return n;
}

QList<ProcessOutputChunk> ProcessService::output(const QString &id, qint64 since) const
{
    QList<ProcessOutputChunk> out;
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return out;
    for (const ProcessOutputChunk &chunk : it->chunks) {
        const qint64 end = chunk.offset + chunk.text.size();
        if (end <= since)
            continue;
        ProcessOutputChunk part = chunk;
        if (since > chunk.offset) {
            part.text = chunk.text.mid(since - chunk.offset);
            part.offset = since;
        }
        out << part;
    }
    return out;
}
