// What the store kept of the agent's work, for the views that show it (the conversation, the
// tool-call inspector, the status bar): a thread's messages and runs, a run's steps and tool
// calls. Read-only: the engine owns runs and is their only writer, so a view holding this
// cannot change one; the engine's RunEvents say when to read again.
#pragma once

#include "store/StoreResult.h"
#include "store/StoreTypes.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <memory>

class ConversationPages;
class Redactor;
class Store;

class RunHistory final
{
public:
    explicit RunHistory(Store &store);
    ~RunHistory();
    RunHistory(const RunHistory &) = delete;
    RunHistory &operator=(const RunHistory &) = delete;

    // A thread's messages and runs, oldest first.
    StoreResult<QList<MessageRecord>> listMessages(RowId threadId) const;
    StoreResult<QList<RunRecord>> listRuns(RowId threadId) const;
    StoreResult<RunRecord> run(RowId runId) const;
    // The conversation view's pages, lean (see ConversationPages).
    StoreResult<QList<MessageRecord>> listMessagesBefore(RowId threadId, int beforePosition,
                                                         int limit) const;
    StoreResult<QList<MessageRecord>> listMessagesAfter(RowId threadId, RowId afterMessageId) const;
    StoreResult<QList<MessageRecord>> listMessagesAfterPosition(RowId threadId, int afterPosition,
                                                                int limit) const;
    StoreResult<RowId> firstShownRunAfter(RowId threadId, int afterPosition) const;
    StoreResult<QList<RunRecord>> listRunsOfPage(RowId threadId, const QList<RowId> &runIds,
                                                 qint64 silentFromMs, qint64 silentToMs) const;
    StoreResult<RowId> latestRunId(RowId threadId) const;
    StoreResult<QList<ToolCallRecord>> listToolCallSummaries(const QList<RowId> &runIds) const;
    // A run's steps in step order, and its tool calls in the order they were proposed.
    StoreResult<QList<StepRecord>> listSteps(RowId runId) const;
    StoreResult<QList<ToolCallRecord>> listToolCalls(RowId runId) const;
    StoreResult<ToolCallRecord> toolCall(RowId toolCallRowId) const;

    // The thread a tool call belongs to (through its run).
    StoreResult<RowId> threadOfToolCall(RowId toolCallRowId) const;
    // The step log (specs/agent-tools.md) of a stored run, rebuilt from its steps, tool calls
    // and the thread's messages: the line of each finished step, by step id.
    StoreResult<QHash<RowId, QByteArray>> stepLogLines(RowId runId, const Redactor &redactor) const;

private:
    Store &m_store; // reads only
    std::unique_ptr<ConversationPages> m_pages;
};
