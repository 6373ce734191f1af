#include "agent/ToolResults.h"

#include "agent/OutputCap.h"

#include <QCryptographicHash>
#include <QSet>

#include <algorithm>

namespace ToolResults {

bool isBinary(const QByteArray &bytes)
{
    if (bytes.left(8192).contains('\0'))
        return true;
    // Whole-buffer validation: a sequence cut off at the end (Latin-1 "caf\xe9") is invalid too,
    // where a streaming decoder would wait for more bytes and report no error.
    return !bytes.isValidUtf8();
}

QString describeBinary(const QByteArray &bytes)
{
    return QStringLiteral("binary file, %1 bytes, sha256 %2")
        .arg(bytes.size())
        .arg(QString::fromLatin1(
            QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
}

QString decodeText(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes); // invalid sequences become U+FFFD
}

QString humanReadableSize(qint64 bytes)
{
    static const char *const units[] = {"B", "KB", "MB", "GB", "TB", "PB"};
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    double value = double(bytes);
    int unit = 0;
    while (value >= 1024 && unit < 5) {
        value /= 1024;
        ++unit;
    }
    QString number = QString::number(value, 'f', 1);
    if (number.endsWith(QLatin1String(".0")))
        number.chop(2);
    return number + QLatin1Char(' ') + QLatin1String(units[unit]);
}

QJsonArray diff(const Snapshot &before, const Snapshot &after, const QDateTime &when)
{
    QSet<QString> names;
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        names.insert(it.key());
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        names.insert(it.key());
    QStringList sorted(names.cbegin(), names.cend());
    std::sort(sorted.begin(), sorted.end());

    const QString timestamp = when.toUTC().toString(Qt::ISODateWithMs);
    QJsonArray events;
    for (const QString &name : sorted) {
        const auto old = before.constFind(name);
        const auto now = after.constFind(name);
        QString type;
        if (old == before.cend())
            type = QStringLiteral("add");
        else if (now == after.cend())
            type = QStringLiteral("delete");
        else if (old->isDir != now->isDir)
            type = QStringLiteral("change");
        else if (!now->isDir && (old->size != now->size || old->modifiedAt != now->modifiedAt))
            type = QStringLiteral("change");
        if (type.isEmpty())
            continue;
        events.append(QJsonObject{{QStringLiteral("type"), type},
                                  {QStringLiteral("name"), name},
                                  {QStringLiteral("timestamp"), timestamp}});
    }
    return events;
}

namespace {

QJsonValue capValue(const QJsonValue &value, qsizetype limit, bool *cut);

QJsonArray capArray(const QJsonArray &array, qsizetype limit, bool *cut)
{
    QJsonArray out;
    const qsizetype n = std::min<qsizetype>(array.size(), kModelItems);
    for (qsizetype i = 0; i < n; ++i)
        out.append(capValue(array.at(i), limit, cut));
    return out;
}

QJsonValue capValue(const QJsonValue &value, qsizetype limit, bool *cut)
{
    if (value.isString()) {
        const OutputCap::Capped c = OutputCap::cap(value.toString(), limit);
        if (c.omitted > 0)
            *cut = true;
        return c.text;
    }
    if (value.isArray())
        return capArray(value.toArray(), limit, cut);
    if (value.isObject())
        return forModel(value.toObject(), limit, cut);
    return value;
}

} // namespace

QJsonObject forModel(const QJsonObject &result, qsizetype limit, bool *cut)
{
    bool anything = false;
    QJsonObject out;
    for (auto it = result.constBegin(); it != result.constEnd(); ++it) {
        out.insert(it.key(), capValue(it.value(), limit, &anything));
        if (it.value().isArray() && it.value().toArray().size() > kModelItems) {
            anything = true;
            out.insert(it.key() + QStringLiteral("Omitted"),
                       QStringLiteral("%1 more entries not shown")
                           .arg(it.value().toArray().size() - kModelItems));
        }
    }
    if (cut)
        *cut = *cut || anything;
    return out;
}

} // namespace ToolResults
