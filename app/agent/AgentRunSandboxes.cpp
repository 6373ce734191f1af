// AgentRun and the lifecycle of its sandboxes (issue 17): while a run goes on, the sandboxes
// it used are told now and then that they are in use (the time the agent thinks between calls
// is not idle time), and when a call finds the thread's sandbox stopped (auto-stop after idle
// minutes) and starts it again, the user sees that in the chat.
#include "AgentRun.h"

#include "services/SandboxService.h"

void AgentRun::noteSandboxUsed(const QString &id)
{
    if (id.trimmed().isEmpty() || m_finished)
        return;
    m_usedSandboxes.insert(id.trimmed());
    if (!m_keepAlive.isActive())
        m_keepAlive.start();
}

void AgentRun::keepSandboxesAwake()
{
    if (m_finished) {
        m_keepAlive.stop();
        return;
    }
    for (const QString &id : std::as_const(m_usedSandboxes))
        m_services.sandboxService.keepAlive(m_options.sandboxProvider, id);
}

void AgentRun::announceSandboxStart(const Sandbox &sandbox)
{
    if (m_finished)
        return;
    const QString name = sandbox.name.isEmpty() ? sandbox.id : sandbox.name;
    RunEvent e = event(RunEvent::Type::SandboxNotice);
    if (sandbox.state == QLatin1String("archived"))
        e.text = QStringLiteral("Starting the archived sandbox %1 again.").arg(name);
    else if (sandbox.state == QLatin1String("stopped") && sandbox.autoStopInterval > 0)
        e.text = QStringLiteral("Starting sandbox %1 again (it stops after %2 idle minutes).")
                     .arg(name)
                     .arg(sandbox.autoStopInterval);
    else
        e.text = QStringLiteral("Starting sandbox %1 again (it was %2).").arg(name, sandbox.state);
    qCInfo(lcAgent).noquote() << e.text;
    emitEvent(e);
}
