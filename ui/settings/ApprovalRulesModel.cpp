#include "ApprovalRulesModel.h"

#include "services/ApprovalRules.h"

#include <QLocale>

ApprovalRulesModel::ApprovalRulesModel(ApprovalRules &rules, QObject *parent)
    : QAbstractTableModel(parent)
    , m_rules(rules)
{
    connect(&m_rules, &ApprovalRules::ruleAdded, this, &ApprovalRulesModel::upsert);
    connect(&m_rules, &ApprovalRules::ruleChanged, this, &ApprovalRulesModel::upsert);
    connect(&m_rules, &ApprovalRules::ruleRemoved, this, [this](RowId id) {
        const int row = rowOf(id);
        if (row < 0)
            return;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    });
    reload();
}

void ApprovalRulesModel::setThreadTitleLookup(std::function<QString(RowId)> lookup)
{
    m_titleOf = std::move(lookup);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, ScopeColumn), index(int(m_rows.size()) - 1, ScopeColumn));
}

void ApprovalRulesModel::reload()
{
    const auto all = m_rules.rules();
    beginResetModel();
    m_rows = all ? *all : QList<ApprovalRule>();
    endResetModel();
    if (!all) {
        m_error = all.error();
        emit errorOccurred(m_error);
    }
}

void ApprovalRulesModel::upsert(const ApprovalRule &rule)
{
    const int row = rowOf(rule.id);
    if (row >= 0) {
        m_rows[row] = rule;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_rows.append(rule);
    endInsertRows();
}

int ApprovalRulesModel::rowOf(RowId ruleId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == ruleId)
            return row;
    }
    return -1;
}

int ApprovalRulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApprovalRulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ApprovalRulesModel::scopeText(const ApprovalRule &rule) const
{
    QString scope;
    if (rule.everywhere()) {
        scope = tr("everywhere");
    } else {
        const QString title = m_titleOf ? m_titleOf(rule.threadId) : QString();
        scope = tr("thread %1").arg(title.isEmpty() ? QString::number(rule.threadId) : title);
    }
    if (!rule.sandboxId.isEmpty())
        scope += QLatin1Char(' ') + tr("(sandbox %1)").arg(rule.sandboxId.left(8));
    return scope;
}

QVariant ApprovalRulesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ApprovalRule &rule = m_rows.at(index.row());
    if (role == RuleIdRole)
        return rule.id;
    if (role == Qt::CheckStateRole && index.column() == EnabledColumn)
        return rule.enabled ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole)
        return rule.enabled ? rule.describe()
                            : QString(rule.describe() + QLatin1Char(' ') + tr("(disabled)"));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case EnabledColumn:
        return rule.enabled ? tr("on") : tr("off");
    case ActionColumn:
        switch (rule.action) {
        case ApprovalRule::Action::Allow:
            return tr("allow");
        case ApprovalRule::Action::Ask:
            return tr("ask");
        case ApprovalRule::Action::Deny:
            return tr("deny");
        }
        return {};
    case ToolColumn:
        return rule.tool == QLatin1String("*") ? tr("every tool") : rule.tool;
    case MatchColumn:
        switch (rule.match) {
        case ApprovalRule::Match::Any:
            return tr("any call");
        case ApprovalRule::Match::Exact:
            return tr("exactly %1").arg(rule.pattern);
        case ApprovalRule::Match::Prefix:
            return tr("starting with %1").arg(rule.pattern);
        case ApprovalRule::Match::Glob:
            return rule.pattern;
        }
        return {};
    case ScopeColumn:
        return scopeText(rule);
    case LastMatchedColumn:
        return rule.lastMatchedAt.isValid()
            ? QLocale().toString(rule.lastMatchedAt.toLocalTime(), QLocale::ShortFormat)
            : tr("never");
    case HitsColumn:
        return rule.hitCount;
    default:
        return {};
    }
}

bool ApprovalRulesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || index.column() != EnabledColumn || role != Qt::CheckStateRole)
        return false;
    const bool enabled = value.value<Qt::CheckState>() == Qt::Checked;
    // The service announces the change (ruleChanged), which updates the row.
    if (const StoreStatus saved = m_rules.setEnabled(m_rows.at(index.row()).id, enabled); !saved) {
        m_error = saved.error();
        emit errorOccurred(m_error);
        return false;
    }
    return true;
}

Qt::ItemFlags ApprovalRulesModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == EnabledColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant ApprovalRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EnabledColumn:
        return tr("On");
    case ActionColumn:
        return tr("Action");
    case ToolColumn:
        return tr("Tool");
    case MatchColumn:
        return tr("Matches");
    case ScopeColumn:
        return tr("Scope");
    case LastMatchedColumn:
        return tr("Last matched");
    case HitsColumn:
        return tr("Hits");
    default:
        return {};
    }
}
