// RunTreeModel and checkpoints: under each tool call that changed files, a "changed files"
// detail lists them; a file row leads to its diff in the Changes tab (InspectorPanel asks
// changedFileAt when it is clicked).
#include "RunTreeModel.h"

#include "RunTreeNode.h"

#include <QJsonArray>

QString RunTreeModel::changedFilesKey()
{
    return QStringLiteral("changed files");
}

void RunTreeModel::addChangedFiles(CallNode *call)
{
    if (!m_changedFiles || !call->fetched)
        return;
    const QStringList files = m_changedFiles(call->call.id);
    if (files.isEmpty())
        return;
    QJsonArray paths;
    for (const QString &path : files)
        paths.append(path);
    setDetail(call, changedFilesKey(), kRankChangedFiles, paths,
              tr("%1: %2").arg(tr("%n file(s)", nullptr, int(files.size())),
                               files.join(QLatin1String(", "))));
}

void RunTreeModel::refreshChangedFiles(RowId toolCallRowId)
{
    if (CallNode *call = findCall(toolCallRowId))
        addChangedFiles(call);
}

QString RunTreeModel::changedFileAt(const QModelIndex &index, RowId *toolCallRowId) const
{
    const RunTreeNode *node = nodeOf(index.siblingAtColumn(NameColumn));
    if (!node || node->kind != RunTreeNode::Kind::Json || !node->parent)
        return {};
    const auto *json = static_cast<const JsonNode *>(node);
    const RunTreeNode *parent = node->parent;
    if (json->key == changedFilesKey() && parent->kind == RunTreeNode::Kind::ToolCall) {
        const QJsonArray files = json->value.toArray();
        if (files.isEmpty())
            return {};
        if (toolCallRowId)
            *toolCallRowId = static_cast<const CallNode *>(parent)->call.id;
        return files.first().toString();
    }
    if (parent->kind == RunTreeNode::Kind::Json && parent->parent
        && parent->parent->kind == RunTreeNode::Kind::ToolCall
        && static_cast<const JsonNode *>(parent)->key == changedFilesKey()
        && json->value.isString()) {
        if (toolCallRowId)
            *toolCallRowId = static_cast<const CallNode *>(parent->parent)->call.id;
        return json->value.toString();
    }
    return {};
}
