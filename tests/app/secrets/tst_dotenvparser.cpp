// DotEnvParser: .env files as people write them, and broken ones (errors name the line, never
// the secret on it).
#include "secrets/DotEnvParser.h"

#include <QFile>
#include <QTest>

class TestDotEnvParser final : public QObject
{
    Q_OBJECT

private slots:
    void sampleFile_data();
    void sampleFile();
    void lineEndingsDoNotMatter_data();
    void lineEndingsDoNotMatter();
    void byteOrderMarkIsSkipped();
    void blanksAroundAndNoFinalNewline();
    void laterLinesWin();
    void invalidLinesAreReportedWithoutTheirText();
    void unterminatedQuoteStopsWithAnError();
    void emptyInput();

private:
    static QString readData(const QString &name);
};

QString TestDotEnvParser::readData(const QString &name)
{
    QFile file(QStringLiteral(STUDIO_TEST_DATA_DIR "/secrets/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(file.fileName()));
    return QString::fromUtf8(file.readAll());
}

void TestDotEnvParser::sampleFile_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *key, const QString &value) {
        QTest::newRow(key) << QString::fromLatin1(key) << value;
    };
    row("PLAIN", QStringLiteral("value1"));
    row("EXPORTED", QStringLiteral("value2"));
    row("SPACED", QStringLiteral("value with spaces"));
    row("INLINE", QStringLiteral("before"));
    row("HASH_IN_VALUE", QStringLiteral("abc#def"));
    row("EMPTY", QStringLiteral(""));
    row("EMPTY_COMMENT", QStringLiteral(""));
    row("SINGLE", QStringLiteral("literal \\n \"double\" # not a comment"));
    row("DOUBLE", QStringLiteral("tab\there \"quoted\" back\\slash # kept"));
    row("DOUBLE_COMMENT", QStringLiteral("value"));
    row("MULTI", QStringLiteral("line one\nline two"));
    row("SINGLE_MULTI", QStringLiteral("first\nsecond"));
    row("UNICODE", QStringLiteral("clé-ключ-鍵"));
    row("URL", QStringLiteral("https://example.com/v1?a=1&b=2"));
    row("EQUALS_IN_VALUE", QStringLiteral("a=b=c"));
    row("DUP", QStringLiteral("second"));
    row("LAST", QStringLiteral("end"));
}

void TestDotEnvParser::sampleFile()
{
    QFETCH(QString, key);
    QFETCH(QString, expected);
    const DotEnvParser::Result result = DotEnvParser::parse(readData(QStringLiteral("sample.env")));
    for (const DotEnvError &error : result.errors)
        qWarning() << error.message;
    QVERIFY(result.errors.isEmpty());
    QVERIFY2(result.contains(key), qPrintable(key));
    QCOMPARE(result.value(key), expected);
    QVERIFY(!result.value(key).isNull());
    // Comments never become entries.
    QCOMPARE(result.keys().size(), 17);
}

void TestDotEnvParser::lineEndingsDoNotMatter_data()
{
    QTest::addColumn<QString>("newline");
    QTest::newRow("LF") << QStringLiteral("\n");
    QTest::newRow("CRLF") << QStringLiteral("\r\n");
    QTest::newRow("CR") << QStringLiteral("\r");
}

void TestDotEnvParser::lineEndingsDoNotMatter()
{
    QFETCH(QString, newline);
    QString text = readData(QStringLiteral("sample.env"));
    text.replace(QLatin1Char('\n'), newline);
    const DotEnvParser::Result converted = DotEnvParser::parse(text);
    const DotEnvParser::Result original
        = DotEnvParser::parse(readData(QStringLiteral("sample.env")));
    QVERIFY(converted.errors.isEmpty());
    QCOMPARE(converted.keys(), original.keys());
    for (const QString &key : original.keys())
        QCOMPARE(converted.value(key), original.value(key));
    // The line numbers stay those an editor shows.
    QCOMPARE(converted.entries.constFirst().line, 4);
    QCOMPARE(converted.entries.constLast().line, original.entries.constLast().line);
    // No carriage return sneaks into a value (a key with a trailing \r fails every request).
    for (const DotEnvEntry &entry : converted.entries)
        QVERIFY2(!entry.value.contains(QLatin1Char('\r')), qPrintable(entry.key));
}

void TestDotEnvParser::byteOrderMarkIsSkipped()
{
    const DotEnvParser::Result result = DotEnvParser::parse(
        QString(QString(QChar(0xfeff)) + QStringLiteral("OPENAI_API_KEY=sk-1\n")));
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.value(QStringLiteral("OPENAI_API_KEY")), QStringLiteral("sk-1"));
}

// Kept out of the data files, whose editors would "fix" these (see .editorconfig).
void TestDotEnvParser::blanksAroundAndNoFinalNewline()
{
    const DotEnvParser::Result result
        = DotEnvParser::parse(u"\tTABBED=tabbed\t\nTRAILING = spaced value   \nLAST=end");
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.value(QStringLiteral("TABBED")), QStringLiteral("tabbed"));
    QCOMPARE(result.value(QStringLiteral("TRAILING")), QStringLiteral("spaced value"));
    QCOMPARE(result.value(QStringLiteral("LAST")), QStringLiteral("end"));
    QCOMPARE(result.entries.constLast().line, 3);
}

void TestDotEnvParser::laterLinesWin()
{
    const DotEnvParser::Result result = DotEnvParser::parse(u"A=1\nB=2\nA=3\n");
    QCOMPARE(result.entries.size(), 3);
    QCOMPARE(result.keys(), QStringList({QStringLiteral("A"), QStringLiteral("B")}));
    QCOMPARE(result.value(QStringLiteral("A")), QStringLiteral("3"));
    QVERIFY(result.value(QStringLiteral("C")).isNull());
}

void TestDotEnvParser::invalidLinesAreReportedWithoutTheirText()
{
    const DotEnvParser::Result result
        = DotEnvParser::parse(readData(QStringLiteral("invalid.env")));
    // The good lines around the bad ones are kept.
    QCOMPARE(result.keys(),
             QStringList({QStringLiteral("GOOD_BEFORE"), QStringLiteral("GOOD_AFTER")}));
    QList<int> lines;
    for (const DotEnvError &error : result.errors) {
        lines << error.line;
        QVERIFY2(error.message.startsWith(QStringLiteral("line %1: ").arg(error.line)),
                 qPrintable(error.message));
        QVERIFY2(!error.message.contains(QLatin1String("secret-value")), qPrintable(error.message));
        QVERIFY2(!error.message.contains(QLatin1String("sk-proj")), qPrintable(error.message));
        QVERIFY2(!error.message.contains(QLatin1String("BAD")), qPrintable(error.message));
    }
    QCOMPARE(lines, QList<int>({2, 3, 4, 5, 6, 8}));
    QVERIFY(result.errors.at(0).message.contains(QLatin1String("expected KEY=VALUE")));
    QVERIFY(result.errors.at(1).message.contains(QLatin1String("not a valid variable name")));
    QVERIFY(result.errors.at(3).message.contains(QLatin1String("after the closing quote")));
    QVERIFY(result.errors.at(5).message.contains(QLatin1String("double quote is never closed")));
}

void TestDotEnvParser::unterminatedQuoteStopsWithAnError()
{
    const DotEnvParser::Result result = DotEnvParser::parse(u"A='open\nB=2\n");
    QVERIFY(result.entries.isEmpty());
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.at(0).line, 1);
    QVERIFY(result.errors.at(0).message.contains(QLatin1String("single quote")));
}

void TestDotEnvParser::emptyInput()
{
    QVERIFY(DotEnvParser::parse(u"").entries.isEmpty());
    const DotEnvParser::Result blank = DotEnvParser::parse(u"\n\n  \n# only comments\n");
    QVERIFY(blank.entries.isEmpty());
    QVERIFY(blank.errors.isEmpty());
}

QTEST_GUILESS_MAIN(TestDotEnvParser)
#include "tst_dotenvparser.moc"
