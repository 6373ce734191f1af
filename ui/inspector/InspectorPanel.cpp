#include "InspectorPanel.h"

#include "RunTreeModel.h"
#include "ValueViewer.h"
#include "agent/AgentEngine.h"
#include "log/Redactor.h"
#include "services/RunHistory.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

InspectorPanel::InspectorPanel(const RunHistory &history, const Redactor &redactor,
                               AgentEngine *engine, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
{
    build(redactor);
    if (engine)
        followEngine(*engine);
}

InspectorPanel::~InspectorPanel() = default;

void InspectorPanel::build(const Redactor &redactor)
{
    // The name MainWindow and its test know this pane by.
    setObjectName(QStringLiteral("toolCallInspector"));
    m_model = new RunTreeModel(m_history, redactor, this);
    m_model->setObjectName(QStringLiteral("runTreeModel"));

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("inspectorTree"));
    m_tree->setAccessibleName(tr("Runs, steps and tool calls"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true); // rows are laid out without measuring each one
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setExpandsOnDoubleClick(false); // double-click opens the value
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(RunTreeModel::NameColumn, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(RunTreeModel::ValueColumn, QHeaderView::Stretch);
    m_tree->setIndentation(14); // JSON nests deep; keep its keys readable
    m_tree->setColumnWidth(RunTreeModel::NameColumn, 230);
    m_tree->setColumnWidth(RunTreeModel::DurationColumn, 70);
    m_tree->setColumnWidth(RunTreeModel::TokensColumn, 120);
    m_tree->setColumnWidth(RunTreeModel::CostColumn, 80);

    m_viewer = new ValueViewer(this);
    m_viewer->hide();

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("inspectorSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(m_viewer);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("inspectorMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_showValueButton = new QPushButton(tr("Show Value"), this);
    m_showValueButton->setObjectName(QStringLiteral("inspectorShowValue"));
    m_showValueButton->setToolTip(tr("Show the selected value in full (Enter)"));

    const auto addAction
        = [this](const char *name, const QString &text, const QList<QKeySequence> &keys) {
              auto *action = new QAction(text, this);
              action->setObjectName(QString::fromLatin1(name));
              action->setShortcuts(keys);
              action->setShortcutContext(Qt::WidgetShortcut);
              m_tree->addAction(action);
              return action;
          };
    m_showValue = addAction("actionInspectorShowValue", tr("Show &Value"), {});
    // Enter: like a double-click (a value opens in the viewer, a run or step opens or closes).
    QAction *activateCurrent
        = addAction("actionInspectorActivate", tr("Open"),
                    {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_copyValue = addAction("actionInspectorCopyValue", tr("&Copy Value"), {QKeySequence::Copy});
    m_copyJson = addAction("actionInspectorCopyJson", tr("Copy as &JSON"),
                           {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)});
    m_copyStepLog = addAction("actionInspectorCopyStepLog", tr("Copy &Step-Log Line"),
                              {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C)});

    m_rewind = addAction("actionInspectorRewind", tr("&Rewind to After This Step…"), {});
    connect(m_rewind, &QAction::triggered, this, &InspectorPanel::rewindToStep);
    connect(activateCurrent, &QAction::triggered, this,
            [this] { activate(m_tree->currentIndex()); });
    connect(m_showValue, &QAction::triggered, this, [this] { showValue(m_tree->currentIndex()); });
    connect(m_showValueButton, &QPushButton::clicked, this,
            [this] { showValue(m_tree->currentIndex()); });
    connect(m_copyValue, &QAction::triggered, this, &InspectorPanel::copyValue);
    connect(m_copyJson, &QAction::triggered, this, &InspectorPanel::copyJson);
    connect(m_copyStepLog, &QAction::triggered, this, &InspectorPanel::copyStepLog);
    connect(m_tree, &QTreeView::doubleClicked, this, &InspectorPanel::activate);
    // One click on a changed file opens its diff.
    connect(m_tree, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        // A file row (its parent is the "changed files" row); that row itself just opens.
        if (m_model->changedFileAt(index.parent(), nullptr).isEmpty())
            return;
        RowId call = 0;
        const QString path = m_model->changedFileAt(index, &call);
        if (!path.isEmpty())
            emit changedFileActivated(call, path);
    });
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_tree->indexAt(pos);
        if (index.isValid())
            m_tree->setCurrentIndex(index);
        updateActions();
        auto *menu = new QMenu(this);
        menu->setObjectName(QStringLiteral("inspectorContextMenu"));
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(m_showValue);
        menu->addSeparator();
        menu->addAction(m_copyValue);
        menu->addAction(m_copyJson);
        menu->addAction(m_copyStepLog);
        if (m_rewindAvailable) {
            menu->addSeparator();
            menu->addAction(m_rewind);
        }
        menu->popup(m_tree->viewport()->mapToGlobal(pos));
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &InspectorPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &InspectorPanel::updateActions);
    connect(m_model, &RunTreeModel::loadFailed, this,
            [this](const QString &message) { showMessage(message, true); });
    connect(m_model, &RunTreeModel::liveRowAdded, this, [this](const QModelIndex &index) {
        // Follow the run: show new runs and steps open, and keep the newest in view when the
        // user was looking at the end of the tree.
        QScrollBar *bar = m_tree->verticalScrollBar();
        const bool atEnd = bar->value() >= bar->maximum();
        m_tree->expand(index);
        if (atEnd)
            m_tree->scrollTo(index);
    });
    connect(m_viewer, &ValueViewer::closed, m_tree, [this] { m_tree->setFocus(); });

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(4, 0, 4, 0);
    buttons->addWidget(m_message, 1);
    buttons->addStretch();
    buttons->addWidget(m_showValueButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_splitter, 1);
    layout->addLayout(buttons);
    updateActions();
}

void InspectorPanel::followEngine(AgentEngine &engine)
{
    if (m_engine == &engine)
        return;
    if (m_engine)
        disconnect(m_engine, nullptr, m_model, nullptr);
    m_engine = &engine;
    connect(&engine, &AgentEngine::runEvent, m_model, &RunTreeModel::applyEvent);
}

void InspectorPanel::setThread(RowId id)
{
    m_message->hide();
    m_viewer->hide();
    if (!m_model->setThread(id))
        return; // loadFailed shows why
    const int runs = m_model->rowCount();
    if (runs > 0) {
        const QModelIndex latest = m_model->index(runs - 1, 0);
        if (m_model->canFetchMore(latest))
            m_model->fetchMore(latest);
        m_tree->expand(latest);
    }
    if (m_engine) {
        for (const ApprovalRequest &request : m_engine->pendingApprovals()) {
            if (request.threadId == id)
                m_model->setAwaitingApproval(request.toolCallRowId);
        }
    }
}

void InspectorPanel::selectToolCall(RowId toolCallRowId)
{
    QModelIndex index = m_model->indexForToolCall(toolCallRowId);
    if (!index.isValid()) {
        // Another thread's call: go there first.
        const auto thread = m_history.threadOfToolCall(toolCallRowId);
        if (!thread) {
            showMessage(tr("That tool call cannot be shown: %1").arg(thread.error()), true);
            return;
        }
        if (*thread != m_model->threadId())
            setThread(*thread);
        index = m_model->indexForToolCall(toolCallRowId);
        if (!index.isValid())
            return;
    }
    QList<QModelIndex> chain;
    for (QModelIndex i = index.parent(); i.isValid(); i = i.parent())
        chain.prepend(i);
    for (const QModelIndex &i : std::as_const(chain))
        m_tree->expand(i);
    m_tree->expand(index);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

void InspectorPanel::updateActions()
{
    const QModelIndex current = m_tree->currentIndex();
    const bool any = current.isValid();
    m_showValue->setEnabled(any);
    m_showValueButton->setEnabled(any);
    m_copyValue->setEnabled(any);
    m_copyJson->setEnabled(any);
    m_copyStepLog->setEnabled(m_model->stepOf(current).isValid());
    m_rewind->setEnabled(m_model->stepOf(current).isValid());
}

void InspectorPanel::rewindToStep()
{
    const QModelIndex step = m_model->stepOf(m_tree->currentIndex());
    if (!step.isValid())
        return;
    const RowId stepId = step.data(RunTreeModel::RecordIdRole).toLongLong();
    const RowId runId = step.parent().data(RunTreeModel::RecordIdRole).toLongLong();
    const auto steps = m_history.listSteps(runId);
    if (!steps) {
        showMessage(steps.error(), true);
        return;
    }
    for (const StepRecord &record : *steps) {
        if (record.id == stepId) {
            emit rewindToStepRequested(m_model->threadId(), runId, record.index);
            return;
        }
    }
}

void InspectorPanel::showMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    // Bold rather than a colour of its own: it reads the same in light and dark themes.
    QFont font = m_message->font();
    font.setBold(isError);
    m_message->setFont(font);
    m_message->setVisible(!text.isEmpty());
}

QString InspectorPanel::pathOf(const QModelIndex &index) const
{
    QStringList parts;
    for (QModelIndex i = index; i.isValid(); i = i.parent())
        parts.prepend(i.siblingAtColumn(RunTreeModel::NameColumn).data().toString());
    return parts.join(QStringLiteral(" › "));
}

void InspectorPanel::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    RowId call = 0;
    const QString path = m_model->changedFileAt(index, &call);
    if (!path.isEmpty()) {
        emit changedFileActivated(call, path);
        return;
    }
    if (const QString process = m_model->processAt(index); !process.isEmpty()) {
        emit processActivated(process);
        return;
    }
    // A run or a step is a folder of calls (its JSON can be megabytes): open or close it.
    const RunTreeModel::NodeKind kind = m_model->kindOf(index);
    if (kind == RunTreeModel::NodeKind::Run || kind == RunTreeModel::NodeKind::Step) {
        const QModelIndex row = index.siblingAtColumn(RunTreeModel::NameColumn);
        m_tree->setExpanded(row, !m_tree->isExpanded(row));
        return;
    }
    showValue(index);
}

void InspectorPanel::showValue(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QModelIndex row = index.siblingAtColumn(RunTreeModel::NameColumn);
    m_viewer->showValue(pathOf(row), m_model->fullValue(row));
}

void InspectorPanel::copyValue()
{
    const QModelIndex index = m_tree->currentIndex().siblingAtColumn(RunTreeModel::NameColumn);
    if (!index.isValid())
        return;
    const QString value = m_model->kindOf(index) == RunTreeModel::NodeKind::Value
        ? m_model->fullValue(index)
        : index.siblingAtColumn(RunTreeModel::ValueColumn).data().toString();
    QGuiApplication::clipboard()->setText(value);
    showMessage(tr("Copied the value of %1.").arg(pathOf(index)), false);
}

void InspectorPanel::copyJson()
{
    const QModelIndex index = m_tree->currentIndex().siblingAtColumn(RunTreeModel::NameColumn);
    if (!index.isValid())
        return;
    QGuiApplication::clipboard()->setText(QString::fromUtf8(m_model->toJson(index)));
    showMessage(tr("Copied %1 as JSON.").arg(pathOf(index)), false);
}

void InspectorPanel::copyStepLog()
{
    QString error;
    const QModelIndex current = m_tree->currentIndex();
    const QByteArray line = m_model->stepLogLine(current, &error);
    if (line.isEmpty()) {
        showMessage(error, true);
        return;
    }
    QGuiApplication::clipboard()->setText(QString::fromUtf8(line.trimmed()));
    showMessage(tr("Copied the step-log line of %1.").arg(pathOf(m_model->stepOf(current))), false);
}
