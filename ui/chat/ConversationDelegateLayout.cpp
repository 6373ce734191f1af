// ConversationDelegate laying rows out: a row's Markdown documents, frames, buttons and one-line
// texts at a width (cached per row and revision), and the heights the view places rows by, exact
// for rows laid out and for one-line rows, estimated for long rows far from the end until they
// are painted.
#include "ConversationDelegate.h"

#include "chat/CodeHighlighter.h"
#include "chat/ToolCardLayout.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>

#include <cmath>

namespace {

using ToolStatus = ConversationModel::ToolStatus;

constexpr int kMargin = 10; // left and right of every row
constexpr int kGap = 4; // above and below every row
constexpr int kExactTail = 40; // rows this close to the end are always laid out exactly

bool isCodeBlock(const QTextBlock &block)
{
    const QTextBlockFormat format = block.blockFormat();
    return format.hasProperty(QTextFormat::BlockCodeFence)
        || format.hasProperty(QTextFormat::BlockCodeLanguage);
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

// Where streamed Markdown may be cut without changing how it renders: a blank line at least
// kSegmentChars in, outside code fences, not followed by a list item, table row or quote.
qsizetype splitPoint(QStringView text)
{
    constexpr qsizetype kSegmentChars = 1500;
    for (qsizetype at = text.indexOf(u"\n\n", kSegmentChars); at >= 0;
         at = text.indexOf(u"\n\n", at + 1)) {
        const qsizetype next = at + 2;
        if (next >= text.size())
            return -1; // the paragraph after it has not started yet
        const QChar c = text.at(next);
        if (c.isSpace() || c.isDigit() || QStringView(u"-*+|>#").contains(c))
            continue;
        if (text.left(at).count(u"```") % 2 != 0)
            continue; // inside a code block
        return next;
    }
    return -1;
}

QString durationText(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return ConversationDelegate::tr("%1 ms").arg(ms);
    return ConversationDelegate::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
}

QString statusGlyph(ToolStatus status)
{
    switch (status) {
    case ToolStatus::Preparing:
    case ToolStatus::Running:
        return QStringLiteral("\u25cc"); // dotted circle
    case ToolStatus::WaitingApproval:
        return QStringLiteral("\u23f8"); // pause
    case ToolStatus::Done:
        return QStringLiteral("\u2713"); // check mark
    case ToolStatus::Failed:
        return QStringLiteral("\u2717"); // ballot x
    }
    return {};
}

} // namespace

int ConversationDelegate::cardLineHeight(int line)
{
    return line + 2 * kPad;
}

int ConversationDelegate::reasoningHeaderHeight(int line)
{
    return line + kPad;
}

ConversationDelegate::Kind ConversationDelegate::kindOf(const QModelIndex &index)
{
    return index.data(ConversationModel::KindRole).value<Kind>();
}

QString ConversationDelegate::buttonText(Kind kind)
{
    return kind == Kind::Error ? tr("Retry") : tr("Continue");
}

std::unique_ptr<QTextDocument> ConversationDelegate::makeDocument(const QString &text,
                                                                  bool markdown, int width) const
{
    const QPalette palette = m_view->palette();
    auto doc = std::make_unique<QTextDocument>();
    doc->setDocumentMargin(0);
    doc->setDefaultFont(font());
    if (markdown) {
        // Before the text, so that the highlighter colours the blocks as they are made.
        auto *highlighter = new CodeHighlighter(doc.get());
        highlighter->setDarkTheme(isDark(palette));
        doc->setMarkdown(text, QTextDocument::MarkdownDialectGitHub);
        const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
            if (!isCodeBlock(block))
                continue;
            QTextCursor cursor(block);
            QTextBlockFormat blockFormat;
            blockFormat.setBackground(palette.color(QPalette::AlternateBase));
            blockFormat.setLeftMargin(kPad);
            blockFormat.setRightMargin(kPad);
            cursor.mergeBlockFormat(blockFormat);
            cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
            QTextCharFormat charFormat;
            charFormat.setFontFamilies({fixed.family()});
            charFormat.setFontFixedPitch(true);
            cursor.mergeCharFormat(charFormat);
        }
    } else {
        doc->setPlainText(text);
    }
    // Keep each block's shaped glyphs once laid out: by default a QTextLayout drops them at the
    // end of its layout and shapes the text again on every paint, and a row is painted many
    // times for each layout (the view repaints all it shows as it scrolls).
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next())
        block.layout()->setCacheEnabled(true);
    doc->setTextWidth(qMax(40, width));
    return doc;
}

ConversationDelegate::Layout *ConversationDelegate::build(const QModelIndex &index, int width) const
{
    ++m_layoutCount;
    auto layout = std::make_unique<Layout>();
    layout->width = width;
    layout->revision = index.data(ConversationModel::RevisionRole).toInt();
    const Kind kind = kindOf(index);
    const QString text = index.data(ConversationModel::TextRole).toString();
    const qint64 key = index.data(ConversationModel::KeyRole).toLongLong();
    ++m_layoutsByKey[key];
    const QFontMetrics metrics(font());
    const int line = metrics.height();

    const int inner = width - 2 * kMargin;
    switch (kind) {
    case Kind::UserMessage:
    case Kind::AssistantText: {
        const bool bubble = kind == Kind::UserMessage;
        const int pad = bubble ? kPad : 0;
        const int textWidth = inner - 2 * pad;
        QStringView rest(text);
        if (index.data(ConversationModel::StreamingRole).toBool()) {
            // Streamed text only grows: keep the finished pieces, lay out the rest.
            std::unique_ptr<Layout> old(m_layouts.take(key));
            if (old && old->width == width && old->frozenLength > 0
                && old->frozenLength <= text.size()) {
                for (size_t i = 0; i + 1 < old->segments.size(); ++i)
                    layout->segments.push_back(std::move(old->segments[i]));
                layout->frozenLength = old->frozenLength;
                rest = rest.mid(old->frozenLength);
            }
            for (qsizetype cut = splitPoint(rest); cut > 0; cut = splitPoint(rest)) {
                layout->segments.push_back(
                    {makeDocument(rest.left(cut).toString(), true, textWidth), {}});
                layout->frozenLength += int(cut);
                rest = rest.mid(cut);
            }
        }
        layout->segments.push_back({makeDocument(rest.toString(), true, textWidth), {}});
        int y = kGap + pad;
        for (Segment &segment : layout->segments) {
            segment.origin = QPoint(kMargin + pad, y);
            y += int(std::ceil(segment.doc->size().height()));
        }
        layout->box = QRect(kMargin, kGap, inner, y - kGap + pad);
        layout->height = layout->box.height() + 2 * kGap;

        // One Copy button per run of consecutive code blocks.
        CodeBlock current;
        bool open = false;
        const auto close = [&] {
            if (!open)
                return;
            open = false;
            const int w = metrics.horizontalAdvance(tr("Copied")) + 2 * kPad;
            // Inside the code block, so that it never spills into the next row.
            current.button = QRect(current.rect.right() - w - 2, current.rect.top() + 1, w,
                                   qMin(line + 2, current.rect.height() - 2));
            layout->codeBlocks.append(current);
            current = {};
        };
        for (const Segment &segment : layout->segments) {
            QAbstractTextDocumentLayout *docLayout = segment.doc->documentLayout();
            for (QTextBlock block = segment.doc->begin(); block.isValid(); block = block.next()) {
                if (!isCodeBlock(block)) {
                    close();
                    continue;
                }
                const QRect rect = docLayout->blockBoundingRect(block).toAlignedRect().translated(
                    segment.origin);
                if (!open) {
                    open = true;
                    current.rect = QRect(segment.origin.x(), rect.top(), textWidth, rect.height());
                    current.text = block.text();
                } else {
                    current.rect = current.rect.united(rect);
                    current.text += QLatin1Char('\n') + block.text();
                }
            }
            close();
        }
        break;
    }
    case Kind::Reasoning: {
        layout->header = QRect(kMargin, kGap, inner, reasoningHeaderHeight(line));
        layout->height = layout->header.bottom() + 1 + kGap;
        if (index.data(ConversationModel::ExpandedRole).toBool()) {
            layout->segments.push_back({makeDocument(text, false, inner - 2 * kPad),
                                        QPoint(kMargin + kPad, layout->header.bottom() + 1)});
            layout->height += int(std::ceil(layout->segments.back().doc->size().height())) + kPad;
        }
        layout->box = QRect(kMargin, kGap, inner, layout->height - 2 * kGap);
        break;
    }
    case Kind::ToolCall:
    case Kind::RunChanges:
    case Kind::Notice:
        layout->box = QRect(kMargin, kGap, inner, cardLineHeight(line));
        layout->header = layout->box;
        if (kind == Kind::ToolCall && index.data(ConversationModel::ExpandedRole).toBool()) {
            layout->card = std::make_unique<ToolCardLayout>();
            layout->card->build(index, QPoint(kMargin + kPad, layout->header.bottom() + 1),
                                inner - 2 * kPad, font(), m_view->palette());
            layout->box.setHeight(layout->header.height() + layout->card->height() + kPad);
        }
        layout->height = layout->box.height() + 2 * kGap;
        if (kind == Kind::ToolCall
            && !index.data(ConversationModel::ToolLinkRole).toUrl().isEmpty()) {
            // The card's link (a preview URL), at its right end.
            const int width = metrics.horizontalAdvance(linkText()) + 2 * kPad;
            layout->button = QRect(layout->header.right() - width, layout->header.top(), width,
                                   layout->header.height());
        }
        layout->line = cardLine(index, *layout);
        break;
    case Kind::Error:
    case Kind::StepLimit: {
        const int buttonWidth = metrics.horizontalAdvance(buttonText(kind)) + 4 * kPad;
        const int textWidth = inner - 3 * kPad - buttonWidth;
        layout->segments.push_back(
            {makeDocument(text, false, textWidth), QPoint(kMargin + kPad, kGap + kPad)});
        const int docHeight = int(std::ceil(layout->segments.back().doc->size().height()));
        const int buttonHeight = line + kPad;
        const int content = qMax(docHeight, buttonHeight);
        layout->box = QRect(kMargin, kGap, inner, content + 2 * kPad);
        layout->button
            = QRect(layout->box.right() - kPad - buttonWidth,
                    kGap + kPad + (content - buttonHeight) / 2, buttonWidth, buttonHeight);
        layout->height = layout->box.height() + 2 * kGap;
        break;
    }
    }

    Layout *raw = layout.release();
    m_layouts.insert(key, raw);
    return m_layouts.object(key);
}

ConversationDelegate::Label ConversationDelegate::placed(const QString &text, const QFont &font,
                                                         const QRect &rect, Qt::Alignment alignment)
{
    const QFontMetrics metrics(font);
    Label label;
    label.text.setTextFormat(Qt::PlainText); // a file name or command is never markup
    label.text.setText(text);
    label.text.prepare(QTransform(), font);
    int x = rect.left();
    if (alignment & Qt::AlignRight)
        x = rect.right() + 1 - metrics.horizontalAdvance(text);
    else if (alignment & Qt::AlignHCenter)
        x = rect.left() + (rect.width() - metrics.horizontalAdvance(text)) / 2;
    label.at = QPoint(x, rect.top() + (rect.height() - metrics.height()) / 2);
    return label;
}

void ConversationDelegate::draw(QPainter *painter, const Label &label)
{
    painter->drawStaticText(label.at, label.text);
}

std::unique_ptr<ConversationDelegate::CardLine>
ConversationDelegate::cardLine(const QModelIndex &index, const Layout &layout) const
{
    const QFont normal = font();
    QFont bold = normal;
    bold.setBold(true);
    const QFontMetrics metrics(normal);
    const QFontMetrics boldMetrics(bold);
    auto line = std::make_unique<CardLine>();
    switch (kindOf(index)) {
    case Kind::ToolCall: {
        QRect content = layout.header.adjusted(kPad, 0, -kPad, 0);
        // Open or closed, as the reasoning row shows it.
        const QString arrow = layout.card ? QStringLiteral("\u25be ") : QStringLiteral("\u25b8 ");
        line->arrow = placed(arrow, normal, content, Qt::AlignLeft);
        content.setLeft(content.left() + metrics.horizontalAdvance(arrow));
        if (layout.button.isValid()) {
            QFont underlined = normal;
            underlined.setUnderline(true);
            line->link = placed(linkText(), underlined, layout.button, Qt::AlignHCenter);
            content.setRight(layout.button.left() - kPad);
        }
        const auto status = index.data(ConversationModel::ToolStatusRole).value<ToolStatus>();
        QString right = statusGlyph(status) + QLatin1Char(' ')
            + index.data(ConversationModel::ToolStatusTextRole).toString();
        const QString duration
            = durationText(index.data(ConversationModel::ToolDurationRole).toLongLong());
        if (!duration.isEmpty())
            right += QStringLiteral(" \u00b7 ") + duration;
        const int rightWidth = metrics.horizontalAdvance(right);
        line->status = placed(right, normal, content, Qt::AlignRight);
        const QString name
            = boldMetrics.elidedText(index.data(ConversationModel::ToolNameRole).toString(),
                                     Qt::ElideRight, qMax(0, content.width() - rightWidth - kPad));
        const int nameWidth = boldMetrics.horizontalAdvance(name);
        line->name = placed(name, bold, content, Qt::AlignLeft);
        const QRect summaryRect
            = content.adjusted(nameWidth + kPad, 0, -(rightWidth + 2 * kPad), 0);
        line->summary
            = placed(metrics.elidedText(index.data(ConversationModel::ToolSummaryRole).toString(),
                                        Qt::ElideRight, qMax(0, summaryRect.width())),
                     normal, summaryRect, Qt::AlignLeft);
        break;
    }
    case Kind::Notice: {
        const QRect content = layout.box.adjusted(kPad, 0, -kPad, 0);
        line->summary
            = placed(metrics.elidedText(QStringLiteral("\u2139 ")
                                            + index.data(ConversationModel::TextRole).toString(),
                                        Qt::ElideRight, content.width()),
                     normal, content, Qt::AlignLeft);
        break;
    }
    case Kind::RunChanges: {
        // "3 files changed, +20 −4" and, on the right, where a click leads.
        const QRect content = layout.box.adjusted(kPad, 0, -kPad, 0);
        const QString link = tr("Review changes \u203a");
        line->link = placed(link, normal, content, Qt::AlignRight);
        line->name = placed(
            boldMetrics.elidedText(
                QStringLiteral("\u270e ") + index.data(ConversationModel::TextRole).toString(),
                Qt::ElideRight, qMax(0, content.width() - metrics.horizontalAdvance(link) - kPad)),
            bold, content, Qt::AlignLeft);
        break;
    }
    default:
        return nullptr;
    }
    return line;
}

// The row's cached layout if it is at this width and the row's revision (or any revision while
// the row streams, when a stale one will do), else nullptr.
ConversationDelegate::Layout *ConversationDelegate::cachedLayout(const QModelIndex &index,
                                                                 int width, bool allowStale) const
{
    Layout *layout = m_layouts.object(index.data(ConversationModel::KeyRole).toLongLong());
    if (layout && layout->width == width
        && (layout->revision == index.data(ConversationModel::RevisionRole).toInt()
            || (allowStale && index.data(ConversationModel::StreamingRole).toBool())))
        return layout;
    return nullptr;
}

ConversationDelegate::Layout *ConversationDelegate::layoutFor(const QModelIndex &index,
                                                              bool allowStale) const
{
    const int width = rowWidth();
    if (Layout *layout = cachedLayout(index, width, allowStale))
        return layout;
    return build(index, width);
}

int ConversationDelegate::closedHeight(const QModelIndex &index, Kind kind) const
{
    const int line = QFontMetrics(font()).height();
    switch (kind) {
    case Kind::ToolCall:
        if (index.data(ConversationModel::ExpandedRole).toBool())
            return -1;
        [[fallthrough]];
    case Kind::RunChanges:
    case Kind::Notice:
        return cardLineHeight(line) + 2 * kGap;
    case Kind::Reasoning:
        return index.data(ConversationModel::ExpandedRole).toBool()
            ? -1
            : reasoningHeaderHeight(line) + 2 * kGap;
    default:
        return -1;
    }
}

int ConversationDelegate::estimate(const QModelIndex &index, int width) const
{
    // Wrapped lines of the plain text, plus some room for Markdown structure.
    const QFontMetrics metrics(font());
    const int perLine
        = qMax(20, (width - 2 * kMargin - 2 * kPad) / qMax(1, metrics.averageCharWidth()));
    const QString text = index.data(ConversationModel::TextRole).toString();
    int lines = 0;
    for (const QStringView paragraph : QStringView(text).split(QLatin1Char('\n')))
        lines += 1 + int(paragraph.size()) / perLine;
    return lines * metrics.lineSpacing() + 2 * kPad + 2 * kGap;
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option,
                                     const QModelIndex &index) const
{
    Q_UNUSED(option)
    const int width = rowWidth();
    const qint64 key = index.data(ConversationModel::KeyRole).toLongLong();
    const int revision = index.data(ConversationModel::RevisionRole).toInt();
    Height &height = m_heights[key];
    if (height.width == width && (height.revision == revision || !height.exact))
        return {width, height.height};
    const Kind kind = kindOf(index);
    // The end of the thread, not of the rows held: a page read below them is not on screen yet.
    const auto *conversation = qobject_cast<const ConversationModel *>(index.model());
    const bool nearEnd = index.row() >= index.model()->rowCount() - kExactTail
        && !(conversation && conversation->hasNewer());
    if (const Layout *cached = cachedLayout(index, width, true)) {
        height = {width, revision, cached->height, true};
    } else if (const int closed = closedHeight(index, kind); closed > 0) {
        height = {width, revision, closed, true}; // as build() makes it, without building
    } else if (kind == Kind::ToolCall || nearEnd) { // an open card's body is cheap to lay out
        height = {width, revision, layoutFor(index, true)->height, true};
    } else {
        height = {width, revision, estimate(index, width), false};
    }
    return {width, height.height};
}

bool ConversationDelegate::relayout(const QModelIndex &index)
{
    const qint64 key = index.data(ConversationModel::KeyRole).toLongLong();
    const Layout *layout = layoutFor(index, false);
    Height &height = m_heights[key];
    const bool changed
        = !height.exact || height.height != layout->height || height.width != layout->width;
    height = {layout->width, layout->revision, layout->height, true};
    return changed;
}

bool ConversationDelegate::layOutAhead(const QModelIndex &index, bool *resized)
{
    *resized = false;
    if (cachedLayout(index, rowWidth(), true))
        return false;
    *resized = relayout(index);
    return true;
}
