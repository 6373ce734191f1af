// Value types of a chat call, the same for both wire protocols: the conversation we send
// (messages, tool calls and results, tools with JSON Schema) and what came back (text,
// reasoning, thinking blocks with their signatures, tool calls, finish reason, usage).
// Usage and finish reasons use the step-log names of specs/agent-tools.md.
#pragma once

#include "llm/LlmError.h"
#include "llm/TokenUsage.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

enum class FinishReason { Stop, ToolCalls, Length, ContentFilter, Error, Other };
// "stop", "tool-calls", "length", "content-filter", "error", "other"
QString finishReasonName(FinishReason reason);

struct ToolCall
{
    QString id;
    QString name;
    QString arguments; // JSON text, sent back verbatim
    // Provider data that must be echoed on the next turn (Gemini's thought_signature).
    QJsonObject extraContent;

    friend bool operator==(const ToolCall &, const ToolCall &) = default;
};

// Anthropic extended thinking, kept whole for the next turn.
struct ThinkingBlock
{
    QString thinking;
    QString signature;
    QString redactedData; // non-empty: a redacted_thinking block

    friend bool operator==(const ThinkingBlock &, const ThinkingBlock &) = default;
};

struct ChatMessage
{
    enum class Role { User, Assistant, Tool };

    Role role = Role::User;
    QString text;
    // Assistant turns.
    QList<ThinkingBlock> thinking;
    QList<ToolCall> toolCalls;
    // Tool results.
    QString toolCallId;
    QString toolName;
    bool isError = false;

    static ChatMessage user(const QString &text);
    static ChatMessage assistant(const QString &text, const QList<ToolCall> &calls = {});
    static ChatMessage toolResult(const QString &callId, const QString &toolName,
                                  const QString &content, bool isError = false);
};

struct ToolSpec
{
    QString name;
    QString description;
    QJsonObject parameters; // JSON Schema of the argument object
};

struct ChatRequest
{
    QString model; // the provider's model id (ModelRef::model())
    QString system;
    QList<ChatMessage> messages;
    QList<ToolSpec> tools;
    int maxTokens = 0; // 0: the protocol's default (Anthropic needs one)
    bool stream = true;
    bool promptCaching = true; // Anthropic cache_control on system prompt and tools
    int thinkingBudget = 0; // Anthropic extended thinking; 0: off
    double temperature = -1; // < 0: provider default
};

struct ChatResult
{
    QString responseId;
    QString model;
    QString text;
    QString reasoning; // reasoning_content / reasoning / Anthropic thinking text
    QString refusal; // OpenAI structured-output refusal
    QList<ThinkingBlock> thinking;
    QList<ToolCall> toolCalls;
    FinishReason finishReason = FinishReason::Other;
    QString rawFinishReason; // the provider's word
    TokenUsage usage;
    bool usageReported = false; // the provider sent usage at all
    LlmError error; // set when the call failed; partial content is kept
    int attempts = 0; // HTTP requests made, retries included

    bool ok() const { return !error.isError(); }
    // The assistant turn to send back next time (text, thinking, tool calls).
    ChatMessage toAssistantMessage() const;
};

Q_DECLARE_METATYPE(ChatResult)
