// The status bar's cost and context meter (issue 18): what the current thread has cost (and
// its budget), and how full the model's context is, as a bar that turns to a warning past 80%.
// Accessible names and tool tips carry the numbers. Clicking the cost sets the thread's budget.
// Fed by the cost service and the engine's run events; it never writes anything itself.
#pragma once

#include "store/StoreTypes.h"

#include <QWidget>

class AgentEngine;
class BudgetDialog;
class CostService;
class QProgressBar;
class QToolButton;
struct RunEvent;
struct ThreadCost;

class CostMeter final : public QWidget
{
    Q_OBJECT

public:
    // Past this share of the context window the meter warns.
    static constexpr double kWarnShare = 0.8;

    CostMeter(CostService &costs, AgentEngine *engine, QWidget *parent = nullptr);

    void setThread(RowId threadId);
    RowId thread() const { return m_thread; }
    // What the two parts show now (for tests and screenshots).
    QString costText() const;
    QString contextText() const;
    bool warns() const { return m_warns; }

    // Opens the budget dialog for the current thread (the cost button's click).
    void editBudget();

private:
    void refresh();
    void showCost(const ThreadCost &cost);
    void showContext(const ThreadCost &cost);

    CostService &m_costs;
    RowId m_thread = 0;
    bool m_warns = false;
    QToolButton *m_cost = nullptr;
    QProgressBar *m_context = nullptr;
    BudgetDialog *m_dialog = nullptr;
};
