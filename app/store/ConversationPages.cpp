#include "ConversationPages.h"

#include "store/Store.h"
#include "store/StoreSql.h"

#include <QAtomicInt>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace StoreSql;

namespace {

QAtomicInt connectionCounter;

// The messages' columns with the parts of tool and system messages left out (the view skips
// them; a tool result can be large).
const QString leanMessageColumns = QStringLiteral(
    "id, thread_id, run_id, uuid, position, role, status, "
    "CASE WHEN role IN ('tool', 'system') THEN '[]' ELSE parts END, created_at, updated_at");

QString idList(const QList<RowId> &ids)
{
    QStringList numbers;
    numbers.reserve(ids.size());
    for (const RowId id : ids)
        numbers << QString::number(id);
    return numbers.join(QLatin1Char(','));
}

} // namespace

ConversationPages::ConversationPages(Store &store)
    : m_store(store)
    , m_connectionName(
          QStringLiteral("studio-pages-%1").arg(connectionCounter.fetchAndAddRelaxed(1)))
{
}

ConversationPages::~ConversationPages()
{
    if (m_opened) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QSqlQuery ConversationPages::prepare(const QString &sql) const
{
    if (!m_opened) {
        m_opened = true;
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_store.path());
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open())
            QSqlQuery(db).exec(QStringLiteral("PRAGMA query_only = 1")); // reads only
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(sql);
    return query;
}

StoreStatus ConversationPages::exec(QSqlQuery &query, const QString &what) const
{
    if (query.exec())
        return {};
    return StoreStatus::failure(
        QStringLiteral("Cannot %1 from the database %2: %3. Check that the file is readable.")
            .arg(what, m_store.path(), query.lastError().text()));
}

StoreResult<QList<MessageRecord>> ConversationPages::readMessages(QSqlQuery &query,
                                                                  const QString &what) const
{
    using Result = StoreResult<QList<MessageRecord>>;
    if (StoreStatus status = exec(query, what); !status)
        return Result::failure(status.error());
    QList<MessageRecord> messages;
    while (query.next()) {
        MessageRecord message = messageFrom(query);
        if (message.status == MessageStatus::Streaming) {
            // With the chunks streamed so far (rare: a run in progress).
            StoreResult<MessageRecord> full = m_store.message(message.id);
            if (!full)
                return Result::failure(full.error());
            message = std::move(full).value();
        }
        messages << std::move(message);
    }
    return messages;
}

StoreResult<QList<MessageRecord>>
ConversationPages::messagesBefore(RowId threadId, int beforePosition, int limit) const
{
    QSqlQuery query
        = prepare(QStringLiteral("SELECT * FROM (SELECT ") + leanMessageColumns
                  + QStringLiteral(" FROM messages WHERE thread_id = ? AND position < ? "
                                   "ORDER BY position DESC LIMIT ?) ORDER BY position"));
    query.addBindValue(threadId);
    query.addBindValue(beforePosition);
    query.addBindValue(limit);
    return readMessages(query, QStringLiteral("read messages"));
}

StoreResult<QList<MessageRecord>> ConversationPages::messagesAfter(RowId threadId,
                                                                   RowId afterMessageId) const
{
    QSqlQuery query
        = prepare(QStringLiteral("SELECT ") + leanMessageColumns
                  + QStringLiteral(" FROM messages WHERE thread_id = ? AND position > "
                                   "COALESCE((SELECT position FROM messages WHERE id = ?), -1) "
                                   "ORDER BY position"));
    query.addBindValue(threadId);
    query.addBindValue(afterMessageId);
    return readMessages(query, QStringLiteral("read new messages"));
}

StoreResult<QList<MessageRecord>>
ConversationPages::messagesAfterPosition(RowId threadId, int afterPosition, int limit) const
{
    QSqlQuery query
        = prepare(QStringLiteral("SELECT ") + leanMessageColumns
                  + QStringLiteral(" FROM messages WHERE thread_id = ? AND position > ? "
                                   "ORDER BY position LIMIT ?"));
    query.addBindValue(threadId);
    query.addBindValue(afterPosition);
    query.addBindValue(limit);
    return readMessages(query, QStringLiteral("read newer messages"));
}

StoreResult<RowId> ConversationPages::firstShownRunAfter(RowId threadId, int afterPosition) const
{
    QSqlQuery query = prepare(
        QStringLiteral("SELECT COALESCE(run_id, 0) FROM messages WHERE thread_id = ? AND "
                       "position > ? AND role IN ('user', 'assistant') ORDER BY position LIMIT 1"));
    query.addBindValue(threadId);
    query.addBindValue(afterPosition);
    if (StoreStatus status = exec(query, QStringLiteral("read newer messages")); !status)
        return StoreResult<RowId>::failure(status.error());
    return query.next() ? query.value(0).toLongLong() : RowId(-1);
}

StoreResult<QList<RunRecord>> ConversationPages::runsOfPage(RowId threadId,
                                                            const QList<RowId> &runIds,
                                                            qint64 silentFromMs,
                                                            qint64 silentToMs) const
{
    using Result = StoreResult<QList<RunRecord>>;
    // The page's runs by id, and the runs without a message (they failed at once) by when they
    // started: they sit between the page's messages. Two selects, so that each has its index
    // (one WHERE with an OR between them scans all the thread's runs).
    QSqlQuery query = prepare(
        QStringLiteral("SELECT ") + runColumns
        + QStringLiteral(" FROM runs WHERE thread_id = ? AND ")
        + (runIds.isEmpty() ? QStringLiteral("0")
                            : QStringLiteral("id IN (") + idList(runIds) + QLatin1Char(')'))
        + QStringLiteral(" UNION ALL SELECT ") + runColumns
        + QStringLiteral(" FROM runs WHERE thread_id = ? AND started_at >= ? AND started_at < ? "
                         "AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.run_id = runs.id) "
                         "ORDER BY id"));
    query.addBindValue(threadId);
    query.addBindValue(threadId);
    query.addBindValue(silentFromMs);
    query.addBindValue(silentToMs);
    if (StoreStatus status = exec(query, QStringLiteral("read runs")); !status)
        return Result::failure(status.error());
    QList<RunRecord> runs;
    while (query.next())
        runs << runFrom(query);
    return runs;
}

StoreResult<RowId> ConversationPages::latestRunId(RowId threadId) const
{
    QSqlQuery query = prepare(QStringLiteral("SELECT MAX(id) FROM runs WHERE thread_id = ?"));
    query.addBindValue(threadId);
    if (StoreStatus status = exec(query, QStringLiteral("find the latest run")); !status)
        return StoreResult<RowId>::failure(status.error());
    return query.next() ? query.value(0).toLongLong() : RowId(0);
}

StoreResult<QList<ToolCallRecord>>
ConversationPages::toolCallSummaries(const QList<RowId> &runIds) const
{
    using Result = StoreResult<QList<ToolCallRecord>>;
    if (runIds.isEmpty())
        return QList<ToolCallRecord>();
    // The columns of StoreSql::toolCallColumns, with the result kept only where a card shows
    // part of it (a preview link).
    QSqlQuery query = prepare(
        QStringLiteral("SELECT id, run_id, step_id, call_id, name, '', "
                       "CASE WHEN name = 'getPreviewLink' THEN result END, status, decision, "
                       "decision_reason, proposed_at, decided_at, started_at, finished_at, "
                       "NULL, NULL, NULL, NULL FROM tool_calls WHERE run_id IN (")
        + idList(runIds) + QStringLiteral(") ORDER BY id"));
    if (StoreStatus status = exec(query, QStringLiteral("read tool calls")); !status)
        return Result::failure(status.error());
    QList<ToolCallRecord> calls;
    while (query.next())
        calls << toolCallFrom(query);
    return calls;
}
