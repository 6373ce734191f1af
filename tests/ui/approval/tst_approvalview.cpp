// The clearer approval dialog against the real engine and a real local sandbox: what the model
// said before a call is shown above it, a command is shown as a command (working directory,
// timeout, environment table) and follows edits made under "Edit arguments", a write to a file
// that exists shows a diff against what the sandbox has now (fetched asynchronously), and every
// control is reachable with Tab and has an accessible name.
#include "ApprovalTestSupport.h"

#include "approval/ApprovalCallView.h"
#include "approval/ApprovalDialog.h"

#include <QAccessible>
#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>

namespace {
const QString kFixed = QStringLiteral(
    "def reverse_string(s):\n    \"\"\"Reverse s.\"\"\"\n    return ''.join(reversed(s))\n");

ScriptedModel::Step overwrite()
{
    return [](const RecordedRequest &request) {
        return ScriptedStep{
            QStringLiteral("The slicing is fine, but I will make it clearer with reversed()."),
            {{QStringLiteral("call_fix"), QStringLiteral("writeFile"),
              QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                          {QStringLiteral("path"), QStringLiteral("reverse_string.py")},
                          {QStringLiteral("content"), kFixed}},
              QString()}}};
    };
}

ScriptedModel::Step command()
{
    return [](const RecordedRequest &request) {
        return ScriptedStep{
            QStringLiteral("Now I run the tests to check it."),
            {{QStringLiteral("call_test"), QStringLiteral("runCommand"),
              QJsonObject{
                  {QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                  {QStringLiteral("command"),
                   QStringLiteral("python3 -m unittest test_reverse_string 2>&1 | tail -3")},
                  {QStringLiteral("envs"),
                   QJsonObject{{QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1")}}},
                  {QStringLiteral("workingDirectory"), QStringLiteral("/home/daytona")},
                  {QStringLiteral("timeoutSeconds"), 20}},
              QString()}}};
    };
}
} // namespace

class TestApprovalView final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showsReasonDiffAndCommand();

private:
    ApprovalDialog *waitForDialog(const QString &callId);
    template<typename T> T *widget(const char *name)
    {
        return m_f->center->dialog()->findChild<T *>(QString::fromLatin1(name));
    }
    void checkKeyboardAndNames(ApprovalDialog *dialog);

    std::unique_ptr<ApprovalFixture> m_f;
};

void TestApprovalView::init()
{
    m_f = std::make_unique<ApprovalFixture>();
    QVERIFY(m_f->open());
}

void TestApprovalView::cleanup()
{
    m_f.reset();
}

ApprovalDialog *TestApprovalView::waitForDialog(const QString &callId)
{
    [[maybe_unused]] const bool shown = QTest::qWaitFor(
        [&] {
            ApprovalDialog *d = m_f->center->dialog();
            return d && d->isVisible() && d->request().toolCallId == callId;
        },
        120000);
    ApprovalDialog *d = m_f->center->dialog();
    return d && d->isVisible() && d->request().toolCallId == callId ? d : nullptr;
}

void TestApprovalView::checkKeyboardAndNames(ApprovalDialog *dialog)
{
    // Every control a person can operate has a name a screen reader says, and Tab reaches it.
    QList<QWidget *> controls;
    for (QWidget *w : dialog->findChildren<QWidget *>()) {
        if (w->isVisibleTo(dialog) && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus)
            && w->focusProxy() == nullptr)
            controls.append(w);
    }
    QSet<QWidget *> reached;
    QApplication::setActiveWindow(dialog);
    dialog->activateWindow();
    QWidget *start = controls.first();
    start->setFocus(Qt::TabFocusReason);
    for (int i = 0; i < 3 * controls.size() && QApplication::focusWidget(); ++i) {
        reached.insert(QApplication::focusWidget());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    }
    QStringList unnamed, unreachable;
    for (QWidget *w : std::as_const(controls)) {
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
        const QString name = a ? a->text(QAccessible::Name) : QString();
        if (name.trimmed().isEmpty())
            unnamed << w->objectName() + QLatin1Char('(')
                    + QString::fromLatin1(w->metaObject()->className()) + QLatin1Char(')');
        if (!reached.contains(w))
            unreachable << w->objectName() + QLatin1Char('(')
                    + QString::fromLatin1(w->metaObject()->className()) + QLatin1Char(')');
    }
    qInfo() << "tried: Tab through" << controls.size() << "controls; result: unnamed" << unnamed
            << "unreachable" << unreachable;
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1String(", "))));
    QVERIFY2(unreachable.isEmpty(), qPrintable(unreachable.join(QLatin1String(", "))));
}

void TestApprovalView::showsReasonDiffAndCommand()
{
    QList<ScriptedModel::Step> steps = ::briefScenario().mid(0, 2); // create, write (no asking)
    steps << overwrite() << command() << [](const RecordedRequest &) {
        return ScriptedStep{QStringLiteral("Done."), {}};
    };
    ScriptedModel script(m_f->server, Wire::OpenAi, steps);
    RunRecorder recorder(m_f->engine());
    const qint64 thread = m_f->newThread(QStringLiteral("Clearer"));
    QString error;
    QVERIFY2(m_f->engine().send(thread, QStringLiteral("reverse a string"), {}, &error),
             qPrintable(error));

    // 1. The overwrite of a file that exists: the reason, then a diff against what is there.
    ApprovalDialog *dialog = waitForDialog(QStringLiteral("call_fix"));
    QVERIFY(dialog);
    auto *reason = widget<QLabel>("approvalModelReasonLabel");
    QVERIFY(reason->isVisible());
    QVERIFY2(reason->text().contains(QLatin1String("make it clearer with reversed()")),
             qPrintable(reason->text()));
    QSignalSpy diffReady(dialog->callView(), &ApprovalCallView::diffReady);
    auto *diff = widget<QPlainTextEdit>("approvalDiffView");
    QTRY_VERIFY2_WITH_TIMEOUT(diff->toPlainText().contains(QLatin1String("@@")),
                              qPrintable(widget<QLabel>("approvalFileStatusLabel")->text()), 30000);
    qInfo().noquote() << "diff shown:\n" << diff->toPlainText();
    QVERIFY(diff->isVisible());
    QCOMPARE(diff->toPlainText(),
             QStringLiteral("--- a/home/daytona/reverse_string.py\n"
                            "+++ b/home/daytona/reverse_string.py\n"
                            "@@ -1,2 +1,3 @@\n"
                            " def reverse_string(s):\n"
                            "-    return s[::-1]\n"
                            "+    \"\"\"Reverse s.\"\"\"\n"
                            "+    return ''.join(reversed(s))\n"));
    QVERIFY2(widget<QLabel>("approvalFileStatusLabel")
                 ->text()
                 .contains(QLatin1String("/home/daytona/reverse_string.py exists")),
             qPrintable(widget<QLabel>("approvalFileStatusLabel")->text()));
    QCOMPARE(widget<QPlainTextEdit>("approvalContentView")->toPlainText(), kFixed);
    // The JSON stays one click away.
    QVERIFY(!widget<QPlainTextEdit>("approvalArgumentsEdit")->isVisible());
    checkKeyboardAndNames(dialog);
    QTest::mouseClick(widget<QPushButton>("approveButton"), Qt::LeftButton);

    // 2. A command, as a command.
    dialog = waitForDialog(QStringLiteral("call_test"));
    QVERIFY(dialog);
    QVERIFY2(widget<QLabel>("approvalModelReasonLabel")
                 ->text()
                 .contains(QLatin1String("Now I run the tests to check it.")),
             qPrintable(widget<QLabel>("approvalModelReasonLabel")->text()));
    auto *commandView = widget<QPlainTextEdit>("approvalCommandView");
    QVERIFY(commandView->isVisible());
    QCOMPARE(commandView->toPlainText(),
             QStringLiteral("python3 -m unittest test_reverse_string 2>&1 | tail -3"));
    QVERIFY(commandView->font().fixedPitch() || QFontInfo(commandView->font()).fixedPitch());
    QCOMPARE(widget<QLabel>("approvalWorkingDirectoryLabel")->text(),
             QStringLiteral("/home/daytona"));
    QCOMPARE(widget<QLabel>("approvalTimeoutLabel")->text(), QStringLiteral("20 seconds"));
    auto *env = widget<QTableWidget>("approvalEnvironmentTable");
    QVERIFY(env->isVisible());
    QCOMPARE(env->rowCount(), 1);
    QCOMPARE(env->item(0, 0)->text(), QStringLiteral("PYTHONDONTWRITEBYTECODE"));
    QCOMPARE(env->item(0, 1)->text(), QStringLiteral("1"));
    checkKeyboardAndNames(dialog);

    // "Edit arguments": the JSON, and the command view follows what will run.
    auto *editor = widget<QPlainTextEdit>("approvalArgumentsEdit");
    QVERIFY(!editor->isVisible());
    QTest::mouseClick(widget<QPushButton>("editArgumentsButton"), Qt::LeftButton);
    QVERIFY(editor->isVisible());
    QString json = editor->toPlainText();
    json.replace(QLatin1String("2>&1 | tail -3"), QLatin1String("-v 2>&1 | tail -3"));
    editor->setPlainText(json);
    QCOMPARE(commandView->toPlainText(),
             QStringLiteral("python3 -m unittest test_reverse_string -v 2>&1 | tail -3"));
    QTest::mouseClick(widget<QPushButton>("approveButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.ended, 120000);
    const auto finished = recorder.ofType(RunEvent::Type::ToolCallFinished);
    QCOMPARE(finished.size(), 4);
    const QString out = finished.at(3).result.toObject().value(QLatin1String("stdout")).toString();
    qInfo() << "tried: approve the edited command; result:" << out;
    QVERIFY2(out.contains(QLatin1String("OK")), qPrintable(out));
}

QTEST_MAIN(TestApprovalView)
#include "tst_approvalview.moc"
