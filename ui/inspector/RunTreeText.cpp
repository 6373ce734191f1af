#include "RunTreeText.h"

#include "RunTreeModel.h"
#include "RunTreeNode.h"
#include "agent/ApprovalMode.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace RunTreeText {

QString compact(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QByteArray indented(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
    return compact(value).toUtf8() + '\n';
}

// Stored JSON text as a value; text that is not JSON stays a string (*valid false).
QJsonValue parseJson(const QString &text, bool *valid)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    const bool ok = error.error == QJsonParseError::NoError;
    if (valid)
        *valid = ok;
    if (!ok)
        return text;
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

QString durationText(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return RunTreeModel::tr("%1 ms").arg(ms);
    if (ms < 60000)
        return RunTreeModel::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    return RunTreeModel::tr("%1 min %2 s").arg(ms / 60000).arg((ms % 60000) / 1000);
}

qint64 between(const QDateTime &from, const QDateTime &to)
{
    return from.isValid() && to.isValid() ? from.msecsTo(to) : -1;
}

QString tokensText(const TokenUsage &usage)
{
    if (usage.isEmpty())
        return {};
    return RunTreeModel::tr("%1 in · %2 out").arg(usage.inputTokens).arg(usage.outputTokens);
}

QString usageToolTip(const TokenUsage &usage)
{
    return RunTreeModel::tr("Input %1 (cached %2) · output %3 (reasoning %4) · total %5")
        .arg(usage.inputTokens)
        .arg(usage.cachedInputTokens)
        .arg(usage.outputTokens)
        .arg(usage.reasoningTokens)
        .arg(usage.totalTokens);
}

// What the Value column shows for a JSON value; *elided when it is not the whole value.
QString summary(const QJsonValue &value, bool *elided)
{
    *elided = false;
    switch (value.type()) {
    case QJsonValue::Object: {
        const qsizetype n = value.toObject().size();
        return RunTreeModel::tr("{%n field(s)}", nullptr, int(n));
    }
    case QJsonValue::Array: {
        const qsizetype n = value.toArray().size();
        return RunTreeModel::tr("[%n item(s)]", nullptr, int(n));
    }
    case QJsonValue::String: {
        const QString text = value.toString();
        const bool longText = text.size() > RunTreeModel::kElideLength;
        QString shown = longText ? text.left(RunTreeModel::kElideLength) : text;
        *elided = longText || shown.contains(QLatin1Char('\n'));
        shown.replace(QLatin1Char('\n'), QStringLiteral("⏎"));
        shown.replace(QLatin1Char('\t'), QLatin1Char(' '));
        if (longText)
            shown += RunTreeModel::tr("… (%1 characters)").arg(text.size());
        return shown;
    }
    default:
        return compact(value);
    }
}

QString callStatusText(const CallNode *node)
{
    const ToolCallRecord &call = node->call;
    if (node->awaitingApproval)
        return RunTreeModel::tr("waiting for approval");
    QString status;
    switch (call.status) {
    case ToolCallStatus::Proposed:
        status = RunTreeModel::tr("proposed");
        break;
    case ToolCallStatus::Approved:
        status = RunTreeModel::tr("approved");
        break;
    case ToolCallStatus::Denied:
        return RunTreeModel::tr("denied");
    case ToolCallStatus::Running:
        status = RunTreeModel::tr("running");
        break;
    case ToolCallStatus::Done:
        status = RunTreeModel::tr("done");
        break;
    case ToolCallStatus::Failed:
        status = RunTreeModel::tr("failed");
        break;
    case ToolCallStatus::OutcomeUnknown:
        status = RunTreeModel::tr("outcome unknown");
        break;
    }
    if (call.status != ToolCallStatus::Approved) {
        if (call.decision == ApprovalDecision::Auto)
            status += RunTreeModel::tr(" · auto-approved");
        else if (call.decision == ApprovalDecision::Approved)
            status += RunTreeModel::tr(" · approved");
    }
    return status;
}

QString runStatusText(const RunRecord &run)
{
    switch (run.status) {
    case RunStatus::Running:
        return RunTreeModel::tr("running");
    case RunStatus::Completed:
        return run.error.isEmpty() ? RunTreeModel::tr("completed")
                                   : RunTreeModel::tr("completed: %1").arg(run.error);
    case RunStatus::Failed:
        return RunTreeModel::tr("failed: %1").arg(run.error);
    case RunStatus::Cancelled:
        return RunTreeModel::tr("cancelled");
    case RunStatus::Interrupted:
        return RunTreeModel::tr("interrupted");
    }
    return {};
}

QJsonObject approvalJson(const CallNode *node, QString *display)
{
    const ToolCallRecord &call = node->call;
    QString decision = StoreEnums::toString(call.decision);
    if (node->awaitingApproval) {
        decision = QStringLiteral("pending");
        *display = RunTreeModel::tr("waiting for your answer");
    } else if (call.decision == ApprovalDecision::Auto) {
        *display = RunTreeModel::tr("approved automatically");
    } else if (call.decision == ApprovalDecision::Approved) {
        *display = RunTreeModel::tr("approved");
    } else {
        *display = RunTreeModel::tr("denied");
    }
    if (!call.decisionReason.isEmpty())
        *display += QStringLiteral(": ") + call.decisionReason;
    QJsonObject object{{QStringLiteral("decision"), decision}};
    if (!call.decisionReason.isEmpty())
        object.insert(QStringLiteral("reason"), call.decisionReason);
    // What decided it (issue 16): the thread's mode then, and the rule, if one did.
    if (!call.approvalMode.isEmpty()) {
        const auto mode = ApprovalModes::fromString(call.approvalMode);
        *display += QStringLiteral(" · ")
            + RunTreeModel::tr("mode %1").arg(mode ? ApprovalModes::displayName(*mode)
                                                   : call.approvalMode);
        object.insert(QStringLiteral("mode"), call.approvalMode);
    }
    if (!call.approvalRule.isEmpty()) {
        *display += QStringLiteral(" · ") + RunTreeModel::tr("rule: %1").arg(call.approvalRule);
        object.insert(QStringLiteral("rule"), call.approvalRule);
        object.insert(QStringLiteral("ruleId"), call.approvalRuleId);
    }
    if (!call.approvalReason.isEmpty())
        object.insert(QStringLiteral("why"), call.approvalReason);
    return object;
}

} // namespace RunTreeText
