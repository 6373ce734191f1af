#include "RunStatusBar.h"

#include "agent/AgentEngine.h"
#include "agent/RunEvent.h"
#include "core/Logging.h"
#include "services/RunHistory.h"
#include "services/SandboxService.h"

#include <QLabel>
#include <QLocale>
#include <QStatusBar>

RunStatusBar::RunStatusBar(const RunHistory &history, AgentEngine *engine,
                           const SandboxService *sandboxes, const QString &engineError,
                           QStatusBar *bar)
    : QObject(bar)
    , m_history(history)
    , m_engine(engine)
{
    m_state = new QLabel(bar);
    m_state->setObjectName(QStringLiteral("runStateLabel"));
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(m_state, 1);

    m_tokens = new QLabel(bar);
    m_tokens->setObjectName(QStringLiteral("threadTokensLabel"));
    m_tokens->setToolTip(tr("Tokens used by this thread's runs (input / output)"));
    bar->addPermanentWidget(m_tokens);

    m_sandbox = new QLabel(bar);
    m_sandbox->setObjectName(QStringLiteral("sandboxProviderLabel"));
    bar->addPermanentWidget(m_sandbox);

    if (m_engine) {
        connect(m_engine, &AgentEngine::runEvent, this, &RunStatusBar::onRunEvent);
        const bool daytona
            = sandboxes && sandboxes->providers().contains(QStringLiteral("daytona"));
        m_sandbox->setText(daytona ? tr("Sandboxes: local or Daytona") : tr("Sandboxes: local"));
    } else {
        m_sandbox->setText(tr("Agent unavailable"));
        m_sandbox->setToolTip(engineError);
    }
    setThread(0);
}

QString RunStatusBar::stateText() const
{
    return m_state->text();
}

void RunStatusBar::setState(const QString &text)
{
    m_state->setText(text);
}

void RunStatusBar::setThread(RowId threadId)
{
    m_thread = threadId;
    if (threadId == 0) {
        m_tokens->clear();
        setState(tr("No thread selected"));
        return;
    }
    // One read of the thread's runs gives both the tokens and the last run's outcome.
    const auto runs = m_history.listRuns(threadId);
    showTokens(runs ? *runs : QList<RunRecord>());
    if (m_engine && m_engine->isRunning(threadId)) {
        setState(tr("Running…"));
        return;
    }
    if (!runs || runs->isEmpty()) {
        setState(tr("Ready"));
        return;
    }
    const RunRecord &last = runs->last();
    switch (last.status) {
    case RunStatus::Failed:
        setState(tr("Last run failed: %1").arg(last.error));
        break;
    case RunStatus::Cancelled:
        setState(tr("Last run was stopped"));
        break;
    case RunStatus::Interrupted:
        setState(tr("Last run was interrupted; Continue picks it up"));
        break;
    default:
        setState(tr("Ready"));
        break;
    }
}

void RunStatusBar::reloadTokens()
{
    const auto runs = m_history.listRuns(m_thread);
    if (!runs)
        qCWarning(lcUi).noquote() << runs.error();
    showTokens(runs ? *runs : QList<RunRecord>());
}

void RunStatusBar::showTokens(const QList<RunRecord> &runs)
{
    TokenUsage total;
    for (const RunRecord &run : runs)
        total += run.usage;
    const QLocale locale;
    m_tokens->setText(
        tr("Tokens: %1 in · %2 out")
            .arg(locale.toString(total.inputTokens), locale.toString(total.outputTokens)));
}

void RunStatusBar::onRunEvent(const RunEvent &event)
{
    if (event.threadId != m_thread)
        return;
    using T = RunEvent::Type;
    switch (event.type) {
    case T::RunStarted:
        setState(tr("Running with %1…").arg(event.model));
        break;
    case T::StepStarted:
        setState(tr("Step %1: thinking…").arg(event.stepIndex + 1));
        break;
    case T::ToolCallReady:
        setState(tr("Step %1: %2").arg(event.stepIndex + 1).arg(event.toolName));
        break;
    case T::ApprovalRequested:
        setState(tr("Waiting for your approval of %1").arg(event.toolName));
        break;
    case T::StepFinished:
        reloadTokens();
        break;
    case T::RunFinished:
        reloadTokens();
        setState(event.stoppedAtBudget      ? tr("Stopped at the thread's budget")
                     : event.stoppedAtLimit ? tr("Stopped at the step limit; Continue goes on")
                                            : tr("Done"));
        break;
    case T::RunFailed:
        reloadTokens();
        setState(tr("Failed: %1").arg(event.error));
        break;
    case T::RunCancelled:
        reloadTokens();
        setState(tr("Stopped"));
        break;
    default:
        break;
    }
}
