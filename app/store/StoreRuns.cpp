// Store: runs, steps and tool calls (see Store.h).
#include "Store.h"

#include "store/StoreSql.h"

#include <QUuid>

using namespace StoreSql;

// --- runs and steps --------------------------------------------------------------------------

StoreResult<RunRecord> Store::createRun(RowId threadId, const QString &model, const QString &uuid)
{
    using Result = StoreResult<RunRecord>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    if (!uuid.isEmpty()) {
        Statement existing = prepare(QStringLiteral("SELECT ") + runColumns
                                     + QStringLiteral(" FROM runs WHERE uuid = ?"));
        existing.addBindValue(uuid);
        if (StoreStatus status = exec(existing, QStringLiteral("look up a run")); !status)
            return Result::failure(status.error());
        if (existing.next())
            return runFrom(existing);
    }
    RunRecord run;
    run.threadId = threadId;
    run.uuid = uuid.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : uuid;
    run.model = model;
    const qint64 time = now();
    run.startedAt = fromMs(time);
    Statement query
        = prepare(QStringLiteral("INSERT INTO runs (thread_id, uuid, status, model, started_at) "
                                 "SELECT id, ?, 'running', ?, ? FROM threads WHERE id = ?"));
    query.addBindValue(run.uuid);
    query.addBindValue(notNull(model));
    query.addBindValue(time);
    query.addBindValue(threadId);
    if (StoreStatus status = exec(query, QStringLiteral("start a run")); !status)
        return Result::failure(status.error());
    if (query.numRowsAffected() == 0)
        return Result::failure(
            QStringLiteral("Cannot start a run in thread %1: there is no such thread.")
                .arg(threadId));
    run.id = query.lastInsertId().toLongLong();
    flushInBackground(); // with the user's message before it
    return run;
}

StoreResult<RunRecord> Store::run(RowId id)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return StoreResult<RunRecord>::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + runColumns
                              + QStringLiteral(" FROM runs WHERE id = ?"));
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("read a run")); !status)
        return StoreResult<RunRecord>::failure(status.error());
    if (!query.next())
        return StoreResult<RunRecord>::failure(QStringLiteral("There is no run %1.").arg(id));
    return runFrom(query);
}

StoreResult<QList<RunRecord>> Store::listRuns(RowId threadId)
{
    using Result = StoreResult<QList<RunRecord>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + runColumns
                              + QStringLiteral(" FROM runs WHERE thread_id = ? ORDER BY id"));
    query.addBindValue(threadId);
    if (StoreStatus status = exec(query, QStringLiteral("list runs")); !status)
        return Result::failure(status.error());
    QList<RunRecord> runs;
    while (query.next())
        runs << runFrom(query);
    return runs;
}

StoreStatus Store::finishRun(RowId id, RunStatus status, const QString &error)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    if (status == RunStatus::Running)
        return StoreStatus::failure(QStringLiteral("finishRun needs a final status, not running."));
    Statement query = prepare(QStringLiteral("UPDATE runs SET status = ?, error = ?, finished_at = "
                                             "? WHERE id = ? AND status = 'running'"));
    query.addBindValue(StoreEnums::toString(status));
    query.addBindValue(notNull(error));
    query.addBindValue(now());
    query.addBindValue(id);
    if (StoreStatus result = exec(query, QStringLiteral("finish a run")); !result)
        return result;
    if (query.numRowsAffected() == 1) {
        flushInBackground();
        return {};
    }
    const StoreResult<RunRecord> existing = run(id);
    if (!existing)
        return StoreStatus::from(existing);
    return StoreStatus::failure(QStringLiteral("Run %1 has already finished (%2).")
                                    .arg(id)
                                    .arg(StoreEnums::toString(existing->status)));
}

StoreResult<StepRecord> Store::startStep(RowId runId)
{
    using Result = StoreResult<StepRecord>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    WriteTransaction transaction(m_db, &m_commits);
    if (!transaction.isActive())
        return Result::failure(failure(QStringLiteral("start a step"), transaction.error()));
    StepRecord step;
    step.runId = runId;
    const qint64 time = now();
    step.startedAt = fromMs(time);
    Statement query = prepare(QStringLiteral(
        "INSERT INTO steps (run_id, step_index, started_at) "
        "SELECT id, (SELECT COALESCE(MAX(step_index) + 1, 0) FROM steps WHERE run_id = runs.id), ? "
        "FROM runs WHERE id = ? AND status = 'running' RETURNING id, step_index"));
    query.addBindValue(time);
    query.addBindValue(runId);
    if (StoreStatus status = exec(query, QStringLiteral("start a step")); !status)
        return Result::failure(status.error());
    if (!query.next())
        return Result::failure(
            QStringLiteral("Cannot start a step in run %1: there is no such run, or it has "
                           "finished.")
                .arg(runId));
    step.id = query.value(0).toLongLong();
    step.index = query.value(1).toInt();
    query.finish();
    if (!transaction.commit())
        return Result::failure(failure(QStringLiteral("start a step"), transaction.error()));
    return step;
}

StoreStatus Store::finishStep(RowId stepId, const QString &finishReason, const TokenUsage &usage,
                              std::optional<qint64> timeToFirstTokenMs,
                              std::optional<qint64> durationMs)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    WriteTransaction transaction(m_db, &m_commits);
    if (!transaction.isActive())
        return StoreStatus::failure(failure(QStringLiteral("finish a step"), transaction.error()));
    Statement step = prepare(QStringLiteral(
        "UPDATE steps SET finish_reason = ?, input_tokens = ?, output_tokens = ?, "
        "total_tokens = ?, reasoning_tokens = ?, cached_tokens = ?, time_to_first_token_ms = ?, "
        "duration_ms = ?, finished_at = ? WHERE id = ? AND finished_at IS NULL"));
    step.addBindValue(notNull(finishReason));
    step.addBindValue(usage.inputTokens);
    step.addBindValue(usage.outputTokens);
    step.addBindValue(usage.totalTokens);
    step.addBindValue(usage.reasoningTokens);
    step.addBindValue(usage.cachedInputTokens);
    step.addBindValue(optionalMs(timeToFirstTokenMs));
    step.addBindValue(optionalMs(durationMs));
    step.addBindValue(now());
    step.addBindValue(stepId);
    if (StoreStatus status = exec(step, QStringLiteral("finish a step")); !status)
        return status;
    if (step.numRowsAffected() == 0)
        return StoreStatus::failure(
            QStringLiteral("Step %1 does not exist or has already finished.").arg(stepId));
    Statement run = prepare(QStringLiteral(
        "UPDATE runs SET input_tokens = input_tokens + ?, output_tokens = output_tokens + ?, "
        "total_tokens = total_tokens + ?, reasoning_tokens = reasoning_tokens + ?, "
        "cached_tokens = cached_tokens + ? WHERE id = (SELECT run_id FROM steps WHERE id = ?)"));
    run.addBindValue(usage.inputTokens);
    run.addBindValue(usage.outputTokens);
    run.addBindValue(usage.totalTokens);
    run.addBindValue(usage.reasoningTokens);
    run.addBindValue(usage.cachedInputTokens);
    run.addBindValue(stepId);
    if (StoreStatus status = exec(run, QStringLiteral("add a step's usage to its run")); !status)
        return status;
    if (!transaction.commit())
        return StoreStatus::failure(failure(QStringLiteral("finish a step"), transaction.error()));
    flushInBackground();
    return {};
}

StoreResult<QList<StepRecord>> Store::listSteps(RowId runId)
{
    using Result = StoreResult<QList<StepRecord>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + stepColumns
                              + QStringLiteral(" FROM steps WHERE run_id = ? ORDER BY step_index"));
    query.addBindValue(runId);
    if (StoreStatus status = exec(query, QStringLiteral("list steps")); !status)
        return Result::failure(status.error());
    QList<StepRecord> steps;
    while (query.next())
        steps << stepFrom(query);
    return steps;
}

// --- tool calls ------------------------------------------------------------------------------

StoreResult<ToolCallRecord> Store::toolCall(RowId id)
{
    using Result = StoreResult<ToolCallRecord>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + toolCallColumns
                              + QStringLiteral(" FROM tool_calls WHERE id = ?"));
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("read a tool call")); !status)
        return Result::failure(status.error());
    if (!query.next())
        return Result::failure(QStringLiteral("There is no tool call %1.").arg(id));
    return toolCallFrom(query);
}

StoreResult<ToolCallRecord> Store::proposeToolCall(const NewToolCall &call)
{
    using Result = StoreResult<ToolCallRecord>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    // The same provider id twice in a run (a retried write after a crash) is the same call.
    Statement existing
        = prepare(QStringLiteral("SELECT ") + toolCallColumns
                  + QStringLiteral(" FROM tool_calls WHERE run_id = ? AND call_id = ?"));
    existing.addBindValue(call.runId);
    existing.addBindValue(notNull(call.callId));
    if (StoreStatus status = exec(existing, QStringLiteral("look up a tool call")); !status)
        return Result::failure(status.error());
    if (existing.next())
        return toolCallFrom(existing);

    ToolCallRecord record;
    record.runId = call.runId;
    record.stepId = call.stepId;
    record.callId = call.callId;
    record.name = call.name;
    record.arguments = call.arguments;
    const qint64 time = now();
    record.proposedAt = fromMs(time);
    Statement query = prepare(QStringLiteral(
        "INSERT INTO tool_calls (run_id, step_id, call_id, name, arguments, status, proposed_at) "
        "VALUES (?, ?, ?, ?, ?, 'proposed', ?)"));
    query.addBindValue(call.runId);
    query.addBindValue(nullIfZero(call.stepId));
    query.addBindValue(notNull(call.callId));
    query.addBindValue(notNull(call.name));
    query.addBindValue(notNull(call.arguments));
    query.addBindValue(time);
    if (StoreStatus status = exec(query, QStringLiteral("save a tool call")); !status)
        return Result::failure(status.error());
    record.id = query.lastInsertId().toLongLong();
    return record;
}

namespace {
QString wrongState(RowId id, const char *action, const StoreResult<ToolCallRecord> &call)
{
    if (!call)
        return call.error();
    return QStringLiteral("Cannot %1 tool call %2 (%3): it is %4.")
        .arg(QLatin1String(action))
        .arg(id)
        .arg(call->name, StoreEnums::toString(call->status));
}
} // namespace

StoreStatus Store::decideToolCall(RowId id, ApprovalDecision decision, const QString &reason,
                                  const QString &editedArguments)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    if (decision == ApprovalDecision::None)
        return StoreStatus::failure(QStringLiteral("A decision must approve or deny the call."));
    const ToolCallStatus status
        = decision == ApprovalDecision::Denied ? ToolCallStatus::Denied : ToolCallStatus::Approved;
    Statement query = prepare(QStringLiteral(
        "UPDATE tool_calls SET status = ?, decision = ?, decision_reason = ?, decided_at = ?, "
        "arguments = CASE WHEN ? = '' THEN arguments ELSE ? END "
        "WHERE id = ? AND status = 'proposed'"));
    query.addBindValue(StoreEnums::toString(status));
    query.addBindValue(StoreEnums::toString(decision));
    query.addBindValue(notNull(reason));
    query.addBindValue(now());
    query.addBindValue(notNull(editedArguments));
    query.addBindValue(notNull(editedArguments));
    query.addBindValue(id);
    if (StoreStatus result = exec(query, QStringLiteral("save an approval decision")); !result)
        return result;
    if (query.numRowsAffected() == 1)
        return {};
    return StoreStatus::failure(wrongState(id, "decide on", toolCall(id)));
}

StoreStatus Store::startToolCall(RowId id)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query
        = prepare(QStringLiteral("UPDATE tool_calls SET status = 'running', started_at = ? "
                                 "WHERE id = ? AND status = 'approved'"));
    query.addBindValue(now());
    query.addBindValue(id);
    if (StoreStatus result = exec(query, QStringLiteral("start a tool call")); !result)
        return result;
    if (query.numRowsAffected() == 1) {
        // It acts outside the database: on disk soon, so that after a power cut it is less
        // likely to look as if it never started.
        flushInBackground();
        return {};
    }
    return StoreStatus::failure(wrongState(id, "start", toolCall(id)));
}

StoreStatus Store::finishToolCall(RowId id, ToolCallStatus status, const QString &result)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    if (status != ToolCallStatus::Done && status != ToolCallStatus::Failed)
        return StoreStatus::failure(QStringLiteral("A tool call finishes as done or failed."));
    Statement query
        = prepare(QStringLiteral("UPDATE tool_calls SET status = ?, result = ?, finished_at = ? "
                                 "WHERE id = ? AND status = 'running'"));
    query.addBindValue(StoreEnums::toString(status));
    query.addBindValue(notNull(result));
    query.addBindValue(now());
    query.addBindValue(id);
    if (StoreStatus outcome = exec(query, QStringLiteral("save a tool result")); !outcome)
        return outcome;
    if (query.numRowsAffected() == 1)
        return {};
    return StoreStatus::failure(wrongState(id, "finish", toolCall(id)));
}

StoreResult<QList<ToolCallRecord>> Store::listToolCalls(RowId runId)
{
    using Result = StoreResult<QList<ToolCallRecord>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + toolCallColumns
                              + QStringLiteral(" FROM tool_calls WHERE run_id = ? ORDER BY id"));
    query.addBindValue(runId);
    if (StoreStatus status = exec(query, QStringLiteral("list tool calls")); !status)
        return Result::failure(status.error());
    QList<ToolCallRecord> calls;
    while (query.next())
        calls << toolCallFrom(query);
    return calls;
}
