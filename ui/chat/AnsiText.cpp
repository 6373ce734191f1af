// ANSI escape handling for the tool cards' terminal blocks (see AnsiText.h).
#include "AnsiText.h"

namespace AnsiText {

namespace {

constexpr char16_t kEsc = 0x1b;

struct Style
{
    QColor foreground;
    QColor background;
    bool bold = false;
    bool operator==(const Style &other) const
    {
        return foreground == other.foreground && background == other.background
            && bold == other.bold;
    }
};

void applySgr(QStringView params, Style *style)
{
    const QList<QStringView> codes = params.split(u';');
    for (qsizetype i = 0; i < codes.size(); ++i) {
        const int code = codes.at(i).isEmpty() ? 0 : codes.at(i).toInt();
        if (code == 0) {
            *style = Style();
        } else if (code == 1) {
            style->bold = true;
        } else if (code == 22) {
            style->bold = false;
        } else if (code >= 30 && code <= 37) {
            style->foreground = color(code - 30);
        } else if (code == 39) {
            style->foreground = QColor();
        } else if (code >= 40 && code <= 47) {
            style->background = color(code - 40);
        } else if (code == 49) {
            style->background = QColor();
        } else if (code >= 90 && code <= 97) {
            style->foreground = color(code - 90 + 8);
        } else if (code >= 100 && code <= 107) {
            style->background = color(code - 100 + 8);
        } else if ((code == 38 || code == 48) && i + 1 < codes.size()) {
            // 256 colours (5;n) use the 16 named ones when they can; truecolor (2;r;g;b) as is.
            QColor chosen;
            if (codes.at(i + 1).toInt() == 5 && i + 2 < codes.size()) {
                const int n = codes.at(i + 2).toInt();
                if (n < 16)
                    chosen = color(n);
                i += 2;
            } else if (codes.at(i + 1).toInt() == 2 && i + 4 < codes.size()) {
                chosen = QColor(codes.at(i + 2).toInt(), codes.at(i + 3).toInt(),
                                codes.at(i + 4).toInt());
                i += 4;
            }
            (code == 38 ? style->foreground : style->background) = chosen;
        }
    }
}

// Where the escape sequence starting at `at` (an ESC) ends, one past its last character.
qsizetype skipEscape(QStringView text, qsizetype at, QStringView *sgr)
{
    const qsizetype n = text.size();
    if (at + 1 >= n)
        return n;
    const QChar kind = text.at(at + 1);
    if (kind == u'[') { // CSI: parameters, then one final byte in @..~
        qsizetype end = at + 2;
        while (end < n && (text.at(end).unicode() < 0x40 || text.at(end).unicode() > 0x7e))
            ++end;
        if (end >= n)
            return n;
        if (text.at(end) == u'm')
            *sgr = text.mid(at + 2, end - at - 2);
        return end + 1;
    }
    if (kind == u']') { // OSC: until BEL or ESC backslash
        for (qsizetype end = at + 2; end < n; ++end) {
            if (text.at(end) == u'\a')
                return end + 1;
            if (text.at(end) == kEsc && end + 1 < n && text.at(end + 1) == u'\\')
                return end + 2;
        }
        return n;
    }
    return at + 2; // a two-character sequence (ESC =, ESC (B's first half, ...)
}

} // namespace

QColor color(int index)
{
    // Close to common terminal themes; readable on the card's dark background.
    static const QRgb table[16]
        = {0x4d4d4d, 0xf14c4c, 0x23d18b, 0xf5f543, 0x3b8eea, 0xd670d6, 0x29b8db, 0xcccccc,
           0x808080, 0xff6e6e, 0x5af78e, 0xf4f99d, 0x6cb6ff, 0xff92df, 0x9aedfe, 0xffffff};
    return QColor(table[qBound(0, index, 15)]);
}

QList<Run> parse(QStringView text)
{
    QList<Run> runs;
    Style style;
    QString current;
    Style currentStyle;
    const auto flush = [&] {
        if (current.isEmpty())
            return;
        runs.append({current, currentStyle.foreground, currentStyle.background, currentStyle.bold});
        current.clear();
    };
    qsizetype lineStart = 0; // in `current`, for carriage returns within the running run only
    for (qsizetype i = 0; i < text.size();) {
        const QChar c = text.at(i);
        if (c == kEsc) {
            QStringView sgr;
            bool isSgr = false;
            const qsizetype end = skipEscape(text, i, &sgr);
            if (end > i + 2 && text.at(i + 1) == u'[' && text.at(end - 1) == u'm')
                isSgr = true;
            if (isSgr) {
                applySgr(sgr, &style);
                if (!(style == currentStyle)) {
                    flush();
                    lineStart = 0;
                    currentStyle = style;
                }
            }
            i = end;
            continue;
        }
        if (c == u'\r') {
            if (i + 1 < text.size() && text.at(i + 1) == u'\n') {
                ++i; // CRLF is a plain line end
                continue;
            }
            current.truncate(lineStart); // what follows overwrites the line
            ++i;
            continue;
        }
        if (c.unicode() < 0x20 && c != u'\n' && c != u'\t') {
            ++i; // other control characters (BEL, backspace, ...) are not shown
            continue;
        }
        current.append(c);
        if (c == u'\n')
            lineStart = current.size();
        ++i;
    }
    flush();
    return runs;
}

QString strip(QStringView text)
{
    QString out;
    for (const Run &run : parse(text))
        out += run.text;
    return out;
}

} // namespace AnsiText
