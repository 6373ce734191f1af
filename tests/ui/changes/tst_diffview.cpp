// The Changes tab's pieces over hand-made change sets (no sandbox): the file list (status,
// +/- counts, binary and huge files by size, mode and symlink changes), the diff rows (unified
// and side by side, line numbers, fillers), copy a hunk, next/previous hunk, and a diff of
// 60,000 lines that is built off the GUI thread and shown in chunks.
#include "changes/ChangedFilesModel.h"
#include "changes/DiffEditor.h"
#include "changes/DiffRender.h"
#include "changes/DiffView.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QtConcurrent/QtConcurrentRun>

namespace {

DiffLine line(char origin, int oldLine, int newLine, const char *text)
{
    DiffLine l;
    l.origin = origin;
    l.oldLine = oldLine;
    l.newLine = newLine;
    l.text = text;
    return l;
}

// reverse_string.py before and after "now make it handle None".
FileChange handleNone()
{
    FileChange file;
    file.path = "reverse_string.py";
    file.kind = FileChange::Kind::Modified;
    file.oldType = file.newType = EntryType::File;
    file.additions = 2;
    file.deletions = 1;
    DiffHunk hunk;
    hunk.oldStart = 1;
    hunk.oldLines = 2;
    hunk.newStart = 1;
    hunk.newLines = 3;
    hunk.header = "@@ -1,2 +1,3 @@";
    hunk.lines = {line(' ', 1, 1, "def reverse_string(s):"), line('-', 2, -1, "    return s[::-1]"),
                  line('+', -1, 2, "    if s is None:"), line('+', -1, 3, "        return None\n")};
    file.hunks = {hunk};
    return file;
}

FileChange twoHunks()
{
    FileChange file = handleNone();
    DiffHunk second;
    second.oldStart = 40;
    second.oldLines = 1;
    second.newStart = 41;
    second.newLines = 1;
    second.lines = {line('-', 40, -1, "print('old')"), line('+', -1, 41, "print('new')")};
    file.hunks.append(second);
    return file;
}

FileChange binaryFile()
{
    FileChange file;
    file.path = "logo.png";
    file.kind = FileChange::Kind::Added;
    file.newType = EntryType::File;
    file.binary = true;
    file.newSize = 2048;
    return file;
}

FileChange executable()
{
    FileChange file;
    file.path = "run.sh";
    file.kind = FileChange::Kind::Modified;
    file.oldType = EntryType::File;
    file.newType = EntryType::Executable;
    return file;
}

FileChange link()
{
    FileChange file;
    file.path = "latest";
    file.kind = FileChange::Kind::Modified;
    file.oldType = file.newType = EntryType::Symlink;
    file.oldLinkTarget = "build-1";
    file.newLinkTarget = "build-2";
    return file;
}

FileChange huge()
{
    FileChange file;
    file.path = "data.bin";
    file.kind = FileChange::Kind::Modified;
    file.oldType = file.newType = EntryType::Huge;
    file.huge = true;
    file.oldSize = qint64(100) << 20;
    file.newSize = qint64(200) << 20;
    return file;
}

FileChange bigFile(int lines)
{
    FileChange file;
    file.path = "generated.py";
    file.kind = FileChange::Kind::Added;
    file.newType = EntryType::File;
    file.additions = lines;
    DiffHunk hunk;
    hunk.oldStart = 0;
    hunk.newStart = 1;
    hunk.newLines = lines;
    for (int i = 1; i <= lines; ++i)
        hunk.lines.append(
            line('+', -1, i,
                 QByteArray("value_" + QByteArray::number(i) + " = " + QByteArray::number(i))
                     .constData()));
    file.hunks = {hunk};
    return file;
}

} // namespace

class TestDiffView final : public QObject
{
    Q_OBJECT

private slots:
    void fileListShowsWhatChanged();
    void unifiedRows();
    void sideBySidePairsLines();
    void notesForWhatHasNoLines();
    void hunksAreCopiedAndVisited();
    void hugeDiffIsShownInChunks();
};

void TestDiffView::fileListShowsWhatChanged()
{
    ChangedFilesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    ChangeSet changes;
    changes.files = {handleNone(), binaryFile(), executable(), link(), huge()};
    model.setChangeSet(changes);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 5);
    const auto text
        = [&](int row, int column) { return model.index(row, column).data().toString(); };
    qInfo("tried: five changed files, result: %s | %s | %s | %s | %s",
          qPrintable(text(0, 1) + QLatin1Char(' ') + text(0, 2)),
          qPrintable(text(1, 1) + QLatin1Char(' ') + text(1, 2)),
          qPrintable(text(2, 1) + QLatin1Char(' ') + text(2, 2)),
          qPrintable(text(3, 1) + QLatin1Char(' ') + text(3, 2)),
          qPrintable(text(4, 1) + QLatin1Char(' ') + text(4, 2)));
    QCOMPARE(text(0, ChangedFilesModel::StatusColumn), QStringLiteral("M"));
    QCOMPARE(text(0, ChangedFilesModel::PathColumn), QStringLiteral("reverse_string.py"));
    QCOMPARE(text(0, ChangedFilesModel::CountsColumn), QStringLiteral("+2 \u22121"));
    QCOMPARE(text(1, ChangedFilesModel::StatusColumn), QStringLiteral("A"));
    QCOMPARE(text(1, ChangedFilesModel::CountsColumn), QStringLiteral("binary, 2.0 KiB"));
    QVERIFY(text(2, ChangedFilesModel::CountsColumn).contains(QStringLiteral("mode")));
    QCOMPARE(text(4, ChangedFilesModel::CountsColumn), QStringLiteral("huge, 200.0 MiB"));
    QCOMPARE(model.rowOfPath(QStringLiteral("latest")), 3);
}

void TestDiffView::unifiedRows()
{
    const DiffRendering r = DiffRender::render(handleNone());
    QCOMPARE(r.fence, QStringLiteral("py"));
    QCOMPARE(r.unified.size(), 5); // header + 4 lines
    QCOMPARE(r.unified.at(0).kind, DiffRow::Kind::Hunk);
    QCOMPARE(r.unified.at(0).text, QStringLiteral("@@ -1,2 +1,3 @@"));
    QCOMPARE(r.unified.at(2).kind, DiffRow::Kind::Removed);
    QCOMPARE(r.unified.at(2).oldLine, 2);
    QCOMPARE(r.unified.at(4).kind, DiffRow::Kind::Added);
    QCOMPARE(r.unified.at(4).newLine, 3);
    QCOMPARE(r.unified.at(4).text, QStringLiteral("        return None")); // line end dropped

    DiffView view;
    view.resize(600, 400);
    view.show();
    view.showRendering(r);
    const QString shown = view.unifiedEditor()->shownText();
    qInfo("tried: the unified diff of reverse_string.py, result:\n%s", qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("\u2212    return s[::-1]")));
    QVERIFY(shown.contains(QStringLiteral("+    if s is None:")));
    // Added and removed lines are tinted differently; context lines are not.
    const QTextDocument *doc = view.unifiedEditor()->document();
    const QColor removed = doc->findBlockByNumber(2).blockFormat().background().color();
    const QColor added = doc->findBlockByNumber(3).blockFormat().background().color();
    QVERIFY(removed.isValid() && added.isValid() && removed != added);
    QVERIFY(!doc->findBlockByNumber(1).blockFormat().hasProperty(QTextFormat::BackgroundBrush));
    // Python is highlighted: "def" carries a keyword colour.
    const QTextLayout *layout = doc->findBlockByNumber(1).layout();
    bool keyword = false;
    for (const QTextLayout::FormatRange &range : layout->formats())
        keyword = keyword || (range.start == 0 && range.length == 3);
    QVERIFY2(keyword, "def is not highlighted");
}

void TestDiffView::sideBySidePairsLines()
{
    const DiffRendering r = DiffRender::render(handleNone());
    QCOMPARE(r.left.size(), r.right.size());
    // header, context, (removed | added), (filler | added)
    QCOMPARE(r.left.size(), 4);
    QCOMPARE(r.left.at(2).kind, DiffRow::Kind::Removed);
    QCOMPARE(r.right.at(2).kind, DiffRow::Kind::Added);
    QCOMPARE(r.left.at(3).kind, DiffRow::Kind::Filler);
    QCOMPARE(r.right.at(3).text, QStringLiteral("        return None"));

    DiffView view;
    view.resize(800, 400);
    view.show();
    view.showRendering(r);
    view.setSideBySide(true);
    QVERIFY(view.oldEditor()->isVisible());
    QVERIFY(view.newEditor()->isVisible());
    QVERIFY(!view.unifiedEditor()->isVisible());
    qInfo("tried: side by side, result: old\n%s new\n%s", qPrintable(view.oldEditor()->shownText()),
          qPrintable(view.newEditor()->shownText()));
    QCOMPARE(view.oldEditor()->document()->blockCount(),
             view.newEditor()->document()->blockCount());
    QCOMPARE(view.oldEditor()->document()->findBlockByNumber(2).text(),
             QStringLiteral("    return s[::-1]"));
    QCOMPARE(view.newEditor()->document()->findBlockByNumber(2).text(),
             QStringLiteral("    if s is None:"));
}

void TestDiffView::notesForWhatHasNoLines()
{
    const QString bin = DiffRender::render(binaryFile()).notes.join(QLatin1Char('|'));
    const QString mode = DiffRender::render(executable()).notes.join(QLatin1Char('|'));
    const QString sym = DiffRender::render(link()).notes.join(QLatin1Char('|'));
    const QString big = DiffRender::render(huge()).notes.join(QLatin1Char('|'));
    qInfo("tried: binary, mode, symlink, huge, result: %s / %s / %s / %s", qPrintable(bin),
          qPrintable(mode), qPrintable(sym), qPrintable(big));
    QVERIFY(bin.contains(QStringLiteral("Binary file added, 2.0 KiB")));
    QVERIFY(mode.contains(QStringLiteral("100644 \u2192 100755")));
    QVERIFY(sym.contains(QStringLiteral("build-1 \u2192 build-2")));
    QVERIFY(big.contains(QStringLiteral("100.0 MiB \u2192 200.0 MiB")));
}

void TestDiffView::hunksAreCopiedAndVisited()
{
    const FileChange file = twoHunks();
    const QString second = DiffRender::hunkText(file, 1);
    QCOMPARE(second, QStringLiteral("@@ -40,1 +41,1 @@\n-print('old')\n+print('new')\n"));
    DiffView view;
    view.resize(600, 400);
    view.show();
    view.showRendering(DiffRender::render(file));
    QCOMPARE(view.hunkCount(), 2);
    view.nextHunk();
    QCOMPARE(view.currentHunk(), 1);
    view.previousHunk();
    QCOMPARE(view.currentHunk(), 0);
    view.setSideBySide(true);
    view.nextHunk();
    QCOMPARE(view.currentHunk(), 1);
    qInfo("tried: next/previous hunk in both layouts and the text of hunk 2, result: %s",
          qPrintable(second));
}

void TestDiffView::hugeDiffIsShownInChunks()
{
    const FileChange file = bigFile(60000);
    QElapsedTimer clock;
    clock.start();
    // Off the GUI thread, as the Changes tab does it; the event loop keeps turning meanwhile.
    QFutureWatcher<DiffRendering> watcher;
    QSignalSpy done(&watcher, &QFutureWatcher<DiffRendering>::finished);
    watcher.setFuture(QtConcurrent::run(&DiffRender::render, file));
    int turns = 0;
    while (done.isEmpty()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        ++turns;
    }
    const qint64 renderMs = clock.elapsed();
    DiffView view;
    view.resize(600, 400);
    view.show();
    clock.restart();
    view.showRendering(watcher.result());
    const qint64 showMs = clock.elapsed();
    qInfo("tried: a 60000-line diff, result: rows built off the GUI thread in %lld ms (%d event "
          "loop turns meanwhile), first %d rows shown in %lld ms",
          renderMs, turns, view.unifiedEditor()->loadedRows(), showMs);
    QCOMPARE(view.unifiedEditor()->totalRows(), 60001);
    QCOMPARE(view.unifiedEditor()->loadedRows(), DiffEditor::kChunk);
    auto *more = view.findChild<QPushButton *>(QStringLiteral("diffShowMore"));
    QVERIFY(more && more->isVisible());
    QVERIFY(showMs < 2000);
    more->click();
    QCOMPARE(view.unifiedEditor()->loadedRows(), 2 * DiffEditor::kChunk);
}

QTEST_MAIN(TestDiffView)
#include "tst_diffview.moc"
