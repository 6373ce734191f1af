// The window's status-bar entry for tool calls that wait for a person: "2 approvals waiting",
// hidden when none. Clicking asks about the next one; its menu lists each call with its
// thread, so that the person sees which thread waits and can pick one.
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
