// A unified diff of two texts, line by line (the approval dialog shows what a write changes in
// a file that exists). A pure class; slow only for large files, so callers run it off the GUI
// thread.
#pragma once

#include <QString>

class LineDiff final
{
public:
    struct Result
    {
        QString text; // "--- a/path", "+++ b/path", "@@ ... @@" hunks; empty when equal
        int added = 0;
        int removed = 0;
        bool approximate = false; // too large to align: shown as all removed, all added
    };

    // Three lines of context around each change. Beyond maxCells (lines before × lines after,
    // after the common start and end are set aside) the middle is not aligned.
    static Result unified(const QString &before, const QString &after, const QString &path,
                          qint64 maxCells = 4'000'000);
};
