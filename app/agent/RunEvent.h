// The one event stream of a run (DESIGN.md "one event stream, three consumers"). The engine
// writes each event's facts to the store first, then emits it; the UI models render it and the
// step log prints it. Nothing flows back but user intents, which are calls on AgentEngine.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QMetaType>
#include <QString>

using RowId = qint64;

struct RunEvent
{
    enum class Type {
        RunStarted, // runId, runUuid, model
        StepStarted, // stepIndex, stepId, messageId (the assistant message being streamed)
        TextDelta, // text
        ReasoningDelta, // text
        ToolCallStarted, // toolCallId, toolName (arguments still streaming)
        ToolCallArgsDelta, // toolCallId, text (a fragment of the arguments JSON)
        ToolCallReady, // toolCallRowId, toolCallId, toolName, arguments
        ApprovalRequested, // toolCallRowId, toolCallId, toolName, arguments
        ApprovalResolved, // toolCallRowId, decision ("approved", "denied", "auto"), text = reason
        ToolCallFinished, // toolCallRowId, toolCallId, toolName, result, isError, durationMs
        StepFinished, // stepIndex, finishReason, usage, text, durationMs, stepLog
        RunFinished, // finishReason; stoppedAtLimit when the step limit ended it
        RunFailed, // error, errorKind; the run can be retried
        RunCancelled, //
        ThreadTitleChanged // text = the new title
    };

    Type type = Type::RunStarted;
    RowId threadId = 0;
    RowId runId = 0;
    QString runUuid;
    int stepIndex = -1; // 0-based
    RowId stepId = 0;
    RowId messageId = 0;

    QString text; // deltas, final step text, reasons, titles
    QString model;

    RowId toolCallRowId = 0;
    QString toolCallId;
    QString toolName;
    QJsonObject arguments;
    QJsonValue result;
    bool isError = false;
    QString decision;

    QString finishReason; // stop, tool-calls, length, content-filter, error, other
    QJsonObject usage; // the step log's usage object
    qint64 durationMs = -1;
    qint64 timeToFirstTokenMs = -1;
    bool stoppedAtLimit = false;

    QString error;
    QString errorKind;
    QByteArray stepLog; // StepFinished: the step-log line, redacted

    static QString typeName(Type type);
};

Q_DECLARE_METATYPE(RunEvent)
