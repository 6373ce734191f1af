// The rows of Settings > Approvals: every approval rule (enabled or not) with its action, tool,
// what it matches, its scope, when it last decided a call and how often. Reads ApprovalRules
// and follows what it announces (added, changed, removed), also rules another process adds.
#pragma once

#include "agent/ApprovalRule.h"

#include <QAbstractTableModel>
#include <QList>

#include <functional>

class ApprovalRules;

class ApprovalRulesModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        EnabledColumn,
        ActionColumn,
        ToolColumn,
        MatchColumn,
        ScopeColumn,
        LastMatchedColumn,
        HitsColumn,
        ColumnCount
    };
    enum Role { RuleIdRole = Qt::UserRole + 1 };

    explicit ApprovalRulesModel(ApprovalRules &rules, QObject *parent = nullptr);

    // Names the threads of thread-scoped rules ("Thread 7" without it).
    void setThreadTitleLookup(std::function<QString(RowId)> lookup);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const ApprovalRule &rule(int row) const { return m_rows.at(row); }
    int rowOf(RowId ruleId) const;
    QString lastError() const { return m_error; }
    void reload();

signals:
    void errorOccurred(const QString &message);

private:
    void upsert(const ApprovalRule &rule);
    QString scopeText(const ApprovalRule &rule) const;

    ApprovalRules &m_rules;
    QList<ApprovalRule> m_rows;
    std::function<QString(RowId)> m_titleOf;
    QString m_error;
};
