// RunTreeModel's "Copy Step-Log Line": the line of specs/agent-tools.md's step log for the
// selected step, as the run wrote it live or as the run history rebuilds it (redacted).
#include "RunTreeModel.h"

#include "RunTreeNode.h"
#include "services/RunHistory.h"

QByteArray RunTreeModel::stepLogLine(const QModelIndex &index, QString *error)
{
    const QModelIndex stepIndex = stepOf(index);
    if (!stepIndex.isValid()) {
        if (error)
            *error = tr("Select a step (or something in it) to copy its step-log line.");
        return {};
    }
    auto *step = static_cast<StepNode *>(nodeOf(stepIndex));
    if (!step->liveStepLog.isEmpty())
        return step->liveStepLog;
    if (!step->finished) {
        if (error)
            *error = tr("This step is still running; its step-log line is written when it ends.");
        return {};
    }
    const auto *run = static_cast<RunNode *>(step->parent);
    const auto lines = m_history.stepLogLines(run->run.id, m_redactor);
    if (!lines) {
        if (error)
            *error = lines.error();
        return {};
    }
    return lines->value(step->step.id);
}
