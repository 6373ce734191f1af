// CheckpointTypes: display forms of paths and reasons.
#include "checkpoint/CheckpointTypes.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringDecoder>

QString Checkpoints::displayPath(const QByteArray &path)
{
    QString out;
    out.reserve(path.size());
    qsizetype i = 0;
    while (i < path.size()) {
        // The longest valid UTF-8 run from i, then one byte shown as \xNN.
        qsizetype j = i;
        while (j < path.size()) {
            const uchar c = uchar(path[j]);
            int len = c < 0x80   ? 1
                : (c >> 5) == 6  ? 2
                : (c >> 4) == 14 ? 3
                : (c >> 3) == 30 ? 4
                                 : 0;
            if (len == 0 || j + len > path.size())
                break;
            bool ok = true;
            for (int k = 1; k < len; ++k)
                ok = ok && (uchar(path[j + k]) & 0xC0) == 0x80;
            if (ok && len > 1) {
                QStringDecoder d(QStringDecoder::Utf8);
                const QString ch = d.decode(path.mid(j, len));
                ok = !d.hasError() && !ch.contains(QChar::ReplacementCharacter);
            }
            if (!ok)
                break;
            j += len;
        }
        out += QString::fromUtf8(path.mid(i, j - i));
        if (j < path.size()) {
            out += QStringLiteral("\\x%1").arg(uchar(path[j]), 2, 16, QLatin1Char('0'));
            ++j;
        }
        i = j;
    }
    return out;
}

QString SkippedEntry::reasonText() const
{
    switch (reason) {
    case Reason::Fifo:
        return QCoreApplication::translate("Checkpoints", "named pipe");
    case Reason::Socket:
        return QCoreApplication::translate("Checkpoints", "socket");
    case Reason::Device:
        return QCoreApplication::translate("Checkpoints", "device file");
    case Reason::Unreadable:
        return QCoreApplication::translate("Checkpoints", "unreadable");
    case Reason::Huge:
        return QCoreApplication::translate("Checkpoints", "huge (%1), recorded by size only")
            .arg(QLocale().formattedDataSize(size));
    case Reason::Vanished:
        return QCoreApplication::translate("Checkpoints", "removed while the checkpoint was taken");
    case Reason::Failed:
        return message.isEmpty() ? QCoreApplication::translate("Checkpoints", "could not be read")
                                 : message;
    }
    return message;
}

QString FileChange::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Added:
        return QStringLiteral("added");
    case Kind::Modified:
        return QStringLiteral("modified");
    case Kind::Deleted:
        return QStringLiteral("deleted");
    case Kind::TypeChanged:
        return QStringLiteral("typechange");
    }
    return QStringLiteral("modified");
}

QString FileChange::kindLetter(Kind kind)
{
    switch (kind) {
    case Kind::Added:
        return QStringLiteral("A");
    case Kind::Modified:
        return QStringLiteral("M");
    case Kind::Deleted:
        return QStringLiteral("D");
    case Kind::TypeChanged:
        return QStringLiteral("T");
    }
    return QStringLiteral("M");
}

void ChangeSet::append(const FileChange &change)
{
    files.append(change);
    additions += change.additions;
    deletions += change.deletions;
    switch (change.kind) {
    case FileChange::Kind::Added:
        ++added;
        break;
    case FileChange::Kind::Modified:
        ++modified;
        break;
    case FileChange::Kind::Deleted:
        ++deleted;
        break;
    case FileChange::Kind::TypeChanged:
        ++typeChanged;
        break;
    }
}

bool FileChange::modeChanged() const
{
    const bool oldFile = oldType == EntryType::File || oldType == EntryType::Executable;
    const bool newFile = newType == EntryType::File || newType == EntryType::Executable;
    return oldFile && newFile && oldType != newType;
}
