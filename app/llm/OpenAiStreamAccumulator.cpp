// OpenAI-shape chunk decoding (specs/llm-wire.md §1.3, §1.4, §3, §4).
#include "OpenAiStreamAccumulator.h"

#include <QJsonArray>
#include <QJsonDocument>

OpenAiStreamAccumulator::OpenAiStreamAccumulator(const QString &providerName)
    : StreamAccumulator(providerName)
{
}

void OpenAiStreamAccumulator::handle(const SseEvent &event, QList<StreamDelta> *deltas)
{
    if (hasError() || isComplete())
        return;
    const QByteArray data = event.data.trimmed();
    if (data.isEmpty())
        return;
    if (data == "[DONE]") {
        markComplete();
        return;
    }
    QJsonValue value;
    if (!parseJson(data, &value))
        return;
    if (value.isArray()) { // Gemini sends errors as a JSON array
        fail(LlmError::fromStreamPayload(value, m_providerName));
        return;
    }
    const QJsonObject chunk = value.toObject();
    // An error payload ends the stream: {"error":{...}}, {"error":"..."}, vLLM's flat shape.
    if (chunk.contains(QLatin1String("error")) && !chunk.value(QLatin1String("error")).isNull()) {
        fail(LlmError::fromStreamPayload(chunk, m_providerName));
        return;
    }
    if (chunk.value(QLatin1String("object")).toString() == QLatin1String("error")) {
        fail(LlmError::fromStreamPayload(chunk, m_providerName));
        return;
    }
    handleChunk(chunk, deltas);
}

void OpenAiStreamAccumulator::handleChunk(const QJsonObject &chunk, QList<StreamDelta> *deltas)
{
    if (m_result.responseId.isEmpty())
        m_result.responseId = chunk.value(QLatin1String("id")).toString();
    if (m_result.model.isEmpty())
        m_result.model = chunk.value(QLatin1String("model")).toString();
    const QJsonValue usage = chunk.value(QLatin1String("usage"));
    if (usage.isObject()) {
        m_result.usage = parseUsage(usage.toObject());
        m_result.usageReported = true;
    }

    const QJsonArray choices = chunk.value(QLatin1String("choices")).toArray();
    for (const QJsonValue &choiceValue : choices) {
        const QJsonObject choice = choiceValue.toObject();
        if (choice.value(QLatin1String("index")).toInt(0) != 0)
            continue; // n > 1 is never requested
        const QJsonObject delta = choice.value(QLatin1String("delta")).toObject();
        const QString content = delta.value(QLatin1String("content")).toString();
        if (!content.isEmpty()) {
            m_result.text += content;
            markDelivered();
            deltas->append({StreamDelta::Kind::Text, -1, content, {}, {}});
        }
        QString reasoning = delta.value(QLatin1String("reasoning_content")).toString();
        if (reasoning.isEmpty())
            reasoning = delta.value(QLatin1String("reasoning")).toString();
        if (!reasoning.isEmpty()) {
            m_result.reasoning += reasoning;
            markDelivered();
            deltas->append({StreamDelta::Kind::Reasoning, -1, reasoning, {}, {}});
        }
        const QString refusal = delta.value(QLatin1String("refusal")).toString();
        if (!refusal.isEmpty()) {
            m_result.refusal += refusal;
            markDelivered();
            deltas->append({StreamDelta::Kind::Text, -1, refusal, {}, {}});
        }
        const QJsonArray calls = delta.value(QLatin1String("tool_calls")).toArray();
        for (const QJsonValue &call : calls)
            handleToolCall(call.toObject(), deltas);
        const QString finish = choice.value(QLatin1String("finish_reason")).toString();
        if (!finish.isEmpty())
            m_result.rawFinishReason = finish;
    }
}

int OpenAiStreamAccumulator::newSlot()
{
    m_result.toolCalls.append(ToolCall());
    m_started.append(false);
    return int(m_result.toolCalls.size() - 1);
}

void OpenAiStreamAccumulator::handleToolCall(const QJsonObject &tc, QList<StreamDelta> *deltas)
{
    const QString id = tc.value(QLatin1String("id")).toString();
    const QJsonObject function = tc.value(QLatin1String("function")).toObject();
    const QString name = function.value(QLatin1String("name")).toString();
    const QJsonValue argsValue = function.value(QLatin1String("arguments"));
    // Some servers send the arguments as an object instead of a JSON string.
    const QString args = argsValue.isObject()
        ? QString::fromUtf8(QJsonDocument(argsValue.toObject()).toJson(QJsonDocument::Compact))
        : argsValue.toString();

    int slot = -1;
    const QJsonValue indexValue = tc.value(QLatin1String("index"));
    if (indexValue.isDouble()) {
        const int index = indexValue.toInt();
        slot = m_slotByIndex.value(index, -1);
        // Proxies reuse index 0 for a second call with a different id.
        if (slot >= 0 && !id.isEmpty() && !m_result.toolCalls[slot].id.isEmpty()
            && m_result.toolCalls[slot].id != id)
            slot = -1;
        if (slot < 0) {
            slot = newSlot();
            m_slotByIndex.insert(index, slot);
        }
    } else if (!id.isEmpty()) { // Gemini: no index
        slot = m_slotById.value(id, -1);
        if (slot < 0)
            slot = newSlot();
    } else {
        // No index and no id: a new call if it names a function, else more of the last one.
        const bool lastIsNamed
            = !m_result.toolCalls.isEmpty() && !m_result.toolCalls.constLast().name.isEmpty();
        if (m_result.toolCalls.isEmpty() || (!name.isEmpty() && lastIsNamed))
            slot = newSlot();
        else
            slot = int(m_result.toolCalls.size() - 1);
    }
    ToolCall &call = m_result.toolCalls[slot];
    if (call.id.isEmpty() && !id.isEmpty()) {
        call.id = id;
        m_slotById.insert(id, slot);
    }
    if (call.name.isEmpty() && !name.isEmpty())
        call.name = name;
    const QJsonObject extra = tc.value(QLatin1String("extra_content")).toObject();
    if (!extra.isEmpty())
        call.extraContent = extra;
    if (!m_started[slot] && !call.name.isEmpty()) {
        m_started[slot] = true;
        markDelivered();
        deltas->append({StreamDelta::Kind::ToolCallStarted, slot, {}, call.id, call.name});
        if (!call.arguments.isEmpty()) // fragments that came before the name
            deltas->append({StreamDelta::Kind::ToolCallArguments, slot, call.arguments, {}, {}});
    }
    if (!args.isEmpty()) {
        call.arguments += args;
        if (m_started[slot])
            deltas->append({StreamDelta::Kind::ToolCallArguments, slot, args, {}, {}});
    }
}

void OpenAiStreamAccumulator::finalize()
{
    finalizeToolCalls();
    if (m_result.rawFinishReason.isEmpty() && isComplete())
        m_result.finishReason
            = m_result.toolCalls.isEmpty() ? FinishReason::Stop : FinishReason::ToolCalls;
    else
        m_result.finishReason
            = mapFinishReason(m_result.rawFinishReason, !m_result.toolCalls.isEmpty());
}

FinishReason OpenAiStreamAccumulator::mapFinishReason(const QString &reason, bool hasToolCalls)
{
    if (reason == QLatin1String("tool_calls") || reason == QLatin1String("function_call"))
        return FinishReason::ToolCalls;
    if (reason == QLatin1String("stop") || reason == QLatin1String("end_turn")
        || reason == QLatin1String("eos"))
        // Gemini and old Ollama say "stop" after tool calls.
        return hasToolCalls ? FinishReason::ToolCalls : FinishReason::Stop;
    if (reason == QLatin1String("length") || reason == QLatin1String("max_tokens"))
        return FinishReason::Length;
    if (reason == QLatin1String("content_filter"))
        return FinishReason::ContentFilter;
    if (reason == QLatin1String("error"))
        return FinishReason::Error;
    return FinishReason::Other;
}

static qint64 intField(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toInteger(0);
}

TokenUsage OpenAiStreamAccumulator::parseUsage(const QJsonObject &u)
{
    TokenUsage usage;
    const qint64 prompt = intField(u, "prompt_tokens");
    const qint64 completion = intField(u, "completion_tokens");
    const qint64 total = intField(u, "total_tokens");
    usage.reasoningTokens = intField(u.value(QLatin1String("completion_tokens_details")).toObject(),
                                     "reasoning_tokens");
    usage.cachedInputTokens
        = intField(u.value(QLatin1String("prompt_tokens_details")).toObject(), "cached_tokens");
    if (usage.cachedInputTokens == 0)
        usage.cachedInputTokens = intField(u, "prompt_cache_hit_tokens"); // DeepSeek
    usage.inputTokens = prompt;
    usage.outputTokens = completion;
    // xAI counts reasoning outside completion_tokens; OpenAI inside. Normalize to inside.
    if (usage.reasoningTokens > 0 && total == prompt + completion + usage.reasoningTokens
        && total != prompt + completion)
        usage.outputTokens = completion + usage.reasoningTokens;
    usage.totalTokens = total > 0 ? total : usage.inputTokens + usage.outputTokens;
    return usage;
}

ChatResult OpenAiStreamAccumulator::parseResponse(const QJsonObject &response,
                                                  const QString &providerName)
{
    ChatResult result;
    if (response.contains(QLatin1String("error"))
        && !response.value(QLatin1String("error")).isNull()) {
        result.error = LlmError::fromStreamPayload(response, providerName);
        result.finishReason = FinishReason::Error;
        return result;
    }
    result.responseId = response.value(QLatin1String("id")).toString();
    result.model = response.value(QLatin1String("model")).toString();
    const QJsonArray choices = response.value(QLatin1String("choices")).toArray();
    if (choices.isEmpty()) {
        result.error = LlmError::invalidResponse(providerName, QStringLiteral("no choices"));
        result.finishReason = FinishReason::Error;
        return result;
    }
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject message = choice.value(QLatin1String("message")).toObject();
    result.text = message.value(QLatin1String("content")).toString();
    result.refusal = message.value(QLatin1String("refusal")).toString();
    result.reasoning = message.value(QLatin1String("reasoning_content")).toString();
    if (result.reasoning.isEmpty())
        result.reasoning = message.value(QLatin1String("reasoning")).toString();
    for (const QJsonValue &v : message.value(QLatin1String("tool_calls")).toArray()) {
        const QJsonObject tc = v.toObject();
        const QJsonObject fn = tc.value(QLatin1String("function")).toObject();
        ToolCall call;
        call.id = tc.value(QLatin1String("id")).toString();
        call.name = fn.value(QLatin1String("name")).toString();
        call.arguments = fn.value(QLatin1String("arguments")).toString();
        call.extraContent = tc.value(QLatin1String("extra_content")).toObject();
        if (call.id.isEmpty())
            call.id = synthesizeToolCallId();
        if (call.arguments.trimmed().isEmpty())
            call.arguments = QStringLiteral("{}");
        if (!call.name.isEmpty())
            result.toolCalls.append(call);
    }
    result.rawFinishReason = choice.value(QLatin1String("finish_reason")).toString();
    result.finishReason = mapFinishReason(result.rawFinishReason, !result.toolCalls.isEmpty());
    const QJsonValue usage = response.value(QLatin1String("usage"));
    if (usage.isObject()) {
        result.usage = parseUsage(usage.toObject());
        result.usageReported = true;
    }
    return result;
}
