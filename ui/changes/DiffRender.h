// A file's change as the diff view draws it, built off the GUI thread (QtConcurrent) and handed
// back as a value: unified rows, side-by-side rows (old and new paired line by line, fillers
// where one side has nothing), where each hunk starts, and notes for what has no lines (binary
// and huge files by size, mode and symlink changes). Pure functions, no widgets.
#pragma once

#include "changes/ChangeTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

struct DiffRow
{
    enum class Kind { Hunk, Context, Added, Removed, Filler };
    Kind kind = Kind::Context;
    int oldLine = -1; // 1-based, -1 when the row has no old line
    int newLine = -1;
    int hunk = -1; // index into the file's hunks
    QString text;
};

struct DiffRendering
{
    QString path;
    QString fence; // the CodeHighlighter fence name of the file's language ("py", ...), or empty
    QStringList notes; // "Binary file, 2.0 KiB → 3.1 KiB", "Mode 100644 → 100755", ...
    QList<DiffRow> unified;
    QList<DiffRow> left; // side by side: same length as right
    QList<DiffRow> right;
    QList<int> unifiedHunkRows; // the row of each hunk's header in unified
    QList<int> sideHunkRows; // ... and in left/right
};

namespace DiffRender {
// Everything the view needs for one file; safe to call on any thread.
DiffRendering render(const FileChange &file);
// One hunk as a patch fragment ("@@ -1,3 +1,4 @@" and its +/-/space lines), for the clipboard.
QString hunkText(const FileChange &file, int hunk);
// "2.0 KiB", "14 bytes", ...
QString sizeText(qint64 bytes);
// "1 file", "3 files" (spelled out: without a loaded translation "%n file(s)" shows as written).
QString filesText(int count);
// "3 files changed, +20 −4".
QString changedText(int files, int added, int removed);
// "+20 −4", "binary", "mode", ... the short summary a file list shows next to the path.
QString countsText(const FileChange &file);
// "added", "modified", "deleted", "renamed", "type changed".
QString statusText(const FileChange &file);
QString fenceForPath(const QString &path);
} // namespace DiffRender
