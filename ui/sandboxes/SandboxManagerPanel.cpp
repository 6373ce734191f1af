// SandboxManagerPanel: view, actions, confirmations (open(), never exec()) and messages.
#include "sandboxes/SandboxManagerPanel.h"

#include "core/Settings.h"
#include "sandboxes/SandboxDetailsPane.h"
#include "sandboxes/SandboxFileBrowser.h"
#include "sandboxes/SandboxLifecycleDialog.h"
#include "sandboxes/SandboxListModel.h"
#include "services/SandboxService.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

QToolButton *buttonFor(QAction *action, const QString &objectName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

SandboxManagerPanel::SandboxManagerPanel(SandboxService &sandboxes, QWidget *parent)
    : QWidget(parent)
    , m_sandboxes(sandboxes)
{
    setObjectName(QStringLiteral("sandboxManager"));

    m_model = new SandboxListModel(sandboxes, this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SandboxListModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("sandboxView"));
    m_view->setAccessibleName(tr("Sandboxes"));
    m_view->setAccessibleDescription(tr("Every sandbox with its state; Enter shows its details"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(SandboxListModel::Created, Qt::DescendingOrder);
    m_view->header()->setSortIndicatorShown(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(true);

    m_refreshAction = addPanelAction(QStringLiteral("actionSandboxRefresh"), tr("&Refresh"),
                                     QKeySequence(Qt::Key_F5));
    m_refreshAction->setToolTip(tr("Ask the sandbox server for the list now (F5)"));
    m_startAction = addPanelAction(QStringLiteral("actionSandboxStart"), tr("&Start"));
    m_stopAction = addPanelAction(QStringLiteral("actionSandboxStop"), tr("S&top"));
    m_deleteAction = addPanelAction(QStringLiteral("actionSandboxDelete"), tr("&Delete…"),
                                    QKeySequence::Delete);
    m_cleanupAction
        = addPanelAction(QStringLiteral("actionSandboxCleanup"), tr("Clean &Up Stopped…"));
    m_cleanupAction->setToolTip(tr("Delete every stopped sandbox"));
    m_copyIdAction
        = addPanelAction(QStringLiteral("actionSandboxCopyId"), tr("&Copy ID"), QKeySequence::Copy);
    m_goToThreadAction
        = addPanelAction(QStringLiteral("actionSandboxGoToThread"), tr("&Go to Thread"));
    m_attachAction
        = addPanelAction(QStringLiteral("actionSandboxAttach"), tr("&Attach to Current Thread"));
    m_attachAction->setToolTip(tr("Let the agent in the thread shown use this sandbox (it "
                                  "reaches no sandbox it did not create otherwise)"));
    m_previewAction
        = addPanelAction(QStringLiteral("actionSandboxPreview"), tr("Open &Preview URL…"),
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_browseAction = addPanelAction(QStringLiteral("actionSandboxBrowse"), tr("&Browse Files…"));
    m_lifecycleAction = addPanelAction(QStringLiteral("actionSandboxLifecycle"), tr("&Lifecycle…"));
    m_lifecycleAction->setToolTip(
        tr("When this sandbox stops after idle time and when it is deleted after it stopped"));

    connect(m_refreshAction, &QAction::triggered, this, &SandboxManagerPanel::refresh);
    connect(m_startAction, &QAction::triggered, this, &SandboxManagerPanel::startSelected);
    connect(m_stopAction, &QAction::triggered, this, &SandboxManagerPanel::stopSelected);
    connect(m_deleteAction, &QAction::triggered, this, &SandboxManagerPanel::deleteSelected);
    connect(m_cleanupAction, &QAction::triggered, this, &SandboxManagerPanel::cleanUpStopped);
    connect(m_copyIdAction, &QAction::triggered, this, &SandboxManagerPanel::copyIds);
    connect(m_goToThreadAction, &QAction::triggered, this,
            &SandboxManagerPanel::goToSelectedThread);
    connect(m_attachAction, &QAction::triggered, this, &SandboxManagerPanel::attachSelected);
    connect(m_previewAction, &QAction::triggered, this, &SandboxManagerPanel::askPreviewPort);
    connect(m_browseAction, &QAction::triggered, this, &SandboxManagerPanel::browseFiles);
    connect(m_lifecycleAction, &QAction::triggered, this, &SandboxManagerPanel::editLifecycle);

    auto *more = new QToolButton(this);
    more->setObjectName(QStringLiteral("sandboxMoreButton"));
    more->setText(tr("More"));
    more->setToolTip(tr("More actions for the selected sandbox"));
    more->setPopupMode(QToolButton::InstantPopup);
    auto *moreMenu = new QMenu(more);
    moreMenu->addActions({m_copyIdAction, m_goToThreadAction, m_attachAction, m_previewAction,
                          m_browseAction, m_lifecycleAction});
    more->setMenu(moreMenu);

    m_contextMenu = new QMenu(this);
    m_contextMenu->addActions({m_refreshAction, m_startAction, m_stopAction, m_deleteAction});
    m_contextMenu->addSeparator();
    m_contextMenu->addActions({m_copyIdAction, m_goToThreadAction, m_attachAction, m_previewAction,
                               m_browseAction, m_lifecycleAction});
    m_contextMenu->addSeparator();
    m_contextMenu->addAction(m_cleanupAction);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        m_contextMenu->popup(m_view->viewport()->mapToGlobal(pos));
    });

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    buttons->addWidget(buttonFor(m_refreshAction, QStringLiteral("sandboxRefreshButton"), this));
    buttons->addWidget(buttonFor(m_startAction, QStringLiteral("sandboxStartButton"), this));
    buttons->addWidget(buttonFor(m_stopAction, QStringLiteral("sandboxStopButton"), this));
    buttons->addWidget(buttonFor(m_deleteAction, QStringLiteral("sandboxDeleteButton"), this));
    buttons->addWidget(buttonFor(m_cleanupAction, QStringLiteral("sandboxCleanupButton"), this));
    buttons->addWidget(more);
    buttons->addStretch(1);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("sandboxErrorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setForegroundRole(QPalette::BrightText);
    m_errorLabel->setBackgroundRole(QPalette::Dark);
    m_errorLabel->setAutoFillBackground(true);
    m_errorLabel->setMargin(4);
    m_errorLabel->hide();

    // Shown while the local sandboxes run without a seccomp filter (an unsupported CPU).
    m_warningLabel = new QLabel(this);
    m_warningLabel->setObjectName(QStringLiteral("sandboxWarningLabel"));
    m_warningLabel->setWordWrap(true);
    m_warningLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warningLabel->setForegroundRole(QPalette::BrightText);
    m_warningLabel->setBackgroundRole(QPalette::Dark);
    m_warningLabel->setAutoFillBackground(true);
    m_warningLabel->setMargin(4);
    m_warningLabel->hide();

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("sandboxMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->hide();

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("sandboxStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_warningLabel);
    // The details of the selected sandbox below the list.
    m_details = new SandboxDetailsPane(m_model, this);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("sandboxSplitter"));
    split->addWidget(m_view);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_statusLabel);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SandboxManagerPanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &SandboxManagerPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &SandboxManagerPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &SandboxManagerPanel::updateStatus);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &SandboxManagerPanel::updateStatus);
    connect(&m_sandboxes, &SandboxService::refreshed, this, &SandboxManagerPanel::updateStatus);
    connect(&m_sandboxes, &SandboxService::operationFinished, this,
            &SandboxManagerPanel::onOperationFinished);
    connect(&m_sandboxes, &SandboxService::previewUrlReady, this,
            &SandboxManagerPanel::onPreviewUrl);
    // Enter or a double click on a row: its thread.
    connect(m_view, &QAbstractItemView::activated, this, &SandboxManagerPanel::goToSelectedThread);

    updateActions();
    updateStatus();
}

QAction *SandboxManagerPanel::addPanelAction(const QString &objectName, const QString &text,
                                             const QKeySequence &shortcut)
{
    auto *action = new QAction(text, this);
    action->setObjectName(objectName);
    action->setShortcut(shortcut);
    // The panel's shortcuts (F5, Delete, Ctrl+C) must not shadow the chat's.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(action);
    return action;
}

QAbstractItemView *SandboxManagerPanel::view() const
{
    return m_view;
}

void SandboxManagerPanel::refresh()
{
    m_sandboxes.refresh();
}

void SandboxManagerPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_sandboxes.setPollingWanted(this, true);
}

void SandboxManagerPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_sandboxes.setPollingWanted(this, false);
}

QStringList SandboxManagerPanel::selectedIds() const
{
    QStringList ids;
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : std::as_const(rows))
        ids.append(m_proxy->mapToSource(index).data(SandboxListModel::IdRole).toString());
    return ids;
}

void SandboxManagerPanel::updateActions()
{
    const QStringList ids = selectedIds();
    bool anyStartable = false;
    bool anyStoppable = false;
    bool anyIdle = false;
    for (const QString &id : ids) {
        if (m_model->isBusy(id))
            continue;
        anyIdle = true;
        const QString state = m_model->sandbox(id).state;
        anyStartable = anyStartable || state == QLatin1String("stopped")
            || state == QLatin1String("archived") || state == QLatin1String("error");
        anyStoppable = anyStoppable || state == QLatin1String("started");
    }
    const bool single = ids.size() == 1;
    const bool singleStarted = single && !m_model->isBusy(ids.first())
        && m_model->sandbox(ids.first()).state == QLatin1String("started");
    m_startAction->setEnabled(anyStartable);
    m_stopAction->setEnabled(anyStoppable);
    m_deleteAction->setEnabled(anyIdle);
    m_copyIdAction->setEnabled(!ids.isEmpty());
    m_goToThreadAction->setEnabled(single && m_model->threadIdOf(ids.first()) != 0);
    m_attachAction->setEnabled(single && m_currentThread != 0
                               && m_model->threadIdOf(ids.first()) != m_currentThread);
    m_previewAction->setEnabled(singleStarted);
    m_browseAction->setEnabled(singleStarted);
    m_lifecycleAction->setEnabled(single && !m_model->isBusy(ids.first()));
    m_details->showSandbox(single ? ids.first() : QString());
    m_cleanupAction->setEnabled(!m_model->idsInState(QStringLiteral("stopped")).isEmpty());
}

void SandboxManagerPanel::updateStatus()
{
    const QString error = m_sandboxes.lastError();
    if (error.isEmpty()) {
        m_errorLabel->hide();
    } else {
        m_errorLabel->setText(tr("Could not list the sandboxes: %1\nTrying again in %2 s; press "
                                 "F5 to try now.")
                                  .arg(error)
                                  .arg(m_sandboxes.nextRefreshMs() / 1000));
        m_errorLabel->show();
    }
    const QString warning = m_sandboxes.localWarning();
    m_warningLabel->setText(warning);
    m_warningLabel->setVisible(!warning.isEmpty());
    const int count = m_model->rowCount();
    if (!m_sandboxes.hasLoaded())
        m_statusLabel->setText(error.isEmpty() ? tr("Loading sandboxes…") : QString());
    else if (count == 0)
        m_statusLabel->setText(tr("No sandboxes yet — the agent creates one when it needs it."));
    else {
        QStringList parts;
        for (const QString &provider : m_sandboxes.providers()) {
            const int n = m_sandboxes.countOf(provider);
            parts << (provider == QLatin1String("local")
                          ? tr("%1 on the local sandbox server").arg(n)
                          : tr("%1 on Daytona").arg(n));
        }
        m_statusLabel->setText(tr("Sandboxes: %1").arg(parts.join(QStringLiteral(", "))));
    }
    updateActions();
}

void SandboxManagerPanel::showMessage(const QString &text)
{
    m_messageLabel->setText(text);
    m_messageLabel->setVisible(!text.isEmpty());
}

void SandboxManagerPanel::onOperationFinished(const QString &id, const QString &operation,
                                              const QString &error)
{
    updateActions();
    if (error.isEmpty())
        return;
    const Sandbox s = m_model->sandbox(id);
    const QString name = s.name.isEmpty() ? id : s.name;
    QString what;
    if (operation == QLatin1String("start"))
        what = tr("Could not start sandbox %1: %2");
    else if (operation == QLatin1String("stop"))
        what = tr("Could not stop sandbox %1: %2");
    else if (operation == QLatin1String("lifecycle"))
        what = tr("Could not change the lifecycle timers of sandbox %1: %2");
    else
        what = tr("Could not delete sandbox %1: %2");
    showMessage(what.arg(name, error));
}

void SandboxManagerPanel::startSelected()
{
    showMessage(QString());
    for (const QString &id : selectedIds()) {
        const QString state = m_model->sandbox(id).state;
        if (!m_model->isBusy(id) && state != QLatin1String("started"))
            m_sandboxes.startSandbox(id);
    }
}

void SandboxManagerPanel::stopSelected()
{
    showMessage(QString());
    for (const QString &id : selectedIds()) {
        if (!m_model->isBusy(id) && m_model->sandbox(id).state == QLatin1String("started"))
            m_sandboxes.stopSandbox(id);
    }
}

void SandboxManagerPanel::confirmDelete(const QStringList &ids, const QString &question)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete Sandboxes"), question,
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("sandboxConfirmDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("Their files are lost. A thread that used one creates a new one when it needs it."));
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("sandboxConfirmDeleteButton"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this, [this, ids, remove](QAbstractButton *button) {
        if (button != remove)
            return;
        showMessage(QString());
        for (const QString &id : ids) {
            if (m_model->rowOf(id) >= 0 && !m_model->isBusy(id))
                m_sandboxes.deleteSandbox(id);
        }
    });
    box->open();
}

void SandboxManagerPanel::deleteSelected()
{
    QStringList ids;
    for (const QString &id : selectedIds()) {
        if (!m_model->isBusy(id))
            ids.append(id);
    }
    if (ids.isEmpty())
        return;
    const Sandbox first = m_model->sandbox(ids.first());
    const QString question = ids.size() == 1
        ? tr("Delete sandbox %1?").arg(first.name.isEmpty() ? first.id : first.name)
        : tr("Delete these %1 sandboxes?").arg(ids.size());
    confirmDelete(ids, question);
}

void SandboxManagerPanel::cleanUpStopped()
{
    QStringList ids;
    for (const QString &id : m_model->idsInState(QStringLiteral("stopped"))) {
        if (!m_model->isBusy(id))
            ids.append(id);
    }
    if (ids.isEmpty()) {
        showMessage(tr("No stopped sandboxes to clean up."));
        return;
    }
    const Sandbox first = m_model->sandbox(ids.first());
    confirmDelete(
        ids,
        ids.size() == 1
            ? tr("Delete the stopped sandbox %1?").arg(first.name.isEmpty() ? first.id : first.name)
            : tr("Delete all %1 stopped sandboxes?").arg(ids.size()));
}

void SandboxManagerPanel::copyIds()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(ids.join(QLatin1Char('\n')));
    showMessage(ids.size() == 1 ? tr("Copied the sandbox ID.")
                                : tr("Copied %1 sandbox IDs.").arg(ids.size()));
}

void SandboxManagerPanel::setCurrentThread(RowId threadId)
{
    m_currentThread = threadId;
    updateActions();
}

void SandboxManagerPanel::attachSelected()
{
    const QStringList ids = selectedIds();
    if (ids.size() != 1 || m_currentThread == 0)
        return;
    QString error;
    if (!m_sandboxes.attachToThread(ids.first(), m_currentThread, &error)) {
        showMessage(error);
        return;
    }
    showMessage(tr("Sandbox %1 is attached to the current thread; its agent may use it now.")
                    .arg(ids.first()));
    updateActions();
}

void SandboxManagerPanel::goToSelectedThread()
{
    const QStringList ids = selectedIds();
    if (ids.size() != 1)
        return;
    const RowId thread = m_model->threadIdOf(ids.first());
    if (thread == 0) {
        showMessage(tr("This sandbox belongs to no thread of this app."));
        return;
    }
    emit goToThread(thread);
}

QStringList SandboxManagerPanel::offeredPreviewPorts() const
{
    QList<int> ports = m_settings ? m_settings->recentPreviewPorts() : m_recentPorts;
    for (const int common : {8000, 3000, 5173, 8080}) {
        if (!ports.contains(common))
            ports.append(common);
    }
    QStringList items;
    for (const int port : std::as_const(ports))
        items.append(QString::number(port));
    return items;
}

void SandboxManagerPanel::askPreviewPort()
{
    const QStringList ids = selectedIds();
    if (ids.size() != 1)
        return;
    const QString id = ids.first();
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("sandboxPortDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Open Preview URL"));
    dialog->setLabelText(tr("Port of the server inside the sandbox (recent ones first):"));
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setComboBoxItems(offeredPreviewPorts());
    dialog->setComboBoxEditable(true);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, id](const QString &text) {
        bool ok = false;
        const int port = text.trimmed().toInt(&ok);
        if (!ok || port < 1 || port > 65535) {
            showMessage(tr("\"%1\" is not a port: give a number from 1 to 65535.").arg(text));
            return;
        }
        if (m_settings) {
            m_settings->addRecentPreviewPort(port);
        } else {
            m_recentPorts.removeAll(port);
            m_recentPorts.prepend(port);
        }
        showMessage(tr("Asking for the preview URL of port %1…").arg(port));
        m_sandboxes.requestPreviewUrl(id, port);
    });
    dialog->open();
}

void SandboxManagerPanel::onPreviewUrl(const QString &id, int port, const QUrl &url,
                                       const QString &error)
{
    Q_UNUSED(id)
    if (!url.isValid() || url.isEmpty()) {
        showMessage(tr("No preview URL for port %1: %2").arg(port).arg(error));
        return;
    }
    // The query may carry the preview's token: not shown.
    const QString shown = url.toString(QUrl::RemoveQuery);
    if (QDesktopServices::openUrl(url))
        showMessage(tr("Opened %1 in the browser.").arg(shown));
    else
        showMessage(tr("No browser could open %1; copy it from here.").arg(shown));
}

void SandboxManagerPanel::browseFiles()
{
    const QStringList ids = selectedIds();
    if (ids.size() != 1)
        return;
    auto *browser = new SandboxFileBrowser(m_sandboxes, m_model->sandbox(ids.first()), this);
    browser->setAttribute(Qt::WA_DeleteOnClose);
    browser->open();
}

void SandboxManagerPanel::editLifecycle()
{
    const QStringList ids = selectedIds();
    if (ids.size() != 1 || m_model->isBusy(ids.first()))
        return;
    auto *dialog = new SandboxLifecycleDialog(m_sandboxes, m_model->sandbox(ids.first()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}
