#include "MainWindow.h"

#include "agent/AgentEngine.h"
#include "agent/ToolCatalog.h"
#include "approval/ApprovalCenter.h"
#include "approval/ApprovalNotifications.h"
#include "approval/ApprovalStatusButton.h"
#include "changes/ChangesPanel.h"
#include "changes/DiffRender.h"
#include "changes/RewindDialog.h"
#include "chat/ApprovalModePicker.h"
#include "chat/ChatPane.h"
#include "chat/ConversationModel.h"
#include "chat/EmptyThreadView.h"
#include "core/Logging.h"
#include "core/Settings.h"
#include "inspector/InspectorPanel.h"
#include "inspector/RunTreeModel.h"
#include "main/AboutDialog.h"
#include "main/CostMeter.h"
#include "main/RunStatusBar.h"
#include "main/ShortcutsDialog.h"
#include "main/Theme.h"
#include "notify/DesktopNotifier.h"
#include "root/AppContext.h"
#include "sandboxes/SandboxManagerPanel.h"
#include "services/CheckpointService.h"
#include "services/CostService.h"
#include "services/ProcessService.h"
#include "services/RunHistory.h"
#include "services/ThreadService.h"
#include "settings/FirstRunWizard.h"
#include "settings/SettingsDialog.h"
#include "threads/ThreadListModel.h"
#include "threads/ThreadSidebar.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <QUrl>

MainWindow::MainWindow(AppContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Agent Studio"));

    // The engine first: the panes subscribe to its events when they are built. Without it
    // (no bubblewrap, ...) they still show the threads and say why the agent cannot run.
    QString engineError;
    AgentEngine *engine = m_context.agentEngine(&engineError);

    m_sidebar
        = new ThreadSidebar(m_context.threads(), m_context.sandboxService(), m_context.history(),
                            m_context.settings(), m_context.redactor(), engine, this);
    m_chat = new ChatPane(ChatPane::Services{m_context.threads(), m_context.history(),
                                             m_context.settings(), m_context.llm(),
                                             m_context.keys(), m_context.sandboxService(), engine,
                                             engineError, &m_context.approvalRules(),
                                             engine ? &m_context.attachments() : nullptr,
                                             engine ? &m_context.checkpoints() : nullptr},
                          this);
    // The empty thread's checklist: bubblewrap's diagnosis, and the setup its buttons open.
    m_chat->setSandboxHostCheck(&m_context.sandboxHostCheck());
    connect(m_chat->emptyState(), &EmptyThreadView::keySetupRequested, this,
            &MainWindow::showKeySetup);
    connect(m_chat->emptyState(), &EmptyThreadView::daytonaSetupRequested, this,
            &MainWindow::showSettings);
    m_inspector = new InspectorPanel(m_context.history(), m_context.redactor(), engine, this);
    // Cost per run and step at today's prices; repainted when a price changes (issue 18).
    m_inspector->model()->setCostLookup(
        [costs = &m_context.costs()](const QString &model, const TokenUsage &usage) {
            return costs->costText(model, usage);
        });
    connect(&m_context.costs(), &CostService::pricesChanged, m_inspector,
            [this] { m_inspector->tree()->viewport()->update(); });
    m_sandboxPanel = new SandboxManagerPanel(m_context.sandboxService(), this);
    m_sandboxPanel->setSettings(&m_context.settings());
    m_checkpoints = engine ? &m_context.checkpoints() : nullptr;
    m_changes = new ChangesPanel(m_checkpoints, m_context.history(), engine, this);

    m_rightPanel = new QTabWidget(this);
    m_rightPanel->setObjectName(QStringLiteral("rightPanel"));
    m_rightPanel->setDocumentMode(true);
    m_rightPanel->addTab(m_inspector, tr("Inspector"));
    m_rightPanel->addTab(m_changes, tr("Changes"));
    m_rightPanel->addTab(m_sandboxPanel, tr("Sandboxes"));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_chat);
    m_splitter->addWidget(m_rightPanel);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setSizes({240, 640, 360});
    setCentralWidget(m_splitter);

    statusBar()->setObjectName(QStringLiteral("statusBar"));
    m_status = new RunStatusBar(m_context.history(), engine,
                                engine ? &m_context.sandboxService() : nullptr, engineError,
                                statusBar());
    m_costMeter = new CostMeter(m_context.costs(), engine, statusBar());
    statusBar()->addPermanentWidget(m_costMeter);

    // Approvals: one queue for every thread; the dialog opens over this window, and the
    // status bar's button counts what waits and lists it by thread.
    if (engine) {
        m_approvals = new ApprovalCenter(*engine, m_context.tools(), this);
        m_approvals->setThreadTitleLookup([this](RowId threadId) {
            const auto thread = m_context.threads().thread(threadId);
            return thread ? thread->title : QString();
        });
        m_approvals->setSandboxService(&m_context.sandboxService());
        engine->setApprover(m_approvals);
        statusBar()->addPermanentWidget(new ApprovalStatusButton(*m_approvals, statusBar()));
        // Desktop notifications and the tray icon, for when this window is not in front.
        m_notifier = new DesktopNotifier(QDBusConnection::sessionBus(), this);
        m_notifications = new ApprovalNotifications(*m_approvals, *engine, m_context.settings(),
                                                    *m_notifier, this);
        connect(m_notifications, &ApprovalNotifications::threadRequested, this,
                [this](RowId threadId) { m_sidebar->selectThread(threadId); });
    }

    connect(m_sidebar, &ThreadSidebar::currentThreadChanged, this, &MainWindow::threadChanged);
    // Renamed in place, by the model after its first answer, or in another process.
    connect(&m_context.threads(), &ThreadService::threadChanged, this,
            [this](const ThreadRecord &thread) {
                if (thread.id == m_sidebar->currentThreadId())
                    showWindowTitle(thread.title);
            });
    // The sidebar already lists the new thread (the service announced it): select it.
    connect(m_chat, &ChatPane::threadCreatedForSend, m_sidebar, &ThreadSidebar::selectThread);
    // A tool card clicked in the chat: its node in the inspector.
    connect(m_chat, &ChatPane::toolCardActivated, this, [this](RowId toolCallRowId) {
        showRightPanelPage(m_inspector);
        m_inspector->selectToolCall(toolCallRowId);
    });
    // A file a writeFile(s) card lists: its diff in the Changes tab.
    connect(m_chat, &ChatPane::toolFileActivated, this,
            [this](RowId toolCallRowId, const QString &path) {
                showRightPanelPage(m_changes);
                m_changes->showToolCallFile(toolCallRowId, path);
            });
    connect(m_sandboxPanel, &SandboxManagerPanel::goToThread, this,
            [this](RowId threadId) { m_sidebar->selectThread(threadId); });
    connectCheckpoints();
    connectProcesses();

    createMenus();
    resize(1240, 780);
    restoreLayout();
    threadChanged(m_sidebar->currentThreadId());
}

MainWindow::~MainWindow()
{
    // The engine outlives the window: it must not call a destroyed approver.
    if (m_approvals && m_context.hasEngine() && m_context.engine().approver() == m_approvals)
        m_context.engine().setApprover(nullptr);
}

void MainWindow::threadChanged(RowId threadId)
{
    m_chat->setThread(threadId);
    m_inspector->setThread(threadId);
    m_status->setThread(threadId);
    m_costMeter->setThread(threadId);
    m_sandboxPanel->setCurrentThread(threadId);
    m_changes->setThread(threadId);
    updateWindowTitle();
    updateThreadActions();
}

void MainWindow::updateWindowTitle()
{
    QString title;
    if (const RowId threadId = m_sidebar->currentThreadId()) {
        if (const auto thread = m_context.threads().thread(threadId))
            title = thread->title;
    }
    showWindowTitle(title);
}

void MainWindow::showWindowTitle(const QString &threadTitle)
{
    setWindowTitle(threadTitle.isEmpty() ? tr("Agent Studio")
                                         : tr("%1 — Agent Studio").arg(threadTitle));
}

void MainWindow::updateThreadActions()
{
    const bool hasThread = m_sidebar->currentThreadId() != 0;
    for (QAction *action : std::as_const(m_threadActions))
        action->setEnabled(hasThread);
}

void MainWindow::createMenus()
{
    const auto addAction = [this](QMenu *menu, const char *objectName, const QString &text,
                                  const QKeySequence &shortcut = {}) {
        auto *action = menu->addAction(text);
        action->setObjectName(QString::fromLatin1(objectName));
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        return action;
    };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("menuFile"));
    QAction *newThread = addAction(file, "actionNewThread", tr("&New Thread"), QKeySequence::New);
    connect(newThread, &QAction::triggered, this, [this] {
        m_sidebar->newThread();
        m_chat->focusComposer();
    });
    QAction *exportThread = addAction(file, "actionExportThread", tr("&Export Thread…"),
                                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(exportThread, &QAction::triggered, m_sidebar, &ThreadSidebar::exportCurrentThread);
    m_threadActions << exportThread;
    file->addSeparator();
    QAction *openData = addAction(file, "actionOpenDataFolder", tr("Open &Data Folder"));
    connect(openData, &QAction::triggered, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_context.paths().dataDir()));
    });
    file->addSeparator();
    QAction *quit = addAction(file, "actionQuit", tr("&Quit"), QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("menuEdit"));
    QAction *search = addAction(edit, "actionSearchThreads", tr("&Search Threads"),
                                QKeySequence(Qt::CTRL | Qt::Key_K));
    connect(search, &QAction::triggered, this, [this] {
        m_sidebar->searchField()->setFocus(Qt::ShortcutFocusReason);
        m_sidebar->searchField()->selectAll();
    });
    edit->addSeparator();
    // Ctrl+, everywhere (QKeySequence::Preferences is empty on most Linux desktops).
    QAction *settings = addAction(edit, "actionSettings", tr("&Settings…"),
                                  QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setMenuRole(QAction::PreferencesRole);
    connect(settings, &QAction::triggered, this, &MainWindow::showSettings);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("menuView"));
    m_toggleRightPanel = addAction(view, "actionToggleRightPanel", tr("Show &Right Panel"),
                                   QKeySequence(Qt::CTRL | Qt::Key_I));
    m_toggleRightPanel->setCheckable(true);
    m_toggleRightPanel->setChecked(true);
    connect(m_toggleRightPanel, &QAction::toggled, this, &MainWindow::setRightPanelVisible);
    QAction *showInspector = addAction(view, "actionShowInspector", tr("Tool-Call &Inspector"),
                                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    connect(showInspector, &QAction::triggered, this, [this] {
        showRightPanelPage(m_inspector);
        m_inspector->tree()->setFocus(Qt::ShortcutFocusReason);
    });
    QAction *showChanges = addAction(view, "actionShowChanges", tr("&Changes"),
                                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    connect(showChanges, &QAction::triggered, this, [this] {
        showRightPanelPage(m_changes);
        m_changes->fileList()->setFocus(Qt::ShortcutFocusReason);
    });
    QAction *showSandboxes = addAction(view, "actionShowSandboxes", tr("&Sandboxes"),
                                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    connect(showSandboxes, &QAction::triggered, this, [this] {
        showRightPanelPage(m_sandboxPanel);
        m_sandboxPanel->view()->setFocus(Qt::ShortcutFocusReason);
    });
    view->addSeparator();
    m_themeMenu = view->addMenu(tr("&Theme"));
    m_themeMenu->setObjectName(QStringLiteral("menuTheme"));
    m_themeMenu->setEnabled(false);
    QAction *fullScreen
        = addAction(view, "actionFullScreen", tr("&Full Screen"), QKeySequence::FullScreen);
    fullScreen->setCheckable(true);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? (windowState() | Qt::WindowFullScreen)
                          : (windowState() & ~Qt::WindowFullScreen));
    });

    QMenu *thread = menuBar()->addMenu(tr("&Thread"));
    thread->setObjectName(QStringLiteral("menuThread"));
    QAction *send
        = addAction(thread, "actionSend", tr("&Send"), QKeySequence(Qt::CTRL | Qt::Key_Return));
    connect(send, &QAction::triggered, m_chat, &ChatPane::send);
    QAction *stop
        = addAction(thread, "actionStop", tr("S&top"), QKeySequence(Qt::CTRL | Qt::Key_Period));
    connect(stop, &QAction::triggered, m_chat, &ChatPane::stop);
    QAction *retry = addAction(thread, "actionContinue", tr("&Retry / Continue"),
                               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(retry, &QAction::triggered, m_chat, &ChatPane::retry);
    m_threadActions << stop << retry;
    QAction *rewind = addAction(thread, "actionRewind", tr("Re&wind…"),
                                QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_Z));
    rewind->setEnabled(m_checkpoints != nullptr);
    connect(rewind, &QAction::triggered, this,
            [this] { showRewind(m_sidebar->currentThreadId(), -1); });
    QAction *undoRewind = addAction(thread, "actionUndoRewind", tr("&Undo Rewind"));
    connect(undoRewind, &QAction::triggered, this, [this] {
        showRightPanelPage(m_changes);
        m_changes->undoRewind();
    });
    if (m_checkpoints)
        m_threadActions << rewind << undoRewind;
    else
        undoRewind->setEnabled(false);
    thread->addSeparator();
    QAction *focusComposer = addAction(thread, "actionFocusComposer", tr("Focus &Composer"),
                                       QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(focusComposer, &QAction::triggered, m_chat, &ChatPane::focusComposer);
    // The approval mode of the thread, from the keyboard (also while a call waits).
    QAction *cycleMode = addAction(thread, "actionCycleMode", tr("Switch Approval &Mode"),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    connect(cycleMode, &QAction::triggered, this, [this] {
        if (m_chat->modePicker())
            m_chat->modePicker()->cycle();
    });
    QAction *next = addAction(thread, "actionNextThread", tr("&Next Thread"),
                              QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    connect(next, &QAction::triggered, m_sidebar, &ThreadSidebar::selectNextThread);
    QAction *previous = addAction(thread, "actionPreviousThread", tr("&Previous Thread"),
                                  QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    connect(previous, &QAction::triggered, m_sidebar, &ThreadSidebar::selectPreviousThread);
    thread->addSeparator();
    QAction *rename = addAction(thread, "actionRenameThread", tr("Re&name Thread"));
    connect(rename, &QAction::triggered, m_sidebar, &ThreadSidebar::renameCurrentThread);
    QAction *pin = addAction(thread, "actionPinThread", tr("&Pin / Unpin Thread"));
    connect(pin, &QAction::triggered, m_sidebar, &ThreadSidebar::togglePinCurrentThread);
    QAction *remove = addAction(thread, "actionDeleteThread", tr("&Delete Thread…"));
    connect(remove, &QAction::triggered, m_sidebar, &ThreadSidebar::deleteCurrentThread);
    m_threadActions << rename << pin << remove;

    QMenu *sandbox = menuBar()->addMenu(tr("&Sandbox"));
    sandbox->setObjectName(QStringLiteral("menuSandbox"));
    QAction *refresh = addAction(sandbox, "actionRefreshSandboxes", tr("&Refresh Sandboxes"));
    connect(refresh, &QAction::triggered, this, [this] {
        showRightPanelPage(m_sandboxPanel);
        m_sandboxPanel->refresh();
    });
    QAction *approvals = addAction(sandbox, "actionShowApprovals", tr("Review Pending &Approvals"),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    approvals->setEnabled(m_approvals != nullptr);
    connect(approvals, &QAction::triggered, this, [this] {
        if (m_approvals)
            m_approvals->showInbox();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("menuHelp"));
    QAction *shortcuts = addAction(help, "actionShortcuts", tr("&Keyboard Shortcuts"),
                                   QKeySequence(Qt::CTRL | Qt::Key_Slash));
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    QAction *about = addAction(help, "actionAbout", tr("&About Agent Studio"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = addAction(help, "actionAboutQt", tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::setTheme(Theme *theme)
{
    m_theme = theme;
    m_themeMenu->clear();
    m_themeMenu->setEnabled(theme != nullptr);
    if (!theme)
        return;
    auto *group = new QActionGroup(m_themeMenu);
    const struct
    {
        Theme::Mode mode;
        const char *objectName;
        QString text;
    } modes[] = {{Theme::Mode::System, "actionThemeSystem", tr("Follow the &System")},
                 {Theme::Mode::Light, "actionThemeLight", tr("&Light")},
                 {Theme::Mode::Dark, "actionThemeDark", tr("&Dark")}};
    for (const auto &entry : modes) {
        QAction *action = m_themeMenu->addAction(entry.text);
        action->setObjectName(QString::fromLatin1(entry.objectName));
        action->setCheckable(true);
        action->setChecked(theme->mode() == entry.mode);
        group->addAction(action);
        const Theme::Mode mode = entry.mode;
        connect(action, &QAction::triggered, this, [this, mode] {
            m_theme->apply(mode);
            m_context.settings().setTheme(Theme::name(mode));
        });
    }
}

void MainWindow::showSettings()
{
    if (auto *open = findChild<SettingsDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new SettingsDialog(settingsServices(), m_context.paths(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCheckpointService(m_checkpoints);
    // First: the policy, base URLs and sandbox defaults reach the services built so far.
    connect(dialog, &SettingsDialog::settingsApplied, this, [this] {
        m_context.applySettings();
        if (m_notifications)
            m_notifications->applySettings();
    });
    // A new default model or sandbox provider shows in the composer of a new thread.
    connect(dialog, &SettingsDialog::settingsApplied, m_status,
            [this] { m_status->setThread(m_sidebar->currentThreadId()); });
    dialog->open();
}

void MainWindow::showKeySetup()
{
    if (auto *open = findChild<FirstRunWizard *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *wizard = new FirstRunWizard(settingsServices(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->open();
}

void MainWindow::showFirstRunWizardIfNeeded()
{
    // Asks the keychain too (asynchronously) before deciding.
    FirstRunWizard::openIfNeeded(settingsServices(), this);
}

SettingsServices MainWindow::settingsServices()
{
    SettingsServices services{m_context.settings(), m_context.keyStore(), m_context.keys(),
                              m_context.llm(), m_context.redactor()};
    services.rules = &m_context.approvalRules();
    services.costs = &m_context.costs();
    for (const ToolDefinition &tool : m_context.tools().tools())
        services.toolNames << tool.name;
    services.threadTitle = [this](qint64 threadId) {
        const auto thread = m_context.threads().thread(threadId);
        return thread ? thread->title : QString();
    };
    return services;
}

void MainWindow::showAbout()
{
    // open(), not exec(): the window keeps running while the dialog is up.
    auto *dialog = new AboutDialog(m_context.paths(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::setRightPanelVisible(bool visible)
{
    m_rightPanel->setVisible(visible);
    if (m_toggleRightPanel->isChecked() != visible)
        m_toggleRightPanel->setChecked(visible);
}

void MainWindow::showRightPanelPage(QWidget *page)
{
    setRightPanelVisible(true);
    m_rightPanel->setCurrentWidget(page);
}

void MainWindow::restoreLayout()
{
    Settings &settings = m_context.settings();
    const QByteArray geometry = settings.mainWindowGeometry();
    if (!geometry.isEmpty() && !restoreGeometry(geometry))
        qCWarning(lcUi) << "ignoring a saved window geometry that could not be restored";
    const QByteArray state = settings.mainWindowState();
    if (!state.isEmpty())
        restoreState(state);
    const QByteArray splitter = settings.mainSplitterState();
    if (!splitter.isEmpty() && !m_splitter->restoreState(splitter))
        qCWarning(lcUi) << "ignoring a saved splitter state that could not be restored";
    setRightPanelVisible(settings.rightPanelVisible());
}

void MainWindow::saveLayout()
{
    Settings &settings = m_context.settings();
    settings.setMainWindowGeometry(saveGeometry());
    settings.setMainWindowState(saveState());
    settings.setMainSplitterState(m_splitter->saveState());
    settings.setRightPanelVisible(m_toggleRightPanel->isChecked());
    settings.sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
}

void MainWindow::connectProcesses()
{
    ProcessService *processes = &m_context.processes();
    m_sandboxPanel->setProcesses(processes);
    // Opening a process row in the inspector shows the same live output as the list's action.
    connect(m_inspector, &InspectorPanel::processActivated, this,
            [this](const QString &processId) { m_sandboxPanel->showProcessOutput(processId); });
    m_inspector->model()->setProcessesLookup([processes](RowId toolCallRowId) {
        QJsonArray rows;
        for (const BackgroundProcess &p : processes->processesStartedBy(toolCallRowId)) {
            QJsonObject row{{QStringLiteral("processId"), p.id},
                            {QStringLiteral("command"), p.command},
                            {QStringLiteral("state"), BackgroundProcess::stateName(p.state)}};
            if (p.exitCode)
                row.insert(QStringLiteral("exitCode"), *p.exitCode);
            rows.append(row);
        }
        return rows;
    });
    const auto refresh = [this](const BackgroundProcess &process) {
        if (process.toolCallId)
            m_inspector->model()->refreshProcesses(process.toolCallId);
    };
    connect(processes, &ProcessService::processStarted, this, refresh);
    connect(processes, &ProcessService::processChanged, this, refresh);
}

void MainWindow::connectCheckpoints()
{
    connect(m_chat, &ChatPane::runChangesActivated, this, [this](RowId runId) {
        showRightPanelPage(m_changes);
        m_changes->showRun(runId);
    });
    connect(m_chat, &ChatPane::rewindToMessageRequested, this,
            [this](RowId threadId, RowId messageId) { showRewind(threadId, -1, messageId); });
    connect(m_inspector, &InspectorPanel::changedFileActivated, this,
            [this](RowId toolCallRowId, const QString &path) {
                showRightPanelPage(m_changes);
                m_changes->showToolCallFile(toolCallRowId, path);
            });
    connect(m_inspector, &InspectorPanel::rewindToStepRequested, this,
            [this](RowId threadId, RowId runId, int stepIndex) {
                if (!m_checkpoints)
                    return;
                const auto steps = m_checkpoints->steps(threadId);
                if (!steps)
                    return;
                for (const ThreadStep &step : *steps) {
                    if (step.runId == runId && step.stepIndex == stepIndex)
                        showRewind(threadId, step.number);
                }
            });
    connect(m_changes, &ChangesPanel::rewindRequested, this,
            [this](RowId threadId, int step) { showRewind(threadId, step); });
    if (!m_checkpoints)
        return;
    m_inspector->setRewindAvailable(true);
    CheckpointService *checkpoints = m_checkpoints;
    const RunHistory &history = m_context.history();
    // The card under a finished run: the files its tool calls changed, from the store.
    m_chat->model()->setRunChangesLookup(
        [checkpoints, &history](RowId runId) -> std::optional<RunChangeSummary> {
            const auto run = history.run(runId);
            const auto calls = history.listToolCalls(runId);
            if (!run || !calls)
                return std::nullopt;
            const auto byCall = checkpoints->changedFilesByCall(run->threadId);
            if (!byCall)
                return std::nullopt;
            QSet<QString> paths;
            RunChangeSummary summary;
            for (const ToolCallRecord &call : *calls) {
                for (const FileChangeRecord &file : byCall->value(call.id)) {
                    paths.insert(file.path);
                    summary.linesAdded += file.linesAdded;
                    summary.linesRemoved += file.linesRemoved;
                }
            }
            summary.files = int(paths.size());
            return summary;
        });
    m_inspector->model()->setChangedFilesLookup([checkpoints](RowId toolCallRowId) {
        QStringList paths;
        if (const auto files = checkpoints->changedFiles(toolCallRowId)) {
            for (const FileChangeRecord &file : *files)
                paths << file.path;
        }
        return paths;
    });
    connect(checkpoints, &CheckpointService::checkpointAdded, this,
            [this](const CheckpointRecord &checkpoint) {
                if (checkpoint.toolCallId)
                    m_inspector->model()->refreshChangedFiles(checkpoint.toolCallId);
                if (checkpoint.runId && checkpoint.threadId == m_chat->thread())
                    m_chat->model()->refreshRunChanges(checkpoint.runId);
            });
}

void MainWindow::showRewind(RowId threadId, int step, RowId messageId)
{
    if (!m_checkpoints || !threadId)
        return;
    if (findChild<RewindDialog *>())
        return; // one at a time
    if (step < 0 && !messageId) {
        // Before the thread's last run: the usual "undo what the agent just did".
        const auto steps = m_checkpoints->steps(threadId);
        step = 0;
        if (steps && !steps->isEmpty()) {
            const RowId last = steps->last().runId;
            for (const ThreadStep &entry : *steps) {
                if (entry.runId == last)
                    break;
                step = entry.number;
            }
        }
    }
    const RewindTarget target
        = messageId ? RewindTarget::beforeMessage(messageId) : RewindTarget::toStep(step);
    auto *dialog = new RewindDialog(*m_checkpoints, threadId, target, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RewindDialog::rewound, this, [this](const RewindResult &result) {
        if (result.forkThreadId) {
            m_sidebar->selectThread(result.forkThreadId);
            // Rewound from a message: it is back in the composer, to edit and send again.
            if (!result.messageText.isEmpty())
                m_chat->composer()->setPlainText(result.messageText);
        }
        showRightPanelPage(m_changes);
        statusBar()->showMessage(
            result.mode == RewindMode::Conversation
                ? tr("Rewound the conversation into a new thread; the original stays.")
                : tr("Rewound: %1 restored. Undo Rewind in the Changes tab brings them back.")
                      .arg(DiffRender::filesText(result.filesRestored)),
            10000);
    });
    dialog->open();
}
