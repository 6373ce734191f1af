// Decodes an Anthropic Messages stream into a ChatResult: a state machine per content block
// index (text, tool_use with input_json_delta, thinking with its signature, redacted_thinking),
// usage from message_start overwritten by message_delta, event: error as a terminal error.
#pragma once

#include "llm/StreamAccumulator.h"

#include <QHash>
#include <QJsonObject>

class AnthropicStreamAccumulator final : public StreamAccumulator
{
public:
    explicit AnthropicStreamAccumulator(const QString &providerName = QStringLiteral("Anthropic"));

    void handle(const SseEvent &event, QList<StreamDelta> *deltas) override;

    // A non-streaming Messages response.
    static ChatResult parseResponse(const QJsonObject &response, const QString &providerName);
    static FinishReason mapStopReason(const QString &reason);

protected:
    void finalize() override;
    bool sawFinish() const override { return false; } // only message_stop ends a stream

private:
    struct Block
    {
        enum class Type { Text, ToolUse, Thinking, RedactedThinking, Ignored };
        Type type = Type::Ignored;
        int slot = -1; // tool call or thinking block position
    };
    void mergeUsage(const QJsonObject &usage);
    void computeUsage();

    QHash<int, Block> m_blocks;
    // Raw Anthropic usage, field by field (message_delta overrides message_start).
    QJsonObject m_rawUsage;
};
