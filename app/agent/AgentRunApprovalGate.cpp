// AgentRun's approval gate: each valid call is allowed at once, refused by the policy, or held
// until the user (through the engine's Approver) approves, edits or denies it; the answers
// reach the store first, then the views as ApprovalResolved.
#include "AgentRun.h"

#include "agent/ApprovalPolicy.h"
#include "agent/JsonSchemaValidator.h"
#include "agent/SandboxPath.h"
#include "agent/ToolCatalog.h"
#include "agent/ToolExecutor.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "services/SandboxService.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QPointer>

namespace {

QString sandboxIdOf(const QJsonObject &args)
{
    return args.value(QLatin1String("sandboxId")).toString();
}

} // namespace

void AgentRun::gateCalls()
{
    if (examineCalls())
        return; // again when the sandbox has answered
    const QSet<QString> allowed = m_engine.alwaysAllowed(m_thread.id);
    int waiting = 0;
    for (Call &call : m_calls) {
        if (call.phase != Phase::Approved || call.execution)
            continue;
        ApprovalPolicy::CallFacts facts;
        facts.overwritesFile = call.overwritesFile;
        facts.setsEnvironment = call.setsEnvironment;
        switch (m_services.policy.decide(call.name, facts, allowed)) {
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

bool AgentRun::isAttached(const Sandbox &sandbox) const
{
    const auto owned = m_services.sandboxService.ownedBy(m_thread.id);
    if (!owned)
        return false;
    return std::any_of(owned->cbegin(), owned->cend(),
                       [&sandbox](const SandboxRecord &r) { return r.remoteId == sandbox.id; });
}

bool AgentRun::isThreadsSandbox(const Sandbox &sandbox) const
{
    return sandbox.labels.value(QString(kThreadLabel)) == m_thread.uuid || isAttached(sandbox);
}

bool AgentRun::overwriteMatters(const QString &toolName) const
{
    // The sandbox is asked whether a write overwrites only when the answer can change the
    // decision or what the user reads: a write that runs either way costs no round trip.
    const QSet<QString> allowed = m_engine.alwaysAllowed(m_thread.id);
    ApprovalPolicy::CallFacts overwrite;
    overwrite.overwritesFile = true;
    const ApprovalPolicy::Decision ifNew
        = m_services.policy.decide(toolName, ApprovalPolicy::CallFacts(), allowed);
    return ifNew == ApprovalPolicy::Decision::Ask
        || ifNew != m_services.policy.decide(toolName, overwrite, allowed);
}

bool AgentRun::examineCalls()
{
    for (int i = 0; i < m_calls.size(); ++i) {
        Call &call = m_calls[i];
        if (call.phase != Phase::Approved || call.execution || call.examined)
            continue;
        call.examined = true;
        if (call.name == QLatin1String("createSandbox")) {
            const QStringList names = call.args.value(QLatin1String("envVars")).toObject().keys();
            call.setsEnvironment = !names.isEmpty();
            if (call.setsEnvironment)
                call.effects << QStringLiteral("every command of the new sandbox runs with the "
                                               "environment variables %1")
                                    .arg(names.join(QStringLiteral(", ")));
            continue;
        }
        QStringList paths;
        QList<bool> empty;
        if (call.name == QLatin1String("writeFile")) {
            paths << call.args.value(QLatin1String("path")).toString();
            empty << call.args.value(QLatin1String("content")).toString().isEmpty();
        } else if (call.name == QLatin1String("writeFiles")) {
            for (const QJsonValue &v : call.args.value(QLatin1String("files")).toArray()) {
                paths << v.toObject().value(QLatin1String("path")).toString();
                empty << v.toObject().value(QLatin1String("data")).toString().isEmpty();
            }
        }
        if (paths.isEmpty() || !overwriteMatters(call.name))
            continue;
        for (QString &path : paths) {
            const SandboxPath::Resolved resolved = SandboxPath::resolve(path);
            if (resolved.ok())
                path = resolved.path;
        }
        examineWrites(i, paths, empty);
    }
    return m_examining > 0;
}

void AgentRun::examineWrites(int index, const QStringList &paths, const QList<bool> &emptyContent)
{
    Call &call = m_calls[index];
    // Until the sandbox says otherwise, a write may replace a file: it is treated as one.
    const auto unknown = [paths](Call &c, const QString &why) {
        c.overwritesFile = true;
        for (const QString &path : paths)
            c.effects
                << QStringLiteral("write %1 (%2; it may replace an existing file)").arg(path, why);
    };
    QString error;
    DaytonaClient *client = m_services.sandboxes.client(m_options.sandboxProvider, &error);
    const QString id = call.args.value(QLatin1String("sandboxId")).toString().trimmed();
    if (!client || id.isEmpty()) {
        unknown(call, QStringLiteral("the sandbox server is not available"));
        return;
    }
    ++m_examining;
    QPointer<DaytonaClient> guardedClient(client);
    DaytonaCall *lookup = client->getSandbox(id);
    connect(
        lookup, &DaytonaCall::finished, this,
        [this, index, paths, emptyContent, guardedClient, unknown](const DaytonaResult &r) {
            if (m_cancelled || m_finished)
                return;
            Call &c = m_calls[index];
            const Sandbox sandbox = r.ok() ? Sandbox::fromJson(r.json().object()) : Sandbox();
            // A sandbox that is gone, or not this thread's, is refused when the call runs;
            // nothing about its files is asked or told here.
            if (!r.ok() || !isThreadsSandbox(sandbox) || !guardedClient) {
                examined();
                return;
            }
            if (sandbox.state != QLatin1String("started")) {
                unknown(
                    c,
                    QStringLiteral("the sandbox is %1, so it was not checked").arg(sandbox.state));
                examined();
                return;
            }
            auto answers = std::make_shared<QStringList>(QList<QString>(paths.size()));
            auto left = std::make_shared<int>(int(paths.size()));
            for (int p = 0; p < paths.size(); ++p) {
                DaytonaCall *info = guardedClient->fileInfo(sandbox, paths.at(p));
                const QString path = paths.at(p);
                const bool empty = emptyContent.value(p);
                connect(info, &DaytonaCall::finished, this,
                        [this, index, p, path, empty, answers, left](const DaytonaResult &f) {
                            if (m_cancelled || m_finished)
                                return;
                            Call &c = m_calls[index];
                            if (f.ok()) {
                                const FileInfo file = FileInfo::fromJson(f.json().object());
                                c.overwritesFile = true;
                                (*answers)[p] = file.isDir
                                    ? QStringLiteral("replace the existing folder %1").arg(path)
                                    : QStringLiteral("%1 existing file %2 (%3 bytes)")
                                          .arg(empty ? QStringLiteral("empty the")
                                                     : QStringLiteral("overwrite"),
                                               path)
                                          .arg(file.size);
                            } else if (f.error.kind == SandboxError::Kind::NotFound) {
                                (*answers)[p] = QStringLiteral("create %1").arg(path);
                            } else {
                                c.overwritesFile = true;
                                (*answers)[p] = QStringLiteral("write %1 (could not check "
                                                               "whether it exists; it may "
                                                               "replace a file)")
                                                    .arg(path);
                            }
                            if (--*left == 0) {
                                c.effects << *answers;
                                examined();
                            }
                        });
            }
        });
}

void AgentRun::examined()
{
    if (--m_examining == 0 && !m_cancelled && !m_finished)
        gateCalls();
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
    request.effects = call.effects;
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
