// LineDiff, the unified diff the approval dialog shows for a write to a file that exists: a
// table of before/after pairs and the exact diff each must give.
#include "approval/LineDiff.h"

#include <QTest>

class TestLineDiff final : public QObject
{
    Q_OBJECT

private slots:
    void unified_data();
    void unified();
    void tooLargeIsApproximate();
};

void TestLineDiff::unified_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<QString>("diff");
    QTest::addColumn<int>("added");
    QTest::addColumn<int>("removed");

    QTest::newRow("equal") << "a\nb\n"
                           << "a\nb\n"
                           << QString() << 0 << 0;
    QTest::newRow("new file") << QString() << "x\ny\n"
                              << "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n"
                              << 2 << 0;
    QTest::newRow("emptied") << "x\n"
                             << QString() << "--- a/f\n+++ b/f\n@@ -1,1 +0,0 @@\n-x\n"
                             << 0 << 1;
    QTest::newRow("one line changed")
        << "1\n2\n3\n4\n5\n6\n7\n8\n9\n"
        << "1\n2\n3\n4\nfive\n6\n7\n8\n9\n"
        << "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        << 1 << 1;
    QTest::newRow("two hunks") << "a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n"
                               << "A\n1\n2\n3\n4\n5\n6\n7\n8\nB\n"
                               << "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n"
                                  "@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-b\n+B\n"
                               << 2 << 2;
    QTest::newRow("insert in the middle") << "a\nb\n"
                                          << "a\nx\nb\n"
                                          << "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n+x\n b\n"
                                          << 1 << 0;
}

void TestLineDiff::unified()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(QString, diff);
    const LineDiff::Result result = LineDiff::unified(before, after, QStringLiteral("f"));
    qInfo().noquote() << "tried:" << QTest::currentDataTag() << "result:\n" << result.text;
    QCOMPARE(result.text, diff);
    QTEST(result.added, "added");
    QTEST(result.removed, "removed");
    QVERIFY(!result.approximate);
}

void TestLineDiff::tooLargeIsApproximate()
{
    QString before, after;
    for (int i = 0; i < 300; ++i) {
        before += QStringLiteral("old %1\n").arg(i);
        after += QStringLiteral("new %1\n").arg(i);
    }
    const LineDiff::Result result = LineDiff::unified(before, after, QStringLiteral("f"), 1000);
    QVERIFY(result.approximate);
    QCOMPARE(result.removed, 300);
    QCOMPARE(result.added, 300);
}

QTEST_GUILESS_MAIN(TestLineDiff)
#include "tst_linediff.moc"
