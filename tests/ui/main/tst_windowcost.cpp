// Cost and context in the real window (issue 18), with a local OpenAI-shaped server and real
// bubblewrap sandboxes: after the brief's run the status bar's meter shows the thread's cost
// and context use (accessible name, tool tip with the numbers) and the inspector the cost of
// each step and of the run; a price and context window set in Settings > Prices are used at
// once (the meter warns near the window's end) and after a restart; a budget set from the
// meter stops the next run with the message, Continue is refused until the budget is raised,
// then goes on.
#include "WindowTestSupport.h"

#include "inspector/InspectorPanel.h"
#include "inspector/RunTreeModel.h"
#include "main/BudgetDialog.h"
#include "main/CostMeter.h"
#include "services/CostService.h"
#include "services/ThreadService.h"
#include "settings/PricesPage.h"
#include "settings/SettingsDialog.h"
#include "threads/ThreadSidebar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>

class TestWindowCost final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void meterInspectorAndPricesAfterARun();
    void budgetFromTheMeterStopsTheRunAndRaisingItContinues();

private:
    void send();
    CostMeter *meter() const { return m_f->find<CostMeter>(QStringLiteral("costMeter")); }

    std::unique_ptr<WindowFixture> m_f;
    std::unique_ptr<ScriptedModel> m_script;
};

void TestWindowCost::init()
{
    m_f = std::make_unique<WindowFixture>();
    QVERIFY(m_f->open(QStringLiteral("never-ask")));
    m_script = std::make_unique<ScriptedModel>(m_f->server, Wire::OpenAi, briefScenario());
}

void TestWindowCost::cleanup()
{
    m_script.reset();
    m_f.reset();
}

void TestWindowCost::send()
{
    auto *composer = m_f->find<QPlainTextEdit>(QStringLiteral("composer"));
    composer->setFocus();
    QTest::keyClicks(composer, briefRequest());
    QTest::keyClick(composer, Qt::Key_Return);
}

void TestWindowCost::meterInspectorAndPricesAfterARun()
{
    send();
    QTRY_VERIFY_WITH_TIMEOUT(m_f->allText().contains(QStringLiteral("All 4 tests pass")), 120000);
    QTRY_COMPARE(m_f->find<QLabel>(QStringLiteral("runStateLabel"))->text(),
                 QStringLiteral("Done"));
    const RowId thread = m_f->window->sidebar()->currentThreadId();

    // Four steps of 4243 input tokens (4096 cached) and 53 output on gpt-4o-mini ($0.15 in,
    // $0.075 cached, $0.60 out per 1M): 4 × (147 × 0.15 + 4096 × 0.075 + 53 × 0.6) / 1e6
    // = 4 × 0.00036105 = $0.0014442. The context: the last step's 4243 + 53 = 4296 tokens of
    // 128,000 (3%).
    CostMeter *costMeter = meter();
    QVERIFY(costMeter && costMeter->isVisible());
    QTRY_COMPARE(costMeter->costText(), QStringLiteral("Cost: $0.0014"));
    QCOMPARE(costMeter->contextText(), QStringLiteral("Context: 3% of 128k"));
    QVERIFY(!costMeter->warns());
    auto *bar = m_f->find<QProgressBar>(QStringLiteral("contextMeter"));
    auto *button = m_f->find<QToolButton>(QStringLiteral("threadCostButton"));
    QCOMPARE(bar->accessibleName(), QStringLiteral("Context use"));
    QCOMPARE(button->accessibleName(), QStringLiteral("Thread cost"));
    const QLocale locale;
    QVERIFY2(bar->toolTip().contains(locale.toString(4296))
                 && bar->toolTip().contains(locale.toString(128000)),
             qPrintable(bar->toolTip()));
    QVERIFY2(button->toolTip().contains(locale.toString(4 * 4243)), qPrintable(button->toolTip()));
    qInfo("tried: the brief's 4-step run, result: meter '%s' | '%s'",
          qPrintable(costMeter->costText()), qPrintable(costMeter->contextText()));

    // The inspector: each step's cost and the run's.
    RunTreeModel *tree = m_f->window->inspector()->model();
    QStringList stepCosts;
    QString runCost;
    for (const QModelIndex &index : allIndexes(tree)) {
        const auto kind = index.data(RunTreeModel::KindRole).value<int>();
        const QString cost = index.siblingAtColumn(RunTreeModel::CostColumn).data().toString();
        if (kind == int(RunTreeModel::NodeKind::Step))
            stepCosts << cost;
        else if (kind == int(RunTreeModel::NodeKind::Run))
            runCost = cost;
    }
    qInfo("tried: the inspector's Cost column, result: run %s, steps %s", qPrintable(runCost),
          qPrintable(stepCosts.join(QLatin1String(", "))));
    QCOMPARE(tree->headerData(RunTreeModel::CostColumn, Qt::Horizontal).toString(),
             QStringLiteral("Cost"));
    QCOMPARE(stepCosts, QStringList(4, QStringLiteral("$0.0004")));
    QCOMPARE(runCost, QStringLiteral("$0.0014"));

    // Settings > Prices: gpt-4o-mini at $1.50 input and a 5,000-token window.
    m_f->window->showSettings();
    SettingsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_f->find<SettingsDialog>(QStringLiteral("settingsDialog")))
                && dialog->isVisible());
    auto *page = dialog->findChild<PricesPage *>(QStringLiteral("pricesPage"));
    QVERIFY(page);
    dialog->findChild<QTabWidget *>(QStringLiteral("settingsTabs"))->setCurrentWidget(page);
    page->modelBox()->setCurrentText(QStringLiteral("openai/gpt-4o-mini"));
    QCOMPARE(page->inputBox()->value(), 0.15); // the list price, to start from
    QCOMPARE(page->contextBox()->value(), 128000);
    page->inputBox()->setValue(1.5);
    page->contextBox()->setValue(5000);
    QTest::mouseClick(page->setButton(), Qt::LeftButton);
    const QPointer<SettingsDialog> closing = dialog;
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("settingsOkButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(!closing || !closing->isVisible()); // closed (and deleted)

    // Per step: 147 × 1.5 + 4096 × 0.075 + 53 × 0.6 = 220.5 + 307.2 + 31.8 = 559.5e-6; four:
    // $0.002238. 4296 of 5000 tokens is 86%: past 80%, the meter warns.
    QTRY_COMPARE(costMeter->costText(), QStringLiteral("Cost: $0.0022"));
    QVERIFY(costMeter->warns());
    QCOMPARE(costMeter->contextText(), QStringLiteral("Context: 86% of 5k – near the limit"));
    QVERIFY(bar->toolTip().contains(QLatin1String("Near the limit")));
    QVERIFY(bar->property("warning").toBool());
    qInfo("tried: $1.50 input and a 5,000-token window in Settings > Prices, result: '%s' | '%s'",
          qPrintable(costMeter->costText()), qPrintable(costMeter->contextText()));

    // After a restart the price is still the user's.
    m_script.reset();
    QVERIFY(m_f->reopen());
    m_f->window->sidebar()->selectThread(thread);
    QTRY_COMPARE(meter()->costText(), QStringLiteral("Cost: $0.0022"));
    QVERIFY(meter()->warns());
}

void TestWindowCost::budgetFromTheMeterStopsTheRunAndRaisingItContinues()
{
    // An expensive price makes the budget a round number: $10 per 1M tokens of any kind, so a
    // step of 4243 + 53 tokens costs $0.04296; a $0.05 budget stops the run after step 2.
    ModelPrice dear;
    dear.input = dear.cachedInput = dear.output = 10.0;
    dear.contextWindow = 128000;
    m_f->context->costs().setCustomPrice(QStringLiteral("openai/gpt-4o-mini"), dear);
    const auto thread = m_f->context->threads().create(QStringLiteral("Budget"),
                                                       QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(thread);
    m_f->window->sidebar()->selectThread(thread->id);
    QTRY_COMPARE(m_f->window->sidebar()->currentThreadId(), thread->id);

    // The meter's cost button opens the budget dialog.
    QTest::mouseClick(m_f->find<QToolButton>(QStringLiteral("threadCostButton")), Qt::LeftButton);
    BudgetDialog *budget = nullptr;
    QTRY_VERIFY((budget = m_f->find<BudgetDialog>(QStringLiteral("budgetDialog")))
                && budget->isVisible());
    QVERIFY(!budget->enabledBox()->isChecked());
    budget->enabledBox()->setChecked(true);
    budget->amountBox()->setValue(0.05);
    budget->accept();
    QTRY_VERIFY(!budget->isVisible());
    QCOMPARE(m_f->context->costs().budget(thread->id).value_or(-1), 0.05);
    QTRY_COMPARE(meter()->costText(), QStringLiteral("Cost: $0.00 of $0.05"));

    send();
    QTRY_VERIFY_WITH_TIMEOUT(m_f->rowsOfKind(ConversationModel::Kind::StepLimit).size() == 1,
                             120000);
    const QString message = m_f->rowsOfKind(ConversationModel::Kind::StepLimit)
                                .first()
                                .data(ConversationModel::TextRole)
                                .toString();
    qInfo("tried: a $0.05 budget, steps of $0.04296, result: stopped after %d steps: %s",
          m_script->stepsServed(), qPrintable(message));
    QCOMPARE(m_script->stepsServed(), 2);
    QVERIFY(message.contains(QLatin1String("reached its budget of $0.05")));
    QTRY_COMPARE(m_f->find<QLabel>(QStringLiteral("runStateLabel"))->text(),
                 QStringLiteral("Stopped at the thread's budget"));
    QTRY_COMPARE(meter()->costText(), QStringLiteral("Cost: $0.09 of $0.05"));

    // Continue (the row's button) while still over it: refused, with what to do.
    m_f->window->chat()->retry();
    auto *error = m_f->find<QLabel>(QStringLiteral("chatErrorLabel"));
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("Raise or remove the budget")),
             qPrintable(error->text()));
    QCOMPARE(m_script->stepsServed(), 2);

    // Raised in the dialog: Continue goes on to the end.
    QTest::mouseClick(m_f->find<QToolButton>(QStringLiteral("threadCostButton")), Qt::LeftButton);
    QTRY_VERIFY(budget->isVisible());
    QVERIFY(budget->enabledBox()->isChecked());
    budget->amountBox()->setValue(1.0);
    budget->accept();
    m_f->window->chat()->retry();
    QTRY_VERIFY_WITH_TIMEOUT(m_f->allText().contains(QStringLiteral("All 4 tests pass")), 120000);
    QCOMPARE(m_script->stepsServed(), 4);
    QTRY_COMPARE(meter()->costText(), QStringLiteral("Cost: $0.17 of $1.00"));
    qInfo("tried: raised to $1.00 and continued, result: %d steps, '%s'", m_script->stepsServed(),
          qPrintable(meter()->costText()));
}

QTEST_MAIN(TestWindowCost)
#include "tst_windowcost.moc"
