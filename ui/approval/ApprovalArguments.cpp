#include "ApprovalArguments.h"

#include "agent/JsonSchemaValidator.h"
#include "agent/ToolCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {
QString codePointName(char32_t c)
{
    return QStringLiteral("U+")
        + QString::number(uint(c), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

// The code points of a string, surrogate pairs joined (QStringIterator is private API).
QList<char32_t> codePoints(const QString &text)
{
    QList<char32_t> points;
    points.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            points.append(QChar::surrogateToUcs4(c, text.at(i + 1)));
            ++i;
        } else {
            points.append(c.unicode());
        }
    }
    return points;
}

QString escape(char16_t unit)
{
    return QStringLiteral("\\u")
        + QString::number(uint(unit), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}
} // namespace

bool ApprovalArguments::isHidden(char32_t c)
{
    // Format characters (zero-width, bidi overrides and isolates, BOM, tag characters),
    // controls that JSON does not escape by itself (DEL, C1) and line/paragraph separators.
    switch (QChar::category(c)) {
    case QChar::Other_Format:
    case QChar::Other_Control:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        return false;
    }
}

QString ApprovalArguments::toEditableText(const QJsonObject &arguments)
{
    const QString json
        = QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Indented)).trimmed();
    QString out;
    out.reserve(json.size());
    const QList<char32_t> points = codePoints(json);
    for (const char32_t c : points) {
        // Outside strings JSON has only ASCII, so every hidden character is inside a string,
        // where a \u escape means the same character.
        if (!isHidden(c) || c < 0x20) {
            if (QChar::requiresSurrogates(c)) {
                out += QChar(QChar::highSurrogate(c));
                out += QChar(QChar::lowSurrogate(c));
            } else {
                out += QChar(char16_t(c));
            }
            continue;
        }
        if (QChar::requiresSurrogates(c)) {
            out += escape(QChar::highSurrogate(c));
            out += escape(QChar::lowSurrogate(c));
        } else {
            out += escape(char16_t(c));
        }
    }
    return out;
}

QString ApprovalArguments::visible(const QString &text, bool keepLineBreaks)
{
    QString out;
    out.reserve(text.size());
    const QList<char32_t> points = codePoints(text);
    for (const char32_t c : points) {
        if (!isHidden(c) && c >= 0x20) {
            if (QChar::requiresSurrogates(c)) {
                out += QChar(QChar::highSurrogate(c));
                out += QChar(QChar::lowSurrogate(c));
            } else {
                out += QChar(char16_t(c));
            }
        } else if (c == u'\n') {
            out += keepLineBreaks ? QStringLiteral("\n") : QStringLiteral("\\n");
        } else if (c == u'\t') {
            out += QStringLiteral("\\t");
        } else if (QChar::requiresSurrogates(c)) {
            out += escape(QChar::highSurrogate(c));
            out += escape(QChar::lowSurrogate(c));
        } else {
            out += escape(char16_t(c));
        }
    }
    return out;
}

QString ApprovalArguments::summary(const QString &toolName, const QJsonObject &arguments,
                                   int maxLength)
{
    QString text;
    const QString command = arguments.value(QLatin1String("command")).toString();
    const QString path = arguments.value(QLatin1String("path")).toString();
    if (!command.isEmpty()) {
        text = command;
    } else if (toolName == QLatin1String("writeFiles")) {
        QStringList paths;
        for (const QJsonValue &file : arguments.value(QLatin1String("files")).toArray())
            paths << file.toObject().value(QLatin1String("path")).toString();
        text = paths.join(QLatin1String(", "));
    } else if (!path.isEmpty()) {
        text = path;
    } else {
        QJsonObject rest = arguments;
        rest.remove(QLatin1String("sandboxId"));
        text = rest.isEmpty()
            ? QString()
            : QString::fromUtf8(QJsonDocument(rest).toJson(QJsonDocument::Compact));
    }
    text = visible(text);
    if (text.size() > maxLength)
        text = text.left(maxLength - 1) + QChar(0x2026);
    return text;
}

QStringList ApprovalArguments::hiddenCharacters(const QJsonObject &arguments)
{
    const QString json = QString::fromUtf8(QJsonDocument(arguments).toJson());
    QStringList found;
    const QList<char32_t> points = codePoints(json);
    for (const char32_t c : points) {
        if (c >= 0x20 && isHidden(c)) {
            const QString name = codePointName(c);
            if (!found.contains(name))
                found.append(name);
        }
    }
    return found;
}

ApprovalArguments::Checked ApprovalArguments::check(const QString &text, const ToolDefinition *tool)
{
    Checked checked;
    QJsonParseError error;
    const QByteArray utf8 = text.toUtf8();
    const QJsonDocument document = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError) {
        // The offset is in UTF-8 bytes; count lines and columns in characters.
        const QString before = QString::fromUtf8(utf8.left(error.offset));
        const int line = int(before.count(QLatin1Char('\n'))) + 1;
        const int column = int(before.size() - before.lastIndexOf(QLatin1Char('\n')));
        checked.problem = tr("Not valid JSON at line %1, column %2: %3. Fix it to approve, or "
                             "deny the call.")
                              .arg(line)
                              .arg(column)
                              .arg(error.errorString());
        return checked;
    }
    if (!document.isObject()) {
        checked.problem
            = tr("The arguments must be one JSON object ({ ... }). Fix it to approve, or deny "
                 "the call.");
        return checked;
    }
    checked.arguments = document.object();
    if (tool) {
        const auto errors = JsonSchemaValidator::validate(tool->inputSchema, checked.arguments);
        if (!errors.isEmpty()) {
            QStringList lines{tr("These arguments do not fit %1:").arg(tool->name)};
            for (const JsonSchemaValidator::Error &e : errors)
                lines << QStringLiteral("• ") + e.toString();
            checked.problem = lines.join(QLatin1Char('\n'));
            checked.arguments = {};
            return checked;
        }
    }
    checked.ok = true;
    return checked;
}
