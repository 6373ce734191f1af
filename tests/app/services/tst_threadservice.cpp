// The thread service over a real data folder (AppContext, real SQLite file): each write is
// announced once (threadAdded / threadChanged / threadRemoved) and a failed one not at all; the
// model's generated title never replaces a title the user gave meanwhile; changes another
// process makes (the real `agent-studio threads rm`, another connection's writes) are announced
// too, with no reload; search runs off the GUI thread.
#include "../../tools/StudioCli.h"

#include "root/AppContext.h"
#include "services/ThreadService.h"
#include "store/Store.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestThreadService final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void writesAreAnnouncedOnce();
    void failedWritesSayWhatToDoAndAnnounceNothing();
    void generatedTitleKeepsTheUsersRename();
    void threadDeletedByTheCliIsAnnounced();
    void anotherConnectionsWritesAreAnnounced();
    void ownWritesAreNotAnnouncedAgain();
    void searchRunsOffTheGuiThread();

private:
    ThreadService &threads() { return m_context->threads(); }
    RowId addThread(const QString &title);
    static ThreadRecord recordOf(const QSignalSpy &spy, int i)
    {
        return spy.at(i).first().value<ThreadRecord>();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_context;
};

void TestThreadService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_context = std::make_unique<AppContext>(StudioPaths::underRoot(m_dir->path()));
    QString error;
    QVERIFY2(m_context->open(&error), qPrintable(error));
}

void TestThreadService::cleanup()
{
    m_context.reset();
    m_dir.reset();
}

RowId TestThreadService::addThread(const QString &title)
{
    auto created = threads().create(title, QStringLiteral("openai/gpt-4o-mini"));
    return created ? created->id : 0;
}

void TestThreadService::writesAreAnnouncedOnce()
{
    QSignalSpy added(&threads(), &ThreadService::threadAdded);
    QSignalSpy changed(&threads(), &ThreadService::threadChanged);
    QSignalSpy removed(&threads(), &ThreadService::threadRemoved);

    const auto created
        = threads().create(QStringLiteral("Parse CSV"), QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY2(created, qPrintable(created.error()));
    QCOMPARE(added.size(), 1);
    QCOMPARE(recordOf(added, 0).id, created->id);
    QCOMPARE(recordOf(added, 0).title, QStringLiteral("Parse CSV"));
    QCOMPARE(recordOf(added, 0).model, QStringLiteral("openai/gpt-4o-mini"));
    const RowId id = created->id;

    QVERIFY(threads().rename(id, QStringLiteral("Parse CSV with quotes")));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(recordOf(changed, 0).title, QStringLiteral("Parse CSV with quotes"));

    QVERIFY(threads().setPinned(id, true));
    QCOMPARE(changed.size(), 2);
    QVERIFY(recordOf(changed, 1).pinned);
    QCOMPARE(recordOf(changed, 1).title, QStringLiteral("Parse CSV with quotes"));

    QVERIFY(threads().setModel(id, QStringLiteral("anthropic/claude-sonnet-4-5")));
    QCOMPARE(changed.size(), 3);
    QCOMPARE(recordOf(changed, 2).model, QStringLiteral("anthropic/claude-sonnet-4-5"));

    // What was announced is what the file holds.
    const auto stored = m_context->store().thread(id);
    QVERIFY(stored);
    QCOMPARE(stored->title, QStringLiteral("Parse CSV with quotes"));
    QVERIFY(stored->pinned);
    QCOMPARE(stored->model, QStringLiteral("anthropic/claude-sonnet-4-5"));

    QVERIFY(threads().remove(id));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().first().value<RowId>(), id);
    QVERIFY(!threads().thread(id));
    QCOMPARE(added.size(), 1);
    QCOMPARE(changed.size(), 3);
}

void TestThreadService::failedWritesSayWhatToDoAndAnnounceNothing()
{
    QSignalSpy changed(&threads(), &ThreadService::threadChanged);
    QSignalSpy removed(&threads(), &ThreadService::threadRemoved);
    const StoreStatus renamed = threads().rename(424242, QStringLiteral("Nothing"));
    QVERIFY(!renamed);
    QVERIFY2(renamed.error().contains(QStringLiteral("424242")), qPrintable(renamed.error()));
    QVERIFY(!threads().setPinned(424242, true));
    QVERIFY(!threads().remove(424242));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(removed.size(), 0);
}

// The race fixed in AgentEngine: the user renames the thread while the model is asked for a
// title; the model's late answer must not overwrite the user's name.
void TestThreadService::generatedTitleKeepsTheUsersRename()
{
    const RowId id = addThread(QStringLiteral("New thread"));
    QVERIFY(id != 0);
    const QString askedAbout = threads().thread(id)->title;
    QVERIFY(threads().rename(id, QStringLiteral("My CSV work")));

    QSignalSpy changed(&threads(), &ThreadService::threadChanged);
    const auto late = threads().setGeneratedTitle(id, askedAbout, QStringLiteral("Parsing CSV"));
    QVERIFY2(late, qPrintable(late.error()));
    QVERIFY(!*late);
    QCOMPARE(threads().thread(id)->title, QStringLiteral("My CSV work"));
    QCOMPARE(changed.size(), 0);

    // Untouched, the generated title is taken and announced.
    const RowId other = addThread(QStringLiteral("New thread"));
    const auto named = threads().setGeneratedTitle(other, QStringLiteral("New thread"),
                                                   QStringLiteral("Reverse a string"));
    QVERIFY2(named, qPrintable(named.error()));
    QVERIFY(*named);
    QCOMPARE(threads().thread(other)->title, QStringLiteral("Reverse a string"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(recordOf(changed, 0).title, QStringLiteral("Reverse a string"));

    // A thread deleted meanwhile is an error, not a crash or a new row.
    QVERIFY(threads().remove(other));
    QVERIFY(!threads().setGeneratedTitle(other, QStringLiteral("Reverse a string"),
                                         QStringLiteral("Late")));
}

// `agent-studio threads rm ID` in a terminal while the window is open: the service notices
// within about a second and says the thread is gone.
void TestThreadService::threadDeletedByTheCliIsAnnounced()
{
    const RowId kept = addThread(QStringLiteral("Kept"));
    const RowId doomed = addThread(QStringLiteral("Deleted in the terminal"));
    QSignalSpy removed(&threads(), &ThreadService::threadRemoved);
    QSignalSpy changed(&threads(), &ThreadService::threadChanged);
    QCOMPARE(threads().threads()->size(), 2); // a listener's listing: now it watches

    const StudioCliRun cli
        = runStudioCli(QStringLiteral(AGENT_STUDIO_BIN), m_dir->path(),
                       {QStringLiteral("threads"), QStringLiteral("rm"), QString::number(doomed)});
    QVERIFY2(cli.ok(), cli.err.constData());
    QVERIFY(cli.out.contains("deleted thread"));

    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 10000);
    QCOMPARE(removed.first().first().value<RowId>(), doomed);
    QCOMPARE(changed.size(), 0);
    QVERIFY(threads().thread(kept));
    const auto left = threads().threads();
    QCOMPARE(left->size(), 1);
    QCOMPARE(left->first().id, kept);
}

// Another connection to the same file (what another process is): its new thread and its
// rename are announced like this process's own.
void TestThreadService::anotherConnectionsWritesAreAnnounced()
{
    const RowId id = addThread(QStringLiteral("Before"));
    QSignalSpy added(&threads(), &ThreadService::threadAdded);
    QSignalSpy changed(&threads(), &ThreadService::threadChanged);
    QSignalSpy removed(&threads(), &ThreadService::threadRemoved);
    QVERIFY(threads().threads());
    threads().setPollInterval(50);

    Store other;
    other.setRecoverOnOpen(false);
    QVERIFY(other.open(m_context->store().path()));
    const auto created
        = other.createThread(QStringLiteral("From elsewhere"), QStringLiteral("ollama/qwen"));
    QVERIFY(created);
    QVERIFY(other.renameThread(id, QStringLiteral("After")));

    QTRY_COMPARE(added.size(), 1);
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(recordOf(added, 0).id, created->id);
    QCOMPARE(recordOf(added, 0).title, QStringLiteral("From elsewhere"));
    QCOMPARE(recordOf(changed, 0).id, id);
    QCOMPARE(recordOf(changed, 0).title, QStringLiteral("After"));
    QCOMPARE(removed.size(), 0);
}

// This process's writes do not move data_version: a check after them announces nothing more.
void TestThreadService::ownWritesAreNotAnnouncedAgain()
{
    QSignalSpy added(&threads(), &ThreadService::threadAdded);
    QSignalSpy changed(&threads(), &ThreadService::threadChanged);
    QSignalSpy removed(&threads(), &ThreadService::threadRemoved);
    threads().setPollInterval(0);
    QVERIFY(threads().threads());
    const RowId id = addThread(QStringLiteral("Mine"));
    QVERIFY(threads().rename(id, QStringLiteral("Still mine")));
    const RowId gone = addThread(QStringLiteral("Gone"));
    QVERIFY(threads().remove(gone));
    QCOMPARE(added.size(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(removed.size(), 1);
    threads().checkForOutsideChanges();
    QCOMPARE(added.size(), 2);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(removed.size(), 1);
}

void TestThreadService::searchRunsOffTheGuiThread()
{
    const RowId id = addThread(QStringLiteral("Ferry timetable"));
    addThread(QStringLiteral("Something else"));
    QSignalSpy finished(&threads(), &ThreadService::searchFinished);
    threads().search(QStringLiteral("ferry"), 10);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toString(), QStringLiteral("ferry"));
    const auto hits = finished.first().at(1).value<QList<SearchHit>>();
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().threadId, id);
    QCOMPARE(finished.first().at(2).toString(), QString());
}

QTEST_GUILESS_MAIN(TestThreadService)
#include "tst_threadservice.moc"
