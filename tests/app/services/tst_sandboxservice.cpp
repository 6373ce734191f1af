// The sandbox service against real local bubblewrap sandboxes: a sandbox deleted at its server
// behind the app's back (by another client) leaves the list on the next poll; deleting one
// already gone succeeds and the store forgets it; start and stop change the state and say so;
// the agent's records reach the store and the list; a failing Daytona API is asked less and
// less often, and a working one at the normal pace again; a Daytona choice without a key says
// what to do.
#include "../../faults/FaultyDaytonaServer.h"
#include "../../ui/sandboxes/SandboxUiTestSupport.h"
#include "services/SandboxService.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

class TestSandboxService final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void deletedBehindTheAppsBackLeavesOnTheNextPoll();
    void deletingOneAlreadyGoneSucceedsAndForgetsIt();
    void startAndStopChangeTheStateAndSaySo();
    void agentRecordsReachStoreAndList();
    void backsOffAfterErrors();
    void daytonaWithoutKeySaysWhatToDo();

private:
    SandboxService &service() { return m_env->context().sandboxService(); }
    bool refreshAndWait();
    RowId makeThread(const QString &title);

    std::unique_ptr<SandboxTestEnv> m_env;
};

void TestSandboxService::init()
{
    m_env = std::make_unique<SandboxTestEnv>();
    QString error;
    QVERIFY2(m_env->open(QStringLiteral("local"), &error), qPrintable(error));
}

void TestSandboxService::cleanup()
{
    m_env.reset();
    qunsetenv("DAYTONA_API_KEY");
    qunsetenv("DAYTONA_API_URL");
}

bool TestSandboxService::refreshAndWait()
{
    QSignalSpy refreshed(&service(), &SandboxService::refreshed);
    service().refresh();
    return refreshed.wait(30000) && refreshed.first().first().toBool();
}

RowId TestSandboxService::makeThread(const QString &title)
{
    const auto thread
        = m_env->context().store().createThread(title, QStringLiteral("openai/gpt-4o-mini"));
    return thread ? thread->id : 0;
}

void TestSandboxService::deletedBehindTheAppsBackLeavesOnTheNextPoll()
{
    // Another client of the same server: a second app, an SDK, the Daytona dashboard.
    DaytonaClient outside(m_env->client()->config());
    const Sandbox keep = m_env->create(QStringLiteral("keep"));
    const Sandbox gone = m_env->create(QStringLiteral("gone"));
    QVERIFY(keep.isValid() && gone.isValid());
    QVERIFY(refreshAndWait());
    QVERIFY(service().find(gone.id));
    QCOMPARE(service().sandboxes().size(), 2);

    QSignalSpy removed(&service(), &SandboxService::sandboxRemoved);
    QSignalSpy changed(&service(), &SandboxService::sandboxChanged);
    QSignalSpy refreshed(&service(), &SandboxService::refreshed);
    QObject listener;
    service().setPollingWanted(&listener, true); // refreshes now, then every 5 s
    QVERIFY(refreshed.wait(30000));
    QCOMPARE(removed.size(), 0);
    QCOMPARE(changed.size(), 0); // nothing changed on the server: nothing said
    QVERIFY(awaitResult(outside.deleteSandbox(gone.id)).ok());

    // No refresh asked for: the poll finds it gone.
    QVERIFY(removed.wait(20000));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().first().toString(), gone.id);
    QVERIFY(!service().find(gone.id));
    QVERIFY(service().find(keep.id));
    QCOMPARE(service().countOf(QStringLiteral("local")), 1);

    // Whoever wanted the polling is gone: it stops.
    QVERIFY(service().isPolling());
    service().setPollingWanted(&listener, false);
    QVERIFY(!service().isPolling());
}

void TestSandboxService::deletingOneAlreadyGoneSucceedsAndForgetsIt()
{
    const RowId thread = makeThread(QStringLiteral("Parser work"));
    QVERIFY(thread);
    QVERIFY(refreshAndWait());
    const Sandbox s = m_env->create(QStringLiteral("parser"));
    QVERIFY(s.isValid());
    service().recordCreated(QStringLiteral("local"), s, thread);
    QCOMPARE(service().ownedBy(thread)->size(), 1);
    QVERIFY(service().find(s.id));

    // Gone at the server before the app deletes it.
    DaytonaClient outside(m_env->client()->config());
    QVERIFY(awaitResult(outside.deleteSandbox(s.id)).ok());

    QSignalSpy finished(&service(), &SandboxService::operationFinished);
    QSignalSpy removed(&service(), &SandboxService::sandboxRemoved);
    service().deleteSandbox(s.id);
    QVERIFY(service().isBusy(s.id));
    QCOMPARE(service().runningOperation(s.id), QStringLiteral("delete"));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toString(), s.id);
    QCOMPARE(finished.first().at(1).toString(), QStringLiteral("delete"));
    QCOMPARE(finished.first().at(2).toString(), QString()); // success: it is gone
    QCOMPARE(removed.size(), 1);
    QVERIFY(!service().isBusy(s.id));
    QVERIFY(!service().find(s.id));
    QVERIFY(service().ownedBy(thread)->isEmpty());
    QVERIFY(m_env->context().store().listSandboxes()->isEmpty());

    // One not in the list at all (a deleted thread's, say), at a provider named by the caller.
    SandboxRecord record;
    record.provider = QStringLiteral("local");
    record.remoteId = QStringLiteral("never-was-here");
    record.threadId = thread;
    QVERIFY(m_env->context().store().upsertSandbox(record).ok());
    finished.clear();
    service().deleteSandbox(record.remoteId, QStringLiteral("local"));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(2).toString(), QString());
    QVERIFY(service().ownedBy(thread)->isEmpty());

    // Nothing to say which server: an error that says what to do, and nothing is forgotten.
    finished.clear();
    QVERIFY(m_env->context().store().upsertSandbox(record).ok());
    service().deleteSandbox(record.remoteId);
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first().at(2).toString().contains(QStringLiteral("refresh")));
    QCOMPARE(service().ownedBy(thread)->size(), 1);
}

void TestSandboxService::startAndStopChangeTheStateAndSaySo()
{
    const Sandbox s = m_env->create(QStringLiteral("lifecycle"));
    QVERIFY(s.isValid());
    QVERIFY(refreshAndWait());
    QCOMPARE(service().find(s.id)->sandbox.state, QStringLiteral("started"));

    QSignalSpy started(&service(), &SandboxService::operationStarted);
    QSignalSpy changed(&service(), &SandboxService::sandboxChanged);
    QSignalSpy finished(&service(), &SandboxService::operationFinished);
    service().stopSandbox(s.id);
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.first().at(1).toString(), QStringLiteral("stop"));
    QVERIFY(service().isBusy(s.id));
    // A second operation on it meanwhile is refused, not queued.
    service().startSandbox(s.id);
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first().at(2).toString().contains(QStringLiteral("still running")));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.last().at(1).toString(), QStringLiteral("stop"));
    QCOMPARE(finished.last().at(2).toString(), QString());
    QVERIFY(!service().isBusy(s.id));
    QCOMPARE(service().find(s.id)->sandbox.state, QStringLiteral("stopped"));
    QVERIFY(changed.contains(QVariantList{s.id}));
    QCOMPARE(m_env->stateOnServer(s.id), QStringLiteral("stopped"));

    changed.clear();
    service().startSandbox(s.id);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.last().at(2).toString(), QString());
    QCOMPARE(service().find(s.id)->sandbox.state, QStringLiteral("started"));
    QVERIFY(changed.contains(QVariantList{s.id}));
    QCOMPARE(m_env->stateOnServer(s.id), QStringLiteral("started"));

    // Deleted behind the app's back, then started: the 404 means it is gone.
    DaytonaClient outside(m_env->client()->config());
    QVERIFY(awaitResult(outside.deleteSandbox(s.id)).ok());
    QSignalSpy removed(&service(), &SandboxService::sandboxRemoved);
    service().stopSandbox(s.id);
    QVERIFY(finished.wait(60000));
    QVERIFY(!finished.last().at(2).toString().isEmpty());
    QCOMPARE(removed.size(), 1);
    QVERIFY(!service().find(s.id));
}

void TestSandboxService::agentRecordsReachStoreAndList()
{
    const RowId thread = makeThread(QStringLiteral("Reverse a string"));
    QVERIFY(thread);
    QVERIFY(refreshAndWait());
    const Sandbox s = m_env->create(QStringLiteral("reverse_string_project"));
    QVERIFY(s.isValid());

    QSignalSpy added(&service(), &SandboxService::sandboxAdded);
    service().recordCreated(QStringLiteral("local"), s, thread);
    QCOMPARE(added.size(), 1); // at once, not at the next poll
    const SandboxEntry *entry = service().find(s.id);
    QVERIFY(entry);
    QCOMPARE(entry->threadId, thread);
    QCOMPARE(entry->threadTitle, QStringLiteral("Reverse a string"));
    const auto owned = service().ownedBy(thread);
    QVERIFY(owned.ok());
    QCOMPARE(owned->size(), 1);
    QCOMPARE(owned->first().remoteId, s.id);
    QCOMPARE(owned->first().name, QStringLiteral("reverse_string_project"));
    QCOMPARE(owned->first().language, QStringLiteral("python"));

    // The next poll agrees; nothing is added twice.
    QVERIFY(refreshAndWait());
    QCOMPARE(added.size(), 1);
    QCOMPARE(service().sandboxes().size(), 1);

    // The agent deleted it (its deleteSandbox tool).
    QVERIFY(awaitResult(m_env->client()->deleteSandbox(s.id)).ok());
    QSignalSpy removed(&service(), &SandboxService::sandboxRemoved);
    service().recordDeleted(QStringLiteral("local"), s.id);
    QCOMPARE(removed.size(), 1);
    QVERIFY(service().ownedBy(thread)->isEmpty());
    QVERIFY(service().sandboxes().isEmpty());
}

void TestSandboxService::backsOffAfterErrors()
{
    // "Daytona": a front that fails on purpose before a real local server.
    m_env.reset();
    QTemporaryDir dir;
    QFile::setPermissions(dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    LocalSandboxOptions options;
    options.dataDir = dir.filePath(QStringLiteral("cloud"));
    QDir().mkpath(options.dataDir);
    LocalSandboxServer upstream(options);
    QString error;
    QVERIFY2(upstream.start(&error), qPrintable(error));
    QUrl base = upstream.apiUrl();
    base.setPath(QString());
    FaultyDaytonaServer daytona(base);
    QVERIFY(daytona.listen());
    bool failing = true;
    int lists = 0;
    daytona.setRule([&](const RecordedRequest &r) {
        const bool list = r.method == "GET" && r.path.startsWith("/api/sandbox?");
        lists += list ? 1 : 0;
        if (failing && list)
            return DaytonaFault::error(DaytonaFault::Kind::Respond, 503,
                                       QStringLiteral("Service Unavailable"));
        return DaytonaFault::pass();
    });
    qputenv("DAYTONA_API_KEY", upstream.token().toUtf8());
    qputenv("DAYTONA_API_URL", daytona.apiUrl().toString().toUtf8());
    AppContext context(StudioPaths::underRoot(dir.filePath(QStringLiteral("data"))));
    QVERIFY2(context.open(&error), qPrintable(error));
    context.setSandboxProvider(QStringLiteral("daytona"));
    SandboxService &sandboxes = context.sandboxService();
    QCOMPARE(sandboxes.providers(), QStringList{QStringLiteral("daytona")});

    // A sandbox listed while the server answered.
    failing = false;
    QSignalSpy refreshed(&sandboxes, &SandboxService::refreshed);
    sandboxes.refresh();
    QVERIFY(refreshed.wait(30000));
    QCOMPARE(refreshed.takeFirst().first().toBool(), true);
    DaytonaClient direct(
        DaytonaConfig::fromValues(upstream.token(), upstream.apiUrl().toString(), QString()));
    const DaytonaResult made = awaitResult(direct.createAndWait(CreateSandboxParams{}));
    QVERIFY2(made.ok(), qPrintable(made.error.message));
    sandboxes.refresh();
    QVERIFY(refreshed.wait(30000));
    QCOMPARE(refreshed.takeFirst().first().toBool(), true);
    QVERIFY(sandboxes.find(made.sandbox.id));
    QCOMPARE(sandboxes.nextRefreshMs(), SandboxService::kRefreshMs);

    // Failing while polled: 5 s, then 10 s between the tries; the list stays as it was.
    failing = true;
    QObject listener;
    QElapsedTimer clock;
    clock.start();
    sandboxes.setPollingWanted(&listener, true); // the first try, now
    QVERIFY(refreshed.wait(30000));
    QCOMPARE(refreshed.takeFirst().first().toBool(), false);
    QCOMPARE(sandboxes.consecutiveFailures(), 1);
    QCOMPARE(sandboxes.nextRefreshMs(), 5000);
    QVERIFY(sandboxes.lastError().contains(QStringLiteral("Service Unavailable")));
    QVERIFY(sandboxes.find(made.sandbox.id));
    const qint64 first = clock.elapsed();
    QVERIFY(refreshed.wait(15000));
    refreshed.clear();
    const qint64 second = clock.elapsed();
    QVERIFY2(second - first >= 4500, qPrintable(QString::number(second - first)));
    QCOMPARE(sandboxes.consecutiveFailures(), 2);
    QCOMPARE(sandboxes.nextRefreshMs(), 10000);
    QVERIFY(refreshed.wait(20000));
    refreshed.clear();
    const qint64 third = clock.elapsed();
    QVERIFY2(third - second >= 9500, qPrintable(QString::number(third - second)));
    QCOMPARE(sandboxes.consecutiveFailures(), 3);
    QCOMPARE(sandboxes.nextRefreshMs(), 20000);
    QCOMPARE(lists, 5); // two good lists, three failed ones: nothing asked in between
    QVERIFY(sandboxes.find(made.sandbox.id));

    // Up again: F5 (a refresh now) lists, and the pace is back to 5 s.
    failing = false;
    sandboxes.refresh();
    QVERIFY(refreshed.wait(30000));
    QCOMPARE(refreshed.takeFirst().first().toBool(), true);
    QCOMPARE(sandboxes.consecutiveFailures(), 0);
    QCOMPARE(sandboxes.lastError(), QString());
    QCOMPARE(sandboxes.nextRefreshMs(), 5000);
    sandboxes.setPollingWanted(&listener, false);
}

void TestSandboxService::daytonaWithoutKeySaysWhatToDo()
{
    m_env.reset();
    qunsetenv("DAYTONA_API_KEY");
    QTemporaryDir dir;
    AppContext context(StudioPaths::underRoot(dir.filePath(QStringLiteral("data"))));
    QString error;
    QVERIFY2(context.open(&error), qPrintable(error));
    context.setSandboxProvider(QStringLiteral("daytona"));
    // Once the keychain has answered that it has no Daytona key either (until then the engine
    // is built and would take a key when it comes), neither the engine nor the sandbox servers
    // can be built; the list says why.
    bool keyKnown = false;
    QObject waiting;
    context.whenSandboxKeyKnown(&waiting, [&keyKnown] { keyKnown = true; });
    QTRY_VERIFY_WITH_TIMEOUT(keyKnown, 30000);
    QVERIFY(!context.agentEngine(&error));
    SandboxService &sandboxes = context.sandboxService();
    QSignalSpy refreshed(&sandboxes, &SandboxService::refreshed);
    sandboxes.refresh();
    QTRY_COMPARE(refreshed.size(), 1);
    QCOMPARE(refreshed.first().first().toBool(), false);
    QVERIFY2(sandboxes.lastError().contains(QStringLiteral("DAYTONA_API_KEY")),
             qPrintable(sandboxes.lastError()));
    QVERIFY(!sandboxes.hasLoaded());
    QVERIFY(sandboxes.sandboxes().isEmpty());
}

QTEST_GUILESS_MAIN(TestSandboxService)
#include "tst_sandboxservice.moc"
