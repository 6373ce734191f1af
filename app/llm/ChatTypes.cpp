// Helpers of the chat value types.
#include "ChatTypes.h"

QString finishReasonName(FinishReason reason)
{
    switch (reason) {
    case FinishReason::Stop:
        return QStringLiteral("stop");
    case FinishReason::ToolCalls:
        return QStringLiteral("tool-calls");
    case FinishReason::Length:
        return QStringLiteral("length");
    case FinishReason::ContentFilter:
        return QStringLiteral("content-filter");
    case FinishReason::Error:
        return QStringLiteral("error");
    case FinishReason::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

ChatMessage ChatMessage::user(const QString &text)
{
    ChatMessage m;
    m.role = Role::User;
    m.text = text;
    return m;
}

ChatMessage ChatMessage::assistant(const QString &text, const QList<ToolCall> &calls)
{
    ChatMessage m;
    m.role = Role::Assistant;
    m.text = text;
    m.toolCalls = calls;
    return m;
}

ChatMessage ChatMessage::toolResult(const QString &callId, const QString &toolName,
                                    const QString &content, bool isError)
{
    ChatMessage m;
    m.role = Role::Tool;
    m.toolCallId = callId;
    m.toolName = toolName;
    m.text = content;
    m.isError = isError;
    return m;
}

ChatMessage ChatResult::toAssistantMessage() const
{
    ChatMessage m = ChatMessage::assistant(text.isEmpty() ? refusal : text, toolCalls);
    m.thinking = thinking;
    return m;
}
