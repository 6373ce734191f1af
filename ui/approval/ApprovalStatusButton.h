// The window's status-bar entry for tool calls that wait for a person: "2 approvals waiting",
// hidden when none. Clicking opens the approval inbox (every waiting call, answered one or
// several at a time); its menu lists each call with its thread to open one directly.
#pragma once

#include <QToolButton>

class ApprovalCenter;
class QMenu;

class ApprovalStatusButton final : public QToolButton
{
    Q_OBJECT

public:
    explicit ApprovalStatusButton(ApprovalCenter &center, QWidget *parent = nullptr);

private:
    void refresh();
    void fillMenu();

    ApprovalCenter &m_center;
    QMenu *m_menu = nullptr;
};
