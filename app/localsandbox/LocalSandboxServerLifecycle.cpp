// LocalSandboxServer's lifecycle: what counts as activity, when a sandbox is idle, the sweep
// that auto-stops idle sandboxes and auto-deletes stopped ones, and stopping a sandbox's
// commands, sessions and previews.
#include "localsandbox/LocalSandboxServer.h"

#include "core/Logging.h"
#include "localsandbox/EventSocket.h"
#include "localsandbox/HttpReplies.h"
#include "localsandbox/PreviewProxy.h"
#include "localsandbox/SandboxProcess.h"
#include "localsandbox/SandboxUsage.h"
#include "localsandbox/SessionManager.h"

#include <QDateTime>
#include <QJsonObject>

void LocalSandboxServer::noteActivity(const QString &sandboxId)
{
    m_lastActivity.insert(sandboxId, QDateTime::currentMSecsSinceEpoch());
    m_usage->wake(); // a session command may have started (they are not tracked)
}

bool LocalSandboxServer::keepsAwake(const QString &sandboxId) const
{
    return runningCount(sandboxId) > 0 || hasLiveProcesses(sandboxId);
}

qint64 LocalSandboxServer::lastActivityMs(const LocalSandboxRecord &record) const
{
    // A start, a stop or a change of the record counts as activity too.
    const qint64 updated
        = QDateTime::fromString(record.sandbox.updatedAt, Qt::ISODateWithMs).toMSecsSinceEpoch();
    return qMax(m_lastActivity.value(record.sandbox.id, 0), updated);
}

QJsonObject LocalSandboxServer::describe(const LocalSandboxRecord &record) const
{
    Sandbox s = record.sandbox;
    const bool started = s.state == QLatin1String("started");
    const SandboxUsageSample usage = m_usage->sample(s.id);
    s.memoryUsageBytes = started ? usage.memoryBytes : 0;
    s.cpuUsage = started ? usage.cpuCores : 0;
    const qint64 last = lastActivityMs(record);
    if (last > 0)
        s.lastActivityAt
            = QDateTime::fromMSecsSinceEpoch(last, Qt::UTC).toString(Qt::ISODateWithMs);
    return s.toJson();
}

bool LocalSandboxServer::stopSandbox(LocalSandboxRecord *record, bool *deleted, QString *error)
{
    killAll(record->sandbox.id);
    m_previews->closeSandbox(record->sandbox.id);
    *deleted = false;
    if (record->sandbox.autoDeleteInterval == 0) {
        *deleted = true;
        return deleteSandbox(record, error);
    }
    const QString oldState = record->sandbox.state;
    record->sandbox.state = QStringLiteral("stopped");
    record->sandbox.desiredState = QStringLiteral("stopped");
    record->sandbox.updatedAt = HttpReplies::timestampNow();
    if (!m_registry.save(*record, error))
        return false;
    m_events->stateChanged(record->sandbox, oldState);
    return true;
}

void LocalSandboxServer::sweepIdle()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 minute = m_options.minuteMs;
    QStringList toStop;
    QStringList toDelete;
    for (const LocalSandboxRecord &r : m_registry.all()) {
        const Sandbox &s = r.sandbox;
        const qint64 updated
            = QDateTime::fromString(s.updatedAt, Qt::ISODateWithMs).toMSecsSinceEpoch();
        if (s.state == QLatin1String("started") && s.autoStopInterval > 0) {
            // Running commands and live session processes are not idleness; the idle time
            // counts from when the last one ended (noteActivity).
            if (keepsAwake(s.id))
                continue;
            if (now - lastActivityMs(r) >= qint64(s.autoStopInterval) * minute)
                toStop.append(s.id);
        } else if (s.state == QLatin1String("stopped") && s.autoDeleteInterval > 0
                   && now - updated >= qint64(s.autoDeleteInterval) * minute) {
            toDelete.append(s.id);
        }
    }
    QString error;
    for (const QString &id : std::as_const(toStop)) {
        bool deleted = false;
        if (LocalSandboxRecord *r = m_registry.find(id); r && !stopSandbox(r, &deleted, &error))
            qCWarning(lcLocalSandbox) << "auto-stop of" << id << "failed:" << error;
        else
            qCInfo(lcLocalSandbox)
                << "auto-stopped idle sandbox" << id << (deleted ? "(and deleted it)" : "");
    }
    for (const QString &id : std::as_const(toDelete)) {
        if (LocalSandboxRecord *r = m_registry.find(id); r && !deleteSandbox(r, &error))
            qCWarning(lcLocalSandbox) << "auto-delete of" << id << "failed:" << error;
    }
}

void LocalSandboxServer::killAll(const QString &sandboxId, const QString &reason)
{
    m_sessions->closeSandbox(sandboxId, reason);
    const QList<QPointer<SandboxProcess>> processes = m_running.values(sandboxId);
    for (const QPointer<SandboxProcess> &p : processes) {
        if (p)
            p->kill(reason);
    }
}

void LocalSandboxServer::stopCommands(const QString &sandboxId, const QString &reason)
{
    killAll(sandboxId, reason);
}
