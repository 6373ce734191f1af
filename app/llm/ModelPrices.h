// What a model costs and how much context it takes: the built-in list prices
// (resources/prices/model-prices.json, with the date they were taken), the user's own prices for
// custom and local models (Settings > Prices, which win over the list), zero for servers on the
// user's machine, and no price (not $0) for a model nobody priced.
#pragma once

#include "llm/ProviderCatalog.h"
#include "llm/TokenUsage.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

struct ModelPrice
{
    enum class Source { List, Custom, Local };

    // US dollars per million tokens. cachedInput is what a cache hit costs.
    double input = 0;
    double cachedInput = 0;
    double output = 0;
    qint64 contextWindow = 0; // tokens; 0: unknown
    Source source = Source::List;

    // Input tokens served from the cache at cachedInput, the other input tokens at input, the
    // output (reasoning included) at output.
    double cost(const TokenUsage &usage) const;

    // {input, cachedInput, output, context}: the form Settings keeps.
    QVariantMap toVariant() const;
    // nullopt when a price is missing or negative.
    static std::optional<ModelPrice> fromVariant(const QVariantMap &map);

    friend bool operator==(const ModelPrice &, const ModelPrice &) = default;
};

class ModelPrices final
{
public:
    // The built-in list.
    ModelPrices();
    // A list in the data file's form; an empty table and *error when it cannot be read.
    ModelPrices(const QByteArray &json, QString *error);

    // The day the list prices were taken (YYYY-MM-DD).
    const QString &takenOn() const { return m_takenOn; }
    QStringList listedModels() const { return m_list.keys(); }

    // The user's prices, by "provider/model"; they win over the list.
    void setCustom(const QHash<QString, ModelPrice> &custom);
    const QHash<QString, ModelPrice> &custom() const { return m_custom; }

    // The price of a "provider/model": the user's, else zero for a local server (context
    // window unknown unless the user set one), else the list's (a dated or "-latest" model
    // takes its base model's row), else nullopt ("no price").
    std::optional<ModelPrice> find(const QString &modelRef) const;
    // The list's row alone.
    std::optional<ModelPrice> listPrice(const QString &modelRef) const;

    // "$0.0042" below a cent, "$1.25" above: what the meter, the inspector and the CLI print.
    static QString formatUsd(double usd);

private:
    QString m_takenOn;
    QHash<QString, ModelPrice> m_list;
    QHash<QString, ModelPrice> m_custom;
    ProviderCatalog m_providers;
};
