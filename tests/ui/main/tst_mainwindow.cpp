// The real MainWindow on the offscreen platform: panes, menus, About, restored layout, the
// settings dialog's Apply reaching the services.
#include "agent/ApprovalPolicy.h"
#include "main/MainWindow.h"
#include "root/AppContext.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void hasTheThreePanes();
    void hasTheMenus();
    void aboutOpensWithoutBlocking();
    void appliedSettingsReachTheServices();
    void layoutIsRestoredBetweenRuns();
    void shortcutsReachTheirTargets();

private:
    void triggerAction(MainWindow &window, const char *objectName);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> openContext();
};

void TestMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestMainWindow::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<AppContext> TestMainWindow::openContext()
{
    auto context = std::make_unique<AppContext>(StudioPaths::underRoot(m_dir->path()));
    QString error;
    if (!context->open(&error))
        qFatal("cannot open the app context: %s", qPrintable(error));
    return context;
}

void TestMainWindow::triggerAction(MainWindow &window, const char *objectName)
{
    auto *action = window.findChild<QAction *>(QString::fromLatin1(objectName));
    QVERIFY2(action, objectName);
    QVERIFY2(action->isEnabled(), objectName);
    action->trigger();
}

void TestMainWindow::hasTheThreePanes()
{
    auto context = openContext();
    MainWindow window(*context);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *splitter = window.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
    QVERIFY(splitter);
    QCOMPARE(splitter->count(), 3);
    QCOMPARE(splitter->widget(0)->objectName(), QStringLiteral("threadSidebar"));
    QCOMPARE(splitter->widget(1)->objectName(), QStringLiteral("chatPane"));
    QCOMPARE(splitter->widget(2)->objectName(), QStringLiteral("rightPanel"));
    auto *inspector = window.findChild<QWidget *>(QStringLiteral("toolCallInspector"));
    QVERIFY(inspector);
    QVERIFY(inspector->isVisible());
    QVERIFY(window.findChild<QTreeView *>(QStringLiteral("inspectorTree")));
    for (int i = 0; i < 3; ++i)
        QVERIFY2(splitter->widget(i)->width() > 100, qPrintable(splitter->widget(i)->objectName()));
}

void TestMainWindow::hasTheMenus()
{
    auto context = openContext();
    MainWindow window(*context);
    QStringList titles;
    for (QAction *action : window.menuBar()->actions())
        titles << action->text().remove(QLatin1Char('&'));
    QCOMPARE(
        titles,
        QStringList({QStringLiteral("File"), QStringLiteral("Edit"), QStringLiteral("View"),
                     QStringLiteral("Thread"), QStringLiteral("Sandbox"), QStringLiteral("Help")}));
    for (QAction *action : window.menuBar()->actions())
        QVERIFY2(action->menu() && !action->menu()->actions().isEmpty(),
                 qPrintable(action->text()));
}

void TestMainWindow::aboutOpensWithoutBlocking()
{
    auto context = openContext();
    MainWindow window(*context);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // trigger() returns: the dialog was opened with open(), not exec().
    triggerAction(window, "actionAbout");
    auto *dialog = window.findChild<QDialog *>(QStringLiteral("aboutDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *text = dialog->findChild<QWidget *>(QStringLiteral("aboutText"));
    QVERIFY(text);
    QVERIFY(text->property("text").toString().contains(QStringLiteral(STUDIO_VERSION)));
    QVERIFY(text->property("text").toString().contains(m_dir->path()));
    dialog->reject();
    QTRY_VERIFY(!window.findChild<QDialog *>(QStringLiteral("aboutDialog")));
}

void TestMainWindow::appliedSettingsReachTheServices()
{
    auto context = openContext();
    MainWindow window(*context);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(context->approvalPolicy().preset(), ApprovalPolicy::Preset::Default);

    triggerAction(window, "actionSettings");
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<QDialog *>(QStringLiteral("settingsDialog")))
                && dialog->isVisible());
    auto *policy = dialog->findChild<QComboBox *>(QStringLiteral("approvalPolicyCombo"));
    QVERIFY(policy);
    policy->setCurrentIndex(policy->findData(QStringLiteral("never-ask")));
    dialog->findChild<QPushButton *>(QStringLiteral("settingsApplyButton"))->click();
    // The next tool call of a running engine is judged by the new policy, without a restart.
    QCOMPARE(context->approvalPolicy().preset(), ApprovalPolicy::Preset::NeverAsk);
    dialog->reject();
}

void TestMainWindow::layoutIsRestoredBetweenRuns()
{
    QList<int> sizes;
    QSize size;
    {
        auto context = openContext();
        MainWindow window(*context);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(1100, 700);
        QTRY_COMPARE(window.size(), QSize(1100, 700));
        window.mainSplitter()->setSizes({300, 500, 280});
        sizes = window.mainSplitter()->sizes();
        size = window.size();
        triggerAction(window, "actionToggleRightPanel"); // hide the inspector
        QVERIFY(!window.findChild<QWidget *>(QStringLiteral("rightPanel"))->isVisible());
        triggerAction(window, "actionToggleRightPanel"); // and show it again
        window.close();
    }
    {
        auto context = openContext();
        MainWindow window(*context);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE(window.size(), size);
        QCOMPARE(window.mainSplitter()->sizes(), sizes);
        triggerAction(window, "actionToggleRightPanel");
        window.close();
    }
    auto context = openContext();
    MainWindow window(*context);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.findChild<QWidget *>(QStringLiteral("rightPanel"))->isVisible());
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("actionToggleRightPanel"))->isChecked());
}

void TestMainWindow::shortcutsReachTheirTargets()
{
    auto context = openContext();
    MainWindow window(*context);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("composer"));
    QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("threadSearchField"));
    // And back (the composer may have had the focus from the start).
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("composer"));
    QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier);
    QTRY_VERIFY(!window.findChild<QWidget *>(QStringLiteral("rightPanel"))->isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
