// Builds the rows of a file's diff (see DiffRender.h); runs on worker threads.
#include "DiffRender.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DiffRender", text);
}

// Spelled out: lupdate sees no context for tr() in an anonymous namespace.
QString typeText(EntryType type)
{
    switch (type) {
    case EntryType::None:
        return QCoreApplication::translate("DiffRender", "nothing");
    case EntryType::File:
        return QCoreApplication::translate("DiffRender", "a file");
    case EntryType::Executable:
        return QCoreApplication::translate("DiffRender", "an executable file");
    case EntryType::Symlink:
        return QCoreApplication::translate("DiffRender", "a symbolic link");
    case EntryType::Directory:
        return QCoreApplication::translate("DiffRender", "a folder");
    case EntryType::Huge:
        return QCoreApplication::translate("DiffRender", "a huge file");
    }
    return {};
}

QString modeOf(EntryType type)
{
    return type == EntryType::Executable ? QStringLiteral("100755") : QStringLiteral("100644");
}

DiffRow row(DiffRow::Kind kind, int oldLine, int newLine, int hunk, const QString &text)
{
    DiffRow r;
    r.kind = kind;
    r.oldLine = oldLine;
    r.newLine = newLine;
    r.hunk = hunk;
    r.text = text;
    return r;
}

QString hunkHeader(const DiffHunk &hunk)
{
    if (hunk.header.startsWith("@@"))
        return QString::fromUtf8(hunk.header.trimmed());
    QString header = QStringLiteral("@@ -%1,%2 +%3,%4 @@")
                         .arg(hunk.oldStart)
                         .arg(hunk.oldLines)
                         .arg(hunk.newStart)
                         .arg(hunk.newLines);
    if (!hunk.header.isEmpty())
        header += QLatin1Char(' ') + QString::fromUtf8(hunk.header.trimmed());
    return header;
}

// Strips the line end the engine may have kept.
QString lineText(const QString &text)
{
    qsizetype end = text.size();
    while (end > 0
           && (text.at(end - 1) == QLatin1Char('\n') || text.at(end - 1) == QLatin1Char('\r')))
        --end;
    return text.left(end);
}

} // namespace

namespace DiffRender {

QString sizeText(qint64 bytes)
{
    if (bytes < 1024)
        return QCoreApplication::translate("DiffRender", "%n byte(s)", nullptr, int(bytes));
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = double(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

QString filesText(int count)
{
    return QCoreApplication::translate("DiffRender", "%n file(s)", nullptr, count);
}

QString changedText(int files, int added, int removed)
{
    return QCoreApplication::translate("DiffRender", "%n file(s) changed, +%1 \u2212%2", nullptr,
                                       files)
        .arg(added)
        .arg(removed);
}

QString statusText(const FileChange &file)
{
    switch (file.kind) {
    case FileChange::Kind::Added:
        return tr("added");
    case FileChange::Kind::Modified:
        return tr("modified");
    case FileChange::Kind::Deleted:
        return tr("deleted");
    case FileChange::Kind::TypeChanged:
        return tr("type changed");
    }
    return {};
}

QString countsText(const FileChange &file)
{
    if (file.binary)
        return tr("binary, %1")
            .arg(sizeText(file.kind == FileChange::Kind::Deleted ? file.oldSize : file.newSize));
    if (file.huge)
        return tr("huge, %1")
            .arg(sizeText(file.kind == FileChange::Kind::Deleted ? file.oldSize : file.newSize));
    QString text = QStringLiteral("+%1 \u2212%2").arg(file.additions).arg(file.deletions);
    if (file.kind == FileChange::Kind::TypeChanged)
        text += QLatin1Char(' ') + tr("(type)");
    else if (file.modeChanged())
        text += QLatin1Char(' ') + tr("(mode)");
    return text;
}

QString fenceForPath(const QString &path)
{
    // CodeHighlighter knows languages by their fence names, which are mostly file suffixes.
    return QFileInfo(path).suffix().toLower();
}

DiffRendering render(const FileChange &file)
{
    DiffRendering out;
    out.path = file.displayPath();
    out.fence = fenceForPath(out.path);

    const bool oldLink = file.oldType == EntryType::Symlink;
    const bool newLink = file.newType == EntryType::Symlink;
    if (file.kind == FileChange::Kind::TypeChanged)
        out.notes << tr("Was %1, now %2").arg(typeText(file.oldType), typeText(file.newType));
    else if (file.modeChanged())
        out.notes << tr("Mode %1 \u2192 %2").arg(modeOf(file.oldType), modeOf(file.newType));
    if (oldLink || newLink) {
        const QString before = Checkpoints::displayPath(file.oldLinkTarget);
        const QString after = Checkpoints::displayPath(file.newLinkTarget);
        if (oldLink && newLink && before != after)
            out.notes << tr("Symbolic link: %1 \u2192 %2").arg(before, after);
        else if (newLink)
            out.notes << tr("Symbolic link to %1").arg(after);
        else
            out.notes << tr("Symbolic link to %1 (removed)").arg(before);
    }
    if (file.binary || file.huge) {
        const QString kind = file.binary ? tr("Binary file") : tr("Huge file (not diffed)");
        switch (file.kind) {
        case FileChange::Kind::Added:
            out.notes << tr("%1 added, %2").arg(kind, sizeText(file.newSize));
            break;
        case FileChange::Kind::Deleted:
            out.notes << tr("%1 deleted, was %2").arg(kind, sizeText(file.oldSize));
            break;
        default:
            out.notes
                << tr("%1, %2 \u2192 %3").arg(kind, sizeText(file.oldSize), sizeText(file.newSize));
            break;
        }
    }
    if (file.hunks.isEmpty() && out.notes.isEmpty()) {
        if (file.kind == FileChange::Kind::Added)
            out.notes << tr("Empty file added");
        else if (file.kind == FileChange::Kind::Deleted)
            out.notes << tr("Empty file deleted");
        else
            out.notes << tr("No line changes");
    }

    for (int h = 0; h < file.hunks.size(); ++h) {
        const DiffHunk &hunk = file.hunks.at(h);
        const QString header = hunkHeader(hunk);
        out.unifiedHunkRows << int(out.unified.size());
        out.unified << row(DiffRow::Kind::Hunk, -1, -1, h, header);
        out.sideHunkRows << int(out.left.size());
        out.left << row(DiffRow::Kind::Hunk, -1, -1, h, header);
        out.right << row(DiffRow::Kind::Hunk, -1, -1, h, header);

        // Side by side: removals and additions in a block are paired up, fillers pad the
        // shorter side so that context lines stay level.
        QList<DiffRow> removed;
        QList<DiffRow> added;
        const auto flush = [&] {
            const qsizetype n = qMax(removed.size(), added.size());
            for (qsizetype i = 0; i < n; ++i) {
                out.left << (i < removed.size() ? removed.at(i)
                                                : row(DiffRow::Kind::Filler, -1, -1, h, {}));
                out.right << (i < added.size() ? added.at(i)
                                               : row(DiffRow::Kind::Filler, -1, -1, h, {}));
            }
            removed.clear();
            added.clear();
        };
        int oldLine = hunk.oldStart;
        int newLine = hunk.newStart;
        for (const DiffLine &line : hunk.lines) {
            const QString text = lineText(QString::fromUtf8(line.text));
            switch (line.origin) {
            case '+': {
                const int n = line.newLine > 0 ? line.newLine : newLine;
                const DiffRow r = row(DiffRow::Kind::Added, -1, n, h, text);
                out.unified << r;
                added << r;
                newLine = n + 1;
                break;
            }
            case '-': {
                const int o = line.oldLine > 0 ? line.oldLine : oldLine;
                const DiffRow r = row(DiffRow::Kind::Removed, o, -1, h, text);
                out.unified << r;
                removed << r;
                oldLine = o + 1;
                break;
            }
            default: {
                const int o = line.oldLine > 0 ? line.oldLine : oldLine;
                const int n = line.newLine > 0 ? line.newLine : newLine;
                flush();
                const DiffRow r = row(DiffRow::Kind::Context, o, n, h, text);
                out.unified << r;
                out.left << r;
                out.right << r;
                oldLine = o + 1;
                newLine = n + 1;
                break;
            }
            }
        }
        flush();
    }
    return out;
}

QString hunkText(const FileChange &file, int hunkIndex)
{
    if (hunkIndex < 0 || hunkIndex >= file.hunks.size())
        return {};
    const DiffHunk &hunk = file.hunks.at(hunkIndex);
    QString text = hunkHeader(hunk) + QLatin1Char('\n');
    for (const DiffLine &line : hunk.lines) {
        const QChar marker = line.origin == '+' ? QLatin1Char('+')
            : line.origin == '-'                ? QLatin1Char('-')
                                                : QLatin1Char(' ');
        text += marker + lineText(QString::fromUtf8(line.text)) + QLatin1Char('\n');
        if (line.noNewlineAtEnd)
            text += QLatin1String("\\ No newline at end of file\n");
    }
    return text;
}

} // namespace DiffRender
