// Anthropic-shape event decoding (specs/llm-wire.md §2.2-2.4).
#include "AnthropicStreamAccumulator.h"

#include <QJsonArray>
#include <QJsonDocument>

AnthropicStreamAccumulator::AnthropicStreamAccumulator(const QString &providerName)
    : StreamAccumulator(providerName)
{
}

void AnthropicStreamAccumulator::handle(const SseEvent &event, QList<StreamDelta> *deltas)
{
    if (hasError() || isComplete())
        return;
    if (event.data.trimmed().isEmpty())
        return;
    QJsonValue value;
    if (!parseJson(event.data, &value))
        return;
    const QJsonObject o = value.toObject();
    // Dispatch on data.type; the event: line names the same thing.
    QString type = o.value(QLatin1String("type")).toString();
    if (type.isEmpty())
        type = QString::fromUtf8(event.event);
    if (type == QLatin1String("error") || event.event == "error"
        || (o.contains(QLatin1String("error")) && !o.value(QLatin1String("error")).isNull())) {
        fail(LlmError::fromStreamPayload(o, m_providerName));
        return;
    }
    if (type == QLatin1String("message_start")) {
        const QJsonObject message = o.value(QLatin1String("message")).toObject();
        m_result.responseId = message.value(QLatin1String("id")).toString();
        m_result.model = message.value(QLatin1String("model")).toString();
        mergeUsage(message.value(QLatin1String("usage")).toObject());
    } else if (type == QLatin1String("content_block_start")) {
        const int index = o.value(QLatin1String("index")).toInt();
        const QJsonObject cb = o.value(QLatin1String("content_block")).toObject();
        const QString blockType = cb.value(QLatin1String("type")).toString();
        Block block;
        if (blockType == QLatin1String("text")) {
            block.type = Block::Type::Text;
            const QString text = cb.value(QLatin1String("text")).toString();
            if (!text.isEmpty()) {
                m_result.text += text;
                markDelivered();
                deltas->append({StreamDelta::Kind::Text, -1, text, {}, {}});
            }
        } else if (blockType == QLatin1String("tool_use")) {
            block.type = Block::Type::ToolUse;
            ToolCall call;
            call.id = cb.value(QLatin1String("id")).toString();
            call.name = cb.value(QLatin1String("name")).toString();
            // "input": {} is a placeholder; the input arrives as input_json_delta.
            m_result.toolCalls.append(call);
            block.slot = int(m_result.toolCalls.size() - 1);
            markDelivered();
            deltas->append(
                {StreamDelta::Kind::ToolCallStarted, block.slot, {}, call.id, call.name});
        } else if (blockType == QLatin1String("thinking")) {
            block.type = Block::Type::Thinking;
            ThinkingBlock t;
            t.thinking = cb.value(QLatin1String("thinking")).toString();
            t.signature = cb.value(QLatin1String("signature")).toString();
            m_result.reasoning += t.thinking;
            m_result.thinking.append(t);
            block.slot = int(m_result.thinking.size() - 1);
        } else if (blockType == QLatin1String("redacted_thinking")) {
            block.type = Block::Type::RedactedThinking;
            ThinkingBlock t;
            t.redactedData = cb.value(QLatin1String("data")).toString();
            m_result.thinking.append(t);
            block.slot = int(m_result.thinking.size() - 1);
        }
        // Server tool blocks and unknown types are ignored.
        m_blocks.insert(index, block);
    } else if (type == QLatin1String("content_block_delta")) {
        const int index = o.value(QLatin1String("index")).toInt();
        const Block block = m_blocks.value(index);
        const QJsonObject d = o.value(QLatin1String("delta")).toObject();
        const QString deltaType = d.value(QLatin1String("type")).toString();
        if (deltaType == QLatin1String("text_delta")) {
            const QString text = d.value(QLatin1String("text")).toString();
            if (!text.isEmpty()) {
                m_result.text += text;
                markDelivered();
                deltas->append({StreamDelta::Kind::Text, -1, text, {}, {}});
            }
        } else if (deltaType == QLatin1String("input_json_delta")
                   && block.type == Block::Type::ToolUse) {
            const QString part = d.value(QLatin1String("partial_json")).toString();
            if (!part.isEmpty()) {
                m_result.toolCalls[block.slot].arguments += part;
                deltas->append({StreamDelta::Kind::ToolCallArguments, block.slot, part, {}, {}});
            }
        } else if (deltaType == QLatin1String("thinking_delta")
                   && block.type == Block::Type::Thinking) {
            const QString text = d.value(QLatin1String("thinking")).toString();
            if (!text.isEmpty()) {
                m_result.thinking[block.slot].thinking += text;
                m_result.reasoning += text;
                markDelivered();
                deltas->append({StreamDelta::Kind::Reasoning, -1, text, {}, {}});
            }
        } else if (deltaType == QLatin1String("signature_delta")
                   && block.type == Block::Type::Thinking) {
            m_result.thinking[block.slot].signature
                += d.value(QLatin1String("signature")).toString();
        }
    } else if (type == QLatin1String("message_delta")) {
        const QString stop = o.value(QLatin1String("delta"))
                                 .toObject()
                                 .value(QLatin1String("stop_reason"))
                                 .toString();
        if (!stop.isEmpty())
            m_result.rawFinishReason = stop;
        mergeUsage(o.value(QLatin1String("usage")).toObject());
    } else if (type == QLatin1String("message_stop")) {
        markComplete();
    }
    // content_block_stop, ping and unknown events need nothing.
}

void AnthropicStreamAccumulator::mergeUsage(const QJsonObject &usage)
{
    for (auto it = usage.begin(); it != usage.end(); ++it) {
        if (!it.value().isNull())
            m_rawUsage.insert(it.key(), it.value());
    }
}

void AnthropicStreamAccumulator::computeUsage()
{
    if (m_rawUsage.isEmpty())
        return;
    TokenUsage u;
    const qint64 input = m_rawUsage.value(QLatin1String("input_tokens")).toInteger();
    const qint64 cacheWrite
        = m_rawUsage.value(QLatin1String("cache_creation_input_tokens")).toInteger();
    const qint64 cacheRead = m_rawUsage.value(QLatin1String("cache_read_input_tokens")).toInteger();
    // Anthropic's input_tokens excludes the cache; the step log counts the whole prompt.
    u.inputTokens = input + cacheWrite + cacheRead;
    u.cachedInputTokens = cacheRead;
    u.outputTokens = m_rawUsage.value(QLatin1String("output_tokens")).toInteger();
    u.totalTokens = u.inputTokens + u.outputTokens;
    m_result.usage = u;
    m_result.usageReported = true;
}

void AnthropicStreamAccumulator::finalize()
{
    finalizeToolCalls();
    computeUsage();
    m_result.finishReason = mapStopReason(m_result.rawFinishReason);
    if (m_result.rawFinishReason.isEmpty() && !m_result.toolCalls.isEmpty())
        m_result.finishReason = FinishReason::ToolCalls;
}

FinishReason AnthropicStreamAccumulator::mapStopReason(const QString &reason)
{
    if (reason == QLatin1String("end_turn") || reason == QLatin1String("stop_sequence"))
        return FinishReason::Stop;
    if (reason == QLatin1String("tool_use"))
        return FinishReason::ToolCalls;
    if (reason == QLatin1String("max_tokens")
        || reason == QLatin1String("model_context_window_exceeded"))
        return FinishReason::Length;
    if (reason == QLatin1String("refusal"))
        return FinishReason::ContentFilter;
    return FinishReason::Other; // pause_turn, unknown
}

ChatResult AnthropicStreamAccumulator::parseResponse(const QJsonObject &response,
                                                     const QString &providerName)
{
    // Replays the content blocks as stream events so both paths share one decoder.
    AnthropicStreamAccumulator acc(providerName);
    QList<StreamDelta> ignored;
    const auto send = [&](const QJsonObject &o) {
        acc.handle(SseEvent{{}, QJsonDocument(o).toJson(QJsonDocument::Compact)}, &ignored);
    };
    if (response.value(QLatin1String("type")).toString() == QLatin1String("error")) {
        send(response);
        return acc.finish();
    }
    QJsonObject start = response;
    start.insert(QLatin1String("content"), QJsonArray());
    send({{QStringLiteral("type"), QStringLiteral("message_start")},
          {QStringLiteral("message"), start}});
    const QJsonArray content = response.value(QLatin1String("content")).toArray();
    for (int i = 0; i < content.size(); ++i) {
        QJsonObject block = content.at(i).toObject();
        const QString type = block.value(QLatin1String("type")).toString();
        QJsonObject startBlock = block;
        QJsonObject delta;
        if (type == QLatin1String("tool_use")) {
            startBlock.insert(QLatin1String("input"), QJsonObject());
            delta
                = {{QStringLiteral("type"), QStringLiteral("input_json_delta")},
                   {QStringLiteral("partial_json"),
                    QString::fromUtf8(QJsonDocument(block.value(QLatin1String("input")).toObject())
                                          .toJson(QJsonDocument::Compact))}};
        }
        send({{QStringLiteral("type"), QStringLiteral("content_block_start")},
              {QStringLiteral("index"), i},
              {QStringLiteral("content_block"), startBlock}});
        if (!delta.isEmpty())
            send({{QStringLiteral("type"), QStringLiteral("content_block_delta")},
                  {QStringLiteral("index"), i},
                  {QStringLiteral("delta"), delta}});
    }
    send({{QStringLiteral("type"), QStringLiteral("message_delta")},
          {QStringLiteral("delta"),
           QJsonObject{
               {QStringLiteral("stop_reason"), response.value(QLatin1String("stop_reason"))}}}});
    send({{QStringLiteral("type"), QStringLiteral("message_stop")}});
    return acc.finish();
}
