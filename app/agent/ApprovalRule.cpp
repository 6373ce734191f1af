// The approval rule's names, description and validity checks.
#include "ApprovalRule.h"

#include <QCoreApplication>
#include <QSet>

QString ApprovalRule::toString(Action action)
{
    switch (action) {
    case Action::Allow:
        return QStringLiteral("allow");
    case Action::Ask:
        return QStringLiteral("ask");
    case Action::Deny:
        return QStringLiteral("deny");
    }
    return QStringLiteral("ask");
}

std::optional<ApprovalRule::Action> ApprovalRule::actionFromString(QStringView text)
{
    for (Action a : {Action::Allow, Action::Ask, Action::Deny}) {
        if (text.trimmed().compare(toString(a), Qt::CaseInsensitive) == 0)
            return a;
    }
    return std::nullopt;
}

QString ApprovalRule::toString(Match match)
{
    switch (match) {
    case Match::Any:
        return QStringLiteral("any");
    case Match::Exact:
        return QStringLiteral("exact");
    case Match::Prefix:
        return QStringLiteral("prefix");
    case Match::Glob:
        return QStringLiteral("glob");
    }
    return QStringLiteral("any");
}

std::optional<ApprovalRule::Match> ApprovalRule::matchFromString(QStringView text)
{
    for (Match m : {Match::Any, Match::Exact, Match::Prefix, Match::Glob}) {
        if (text.trimmed().compare(toString(m), Qt::CaseInsensitive) == 0)
            return m;
    }
    return std::nullopt;
}

bool ApprovalRule::isPathTool(const QString &tool)
{
    static const QSet<QString> tools{
        QStringLiteral("readFile"),    QStringLiteral("writeFile"),
        QStringLiteral("writeFiles"),  QStringLiteral("listFiles"),
        QStringLiteral("deleteFile"),  QStringLiteral("createDirectory"),
        QStringLiteral("getFileInfo"), QStringLiteral("checkFileExists"),
        QStringLiteral("getFileSize"), QStringLiteral("watchDirectory"),
        QStringLiteral("searchFiles"), QStringLiteral("findInFiles"),
    };
    return tools.contains(tool);
}

bool ApprovalRule::isCommandTool(const QString &tool)
{
    // startProcess runs a command as runCommand does, only in the background: the same rules.
    return tool == QLatin1String("runCommand") || tool == QLatin1String("startProcess");
}

QString ApprovalRule::describe() const
{
    QString what = tool == QLatin1String("*") ? QStringLiteral("every tool") : tool;
    if (match != Match::Any) {
        const QString kind = match == Match::Exact ? QString()
            : match == Match::Prefix               ? QStringLiteral("starting with ")
                                                   : QString();
        what += QStringLiteral(" %1`%2`").arg(kind, pattern);
    }
    QString text = QStringLiteral("%1 %2").arg(toString(action), what);
    if (!sandboxId.isEmpty())
        text += QStringLiteral(" in sandbox %1").arg(sandboxId);
    text += everywhere() ? QStringLiteral(" everywhere") : QStringLiteral(" in this thread");
    if (id > 0)
        text = QStringLiteral("rule #%1: %2").arg(id).arg(text);
    if (!enabled)
        text += QStringLiteral(" (disabled)");
    return text;
}

bool ApprovalRule::isValid(QString *error) const
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (tool.trimmed().isEmpty())
        return fail(QStringLiteral("A rule needs a tool name (or * for every tool)."));
    if (match == Match::Any) {
        if (!pattern.trimmed().isEmpty())
            return fail(QStringLiteral("A rule for every call of a tool has no pattern; choose "
                                       "exact, prefix or glob to narrow it."));
        return true;
    }
    if (pattern.trimmed().isEmpty())
        return fail(
            QStringLiteral("A rule that matches by %1 needs a pattern (a command or a path).")
                .arg(toString(match)));
    if (!isCommandTool(tool) && !isPathTool(tool))
        return fail(QStringLiteral("%1 cannot be narrowed by a pattern: only runCommand (by the "
                                   "command) and the file tools (by the path) can; make it a "
                                   "rule for every call of the tool.")
                        .arg(tool));
    return true;
}

QString ApprovalVerdict::toString(Decision decision)
{
    switch (decision) {
    case Decision::Auto:
        return QStringLiteral("auto");
    case Decision::Ask:
        return QStringLiteral("ask");
    case Decision::Deny:
        return QStringLiteral("deny");
    }
    return QStringLiteral("ask");
}
