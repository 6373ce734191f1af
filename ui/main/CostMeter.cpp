// The cost and context meter.
#include "CostMeter.h"

#include "agent/AgentEngine.h"
#include "agent/RunEvent.h"
#include "main/BudgetDialog.h"
#include "services/CostService.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace {

// "128k", "1M": the window's size at a glance.
QString shortTokens(qint64 tokens)
{
    if (tokens >= 1000000)
        return QLocale().toString(double(tokens) / 1e6, 'g', 3) + QLatin1Char('M');
    if (tokens >= 1000)
        return QLocale().toString(qRound64(double(tokens) / 1000.0)) + QLatin1Char('k');
    return QLocale().toString(tokens);
}

} // namespace

CostMeter::CostMeter(CostService &costs, AgentEngine *engine, QWidget *parent)
    : QWidget(parent)
    , m_costs(costs)
{
    setObjectName(QStringLiteral("costMeter"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_cost = new QToolButton(this);
    m_cost->setObjectName(QStringLiteral("threadCostButton"));
    m_cost->setAutoRaise(true);
    m_cost->setAccessibleName(tr("Thread cost"));
    m_cost->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_cost, &QToolButton::clicked, this, &CostMeter::editBudget);
    layout->addWidget(m_cost);

    m_context = new QProgressBar(this);
    m_context->setObjectName(QStringLiteral("contextMeter"));
    m_context->setAccessibleName(tr("Context use"));
    m_context->setTextVisible(true);
    m_context->setMinimumWidth(170);
    m_context->setMaximumHeight(m_cost->sizeHint().height());
    layout->addWidget(m_context);

    connect(&m_costs, &CostService::pricesChanged, this, &CostMeter::refresh);
    connect(&m_costs, &CostService::budgetChanged, this, [this](RowId threadId) {
        if (threadId == m_thread)
            refresh();
    });
    if (engine) {
        connect(engine, &AgentEngine::runEvent, this, [this](const RunEvent &event) {
            using T = RunEvent::Type;
            if (event.threadId == m_thread
                && (event.type == T::StepFinished || event.type == T::RunFinished
                    || event.type == T::RunFailed || event.type == T::RunCancelled))
                refresh();
        });
    }
    setThread(0);
}

QString CostMeter::costText() const
{
    return m_cost->text();
}

QString CostMeter::contextText() const
{
    return m_context->text();
}

void CostMeter::setThread(RowId threadId)
{
    m_thread = threadId;
    refresh();
}

void CostMeter::refresh()
{
    setVisible(m_thread != 0);
    m_cost->setEnabled(m_thread != 0);
    if (m_thread == 0)
        return;
    const ThreadCost cost = m_costs.threadCost(m_thread);
    showCost(cost);
    showContext(cost);
}

void CostMeter::showCost(const ThreadCost &cost)
{
    const QString spent = !cost.priced && cost.usd == 0
        ? tr("no price")
        : (cost.priced ? QString() : QStringLiteral("≥ ")) + ModelPrices::formatUsd(cost.usd);
    m_cost->setText(cost.budget
                        ? tr("Cost: %1 of %2").arg(spent, ModelPrices::formatUsd(*cost.budget))
                        : tr("Cost: %1").arg(spent));
    const QLocale locale;
    QString tip = tr("What this thread's runs cost at the prices of Settings > Prices: %1 input "
                     "tokens (%2 from the cache) and %3 output tokens.")
                      .arg(locale.toString(cost.usage.inputTokens),
                           locale.toString(cost.usage.cachedInputTokens),
                           locale.toString(cost.usage.outputTokens));
    if (!cost.priced)
        tip += QLatin1Char(' ')
            + tr("Some runs used a model without a price; set one in Settings > Prices.");
    tip += QLatin1Char(' ')
        + (cost.budget
               ? tr("Budget: %1; click to change it.").arg(ModelPrices::formatUsd(*cost.budget))
               : tr("No budget; click to set one."));
    m_cost->setToolTip(tip);
    m_cost->setAccessibleDescription(tip);
}

void CostMeter::showContext(const ThreadCost &cost)
{
    const QLocale locale;
    QString tip;
    m_warns = false;
    if (cost.contextWindow > 0) {
        const double share = double(cost.contextTokens) / double(cost.contextWindow);
        const int percent = qRound(100.0 * share);
        m_warns = share > kWarnShare;
        m_context->setRange(0, 1000);
        m_context->setValue(int(qBound(0.0, share, 1.0) * 1000));
        m_context->setFormat(
            m_warns ? tr("Context: %1% of %2 – near the limit")
                          .arg(percent)
                          .arg(shortTokens(cost.contextWindow))
                    : tr("Context: %1% of %2").arg(percent).arg(shortTokens(cost.contextWindow)));
        tip = tr("The last step used %1 of the %2 tokens of %3's context window (%4%).")
                  .arg(locale.toString(cost.contextTokens), locale.toString(cost.contextWindow),
                       cost.model)
                  .arg(percent);
        if (m_warns)
            tip += QLatin1Char(' ')
                + tr("Near the limit: the model may soon refuse the conversation. Start a new "
                     "thread for the next task.");
    } else {
        m_context->setRange(0, 1);
        m_context->setValue(0);
        m_context->setFormat(tr("Context: %1 tokens").arg(locale.toString(cost.contextTokens)));
        tip = tr("The last step used %1 tokens; the context window of %2 is unknown (set it in "
                 "Settings > Prices).")
                  .arg(locale.toString(cost.contextTokens), cost.model);
    }
    // Warning: a red bar; otherwise the theme's own colours (an empty palette inherits them).
    QPalette palette;
    if (m_warns)
        palette.setColor(QPalette::Highlight, QColor(0xd9, 0x48, 0x1c));
    m_context->setPalette(palette);
    m_context->setProperty("warning", m_warns);
    m_context->setToolTip(tip);
    m_context->setAccessibleDescription(tip);
}

void CostMeter::editBudget()
{
    if (m_thread == 0)
        return;
    if (!m_dialog)
        m_dialog = new BudgetDialog(m_costs, this);
    m_dialog->setThread(m_thread);
    m_dialog->open();
}
