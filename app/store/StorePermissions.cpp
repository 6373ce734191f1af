// Store: "always allow this tool in this thread" (thread_tool_permissions, schema 3).
#include "Store.h"
#include "StoreSql.h"

StoreResult<QSet<QString>> Store::alwaysAllowedTools(RowId threadId)
{
    using Result = StoreResult<QSet<QString>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    StoreSql::Statement query
        = prepare(QStringLiteral("SELECT tool FROM thread_tool_permissions WHERE thread_id = ?"));
    query.addBindValue(threadId);
    if (StoreStatus status = exec(query, QStringLiteral("read the tools a thread always allows"));
        !status)
        return Result::failure(status.error());
    QSet<QString> tools;
    while (query.next())
        tools.insert(query.value(0).toString());
    return tools;
}

StoreStatus Store::setToolAlwaysAllowed(RowId threadId, const QString &tool, bool allowed)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    if (tool.trimmed().isEmpty())
        return StoreStatus::failure(QStringLiteral("No tool name was given to always allow."));
    StoreSql::Statement query = prepare(
        allowed ? QStringLiteral("INSERT INTO thread_tool_permissions (thread_id, tool, "
                                 "allowed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                : QStringLiteral("DELETE FROM thread_tool_permissions WHERE thread_id = ? AND "
                                 "tool = ?"));
    query.addBindValue(threadId);
    query.addBindValue(tool);
    if (allowed)
        query.addBindValue(now());
    const QString what = allowed ? QStringLiteral("always allow a tool in a thread")
                                 : QStringLiteral("stop always allowing a tool in a thread");
    if (StoreStatus status = exec(query, what); !status) {
        // The foreign key names no thread; say which.
        if (allowed && status.error().contains(QLatin1String("FOREIGN KEY")))
            return StoreStatus::failure(QStringLiteral("There is no thread %1.").arg(threadId));
        return status;
    }
    return {};
}
