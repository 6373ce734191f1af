// RunTreeModel and background processes (issue 17): under each startProcess call, a
// "background processes" detail with one row per process it started, its state and exit code,
// kept current as the process service says they change.
#include "RunTreeModel.h"

#include "RunTreeNode.h"

#include <QJsonArray>
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
              tr("%1: %2").arg(tr("%n process(es)", nullptr, int(processes.size())),
                               states.join(QLatin1String(", "))));
}

void RunTreeModel::refreshProcesses(RowId toolCallRowId)
{
    if (CallNode *call = findCall(toolCallRowId))
        addProcesses(call);
}

QString RunTreeModel::processAt(const QModelIndex &index) const
{
    // Up from the row to the call's "background processes" detail, remembering which entry.
    const RunTreeNode *node = nodeOf(index.siblingAtColumn(NameColumn));
    const RunTreeNode *entry = nullptr;
    while (node && node->kind == RunTreeNode::Kind::Json && node->parent) {
        const auto *json = static_cast<const JsonNode *>(node);
        if (json->key == processesKey() && node->parent->kind == RunTreeNode::Kind::ToolCall) {
            const QJsonArray processes = json->value.toArray();
            if (processes.isEmpty())
                return {};
            const int i
                = entry && entry->row < processes.size() ? entry->row : int(processes.size()) - 1;
            return processes.at(i).toObject().value(QLatin1String("processId")).toString();
        }
        entry = node;
        node = node->parent;
    }
    return {};
}
