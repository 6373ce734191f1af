// Decodes an OpenAI Chat Completions stream (OpenAI and every compatible server: Groq, Ollama,
// OpenRouter, vLLM, llama.cpp, LM Studio, Gemini's compat endpoint, DeepSeek, xAI) into a
// ChatResult. Tool calls are keyed by index, or by id / position when a server sends no index
// (Gemini); usage may come on the finish chunk, on a separate choices:[] chunk, or never.
#pragma once

#include "llm/StreamAccumulator.h"

#include <QHash>
#include <QJsonObject>

class OpenAiStreamAccumulator final : public StreamAccumulator
{
public:
    explicit OpenAiStreamAccumulator(const QString &providerName = QStringLiteral("OpenAI"));

    void handle(const SseEvent &event, QList<StreamDelta> *deltas) override;

    // A non-streaming chat.completion response.
    static ChatResult parseResponse(const QJsonObject &response, const QString &providerName);
    static TokenUsage parseUsage(const QJsonObject &usage);
    static FinishReason mapFinishReason(const QString &reason, bool hasToolCalls);

protected:
    void finalize() override;
    bool sawFinish() const override { return !m_result.rawFinishReason.isEmpty(); }

private:
    void handleChunk(const QJsonObject &chunk, QList<StreamDelta> *deltas);
    void handleToolCall(const QJsonObject &tc, QList<StreamDelta> *deltas);
    int newSlot();

    QHash<int, int> m_slotByIndex; // wire index -> position in toolCalls
    QHash<QString, int> m_slotById;
    QList<bool> m_started; // ToolCallStarted sent for this position
};
