// The real ThreadSidebar on the offscreen platform over a real AppContext (temporary data
// folder, real SQLite file): typing in the search field filters the list, F2 renames in
// place and the store keeps it, Del asks and deletes (with the thread's local sandboxes when
// asked to), export writes the conversation, next/previous walk the list across its groups; a
// thread deleted in a terminal (`agent-studio threads rm`) leaves the list by itself.
#include "../../tools/StudioCli.h"

#include "threads/DeleteThreadDialog.h"
#include "threads/ThreadListModel.h"
#include "threads/ThreadSidebar.h"

#include "agent/AgentEngine.h"
#include "root/AppContext.h"
#include "sandbox/DaytonaCall.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "services/SandboxService.h"
#include "services/ThreadService.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

class TestThreadSidebar final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void typingFiltersTheList();
    void searchWithoutHitsShowsTheEmptyState();
    void searchShowsTheToolCallSnippetUnderTheTitle();
    void f2RenamePersists();
    void deleteAsksThenRemovesFromTheStore();
    void deleteCanTakeTheThreadsSandboxes();
    void exportWritesMarkdown();
    void exportWritesJsonByFilter();
    void nextAndPreviousCrossGroups();
    void newThreadUsesTheDefaultModel();
    void pinMovesTheThreadToTheTop();
    void contextMenuOffersTheRowActions();
    void runEventsFromTheEngineUpdateTheRow();
    void emptyStoreShowsTheEmptyState();
    void threadDeletedInATerminalLeavesTheList();
    void threadCreatedElsewhereAppearsWithoutReload();

private:
    RowId addThread(const QString &title, const QString &question, const QString &answer,
                    qint64 secondsAgo);
    void showSidebar();
    QListView *list() const;
    QStringList shownTitles() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<ThreadSidebar> m_sidebar;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QDateTime m_clock;
    RowId m_today1 = 0, m_today2 = 0, m_yesterday = 0, m_older = 0;
};

void TestThreadSidebar::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_context = std::make_unique<AppContext>(StudioPaths::underRoot(m_dir->path()));
    m_context->setSandboxProvider(QStringLiteral("local"));
    QString error;
    QVERIFY2(m_context->open(&error), qPrintable(error));
    const QDateTime now = QDateTime::currentDateTime();
    m_context->store().setClock([this] { return m_clock; });
    // Two today, one yesterday, one a month ago: newest first in the list.
    m_older = addThread(QStringLiteral("Old shell scripts"), QStringLiteral("How do I loop?"),
                        QStringLiteral("Use a for loop over the glob."), 30 * 86400);
    m_clock = QDateTime(now.date().addDays(-1), QTime(12, 0));
    m_yesterday = addThread(QStringLiteral("CSV parsing"), QStringLiteral("Parse this CSV"),
                            QStringLiteral("The ferry to zanzibar leaves at noon."), -1);
    m_clock = QDateTime(now.date(), QTime(0, 0, 1));
    m_today2 = addThread(QStringLiteral("Reverse a string"),
                         QStringLiteral("Write reverse_string with tests"),
                         QStringLiteral("All 4 tests pass."), -1);
    m_clock = QDateTime(now.date(), QTime(0, 0, 2));
    m_today1 = addThread(QStringLiteral("Fibonacci in Rust"), QStringLiteral("fib(n) please"),
                         QStringLiteral("Here it is, iterative."), -1);
    m_context->store().setClock([] { return QDateTime::currentDateTime(); });
}

void TestThreadSidebar::cleanup()
{
    m_tester.reset();
    m_sidebar.reset();
    m_context.reset();
    m_dir.reset();
}

// secondsAgo >= 0 sets the clock relative to now; -1 keeps m_clock.
RowId TestThreadSidebar::addThread(const QString &title, const QString &question,
                                   const QString &answer, qint64 secondsAgo)
{
    if (secondsAgo >= 0)
        m_clock = QDateTime::currentDateTime().addSecs(-secondsAgo);
    Store &store = m_context->store();
    auto thread = store.createThread(title, QStringLiteral("openai/gpt-4o-mini"));
    if (!thread)
        qFatal("createThread: %s", qPrintable(thread.error()));
    NewMessage user;
    user.threadId = thread->id;
    user.parts = NewMessage::textParts(question);
    if (!store.appendMessage(user))
        qFatal("appendMessage failed");
    NewMessage assistant = user;
    assistant.role = MessageRole::Assistant;
    assistant.parts = NewMessage::textParts(answer);
    if (!store.appendMessage(assistant))
        qFatal("appendMessage failed");
    return thread->id;
}

void TestThreadSidebar::showSidebar()
{
    m_tester.reset();
    QString engineError;
    AgentEngine *engine = m_context->agentEngine(&engineError);
    m_sidebar = std::make_unique<ThreadSidebar>(m_context->threads(), m_context->sandboxService(),
                                                m_context->history(), m_context->settings(),
                                                m_context->redactor(), engine);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_sidebar->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_sidebar->resize(320, 600);
    m_sidebar->show();
    QApplication::setActiveWindow(m_sidebar.get());
    QVERIFY(QTest::qWaitForWindowActive(m_sidebar.get()));
}

QListView *TestThreadSidebar::list() const
{
    return m_sidebar->findChild<QListView *>(QStringLiteral("threadList"));
}

// What the user sees: the rows' text, headers included.
QStringList TestThreadSidebar::shownTitles() const
{
    QStringList titles;
    const QAbstractItemModel *model = list()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        titles << model->index(row, 0).data().toString();
    return titles;
}

void TestThreadSidebar::typingFiltersTheList()
{
    showSidebar();
    const QStringList all{QStringLiteral("Today"),
                          QStringLiteral("Fibonacci in Rust"),
                          QStringLiteral("Reverse a string"),
                          QStringLiteral("Yesterday"),
                          QStringLiteral("CSV parsing"),
                          QStringLiteral("Previous 7 days"),
                          QStringLiteral("Old shell scripts")};
    // "Previous 7 days" is not there: the old thread is a month old.
    QStringList expected = all;
    expected.removeAll(QStringLiteral("Previous 7 days"));
    expected.insert(expected.indexOf(QStringLiteral("Old shell scripts")), QStringLiteral("Older"));
    QCOMPARE(shownTitles(), expected);

    auto *field = m_sidebar->findChild<QLineEdit *>(QStringLiteral("threadSearchField"));
    QVERIFY(field);
    QCOMPARE(m_sidebar->searchField(), field);
    field->setFocus();
    QTest::keyClicks(field, QStringLiteral("zanzibar")); // only in an answer's text
    QTRY_COMPARE(shownTitles(), QStringList{QStringLiteral("CSV parsing")});

    // Enter goes to the best hit.
    QTest::keyClick(field, Qt::Key_Return);
    QTRY_COMPARE(m_sidebar->currentThreadId(), m_yesterday);
    QTRY_VERIFY(list()->hasFocus());

    field->setFocus();
    field->clear();
    QTest::keyClicks(field, QStringLiteral("reverse"));
    QTRY_COMPARE(shownTitles(), QStringList{QStringLiteral("Reverse a string")});

    // Down moves from the field into the list, onto the first hit.
    field->setFocus();
    field->clear();
    QTest::keyClicks(field, QStringLiteral("tests"));
    QTRY_COMPARE(shownTitles(), QStringList{QStringLiteral("Reverse a string")});
    QTest::keyClick(field, Qt::Key_Down);
    QTRY_VERIFY(list()->hasFocus());
    QCOMPARE(m_sidebar->currentThreadId(), m_today2);
    field->setFocus();

    QTest::keyClick(field, Qt::Key_Escape); // clears the search
    QCOMPARE(field->text(), QString());
    QTRY_COMPARE(shownTitles(), expected);
}

void TestThreadSidebar::searchWithoutHitsShowsTheEmptyState()
{
    showSidebar();
    auto *empty = m_sidebar->findChild<QLabel *>(QStringLiteral("threadEmptyState"));
    QVERIFY(empty);
    QVERIFY(!empty->isVisible());
    QTest::keyClicks(m_sidebar->searchField(), QStringLiteral("quetzalcoatl"));
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("quetzalcoatl")));
    QVERIFY(!list()->isVisible());
    m_sidebar->searchField()->clear();
    QTRY_VERIFY(list()->isVisible());
    QVERIFY(!empty->isVisible());
}

// A thread found by a command it ran: the row shows the command, its matched word in bold,
// on a second line under the title (painted by the delegate: ink appears there), and the
// tooltip and accessible description say it too.
void TestThreadSidebar::searchShowsTheToolCallSnippetUnderTheTitle()
{
    Store &store = m_context->store();
    const RowId id = store.createThread(QStringLiteral("Workspace chores"), {}).value().id;
    const RowId run = store.createRun(id, QStringLiteral("openai/gpt-4o-mini")).value().id;
    QVERIFY(
        store.proposeToolCall({run, 0, QStringLiteral("c1"), QStringLiteral("runCommand"),
                               QStringLiteral(R"({"command":"cargo test --quiet -p wombat"})")}));
    showSidebar();
    const int titleOnlyRows = m_sidebar->model()->rowCount();
    QVERIFY(titleOnlyRows > 0);

    QTest::keyClicks(m_sidebar->searchField(), QStringLiteral("wombat"));
    QTRY_COMPARE(shownTitles(), QStringList{QStringLiteral("Workspace chores")});
    const QModelIndex hit = list()->model()->index(0, 0);
    const QString snippet = hit.data(ThreadListModel::SnippetRole).toString();
    qInfo("tried: type \"wombat\" (only in a command a thread ran); result: row \"%s\" with "
          "snippet \"%s\"",
          qPrintable(hit.data().toString()), qPrintable(snippet));
    QCOMPARE(snippet, QStringLiteral(R"(runCommand: {"command":"cargo test --quiet -p wombat"})"));
    QCOMPARE(hit.data(Qt::AccessibleDescriptionRole).toString(), snippet);
    QVERIFY(hit.data(Qt::ToolTipRole).toString().contains(snippet));
    const QVariantList bold = hit.data(ThreadListModel::SnippetHighlightsRole).toList();
    QCOMPARE(bold.size(), 1);
    QCOMPARE(snippet.mid(bold.first().toPoint().x(), bold.first().toPoint().y()),
             QStringLiteral("wombat"));

    // The second line of the row has ink where the snippet is painted, the same row without
    // a snippet (a title hit) has none there.
    const QRect row = list()->visualRect(hit);
    const int lineHeight = list()->fontMetrics().lineSpacing();
    QVERIFY2(row.height() >= 2 * lineHeight, "the row has room for the snippet");
    auto inkInSecondLine = [&] {
        const QImage image = list()->viewport()->grab().toImage();
        const QRect line(row.left() + 4, row.bottom() - lineHeight - 2, row.width() - 8,
                         lineHeight);
        QHash<QRgb, int> colors; // the most common one is the background
        for (int y = line.top(); y <= line.bottom(); ++y) {
            for (int x = line.left(); x < line.right(); ++x)
                ++colors[image.pixel(x, y)];
        }
        int background = 0;
        for (const int count : std::as_const(colors))
            background = std::max(background, count);
        return int(line.width() - 1) * line.height() - background;
    };
    const int withSnippet = inkInSecondLine();
    m_sidebar->searchField()->clear();
    QTest::keyClicks(m_sidebar->searchField(), QStringLiteral("workspace chores"));
    QTRY_COMPARE(shownTitles(), QStringList{QStringLiteral("Workspace chores")});
    QVERIFY(list()->model()->index(0, 0).data(ThreadListModel::SnippetRole).toString().isEmpty());
    const int titleHit = inkInSecondLine();
    qInfo("tried: ink in the row's second line; result: %d pixels with the snippet, %d for a "
          "title hit",
          withSnippet, titleHit);
    QVERIFY(withSnippet > 20);
    QCOMPARE(titleHit, 0);
}

void TestThreadSidebar::f2RenamePersists()
{
    showSidebar();
    m_sidebar->selectThread(m_yesterday);
    QCOMPARE(m_sidebar->currentThreadId(), m_yesterday);
    list()->setFocus();
    QTRY_VERIFY(list()->hasFocus());
    QTest::keyClick(list(), Qt::Key_F2);
    QLineEdit *editor = nullptr;
    QTRY_VERIFY((editor = list()->findChild<QLineEdit *>(QStringLiteral("threadRenameEditor"))));
    QCOMPARE(editor->text(), QStringLiteral("CSV parsing"));
    editor->selectAll();
    QTest::keyClicks(editor, QStringLiteral("Parsing CSV with quotes"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(m_context->store().thread(m_yesterday)->title,
                 QStringLiteral("Parsing CSV with quotes"));
    QVERIFY(shownTitles().contains(QStringLiteral("Parsing CSV with quotes")));

    // A second sidebar (the app reopened) reads the new name from the file.
    m_tester.reset();
    m_sidebar.reset();
    showSidebar();
    QVERIFY(shownTitles().contains(QStringLiteral("Parsing CSV with quotes")));
}

void TestThreadSidebar::deleteAsksThenRemovesFromTheStore()
{
    showSidebar();
    m_sidebar->selectThread(m_today2);
    QSignalSpy current(m_sidebar.get(), &ThreadSidebar::currentThreadChanged);
    list()->setFocus();
    QTRY_VERIFY(list()->hasFocus());
    QTest::keyClick(list(), Qt::Key_Delete);
    DeleteThreadDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_sidebar->findChild<DeleteThreadDialog *>()));
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("threadDeleteMessage"))
                ->text()
                .contains(QStringLiteral("Reverse a string")));
    QVERIFY(!dialog->findChild<QCheckBox *>(QStringLiteral("threadDeleteSandboxes"))); // owns none
    // Nothing is deleted before the answer.
    QVERIFY(m_context->store().thread(m_today2).ok());

    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("threadDeleteConfirm")),
                      Qt::LeftButton);
    QTRY_VERIFY(!m_context->store().thread(m_today2).ok());
    QVERIFY(!shownTitles().contains(QStringLiteral("Reverse a string")));
    // The next thread down becomes current.
    QCOMPARE(m_sidebar->currentThreadId(), m_yesterday);
    QCOMPARE(current.size(), 1);
    QCOMPARE(current.first().first().toLongLong(), m_yesterday);

    // Cancel keeps it.
    QTest::keyClick(list(), Qt::Key_Delete);
    QTRY_VERIFY((dialog = m_sidebar->findChild<DeleteThreadDialog *>()) && dialog->isVisible());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("threadDeleteCancel")),
                      Qt::LeftButton);
    QTRY_VERIFY(!dialog->isVisible());
    QVERIFY(m_context->store().thread(m_yesterday).ok());
}

void TestThreadSidebar::deleteCanTakeTheThreadsSandboxes()
{
    // A real sandbox on the embedded local server, owned by the thread as the engine records it.
    QString error;
    AgentEngine *engine = m_context->agentEngine(&error);
    QVERIFY2(engine, qPrintable(error));
    DaytonaClient *client = m_context->sandboxes().client(&error);
    if (!client)
        QSKIP(qPrintable(QStringLiteral("no local sandbox server here: ") + error));
    CreateSandboxParams params;
    params.name = QStringLiteral("sidebar-delete-test");
    DaytonaCall *create = client->createSandbox(params);
    QSignalSpy created(create, &DaytonaCall::finished);
    QVERIFY(created.wait(60000));
    const DaytonaResult result = created.first().first().value<DaytonaResult>();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const Sandbox sandbox = Sandbox::fromJson(result.json().object());
    QVERIFY(!sandbox.id.isEmpty());
    SandboxRecord record;
    record.provider = QStringLiteral("local");
    record.remoteId = sandbox.id;
    record.name = sandbox.name;
    record.threadId = m_older;
    auto saved = m_context->store().upsertSandbox(record);
    QVERIFY2(saved.ok(), qPrintable(saved.error()));
    record.remoteId = QStringLiteral("already-gone-elsewhere");
    record.name = QStringLiteral("gone");
    QVERIFY(m_context->store().upsertSandbox(record).ok());

    showSidebar();
    m_sidebar->selectThread(m_older);
    m_sidebar->deleteCurrentThread();
    DeleteThreadDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_sidebar->findChild<DeleteThreadDialog *>()) && dialog->isVisible());
    auto *box = dialog->findChild<QCheckBox *>(QStringLiteral("threadDeleteSandboxes"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("2 sandboxes")));
    QVERIFY(!box->isChecked());
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(5, box->height() / 2));
    QVERIFY(box->isChecked());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("threadDeleteConfirm")),
                      Qt::LeftButton);
    // The row goes at once; the sandboxes when their server says so.
    QVERIFY(!m_context->store().thread(m_older).ok());
    QVERIFY(!shownTitles().contains(QStringLiteral("Old shell scripts")));
    QTRY_VERIFY_WITH_TIMEOUT(m_context->store().listSandboxes()->isEmpty(), 60000);

    DaytonaCall *get = client->getSandbox(sandbox.id);
    QSignalSpy got(get, &DaytonaCall::finished);
    QVERIFY(got.wait(30000));
    QCOMPARE(got.first().first().value<DaytonaResult>().error.kind, SandboxError::Kind::NotFound);
}

void TestThreadSidebar::exportWritesMarkdown()
{
    showSidebar();
    m_sidebar->selectThread(m_today2);
    m_sidebar->exportCurrentThread();
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_sidebar->findChild<QFileDialog *>(QStringLiteral("threadExportDialog")))
                && dialog->isVisible());
    const QString path = m_dir->filePath(QStringLiteral("reverse.md"));
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept(); // the Save button
    QTRY_VERIFY(QFile::exists(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(QStringLiteral("Reverse a string")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Write reverse_string with tests")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("All 4 tests pass.")), qPrintable(text));
    auto *message = m_sidebar->findChild<QLabel *>(QStringLiteral("threadSidebarMessage"));
    QTRY_VERIFY(message->isVisible() && message->text().contains(QStringLiteral("reverse.md")));
}

void TestThreadSidebar::exportWritesJsonByFilter()
{
    showSidebar();
    m_sidebar->selectThread(m_today1);
    m_sidebar->exportCurrentThread();
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_sidebar->findChild<QFileDialog *>(QStringLiteral("threadExportDialog")))
                && dialog->isVisible());
    QCOMPARE(dialog->nameFilters().size(), 2);
    // The user picks "JSON" in the file type box.
    auto *types = dialog->findChild<QComboBox *>(QStringLiteral("fileTypeCombo"));
    QVERIFY(types);
    types->setFocus();
    QTest::keyClick(types, Qt::Key_Down);
    QCOMPARE(dialog->selectedNameFilter(), dialog->nameFilters().at(1));
    const QString path = m_dir->filePath(QStringLiteral("fib")); // the filter adds .json
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept(); // the Save button
    const QString written = path + QStringLiteral(".json");
    QTRY_VERIFY(QFile::exists(written));
    QFile file(written);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parseError);
    QVERIFY2(json.isObject(), qPrintable(parseError.errorString()));
    const QByteArray compact = json.toJson(QJsonDocument::Compact);
    QVERIFY(compact.contains("fib(n) please"));
    QVERIFY(compact.contains("Here it is, iterative."));
}

void TestThreadSidebar::nextAndPreviousCrossGroups()
{
    showSidebar();
    QSignalSpy current(m_sidebar.get(), &ThreadSidebar::currentThreadChanged);
    m_sidebar->selectNextThread(); // nothing selected: the first thread
    QCOMPARE(m_sidebar->currentThreadId(), m_today1);
    m_sidebar->selectNextThread();
    QCOMPARE(m_sidebar->currentThreadId(), m_today2);
    m_sidebar->selectNextThread(); // over the "Yesterday" header
    QCOMPARE(m_sidebar->currentThreadId(), m_yesterday);
    m_sidebar->selectNextThread();
    QCOMPARE(m_sidebar->currentThreadId(), m_older);
    m_sidebar->selectNextThread(); // the end: stays
    QCOMPARE(m_sidebar->currentThreadId(), m_older);
    m_sidebar->selectPreviousThread();
    QCOMPARE(m_sidebar->currentThreadId(), m_yesterday);
    m_sidebar->selectPreviousThread();
    QCOMPARE(m_sidebar->currentThreadId(), m_today2);
    QCOMPARE(current.size(), 6);
    // The view shows it as selected.
    QCOMPARE(list()->currentIndex().data().toString(), QStringLiteral("Reverse a string"));

    // Searching does not change the current thread even when it hides it.
    QTest::keyClicks(m_sidebar->searchField(), QStringLiteral("zanzibar"));
    QTRY_COMPARE(shownTitles(), QStringList{QStringLiteral("CSV parsing")});
    QCOMPARE(m_sidebar->currentThreadId(), m_today2);
    QCOMPARE(current.size(), 6);
}

void TestThreadSidebar::newThreadUsesTheDefaultModel()
{
    m_context->settings().setDefaultModel(QStringLiteral("anthropic/claude-sonnet-4-5"));
    showSidebar();
    QSignalSpy current(m_sidebar.get(), &ThreadSidebar::currentThreadChanged);
    auto *button = m_sidebar->findChild<QToolButton *>(QStringLiteral("newThreadButton"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(current.size(), 1);
    const RowId id = current.first().first().toLongLong();
    QVERIFY(id != 0);
    QCOMPARE(m_sidebar->currentThreadId(), id);
    QCOMPARE(m_context->store().thread(id)->model, QStringLiteral("anthropic/claude-sonnet-4-5"));
    QCOMPARE(m_context->store().countThreads().value(), 5);
    QCOMPARE(shownTitles().at(1), ThreadListModel::displayTitle(QString())); // first under Today
    QCOMPARE(list()->currentIndex().data(ThreadListModel::IdRole).toLongLong(), id);
}

void TestThreadSidebar::emptyStoreShowsTheEmptyState()
{
    for (const RowId id : {m_today1, m_today2, m_yesterday, m_older})
        QVERIFY(m_context->store().deleteThread(id).ok());
    showSidebar();
    auto *empty = m_sidebar->findChild<QLabel *>(QStringLiteral("threadEmptyState"));
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("No threads yet")));
    QCOMPARE(m_sidebar->currentThreadId(), RowId(0));
    const RowId id = m_sidebar->newThread();
    QVERIFY(id != 0);
    QTRY_VERIFY(!empty->isVisible());
    QVERIFY(list()->isVisible());
}

void TestThreadSidebar::pinMovesTheThreadToTheTop()
{
    showSidebar();
    m_sidebar->selectThread(m_older);
    m_sidebar->togglePinCurrentThread();
    QVERIFY(m_context->store().thread(m_older)->pinned);
    QCOMPARE(shownTitles().mid(0, 2),
             (QStringList{QStringLiteral("Pinned"), QStringLiteral("Old shell scripts")}));
    QCOMPARE(m_sidebar->currentThreadId(), m_older); // still selected after the move
    QCOMPARE(list()->currentIndex().data(ThreadListModel::IdRole).toLongLong(), m_older);
    auto *pin = list()->findChild<QAction *>(QStringLiteral("threadPinAction"));
    QVERIFY(pin);
    QCOMPARE(pin->text(), QStringLiteral("Unpin"));
    pin->trigger();
    QVERIFY(!m_context->store().thread(m_older)->pinned);
    QVERIFY(!shownTitles().contains(QStringLiteral("Pinned")));
    QCOMPARE(shownTitles().last(), QStringLiteral("Old shell scripts"));
}

void TestThreadSidebar::contextMenuOffersTheRowActions()
{
    showSidebar();
    const QModelIndex row = list()->model()->index(4, 0); // "CSV parsing"
    QCOMPARE(row.data().toString(), QStringLiteral("CSV parsing"));
    const QRect rect = list()->visualRect(row);
    emit list()->customContextMenuRequested(rect.center());
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = m_sidebar->findChild<QMenu *>(QStringLiteral("threadContextMenu")))
                && menu->isVisible());
    QCOMPARE(m_sidebar->currentThreadId(), m_yesterday); // the clicked row is the subject
    QStringList names;
    for (QAction *action : menu->actions()) {
        if (!action->isSeparator()) {
            names << action->objectName();
            QVERIFY(action->isEnabled());
        }
    }
    QCOMPARE(
        names,
        (QStringList{QStringLiteral("threadRenameAction"), QStringLiteral("threadPinAction"),
                     QStringLiteral("threadExportAction"), QStringLiteral("threadDeleteAction")}));
    QCOMPARE(menu->actions().first()->shortcut(), QKeySequence(Qt::Key_F2));
    QCOMPARE(menu->actions().last()->shortcut(), QKeySequence(QKeySequence::Delete));
    menu->close();
}

// The engine's work updates that one row: the title it generates and where the run moves the
// thread come from the thread service, the running dot from the run.
void TestThreadSidebar::runEventsFromTheEngineUpdateTheRow()
{
    showSidebar();
    QString error;
    AgentEngine *engine = m_context->agentEngine(&error);
    QVERIFY2(engine, qPrintable(error));
    QSignalSpy reset(list()->model(), &QAbstractItemModel::modelReset);

    const auto titled = m_context->threads().setGeneratedTitle(
        m_older, QStringLiteral("Old shell scripts"), QStringLiteral("Looping in bash"));
    QVERIFY2(titled, qPrintable(titled.error()));
    QVERIFY(*titled);
    QCOMPARE(shownTitles().last(), QStringLiteral("Looping in bash"));

    // What the engine does as a run starts: the user's message is stored, the thread service
    // re-reads the thread, then the run event goes out.
    NewMessage user;
    user.threadId = m_older;
    user.parts = NewMessage::textParts(QStringLiteral("And with while?"));
    QVERIFY(m_context->store().appendMessage(user).ok());
    m_context->threads().reread(m_older);
    RunEvent started;
    started.type = RunEvent::Type::RunStarted;
    started.threadId = m_older;
    emit engine->runEvent(started);
    QCOMPARE(shownTitles().at(1), QStringLiteral("Looping in bash")); // top of Today
    QVERIFY(list()->model()->index(1, 0).data(ThreadListModel::RunningRole).toBool());
    QVERIFY(!shownTitles().contains(QStringLiteral("Older"))); // its only thread left it
    QCOMPARE(reset.size(), 0);
}

// The window is open on a thread; in a terminal the user runs `agent-studio threads rm` on it.
// Within about a second the row is gone and the next thread is current; nobody reloads.
void TestThreadSidebar::threadDeletedInATerminalLeavesTheList()
{
    showSidebar();
    m_sidebar->selectThread(m_today2);
    QSignalSpy current(m_sidebar.get(), &ThreadSidebar::currentThreadChanged);
    QSignalSpy reset(list()->model(), &QAbstractItemModel::modelReset);

    const StudioCliRun cli = runStudioCli(
        QStringLiteral(AGENT_STUDIO_BIN), m_dir->path(),
        {QStringLiteral("threads"), QStringLiteral("rm"), QString::number(m_today2)});
    QVERIFY2(cli.ok(), cli.err.constData());

    QTRY_VERIFY_WITH_TIMEOUT(!shownTitles().contains(QStringLiteral("Reverse a string")), 10000);
    QCOMPARE(shownTitles(),
             (QStringList{QStringLiteral("Today"), QStringLiteral("Fibonacci in Rust"),
                          QStringLiteral("Yesterday"), QStringLiteral("CSV parsing"),
                          QStringLiteral("Older"), QStringLiteral("Old shell scripts")}));
    QCOMPARE(m_sidebar->currentThreadId(), m_yesterday);
    QCOMPARE(current.size(), 1);
    QCOMPARE(list()->currentIndex().data(ThreadListModel::IdRole).toLongLong(), m_yesterday);
    QCOMPARE(reset.size(), 0);
}

// The chat pane creates a thread for a send through the service: the sidebar lists it at once,
// first under Today, and the current thread stays what it was until someone selects it.
void TestThreadSidebar::threadCreatedElsewhereAppearsWithoutReload()
{
    showSidebar();
    m_sidebar->selectThread(m_yesterday);
    QSignalSpy reset(list()->model(), &QAbstractItemModel::modelReset);
    const auto created = m_context->threads().create(QStringLiteral("Sent from the chat pane"),
                                                     QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY2(created, qPrintable(created.error()));
    QCOMPARE(shownTitles().mid(0, 2),
             (QStringList{QStringLiteral("Today"), QStringLiteral("Sent from the chat pane")}));
    QCOMPARE(m_sidebar->currentThreadId(), m_yesterday);
    QCOMPARE(list()->currentIndex().data(ThreadListModel::IdRole).toLongLong(), m_yesterday);
    QCOMPARE(reset.size(), 0);
}

QTEST_MAIN(TestThreadSidebar)
#include "tst_threadsidebar.moc"
