// Store: approval rules, each thread's approval mode, how the gate decided each tool call, and
// the plans of plan-mode runs (schema 4, issue 16; see Store.h).
#include "Store.h"

#include "store/StoreSql.h"

using namespace StoreSql;

namespace {

const QString ruleColumns = QStringLiteral(
    "id, action, tool, match, pattern, sandbox_id, thread_id, enabled, note, created_at, "
    "updated_at, last_matched_at, hit_count");

ApprovalRule ruleFrom(const QSqlQuery &query)
{
    ApprovalRule rule;
    rule.id = query.value(0).toLongLong();
    // An unknown action (a newer app wrote it) is read as ask: never more permissive.
    rule.action = ApprovalRule::actionFromString(query.value(1).toString())
                      .value_or(ApprovalRule::Action::Ask);
    rule.tool = query.value(2).toString();
    const auto match = ApprovalRule::matchFromString(query.value(3).toString());
    rule.match = match.value_or(ApprovalRule::Match::Exact);
    rule.pattern = query.value(4).toString();
    rule.sandboxId = query.value(5).toString();
    rule.threadId = query.value(6).toLongLong();
    rule.enabled = query.value(7).toBool();
    // An allow rule whose narrowing this version cannot read would allow too much: disabled.
    if (!match && rule.action == ApprovalRule::Action::Allow)
        rule.enabled = false;
    rule.note = query.value(8).toString();
    rule.createdAt = fromMs(query.value(9));
    rule.updatedAt = fromMs(query.value(10));
    rule.lastMatchedAt = fromMs(query.value(11));
    rule.hitCount = query.value(12).toInt();
    return rule;
}

const QString planColumns
    = QStringLiteral("id, thread_id, run_id, text, status, mode, reason, created_at, decided_at");

PlanRecord planFrom(const QSqlQuery &query)
{
    PlanRecord plan;
    plan.id = query.value(0).toLongLong();
    plan.threadId = query.value(1).toLongLong();
    plan.runId = query.value(2).toLongLong();
    plan.text = query.value(3).toString();
    plan.status = StoreEnums::planStatusFrom(query.value(4).toString());
    plan.mode = query.value(5).toString();
    plan.reason = query.value(6).toString();
    plan.createdAt = fromMs(query.value(7));
    plan.decidedAt = fromMs(query.value(8));
    return plan;
}

} // namespace

// --- rules -----------------------------------------------------------------------------------

StoreResult<ApprovalRule> Store::addApprovalRule(const ApprovalRule &rule)
{
    using Result = StoreResult<ApprovalRule>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    QString invalid;
    if (!rule.isValid(&invalid))
        return Result::failure(invalid);
    const qint64 time = now();
    Statement query = prepare(
        QStringLiteral("INSERT INTO approval_rules (action, tool, match, pattern, sandbox_id, "
                       "thread_id, enabled, note, created_at, updated_at) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ")
        + ruleColumns);
    query.addBindValue(ApprovalRule::toString(rule.action));
    query.addBindValue(notNull(rule.tool.trimmed()));
    query.addBindValue(ApprovalRule::toString(rule.match));
    query.addBindValue(notNull(rule.match == ApprovalRule::Match::Any ? QString() : rule.pattern));
    query.addBindValue(notNull(rule.sandboxId.trimmed()));
    query.addBindValue(nullIfZero(rule.threadId));
    query.addBindValue(rule.enabled ? 1 : 0);
    query.addBindValue(notNull(rule.note));
    query.addBindValue(time);
    query.addBindValue(time);
    if (StoreStatus status = exec(query, QStringLiteral("add an approval rule")); !status) {
        if (status.error().contains(QLatin1String("FOREIGN KEY")))
            return Result::failure(QStringLiteral("There is no thread %1.").arg(rule.threadId));
        return Result::failure(status.error());
    }
    if (!query.next())
        return Result::failure(
            failure(QStringLiteral("add an approval rule"), QStringLiteral("no row came back")));
    ApprovalRule saved = ruleFrom(query);
    query.finish();
    return saved;
}

StoreResult<ApprovalRule> Store::updateApprovalRule(const ApprovalRule &rule)
{
    using Result = StoreResult<ApprovalRule>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    QString invalid;
    if (!rule.isValid(&invalid))
        return Result::failure(invalid);
    Statement query = prepare(
        QStringLiteral("UPDATE approval_rules SET action = ?, tool = ?, match = ?, pattern = ?, "
                       "sandbox_id = ?, thread_id = ?, enabled = ?, note = ?, updated_at = ? "
                       "WHERE id = ? RETURNING ")
        + ruleColumns);
    query.addBindValue(ApprovalRule::toString(rule.action));
    query.addBindValue(notNull(rule.tool.trimmed()));
    query.addBindValue(ApprovalRule::toString(rule.match));
    query.addBindValue(notNull(rule.match == ApprovalRule::Match::Any ? QString() : rule.pattern));
    query.addBindValue(notNull(rule.sandboxId.trimmed()));
    query.addBindValue(nullIfZero(rule.threadId));
    query.addBindValue(rule.enabled ? 1 : 0);
    query.addBindValue(notNull(rule.note));
    query.addBindValue(now());
    query.addBindValue(rule.id);
    if (StoreStatus status = exec(query, QStringLiteral("change an approval rule")); !status) {
        if (status.error().contains(QLatin1String("FOREIGN KEY")))
            return Result::failure(QStringLiteral("There is no thread %1.").arg(rule.threadId));
        return Result::failure(status.error());
    }
    if (!query.next())
        return Result::failure(QStringLiteral("There is no approval rule %1.").arg(rule.id));
    ApprovalRule saved = ruleFrom(query);
    query.finish();
    return saved;
}

StoreStatus Store::deleteApprovalRule(RowId id)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query = prepare(QStringLiteral("DELETE FROM approval_rules WHERE id = ?"));
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("delete an approval rule")); !status)
        return status;
    if (query.numRowsAffected() == 0)
        return StoreStatus::failure(QStringLiteral("There is no approval rule %1.").arg(id));
    return {};
}

StoreResult<ApprovalRule> Store::approvalRule(RowId id)
{
    using Result = StoreResult<ApprovalRule>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + ruleColumns
                              + QStringLiteral(" FROM approval_rules WHERE id = ?"));
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("read an approval rule")); !status)
        return Result::failure(status.error());
    if (!query.next())
        return Result::failure(QStringLiteral("There is no approval rule %1.").arg(id));
    return ruleFrom(query);
}

StoreResult<QList<ApprovalRule>> Store::listApprovalRules(RowId threadId, bool enabledOnly)
{
    using Result = StoreResult<QList<ApprovalRule>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    QString sql
        = QStringLiteral("SELECT ") + ruleColumns + QStringLiteral(" FROM approval_rules WHERE 1");
    if (threadId != 0)
        sql += QStringLiteral(" AND (thread_id IS NULL OR thread_id = ?)");
    if (enabledOnly)
        sql += QStringLiteral(" AND enabled = 1");
    sql += QStringLiteral(" ORDER BY thread_id IS NOT NULL, thread_id, id");
    Statement query = prepare(sql);
    if (threadId != 0)
        query.addBindValue(threadId);
    if (StoreStatus status = exec(query, QStringLiteral("list the approval rules")); !status)
        return Result::failure(status.error());
    QList<ApprovalRule> rules;
    while (query.next()) {
        ApprovalRule rule = ruleFrom(query);
        if (enabledOnly && !rule.enabled)
            continue;
        rules << rule;
    }
    return rules;
}

StoreStatus Store::recordApprovalRuleHits(const QList<RowId> &ids)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    if (ids.isEmpty())
        return {};
    WriteTransaction transaction(m_db, &m_commits);
    if (!transaction.isActive())
        return StoreStatus::failure(
            failure(QStringLiteral("count an approval rule's matches"), transaction.error()));
    const qint64 time = now();
    for (RowId id : ids) {
        Statement query
            = prepare(QStringLiteral("UPDATE approval_rules SET hit_count = "
                                     "hit_count + 1, last_matched_at = ? WHERE id = ?"));
        query.addBindValue(time);
        query.addBindValue(id);
        if (StoreStatus status = exec(query, QStringLiteral("count an approval rule's matches"));
            !status)
            return status;
    }
    if (!transaction.commit())
        return StoreStatus::failure(
            failure(QStringLiteral("count an approval rule's matches"), transaction.error()));
    return {};
}

// --- modes -----------------------------------------------------------------------------------

StoreResult<QString> Store::threadApprovalMode(RowId threadId)
{
    using Result = StoreResult<QString>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query
        = prepare(QStringLiteral("SELECT mode FROM thread_approval_modes WHERE thread_id = ?"));
    query.addBindValue(threadId);
    if (StoreStatus status = exec(query, QStringLiteral("read a thread's approval mode")); !status)
        return Result::failure(status.error());
    return query.next() ? query.value(0).toString() : QString();
}

StoreStatus Store::setThreadApprovalMode(RowId threadId, const QString &mode)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query = prepare(
        mode.isEmpty()
            ? QStringLiteral("DELETE FROM thread_approval_modes WHERE thread_id = ?")
            : QStringLiteral("INSERT INTO thread_approval_modes (thread_id, mode, updated_at) "
                             "VALUES (?, ?, ?) ON CONFLICT (thread_id) DO UPDATE SET "
                             "mode = excluded.mode, updated_at = excluded.updated_at"));
    query.addBindValue(threadId);
    if (!mode.isEmpty()) {
        query.addBindValue(mode);
        query.addBindValue(now());
    }
    if (StoreStatus status = exec(query, QStringLiteral("set a thread's approval mode")); !status) {
        if (status.error().contains(QLatin1String("FOREIGN KEY")))
            return StoreStatus::failure(QStringLiteral("There is no thread %1.").arg(threadId));
        return status;
    }
    return {};
}

StoreResult<QHash<RowId, QString>> Store::threadApprovalModes()
{
    using Result = StoreResult<QHash<RowId, QString>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT thread_id, mode FROM thread_approval_modes"));
    if (StoreStatus status = exec(query, QStringLiteral("read the threads' approval modes"));
        !status)
        return Result::failure(status.error());
    QHash<RowId, QString> modes;
    while (query.next())
        modes.insert(query.value(0).toLongLong(), query.value(1).toString());
    return modes;
}

StoreStatus Store::recordToolCallApproval(RowId toolCallId, const ToolCallApproval &approval)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query = prepare(QStringLiteral(
        "INSERT INTO tool_call_approvals (tool_call_id, mode, rule_id, rule, reason) VALUES "
        "(?, ?, ?, ?, ?) ON CONFLICT (tool_call_id) DO UPDATE SET mode = excluded.mode, "
        "rule_id = excluded.rule_id, rule = excluded.rule, reason = excluded.reason"));
    query.addBindValue(toolCallId);
    query.addBindValue(notNull(approval.mode));
    query.addBindValue(nullIfZero(approval.ruleId));
    query.addBindValue(notNull(approval.rule));
    query.addBindValue(notNull(approval.reason));
    if (StoreStatus status = exec(query, QStringLiteral("record how a tool call was decided"));
        !status) {
        if (status.error().contains(QLatin1String("FOREIGN KEY")))
            return StoreStatus::failure(
                QStringLiteral("There is no tool call %1.").arg(toolCallId));
        return status;
    }
    return {};
}

StoreStatus Store::decideToolCall(RowId id, ApprovalDecision decision, const QString &reason,
                                  const QString &editedArguments, const ToolCallApproval &approval)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    WriteTransaction transaction(m_db, &m_commits);
    if (!transaction.isActive())
        return StoreStatus::failure(
            failure(QStringLiteral("save an approval decision"), transaction.error()));
    if (StoreStatus status = decideToolCall(id, decision, reason, editedArguments); !status)
        return status;
    if (StoreStatus status = recordToolCallApproval(id, approval); !status)
        return status;
    if (!transaction.commit())
        return StoreStatus::failure(
            failure(QStringLiteral("save an approval decision"), transaction.error()));
    return {};
}

// --- plans -----------------------------------------------------------------------------------

StoreResult<PlanRecord> Store::addPlan(RowId threadId, RowId runId, const QString &text)
{
    using Result = StoreResult<PlanRecord>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(
        QStringLiteral("INSERT INTO plans (thread_id, run_id, text, status, created_at) VALUES "
                       "(?, ?, ?, ?, ?) RETURNING ")
        + planColumns);
    query.addBindValue(threadId);
    query.addBindValue(nullIfZero(runId));
    query.addBindValue(notNull(text));
    query.addBindValue(StoreEnums::toString(PlanStatus::Pending));
    query.addBindValue(now());
    if (StoreStatus status = exec(query, QStringLiteral("save a plan")); !status) {
        if (status.error().contains(QLatin1String("FOREIGN KEY")))
            return Result::failure(QStringLiteral("There is no thread %1.").arg(threadId));
        return Result::failure(status.error());
    }
    if (!query.next())
        return Result::failure(
            failure(QStringLiteral("save a plan"), QStringLiteral("no row came back")));
    PlanRecord saved = planFrom(query);
    query.finish();
    return saved;
}

StoreResult<PlanRecord> Store::plan(RowId id)
{
    using Result = StoreResult<PlanRecord>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + planColumns
                              + QStringLiteral(" FROM plans WHERE id = ?"));
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("read a plan")); !status)
        return Result::failure(status.error());
    if (!query.next())
        return Result::failure(QStringLiteral("There is no plan %1.").arg(id));
    return planFrom(query);
}

StoreResult<std::optional<PlanRecord>> Store::pendingPlan(RowId threadId)
{
    using Result = StoreResult<std::optional<PlanRecord>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + planColumns
                              + QStringLiteral(" FROM plans WHERE thread_id = ? AND status = ? "
                                               "ORDER BY id DESC LIMIT 1"));
    query.addBindValue(threadId);
    query.addBindValue(StoreEnums::toString(PlanStatus::Pending));
    if (StoreStatus status = exec(query, QStringLiteral("read a thread's plan")); !status)
        return Result::failure(status.error());
    if (!query.next())
        return std::optional<PlanRecord>();
    return std::optional<PlanRecord>(planFrom(query));
}

StoreStatus Store::decidePlan(RowId id, PlanStatus status, const QString &text, const QString &mode,
                              const QString &reason)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    if (status == PlanStatus::Pending)
        return StoreStatus::failure(QStringLiteral("A plan is decided as approved or rejected."));
    // Only a pending plan is decided, once: a second answer (another window) changes nothing.
    Statement query = prepare(QStringLiteral(
        "UPDATE plans SET status = ?, text = CASE WHEN ? = '' THEN text ELSE ? END, mode = ?, "
        "reason = ?, decided_at = ? WHERE id = ? AND status = ?"));
    query.addBindValue(StoreEnums::toString(status));
    query.addBindValue(notNull(text));
    query.addBindValue(notNull(text));
    query.addBindValue(notNull(mode));
    query.addBindValue(notNull(reason));
    query.addBindValue(now());
    query.addBindValue(id);
    query.addBindValue(StoreEnums::toString(PlanStatus::Pending));
    if (StoreStatus result = exec(query, QStringLiteral("decide a plan")); !result)
        return result;
    if (query.numRowsAffected() == 0)
        return StoreStatus::failure(
            QStringLiteral("Plan %1 does not exist or was already decided.").arg(id));
    return {};
}

StoreStatus Store::reopenPlan(RowId id)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query = prepare(QStringLiteral(
        "UPDATE plans SET status = ?, mode = '', reason = '', decided_at = NULL WHERE id = ?"));
    query.addBindValue(StoreEnums::toString(PlanStatus::Pending));
    query.addBindValue(id);
    return exec(query, QStringLiteral("reopen a plan"));
}
