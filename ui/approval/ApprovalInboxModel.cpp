#include "ApprovalInboxModel.h"

#include "approval/ApprovalArguments.h"
#include "approval/ApprovalCenter.h"

ApprovalInboxModel::ApprovalInboxModel(ApprovalCenter &center, QObject *parent)
    : QAbstractTableModel(parent)
    , m_center(center)
{
    reload();
}

void ApprovalInboxModel::reload()
{
    // Grouped by thread, threads in the order they first asked, calls in the order asked:
    // Ctrl+A (one thread) then selects one block.
    const QList<ApprovalRequest> queue = m_center.pending();
    QList<RowId> threads;
    for (const ApprovalRequest &r : queue) {
        if (!threads.contains(r.threadId))
            threads.append(r.threadId);
    }
    QList<ApprovalRequest> rows;
    rows.reserve(queue.size());
    for (const RowId thread : std::as_const(threads)) {
        for (const ApprovalRequest &r : queue) {
            if (r.threadId == thread)
                rows.append(r);
        }
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int ApprovalInboxModel::rowOf(RowId toolCallRowId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).toolCallRowId == toolCallRowId)
            return row;
    }
    return -1;
}

int ApprovalInboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApprovalInboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApprovalInboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ApprovalRequest &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ThreadColumn:
            return m_center.threadTitle(r.threadId);
        case ToolColumn:
            return r.toolName;
        case SummaryColumn:
            return ApprovalArguments::summary(r.toolName, r.arguments);
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        QStringList lines{tr("%1 in %2").arg(r.toolName, m_center.threadTitle(r.threadId)),
                          ApprovalArguments::summary(r.toolName, r.arguments, 2000)};
        lines += r.effects;
        const QString reason = m_center.reasonFor(r.toolCallRowId);
        if (!reason.isEmpty())
            lines << tr("The agent said: %1").arg(ApprovalArguments::visible(reason));
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::AccessibleTextRole:
        return tr("%1 in %2: %3")
            .arg(r.toolName, m_center.threadTitle(r.threadId),
                 ApprovalArguments::summary(r.toolName, r.arguments));
    case ToolCallRowIdRole:
        return r.toolCallRowId;
    case ThreadIdRole:
        return r.threadId;
    default:
        return {};
    }
}

QVariant ApprovalInboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ThreadColumn:
        return tr("Thread");
    case ToolColumn:
        return tr("Tool");
    case SummaryColumn:
        return tr("What it does");
    default:
        return {};
    }
}
