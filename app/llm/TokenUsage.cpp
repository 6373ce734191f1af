#include "TokenUsage.h"

using namespace Qt::StringLiterals;

bool TokenUsage::isEmpty() const
{
    return inputTokens == 0 && outputTokens == 0 && totalTokens == 0 && reasoningTokens == 0
        && cachedInputTokens == 0;
}

TokenUsage &TokenUsage::operator+=(const TokenUsage &other)
{
    inputTokens += other.inputTokens;
    outputTokens += other.outputTokens;
    totalTokens += other.totalTokens;
    reasoningTokens += other.reasoningTokens;
    cachedInputTokens += other.cachedInputTokens;
    return *this;
}

QList<QLatin1String> TokenUsage::jsonKeys()
{
    return {"inputTokens"_L1, "outputTokens"_L1, "totalTokens"_L1, "reasoningTokens"_L1,
            "cachedInputTokens"_L1};
}

QJsonObject TokenUsage::toJson() const
{
    const QList<QLatin1String> keys = jsonKeys();
    return {{keys.at(0), inputTokens},
            {keys.at(1), outputTokens},
            {keys.at(2), totalTokens},
            {keys.at(3), reasoningTokens},
            {keys.at(4), cachedInputTokens}};
}

TokenUsage TokenUsage::fromJson(const QJsonObject &object)
{
    const QList<QLatin1String> keys = jsonKeys();
    TokenUsage usage;
    usage.inputTokens = object.value(keys.at(0)).toInteger(0);
    usage.outputTokens = object.value(keys.at(1)).toInteger(0);
    usage.totalTokens = object.value(keys.at(2)).toInteger(0);
    usage.reasoningTokens = object.value(keys.at(3)).toInteger(0);
    usage.cachedInputTokens = object.value(keys.at(4)).toInteger(0);
    return usage;
}
