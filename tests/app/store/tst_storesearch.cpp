// Search as a user types it: SearchQuery turns any text into a safe FTS5 expression (pure
// tests), and Store::search finds threads by words in titles, messages and tool calls (a
// command, a file written, an error in the output), by prefix, with punctuation, quotes, FTS
// operators and non-ASCII text in the query, ranked (title before a tool's output), with a
// snippet that highlights the match.
#include "store/SearchQuery.h"
#include "store/Store.h"

#include <QSqlDatabase>
#include <QSqlQuery>
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
    void findsToolCalls_data();
    void findsToolCalls();
    void titleHitRanksAboveDeepToolOutput();
    void toolCallsFollowResultsEditsAndDeletes();
    void wordsStartingALineAndTheEndsOfBigOutputs();
    void hostileQueriesNeverFail_data();
    void hostileQueriesNeverFail();
    void snippetCutsAroundTheMatch();
    void aLongThreadDoesNotHideOlderOnes();

private:
    // A thread whose one run made these tool calls (name, arguments, result).
    RowId threadWithCalls(const QString &title, const QList<QStringList> &calls);
    // How many rows of the search index itself match an FTS5 expression (-1: cannot tell), on
    // a connection of its own: what the Store would filter out does not count as gone.
    int indexRows(const QString &match) const;

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
    QTest::newRow("prefixes in title and message")
        << QStringLiteral("refac offs") << QStringList{parser};
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

    // A title hit has no snippet: the title itself shows the match.
    const QList<SearchHit> title = m_store.search(QStringLiteral("menu scr")).value();
    QCOMPARE(title.size(), 1);
    QCOMPARE(title.first().messageId, 0);
    QVERIFY(title.first().snippet.isEmpty());
    QVERIFY(title.first().highlights.isEmpty());
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

RowId TestStoreSearch::threadWithCalls(const QString &title, const QList<QStringList> &calls)
{
    const RowId id = m_store.createThread(title, {}).value().id;
    const RowId run = m_store.createRun(id, QStringLiteral("openai/gpt-4o-mini")).value().id;
    const RowId step = m_store.startStep(run).value().id;
    int n = 0;
    for (const QStringList &call : calls) {
        const ToolCallRecord record
            = m_store
                  .proposeToolCall(
                      {run, step, QStringLiteral("call_%1").arg(++n), call.at(0), call.at(1)})
                  .value();
        if (call.size() > 2) {
            if (!m_store.decideToolCall(record.id, ApprovalDecision::Approved)
                || !m_store.startToolCall(record.id)
                || !m_store.finishToolCall(record.id, ToolCallStatus::Done, call.at(2)))
                qFatal("cannot finish the tool call %s", qPrintable(call.at(0)));
        }
    }
    return id;
}

int TestStoreSearch::indexRows(const QString &match) const
{
    int rows = -1;
    {
        QSqlDatabase raw
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(m_dir.filePath(QStringLiteral("studio.sqlite3")));
        if (raw.open()) {
            QSqlQuery query(raw);
            if (query.exec(QStringLiteral("SELECT count(*) FROM search_fts WHERE search_fts "
                                          "MATCH '%1'")
                               .arg(match))
                && query.next())
                rows = query.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return rows;
}

void TestStoreSearch::findsToolCalls_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("inSnippet");
    QTest::newRow("command it ran")
        << QStringLiteral("cargo build --release") << QStringLiteral("runCommand")
        << QStringLiteral("cargo build --release");
    QTest::newRow("file it wrote")
        << QStringLiteral("quokka_parser.rs") << QStringLiteral("writeFile")
        << QStringLiteral("quokka_parser.rs");
    QTest::newRow("error in the output")
        << QStringLiteral("undeclared crate tokio") << QStringLiteral("runCommand")
        << QStringLiteral("undeclared crate");
}

void TestStoreSearch::findsToolCalls()
{
    QFETCH(QString, query);
    QFETCH(QString, tool);
    QFETCH(QString, inSnippet);
    static RowId thread = 0;
    if (thread == 0) {
        thread = threadWithCalls(
            QStringLiteral("Port the service"),
            {{QStringLiteral("writeFile"),
              QStringLiteral(R"({"path":"src/quokka_parser.rs","content":"fn main() {}"})"),
              QStringLiteral(R"({"ok":true})")},
             {QStringLiteral("runCommand"),
              QStringLiteral(R"({"command":"cargo build --release --target wasm32-wasip1"})"),
              QStringLiteral(R"({"exitCode":101,"stderr":"error[E0433]: failed to resolve: use )"
                             R"(of undeclared crate or module `tokio`"})")}});
    }
    const StoreResult<QList<SearchHit>> hits = m_store.search(query);
    QVERIFY2(hits, qPrintable(hits.error()));
    qInfo("tried: search \"%s\"; result: %lld hits, first %s", qPrintable(query),
          static_cast<long long>(hits->size()),
          hits->isEmpty() ? "none" : qPrintable(hits->first().snippet));
    QCOMPARE(hits->size(), 1);
    const SearchHit &hit = hits->first();
    QCOMPARE(hit.threadId, thread);
    QCOMPARE(hit.messageId, 0);
    QVERIFY2(hit.snippet.startsWith(tool + QStringLiteral(": ")), qPrintable(hit.snippet));
    QVERIFY2(hit.snippet.contains(inSnippet), qPrintable(hit.snippet));
    QVERIFY(!hit.highlights.isEmpty());
    const QString first
        = hit.snippet.mid(hit.highlights.first().first, hit.highlights.first().second);
    QVERIFY2(query.contains(first, Qt::CaseInsensitive) || first.startsWith(QLatin1String("tokio")),
             qPrintable(first));
}

void TestStoreSearch::titleHitRanksAboveDeepToolOutput()
{
    const RowId titled
        = m_store.createThread(QStringLiteral("Flamingo migration plan"), {}).value().id;
    // Newer (so most recent first alone would put it on top), the word deep in an output.
    QStringList lines;
    for (int i = 0; i < 400; ++i)
        lines << QStringLiteral("line %1 of the build log, nothing to see").arg(i);
    lines << QStringLiteral("warning: flamingo is deprecated");
    const RowId deep = threadWithCalls(
        QStringLiteral("Nightly build"),
        {{QStringLiteral("runCommand"), QStringLiteral(R"({"command":"make all"})"),
          QStringLiteral(R"({"exitCode":0,"stdout":")") + lines.join(QStringLiteral("\\n"))
              + QStringLiteral("\"}")}});
    const QList<SearchHit> hits = m_store.search(QStringLiteral("flamingo")).value();
    qInfo("tried: \"flamingo\" in one title and at the end of a newer thread's 400-line output; "
          "result: %lld hits, order %s",
          static_cast<long long>(hits.size()),
          qPrintable(hits.size() == 2 ? hits.at(0).title + QStringLiteral(" > ") + hits.at(1).title
                                      : QString()));
    QCOMPARE(hits.size(), 2);
    QCOMPARE(hits.at(0).threadId, titled);
    QVERIFY(hits.at(0).snippet.isEmpty()); // a title hit
    QCOMPARE(hits.at(1).threadId, deep);
    QVERIFY2(hits.at(1).snippet.contains(QLatin1String("flamingo is deprecated")),
             qPrintable(hits.at(1).snippet));
    QVERIFY(hits.at(1).snippet.contains(QChar(0x2026))); // cut: the log is long
    // The same as a prefix (no whole word matches; one stream over every row).
    const QList<SearchHit> typed = m_store.search(QStringLiteral("flamin")).value();
    QCOMPARE(typed.size(), 2);
    QCOMPARE(typed.at(0).threadId, titled);
    QCOMPARE(typed.at(1).threadId, deep);
}

void TestStoreSearch::toolCallsFollowResultsEditsAndDeletes()
{
    const RowId id = m_store.createThread(QStringLiteral("Lifecycle"), {}).value().id;
    const RowId run = m_store.createRun(id, QStringLiteral("m")).value().id;
    const ToolCallRecord call
        = m_store
              .proposeToolCall({run, 0, QStringLiteral("c1"), QStringLiteral("runCommand"),
                                QStringLiteral(R"({"command":"ls axolotl"})")})
              .value();
    QCOMPARE(m_store.search(QStringLiteral("axolotl"))->size(), 1);
    // The person edits the command before approving it: the old one is no longer found.
    QVERIFY(m_store.decideToolCall(call.id, ApprovalDecision::Approved, {},
                                   QStringLiteral(R"({"command":"ls narwhal"})")));
    QCOMPARE(m_store.search(QStringLiteral("axolotl"))->size(), 0);
    QCOMPARE(m_store.search(QStringLiteral("narwhal"))->size(), 1);
    QVERIFY(m_store.startToolCall(call.id));
    QCOMPARE(m_store.search(QStringLiteral("pangolin"))->size(), 0);
    QVERIFY(m_store.finishToolCall(call.id, ToolCallStatus::Done,
                                   QStringLiteral(R"({"stdout":"pangolin.txt"})")));
    QCOMPARE(m_store.search(QStringLiteral("pangolin"))->size(), 1);
    // Words spread over rows: the title and the output.
    QCOMPARE(m_store.search(QStringLiteral("lifecycle pangolin"))->size(), 1);

    QVERIFY(m_store.deleteThread(id)); // cascades through the run to the tool call
    QCOMPARE(m_store.search(QStringLiteral("narwhal"))->size(), 0);
    QCOMPARE(m_store.search(QStringLiteral("pangolin"))->size(), 0);
    // Not only filtered out: the index itself holds none of the thread's words any more.
    const int left = indexRows(QStringLiteral("narwhal OR pangolin OR lifecycle"));
    QCOMPARE(left, 0);
    qInfo("tried: propose, edit, finish, delete a tool call; result: found at each step, %d "
          "index rows left after the delete",
          left);
}

void TestStoreSearch::wordsStartingALineAndTheEndsOfBigOutputs()
{
    // Outputs are stored as JSON, where a line break is "\n": a word that starts a line is still
    // found (and its snippet shows no escape). Of a megabyte of output, the first and last few
    // KiB are indexed (the command's echo, the error at the end), not the middle; a file written
    // with 100 KiB of content is found by its path at the end of the arguments.
    QStringList big{QStringLiteral("capybara: collecting 4000 items")};
    for (qsizetype size = 0; size < 1024 * 1024; size += big.last().size() + 2)
        big << (big.size() == 20000 ? QStringLiteral("okapi halfway")
                                    : QStringLiteral("item_%1 PASSED in %2 ms")
                                          .arg(big.size())
                                          .arg(big.size() % 97));
    big << QStringLiteral("ModuleNotFoundError: No module named 'tapir'");
    const QString content = QStringLiteral("x = 1\\n").repeated(100 * 1024 / 7);
    const RowId thread = threadWithCalls(
        QStringLiteral("Outputs as printed"),
        {{QStringLiteral("runCommand"), QStringLiteral(R"({"command":"pytest -q"})"),
          QStringLiteral(R"({"exitCode":1,"stdout":"collected 3 items\nSKIPPED )"
                         R"(test_walrus.py::test_tusk\n\tnarwhal indented"})")},
         {QStringLiteral("runCommand"), QStringLiteral(R"({"command":"make check"})"),
          QStringLiteral(R"({"exitCode":1,"stdout":")") + big.join(QStringLiteral("\\n"))
              + QStringLiteral("\"}")},
         {QStringLiteral("writeFile"),
          QStringLiteral(R"({"content":")") + content
              + QStringLiteral(R"(","path":"src/wombat_module.py"})"),
          QStringLiteral(R"({"ok":true})")}});
    const auto found = [this](const QString &query) {
        const QList<SearchHit> hits = m_store.search(query).value();
        return hits.isEmpty() ? QString() : hits.first().snippet;
    };
    for (const QString &word :
         {QStringLiteral("SKIPPED"), QStringLiteral("narwhal"), QStringLiteral("capybara"),
          QStringLiteral("ModuleNotFoundError"), QStringLiteral("wombat_module.py")}) {
        const QString snippet = found(word);
        qInfo("tried: search \"%s\"; result: %s", qPrintable(word),
              snippet.isNull() ? "not found" : qPrintable(snippet));
        QVERIFY2(snippet.contains(word), qPrintable(word + QStringLiteral(": ") + snippet));
        QVERIFY2(!snippet.contains(QLatin1String("\\n")), qPrintable(snippet));
    }
    QVERIFY(found(QStringLiteral("test_walrus.py")).contains(QLatin1String("SKIPPED test_walrus")));
    QVERIFY(found(QStringLiteral("okapi")).isNull()); // the middle of the megabyte

    // What the index holds of the calls goes with them: none of their words is left.
    QVERIFY(m_store.deleteThread(thread));
    QCOMPARE(indexRows(QStringLiteral("SKIPPED OR narwhal OR capybara OR ModuleNotFoundError OR "
                                      "wombat_module OR nSKIPPED OR item_5")),
             0);
}

void TestStoreSearch::hostileQueriesNeverFail_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("findsFlamingo"); // the thread "Flamingo migration plan"
    QTest::newRow("lone quote") << QStringLiteral("\"") << false;
    QTest::newRow("unbalanced quote") << QStringLiteral("\"flamingo migr") << true;
    QTest::newRow("quoted phrase") << QStringLiteral("\"flamingo migration\"") << true;
    QTest::newRow("NEAR") << QStringLiteral("NEAR(flamingo plan, 2)") << false;
    QTest::newRow("NEAR words") << QStringLiteral("flamingo NEAR plan") << false;
    QTest::newRow("AND alone") << QStringLiteral("AND") << false;
    QTest::newRow("trailing AND") << QStringLiteral("flamingo AND") << false;
    QTest::newRow("OR NOT") << QStringLiteral("flamingo OR NOT plan") << false;
    QTest::newRow("star") << QStringLiteral("flam*") << true;
    QTest::newRow("stars only") << QStringLiteral("** * *") << false;
    QTest::newRow("open parentheses") << QStringLiteral("((flamingo") << true;
    QTest::newRow("close parenthesis") << QStringLiteral("flamingo)) plan") << true;
    QTest::newRow("column filter") << QStringLiteral("title:flamingo") << false;
    QTest::newRow("column set") << QStringLiteral("{title message}: flamingo") << false;
    QTest::newRow("caret minus plus") << QStringLiteral("^flamingo -plan +migration") << true;
    QTest::newRow("sql") << QStringLiteral("flamingo'; DELETE FROM threads; --") << false;
    QTest::newRow("backslashes") << QStringLiteral("\\\\flamingo\\") << true;
    QTest::newRow("nul") << QStringLiteral("flamingo") + QChar(0) + QStringLiteral("plan") << true;
    QTest::newRow("very long") << QStringLiteral("flamingo ").repeated(5000) + QStringLiteral("(\"")
                               << true;
    QTest::newRow("very long word") << QStringLiteral("x").repeated(100000) << false;
}

void TestStoreSearch::hostileQueriesNeverFail()
{
    QFETCH(QString, query);
    QFETCH(bool, findsFlamingo);
    const int before = m_store.countThreads().value();
    const StoreResult<QList<SearchHit>> hits = m_store.search(query, 200);
    qInfo("tried: %s (%lld chars); result: %s", qPrintable(QString(query).left(40)),
          static_cast<long long>(query.size()),
          hits ? qPrintable(QStringLiteral("%1 hits").arg(hits->size()))
               : qPrintable(hits.error()));
    QVERIFY2(hits, qPrintable(hits.error()));
    bool flamingo = false;
    for (const SearchHit &hit : hits.value())
        flamingo = flamingo || hit.title == QStringLiteral("Flamingo migration plan");
    if (findsFlamingo)
        QVERIFY(flamingo);
    QCOMPARE(m_store.countThreads().value(), before);
}

void TestStoreSearch::snippetCutsAroundTheMatch()
{
    const QString text = QStringLiteral("one two three four five six seven eight Café nine ten "
                                        "eleven twelve thirteen fourteen fifteen sixteen");
    const SearchQuery::Snippet snippet
        = SearchQuery::snippet(text, {QStringLiteral("cafe"), QStringLiteral("ele")}, 8);
    QVERIFY2(snippet.text.startsWith(QChar(0x2026)), qPrintable(snippet.text));
    QVERIFY2(snippet.text.endsWith(QChar(0x2026)), qPrintable(snippet.text));
    QStringList marked;
    for (const auto &[start, length] : snippet.highlights)
        marked << snippet.text.mid(start, length);
    QCOMPARE(marked, (QStringList{QStringLiteral("Café"), QStringLiteral("eleven")}));
    const SearchQuery::Snippet none = SearchQuery::snippet(text, {QStringLiteral("zzz")}, 3);
    QCOMPARE(none.text, QStringLiteral("one two three…"));
    QVERIFY(none.highlights.isEmpty());
}

void TestStoreSearch::aLongThreadDoesNotHideOlderOnes()
{
    // The older thread mentions the word once; the newer one in each of its 300 messages.
    const RowId older = m_store.createThread(QStringLiteral("Older"), {}).value().id;
    NewMessage once;
    once.threadId = older;
    once.parts = NewMessage::textParts(QStringLiteral("the capybara left"));
    QVERIFY(m_store.appendMessage(once));
    const RowId newer = m_store.createThread(QStringLiteral("Newer"), {}).value().id;
    for (int i = 0; i < 300; ++i) {
        NewMessage message;
        message.threadId = newer;
        message.parts = NewMessage::textParts(QStringLiteral("capybara number %1").arg(i));
        QVERIFY(m_store.appendMessage(message));
    }
    const QList<SearchHit> hits = m_store.search(QStringLiteral("capybara"), 10).value();
    qInfo("tried: a word in 300 messages of one thread and 1 of an older one; result: %lld hits",
          static_cast<long long>(hits.size()));
    QCOMPARE(hits.size(), 2);
    QCOMPARE(hits.at(0).threadId, newer);
    QVERIFY2(hits.at(0).snippet.contains(QLatin1String("capybara number 299")),
             qPrintable(hits.at(0).snippet)); // its latest mention
    QCOMPARE(hits.at(1).threadId, older);
}

QTEST_GUILESS_MAIN(TestStoreSearch)
#include "tst_storesearch.moc"
