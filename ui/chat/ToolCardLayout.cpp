// Lays out and paints the body of an open tool card (see ToolCardLayout.h).
#include "ToolCardLayout.h"

#include "agent/ToolResults.h"
#include "chat/AnsiText.h"
#include "chat/ConversationModel.h"

#include <QAbstractTextDocumentLayout>
#include <QColor>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QJsonObject>
#include <QPainter>
#include <QTextCursor>
#include <QTextDocument>

#include <cmath>

namespace {

constexpr int kPad = 6; // inside the terminal block
constexpr int kGap = 6; // between the body's parts

// A terminal's colours whatever the theme: output looks as it did in the terminal.
const QColor kBackground(0x1e, 0x1e, 0x1e);
const QColor kForeground(0xd4, 0xd4, 0xd4);
const QColor kDim(0x8a, 0x8a, 0x8a);
const QColor kStderr(0xff, 0xa0, 0x7a);

// The last kFoldLines lines of `text` unless all are wanted (then at most kMaxShownChars);
// *hidden: how many lines are left out.
QStringView fold(QStringView text, bool showAll, int *hidden, bool *foldable)
{
    *hidden = 0;
    if (text.endsWith(u'\n'))
        text.chop(1);
    if (text.isEmpty())
        return text;
    const int lines = int(text.count(u'\n')) + 1;
    *foldable = *foldable || lines > ToolCardLayout::kFoldLines;
    if (showAll) {
        if (text.size() <= ToolCardLayout::kMaxShownChars)
            return text;
        QStringView tail = text.right(ToolCardLayout::kMaxShownChars);
        const qsizetype cut = tail.indexOf(u'\n');
        if (cut >= 0)
            tail = tail.mid(cut + 1);
        *hidden = lines - int(tail.count(u'\n')) - 1;
        return tail;
    }
    if (lines <= ToolCardLayout::kFoldLines)
        return text;
    qsizetype at = text.size();
    for (int i = 0; i < ToolCardLayout::kFoldLines; ++i)
        at = text.lastIndexOf(u'\n', at - 1);
    *hidden = lines - ToolCardLayout::kFoldLines;
    return text.mid(at + 1);
}

} // namespace

ToolCardLayout::ToolCardLayout() = default;
ToolCardLayout::~ToolCardLayout() = default;

QString ToolCardLayout::showAllText(int hiddenLines)
{
    return tr("Show all (%n more line(s))", nullptr, hiddenLines);
}

QString ToolCardLayout::showLessText()
{
    return tr("Show less");
}

QString ToolCardLayout::inspectText()
{
    return tr("Details in the inspector \u203a");
}

void ToolCardLayout::build(const QModelIndex &index, QPoint origin, int width, const QFont &font,
                           const QPalette &palette)
{
    Q_UNUSED(palette)
    using Status = ConversationModel::ToolStatus;
    const auto status = index.data(ConversationModel::ToolStatusRole).value<Status>();
    const bool finished = status == Status::Done || status == Status::Failed;
    m_content = ToolCardContent::from(
        index.data(ConversationModel::ToolNameRole).toString(),
        index.data(ConversationModel::ToolArgumentsRole).toJsonObject(),
        finished ? index.data(ConversationModel::ToolResultRole).toJsonValue() : QJsonValue(),
        status == Status::Failed);
    m_showingAll = index.data(ConversationModel::ToolShowAllRole).toBool();
    m_origin = origin;
    const QFontMetrics metrics(font);
    const int line = metrics.height();
    int y = origin.y();

    if (!m_content.command.isEmpty() || !m_content.processId.isEmpty() || m_content.hasOutput
        || m_content.exitCode) {
        QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        fixed.setPointSizeF(font.pointSizeF() > 0 ? font.pointSizeF() : fixed.pointSizeF());
        buildTerminal(width - 2 * kPad, fixed);
        const int height = int(std::ceil(m_terminalDoc->size().height())) + 2 * kPad;
        m_terminal = QRect(origin.x(), y, width, height);
        y = m_terminal.bottom() + 1 + kGap;
    }
    m_files.clear();
    m_fileLabels.clear();
    for (const ToolCardContent::File &file : std::as_const(m_content.files)) {
        QString label = file.path;
        if (file.size >= 0)
            label += QStringLiteral(" \u00b7 ") + ToolResults::humanReadableSize(file.size);
        label = metrics.elidedText(label, Qt::ElideMiddle, width);
        m_files.append({file.path, QRect(origin.x(), y, metrics.horizontalAdvance(label), line)});
        m_fileLabels.append(label);
        y += line + 2;
    }
    if (!m_files.isEmpty())
        y += kGap;
    if (!m_content.error.isEmpty()) {
        m_errorDoc = std::make_unique<QTextDocument>();
        m_errorDoc->setDocumentMargin(0);
        m_errorDoc->setDefaultFont(font);
        m_errorDoc->setPlainText(m_content.error);
        m_errorDoc->setTextWidth(qMax(40, width - kPad - 3));
        m_error = QRect(origin.x(), y, width, int(std::ceil(m_errorDoc->size().height())));
        y = m_error.bottom() + 1 + kGap;
    } else {
        m_errorDoc.reset();
        m_error = QRect();
    }
    // The links under the body.
    const QString inspect = inspectText();
    const int inspectWidth = metrics.horizontalAdvance(inspect);
    m_inspect = QRect(origin.x() + width - inspectWidth, y, inspectWidth, line);
    m_showAllRect = QRect();
    if (m_foldable) {
        const QString text = m_hidden > 0 ? showAllText(m_hidden) : showLessText();
        m_showAllRect = QRect(origin.x(), y, metrics.horizontalAdvance(text), line);
    }
    y += line;
    m_height = y - origin.y();
}

void ToolCardLayout::buildTerminal(int width, const QFont &fixed)
{
    m_terminalDoc = std::make_unique<QTextDocument>();
    QTextDocument *doc = m_terminalDoc.get();
    doc->setDocumentMargin(0);
    doc->setDefaultFont(fixed);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    doc->setDefaultTextOption(option);
    QTextCursor cursor(doc);
    bool first = true;
    const auto insert = [&](const QString &text, const QColor &fg, bool bold = false,
                            const QColor &bg = QColor()) {
        QTextCharFormat format;
        format.setForeground(fg);
        if (bold)
            format.setFontWeight(QFont::Bold);
        if (bg.isValid())
            format.setBackground(bg);
        cursor.insertText(text, format);
        first = false;
    };
    const auto newLine = [&] {
        if (!first)
            cursor.insertText(QStringLiteral("\n"));
    };
    const auto insertAnsi = [&](QStringView text, const QColor &fg) {
        for (const AnsiText::Run &run : AnsiText::parse(text))
            insert(run.text, run.foreground.isValid() ? run.foreground : fg, run.bold,
                   run.background);
    };

    m_hidden = 0;
    m_foldable = false;
    if (!m_content.command.isEmpty()) {
        if (m_content.isCode) {
            int hidden = 0;
            const QStringView code = fold(m_content.command, m_showingAll, &hidden, &m_foldable);
            if (hidden > 0)
                insert(tr("\u2026 %n earlier line(s) of code", nullptr, hidden) + QLatin1Char('\n'),
                       kDim);
            insert(code.toString(), kDim);
            m_hidden += hidden;
        } else {
            insert(QStringLiteral("$ "), AnsiText::color(2), true);
            insert(m_content.command, kForeground, true);
        }
    }
    if (!m_content.processId.isEmpty()) {
        newLine();
        insert(tr("output of background process %1").arg(m_content.processId), kDim);
    }
    const auto insertStream = [&](const QString &text, const QColor &fg) {
        int hidden = 0;
        const QStringView shown = fold(text, m_showingAll, &hidden, &m_foldable);
        if (hidden > 0) {
            newLine();
            insert(m_showingAll
                       ? tr("\u2026 %n earlier line(s) are in the inspector", nullptr, hidden)
                       : tr("\u2026 %n earlier line(s)", nullptr, hidden),
                   kDim);
            if (!m_showingAll)
                m_hidden += hidden;
        }
        if (!shown.isEmpty()) {
            newLine();
            insertAnsi(shown, fg);
        }
    };
    if (m_content.hasOutput) {
        if (m_content.output.isEmpty() && m_content.stderrText.isEmpty()) {
            newLine();
            insert(tr("(no output)"), kDim);
        }
        insertStream(m_content.output, kForeground);
        if (!m_content.stderrText.isEmpty()) {
            newLine();
            insert(tr("stderr:"), kStderr, true);
            insertStream(m_content.stderrText, kStderr);
        }
    }
    if (m_content.exitCode) {
        newLine();
        const int code = *m_content.exitCode;
        insert(tr("exit code %1").arg(code), code == 0 ? AnsiText::color(2) : AnsiText::color(9),
               true);
    } else if (m_content.running) {
        newLine();
        insert(tr("still running"), kDim);
    }
    doc->setTextWidth(qMax(40, width));
}

QString ToolCardLayout::terminalText() const
{
    return m_terminalDoc ? m_terminalDoc->toPlainText() : QString();
}

QColor ToolCardLayout::foregroundOf(const QString &text) const
{
    if (!m_terminalDoc)
        return {};
    // Whole words: the command line above the output may hold the text inside a longer word.
    const QTextCursor found = m_terminalDoc->find(text, 0, QTextDocument::FindWholeWords);
    if (found.isNull())
        return {};
    QTextCursor at(m_terminalDoc.get());
    at.setPosition(found.selectionStart() + 1); // the format of the character before
    return at.charFormat().foreground().color();
}

void ToolCardLayout::paint(QPainter *painter, const QPalette &palette, const QFont &font) const
{
    if (m_terminalDoc) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(kBackground);
        painter->drawRoundedRect(m_terminal, 4, 4);
        painter->save();
        painter->translate(m_terminal.topLeft() + QPoint(kPad, kPad));
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette.setColor(QPalette::Text, kForeground);
        context.clip = QRectF(QPointF(0, 0), m_terminalDoc->size());
        m_terminalDoc->documentLayout()->draw(painter, context);
        painter->restore();
    }
    QFont link = font;
    link.setUnderline(true);
    painter->setFont(link);
    painter->setPen(palette.color(QPalette::Link));
    for (qsizetype i = 0; i < m_files.size(); ++i)
        painter->drawText(m_files.at(i).rect, Qt::AlignVCenter | Qt::AlignLeft, m_fileLabels.at(i));
    if (m_showAllRect.isValid())
        painter->drawText(m_showAllRect, Qt::AlignVCenter | Qt::AlignLeft,
                          m_hidden > 0 ? showAllText(m_hidden) : showLessText());
    painter->drawText(m_inspect, Qt::AlignVCenter | Qt::AlignRight, inspectText());
    painter->setFont(font);
    if (m_errorDoc) {
        // A red bar beside the reason: a failed call reads as one at a glance.
        painter->fillRect(QRect(m_error.left(), m_error.top(), 3, m_error.height()),
                          AnsiText::color(1));
        painter->save();
        painter->translate(m_error.topLeft() + QPoint(kPad + 3, 0));
        QAbstractTextDocumentLayout::PaintContext context;
        context.palette = palette;
        m_errorDoc->documentLayout()->draw(painter, context);
        painter->restore();
    }
}

ToolCardLayout::Target ToolCardLayout::hit(QPoint at, QString *path) const
{
    if (m_showAllRect.isValid() && m_showAllRect.contains(at))
        return Target::ShowAll;
    if (m_inspect.contains(at))
        return Target::Inspect;
    for (const FileLink &file : m_files) {
        if (file.rect.contains(at)) {
            if (path)
                *path = file.path;
            return Target::File;
        }
    }
    return Target::None;
}
