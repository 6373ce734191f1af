// Pure helpers that shape tool results (specs/agent-tools.md): decoding sandbox bytes as text,
// sizes for people, the change events of a watched folder, and the model's capped copy of a
// result. No I/O; tested on their own.
#pragma once

#include "sandbox/SandboxTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace ToolResults {

// Entries shown to the model from one array of a result; the rest is counted, not sent.
constexpr qsizetype kModelItems = 1000;

// True when the bytes look like a binary file: a NUL in the first 8 KB, or invalid UTF-8.
bool isBinary(const QByteArray &bytes);
// "binary file, 1234 bytes, sha256 ab12...": what readFile says instead of raw bytes.
QString describeBinary(const QByteArray &bytes);
// UTF-8 text with every invalid sequence replaced by U+FFFD.
QString decodeText(const QByteArray &bytes);

// "512 B", "1.5 KB", "3 MB" (base 1024, one decimal, ".0" dropped).
QString humanReadableSize(qint64 bytes);

// What a watched folder holds at one moment: path relative to the folder -> size and mtime.
struct Entry
{
    qint64 size = 0;
    QString modifiedAt;
    bool isDir = false;
    bool operator==(const Entry &) const = default;
};
using Snapshot = QHash<QString, Entry>;

// The events between two snapshots, sorted by name: {"type": "add"|"change"|"delete",
// "name": "<relative path>", "timestamp": "<ISO 8601 UTC>"}. Folders only add and delete
// (their mtime changes with every file inside).
QJsonArray diff(const Snapshot &before, const Snapshot &after, const QDateTime &when);

// The copy of a result the model sees: every string longer than `limit` cut by OutputCap
// (with its marker), every array longer than kModelItems cut with a
// "<field>Omitted": "N more entries not shown" key beside it. `*cut` says whether anything was.
QJsonObject forModel(const QJsonObject &result, qsizetype limit, bool *cut = nullptr);

} // namespace ToolResults
