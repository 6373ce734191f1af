// Who decides about a tool call that the approval policy says to ask about: the GUI's dialog,
// the terminal prompt of `agent-studio run --approve ask`, or a test's scripted answers. The
// engine calls approvalRequested(); the approver answers later through
// AgentEngine::resolveApproval(). Until it does, the call does not run (the gate fails closed),
// and the pending request survives a restart of the app.
#pragma once

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
};

struct ApprovalAnswer
{
    enum class Kind { Approve, Deny };
    Kind kind = Kind::Deny;
    QJsonObject editedArguments; // empty: run the arguments as proposed
    QString reason; // Deny: shown to the model
    bool alwaysAllowInThread = false; // Approve: stop asking about this tool in this thread
    bool applyToBatch = false; // the same answer for every waiting call of the step

    static ApprovalAnswer approve() { return {Kind::Approve, {}, {}, false, false}; }
    static ApprovalAnswer deny(const QString &reason)
    {
        return {Kind::Deny, {}, reason, false, false};
    }
};

class Approver
{
public:
    virtual ~Approver() = default;
    virtual void approvalRequested(const ApprovalRequest &request) = 0;
};
