// The approval inbox: every waiting call across threads in one list, answered one or several
// at a time with the keyboard (Enter approves, D denies, arrows move, Ctrl+A selects one
// thread), opened from the status bar's "N waiting" button. Real engine, real store, scripted
// model on 127.0.0.1; the calls name a sandbox that does not exist, so nothing has to start.
#include "ApprovalTestSupport.h"

#include "approval/ApprovalDialog.h"
#include "approval/ApprovalInbox.h"
#include "approval/ApprovalInboxModel.h"
#include "approval/ApprovalStatusButton.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QTreeView>

namespace {
// Two threads at once: "alpha" proposes two commands in one step, "beta" one. The script
// serves requests in arrival order, so each step looks at which thread asked.
ScriptedModel::Step proposals()
{
    return [](const RecordedRequest &request) {
        if (request.body.contains("alpha-task"))
            return ScriptedStep{
                QStringLiteral("Two checks first."),
                {commandCall(QStringLiteral("call_a1"), QStringLiteral("echo a1")),
                 commandCall(QStringLiteral("call_a2"), QStringLiteral("echo a2"))}};
        return ScriptedStep{QStringLiteral("One check."),
                            {commandCall(QStringLiteral("call_b1"), QStringLiteral("echo b1"))}};
    };
}

ScriptedModel::Step done()
{
    return [](const RecordedRequest &) { return ScriptedStep{QStringLiteral("Done."), {}}; };
}
} // namespace

class TestApprovalInbox final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void batchAcrossTwoThreadsWithTheKeyboard();
    void ctrlASelectsOneThreadAndDDenies();

private:
    // Starts both threads and waits until their three calls wait; opens the inbox from the
    // status button.
    bool startTwoThreads();
    QStringList column(int column) const;
    int rowOfThread(RowId thread) const;

    std::unique_ptr<ApprovalFixture> m_f;
    std::unique_ptr<ScriptedModel> m_script;
    std::unique_ptr<QWidget> m_statusBar;
    ApprovalStatusButton *m_status = nullptr;
    qint64 m_alpha = 0;
    qint64 m_beta = 0;
};

void TestApprovalInbox::init()
{
    m_f = std::make_unique<ApprovalFixture>();
    QVERIFY(m_f->open());
    m_script = std::make_unique<ScriptedModel>(
        m_f->server, Wire::OpenAi,
        QList<ScriptedModel::Step>{proposals(), proposals(), done(), done()});
    m_statusBar = std::make_unique<QWidget>();
    m_status = new ApprovalStatusButton(*m_f->center, m_statusBar.get());
    m_statusBar->show();
}

void TestApprovalInbox::cleanup()
{
    if (m_f && m_f->center && m_f->center->inbox())
        m_f->center->inbox()->hide();
    m_statusBar.reset();
    m_script.reset();
    m_f.reset();
}

bool TestApprovalInbox::startTwoThreads()
{
    m_alpha = m_f->newThread(QStringLiteral("Alpha project"));
    m_beta = m_f->newThread(QStringLiteral("Beta project"));
    QString error;
    if (!m_f->engine().send(m_alpha, QStringLiteral("alpha-task"), {}, &error)
        || !m_f->engine().send(m_beta, QStringLiteral("beta-task"), {}, &error)) {
        qWarning() << error;
        return false;
    }
    if (!QTest::qWaitFor([this] { return m_f->center->pendingCount() == 3; }, 60000))
        return false;
    if (!m_status->isVisible() || m_status->text() != QStringLiteral("3 approvals waiting"))
        return false;
    QTest::mouseClick(m_status, Qt::LeftButton);
    return m_f->center->inbox() && m_f->center->inbox()->isVisible();
}

QStringList TestApprovalInbox::column(int column) const
{
    QStringList values;
    ApprovalInboxModel *model = m_f->center->inbox()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        values << model->index(row, column).data().toString();
    return values;
}

int TestApprovalInbox::rowOfThread(RowId thread) const
{
    ApprovalInboxModel *model = m_f->center->inbox()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->request(row).threadId == thread)
            return row;
    }
    return -1;
}

void TestApprovalInbox::batchAcrossTwoThreadsWithTheKeyboard()
{
    QVERIFY(startTwoThreads());
    ApprovalInbox *inbox = m_f->center->inbox();
    QAbstractItemModelTester tester(inbox->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The inbox took the screen: the one-call dialog is not on top of it.
    QVERIFY(!m_f->center->dialog() || !m_f->center->dialog()->isVisible());
    qInfo().noquote() << "inbox rows:" << column(ApprovalInboxModel::ThreadColumn)
                      << column(ApprovalInboxModel::SummaryColumn);
    QCOMPARE(inbox->model()->rowCount(), 3);
    QCOMPARE(inbox->findChild<QLabel *>(QStringLiteral("inboxCountLabel"))->text(),
             QStringLiteral("3 calls waiting in 2 threads"));
    // Each row: its thread, its tool, what it does; one thread's calls together.
    QStringList threads = column(ApprovalInboxModel::ThreadColumn);
    QCOMPARE(threads.count(QStringLiteral("Alpha project")), 2);
    QCOMPARE(threads.count(QStringLiteral("Beta project")), 1);
    QVERIFY(threads.at(1) == threads.at(0) || threads.at(1) == threads.at(2));
    QCOMPARE(column(ApprovalInboxModel::ToolColumn), QStringList(3, QStringLiteral("runCommand")));
    QStringList summaries = column(ApprovalInboxModel::SummaryColumn);
    summaries.sort();
    QCOMPARE(summaries,
             (QStringList{QStringLiteral("echo a1"), QStringLiteral("echo a2"),
                          QStringLiteral("echo b1")}));

    // Keyboard only: Home, Shift+End selects all three (across both threads), Enter approves.
    QTreeView *view = inbox->view();
    QApplication::setActiveWindow(inbox);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Home);
    QTest::keyClick(view, Qt::Key_End, Qt::ShiftModifier);
    QCOMPARE(inbox->selectedCalls().size(), 3);
    QSignalSpy pending(m_f->center.get(), &ApprovalCenter::pendingChanged);
    QTest::keyClick(view, Qt::Key_Return);
    qInfo() << "tried: Shift+End then Enter over 3 calls in 2 threads; result:"
            << m_f->center->pendingCount() << "still waiting";
    QCOMPARE(m_f->center->pendingCount(), 0);
    QCOMPARE(inbox->model()->rowCount(), 0);
    QCOMPARE(inbox->findChild<QLabel *>(QStringLiteral("inboxMessageLabel"))->text(),
             QStringLiteral("Approved 3 calls."));
    QVERIFY(m_status->isHidden());

    // Both runs went on: every call was approved in the store and ran (against a sandbox that
    // does not exist, so each got an error result), then each run finished.
    QTRY_VERIFY_WITH_TIMEOUT(!m_f->engine().isRunning(m_alpha) && !m_f->engine().isRunning(m_beta),
                             60000);
    const auto alphaCalls = m_f->toolCalls(m_alpha);
    const auto betaCalls = m_f->toolCalls(m_beta);
    QCOMPARE(alphaCalls.size(), 2);
    QCOMPARE(betaCalls.size(), 1);
    for (const ToolCallRecord &call : alphaCalls + betaCalls) {
        QCOMPARE(call.decision, ApprovalDecision::Approved);
        QVERIFY(call.status != ToolCallStatus::Proposed && call.status != ToolCallStatus::Denied);
    }
    QCOMPARE(m_script->stepsServed(), 4);
}

void TestApprovalInbox::ctrlASelectsOneThreadAndDDenies()
{
    QVERIFY(startTwoThreads());
    ApprovalInbox *inbox = m_f->center->inbox();
    QTreeView *view = inbox->view();
    QApplication::setActiveWindow(inbox);
    view->setFocus();

    // Arrows move to Alpha's first call; Ctrl+A selects Alpha's two, not Beta's.
    const int alphaRow = rowOfThread(m_alpha);
    QTest::keyClick(view, Qt::Key_Home);
    for (int i = 0; i < alphaRow; ++i)
        QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex().row(), alphaRow);
    QTest::keyClick(view, Qt::Key_A, Qt::ControlModifier);
    const QList<RowId> selected = inbox->selectedCalls();
    QCOMPARE(selected.size(), 2);
    for (const RowId id : selected)
        QCOMPARE(m_f->center->find(id)->threadId, m_alpha);

    // D denies them with the reason typed below.
    QTest::keyClicks(inbox->findChild<QLineEdit *>(QStringLiteral("inboxDenyReasonEdit")),
                     QStringLiteral("not in alpha"));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_D);
    qInfo() << "tried: Ctrl+A on Alpha then D; result:" << m_f->center->pendingCount()
            << "still waiting";
    QCOMPARE(m_f->center->pendingCount(), 1);
    QCOMPARE(inbox->model()->rowCount(), 1);
    QCOMPARE(inbox->model()->request(0).threadId, m_beta);
    // The call that is left is the current one: Enter answers it without another key.
    QVERIFY(inbox->selectedCalls() == QList<RowId>{inbox->model()->request(0).toolCallRowId});
    const auto alphaCalls = m_f->toolCalls(m_alpha);
    QCOMPARE(alphaCalls.size(), 2);
    for (const ToolCallRecord &call : alphaCalls) {
        QCOMPARE(call.decision, ApprovalDecision::Denied);
        QCOMPARE(call.decisionReason, QStringLiteral("not in alpha"));
    }
    QCOMPARE(m_f->toolCalls(m_beta).first().decision, ApprovalDecision::None);

    // Space opens the call in the full dialog; the inbox stays.
    QTest::keyClick(view, Qt::Key_Space);
    QVERIFY(m_f->center->dialog() && m_f->center->dialog()->isVisible());
    QCOMPARE(m_f->center->dialog()->request().threadId, m_beta);
    m_f->center->dialog()->reject();
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(m_f->center->pendingCount(), 0);
    QCOMPARE(m_f->toolCalls(m_beta).first().decision, ApprovalDecision::Approved);
    QTRY_VERIFY_WITH_TIMEOUT(!m_f->engine().isRunning(m_alpha) && !m_f->engine().isRunning(m_beta),
                             60000);
}

QTEST_MAIN(TestApprovalInbox)
#include "tst_approvalinbox.moc"
