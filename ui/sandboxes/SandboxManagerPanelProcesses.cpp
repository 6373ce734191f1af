// SandboxManagerPanel and background processes (issue 17): the actions that open a process's
// live output and stop it, on the selected sandbox's newest process.
#include "sandboxes/ProcessOutputView.h"
#include "sandboxes/SandboxListModel.h"
#include "sandboxes/SandboxManagerPanel.h"
#include "services/ProcessService.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QTreeView>

void SandboxManagerPanel::setProcesses(ProcessService *processes)
{
    if (m_processes || !processes)
        return;
    m_processes = processes;
    m_model->setProcesses(processes);
    m_showOutputAction
        = addPanelAction(QStringLiteral("actionSandboxProcessOutput"), tr("Show Process &Output"),
                         QKeySequence(tr("Ctrl+Shift+O")));
    m_showOutputAction->setToolTip(
        tr("The live output of the newest background process in this sandbox"));
    m_stopProcessAction
        = addPanelAction(QStringLiteral("actionSandboxStopProcess"), tr("Stop Pro&cess"));
    m_stopProcessAction->setToolTip(tr("End the newest running background process in this "
                                       "sandbox and everything it started"));
    connect(m_showOutputAction, &QAction::triggered, this, [this] {
        const QString id = selectedProcess();
        if (!id.isEmpty())
            showProcessOutput(id);
    });
    connect(m_stopProcessAction, &QAction::triggered, this, [this] {
        const QString id = selectedProcess();
        if (id.isEmpty() || !m_processes)
            return;
        m_processes->stop(id, this, [this](const BackgroundProcess &, const QString &error) {
            if (!error.isEmpty())
                showMessage(error);
        });
    });
    m_contextMenu->addSeparator();
    m_contextMenu->addActions({m_showOutputAction, m_stopProcessAction});
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SandboxManagerPanel::updateProcessActions);
    connect(processes, &ProcessService::processStarted, this,
            &SandboxManagerPanel::updateProcessActions);
    connect(processes, &ProcessService::processChanged, this,
            &SandboxManagerPanel::updateProcessActions);
    updateProcessActions();
}

QString SandboxManagerPanel::selectedProcess() const
{
    const QStringList ids = selectedIds();
    if (!m_processes || ids.size() != 1)
        return {};
    const QList<BackgroundProcess> processes = m_processes->processesOf(ids.first());
    for (auto it = processes.crbegin(); it != processes.crend(); ++it) {
        if (it->isRunning())
            return it->id;
    }
    return processes.isEmpty() ? QString() : processes.last().id;
}

void SandboxManagerPanel::updateProcessActions()
{
    if (!m_processes)
        return;
    const QString id = selectedProcess();
    const std::optional<BackgroundProcess> process = m_processes->process(id);
    m_showOutputAction->setEnabled(process.has_value());
    m_stopProcessAction->setEnabled(process && process->isRunning());
}

ProcessOutputView *SandboxManagerPanel::showProcessOutput(const QString &processId)
{
    if (!m_processes)
        return nullptr;
    for (ProcessOutputView *open : findChildren<ProcessOutputView *>()) {
        if (open->processId() == processId) {
            open->raise();
            open->activateWindow();
            return open;
        }
    }
    // A window of its own that lives with the panel; closing it leaves the process running.
    auto *view = new ProcessOutputView(*m_processes, processId, this);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->resize(720, 420);
    view->show();
    return view;
}
