// The inspector panel on a real engine run of the brief's scenario: a local server scripts
// the model (OpenAI's recorded wire format), the real local sandbox server runs the tools,
// the real store keeps everything, runCommand asks for approval. The tree follows the run
// live, shows runCommand's result ("Ran 4 tests") and each step's usage; selectToolCall
// finds a call; Copy as JSON, Copy Step-Log Line and the value viewer work from the keyboard.
#include "../../app/agent/AgentTestSupport.h"

#include "agent/ApprovalPolicy.h"
#include "inspector/InspectorPanel.h"
#include "inspector/RunTreeModel.h"
#include "inspector/ValueViewer.h"
#include "root/AppContext.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

namespace {

QModelIndex childNamed(const QAbstractItemModel *model, const QModelIndex &parent,
                       const QString &name)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (index.data().toString() == name)
            return index;
    }
    return {};
}

QString cell(const QModelIndex &index, int column)
{
    return index.siblingAtColumn(column).data().toString();
}

// Expands a node the way a user gets there (its parents first) and waits for the view to
// have asked the model for its children.
bool openNode(QTreeView *tree, const QModelIndex &index)
{
    QList<QModelIndex> chain{index};
    for (QModelIndex i = index.parent(); i.isValid(); i = i.parent())
        chain.prepend(i);
    for (const QModelIndex &i : std::as_const(chain))
        tree->expand(i);
    return QTest::qWaitFor([&] { return !tree->model()->canFetchMore(index); }, 5000);
}

} // namespace

class TestInspectorPanel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void followsTheBriefRunAndShowsItsResults();
    void stepLogLinesOfAStoredRunMatchTheLiveOnes();
    void openedWhileARunWaitsForApproval();

private:
    bool waitForEnd(RunRecorder &recorder);
    void focus(InspectorPanel &panel);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeLlmServer> m_server;
    std::unique_ptr<AppContext> m_context;
};

void TestInspectorPanel::initTestCase()
{
    qputenv("OPENAI_API_KEY", "sk-test-openai-0123456789abcdefghij");
    qunsetenv("DAYTONA_API_KEY");
}

void TestInspectorPanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // As root, sandboxes run as nobody, who must traverse the folders above their homes.
    QFile::setPermissions(m_dir->path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    m_server = std::make_unique<FakeLlmServer>();
    QVERIFY(m_server->listen());
    qputenv("OPENAI_BASE_URL", m_server->baseUrl().toString().toUtf8());
    m_context = std::make_unique<AppContext>(
        StudioPaths::underRoot(m_dir->filePath(QStringLiteral("data"))));
    QString error;
    QVERIFY2(m_context->open(&error), qPrintable(error));
    m_context->setSandboxProvider(QStringLiteral("local"));
    QVERIFY2(m_context->agentEngine(&error), qPrintable(error));
}

void TestInspectorPanel::cleanup()
{
    m_context.reset();
    m_server.reset();
    m_dir.reset();
}

bool TestInspectorPanel::waitForEnd(RunRecorder &recorder)
{
    return QTest::qWaitFor([&recorder] { return recorder.ended; }, 180000);
}

void TestInspectorPanel::focus(InspectorPanel &panel)
{
    panel.show();
    QApplication::setActiveWindow(&panel);
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    panel.tree()->setFocus();
    QTRY_VERIFY(panel.tree()->hasFocus());
}

void TestInspectorPanel::followsTheBriefRunAndShowsItsResults()
{
    // runCommand asks (the default policy) and is approved with a reason.
    ScriptedModel script(*m_server, Wire::OpenAi, ::briefScenario());
    ScriptedApprover approver(m_context->engine(), {[](const ApprovalRequest &) {
                                  ApprovalAnswer answer = ApprovalAnswer::approve();
                                  answer.reason = QStringLiteral("running the tests is safe");
                                  return answer;
                              }});
    m_context->engine().setApprover(&approver);
    RunRecorder recorder(m_context->engine());
    auto thread = m_context->store().createThread(QStringLiteral("New thread"),
                                                  QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(thread);

    InspectorPanel panel(m_context->history(), m_context->redactor(), &m_context->engine());
    panel.resize(700, 600);
    QCOMPARE(panel.objectName(), QStringLiteral("toolCallInspector"));
    QAbstractItemModelTester tester(panel.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setThread(thread->id);
    focus(panel);
    QSignalSpy resets(panel.model(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(panel.model(), &QAbstractItemModel::rowsInserted);

    QString error;
    QVERIFY2(m_context->engine().send(thread->id,
                                      QStringLiteral("write a function that reverses a string, "
                                                     "with unit tests, and run them"),
                                      {}, &error),
             qPrintable(error));
    QVERIFY(waitForEnd(recorder));
    m_context->engine().setApprover(nullptr);
    const auto failed = recorder.ofType(RunEvent::Type::RunFailed);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().error));
    QCOMPARE(approver.m_requests.size(), 1);

    // The tree followed the run: rows were inserted, never reset.
    QCOMPARE(resets.size(), 0);
    QVERIFY(inserted.size() >= 4 + 3);
    RunTreeModel *model = panel.model();
    QTreeView *tree = panel.tree();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex run = model->index(0, 0);
    QTRY_COMPARE(cell(run, RunTreeModel::ValueColumn), QStringLiteral("completed"));
    QVERIFY(tree->isExpanded(run));
    QCOMPARE(model->rowCount(run), 4);

    // Each step shows its usage as the provider reported it (4243 in, 53 out, 4096 cached).
    for (int i = 0; i < 4; ++i) {
        const QModelIndex step = childNamed(model, run, QStringLiteral("Step %1").arg(i + 1));
        QVERIFY(step.isValid());
        QCOMPARE(cell(step, RunTreeModel::TokensColumn), QStringLiteral("4243 in · 53 out"));
        QCOMPARE(cell(step, RunTreeModel::ValueColumn),
                 i < 3 ? QStringLiteral("tool-calls") : QStringLiteral("stop"));
        QVERIFY(!cell(step, RunTreeModel::DurationColumn).isEmpty());
    }

    // selectToolCall: the runCommand node is selected, expanded and in view.
    RowId runCommandRow = 0;
    QJsonValue runCommandResult;
    for (const RunEvent &event : recorder.ofType(RunEvent::Type::ToolCallFinished)) {
        if (event.toolName == QLatin1String("runCommand")) {
            runCommandRow = event.toolCallRowId;
            runCommandResult = event.result;
        }
    }
    QVERIFY(runCommandRow);
    tree->collapseAll();
    panel.selectToolCall(runCommandRow);
    const QModelIndex call = tree->currentIndex();
    QCOMPARE(call.data().toString(), QStringLiteral("runCommand"));
    QCOMPARE(call.data(RunTreeModel::RecordIdRole).toLongLong(), runCommandRow);
    QVERIFY(tree->selectionModel()->isSelected(call));
    QVERIFY(tree->isExpanded(call));
    QVERIFY(tree->visualRect(call).intersects(tree->viewport()->rect()));
    QCOMPARE(cell(call, RunTreeModel::ValueColumn), QStringLiteral("done · approved"));
    QCOMPARE(cell(childNamed(model, call, QStringLiteral("approval")), 1),
             // The mode that made it ask is recorded with the answer (issue 16).
             QStringLiteral("approved: running the tests is safe · mode Ask"));

    // Its result, as a JSON tree: stdout has the test run.
    const QModelIndex result = childNamed(model, call, QStringLiteral("result"));
    QVERIFY(result.isValid());
    QVERIFY(openNode(tree, result));
    const QModelIndex stdoutRow = childNamed(model, result, QStringLiteral("stdout"));
    QVERIFY(stdoutRow.isValid());
    QVERIFY(cell(stdoutRow, 1).contains(QLatin1String("Ran 4 tests")));

    // Copy as JSON (Ctrl+Shift+C) on the call: valid JSON with the result.
    QGuiApplication::clipboard()->clear();
    tree->setCurrentIndex(call);
    QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QJsonParseError parseError;
    const QJsonDocument copied
        = QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8(), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(copied[QLatin1String("toolName")].toString(), QStringLiteral("runCommand"));
    QCOMPARE(copied[QLatin1String("result")].toObject(), runCommandResult.toObject());
    QCOMPARE(copied[QLatin1String("decisionReason")].toString(),
             QStringLiteral("running the tests is safe"));

    // Copy Value (Ctrl+C) on stdout: the whole output.
    tree->setCurrentIndex(stdoutRow);
    QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(),
             runCommandResult[QLatin1String("stdout")].toString());

    // The value viewer (Enter) shows a long value whole, where the tree shortens it.
    const QModelIndex write = model->indexForToolCall(
        recorder.ofType(RunEvent::Type::ToolCallFinished).at(1).toolCallRowId);
    QCOMPARE(write.data().toString(), QStringLiteral("writeFiles"));
    panel.selectToolCall(write.data(RunTreeModel::RecordIdRole).toLongLong());
    const QModelIndex arguments = childNamed(model, write, QStringLiteral("arguments"));
    QVERIFY(openNode(tree, arguments));
    const QModelIndex files = childNamed(model, arguments, QStringLiteral("files"));
    QVERIFY(openNode(tree, files));
    const QModelIndex second = childNamed(model, files, QStringLiteral("[1]"));
    QVERIFY(openNode(tree, second));
    const QModelIndex data = childNamed(model, second, QStringLiteral("data"));
    QVERIFY(data.isValid());
    QVERIFY(data.data(RunTreeModel::ElidedRole).toBool());
    QVERIFY(cell(data, 1).size() < reverseStringTests().size());
    tree->setCurrentIndex(data);
    tree->scrollTo(data);
    auto *viewer = panel.findChild<QPlainTextEdit *>(QStringLiteral("valueViewer"));
    QVERIFY(viewer);
    QVERIFY(!viewer->isVisible());
    QTest::keyClick(tree, Qt::Key_Return);
    QTRY_VERIFY(viewer->isVisible());
    QCOMPARE(viewer->toPlainText(), reverseStringTests());
    QVERIFY(viewer->isReadOnly());
    QVERIFY(panel.valueViewer()->title().endsWith(QStringLiteral("files › [1] › data")));

    // Its find field selects the matches.
    auto *find = panel.findChild<QLineEdit *>(QStringLiteral("valueViewerFind"));
    QVERIFY(find);
    find->setFocus();
    QTest::keyClicks(find, QStringLiteral("test_unicode"));
    QTest::keyClick(find, Qt::Key_Return);
    QCOMPARE(viewer->textCursor().selectedText(), QStringLiteral("test_unicode"));
    QTest::keyClick(find, Qt::Key_Escape);
    QVERIFY(!viewer->isVisible());

    // Double-click opens the viewer too (on the stdout row).
    tree->scrollTo(stdoutRow);
    // The view lays itself out again without the viewer: wait until the row is on screen.
    QTRY_VERIFY(tree->viewport()->rect().contains(tree->visualRect(stdoutRow).center()));
    QTRY_COMPARE(tree->indexAt(tree->visualRect(stdoutRow).center()), stdoutRow);
    const QPoint at = tree->visualRect(stdoutRow).center();
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at); // the first click of two
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
    QTRY_VERIFY(viewer->isVisible());
    QCOMPARE(viewer->toPlainText(), runCommandResult[QLatin1String("stdout")].toString());

    // The context menu offers the actions.
    tree->setCurrentIndex(call);
    emit tree->customContextMenuRequested(tree->visualRect(call).center());
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = panel.findChild<QMenu *>(QStringLiteral("inspectorContextMenu"))));
    QStringList texts;
    for (QAction *action : menu->actions())
        if (!action->isSeparator())
            texts << action->text().remove(QLatin1Char('&'));
    QCOMPARE(texts,
             QStringList({QStringLiteral("Show Value"), QStringLiteral("Copy Value"),
                          QStringLiteral("Copy as JSON"), QStringLiteral("Copy Step-Log Line")}));
    menu->close();

    // Copy Step-Log Line (Ctrl+Alt+C) on the call: its step's line as the engine printed it.
    tree->setFocus();
    tree->setCurrentIndex(call);
    QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier | Qt::AltModifier);
    const QByteArray live = recorder.ofType(RunEvent::Type::StepFinished).at(2).stepLog;
    QCOMPARE(QGuiApplication::clipboard()->text().toUtf8(), live.trimmed());
}

void TestInspectorPanel::stepLogLinesOfAStoredRunMatchTheLiveOnes()
{
    // runCommand asks twice: approved with edited arguments, then denied with a reason.
    QList<ScriptedModel::Step> steps = ::briefScenario();
    steps.insert(3, [](const RecordedRequest &request) {
        return ScriptedStep{
            QStringLiteral("Cleaning up."),
            {{QStringLiteral("call_run2"), QStringLiteral("runCommand"),
              QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                          {QStringLiteral("command"), QStringLiteral("rm -rf /home/daytona")}},
              QString()}}};
    });
    ScriptedModel script(*m_server, Wire::OpenAi, steps);
    ScriptedApprover approver(
        m_context->engine(),
        {[](const ApprovalRequest &request) {
             ApprovalAnswer answer = ApprovalAnswer::approve();
             QJsonObject args = request.arguments;
             args.insert(QStringLiteral("command"),
                         QStringLiteral("python3 -m unittest -v test_reverse_string"));
             answer.editedArguments = args;
             return answer;
         },
         [](const ApprovalRequest &) {
             return ApprovalAnswer::deny(QStringLiteral("never delete the project"));
         }});
    m_context->engine().setApprover(&approver);
    RunRecorder recorder(m_context->engine());
    auto thread = m_context->store().createThread(QStringLiteral("New thread"),
                                                  QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(thread);
    QString error;
    QVERIFY(m_context->engine().send(thread->id, QStringLiteral("reverse a string"), {}, &error));
    QVERIFY(waitForEnd(recorder));
    m_context->engine().setApprover(nullptr);
    const auto live = recorder.ofType(RunEvent::Type::StepFinished);
    QCOMPARE(live.size(), 5);

    // A panel opened afterwards reads the run from the store only.
    InspectorPanel panel(m_context->history(), m_context->redactor(), &m_context->engine());
    QAbstractItemModelTester tester(panel.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setThread(thread->id);
    focus(panel);
    RunTreeModel *model = panel.model();
    const QModelIndex run = model->index(0, 0);
    QVERIFY(panel.tree()->isExpanded(run)); // the latest run opens
    QCOMPARE(model->rowCount(run), 5);
    for (int i = 0; i < 5; ++i) {
        const QModelIndex step = childNamed(model, run, QStringLiteral("Step %1").arg(i + 1));
        panel.tree()->setCurrentIndex(step);
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(panel.tree(), Qt::Key_C, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(QGuiApplication::clipboard()->text().toUtf8(), live.at(i).stepLog.trimmed());
    }

    // The denied call shows the decision and its reason; the edited one its new arguments.
    const QModelIndex denied = childNamed(model, childNamed(model, run, QStringLiteral("Step 4")),
                                          QStringLiteral("runCommand"));
    QCOMPARE(cell(denied, RunTreeModel::ValueColumn), QStringLiteral("denied"));
    QVERIFY(openNode(panel.tree(), denied));
    QCOMPARE(cell(childNamed(model, denied, QStringLiteral("approval")), 1),
             QStringLiteral("denied: never delete the project · mode Ask"));
    const QModelIndex edited = childNamed(model, childNamed(model, run, QStringLiteral("Step 3")),
                                          QStringLiteral("runCommand"));
    QVERIFY(openNode(panel.tree(), edited));
    const QModelIndex arguments = childNamed(model, edited, QStringLiteral("arguments"));
    QVERIFY(openNode(panel.tree(), arguments));
    QCOMPARE(cell(childNamed(model, arguments, QStringLiteral("command")), 1),
             QStringLiteral("python3 -m unittest -v test_reverse_string"));

    // Enter on a step opens or closes it (a step's JSON can be megabytes); the Show Value
    // button shows even a step whole.
    auto *viewer = panel.findChild<QPlainTextEdit *>(QStringLiteral("valueViewer"));
    const QModelIndex step1 = childNamed(model, run, QStringLiteral("Step 1"));
    panel.tree()->setCurrentIndex(step1);
    const bool wasExpanded = panel.tree()->isExpanded(step1);
    QTest::keyClick(panel.tree(), Qt::Key_Return);
    QCOMPARE(panel.tree()->isExpanded(step1), !wasExpanded);
    QVERIFY(!viewer->isVisible());
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("inspectorShowValue")),
                      Qt::LeftButton);
    QTRY_VERIFY(viewer->isVisible());
    const QJsonDocument shown = QJsonDocument::fromJson(viewer->toPlainText().toUtf8());
    QCOMPARE(shown[QLatin1String("toolCalls")][0][QLatin1String("toolName")].toString(),
             QStringLiteral("createSandbox"));
    QCOMPARE(shown[QLatin1String("usage")][QLatin1String("cachedInputTokens")].toInteger(), 4096);

    // A run is not a step: Copy Step-Log Line is not offered for it.
    panel.tree()->setCurrentIndex(run);
    QVERIFY(!panel.copyStepLogAction()->isEnabled());
}

void TestInspectorPanel::openedWhileARunWaitsForApproval()
{
    // No one answers at first: the run waits at runCommand's approval.
    struct SilentApprover final : Approver
    {
        void approvalRequested(const ApprovalRequest &request) override { asked.append(request); }
        QList<ApprovalRequest> asked;
    } approver;
    ScriptedModel script(*m_server, Wire::OpenAi, ::briefScenario());
    m_context->engine().setApprover(&approver);
    RunRecorder recorder(m_context->engine());
    auto thread = m_context->store().createThread(QStringLiteral("New thread"),
                                                  QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(thread);
    QString error;
    QVERIFY(m_context->engine().send(thread->id, QStringLiteral("reverse a string"), {}, &error));
    QTRY_COMPARE_WITH_TIMEOUT(approver.asked.size(), 1, 120000);

    // The panel opens the thread now: the waiting call says so.
    InspectorPanel panel(m_context->history(), m_context->redactor(), &m_context->engine());
    QAbstractItemModelTester tester(panel.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setThread(thread->id);
    focus(panel);
    RunTreeModel *model = panel.model();
    const QModelIndex run = model->index(0, 0);
    QCOMPARE(cell(run, RunTreeModel::ValueColumn), QStringLiteral("running"));
    const QPersistentModelIndex call
        = model->indexForToolCall(approver.asked.first().toolCallRowId);
    QVERIFY(call.isValid());
    QCOMPARE(cell(call, RunTreeModel::ValueColumn), QStringLiteral("waiting for approval"));

    // Approved: the tree follows the rest of the run from there.
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    QVERIFY2(m_context->engine().resolveApproval(approver.asked.first().toolCallRowId,
                                                 ApprovalAnswer::approve(), &error),
             qPrintable(error));
    QVERIFY(waitForEnd(recorder));
    m_context->engine().setApprover(nullptr);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(cell(run, RunTreeModel::ValueColumn), QStringLiteral("completed"));
    QCOMPARE(model->rowCount(run), 4);
    QCOMPARE(cell(call, RunTreeModel::ValueColumn), QStringLiteral("done · approved"));
    QVERIFY(openNode(panel.tree(), call));
    const QModelIndex result = childNamed(model, call, QStringLiteral("result"));
    QVERIFY(openNode(panel.tree(), result));
    QVERIFY(cell(childNamed(model, result, QStringLiteral("stdout")), 1)
                .contains(QLatin1String("Ran 4 tests")));
    QCOMPARE(cell(childNamed(model, run, QStringLiteral("Step 4")), RunTreeModel::TokensColumn),
             QStringLiteral("4243 in · 53 out"));
}

QTEST_MAIN(TestInspectorPanel)
#include "tst_inspectorpanel.moc"
