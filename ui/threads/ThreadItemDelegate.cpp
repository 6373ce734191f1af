// ThreadItemDelegate: the look of the sidebar's rows (palette colours only, so dark mode works).
#include "ThreadItemDelegate.h"

#include "ThreadListModel.h"

#include <QApplication>
#include <QLineEdit>
#include <QPainter>
#include <QTextLayout>

ThreadItemDelegate::ThreadItemDelegate(const ThreadListModel &model, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_model(model)
{
}

void ThreadItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                         const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(ThreadListModel::HeaderRole).toBool()) {
        option->font.setBold(true);
        option->font.setPointSizeF(option->font.pointSizeF() * 0.9);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        option->state
            &= ~(QStyle::State_Selected | QStyle::State_HasFocus | QStyle::State_MouseOver);
        option->state |= QStyle::State_Enabled; // readable, though not selectable
        option->displayAlignment = Qt::AlignLeft | Qt::AlignBottom;
        return;
    }
    if (index.data(ThreadListModel::RunningRole).toBool())
        option->text = QStringLiteral("\u25CF ") + option->text; // the run's dot
    if (m_model.isSearching())
        option->displayAlignment = Qt::AlignLeft | Qt::AlignTop; // the snippet goes below
}

// While searching, a second line shows the message text around the match with the matched
// words in bold, so the user sees why a thread whose title says nothing was found.
void ThreadItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const QString snippet = index.data(ThreadListModel::SnippetRole).toString();
    if (!m_model.isSearching() || snippet.isEmpty())
        return;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                           .adjusted(margin, 0, -margin, 0);
    const int lineHeight = opt.fontMetrics.lineSpacing();
    const QRect line(text.left(), text.bottom() - lineHeight - 2, text.width(), lineHeight);

    QString flat = snippet; // one line, same offsets as the highlights
    for (QChar &c : flat) {
        if (c.isSpace())
            c = QLatin1Char(' ');
    }
    QTextLayout layout(flat, opt.font);
    QList<QTextLayout::FormatRange> formats;
    for (const QVariant &value : index.data(ThreadListModel::SnippetHighlightsRole).toList()) {
        QTextLayout::FormatRange range;
        range.start = value.toPoint().x();
        range.length = value.toPoint().y();
        range.format.setFontWeight(QFont::Bold);
        formats << range;
    }
    layout.setFormats(formats);
    layout.beginLayout();
    QTextLine textLine = layout.createLine();
    if (textLine.isValid())
        textLine.setLineWidth(qMax(line.width(), int(opt.fontMetrics.horizontalAdvance(flat)) + 1));
    layout.endLayout();

    const QPalette::ColorGroup group
        = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    painter->save();
    painter->setClipRect(line);
    painter->setPen(opt.state & QStyle::State_Selected
                        ? opt.palette.color(group, QPalette::HighlightedText)
                        : opt.palette.color(group, QPalette::PlaceholderText));
    layout.draw(painter, line.topLeft());
    painter->restore();
}

QSize ThreadItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    // Uniform: the view asks for the first row only, which may be a header.
    const int lines = m_model.isSearching() ? 2 : 1;
    const int height = option.fontMetrics.lineSpacing() * lines + 10;
    return {QStyledItemDelegate::sizeHint(option, index).width(), height};
}

QWidget *ThreadItemDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                          const QModelIndex &index) const
{
    QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
    editor->setObjectName(QStringLiteral("threadRenameEditor"));
    return editor;
}
