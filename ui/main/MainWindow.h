// The main window only assembles: thread sidebar | chat pane | right panel (inspector),
// menus and actions. Each pane is its own class in its feature folder.
#pragma once

#include <QMainWindow>

class AppContext;
class ChatPane;
class InspectorPanel;
class QAction;
class QSplitter;
class QTabWidget;
class ThreadSidebar;

class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(AppContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    QSplitter *mainSplitter() const { return m_splitter; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void restoreLayout();
    void saveLayout();
    void showAbout();
    void setRightPanelVisible(bool visible);

    AppContext &m_context;
    QSplitter *m_splitter = nullptr;
    ThreadSidebar *m_sidebar = nullptr;
    ChatPane *m_chat = nullptr;
    QTabWidget *m_rightPanel = nullptr;
    InspectorPanel *m_inspector = nullptr;
    QAction *m_toggleRightPanel = nullptr;
    bool m_layoutSaved = false;
};
