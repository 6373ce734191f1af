// The pure helpers behind tool results: binary detection, text decoding, human-readable sizes,
// the events of a watched folder, and the capped copy of a result the model sees.
#include "agent/ToolResults.h"

#include <QJsonArray>
#include <QTest>

class TestToolResults final : public QObject
{
    Q_OBJECT
private slots:
    void binaryDetection();
    void decodingReplacesInvalidUtf8();
    void humanReadableSizes();
    void diffReportsAddChangeDelete();
    void forModelCapsStringsAndArrays();
};

void TestToolResults::binaryDetection()
{
    QVERIFY(!ToolResults::isBinary("plain text\n"));
    QVERIFY(!ToolResults::isBinary(QStringLiteral("h\u00e9llo w\u00f6rld").toUtf8()));
    QVERIFY(ToolResults::isBinary(QByteArray("ab\0cd", 5)));
    QVERIFY(ToolResults::isBinary("a\xff\xfe"));
    // Regression: Latin-1 text ends in a cut-off UTF-8 sequence; it was read as "caf\uFFFD",
    // which a model would then write back, destroying the byte.
    QVERIFY(ToolResults::isBinary("caf\xe9"));
    QVERIFY(ToolResults::isBinary(QStringLiteral("\u2713").toUtf8().left(2)));
    QVERIFY(!ToolResults::isBinary(QByteArray()));
    const QString d = ToolResults::describeBinary(QByteArray("ab\0cd", 5));
    QVERIFY2(d.startsWith(QLatin1String("binary file, 5 bytes, sha256 ")), qPrintable(d));
    QCOMPARE(d.size(), QLatin1String("binary file, 5 bytes, sha256 ").size() + 64);
}

void TestToolResults::decodingReplacesInvalidUtf8()
{
    QCOMPARE(ToolResults::decodeText("a\xff"
                                     "b"),
             QStringLiteral("a\uFFFDb"));
}

void TestToolResults::humanReadableSizes()
{
    QCOMPARE(ToolResults::humanReadableSize(0), QStringLiteral("0 B"));
    QCOMPARE(ToolResults::humanReadableSize(1023), QStringLiteral("1023 B"));
    QCOMPARE(ToolResults::humanReadableSize(1536), QStringLiteral("1.5 KB"));
    QCOMPARE(ToolResults::humanReadableSize(2048), QStringLiteral("2 KB"));
    QCOMPARE(ToolResults::humanReadableSize(3 * 1024 * 1024), QStringLiteral("3 MB"));
}

void TestToolResults::diffReportsAddChangeDelete()
{
    ToolResults::Snapshot before{{QStringLiteral("keep.txt"), {3, QStringLiteral("t1"), false}},
                                 {QStringLiteral("edit.txt"), {3, QStringLiteral("t1"), false}},
                                 {QStringLiteral("gone.txt"), {3, QStringLiteral("t1"), false}},
                                 {QStringLiteral("dir"), {0, QStringLiteral("t1"), true}}};
    ToolResults::Snapshot after = before;
    after.remove(QStringLiteral("gone.txt"));
    after[QStringLiteral("edit.txt")].modifiedAt = QStringLiteral("t2");
    after[QStringLiteral("dir")].modifiedAt = QStringLiteral("t2"); // folders: no change events
    after.insert(QStringLiteral("dir/new.txt"), {1, QStringLiteral("t2"), false});
    const QDateTime when
        = QDateTime::fromString(QStringLiteral("2026-01-02T03:04:05.678Z"), Qt::ISODateWithMs);
    const QJsonArray events = ToolResults::diff(before, after, when);
    QCOMPARE(events.size(), 3);
    auto event = [](const char *type, const char *name) {
        return QJsonObject{
            {QStringLiteral("type"), QLatin1String(type)},
            {QStringLiteral("name"), QLatin1String(name)},
            {QStringLiteral("timestamp"), QStringLiteral("2026-01-02T03:04:05.678Z")}};
    };
    QCOMPARE(events.at(0).toObject(), event("add", "dir/new.txt"));
    QCOMPARE(events.at(1).toObject(), event("change", "edit.txt"));
    QCOMPARE(events.at(2).toObject(), event("delete", "gone.txt"));
    QVERIFY(ToolResults::diff(before, before, when).isEmpty());
}

void TestToolResults::forModelCapsStringsAndArrays()
{
    const QString big(200000, QLatin1Char('x'));
    QJsonArray many;
    for (int i = 0; i < 1500; ++i)
        many.append(i);
    const QJsonObject result{{QStringLiteral("stdout"), big},
                             {QStringLiteral("exitCode"), 0},
                             {QStringLiteral("files"), many},
                             {QStringLiteral("nested"), QJsonObject{{QStringLiteral("s"), big}}}};
    bool cut = false;
    const QJsonObject model = ToolResults::forModel(result, 1000, &cut);
    QVERIFY(cut);
    QVERIFY(model.value(QLatin1String("stdout")).toString().size() <= 1000);
    QVERIFY(model.value(QLatin1String("stdout"))
                .toString()
                .contains(QLatin1String("characters omitted")));
    QCOMPARE(model.value(QLatin1String("exitCode")).toInt(), 0);
    QCOMPARE(model.value(QLatin1String("files")).toArray().size(), ToolResults::kModelItems);
    QCOMPARE(model.value(QLatin1String("filesOmitted")).toString(),
             QStringLiteral("500 more entries not shown"));
    QVERIFY(
        model.value(QLatin1String("nested")).toObject().value(QLatin1String("s")).toString().size()
        <= 1000);

    bool small = false;
    const QJsonObject plain{{QStringLiteral("content"), QStringLiteral("short")}};
    QCOMPARE(ToolResults::forModel(plain, 1000, &small), plain);
    QVERIFY(!small);
}

QTEST_GUILESS_MAIN(TestToolResults)
#include "tst_toolexecutor_results.moc"
