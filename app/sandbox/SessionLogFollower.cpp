// SessionLogFollower: status, then log, then wait; the exit code is written after the output
// is flushed (contract.md §5.3), so the log read after an exit code is seen is complete.
#include "sandbox/SessionLogFollower.h"

#include "sandbox/DaytonaClient.h"

#include <QJsonObject>

namespace {
// Errors in a row (connection, 5xx) after which the follower gives up.
constexpr int kMaxFailures = 5;
} // namespace

SessionLogFollower::SessionLogFollower(DaytonaClient *client, const Sandbox &sandbox,
                                       const QString &sessionId, const QString &commandId,
                                       int intervalMs)
    : QObject(client)
    , m_client(client)
    , m_sandbox(sandbox)
    , m_sessionId(sessionId)
    , m_commandId(commandId)
{
    qRegisterMetaType<SessionCommandEnd>();
    m_timer.setSingleShot(true);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &SessionLogFollower::tick);
    QTimer::singleShot(0, this, &SessionLogFollower::tick);
}

void SessionLogFollower::poke()
{
    if (m_done || m_inFlight)
        return; // the answer in flight is as fresh
    m_timer.stop();
    tick();
}

void SessionLogFollower::cancel()
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    if (m_inFlight)
        m_inFlight->cancel();
    deleteLater();
}

void SessionLogFollower::tick()
{
    if (m_done || m_inFlight || !m_client)
        return;
    m_inFlight = m_client->sessionCommand(m_sandbox, m_sessionId, m_commandId);
    connect(m_inFlight, &DaytonaCall::finished, this, [this](const DaytonaResult &r) {
        m_inFlight = nullptr;
        if (m_done)
            return;
        if (!r.ok()) {
            failed(r);
            return;
        }
        const QJsonValue code = r.json().object().value(QLatin1String("exitCode"));
        const bool exited = code.isDouble();
        readLog(exited, exited ? std::optional<int>(code.toInt()) : std::nullopt);
    });
}

void SessionLogFollower::readLog(bool exited, std::optional<int> exitCode)
{
    m_inFlight = m_client->sessionCommandLogs(m_sandbox, m_sessionId, m_commandId);
    connect(m_inFlight, &DaytonaCall::finished, this,
            [this, exited, exitCode](const DaytonaResult &r) {
                m_inFlight = nullptr;
                if (m_done)
                    return;
                if (!r.ok()) {
                    failed(r);
                    return;
                }
                m_failures = 0;
                const QByteArray fresh = newPart(DaytonaClient::rawSessionLog(r));
                if (!fresh.isEmpty()) {
                    const auto chunks = m_demuxer.feed(fresh);
                    for (const auto &chunk : chunks)
                        emit output(chunk.stream, chunk.data);
                }
                if (m_done)
                    return; // a listener cancelled
                if (exited) {
                    for (const auto &chunk : m_demuxer.finish())
                        emit output(chunk.stream, chunk.data);
                    end({exitCode, {}});
                    return;
                }
                m_timer.start();
            });
}

QByteArray SessionLogFollower::newPart(const QByteArray &log)
{
    // Usually the log only grew. A server that keeps only the newest output (agent-sandboxd
    // keeps 1 MiB) drops its head instead: then what follows the last bytes seen is new.
    QByteArray fresh;
    const qsizetype tailStart = m_position - m_tail.size();
    if (m_position <= log.size() && log.mid(tailStart, m_tail.size()) == m_tail) {
        fresh = log.mid(m_position);
    } else {
        const qsizetype at = m_tail.isEmpty() ? -1 : log.lastIndexOf(m_tail);
        fresh = at >= 0 ? log.mid(at + m_tail.size()) : log;
    }
    m_position = log.size();
    m_tail = log.right(kTailBytes);
    return fresh;
}

void SessionLogFollower::failed(const DaytonaResult &result)
{
    const auto kind = result.error.kind;
    const bool transient = kind == SandboxError::Kind::Connection
        || kind == SandboxError::Kind::Timeout || result.httpStatus >= 500;
    if (transient && ++m_failures < kMaxFailures) {
        m_timer.start();
        return;
    }
    end({std::nullopt, result.error});
}

void SessionLogFollower::end(const SessionCommandEnd &end)
{
    m_done = true;
    m_timer.stop();
    emit finished(end);
    deleteLater();
}
