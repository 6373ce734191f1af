// The real SandboxManagerPanel on the offscreen platform against the real local sandbox server:
// a user selects sandboxes and stops, starts and deletes them (confirming in the dialog), cleans
// up the stopped ones, goes to the owning thread, opens a preview URL and browses files; a dead
// server shows the error in the panel and backs off while the window keeps running.
#include "SandboxUiTestSupport.h"
#include "sandboxes/SandboxFileBrowser.h"
#include "sandboxes/SandboxListModel.h"
#include "sandboxes/SandboxManagerPanel.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>

// Stands in for the desktop's browser: QDesktopServices hands it the URLs.
class UrlCatcher final : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public slots:
    void open(const QUrl &url) { urls.append(url); }
};

class TestSandboxManager final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void emptyListSaysSo();
    void stopStartDeleteFromThePanel();
    void cleanUpStopped();
    void goToThreadAndCopyId();
    void attachToCurrentThread();
    void previewUrlOpensInBrowser();
    void fileBrowserListsAndShowsFiles();
    void deadServerShowsErrorAndBacksOff();

private:
    void openPanel();
    void select(const QStringList &ids);
    void click(const char *buttonName);
    void answerConfirmation(bool accept);
    QString errorText() const;

    std::unique_ptr<SandboxTestEnv> m_env;
    std::unique_ptr<SandboxManagerPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestSandboxManager::init()
{
    m_env = std::make_unique<SandboxTestEnv>();
    QString error;
    QVERIFY2(m_env->open(QStringLiteral("local"), &error), qPrintable(error));
}

void TestSandboxManager::cleanup()
{
    m_tester.reset();
    m_panel.reset();
    m_env.reset();
}

void TestSandboxManager::openPanel()
{
    m_panel = std::make_unique<SandboxManagerPanel>(m_env->context().sandboxService());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy refreshed(&m_panel->service(), &SandboxService::refreshed);
    m_panel->resize(900, 400);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    // Shown: it asks the server by itself.
    QVERIFY(refreshed.wait(30000));
}

void TestSandboxManager::select(const QStringList &ids)
{
    QAbstractItemView *view = m_panel->view();
    auto *proxy = view->model();
    QItemSelection selection;
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const QModelIndex index = proxy->index(row, 0);
        if (ids.contains(index.data(SandboxListModel::IdRole).toString()))
            selection.select(index, index);
    }
    view->selectionModel()->select(selection,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(m_panel->selectedIds().size(), ids.size());
}

void TestSandboxManager::click(const char *buttonName)
{
    auto *button = m_panel->findChild<QToolButton *>(QString::fromLatin1(buttonName));
    QVERIFY2(button, buttonName);
    QVERIFY2(button->isEnabled(), buttonName);
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestSandboxManager::answerConfirmation(bool accept)
{
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_panel->findChild<QMessageBox *>(QStringLiteral("sandboxConfirmDialog")))
                && box->isVisible());
    // open(), not exec(): the test got here while the dialog waits.
    QAbstractButton *button = accept
        ? box->findChild<QPushButton *>(QStringLiteral("sandboxConfirmDeleteButton"))
        : box->button(QMessageBox::Cancel);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(!m_panel->findChild<QMessageBox *>(QStringLiteral("sandboxConfirmDialog")));
}

QString TestSandboxManager::errorText() const
{
    auto *label = m_panel->findChild<QLabel *>(QStringLiteral("sandboxErrorLabel"));
    return label && label->isVisible() ? label->text() : QString();
}

void TestSandboxManager::emptyListSaysSo()
{
    openPanel();
    auto *status = m_panel->findChild<QLabel *>(QStringLiteral("sandboxStatusLabel"));
    QVERIFY(status);
    QTRY_VERIFY(status->text().startsWith(QStringLiteral("No sandboxes yet")));
    QCOMPARE(errorText(), QString());

    // Created meanwhile (by the agent, say): F5 shows it.
    const Sandbox s = m_env->create(QStringLiteral("fresh"));
    QVERIFY(s.isValid());
    m_panel->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    m_panel->view()->setFocus();
    QTest::keyClick(m_panel->view(), Qt::Key_F5);
    QTRY_COMPARE(m_panel->model()->rowCount(), 1);
    QTRY_VERIFY(status->text().contains(QStringLiteral("local sandbox server")));

    // Deleted outside the app while the panel is visible: gone after the next automatic
    // refresh (every 5 s), without F5.
    QVERIFY(awaitResult(m_env->client()->deleteSandbox(s.id)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 0, 20000);
    QTRY_VERIFY(status->text().startsWith(QStringLiteral("No sandboxes yet")));
}

void TestSandboxManager::stopStartDeleteFromThePanel()
{
    const Sandbox s = m_env->create(QStringLiteral("work"));
    const Sandbox other = m_env->create(QStringLiteral("bystander"));
    QVERIFY(s.isValid() && other.isValid());
    openPanel();
    SandboxListModel *model = m_panel->model();
    QCOMPARE(model->rowCount(), 2);
    const auto state = [&] {
        return model->index(model->rowOf(s.id), SandboxListModel::State).data().toString();
    };

    select({s.id});
    click("sandboxStopButton");
    QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("stopped"), 60000);
    QCOMPARE(m_env->stateOnServer(s.id), QStringLiteral("stopped"));
    QCOMPARE(m_env->stateOnServer(other.id), QStringLiteral("started"));
    // The selection survived the row's updates.
    QCOMPARE(m_panel->selectedIds(), QStringList{s.id});

    click("sandboxStartButton");
    QTRY_COMPARE_WITH_TIMEOUT(state(), QStringLiteral("started"), 60000);
    QCOMPARE(m_env->stateOnServer(s.id), QStringLiteral("started"));

    // Cancelled (asked with the Delete key): nothing is deleted.
    m_panel->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    m_panel->view()->setFocus();
    QTest::keyClick(m_panel->view(), Qt::Key_Delete);
    answerConfirmation(false);
    // An absence: no delete request may follow the cancel, so there is no event to wait for;
    // a cancelled dialog that deleted anyway would do so well within this time.
    QTest::qWait(200);
    QVERIFY(m_env->get(s.id).ok());
    QCOMPARE(model->rowCount(), 2);

    click("sandboxDeleteButton");
    answerConfirmation(true);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowOf(s.id), -1, 60000);
    QCOMPARE(m_env->get(s.id).error.kind, SandboxError::Kind::NotFound);
    QVERIFY(m_env->get(other.id).ok());
    auto *message = m_panel->findChild<QLabel *>(QStringLiteral("sandboxMessageLabel"));
    QVERIFY2(message && !message->isVisible(), qPrintable(message->text()));
}

void TestSandboxManager::cleanUpStopped()
{
    const Sandbox a = m_env->create(QStringLiteral("old-a"));
    const Sandbox b = m_env->create(QStringLiteral("old-b"));
    const Sandbox live = m_env->create(QStringLiteral("live"));
    QVERIFY(a.isValid() && b.isValid() && live.isValid());
    QVERIFY(awaitResult(m_env->client()->stopAndWait(a.id)).ok());
    QVERIFY(awaitResult(m_env->client()->stopAndWait(b.id)).ok());
    openPanel();
    QCOMPARE(m_panel->model()->idsInState(QStringLiteral("stopped")).size(), 2);

    click("sandboxCleanupButton");
    answerConfirmation(true);
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 1, 60000);
    QCOMPARE(m_panel->model()->idAt(0), live.id);
    QCOMPARE(m_env->get(a.id).error.kind, SandboxError::Kind::NotFound);
    QCOMPARE(m_env->get(b.id).error.kind, SandboxError::Kind::NotFound);
    QCOMPARE(m_env->stateOnServer(live.id), QStringLiteral("started"));
    // Nothing stopped is left: the button says so by being disabled.
    auto *cleanup = m_panel->findChild<QToolButton *>(QStringLiteral("sandboxCleanupButton"));
    QTRY_VERIFY(!cleanup->isEnabled());
}

void TestSandboxManager::goToThreadAndCopyId()
{
    const auto thread = m_env->context().store().createThread(QStringLiteral("Build the parser"),
                                                              QStringLiteral("openai/gpt-4o"));
    QVERIFY(thread);
    const Sandbox s = m_env->create(QStringLiteral("owned"));
    QVERIFY(s.isValid());
    SandboxRecord record;
    record.provider = QStringLiteral("local");
    record.remoteId = s.id;
    record.threadId = thread->id;
    QVERIFY(m_env->context().store().upsertSandbox(record));
    openPanel();

    select({s.id});
    QSignalSpy goTo(m_panel.get(), &SandboxManagerPanel::goToThread);
    auto *action = m_panel->findChild<QAction *>(QStringLiteral("actionSandboxGoToThread"));
    QVERIFY(action && action->isEnabled());
    action->trigger();
    QCOMPARE(goTo.size(), 1);
    QCOMPARE(goTo.first().first().value<RowId>(), thread->id);

    auto *copy = m_panel->findChild<QAction *>(QStringLiteral("actionSandboxCopyId"));
    QVERIFY(copy && copy->isEnabled());
    copy->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), s.id);
}

void TestSandboxManager::attachToCurrentThread()
{
    // A sandbox no thread owns: the user gives it to the thread shown, whose tools may then
    // reach it (they reach no other; issue 14 #11).
    const auto thread = m_env->context().store().createThread(QStringLiteral("Use my sandbox"),
                                                              QStringLiteral("openai/gpt-4o"));
    QVERIFY(thread);
    const Sandbox s = m_env->create(QStringLiteral("loose"));
    QVERIFY(s.isValid());
    openPanel();
    select({s.id});
    auto *attach = m_panel->findChild<QAction *>(QStringLiteral("actionSandboxAttach"));
    QVERIFY(attach);
    QVERIFY(!attach->isEnabled()); // no thread shown yet
    m_panel->setCurrentThread(thread->id);
    QVERIFY(attach->isEnabled());
    attach->trigger();
    const auto owned = m_env->context().sandboxService().ownedBy(thread->id);
    QVERIFY(owned);
    QCOMPARE(owned->size(), 1);
    QCOMPARE(owned->first().remoteId, s.id);
    qInfo() << "tried: Attach to Current Thread on" << s.id << "result: owned by thread"
            << thread->id << "; action now enabled:" << attach->isEnabled();
    QVERIFY(!attach->isEnabled()); // already this thread's
}

void TestSandboxManager::previewUrlOpensInBrowser()
{
    const Sandbox s = m_env->create(QStringLiteral("web"));
    QVERIFY(s.isValid());
    openPanel();
    UrlCatcher browser;
    QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser, "open");
    select({s.id});
    auto *action = m_panel->findChild<QAction *>(QStringLiteral("actionSandboxPreview"));
    QVERIFY(action && action->isEnabled());
    action->trigger();
    QInputDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_panel->findChild<QInputDialog *>(QStringLiteral("sandboxPortDialog")))
                && dialog->isVisible());
    QVERIFY(dialog->isComboBoxEditable());
    dialog->setTextValue(QStringLiteral("8123"));
    dialog->accept();
    QTRY_COMPARE(browser.urls.size(), 1);
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    // The local server's preview: its own listener on the host's loopback, with a signed token
    // in the query (never the server's API token).
    const QUrl opened = browser.urls.first();
    QCOMPARE(opened.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(opened.port() > 0 && opened.port() != 8123);
    QVERIFY(opened.query().startsWith(QStringLiteral("DAYTONA_SANDBOX_AUTH_KEY=sig_")));
    auto *message = m_panel->findChild<QLabel *>(QStringLiteral("sandboxMessageLabel"));
    QTRY_VERIFY(message->text().contains(opened.toString(QUrl::RemoveQuery)));
    QVERIFY(!message->text().contains(QStringLiteral("sig_")));
    // What the browser shows: nothing runs on 8123 in the sandbox yet.
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    QNetworkReply *reply = nam.get(QNetworkRequest(opened));
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(20000));
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray page = reply->readAll();
    delete reply;
    qInfo("tried: Open Preview URL on port 8123, result: %s opened, the page answers %d",
          qPrintable(opened.toString(QUrl::RemoveQuery)), status);
    QCOMPARE(status, 502);
    QVERIFY(page.contains("Nothing listens on port 8123"));
    // The port is remembered: offered first next time.
    action->trigger();
    QTRY_VERIFY((dialog = m_panel->findChild<QInputDialog *>(QStringLiteral("sandboxPortDialog")))
                && dialog->isVisible());
    const QStringList offered = dialog->comboBoxItems();
    qInfo("tried: Open Preview URL again, result: offered %s",
          qPrintable(offered.join(QLatin1String(", "))));
    QCOMPARE(offered.value(0), QStringLiteral("8123"));
    QVERIFY(offered.contains(QStringLiteral("8000")));
    dialog->reject();
}

void TestSandboxManager::fileBrowserListsAndShowsFiles()
{
    const Sandbox s = m_env->create(QStringLiteral("files"));
    QVERIFY(s.isValid());
    DaytonaClient *client = m_env->client();
    const QByteArray notes = "hello from the sandbox\nsecond line\n";
    QVERIFY(
        awaitResult(client->uploadFile(s, QStringLiteral("/home/daytona/notes.txt"), notes)).ok());
    QVERIFY(awaitResult(
                client->uploadFile(s, QStringLiteral("/home/daytona/src/main.py"), "print('hi')\n"))
                .ok());
    QVERIFY(awaitResult(client->uploadFile(s, QStringLiteral("/home/daytona/blob.bin"),
                                           QByteArray("\x7f"
                                                      "ELF\0\0\0binary",
                                                      13)))
                .ok());
    const QByteArray big(SandboxFileBrowser::kViewLimit + 1, 'x');
    QVERIFY(awaitResult(client->uploadFile(s, QStringLiteral("/home/daytona/big.log"), big)).ok());
    openPanel();
    select({s.id});
    auto *browse = m_panel->findChild<QAction *>(QStringLiteral("actionSandboxBrowse"));
    QVERIFY(browse && browse->isEnabled());
    browse->trigger();

    SandboxFileBrowser *browser = nullptr;
    QTRY_VERIFY(
        (browser = m_panel->findChild<SandboxFileBrowser *>(QStringLiteral("sandboxFileBrowser")))
        && browser->isVisible());
    auto *tree = browser->findChild<QTreeWidget *>(QStringLiteral("sandboxFilesTree"));
    auto *viewer = browser->findChild<QPlainTextEdit *>(QStringLiteral("sandboxFileViewer"));
    auto *message = browser->findChild<QLabel *>(QStringLiteral("sandboxFilesMessage"));
    QVERIFY(tree && viewer && message);
    const auto topLevel = [tree](const QString &name) -> QTreeWidgetItem * {
        const auto found = tree->findItems(name, Qt::MatchExactly);
        return found.isEmpty() ? nullptr : found.first();
    };
    QTRY_VERIFY_WITH_TIMEOUT(topLevel(QStringLiteral("notes.txt")), 30000);
    QCOMPARE(browser->rootPath(), QStringLiteral("/home/daytona"));

    // Open a file: its content, read-only, in the viewer.
    tree->setCurrentItem(topLevel(QStringLiteral("notes.txt")));
    QTRY_COMPARE_WITH_TIMEOUT(viewer->toPlainText(), QString::fromUtf8(notes), 30000);
    QVERIFY(viewer->isReadOnly());
    QCOMPARE(browser->shownPath(), QStringLiteral("/home/daytona/notes.txt"));

    // A binary file is not shown; the message says why and what to do.
    tree->setCurrentItem(topLevel(QStringLiteral("blob.bin")));
    QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(QStringLiteral("binary")), 30000);
    QVERIFY(message->text().contains(QStringLiteral("Download")));
    QCOMPARE(viewer->toPlainText(), QString());

    // A file above the limit is not fetched for the viewer; Download still saves it.
    tree->setCurrentItem(topLevel(QStringLiteral("big.log")));
    QTRY_VERIFY(message->text().contains(QStringLiteral("not shown here")));
    QCOMPARE(viewer->toPlainText(), QString());

    // Folders are listed when opened.
    QTreeWidgetItem *src = topLevel(QStringLiteral("src"));
    QVERIFY(src);
    QCOMPARE(src->childCount(), 0);
    src->setExpanded(true);
    QTRY_VERIFY_WITH_TIMEOUT(
        src->childCount() == 1 && src->child(0)->text(0) == QStringLiteral("main.py"), 30000);

    // Download to the host through the save dialog.
    tree->setCurrentItem(topLevel(QStringLiteral("notes.txt")));
    auto *download = browser->findChild<QPushButton *>(QStringLiteral("sandboxDownloadButton"));
    QVERIFY(download && download->isEnabled());
    QTest::mouseClick(download, Qt::LeftButton);
    QFileDialog *save = nullptr;
    QTRY_VERIFY((save = browser->findChild<QFileDialog *>(QStringLiteral("sandboxSaveDialog")))
                && save->isVisible());
    const QString target = m_env->tempPath(QStringLiteral("notes-copy.txt"));
    save->selectFile(target);
    static_cast<QDialog *>(save)->accept(); // the dialog's Save button
    QTRY_VERIFY2_WITH_TIMEOUT(message->text().startsWith(QStringLiteral("Saved")),
                              qPrintable(message->text()), 30000);
    QFile saved(target);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), notes);
    browser->close();
}

void TestSandboxManager::deadServerShowsErrorAndBacksOff()
{
    m_env = std::make_unique<SandboxTestEnv>();
    QString error;
    QVERIFY2(m_env->open(QStringLiteral("dead"), &error), qPrintable(error));
    m_panel = std::make_unique<SandboxManagerPanel>(m_env->context().sandboxService());
    SandboxListModel *model = m_panel->model();

    // The event loop keeps turning while the panel waits for the dead server.
    int ticks = 0;
    QTimer heartbeat;
    connect(&heartbeat, &QTimer::timeout, this, [&ticks] { ++ticks; });
    heartbeat.start(10);
    QSignalSpy refreshed(&m_panel->service(), &SandboxService::refreshed);
    m_panel->show(); // showing starts the first refresh
    QVERIFY(m_panel->service().isRefreshing());
    QVERIFY(refreshed.wait(30000));
    QVERIFY(ticks > 0);
    QCOMPARE(refreshed.first().first().toBool(), false);
    QTRY_VERIFY(errorText().contains(QStringLiteral("Trying again in 5 s")));
    QVERIFY(errorText().contains(QStringLiteral("F5")));

    // Each failure waits longer.
    click("sandboxRefreshButton");
    QVERIFY(m_panel->service().isRefreshing());
    QVERIFY(refreshed.wait(30000));
    QTRY_VERIFY(errorText().contains(QStringLiteral("Trying again in 10 s")));
    click("sandboxRefreshButton");
    QVERIFY(refreshed.wait(30000));
    QTRY_VERIFY(errorText().contains(QStringLiteral("Trying again in 20 s")));
    // Nothing to act on, and nothing pretends to be empty.
    QCOMPARE(model->rowCount(), 0);
    auto *status = m_panel->findChild<QLabel *>(QStringLiteral("sandboxStatusLabel"));
    QVERIFY(!status->text().startsWith(QStringLiteral("No sandboxes")));
    QVERIFY(!m_panel->findChild<QToolButton *>(QStringLiteral("sandboxDeleteButton"))->isEnabled());
    // Hidden (another tab chosen): it stops asking.
    m_panel->hide();
    QVERIFY(!m_panel->service().isPolling());
}

QTEST_MAIN(TestSandboxManager)
#include "tst_sandboxmanager.moc"
