// Settings > Approvals, the rules list (issue 16): rules added, edited, disabled and deleted
// with the keyboard and the buttons are stored at once and survive a restart; the columns
// show scope, last match and hits; the default mode is written with Apply. Real store and
// rules service on a temporary data folder (no engine needed).
#include "SettingsTestSupport.h"

#include "core/Settings.h"
#include "services/ApprovalRules.h"
#include "settings/ApprovalRulesModel.h"
#include "settings/ApprovalRulesPage.h"
#include "settings/RuleEditDialog.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>

class TestApprovalRulesPage final : public QObject
{
    Q_OBJECT

private slots:
    void editsPersistAcrossARestart();

private:
    RuleEditDialog *editor(ApprovalRulesPage &page)
    {
        RuleEditDialog *dialog = nullptr;
        [[maybe_unused]] const bool open = QTest::qWaitFor([&] {
            dialog = page.findChild<RuleEditDialog *>();
            return dialog && dialog->isVisible();
        });
        return dialog;
    }
};

void TestApprovalRulesPage::editsPersistAcrossARestart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto context = SettingsTest::openContext(dir.filePath(QStringLiteral("data")));
    const QStringList tools{QStringLiteral("runCommand"), QStringLiteral("writeFile")};
    auto page = std::make_unique<ApprovalRulesPage>(context->approvalRules(), tools);
    page->show();
    QVERIFY(QTest::qWaitForWindowExposed(page.get()));
    QAbstractItemModelTester tester(page->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(page->model()->rowCount(), 0);

    // Add: allow runCommand `npm test *` everywhere.
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("addRuleButton")),
                      Qt::LeftButton);
    RuleEditDialog *dialog = editor(*page);
    QVERIFY(dialog);
    auto *pattern = dialog->findChild<QLineEdit *>(QStringLiteral("rulePatternEdit"));
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    pattern->clear();
    QVERIFY(!ok->isEnabled()); // a glob needs a pattern
    QTest::keyClicks(pattern, QStringLiteral("npm test *"));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE(page->model()->rowCount(), 1);
    QCOMPARE(page->model()->index(0, ApprovalRulesModel::ScopeColumn).data().toString(),
             QStringLiteral("everywhere"));
    QCOMPARE(page->model()->index(0, ApprovalRulesModel::LastMatchedColumn).data().toString(),
             QStringLiteral("never"));
    QCOMPARE(page->model()->index(0, ApprovalRulesModel::HitsColumn).data().toInt(), 0);

    // A second one, to delete.
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("addRuleButton")),
                      Qt::LeftButton);
    dialog = editor(*page);
    QVERIFY(dialog);
    dialog->findChild<QLineEdit *>(QStringLiteral("rulePatternEdit"))
        ->setText(QStringLiteral("rm *"));
    dialog->findChild<QComboBox *>(QStringLiteral("ruleActionCombo"))->setCurrentIndex(2); // deny
    dialog->accept();
    QTRY_COMPARE(page->model()->rowCount(), 2);

    // With the keyboard: Enter edits the current rule, Space disables it, Del deletes.
    QTableView *view = page->view();
    QApplication::setActiveWindow(page.get());
    view->setFocus();
    view->setCurrentIndex(page->model()->index(0, 0));
    QTest::keyClick(view, Qt::Key_Return);
    dialog = editor(*page);
    QVERIFY(dialog);
    auto *editPattern = dialog->findChild<QLineEdit *>(QStringLiteral("rulePatternEdit"));
    QCOMPARE(editPattern->text(), QStringLiteral("npm test *"));
    editPattern->setText(QStringLiteral("npm run test *"));
    dialog->accept();
    QTRY_COMPARE(page->model()->index(0, ApprovalRulesModel::MatchColumn).data().toString(),
                 QStringLiteral("npm run test *"));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Space);
    QTRY_COMPARE(page->model()
                     ->index(0, ApprovalRulesModel::EnabledColumn)
                     .data(Qt::CheckStateRole)
                     .value<Qt::CheckState>(),
                 Qt::Unchecked);
    view->setCurrentIndex(page->model()->index(1, 0));
    QTest::keyClick(view, Qt::Key_Delete);
    QTRY_COMPARE(page->model()->rowCount(), 1);

    // The default mode, written with Apply.
    page->defaultModeCombo()->setCurrentIndex(
        page->defaultModeCombo()->findData(QStringLiteral("auto-edit")));
    page->apply(context->settings());
    context->settings().sync();

    // Quit and start again: everything as left.
    page.reset();
    context.reset();
    context = SettingsTest::openContext(dir.filePath(QStringLiteral("data")));
    const auto rules = context->approvalRules().rules();
    QVERIFY(rules);
    qInfo() << "tried: add 2, edit, disable, delete 1, restart; result:" << rules->size()
            << "rule(s):" << (rules->isEmpty() ? QString() : rules->first().describe());
    QCOMPARE(rules->size(), 1);
    QCOMPARE(rules->first().pattern, QStringLiteral("npm run test *"));
    QCOMPARE(rules->first().action, ApprovalRule::Action::Allow);
    QVERIFY(!rules->first().enabled);
    QVERIFY(rules->first().everywhere());
    QCOMPARE(context->settings().defaultApprovalMode(), QStringLiteral("auto-edit"));
    QCOMPARE(context->approvalRules().defaultMode(), ApprovalMode::AutoEdit);
    auto again = std::make_unique<ApprovalRulesPage>(context->approvalRules(), tools);
    again->load(context->settings());
    QCOMPARE(again->model()->rowCount(), 1);
    QCOMPARE(again->defaultModeCombo()->currentData().toString(), QStringLiteral("auto-edit"));
}

QTEST_MAIN(TestApprovalRulesPage)
#include "tst_approvalrulespage.moc"
