// The rows of the approval inbox: every tool call that waits for a person, across threads,
// grouped by thread (in the order the threads first asked), with its thread, tool and a
// one-line summary. Reads ApprovalCenter's queue and follows it (queueChanged).
#pragma once

#include "agent/Approver.h"

#include <QAbstractTableModel>
#include <QList>

class ApprovalCenter;

class ApprovalInboxModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ThreadColumn, ToolColumn, SummaryColumn, ColumnCount };
    enum Role { ToolCallRowIdRole = Qt::UserRole + 1, ThreadIdRole };

    explicit ApprovalInboxModel(ApprovalCenter &center, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const ApprovalRequest &request(int row) const { return m_rows.at(row); }
    // The row of a call; -1 when it does not wait (any more).
    int rowOf(RowId toolCallRowId) const;

    // Reads the center's queue again. Views keep their selection by call id
    // (ApprovalInbox does), since a reset forgets it.
    void reload();

private:
    ApprovalCenter &m_center;
    QList<ApprovalRequest> m_rows;
};
