// See SearchQuery.h.
#include "SearchQuery.h"

#include <algorithm>

namespace {

// unicode61 keeps letters, numbers and combining marks together in one token; everything
// else separates tokens. Surrogate pairs (emoji, rare scripts) are classified as a whole.
bool isWordCharacter(char32_t ucs4)
{
    switch (QChar::category(ucs4)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return true;
    default:
        return false;
    }
}

} // namespace

QStringList SearchQuery::words(const QString &userText)
{
    QStringList result;
    QString current;
    const QList<uint> codePoints = userText.toUcs4();
    for (const uint codePoint : codePoints) {
        const auto ucs4 = static_cast<char32_t>(codePoint);
        if (isWordCharacter(ucs4)) {
            current += QString::fromUcs4(&ucs4, 1);
        } else if (!current.isEmpty()) {
            result << current;
            current.clear();
        }
    }
    if (!current.isEmpty())
        result << current;
    return result;
}

QStringList SearchQuery::terms(const QString &userText)
{
    QStringList result;
    // A pasted page of text would make a slow query that matches nothing useful.
    const QStringList all = words(userText).mid(0, maxWords);
    for (const QString &word : all) {
        // A word holds no quote (quotes are separators), so quoting it is enough to make
        // AND, OR, NOT, NEAR and column names plain words.
        result << QLatin1Char('"') + word + QStringLiteral("\"*");
    }
    return result;
}

QString SearchQuery::toFtsMatch(const QString &userText)
{
    return terms(userText).join(QLatin1Char(' '));
}

QString SearchQuery::fold(const QString &word)
{
    const QString decomposed = word.normalized(QString::NormalizationForm_KD);
    QString folded;
    folded.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        const QChar::Category category = c.category();
        if (category != QChar::Mark_NonSpacing && category != QChar::Mark_SpacingCombining
            && category != QChar::Mark_Enclosing)
            folded += c;
    }
    return folded.toCaseFolded();
}

SearchQuery::Snippet SearchQuery::snippet(const QString &text, const QStringList &words, int width)
{
    QStringList folded;
    for (const QString &word : words)
        folded << fold(word);
    // The words of text as (start, length), and whether each matches.
    QList<std::pair<int, int>> tokens;
    QList<bool> matches;
    int first = -1;
    bool stoppedEarly = false; // words follow the last one scanned
    const auto size = int(text.size());
    int i = 0;
    while (i < size) {
        const int start = i;
        char32_t ucs4 = text.at(i).unicode();
        int step = 1;
        if (text.at(i).isHighSurrogate() && i + 1 < size && text.at(i + 1).isLowSurrogate()) {
            ucs4 = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            step = 2;
        }
        if (!isWordCharacter(ucs4)) {
            i += step;
            continue;
        }
        // The whole word: up to the next separator.
        i += step;
        while (i < size) {
            char32_t next = text.at(i).unicode();
            int nextStep = 1;
            if (text.at(i).isHighSurrogate() && i + 1 < size && text.at(i + 1).isLowSurrogate()) {
                next = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
                nextStep = 2;
            }
            if (!isWordCharacter(next))
                break;
            i += nextStep;
        }
        tokens.append({start, i - start});
        // Only the window around the first match needs checking after it is found.
        bool match = false;
        if (first < 0 || int(tokens.size()) - first <= width) {
            const QString word = text.mid(start, i - start);
            bool ascii = true;
            for (const QChar c : word)
                ascii = ascii && c.unicode() < 0x80;
            const QString token = ascii ? word.toLower() : fold(word);
            for (const QString &term : std::as_const(folded)) {
                if (!term.isEmpty() && token.startsWith(term)) {
                    match = true;
                    break;
                }
            }
        }
        matches.append(match);
        if (match && first < 0)
            first = int(tokens.size()) - 1;
        if (first >= 0 && int(tokens.size()) - first > width) {
            stoppedEarly = true;
            break;
        }
    }
    Snippet result;
    if (tokens.isEmpty())
        return result;
    const auto count = int(tokens.size());
    int from = first < 0 ? 0 : std::max(0, first - width / 4);
    const int to = std::min(count, from + width);
    from = std::max(0, std::min(from, to - width));
    // From the text's start when the window starts at its first word (keeping a leading
    // quote or brace), to its end when it ends at the last one; "…" where words were cut.
    int begin = from == 0 ? 0 : tokens.at(from).first;
    while (begin < size && text.at(begin).isSpace())
        ++begin;
    const bool toLastWord = to == count && !stoppedEarly;
    int end = toLastWord ? size : tokens.at(to - 1).first + tokens.at(to - 1).second;
    while (end > begin && text.at(end - 1).isSpace())
        --end;
    if (from > 0)
        result.text += QChar(0x2026);
    const int offset = int(result.text.size()) - begin;
    result.text += text.mid(begin, end - begin);
    for (int t = from; t < to; ++t) {
        if (matches.at(t))
            result.highlights.append({tokens.at(t).first + offset, tokens.at(t).second});
    }
    if (!toLastWord)
        result.text += QChar(0x2026);
    return result;
}
