// RunHistory over a real SQLite store: the thread a tool call belongs to (the inspector goes
// there when a tool card of another thread is clicked), and reads of what does not exist fail
// with a message instead of an empty answer.
#include "../../ui/inspector/StoredRunWriter.h"
#include "log/Redactor.h"
#include "services/RunHistory.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QTest>

class TestRunHistory final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void aToolCallBelongsToItsRunsThread();
    void unknownRecordsFail();

private:
    // A thread with one run of one step that calls `tool`; the call's row id.
    RowId threadWithOneCall(const QString &title, const QString &tool, RowId *threadId);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<RunHistory> m_history;
};

void TestRunHistory::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<Store>();
    const StoreStatus opened = m_store->open(m_dir->filePath(QStringLiteral("studio.db")));
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    m_history = std::make_unique<RunHistory>(*m_store);
}

void TestRunHistory::cleanup()
{
    m_history.reset();
    m_store.reset();
    m_dir.reset();
}

RowId TestRunHistory::threadWithOneCall(const QString &title, const QString &tool, RowId *threadId)
{
    const auto thread = m_store->createThread(title, QStringLiteral("openai/gpt-4o-mini"));
    if (!thread)
        return 0;
    *threadId = thread->id;
    StoredRunWriter writer(*m_store, thread->id);
    const auto call = StoredRunWriter::Call::make(
        QStringLiteral("call_1"), tool, {{QStringLiteral("path"), QStringLiteral("a.txt")}},
        {{QStringLiteral("ok"), true}});
    if (!writer.begin() || !writer.step(QString(), {call}, StoredRunWriter::usage(10, 5, 0, 0))
        || !writer.finish()) {
        qWarning() << writer.error();
        return 0;
    }
    return writer.callRowIds().value(0);
}

void TestRunHistory::aToolCallBelongsToItsRunsThread()
{
    RowId first = 0;
    RowId second = 0;
    const RowId firstCall
        = threadWithOneCall(QStringLiteral("First"), QStringLiteral("readFile"), &first);
    const RowId secondCall
        = threadWithOneCall(QStringLiteral("Second"), QStringLiteral("writeFile"), &second);
    QVERIFY(firstCall != 0 && secondCall != 0);
    QVERIFY(first != second);

    const auto ofFirst = m_history->threadOfToolCall(firstCall);
    QVERIFY2(ofFirst, qPrintable(ofFirst.error()));
    QCOMPARE(*ofFirst, first);
    const auto ofSecond = m_history->threadOfToolCall(secondCall);
    QVERIFY2(ofSecond, qPrintable(ofSecond.error()));
    QCOMPARE(*ofSecond, second);
}

void TestRunHistory::unknownRecordsFail()
{
    RowId thread = 0;
    const RowId call
        = threadWithOneCall(QStringLiteral("Only"), QStringLiteral("readFile"), &thread);
    QVERIFY(call != 0);

    const auto missingCall = m_history->threadOfToolCall(call + 1000);
    QVERIFY(!missingCall);
    QVERIFY(!missingCall.error().isEmpty());

    const Redactor redactor;
    const auto missingRun = m_history->stepLogLines(9999, redactor);
    QVERIFY(!missingRun);
    QVERIFY(!missingRun.error().isEmpty());
}

QTEST_GUILESS_MAIN(TestRunHistory)
#include "tst_runhistory.moc"
