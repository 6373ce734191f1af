#include "StoredStepLog.h"

#include "log/StepLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace {

QSet<QString> toolCallIdsOf(const MessageRecord &message)
{
    QSet<QString> ids;
    for (const QJsonValue &part : message.parts) {
        const QJsonObject object = part.toObject();
        if (object.value(QLatin1String("type")).toString() == QLatin1String("tool-call"))
            ids.insert(object.value(QLatin1String("toolCallId")).toString());
    }
    return ids;
}

} // namespace

namespace StoredStepLog {

QHash<RowId, QByteArray> lines(const RunFacts &facts, const Redactor &redactor)
{
    // What the model was given for each call, in the order the results were written (a
    // provider may reuse an id across steps, so each id keeps a queue).
    QList<MessageRecord> assistants;
    QHash<QString, QList<QJsonValue>> results;
    for (const MessageRecord &message : facts.messages) {
        if (message.runId != facts.run.id)
            continue;
        if (message.role == MessageRole::Assistant) {
            assistants.append(message);
        } else if (message.role == MessageRole::Tool) {
            for (const QJsonValue &part : message.parts) {
                const QJsonObject object = part.toObject();
                if (object.value(QLatin1String("type")).toString() == QLatin1String("tool-result"))
                    results[object.value(QLatin1String("toolCallId")).toString()].append(
                        object.value(QLatin1String("result")));
            }
        }
    }

    QHash<RowId, QByteArray> out;
    qsizetype nextAssistant = 0;
    for (const StepRecord &step : facts.steps) {
        StepLogEntry entry;
        entry.runId = facts.run.uuid;
        entry.stepIndex = step.index + 1;
        entry.finishReason = step.finishReason;
        entry.usage = step.usage;
        entry.durationMs = step.durationMs.value_or(-1);

        QSet<QString> callIds;
        for (const ToolCallRecord &call : facts.toolCalls) {
            if (call.stepId != step.id)
                continue;
            StepLogCall logCall;
            logCall.toolCallId = call.callId;
            logCall.toolName = call.name;
            logCall.args = StepLog::arguments(call.arguments);
            QList<QJsonValue> &queue = results[call.callId];
            if (!queue.isEmpty())
                logCall.result = queue.takeFirst();
            else if (!call.result.isEmpty())
                logCall.result = QJsonDocument::fromJson(call.result.toUtf8()).object();
            entry.calls.append(logCall);
            callIds.insert(call.callId);
        }

        // Each model step wrote one assistant message. A step that only re-asked about the
        // calls of an interrupted run (continueRun) had no model call and no message: its
        // calls are not in the next message.
        if (nextAssistant < assistants.size()) {
            const MessageRecord &message = assistants.at(nextAssistant);
            const bool noModelCall
                = !callIds.isEmpty() && !toolCallIdsOf(message).intersects(callIds);
            if (!noModelCall) {
                entry.text = message.text();
                ++nextAssistant;
            }
        }
        out.insert(step.id, StepLog::jsonLine(entry, redactor));
    }
    return out;
}

} // namespace StoredStepLog
