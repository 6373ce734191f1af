// AgentRun's approval gate: each valid call is allowed at once, refused by the policy, or held
// until the user (through the engine's Approver) approves, edits or denies it; the answers
// reach the store first, then the views as ApprovalResolved.
#include "AgentRun.h"

#include "agent/ApprovalPolicy.h"
#include "agent/JsonSchemaValidator.h"
#include "agent/ToolCatalog.h"
#include "agent/ToolExecutor.h"
#include "store/Store.h"

namespace {

QString sandboxIdOf(const QJsonObject &args)
{
    return args.value(QLatin1String("sandboxId")).toString();
}

} // namespace

void AgentRun::gateCalls()
{
    const QSet<QString> allowed = m_engine.alwaysAllowed(m_thread.id);
    int waiting = 0;
    for (Call &call : m_calls) {
        if (call.phase != Phase::Approved || call.execution)
            continue;
        switch (m_services.policy.decide(call.name, allowed)) {
        case ApprovalPolicy::Decision::Auto:
            logged(m_services.store.decideToolCall(call.rowId, ApprovalDecision::Auto),
                   "decideToolCall");
            break;
        case ApprovalPolicy::Decision::Deny: {
            logged(
                m_services.store.decideToolCall(call.rowId, ApprovalDecision::Denied,
                                                QStringLiteral("blocked by the approval policy")),
                "decideToolCall");
            call.phase = Phase::Denied;
            const QJsonObject result = errorResult(
                QStringLiteral("The user's approval policy does not allow %1; do not call it "
                               "again in this thread.")
                    .arg(call.name));
            finishCall(int(&call - m_calls.data()), result, result, true, ToolCallStatus::Failed);
            RunEvent e = event(RunEvent::Type::ApprovalResolved);
            e.toolCallRowId = call.rowId;
            e.toolCallId = call.callId;
            e.toolName = call.name;
            e.decision = ApprovalDecision::Denied;
            e.text = QStringLiteral("blocked by the approval policy");
            emitEvent(e);
            break;
        }
        case ApprovalPolicy::Decision::Ask:
            call.phase = Phase::WaitingApproval;
            call.asked = true;
            ++waiting;
            break;
        }
    }
    if (waiting == 0) {
        afterApprovals();
        return;
    }
    for (const Call &call : std::as_const(m_calls)) {
        if (call.phase != Phase::WaitingApproval)
            continue;
        RunEvent e = event(RunEvent::Type::ApprovalRequested, call);
        emitEvent(e);
    }
    // Ask after every request was announced, so that an approver answering at once sees a
    // consistent state. Without an approver nothing can say yes: the gate stays closed.
    const QList<ApprovalRequest> requests = pendingApprovals();
    for (const ApprovalRequest &request : requests) {
        if (m_engine.approver())
            m_engine.approver()->approvalRequested(request);
    }
    if (!m_engine.approver()) {
        QString ignored;
        for (const ApprovalRequest &request : requests)
            resolveApproval(request.toolCallRowId,
                            ApprovalAnswer::deny(QStringLiteral("no one is available to approve "
                                                                "this call")),
                            &ignored);
    }
}

ApprovalRequest AgentRun::approvalRequest(const Call &call) const
{
    ApprovalRequest request;
    request.threadId = m_thread.id;
    request.runId = m_run.id;
    request.toolCallRowId = call.rowId;
    request.toolCallId = call.callId;
    request.toolName = call.name;
    request.arguments = call.args;
    request.sandboxId = sandboxIdOf(call.args);
    request.stepIndex = m_stepIndex;
    request.batchSize = int(std::count_if(m_calls.cbegin(), m_calls.cend(), [](const Call &c) {
        return c.phase == Phase::WaitingApproval;
    }));
    return request;
}

QList<ApprovalRequest> AgentRun::pendingApprovals() const
{
    QList<ApprovalRequest> requests;
    for (const Call &call : m_calls) {
        if (call.phase == Phase::WaitingApproval)
            requests.append(approvalRequest(call));
    }
    return requests;
}

bool AgentRun::isWaitingFor(RowId toolCallRowId) const
{
    return std::any_of(m_calls.cbegin(), m_calls.cend(), [toolCallRowId](const Call &c) {
        return c.rowId == toolCallRowId && c.phase == Phase::WaitingApproval;
    });
}

bool AgentRun::resolveApproval(RowId toolCallRowId, const ApprovalAnswer &answer, QString *error)
{
    const auto it = std::find_if(m_calls.begin(), m_calls.end(), [toolCallRowId](const Call &c) {
        return c.rowId == toolCallRowId && c.phase == Phase::WaitingApproval;
    });
    if (it == m_calls.end()) {
        if (error)
            *error = QStringLiteral("this tool call is not waiting for approval");
        return false;
    }
    Call &call = *it;
    if (answer.kind == ApprovalAnswer::Kind::Approve && !answer.editedArguments.isEmpty()) {
        const ToolDefinition *tool = m_services.tools.find(call.name);
        const auto errors
            = JsonSchemaValidator::validate(tool->inputSchema, answer.editedArguments);
        if (!errors.isEmpty()) {
            if (error) {
                QStringList lines;
                for (const auto &e : errors)
                    lines << e.toString();
                *error = lines.join(QStringLiteral("; "));
            }
            return false;
        }
    }

    QList<Call *> targets{&call};
    if (answer.applyToBatch) {
        for (Call &other : m_calls) {
            if (&other != &call && other.phase == Phase::WaitingApproval)
                targets.append(&other);
        }
    }
    for (Call *target : targets) {
        RunEvent e = event(RunEvent::Type::ApprovalResolved);
        e.toolCallRowId = target->rowId;
        e.toolCallId = target->callId;
        e.toolName = target->name;
        e.text = answer.reason;
        if (answer.kind == ApprovalAnswer::Kind::Approve) {
            QString edited;
            if (target == &call && !answer.editedArguments.isEmpty()) {
                target->args = answer.editedArguments;
                edited = compact(target->args);
                target->argsText = edited; // as the store now has them
            }
            logged(m_services.store.decideToolCall(target->rowId, ApprovalDecision::Approved,
                                                   answer.reason, edited),
                   "decideToolCall");
            target->phase = Phase::Approved;
            if (answer.alwaysAllowInThread)
                m_engine.setAlwaysAllowed(m_thread.id, target->name, true);
            e.decision = ApprovalDecision::Approved;
            e.arguments = target->args;
            emitEvent(e);
        } else {
            logged(m_services.store.decideToolCall(target->rowId, ApprovalDecision::Denied,
                                                   answer.reason),
                   "decideToolCall");
            target->phase = Phase::Denied;
            e.decision = ApprovalDecision::Denied;
            emitEvent(e);
            const QString why = answer.reason.trimmed().isEmpty()
                ? QStringLiteral("The user denied this call.")
                : QStringLiteral("The user denied this call: %1").arg(answer.reason.trimmed());
            const QJsonObject result = errorResult(why);
            finishCall(int(target - m_calls.data()), result, result, true, ToolCallStatus::Failed);
        }
    }
    const bool stillWaiting = std::any_of(m_calls.cbegin(), m_calls.cend(), [](const Call &c) {
        return c.phase == Phase::WaitingApproval;
    });
    if (!stillWaiting)
        afterApprovals();
    return true;
}
