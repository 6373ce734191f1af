// Who decides about a tool call that the approval policy says to ask about: the GUI's dialog,
// the terminal prompt of `agent-studio run --approve ask`, or a test's scripted answers. The
// engine calls approvalRequested(); the approver answers later through
// AgentEngine::resolveApproval(). Until it does, the call does not run (the gate fails closed),
// and the pending request survives a restart of the app.
#pragma once

#include "agent/ApprovalRule.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

using RowId = qint64;

struct ApprovalRequest
{
    RowId threadId = 0;
    RowId runId = 0;
    RowId toolCallRowId = 0;
    QString toolCallId;
    QString toolName;
    QJsonObject arguments; // exactly what will run (validated against the tool's schema)
    QString sandboxId; // empty for tools that create a sandbox
    int stepIndex = 0;
    int batchSize = 1; // how many calls of this step wait for approval
    // What the call changes, in words a person checks before approving: "overwrite existing
    // file /home/daytona/a.py (120 bytes)", "create /home/daytona/b.py", "every command of
    // the new sandbox runs with the environment variables A, B". May be empty.
    QStringList effects;
    // Why it asks: the thread's mode, the rule that made it ask (if any) and the reason in
    // one line ("the mode Ask asks before commands"); decision is Ask.
    ApprovalVerdict verdict;
    // The rule the dialog offers to add ("always allow `python3 -m pytest *` in this thread /
    // everywhere"); ApprovalRules::propose for this call.
    RuleProposal proposal;
};

struct ApprovalAnswer
{
    enum class Kind { Approve, Deny };
    Kind kind = Kind::Deny;
    // Empty: run the arguments as proposed. Edited arguments are checked against the rules and
    // the mode again: a call a rule denies (or plan mode refuses) is denied, not run.
    QJsonObject editedArguments;
    QString reason; // Deny: shown to the model
    bool alwaysAllowInThread = false; // Approve: stop asking about this tool in this thread
    bool applyToBatch = false; // the same answer for every waiting call of the step
    // Approve or Deny: add this rule too (usually the request's proposal, as the user edited
    // it; threadId 0 for everywhere). It is stored before the answer is applied, so it already
    // decides the other waiting calls and the next ones. A rule that cannot be stored fails
    // the answer (the call keeps waiting).
    std::optional<ApprovalRule> addRule;

    static ApprovalAnswer approve()
    {
        ApprovalAnswer a;
        a.kind = Kind::Approve;
        return a;
    }
    static ApprovalAnswer deny(const QString &reason)
    {
        ApprovalAnswer a;
        a.kind = Kind::Deny;
        a.reason = reason;
        return a;
    }
};

class Approver
{
public:
    virtual ~Approver() = default;
    virtual void approvalRequested(const ApprovalRequest &request) = 0;
};
