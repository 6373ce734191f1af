// The conversation list: a QListView over a ConversationModel with a ConversationDelegate.
// Item sizes are not uniform and only rows that are shown get laid out; a streamed delta
// re-lays out only its own row, at most every few frames. The view follows the bottom while
// text streams in, unless the user scrolled up to read. Keys on the current row: Enter/Space
// opens or closes it (tool cards, reasoning) or runs its action, A shows all of a tool card's
// output, O opens a file a writeFile(s) card wrote (a menu when there are several), I shows the
// call in the inspector, Ctrl+Enter opens a preview link. Older pages of a long thread are read
// as the top comes near, so opening one lays out and holds only its newest page.
#pragma once

#include "agent/RunEvent.h"

#include <QListView>
#include <QSet>
#include <QTimer>

class ConversationDelegate;

class ConversationView final : public QListView
{
    Q_OBJECT

public:
    explicit ConversationView(QWidget *parent = nullptr);

    ConversationDelegate *conversationDelegate() const { return m_delegate; }
    // Whether new rows and streamed text scroll the view to the bottom.
    bool followsBottom() const { return m_follow; }
    void setFollowsBottom(bool follow);

    // In viewport coordinates, for tests and accessibility.
    QList<QRect> copyButtonRects(const QModelIndex &index) const;
    QRect actionButtonRect(const QModelIndex &index) const;

signals:
    void toolCardActivated(RowId toolCallRowId);
    void toolFileActivated(RowId toolCallRowId, const QString &path);
    void runChangesActivated(RowId runId);
    // "Rewind to Here…" in a user message's context menu.
    void rewindToMessageRequested(RowId messageId);
    void retryRequested();
    void continueRequested();

protected:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    void reset() override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void refreshDirtyRows();
    bool toolCardKey(QKeyEvent *event);
    void chooseFile(const QModelIndex &index);
    // Near the top of a long thread: reads the next older page, keeping the rows on screen
    // where they are.
    void loadOlderIfNeeded();

    ConversationDelegate *m_delegate;
    QTimer m_refresh; // coalesces the re-layout of streamed rows
    QSet<int> m_dirty;
    QTimer m_older; // loads older messages after the scroll that came near the top
    bool m_follow = true;
    bool m_scrolling = false; // the view moves the scroll bar itself
};
