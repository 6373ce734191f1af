// Schema versions and migrations against real files: an empty or new file, a fixture saved at
// every older version (tests/data/store), a file from a newer app (refused, unchanged), and
// damaged files (refused with a message that names the file and says what to do).
#include "store/Migrations.h"
#include "store/Store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestStoreMigrations final : public QObject
{
    Q_OBJECT

private slots:
    void systemSqliteHasFts5();
    void newFileGetsLatestSchema_data();
    void newFileGetsLatestSchema();
    void everyOlderVersionHasAFixture();
    void fixtureMigratesKeepingRows_data();
    void fixtureMigratesKeepingRows();
    void toolCallsAreIndexedAgain();
    void newerVersionIsRefusedUnchanged();
    void damagedFileIsRefusedUnchanged_data();
    void damagedFileIsRefusedUnchanged();
};

namespace {

const QString fixtureDir = QStringLiteral(STUDIO_TEST_DATA_DIR "/store");

QByteArray hashOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// Runs one statement on a separate raw connection; returns the first column of each row.
QStringList rawQuery(const QString &path, const QString &sql)
{
    QStringList rows;
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (!query.exec(sql))
                rows << QStringLiteral("error: ") + query.lastError().text();
            while (query.next())
                rows << query.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return rows;
}

} // namespace

void TestStoreMigrations::systemSqliteHasFts5()
{
    // Debian's Qt uses the system libsqlite3 (3.40 on Debian 12), built with FTS5; version 2
    // of the schema needs it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fts.sqlite3"));
    const QStringList version = rawQuery(path, QStringLiteral("SELECT sqlite_version()"));
    qInfo() << "SQLite" << version;
    QCOMPARE(rawQuery(path, QStringLiteral("CREATE VIRTUAL TABLE t USING fts5(x)")), QStringList());
    QCOMPARE(rawQuery(path, QStringLiteral("SELECT sqlite_compileoption_used('ENABLE_FTS5')")),
             QStringList{QStringLiteral("1")});
}

void TestStoreMigrations::newFileGetsLatestSchema_data()
{
    QTest::addColumn<bool>("createEmptyFile");
    QTest::newRow("no file yet") << false;
    QTest::newRow("empty file") << true;
}

void TestStoreMigrations::newFileGetsLatestSchema()
{
    QFETCH(bool, createEmptyFile);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("studio.sqlite3"));
    if (createEmptyFile) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    {
        Store store;
        const StoreStatus opened = store.open(path);
        QVERIFY2(opened, qPrintable(opened.error()));
        QVERIFY(store.createThread(QStringLiteral("works"), {}));
        QCOMPARE(store.search(QStringLiteral("works"))->size(), 1);
    }
    QCOMPARE(rawQuery(path, QStringLiteral("PRAGMA user_version")),
             QStringList{QString::number(Migrations::latestVersion)});
    const QStringList tables
        = rawQuery(path,
                   QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                  "NOT LIKE '%fts_%' ORDER BY name"));
    QCOMPARE(tables,
             QStringList({QStringLiteral("approval_rules"), QStringLiteral("checkpoint_files"),
                          QStringLiteral("checkpoints"), QStringLiteral("message_chunks"),
                          QStringLiteral("messages"), QStringLiteral("plans"),
                          QStringLiteral("restore_journal"), QStringLiteral("runs"),
                          QStringLiteral("sandboxes"), QStringLiteral("search_fts"),
                          QStringLiteral("search_tool_calls"), QStringLiteral("steps"),
                          QStringLiteral("thread_approval_modes"), QStringLiteral("thread_budgets"),
                          QStringLiteral("thread_tool_permissions"), QStringLiteral("threads"),
                          QStringLiteral("tool_call_approvals"), QStringLiteral("tool_calls")}));
    // Opening again is a no-op for the schema.
    Store again;
    QVERIFY(again.open(path));
    QCOMPARE(again.countThreads().value(), 1);
}

void TestStoreMigrations::everyOlderVersionHasAFixture()
{
    for (int version = 1; version < Migrations::latestVersion; ++version) {
        const QString path = fixtureDir + QStringLiteral("/v%1.sqlite3").arg(version);
        QVERIFY2(QFile::exists(path),
                 qPrintable(path
                            + QStringLiteral(" is missing; see "
                                             "tests/data/store/README.md")));
        QCOMPARE(rawQuery(path, QStringLiteral("PRAGMA user_version")),
                 QStringList{QString::number(version)});
    }
}

void TestStoreMigrations::fixtureMigratesKeepingRows_data()
{
    QTest::addColumn<QString>("fixture");
    const QStringList files
        = QDir(fixtureDir).entryList({QStringLiteral("v*.sqlite3")}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << fixtureDir + QLatin1Char('/') + file;
}

void TestStoreMigrations::fixtureMigratesKeepingRows()
{
    QFETCH(QString, fixture);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("studio.sqlite3"));
    QVERIFY(QFile::copy(fixture, path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);

    Store store;
    const StoreStatus opened = store.open(path);
    QVERIFY2(opened, qPrintable(opened.error()));
    QCOMPARE(rawQuery(path, QStringLiteral("PRAGMA user_version")),
             QStringList{QString::number(Migrations::latestVersion)});
    QCOMPARE(rawQuery(path, QStringLiteral("PRAGMA integrity_check")),
             QStringList{QStringLiteral("ok")});

    // Threads, in sidebar order.
    const QList<ThreadRecord> threads = store.listThreads(ThreadFilter::All).value();
    QCOMPARE(threads.size(), 3);
    QCOMPARE(threads.at(0).title, QStringLiteral("Grüße an den Parser — café ☕"));
    QVERIFY(threads.at(0).pinned);
    QCOMPARE(threads.at(0).model, QStringLiteral("anthropic/claude-sonnet-4-5"));
    QCOMPARE(threads.at(1).title, QStringLiteral("Old experiment"));
    QVERIFY(threads.at(1).archived);
    QCOMPARE(threads.at(2).title, QStringLiteral("Reverse a string in Python"));
    QCOMPARE(threads.at(2).createdAt, QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC));
    QCOMPARE(store.countThreads().value(), 2);

    // A finished conversation, parts intact.
    const QList<MessageRecord> first = store.listMessages(threads.at(2).id).value();
    QCOMPARE(first.size(), 2);
    QCOMPARE(first.at(0).role, MessageRole::User);
    QVERIFY(first.at(0).text().startsWith(QLatin1String("Write a function that reverses")));
    QCOMPARE(first.at(1).parts.size(), 3);
    QCOMPARE(first.at(1).parts.at(1)[QStringLiteral("toolCallId")].toString(),
             QStringLiteral("call_w1"));
    QCOMPARE(first.at(1).status, MessageStatus::Complete);
    const RunRecord done = store.run(first.at(1).runId).value();
    QCOMPARE(done.status, RunStatus::Completed);
    QCOMPARE(done.usage, (TokenUsage{1200, 300, 1500, 0, 1024}));
    const QList<StepRecord> steps = store.listSteps(done.id).value();
    QCOMPARE(steps.size(), 2);
    QCOMPARE(steps.at(0).timeToFirstTokenMs, std::optional<qint64>(420));
    const QList<ToolCallRecord> calls = store.listToolCalls(done.id).value();
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls.at(0).status, ToolCallStatus::Done);
    QVERIFY(calls.at(0).arguments.contains(QLatin1String("reverse(s)")));
    QCOMPARE(calls.at(1).status, ToolCallStatus::Denied);
    QCOMPARE(calls.at(1).decisionReason, QStringLiteral("never delete everything"));

    // The conversation a crash cut off is recovered.
    QCOMPARE(store.recovery().messagesInterrupted, 1);
    QCOMPARE(store.recovery().runsInterrupted, 1);
    QCOMPARE(store.recovery().toolCallsOutcomeUnknown, 1);
    const QList<MessageRecord> second = store.listMessages(threads.at(0).id).value();
    QCOMPARE(second.size(), 2);
    QCOMPARE(second.at(1).status, MessageStatus::Interrupted);
    QCOMPARE(second.at(1).text(),
             QStringLiteral("Voici un analyseur de dates qui gère les fuseaux horaires"));
    QCOMPARE(second.at(1).parts.at(0)[QStringLiteral("type")].toString(),
             QStringLiteral("reasoning"));
    QCOMPARE(store.run(second.at(1).runId)->status, RunStatus::Interrupted);
    QCOMPARE(store.listToolCalls(second.at(1).runId)->first().status,
             ToolCallStatus::OutcomeUnknown);

    QCOMPARE(store.listSandboxes()->size(), 2);
    QCOMPARE(store.sandboxesForThread(threads.at(2).id)->first().remoteId,
             QStringLiteral("sb-7f3a"));

    // Old rows are in the search index that version 6 built: titles, messages, tool calls.
    const QList<SearchHit> title = store.search(QStringLiteral("cafe")).value();
    QCOMPARE(title.size(), 1);
    QCOMPARE(title.first().threadId, threads.at(0).id);
    // "pytest" is in thread 1's answer and in thread 2's running command: the message first.
    const QList<SearchHit> text = store.search(QStringLiteral("pytest")).value();
    QCOMPARE(text.size(), 2);
    QCOMPARE(text.first().threadId, threads.at(2).id);
    QCOMPARE(text.first().messageId, first.at(1).id);
    QCOMPARE(text.at(1).threadId, threads.at(0).id);
    QVERIFY2(text.at(1).snippet.startsWith(QLatin1String("exec: "))
                 && text.at(1).snippet.contains(QLatin1String("python -m pytest")),
             qPrintable(text.at(1).snippet));
    QCOMPARE(store.search(QStringLiteral("fuseaux horaires"))->size(), 1); // recovered text too
    // The denied command of thread 1 and the file its first call wrote.
    const QList<SearchHit> command = store.search(QStringLiteral("rm -rf")).value();
    QCOMPARE(command.size(), 1);
    QCOMPARE(command.first().threadId, threads.at(2).id);
    QVERIFY2(command.first().snippet.startsWith(QLatin1String("exec: ")),
             qPrintable(command.first().snippet));
    QCOMPARE(store.search(QStringLiteral("reverse.py"))->first().threadId, threads.at(2).id);
    qInfo("tried: search an old file (%s) for a title, a message, a command; result: %lld, "
          "%lld, %lld hits",
          qPrintable(QFileInfo(fixture).fileName()), static_cast<long long>(title.size()),
          static_cast<long long>(text.size()), static_cast<long long>(command.size()));
}

void TestStoreMigrations::toolCallsAreIndexedAgain()
{
    // Version 8 indexed a tool call's output with its JSON escapes: in the v8 fixture's 20 KiB
    // output, "quokka" and "okapi" start lines and were indexed as "nquokka" and "nokapi".
    // Opening the file indexes every tool call again, as the user reads it, and what was
    // indexed before is gone (deleting the thread then leaves none of its words).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("studio.sqlite3"));
    QVERIFY(QFile::copy(fixtureDir + QStringLiteral("/v8.sqlite3"), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    const auto indexed = [&path](const QString &words) {
        return rawQuery(path,
                        QStringLiteral("SELECT count(*) FROM search_fts WHERE search_fts "
                                       "MATCH '%1'")
                            .arg(words));
    };
    QCOMPARE(indexed(QStringLiteral("nquokka OR nokapi")), QStringList{QStringLiteral("1")});

    Store store;
    const StoreStatus opened = store.open(path);
    QVERIFY2(opened, qPrintable(opened.error()));
    const QList<SearchHit> quokka = store.search(QStringLiteral("quokka")).value();
    QCOMPARE(quokka.size(), 1);
    QCOMPARE(quokka.first().title, QStringLiteral("Reverse a string in Python"));
    QVERIFY2(quokka.first().snippet.startsWith(QLatin1String("runCommand: "))
                 && quokka.first().snippet.contains(QLatin1String("quokka: done")),
             qPrintable(quokka.first().snippet));
    QCOMPARE(store.search(QStringLiteral("okapi halfway"))->size(), 1);
    QCOMPARE(indexed(QStringLiteral("nquokka OR nokapi")), QStringList{QStringLiteral("0")});
    QCOMPARE(rawQuery(path, QStringLiteral("PRAGMA integrity_check")),
             QStringList{QStringLiteral("ok")});

    QVERIFY(store.deleteThread(quokka.first().threadId));
    QCOMPARE(indexed(QStringLiteral("capybara OR okapi OR quokka OR filler5 OR reverse")),
             QStringList{QStringLiteral("0")});
    qInfo("tried: open a version 8 file whose tool output has words at line starts; result: "
          "found, and nothing of the thread left in the index after deleting it");
}

void TestStoreMigrations::newerVersionIsRefusedUnchanged()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("studio.sqlite3"));
    QVERIFY(QFile::copy(fixtureDir + QStringLiteral("/v1.sqlite3"), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(
        rawQuery(path,
                 QStringLiteral("PRAGMA user_version = %1").arg(Migrations::latestVersion + 7)),
        QStringList());
    const QByteArray before = hashOf(path);

    Store store;
    const StoreStatus opened = store.open(path);
    QVERIFY(!opened);
    QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
    QVERIFY2(opened.error().contains(QLatin1String("newer version of Agent Studio")),
             qPrintable(opened.error()));
    QVERIFY(
        opened.error().contains(QStringLiteral("schema %1").arg(Migrations::latestVersion + 7)));
    QVERIFY(opened.error().contains(QLatin1String("Update Agent Studio")));
    QVERIFY(!store.isOpen());
    QCOMPARE(hashOf(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

void TestStoreMigrations::damagedFileIsRefusedUnchanged_data()
{
    QTest::addColumn<QByteArray>("damage");
    QTest::newRow("not a database")
        << QByteArray("this is a text file, not SQLite\n").repeated(300);
    QTest::newRow("pages overwritten") << QByteArray("overwrite");
}

void TestStoreMigrations::damagedFileIsRefusedUnchanged()
{
    QFETCH(QByteArray, damage);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("studio.sqlite3"));
    if (damage == "overwrite") {
        QVERIFY(QFile::copy(fixtureDir + QStringLiteral("/v1.sqlite3"), path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        // Keep the header page, scribble over the b-tree pages behind it.
        for (qint64 offset = 4096; offset < file.size(); offset += 4096 * 3) {
            file.seek(offset + 16);
            file.write(QByteArray(512, '\x5a'));
        }
    } else {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(damage);
    }
    const QByteArray before = hashOf(path);
    Store store;
    const StoreStatus opened = store.open(path);
    QVERIFY(!opened);
    qInfo() << opened.error();
    QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
    QVERIFY(opened.error().contains(QLatin1String("damaged")));
    QVERIFY(opened.error().contains(QLatin1String("Move it to another place")));
    QCOMPARE(hashOf(path), before);
}

QTEST_GUILESS_MAIN(TestStoreMigrations)
#include "tst_storemigrations.moc"
