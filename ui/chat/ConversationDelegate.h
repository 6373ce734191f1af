// Draws the rows of a ConversationModel: Markdown messages (QTextDocument::setMarkdown, code
// blocks in monospace, coloured by CodeHighlighter, each with a Copy button), collapsed
// reasoning, tool cards (one line; open, a ToolCardLayout body below it), a run's changes card, and
// error / step-limit rows with their Retry / Continue button. Colours come from the palette only,
// so light and dark themes both read well.
//
// Layouts are cached per row, keyed by the row's width and text revision: a streamed delta
// re-lays out only the row it changed (ConversationDelegateLayout.cpp lays rows out; this file's
// .cpp paints them and handles clicks). Rows far from the bottom that were never painted get
// an estimated height, so opening a long thread lays out only what is visible.
#pragma once

#include "agent/RunEvent.h"
#include "chat/ConversationModel.h"
#include "chat/RoundedFrame.h"

#include <QCache>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

#include <memory>
#include <vector>

class QAbstractItemView;
class QTextDocument;
class ToolCardLayout;

class ConversationDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ConversationDelegate(QAbstractItemView *view);
    ~ConversationDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

    // Lays the row out again at its current revision; true when its height changed (the
    // caller then announces sizeHintChanged).
    bool relayout(const QModelIndex &index);
    // Lays out a row that is not laid out at its current width and revision yet (the view does
    // this for rows near the screen while it is idle, so that scrolling only paints them).
    // False when there was nothing to do; *resized says whether its height changed.
    bool layOutAhead(const QModelIndex &index, bool *resized);
    // Forgets every layout (palette or font changed, or another thread is shown).
    void clear();
    // Forgets the layouts and heights of these rows (by KeyRole): they left the model.
    void forget(const QList<qint64> &keys);
    // The row's main action, as a click on it would do (keyboard: Enter on the current row).
    void activate(const QModelIndex &index);
    // Opens the row's link in the browser (a getPreviewLink card; a click on "Open preview",
    // or Ctrl+Enter on the current row). False when the row has none.
    bool openLink(const QModelIndex &index);
    static QString linkText();
    // Tool cards: show all of a folded output (or fold it again); false when nothing is folded.
    bool toggleShowAll(const QModelIndex &index);
    // Tool cards: the call in the inspector (its raw JSON).
    void inspect(const QModelIndex &index);
    // Tool cards: the files a writeFile(s) call wrote, as its card lists them.
    QStringList toolFiles(const QModelIndex &index) const;
    // Tool cards: asks for the file's diff (toolFileActivated); false when the card has no file.
    bool openFile(const QModelIndex &index, const QString &path);
    // An open tool card's body (row coordinates), or nullptr when the card is closed.
    const ToolCardLayout *toolCard(const QModelIndex &index) const;

    // Geometry relative to the row's top-left, for clicks and tests.
    QList<QRect> copyButtonRects(const QModelIndex &index) const;
    QStringList codeBlocks(const QModelIndex &index) const;
    QRect actionButtonRect(const QModelIndex &index) const;
    // How many rows were laid out since construction (tests check streaming stays cheap).
    int layoutCount() const { return m_layoutCount; }
    // How often each row (by KeyRole) was laid out since the last clear() (rows still held).
    QHash<qint64, int> layoutsByKey() const { return m_layoutsByKey; }

signals:
    void toolCardActivated(RowId toolCallRowId);
    // A file a writeFile(s) card lists was clicked: its diff is wanted. `path` is relative to
    // the sandbox's working directory, as the Changes tab lists files.
    void toolFileActivated(RowId toolCallRowId, const QString &path);
    // The changes card under a finished run was clicked.
    void runChangesActivated(RowId runId);
    void retryRequested();
    void continueRequested();
    void codeCopied(const QString &code);

private:
    using Kind = ConversationModel::Kind;
    static constexpr int kPad = 8; // inside bubbles, cards and notices

    struct CodeBlock
    {
        QRect rect; // of the code, in row coordinates
        QRect button;
        QString text;
    };
    // A laid-out piece of the row's text. Long messages that are still streaming are cut
    // into pieces at paragraph breaks, so a delta re-lays out only the last piece.
    struct Segment
    {
        std::unique_ptr<QTextDocument> doc;
        QPoint origin; // in row coordinates
    };
    // A line of text laid out with its row, so that painting it draws glyphs already shaped and
    // placed (drawText would shape and lay out the text again on each paint).
    struct Label
    {
        QStaticText text;
        QPoint at; // its top left, in row coordinates
    };
    // The one line of a tool card (all five), a changes card (name and link) or a notice
    // (summary).
    struct CardLine
    {
        Label arrow, link, status, name, summary;
    };
    struct Layout
    {
        int width = -1;
        int revision = -1;
        int height = 0;
        std::vector<Segment> segments;
        int frozenLength = 0; // characters in all segments but the last (streaming only)
        QRect box; // the bubble, card or notice frame
        QRect header; // reasoning: the click target that expands it
        QRect button; // Retry / Continue
        QList<CodeBlock> codeBlocks;
        std::unique_ptr<ToolCardLayout> card; // an open tool card's body
        std::unique_ptr<CardLine> line; // tool cards, changes cards and notices
    };
    struct Height
    {
        int width = -1;
        int revision = -1;
        int height = 0;
        bool exact = false;
    };

    int rowWidth() const;
    Layout *cachedLayout(const QModelIndex &index, int width, bool allowStale) const;
    Layout *layoutFor(const QModelIndex &index, bool allowStale) const;
    Layout *build(const QModelIndex &index, int width) const;
    int estimate(const QModelIndex &index, int width) const;
    // `text` placed in `rect` as drawText(rect, alignment | Qt::AlignVCenter, text) places it,
    // its glyphs laid out now; drawn with the painter's pen and font (the one it was laid out in).
    static Label placed(const QString &text, const QFont &font, const QRect &rect,
                        Qt::Alignment alignment);
    static void draw(QPainter *painter, const Label &label);
    // The one line of a closed or open card, or of a notice, as paint() draws it.
    std::unique_ptr<CardLine> cardLine(const QModelIndex &index, const Layout &layout) const;
    // The exact height of a closed tool card, changes card, notice or reasoning row (one line
    // whatever its text), or -1 for rows whose height depends on their text.
    int closedHeight(const QModelIndex &index, Kind kind) const;
    // The one line of a tool card, changes card or notice, and the header of a reasoning row:
    // their whole height when closed, whatever their text (build() and closedHeight() use them).
    static int cardLineHeight(int line);
    static int reasoningHeaderHeight(int line);
    static Kind kindOf(const QModelIndex &index);
    static QString buttonText(Kind kind); // of an error or step-limit row
    std::unique_ptr<QTextDocument> makeDocument(const QString &text, bool markdown,
                                                int width) const;
    QFont font() const;

    QAbstractItemView *m_view;
    mutable QCache<qint64, Layout> m_layouts;
    mutable QHash<qint64, Height> m_heights;
    mutable int m_layoutCount = 0;
    mutable QHash<qint64, int> m_layoutsByKey;
    mutable bool m_heightsPending = false; // a sizeHintChanged is queued
    mutable RoundedFrame m_frames;
    qint64 m_copiedKey = 0;
    int m_copiedBlock = -1;
};
