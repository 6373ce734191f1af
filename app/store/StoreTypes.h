// The value types the Store reads and writes: threads, messages, runs, steps, tool calls,
// sandboxes and search hits. Plain structs, copied freely; ids are SQLite row ids (0 = none).
// Enums are stored as the lowercase names that toString() gives, so the file stays readable
// with the sqlite3 shell and survives reordering of the C++ enums.
#pragma once

#include "llm/TokenUsage.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

using RowId = qint64;

struct ThreadRecord
{
    RowId id = 0;
    QString uuid;
    QString title;
    QString model; // "provider/model"
    QDateTime createdAt;
    QDateTime updatedAt; // bumped by new messages, not by renames or streamed chunks
    bool pinned = false;
    bool archived = false;
};

enum class ThreadFilter { Active, Archived, All };

enum class MessageRole { System, User, Assistant, Tool };
// Streaming: being received; Interrupted: the app stopped (or the run was cancelled) before
// the message was complete, the partial text is kept; Failed: the provider returned an error.
enum class MessageStatus { Complete, Streaming, Interrupted, Failed };
// What a streamed chunk carries; each becomes (or extends) a content part of that type.
enum class ChunkKind { Text, Reasoning };

// A message is a list of content parts, as in the AI SDK / Mastra:
//   {"type":"text","text":"..."}, {"type":"reasoning","text":"..."},
//   {"type":"tool-call","toolCallId":"...","toolName":"...","args":{...}},
//   {"type":"tool-result","toolCallId":"...","result":...}, ...
// The store only interprets "text" and "reasoning" parts (for streaming and search).
struct MessageRecord
{
    RowId id = 0;
    RowId threadId = 0;
    RowId runId = 0; // the run that produced it, 0 for user messages
    QString uuid; // client-generated: appending the same uuid twice is a no-op
    int position = 0; // 0, 1, 2, ... within the thread
    MessageRole role = MessageRole::User;
    MessageStatus status = MessageStatus::Complete;
    QJsonArray parts; // includes chunks appended so far while streaming
    QDateTime createdAt;
    QDateTime updatedAt;

    // The "text" parts joined by newlines (what search indexes).
    QString text() const;
};

struct NewMessage
{
    RowId threadId = 0;
    MessageRole role = MessageRole::User;
    QJsonArray parts;
    MessageStatus status = MessageStatus::Complete;
    RowId runId = 0;
    QString uuid; // empty: the store generates one

    static QJsonArray textParts(const QString &text);
};

enum class RunStatus { Running, Completed, Failed, Cancelled, Interrupted };

struct RunRecord
{
    RowId id = 0;
    RowId threadId = 0;
    QString uuid;
    RunStatus status = RunStatus::Running;
    QString model;
    TokenUsage usage; // sum of the finished steps
    QDateTime startedAt;
    QDateTime finishedAt; // invalid while running
    QString error;
};

struct StepRecord
{
    RowId id = 0;
    RowId runId = 0;
    int index = 0; // 0, 1, 2, ... within the run
    QString finishReason; // as the provider says: "stop", "tool_calls", "length", ...
    TokenUsage usage;
    std::optional<qint64> timeToFirstTokenMs;
    std::optional<qint64> durationMs;
    QDateTime startedAt;
    QDateTime finishedAt; // invalid while the step runs
};

// proposed -> approved | denied; approved -> running -> done | failed. A call found "running"
// when the app starts becomes outcome_unknown and is never run again.
enum class ToolCallStatus { Proposed, Approved, Denied, Running, Done, Failed, OutcomeUnknown };
// Auto: approved without asking (the user chose "always allow this tool for this thread").
enum class ApprovalDecision { None, Approved, Denied, Auto };

struct ToolCallRecord
{
    RowId id = 0;
    RowId runId = 0;
    RowId stepId = 0;
    QString callId; // the provider's tool call id
    QString name;
    QString arguments; // JSON text exactly as the model produced it (may be invalid JSON)
    QString result; // JSON text; empty until finished
    ToolCallStatus status = ToolCallStatus::Proposed;
    ApprovalDecision decision = ApprovalDecision::None;
    QString decisionReason;
    QDateTime proposedAt;
    QDateTime decidedAt;
    QDateTime startedAt;
    QDateTime finishedAt;
    // How the approval gate decided it (issue 16; empty for calls decided before): the
    // thread's mode then ("plan", "ask", "auto-edit", "full"), the rule that decided it (its
    // id, 0 for none, and its description at the time) and why, in one line.
    QString approvalMode;
    RowId approvalRuleId = 0;
    QString approvalRule;
    QString approvalReason;
};

// A tool call's approval record as the gate writes it (Store::recordToolCallApproval).
struct ToolCallApproval
{
    QString mode;
    RowId ruleId = 0;
    QString rule;
    QString reason;
};

struct NewToolCall
{
    RowId runId = 0;
    RowId stepId = 0;
    QString callId;
    QString name;
    QString arguments;
};

// The plan a run in plan mode ended with (its final text), waiting for the user: approve it
// (the thread goes on in the chosen mode with the plan as the instruction), edit it first, or
// reject it with a reason.
enum class PlanStatus { Pending, Approved, Rejected };

struct PlanRecord
{
    RowId id = 0;
    RowId threadId = 0;
    RowId runId = 0; // the plan-mode run that wrote it (0 once that run is deleted)
    QString text; // as the agent wrote it; when approved, as the user approved it (edited)
    PlanStatus status = PlanStatus::Pending;
    QString mode; // Approved: the mode the thread went on in ("auto-edit", "ask", "full")
    QString reason; // Rejected: the user's reason
    QDateTime createdAt;
    QDateTime decidedAt; // invalid while pending
};

struct SandboxRecord
{
    RowId id = 0;
    QString provider; // "local" or "daytona"
    QString remoteId; // the id the provider gave it
    QString name;
    QString language;
    QJsonObject labels;
    QString state; // as the provider reports it: "started", "stopped", ...
    RowId threadId = 0; // owning thread, 0 if none (or the thread was deleted)
    QDateTime createdAt;
    QDateTime updatedAt;
};

struct SearchHit
{
    RowId threadId = 0;
    RowId messageId = 0; // the message that matched; 0 for the title or a tool call
    QString title;
    QString snippet; // around the match (a tool call's: "name: …"); empty for a title hit
    QList<std::pair<int, int>> highlights; // (start, length) of matched words in snippet
};

// What recovery at open changed: shown to the user ("1 response was interrupted").
struct RecoveryReport
{
    int messagesInterrupted = 0;
    int runsInterrupted = 0;
    int toolCallsOutcomeUnknown = 0;
};

namespace StoreEnums {
QString toString(MessageRole role);
QString toString(MessageStatus status);
QString toString(ChunkKind kind);
QString toString(RunStatus status);
QString toString(ToolCallStatus status);
QString toString(ApprovalDecision decision);
QString toString(PlanStatus status);
// Unknown names (a newer app wrote them) map to a safe value, reported through *ok.
MessageRole messageRoleFrom(const QString &name, bool *ok = nullptr);
MessageStatus messageStatusFrom(const QString &name, bool *ok = nullptr);
RunStatus runStatusFrom(const QString &name, bool *ok = nullptr);
ToolCallStatus toolCallStatusFrom(const QString &name, bool *ok = nullptr);
ApprovalDecision approvalDecisionFrom(const QString &name, bool *ok = nullptr);
PlanStatus planStatusFrom(const QString &name, bool *ok = nullptr);
} // namespace StoreEnums
