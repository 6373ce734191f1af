// Store: messages and their streamed chunks (see Store.h).
#include "Store.h"

#include "store/StoreSql.h"

#include <QUuid>

using namespace StoreSql;

StoreResult<MessageRecord> Store::readMessage(QSqlQuery &query)
{
    MessageRecord message = messageFrom(query);
    if (message.status != MessageStatus::Streaming)
        return message;
    Statement chunks = prepare(
        QStringLiteral("SELECT kind, text FROM message_chunks WHERE message_id = ? ORDER BY id"));
    chunks.addBindValue(message.id);
    if (StoreStatus status = exec(chunks, QStringLiteral("read streamed chunks")); !status)
        return StoreResult<MessageRecord>::failure(status.error());
    // Concatenate runs of chunks of one kind as QStrings first: merging each chunk into the
    // JSON parts would copy the growing text once per chunk (quadratic for long answers).
    std::optional<ChunkKind> runKind;
    QString runText;
    while (chunks.next()) {
        const ChunkKind kind = chunks.value(0).toString() == QLatin1String("reasoning")
            ? ChunkKind::Reasoning
            : ChunkKind::Text;
        if (runKind && *runKind != kind) {
            mergeChunk(message.parts, *runKind, runText);
            runText.clear();
        }
        runKind = kind;
        runText += chunks.value(1).toString();
    }
    if (runKind)
        mergeChunk(message.parts, *runKind, runText);
    return message;
}

StoreResult<MessageRecord> Store::message(RowId id)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return StoreResult<MessageRecord>::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + messageColumns
                              + QStringLiteral(" FROM messages WHERE id = ?"));
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("read a message")); !status)
        return StoreResult<MessageRecord>::failure(status.error());
    if (!query.next())
        return StoreResult<MessageRecord>::failure(
            QStringLiteral("There is no message %1 (its thread may have been deleted).").arg(id));
    return readMessage(query);
}

StoreResult<QList<MessageRecord>> Store::listMessages(RowId threadId)
{
    using Result = StoreResult<QList<MessageRecord>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + messageColumns
                              + QStringLiteral(" FROM messages WHERE thread_id = ? "
                                               "ORDER BY position"));
    query.addBindValue(threadId);
    if (StoreStatus status = exec(query, QStringLiteral("list messages")); !status)
        return Result::failure(status.error());
    QList<MessageRecord> messages;
    while (query.next()) {
        StoreResult<MessageRecord> message = readMessage(query);
        if (!message)
            return Result::failure(message.error());
        messages << std::move(message).value();
    }
    return messages;
}

StoreResult<MessageRecord> Store::appendMessage(const NewMessage &message)
{
    using Result = StoreResult<MessageRecord>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    WriteTransaction transaction(m_db, &m_commits);
    if (!transaction.isActive())
        return Result::failure(failure(QStringLiteral("save a message"), transaction.error()));

    if (!message.uuid.isEmpty()) {
        Statement existing = prepare(QStringLiteral("SELECT ") + messageColumns
                                     + QStringLiteral(" FROM messages WHERE uuid = ?"));
        existing.addBindValue(message.uuid);
        if (StoreStatus status = exec(existing, QStringLiteral("look up a message")); !status)
            return Result::failure(status.error());
        if (existing.next())
            return readMessage(existing);
    }

    Statement position = prepare(QStringLiteral(
        "SELECT (SELECT COUNT(*) FROM threads WHERE id = :thread), "
        "COALESCE((SELECT MAX(position) + 1 FROM messages WHERE thread_id = :thread), 0)"));
    position.bindValue(QStringLiteral(":thread"), message.threadId);
    if (StoreStatus status = exec(position, QStringLiteral("find a message's position")); !status)
        return Result::failure(status.error());
    position.next();
    if (position.value(0).toInt() == 0)
        return Result::failure(
            QStringLiteral("Cannot add a message to thread %1: there is no such thread (it may "
                           "have been deleted).")
                .arg(message.threadId));

    MessageRecord record;
    record.threadId = message.threadId;
    record.runId = message.runId;
    record.uuid = message.uuid.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                         : message.uuid;
    record.position = position.value(1).toInt();
    record.role = message.role;
    record.status = message.status;
    record.parts = message.parts;
    const qint64 time = now();
    record.createdAt = record.updatedAt = fromMs(time);

    Statement insert = prepare(QStringLiteral(
        "INSERT INTO messages (thread_id, run_id, uuid, position, role, parts, text, status, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.addBindValue(record.threadId);
    insert.addBindValue(nullIfZero(record.runId));
    insert.addBindValue(record.uuid);
    insert.addBindValue(record.position);
    insert.addBindValue(StoreEnums::toString(record.role));
    insert.addBindValue(toJson(record.parts));
    insert.addBindValue(notNull(record.text()));
    insert.addBindValue(StoreEnums::toString(record.status));
    insert.addBindValue(time);
    insert.addBindValue(time);
    if (StoreStatus status = exec(insert, QStringLiteral("save a message")); !status)
        return Result::failure(status.error());
    record.id = insert.lastInsertId().toLongLong();
    if (StoreStatus status = touchThread(record.threadId, time); !status)
        return Result::failure(status.error());
    if (!transaction.commit())
        return Result::failure(failure(QStringLiteral("save a message"), transaction.error()));
    return record;
}

StoreStatus Store::appendChunk(RowId messageId, const QString &text, ChunkKind kind)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    // One statement in autocommit mode: one transaction, one commit.
    m_appendChunk.bindValue(0, StoreEnums::toString(kind));
    m_appendChunk.bindValue(1, notNull(text));
    m_appendChunk.bindValue(2, messageId);
    if (StoreStatus status = exec(m_appendChunk, QStringLiteral("save a streamed chunk")); !status)
        return status;
    if (m_appendChunk.numRowsAffected() == 1)
        return {};
    const StoreResult<MessageRecord> existing = message(messageId);
    if (!existing)
        return StoreStatus::failure(existing.error());
    return StoreStatus::failure(
        QStringLiteral("Cannot append to message %1: it is %2, not streaming.")
            .arg(messageId)
            .arg(StoreEnums::toString(existing->status)));
}

StoreStatus Store::foldChunks(RowId messageId, const QJsonObject *extraPart,
                              std::optional<MessageStatus> newStatus)
{
    Statement query = prepare(QStringLiteral("SELECT ") + messageColumns
                              + QStringLiteral(" FROM messages WHERE id = ?"));
    query.addBindValue(messageId);
    if (StoreStatus status = exec(query, QStringLiteral("read a message")); !status)
        return status;
    if (!query.next())
        return StoreStatus::failure(QStringLiteral("There is no message %1.").arg(messageId));
    StoreResult<MessageRecord> message = readMessage(query); // with its chunks
    query.finish();
    if (!message)
        return StoreStatus::from(message);
    QJsonArray parts = message->parts;
    if (extraPart)
        parts.append(*extraPart);
    const QString status = StoreEnums::toString(newStatus.value_or(message->status));

    Statement update = prepare(QStringLiteral(
        "UPDATE messages SET parts = ?, text = ?, status = ?, updated_at = ? WHERE id = ?"));
    update.addBindValue(toJson(parts));
    update.addBindValue(notNull(textOfParts(parts)));
    update.addBindValue(status);
    update.addBindValue(now());
    update.addBindValue(messageId);
    if (StoreStatus result = exec(update, QStringLiteral("save a message")); !result)
        return result;
    Statement remove = prepare(QStringLiteral("DELETE FROM message_chunks WHERE message_id = ?"));
    remove.addBindValue(messageId);
    return exec(remove, QStringLiteral("save a message"));
}

StoreStatus Store::appendPart(RowId messageId, const QJsonObject &part)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    WriteTransaction transaction(m_db, &m_commits);
    if (!transaction.isActive())
        return StoreStatus::failure(failure(QStringLiteral("save a message"), transaction.error()));
    if (StoreStatus status = foldChunks(messageId, &part, std::nullopt); !status)
        return status;
    if (!transaction.commit())
        return StoreStatus::failure(failure(QStringLiteral("save a message"), transaction.error()));
    return {};
}

StoreStatus Store::setMessageStatus(RowId messageId, MessageStatus status)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    WriteTransaction transaction(m_db, &m_commits);
    if (!transaction.isActive())
        return StoreStatus::failure(failure(QStringLiteral("save a message"), transaction.error()));
    if (StoreStatus result = foldChunks(messageId, nullptr, status); !result)
        return result;
    if (!transaction.commit())
        return StoreStatus::failure(failure(QStringLiteral("save a message"), transaction.error()));
    return {};
}
