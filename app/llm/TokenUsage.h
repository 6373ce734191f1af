// Token usage of a model call, a step or a run: one type from the provider's stream through the
// store to the step log, the inspector and exports, with one JSON form, the step log's usage
// object of specs/agent-tools.md.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

struct TokenUsage
{
    // Normalized: input includes cached and cache-written tokens; output includes reasoning.
    // total is what the provider says (not recomputed).
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 totalTokens = 0;
    qint64 reasoningTokens = 0;
    qint64 cachedInputTokens = 0;

    // No tokens counted.
    bool isEmpty() const;
    TokenUsage &operator+=(const TokenUsage &other);
    friend bool operator==(const TokenUsage &, const TokenUsage &) = default;

    // The step log's usage object: {inputTokens, outputTokens, totalTokens, reasoningTokens,
    // cachedInputTokens}.
    QJsonObject toJson() const;
    // Missing fields are 0.
    static TokenUsage fromJson(const QJsonObject &object);
    // toJson()'s keys in the order the step log writes them.
    static QList<QLatin1String> jsonKeys();
};
