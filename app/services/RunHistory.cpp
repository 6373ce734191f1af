// Reads of runs and what they hold; the stored step log is rebuilt here from four reads.
#include "RunHistory.h"

#include "log/StoredStepLog.h"
#include "store/ConversationPages.h"
#include "store/Store.h"

RunHistory::RunHistory(Store &store)
    : m_store(store)
    , m_pages(std::make_unique<ConversationPages>(store))
{
}

RunHistory::~RunHistory() = default;

StoreResult<QList<MessageRecord>> RunHistory::listMessages(RowId threadId) const
{
    return m_store.listMessages(threadId);
}

StoreResult<QList<RunRecord>> RunHistory::listRuns(RowId threadId) const
{
    return m_store.listRuns(threadId);
}

StoreResult<RunRecord> RunHistory::run(RowId runId) const
{
    return m_store.run(runId);
}

StoreResult<QList<MessageRecord>> RunHistory::listMessagesBefore(RowId threadId, int beforePosition,
                                                                 int limit) const
{
    return m_pages->messagesBefore(threadId, beforePosition, limit);
}

StoreResult<QList<MessageRecord>> RunHistory::listMessagesAfter(RowId threadId,
                                                                RowId afterMessageId) const
{
    return m_pages->messagesAfter(threadId, afterMessageId);
}

StoreResult<QList<MessageRecord>>
RunHistory::listMessagesAfterPosition(RowId threadId, int afterPosition, int limit) const
{
    return m_pages->messagesAfterPosition(threadId, afterPosition, limit);
}

StoreResult<RowId> RunHistory::firstShownRunAfter(RowId threadId, int afterPosition) const
{
    return m_pages->firstShownRunAfter(threadId, afterPosition);
}

StoreResult<QList<RunRecord>> RunHistory::listRunsOfPage(RowId threadId, const QList<RowId> &runIds,
                                                         qint64 silentFromMs,
                                                         qint64 silentToMs) const
{
    return m_pages->runsOfPage(threadId, runIds, silentFromMs, silentToMs);
}

StoreResult<RowId> RunHistory::latestRunId(RowId threadId) const
{
    return m_pages->latestRunId(threadId);
}

StoreResult<QList<ToolCallRecord>>
RunHistory::listToolCallSummaries(const QList<RowId> &runIds) const
{
    return m_pages->toolCallSummaries(runIds);
}

StoreResult<QList<StepRecord>> RunHistory::listSteps(RowId runId) const
{
    return m_store.listSteps(runId);
}

StoreResult<QList<ToolCallRecord>> RunHistory::listToolCalls(RowId runId) const
{
    return m_store.listToolCalls(runId);
}

StoreResult<ToolCallRecord> RunHistory::toolCall(RowId toolCallRowId) const
{
    return m_store.toolCall(toolCallRowId);
}

StoreResult<RowId> RunHistory::threadOfToolCall(RowId toolCallRowId) const
{
    const auto call = m_store.toolCall(toolCallRowId);
    if (!call)
        return StoreResult<RowId>::failure(call.error());
    const auto run = m_store.run(call->runId);
    if (!run)
        return StoreResult<RowId>::failure(run.error());
    return run->threadId;
}

StoreResult<QHash<RowId, QByteArray>> RunHistory::stepLogLines(RowId runId,
                                                               const Redactor &redactor) const
{
    using Lines = QHash<RowId, QByteArray>;
    auto run = m_store.run(runId);
    if (!run)
        return StoreResult<Lines>::failure(run.error());
    auto steps = m_store.listSteps(runId);
    auto calls = m_store.listToolCalls(runId);
    auto messages = m_store.listMessages(run->threadId);
    for (const QString &failure : {steps.error(), calls.error(), messages.error()}) {
        if (!failure.isEmpty())
            return StoreResult<Lines>::failure(failure);
    }
    StoredStepLog::RunFacts facts;
    facts.run = *run;
    facts.steps = *steps;
    facts.toolCalls = *calls;
    facts.messages = *messages;
    return StoredStepLog::lines(facts, redactor);
}
