// Search as a user types it: SearchQuery turns any text into a safe FTS5 expression (pure
// tests), and Store::search finds threads by words in titles and messages, by prefix, with
// punctuation, quotes, FTS operators and non-ASCII text in the query, with a snippet that
// highlights the match.
#include "store/SearchQuery.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QTest>

class TestStoreSearch final : public QObject
{
    Q_OBJECT

private slots:
    void ftsMatch_data();
    void ftsMatch();
    void tooManyWordsAreCut();

    void initTestCase();
    void finds_data();
    void finds();
    void oneHitPerThreadWithSnippet();
    void followsRenamesDeletesAndStreaming();

private:
    QTemporaryDir m_dir;
    Store m_store;
    QHash<QString, RowId> m_threads; // title -> id
};

void TestStoreSearch::ftsMatch_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one word") << QStringLiteral("parser") << QStringLiteral("\"parser\"*");
    QTest::newRow("two words") << QStringLiteral("  fix   parser ")
                               << QStringLiteral("\"fix\"* \"parser\"*");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("only punctuation") << QStringLiteral("\"*:()^-+ ''") << QString();
    QTest::newRow("quotes") << QStringLiteral("\"unterminated quote")
                            << QStringLiteral("\"unterminated\"* \"quote\"*");
    QTest::newRow("operators are words")
        << QStringLiteral("NOT a OR b AND NEAR(c)")
        << QStringLiteral("\"NOT\"* \"a\"* \"OR\"* \"b\"* \"AND\"* \"NEAR\"* \"c\"*");
    QTest::newRow("column filter")
        << QStringLiteral("title:secret") << QStringLiteral("\"title\"* \"secret\"*");
    QTest::newRow("star and caret")
        << QStringLiteral("^start* end*") << QStringLiteral("\"start\"* \"end\"*");
    QTest::newRow("sql") << QStringLiteral("'; DROP TABLE threads; --")
                         << QStringLiteral("\"DROP\"* \"TABLE\"* \"threads\"*");
    QTest::newRow("apostrophe") << QStringLiteral("don't") << QStringLiteral("\"don\"* \"t\"*");
    QTest::newRow("accents") << QStringLiteral("Grüße, café!")
                             << QStringLiteral("\"Grüße\"* \"café\"*");
    QTest::newRow("cyrillic") << QStringLiteral("Привет мир")
                              << QStringLiteral("\"Привет\"* \"мир\"*");
    QTest::newRow("cjk") << QStringLiteral("日本語") << QStringLiteral("\"日本語\"*");
    QTest::newRow("emoji separates")
        << QStringLiteral("ship🚀it") << QStringLiteral("\"ship\"* \"it\"*");
    QTest::newRow("digits") << QStringLiteral("ISO-8601") << QStringLiteral("\"ISO\"* \"8601\"*");
}

void TestStoreSearch::ftsMatch()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(SearchQuery::toFtsMatch(input), expected);
}

void TestStoreSearch::tooManyWordsAreCut()
{
    QStringList many;
    for (int i = 0; i < 100; ++i)
        many << QStringLiteral("w%1").arg(i);
    QCOMPARE(SearchQuery::toFtsMatch(many.join(QLatin1Char(' '))).count(QLatin1Char('*')),
             SearchQuery::maxWords);
}

void TestStoreSearch::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_store.open(m_dir.filePath(QStringLiteral("studio.sqlite3"))));
    const QList<std::pair<QString, QStringList>> corpus = {
        {QStringLiteral("Refactor the ISO-8601 parser"),
         {QStringLiteral("Please refactor parse_date() so that it handles time zones."),
          QStringLiteral("Done: the parser now accepts \"Z\" and +02:00 offsets.")}},
        {QStringLiteral("Café menu scraper"),
         {QStringLiteral("Scrape the menu of the café on Grüße-Straße and print prices."),
          QStringLiteral("Привет! Я написал скрипт на Python.")}},
        {QStringLiteral("日本語のテスト"), {QStringLiteral("東京 weather report in a sandbox")}},
        {QStringLiteral("Operators"),
         {QStringLiteral("Use NOT, AND, OR and NEAR as plain words; also title: colons.")}},
    };
    for (const auto &[title, texts] : corpus) {
        const RowId id = m_store.createThread(title, {}).value().id;
        m_threads.insert(title, id);
        for (const QString &text : texts) {
            NewMessage message;
            message.threadId = id;
            message.parts = NewMessage::textParts(text);
            QVERIFY(m_store.appendMessage(message));
        }
    }
}

void TestStoreSearch::finds_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("threads"); // titles of the threads found, any order
    const QString parser = QStringLiteral("Refactor the ISO-8601 parser");
    const QString cafe = QStringLiteral("Café menu scraper");
    const QString japanese = QStringLiteral("日本語のテスト");
    const QString operators = QStringLiteral("Operators");
    QTest::newRow("word in title") << QStringLiteral("scraper") << QStringList{cafe};
    QTest::newRow("word in message") << QStringLiteral("prices") << QStringList{cafe};
    QTest::newRow("case") << QStringLiteral("PRICES") << QStringList{cafe};
    QTest::newRow("prefix") << QStringLiteral("refact") << QStringList{parser};
    QTest::newRow("all words must match") << QStringLiteral("parser zones") << QStringList{parser};
    QTest::newRow("words in title and message")
        << QStringLiteral("ISO offsets") << QStringList{parser};
    QTest::newRow("no match") << QStringLiteral("kubernetes") << QStringList{};
    QTest::newRow("punctuation") << QStringLiteral("parse_date()") << QStringList{parser};
    QTest::newRow("unbalanced quote") << QStringLiteral("\"time zones") << QStringList{parser};
    QTest::newRow("quoted phrase") << QStringLiteral("\"time zones\"") << QStringList{parser};
    QTest::newRow("operator words") << QStringLiteral("NOT AND") << QStringList{operators};
    QTest::newRow("operator alone") << QStringLiteral("OR") << QStringList{operators};
    QTest::newRow("column syntax") << QStringLiteral("title: colons") << QStringList{operators};
    QTest::newRow("near syntax") << QStringLiteral("NEAR(plain words)") << QStringList{operators};
    QTest::newRow("star only") << QStringLiteral("*") << QStringList{};
    QTest::newRow("sql injection") << QStringLiteral("'; DROP TABLE threads; --") << QStringList{};
    QTest::newRow("accent folded") << QStringLiteral("cafe") << QStringList{cafe};
    QTest::newRow("accent typed") << QStringLiteral("CAFÉ") << QStringList{cafe};
    QTest::newRow("german") << QStringLiteral("grüße") << QStringList{cafe};
    QTest::newRow("cyrillic case") << QStringLiteral("привет") << QStringList{cafe};
    QTest::newRow("cjk prefix of a run") << QStringLiteral("日本語") << QStringList{japanese};
    QTest::newRow("cjk in message") << QStringLiteral("東京") << QStringList{japanese};
    QTest::newRow("digits") << QStringLiteral("8601") << QStringList{parser};
    QTest::newRow("emoji only") << QStringLiteral("🎉") << QStringList{};
}

void TestStoreSearch::finds()
{
    QFETCH(QString, query);
    QFETCH(QStringList, threads);
    const StoreResult<QList<SearchHit>> hits = m_store.search(query);
    QVERIFY2(hits, qPrintable(hits.error()));
    QStringList found;
    for (const SearchHit &hit : hits.value())
        found << hit.title;
    found.sort();
    threads.sort();
    QCOMPARE(found, threads);
    QCOMPARE(m_store.countThreads().value(), 4); // nothing was harmed
}

void TestStoreSearch::oneHitPerThreadWithSnippet()
{
    // "zones" is in one message; "parser" in the title and a message: one hit per thread.
    const QList<SearchHit> hits = m_store.search(QStringLiteral("zones")).value();
    QCOMPARE(hits.size(), 1);
    const SearchHit &hit = hits.first();
    QCOMPARE(hit.threadId, m_threads.value(QStringLiteral("Refactor the ISO-8601 parser")));
    QVERIFY(hit.messageId != 0);
    QVERIFY2(hit.snippet.contains(QLatin1String("handles time zones")), qPrintable(hit.snippet));
    QCOMPARE(hit.highlights.size(), 1);
    QCOMPARE(hit.snippet.mid(hit.highlights.first().first, hit.highlights.first().second),
             QStringLiteral("zones"));
    QCOMPARE(m_store.search(QStringLiteral("parser")).value().size(), 1);

    const QList<SearchHit> title = m_store.search(QStringLiteral("menu scr")).value();
    QCOMPARE(title.size(), 1);
    QVERIFY(!title.first().highlights.isEmpty());
    QVERIFY(!title.first().snippet.contains(QChar(0x02)));
    for (const auto &[start, length] : title.first().highlights) {
        const QString word = title.first().snippet.mid(start, length).toLower();
        QVERIFY2(word.startsWith(QLatin1String("menu")) || word.startsWith(QLatin1String("scr")),
                 qPrintable(word));
    }
}

void TestStoreSearch::followsRenamesDeletesAndStreaming()
{
    const RowId id = m_store.createThread(QStringLiteral("Temporary zebra"), {}).value().id;
    QCOMPARE(m_store.search(QStringLiteral("zebra"))->size(), 1);
    QVERIFY(m_store.renameThread(id, QStringLiteral("Temporary giraffe")));
    QCOMPARE(m_store.search(QStringLiteral("zebra"))->size(), 0);
    QCOMPARE(m_store.search(QStringLiteral("giraffe"))->size(), 1);

    NewMessage message;
    message.threadId = id;
    message.role = MessageRole::Assistant;
    message.status = MessageStatus::Streaming;
    const RowId messageId = m_store.appendMessage(message).value().id;
    QVERIFY(m_store.appendChunk(messageId, QStringLiteral("okapi ")));
    QCOMPARE(m_store.search(QStringLiteral("okapi"))->size(), 0); // indexed when complete
    QVERIFY(m_store.setMessageStatus(messageId, MessageStatus::Complete));
    QCOMPARE(m_store.search(QStringLiteral("okapi"))->size(), 1);

    QVERIFY(m_store.deleteThread(id));
    QCOMPARE(m_store.search(QStringLiteral("giraffe"))->size(), 0);
    QCOMPARE(m_store.search(QStringLiteral("okapi"))->size(), 0);
}

QTEST_GUILESS_MAIN(TestStoreSearch)
#include "tst_storesearch.moc"
