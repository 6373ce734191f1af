// See StoreSql.h.
#include "StoreSql.h"

#include "store/Store.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlError>

namespace StoreSql {

WriteTransaction::WriteTransaction(const QSqlDatabase &db, StoreCommitStats *stats)
    : m_db(db)
    , m_stats(stats)
{
    QSqlQuery query(m_db);
    m_active = query.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!m_active)
        m_error = query.lastError().text();
    if (m_active && m_stats)
        m_stats->inTransaction = true;
}

WriteTransaction::~WriteTransaction()
{
    if (m_active) {
        QSqlQuery query(m_db);
        query.exec(QStringLiteral("ROLLBACK")); // nothing more to do if even this fails
    }
    if (m_stats)
        m_stats->inTransaction = false;
}

bool WriteTransaction::commit()
{
    QElapsedTimer timer;
    timer.start();
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        m_error = query.lastError().text();
        return false;
    }
    m_active = false;
    if (m_stats) {
        m_stats->inTransaction = false;
        ++m_stats->commits;
        m_stats->nanoseconds += timer.nsecsElapsed();
    }
    return true;
}

Statement::Statement(std::shared_ptr<StatementSlot> slot)
    : QSqlQuery(std::move(slot->query)) // QSqlQuery is not meant to be copied
    , m_slot(std::move(slot))
{
    m_slot->inUse = true;
}

Statement::Statement(QSqlQuery query)
    : QSqlQuery(std::move(query))
{
}

Statement::~Statement()
{
    if (m_slot) {
        finish(); // sqlite3_reset: ends its read, if it was one
        QSqlQuery &self = *this;
        m_slot->query = std::move(self);
        m_slot->inUse = false;
    }
}

const QString threadColumns
    = QStringLiteral("id, uuid, title, model, created_at, updated_at, pinned, archived");

ThreadRecord threadFrom(const QSqlQuery &query)
{
    ThreadRecord thread;
    thread.id = query.value(0).toLongLong();
    thread.uuid = query.value(1).toString();
    thread.title = query.value(2).toString();
    thread.model = query.value(3).toString();
    thread.createdAt = fromMs(query.value(4));
    thread.updatedAt = fromMs(query.value(5));
    thread.pinned = query.value(6).toBool();
    thread.archived = query.value(7).toBool();
    return thread;
}

const QString messageColumns = QStringLiteral(
    "id, thread_id, run_id, uuid, position, role, status, parts, created_at, updated_at");

MessageRecord messageFrom(const QSqlQuery &query)
{
    MessageRecord message;
    message.id = query.value(0).toLongLong();
    message.threadId = query.value(1).toLongLong();
    message.runId = query.value(2).toLongLong();
    message.uuid = query.value(3).toString();
    message.position = query.value(4).toInt();
    message.role = StoreEnums::messageRoleFrom(query.value(5).toString());
    message.status = StoreEnums::messageStatusFrom(query.value(6).toString());
    message.parts = QJsonDocument::fromJson(query.value(7).toString().toUtf8()).array();
    message.createdAt = fromMs(query.value(8));
    message.updatedAt = fromMs(query.value(9));
    return message;
}

const QString runColumns = QStringLiteral(
    "id, thread_id, uuid, status, model, input_tokens, output_tokens, total_tokens, "
    "reasoning_tokens, cached_tokens, started_at, finished_at, error");

namespace {
TokenUsage usageFrom(const QSqlQuery &query, int first)
{
    TokenUsage usage;
    usage.inputTokens = query.value(first).toLongLong();
    usage.outputTokens = query.value(first + 1).toLongLong();
    usage.totalTokens = query.value(first + 2).toLongLong();
    usage.reasoningTokens = query.value(first + 3).toLongLong();
    usage.cachedInputTokens = query.value(first + 4).toLongLong();
    return usage;
}
std::optional<qint64> optionalFrom(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}
} // namespace

RunRecord runFrom(const QSqlQuery &query)
{
    RunRecord run;
    run.id = query.value(0).toLongLong();
    run.threadId = query.value(1).toLongLong();
    run.uuid = query.value(2).toString();
    run.status = StoreEnums::runStatusFrom(query.value(3).toString());
    run.model = query.value(4).toString();
    run.usage = usageFrom(query, 5);
    run.startedAt = fromMs(query.value(10));
    run.finishedAt = fromMs(query.value(11));
    run.error = query.value(12).toString();
    return run;
}

const QString stepColumns = QStringLiteral(
    "id, run_id, step_index, finish_reason, input_tokens, output_tokens, total_tokens, "
    "reasoning_tokens, cached_tokens, time_to_first_token_ms, duration_ms, started_at, "
    "finished_at");

StepRecord stepFrom(const QSqlQuery &query)
{
    StepRecord step;
    step.id = query.value(0).toLongLong();
    step.runId = query.value(1).toLongLong();
    step.index = query.value(2).toInt();
    step.finishReason = query.value(3).toString();
    step.usage = usageFrom(query, 4);
    step.timeToFirstTokenMs = optionalFrom(query.value(9));
    step.durationMs = optionalFrom(query.value(10));
    step.startedAt = fromMs(query.value(11));
    step.finishedAt = fromMs(query.value(12));
    return step;
}

// The last four: how the gate decided (tool_call_approvals, schema 4), NULL when not recorded.
const QString toolCallColumns = QStringLiteral(
    "id, run_id, step_id, call_id, name, arguments, result, status, decision, decision_reason, "
    "proposed_at, decided_at, started_at, finished_at, "
    "(SELECT mode FROM tool_call_approvals a WHERE a.tool_call_id = tool_calls.id), "
    "(SELECT rule_id FROM tool_call_approvals a WHERE a.tool_call_id = tool_calls.id), "
    "(SELECT rule FROM tool_call_approvals a WHERE a.tool_call_id = tool_calls.id), "
    "(SELECT reason FROM tool_call_approvals a WHERE a.tool_call_id = tool_calls.id)");

ToolCallRecord toolCallFrom(const QSqlQuery &query)
{
    ToolCallRecord call;
    call.id = query.value(0).toLongLong();
    call.runId = query.value(1).toLongLong();
    call.stepId = query.value(2).toLongLong();
    call.callId = query.value(3).toString();
    call.name = query.value(4).toString();
    call.arguments = query.value(5).toString();
    call.result = query.value(6).toString();
    call.status = StoreEnums::toolCallStatusFrom(query.value(7).toString());
    call.decision = StoreEnums::approvalDecisionFrom(query.value(8).toString());
    call.decisionReason = query.value(9).toString();
    call.proposedAt = fromMs(query.value(10));
    call.decidedAt = fromMs(query.value(11));
    call.startedAt = fromMs(query.value(12));
    call.finishedAt = fromMs(query.value(13));
    call.approvalMode = query.value(14).toString();
    call.approvalRuleId = query.value(15).toLongLong();
    call.approvalRule = query.value(16).toString();
    call.approvalReason = query.value(17).toString();
    return call;
}

const QString sandboxColumns = QStringLiteral(
    "id, provider, remote_id, name, language, labels, state, thread_id, created_at, updated_at");

SandboxRecord sandboxFrom(const QSqlQuery &query)
{
    SandboxRecord sandbox;
    sandbox.id = query.value(0).toLongLong();
    sandbox.provider = query.value(1).toString();
    sandbox.remoteId = query.value(2).toString();
    sandbox.name = query.value(3).toString();
    sandbox.language = query.value(4).toString();
    sandbox.labels = QJsonDocument::fromJson(query.value(5).toString().toUtf8()).object();
    sandbox.state = query.value(6).toString();
    sandbox.threadId = query.value(7).toLongLong();
    sandbox.createdAt = fromMs(query.value(8));
    sandbox.updatedAt = fromMs(query.value(9));
    return sandbox;
}

void mergeChunk(QJsonArray &parts, ChunkKind kind, const QString &text)
{
    const QString type = StoreEnums::toString(kind);
    const QString typeKey = QStringLiteral("type");
    const QString textKey = QStringLiteral("text");
    if (!parts.isEmpty()) {
        QJsonObject last = parts.last().toObject();
        if (last.value(typeKey).toString() == type) {
            last.insert(textKey, QString(last.value(textKey).toString() + text));
            parts.replace(parts.size() - 1, last);
            return;
        }
    }
    parts.append(QJsonObject{{typeKey, type}, {textKey, text}});
}

QString textOfParts(const QJsonArray &parts)
{
    MessageRecord message;
    message.parts = parts;
    return message.text();
}

QString toJson(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString toJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace StoreSql
