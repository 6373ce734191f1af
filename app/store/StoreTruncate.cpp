// Store: cutting a thread's conversation short (edit-and-resend and retry, issue 18): the
// messages from a position on and the runs that produced them, in one transaction.
#include "Store.h"

#include "store/StoreSql.h"

using namespace StoreSql;

StoreResult<int> Store::truncateThread(RowId threadId, int fromPosition)
{
    using Result = StoreResult<int>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    const QString what = QStringLiteral("remove the later messages of a thread");
    WriteTransaction transaction(m_db, &m_commits);
    if (!transaction.isActive())
        return Result::failure(failure(what, transaction.error()));
    // The first removed message's time: runs started then or later answered it (a user
    // message is stored before its run starts, without a run id).
    Statement first = prepare(QStringLiteral(
        "SELECT MIN(created_at) FROM messages WHERE thread_id = ? AND position >= ?"));
    first.addBindValue(threadId);
    first.addBindValue(fromPosition);
    if (StoreStatus status = exec(first, what); !status)
        return Result::failure(status.error());
    const QVariant since = first.next() ? first.value(0) : QVariant();
    if (since.isNull())
        return 0; // nothing at or after that position
    Statement runs = prepare(QStringLiteral(
        "DELETE FROM runs WHERE thread_id = ? AND (started_at >= ? OR id IN (SELECT run_id FROM "
        "messages WHERE thread_id = ? AND position >= ? AND run_id IS NOT NULL))"));
    runs.addBindValue(threadId);
    runs.addBindValue(since.toLongLong());
    runs.addBindValue(threadId);
    runs.addBindValue(fromPosition);
    if (StoreStatus status = exec(runs, what); !status)
        return Result::failure(status.error());
    Statement messages
        = prepare(QStringLiteral("DELETE FROM messages WHERE thread_id = ? AND position >= ?"));
    messages.addBindValue(threadId);
    messages.addBindValue(fromPosition);
    if (StoreStatus status = exec(messages, what); !status)
        return Result::failure(status.error());
    const int removed = messages.numRowsAffected();
    Statement touch = prepare(QStringLiteral("UPDATE threads SET updated_at = ? WHERE id = ?"));
    touch.addBindValue(now());
    touch.addBindValue(threadId);
    if (StoreStatus status = exec(touch, what); !status)
        return Result::failure(status.error());
    if (!transaction.commit())
        return Result::failure(failure(what, transaction.error()));
    return removed;
}
