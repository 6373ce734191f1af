// AgentRun's approval gate: each valid call is allowed at once, refused by the policy, or held
// until the user (through the engine's Approver) approves, edits or denies it; the answers
// reach the store first, then the views as ApprovalResolved.
#include "AgentRun.h"

#include "agent/ApprovalDecider.h"
#include "agent/ApprovalPolicy.h"
#include "agent/JsonSchemaValidator.h"
#include "agent/SandboxPath.h"
#include "agent/ToolCatalog.h"
#include "agent/ToolExecutor.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "services/ApprovalRules.h"
#include "services/SandboxService.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QPointer>

namespace {

// A verdict recorded again when the user answers: its rules were counted when it asked.
ApprovalVerdict answered(ApprovalVerdict verdict)
{
    verdict.matchedRules.clear();
    return verdict;
}

QString sandboxIdOf(const QJsonObject &args)
{
    return args.value(QLatin1String("sandboxId")).toString();
}

} // namespace

ApprovalVerdict AgentRun::judge(const Call &call, const QJsonObject &arguments) const
{
    ApprovalCall subject;
    subject.tool = call.name;
    subject.arguments = arguments;
    subject.sandboxId = sandboxIdOf(arguments);
    subject.threadId = m_thread.id;
    subject.facts.overwritesFile = call.overwritesFile;
    subject.facts.setsEnvironment = call.setsEnvironment;
    const ApprovalMode mode = m_services.rules.mode(m_thread.id);
    const auto rules = m_services.rules.rulesFor(m_thread.id);
    const ApprovalDecider decider(m_services.policy);
    if (!rules) {
        // Without the rules a deny rule could be missed: nothing runs without a person.
        qCWarning(lcAgent).noquote() << "could not read the approval rules -" << rules.error();
        ApprovalVerdict verdict = decider.decide(subject, mode, {}, {});
        if (verdict.decision == ApprovalVerdict::Decision::Auto) {
            verdict.decision = ApprovalVerdict::Decision::Ask;
            verdict.reason
                = QStringLiteral("the approval rules could not be read (%1)").arg(rules.error());
        }
        return verdict;
    }
    return decider.decide(subject, mode, *rules, m_engine.alwaysAllowed(m_thread.id));
}

ToolCallApproval AgentRun::approvalOf(const ApprovalVerdict &verdict, const QString &reason)
{
    ToolCallApproval approval;
    approval.mode = ApprovalModes::toString(verdict.mode);
    approval.ruleId = verdict.ruleId;
    approval.rule = verdict.rule;
    approval.reason = reason.isEmpty() ? verdict.reason : reason;
    return approval;
}

void AgentRun::recordVerdict(const Call &call, const ApprovalVerdict &verdict,
                             const QString &reason)
{
    logged(m_services.store.recordToolCallApproval(call.rowId, approvalOf(verdict, reason)),
           "a call's approval");
    m_services.rules.recordMatches(verdict.matchedRules);
}

void AgentRun::decide(const Call &call, ApprovalDecision decision, const QString &reason,
                      const QString &editedArguments, const ApprovalVerdict &verdict,
                      const QString &approvalReason)
{
    // One commit for the decision and what made it (the gate is on every call's path).
    logged(m_services.store.decideToolCall(call.rowId, decision, reason, editedArguments,
                                           approvalOf(verdict, approvalReason)),
           "decideToolCall");
    m_services.rules.recordMatches(verdict.matchedRules);
}

void AgentRun::refuse(int index, const ApprovalVerdict &verdict)
{
    Call &call = m_calls[index];
    const QString why = verdict.ruleId == 0 && verdict.mode == ApprovalMode::Plan
        ? QStringLiteral("plan mode")
        : verdict.reason;
    decide(call, ApprovalDecision::Denied, QStringLiteral("blocked: %1").arg(why), {}, verdict, {});
    call.phase = Phase::Denied;
    const QString message = verdict.ruleId == 0 && verdict.mode == ApprovalMode::Plan
        ? ApprovalModes::planRefusal(call.name)
        : QStringLiteral("The user's approval rules do not allow this call (%1); do not try "
                         "it again in another form.")
              .arg(verdict.reason);
    const QJsonObject result = errorResult(message);
    finishCall(index, result, result, true, ToolCallStatus::Failed);
    RunEvent e = event(RunEvent::Type::ApprovalResolved);
    e.toolCallRowId = call.rowId;
    e.toolCallId = call.callId;
    e.toolName = call.name;
    e.decision = ApprovalDecision::Denied;
    e.text = verdict.reason;
    e.approvalMode = ApprovalModes::toString(verdict.mode);
    e.approvalRuleId = verdict.ruleId;
    e.approvalRule = verdict.rule;
    emitEvent(e);
}

void AgentRun::gateCalls()
{
    if (examineCalls())
        return; // again when the sandbox has answered
    int waiting = 0;
    for (int i = 0; i < m_calls.size(); ++i) {
        Call &call = m_calls[i];
        if (call.phase != Phase::Approved || call.execution)
            continue;
        call.verdict = judge(call, call.args);
        switch (call.verdict.decision) {
        case ApprovalVerdict::Decision::Auto:
            decide(call, ApprovalDecision::Auto, call.verdict.reason, {}, call.verdict, {});
            break;
        case ApprovalVerdict::Decision::Deny:
            refuse(i, call.verdict);
            break;
        case ApprovalVerdict::Decision::Ask:
            recordVerdict(call, call.verdict, {});
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
        e.text = call.verdict.reason;
        e.approvalMode = ApprovalModes::toString(call.verdict.mode);
        e.approvalRuleId = call.verdict.ruleId;
        e.approvalRule = call.verdict.rule;
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

void AgentRun::redecideWaiting()
{
    if (m_cancelled || m_finished)
        return;
    bool changed = false;
    for (int i = 0; i < m_calls.size(); ++i) {
        Call &call = m_calls[i];
        if (call.phase != Phase::WaitingApproval)
            continue;
        const ApprovalVerdict verdict = judge(call, call.args);
        if (verdict.decision == ApprovalVerdict::Decision::Ask) {
            call.verdict = verdict;
            continue;
        }
        changed = true;
        call.verdict = verdict;
        if (verdict.decision == ApprovalVerdict::Decision::Deny) {
            refuse(i, verdict);
            continue;
        }
        decide(call, ApprovalDecision::Auto, verdict.reason, {}, verdict, {});
        call.phase = Phase::Approved;
        RunEvent e = event(RunEvent::Type::ApprovalResolved);
        e.toolCallRowId = call.rowId;
        e.toolCallId = call.callId;
        e.toolName = call.name;
        e.decision = ApprovalDecision::Auto;
        e.arguments = call.args;
        e.text = verdict.reason;
        e.approvalMode = ApprovalModes::toString(verdict.mode);
        e.approvalRuleId = verdict.ruleId;
        e.approvalRule = verdict.rule;
        emitEvent(e);
    }
    if (!changed)
        return;
    const bool stillWaiting = std::any_of(m_calls.cbegin(), m_calls.cend(), [](const Call &c) {
        return c.phase == Phase::WaitingApproval;
    });
    if (!stillWaiting)
        afterApprovals();
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

bool AgentRun::overwriteMatters(const Call &call) const
{
    // The sandbox is asked whether a write overwrites only when the answer can change the
    // decision or what the user reads: a write that runs either way costs no round trip.
    Call asNew = call;
    asNew.overwritesFile = false;
    Call asOverwrite = call;
    asOverwrite.overwritesFile = true;
    const ApprovalVerdict::Decision ifNew = judge(asNew, call.args).decision;
    return ifNew == ApprovalVerdict::Decision::Ask
        || ifNew != judge(asOverwrite, call.args).decision;
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
        if (paths.isEmpty() || !overwriteMatters(call))
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
    request.verdict = call.verdict;
    request.proposal = ApprovalRules::propose(m_thread.id, call.name, call.args);
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

    // A rule the user adds with the answer is stored first: it decides this call's edited
    // form, the other waiting calls and every later one.
    if (answer.addRule) {
        const auto added = m_services.rules.add(*answer.addRule);
        if (!added) {
            if (error)
                *error = QStringLiteral("the rule was not added: %1").arg(added.error());
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
        // What the user approves is judged again: edited arguments are a new call, and a
        // deny rule added while the call waited still denies it. What the rules or the mode
        // deny is denied, whatever the user approved.
        if (answer.kind == ApprovalAnswer::Kind::Approve) {
            const bool edits = target == &call && !answer.editedArguments.isEmpty();
            Call judged = *target;
            // What an edited write would replace is not known: taken as an overwrite.
            judged.overwritesFile = judged.overwritesFile || edits;
            const ApprovalVerdict now
                = judge(judged, edits ? answer.editedArguments : target->args);
            if (now.decision == ApprovalVerdict::Decision::Deny) {
                qCInfo(lcAgent).noquote()
                    << "approved call denied by the rules:" << target->name << "-" << now.reason;
                target->verdict = now;
                refuse(int(target - m_calls.data()), now);
                continue;
            }
        }
        RunEvent e = event(RunEvent::Type::ApprovalResolved);
        e.toolCallRowId = target->rowId;
        e.toolCallId = target->callId;
        e.toolName = target->name;
        e.text = answer.reason;
        e.approvalMode = ApprovalModes::toString(target->verdict.mode);
        e.approvalRuleId = target->verdict.ruleId;
        e.approvalRule = target->verdict.rule;
        if (answer.kind == ApprovalAnswer::Kind::Approve) {
            QString edited;
            if (target == &call && !answer.editedArguments.isEmpty()) {
                target->args = answer.editedArguments;
                edited = compact(target->args);
                target->argsText = edited; // as the store now has them
            }
            decide(*target, ApprovalDecision::Approved, answer.reason, edited,
                   answered(target->verdict),
                   QStringLiteral("approved by the user (it asked because %1)")
                       .arg(target->verdict.reason));
            target->phase = Phase::Approved;
            if (answer.alwaysAllowInThread)
                m_engine.setAlwaysAllowed(m_thread.id, target->name, true);
            e.decision = ApprovalDecision::Approved;
            e.arguments = target->args;
            emitEvent(e);
        } else {
            decide(*target, ApprovalDecision::Denied, answer.reason, {}, answered(target->verdict),
                   QStringLiteral("denied by the user (it asked because %1)")
                       .arg(target->verdict.reason));
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
