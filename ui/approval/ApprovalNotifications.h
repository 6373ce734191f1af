// Tells the person about what waits while they look elsewhere: a desktop notification when a
// tool call starts waiting or a run ends while the main window is not the active window
// (Approve / Deny buttons where the notification server offers actions; a click opens the
// call or the thread), and a tray icon that counts the waiting calls (click: the inbox). Both
// can be turned off in Settings > Approvals. Uses the engine-side DesktopNotifier (D-Bus).
#pragma once

#include "agent/Approver.h"

#include <QObject>
#include <QPointer>

#include <functional>

class AgentEngine;
class ApprovalCenter;
class DesktopNotifier;
class QMenu;
class QSystemTrayIcon;
class QWidget;
class Settings;
struct RunEvent;

class ApprovalNotifications final : public QObject
{
    Q_OBJECT

public:
    // window: whose activity decides whether to notify (nullptr: never active).
    ApprovalNotifications(ApprovalCenter &center, AgentEngine &engine, Settings &settings,
                          DesktopNotifier &notifier, QWidget *window);
    ~ApprovalNotifications() override;

    // Reads the on/off settings again (after Settings > Apply).
    void applySettings();
    bool notificationsEnabled() const { return m_notify; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    // Replaces "is the window active" (tests; platforms without focus).
    void setWindowActiveCheck(std::function<bool()> check) { m_activeCheck = std::move(check); }

signals:
    // A run's notification was clicked: show that thread.
    void threadRequested(RowId threadId);

private:
    bool windowActive() const;
    void callWaiting(const ApprovalRequest &request);
    void onRunEvent(const RunEvent &event);
    void onAction(const QString &tag, const QString &key);
    void updateTray();
    void bringWindowUp();

    ApprovalCenter &m_center;
    AgentEngine &m_engine;
    Settings &m_settings;
    DesktopNotifier &m_notifier;
    QPointer<QWidget> m_window;
    std::function<bool()> m_activeCheck;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_trayMenu = nullptr;
    bool m_notify = true;
    bool m_trayWanted = true;
};
