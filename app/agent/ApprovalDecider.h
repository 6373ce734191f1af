// The approval gate's judgement for one call (issue 16): the thread's mode, the rules that
// apply and what the gate learned about the call (a write that replaces a file, a sandbox
// with environment variables) give an ApprovalVerdict - run, ask, or deny - with the mode and
// the rule that decided it. Pure: no store, no I/O; the engine hands it the rules it read.
//
// Order: a deny rule that matches the call (for runCommand: the whole command or any of its
// parts, also those inside $( ), sh -c and eval) denies it, whatever the mode. Plan mode
// refuses every tool that does not read. Otherwise the most specific matching rule decides
// (Exact > Prefix > Glob > Any; a longer pattern, a sandbox and a thread scope are more
// specific; at equal specificity ask beats allow). A compound command runs without asking only
// if every part is allowed and it has no construct that asks (command substitution, backticks,
// eval, sh -c, redirections outside the home, here-documents), unless a rule names the whole
// command exactly. Anything no rule covers follows the mode.
#pragma once

#include "agent/ApprovalMode.h"
#include "agent/ApprovalPolicy.h"
#include "agent/ApprovalRule.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

struct ApprovalCall
{
    QString tool;
    QJsonObject arguments;
    QString sandboxId;
    RowId threadId = 0;
    ApprovalPolicy::CallFacts facts;
};

class ApprovalDecider final
{
public:
    explicit ApprovalDecider(const ApprovalPolicy &policy);

    // rules: the enabled rules of the thread and the everywhere ones (disabled or other
    // threads' rules are ignored all the same). alwaysAllowed: the tools the thread "always
    // allows" (the old per-thread box): like allow rules for every call of the tool.
    ApprovalVerdict decide(const ApprovalCall &call, ApprovalMode mode,
                           const QList<ApprovalRule> &rules,
                           const QSet<QString> &alwaysAllowed = {}) const;

    // Whether a rule matches a call (tool, sandbox, thread scope and pattern). For runCommand
    // the pattern is matched against the whole command and each of its parts: *part is set
    // to the part it matched (or the whole command).
    static bool matches(const ApprovalRule &rule, const ApprovalCall &call,
                        QString *matched = nullptr);
    // Whether a command rule's pattern matches one command text, and a path rule's pattern
    // one absolute path.
    static bool matchesCommand(const ApprovalRule &rule, const QString &command);
    static bool matchesPath(const ApprovalRule &rule, const QString &absolutePath);
    // The paths a file tool's call touches, resolved under /home/daytona.
    static QStringList pathsOf(const QString &tool, const QJsonObject &arguments);
    // Higher is more specific (see the order above).
    static int specificity(const ApprovalRule &rule);

private:
    const ApprovalPolicy &m_policy;
};
