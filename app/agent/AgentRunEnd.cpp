// How an AgentRun ends: at the thread's budget, completed or failed (with a plan card in plan
// mode), cancelled by the user (waiting approvals denied, running commands cancelled), or cut
// short when the app quits (what was streamed is kept).
#include "AgentRun.h"

#include "agent/ToolExecutor.h"
#include "core/Logging.h"
#include "llm/ChatStreamRequest.h"
#include "llm/ModelPrices.h"
#include "services/ApprovalRules.h"
#include "services/CostService.h"
#include "store/Store.h"

bool AgentRun::stopAtBudget(const QString &reason)
{
    CostService *costs = m_engine.costs();
    const QString reached = costs ? costs->budgetReached(m_thread.id) : QString();
    if (reached.isEmpty())
        return false;
    // Like the step limit: the run completes and Continue goes on (once the budget allows).
    m_finished = true;
    const auto budget = costs->budget(m_thread.id);
    logged(m_services.store.finishRun(m_run.id, RunStatus::Completed,
                                      QStringLiteral("stopped at the thread's budget (%1)")
                                          .arg(ModelPrices::formatUsd(budget.value_or(0)))),
           "finishRun");
    RunEvent done = event(RunEvent::Type::RunFinished);
    done.finishReason = reason;
    done.stoppedAtLimit = true;
    done.stoppedAtBudget = true;
    done.text = reached;
    emitEvent(done);
    m_engine.runEnded(m_thread.id);
    return true;
}

void AgentRun::finishRun(RunStatus status, const QString &error, RunEvent::Failure failure,
                         LlmError::Kind modelError)
{
    if (m_finished)
        return;
    m_finished = true;
    logged(m_services.store.finishRun(m_run.id, status, error), "finishRun");
    RunEvent e = event(status == RunStatus::Completed       ? RunEvent::Type::RunFinished
                           : status == RunStatus::Cancelled ? RunEvent::Type::RunCancelled
                                                            : RunEvent::Type::RunFailed);
    // A run in plan mode ends with its plan: the final text waits for the user's answer.
    const QString planText = m_modelResult.text.trimmed();
    if (status == RunStatus::Completed && !planText.isEmpty()
        && m_services.rules.mode(m_thread.id) == ApprovalMode::Plan) {
        if (const auto plan = m_services.store.addPlan(m_thread.id, m_run.id, planText)) {
            e.planId = plan->id;
            e.text = plan->text;
            qCInfo(lcAgent) << "plan" << plan->id << "waits for the user in thread" << m_thread.id;
        } else {
            qCWarning(lcAgent).noquote() << "could not save the plan -" << plan.error();
        }
    }
    e.finishReason = finishReasonName(m_modelResult.finishReason);
    e.error = error;
    e.failure = failure;
    e.modelError = modelError;
    emitEvent(e);
    m_engine.runEnded(m_thread.id);
}

void AgentRun::fail(const QString &message, RunEvent::Failure failure, LlmError::Kind modelError)
{
    if (m_messageId && !m_finished) {
        auto current = m_services.store.message(m_messageId);
        if (current && current->status == MessageStatus::Streaming)
            logged(m_services.store.setMessageStatus(m_messageId, MessageStatus::Failed),
                   "setMessageStatus");
    }
    finishRun(RunStatus::Failed, message, failure, modelError);
}

void AgentRun::cancel()
{
    if (m_finished || m_cancelled)
        return;
    m_cancelled = true;
    if (m_request && !m_request->isDone()) {
        m_request->cancel(); // finished(Cancelled) follows and ends the run
        return;
    }
    QString ignored;
    for (int i = 0; i < m_calls.size(); ++i) {
        Call &call = m_calls[i];
        if (call.phase == Phase::WaitingApproval) {
            logged(m_services.store.decideToolCall(call.rowId, ApprovalDecision::Denied,
                                                   QStringLiteral("the run was cancelled")),
                   "decideToolCall");
            call.phase = Phase::Denied;
            const QJsonObject result = errorResult(QStringLiteral("The user cancelled the run."));
            finishCall(i, result, result, true, ToolCallStatus::Failed);
        } else if (call.phase == Phase::Running && call.execution) {
            call.execution->cancel(); // its finished() reports the cancellation
        }
    }
    // With commands still running, their finished() reports end the run (finishCall).
    if (m_running == 0)
        finishRun(RunStatus::Cancelled);
}

void AgentRun::shutdown()
{
    // What was streamed so far is kept (the views are going away with the app).
    m_flushTimer.stop();
    if (!m_pendingDelta.isEmpty())
        logged(m_services.store.appendChunk(m_messageId, std::exchange(m_pendingDelta, {}),
                                            m_pendingKind),
               "a streamed chunk");
    m_finished = true;
    if (m_request) {
        m_request->disconnect(this);
        m_request->cancel();
    }
    for (Call &call : m_calls) {
        if (call.execution) {
            call.execution->disconnect(this);
            call.execution->cancel();
        }
    }
}
