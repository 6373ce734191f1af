// The chat window as a user drives it (issue 6): the brief's request typed into the composer and
// sent with Enter, the answer streamed into the conversation, the tool cards done, the status
// bar; the thread found by search after the app was closed and started again; rename, export
// and delete from the Thread menu; a key saved to the real keychain from the settings; the
// keyboard shortcuts and the theme. Real MainWindow, real engine, real bubblewrap sandboxes; the
// model is a local OpenAI-shaped server.
#include "WindowTestSupport.h"

#include "main/Theme.h"
#include "secrets/KeyStore.h"
#include "threads/ThreadListModel.h"
#include "threads/ThreadSidebar.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>

#include <optional>

class TestWindowFlow final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void briefScenarioTypedAndSentWithEnter();
    void threadIsFoundBySearchAfterARestart();
    void renameExportDeleteFromTheThreadMenu();
    void settingsSaveAKeyToTheKeychain();
    void keyboardReachesEveryPane();
    void themeFollowsTheMenu();
    void modelPickerAndDeleteFollowTheSettings();

private:
    void runBrief();
    void trigger(const char *objectName);
    RowId firstThreadInList() const;

    std::unique_ptr<WindowFixture> m_f;
    std::unique_ptr<ScriptedModel> m_script;
};

void TestWindowFlow::init()
{
    m_f = std::make_unique<WindowFixture>();
    QVERIFY(m_f->open(QStringLiteral("never-ask")));
}

void TestWindowFlow::cleanup()
{
    m_script.reset();
    m_f.reset();
}

void TestWindowFlow::trigger(const char *objectName)
{
    auto *action = m_f->find<QAction>(QString::fromLatin1(objectName));
    QVERIFY2(action, objectName);
    QVERIFY2(action->isEnabled(), objectName);
    action->trigger();
}

RowId TestWindowFlow::firstThreadInList() const
{
    QAbstractItemModel *model = m_f->window->sidebar()->threadList()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const RowId id = model->index(row, 0).data(ThreadListModel::IdRole).toLongLong();
        if (id != 0)
            return id;
    }
    return 0;
}

void TestWindowFlow::runBrief()
{
    m_script = std::make_unique<ScriptedModel>(m_f->server, Wire::OpenAi, briefScenario());
    auto *composer = m_f->find<QPlainTextEdit>(QStringLiteral("composer"));
    QVERIFY(composer);
    composer->setFocus();
    QTest::keyClicks(composer, briefRequest());
    QTest::keyClick(composer, Qt::Key_Return);
    // Sent: the composer is empty, a thread exists and Stop replaces Send while it runs.
    QTRY_VERIFY(composer->toPlainText().isEmpty());
    QTRY_VERIFY(m_f->window->sidebar()->currentThreadId() != 0);

    // The streamed answer is rendered and the three tool cards are done.
    QTRY_VERIFY_WITH_TIMEOUT(m_f->allText().contains(QStringLiteral("All 4 tests pass")), 120000);
    QTRY_COMPARE(
        m_f->toolStatuses(),
        QStringList({QStringLiteral("done"), QStringLiteral("done"), QStringLiteral("done")}));
    QVERIFY(m_f->allText().contains(briefRequest()));
    const auto cards = m_f->rowsOfKind(ConversationModel::Kind::ToolCall);
    QCOMPARE(cards.at(0).data(ConversationModel::ToolNameRole).toString(),
             QStringLiteral("createSandbox"));
    QCOMPARE(cards.at(2).data(ConversationModel::ToolNameRole).toString(),
             QStringLiteral("runCommand"));
    QVERIFY(cards.at(2).data(ConversationModel::ToolDurationRole).toLongLong() >= 0);

    // The status bar says it is done and counts the thread's tokens.
    QTRY_COMPARE(m_f->find<QLabel>(QStringLiteral("runStateLabel"))->text(),
                 QStringLiteral("Done"));
    QVERIFY2(!m_f->find<QLabel>(QStringLiteral("threadTokensLabel"))
                  ->text()
                  .contains(QLatin1String(" 0 in")),
             qPrintable(m_f->find<QLabel>(QStringLiteral("threadTokensLabel"))->text()));
    QTRY_VERIFY(m_f->find<QPushButton>(QStringLiteral("sendButton"))->isVisible());
}

void TestWindowFlow::briefScenarioTypedAndSentWithEnter()
{
    // No thread yet: the window title is the app's name alone.
    QCOMPARE(m_f->window->sidebar()->currentThreadId(), 0);
    QCOMPARE(m_f->window->windowTitle(), QStringLiteral("Agent Studio"));
    runBrief();
    // The model saw the request and got the test run's output back.
    const QList<RecordedRequest> requests = m_f->server.requests();
    QVERIFY(requests.size() >= 4);
    QVERIFY(requests.first().body.contains("reverses a string"));
    // (The last request may be the one that names the thread.)
    QVERIFY(std::any_of(requests.cbegin(), requests.cend(), [](const RecordedRequest &request) {
        return request.body.contains("Ran 4 tests");
    }));
    // The window title names the thread, by the title the model gave it.
    QTRY_COMPARE(m_f->window->windowTitle(),
                 ScriptedModel::kTitle + QStringLiteral(" — Agent Studio"));
}

void TestWindowFlow::threadIsFoundBySearchAfterARestart()
{
    runBrief();
    const RowId thread = m_f->window->sidebar()->currentThreadId();
    // Some other threads, so that the search has something to leave out.
    for (int i = 0; i < 5; ++i)
        QVERIFY(m_f->context->store().createThread(QStringLiteral("Other %1").arg(i),
                                                   QStringLiteral("openai/gpt-4o-mini")));
    QVERIFY(m_f->reopen());

    auto *search = m_f->find<QLineEdit>(QStringLiteral("threadSearchField"));
    QTest::keyClick(m_f->window.get(), Qt::Key_K, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget(), search);
    // A word that is only in the conversation's text, not in any title.
    QTest::keyClicks(search, QStringLiteral("reverses"));
    QTRY_COMPARE(firstThreadInList(), thread);
    QAbstractItemModel *list = m_f->window->sidebar()->threadList()->model();
    int hits = 0;
    for (int row = 0; row < list->rowCount(); ++row)
        hits += list->index(row, 0).data(ThreadListModel::IdRole).toLongLong() != 0;
    QCOMPARE(hits, 1);
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(m_f->window->sidebar()->currentThreadId(), thread);
    // The conversation is back, with its finished tool cards.
    QTRY_VERIFY(m_f->allText().contains(QStringLiteral("All 4 tests pass")));
    QCOMPARE(m_f->toolStatuses().size(), 3);
}

void TestWindowFlow::renameExportDeleteFromTheThreadMenu()
{
    runBrief();
    const RowId thread = m_f->window->sidebar()->currentThreadId();

    trigger("actionRenameThread");
    QLineEdit *editor = nullptr;
    QTRY_VERIFY((editor = m_f->find<QLineEdit>(QStringLiteral("threadRenameEditor"))));
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("Reverse a string"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(m_f->context->store().thread(thread)->title, QStringLiteral("Reverse a string"));
    // Exactly the new title (the model's title, "Reverse a string in Python", starts the same).
    QTRY_COMPARE(m_f->window->windowTitle(), QStringLiteral("Reverse a string — Agent Studio"));

    trigger("actionExportThread");
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_f->find<QFileDialog>(QStringLiteral("threadExportDialog")))
                && dialog->isVisible());
    const QString path = m_f->dir.filePath(QStringLiteral("reverse.md"));
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept();
    QTRY_VERIFY(QFile::exists(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray exported = file.readAll();
    QVERIFY2(exported.startsWith("# Reverse a string\n"), exported.left(80).constData());
    QVERIFY(exported.contains("reverses a string"));
    QVERIFY(exported.contains("All 4 tests pass"));
    QVERIFY(!exported.contains("sk-test-window"));

    trigger("actionDeleteThread");
    QDialog *confirm = nullptr;
    QTRY_VERIFY((confirm = m_f->find<QDialog>(QStringLiteral("threadDeleteDialog")))
                && confirm->isVisible());
    QTest::mouseClick(m_f->find<QPushButton>(QStringLiteral("threadDeleteConfirm")),
                      Qt::LeftButton);
    QTRY_VERIFY(!m_f->context->store().thread(thread));
    QTRY_VERIFY(m_f->window->sidebar()->currentThreadId() != thread);
    // It was the only thread: the title names none.
    QTRY_COMPARE(m_f->window->windowTitle(), QStringLiteral("Agent Studio"));
}

void TestWindowFlow::settingsSaveAKeyToTheKeychain()
{
    trigger("actionSettings");
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_f->find<QDialog>(QStringLiteral("settingsDialog")))
                && dialog->isVisible());
    auto *key = dialog->findChild<QLineEdit *>(QStringLiteral("providerKeyEdit_anthropic"));
    QVERIFY(key);
    const QString secret = QStringLiteral("sk-ant-window-test-0123456789abcdefghijklmnop");
    key->setFocus();
    QTest::keyClicks(key, secret);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("settingsOkButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(!m_f->find<QDialog>(QStringLiteral("settingsDialog"))
                || !m_f->find<QDialog>(QStringLiteral("settingsDialog"))->isVisible());

    // In the real keychain: a KeyStore of its own reads it back (the write is asynchronous).
    KeyStore store(m_f->context->keyStore().service());
    const auto readBack = [&store] {
        std::optional<QString> value;
        QObject context;
        store.read(QStringLiteral("anthropic"), &context,
                   [&value](const KeyStoreResult &result) { value = result.value; });
        [[maybe_unused]] const bool answered
            = QTest::qWaitFor([&value] { return value.has_value(); }, 20000);
        return value.value_or(QString());
    };
    QTRY_COMPARE_WITH_TIMEOUT(readBack(), secret, 10000);
}

void TestWindowFlow::keyboardReachesEveryPane()
{
    auto *window = m_f->window.get();
    QVERIFY(QTest::qWaitForWindowActive(window));
    // Ctrl+N: a new thread, and the composer has the focus (taken from the search field, so
    // that a composer focused from the start does not pass for it).
    QTest::keyClick(window, Qt::Key_K, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("threadSearchField"));
    const int before = m_f->context->store().countThreads().value();
    QTest::keyClick(window, Qt::Key_N, Qt::ControlModifier);
    QTRY_COMPARE(m_f->context->store().countThreads().value(), before + 1);
    const RowId first = m_f->window->sidebar()->currentThreadId();
    QVERIFY(first != 0);
    QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("composer"));
    QTest::keyClick(window, Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY(m_f->window->sidebar()->currentThreadId() != first);
    const RowId second = m_f->window->sidebar()->currentThreadId();
    // Ctrl+PgDown / Ctrl+PgUp: next and previous thread.
    QTest::keyClick(window, Qt::Key_PageDown, Qt::ControlModifier);
    QTRY_COMPARE(m_f->window->sidebar()->currentThreadId(), first);
    QTest::keyClick(window, Qt::Key_PageUp, Qt::ControlModifier);
    QTRY_COMPARE(m_f->window->sidebar()->currentThreadId(), second);
    // Ctrl+K search, Ctrl+L composer, Ctrl+I the right panel.
    QTest::keyClick(window, Qt::Key_K, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("threadSearchField"));
    QTest::keyClick(window, Qt::Key_L, Qt::ControlModifier);
    QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("composer"));
    QTest::keyClick(window, Qt::Key_I, Qt::ControlModifier);
    QTRY_VERIFY(!m_f->find<QWidget>(QStringLiteral("rightPanel"))->isVisible());
    // Ctrl+Shift+B: the sandbox list, Ctrl+Shift+I: the inspector (the panel comes back).
    QTest::keyClick(window, Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(m_f->find<QWidget>(QStringLiteral("sandboxManager"))->isVisible());
    QTest::keyClick(window, Qt::Key_I, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(m_f->find<QWidget>(QStringLiteral("toolCallInspector"))->isVisible());
    // Ctrl+/ lists the shortcuts, read from the actions themselves.
    QTest::keyClick(window, Qt::Key_Slash, Qt::ControlModifier);
    QDialog *shortcuts = nullptr;
    QTRY_VERIFY((shortcuts = m_f->find<QDialog>(QStringLiteral("shortcutsDialog")))
                && shortcuts->isVisible());
    shortcuts->reject();
}

void TestWindowFlow::themeFollowsTheMenu()
{
    Theme theme(*qApp);
    m_f->window->setTheme(&theme);
    trigger("actionThemeDark");
    QVERIFY(Theme::isDark(QApplication::palette()));
    QCOMPARE(m_f->context->settings().theme(), QStringLiteral("dark"));
    trigger("actionThemeLight");
    QVERIFY(!Theme::isDark(QApplication::palette()));
    trigger("actionThemeSystem");
    QCOMPARE(m_f->context->settings().theme(), QStringLiteral("system"));
}

void TestWindowFlow::modelPickerAndDeleteFollowTheSettings()
{
    // The picker offers the catalog's well-known models; a pick is the thread's model.
    QTest::keyClick(m_f->window.get(), Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY(m_f->window->sidebar()->currentThreadId() != 0);
    const RowId thread = m_f->window->sidebar()->currentThreadId();
    auto *picker = m_f->find<QComboBox>(QStringLiteral("modelPicker"));
    const int sonnet = picker->findText(QStringLiteral("anthropic/claude-sonnet-4-5"));
    QVERIFY2(sonnet >= 0, "the picker does not offer the catalog's models");
    QVERIFY(picker->findText(QStringLiteral("google/gemini-2.5-flash")) >= 0);
    picker->setCurrentIndex(sonnet);
    emit picker->activated(sonnet);
    QTRY_COMPARE(m_f->context->store().thread(thread)->model,
                 QStringLiteral("anthropic/claude-sonnet-4-5"));

    // "Delete sandboxes with their thread" in the settings ticks the box in the confirmation.
    m_f->context->settings().setDeleteSandboxesWithThread(true);
    SandboxRecord record;
    record.provider = QStringLiteral("local");
    record.remoteId = QStringLiteral("not-there-any-more");
    record.name = QStringLiteral("old");
    record.threadId = thread;
    QVERIFY(m_f->context->store().upsertSandbox(record).ok());
    trigger("actionDeleteThread");
    QDialog *confirm = nullptr;
    QTRY_VERIFY((confirm = m_f->find<QDialog>(QStringLiteral("threadDeleteDialog")))
                && confirm->isVisible());
    auto *box = confirm->findChild<QCheckBox *>(QStringLiteral("threadDeleteSandboxes"));
    QVERIFY(box);
    QVERIFY(box->isChecked());
    confirm->reject();
    QVERIFY(m_f->context->store().thread(thread).ok());
}

QTEST_MAIN(TestWindowFlow)
#include "tst_windowflow.moc"
