// Store: threads (create, read, list, rename, pin, archive, delete; see Store.h).
#include "Store.h"

#include "store/StoreSql.h"

#include <QUuid>

using namespace StoreSql;

StoreResult<ThreadRecord> Store::createThread(const QString &title, const QString &model)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return StoreResult<ThreadRecord>::failure(usable.error());
    ThreadRecord thread;
    thread.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    thread.title = title;
    thread.model = model;
    const qint64 time = now();
    thread.createdAt = thread.updatedAt = fromMs(time);
    Statement query = prepare(QStringLiteral(
        "INSERT INTO threads (uuid, title, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(thread.uuid);
    query.addBindValue(notNull(title));
    query.addBindValue(notNull(model));
    query.addBindValue(time);
    query.addBindValue(time);
    if (StoreStatus status = exec(query, QStringLiteral("create a thread")); !status)
        return StoreResult<ThreadRecord>::failure(status.error());
    thread.id = query.lastInsertId().toLongLong();
    return thread;
}

StoreResult<ThreadRecord> Store::thread(RowId id)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return StoreResult<ThreadRecord>::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + threadColumns
                              + QStringLiteral(" FROM threads WHERE id = ?"));
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("read a thread")); !status)
        return StoreResult<ThreadRecord>::failure(status.error());
    if (!query.next())
        return StoreResult<ThreadRecord>::failure(
            QStringLiteral("There is no thread %1 (it may have been deleted).").arg(id));
    return threadFrom(query);
}

namespace {
QString filterClause(ThreadFilter filter)
{
    switch (filter) {
    case ThreadFilter::Active:
        return QStringLiteral(" WHERE archived = 0");
    case ThreadFilter::Archived:
        return QStringLiteral(" WHERE archived = 1");
    case ThreadFilter::All:
        break;
    }
    return {};
}
} // namespace

StoreResult<QList<ThreadRecord>> Store::listThreads(ThreadFilter filter, int offset, int limit)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return StoreResult<QList<ThreadRecord>>::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + threadColumns
                              + QStringLiteral(" FROM threads") + filterClause(filter)
                              + QStringLiteral(" ORDER BY pinned DESC, updated_at DESC, id DESC "
                                               "LIMIT ? OFFSET ?"));
    query.addBindValue(limit < 0 ? -1 : limit);
    query.addBindValue(qMax(0, offset));
    if (StoreStatus status = exec(query, QStringLiteral("list threads")); !status)
        return StoreResult<QList<ThreadRecord>>::failure(status.error());
    QList<ThreadRecord> threads;
    while (query.next())
        threads << threadFrom(query);
    return threads;
}

StoreResult<int> Store::countThreads(ThreadFilter filter)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return StoreResult<int>::failure(usable.error());
    Statement query
        = prepare(QStringLiteral("SELECT COUNT(*) FROM threads") + filterClause(filter));
    if (StoreStatus status = exec(query, QStringLiteral("count threads")); !status)
        return StoreResult<int>::failure(status.error());
    query.next();
    return query.value(0).toInt();
}

namespace {
// column is one of a fixed set of names, never user input.
QString updateThreadSql(const char *column)
{
    return QStringLiteral("UPDATE threads SET ") + QLatin1String(column)
        + QStringLiteral(" = ? WHERE id = ?");
}
} // namespace

StoreStatus Store::renameThread(RowId id, const QString &title)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query = prepare(updateThreadSql("title"));
    query.addBindValue(notNull(title));
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("rename a thread")); !status)
        return status;
    if (query.numRowsAffected() == 0)
        return StoreStatus::failure(QStringLiteral("There is no thread %1 to rename.").arg(id));
    return {};
}

StoreStatus Store::setThreadModel(RowId id, const QString &model)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query = prepare(updateThreadSql("model"));
    query.addBindValue(notNull(model));
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("change a thread's model")); !status)
        return status;
    if (query.numRowsAffected() == 0)
        return StoreStatus::failure(QStringLiteral("There is no thread %1.").arg(id));
    return {};
}

StoreStatus Store::setThreadPinned(RowId id, bool pinned)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query = prepare(updateThreadSql("pinned"));
    query.addBindValue(pinned ? 1 : 0);
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("pin a thread")); !status)
        return status;
    if (query.numRowsAffected() == 0)
        return StoreStatus::failure(QStringLiteral("There is no thread %1.").arg(id));
    return {};
}

StoreStatus Store::setThreadArchived(RowId id, bool archived)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query = prepare(updateThreadSql("archived"));
    query.addBindValue(archived ? 1 : 0);
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("archive a thread")); !status)
        return status;
    if (query.numRowsAffected() == 0)
        return StoreStatus::failure(QStringLiteral("There is no thread %1.").arg(id));
    return {};
}

StoreStatus Store::deleteThread(RowId id)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    // Foreign keys cascade to messages, chunks, runs, steps and tool calls in one statement.
    Statement query = prepare(QStringLiteral("DELETE FROM threads WHERE id = ?"));
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("delete a thread")); !status)
        return status;
    if (query.numRowsAffected() == 0)
        return StoreStatus::failure(QStringLiteral("There is no thread %1 to delete.").arg(id));
    return {};
}

StoreStatus Store::touchThread(RowId threadId, qint64 time)
{
    Statement query = prepare(
        QStringLiteral("UPDATE threads SET updated_at = MAX(updated_at, ?) WHERE id = ?"));
    query.addBindValue(time);
    query.addBindValue(threadId);
    return exec(query, QStringLiteral("update a thread's time"));
}
