// The approval mode in the composer (issue 16): always visible for the current thread,
// switched with the keyboard also while a call waits (the waiting call is decided again by the
// new mode), and the plan card a Plan-mode run ends with, which continues the thread in the
// chosen mode with the (edited) plan as the instruction. The real ChatPane, engine, rules
// service and store; a scripted model; calls name a sandbox that does not exist.
#include "../approval/ApprovalTestSupport.h"

#include "approval/ApprovalDialog.h"
#include "chat/ApprovalModePicker.h"
#include "chat/ChatPane.h"
#include "chat/PlanCard.h"
#include "services/ApprovalRules.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QPushButton>

class TestApprovalModes final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void switchingModeWhileACallWaits();
    void planCardContinuesInTheChosenMode();

private:
    std::unique_ptr<ApprovalFixture> m_f;
    std::unique_ptr<ChatPane> m_pane;
};

void TestApprovalModes::init()
{
    m_f = std::make_unique<ApprovalFixture>();
    QVERIFY(m_f->open());
    AppContext &c = *m_f->context;
    m_pane = std::make_unique<ChatPane>(
        ChatPane::Services{c.threads(), c.history(), c.settings(), c.llm(), c.keys(),
                           c.sandboxService(), &c.engine(), QString(), &c.approvalRules()});
    m_pane->resize(800, 600);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

void TestApprovalModes::cleanup()
{
    m_pane.reset();
    m_f.reset();
}

void TestApprovalModes::switchingModeWhileACallWaits()
{
    ScriptedModel script(
        m_f->server, Wire::OpenAi,
        {[](const RecordedRequest &) {
             return ScriptedStep{
                 QString(), {commandCall(QStringLiteral("call_w"), QStringLiteral("make check"))}};
         },
         [](const RecordedRequest &) {
             return ScriptedStep{QStringLiteral("Checked."), {}};
         }});
    RunRecorder recorder(m_f->engine());
    const qint64 thread = m_f->newThread(QStringLiteral("Modes"));
    m_pane->setThread(thread);
    ApprovalModePicker *picker = m_pane->modePicker();
    QVERIFY(picker && picker->isVisible());
    QCOMPARE(picker->currentText(), QStringLiteral("Ask")); // the default, in sight
    QString error;
    QVERIFY(m_f->engine().send(thread, QStringLiteral("check"), {}, &error));
    QTRY_COMPARE_WITH_TIMEOUT(m_f->center->pendingCount(), 1, 60000);

    // Down: Auto-edit, which still asks before commands: the call keeps waiting.
    QApplication::setActiveWindow(m_pane.get());
    picker->setFocus();
    QTest::keyClick(picker, Qt::Key_Down);
    QCOMPARE(picker->currentText(), QStringLiteral("Auto-edit"));
    QCOMPARE(m_f->context->approvalRules().mode(thread), ApprovalMode::AutoEdit);
    QCOMPARE(m_f->center->pendingCount(), 1);
    // Down again: Full, and the waiting call runs without an answer.
    QTest::keyClick(picker, Qt::Key_Down);
    QCOMPARE(picker->currentText(), QStringLiteral("Full"));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.ended, 60000);
    const auto calls = m_f->toolCalls(thread);
    qInfo() << "tried: Ask -> Auto-edit -> Full while make check waited; result: decision"
            << int(calls.first().decision) << "mode" << calls.first().approvalMode;
    QCOMPARE(m_f->center->pendingCount(), 0);
    QVERIFY(!m_f->center->dialog() || !m_f->center->dialog()->isVisible());
    QCOMPARE(calls.first().decision, ApprovalDecision::Auto);
    QCOMPARE(calls.first().approvalMode, QStringLiteral("full"));
    QVERIFY(calls.first().status != ToolCallStatus::Proposed);
    // The mode is the thread's: another thread still follows the default.
    const qint64 other = m_f->newThread(QStringLiteral("Other"));
    m_pane->setThread(other);
    QCOMPARE(picker->currentText(), QStringLiteral("Ask"));
    m_pane->setThread(thread);
    QCOMPARE(picker->currentText(), QStringLiteral("Full"));
}

void TestApprovalModes::planCardContinuesInTheChosenMode()
{
    ScriptedModel script(m_f->server, Wire::OpenAi,
                         {[](const RecordedRequest &) {
                              return ScriptedStep{
                                  QStringLiteral("1. Write reverse_string.py\n2. Run the tests"),
                                  {}};
                          },
                          [](const RecordedRequest &) {
                              return ScriptedStep{QStringLiteral("Done."), {}};
                          }});
    RunRecorder recorder(m_f->engine());
    const qint64 thread = m_f->newThread(QStringLiteral("Plan first"));
    m_pane->setThread(thread);
    ApprovalModePicker *picker = m_pane->modePicker();
    QApplication::setActiveWindow(m_pane.get());
    picker->setFocus();
    QTest::keyClick(picker, Qt::Key_Up); // Ask -> Plan
    QCOMPARE(picker->currentText(), QStringLiteral("Plan"));
    QString error;
    QVERIFY(m_f->engine().send(thread, QStringLiteral("reverse a string"), {}, &error));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.ended, 60000);

    PlanCard *card = m_pane->planCard();
    QTRY_VERIFY(card->isVisible());
    auto *text = card->findChild<QPlainTextEdit *>(QStringLiteral("planTextEdit"));
    QCOMPARE(text->toPlainText(), QStringLiteral("1. Write reverse_string.py\n2. Run the tests"));
    QVERIFY(text->isReadOnly());
    // Edit first, then run it in Auto-edit.
    QTest::mouseClick(card->findChild<QPushButton *>(QStringLiteral("editPlanButton")),
                      Qt::LeftButton);
    QVERIFY(!text->isReadOnly());
    text->moveCursor(QTextCursor::End);
    QTest::keyClick(text, Qt::Key_Return);
    QTest::keyClicks(text, QStringLiteral("3. Report the result"));
    recorder.ended = false;
    QTest::mouseClick(card->findChild<QPushButton *>(QStringLiteral("runPlanAutoEditButton")),
                      Qt::LeftButton);
    QVERIFY(!card->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(recorder.ended, 60000);
    qInfo() << "tried: Run in Auto-edit on an edited plan; result: mode"
            << ApprovalModes::toString(m_f->context->approvalRules().mode(thread)) << "steps"
            << script.stepsServed();
    QCOMPARE(m_f->context->approvalRules().mode(thread), ApprovalMode::AutoEdit);
    QCOMPARE(picker->currentText(), QStringLiteral("Auto-edit"));
    QCOMPARE(script.stepsServed(), 2);
    const QByteArray next = m_f->server.requests().at(1).body;
    QVERIFY2(next.contains("Write reverse_string.py") && next.contains("3. Report the result"),
             next.constData());
    QVERIFY(!m_f->engine().pendingPlan(thread));
}

QTEST_MAIN(TestApprovalModes)
#include "tst_approvalmodes.moc"
