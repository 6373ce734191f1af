// The approval modes a thread can be in (issue 16): how calls that no rule covers are decided.
//   Plan: only tools that read run (list, read, search, info); the rest are refused with a
//         message the model reads ("the user is in plan mode: propose, do not change").
//   Ask: every call that changes anything asks, as the approval policy's table says (today's
//        default: reads, new files and plain new sandboxes run; the rest asks).
//   AutoEdit: file tools run (write, create folder, delete a file); commands ask unless a rule
//             allows them.
//   Full: everything runs inside the sandbox except what a deny (or ask) rule names.
// A thread's mode is stored per thread (ApprovalRules::mode / setMode); a new thread follows
// the default mode (Settings::defaultApprovalMode).
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

enum class ApprovalMode { Plan, Ask, AutoEdit, Full };

namespace ApprovalModes {

// "plan", "ask", "auto-edit", "full": the names the store, the settings and --mode use.
QString toString(ApprovalMode mode);
std::optional<ApprovalMode> fromString(QStringView text);
QStringList names();
// For people: "Plan", "Ask", "Auto-edit", "Full".
QString displayName(ApprovalMode mode);
// One line that says what the mode lets run, for tooltips and `agent-studio run --help`.
QString description(ApprovalMode mode);
// The old approval-policy setting ("default", "ask-everything", "never-ask") as a mode:
// default and ask-everything -> Ask (ask-everything keeps asking reads too, through the
// policy's preset), never-ask -> Full. Unknown or empty: Ask.
ApprovalMode fromLegacyPolicy(QStringView preset);

// What the model reads when plan mode refuses a call.
QString planRefusal(const QString &toolName);

} // namespace ApprovalModes
