// Inspect, approve, manage (issue 7) in the real window, with the approval policy that asks
// before commands: the brief's runCommand opens the approval dialog over the window and is
// approved (or edited, or denied with a reason the model then reads); the inspector shows the
// command's result with "Ran 4 tests" and the step's usage, and a tool card selects its node;
// the sandbox appears in the list and is stopped, started and deleted from it, and a sandbox
// deleted outside the app leaves the list on refresh.
#include "WindowTestSupport.h"

#include "approval/ApprovalCenter.h"
#include "inspector/InspectorPanel.h"
#include "inspector/RunTreeModel.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "sandbox/SandboxWaiter.h"
#include "sandboxes/SandboxListModel.h"
#include "sandboxes/SandboxManagerPanel.h"
#include "threads/ThreadSidebar.h"

#include <QAbstractButton>
#include <QAction>
#include <QDialog>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeView>

// Selects a sandbox's row as a click would (the view sorts through a proxy).
static void selectSandbox(SandboxManagerPanel *panel, const QString &id)
{
    QAbstractItemView *view = panel->view();
    QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(SandboxListModel::IdRole).toString() == id) {
            view->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return;
        }
    }
}

class TestWindowInspect final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void approveInTheDialogThenInspect();
    void editedCommandIsWhatRuns();
    void denyReasonReachesTheModel();
    void sandboxListStopsStartsDeletes();

private:
    void send();
    QDialog *waitForDialog();
    void waitForDialog(QDialog *&dialog);
    void click(QWidget *parent, const QString &name);

    std::unique_ptr<WindowFixture> m_f;
    std::unique_ptr<ScriptedModel> m_script;
};

void TestWindowInspect::init()
{
    m_f = std::make_unique<WindowFixture>();
    QVERIFY(m_f->open(QStringLiteral("default")));
    m_script = std::make_unique<ScriptedModel>(m_f->server, Wire::OpenAi, briefScenario());
}

void TestWindowInspect::cleanup()
{
    m_script.reset();
    m_f.reset();
}

void TestWindowInspect::send()
{
    auto *composer = m_f->find<QPlainTextEdit>(QStringLiteral("composer"));
    composer->setFocus();
    QTest::keyClicks(composer, briefRequest());
    QTest::keyClick(composer, Qt::Key_Return);
}

void TestWindowInspect::waitForDialog(QDialog *&dialog)
{
    const auto visible = [&] {
        dialog = m_f->find<QDialog>(QStringLiteral("approvalDialog"));
        return dialog && dialog->isVisible();
    };
    QTRY_VERIFY_WITH_TIMEOUT(visible(), 60000);
}

QDialog *TestWindowInspect::waitForDialog()
{
    QDialog *dialog = nullptr;
    waitForDialog(dialog);
    return dialog && dialog->isVisible() ? dialog : nullptr;
}

void TestWindowInspect::click(QWidget *parent, const QString &name)
{
    auto *button = parent->findChild<QAbstractButton *>(name);
    QVERIFY2(button, qPrintable(name));
    QVERIFY2(button->isEnabled(), qPrintable(name));
    QTest::mouseClick(button, Qt::LeftButton);
}

void TestWindowInspect::approveInTheDialogThenInspect()
{
    send();
    QDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    // What will run, in full, and for which thread; the window counts what waits.
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("approvalToolLabel"))
                ->text()
                .contains(QStringLiteral("runCommand")));
    QVERIFY(dialog->findChild<QPlainTextEdit *>(QStringLiteral("approvalArgumentsEdit"))
                ->toPlainText()
                .contains(QStringLiteral("python3 test_reverse_string.py")));
    QCOMPARE(m_f->window->approvals()->pendingCount(), 1);
    auto *status = m_f->find<QWidget>(QStringLiteral("approvalStatusButton"));
    QVERIFY(status && status->isVisible());
    QCOMPARE(m_f->toolStatuses().last(), QStringLiteral("waiting for approval"));
    QVERIFY(m_f->find<QLabel>(QStringLiteral("runStateLabel"))
                ->text()
                .contains(QStringLiteral("approval")));

    click(dialog, QStringLiteral("approveButton"));
    QTRY_VERIFY_WITH_TIMEOUT(m_f->allText().contains(QStringLiteral("All 4 tests pass")), 60000);
    QTRY_COMPARE(m_f->window->approvals()->pendingCount(), 0);
    QTRY_VERIFY(!status->isVisible());

    // The inspector: the runCommand result with "Ran 4 tests", and the steps' usage.
    InspectorPanel *inspector = m_f->window->inspector();
    RunTreeModel *tree = inspector->model();
    QModelIndex result;
    QModelIndex runCommand;
    QStringList tokens;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            tokens.clear();
            for (const QModelIndex &index : allIndexes(tree)) {
                const QString full = index.data(RunTreeModel::FullValueRole).toString();
                if (!result.isValid() && full.contains(QStringLiteral("Ran 4 tests")))
                    result = index;
                if (!runCommand.isValid()
                    && index.data(Qt::DisplayRole)
                           .toString()
                           .contains(QStringLiteral("runCommand")))
                    runCommand = index;
                tokens << index.siblingAtColumn(RunTreeModel::TokensColumn).data().toString();
            }
            return result.isValid() && runCommand.isValid();
        }(),
        20000);
    QVERIFY2(tokens.join(QLatin1Char(' ')).contains(QStringLiteral("4243")),
             qPrintable(tokens.join(QLatin1Char('|'))));

    // I on the runCommand card in the chat brings the inspector back (the sandbox list
    // is in front, nothing selected) and selects the card's node.
    const auto cards = m_f->rowsOfKind(ConversationModel::Kind::ToolCall);
    const RowId callRow = cards.last().data(ConversationModel::ToolCallRowIdRole).toLongLong();
    QVERIFY(callRow != 0);
    m_f->find<QAction>(QStringLiteral("actionShowSandboxes"))->trigger();
    QTRY_VERIFY(!inspector->isVisible());
    inspector->tree()->setCurrentIndex({});
    QListView *conversation = m_f->window->chat()->conversationView();
    conversation->setCurrentIndex(cards.last());
    conversation->setFocus();
    QTest::keyClick(conversation, Qt::Key_I); // Enter opens the card; I shows it in the inspector
    QTRY_VERIFY(inspector->isVisible());
    QTRY_COMPARE(inspector->tree()->currentIndex().data(RunTreeModel::RecordIdRole).toLongLong(),
                 callRow);
    QVERIFY2(
        inspector->tree()->currentIndex().data().toString().contains(QStringLiteral("runCommand")),
        qPrintable(inspector->tree()->currentIndex().data().toString()));
}

void TestWindowInspect::editedCommandIsWhatRuns()
{
    send();
    QDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    auto *editor = dialog->findChild<QPlainTextEdit *>(QStringLiteral("approvalArgumentsEdit"));
    QString text = editor->toPlainText();
    text.replace(QStringLiteral("python3 test_reverse_string.py"),
                 QStringLiteral("python3 -m unittest -v test_reverse_string"));
    editor->setPlainText(text);
    click(dialog, QStringLiteral("approveButton"));
    QTRY_VERIFY_WITH_TIMEOUT(m_f->allText().contains(QStringLiteral("All 4 tests pass")), 60000);
    // The model got the edited command's output (unittest -v names each test).
    const auto verboseOutputSent = [this] {
        for (const RecordedRequest &request : m_f->server.requests()) {
            if (request.body.contains("test_reverse_string.TestReverseString"))
                return true;
        }
        return false;
    };
    QVERIFY(verboseOutputSent());
    const RowId thread = m_f->window->sidebar()->currentThreadId();
    const auto runs = m_f->context->store().listRuns(thread);
    const auto calls = m_f->context->store().listToolCalls(runs->last().id);
    QVERIFY(calls->last().arguments.contains(QStringLiteral("unittest -v")));
}

void TestWindowInspect::denyReasonReachesTheModel()
{
    send();
    QDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    auto *reason = dialog->findChild<QWidget *>(QStringLiteral("denyReasonEdit"));
    reason->setFocus();
    QTest::keyClicks(reason, QStringLiteral("use pytest instead"));
    click(dialog, QStringLiteral("denyButton"));
    // The next request of the run carries the reason (the title request has no tools).
    const auto reasonSent = [this] {
        for (const RecordedRequest &request : m_f->server.requests()) {
            if (request.body.contains("use pytest instead"))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(reasonSent(), 60000);
    QTRY_COMPARE(m_f->toolStatuses().last(), QStringLiteral("failed"));
}

void TestWindowInspect::sandboxListStopsStartsDeletes()
{
    send();
    QDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    click(dialog, QStringLiteral("approveButton"));
    QTRY_VERIFY_WITH_TIMEOUT(m_f->allText().contains(QStringLiteral("All 4 tests pass")), 60000);

    // (The keys are tested in tst_windowflow; after a modal dialog the offscreen platform
    // leaves no window active, so the menu's action is used here.)
    m_f->find<QAction>(QStringLiteral("actionShowSandboxes"))->trigger();
    SandboxManagerPanel *panel = m_f->window->sandboxPanel();
    QTRY_VERIFY(panel->isVisible());
    SandboxListModel *list = panel->model();
    QTRY_COMPARE(list->rowCount(), 1);
    const QString id = list->idAt(0);
    // It belongs to the thread that made it.
    QCOMPARE(list->threadIdOf(id), m_f->window->sidebar()->currentThreadId());

    panel->view()->setFocus();
    selectSandbox(panel, id);
    click(panel, QStringLiteral("sandboxStopButton"));
    QTRY_COMPARE_WITH_TIMEOUT(list->sandbox(id).state, QStringLiteral("stopped"), 30000);
    click(panel, QStringLiteral("sandboxStartButton"));
    QTRY_COMPARE_WITH_TIMEOUT(list->sandbox(id).state, QStringLiteral("started"), 30000);

    // A second sandbox, deleted outside the app: gone from the list at the next refresh.
    QString error;
    DaytonaClient *client = m_f->context->sandboxes().client(QStringLiteral("local"), &error);
    QVERIFY2(client, qPrintable(error));
    CreateSandboxParams params;
    params.name = QStringLiteral("made-outside");
    const auto await = [](auto *call) {
        using Call = std::remove_pointer_t<decltype(call)>;
        DaytonaResult result;
        bool done = false;
        QObject::connect(call, &Call::finished, call, [&](const DaytonaResult &r) {
            result = r;
            done = true;
        });
        [[maybe_unused]] const bool answered = QTest::qWaitFor([&done] { return done; }, 30000);
        return result;
    };
    const DaytonaResult made = await(client->createAndWait(params));
    QVERIFY2(made.ok(), qPrintable(made.error.message));
    const QString outside = made.sandbox.id;
    click(panel, QStringLiteral("sandboxRefreshButton"));
    QTRY_COMPARE(list->rowCount(), 2);
    const DaytonaResult deleted = await(client->deleteSandbox(outside));
    QVERIFY2(deleted.ok(), qPrintable(deleted.error.message));
    click(panel, QStringLiteral("sandboxRefreshButton"));
    QTRY_COMPARE(list->rowCount(), 1);

    // Delete from the list, confirmed: gone from the server.
    selectSandbox(panel, id);
    click(panel, QStringLiteral("sandboxDeleteButton"));
    QDialog *confirm = nullptr;
    QTRY_VERIFY((confirm = m_f->find<QDialog>(QStringLiteral("sandboxConfirmDialog")))
                && confirm->isVisible());
    click(confirm, QStringLiteral("sandboxConfirmDeleteButton"));
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 0, 30000);
    QCOMPARE(await(client->getSandbox(id)).error.kind, SandboxError::Kind::NotFound);
}

QTEST_MAIN(TestWindowInspect)
#include "tst_windowinspect.moc"
