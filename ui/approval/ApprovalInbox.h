// The approval inbox: every tool call that waits for a person, across all threads, in one
// list (thread, tool, what it does), answered one or several at a time. Keyboard first:
// arrows move, Shift/Ctrl extend, Enter approves the selected calls, D denies them (with the
// reason typed below, if any), Ctrl+A selects every call of the current row's thread, Space
// or double-click opens the call in the full dialog. Not modal: the window stays usable.
#pragma once

#include "agent/Approver.h"

#include <QDialog>

class ApprovalCenter;
class ApprovalInboxModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;

class ApprovalInbox final : public QDialog
{
    Q_OBJECT

public:
    explicit ApprovalInbox(ApprovalCenter &center, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    ApprovalInboxModel *model() const { return m_model; }
    // The selected calls, in list order.
    QList<RowId> selectedCalls() const;
    // Selects every waiting call of the current row's thread.
    void selectCurrentThread();
    void approveSelected();
    void denySelected();
    void openCurrent();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void reload();
    void updateState();
    void answer(const ApprovalAnswer &answer);

    ApprovalCenter &m_center;
    ApprovalInboxModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_message = nullptr;
    QLineEdit *m_reason = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_deny = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_close = nullptr;
};
