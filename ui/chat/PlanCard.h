// The plan a run in Plan mode ended with, under the conversation: approve it with one click
// ("Run in Auto-edit / Ask / Full"), edit it first, or reject it with a reason. The card only
// asks; ChatPane hands the answer to the engine (AgentEngine::approvePlan / rejectPlan).
#pragma once

#include "agent/ApprovalMode.h"
#include "store/StoreTypes.h"

#include <QFrame>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

class PlanCard final : public QFrame
{
    Q_OBJECT

public:
    explicit PlanCard(QWidget *parent = nullptr);

    // Shows a waiting plan afresh (not edited, no reason).
    void showPlan(RowId planId, const QString &text);
    RowId planId() const { return m_planId; }
    // The plan as it stands (edited or not).
    QString text() const;
    void showError(const QString &message);

signals:
    void approveRequested(RowId planId, ApprovalMode mode, const QString &text);
    void rejectRequested(RowId planId, const QString &reason);

private:
    RowId m_planId = 0;
    QString m_original;
    QLabel *m_title = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPushButton *m_edit = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_error = nullptr;
};
