// The approval dialog and its queue against the real engine: a local server scripts the model
// in OpenAI's recorded wire format, the real local sandbox server (bubblewrap) runs the tools,
// the real store keeps the decisions, and the test drives the dialog's widgets by objectName.
// Policy: the default, which asks before runCommand.
#include "../../app/agent/AgentTestSupport.h"

#include "agent/ApprovalPolicy.h"
#include "approval/ApprovalCenter.h"
#include "approval/ApprovalDialog.h"
#include "approval/ApprovalInbox.h"
#include "approval/ApprovalStatusButton.h"
#include "root/AppContext.h"
#include "store/Store.h"

#include <QApplication>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

namespace {
// A runCommand call for a sandbox that is never created: the gate asks before anything runs,
// so these calls need no sandbox unless they are approved.
ScriptedModel::Step proposeCommand(const QString &callId, const QString &command)
{
    return [callId, command](const RecordedRequest &) {
        return ScriptedStep{QString(),
                            {{callId, QStringLiteral("runCommand"),
                              QJsonObject{{QStringLiteral("sandboxId"),
                                           QStringLiteral("0b3c5a3e-0000-4000-8000-000000000001")},
                                          {QStringLiteral("command"), command}},
                              QString()}}};
    };
}

ScriptedModel::Step answer(const QString &text)
{
    return [text](const RecordedRequest &) { return ScriptedStep{text, {}}; };
}

ScriptedModel::Step runCommandStep(const QString &callId, const QStringList &commands)
{
    return [callId, commands](const RecordedRequest &request) {
        ScriptedStep step;
        for (int i = 0; i < commands.size(); ++i)
            step.calls.append(
                {callId + QString::number(i), QStringLiteral("runCommand"),
                 QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                             {QStringLiteral("command"), commands.at(i)},
                             {QStringLiteral("timeoutSeconds"), 20}},
                 QString()});
        return step;
    };
}
} // namespace

class TestApprovalDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void approveRunsTheCommand();
    void editedArgumentsAreWhatRuns();
    void invalidArgumentsDisableApprove();
    void hiddenCharactersAreShown();
    void denyWithAReasonReachesTheModel();
    void approveAllRunsTheBatch();
    void answeringOneOfABatchShowsTheNext();
    void alwaysAllowStopsAskingInTheThread();
    void closingLeavesTheCallPending();
    void twoThreadsWaitInOneQueue();
    void callsWaitingBeforeTheCenterAreAskedAgain();
    void pendingCallIsAskedAgainAfterARestart();

private:
    AgentEngine &engine() { return m_context->engine(); }
    qint64 newThread(const QString &title);
    ApprovalDialog *waitForDialog();
    template<typename T> T *widget(const char *objectName);
    bool waitForEnd(RunRecorder &recorder, int timeoutMs = 180000);
    QList<ToolCallRecord> toolCalls(qint64 thread);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeLlmServer> m_server;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<ApprovalCenter> m_center;
};

void TestApprovalDialog::initTestCase()
{
    qputenv("OPENAI_API_KEY", "sk-test-openai-0123456789abcdefghij");
    qunsetenv("DAYTONA_API_KEY");
}

void TestApprovalDialog::init()
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
    QCOMPARE(m_context->approvalPolicy().decide(QStringLiteral("runCommand")),
             ApprovalPolicy::Decision::Ask);

    m_center = std::make_unique<ApprovalCenter>(engine(), m_context->tools(), nullptr);
    Store *store = &m_context->store();
    m_center->setThreadTitleLookup([store](RowId id) {
        const auto thread = store->thread(id);
        return thread ? thread->title : QString();
    });
    engine().setApprover(m_center.get());
}

void TestApprovalDialog::cleanup()
{
    m_center.reset();
    m_context.reset();
    m_server.reset();
    m_dir.reset();
}

qint64 TestApprovalDialog::newThread(const QString &title)
{
    auto thread = m_context->store().createThread(title, QStringLiteral("openai/gpt-4o-mini"));
    return thread ? thread->id : 0;
}

ApprovalDialog *TestApprovalDialog::waitForDialog()
{
    [[maybe_unused]] const bool shown = QTest::qWaitFor(
        [this] { return m_center->dialog() && m_center->dialog()->isVisible(); }, 120000);
    return m_center->dialog() && m_center->dialog()->isVisible() ? m_center->dialog() : nullptr;
}

template<typename T> T *TestApprovalDialog::widget(const char *objectName)
{
    if (!m_center->dialog())
        return nullptr;
    return m_center->dialog()->findChild<T *>(QString::fromLatin1(objectName));
}

bool TestApprovalDialog::waitForEnd(RunRecorder &recorder, int timeoutMs)
{
    return QTest::qWaitFor([&recorder] { return recorder.ended; }, timeoutMs);
}

QList<ToolCallRecord> TestApprovalDialog::toolCalls(qint64 thread)
{
    QList<ToolCallRecord> all;
    const auto runs = m_context->store().listRuns(thread);
    if (!runs)
        return all;
    for (const RunRecord &run : *runs) {
        if (const auto calls = m_context->store().listToolCalls(run.id))
            all += *calls;
    }
    return all;
}

void TestApprovalDialog::approveRunsTheCommand()
{
    // The brief: createSandbox and writeFiles run at once; runCommand opens the dialog.
    ScriptedModel script(*m_server, Wire::OpenAi, ::briefScenario());
    QSignalSpy pendingChanged(m_center.get(), &ApprovalCenter::pendingChanged);
    RunRecorder recorder(engine());
    const qint64 thread = newThread(QStringLiteral("Reverse a string"));
    QString error;
    QVERIFY2(engine().send(thread,
                           QStringLiteral("write a function that reverses a string, with unit "
                                          "tests, and run them"),
                           {}, &error),
             qPrintable(error));
    ApprovalDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    // open(), not exec(): the run goes on behind it (the event loop is never blocked).
    QVERIFY(dialog->isModal() && dialog->windowModality() == Qt::WindowModal);
    QCOMPARE(m_center->pendingCount(), 1);
    QCOMPARE(pendingChanged.size(), 1);
    QCOMPARE(pendingChanged.first().first().toInt(), 1);

    const QString sandboxId = m_context->store().sandboxesForThread(thread)->first().remoteId;
    QCOMPARE(widget<QLabel>("approvalToolLabel")->text(), QStringLiteral("runCommand"));
    QCOMPARE(widget<QLabel>("approvalThreadLabel")->text(), QStringLiteral("Reverse a string"));
    QCOMPARE(widget<QLabel>("approvalSandboxLabel")->text(), sandboxId);
    const QString shown = widget<QPlainTextEdit>("approvalArgumentsEdit")->toPlainText();
    QVERIFY2(shown.contains(QLatin1String("\"command\": \"python3 test_reverse_string.py\"")),
             qPrintable(shown));
    QVERIFY(shown.contains(sandboxId));
    QVERIFY(!widget<QPushButton>("approveAllButton")->isVisible()); // one call in the step
    QVERIFY(!widget<QLabel>("approvalQueueLabel")->isVisible());
    QVERIFY(widget<QPushButton>("approveButton")->isEnabled());
    // Nothing ran yet.
    QVERIFY(recorder.ofType(RunEvent::Type::ToolCallFinished).size() == 2);

    // Ctrl+Enter approves.
    QApplication::setActiveWindow(dialog);
    QTest::keyClick(widget<QPlainTextEdit>("approvalArgumentsEdit"), Qt::Key_Return,
                    Qt::ControlModifier);
    QVERIFY(waitForEnd(recorder));
    QVERIFY(!dialog->isVisible());
    QCOMPARE(m_center->pendingCount(), 0);
    QCOMPARE(pendingChanged.last().first().toInt(), 0);
    const auto finished = recorder.ofType(RunEvent::Type::ToolCallFinished);
    QCOMPARE(finished.size(), 3);
    const QString out = finished.at(2).result.toObject().value(QLatin1String("stdout")).toString();
    QVERIFY2(out.contains(QLatin1String("Ran 4 tests")), qPrintable(out));
    QCOMPARE(toolCalls(thread).at(2).decision, ApprovalDecision::Approved);
    QCOMPARE(recorder.ofType(RunEvent::Type::RunFinished).size(), 1);
}

void TestApprovalDialog::editedArgumentsAreWhatRuns()
{
    ScriptedModel script(*m_server, Wire::OpenAi, ::briefScenario());
    RunRecorder recorder(engine());
    const qint64 thread = newThread(QStringLiteral("Edit then approve"));
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("reverse a string"), {}, &error));
    QVERIFY(waitForDialog());
    auto *editor = widget<QPlainTextEdit>("approvalArgumentsEdit");
    QString text = editor->toPlainText();
    text.replace(QLatin1String("python3 test_reverse_string.py"),
                 QLatin1String("python3 -m unittest -v test_reverse_string"));
    editor->setPlainText(text);
    QVERIFY(widget<QPushButton>("approveButton")->isEnabled());
    QVERIFY2(widget<QLabel>("approvalValidationLabel")->text().contains(QLatin1String("Edited")),
             qPrintable(widget<QLabel>("approvalValidationLabel")->text()));
    QTest::mouseClick(widget<QPushButton>("approveButton"), Qt::LeftButton);
    QVERIFY(waitForEnd(recorder));

    const auto finished = recorder.ofType(RunEvent::Type::ToolCallFinished);
    QCOMPARE(finished.size(), 3);
    const QJsonObject result = finished.at(2).result.toObject();
    QCOMPARE(result.value(QLatin1String("command")).toString(),
             QStringLiteral("python3 -m unittest -v test_reverse_string"));
    QVERIFY(
        result.value(QLatin1String("stdout")).toString().contains(QLatin1String("Ran 4 tests")));
    // The store keeps the edited command as the call's arguments.
    const ToolCallRecord call = toolCalls(thread).at(2);
    QCOMPARE(call.decision, ApprovalDecision::Approved);
    QCOMPARE(QJsonDocument::fromJson(call.arguments.toUtf8())
                 .object()
                 .value(QLatin1String("command"))
                 .toString(),
             QStringLiteral("python3 -m unittest -v test_reverse_string"));
}

void TestApprovalDialog::invalidArgumentsDisableApprove()
{
    ScriptedModel script(*m_server, Wire::OpenAi,
                         {proposeCommand(QStringLiteral("call_ls"), QStringLiteral("ls")),
                          answer(QStringLiteral("Stopped."))});
    RunRecorder recorder(engine());
    const qint64 thread = newThread(QStringLiteral("Invalid edits"));
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("list"), {}, &error));
    ApprovalDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    auto *editor = widget<QPlainTextEdit>("approvalArgumentsEdit");
    auto *approve = widget<QPushButton>("approveButton");
    auto *validation = widget<QLabel>("approvalValidationLabel");
    const QString original = editor->toPlainText();
    QVERIFY(approve->isEnabled());
    QVERIFY(!validation->isVisible());

    // Broken JSON, typed: Approve goes grey and the error says where.
    editor->moveCursor(QTextCursor::End);
    QTest::keyClick(editor, Qt::Key_Backspace);
    QVERIFY(!approve->isEnabled());
    QVERIFY(validation->isVisible());
    QVERIFY2(validation->text().contains(QLatin1String("Not valid JSON at line")),
             qPrintable(validation->text()));
    // Ctrl+Enter does nothing while it is invalid.
    QApplication::setActiveWindow(dialog);
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    // An absence: no approval may follow, so there is no event to wait for.
    QTest::qWait(100);
    QCOMPARE(engine().pendingApprovals().size(), 1);

    // Valid JSON that misses a required field: named.
    editor->setPlainText(QStringLiteral("{\"sandboxId\": \"x\"}"));
    QVERIFY(!approve->isEnabled());
    QVERIFY2(validation->text().contains(QLatin1String("command: required field is missing")),
             qPrintable(validation->text()));

    // Back to the proposal: Approve again.
    editor->setPlainText(original);
    QVERIFY(approve->isEnabled());
    QVERIFY(!validation->isVisible());

    // Stopping the run takes the call off the queue and closes the dialog.
    engine().cancel(thread);
    QVERIFY(waitForEnd(recorder, 30000));
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(m_center->pendingCount(), 0);
}

void TestApprovalDialog::hiddenCharactersAreShown()
{
    // A right-to-left override makes "rm -rf ~ #hs.tset" read like something else.
    const QString command
        = QStringLiteral("rm -rf ~ #") + QChar(0x202E) + QStringLiteral("test.sh");
    ScriptedModel script(
        *m_server, Wire::OpenAi,
        {proposeCommand(QStringLiteral("call_bidi"), command), answer(QStringLiteral("Ok."))});
    RunRecorder recorder(engine());
    const qint64 thread = newThread(QStringLiteral("Hidden"));
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("test"), {}, &error));
    QVERIFY(waitForDialog());
    auto *warning = widget<QLabel>("approvalHiddenCharactersLabel");
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(QLatin1String("U+202E")), qPrintable(warning->text()));
    const QString shown = widget<QPlainTextEdit>("approvalArgumentsEdit")->toPlainText();
    QVERIFY2(shown.contains(QLatin1String("rm -rf ~ #\\u202Etest.sh")), qPrintable(shown));
    QVERIFY(!shown.contains(QChar(0x202E)));
    // As shown it is the proposal, not an edit.
    QVERIFY(!widget<QLabel>("approvalValidationLabel")->isVisible());
    QTest::mouseClick(widget<QPushButton>("denyButton"), Qt::LeftButton);
    QVERIFY(waitForEnd(recorder));
}

void TestApprovalDialog::denyWithAReasonReachesTheModel()
{
    ScriptedModel script(
        *m_server, Wire::OpenAi,
        {proposeCommand(QStringLiteral("call_rm"), QStringLiteral("rm -rf /home/daytona")),
         answer(QStringLiteral("Understood, I will not delete it."))});
    RunRecorder recorder(engine());
    const qint64 thread = newThread(QStringLiteral("Deny"));
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("clean up"), {}, &error));
    QVERIFY(waitForDialog());
    QTest::keyClicks(widget<QLineEdit>("denyReasonEdit"),
                     QStringLiteral("never delete the project"));
    QTest::mouseClick(widget<QPushButton>("denyButton"), Qt::LeftButton);
    QVERIFY(waitForEnd(recorder));
    QVERIFY(!m_center->dialog()->isVisible());

    QCOMPARE(script.stepsServed(), 2);
    const QByteArray next = m_server->requests().at(1).body;
    QVERIFY2(next.contains("never delete the project"), next.constData());
    const ToolCallRecord call = toolCalls(thread).first();
    QCOMPARE(call.decision, ApprovalDecision::Denied);
    QCOMPARE(call.decisionReason, QStringLiteral("never delete the project"));
    QCOMPARE(call.status, ToolCallStatus::Denied);
}

void TestApprovalDialog::approveAllRunsTheBatch()
{
    QList<ScriptedModel::Step> steps = ::briefScenario();
    steps[2] = runCommandStep(
        QStringLiteral("call_run"),
        {QStringLiteral("python3 test_reverse_string.py"), QStringLiteral("echo second-call")});
    ScriptedModel script(*m_server, Wire::OpenAi, steps);
    RunRecorder recorder(engine());
    const qint64 thread = newThread(QStringLiteral("Batch"));
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("run both"), {}, &error));
    QVERIFY(waitForDialog());
    QCOMPARE(m_center->pendingCount(), 2);
    QCOMPARE(widget<QLabel>("approvalStepLabel")->text(), QStringLiteral("3, call 1 of 2"));
    auto *approveAll = widget<QPushButton>("approveAllButton");
    QVERIFY(approveAll->isVisible());
    QVERIFY2(widget<QLabel>("approvalQueueLabel")->text().contains(QLatin1String("1 more waiting")),
             qPrintable(widget<QLabel>("approvalQueueLabel")->text()));
    // "Approve All" shows the other call it runs, exactly, before it is clicked (issue 14 #9).
    auto *covered = widget<QLabel>("approvalCoveredLabel");
    qInfo().noquote() << "Approve All covers:" << covered->text();
    QVERIFY(covered->isVisible());
    QVERIFY2(covered->text().contains(QLatin1String("runCommand"))
                 && covered->text().contains(QLatin1String("echo second-call")),
             qPrintable(covered->text()));
    QTest::mouseClick(approveAll, Qt::LeftButton);
    QVERIFY(waitForEnd(recorder));
    QVERIFY(!m_center->dialog()->isVisible());
    QCOMPARE(m_center->pendingCount(), 0);

    const auto finished = recorder.ofType(RunEvent::Type::ToolCallFinished);
    QCOMPARE(finished.size(), 4);
    QVERIFY(finished.at(2)
                .result.toObject()
                .value(QLatin1String("stdout"))
                .toString()
                .contains(QLatin1String("Ran 4 tests")));
    QCOMPARE(finished.at(3).result.toObject().value(QLatin1String("stdout")).toString(),
             QStringLiteral("second-call\n"));
    const auto calls = toolCalls(thread);
    QCOMPARE(calls.at(2).decision, ApprovalDecision::Approved);
    QCOMPARE(calls.at(3).decision, ApprovalDecision::Approved);
}

void TestApprovalDialog::answeringOneOfABatchShowsTheNext()
{
    const auto twoCalls = [](const RecordedRequest &) {
        const QJsonObject base{
            {QStringLiteral("sandboxId"), QStringLiteral("0b3c5a3e-0000-4000-8000-000000000001")}};
        QJsonObject first = base, second = base;
        first.insert(QStringLiteral("command"), QStringLiteral("echo one"));
        second.insert(QStringLiteral("command"), QStringLiteral("echo two"));
        return ScriptedStep{QString(),
                            {{QStringLiteral("call_1"), QStringLiteral("runCommand"), first, {}},
                             {QStringLiteral("call_2"), QStringLiteral("runCommand"), second, {}}}};
    };
    ScriptedModel script(*m_server, Wire::OpenAi, {twoCalls, answer(QStringLiteral("Ok."))});
    RunRecorder recorder(engine());
    const qint64 thread = newThread(QStringLiteral("One by one"));
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("two"), {}, &error));
    ApprovalDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    QCOMPARE(widget<QLabel>("approvalStepLabel")->text(), QStringLiteral("1, call 1 of 2"));
    QVERIFY(widget<QPlainTextEdit>("approvalArgumentsEdit")
                ->toPlainText()
                .contains(QLatin1String("echo one")));
    QTest::keyClicks(widget<QLineEdit>("denyReasonEdit"), QStringLiteral("not this one"));
    QTest::keyClick(widget<QLineEdit>("denyReasonEdit"), Qt::Key_Return); // Enter denies
    // The second call of the step, afresh: no reason carried over, no batch button left.
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->request().toolCallId, QStringLiteral("call_2"));
    QCOMPARE(widget<QLabel>("approvalStepLabel")->text(), QStringLiteral("1, call 2 of 2"));
    QVERIFY(widget<QPlainTextEdit>("approvalArgumentsEdit")
                ->toPlainText()
                .contains(QLatin1String("echo two")));
    QVERIFY(widget<QLineEdit>("denyReasonEdit")->text().isEmpty());
    QVERIFY(!widget<QPushButton>("approveAllButton")->isVisible());
    QVERIFY(!widget<QLabel>("approvalQueueLabel")->isVisible());
    QTest::mouseClick(widget<QPushButton>("denyButton"), Qt::LeftButton);
    QVERIFY(waitForEnd(recorder));
    const auto calls = toolCalls(thread);
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls.at(0).decisionReason, QStringLiteral("not this one"));
    QCOMPARE(calls.at(1).decision, ApprovalDecision::Denied);
}

void TestApprovalDialog::alwaysAllowStopsAskingInTheThread()
{
    QList<ScriptedModel::Step> steps = ::briefScenario();
    steps.insert(3, runCommandStep(QStringLiteral("call_again"), {QStringLiteral("echo again")}));
    ScriptedModel script(*m_server, Wire::OpenAi, steps);
    QSignalSpy pendingChanged(m_center.get(), &ApprovalCenter::pendingChanged);
    RunRecorder recorder(engine());
    const qint64 thread = newThread(QStringLiteral("Always"));
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("run twice"), {}, &error));
    QVERIFY(waitForDialog());
    auto *always = widget<QCheckBox>("alwaysAllowCheck");
    QVERIFY(always->text().contains(QLatin1String("runCommand")));
    QTest::keyClick(always, Qt::Key_Space);
    QVERIFY(always->isChecked());
    QTest::mouseClick(widget<QPushButton>("approveButton"), Qt::LeftButton);
    QVERIFY(waitForEnd(recorder));

    // The dialog opened once: the second runCommand ran without asking.
    QCOMPARE(pendingChanged.size(), 2); // 1, then 0
    QCOMPARE(script.stepsServed(), 5);
    const auto finished = recorder.ofType(RunEvent::Type::ToolCallFinished);
    QCOMPARE(finished.size(), 4);
    QCOMPARE(finished.at(3).result.toObject().value(QLatin1String("stdout")).toString(),
             QStringLiteral("again\n"));
    const auto calls = toolCalls(thread);
    QCOMPARE(calls.at(2).decision, ApprovalDecision::Approved);
    QCOMPARE(calls.at(3).decision, ApprovalDecision::Auto);
    QVERIFY(engine().alwaysAllowed(thread).contains(QStringLiteral("runCommand")));
    // Only in that thread.
    QVERIFY(engine().alwaysAllowed(newThread(QStringLiteral("Other"))).isEmpty());

    // The answer outlives the app: after a restart the thread still does not ask.
    m_center.reset();
    m_context.reset();
    m_context = std::make_unique<AppContext>(
        StudioPaths::underRoot(m_dir->filePath(QStringLiteral("data"))));
    QVERIFY2(m_context->open(&error), qPrintable(error));
    m_context->setSandboxProvider(QStringLiteral("local"));
    QVERIFY2(m_context->agentEngine(&error), qPrintable(error));
    m_center = std::make_unique<ApprovalCenter>(engine(), m_context->tools(), nullptr);
    QCOMPARE(engine().alwaysAllowed(thread), QSet<QString>{QStringLiteral("runCommand")});
    QCOMPARE(m_context->approvalPolicy().decide(QStringLiteral("runCommand"),
                                                engine().alwaysAllowed(thread)),
             ApprovalPolicy::Decision::Auto);
    // And it can be taken back.
    engine().setAlwaysAllowed(thread, QStringLiteral("runCommand"), false);
    QVERIFY(engine().alwaysAllowed(thread).isEmpty());
    QVERIFY(m_context->store().alwaysAllowedTools(thread)->isEmpty());
}

void TestApprovalDialog::closingLeavesTheCallPending()
{
    ScriptedModel script(*m_server, Wire::OpenAi,
                         {proposeCommand(QStringLiteral("call_ls"), QStringLiteral("ls")),
                          answer(QStringLiteral("Fine."))});
    QSignalSpy pendingChanged(m_center.get(), &ApprovalCenter::pendingChanged);
    RunRecorder recorder(engine());
    const qint64 thread = newThread(QStringLiteral("Later"));
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("list"), {}, &error));
    ApprovalDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(!dialog->isVisible());
    // An absence: closing must neither approve nor deny, so there is no event to wait for.
    QTest::qWait(200);

    // Neither approved nor denied: still waiting, in the engine, the store and the count.
    QCOMPARE(engine().pendingApprovals().size(), 1);
    QVERIFY(engine().isRunning(thread));
    QCOMPARE(m_center->pendingCount(), 1);
    QCOMPARE(pendingChanged.last().first().toInt(), 1);
    const ToolCallRecord call = toolCalls(thread).first();
    QCOMPARE(call.decision, ApprovalDecision::None);
    QCOMPARE(call.status, ToolCallStatus::Proposed);
    QVERIFY(!recorder.ended);

    // Asked again on request, then answered.
    m_center->showNext();
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->request().toolCallId, QStringLiteral("call_ls"));
    QTest::mouseClick(widget<QPushButton>("laterButton"), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    QCOMPARE(m_center->pendingCount(), 1);
    m_center->showNext();
    QTest::mouseClick(widget<QPushButton>("denyButton"), Qt::LeftButton);
    QVERIFY(waitForEnd(recorder));
    QCOMPARE(m_center->pendingCount(), 0);
}

void TestApprovalDialog::twoThreadsWaitInOneQueue()
{
    ScriptedModel script(*m_server, Wire::OpenAi,
                         {proposeCommand(QStringLiteral("call_a"), QStringLiteral("echo a")),
                          proposeCommand(QStringLiteral("call_b"), QStringLiteral("echo b")),
                          answer(QStringLiteral("Ok.")), answer(QStringLiteral("Ok."))});
    QSignalSpy pendingChanged(m_center.get(), &ApprovalCenter::pendingChanged);
    // The window's status bar entry.
    QWidget statusBar;
    auto *status = new ApprovalStatusButton(*m_center, &statusBar);
    statusBar.show();
    QVERIFY(status->isHidden());
    RunRecorder recorder(engine());
    const qint64 alpha = newThread(QStringLiteral("Alpha project"));
    const qint64 beta = newThread(QStringLiteral("Beta project"));
    QString error;
    QVERIFY(engine().send(alpha, QStringLiteral("one"), {}, &error));
    QVERIFY(engine().send(beta, QStringLiteral("two"), {}, &error));
    ApprovalDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(m_center->pendingCount(), 2, 60000);
    QCOMPARE(pendingChanged.last().first().toInt(), 2);

    // The first thread that asked is on screen; the other waits behind it, named.
    const RowId first = m_center->pending().first().threadId;
    const QString firstTitle
        = first == alpha ? QStringLiteral("Alpha project") : QStringLiteral("Beta project");
    const QString secondTitle
        = first == alpha ? QStringLiteral("Beta project") : QStringLiteral("Alpha project");
    QCOMPARE(widget<QLabel>("approvalThreadLabel")->text(), firstTitle);
    auto *queue = widget<QLabel>("approvalQueueLabel");
    QVERIFY(queue->isVisible());
    QCOMPARE(queue->text(), QStringLiteral("1 more waiting (%1)").arg(secondTitle));
    // Each call is for one step of its own: no batch.
    QVERIFY(!widget<QPushButton>("approveAllButton")->isVisible());
    const QStringList lines = m_center->pendingDescriptions();
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.join(QLatin1Char('\n')).contains(QLatin1String("runCommand in Alpha project")));
    QVERIFY(lines.join(QLatin1Char('\n')).contains(QLatin1String("runCommand in Beta project")));

    // The status bar says how many wait and for which threads; its menu picks one.
    QVERIFY(status->isVisible());
    QCOMPARE(status->text(), QStringLiteral("2 approvals waiting"));
    QVERIFY(status->toolTip().contains(QLatin1String("runCommand in Alpha project")));
    QVERIFY(status->toolTip().contains(QLatin1String("runCommand in Beta project")));
    QMetaObject::invokeMethod(status->menu(), "aboutToShow");
    const QList<QAction *> entries = status->menu()->actions();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(1)->text(), QStringLiteral("runCommand in %1").arg(secondTitle));
    entries.at(1)->trigger();
    QVERIFY(dialog->isVisible());
    QCOMPARE(widget<QLabel>("approvalThreadLabel")->text(), secondTitle);
    QCOMPARE(queue->text(), QStringLiteral("1 more waiting (%1)").arg(firstTitle));
    dialog->reject();
    QVERIFY(!dialog->isVisible());
    QCOMPARE(m_center->pendingCount(), 2);
    // The button itself opens the inbox (tst_approvalinbox); the queue asks about its head.
    QTest::mouseClick(status, Qt::LeftButton);
    QVERIFY(m_center->inbox() && m_center->inbox()->isVisible());
    m_center->inbox()->hide();
    m_center->showNext();
    QVERIFY(dialog->isVisible());
    QCOMPARE(widget<QLabel>("approvalThreadLabel")->text(), firstTitle);

    // Answering the first shows the second.
    QTest::mouseClick(widget<QPushButton>("denyButton"), Qt::LeftButton);
    QVERIFY(dialog->isVisible());
    QCOMPARE(widget<QLabel>("approvalThreadLabel")->text(), secondTitle);
    QVERIFY(!queue->isVisible());
    QCOMPARE(m_center->pendingCount(), 1);
    QCOMPARE(status->text(), QStringLiteral("1 approval waiting"));
    QTest::mouseClick(widget<QPushButton>("denyButton"), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
    QVERIFY(status->isHidden());
    QTRY_VERIFY_WITH_TIMEOUT(!engine().isRunning(alpha) && !engine().isRunning(beta), 60000);
    QCOMPARE(m_center->pendingCount(), 0);
}

void TestApprovalDialog::callsWaitingBeforeTheCenterAreAskedAgain()
{
    // The window (and its center) come after a call started waiting.
    m_center.reset();
    class Silent final : public Approver
    {
    public:
        void approvalRequested(const ApprovalRequest &) override { ++asked; }
        int asked = 0;
    } silent;
    engine().setApprover(&silent);
    ScriptedModel script(*m_server, Wire::OpenAi,
                         {proposeCommand(QStringLiteral("call_early"), QStringLiteral("ls")),
                          answer(QStringLiteral("Fine."))});
    RunRecorder recorder(engine());
    const qint64 thread = newThread(QStringLiteral("Early"));
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("list"), {}, &error));
    QTRY_COMPARE_WITH_TIMEOUT(silent.asked, 1, 60000);

    m_center = std::make_unique<ApprovalCenter>(engine(), m_context->tools(), nullptr);
    engine().setApprover(m_center.get());
    QCOMPARE(m_center->pendingCount(), 1);
    ApprovalDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->request().toolCallId, QStringLiteral("call_early"));
    QCOMPARE(widget<QLabel>("approvalThreadLabel")->text(),
             QStringLiteral("Thread %1").arg(thread)); // no title lookup given
    QTest::mouseClick(widget<QPushButton>("denyButton"), Qt::LeftButton);
    QVERIFY(waitForEnd(recorder));
    QCOMPARE(m_center->pendingCount(), 0);
}

void TestApprovalDialog::pendingCallIsAskedAgainAfterARestart()
{
    ScriptedModel script(*m_server, Wire::OpenAi, ::briefScenario());
    const qint64 thread = newThread(QStringLiteral("Across a restart"));
    QString error;
    QVERIFY(engine().send(thread, QStringLiteral("reverse a string"), {}, &error));
    ApprovalDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    QTest::keyClick(dialog, Qt::Key_Escape); // decide later ... then quit
    QVERIFY(!dialog->isVisible());

    m_center.reset();
    m_context.reset();
    m_context = std::make_unique<AppContext>(
        StudioPaths::underRoot(m_dir->filePath(QStringLiteral("data"))));
    QVERIFY2(m_context->open(&error), qPrintable(error));
    m_context->setSandboxProvider(QStringLiteral("local"));
    QVERIFY2(m_context->agentEngine(&error), qPrintable(error));
    m_center = std::make_unique<ApprovalCenter>(engine(), m_context->tools(), nullptr);
    engine().setApprover(m_center.get());
    QCOMPARE(m_center->pendingCount(), 0); // nothing runs until the thread goes on

    RunRecorder recorder(engine());
    QVERIFY2(engine().continueRun(thread, {}, &error), qPrintable(error));
    dialog = waitForDialog();
    QVERIFY(dialog);
    QCOMPARE(widget<QLabel>("approvalToolLabel")->text(), QStringLiteral("runCommand"));
    QCOMPARE(m_center->pendingCount(), 1);
    QTest::mouseClick(widget<QPushButton>("approveButton"), Qt::LeftButton);
    QVERIFY(waitForEnd(recorder));
    const auto finished = recorder.ofType(RunEvent::Type::ToolCallFinished);
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first()
                .result.toObject()
                .value(QLatin1String("stdout"))
                .toString()
                .contains(QLatin1String("Ran 4 tests")));
    // The sandbox was created once, before the restart.
    QCOMPARE(m_context->store().sandboxesForThread(thread)->size(), 1);
}

QTEST_MAIN(TestApprovalDialog)
#include "tst_approvaldialog.moc"
