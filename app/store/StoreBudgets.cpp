// Store: each thread's optional budget in US dollars (schema 7, issue 18; see Store.h).
#include "Store.h"

#include "store/StoreSql.h"

using namespace StoreSql;

StoreResult<std::optional<double>> Store::threadBudget(RowId threadId)
{
    using Result = StoreResult<std::optional<double>>;
    if (StoreStatus usable = checkUsable(); !usable)
        return Result::failure(usable.error());
    Statement query
        = prepare(QStringLiteral("SELECT budget_usd FROM thread_budgets WHERE thread_id = ?"));
    query.addBindValue(threadId);
    if (StoreStatus status = exec(query, QStringLiteral("read a thread's budget")); !status)
        return Result::failure(status.error());
    if (!query.next())
        return std::optional<double>();
    return std::optional<double>(query.value(0).toDouble());
}

StoreStatus Store::setThreadBudget(RowId threadId, std::optional<double> usd)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query
        = prepare(!usd ? QStringLiteral("DELETE FROM thread_budgets WHERE thread_id = ?")
                       : QStringLiteral(
                           "INSERT INTO thread_budgets (thread_id, budget_usd, updated_at) "
                           "VALUES (?, ?, ?) ON CONFLICT (thread_id) DO UPDATE SET "
                           "budget_usd = excluded.budget_usd, updated_at = excluded.updated_at"));
    query.addBindValue(threadId);
    if (usd) {
        query.addBindValue(*usd);
        query.addBindValue(now());
    }
    if (StoreStatus status = exec(query, QStringLiteral("set a thread's budget")); !status) {
        if (status.error().contains(QLatin1String("FOREIGN KEY")))
            return StoreStatus::failure(QStringLiteral("There is no thread %1.").arg(threadId));
        return status;
    }
    return {};
}
