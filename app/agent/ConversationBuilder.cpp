#include "ConversationBuilder.h"

#include <QHash>
#include <QJsonDocument>

namespace ConversationBuilder {

QString interruptedResult()
{
    return QStringLiteral("{\"error\":\"This tool call was interrupted (the app stopped while it "
                          "was pending or running); its outcome is unknown. Check the sandbox's "
                          "state before repeating it.\"}");
}

namespace {

QString jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isString())
        return value.toString();
    return QStringLiteral("{}");
}

// The calls of the current assistant turn and the results stored for them so far (in any
// order: calls of one step may finish in any order).
struct PendingCalls
{
    QList<ToolCall> calls;
    QHash<QString, ChatMessage> results;
};

// Results go back in call order, one per call; a call without a stored result gets the
// synthetic "interrupted" one.
void closeTurn(QList<ChatMessage> &out, PendingCalls &pending)
{
    for (const ToolCall &call : std::as_const(pending.calls)) {
        const auto it = pending.results.constFind(call.id);
        out.append(it != pending.results.cend()
                       ? *it
                       : ChatMessage::toolResult(call.id, call.name, interruptedResult(), true));
    }
    pending = {};
}

} // namespace

QList<ChatMessage> build(const QList<MessageRecord> &messages)
{
    QList<ChatMessage> out;
    PendingCalls pending;

    for (const MessageRecord &message : messages) {
        switch (message.role) {
        case MessageRole::System:
            break;
        case MessageRole::User: {
            closeTurn(out, pending);
            const QString text = message.text();
            if (!text.isEmpty())
                out.append(ChatMessage::user(text));
            break;
        }
        case MessageRole::Assistant: {
            closeTurn(out, pending);
            QStringList texts;
            QList<ToolCall> calls;
            QList<ThinkingBlock> thinking;
            for (const QJsonValue &value : message.parts) {
                const QJsonObject part = value.toObject();
                const QString type = part.value(QLatin1String("type")).toString();
                if (type == QLatin1String("text")) {
                    texts << part.value(QLatin1String("text")).toString();
                } else if (type == QLatin1String("thinking")) {
                    thinking.append({part.value(QLatin1String("thinking")).toString(),
                                     part.value(QLatin1String("signature")).toString(),
                                     part.value(QLatin1String("redactedData")).toString()});
                } else if (type == QLatin1String("tool-call")) {
                    ToolCall call;
                    call.id = part.value(QLatin1String("toolCallId")).toString();
                    call.name = part.value(QLatin1String("toolName")).toString();
                    call.arguments = part.contains(QLatin1String("argsText"))
                        ? part.value(QLatin1String("argsText")).toString()
                        : jsonText(part.value(QLatin1String("args")));
                    call.extraContent = part.value(QLatin1String("extraContent")).toObject();
                    calls.append(call);
                }
            }
            const QString text = texts.join(QString());
            if (text.isEmpty() && calls.isEmpty() && thinking.isEmpty())
                break; // an interrupted or failed turn that produced nothing
            ChatMessage assistant = ChatMessage::assistant(text, calls);
            assistant.thinking = thinking;
            out.append(assistant);
            pending.calls = calls;
            break;
        }
        case MessageRole::Tool:
            for (const QJsonValue &value : message.parts) {
                const QJsonObject part = value.toObject();
                if (part.value(QLatin1String("type")).toString() != QLatin1String("tool-result"))
                    continue;
                const QString id = part.value(QLatin1String("toolCallId")).toString();
                const bool known = std::any_of(pending.calls.cbegin(), pending.calls.cend(),
                                               [&id](const ToolCall &c) { return c.id == id; });
                if (!known || pending.results.contains(id))
                    continue; // a result without its call would be refused by the API
                pending.results.insert(
                    id,
                    ChatMessage::toolResult(id, part.value(QLatin1String("toolName")).toString(),
                                            jsonText(part.value(QLatin1String("result"))),
                                            part.value(QLatin1String("isError")).toBool()));
            }
            break;
        }
    }
    closeTurn(out, pending);
    return out;
}

} // namespace ConversationBuilder
