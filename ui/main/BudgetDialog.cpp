// The budget dialog.
#include "BudgetDialog.h"

#include "services/CostService.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

BudgetDialog::BudgetDialog(CostService &costs, QWidget *parent)
    : QDialog(parent)
    , m_costs(costs)
{
    setObjectName(QStringLiteral("budgetDialog"));
    setWindowTitle(tr("Thread Budget"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("When the thread has cost this much, its run stops after the "
                                "current step. Raise the budget and Continue to go on."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_spent = new QLabel(this);
    m_spent->setObjectName(QStringLiteral("budgetSpentLabel"));
    layout->addWidget(m_spent);

    auto *form = new QFormLayout;
    m_enabled = new QCheckBox(tr("&Limit this thread's cost"), this);
    m_enabled->setObjectName(QStringLiteral("budgetEnabledBox"));
    m_enabled->setAccessibleName(tr("Limit this thread's cost"));
    form->addRow(m_enabled);
    m_amount = new QDoubleSpinBox(this);
    m_amount->setObjectName(QStringLiteral("budgetAmountBox"));
    m_amount->setAccessibleName(tr("Budget in US dollars"));
    m_amount->setPrefix(QStringLiteral("$"));
    m_amount->setDecimals(2);
    m_amount->setRange(0.01, 100000);
    m_amount->setValue(1.0);
    form->addRow(tr("&Budget:"), m_amount);
    layout->addLayout(form);
    connect(m_enabled, &QCheckBox::toggled, m_amount, &QWidget::setEnabled);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &BudgetDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &BudgetDialog::reject);
    layout->addWidget(buttons);
}

void BudgetDialog::setThread(RowId threadId)
{
    m_thread = threadId;
    const ThreadCost cost = m_costs.threadCost(threadId);
    m_spent->setText(
        cost.priced ? tr("This thread has cost %1 so far.").arg(ModelPrices::formatUsd(cost.usd))
                    : tr("This thread has cost at least %1 so far (some of its "
                         "models have no price).")
                          .arg(ModelPrices::formatUsd(cost.usd)));
    m_enabled->setChecked(cost.budget.has_value());
    m_amount->setEnabled(cost.budget.has_value());
    if (cost.budget)
        m_amount->setValue(*cost.budget);
    m_error->hide();
}

void BudgetDialog::accept()
{
    const StoreStatus set = m_costs.setBudget(
        m_thread, m_enabled->isChecked() ? std::optional<double>(m_amount->value()) : std::nullopt);
    if (!set) {
        m_error->setText(tr("The budget was not saved: %1").arg(set.error()));
        m_error->show();
        return;
    }
    QDialog::accept();
}
