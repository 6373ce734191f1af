#include "ApprovalNotifications.h"

#include "agent/AgentEngine.h"
#include "agent/RunEvent.h"
#include "approval/ApprovalArguments.h"
#include "approval/ApprovalCenter.h"
#include "core/Logging.h"
#include "core/Settings.h"
#include "notify/DesktopNotifier.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>
#include <QWidget>

namespace {
QString callTag(RowId toolCallRowId)
{
    return QStringLiteral("call:%1").arg(toolCallRowId);
}

QString runTag(RowId threadId)
{
    return QStringLiteral("run:%1").arg(threadId);
}

// The app icon with the count in a badge (the tray shows it at a glance).
QIcon badgeIcon(int count)
{
    const QIcon base(QStringLiteral(":/icons/agent-studio.svg"));
    if (count <= 0)
        return base;
    QPixmap pixmap = base.pixmap(64, 64);
    if (pixmap.isNull()) {
        pixmap = QPixmap(64, 64);
        pixmap.fill(Qt::transparent);
    }
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(QColor(0xd0, 0x2a, 0x2a));
    painter.setPen(Qt::NoPen);
    const QRectF badge(28, 28, 36, 36);
    painter.drawEllipse(badge);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(count > 9 ? 18 : 24);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(badge, Qt::AlignCenter,
                     count > 99 ? QStringLiteral("99+") : QString::number(count));
    return QIcon(pixmap);
}
} // namespace

ApprovalNotifications::ApprovalNotifications(ApprovalCenter &center, AgentEngine &engine,
                                             Settings &settings, DesktopNotifier &notifier,
                                             QWidget *window)
    : QObject(window)
    , m_center(center)
    , m_engine(engine)
    , m_settings(settings)
    , m_notifier(notifier)
    , m_window(window)
{
    connect(&m_center, &ApprovalCenter::callWaiting, this, &ApprovalNotifications::callWaiting);
    connect(&m_center, &ApprovalCenter::pendingChanged, this, &ApprovalNotifications::updateTray);
    connect(&m_engine, &AgentEngine::runEvent, this, &ApprovalNotifications::onRunEvent);
    connect(&m_notifier, &DesktopNotifier::actionInvoked, this, &ApprovalNotifications::onAction);

    m_tray = new QSystemTrayIcon(this);
    m_tray->setObjectName(QStringLiteral("approvalTrayIcon"));
    m_trayMenu = new QMenu; // no parent: deleted here, whether or not the window lives on
    m_trayMenu->setObjectName(QStringLiteral("approvalTrayMenu"));
    QAction *showInbox = m_trayMenu->addAction(tr("Show &Waiting Approvals"));
    connect(showInbox, &QAction::triggered, this, [this] {
        bringWindowUp();
        m_center.showInbox();
    });
    QAction *showWindow = m_trayMenu->addAction(tr("Show Agent &Studio"));
    connect(showWindow, &QAction::triggered, this, &ApprovalNotifications::bringWindowUp);
    m_tray->setContextMenu(m_trayMenu);
    connect(m_tray, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason != QSystemTrayIcon::Trigger && reason != QSystemTrayIcon::DoubleClick)
                    return;
                bringWindowUp();
                if (m_center.pendingCount() > 0)
                    m_center.showInbox();
            });
    applySettings();
}

ApprovalNotifications::~ApprovalNotifications()
{
    delete m_trayMenu;
}

void ApprovalNotifications::applySettings()
{
    m_notify = m_settings.desktopNotifications();
    m_trayWanted = m_settings.trayIcon();
    updateTray();
}

bool ApprovalNotifications::windowActive() const
{
    if (m_activeCheck)
        return m_activeCheck();
    return m_window && m_window->isVisible() && m_window->isActiveWindow()
        && !m_window->isMinimized();
}

void ApprovalNotifications::updateTray()
{
    const int count = m_center.pendingCount();
    m_tray->setIcon(badgeIcon(count));
    m_tray->setToolTip(count == 0 ? tr("Agent Studio: nothing waits for your approval")
                                  : tr("Agent Studio: %n approval(s) waiting", nullptr, count));
    m_tray->setVisible(m_trayWanted && QSystemTrayIcon::isSystemTrayAvailable());
}

void ApprovalNotifications::callWaiting(const ApprovalRequest &request)
{
    if (!m_notify || windowActive())
        return;
    const QString thread = m_center.threadTitle(request.threadId);
    const QString summary = ApprovalArguments::summary(request.toolName, request.arguments, 160);
    QString body
        = summary.isEmpty() ? request.toolName : tr("%1: %2").arg(request.toolName, summary);
    if (!request.effects.isEmpty())
        body += QLatin1Char('\n') + request.effects.join(QLatin1Char('\n'));
    m_notifier.notify(callTag(request.toolCallRowId), tr("Approval needed in %1").arg(thread), body,
                      {{QStringLiteral("default"), tr("Open")},
                       {QStringLiteral("approve"), tr("Approve")},
                       {QStringLiteral("deny"), tr("Deny")}},
                      DesktopNotifier::Urgency::Critical);
}

void ApprovalNotifications::onRunEvent(const RunEvent &event)
{
    switch (event.type) {
    case RunEvent::Type::ApprovalResolved:
        // Answered here or elsewhere: the notification no longer asks anything.
        m_notifier.close(callTag(event.toolCallRowId));
        return;
    case RunEvent::Type::RunFinished:
    case RunEvent::Type::RunFailed: {
        if (!m_notify || windowActive())
            return;
        const QString thread = m_center.threadTitle(event.threadId);
        const bool failed = event.type == RunEvent::Type::RunFailed;
        const QString summary = failed ? tr("The agent stopped with an error in %1").arg(thread)
                                       : tr("The agent finished in %1").arg(thread);
        QString body;
        if (failed)
            body = event.error;
        else if (event.stoppedAtBudget)
            body = tr("It reached the thread's budget; raise it, then continue the thread.");
        else if (event.stoppedAtLimit)
            body = tr("It reached the step limit; continue the thread to let it go on.");
        else
            body = tr("Its run ended; open the thread to read the answer.");
        m_notifier.notify(runTag(event.threadId), summary, body,
                          {{QStringLiteral("default"), tr("Open")}});
        return;
    }
    default:
        return;
    }
}

void ApprovalNotifications::onAction(const QString &tag, const QString &key)
{
    if (tag.startsWith(QLatin1String("call:"))) {
        const RowId id = tag.mid(5).toLongLong();
        if (!m_center.find(id))
            return; // answered meanwhile
        if (key == QLatin1String("approve")) {
            m_center.resolve({id}, ApprovalAnswer::approve());
        } else if (key == QLatin1String("deny")) {
            m_center.resolve({id}, ApprovalAnswer::deny(QString()));
        } else {
            bringWindowUp();
            m_center.showPending(id);
        }
        return;
    }
    if (tag.startsWith(QLatin1String("run:"))) {
        bringWindowUp();
        emit threadRequested(tag.mid(4).toLongLong());
    }
}

void ApprovalNotifications::bringWindowUp()
{
    if (!m_window)
        return;
    if (m_window->isMinimized())
        m_window->showNormal();
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}
