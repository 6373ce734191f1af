// The price table: reading the data file, matching model names, costing usage.
#include "ModelPrices.h"

#include "llm/ModelRef.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

double ModelPrice::cost(const TokenUsage &usage) const
{
    const qint64 cached = qBound<qint64>(0, usage.cachedInputTokens, usage.inputTokens);
    const qint64 uncached = usage.inputTokens - cached;
    return (double(uncached) * input + double(cached) * cachedInput
            + double(usage.outputTokens) * output)
        / 1e6;
}

QVariantMap ModelPrice::toVariant() const
{
    return {{u"input"_s, input},
            {u"cachedInput"_s, cachedInput},
            {u"output"_s, output},
            {u"context"_s, contextWindow}};
}

std::optional<ModelPrice> ModelPrice::fromVariant(const QVariantMap &map)
{
    bool okIn = false;
    bool okOut = false;
    ModelPrice price;
    price.input = map.value(u"input"_s).toDouble(&okIn);
    price.output = map.value(u"output"_s).toDouble(&okOut);
    bool okCached = false;
    price.cachedInput = map.value(u"cachedInput"_s).toDouble(&okCached);
    if (!okCached)
        price.cachedInput = price.input;
    price.contextWindow = map.value(u"context"_s).toLongLong();
    if (!okIn || !okOut || price.input < 0 || price.output < 0 || price.cachedInput < 0
        || price.contextWindow < 0)
        return std::nullopt;
    return price;
}

static QByteArray builtInList()
{
    QFile file(u":/prices/model-prices.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

ModelPrices::ModelPrices()
{
    QString error;
    *this = ModelPrices(builtInList(), &error);
    if (!error.isEmpty())
        qWarning("the built-in price list is unreadable: %s", qPrintable(error));
}

ModelPrices::ModelPrices(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonObject root = QJsonDocument::fromJson(json, &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        if (error)
            *error = parseError.errorString();
        return;
    }
    m_takenOn = root.value("taken"_L1).toString();
    const QJsonObject models = root.value("models"_L1).toObject();
    for (auto it = models.begin(); it != models.end(); ++it) {
        if (auto price = ModelPrice::fromVariant(it.value().toObject().toVariantMap()))
            m_list.insert(it.key(), *price);
        else if (error)
            *error = u"%1 has no valid price"_s.arg(it.key());
    }
}

void ModelPrices::setCustom(const QHash<QString, ModelPrice> &custom)
{
    m_custom = custom;
    for (ModelPrice &price : m_custom)
        price.source = ModelPrice::Source::Custom;
}

std::optional<ModelPrice> ModelPrices::listPrice(const QString &modelRef) const
{
    if (const auto it = m_list.constFind(modelRef); it != m_list.constEnd())
        return *it;
    // gpt-4o-2024-08-06, claude-sonnet-4-20250514, claude-3-5-haiku-latest: the base row.
    static const QRegularExpression suffix(u"-(\\d{4}-\\d{2}-\\d{2}|\\d{8}|latest)$"_s);
    QString base = modelRef;
    base.remove(suffix);
    if (base != modelRef) {
        if (const auto it = m_list.constFind(base); it != m_list.constEnd())
            return *it;
    }
    return std::nullopt;
}

std::optional<ModelPrice> ModelPrices::find(const QString &modelRef) const
{
    if (const auto it = m_custom.constFind(modelRef); it != m_custom.constEnd())
        return *it;
    const auto ref = ModelRef::parse(modelRef);
    if (ref) {
        const auto provider = m_providers.find(ref->provider());
        if (provider && provider->local) {
            ModelPrice zero;
            zero.source = ModelPrice::Source::Local;
            return zero;
        }
    }
    return listPrice(modelRef);
}

QString ModelPrices::formatUsd(double usd)
{
    const int decimals = usd != 0 && usd < 0.01 ? 4 : 2;
    return u"$"_s + QString::number(usd, 'f', decimals);
}
