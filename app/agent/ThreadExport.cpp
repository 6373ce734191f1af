#include "ThreadExport.h"

#include "log/Redactor.h"
#include "services/RunHistory.h"
#include "services/ThreadService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ThreadExport {

namespace {

QString iso(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue parsedOrText(const QString &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    return json;
}

// A fence longer than any run of backticks inside, so code blocks cannot be broken out of.
QString fenced(const QString &text, const QString &language = QString())
{
    int longest = 0;
    int run = 0;
    for (const QChar c : text) {
        run = c == QLatin1Char('`') ? run + 1 : 0;
        longest = qMax(longest, run);
    }
    const QString fence(qMax(3, longest + 1), QLatin1Char('`'));
    return fence + language + QLatin1Char('\n') + text
        + (text.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral("\n")) + fence
        + QLatin1Char('\n');
}

QString prettyJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    return value.toString();
}

} // namespace

bool load(ThreadService &threads, const RunHistory &history, RowId threadId, Data *data,
          QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    auto thread = threads.thread(threadId);
    if (!thread)
        return fail(thread.error());
    data->thread = *thread;
    auto messages = history.listMessages(threadId);
    if (!messages)
        return fail(messages.error());
    data->messages = *messages;
    auto runs = history.listRuns(threadId);
    if (!runs)
        return fail(runs.error());
    data->runs = *runs;
    for (const RunRecord &run : *runs) {
        if (auto steps = history.listSteps(run.id))
            data->steps += *steps;
        if (auto calls = history.listToolCalls(run.id))
            data->toolCalls += *calls;
    }
    return true;
}

QString toMarkdown(const Data &data, const Redactor &redactor)
{
    QString out = QStringLiteral("# %1\n\n")
                      .arg(data.thread.title.isEmpty() ? QStringLiteral("Untitled thread")
                                                       : data.thread.title);
    out += QStringLiteral("Model: `%1` · created %2\n\n")
               .arg(data.thread.model, iso(data.thread.createdAt));

    for (const MessageRecord &message : data.messages) {
        switch (message.role) {
        case MessageRole::User:
            out += QStringLiteral("## User\n\n") + message.text() + QStringLiteral("\n\n");
            break;
        case MessageRole::Assistant: {
            out += QStringLiteral("## Assistant");
            if (message.status == MessageStatus::Interrupted)
                out += QStringLiteral(" (interrupted)");
            else if (message.status == MessageStatus::Failed)
                out += QStringLiteral(" (failed)");
            out += QStringLiteral("\n\n");
            for (const QJsonValue &value : message.parts) {
                const QJsonObject part = value.toObject();
                const QString type = part.value(QLatin1String("type")).toString();
                if (type == QLatin1String("text")) {
                    out += part.value(QLatin1String("text")).toString() + QStringLiteral("\n\n");
                } else if (type == QLatin1String("reasoning")) {
                    QString reasoning = part.value(QLatin1String("text")).toString().trimmed();
                    reasoning.replace(QLatin1Char('\n'), QStringLiteral("\n> "));
                    out += QStringLiteral("> *Reasoning:* ") + reasoning + QStringLiteral("\n\n");
                } else if (type == QLatin1String("tool-call")) {
                    const QJsonValue args = part.contains(QLatin1String("args"))
                        ? part.value(QLatin1String("args"))
                        : QJsonValue(part.value(QLatin1String("argsText")).toString());
                    out += QStringLiteral("**Tool call** `%1` (%2)\n\n")
                               .arg(part.value(QLatin1String("toolName")).toString(),
                                    part.value(QLatin1String("toolCallId")).toString());
                    out += fenced(prettyJson(redactor.redactJson(args)), QStringLiteral("json"))
                        + QLatin1Char('\n');
                }
            }
            break;
        }
        case MessageRole::Tool:
            for (const QJsonValue &value : message.parts) {
                const QJsonObject part = value.toObject();
                out += QStringLiteral("**Tool result** `%1` (%2)%3\n\n")
                           .arg(part.value(QLatin1String("toolName")).toString(),
                                part.value(QLatin1String("toolCallId")).toString(),
                                part.value(QLatin1String("isError")).toBool()
                                    ? QStringLiteral(", error")
                                    : QString());
                out += fenced(prettyJson(redactor.redactJson(part.value(QLatin1String("result")))),
                              QStringLiteral("json"))
                    + QLatin1Char('\n');
            }
            break;
        case MessageRole::System:
            break;
        }
    }
    TokenUsage total;
    for (const RunRecord &run : data.runs)
        total += run.usage;
    out += QStringLiteral("---\n\n%1 run(s) · %2 input tokens (%3 cached) · %4 output tokens\n")
               .arg(data.runs.size())
               .arg(total.inputTokens)
               .arg(total.cachedInputTokens)
               .arg(total.outputTokens);
    return redactor.redactText(out);
}

QByteArray toJson(const Data &data, const Redactor &redactor)
{
    QJsonArray messages;
    for (const MessageRecord &m : data.messages)
        messages.append(QJsonObject{{QStringLiteral("id"), m.id},
                                    {QStringLiteral("uuid"), m.uuid},
                                    {QStringLiteral("position"), m.position},
                                    {QStringLiteral("role"), StoreEnums::toString(m.role)},
                                    {QStringLiteral("status"), StoreEnums::toString(m.status)},
                                    {QStringLiteral("runId"), m.runId},
                                    {QStringLiteral("parts"), m.parts},
                                    {QStringLiteral("createdAt"), iso(m.createdAt)}});
    QJsonArray runs;
    for (const RunRecord &r : data.runs) {
        QJsonArray steps;
        for (const StepRecord &s : data.steps) {
            if (s.runId != r.id)
                continue;
            steps.append(QJsonObject{
                {QStringLiteral("index"), s.index},
                {QStringLiteral("finishReason"), s.finishReason},
                {QStringLiteral("usage"), s.usage.toJson()},
                {QStringLiteral("timeToFirstTokenMs"),
                 s.timeToFirstTokenMs ? QJsonValue(*s.timeToFirstTokenMs) : QJsonValue()},
                {QStringLiteral("durationMs"),
                 s.durationMs ? QJsonValue(*s.durationMs) : QJsonValue()},
                {QStringLiteral("startedAt"), iso(s.startedAt)}});
        }
        QJsonArray calls;
        for (const ToolCallRecord &c : data.toolCalls) {
            if (c.runId != r.id)
                continue;
            calls.append(QJsonObject{{QStringLiteral("toolCallId"), c.callId},
                                     {QStringLiteral("toolName"), c.name},
                                     {QStringLiteral("args"), parsedOrText(c.arguments)},
                                     {QStringLiteral("result"), parsedOrText(c.result)},
                                     {QStringLiteral("status"), StoreEnums::toString(c.status)},
                                     {QStringLiteral("decision"), StoreEnums::toString(c.decision)},
                                     {QStringLiteral("decisionReason"), c.decisionReason},
                                     {QStringLiteral("proposedAt"), iso(c.proposedAt)},
                                     {QStringLiteral("finishedAt"), iso(c.finishedAt)}});
        }
        runs.append(QJsonObject{{QStringLiteral("uuid"), r.uuid},
                                {QStringLiteral("status"), StoreEnums::toString(r.status)},
                                {QStringLiteral("model"), r.model},
                                {QStringLiteral("usage"), r.usage.toJson()},
                                {QStringLiteral("startedAt"), iso(r.startedAt)},
                                {QStringLiteral("finishedAt"), iso(r.finishedAt)},
                                {QStringLiteral("error"), r.error},
                                {QStringLiteral("steps"), steps},
                                {QStringLiteral("toolCalls"), calls}});
    }
    const QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("agent-studio-thread/1")},
        {QStringLiteral("thread"),
         QJsonObject{{QStringLiteral("id"), data.thread.id},
                     {QStringLiteral("uuid"), data.thread.uuid},
                     {QStringLiteral("title"), data.thread.title},
                     {QStringLiteral("model"), data.thread.model},
                     {QStringLiteral("createdAt"), iso(data.thread.createdAt)},
                     {QStringLiteral("updatedAt"), iso(data.thread.updatedAt)},
                     {QStringLiteral("pinned"), data.thread.pinned},
                     {QStringLiteral("archived"), data.thread.archived}}},
        {QStringLiteral("messages"), messages},
        {QStringLiteral("runs"), runs},
    };
    return QJsonDocument(redactor.redactJson(root).toObject()).toJson(QJsonDocument::Indented);
}

} // namespace ThreadExport
