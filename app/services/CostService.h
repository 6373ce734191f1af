// The one owner of what models cost and what a thread may spend (issue 18): the price table
// (the built-in list plus the user's prices from Settings), each thread's cost and context use
// (computed from the usage the store keeps per step, at today's prices), and each thread's
// optional budget (in the store). The status bar's meter, the inspector, Settings > Prices,
// the CLI and the engine (which stops a run at the budget) ask here; only this service writes
// budgets and custom prices, and it says what changed.
#pragma once

#include "llm/ModelPrices.h"
#include "store/StoreResult.h"
#include "store/StoreTypes.h"

#include <QObject>

#include <optional>

class Settings;
class Store;

struct ThreadCost
{
    double usd = 0; // the runs that have a price
    bool priced = true; // false: some run's model has no price (usd is then a lower bound)
    TokenUsage usage; // every run
    QString model; // the thread's model now
    qint64 contextTokens = 0; // what the last step sent and got back: the next request's base
    qint64 contextWindow = 0; // of `model`; 0: unknown
    std::optional<double> budget;
};

class CostService final : public QObject
{
    Q_OBJECT

public:
    CostService(Store &store, Settings &settings, QObject *parent = nullptr);

    const ModelPrices &prices() const { return m_prices; }
    std::optional<ModelPrice> price(const QString &modelRef) const;
    // nullopt: the model has no price.
    std::optional<double> cost(const QString &modelRef, const TokenUsage &usage) const;
    // "$0.0042", or "no price".
    QString costText(const QString &modelRef, const TokenUsage &usage) const;

    ThreadCost threadCost(RowId threadId) const;

    // The user's price for a model (Settings > Prices); nullopt removes it (the list's price,
    // if any, applies again). Saved in the settings before pricesChanged.
    void setCustomPrice(const QString &modelRef, const std::optional<ModelPrice> &price);
    // Reads the custom prices again (after another part of the app changed the settings).
    void reloadPrices();

    std::optional<double> budget(RowId threadId) const;
    // nullopt or <= 0 removes it. Committed before budgetChanged.
    StoreStatus setBudget(RowId threadId, std::optional<double> usd);
    // Empty while the thread is under its budget (or has none); else what happened and what to
    // do, for the message that ends the run.
    QString budgetReached(RowId threadId) const;

signals:
    void pricesChanged();
    void budgetChanged(RowId threadId);

private:
    Store &m_store;
    Settings &m_settings;
    ModelPrices m_prices;
};
