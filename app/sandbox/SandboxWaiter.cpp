// SandboxWaiter: the SDK's waitUntilStarted / waitUntilStopped loop, on timers.
#include "sandbox/SandboxWaiter.h"

#include "sandbox/DaytonaClient.h"

#include <QJsonObject>

SandboxWaiter::SandboxWaiter(DaytonaClient *client, DaytonaCall *first, const QStringList &wanted,
                             int timeoutMs)
    : QObject(client)
    , m_client(client)
    , m_call(first)
    , m_wanted(wanted)
    , m_timeoutMs(timeoutMs)
{
    m_clock.start();
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &SandboxWaiter::poll);
    connect(first, &DaytonaCall::finished, this, &SandboxWaiter::onAnswer);
}

void SandboxWaiter::onAnswer(const DaytonaResult &result)
{
    m_call.clear();
    if (m_done)
        return;
    if (!result.ok()) {
        finish(result);
        return;
    }
    DaytonaResult r = result;
    r.sandbox = Sandbox::fromJson(result.json().object());
    if (!r.sandbox.id.isEmpty())
        m_sandboxId = r.sandbox.id;
    if (m_sandboxId.isEmpty()) {
        r.error
            = SandboxError::make(SandboxError::Kind::Protocol,
                                 QStringLiteral("The server's answer did not contain a sandbox."));
        finish(r);
        return;
    }
    const QString state = r.sandbox.state;
    if (m_statesSeen.isEmpty() || m_statesSeen.constLast() != state)
        m_statesSeen.append(state);
    if (m_wanted.contains(state)) {
        finish(r);
        return;
    }
    if (state == QLatin1String("error") || state == QLatin1String("build_failed")) {
        r.error = SandboxError::make(
            SandboxError::Kind::ServerError,
            QStringLiteral("The sandbox failed to reach \"%1\": it is in state "
                           "\"%2\"%3.")
                .arg(m_wanted.value(0), state,
                     r.sandbox.errorReason.isEmpty()
                         ? QString()
                         : QStringLiteral(" (%1)").arg(r.sandbox.errorReason)));
        finish(r);
        return;
    }
    const qint64 elapsed = m_clock.elapsed();
    if (m_timeoutMs > 0 && elapsed >= m_timeoutMs) {
        r.error = SandboxError::make(
            SandboxError::Kind::Timeout,
            QStringLiteral("The sandbox did not become \"%1\" within %2 s (last "
                           "state: \"%3\").")
                .arg(m_wanted.value(0))
                .arg(m_timeoutMs / 1000.0)
                .arg(state));
        finish(r);
        return;
    }
    if (elapsed >= 5000)
        m_interval = qMin(1000, int(m_interval * 1.1));
    int delay = m_interval;
    if (m_timeoutMs > 0)
        delay = int(qMin<qint64>(delay, m_timeoutMs - elapsed));
    m_pollTimer.start(delay);
}

void SandboxWaiter::poll()
{
    if (m_done || !m_client)
        return;
    ++m_polls;
    m_call = m_client->getSandbox(m_sandboxId);
    connect(m_call.data(), &DaytonaCall::finished, this, &SandboxWaiter::onAnswer);
}

void SandboxWaiter::cancel()
{
    if (m_done)
        return;
    if (m_call)
        m_call->cancel(); // reports Cancelled through onAnswer
    else {
        DaytonaResult r;
        r.error = SandboxError::make(SandboxError::Kind::Cancelled, QStringLiteral("Cancelled."));
        finish(r);
    }
}

void SandboxWaiter::finish(DaytonaResult result)
{
    m_done = true;
    m_pollTimer.stop();
    emit finished(result);
    deleteLater();
}
