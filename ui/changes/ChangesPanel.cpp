// The Changes tab (see ChangesPanel.h).
#include "ChangesPanel.h"

#include "agent/AgentEngine.h"
#include "changes/ChangedFilesModel.h"
#include "changes/DiffEditor.h"
#include "changes/DiffRender.h"
#include "changes/DiffView.h"
#include "services/CheckpointService.h"
#include "services/RunHistory.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

ChangesPanel::ChangesPanel(CheckpointService *checkpoints, const RunHistory &history,
                           AgentEngine *engine, QWidget *parent)
    : QWidget(parent)
    , m_checkpoints(checkpoints)
    , m_history(history)
    , m_engine(engine)
{
    build();
    createActions();
    m_render = new QFutureWatcher<DiffRendering>(this);
    connect(m_render, &QFutureWatcher<DiffRendering>::finished, this,
            &ChangesPanel::renderingReady);
    if (m_engine) {
        // A finished run changes "last run" and the list of runs.
        connect(m_engine, &AgentEngine::runEvent, this, [this](const RunEvent &event) {
            if (event.threadId != m_thread)
                return;
            if (event.type == RunEvent::Type::RunFinished || event.type == RunEvent::Type::RunFailed
                || event.type == RunEvent::Type::RunCancelled) {
                reloadRanges();
                rangeChosen();
            }
            updateActions();
        });
    }
    if (m_checkpoints) {
        connect(m_checkpoints, &CheckpointService::changesReady, this, &ChangesPanel::changesReady);
        connect(m_checkpoints, &CheckpointService::rewindFinished, this,
                &ChangesPanel::rewindFinished);
        connect(m_checkpoints, &CheckpointService::exportFinished, this,
                &ChangesPanel::exportFinished);
        connect(m_checkpoints, &CheckpointService::checkpointsChanged, this,
                [this](RowId threadId) {
                    if (threadId != m_thread)
                        return;
                    reloadRanges();
                    updateActions();
                });
    } else {
        showMessage(tr("Changes are not available: the agent cannot run here."), true);
    }
    updateActions();
}

ChangesPanel::~ChangesPanel()
{
    m_render->waitForFinished(); // the worker only reads its own copy; this is quick
}

void ChangesPanel::build()
{
    setObjectName(QStringLiteral("changesPanel"));

    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("changesRange"));
    m_range->setAccessibleName(tr("Range of changes"));
    m_range->setToolTip(tr("Which change to show"));
    auto *rangeLabel = new QLabel(tr("S&how:"), this);
    rangeLabel->setBuddy(m_range);

    m_from = new QComboBox(this);
    m_from->setObjectName(QStringLiteral("changesFrom"));
    m_from->setAccessibleName(tr("From step"));
    m_to = new QComboBox(this);
    m_to->setObjectName(QStringLiteral("changesTo"));
    m_to->setAccessibleName(tr("To step"));
    m_stepsRow = new QWidget(this);
    auto *steps = new QHBoxLayout(m_stepsRow);
    steps->setContentsMargins(0, 0, 0, 0);
    auto *fromLabel = new QLabel(tr("&From:"), m_stepsRow);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&To:"), m_stepsRow);
    toLabel->setBuddy(m_to);
    steps->addWidget(fromLabel);
    steps->addWidget(m_from, 1);
    steps->addWidget(toLabel);
    steps->addWidget(m_to, 1);
    m_stepsRow->hide();

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("changesSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("changesMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_model = new ChangedFilesModel(this);
    m_model->setObjectName(QStringLiteral("changedFilesModel"));
    m_files = new QTreeView(this);
    m_files->setObjectName(QStringLiteral("changedFiles"));
    m_files->setAccessibleName(tr("Changed files"));
    m_files->setModel(m_model);
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->setAlternatingRowColors(true);
    m_files->setSelectionMode(QAbstractItemView::SingleSelection);
    m_files->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_files->setAllColumnsShowFocus(true);
    m_files->header()->setStretchLastSection(false);
    m_files->header()->setSectionResizeMode(ChangedFilesModel::StatusColumn,
                                            QHeaderView::ResizeToContents);
    m_files->header()->setSectionResizeMode(ChangedFilesModel::PathColumn, QHeaderView::Stretch);
    m_files->header()->setSectionResizeMode(ChangedFilesModel::CountsColumn,
                                            QHeaderView::ResizeToContents);

    m_diff = new DiffView(this);
    m_diff->showMessage(tr("Pick a file to see its diff."));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("changesSplitter"));
    split->setChildrenCollapsible(false);
    split->addWidget(m_files);
    split->addWidget(m_diff);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    split->setSizes({140, 560}); // the diff is what is read; the list is mostly short

    m_sideBySide = new QCheckBox(tr("Side &by side"), this);
    m_sideBySide->setObjectName(QStringLiteral("changesSideBySide"));
    m_sideBySide->setToolTip(tr("Show the old and the new file next to each other"));
    m_copyHunkButton = new QToolButton(this);
    m_copyHunkButton->setObjectName(QStringLiteral("changesCopyHunk"));
    m_copyHunkButton->setText(tr("Copy Hunk"));
    m_copyHunkButton->setToolTip(tr("Copy the hunk at the cursor as a patch fragment"));
    m_revert = new QPushButton(tr("Re&vert File"), this);
    m_revert->setObjectName(QStringLiteral("changesRevertFile"));
    m_revert->setToolTip(tr("Revert this file to before the run"));
    m_export = new QToolButton(this);
    m_export->setObjectName(QStringLiteral("changesExport"));
    m_export->setText(tr("E&xport"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    m_export->setToolTip(tr("Export the net change as a patch or the changed files as an archive"));
    m_rewind = new QPushButton(tr("&Rewind…"), this);
    m_rewind->setObjectName(QStringLiteral("changesRewind"));
    m_rewind->setToolTip(tr("Go back to an earlier point: files, conversation or both"));
    m_undo = new QPushButton(tr("&Undo Rewind"), this);
    m_undo->setObjectName(QStringLiteral("changesUndoRewind"));
    m_undo->setToolTip(tr("Bring back the files as they were before the last rewind"));
    m_undo->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(rangeLabel);
    top->addWidget(m_range, 1);
    top->addWidget(m_undo);
    top->addWidget(m_rewind);
    auto *tools = new QHBoxLayout;
    tools->addWidget(m_summary, 1);
    tools->addWidget(m_sideBySide);
    tools->addWidget(m_copyHunkButton);
    tools->addWidget(m_revert);
    tools->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_stepsRow);
    layout->addWidget(m_message);
    layout->addLayout(tools);
    layout->addWidget(split, 1);

    connect(m_range, &QComboBox::activated, this, [this] { rangeChosen(); });
    connect(m_from, &QComboBox::activated, this, [this] { rangeChosen(); });
    connect(m_to, &QComboBox::activated, this, [this] { rangeChosen(); });
    connect(m_files->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ChangesPanel::fileSelected);
    connect(m_sideBySide, &QCheckBox::toggled, m_diff, &DiffView::setSideBySide);
    connect(m_copyHunkButton, &QToolButton::clicked, this, &ChangesPanel::copyHunk);
    connect(m_revert, &QPushButton::clicked, this, &ChangesPanel::revertSelectedFile);
    connect(m_rewind, &QPushButton::clicked, this,
            [this] { emit rewindRequested(m_thread, rewindStep()); });
    connect(m_undo, &QPushButton::clicked, this, &ChangesPanel::undoRewind);
}

void ChangesPanel::createActions()
{
    const auto add = [this](const char *name, const QString &text, const QKeySequence &key) {
        auto *action = new QAction(text, this);
        action->setObjectName(QString::fromLatin1(name));
        action->setShortcut(key);
        // Anywhere in the tab: the file list or the diff.
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        return action;
    };
    m_nextFile
        = add("actionChangesNextFile", tr("Next File"), QKeySequence(Qt::ALT | Qt::Key_Down));
    m_previousFile
        = add("actionChangesPreviousFile", tr("Previous File"), QKeySequence(Qt::ALT | Qt::Key_Up));
    m_nextHunk = add("actionChangesNextHunk", tr("Next Hunk"), QKeySequence(Qt::Key_F8));
    m_previousHunk = add("actionChangesPreviousHunk", tr("Previous Hunk"),
                         QKeySequence(Qt::SHIFT | Qt::Key_F8));
    m_copyHunk = add("actionChangesCopyHunk", tr("Copy &Hunk"),
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_exportPatch = new QAction(tr("Export as &Patch…"), this);
    m_exportPatch->setObjectName(QStringLiteral("actionChangesExportPatch"));
    m_exportArchive = new QAction(tr("Export Changed Files as &Archive…"), this);
    m_exportArchive->setObjectName(QStringLiteral("actionChangesExportArchive"));
    auto *menu = new QMenu(m_export);
    menu->addAction(m_exportPatch);
    menu->addAction(m_exportArchive);
    m_export->setMenu(menu);

    connect(m_nextFile, &QAction::triggered, this, &ChangesPanel::nextFile);
    connect(m_previousFile, &QAction::triggered, this, &ChangesPanel::previousFile);
    connect(m_nextHunk, &QAction::triggered, m_diff, &DiffView::nextHunk);
    connect(m_previousHunk, &QAction::triggered, m_diff, &DiffView::previousHunk);
    connect(m_copyHunk, &QAction::triggered, this, &ChangesPanel::copyHunk);
    connect(m_exportPatch, &QAction::triggered, this, &ChangesPanel::exportPatch);
    connect(m_exportArchive, &QAction::triggered, this, &ChangesPanel::exportArchive);
}

bool ChangesPanel::isBusy() const
{
    return m_loading || m_render->isRunning();
}

void ChangesPanel::showMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    QFont font = m_message->font();
    font.setBold(isError);
    m_message->setFont(font);
    m_message->setVisible(!text.isEmpty());
}

void ChangesPanel::updateActions()
{
    const bool hasFiles = m_model->rowCount() > 0;
    const bool hasFile = m_files->currentIndex().isValid();
    const bool running = m_engine && m_thread && m_engine->isRunning(m_thread);
    m_nextFile->setEnabled(hasFiles);
    m_previousFile->setEnabled(hasFiles);
    m_nextHunk->setEnabled(m_diff->hunkCount() > 0);
    m_previousHunk->setEnabled(m_diff->hunkCount() > 0);
    m_copyHunk->setEnabled(m_diff->hunkCount() > 0);
    m_copyHunkButton->setEnabled(m_diff->hunkCount() > 0);
    m_export->setEnabled(hasFiles);
    m_revert->setEnabled(hasFile && !running && !m_sandboxGone && m_checkpoints);
    m_revert->setToolTip(running ? tr("Wait for the run to end before reverting a file")
                             : m_sandboxGone
                             ? tr("The sandbox was deleted: files cannot be reverted")
                             : tr("Revert this file to before the run"));
    m_rewind->setEnabled(m_thread != 0 && m_checkpoints && !m_steps.isEmpty());
    m_undo->setVisible(m_checkpoints && m_thread && m_checkpoints->canUndoRewind(m_thread));
    m_undo->setEnabled(!running);
}

QString ChangesPanel::summaryText(const ChangeSet &changes) const
{
    if (changes.files.isEmpty())
        return tr("No files changed");
    return DiffRender::changedText(int(changes.files.size()), changes.additions, changes.deletions);
}

void ChangesPanel::nextFile()
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    const int row = m_files->currentIndex().isValid() ? m_files->currentIndex().row() + 1 : 0;
    m_files->setCurrentIndex(m_model->index(qMin(row, rows - 1), 0));
}

void ChangesPanel::previousFile()
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return;
    const int row = m_files->currentIndex().isValid() ? m_files->currentIndex().row() - 1 : 0;
    m_files->setCurrentIndex(m_model->index(qMax(row, 0), 0));
}

bool ChangesPanel::selectFile(const QString &path)
{
    const int row = m_model->rowOfPath(path);
    if (row < 0)
        return false;
    m_files->setCurrentIndex(m_model->index(row, 0));
    m_files->scrollTo(m_model->index(row, 0));
    return true;
}

void ChangesPanel::fileSelected()
{
    const QModelIndex current = m_files->currentIndex();
    updateActions();
    const FileChange *file = current.isValid() ? m_model->file(current.row()) : nullptr;
    if (!file) {
        m_diff->showMessage(m_model->rowCount() ? tr("Pick a file to see its diff.") : QString());
        updateActions();
        return;
    }
    m_renderRow = current.row();
    m_diff->showMessage(tr("Preparing the diff of %1…").arg(file->displayPath()));
    // Off the GUI thread: a diff of many thousand lines must not stall the window.
    m_render->setFuture(QtConcurrent::run(&DiffRender::render, *file));
}

void ChangesPanel::renderingReady()
{
    if (m_render->future().isCanceled() || m_renderRow != m_files->currentIndex().row())
        return; // another file was picked meanwhile; its own rendering follows
    m_diff->showRendering(m_render->result());
    updateActions();
}

void ChangesPanel::copyHunk()
{
    const QModelIndex current = m_files->currentIndex();
    const FileChange *file = current.isValid() ? m_model->file(current.row()) : nullptr;
    if (!file)
        return;
    const int hunk = m_diff->currentHunk();
    const QString text = DiffRender::hunkText(*file, hunk);
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    showMessage(tr("Copied hunk %1 of %2.").arg(hunk + 1).arg(file->displayPath()), false);
    emit hunkCopied(text);
}

// --- the range and the change set ---------------------------------------------------------

namespace {
enum RangeCode { LastRunCode, ThreadCode, RunCode, StepsCode, ToolCallCode };
constexpr int kIdRole = Qt::UserRole + 1;
} // namespace

void ChangesPanel::setThread(RowId threadId)
{
    m_thread = threadId;
    m_notice.clear();
    m_shown = ChangeRange::lastRun();
    m_sandboxGone = false;
    m_model->setChangeSet({});
    m_summary->clear();
    m_diff->showMessage(QString());
    showMessage(QString(), false);
    reloadRanges();
    if (threadId && m_checkpoints)
        requestChanges(ChangeRange::lastRun());
    else if (m_checkpoints)
        m_diff->showMessage(tr("Pick a thread to see what its agent changed."));
    updateActions();
}

void ChangesPanel::reloadRanges()
{
    const ChangeRange shown = m_shown;
    m_range->clear();
    m_from->clear();
    m_to->clear();
    m_steps.clear();
    if (!m_thread || !m_checkpoints)
        return;
    if (auto steps = m_checkpoints->steps(m_thread))
        m_steps = *steps;
    else
        showMessage(steps.error(), true);

    m_range->addItem(tr("Last run"), LastRunCode);
    m_range->addItem(tr("Since the thread began"), ThreadCode);
    QList<RowId> runs;
    for (const ThreadStep &step : std::as_const(m_steps)) {
        if (!runs.contains(step.runId))
            runs.append(step.runId);
    }
    for (int i = 0; i < runs.size(); ++i) {
        QString label = tr("Run %1").arg(i + 1);
        for (const ThreadStep &step : std::as_const(m_steps)) {
            if (step.runId == runs.at(i) && !step.userText.isEmpty()) {
                label += QStringLiteral(": ") + step.userText.simplified().left(60);
                break;
            }
        }
        m_range->addItem(label, RunCode);
        m_range->setItemData(m_range->count() - 1, runs.at(i), kIdRole);
    }
    m_range->addItem(tr("Between two steps…"), StepsCode);

    m_from->addItem(tr("The thread's beginning"), 0);
    for (const ThreadStep &step : std::as_const(m_steps)) {
        QString label = tr("After step %1").arg(step.number);
        if (step.filesChanged > 0)
            label += QStringLiteral(" (") + DiffRender::filesText(step.filesChanged)
                + QLatin1Char(')');
        m_from->addItem(label, step.number);
        m_to->addItem(label, step.number);
    }
    m_to->addItem(tr("Now"), -1);
    m_to->setCurrentIndex(m_to->count() - 1);
    selectRange(shown);
}

void ChangesPanel::selectRange(const ChangeRange &range)
{
    int code = LastRunCode;
    switch (range.kind) {
    case ChangeRange::Kind::LastRun:
        code = LastRunCode;
        break;
    case ChangeRange::Kind::SinceThreadBegan:
        code = ThreadCode;
        break;
    case ChangeRange::Kind::Run:
        code = RunCode;
        break;
    case ChangeRange::Kind::Steps:
        code = StepsCode;
        break;
    case ChangeRange::Kind::ToolCall:
        code = ToolCallCode;
        break;
    }
    int row = -1;
    for (int i = 0; i < m_range->count() && row < 0; ++i) {
        if (m_range->itemData(i).toInt() != code)
            continue;
        if (code == RunCode && m_range->itemData(i, kIdRole).toLongLong() != range.runId)
            continue;
        if (code == ToolCallCode && m_range->itemData(i, kIdRole).toLongLong() != range.toolCallId)
            continue;
        row = i;
    }
    if (row < 0 && code == ToolCallCode) {
        // One tool call's change (from the inspector): an entry of its own while it is shown.
        m_range->addItem(tr("One tool call"), ToolCallCode);
        row = m_range->count() - 1;
        m_range->setItemData(row, range.toolCallId, kIdRole);
    }
    m_range->setCurrentIndex(qMax(0, row));
    if (code == StepsCode) {
        m_from->setCurrentIndex(qMax(0, m_from->findData(range.fromStep)));
        m_to->setCurrentIndex(qMax(0, m_to->findData(range.toStep)));
    }
    m_stepsRow->setVisible(code == StepsCode);
}

ChangeRange ChangesPanel::chosenRange() const
{
    switch (m_range->currentData().toInt()) {
    case ThreadCode:
        return ChangeRange::sinceThreadBegan();
    case RunCode:
        return ChangeRange::run(m_range->currentData(kIdRole).toLongLong());
    case StepsCode:
        return ChangeRange::steps(m_from->currentData().toInt(),
                                  m_to->count() ? m_to->currentData().toInt() : -1);
    case ToolCallCode:
        return ChangeRange::toolCall(m_range->currentData(kIdRole).toLongLong());
    default:
        return ChangeRange::lastRun();
    }
}

void ChangesPanel::rangeChosen()
{
    m_notice.clear();
    m_stepsRow->setVisible(m_range->currentData().toInt() == StepsCode);
    if (m_thread && m_checkpoints)
        requestChanges(chosenRange());
}

void ChangesPanel::showRun(RowId runId)
{
    if (!m_checkpoints)
        return;
    if (auto run = m_history.run(runId); run && run->threadId != m_thread)
        setThread(run->threadId);
    selectRange(ChangeRange::run(runId));
    requestChanges(ChangeRange::run(runId));
}

void ChangesPanel::showToolCallFile(RowId toolCallRowId, const QString &path)
{
    if (!m_checkpoints)
        return;
    if (auto thread = m_history.threadOfToolCall(toolCallRowId); thread && *thread != m_thread)
        setThread(*thread);
    m_pendingFile = path;
    selectRange(ChangeRange::toolCall(toolCallRowId));
    requestChanges(ChangeRange::toolCall(toolCallRowId));
}

void ChangesPanel::requestChanges(const ChangeRange &range)
{
    m_shown = range;
    m_loading = true;
    m_ticket = m_checkpoints->requestChanges(m_thread, range);
    m_summary->setText(tr("Computing the changes…"));
    updateActions();
}

void ChangesPanel::changesReady(const ChangesResult &result)
{
    if (result.request != m_ticket)
        return; // an older range, or another window's question
    m_loading = false;
    const QString keep = m_files->currentIndex().isValid()
        ? m_files->currentIndex().data(ChangedFilesModel::PathRole).toString()
        : QString();
    m_sandboxGone = result.sandboxGone;
    if (!result.error.isEmpty()) {
        m_model->setChangeSet({});
        m_summary->clear();
        m_diff->showMessage(QString());
        // "Nothing changed yet" is news, not a failure.
        const bool anyChange
            = std::any_of(m_steps.cbegin(), m_steps.cend(),
                          [](const ThreadStep &step) { return step.filesChanged > 0; });
        showMessage(result.error, anyChange);
        updateActions();
        return;
    }
    QStringList notes;
    if (result.sandboxGone)
        notes << tr("The sandbox was deleted: these changes can be read and exported, not "
                    "rewound.");
    if (result.fromStoreOnly)
        notes << tr("The storage cap removed these checkpoints' contents: files and counts only.");
    if (!m_notice.isEmpty())
        notes << m_notice;
    showMessage(notes.join(QLatin1Char(' ')), false);
    m_model->setChangeSet(result.changes);
    m_summary->setText(summaryText(result.changes));
    QString select = m_pendingFile.isEmpty() ? keep : m_pendingFile;
    m_pendingFile.clear();
    if (m_model->rowCount() == 0) {
        m_diff->showMessage(QString());
    } else if (select.isEmpty() || !selectFile(select)) {
        m_files->setCurrentIndex(m_model->index(0, 0));
    }
    updateActions();
}

RowId ChangesPanel::revertRun() const
{
    switch (m_shown.kind) {
    case ChangeRange::Kind::Run:
        return m_shown.runId;
    case ChangeRange::Kind::ToolCall:
        if (auto call = m_history.toolCall(m_shown.toolCallId))
            return call->runId;
        return 0;
    case ChangeRange::Kind::SinceThreadBegan:
        return m_steps.isEmpty() ? 0 : m_steps.first().runId;
    case ChangeRange::Kind::Steps:
        for (const ThreadStep &step : m_steps) {
            if (step.number > m_shown.fromStep)
                return step.runId;
        }
        return 0;
    case ChangeRange::Kind::LastRun:
        break;
    }
    return m_steps.isEmpty() ? 0 : m_steps.last().runId;
}

int ChangesPanel::rewindStep() const
{
    // The start of what is shown: rewinding there undoes exactly what the tab shows.
    const RowId run = revertRun();
    if (m_shown.kind == ChangeRange::Kind::Steps)
        return m_shown.fromStep;
    if (m_shown.kind == ChangeRange::Kind::SinceThreadBegan)
        return 0;
    int before = 0;
    for (const ThreadStep &step : m_steps) {
        if (step.runId == run)
            return before;
        before = step.number;
    }
    return before;
}

void ChangesPanel::revertSelectedFile()
{
    const QModelIndex current = m_files->currentIndex();
    const FileChange *file = current.isValid() ? m_model->file(current.row()) : nullptr;
    if (!file || !m_checkpoints)
        return;
    const RowId run = revertRun();
    if (!run) {
        showMessage(tr("There is no run to revert this file to."), true);
        return;
    }
    m_jobs.insert(m_checkpoints->revertFile(m_thread, run, file->path));
    showMessage(tr("Reverting %1…").arg(file->displayPath()), false);
}

void ChangesPanel::undoRewind()
{
    if (!m_checkpoints || !m_thread)
        return;
    m_jobs.insert(m_checkpoints->undoRewind(m_thread));
    showMessage(tr("Undoing the rewind…"), false);
}

void ChangesPanel::rewindFinished(const RewindResult &result)
{
    if (result.threadId != m_thread)
        return;
    const bool mine = m_jobs.remove(result.request);
    if (!result.error.isEmpty()) {
        if (mine)
            showMessage(result.error, true);
    } else if (mine) {
        QString text = tr("Done: %1 restored.").arg(DiffRender::filesText(result.filesRestored));
        if (!result.notRestored.isEmpty())
            text += QLatin1Char(' ')
                + tr("Left as they are: %1.").arg(result.notRestored.join(QLatin1String(", ")));
        m_notice = text;
        showMessage(text, false);
    }
    // The home changed (here or through the rewind dialog): show it again.
    reloadRanges();
    requestChanges(m_shown);
}

void ChangesPanel::exportPatch()
{
    auto *dialog = new QFileDialog(this, tr("Export the Changes as a Patch"));
    dialog->setObjectName(QStringLiteral("exportPatchDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(tr("Patches (*.patch *.diff)"));
    dialog->setDefaultSuffix(QStringLiteral("patch"));
    dialog->setDirectory(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    dialog->selectFile(QStringLiteral("changes.patch"));
    connect(dialog, &QFileDialog::fileSelected, this, &ChangesPanel::exportPatchTo);
    dialog->open();
}

void ChangesPanel::exportArchive()
{
    auto *dialog = new QFileDialog(this, tr("Export the Changed Files as an Archive"));
    dialog->setObjectName(QStringLiteral("exportArchiveDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(tr("Tar archives (*.tar)"));
    dialog->setDefaultSuffix(QStringLiteral("tar"));
    dialog->setDirectory(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    dialog->selectFile(QStringLiteral("changed-files.tar"));
    connect(dialog, &QFileDialog::fileSelected, this, &ChangesPanel::exportArchiveTo);
    dialog->open();
}

void ChangesPanel::exportPatchTo(const QString &path)
{
    if (!m_checkpoints || !m_thread || path.isEmpty())
        return;
    m_jobs.insert(m_checkpoints->exportPatch(m_thread, m_shown, path));
    showMessage(tr("Writing %1…").arg(path), false);
}

void ChangesPanel::exportArchiveTo(const QString &path)
{
    if (!m_checkpoints || !m_thread || path.isEmpty())
        return;
    m_jobs.insert(m_checkpoints->exportArchive(m_thread, m_shown, path));
    showMessage(tr("Writing %1…").arg(path), false);
}

void ChangesPanel::exportFinished(const ExportFinished &result)
{
    if (!m_jobs.remove(result.request))
        return;
    if (!result.error.isEmpty()) {
        showMessage(result.error, true);
        return;
    }
    QString text = tr("Wrote %1 to %2 (%3).")
                       .arg(DiffRender::filesText(result.files), result.filePath,
                            DiffRender::sizeText(result.bytes));
    if (!result.leftOut.isEmpty())
        text += QLatin1Char(' ')
            + tr("Left out (too big): %1.").arg(result.leftOut.join(QLatin1String(", ")));
    m_notice = text;
    showMessage(text, false);
}
