// The main window only assembles: thread sidebar | chat pane | right panel (tool-call inspector,
// the Changes tab and the sandbox list), the status bar, menus and their shortcuts, and the
// approval queue. Each pane is its own class in its feature folder; the window connects their
// signals.
#pragma once

#include "store/StoreTypes.h"

#include <QMainWindow>

class AppContext;
class ApprovalCenter;
class ChangesPanel;
class ApprovalNotifications;
class DesktopNotifier;
class ChatPane;
class CheckpointService;
class InspectorPanel;
class QAction;
class QSplitter;
class QTabWidget;
class CostMeter;
class RunStatusBar;
class SandboxManagerPanel;
class Theme;
class ThreadSidebar;
struct SettingsServices;

class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(AppContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    QSplitter *mainSplitter() const { return m_splitter; }
    ThreadSidebar *sidebar() const { return m_sidebar; }
    ChatPane *chat() const { return m_chat; }
    InspectorPanel *inspector() const { return m_inspector; }
    SandboxManagerPanel *sandboxPanel() const { return m_sandboxPanel; }
    ChangesPanel *changesPanel() const { return m_changes; }
    QTabWidget *rightPanel() const { return m_rightPanel; }
    ApprovalCenter *approvals() const { return m_approvals; }
    ApprovalNotifications *approvalNotifications() const { return m_notifications; }

    // The View > Theme menu switches this theme (main() owns it; without one the menu is off).
    void setTheme(Theme *theme);
    void showSettings();
    void showFirstRunWizardIfNeeded();
    // The key setup (the first-run wizard), also when a first run was done: the empty
    // thread's "Set Up a Key…".
    void showKeySetup();
    // Opens the rewind dialog (open(), not exec()) for a thread at a step (-1: the step
    // before the thread's last run) or before a user message.
    void showRewind(RowId threadId, int step, RowId messageId = 0);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void restoreLayout();
    void saveLayout();
    void showAbout();
    void showShortcuts();
    void setRightPanelVisible(bool visible);
    void showRightPanelPage(QWidget *page);
    void threadChanged(RowId threadId);
    void updateThreadActions();
    void updateWindowTitle();
    // What the settings dialog and the first-run wizard work with.
    SettingsServices settingsServices();
    void showWindowTitle(const QString &threadTitle);
    // The chat's changes cards and the inspector's changed files, from the checkpoints.
    void connectCheckpoints();
    // Background processes (issue 17): counted in the sandbox list, shown under their calls.
    void connectProcesses();

    AppContext &m_context;
    Theme *m_theme = nullptr;
    QSplitter *m_splitter = nullptr;
    ThreadSidebar *m_sidebar = nullptr;
    ChatPane *m_chat = nullptr;
    QTabWidget *m_rightPanel = nullptr;
    InspectorPanel *m_inspector = nullptr;
    SandboxManagerPanel *m_sandboxPanel = nullptr;
    ChangesPanel *m_changes = nullptr;
    CheckpointService *m_checkpoints = nullptr; // nullptr when the engine cannot be built
    ApprovalCenter *m_approvals = nullptr;
    DesktopNotifier *m_notifier = nullptr;
    ApprovalNotifications *m_notifications = nullptr;
    RunStatusBar *m_status = nullptr;
    CostMeter *m_costMeter = nullptr; // the thread's cost and context (issue 18)
    QAction *m_toggleRightPanel = nullptr;
    QMenu *m_themeMenu = nullptr;
    QList<QAction *> m_threadActions; // enabled only with a thread selected
};
