// The one event stream of a run (DESIGN.md "one event stream, three consumers"). The engine
// writes each event's facts to the store first, then emits it; the UI models render it and the
// step log prints it. Nothing flows back but user intents, which are calls on AgentEngine.
#pragma once

#include "llm/LlmError.h"
#include "store/StoreTypes.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QMetaType>
#include <QString>

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
        // toolCallRowId, toolCallId, toolName, arguments; approvalMode, approvalRule* say why
        ApprovalRequested,
        // toolCallRowId, decision (Approved, Denied or Auto: a mode or rule change decided a
        // waiting call), text = reason; approvalMode, approvalRule* say what decided it
        ApprovalResolved,
        ToolCallFinished, // toolCallRowId, toolCallId, toolName, result, isError, durationMs
        StepFinished, // stepIndex, finishReason, usage, text, durationMs, stepLog
        // finishReason; stoppedAtLimit when the step limit ended it; planId when a plan-mode
        // run ended with a plan that waits for the user (text = the plan)
        RunFinished,
        RunFailed, // error, failure (and modelError); the run can be retried
        RunCancelled, //
        ThreadTitleChanged, // text = the new title
        // text: something the run did on the user's behalf that is not a tool call, e.g.
        // starting a sandbox that stopped while idle (issue 17). Shown, not stored.
        SandboxNotice
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
    ApprovalDecision decision = ApprovalDecision::None;
    // How the approval gate decided (issue 16): the thread's mode ("plan", "ask", ...), the
    // rule that decided it (0: none) and its description at the time.
    QString approvalMode;
    RowId approvalRuleId = 0;
    QString approvalRule;
    RowId planId = 0; // RunFinished of a plan-mode run: the plan waiting for the user

    QString finishReason; // stop, tool-calls, length, content-filter, error, other
    TokenUsage usage;
    qint64 durationMs = -1;
    qint64 timeToFirstTokenMs = -1;
    bool stoppedAtLimit = false;
    // With stoppedAtLimit: the limit was the thread's budget (issue 18); text says so.
    bool stoppedAtBudget = false;

    // What made a run fail: the model call (modelError says how), the store, or a model that
    // kept sending invalid tool calls.
    enum class Failure { None, Model, Storage, InvalidToolCalls };

    QString error;
    Failure failure = Failure::None;
    LlmError::Kind modelError = LlmError::Kind::None; // Failure::Model
    QByteArray stepLog; // StepFinished: the step-log line, redacted

    // The failure's short name ("timeout", "missing-key", "storage", "invalid-tool-calls"),
    // empty when the run did not fail.
    QString errorKindName() const;
};

Q_DECLARE_METATYPE(RunEvent)
