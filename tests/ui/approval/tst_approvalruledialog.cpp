// The approval dialog and the rules (issue 16): it says which mode (or rule) made a call ask,
// offers the rule generalised from the call, and a rule added from it decides the next call
// (in the same run) without asking, while a call it does not cover still asks. Real engine,
// store and rules service; a scripted model; the calls name a sandbox that does not exist.
#include "ApprovalTestSupport.h"

#include "approval/ApprovalDialog.h"
#include "services/ApprovalRules.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace {
ScriptedModel::Step propose(const QString &callId, const QString &command)
{
    return [callId, command](const RecordedRequest &) {
        return ScriptedStep{QString(), {commandCall(callId, command)}};
    };
}
} // namespace

class TestApprovalRuleDialog final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void ruleFromTheDialogDecidesTheNextCall();

private:
    ApprovalDialog *waitForDialog(const QString &callId);
    template<typename T> T *widget(const char *name)
    {
        return m_f->center->dialog()->findChild<T *>(QString::fromLatin1(name));
    }
    std::unique_ptr<ApprovalFixture> m_f;
};

void TestApprovalRuleDialog::init()
{
    m_f = std::make_unique<ApprovalFixture>();
    QVERIFY(m_f->open());
}

void TestApprovalRuleDialog::cleanup()
{
    m_f.reset();
}

ApprovalDialog *TestApprovalRuleDialog::waitForDialog(const QString &callId)
{
    [[maybe_unused]] const bool shown = QTest::qWaitFor(
        [&] {
            ApprovalDialog *d = m_f->center->dialog();
            return d && d->isVisible() && d->request().toolCallId == callId;
        },
        60000);
    ApprovalDialog *d = m_f->center->dialog();
    return d && d->isVisible() && d->request().toolCallId == callId ? d : nullptr;
}

void TestApprovalRuleDialog::ruleFromTheDialogDecidesTheNextCall()
{
    ScriptedModel script(
        m_f->server, Wire::OpenAi,
        {propose(QStringLiteral("call_1"), QStringLiteral("python3 -m pytest tests/test_a.py")),
         propose(QStringLiteral("call_2"), QStringLiteral("python3 -m pytest tests/test_b.py -q")),
         propose(QStringLiteral("call_3"), QStringLiteral("rm -rf build")),
         [](const RecordedRequest &) {
             return ScriptedStep{QStringLiteral("Done."), {}};
         }});
    RunRecorder recorder(m_f->engine());
    const qint64 thread = m_f->newThread(QStringLiteral("Rules"));
    QString error;
    QVERIFY(m_f->engine().send(thread, QStringLiteral("test"), {}, &error));

    ApprovalDialog *dialog = waitForDialog(QStringLiteral("call_1"));
    QVERIFY(dialog);
    // Which mode made it ask.
    const QString why = widget<QLabel>("approvalWhyLabel")->text();
    qInfo().noquote() << "why:" << why;
    QVERIFY2(why.contains(QLatin1String("mode: Ask")), qPrintable(why));
    // The proposal, generalised from the call, editable, for this thread by default.
    auto *add = widget<QCheckBox>("addRuleCheck");
    auto *pattern = widget<QLineEdit>("rulePatternEdit");
    auto *scope = widget<QComboBox>("ruleScopeCombo");
    QVERIFY(add->isVisible() && !add->isChecked());
    QCOMPARE(pattern->text(), QStringLiteral("python3 -m pytest *"));
    QVERIFY(!pattern->isEnabled());
    QApplication::setActiveWindow(dialog);
    add->setFocus();
    QTest::keyClick(add, Qt::Key_Space);
    QVERIFY(add->isChecked() && pattern->isEnabled() && scope->isEnabled());
    QCOMPARE(scope->currentText(), QStringLiteral("in this thread"));
    QTest::mouseClick(widget<QPushButton>("approveButton"), Qt::LeftButton);

    // The next pytest call runs without asking; rm still asks.
    dialog = waitForDialog(QStringLiteral("call_3"));
    QVERIFY(dialog);
    const auto calls = m_f->toolCalls(thread);
    QCOMPARE(calls.size(), 3);
    qInfo() << "tried: a rule added from the dialog, then a second pytest call; result:"
            << int(calls.at(1).decision) << calls.at(1).approvalRule;
    QCOMPARE(calls.at(0).decision, ApprovalDecision::Approved);
    QCOMPARE(calls.at(1).decision, ApprovalDecision::Auto);
    QVERIFY2(calls.at(1).approvalRule.contains(QLatin1String("python3 -m pytest *")),
             qPrintable(calls.at(1).approvalRule));
    QVERIFY(!widget<QCheckBox>("addRuleCheck")->isChecked()); // afresh for the new call
    QCOMPARE(widget<QLineEdit>("rulePatternEdit")->text(), QStringLiteral("rm -rf build"));
    QTest::mouseClick(widget<QPushButton>("denyButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.ended, 60000);

    // The rule is stored for this thread, with its hit.
    const auto rules = m_f->context->approvalRules().rules();
    QVERIFY(rules);
    QCOMPARE(rules->size(), 1);
    QCOMPARE(rules->first().pattern, QStringLiteral("python3 -m pytest *"));
    QCOMPARE(rules->first().threadId, thread);
    QCOMPARE(rules->first().hitCount, 1);
    QCOMPARE(m_f->toolCalls(thread).at(2).decision, ApprovalDecision::Denied);
}

QTEST_MAIN(TestApprovalRuleDialog)
#include "tst_approvalruledialog.moc"
