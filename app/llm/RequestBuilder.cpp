// The two request-body builders.
#include "RequestBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace RequestBuilder {

QJsonObject openAiChat(const ChatRequest &request, const ProviderInfo &provider)
{
    QJsonArray messages;
    if (!request.system.isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                    {QStringLiteral("content"), request.system}});
    for (const ChatMessage &m : request.messages) {
        switch (m.role) {
        case ChatMessage::Role::User:
            messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                        {QStringLiteral("content"), m.text}});
            break;
        case ChatMessage::Role::Assistant: {
            QJsonObject o{{QStringLiteral("role"), QStringLiteral("assistant")}};
            // With tool calls and no text, content is null (OpenAI rejects "" on some models).
            o.insert(QStringLiteral("content"),
                     m.text.isEmpty() && !m.toolCalls.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                : QJsonValue(m.text));
            if (!m.toolCalls.isEmpty()) {
                QJsonArray calls;
                for (const ToolCall &c : m.toolCalls) {
                    QJsonObject call{{QStringLiteral("id"), c.id},
                                     {QStringLiteral("type"), QStringLiteral("function")},
                                     {QStringLiteral("function"),
                                      QJsonObject{{QStringLiteral("name"), c.name},
                                                  {QStringLiteral("arguments"),
                                                   c.arguments.isEmpty() ? QStringLiteral("{}")
                                                                         : c.arguments}}}};
                    if (!c.extraContent.isEmpty()) // Gemini's thought_signature
                        call.insert(QStringLiteral("extra_content"), c.extraContent);
                    calls.append(call);
                }
                o.insert(QStringLiteral("tool_calls"), calls);
            }
            messages.append(o);
            break;
        }
        case ChatMessage::Role::Tool:
            messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("tool")},
                                        {QStringLiteral("tool_call_id"), m.toolCallId},
                                        {QStringLiteral("content"), m.text}});
            break;
        }
    }
    QJsonObject body{{QStringLiteral("model"), request.model},
                     {QStringLiteral("messages"), messages},
                     {QStringLiteral("stream"), request.stream}};
    if (request.stream && provider.streamUsageOption)
        body.insert(QStringLiteral("stream_options"),
                    QJsonObject{{QStringLiteral("include_usage"), true}});
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (const ToolSpec &t : request.tools) {
            QJsonObject function{{QStringLiteral("name"), t.name},
                                 {QStringLiteral("parameters"), t.parameters}};
            if (!t.description.isEmpty())
                function.insert(QStringLiteral("description"), t.description);
            tools.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                                     {QStringLiteral("function"), function}});
        }
        body.insert(QStringLiteral("tools"), tools);
        body.insert(QStringLiteral("tool_choice"), QStringLiteral("auto"));
    }
    if (request.maxTokens > 0)
        body.insert(provider.useMaxCompletionTokens ? QStringLiteral("max_completion_tokens")
                                                    : QStringLiteral("max_tokens"),
                    request.maxTokens);
    if (request.temperature >= 0)
        body.insert(QStringLiteral("temperature"), request.temperature);
    return body;
}

static QJsonObject ephemeral()
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("ephemeral")}};
}

// tool_use.input is an object; arguments that are not a JSON object are sent as {}.
static QJsonObject argumentsObject(const QString &arguments)
{
    const QJsonDocument doc = QJsonDocument::fromJson(arguments.toUtf8());
    return doc.isObject() ? doc.object() : QJsonObject();
}

// Anthropic accepts tool ids matching ^[a-zA-Z0-9_-]+$; ids made by other servers after a
// model switch ("functions.read:0" from vLLM) are mapped the same way for use and result.
static QString anthropicToolId(const QString &id)
{
    QString out = id;
    for (QChar &c : out) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('_')
            && c != QLatin1Char('-'))
            c = QLatin1Char('_');
    }
    return out.isEmpty() ? QStringLiteral("toolu_missing") : out;
}

QJsonObject anthropicMessages(const ChatRequest &request)
{
    QJsonArray messages;
    // Anthropic needs alternating roles: tool results and the user's text that follows them
    // share one user message, results first.
    const auto appendUserBlocks = [&messages](const QJsonArray &blocks) {
        if (!messages.isEmpty()) {
            QJsonObject last = messages.last().toObject();
            if (last.value(QLatin1String("role")).toString() == QLatin1String("user")) {
                QJsonArray content = last.value(QLatin1String("content")).toArray();
                for (const QJsonValue &b : blocks)
                    content.append(b);
                last.insert(QStringLiteral("content"), content);
                messages.replace(messages.size() - 1, last);
                return;
            }
        }
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("content"), blocks}});
    };
    for (const ChatMessage &m : request.messages) {
        switch (m.role) {
        case ChatMessage::Role::User:
            appendUserBlocks({QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                          {QStringLiteral("text"), m.text}}});
            break;
        case ChatMessage::Role::Assistant: {
            QJsonArray content;
            for (const ThinkingBlock &t : m.thinking) {
                if (!t.redactedData.isEmpty())
                    content.append(
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("redacted_thinking")},
                                    {QStringLiteral("data"), t.redactedData}});
                else
                    content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking")},
                                               {QStringLiteral("thinking"), t.thinking},
                                               {QStringLiteral("signature"), t.signature}});
            }
            if (!m.text.isEmpty()) // empty text blocks are rejected
                content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                           {QStringLiteral("text"), m.text}});
            for (const ToolCall &c : m.toolCalls)
                content.append(
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                {QStringLiteral("id"), anthropicToolId(c.id)},
                                {QStringLiteral("name"), c.name},
                                {QStringLiteral("input"), argumentsObject(c.arguments)}});
            messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                        {QStringLiteral("content"), content}});
            break;
        }
        case ChatMessage::Role::Tool: {
            QJsonObject result{{QStringLiteral("type"), QStringLiteral("tool_result")},
                               {QStringLiteral("tool_use_id"), anthropicToolId(m.toolCallId)},
                               {QStringLiteral("content"), m.text}};
            if (m.isError)
                result.insert(QStringLiteral("is_error"), true);
            appendUserBlocks({result});
            break;
        }
        }
    }
    int maxTokens = request.maxTokens > 0 ? request.maxTokens : kAnthropicDefaultMaxTokens;
    if (request.thinkingBudget > 0 && maxTokens <= request.thinkingBudget)
        maxTokens = request.thinkingBudget + kAnthropicDefaultMaxTokens; // must exceed the budget
    QJsonObject body{{QStringLiteral("model"), request.model},
                     {QStringLiteral("max_tokens"), maxTokens},
                     {QStringLiteral("messages"), messages},
                     {QStringLiteral("stream"), request.stream}};
    if (!request.system.isEmpty()) {
        QJsonObject block{{QStringLiteral("type"), QStringLiteral("text")},
                          {QStringLiteral("text"), request.system}};
        if (request.promptCaching)
            block.insert(QStringLiteral("cache_control"), ephemeral());
        body.insert(QStringLiteral("system"), QJsonArray{block});
    }
    if (!request.tools.isEmpty()) {
        QJsonArray tools;
        for (qsizetype i = 0; i < request.tools.size(); ++i) {
            const ToolSpec &t = request.tools.at(i);
            QJsonObject tool{{QStringLiteral("name"), t.name},
                             {QStringLiteral("input_schema"), t.parameters}};
            if (!t.description.isEmpty())
                tool.insert(QStringLiteral("description"), t.description);
            // A breakpoint on the last tool caches the whole tool list.
            if (request.promptCaching && i == request.tools.size() - 1)
                tool.insert(QStringLiteral("cache_control"), ephemeral());
            tools.append(tool);
        }
        body.insert(QStringLiteral("tools"), tools);
        body.insert(QStringLiteral("tool_choice"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("auto")}});
    }
    if (request.thinkingBudget > 0)
        body.insert(QStringLiteral("thinking"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("enabled")},
                                {QStringLiteral("budget_tokens"), request.thinkingBudget}});
    if (request.temperature >= 0 && request.thinkingBudget <= 0)
        body.insert(QStringLiteral("temperature"), request.temperature);
    return body;
}

QJsonObject build(const ChatRequest &request, const ProviderInfo &provider)
{
    return provider.protocol == WireProtocol::AnthropicMessages ? anthropicMessages(request)
                                                                : openAiChat(request, provider);
}

} // namespace RequestBuilder
