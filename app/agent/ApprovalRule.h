// The approval rules' value types (issue 16): a rule (allow / ask / deny a tool, narrowed by
// the command or the path and optionally by sandbox, for one thread or everywhere), the
// verdict the gate reaches for one call (which mode and which rule decided it, and why), and
// a proposed rule generalised from a call ("python3 -m pytest *"). Plain values, copied
// freely; ApprovalRules (app/services) owns the stored rules, ApprovalDecider applies them.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

#include "agent/ApprovalMode.h"

using RowId = qint64;

struct ApprovalRule
{
    enum class Action { Allow, Ask, Deny };
    // How `pattern` narrows the rule:
    //   Any: every call of the tool (pattern empty);
    //   Exact: runCommand: the command (or one part of a compound command) is exactly the
    //          pattern (surrounding blanks ignored); file tools: the path is exactly the
    //          pattern (relative patterns are under /home/daytona);
    //   Prefix: runCommand: the command starts with the pattern's words ("git" matches
    //           "git status", not "gitk"); file tools: the path is the pattern or lies under it;
    //   Glob: runCommand: the whole command matches (* any text, ? one character, e.g.
    //         "python3 -m pytest *"); file tools: the path matches (* within one folder name,
    //         ** across folders, ? one character, e.g. "src/**/*.py").
    enum class Match { Any, Exact, Prefix, Glob };

    RowId id = 0; // 0 until stored
    Action action = Action::Ask;
    QString tool; // a tool name, or "*" for every tool
    Match match = Match::Any;
    QString pattern;
    QString sandboxId; // empty: any sandbox
    RowId threadId = 0; // 0: everywhere; else only in this thread
    bool enabled = true;
    QString note; // the person's own words, optional
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime lastMatchedAt; // invalid: never matched
    int hitCount = 0; // how many calls it decided

    bool everywhere() const { return threadId == 0; }
    // One line for people: "allow runCommand `python3 -m pytest *` in this thread".
    QString describe() const;
    // Whether the rule is well formed; else *error says what to fix (one line).
    bool isValid(QString *error = nullptr) const;

    static QString toString(Action action); // "allow", "ask", "deny"
    static std::optional<Action> actionFromString(QStringView text);
    static QString toString(Match match); // "any", "exact", "prefix", "glob"
    static std::optional<Match> matchFromString(QStringView text);
    // Tools whose rules are narrowed by a path: the file tools (readFile, writeFile, ...).
    static bool isPathTool(const QString &tool);
    // Tools whose rules are narrowed by a command: runCommand.
    static bool isCommandTool(const QString &tool);
};

// What the gate decided for one call and what decided it; stored with the tool call (the
// inspector's run tree and the approval dialog show it) and carried by ApprovalRequest.
struct ApprovalVerdict
{
    enum class Decision { Auto, Ask, Deny };
    Decision decision = Decision::Ask;
    ApprovalMode mode = ApprovalMode::Ask; // the thread's mode when it was decided
    RowId ruleId = 0; // the rule that decided it; 0: the mode (or a construct) decided
    QString rule; // that rule's describe() at the time (the rule may change later)
    // Why, in one line: "the mode Ask asks before commands", "the rule #3 denies `rm *`",
    // "the command has a command substitution $(...), which asks unless a rule names the
    // whole command exactly".
    QString reason;
    QList<RowId> matchedRules; // every rule that matched (their hit counts go up)

    static QString toString(Decision decision); // "auto", "ask", "deny"
};

// A rule the approval dialog offers to add after the user approves a call, generalised from
// the call: `python3 -m pytest tests/test_x.py` -> `python3 -m pytest *`; a write to
// src/app/main.py -> `src/app/**`. Commands that run other commands or delete things (sh -c,
// eval, xargs, sudo, rm, find -exec ...) and compound commands are proposed exactly.
struct RuleProposal
{
    ApprovalRule rule; // action Allow, threadId set to the call's thread ("this thread")
    QString summary; // "always allow `python3 -m pytest *`"
    bool generalised = false; // false: the rule names the call exactly
    // The same rule for every thread ("everywhere"): rule with threadId = 0.
    ApprovalRule everywhere() const
    {
        ApprovalRule r = rule;
        r.threadId = 0;
        return r;
    }
};
