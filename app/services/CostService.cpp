// Prices, thread costs and budgets.
#include "CostService.h"

#include "core/Logging.h"
#include "core/Settings.h"
#include "store/Store.h"

CostService::CostService(Store &store, Settings &settings, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_settings(settings)
{
    reloadPrices();
}

void CostService::reloadPrices()
{
    QHash<QString, ModelPrice> custom;
    const QVariantMap saved = m_settings.customModelPrices();
    for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
        if (auto price = ModelPrice::fromVariant(it.value().toMap()))
            custom.insert(it.key(), *price);
    }
    m_prices.setCustom(custom);
    emit pricesChanged();
}

void CostService::setCustomPrice(const QString &modelRef, const std::optional<ModelPrice> &price)
{
    QVariantMap saved = m_settings.customModelPrices();
    if (price)
        saved.insert(modelRef, price->toVariant());
    else
        saved.remove(modelRef);
    m_settings.setCustomModelPrices(saved);
    m_settings.sync();
    reloadPrices();
}

std::optional<ModelPrice> CostService::price(const QString &modelRef) const
{
    return m_prices.find(modelRef);
}

std::optional<double> CostService::cost(const QString &modelRef, const TokenUsage &usage) const
{
    if (const auto p = m_prices.find(modelRef))
        return p->cost(usage);
    return std::nullopt;
}

QString CostService::costText(const QString &modelRef, const TokenUsage &usage) const
{
    const auto usd = cost(modelRef, usage);
    return usd ? ModelPrices::formatUsd(*usd) : tr("no price");
}

ThreadCost CostService::threadCost(RowId threadId) const
{
    ThreadCost result;
    if (const auto thread = m_store.thread(threadId))
        result.model = thread->model;
    const auto runs = m_store.listRuns(threadId);
    if (!runs) {
        qCWarning(lcStore).noquote() << runs.error();
        return result;
    }
    for (const RunRecord &run : *runs) {
        result.usage += run.usage;
        if (run.usage.isEmpty())
            continue;
        if (const auto usd = cost(run.model, run.usage))
            result.usd += *usd;
        else
            result.priced = false;
    }
    // The context: the newest finished step with usage (input already holds the history).
    for (auto run = runs->crbegin(); run != runs->crend() && result.contextTokens == 0; ++run) {
        const auto steps = m_store.listSteps(run->id);
        if (!steps)
            break;
        for (auto step = steps->crbegin(); step != steps->crend(); ++step) {
            if (!step->usage.isEmpty()) {
                result.contextTokens = step->usage.inputTokens + step->usage.outputTokens;
                if (result.model.isEmpty())
                    result.model = run->model;
                break;
            }
        }
    }
    if (const auto p = m_prices.find(result.model))
        result.contextWindow = p->contextWindow;
    result.budget = budget(threadId);
    return result;
}

std::optional<double> CostService::budget(RowId threadId) const
{
    const auto stored = m_store.threadBudget(threadId);
    if (!stored) {
        qCWarning(lcStore).noquote() << stored.error();
        return std::nullopt;
    }
    return *stored;
}

StoreStatus CostService::setBudget(RowId threadId, std::optional<double> usd)
{
    if (usd && *usd <= 0)
        usd.reset();
    const StoreStatus status = m_store.setThreadBudget(threadId, usd);
    if (status)
        emit budgetChanged(threadId);
    return status;
}

QString CostService::budgetReached(RowId threadId) const
{
    const auto limit = budget(threadId);
    if (!limit)
        return {};
    const ThreadCost spent = threadCost(threadId);
    if (spent.usd < *limit)
        return {};
    return tr("This thread reached its budget of %1 (it has cost %2). Raise or remove the budget "
              "(click the cost in the status bar, or run agent-studio threads budget %3 AMOUNT), "
              "then Continue.")
        .arg(ModelPrices::formatUsd(*limit), ModelPrices::formatUsd(spent.usd))
        .arg(threadId);
}
