// See SearchQuery.h.
#include "SearchQuery.h"

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
