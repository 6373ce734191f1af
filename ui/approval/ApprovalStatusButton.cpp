#include "ApprovalStatusButton.h"

#include "approval/ApprovalCenter.h"

#include <QMenu>

ApprovalStatusButton::ApprovalStatusButton(ApprovalCenter &center, QWidget *parent)
    : QToolButton(parent)
    , m_center(center)
{
    setObjectName(QStringLiteral("approvalStatusButton"));
    setAutoRaise(true);
    setPopupMode(QToolButton::MenuButtonPopup);
    m_menu = new QMenu(this);
    m_menu->setObjectName(QStringLiteral("approvalStatusMenu"));
    setMenu(m_menu);
    connect(m_menu, &QMenu::aboutToShow, this, &ApprovalStatusButton::fillMenu);
    connect(this, &QToolButton::clicked, &m_center, &ApprovalCenter::showInbox);
    connect(&m_center, &ApprovalCenter::pendingChanged, this, &ApprovalStatusButton::refresh);
    refresh();
}

void ApprovalStatusButton::refresh()
{
    const int count = m_center.pendingCount();
    setVisible(count > 0);
    setText(tr("%n approval(s) waiting", nullptr, count));
    setAccessibleName(text());
    setToolTip(tr("Waiting for your decision (click to see them all):\n%1")
                   .arg(m_center.pendingDescriptions().join(QLatin1Char('\n'))));
}

void ApprovalStatusButton::fillMenu()
{
    m_menu->clear();
    const QList<ApprovalRequest> pending = m_center.pending();
    for (const ApprovalRequest &request : pending) {
        const RowId id = request.toolCallRowId;
        QAction *action = m_menu->addAction(
            tr("%1 in %2").arg(request.toolName, m_center.threadTitle(request.threadId)));
        connect(action, &QAction::triggered, this, [this, id] { m_center.showPending(id); });
    }
}
