// Store: checkpoints, the files each tool call changed, the restore journal, and forking a
// thread at a message (see Store.h and CheckpointRecords.h).
#include "Store.h"

#include "store/StoreSql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLatin1StringView>
#include <QUuid>

#include <array>

using namespace StoreSql;
using namespace Qt::StringLiterals;

namespace {

const std::array<QLatin1StringView, 5> checkpointKindNames
    = {"baseline"_L1, "before"_L1, "after"_L1, "rewind"_L1, "saved"_L1};

const QString checkpointColumns = QStringLiteral(
    "id, thread_id, run_id, step_index, tool_call_id, sandbox_provider, sandbox_id, repo_key, "
    "tree_id, kind, created_at, files_changed, lines_added, lines_removed, bytes_stored, note, "
    "previous_id, evicted");

CheckpointRecord checkpointFrom(const QSqlQuery &query)
{
    CheckpointRecord c;
    c.id = query.value(0).toLongLong();
    c.threadId = query.value(1).toLongLong();
    c.runId = query.value(2).toLongLong();
    c.stepIndex = query.value(3).isNull() ? -1 : query.value(3).toInt();
    c.toolCallId = query.value(4).toLongLong();
    c.sandboxProvider = query.value(5).toString();
    c.sandboxId = query.value(6).toString();
    c.repoKey = query.value(7).toString();
    c.treeId = query.value(8).toString();
    c.kind = StoreEnums::checkpointKindFrom(query.value(9).toString());
    c.createdAt = fromMs(query.value(10));
    c.filesChanged = query.value(11).toInt();
    c.linesAdded = query.value(12).toInt();
    c.linesRemoved = query.value(13).toInt();
    c.bytesStored = query.value(14).toLongLong();
    c.note = query.value(15).toString();
    c.previousId = query.value(16).toLongLong();
    c.evicted = query.value(17).toInt() != 0;
    return c;
}

const QString fileColumns = QStringLiteral(
    "checkpoint_id, tool_call_id, path, kind, lines_added, lines_removed, size, binary");

FileChangeRecord fileFrom(const QSqlQuery &query)
{
    FileChangeRecord f;
    f.checkpointId = query.value(0).toLongLong();
    f.toolCallId = query.value(1).toLongLong();
    f.path = query.value(2).toString();
    f.kind = query.value(3).toString();
    f.linesAdded = query.value(4).toInt();
    f.linesRemoved = query.value(5).toInt();
    f.size = query.value(6).toLongLong();
    f.binary = query.value(7).toInt() != 0;
    return f;
}

QVariant nullIfNegative(int value)
{
    return value < 0 ? QVariant(QMetaType(QMetaType::Int)) : QVariant(value);
}

} // namespace

namespace StoreEnums {
QString toString(CheckpointKind kind)
{
    return QString(checkpointKindNames.at(static_cast<std::size_t>(kind)));
}
CheckpointKind checkpointKindFrom(const QString &name, bool *ok)
{
    for (std::size_t i = 0; i < checkpointKindNames.size(); ++i) {
        if (name == checkpointKindNames[i]) {
            if (ok)
                *ok = true;
            return static_cast<CheckpointKind>(i);
        }
    }
    if (ok)
        *ok = false;
    return CheckpointKind::After;
}
} // namespace StoreEnums

StoreResult<CheckpointRecord> Store::addCheckpoint(const CheckpointRecord &checkpoint,
                                                   const QList<FileChangeRecord> &files)
{
    using Result = StoreResult<CheckpointRecord>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    const QString what = QStringLiteral("save a checkpoint");
    WriteTransaction transaction(m_db, &m_commits);
    if (!transaction.isActive())
        return Result::failure(failure(what, transaction.error()));
    CheckpointRecord saved = checkpoint;
    const qint64 time = checkpoint.createdAt.isValid() ? toMs(checkpoint.createdAt) : now();
    saved.createdAt = fromMs(time);
    Statement query = prepare(QStringLiteral(
        "INSERT INTO checkpoints (thread_id, run_id, step_index, tool_call_id, sandbox_provider, "
        "sandbox_id, repo_key, tree_id, kind, created_at, files_changed, lines_added, "
        "lines_removed, bytes_stored, note, previous_id, evicted) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)"));
    query.addBindValue(checkpoint.threadId);
    query.addBindValue(nullIfZero(checkpoint.runId));
    query.addBindValue(nullIfNegative(checkpoint.runId ? checkpoint.stepIndex : -1));
    query.addBindValue(nullIfZero(checkpoint.toolCallId));
    query.addBindValue(notNull(checkpoint.sandboxProvider));
    query.addBindValue(notNull(checkpoint.sandboxId));
    query.addBindValue(notNull(checkpoint.repoKey));
    query.addBindValue(notNull(checkpoint.treeId));
    query.addBindValue(StoreEnums::toString(checkpoint.kind));
    query.addBindValue(time);
    query.addBindValue(checkpoint.filesChanged);
    query.addBindValue(checkpoint.linesAdded);
    query.addBindValue(checkpoint.linesRemoved);
    query.addBindValue(checkpoint.bytesStored);
    query.addBindValue(notNull(checkpoint.note));
    query.addBindValue(nullIfZero(checkpoint.previousId));
    if (StoreStatus status = exec(query, what); !status)
        return Result::failure(status.error());
    saved.id = query.lastInsertId().toLongLong();
    saved.evicted = false;
    for (const FileChangeRecord &file : files) {
        Statement insert = prepare(QStringLiteral("INSERT INTO checkpoint_files (") + fileColumns
                                   + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        insert.addBindValue(saved.id);
        insert.addBindValue(nullIfZero(file.toolCallId ? file.toolCallId : checkpoint.toolCallId));
        insert.addBindValue(notNull(file.path));
        insert.addBindValue(notNull(file.kind));
        insert.addBindValue(file.linesAdded);
        insert.addBindValue(file.linesRemoved);
        insert.addBindValue(file.size);
        insert.addBindValue(file.binary ? 1 : 0);
        if (StoreStatus status = exec(insert, what); !status)
            return Result::failure(status.error());
    }
    if (!transaction.commit())
        return Result::failure(failure(what, transaction.error()));
    return saved;
}

StoreResult<CheckpointRecord> Store::checkpoint(RowId id)
{
    using Result = StoreResult<CheckpointRecord>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + checkpointColumns
                              + QStringLiteral(" FROM checkpoints WHERE id = ?"));
    query.addBindValue(id);
    if (StoreStatus status = exec(query, QStringLiteral("read a checkpoint")); !status)
        return Result::failure(status.error());
    if (!query.next())
        return Result::failure(QStringLiteral("There is no checkpoint %1.").arg(id));
    return checkpointFrom(query);
}

namespace {
QList<CheckpointRecord> readCheckpoints(QSqlQuery &query)
{
    QList<CheckpointRecord> list;
    while (query.next())
        list << checkpointFrom(query);
    return list;
}
} // namespace

StoreResult<QList<CheckpointRecord>> Store::listCheckpoints(RowId threadId)
{
    using Result = StoreResult<QList<CheckpointRecord>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query
        = prepare(QStringLiteral("SELECT ") + checkpointColumns
                  + QStringLiteral(" FROM checkpoints WHERE thread_id = ? ORDER BY id"));
    query.addBindValue(threadId);
    if (StoreStatus status = exec(query, QStringLiteral("list a thread's checkpoints")); !status)
        return Result::failure(status.error());
    return readCheckpoints(query);
}

StoreResult<QList<CheckpointRecord>> Store::allCheckpoints()
{
    using Result = StoreResult<QList<CheckpointRecord>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + checkpointColumns
                              + QStringLiteral(" FROM checkpoints ORDER BY id"));
    if (StoreStatus status = exec(query, QStringLiteral("list checkpoints")); !status)
        return Result::failure(status.error());
    return readCheckpoints(query);
}

StoreResult<QList<QPair<RowId, RowId>>> Store::checkpointsSince(RowId afterId)
{
    using Result = StoreResult<QList<QPair<RowId, RowId>>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query
        = prepare(QStringLiteral("SELECT id, thread_id FROM checkpoints WHERE id > ? ORDER BY id"));
    query.addBindValue(afterId);
    if (StoreStatus status = exec(query, QStringLiteral("list new checkpoints")); !status)
        return Result::failure(status.error());
    QList<QPair<RowId, RowId>> rows;
    while (query.next())
        rows.append({query.value(0).toLongLong(), query.value(1).toLongLong()});
    return rows;
}

StoreStatus Store::setCheckpointsEvicted(const QList<RowId> &ids)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    const QString what = QStringLiteral("mark checkpoints as evicted");
    WriteTransaction transaction(m_db, &m_commits);
    if (!transaction.isActive())
        return StoreStatus::failure(failure(what, transaction.error()));
    for (RowId id : ids) {
        Statement query
            = prepare(QStringLiteral("UPDATE checkpoints SET evicted = 1 WHERE id = ?"));
        query.addBindValue(id);
        if (StoreStatus status = exec(query, what); !status)
            return status;
    }
    if (!transaction.commit())
        return StoreStatus::failure(failure(what, transaction.error()));
    return {};
}

StoreResult<QList<FileChangeRecord>> Store::changedFiles(RowId threadId)
{
    using Result = StoreResult<QList<FileChangeRecord>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(
        QStringLiteral("SELECT f.checkpoint_id, f.tool_call_id, f.path, f.kind, f.lines_added, "
                       "f.lines_removed, f.size, f.binary FROM checkpoint_files f "
                       "JOIN checkpoints c ON c.id = f.checkpoint_id WHERE c.thread_id = ? "
                       "ORDER BY f.id"));
    query.addBindValue(threadId);
    if (StoreStatus status = exec(query, QStringLiteral("list changed files")); !status)
        return Result::failure(status.error());
    QList<FileChangeRecord> files;
    while (query.next())
        files << fileFrom(query);
    return files;
}

StoreResult<QList<FileChangeRecord>> Store::changedFilesOfToolCall(RowId toolCallId)
{
    using Result = StoreResult<QList<FileChangeRecord>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + fileColumns
                              + QStringLiteral(" FROM checkpoint_files WHERE tool_call_id = ? "
                                               "ORDER BY id"));
    query.addBindValue(toolCallId);
    if (StoreStatus status = exec(query, QStringLiteral("list a tool call's files")); !status)
        return Result::failure(status.error());
    QList<FileChangeRecord> files;
    while (query.next())
        files << fileFrom(query);
    return files;
}

// --- restore journal -------------------------------------------------------------------------

StoreResult<RestoreJournalRecord> Store::addRestore(const RestoreJournalRecord &restore)
{
    using Result = StoreResult<RestoreJournalRecord>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    RestoreJournalRecord saved = restore;
    const qint64 time = now();
    saved.createdAt = fromMs(time);
    Statement query = prepare(QStringLiteral(
        "INSERT INTO restore_journal (thread_id, sandbox_provider, sandbox_id, repo_key, tree_id, "
        "paths, saved_checkpoint_id, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(restore.threadId);
    query.addBindValue(notNull(restore.sandboxProvider));
    query.addBindValue(notNull(restore.sandboxId));
    query.addBindValue(notNull(restore.repoKey));
    query.addBindValue(notNull(restore.treeId));
    query.addBindValue(toJson(QJsonArray::fromStringList(restore.paths)));
    query.addBindValue(restore.savedCheckpointId);
    query.addBindValue(notNull(restore.note));
    query.addBindValue(time);
    if (StoreStatus status = exec(query, QStringLiteral("journal a restore")); !status)
        return Result::failure(status.error());
    saved.id = query.lastInsertId().toLongLong();
    return saved;
}

StoreResult<QList<RestoreJournalRecord>> Store::pendingRestores()
{
    using Result = StoreResult<QList<RestoreJournalRecord>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral(
        "SELECT id, thread_id, sandbox_provider, sandbox_id, repo_key, tree_id, paths, "
        "saved_checkpoint_id, note, created_at FROM restore_journal ORDER BY id"));
    if (StoreStatus status = exec(query, QStringLiteral("read the restore journal")); !status)
        return Result::failure(status.error());
    QList<RestoreJournalRecord> list;
    while (query.next()) {
        RestoreJournalRecord r;
        r.id = query.value(0).toLongLong();
        r.threadId = query.value(1).toLongLong();
        r.sandboxProvider = query.value(2).toString();
        r.sandboxId = query.value(3).toString();
        r.repoKey = query.value(4).toString();
        r.treeId = query.value(5).toString();
        for (const QJsonValue &path :
             QJsonDocument::fromJson(query.value(6).toString().toUtf8()).array())
            r.paths << path.toString();
        r.savedCheckpointId = query.value(7).toLongLong();
        r.note = query.value(8).toString();
        r.createdAt = fromMs(query.value(9));
        list << r;
    }
    return list;
}

StoreStatus Store::removeRestore(RowId id)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query = prepare(QStringLiteral("DELETE FROM restore_journal WHERE id = ?"));
    query.addBindValue(id);
    return exec(query, QStringLiteral("close a journaled restore"));
}

// --- forking a thread ------------------------------------------------------------------------

StoreResult<ThreadRecord> Store::forkThread(RowId sourceId, int beforePosition,
                                            const QString &title)
{
    using Result = StoreResult<ThreadRecord>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    const QString what = QStringLiteral("fork a thread");
    const StoreResult<ThreadRecord> source = thread(sourceId);
    if (!source)
        return Result::failure(source.error());
    WriteTransaction transaction(m_db, &m_commits);
    if (!transaction.isActive())
        return Result::failure(failure(what, transaction.error()));
    ThreadRecord fork;
    fork.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    fork.title = title;
    fork.model = source->model;
    const qint64 time = now();
    fork.createdAt = fork.updatedAt = fromMs(time);
    Statement insert = prepare(QStringLiteral(
        "INSERT INTO threads (uuid, title, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"));
    insert.addBindValue(fork.uuid);
    insert.addBindValue(notNull(title));
    insert.addBindValue(notNull(fork.model));
    insert.addBindValue(time);
    insert.addBindValue(time);
    if (StoreStatus status = exec(insert, what); !status)
        return Result::failure(status.error());
    fork.id = insert.lastInsertId().toLongLong();
    // Copies of the messages (new uuids; runs are not copied, so run_id is left empty).
    // Messages still streaming are not complete: they are copied as they stand, interrupted.
    Statement copy = prepare(QStringLiteral(
        "INSERT INTO messages (thread_id, run_id, uuid, position, role, parts, text, status, "
        "created_at, updated_at) SELECT ?, NULL, lower(hex(randomblob(16))), position, role, "
        "parts, text, CASE status WHEN 'streaming' THEN 'interrupted' ELSE status END, "
        "created_at, updated_at FROM messages WHERE thread_id = ? AND position < ? "
        "ORDER BY position"));
    copy.addBindValue(fork.id);
    copy.addBindValue(sourceId);
    copy.addBindValue(beforePosition);
    if (StoreStatus status = exec(copy, what); !status)
        return Result::failure(status.error());
    if (!transaction.commit())
        return Result::failure(failure(what, transaction.error()));
    return fork;
}
