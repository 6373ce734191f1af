#include "MainWindow.h"

#include "chat/ChatPane.h"
#include "core/AppContext.h"
#include "core/Logging.h"
#include "inspector/InspectorPanel.h"
#include "main/AboutDialog.h"
#include "threads/ThreadSidebar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QLineEdit>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QUrl>

MainWindow::MainWindow(AppContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Agent Studio"));

    m_sidebar = new ThreadSidebar(m_context, this);
    m_chat = new ChatPane(this);
    m_inspector = new InspectorPanel(this);

    m_rightPanel = new QTabWidget(this);
    m_rightPanel->setObjectName(QStringLiteral("rightPanel"));
    m_rightPanel->setDocumentMode(true);
    m_rightPanel->addTab(m_inspector, tr("Inspector"));

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

    createMenus();
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->showMessage(tr("Ready"));

    resize(1240, 780);
    restoreLayout();
}

MainWindow::~MainWindow() = default;

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

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("menuView"));
    m_toggleRightPanel = addAction(view, "actionToggleRightPanel", tr("Show &Inspector Panel"),
                                   QKeySequence(Qt::CTRL | Qt::Key_I));
    m_toggleRightPanel->setCheckable(true);
    m_toggleRightPanel->setChecked(true);
    connect(m_toggleRightPanel, &QAction::toggled, this, &MainWindow::setRightPanelVisible);
    QAction *fullScreen
        = addAction(view, "actionFullScreen", tr("&Full Screen"), QKeySequence::FullScreen);
    fullScreen->setCheckable(true);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? (windowState() | Qt::WindowFullScreen)
                          : (windowState() & ~Qt::WindowFullScreen));
    });

    QMenu *thread = menuBar()->addMenu(tr("&Thread"));
    thread->setObjectName(QStringLiteral("menuThread"));
    QAction *focusComposer = addAction(thread, "actionFocusComposer", tr("Focus &Composer"),
                                       QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(focusComposer, &QAction::triggered, m_chat, &ChatPane::focusComposer);

    QMenu *sandbox = menuBar()->addMenu(tr("&Sandbox"));
    sandbox->setObjectName(QStringLiteral("menuSandbox"));
    QAction *showInspector
        = addAction(sandbox, "actionShowInspector", tr("Show Tool-Call &Inspector"));
    connect(showInspector, &QAction::triggered, this, [this] {
        m_toggleRightPanel->setChecked(true);
        m_rightPanel->setCurrentWidget(m_inspector);
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("menuHelp"));
    QAction *about = addAction(help, "actionAbout", tr("&About Agent Studio"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = addAction(help, "actionAboutQt", tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::showAbout()
{
    // open(), not exec(): the window keeps running while the dialog is up.
    auto *dialog = new AboutDialog(m_context.paths(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::setRightPanelVisible(bool visible)
{
    m_rightPanel->setVisible(visible);
    if (m_toggleRightPanel->isChecked() != visible)
        m_toggleRightPanel->setChecked(visible);
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
    m_layoutSaved = true;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
}
