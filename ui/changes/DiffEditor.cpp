// The diff column with its line-number gutter (see DiffEditor.h).
#include "DiffEditor.h"

#include "chat/CodeHighlighter.h"

#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>
#include <QTextCursor>

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor tint(const QPalette &palette, const QColor &colour, double amount)
{
    const QColor base = palette.color(QPalette::Base);
    return QColor::fromRgbF(float(base.redF() * (1 - amount) + colour.redF() * amount),
                            float(base.greenF() * (1 - amount) + colour.greenF() * amount),
                            float(base.blueF() * (1 - amount) + colour.blueF() * amount));
}

QColor background(const QPalette &palette, DiffRow::Kind kind)
{
    const double amount = isDark(palette) ? 0.28 : 0.18;
    switch (kind) {
    case DiffRow::Kind::Added:
        return tint(palette, QColor(40, 170, 60), amount);
    case DiffRow::Kind::Removed:
        return tint(palette, QColor(210, 50, 50), amount);
    case DiffRow::Kind::Hunk:
        return palette.color(QPalette::AlternateBase);
    case DiffRow::Kind::Filler:
        return tint(palette, palette.color(QPalette::Mid), 0.25);
    case DiffRow::Kind::Context:
        break;
    }
    return {};
}

QChar marker(DiffRow::Kind kind)
{
    switch (kind) {
    case DiffRow::Kind::Added:
        return QLatin1Char('+');
    case DiffRow::Kind::Removed:
        return QChar(0x2212); // minus sign
    default:
        return QLatin1Char(' ');
    }
}

} // namespace

class DiffGutter final : public QWidget
{
public:
    explicit DiffGutter(DiffEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    {
    }
    QSize sizeHint() const override { return {m_editor->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintGutter(event); }

private:
    DiffEditor *m_editor;
};

DiffEditor::DiffEditor(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_gutter = new DiffGutter(this);
    m_highlighter = new CodeHighlighter(document());
    m_highlighter->setDarkTheme(isDark(palette()));
    connect(this, &QPlainTextEdit::updateRequest, m_gutter, [this](const QRect &rect, int dy) {
        if (dy)
            m_gutter->scroll(0, dy);
        else
            m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    });
    updateGutterGeometry();
}

int DiffEditor::gutterWidth() const
{
    // Old number, new number, marker.
    return fontMetrics().horizontalAdvance(QLatin1Char('9')) * (2 * m_numberDigits + 4) + 8;
}

void DiffEditor::updateGutterGeometry()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
    const QRect r = contentsRect();
    m_gutter->setGeometry(QRect(r.left(), r.top(), gutterWidth(), r.height()));
}

void DiffEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    updateGutterGeometry();
}

void DiffEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_highlighter) {
        m_highlighter->setDarkTheme(isDark(palette()));
        const qsizetype loaded = m_loaded;
        // Tints are baked into the block formats: lay the shown rows out again.
        clear();
        m_loaded = 0;
        appendRows(0, loaded);
    }
}

void DiffEditor::clearRows()
{
    m_rows.clear();
    m_loaded = 0;
    clear();
}

void DiffEditor::setRows(const QList<DiffRow> &rows, const QString &fence)
{
    m_rows = rows;
    m_loaded = 0;
    int maxLine = 0;
    for (const DiffRow &row : rows)
        maxLine = qMax(maxLine, qMax(row.oldLine, row.newLine));
    m_numberDigits = qMax(3, int(QString::number(maxLine).size()));
    m_highlighter->setDefaultLanguage(CodeHighlighter::languageFromFence(fence));
    clear();
    updateGutterGeometry();
    appendRows(0, qMin<qsizetype>(rows.size(), kChunk));
}

void DiffEditor::loadMore()
{
    if (!hasMore())
        return;
    appendRows(m_loaded, qMin<qsizetype>(m_rows.size(), m_loaded + kChunk));
    emit moreLoaded();
}

void DiffEditor::appendRows(qsizetype from, qsizetype to)
{
    if (from >= to)
        return;
    QString text;
    for (qsizetype i = from; i < to; ++i) {
        if (i > 0)
            text += QLatin1Char('\n');
        text += m_rows.at(i).text;
    }
    QTextCursor cursor(document());
    cursor.beginEditBlock();
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text);
    QTextBlock block = document()->findBlockByNumber(int(from));
    for (qsizetype i = from; i < to && block.isValid(); ++i, block = block.next()) {
        // Every block, also untinted ones: new blocks inherit the format of the one before.
        const QColor colour = background(palette(), m_rows.at(i).kind);
        QTextBlockFormat format;
        if (colour.isValid())
            format.setBackground(colour);
        QTextCursor(block).setBlockFormat(format);
    }
    cursor.endEditBlock();
    m_loaded = to;
}

int DiffEditor::currentRow() const
{
    const int row = textCursor().blockNumber();
    return row < m_loaded ? row : -1;
}

void DiffEditor::goToRow(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    while (row >= m_loaded)
        loadMore();
    QTextCursor cursor(document()->findBlockByNumber(row));
    setTextCursor(cursor);
    // The row near the top, so that the hunk below it is in view.
    centerCursor();
}

QString DiffEditor::shownText() const
{
    QString text;
    for (qsizetype i = 0; i < m_loaded; ++i) {
        const DiffRow &row = m_rows.at(i);
        text += marker(row.kind) + row.text + QLatin1Char('\n');
    }
    return text;
}

void DiffEditor::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    const QPalette &pal = palette();
    painter.fillRect(event->rect(), pal.color(QPalette::Window));
    const int charWidth = fontMetrics().horizontalAdvance(QLatin1Char('9'));
    const int numberWidth = charWidth * m_numberDigits;
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    painter.setFont(font());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int number = block.blockNumber();
        if (block.isVisible() && bottom >= event->rect().top() && number < m_loaded) {
            const DiffRow &row = m_rows.at(number);
            const QColor colour = background(pal, row.kind);
            const QRect line(0, top, m_gutter->width(), bottom - top);
            if (colour.isValid())
                painter.fillRect(line, colour);
            painter.setPen(pal.color(QPalette::PlaceholderText));
            if (row.oldLine > 0)
                painter.drawText(QRect(4, top, numberWidth, line.height()), Qt::AlignRight,
                                 QString::number(row.oldLine));
            if (row.newLine > 0)
                painter.drawText(
                    QRect(4 + numberWidth + charWidth, top, numberWidth, line.height()),
                    Qt::AlignRight, QString::number(row.newLine));
            painter.setPen(pal.color(QPalette::Text));
            painter.drawText(
                QRect(4 + 2 * numberWidth + 2 * charWidth, top, charWidth * 2, line.height()),
                Qt::AlignLeft, QString(marker(row.kind)));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}
