// RunTreeModel and background processes (issue 17): under each startProcess call, a
// "background processes" detail with one row per process it started, its state and exit code,
// kept current as the process service says they change.
#include "RunTreeModel.h"

#include "RunTreeNode.h"

#include <QJsonObject>

QString RunTreeModel::processesKey()
{
    return QStringLiteral("background processes");
}

void RunTreeModel::addProcesses(CallNode *call)
{
    if (!m_processes || !call->fetched)
        return;
    const QJsonArray processes = m_processes(call->call.id);
    if (processes.isEmpty())
        return;
    QStringList states;
    for (const QJsonValue &v : processes) {
        const QJsonObject p = v.toObject();
        const QString state = p.value(QLatin1String("state")).toString();
        states << (p.value(QLatin1String("exitCode")).isDouble()
                       ? tr("%1 (exit code %2)")
                             .arg(state)
                             .arg(p.value(QLatin1String("exitCode")).toInt())
                       : state);
    }
    setDetail(call, processesKey(), kRankProcesses, processes,
              tr("%1: %2").arg(processes.size() == 1 ? tr("1 process")
                                                     : tr("%1 processes").arg(processes.size()),
                               states.join(QLatin1String(", "))));
}

void RunTreeModel::refreshProcesses(RowId toolCallRowId)
{
    if (CallNode *call = findCall(toolCallRowId))
        addProcesses(call);
}
