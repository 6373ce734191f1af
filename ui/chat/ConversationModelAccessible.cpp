// ConversationModel's words for screen readers (Qt::AccessibleTextRole and
// Qt::AccessibleDescriptionRole): the view paints its rows, so Orca reads what these say.
#include "ConversationModel.h"

#include "chat/ToolCardContent.h"

#include <QJsonDocument>

// What a screen reader says for the row (the view is painted, so the words come from here).
QString ConversationModel::accessibleText(const Item &item) const
{
    switch (item.kind) {
    case Kind::UserMessage:
        return tr("You: %1").arg(item.text);
    case Kind::AssistantText:
        return tr("Assistant: %1").arg(item.text);
    case Kind::Reasoning:
        return item.expanded ? tr("Reasoning: %1").arg(item.text) : tr("Reasoning, collapsed");
    case Kind::ToolCall: {
        QString text = tr("Tool %1: %2, %3")
                           .arg(item.toolName, argumentSummary(item.toolName, item.arguments),
                                statusText(item.status));
        text += isExpanded(item) ? tr(", expanded") : tr(", collapsed");
        return text;
    }
    case Kind::Error:
        return tr("Error: %1").arg(item.text);
    case Kind::StepLimit:
    case Kind::RunChanges:
    case Kind::Notice:
        return item.text;
    }
    return item.text;
}

QString ConversationModel::accessibleDescription(const Item &item) const
{
    switch (item.kind) {
    case Kind::ToolCall: {
        const QJsonValue result = resultOf(item);
        const bool finished = item.status == ToolStatus::Done || item.status == ToolStatus::Failed;
        QString text = finished ? ToolCardContent::from(item.toolName, item.arguments, result,
                                                        item.status == ToolStatus::Failed)
                                      .accessibleDescription()
                                : QString();
        if (!text.isEmpty())
            text += QLatin1Char(' ');
        return text
            + tr("Enter or Space opens or closes the card, A shows all output, O opens a "
                 "written file, I shows the call in the inspector.");
    }
    case Kind::Reasoning:
        return tr("Enter or Space shows or hides the reasoning.");
    case Kind::RunChanges:
        return tr("Enter reviews the changes.");
    case Kind::Error:
        return item.actionable ? tr("Enter retries.") : QString();
    case Kind::StepLimit:
        return item.actionable ? tr("Enter lets the agent continue.") : QString();
    default:
        return {};
    }
}
