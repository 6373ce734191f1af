// RunTreeModel following a live run: each RunEvent inserts or changes rows (never a reset).
// The store has every fact before its event, so rows are made from the store's records and
// the event fills in what only it carries (the measured durations, the step-log line).
#include "RunTreeModel.h"

#include "RunTreeNode.h"
#include "RunTreeText.h"
#include "services/RunHistory.h"

using namespace RunTreeText;

RunNode *RunTreeModel::liveRun(const RunEvent &event)
{
    if (RunNode *run = findRun(event.runId))
        return run;
    auto node = std::make_unique<RunNode>();
    if (auto record = m_history.run(event.runId)) {
        node->run = *record;
    } else {
        node->run.id = event.runId;
        node->run.threadId = event.threadId;
        node->run.uuid = event.runUuid;
        node->run.model = event.model;
        node->run.startedAt = QDateTime::currentDateTimeUtc();
    }
    node->number = int(m_root->children.size()) + 1;
    node->fetched = true; // a new run: its steps come as events
    RunNode *run = node.get();
    insertChild(m_root.get(), std::move(node));
    emit liveRowAdded(indexOf(run));
    return run;
}

StepNode *RunTreeModel::liveStep(const RunEvent &event)
{
    RunNode *run = liveRun(event);
    if (!run->fetched || event.stepId == 0)
        return nullptr; // shown from the store when the run is expanded
    if (StepNode *step = findStep(run, event.stepId))
        return step;
    StepRecord record;
    record.id = event.stepId;
    record.runId = event.runId;
    record.index = event.stepIndex;
    record.startedAt = QDateTime::currentDateTimeUtc();
    if (auto steps = m_history.listSteps(event.runId)) {
        for (const StepRecord &stored : *steps) {
            if (stored.id == event.stepId)
                record = stored;
        }
    }
    auto node = makeStep(record);
    StepNode *step = node.get();
    insertChild(run, std::move(node));
    addStepDetails(step);
    emit liveRowAdded(indexOf(step));
    return step;
}

CallNode *RunTreeModel::liveCall(const RunEvent &event)
{
    if (CallNode *call = findCall(event.toolCallRowId))
        return call;
    StepNode *step = liveStep(event);
    if (!step)
        return nullptr;
    ToolCallRecord record;
    if (auto stored = m_history.toolCall(event.toolCallRowId)) {
        record = *stored;
    } else {
        record.id = event.toolCallRowId;
        record.runId = event.runId;
        record.stepId = event.stepId;
        record.callId = event.toolCallId;
        record.name = event.toolName;
        record.arguments = compact(event.arguments);
    }
    auto node = makeCall(record);
    node->rank = kRankCall;
    CallNode *call = node.get();
    insertChild(step, std::move(node));
    return call;
}

void RunTreeModel::applyEvent(const RunEvent &event)
{
    if (m_threadId == 0 || event.threadId != m_threadId)
        return;
    switch (event.type) {
    case RunEvent::Type::RunStarted:
        liveRun(event);
        break;
    case RunEvent::Type::StepStarted:
        liveStep(event);
        break;
    case RunEvent::Type::ToolCallReady:
        liveCall(event);
        break;
    case RunEvent::Type::ApprovalRequested:
    case RunEvent::Type::ApprovalResolved:
    case RunEvent::Type::ToolCallFinished: {
        CallNode *call = liveCall(event);
        if (!call)
            break;
        // The store has the facts (decision, edited arguments, result, times) before the event.
        ToolCallRecord record = call->call;
        if (auto stored = m_history.toolCall(event.toolCallRowId))
            record = *stored;
        if (event.type == RunEvent::Type::ToolCallFinished) {
            if (record.result.isEmpty() && !event.result.isUndefined())
                record.result = compact(event.result); // e.g. a denial: the model was told why
            call->durationMs = event.durationMs;
        }
        call->awaitingApproval = event.type == RunEvent::Type::ApprovalRequested
            && record.status == ToolCallStatus::Proposed;
        call->call = record;
        rowChanged(call);
        addCallDetails(call);
        break;
    }
    case RunEvent::Type::StepFinished: {
        if (RunNode *run = liveRun(event)) {
            if (auto record = m_history.run(run->run.id))
                run->run.usage = record->usage; // the store adds each step's usage
            rowChanged(run);
        }
        StepNode *step = liveStep(event);
        if (!step)
            break;
        step->finished = true;
        step->step.finishReason = event.finishReason;
        step->step.usage = event.usage;
        if (event.timeToFirstTokenMs >= 0)
            step->step.timeToFirstTokenMs = event.timeToFirstTokenMs;
        if (event.durationMs >= 0)
            step->step.durationMs = event.durationMs;
        step->step.finishedAt = QDateTime::currentDateTimeUtc();
        step->liveStepLog = event.stepLog;
        rowChanged(step);
        addStepDetails(step);
        break;
    }
    case RunEvent::Type::RunFinished:
    case RunEvent::Type::RunFailed:
    case RunEvent::Type::RunCancelled:
        runFinished(event);
        break;
    case RunEvent::Type::TextDelta:
    case RunEvent::Type::ReasoningDelta:
    case RunEvent::Type::ToolCallStarted:
    case RunEvent::Type::ToolCallArgsDelta:
    case RunEvent::Type::ThreadTitleChanged:
    case RunEvent::Type::SandboxNotice:
        break; // the chat shows these; the tree has a row once the call is complete
    }
}

void RunTreeModel::runFinished(const RunEvent &event)
{
    RunNode *run = liveRun(event);
    if (auto record = m_history.run(event.runId)) {
        run->run = *record;
    } else {
        run->run.status = event.type == RunEvent::Type::RunFinished ? RunStatus::Completed
            : event.type == RunEvent::Type::RunFailed               ? RunStatus::Failed
                                                                    : RunStatus::Cancelled;
        run->run.error = event.error;
        run->run.finishedAt = QDateTime::currentDateTimeUtc();
    }
    rowChanged(run);
}

bool RunTreeModel::setAwaitingApproval(RowId toolCallRowId)
{
    CallNode *call = findCall(toolCallRowId);
    if (!call || call->call.status != ToolCallStatus::Proposed)
        return false;
    call->awaitingApproval = true;
    rowChanged(call);
    addCallDetails(call);
    return true;
}
