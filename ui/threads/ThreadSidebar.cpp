// ThreadSidebar: search, new thread, and the thread list with its row actions.
#include "ThreadSidebar.h"

#include "DeleteThreadDialog.h"
#include "ThreadItemDelegate.h"
#include "ThreadListModel.h"

#include "agent/AgentEngine.h"
#include "agent/ThreadExport.h"
#include "core/Settings.h"
#include "services/RunHistory.h"
#include "services/SandboxService.h"
#include "services/ThreadService.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace {
constexpr int kInfoMessageMs = 8000;

QAction *makeAction(QWidget *owner, const QString &text, const char *objectName,
                    const QKeySequence &shortcut = {})
{
    auto *action = new QAction(text, owner);
    action->setObjectName(QLatin1String(objectName));
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetShortcut); // only while the list has focus
    owner->addAction(action);
    return action;
}

// A file name from a thread title: what a person would type, without path separators.
QString fileNameFor(const QString &title)
{
    QString name = title.simplified();
    static const QString forbidden = QStringLiteral("/\\:*?\"<>|");
    for (QChar &c : name) {
        if (forbidden.contains(c) || c.category() == QChar::Other_Control)
            c = QLatin1Char('-');
    }
    name.truncate(80);
    return name.isEmpty() ? QStringLiteral("thread") : name;
}
} // namespace

ThreadSidebar::ThreadSidebar(ThreadService &threads, SandboxService &sandboxes,
                             const RunHistory &history, Settings &settings,
                             const Redactor &redactor, AgentEngine *engine, QWidget *parent)
    : QWidget(parent)
    , m_threads(threads)
    , m_sandboxes(sandboxes)
    , m_history(history)
    , m_settings(settings)
    , m_redactor(redactor)
    , m_engine(engine)
{
    setObjectName(QStringLiteral("threadSidebar"));
    connect(&m_sandboxes, &SandboxService::operationFinished, this,
            &ThreadSidebar::onSandboxOperationFinished);
    m_model = new ThreadListModel(threads, this);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("threadSearchField"));
    m_search->setAccessibleName(tr("Search threads"));
    m_search->setPlaceholderText(tr("Search threads"));
    m_search->setToolTip(tr("Searches thread titles, message text and tool calls (commands, "
                            "files, output)"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);

    m_newThread = new QToolButton(this);
    m_newThread->setObjectName(QStringLiteral("newThreadButton"));
    m_newThread->setText(tr("New"));
    m_newThread->setToolTip(tr("New thread"));

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("threadList"));
    m_list->setAccessibleName(tr("Threads"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ThreadItemDelegate(*m_model, m_list));
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers); // F2 is the rename action
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("threadEmptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->hide();

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("threadSidebarMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_newThread);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty, 1);

    m_renameAction = makeAction(m_list, tr("Rename"), "threadRenameAction", Qt::Key_F2);
    m_pinAction = makeAction(m_list, tr("Pin"), "threadPinAction");
    m_exportAction = makeAction(m_list, tr("Export…"), "threadExportAction");
    m_deleteAction = makeAction(m_list, tr("Delete…"), "threadDeleteAction", QKeySequence::Delete);
    connect(m_renameAction, &QAction::triggered, this, &ThreadSidebar::renameCurrentThread);
    connect(m_pinAction, &QAction::triggered, this, &ThreadSidebar::togglePinCurrentThread);
    connect(m_exportAction, &QAction::triggered, this, &ThreadSidebar::exportCurrentThread);
    connect(m_deleteAction, &QAction::triggered, this, &ThreadSidebar::deleteCurrentThread);

    connect(&threads, &ThreadService::searchFinished, this, &ThreadSidebar::onSearchFinished);
    connect(&threads, &ThreadService::errorOccurred, this,
            [this](const QString &message) { showMessage(message, true); });
    // No debounce: a query takes milliseconds (a few tens at 100,000 threads) on the
    // searcher's thread, which skips every request a newer keystroke superseded while it was
    // busy. So the first keystroke after a pause searches at once, and fast typing coalesces
    // into one query per finished one. (The zero timer only merges changes made in one go.)
    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(0);
    connect(m_searchTimer, &QTimer::timeout, this, &ThreadSidebar::applySearch);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.trimmed().isEmpty())
            applySearch(); // clearing shows the whole list at once
        else
            m_searchTimer->start();
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_selectFirstHit = true;
        applySearch();
    });

    m_messageTimer = new QTimer(this);
    m_messageTimer->setSingleShot(true);
    connect(m_messageTimer, &QTimer::timeout, this, &ThreadSidebar::clearMessage);

    m_dayTimer = new QTimer(this);
    m_dayTimer->setSingleShot(true);
    connect(m_dayTimer, &QTimer::timeout, this, [this] {
        const auto *editor = m_list->findChild<QWidget *>(QStringLiteral("threadRenameEditor"));
        if (editor && editor->isVisible())
            m_dayTimer->start(60 * 1000); // not under the user's typing
        else
            reload();
    });

    connect(m_newThread, &QToolButton::clicked, this, [this] { newThread(); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ThreadSidebar::onCurrentIndexChanged);
    connect(m_list, &QListView::customContextMenuRequested, this, &ThreadSidebar::showContextMenu);
    connect(m_model, &ThreadListModel::errorOccurred, this,
            [this](const QString &message) { showMessage(message, true); });
    // Rows come and go without a reset (runs, new threads): keep the empty state true.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ThreadSidebar::updateEmptyState);
    connect(
        m_model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
        [this](const QModelIndex &, int first, int last) { onRowsAboutToBeRemoved(first, last); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ThreadSidebar::onRowsRemoved);
    // After the model (connected first): a current thread that a search hid had no row.
    connect(&threads, &ThreadService::threadRemoved, this, [this](RowId id) {
        if (id == m_currentId)
            selectThread(0);
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ThreadSidebar::updateActions);

    if (m_engine)
        connect(m_engine, &AgentEngine::runEvent, this, &ThreadSidebar::onRunEvent);
    reload();
}

void ThreadSidebar::onRunEvent(const RunEvent &event)
{
    m_model->applyRunEvent(event);
}

void ThreadSidebar::scheduleDayChange()
{
    const QDateTime now = QDateTime::currentDateTime();
    const qint64 untilMidnight = now.msecsTo(now.date().addDays(1).startOfDay());
    m_dayTimer->start(int(qBound(qint64(1000), untilMidnight + 1000, qint64(24) * 3600 * 1000)));
}

void ThreadSidebar::reload()
{
    scheduleDayChange();
    if (!m_model->reload())
        showMessage(tr("Threads could not be loaded: %1").arg(m_model->lastError()), true);
    restoreSelection();
    updateEmptyState();
    updateActions();
}

// Clearing is immediate (the grouped list is in memory); a query goes to the searcher and
// the list changes when its hits come back.
void ThreadSidebar::applySearch()
{
    m_searchTimer->stop();
    const QString text = m_search->text().trimmed();
    if (!text.isEmpty()) {
        m_threads.search(text, ThreadListModel::kSearchLimit);
        return;
    }
    m_threads.cancelSearch();
    m_selectFirstHit = false;
    m_model->clearSearch();
    restoreSelection();
    updateEmptyState();
}

void ThreadSidebar::onSearchFinished(const QString &text, const QList<SearchHit> &hits,
                                     const QString &error)
{
    if (text != m_search->text().trimmed())
        return; // typed on since
    if (!error.isEmpty()) {
        showMessage(tr("Search failed: %1").arg(error), true);
        return;
    }
    m_model->showSearchResults(text, hits);
    restoreSelection();
    updateEmptyState();
    if (std::exchange(m_selectFirstHit, false) && m_model->threadCount() > 0) {
        selectThread(m_model->threadIdAt(0));
        m_list->setFocus(Qt::OtherFocusReason);
    }
}

// After a reset (search, reload) the view forgets its current row: put it back if the
// current thread is still listed, without announcing a change.
void ThreadSidebar::restoreSelection()
{
    const QModelIndex index = m_model->indexOfThread(m_currentId);
    if (!index.isValid())
        return;
    m_restoring = true;
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
    m_restoring = false;
}

void ThreadSidebar::onCurrentIndexChanged(const QModelIndex &current)
{
    if (m_restoring || !current.isValid())
        return;
    if (const RowId id = m_model->threadIdAt(current.row()); id != 0)
        setCurrent(id);
}

// A thread leaves the list (deleted here or by another process, or archived): when it is the
// current one, the neighbour below (or above) becomes current, as in a mail client; the view's
// own idea of the next current row is ignored meanwhile.
void ThreadSidebar::onRowsAboutToBeRemoved(int first, int last)
{
    const QModelIndex current = m_model->indexOfThread(m_currentId);
    if (!current.isValid() || current.row() < first || current.row() > last)
        return;
    RowId neighbour = 0;
    for (int row = last + 1; row < m_model->rowCount() && !neighbour; ++row)
        neighbour = m_model->threadIdAt(row);
    for (int row = first - 1; row >= 0 && !neighbour; --row)
        neighbour = m_model->threadIdAt(row);
    m_nextAfterRemoval = neighbour;
    m_restoring = true;
}

void ThreadSidebar::onRowsRemoved()
{
    if (const std::optional<RowId> next = std::exchange(m_nextAfterRemoval, std::nullopt)) {
        m_restoring = false;
        selectThread(*next);
    }
    updateEmptyState();
}

void ThreadSidebar::setCurrent(RowId id)
{
    if (id == m_currentId)
        return;
    m_currentId = id;
    updateActions();
    emit currentThreadChanged(id);
}

void ThreadSidebar::selectThread(RowId id)
{
    if (id == 0) {
        m_list->selectionModel()->clear();
        setCurrent(0);
        return;
    }
    QModelIndex index = m_model->indexOfThread(id);
    if (!index.isValid() && m_model->isSearching()) {
        m_search->clear(); // shows every thread again
        index = m_model->indexOfThread(id);
    }
    if (!index.isValid() && m_model->refreshThread(id)) // made elsewhere (e.g. the CLI)
        index = m_model->indexOfThread(id);
    if (!index.isValid())
        return;
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
    setCurrent(id);
}

void ThreadSidebar::stepSelection(int direction)
{
    const int rows = m_model->rowCount();
    const QModelIndex current = m_model->indexOfThread(m_currentId);
    int row = current.isValid() ? current.row() : (direction > 0 ? -1 : rows);
    for (row += direction; row >= 0 && row < rows; row += direction) {
        if (const RowId id = m_model->threadIdAt(row); id != 0) {
            selectThread(id);
            return;
        }
    }
}

void ThreadSidebar::selectNextThread()
{
    stepSelection(+1);
}

void ThreadSidebar::selectPreviousThread()
{
    stepSelection(-1);
}

RowId ThreadSidebar::newThread()
{
    clearMessage();
    if (m_model->isSearching())
        m_search->clear();
    auto created = m_threads.create(QString(), m_settings.defaultModel());
    if (!created) {
        showMessage(tr("A new thread could not be created: %1").arg(created.error()), true);
        return 0;
    }
    selectThread(created->id); // the list has its row already (threadAdded)
    return created->id;
}

void ThreadSidebar::renameCurrentThread()
{
    clearMessage();
    QModelIndex index = m_model->indexOfThread(m_currentId);
    if (!index.isValid() && m_currentId != 0 && m_model->isSearching()) {
        m_search->clear();
        index = m_model->indexOfThread(m_currentId);
    }
    if (!index.isValid())
        return;
    m_list->setFocus(Qt::OtherFocusReason);
    m_list->scrollTo(index);
    m_list->edit(index);
}

void ThreadSidebar::togglePinCurrentThread()
{
    clearMessage();
    const std::optional<ThreadRecord> thread = m_model->record(m_currentId);
    if (!thread)
        return;
    if (StoreStatus status = m_threads.setPinned(thread->id, !thread->pinned); !status) {
        showMessage(status.error(), true);
        return;
    }
    m_list->scrollTo(m_model->indexOfThread(thread->id));
    updateActions();
}

void ThreadSidebar::deleteCurrentThread()
{
    clearMessage();
    const std::optional<ThreadRecord> thread = m_model->record(m_currentId);
    if (!thread)
        return;
    // Read now: once the thread is gone its sandboxes have no owner to find them by.
    QList<SandboxRecord> sandboxes;
    if (auto owned = m_sandboxes.ownedBy(thread->id))
        sandboxes = *owned;
    else
        showMessage(owned.error(), true);

    auto *dialog = new DeleteThreadDialog(ThreadListModel::displayTitle(thread->title),
                                          int(sandboxes.size()), this);
    dialog->setAlsoDeleteSandboxes(m_settings.deleteSandboxesWithThread());
    const RowId id = thread->id;
    connect(dialog, &QDialog::accepted, this, [this, dialog, id, sandboxes] {
        removeThread(id, dialog->alsoDeleteSandboxes() ? sandboxes : QList<SandboxRecord>());
    });
    dialog->open();
}

void ThreadSidebar::removeThread(RowId id, const QList<SandboxRecord> &sandboxes)
{
    // The row goes when the service announces it (see onRowsAboutToBeRemoved()).
    if (StoreStatus status = m_threads.remove(id); !status) {
        showMessage(tr("The thread could not be deleted: %1").arg(status.error()), true);
        return;
    }
    deleteSandboxes(sandboxes);
}

void ThreadSidebar::deleteSandboxes(const QList<SandboxRecord> &sandboxes)
{
    // The sandbox service deletes them (gone already counts) and the store forgets them;
    // what could not be deleted comes back through operationFinished.
    const QStringList inUse = m_sandboxes.providers();
    for (const SandboxRecord &sandbox : sandboxes) {
        const QString name = sandbox.name.isEmpty() ? sandbox.remoteId : sandbox.name;
        if (!inUse.contains(sandbox.provider)) {
            showMessage(tr("Sandbox %1 is at provider “%2”, which this session does not use; "
                           "delete it from the sandbox list once that provider is set up.")
                            .arg(name, sandbox.provider),
                        true);
            continue;
        }
        m_deletingSandboxes.insert(sandbox.remoteId, name);
        m_sandboxes.deleteSandbox(sandbox.remoteId, sandbox.provider);
    }
}

void ThreadSidebar::onSandboxOperationFinished(const QString &id, const QString &operation,
                                               const QString &error)
{
    if (operation != QLatin1String("delete") || !m_deletingSandboxes.contains(id))
        return;
    const QString name = m_deletingSandboxes.take(id);
    if (!error.isEmpty())
        showMessage(tr("Sandbox %1 could not be deleted: %2 It is still in the sandbox "
                       "list; try again from there.")
                        .arg(name, error),
                    true);
}

void ThreadSidebar::exportCurrentThread()
{
    clearMessage();
    const std::optional<ThreadRecord> thread = m_model->record(m_currentId);
    if (!thread)
        return;
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QString markdown = tr("Markdown (*.md)");
    const QString json = tr("JSON, everything (*.json)");
    auto *dialog = new QFileDialog(
        this, tr("Export thread"),
        QDir(folder).filePath(fileNameFor(ThreadListModel::displayTitle(thread->title))
                              + QStringLiteral(".md")),
        markdown + QStringLiteral(";;") + json);
    dialog->setObjectName(QStringLiteral("threadExportDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("md"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog, json](const QString &filter) {
        dialog->setDefaultSuffix(filter == json ? QStringLiteral("json") : QStringLiteral("md"));
    });
    const RowId id = thread->id;
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, dialog, id, json](const QString &path) {
                const bool asJson = dialog->selectedNameFilter() == json
                    || path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
                writeExport(id, path, asJson);
            });
    dialog->open();
}

void ThreadSidebar::writeExport(RowId id, const QString &path, bool json)
{
    ThreadExport::Data data;
    QString error;
    if (!ThreadExport::load(m_threads, m_history, id, &data, &error)) {
        showMessage(tr("The thread could not be exported: %1").arg(error), true);
        return;
    }
    const QByteArray bytes = json ? ThreadExport::toJson(data, m_redactor)
                                  : ThreadExport::toMarkdown(data, m_redactor).toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        showMessage(tr("Could not write %1: %2. Choose another folder or file name.")
                        .arg(QDir::toNativeSeparators(path), file.errorString()),
                    true);
        return;
    }
    showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)), false);
}

void ThreadSidebar::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_list->indexAt(position);
    const RowId id = index.isValid() ? m_model->threadIdAt(index.row()) : 0;
    if (id == 0)
        return;
    selectThread(id);
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("threadContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_renameAction);
    menu->addAction(m_pinAction);
    menu->addAction(m_exportAction);
    menu->addSeparator();
    menu->addAction(m_deleteAction);
    menu->popup(m_list->viewport()->mapToGlobal(position));
}

void ThreadSidebar::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setForegroundRole(error ? QPalette::BrightText : QPalette::WindowText);
    m_message->setBackgroundRole(error ? QPalette::Dark : QPalette::Window);
    m_message->setAutoFillBackground(error);
    m_message->show();
    if (error)
        m_messageTimer->stop(); // an error stays until the next action
    else
        m_messageTimer->start(kInfoMessageMs);
}

void ThreadSidebar::clearMessage()
{
    m_messageTimer->stop();
    m_message->clear();
    m_message->hide();
}

void ThreadSidebar::updateActions()
{
    const std::optional<ThreadRecord> thread = m_model->record(m_currentId);
    for (QAction *action : {m_renameAction, m_pinAction, m_exportAction, m_deleteAction})
        action->setEnabled(thread.has_value());
    m_pinAction->setText(thread && thread->pinned ? tr("Unpin") : tr("Pin"));
}

void ThreadSidebar::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    if (empty) {
        if (!m_model->lastError().isEmpty())
            m_empty->setText(tr("Threads could not be loaded."));
        else if (m_model->isSearching())
            m_empty->setText(
                tr("No threads match “%1”.\nSearch looks at titles, messages and tool calls.")
                    .arg(m_model->searchText()));
        else
            m_empty->setText(tr("No threads yet.\nStart one with New."));
    }
    m_empty->setVisible(empty);
    m_list->setVisible(!empty);
}

bool ThreadSidebar::eventFilter(QObject *watched, QEvent *event)
{
    // Focus on the field (Ctrl+K, a click): the searcher opens its own connection now rather
    // than on the first keystroke.
    if (watched == m_search && event->type() == QEvent::FocusIn)
        m_threads.search(QString(), ThreadListModel::kSearchLimit);
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down && m_model->rowCount() > 0) {
            if (!m_model->indexOfThread(m_currentId).isValid() && m_model->threadCount() > 0)
                selectNextThread();
            m_list->setFocus(Qt::OtherFocusReason);
            return true;
        }
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
