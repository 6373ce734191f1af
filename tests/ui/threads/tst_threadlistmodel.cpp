// ThreadListModel over a real store file with a few hundred threads made at controlled times:
// the date groups, pinned threads first, full-text search into message text, and the thread
// service's announcements (its own writes, a run's activity, another connection's writes) that
// update, move, add or remove one row without resetting the model.
#include "threads/ThreadListModel.h"

#include "services/ThreadService.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
using Group = ThreadListModel::Group;

// The test's own reading of the spec: pinned, then by calendar day of the last update.
Group expectedGroup(bool pinned, int daysAgo)
{
    if (pinned)
        return Group::Pinned;
    if (daysAgo <= 0)
        return Group::Today;
    if (daysAgo == 1)
        return Group::Yesterday;
    if (daysAgo <= 7)
        return Group::Previous7Days;
    return Group::Older;
}
} // namespace

class TestThreadListModel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void groupsByDateWithPinnedFirst();
    void searchFindsAWordOnlyInAMessage();
    void clearingTheSearchRestoresTheGroups();
    void titleChangeUpdatesOneRow();
    void runStartedMovesTheRowToTheTop();
    void pinningMovesTheRowAndEmptyHeadersGo();
    void renameInPlacePersists();
    void newAndDeletedThreads();
    void anotherConnectionsChangesArriveWithoutReload();

private:
    void createThreads();
    void search(const QString &text);
    int dataRow(RowId id) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<ThreadService> m_threads;
    std::unique_ptr<ThreadListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QDateTime m_now;
    QDateTime m_clock; // what the store writes as "now"
    QHash<RowId, int> m_daysAgo;
    QSet<RowId> m_pinned;
    RowId m_zanzibarThread = 0;
    static constexpr int kThreads = 300;
};

void TestThreadListModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<Store>();
    QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("studio.db"))).ok(), "open");
    m_now = QDateTime(QDate(2026, 3, 18), QTime(15, 30));
    m_clock = m_now;
    m_store->setClock([this] { return m_clock; });
    createThreads();
    m_threads = std::make_unique<ThreadService>(*m_store);
    m_threads->setPollInterval(0); // anotherConnections... checks by hand
    m_model = std::make_unique<ThreadListModel>(*m_threads);
    m_model->setClock([this] { return m_now; });
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(m_model->reload());
}

void TestThreadListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_threads.reset();
    m_store.reset();
    m_dir.reset();
    m_daysAgo.clear();
    m_pinned.clear();
}

// Thread i was last updated i*11 hours before "now" (spread over ~4.5 months), with a user
// message and an answer; threads 40, 90 and 250 are pinned.
void TestThreadListModel::createThreads()
{
    QVERIFY(m_store->setDurability(Store::Durability::Normal).ok());
    for (int i = 0; i < kThreads; ++i) {
        m_clock = m_now.addSecs(-qint64(i) * 11 * 3600);
        auto thread = m_store->createThread(QStringLiteral("Thread %1 about parsing").arg(i),
                                            QStringLiteral("openai/gpt-4o-mini"));
        QVERIFY2(thread.ok(), qPrintable(thread.error()));
        NewMessage user;
        user.threadId = thread->id;
        user.parts = NewMessage::textParts(QStringLiteral("Question number %1").arg(i));
        QVERIFY(m_store->appendMessage(user).ok());
        NewMessage answer = user;
        answer.role = MessageRole::Assistant;
        answer.parts = NewMessage::textParts(
            i == 123 ? QStringLiteral("The capital is reached by ferry from zanzibar harbour.")
                     : QStringLiteral("Answer number %1").arg(i));
        QVERIFY(m_store->appendMessage(answer).ok());
        m_daysAgo.insert(thread->id, int(m_clock.date().daysTo(m_now.date())));
        if (i == 123)
            m_zanzibarThread = thread->id;
        if (i == 40 || i == 90 || i == 250) {
            QVERIFY(m_store->setThreadPinned(thread->id, true).ok());
            m_pinned.insert(thread->id);
        }
    }
    m_clock = m_now;
}

// What the sidebar does: the service searches off the GUI thread, the model shows the hits.
void TestThreadListModel::search(const QString &text)
{
    if (text.isEmpty()) {
        m_model->clearSearch();
        return;
    }
    QSignalSpy finished(m_threads.get(), &ThreadService::searchFinished);
    m_threads->search(text, ThreadListModel::kSearchLimit);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(2).toString(), QString());
    m_model->showSearchResults(text, finished.first().at(1).value<QList<SearchHit>>());
}

int TestThreadListModel::dataRow(RowId id) const
{
    return m_model->indexOfThread(id).row();
}

void TestThreadListModel::groupsByDateWithPinnedFirst()
{
    QCOMPARE(m_model->threadCount(), kThreads);
    QList<Group> headers;
    std::optional<Group> current;
    QDateTime previous;
    int pinnedSeen = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row);
        if (index.data(ThreadListModel::HeaderRole).toBool()) {
            current = Group(index.data(ThreadListModel::GroupRole).toInt());
            headers << *current;
            QCOMPARE(index.data().toString(), ThreadListModel::groupName(*current));
            QVERIFY2(!(m_model->flags(index) & Qt::ItemIsSelectable), "headers not selectable");
            previous = QDateTime();
            continue;
        }
        QVERIFY2(current.has_value(), "every thread is under a header");
        const RowId id = index.data(ThreadListModel::IdRole).toLongLong();
        QVERIFY(m_model->flags(index) & Qt::ItemIsSelectable);
        QCOMPARE(*current, expectedGroup(m_pinned.contains(id), m_daysAgo.value(id)));
        QCOMPARE(index.data(ThreadListModel::PinnedRole).toBool(), m_pinned.contains(id));
        if (m_pinned.contains(id))
            ++pinnedSeen;
        const QDateTime updated = index.data(ThreadListModel::UpdatedRole).toDateTime();
        if (previous.isValid())
            QVERIFY2(updated <= previous, "newest first within a group");
        previous = updated;
    }
    QCOMPARE(pinnedSeen, 3);
    const QList<Group> expected{Group::Pinned, Group::Today, Group::Yesterday, Group::Previous7Days,
                                Group::Older};
    QCOMPARE(headers, expected);
    QVERIFY(m_model->index(0).data(ThreadListModel::HeaderRole).toBool());
    QCOMPARE(m_model->index(1).data(ThreadListModel::PinnedRole).toBool(), true);
}

void TestThreadListModel::searchFindsAWordOnlyInAMessage()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    search(QStringLiteral("zanzib"));
    QCOMPARE(reset.size(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    const QModelIndex hit = m_model->index(0);
    QCOMPARE(hit.data(ThreadListModel::IdRole).toLongLong(), m_zanzibarThread);
    QCOMPARE(hit.data().toString(), QStringLiteral("Thread 123 about parsing"));
    QVERIFY2(hit.data(ThreadListModel::SnippetRole).toString().contains(QStringLiteral("zanzibar")),
             qPrintable(hit.data(ThreadListModel::SnippetRole).toString()));

    // The matched word is marked for the delegate to draw in bold.
    const QString snippet = hit.data(ThreadListModel::SnippetRole).toString();
    const QVariantList highlights = hit.data(ThreadListModel::SnippetHighlightsRole).toList();
    QCOMPARE(highlights.size(), 1);
    const QPoint range = highlights.first().toPoint();
    QCOMPARE(snippet.mid(range.x(), range.y()), QStringLiteral("zanzibar"));

    search(QStringLiteral("nosuchwordanywhere"));
    QCOMPARE(m_model->rowCount(), 0);

    // Titles are searched too: every thread's title holds "parsing".
    search(QStringLiteral("parsing"));
    QCOMPARE(m_model->threadCount(), m_model->rowCount());
    QVERIFY(m_model->rowCount() > 50);
}

void TestThreadListModel::clearingTheSearchRestoresTheGroups()
{
    const int grouped = m_model->rowCount();
    search(QStringLiteral("zanzibar"));
    QCOMPARE(m_model->rowCount(), 1);
    search(QString());
    QCOMPARE(m_model->rowCount(), grouped);
    QCOMPARE(m_model->threadCount(), kThreads);
    QVERIFY(m_model->index(0).data(ThreadListModel::HeaderRole).toBool());
}

void TestThreadListModel::titleChangeUpdatesOneRow()
{
    const RowId id = m_daysAgo.keys().first();
    const int row = dataRow(id);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(m_threads->rename(id, QStringLiteral("Reverse a string in Python")).ok());
    QCOMPARE(m_model->index(row).data().toString(), QStringLiteral("Reverse a string in Python"));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(moved.size(), 0); // a rename does not change the order
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), row);
}

void TestThreadListModel::runStartedMovesTheRowToTheTop()
{
    // Thread 200 is in "Older"; a new message now makes it the newest unpinned thread.
    RowId id = 0;
    for (auto it = m_daysAgo.cbegin(); it != m_daysAgo.cend(); ++it) {
        if (it.value() > 60 && !m_pinned.contains(it.key()))
            id = it.key();
    }
    QVERIFY(id != 0);
    QPersistentModelIndex tracked = m_model->indexOfThread(id);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);

    m_clock = m_now.addSecs(60);
    NewMessage user;
    user.threadId = id;
    user.parts = NewMessage::textParts(QStringLiteral("Once more, please"));
    QVERIFY(m_store->appendMessage(user).ok());
    // What the engine does as the run starts: the service re-reads the thread and announces
    // where it now belongs; the run event itself only lights the running dot.
    m_threads->reread(id);
    QCOMPARE(moved.size(), 1);
    RunEvent started;
    started.type = RunEvent::Type::RunStarted;
    started.threadId = id;
    m_model->applyRunEvent(started);

    QCOMPARE(reset.size(), 0);
    QCOMPARE(moved.size(), 1);
    QVERIFY(tracked.isValid()); // the view's selection follows the row
    const int todayHeader = 1 + 3 + 0; // Pinned header, 3 pinned threads, then Today's header
    QCOMPARE(m_model->index(todayHeader).data().toString(),
             ThreadListModel::groupName(Group::Today));
    QCOMPARE(tracked.row(), todayHeader + 1);
    QCOMPARE(tracked.data(ThreadListModel::IdRole).toLongLong(), id);
    QCOMPARE(tracked.data(ThreadListModel::RunningRole).toBool(), true);

    RunEvent finished = started;
    finished.type = RunEvent::Type::RunFinished;
    m_model->applyRunEvent(finished);
    QCOMPARE(tracked.data(ThreadListModel::RunningRole).toBool(), false);
    QCOMPARE(tracked.row(), todayHeader + 1);
    QCOMPARE(reset.size(), 0);
}

void TestThreadListModel::pinningMovesTheRowAndEmptyHeadersGo()
{
    const auto pinnedHeaderCount = [this] {
        int n = 0;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex index = m_model->index(row);
            if (index.data(ThreadListModel::HeaderRole).toBool()
                && Group(index.data(ThreadListModel::GroupRole).toInt()) == Group::Pinned)
                ++n;
        }
        return n;
    };
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    for (const RowId id : std::as_const(m_pinned)) {
        QVERIFY(m_threads->setPinned(id, false).ok());
        QCOMPARE(m_model->indexOfThread(id).data(ThreadListModel::PinnedRole).toBool(), false);
    }
    QCOMPARE(pinnedHeaderCount(), 0);
    QCOMPARE(m_model->index(0).data().toString(), ThreadListModel::groupName(Group::Today));

    // Pinning an old thread brings back the Pinned group, with it on top.
    const RowId old = *m_pinned.cbegin();
    QVERIFY(m_threads->setPinned(old, true).ok());
    QCOMPARE(pinnedHeaderCount(), 1);
    QCOMPARE(dataRow(old), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_model->threadCount(), kThreads);
}

void TestThreadListModel::renameInPlacePersists()
{
    const RowId id = m_zanzibarThread;
    const QModelIndex index = m_model->indexOfThread(id);
    QVERIFY(m_model->setData(index, QStringLiteral("  Ferry   timetable ")));
    QCOMPARE(m_store->thread(id)->title, QStringLiteral("Ferry timetable"));
    QCOMPARE(index.data().toString(), QStringLiteral("Ferry timetable"));
    // An empty name keeps the old one.
    QVERIFY(!m_model->setData(index, QStringLiteral("   ")));
    QCOMPARE(m_store->thread(id)->title, QStringLiteral("Ferry timetable"));
    QVERIFY(!m_model->setData(m_model->index(0), QStringLiteral("header"))); // a header row
}

void TestThreadListModel::newAndDeletedThreads()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_clock = m_now.addSecs(5);
    auto created = m_threads->create(QString(), QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(created.ok());
    const QModelIndex index = m_model->indexOfThread(created->id);
    QCOMPARE(index.data().toString(), ThreadListModel::displayTitle(QString()));
    QCOMPARE(index.row(), 1 + 3 + 1); // first under Today
    QCOMPARE(m_model->threadCount(), kThreads + 1);

    // Deleting every thread of a group takes its header away.
    QList<RowId> yesterday;
    for (auto it = m_daysAgo.cbegin(); it != m_daysAgo.cend(); ++it) {
        if (it.value() == 1 && !m_pinned.contains(it.key()))
            yesterday << it.key();
    }
    QVERIFY(!yesterday.isEmpty());
    for (const RowId id : std::as_const(yesterday)) {
        QVERIFY(m_threads->remove(id).ok());
        QVERIFY(!m_model->indexOfThread(id).isValid());
    }
    for (int row = 0; row < m_model->rowCount(); ++row)
        QVERIFY(m_model->index(row).data().toString()
                != ThreadListModel::groupName(Group::Yesterday));
    QCOMPARE(reset.size(), 0);

    // A reload from the store agrees with the incremental result.
    QList<RowId> incremental;
    for (int row = 0; row < m_model->rowCount(); ++row)
        incremental << m_model->index(row).data(ThreadListModel::IdRole).toLongLong();
    QVERIFY(m_model->reload());
    QList<RowId> reloaded;
    for (int row = 0; row < m_model->rowCount(); ++row)
        reloaded << m_model->index(row).data(ThreadListModel::IdRole).toLongLong();
    QCOMPARE(incremental, reloaded);
}

// Another process on the same file (here another connection) deletes one thread and renames
// another: once the service looks, the rows follow, one at a time, with no reload.
void TestThreadListModel::anotherConnectionsChangesArriveWithoutReload()
{
    const RowId renamed = m_zanzibarThread;
    RowId deleted = 0;
    for (auto it = m_daysAgo.cbegin(); it != m_daysAgo.cend() && !deleted; ++it) {
        if (it.key() != renamed && it.value() > 60 && !m_pinned.contains(it.key()))
            deleted = it.key(); // in "Older", which keeps its header
    }
    QVERIFY(deleted != 0);
    const int expectedRow = dataRow(renamed) - (dataRow(deleted) < dataRow(renamed) ? 1 : 0);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

    Store other;
    other.setRecoverOnOpen(false);
    QVERIFY(other.open(m_dir->filePath(QStringLiteral("studio.db"))).ok());
    QVERIFY(other.deleteThread(deleted).ok());
    QVERIFY(other.renameThread(renamed, QStringLiteral("Renamed in the terminal")).ok());
    QVERIFY(m_model->indexOfThread(deleted).isValid()); // not before the service looks

    m_threads->checkForOutsideChanges();
    QVERIFY(!m_model->indexOfThread(deleted).isValid());
    QCOMPARE(m_model->threadCount(), kThreads - 1);
    QCOMPARE(m_model->indexOfThread(renamed).data().toString(),
             QStringLiteral("Renamed in the terminal"));
    QCOMPARE(dataRow(renamed), expectedRow); // a rename does not move it
    QCOMPARE(reset.size(), 0);
}

QTEST_GUILESS_MAIN(TestThreadListModel)
#include "tst_threadlistmodel.moc"
