// The conversation list: a QListView over a ConversationModel with a ConversationDelegate.
// Item sizes are not uniform and only rows that are shown get laid out; a streamed delta
// re-lays out only its own row, at most every few frames. The view follows the bottom while
// text streams in, unless the user scrolled up to read. Keys on the current row: Enter/Space
// opens or closes it (tool cards, reasoning) or runs its action, A shows all of a tool card's
// output, O opens a file a writeFile(s) card wrote (a menu when there are several), I shows the
// call in the inspector, Ctrl+Enter opens a preview link. Older pages of a long thread are read
// as the top comes near, so opening one lays out and holds only its newest page; the model
// holds a bounded window of rows, so newer pages it dropped are read again as the bottom
// comes near, End (or sending) goes to the newest message, reading it again if needed, and Home
// to the oldest.
// While the window is idle, the view reads the next page a little earlier and lays out the rows a
// screen or two around what it shows (more in the direction it last scrolled), so that a scroll
// at the pace of a user paints rows already read and laid out.
#pragma once

#include "agent/RunEvent.h"

#include <QListView>
#include <QSet>
#include <QTimer>

#include <functional>

class ConversationDelegate;
class QMenu;

class ConversationView final : public QListView
{
    Q_OBJECT

public:
    explicit ConversationView(QWidget *parent = nullptr);

    ConversationDelegate *conversationDelegate() const { return m_delegate; }
    // Whether new rows and streamed text scroll the view to the bottom.
    bool followsBottom() const { return m_follow; }
    // Following the bottom shows the newest message (read again when the model dropped it).
    void setFollowsBottom(bool follow);
    // Hides QAbstractItemView::scrollToBottom: the bottom is the thread's newest message, not
    // the last row held.
    void scrollToBottom();

    // In viewport coordinates, for tests and accessibility.
    QList<QRect> copyButtonRects(const QModelIndex &index) const;
    QRect actionButtonRect(const QModelIndex &index) const;

    // A row as Markdown, as "Copy as Markdown" puts it on the clipboard (issue 18).
    static QString markdownOf(const QModelIndex &index);
    void copyAsMarkdown(const QModelIndex &index);
    // The models "Retry With" offers on the last answer (the model picker's list).
    void setRetryModels(std::function<QStringList()> models) { m_retryModels = std::move(models); }
    // The context menu of a row, as a right click opens it (tests use it without a popup).
    QMenu *contextMenuFor(const QModelIndex &index);

signals:
    void toolCardActivated(RowId toolCallRowId);
    void toolFileActivated(RowId toolCallRowId, const QString &path);
    void runChangesActivated(RowId runId);
    // "Rewind to Here…" in a user message's context menu.
    void rewindToMessageRequested(RowId messageId);
    void retryRequested();
    void continueRequested();
    // "Edit and Resend…" on the last message the user wrote.
    void editLastMessageRequested();
    // "Retry With" on the last answer: the thread's last message again, to this model.
    void retryWithModelRequested(const QString &model);

protected:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    void reset() override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;
    void paintEvent(QPaintEvent *event) override;

private:
    class ScreenHold;
    void refreshDirtyRows();
    bool toolCardKey(QKeyEvent *event);
    void chooseFile(const QModelIndex &index);
    // Within `screens` screens of the top (bottom) of the rows held: reads the next older
    // (newer) page, keeping the rows on screen where they are. A scroll reads at one screen,
    // idle time already at three. False when no page was wanted.
    bool loadPagesIfNeeded(int screens = 1);
    bool wantsPage(int value, int screens = 1) const;
    // One slice (a few ms) of laying out rows near the screen; more is queued for the next time
    // the event loop is idle.
    void layOutAhead();
    bool hasNewer() const;
    // The first row on screen.
    QModelIndex topRow() const;
    // The row of the last user message, and whether a row belongs to the last exchange.
    int lastUserRow() const;

    ConversationDelegate *m_delegate;
    QTimer m_refresh; // coalesces the re-layout of streamed rows
    QSet<int> m_dirty;
    QTimer m_pages; // loads a page after the scroll that came near the top or bottom
    bool m_follow = true;
    bool m_scrolling = false; // the view moves the scroll bar itself
    bool m_aheadWanted = false; // rows near the screen may not be laid out
    bool m_aheadQueued = false;
    bool m_scrolledUp = true; // the direction of the last scroll
    int m_lastValue = 0;
    std::function<QStringList()> m_retryModels;
};
