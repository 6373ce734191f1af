// The Store's typed API against real SQLite files: round trips for every table, ordering and
// paging of threads, streaming chunks, tool-call transitions, cascade delete, recovery after
// a crash, clear errors, and the AppContext that opens it.
#include "root/AppContext.h"
#include "store/Migrations.h"
#include "store/Store.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

class TestStore final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void openCreatesWalDatabaseAtLatestVersion();
    void threadsRoundTrip();
    void threadsListPinnedFirstThenRecent();
    void threadsPageThroughInOrder();
    void messagesRoundTripInOrder();
    void sameUuidIsStoredOnce();
    void streamedChunksBecomeParts();
    void appendPartKeepsStreamOrder();
    void chunkToFinishedMessageIsRefused();
    void runsAndStepsSumUsage();
    void stepBoundariesAreFlushedInTheBackground();
    void checkpointsRunInTheBackground();
    void statementsAreReusedAndHoldNoRead();
    void toolCallLifecycle();
    void toolCallTransitionsAreChecked();
    void sandboxesUpsertListDelete();
    void deleteThreadCascades();
    void recoveryMarksWhatACrashLeft();
    void errorsAreClear();
    void otherThreadIsRefused();
    void appContextOpensTheStore();

private:
    QString path() const { return m_dir->filePath(QStringLiteral("studio.sqlite3")); }
    // Rows in a table, counted with a separate connection.
    int rowCount(const QString &table);
    // An assistant message being streamed in a thread (and run, when given).
    MessageRecord appendStreamingMessage(RowId threadId, RowId runId = 0);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_clockMs = 1767225600000; // 2026-01-01
};

void TestStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<Store>();
    // Each call to the clock advances it by one second: ordering by time is deterministic.
    m_store->setClock(
        [this] { return QDateTime::fromMSecsSinceEpoch(m_clockMs += 1000, Qt::UTC); });
    const StoreStatus opened = m_store->open(path());
    QVERIFY2(opened, qPrintable(opened.error()));
}

void TestStore::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

int TestStore::rowCount(const QString &table)
{
    int count = -1;
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("count"));
        db.setDatabaseName(path());
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) && query.next())
                count = query.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("count"));
    return count;
}

MessageRecord TestStore::appendStreamingMessage(RowId threadId, RowId runId)
{
    NewMessage message;
    message.threadId = threadId;
    message.runId = runId;
    message.role = MessageRole::Assistant;
    message.status = MessageStatus::Streaming;
    return m_store->appendMessage(message).value();
}

void TestStore::openCreatesWalDatabaseAtLatestVersion()
{
    QVERIFY(QFile::exists(path()));
    QVERIFY(QFile::exists(path() + QStringLiteral("-wal")));
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
        QCOMPARE(query.value(0).toInt(), Migrations::latestVersion);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    // A clean close leaves one file (the WAL is checkpointed and truncated).
    m_store->close();
    QCOMPARE(QFileInfo(path() + QStringLiteral("-wal")).size(), 0);
}

void TestStore::threadsRoundTrip()
{
    const StoreResult<ThreadRecord> created = m_store->createThread(
        QStringLiteral("Fix the parser ✓"), QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY2(created, qPrintable(created.error()));
    QVERIFY(created->id > 0);
    QVERIFY(!created->uuid.isEmpty());
    QCOMPARE(created->createdAt, created->updatedAt);

    QVERIFY(m_store->renameThread(created->id, QStringLiteral("Fix the ISO parser")));
    QVERIFY(m_store->setThreadModel(created->id, QStringLiteral("anthropic/claude-sonnet-4-5")));
    QVERIFY(m_store->setThreadPinned(created->id, true));
    QVERIFY(m_store->setThreadArchived(created->id, true));

    // Read back through a fresh Store: it is on disk, not cached.
    m_store->close();
    Store again;
    QVERIFY(again.open(path()));
    const StoreResult<ThreadRecord> read = again.thread(created->id);
    QVERIFY2(read, qPrintable(read.error()));
    QCOMPARE(read->uuid, created->uuid);
    QCOMPARE(read->title, QStringLiteral("Fix the ISO parser"));
    QCOMPARE(read->model, QStringLiteral("anthropic/claude-sonnet-4-5"));
    QCOMPARE(read->createdAt, created->createdAt);
    QCOMPARE(read->updatedAt, created->updatedAt); // renames do not reorder the sidebar
    QVERIFY(read->pinned);
    QVERIFY(read->archived);
    QCOMPARE(again.countThreads(ThreadFilter::Active).value(), 0);
    QCOMPARE(again.countThreads(ThreadFilter::Archived).value(), 1);
    QCOMPARE(again.countThreads(ThreadFilter::All).value(), 1);
}

void TestStore::threadsListPinnedFirstThenRecent()
{
    QList<RowId> ids;
    for (const char *title : {"oldest", "middle", "newest", "archived"})
        ids << m_store->createThread(QString::fromLatin1(title), {}).value().id;
    QVERIFY(m_store->setThreadPinned(ids.at(0), true));
    QVERIFY(m_store->setThreadArchived(ids.at(3), true));
    // A new message moves "middle" above "newest".
    NewMessage message;
    message.threadId = ids.at(1);
    message.parts = NewMessage::textParts(QStringLiteral("hello"));
    QVERIFY(m_store->appendMessage(message));

    const StoreResult<QList<ThreadRecord>> active = m_store->listThreads();
    QVERIFY(active);
    QStringList titles;
    for (const ThreadRecord &thread : active.value())
        titles << thread.title;
    QCOMPARE(titles,
             QStringList(
                 {QStringLiteral("oldest"), QStringLiteral("middle"), QStringLiteral("newest")}));
    const StoreResult<QList<ThreadRecord>> archived = m_store->listThreads(ThreadFilter::Archived);
    QCOMPARE(archived->size(), 1);
    QCOMPARE(archived->first().title, QStringLiteral("archived"));
    QCOMPARE(m_store->listThreads(ThreadFilter::All)->size(), 4);
}

void TestStore::threadsPageThroughInOrder()
{
    for (int i = 0; i < 57; ++i) {
        const RowId id = m_store->createThread(QStringLiteral("thread %1").arg(i), {}).value().id;
        if (i % 10 == 3)
            QVERIFY(m_store->setThreadPinned(id, true));
    }
    const QList<ThreadRecord> all = m_store->listThreads().value();
    QCOMPARE(all.size(), 57);
    QCOMPARE(m_store->countThreads().value(), 57);
    QList<ThreadRecord> paged;
    for (int offset = 0; offset < 57; offset += 10) {
        const StoreResult<QList<ThreadRecord>> page
            = m_store->listThreads(ThreadFilter::Active, offset, 10);
        QVERIFY(page);
        QCOMPARE(page->size(), qMin(10, 57 - offset));
        paged += page.value();
    }
    QCOMPARE(paged.size(), all.size());
    for (int i = 0; i < all.size(); ++i)
        QCOMPARE(paged.at(i).id, all.at(i).id);
    for (int i = 0; i < 6; ++i)
        QVERIFY(all.at(i).pinned);
    QVERIFY(!all.at(6).pinned);
    QCOMPARE(all.at(6).title, QStringLiteral("thread 56"));
    QCOMPARE(all.last().title, QStringLiteral("thread 0"));
}

void TestStore::messagesRoundTripInOrder()
{
    const ThreadRecord thread = m_store->createThread(QStringLiteral("t"), {}).value();
    const QJsonArray assistantParts = {
        QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                    {QStringLiteral("text"), QStringLiteral("Writing the file.")}},
        QJsonObject{{QStringLiteral("type"), QStringLiteral("tool-call")},
                    {QStringLiteral("toolCallId"), QStringLiteral("call_1")},
                    {QStringLiteral("toolName"), QStringLiteral("writeFile")},
                    {QStringLiteral("args"),
                     QJsonObject{{QStringLiteral("path"), QStringLiteral("a.py")}}}},
        QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                    {QStringLiteral("text"), QStringLiteral("Done — ünïcödé 🎉")}},
    };
    NewMessage user;
    user.threadId = thread.id;
    user.parts = NewMessage::textParts(QStringLiteral("Reverse a string"));
    NewMessage assistant;
    assistant.threadId = thread.id;
    assistant.role = MessageRole::Assistant;
    assistant.parts = assistantParts;
    const MessageRecord first = m_store->appendMessage(user).value();
    const MessageRecord second = m_store->appendMessage(assistant).value();
    QCOMPARE(first.position, 0);
    QCOMPARE(second.position, 1);
    QVERIFY(m_store->thread(thread.id)->updatedAt > thread.updatedAt);

    m_store->close();
    Store again;
    QVERIFY(again.open(path()));
    const StoreResult<QList<MessageRecord>> messages = again.listMessages(thread.id);
    QVERIFY2(messages, qPrintable(messages.error()));
    QCOMPARE(messages->size(), 2);
    QCOMPARE(messages->at(0).role, MessageRole::User);
    QCOMPARE(messages->at(0).text(), QStringLiteral("Reverse a string"));
    QCOMPARE(messages->at(0).status, MessageStatus::Complete);
    QCOMPARE(messages->at(1).role, MessageRole::Assistant);
    QCOMPARE(messages->at(1).parts, assistantParts);
    QCOMPARE(messages->at(1).uuid, second.uuid);
    QCOMPARE(messages->at(1).text(), QStringLiteral("Writing the file.\nDone — ünïcödé 🎉"));
    QCOMPARE(messages->at(1).createdAt, second.createdAt);
}

void TestStore::sameUuidIsStoredOnce()
{
    const ThreadRecord thread = m_store->createThread(QStringLiteral("t"), {}).value();
    NewMessage message;
    message.threadId = thread.id;
    message.uuid = QStringLiteral("7d3c9e0a-5b1f-4c1e-9d2a-1f0e8b7a6c5d");
    message.parts = NewMessage::textParts(QStringLiteral("once"));
    const MessageRecord first = m_store->appendMessage(message).value();
    message.parts = NewMessage::textParts(QStringLiteral("retried"));
    const MessageRecord second = m_store->appendMessage(message).value();
    QCOMPARE(second.id, first.id);
    QCOMPARE(second.text(), QStringLiteral("once"));
    QCOMPARE(m_store->listMessages(thread.id)->size(), 1);

    const RunRecord run = m_store->createRun(thread.id, {}, QStringLiteral("run-uuid")).value();
    QCOMPARE(m_store->createRun(thread.id, {}, QStringLiteral("run-uuid"))->id, run.id);
    QCOMPARE(m_store->listRuns(thread.id)->size(), 1);
}

void TestStore::streamedChunksBecomeParts()
{
    const ThreadRecord thread = m_store->createThread(QStringLiteral("t"), {}).value();
    const MessageRecord streaming = appendStreamingMessage(thread.id);
    QVERIFY(
        m_store->appendChunk(streaming.id, QStringLiteral("Let me think. "), ChunkKind::Reasoning));
    QVERIFY(m_store->appendChunk(streaming.id, QStringLiteral("Hel")));
    QVERIFY(m_store->appendChunk(streaming.id, QStringLiteral("lo, ")));
    QVERIFY(m_store->appendChunk(streaming.id, QStringLiteral("wörld")));

    // While streaming, a reader (e.g. the chat view after a reload) sees the text so far.
    const MessageRecord partial = m_store->message(streaming.id).value();
    QCOMPARE(partial.status, MessageStatus::Streaming);
    QCOMPARE(partial.parts.size(), 2);
    QCOMPARE(partial.parts.at(0)[QStringLiteral("type")].toString(), QStringLiteral("reasoning"));
    QCOMPARE(partial.parts.at(0)[QStringLiteral("text")].toString(),
             QStringLiteral("Let me think. "));
    QCOMPARE(partial.text(), QStringLiteral("Hello, wörld"));
    QCOMPARE(m_store->listMessages(thread.id)->first().text(), QStringLiteral("Hello, wörld"));

    QVERIFY(m_store->setMessageStatus(streaming.id, MessageStatus::Complete));
    const MessageRecord complete = m_store->message(streaming.id).value();
    QCOMPARE(complete.status, MessageStatus::Complete);
    QCOMPARE(complete.parts, partial.parts);
    QCOMPARE(rowCount(QStringLiteral("message_chunks")), 0);
}

void TestStore::appendPartKeepsStreamOrder()
{
    const ThreadRecord thread = m_store->createThread(QStringLiteral("t"), {}).value();
    const RowId id = appendStreamingMessage(thread.id).id;
    QVERIFY(m_store->appendChunk(id, QStringLiteral("Before the tool. ")));
    const QJsonObject toolPart{{QStringLiteral("type"), QStringLiteral("tool-call")},
                               {QStringLiteral("toolCallId"), QStringLiteral("call_9")}};
    QVERIFY(m_store->appendPart(id, toolPart));
    QVERIFY(m_store->appendChunk(id, QStringLiteral("After ")));
    QVERIFY(m_store->appendChunk(id, QStringLiteral("the tool.")));
    QVERIFY(m_store->setMessageStatus(id, MessageStatus::Complete));
    const QJsonArray parts = m_store->message(id)->parts;
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts.at(0)[QStringLiteral("text")].toString(), QStringLiteral("Before the tool. "));
    QCOMPARE(parts.at(1).toObject(), toolPart);
    QCOMPARE(parts.at(2)[QStringLiteral("text")].toString(), QStringLiteral("After the tool."));
}

void TestStore::chunkToFinishedMessageIsRefused()
{
    const ThreadRecord thread = m_store->createThread(QStringLiteral("t"), {}).value();
    NewMessage message;
    message.threadId = thread.id;
    message.parts = NewMessage::textParts(QStringLiteral("final"));
    const RowId id = m_store->appendMessage(message).value().id;
    const StoreStatus refused = m_store->appendChunk(id, QStringLiteral("more"));
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(QLatin1String("it is complete, not streaming")),
             qPrintable(refused.error()));
    const StoreStatus missing = m_store->appendChunk(id + 100, QStringLiteral("x"));
    QVERIFY(!missing);
    QVERIFY2(missing.error().contains(QLatin1String("no message")), qPrintable(missing.error()));
    QCOMPARE(m_store->message(id)->text(), QStringLiteral("final"));
}

void TestStore::runsAndStepsSumUsage()
{
    const ThreadRecord thread = m_store->createThread(QStringLiteral("t"), {}).value();
    const RunRecord run = m_store->createRun(thread.id, QStringLiteral("openai/gpt-4o")).value();
    QCOMPARE(run.status, RunStatus::Running);
    const StepRecord first = m_store->startStep(run.id).value();
    const StepRecord second = m_store->startStep(run.id).value();
    QCOMPARE(first.index, 0);
    QCOMPARE(second.index, 1);
    const TokenUsage a{1000, 200, 1200, 50, 768};
    const TokenUsage b{1300, 100, 1400, 0, 1024};
    QVERIFY(m_store->finishStep(first.id, QStringLiteral("tool_calls"), a, 420, 3100));
    QVERIFY(m_store->finishStep(second.id, QStringLiteral("stop"), b, std::nullopt, 2500));
    QVERIFY(!m_store->finishStep(second.id, QStringLiteral("stop"), b, 1, 1)); // not twice
    QVERIFY(m_store->finishRun(run.id, RunStatus::Completed));
    const StoreStatus twice = m_store->finishRun(run.id, RunStatus::Failed, QStringLiteral("x"));
    QVERIFY(!twice);
    QVERIFY2(twice.error().contains(QLatin1String("already finished (completed)")),
             qPrintable(twice.error()));

    m_store->close();
    Store again;
    QVERIFY(again.open(path()));
    const RunRecord read = again.run(run.id).value();
    QCOMPARE(read.status, RunStatus::Completed);
    QCOMPARE(read.model, QStringLiteral("openai/gpt-4o"));
    TokenUsage sum = a;
    sum += b;
    QCOMPARE(read.usage, sum);
    QVERIFY(read.finishedAt > read.startedAt);
    QVERIFY(read.error.isEmpty());
    const QList<StepRecord> steps = again.listSteps(run.id).value();
    QCOMPARE(steps.size(), 2);
    QCOMPARE(steps.at(0).finishReason, QStringLiteral("tool_calls"));
    QCOMPARE(steps.at(0).usage, a);
    QCOMPARE(steps.at(0).timeToFirstTokenMs, std::optional<qint64>(420));
    QCOMPARE(steps.at(0).durationMs, std::optional<qint64>(3100));
    QCOMPARE(steps.at(1).timeToFirstTokenMs, std::nullopt);
    QVERIFY(steps.at(1).finishedAt.isValid());
    QCOMPARE(again.listRuns(thread.id)->size(), 1);
    QVERIFY(!again.startStep(run.id)); // a finished run takes no more steps
}

// Issue 19: commits do not wait for the disk (synchronous=NORMAL); a run's start and each
// step's and run's end ask the background flusher to fdatasync the WAL, chunks do not.
void TestStore::stepBoundariesAreFlushedInTheBackground()
{
    QCOMPARE(m_store->durability(), Store::Durability::Step);
    const ThreadRecord thread = m_store->createThread(QStringLiteral("t"), {}).value();
    const RunRecord run = m_store->createRun(thread.id, QStringLiteral("openai/gpt-4o")).value();
    const StepRecord step = m_store->startStep(run.id).value();
    const MessageRecord message = appendStreamingMessage(thread.id, run.id);
    const Store::DurabilityStats beforeChunks = m_store->durabilityStats();
    for (int i = 0; i < 20; ++i)
        QVERIFY(m_store->appendChunk(message.id, QStringLiteral("[%1]").arg(i)));
    const Store::DurabilityStats afterChunks = m_store->durabilityStats();
    QCOMPARE(afterChunks.commits, beforeChunks.commits + 20); // one commit per chunk
    QCOMPARE(afterChunks.flushRequests, beforeChunks.flushRequests); // no flush per chunk
    QCOMPARE(afterChunks.flushRequests, quint64(1)); // createRun
    QVERIFY(m_store->finishStep(step.id, QStringLiteral("stop"), {}, 1, 2));
    QVERIFY(m_store->finishRun(run.id, RunStatus::Completed));
    QCOMPARE(m_store->durabilityStats().flushRequests, quint64(3));
    QTRY_COMPARE(m_store->durabilityStats().flushedRequests, quint64(3));
    const Store::DurabilityStats flushed = m_store->durabilityStats();
    QVERIFY(flushed.flushes >= 1 && flushed.flushes <= 3);
    QVERIFY2(flushed.lastFlushError.isEmpty(), qPrintable(flushed.lastFlushError));
    qInfo("tried: 20 chunks, then a step and a run ended; result: %llu commits (%.3f ms each), "
          "%llu flush requests, %llu background flushes (last %.2f ms)",
          static_cast<unsigned long long>(flushed.commits),
          double(flushed.commitNanoseconds) / 1e6 / double(flushed.commits),
          static_cast<unsigned long long>(flushed.flushRequests),
          static_cast<unsigned long long>(flushed.flushes),
          double(flushed.lastFlushMicroseconds) / 1000.0);

    // Full: every commit waits for the disk itself; nothing to flush afterwards.
    QVERIFY(m_store->setDurability(Store::Durability::Full));
    const RunRecord second = m_store->createRun(thread.id, QStringLiteral("openai/gpt-4o")).value();
    QVERIFY(m_store->finishRun(second.id, RunStatus::Completed));
    QCOMPARE(m_store->durabilityStats().flushRequests, quint64(3));
}

// Issue 19: copying the WAL into the database file (a checkpoint) syncs both files. SQLite does
// it on the committing connection, the window's thread, every 1,000 pages; with Step durability
// the flusher's thread does it on its own connection, every few hundred commits and after each
// flush, and the window's connection only past a 64 MiB safety net.
void TestStore::checkpointsRunInTheBackground()
{
    const auto autoCheckpoint = [this] { return m_store->durabilityStats().autoCheckpointPages; };
    QCOMPARE(autoCheckpoint(), 16384);
    const ThreadRecord thread = m_store->createThread(QStringLiteral("t"), {}).value();
    const MessageRecord message = appendStreamingMessage(thread.id);
    const qint64 fileBefore = QFileInfo(path()).size();
    // ~1,500 commits of 2 KiB chunks: some 1,500 WAL pages, past SQLite's own threshold.
    const QString chunk(2048, QLatin1Char('x'));
    for (int i = 0; i < 1500; ++i)
        QVERIFY(m_store->appendChunk(message.id, chunk));
    QTRY_VERIFY(m_store->durabilityStats().backgroundCheckpoints >= 1);
    const Store::DurabilityStats stats = m_store->durabilityStats();
    QVERIFY2(stats.lastFlushError.isEmpty(), qPrintable(stats.lastFlushError));
    QCOMPARE(stats.flushRequests, quint64(0)); // no step ended: the commits asked for these
    // The chunks reached the database file itself while the store stays open.
    QTRY_VERIFY(QFileInfo(path()).size() > fileBefore + 1024 * 1024);
    qInfo("tried: 1,500 chunk commits; result: %llu background checkpoints copied %llu pages; "
          "database file %lld -> %lld bytes",
          static_cast<unsigned long long>(stats.backgroundCheckpoints),
          static_cast<unsigned long long>(stats.checkpointedPages), fileBefore,
          QFileInfo(path()).size());

    // Other durabilities leave checkpoints to SQLite, on the committing connection.
    QVERIFY(m_store->setDurability(Store::Durability::Full));
    QCOMPARE(autoCheckpoint(), 1000);
    QVERIFY(m_store->setDurability(Store::Durability::Step));
    QCOMPARE(autoCheckpoint(), 16384);
}

void TestStore::statementsAreReusedAndHoldNoRead()
{
    const ThreadRecord first = m_store->createThread(QStringLiteral("first"), {}).value();
    const ThreadRecord second = m_store->createThread(QStringLiteral("second"), {}).value();

    // The same read twice: the second time the statement comes from the cache.
    QCOMPARE(m_store->thread(first.id)->title, QStringLiteral("first"));
    const Store::DurabilityStats before = m_store->durabilityStats();
    QCOMPARE(m_store->thread(first.id)->title, QStringLiteral("first"));
    const Store::DurabilityStats after = m_store->durabilityStats();
    QCOMPARE(after.statementsPrepared, before.statementsPrepared);
    QCOMPARE(after.statementsReused, before.statementsReused + 1);

    // That read stopped after its one row. A reused statement that was not reset would still
    // hold its read: this connection would not see what another one (the CLI beside the
    // window) commits, and the other could not checkpoint the WAL past it.
    Store cli;
    QVERIFY(cli.open(path()));
    QVERIFY(cli.renameThread(second.id, QStringLiteral("renamed by the CLI")));
    QStringList titles;
    for (const ThreadRecord &thread : m_store->listThreads().value())
        titles << thread.title;
    QVERIFY2(titles.contains(QStringLiteral("renamed by the CLI")),
             qPrintable(titles.join(QStringLiteral(", "))));
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("checkpoint"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && query.next());
        QCOMPARE(query.value(0).toInt(), 0); // not busy: no reader held the WAL
    }
    QSqlDatabase::removeDatabase(QStringLiteral("checkpoint"));
    qInfo("tried: a one-row read twice, then a rename by a second connection; result: %llu "
          "statements prepared, %llu reused, the rename seen, the WAL checkpointed",
          static_cast<unsigned long long>(after.statementsPrepared),
          static_cast<unsigned long long>(after.statementsReused));
}

void TestStore::toolCallLifecycle()
{
    const ThreadRecord thread = m_store->createThread(QStringLiteral("t"), {}).value();
    const RunRecord run = m_store->createRun(thread.id, {}).value();
    const StepRecord step = m_store->startStep(run.id).value();
    NewToolCall call{run.id, step.id, QStringLiteral("call_abc"), QStringLiteral("exec"),
                     QStringLiteral("{\"command\":\"pytest -q\"}")};
    const ToolCallRecord proposed = m_store->proposeToolCall(call).value();
    QCOMPARE(proposed.status, ToolCallStatus::Proposed);
    QCOMPARE(m_store->proposeToolCall(call)->id, proposed.id); // idempotent per provider id

    NewToolCall risky{run.id, step.id, QStringLiteral("call_rm"), QStringLiteral("exec"),
                      QStringLiteral("{\"command\":\"rm -rf ~\"}")};
    const ToolCallRecord denied = m_store->proposeToolCall(risky).value();
    QVERIFY(m_store->decideToolCall(denied.id, ApprovalDecision::Denied,
                                    QStringLiteral("never delete my home")));

    QVERIFY(m_store->decideToolCall(proposed.id, ApprovalDecision::Approved, QStringLiteral("ok"),
                                    QStringLiteral("{\"command\":\"pytest -q -x\"}")));
    QVERIFY(m_store->startToolCall(proposed.id));
    QVERIFY(m_store->finishToolCall(proposed.id, ToolCallStatus::Done,
                                    QStringLiteral("{\"exitCode\":0,\"stdout\":\"3 passed\"}")));

    m_store->close();
    Store again;
    QVERIFY(again.open(path()));
    const QList<ToolCallRecord> calls = again.listToolCalls(run.id).value();
    QCOMPARE(calls.size(), 2);
    const ToolCallRecord done = calls.at(0);
    QCOMPARE(done.callId, QStringLiteral("call_abc"));
    QCOMPARE(done.stepId, step.id);
    QCOMPARE(done.name, QStringLiteral("exec"));
    QCOMPARE(done.arguments, QStringLiteral("{\"command\":\"pytest -q -x\"}")); // as edited
    QCOMPARE(done.result, QStringLiteral("{\"exitCode\":0,\"stdout\":\"3 passed\"}"));
    QCOMPARE(done.status, ToolCallStatus::Done);
    QCOMPARE(done.decision, ApprovalDecision::Approved);
    QCOMPARE(done.decisionReason, QStringLiteral("ok"));
    QVERIFY(done.proposedAt < done.decidedAt);
    QVERIFY(done.decidedAt < done.startedAt);
    QVERIFY(done.startedAt < done.finishedAt);
    const ToolCallRecord refused = calls.at(1);
    QCOMPARE(refused.status, ToolCallStatus::Denied);
    QCOMPARE(refused.decision, ApprovalDecision::Denied);
    QCOMPARE(refused.decisionReason, QStringLiteral("never delete my home"));
    QCOMPARE(refused.arguments, QStringLiteral("{\"command\":\"rm -rf ~\"}"));
    QVERIFY(!refused.startedAt.isValid());
}

void TestStore::toolCallTransitionsAreChecked()
{
    const ThreadRecord thread = m_store->createThread(QStringLiteral("t"), {}).value();
    const RunRecord run = m_store->createRun(thread.id, {}).value();
    const ToolCallRecord call
        = m_store->proposeToolCall({run.id, 0, QStringLiteral("c1"), QStringLiteral("exec"), {}})
              .value();
    const StoreStatus early = m_store->startToolCall(call.id);
    QVERIFY(!early);
    QVERIFY2(early.error().contains(QLatin1String("Cannot start tool call"))
                 && early.error().contains(QLatin1String("proposed")),
             qPrintable(early.error()));
    QVERIFY(!m_store->finishToolCall(call.id, ToolCallStatus::Done, {}));
    QVERIFY(!m_store->decideToolCall(call.id, ApprovalDecision::None));
    QVERIFY(m_store->decideToolCall(call.id, ApprovalDecision::Auto));
    QVERIFY(!m_store->decideToolCall(call.id, ApprovalDecision::Denied)); // decided already
    QVERIFY(m_store->startToolCall(call.id));
    QVERIFY(!m_store->startToolCall(call.id)); // at most once
    QVERIFY(!m_store->finishToolCall(call.id, ToolCallStatus::Running, {}));
    QVERIFY(m_store->finishToolCall(call.id, ToolCallStatus::Failed,
                                    QStringLiteral("{\"error\":\"x\"}")));
    QCOMPARE(m_store->toolCall(call.id)->decision, ApprovalDecision::Auto);
    QCOMPARE(m_store->toolCall(call.id)->status, ToolCallStatus::Failed);
}

void TestStore::sandboxesUpsertListDelete()
{
    const ThreadRecord thread = m_store->createThread(QStringLiteral("t"), {}).value();
    SandboxRecord sandbox;
    sandbox.provider = QStringLiteral("local");
    sandbox.remoteId = QStringLiteral("sb-1");
    sandbox.name = QStringLiteral("reverse-string");
    sandbox.language = QStringLiteral("python");
    sandbox.labels = QJsonObject{{QStringLiteral("agent-studio/thread"), thread.uuid}};
    sandbox.state = QStringLiteral("started");
    sandbox.threadId = thread.id;
    const SandboxRecord inserted = m_store->upsertSandbox(sandbox).value();
    QVERIFY(inserted.id > 0);
    sandbox.state = QStringLiteral("stopped");
    const SandboxRecord updated = m_store->upsertSandbox(sandbox).value();
    QCOMPARE(updated.id, inserted.id);
    QCOMPARE(updated.state, QStringLiteral("stopped"));
    QCOMPARE(updated.createdAt, inserted.createdAt);
    QVERIFY(updated.updatedAt > inserted.updatedAt);

    SandboxRecord cloud;
    cloud.provider = QStringLiteral("daytona");
    cloud.remoteId = QStringLiteral("sb-1"); // same remote id, other provider: another sandbox
    cloud.state = QStringLiteral("started");
    QVERIFY(m_store->upsertSandbox(cloud));

    const QList<SandboxRecord> all = m_store->listSandboxes().value();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).labels, sandbox.labels);
    QCOMPARE(all.at(0).language, QStringLiteral("python"));
    QCOMPARE(all.at(1).threadId, 0);
    QCOMPARE(m_store->sandboxesForThread(thread.id)->size(), 1);

    // The sandbox outlives its thread: it still exists at the provider.
    QVERIFY(m_store->deleteThread(thread.id));
    const QList<SandboxRecord> orphaned = m_store->listSandboxes().value();
    QCOMPARE(orphaned.size(), 2);
    QCOMPARE(orphaned.at(0).threadId, 0);

    QVERIFY(m_store->deleteSandbox(QStringLiteral("local"), QStringLiteral("sb-1")));
    QCOMPARE(m_store->listSandboxes()->size(), 1);
    const StoreStatus again
        = m_store->deleteSandbox(QStringLiteral("local"), QStringLiteral("sb-1"));
    QVERIFY(!again);
    QVERIFY(again.error().contains(QLatin1String("no local sandbox sb-1")));
    QVERIFY(!m_store->upsertSandbox(SandboxRecord()));
}

void TestStore::deleteThreadCascades()
{
    const ThreadRecord kept = m_store->createThread(QStringLiteral("kept"), {}).value();
    const ThreadRecord doomed = m_store->createThread(QStringLiteral("doomed"), {}).value();
    for (const ThreadRecord &thread : {kept, doomed}) {
        const RunRecord run = m_store->createRun(thread.id, {}).value();
        const StepRecord step = m_store->startStep(run.id).value();
        QVERIFY(m_store->proposeToolCall(
            {run.id, step.id, QStringLiteral("c"), QStringLiteral("exec"), {}}));
        NewMessage message;
        message.threadId = thread.id;
        message.runId = run.id;
        message.status = MessageStatus::Streaming;
        const RowId id = m_store->appendMessage(message).value().id;
        QVERIFY(m_store->appendChunk(id, QStringLiteral("uniqueword") + thread.title));
    }
    QVERIFY(m_store->deleteThread(doomed.id));
    QVERIFY(!m_store->thread(doomed.id));
    QCOMPARE(m_store->listMessages(doomed.id)->size(), 0);
    QCOMPARE(m_store->listRuns(doomed.id)->size(), 0);
    for (const char *table :
         {"threads", "messages", "message_chunks", "runs", "steps", "tool_calls"})
        QCOMPARE(rowCount(QString::fromLatin1(table)), 1);
    QCOMPARE(m_store->listMessages(kept.id)->first().text(), QStringLiteral("uniquewordkept"));
    const StoreStatus missing = m_store->deleteThread(doomed.id);
    QVERIFY(!missing);
    QVERIFY(missing.error().contains(QLatin1String("There is no thread")));
}

void TestStore::recoveryMarksWhatACrashLeft()
{
    const ThreadRecord thread = m_store->createThread(QStringLiteral("t"), {}).value();
    const RunRecord run = m_store->createRun(thread.id, {}).value();
    const StepRecord step = m_store->startStep(run.id).value();
    const RowId running
        = m_store
              ->proposeToolCall({run.id, step.id, QStringLiteral("a"), QStringLiteral("exec"), {}})
              .value()
              .id;
    QVERIFY(m_store->decideToolCall(running, ApprovalDecision::Approved));
    QVERIFY(m_store->startToolCall(running));
    const RowId pending
        = m_store
              ->proposeToolCall({run.id, step.id, QStringLiteral("b"), QStringLiteral("exec"), {}})
              .value()
              .id;
    const RowId streaming = appendStreamingMessage(thread.id, run.id).id;
    QVERIFY(m_store->appendChunk(streaming, QStringLiteral("partial ")));
    QVERIFY(m_store->appendChunk(streaming, QStringLiteral("answer")));
    QCOMPARE(m_store->recovery().messagesInterrupted, 0);

    // Closing without finishing is what a crash leaves on disk (every call was committed).
    m_store->close();
    Store again;
    QVERIFY(again.open(path()));
    QCOMPARE(again.recovery().messagesInterrupted, 1);
    QCOMPARE(again.recovery().runsInterrupted, 1);
    QCOMPARE(again.recovery().toolCallsOutcomeUnknown, 1);
    const MessageRecord interrupted = again.message(streaming).value();
    QCOMPARE(interrupted.status, MessageStatus::Interrupted);
    QCOMPARE(interrupted.text(), QStringLiteral("partial answer"));
    const RunRecord stopped = again.run(run.id).value();
    QCOMPARE(stopped.status, RunStatus::Interrupted);
    QVERIFY(stopped.finishedAt.isValid());
    QVERIFY(!stopped.error.isEmpty());
    QCOMPARE(again.listSteps(run.id)->first().finishReason, QStringLiteral("interrupted"));
    const ToolCallRecord unknown = again.toolCall(running).value();
    QCOMPARE(unknown.status, ToolCallStatus::OutcomeUnknown);
    QVERIFY2(unknown.result.contains(QLatin1String("not run again")), qPrintable(unknown.result));
    QVERIFY(!again.startToolCall(running));
    QCOMPARE(again.toolCall(pending)->status, ToolCallStatus::Proposed); // never ran: kept
    // The partial text is searchable now that it is final.
    QCOMPARE(again.search(QStringLiteral("partial"))->size(), 1);

    again.close();
    Store third;
    QVERIFY(third.open(path()));
    QCOMPARE(third.recovery().messagesInterrupted, 0); // recovered once, not at every start
    QCOMPARE(third.message(streaming)->text(), QStringLiteral("partial answer"));
}

void TestStore::errorsAreClear()
{
    Store closed;
    const StoreResult<ThreadRecord> notOpen = closed.createThread(QStringLiteral("x"), {});
    QVERIFY(!notOpen);
    QVERIFY(notOpen.error().contains(QLatin1String("not open")));

    Store nowhere;
    const QString impossible = m_dir->filePath(QStringLiteral("missing/folder/studio.sqlite3"));
    const StoreStatus opened = nowhere.open(impossible);
    QVERIFY(!opened);
    QVERIFY2(opened.error().contains(impossible)
                 && opened.error().contains(QLatin1String("--data-dir")),
             qPrintable(opened.error()));
    QVERIFY(!nowhere.isOpen());

    const StoreResult<ThreadRecord> missing = m_store->thread(424242);
    QVERIFY(!missing);
    QVERIFY(missing.error().contains(QLatin1String("There is no thread 424242")));
    NewMessage orphan;
    orphan.threadId = 424242;
    const StoreResult<MessageRecord> refused = m_store->appendMessage(orphan);
    QVERIFY(!refused);
    QVERIFY(refused.error().contains(QLatin1String("no such thread")));
    QVERIFY(!m_store->createRun(424242, {}));
    QVERIFY(!m_store->renameThread(424242, QStringLiteral("x")));
}

void TestStore::otherThreadIsRefused()
{
    QString error;
    QThread *worker = QThread::create([this, &error] {
        const StoreResult<QList<ThreadRecord>> result = m_store->listThreads();
        error = result ? QStringLiteral("no error") : result.error();
    });
    worker->start();
    QVERIFY(worker->wait(10000));
    delete worker;
    QVERIFY2(error.contains(QLatin1String("belongs to another thread")), qPrintable(error));
    // A Store of its own in the other thread works on the same file.
    QString workerResult;
    worker = QThread::create([this, &workerResult] {
        Store own;
        if (const StoreStatus opened = own.open(path()); !opened) {
            workerResult = opened.error();
            return;
        }
        const StoreResult<ThreadRecord> created
            = own.createThread(QStringLiteral("from worker"), {});
        workerResult = created ? QStringLiteral("ok") : created.error();
    });
    worker->start();
    QVERIFY(worker->wait(10000));
    delete worker;
    QCOMPARE(workerResult, QStringLiteral("ok"));
    QCOMPARE(m_store->listThreads()->first().title, QStringLiteral("from worker"));
}

void TestStore::appContextOpensTheStore()
{
    const QString root = m_dir->filePath(QStringLiteral("data"));
    {
        AppContext context(StudioPaths::underRoot(root));
        QString error;
        QVERIFY2(context.open(&error), qPrintable(error));
        QCOMPARE(context.store().path(), context.paths().databaseFile());
        QVERIFY(context.store().createThread(QStringLiteral("first"), {}));
    }
    {
        // A file from a newer app version: open() fails with the store's explanation.
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
        db.setDatabaseName(StudioPaths::underRoot(root).databaseFile());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(
            QStringLiteral("PRAGMA user_version = %1").arg(Migrations::latestVersion + 1)));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bump"));
    AppContext context(StudioPaths::underRoot(root));
    QString error;
    QVERIFY(!context.open(&error));
    QVERIFY2(error.contains(QLatin1String("newer version of Agent Studio")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
