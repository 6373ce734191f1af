#include "StepLog.h"

#include "log/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

// QJsonObject sorts its keys; the step log keeps the documented order, so objects are written
// from (key, value) lists.
using Fields = QList<QPair<QString, QByteArray>>;

QByteArray encode(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // Scalars: wrap in an array and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray object(const Fields &fields)
{
    QByteArray out = "{";
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            out += ',';
        out += encode(fields.at(i).first) + ':' + fields.at(i).second;
    }
    return out + '}';
}

QByteArray array(const QList<QByteArray> &items)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        out += items.at(i);
    }
    return out + ']';
}

QByteArray usageJson(const TokenUsage &usage)
{
    const QJsonObject json = usage.toJson();
    Fields fields;
    for (const QLatin1String key : TokenUsage::jsonKeys())
        fields.append({key, encode(json.value(key))});
    return object(fields);
}

} // namespace

namespace StepLog {

QJsonValue arguments(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error == QJsonParseError::NoError && document.isObject())
        return document.object();
    if (text.trimmed().isEmpty())
        return QJsonObject();
    return text;
}

QByteArray jsonLine(const StepLogEntry &entry, const Redactor &redactor)
{
    QList<QByteArray> calls;
    QList<QByteArray> results;
    for (const StepLogCall &call : entry.calls) {
        const QByteArray id = encode(call.toolCallId);
        const QByteArray name = encode(call.toolName);
        const QByteArray args = encode(redactor.redactJson(call.args));
        calls.append(object({{QStringLiteral("type"), encode(QStringLiteral("tool-call"))},
                             {QStringLiteral("runId"), encode(entry.runId)},
                             {QStringLiteral("from"), encode(QStringLiteral("AGENT"))},
                             {QStringLiteral("payload"),
                              object({{QStringLiteral("toolCallId"), id},
                                      {QStringLiteral("toolName"), name},
                                      {QStringLiteral("args"), args}})}}));
        if (call.result.isUndefined())
            continue;
        results.append(object(
            {{QStringLiteral("type"), encode(QStringLiteral("tool-result"))},
             {QStringLiteral("runId"), encode(entry.runId)},
             {QStringLiteral("from"), encode(QStringLiteral("AGENT"))},
             {QStringLiteral("payload"),
              object({{QStringLiteral("toolCallId"), id},
                      {QStringLiteral("toolName"), name},
                      {QStringLiteral("result"), encode(redactor.redactJson(call.result))}})}}));
    }
    const QByteArray line = object({
        {QStringLiteral("text"), encode(redactor.redactText(entry.text))},
        {QStringLiteral("toolCalls"), array(calls)},
        {QStringLiteral("toolResults"), array(results)},
        {QStringLiteral("finishReason"), encode(entry.finishReason)},
        {QStringLiteral("usage"), usageJson(entry.usage)},
    });
    return line + '\n';
}

QString pretty(const StepLogEntry &entry, const Redactor &redactor)
{
    const TokenUsage &usage = entry.usage;
    QString head = QStringLiteral("step %1 · %2 · %3 in")
                       .arg(entry.stepIndex)
                       .arg(entry.finishReason)
                       .arg(usage.inputTokens);
    if (usage.cachedInputTokens > 0)
        head += QStringLiteral(" (%1 cached)").arg(usage.cachedInputTokens);
    head += QStringLiteral(" / %1 out").arg(usage.outputTokens);
    if (usage.reasoningTokens > 0)
        head += QStringLiteral(" (%1 reasoning)").arg(usage.reasoningTokens);
    if (entry.durationMs >= 0)
        head += QStringLiteral(" · %1 s").arg(double(entry.durationMs) / 1000.0, 0, 'f', 1);

    const auto oneLine = [](const QByteArray &json) {
        QString text = QString::fromUtf8(json);
        if (text.size() > 160)
            text = text.left(159) + QStringLiteral("…");
        return text;
    };

    QString out = head + QLatin1Char('\n');
    for (const StepLogCall &call : entry.calls) {
        out += QStringLiteral("  → %1 %2\n")
                   .arg(call.toolName, oneLine(encode(redactor.redactJson(call.args))));
        if (!call.result.isUndefined())
            out += QStringLiteral("  ← %1 %2\n")
                       .arg(call.toolName, oneLine(encode(redactor.redactJson(call.result))));
    }
    const QString text = redactor.redactText(entry.text).trimmed();
    if (!text.isEmpty()) {
        for (const QString &line : text.split(QLatin1Char('\n')))
            out += QStringLiteral("  ") + line + QLatin1Char('\n');
    }
    return out;
}

QString prettyFromLine(const QByteArray &line, int stepIndex, qint64 durationMs)
{
    const QJsonObject object = QJsonDocument::fromJson(line).object();
    StepLogEntry entry;
    entry.stepIndex = stepIndex;
    entry.durationMs = durationMs;
    entry.text = object.value(QLatin1String("text")).toString();
    entry.finishReason = object.value(QLatin1String("finishReason")).toString();
    entry.usage = TokenUsage::fromJson(object.value(QLatin1String("usage")).toObject());
    QHash<QString, QJsonValue> results;
    for (const QJsonValue &value : object.value(QLatin1String("toolResults")).toArray()) {
        const QJsonObject payload = value.toObject().value(QLatin1String("payload")).toObject();
        results.insert(payload.value(QLatin1String("toolCallId")).toString(),
                       payload.value(QLatin1String("result")));
    }
    for (const QJsonValue &value : object.value(QLatin1String("toolCalls")).toArray()) {
        const QJsonObject payload = value.toObject().value(QLatin1String("payload")).toObject();
        StepLogCall call;
        call.toolCallId = payload.value(QLatin1String("toolCallId")).toString();
        call.toolName = payload.value(QLatin1String("toolName")).toString();
        call.args = payload.value(QLatin1String("args"));
        call.result = results.value(call.toolCallId, QJsonValue(QJsonValue::Undefined));
        entry.calls.append(call);
    }
    return pretty(entry, Redactor());
}

} // namespace StepLog
