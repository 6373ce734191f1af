// The approval modes' names, descriptions and the mapping of the old approval-policy setting.
#include "ApprovalMode.h"

#include <QCoreApplication>

namespace ApprovalModes {

QString toString(ApprovalMode mode)
{
    switch (mode) {
    case ApprovalMode::Plan:
        return QStringLiteral("plan");
    case ApprovalMode::Ask:
        return QStringLiteral("ask");
    case ApprovalMode::AutoEdit:
        return QStringLiteral("auto-edit");
    case ApprovalMode::Full:
        return QStringLiteral("full");
    }
    return QStringLiteral("ask");
}

std::optional<ApprovalMode> fromString(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    for (ApprovalMode mode :
         {ApprovalMode::Plan, ApprovalMode::Ask, ApprovalMode::AutoEdit, ApprovalMode::Full}) {
        if (trimmed.compare(toString(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    // "autoedit" and "auto_edit" are read as auto-edit too.
    if (trimmed.compare(QLatin1String("autoedit"), Qt::CaseInsensitive) == 0
        || trimmed.compare(QLatin1String("auto_edit"), Qt::CaseInsensitive) == 0)
        return ApprovalMode::AutoEdit;
    return std::nullopt;
}

QStringList names()
{
    return {QStringLiteral("plan"), QStringLiteral("ask"), QStringLiteral("auto-edit"),
            QStringLiteral("full")};
}

QString displayName(ApprovalMode mode)
{
    switch (mode) {
    case ApprovalMode::Plan:
        return QCoreApplication::translate("ApprovalModes", "Plan");
    case ApprovalMode::Ask:
        return QCoreApplication::translate("ApprovalModes", "Ask");
    case ApprovalMode::AutoEdit:
        return QCoreApplication::translate("ApprovalModes", "Auto-edit");
    case ApprovalMode::Full:
        return QCoreApplication::translate("ApprovalModes", "Full");
    }
    return {};
}

QString description(ApprovalMode mode)
{
    switch (mode) {
    case ApprovalMode::Plan:
        return QCoreApplication::translate(
            "ApprovalModes",
            "only tools that read run (list, read, search, info); the agent proposes a plan");
    case ApprovalMode::Ask:
        return QCoreApplication::translate(
            "ApprovalModes", "calls that change something ask first, unless a rule allows them");
    case ApprovalMode::AutoEdit:
        return QCoreApplication::translate(
            "ApprovalModes", "file edits run; commands ask unless a rule allows them");
    case ApprovalMode::Full:
        return QCoreApplication::translate(
            "ApprovalModes", "everything runs inside the sandbox except what a rule denies");
    }
    return {};
}

ApprovalMode fromLegacyPolicy(QStringView preset)
{
    if (preset.trimmed().compare(QLatin1String("never-ask"), Qt::CaseInsensitive) == 0)
        return ApprovalMode::Full;
    return ApprovalMode::Ask;
}

QString planRefusal(const QString &toolName)
{
    return QStringLiteral("%1 was not run: the user is in plan mode: propose, do not change. "
                          "Only tools that read (list, read, search, info) run now; end with "
                          "your plan as text, and the user will approve it.")
        .arg(toolName);
}

} // namespace ApprovalModes
