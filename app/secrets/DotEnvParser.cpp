#include "DotEnvParser.h"

#include <QStringList>

namespace {

bool isSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

QStringView trimmedLeft(QStringView text)
{
    qsizetype i = 0;
    while (i < text.size() && isSpace(text.at(i)))
        ++i;
    return text.mid(i);
}

QStringView trimmedRight(QStringView text)
{
    qsizetype n = text.size();
    while (n > 0 && isSpace(text.at(n - 1)))
        --n;
    return text.left(n);
}

// Splits on LF, CRLF and lone CR, so files from any editor read the same.
QList<QStringView> splitLines(QStringView text)
{
    QList<QStringView> lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            lines.append(text.mid(start, i - start));
            if (c == QLatin1Char('\r') && i + 1 < text.size()
                && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            start = i + 1;
        }
    }
    if (start < text.size())
        lines.append(text.mid(start));
    return lines;
}

QChar unescape(QChar c)
{
    switch (c.unicode()) {
    case 'n':
        return QLatin1Char('\n');
    case 'r':
        return QLatin1Char('\r');
    case 't':
        return QLatin1Char('\t');
    case 'f':
        return QLatin1Char('\f');
    case 'v':
        return QLatin1Char('\v');
    case 'a':
        return QLatin1Char('\a');
    case 'b':
        return QLatin1Char('\b');
    default:
        return c; // \\, \", \', \$ and anything else: the character itself
    }
}

// After a closing quote only blanks or a " #" comment may follow.
bool restIsBlankOrComment(QStringView rest)
{
    const QStringView trimmed = trimmedLeft(rest);
    if (trimmed.isEmpty())
        return true;
    return trimmed.front() == QLatin1Char('#') && trimmed.size() < rest.size();
}

} // namespace

bool DotEnvParser::isValidKey(QStringView key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const char16_t c = key.at(i).unicode();
        const bool letter = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!letter && !(digit && i > 0))
            return false;
    }
    return true;
}

DotEnvParser::Result DotEnvParser::parse(QStringView text)
{
    Result result;
    if (text.startsWith(QChar(0xfeff)))
        text = text.mid(1);
    const QList<QStringView> lines = splitLines(text);

    const auto error = [&result](int line, const QString &what) {
        result.errors.append({line, QStringLiteral("line %1: %2").arg(line).arg(what)});
    };

    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int lineNumber = int(index + 1);
        QStringView line = trimmedLeft(lines.at(index));
        if (line.isEmpty() || line.front() == QLatin1Char('#'))
            continue;
        if (line.startsWith(QLatin1String("export")) && line.size() > 6 && isSpace(line.at(6)))
            line = trimmedLeft(line.mid(6));

        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0) {
            error(lineNumber,
                  QStringLiteral("expected KEY=VALUE (a name, '=', then the value); the line is "
                                 "ignored."));
            continue;
        }
        const QStringView key = trimmedRight(line.left(equals));
        if (!isValidKey(key)) {
            error(lineNumber,
                  QStringLiteral("the name before '=' is not a valid variable name (letters, "
                                 "digits and '_', not starting with a digit); the line is "
                                 "ignored."));
            continue;
        }
        QStringView rest = trimmedLeft(line.mid(equals + 1));

        if (rest.isEmpty() || rest.front() == QLatin1Char('#')) {
            // KEY= or KEY= # comment: an empty value.
            result.entries.append({key.toString(), QStringLiteral(""), lineNumber});
            continue;
        }

        const QChar quote = rest.front();
        if (quote != QLatin1Char('"') && quote != QLatin1Char('\'')) {
            // Unquoted: up to an inline comment (" #"), without trailing blanks.
            qsizetype end = rest.size();
            for (qsizetype i = 1; i < rest.size(); ++i) {
                if (rest.at(i) == QLatin1Char('#') && isSpace(rest.at(i - 1))) {
                    end = i;
                    break;
                }
            }
            result.entries.append(
                {key.toString(), trimmedRight(rest.left(end)).toString(), lineNumber});
            continue;
        }

        // Quoted: may continue over the next lines until the closing quote.
        const bool doubleQuoted = quote == QLatin1Char('"');
        QString value;
        QStringView remaining = rest.mid(1);
        qsizetype current = index;
        bool closed = false;
        QStringView after;
        while (true) {
            qsizetype i = 0;
            for (; i < remaining.size(); ++i) {
                const QChar c = remaining.at(i);
                if (doubleQuoted && c == QLatin1Char('\\') && i + 1 < remaining.size()) {
                    value += unescape(remaining.at(++i));
                    continue;
                }
                if (c == quote) {
                    closed = true;
                    break;
                }
                value += c;
            }
            if (closed) {
                after = remaining.mid(i + 1);
                break;
            }
            if (current + 1 >= lines.size())
                break;
            value += QLatin1Char('\n');
            remaining = lines.at(++current);
        }
        if (!closed) {
            error(lineNumber,
                  QStringLiteral("the %1 quote is never closed; the rest of the file is "
                                 "ignored.")
                      .arg(doubleQuoted ? QStringLiteral("double") : QStringLiteral("single")));
            break;
        }
        index = current;
        if (!restIsBlankOrComment(after)) {
            error(int(current + 1),
                  QStringLiteral("unexpected text after the closing quote (a comment needs a "
                                 "space before '#'); the entry is ignored."));
            continue;
        }
        result.entries.append({key.toString(), value, lineNumber});
    }
    return result;
}

QString DotEnvParser::Result::value(const QString &key) const
{
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (it->key == key)
            return it->value;
    }
    return {};
}

bool DotEnvParser::Result::contains(const QString &key) const
{
    for (const DotEnvEntry &entry : entries) {
        if (entry.key == key)
            return true;
    }
    return false;
}

QStringList DotEnvParser::Result::keys() const
{
    QStringList names;
    for (const DotEnvEntry &entry : entries) {
        if (!names.contains(entry.key))
            names.append(entry.key);
    }
    return names;
}
