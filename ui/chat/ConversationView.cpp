#include "ConversationView.h"

#include "chat/ConversationDelegate.h"
#include "chat/ConversationModel.h"

#include <QAbstractEventDispatcher>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMenu>
#include <QScopeGuard>
#include <QScrollBar>

namespace {
constexpr int kRefreshMs = 33; // about one frame in two at 60 Hz
constexpr int kBottomSlack = 4; // pixels from the end that still count as "at the bottom"
constexpr int kAheadSliceMs = 2; // of idle time spent laying out rows before looking for input
} // namespace

// Keeps what the screen shows while rows come, go or change height off screen: the row at the
// top of the screen stays where it is (restore()), and the viewport takes no updates meanwhile,
// so that it is painted again only if something on it did move (an item layout and the scroll
// that keeps the row in place would otherwise paint all of it).
class ConversationView::ScreenHold
{
public:
    explicit ScreenHold(ConversationView *view)
        : m_view(view)
        , m_size(view->viewport()->size())
    {
        m_anchor = view->topRow();
        m_top = m_anchor.isValid() ? view->visualRect(m_anchor).top() : 0;
        m_held = !view->m_follow && m_anchor.isValid();
        if (m_held)
            view->viewport()->setAttribute(Qt::WA_UpdatesDisabled);
    }
    ~ScreenHold()
    {
        if (!m_held)
            return;
        QWidget *viewport = m_view->viewport();
        viewport->setAttribute(Qt::WA_UpdatesDisabled, false);
        if (!m_anchor.isValid() || m_view->visualRect(m_anchor).top() != m_top
            || viewport->size() != m_size)
            viewport->update();
    }
    ScreenHold(const ScreenHold &) = delete;
    ScreenHold &operator=(const ScreenHold &) = delete;

    bool anchored() const { return m_anchor.isValid(); }
    // Scrolls the row back to where it was (the item layout must be current).
    void restore()
    {
        QScrollBar *bar = m_view->verticalScrollBar();
        m_view->m_scrolling = true;
        bar->setValue(bar->value() + m_view->visualRect(m_anchor).top() - m_top);
        m_view->m_scrolling = false;
    }

private:
    ConversationView *m_view;
    QSize m_size;
    QPersistentModelIndex m_anchor;
    int m_top = 0;
    bool m_held = false;
};

ConversationView::ConversationView(QWidget *parent)
    : QListView(parent)
    , m_delegate(new ConversationDelegate(this))
{
    setObjectName(QStringLiteral("conversationView"));
    setAccessibleName(tr("Conversation"));
    setAccessibleDescription(tr("Arrows move between messages and tool cards; Enter or Space "
                                "opens a card, A shows all its output, O opens a file it wrote, "
                                "I shows the call in the inspector."));
    setItemDelegate(m_delegate);
    setUniformItemSizes(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::NoSelection);
    setResizeMode(QListView::Adjust);
    setLayoutMode(QListView::SinglePass);
    setWordWrap(true);
    setFrameShape(QFrame::NoFrame);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalScrollBar()->setSingleStep(fontMetrics().lineSpacing() * 3);

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &ConversationView::refreshDirtyRows);
    m_pages.setSingleShot(true);
    m_pages.setInterval(0);
    connect(&m_pages, &QTimer::timeout, this, [this] { loadPagesIfNeeded(); });

    connect(m_delegate, &ConversationDelegate::toolCardActivated, this,
            &ConversationView::toolCardActivated);
    connect(m_delegate, &ConversationDelegate::toolFileActivated, this,
            &ConversationView::toolFileActivated);
    connect(m_delegate, &ConversationDelegate::runChangesActivated, this,
            &ConversationView::runChangesActivated);
    connect(m_delegate, &ConversationDelegate::retryRequested, this,
            &ConversationView::retryRequested);
    connect(m_delegate, &ConversationDelegate::continueRequested, this,
            &ConversationView::continueRequested);

    QScrollBar *bar = verticalScrollBar();
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int max) {
        if (!m_follow)
            return;
        m_scrolling = true;
        bar->setValue(max);
        m_scrolling = false;
    });
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        if (value != m_lastValue)
            m_scrolledUp = value < m_lastValue;
        m_lastValue = value;
        if (!m_scrolling)
            m_follow = value >= bar->maximum() - kBottomSlack && !hasNewer();
        if (!m_pages.isActive() && wantsPage(value))
            m_pages.start();
    });

    // Idle time: the event loop is about to wait for input. Scrolling as fast as the window
    // paints leaves none, and then rows are laid out as they are painted.
    connect(QAbstractEventDispatcher::instance(thread()), &QAbstractEventDispatcher::aboutToBlock,
            this, [this] {
                if (!m_aheadWanted || m_aheadQueued)
                    return;
                m_aheadQueued = true;
                QMetaObject::invokeMethod(this, &ConversationView::layOutAhead,
                                          Qt::QueuedConnection);
            });
}

void ConversationView::paintEvent(QPaintEvent *event)
{
    QListView::paintEvent(event);
    m_aheadWanted = true; // what is near the screen may have changed
}

void ConversationView::layOutAhead()
{
    m_aheadQueued = false;
    m_aheadWanted = false;
    const int height = viewport()->height();
    if (!model() || !isVisible() || height <= 0 || state() != NoState)
        return;
    if (loadPagesIfNeeded(3)) {
        m_aheadWanted = true; // a page is a slice; rows the next time
        return;
    }
    executeDelayedItemsLayout();
    const QModelIndex top = topRow();
    if (!top.isValid())
        return;
    // Rows down to two screens below the bottom and up to one above the top, or the other way
    // round after a scroll up, nearest first in the direction of the last scroll.
    const int above = m_scrolledUp ? 2 * height : height;
    const int below = m_scrolledUp ? height : 2 * height;
    QList<int> down;
    for (int row = top.row(); row < model()->rowCount(); ++row) {
        if (visualRect(model()->index(row, 0)).top() >= height + below)
            break;
        down.append(row);
    }
    QList<int> up;
    for (int row = top.row() - 1; row >= 0; --row) {
        if (visualRect(model()->index(row, 0)).bottom() < -above)
            break;
        up.append(row);
    }
    const QList<int> rows = m_scrolledUp ? up + down : down + up;

    QElapsedTimer clock;
    clock.start();
    bool resized = false;
    for (const int row : std::as_const(rows)) {
        if (clock.elapsed() >= kAheadSliceMs) {
            m_aheadWanted = true; // the rest the next time the loop is idle
            break;
        }
        const QModelIndex index = model()->index(row, 0);
        bool changed = false;
        m_delegate->layOutAhead(index, &changed);
        resized = resized || changed;
    }
    if (!resized)
        return;
    // Rows above the screen that grew or shrank would move what it shows. Once for the slice
    // (an item layout places every row of the list), and not by sizeHintChanged, which the
    // view handles later, after the scroll that keeps the screen in place.
    ScreenHold hold(this);
    doItemsLayout();
    if (hold.anchored() && !m_follow)
        hold.restore();
}

QModelIndex ConversationView::topRow() const
{
    // A row not laid out exactly yet may leave a gap of a few pixels above the next.
    for (int y = 0; y < viewport()->height(); y += 4) {
        if (const QModelIndex index = indexAt(QPoint(0, y)); index.isValid())
            return index;
    }
    return {};
}

bool ConversationView::hasNewer() const
{
    const auto *conversation = qobject_cast<const ConversationModel *>(model());
    return conversation && conversation->hasNewer();
}

// Whether the rows on screen at this scroll value are near an end of the rows held that has
// more beyond it.
bool ConversationView::wantsPage(int value, int screens) const
{
    const auto *conversation = qobject_cast<const ConversationModel *>(model());
    if (!conversation)
        return false;
    const int margin = screens * viewport()->height();
    return (conversation->hasOlder() && value < margin)
        || (conversation->hasNewer() && value > verticalScrollBar()->maximum() - margin);
}

void ConversationView::setFollowsBottom(bool follow)
{
    if (follow) {
        if (auto *conversation = qobject_cast<ConversationModel *>(model()))
            conversation->showNewest();
    }
    m_follow = follow;
    if (follow) {
        m_scrolling = true;
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        m_scrolling = false;
    }
}

void ConversationView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                   const QList<int> &roles)
{
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
        m_dirty.insert(row);
    if (!m_refresh.isActive())
        m_refresh.start();
    // Streamed text is repainted by the refresh, not once per delta.
    if (topLeft == bottomRight && roles.contains(ConversationModel::TextRole)
        && topLeft.data(ConversationModel::StreamingRole).toBool())
        return;
    QListView::dataChanged(topLeft, bottomRight, roles);
}

void ConversationView::refreshDirtyRows()
{
    if (!model())
        return;
    const QSet<int> dirty = std::exchange(m_dirty, {});
    QElapsedTimer clock;
    clock.start();
    QList<QModelIndex> rows;
    QModelIndex resized;
    for (const int row : dirty) {
        const QModelIndex index = model()->index(row, 0);
        if (!index.isValid())
            continue;
        rows.append(index);
        if (m_delegate->relayout(index))
            resized = index;
    }
    // Once: each announcement lays out every row of the list.
    if (resized.isValid())
        emit m_delegate->sizeHintChanged(resized);
    for (const QModelIndex &index : std::as_const(rows))
        viewport()->update(visualRect(index));
    // Laying out must not take more than about a third of the time while text streams in.
    m_refresh.setInterval(qMax(kRefreshMs, int(clock.elapsed()) * 3));
}

void ConversationView::scrollToBottom()
{
    setFollowsBottom(true);
}

void ConversationView::reset()
{
    m_dirty.clear();
    m_delegate->clear();
    m_follow = !hasNewer(); // Home reads the oldest page: newer ones are below it
    QListView::reset();
    m_pages.start(); // a first page shorter than the view reads the next at once
}

void ConversationView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    // Rows the model dropped from its window come back with new keys: their layouts go now.
    if (!parent.isValid() && model()) {
        QList<qint64> keys;
        keys.reserve(end - start + 1);
        for (int row = start; row <= end; ++row)
            keys.append(model()->index(row, 0).data(ConversationModel::KeyRole).toLongLong());
        m_delegate->forget(keys);
    }
    QListView::rowsAboutToBeRemoved(parent, start, end);
}

bool ConversationView::loadPagesIfNeeded(int screens)
{
    auto *conversation = qobject_cast<ConversationModel *>(model());
    QScrollBar *bar = verticalScrollBar();
    if (!conversation || (!conversation->hasOlder() && !conversation->hasNewer()))
        return false;
    executeDelayedItemsLayout(); // the range is current before it is compared
    if (!wantsPage(bar->value(), screens))
        return false;
    const bool older = conversation->hasOlder() && bar->value() < screens * viewport()->height();
    const int maximum = bar->maximum();
    QList<QPersistentModelIndex> dirty; // rows waiting for a re-layout may move
    for (const int row : std::as_const(m_dirty))
        dirty.append(QPersistentModelIndex(model()->index(row, 0)));
    // The row at the top of the screen stays where it is while rows come above it or go at
    // the other end; the screen is not painted again (about a quarter of a frame that reads a
    // page) unless it changed.
    ScreenHold hold(this);
    const int added = older ? conversation->loadOlder() : conversation->loadNewer();
    if (added == 0)
        return false;
    m_dirty.clear();
    for (const QPersistentModelIndex &row : std::as_const(dirty)) {
        if (row.isValid())
            m_dirty.insert(row.row());
    }
    executeDelayedItemsLayout();
    if (!m_follow) {
        if (hold.anchored()) {
            hold.restore();
        } else if (older) {
            m_scrolling = true;
            bar->setValue(bar->value() + bar->maximum() - maximum);
            m_scrolling = false;
        }
    }
    m_follow
        = !conversation->hasNewer() && (m_follow || bar->value() >= bar->maximum() - kBottomSlack);
    if (wantsPage(bar->value()))
        m_pages.start(); // the page was short: read on
    return true;
}

namespace {

bool isCtrlEnter(const QKeyEvent *key)
{
    return (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
        && key->modifiers().testFlag(Qt::ControlModifier);
}

} // namespace

bool ConversationView::event(QEvent *event)
{
    // Ctrl+Enter is the window's Send; on a card with a link (a preview) it opens the link.
    if (event->type() == QEvent::ShortcutOverride && currentIndex().isValid()
        && isCtrlEnter(static_cast<QKeyEvent *>(event))
        && !currentIndex().data(ConversationModel::ToolLinkRole).toUrl().isEmpty()) {
        event->accept();
        return true;
    }
    return QListView::event(event);
}

void ConversationView::keyPressEvent(QKeyEvent *event)
{
    // End and Ctrl+End go to the newest message, held or not, and follow it.
    if (event->key() == Qt::Key_End) {
        if (auto *conversation = qobject_cast<ConversationModel *>(model()))
            conversation->showNewest();
        QListView::keyPressEvent(event);
        setFollowsBottom(true);
        return;
    }
    // Home and Ctrl+Home go to the oldest message, held or not.
    if (event->key() == Qt::Key_Home) {
        if (auto *conversation = qobject_cast<ConversationModel *>(model()))
            conversation->showOldest();
        QListView::keyPressEvent(event);
        verticalScrollBar()->setValue(0); // also when the first row was current already
        return;
    }
    if (event->matches(QKeySequence::Copy) && currentIndex().isValid()) {
        copyAsMarkdown(currentIndex());
        event->accept();
        return;
    }
    if (isCtrlEnter(event) && currentIndex().isValid() && m_delegate->openLink(currentIndex())) {
        event->accept();
        return;
    }
    if (toolCardKey(event)) {
        event->accept();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter
         || event->key() == Qt::Key_Space)
        && currentIndex().isValid()) {
        m_delegate->activate(currentIndex());
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

// A, O and I on a tool card (plain letters: the list's type-ahead search has nothing to find
// in a conversation).
bool ConversationView::toolCardKey(QKeyEvent *event)
{
    const QModelIndex index = currentIndex();
    if (!index.isValid()
        || index.data(ConversationModel::KindRole).value<ConversationModel::Kind>()
            != ConversationModel::Kind::ToolCall
        || (event->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier)) != Qt::NoModifier)
        return false;
    switch (event->key()) {
    case Qt::Key_A:
        m_delegate->toggleShowAll(index);
        return true;
    case Qt::Key_I:
        m_delegate->inspect(index);
        return true;
    case Qt::Key_O:
        chooseFile(index);
        return true;
    default:
        return false;
    }
}

void ConversationView::chooseFile(const QModelIndex &index)
{
    const QStringList files = m_delegate->toolFiles(index);
    if (files.size() == 1) {
        m_delegate->openFile(index, files.first());
        return;
    }
    if (files.isEmpty())
        return;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("toolFilesMenu"));
    menu->setAccessibleName(tr("Files the call wrote"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QPersistentModelIndex at(index);
    for (const QString &path : files) {
        QAction *open = menu->addAction(path);
        connect(open, &QAction::triggered, this, [this, at, path] {
            if (at.isValid())
                m_delegate->openFile(at, path);
        });
    }
    const QRect rect = visualRect(index);
    menu->popup(viewport()->mapToGlobal(rect.topLeft() + QPoint(rect.width() / 4, 0)));
}

void ConversationView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        m_delegate->clear(); // colours and metrics are baked into the layouts
        scheduleDelayedItemsLayout();
    }
    QListView::changeEvent(event);
}

QList<QRect> ConversationView::copyButtonRects(const QModelIndex &index) const
{
    QList<QRect> rects = m_delegate->copyButtonRects(index);
    const QPoint origin = visualRect(index).topLeft();
    for (QRect &rect : rects)
        rect.translate(origin);
    return rects;
}

QRect ConversationView::actionButtonRect(const QModelIndex &index) const
{
    return m_delegate->actionButtonRect(index).translated(visualRect(index).topLeft());
}

void ConversationView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = contextMenuFor(indexAt(event->pos()));
    if (!menu) {
        QListView::contextMenuEvent(event);
        return;
    }
    menu->popup(event->globalPos());
}

int ConversationView::lastUserRow() const
{
    for (int row = model() ? model()->rowCount() - 1 : -1; row >= 0; --row) {
        if (model()
                ->index(row, 0)
                .data(ConversationModel::KindRole)
                .value<ConversationModel::Kind>()
            == ConversationModel::Kind::UserMessage)
            return row;
    }
    return -1;
}

QMenu *ConversationView::contextMenuFor(const QModelIndex &index)
{
    if (!index.isValid())
        return nullptr;
    const auto kind = index.data(ConversationModel::KindRole).value<ConversationModel::Kind>();
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("conversationContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const int lastUser = lastUserRow();
    if (kind == ConversationModel::Kind::UserMessage) {
        const RowId messageId = index.data(ConversationModel::MessageIdRole).toLongLong();
        if (index.row() == lastUser && messageId != 0) {
            QAction *edit = menu->addAction(tr("&Edit and Resend…"));
            edit->setObjectName(QStringLiteral("actionEditAndResend"));
            edit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
            edit->setToolTip(tr("Change this message and send it again, in a fork of the "
                                "thread or in place of it"));
            connect(edit, &QAction::triggered, this, &ConversationView::editLastMessageRequested);
        }
        QAction *rewind = menu->addAction(tr("&Rewind to Here…"));
        rewind->setObjectName(QStringLiteral("actionRewindToMessage"));
        rewind->setToolTip(tr("Go back to before this message: files, conversation or both"));
        connect(rewind, &QAction::triggered, this,
                [this, messageId] { emit rewindToMessageRequested(messageId); });
    }
    // The answer to the last message (or its error) can be asked of another model.
    const bool lastAnswer = lastUser >= 0 && index.row() > lastUser
        && (kind == ConversationModel::Kind::AssistantText
            || kind == ConversationModel::Kind::Error);
    const QStringList models = lastAnswer && m_retryModels ? m_retryModels() : QStringList();
    if (!models.isEmpty()) {
        QMenu *retry = menu->addMenu(tr("Retry &With"));
        retry->setObjectName(QStringLiteral("retryWithModelMenu"));
        retry->setToolTip(tr("Remove this answer and ask another model the same"));
        for (const QString &model : models) {
            QAction *action = retry->addAction(model);
            action->setObjectName(QStringLiteral("actionRetryWith"));
            action->setData(model);
            connect(action, &QAction::triggered, this,
                    [this, model] { emit retryWithModelRequested(model); });
        }
    }
    QAction *copy = menu->addAction(tr("&Copy as Markdown"));
    copy->setObjectName(QStringLiteral("actionCopyAsMarkdown"));
    copy->setShortcut(QKeySequence::Copy);
    const QPersistentModelIndex target(index);
    connect(copy, &QAction::triggered, this, [this, target] { copyAsMarkdown(target); });
    return menu;
}

QString ConversationView::markdownOf(const QModelIndex &index)
{
    const QString text = index.data(ConversationModel::TextRole).toString();
    switch (index.data(ConversationModel::KindRole).value<ConversationModel::Kind>()) {
    case ConversationModel::Kind::Reasoning: {
        QStringList lines = text.split(QLatin1Char('\n'));
        for (QString &line : lines)
            line.prepend(QStringLiteral("> "));
        return lines.join(QLatin1Char('\n'));
    }
    case ConversationModel::Kind::ToolCall: {
        const QString summary = index.data(ConversationModel::ToolSummaryRole).toString();
        QString line = QStringLiteral("**`%1`**")
                           .arg(index.data(ConversationModel::ToolNameRole).toString());
        if (!summary.isEmpty())
            line += QStringLiteral(" `%1`").arg(summary);
        const QString status = index.data(ConversationModel::ToolStatusTextRole).toString();
        if (!status.isEmpty())
            line += QStringLiteral(" — ") + status;
        return line;
    }
    default:
        return text;
    }
}

void ConversationView::copyAsMarkdown(const QModelIndex &index)
{
    if (index.isValid())
        QGuiApplication::clipboard()->setText(markdownOf(index));
}
