// Store: sandboxes, keyed by (provider, remote id) (see Store.h).
#include "Store.h"

#include "store/StoreSql.h"

using namespace StoreSql;

StoreResult<SandboxRecord> Store::upsertSandbox(const SandboxRecord &sandbox)
{
    using Result = StoreResult<SandboxRecord>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    if (sandbox.provider.isEmpty() || sandbox.remoteId.isEmpty())
        return Result::failure(QStringLiteral("A sandbox needs a provider and a remote id."));
    const qint64 time = now();
    Statement query = prepare(
        QStringLiteral(
            "INSERT INTO sandboxes (provider, remote_id, name, language, labels, state, thread_id, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (provider, remote_id) DO UPDATE SET name = excluded.name, "
            "language = excluded.language, labels = excluded.labels, state = excluded.state, "
            "thread_id = excluded.thread_id, updated_at = excluded.updated_at "
            "RETURNING ")
        + sandboxColumns);
    query.addBindValue(notNull(sandbox.provider));
    query.addBindValue(notNull(sandbox.remoteId));
    query.addBindValue(notNull(sandbox.name));
    query.addBindValue(notNull(sandbox.language));
    query.addBindValue(toJson(sandbox.labels));
    query.addBindValue(notNull(sandbox.state));
    query.addBindValue(nullIfZero(sandbox.threadId));
    query.addBindValue(sandbox.createdAt.isValid() ? toMs(sandbox.createdAt) : time);
    query.addBindValue(time);
    if (StoreStatus status = exec(query, QStringLiteral("save a sandbox")); !status)
        return Result::failure(status.error());
    if (!query.next())
        return Result::failure(
            failure(QStringLiteral("save a sandbox"), QStringLiteral("no row came back")));
    SandboxRecord saved = sandboxFrom(query);
    query.finish();
    return saved;
}

namespace {
StoreResult<QList<SandboxRecord>> readSandboxes(QSqlQuery &query)
{
    QList<SandboxRecord> sandboxes;
    while (query.next())
        sandboxes << sandboxFrom(query);
    return sandboxes;
}
} // namespace

StoreResult<QList<SandboxRecord>> Store::listSandboxes()
{
    using Result = StoreResult<QList<SandboxRecord>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + sandboxColumns
                              + QStringLiteral(" FROM sandboxes ORDER BY created_at, id"));
    if (StoreStatus status = exec(query, QStringLiteral("list sandboxes")); !status)
        return Result::failure(status.error());
    return readSandboxes(query);
}

StoreResult<QList<SandboxRecord>> Store::sandboxesForThread(RowId threadId)
{
    using Result = StoreResult<QList<SandboxRecord>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query = prepare(QStringLiteral("SELECT ") + sandboxColumns
                              + QStringLiteral(" FROM sandboxes WHERE thread_id = ? "
                                               "ORDER BY created_at, id"));
    query.addBindValue(threadId);
    if (StoreStatus status = exec(query, QStringLiteral("list a thread's sandboxes")); !status)
        return Result::failure(status.error());
    return readSandboxes(query);
}

StoreStatus Store::deleteSandbox(const QString &provider, const QString &remoteId)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query
        = prepare(QStringLiteral("DELETE FROM sandboxes WHERE provider = ? AND remote_id = ?"));
    query.addBindValue(provider);
    query.addBindValue(remoteId);
    if (StoreStatus status = exec(query, QStringLiteral("forget a sandbox")); !status)
        return status;
    if (query.numRowsAffected() == 0)
        return StoreStatus::failure(
            QStringLiteral("There is no %1 sandbox %2 to forget.").arg(provider, remoteId));
    return {};
}
