// Sets or removes one thread's budget (issue 18): an amount in US dollars, or none. Opened with
// open(); the answer goes to the cost service, which owns budgets.
#pragma once

#include "store/StoreTypes.h"

#include <QDialog>

class CostService;
class QCheckBox;
class QDoubleSpinBox;
class QLabel;

class BudgetDialog final : public QDialog
{
    Q_OBJECT

public:
    BudgetDialog(CostService &costs, QWidget *parent = nullptr);

    // Fills the dialog from the thread's budget and cost; call before open().
    void setThread(RowId threadId);
    QDoubleSpinBox *amountBox() const { return m_amount; }
    QCheckBox *enabledBox() const { return m_enabled; }

    void accept() override;

private:
    CostService &m_costs;
    RowId m_thread = 0;
    QLabel *m_spent = nullptr;
    QCheckBox *m_enabled = nullptr;
    QDoubleSpinBox *m_amount = nullptr;
    QLabel *m_error = nullptr;
};
