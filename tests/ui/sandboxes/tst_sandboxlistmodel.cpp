// SandboxListModel over the sandbox service, against the real local sandbox server: sandboxes
// created through the client appear with their state, a sandbox deleted outside the app (by
// another client of the same server) disappears on refresh while the other rows (and a view's
// selection on them) stay, owners come from the store, operations show in the row, and a dead
// server leaves the table empty while the service backs off.
#include "SandboxUiTestSupport.h"
#include "sandboxes/SandboxListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestSandboxListModel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void listsSandboxesWithState();
    void updatesInPlaceAndDropsDeletedOutside();
    void showsOwningThreadFromStore();
    void operationsChangeStateOnServer();
    void listsDaytonaAndLocalSideBySide();
    void backsOffOnErrors();

private:
    bool refreshAndWait(SandboxListModel &model);
    QString cell(const SandboxListModel &model, const QString &id, int column) const;

    std::unique_ptr<SandboxTestEnv> m_env;
};

void TestSandboxListModel::init()
{
    m_env = std::make_unique<SandboxTestEnv>();
    QString error;
    QVERIFY2(m_env->open(QStringLiteral("local"), &error), qPrintable(error));
}

void TestSandboxListModel::cleanup()
{
    m_env.reset();
}

bool TestSandboxListModel::refreshAndWait(SandboxListModel &model)
{
    QSignalSpy refreshed(&model.service(), &SandboxService::refreshed);
    model.service().refresh();
    return refreshed.wait(30000) && refreshed.first().first().toBool();
}

QString TestSandboxListModel::cell(const SandboxListModel &model, const QString &id,
                                   int column) const
{
    const int row = model.rowOf(id);
    return row < 0 ? QString() : model.index(row, column).data().toString();
}

void TestSandboxListModel::listsSandboxesWithState()
{
    SandboxListModel model(m_env->context().sandboxService());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(refreshAndWait(model));
    QVERIFY(model.service().hasLoaded());
    QCOMPARE(model.rowCount(), 0);

    const Sandbox a = m_env->create(QStringLiteral("alpha"));
    const Sandbox b = m_env->create(QStringLiteral("beta"));
    QVERIFY(a.isValid() && b.isValid());
    QVERIFY(refreshAndWait(model));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, a.id, SandboxListModel::Name), QStringLiteral("alpha"));
    QCOMPARE(cell(model, b.id, SandboxListModel::Name), QStringLiteral("beta"));
    QCOMPARE(cell(model, a.id, SandboxListModel::Id), a.id);
    QCOMPARE(cell(model, a.id, SandboxListModel::Provider), QStringLiteral("local"));
    QCOMPARE(cell(model, a.id, SandboxListModel::State), QStringLiteral("started"));
    QCOMPARE(cell(model, a.id, SandboxListModel::Language), QStringLiteral("python"));
    // Each sandbox's own network policy (the setting applies only to new ones).
    QCOMPARE(cell(model, a.id, SandboxListModel::Network), QStringLiteral("Off"));
    QVERIFY(cell(model, a.id, SandboxListModel::Labels)
                .contains(QStringLiteral("code-toolbox-language=python")));
    QVERIFY(!cell(model, a.id, SandboxListModel::Created).isEmpty());
    QCOMPARE(cell(model, a.id, SandboxListModel::Thread), QString());
    QCOMPARE(model.headerData(SandboxListModel::State, Qt::Horizontal).toString(),
             QStringLiteral("State"));
    // The limits (defaults of the local server) and what the sandbox uses of them.
    const QString memory = cell(model, a.id, SandboxListModel::Memory);
    const QString disk = cell(model, a.id, SandboxListModel::Disk);
    qInfo() << "memory column:" << memory << "disk column:" << disk;
    QVERIFY2(memory.endsWith(QStringLiteral("/ 4.0 GiB")), qPrintable(memory));
    QVERIFY2(disk.endsWith(QStringLiteral("/ 10.0 GiB")), qPrintable(disk));

    // A second view of the same service (opened later) shows the same rows at once.
    SandboxListModel later(m_env->context().sandboxService());
    QCOMPARE(later.rowCount(), 2);
    QCOMPARE(cell(later, b.id, SandboxListModel::Name), QStringLiteral("beta"));
}

void TestSandboxListModel::updatesInPlaceAndDropsDeletedOutside()
{
    SandboxListModel model(m_env->context().sandboxService());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Sandbox keep = m_env->create(QStringLiteral("keep"));
    const Sandbox gone = m_env->create(QStringLiteral("gone"));
    const Sandbox later = m_env->create(QStringLiteral("later"));
    QVERIFY(keep.isValid() && gone.isValid() && later.isValid());
    QVERIFY(refreshAndWait(model));
    QCOMPARE(model.rowCount(), 3);
    const QPersistentModelIndex kept = model.index(model.rowOf(keep.id), 0);
    const QPersistentModelIndex laterIndex = model.index(model.rowOf(later.id), 0);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // Nothing changed on the server: a refresh changes nothing in the model.
    QVERIFY(refreshAndWait(model));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(removed.size() + inserted.size() + resets.size(), 0);

    // Stopped outside the app: the row changes in place.
    QVERIFY(awaitResult(m_env->client()->stopAndWait(keep.id)).ok());
    QVERIFY(refreshAndWait(model));
    QCOMPARE(cell(model, keep.id, SandboxListModel::State), QStringLiteral("stopped"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(removed.size() + inserted.size() + resets.size(), 0);

    // Deleted outside the app (by another client of the same server): gone on the next refresh.
    DaytonaClient outside(m_env->client()->config());
    QVERIFY(awaitResult(outside.deleteSandbox(gone.id)).ok());
    QVERIFY(refreshAndWait(model));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(gone.id), -1);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(resets.size(), 0);
    QVERIFY(kept.isValid() && laterIndex.isValid());
    QCOMPARE(kept.data(SandboxListModel::IdRole).toString(), keep.id);
    QCOMPARE(laterIndex.data(SandboxListModel::IdRole).toString(), later.id);

    // A new one is inserted, nothing else moves.
    const Sandbox added = m_env->create(QStringLiteral("added"));
    QVERIFY(refreshAndWait(model));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(cell(model, added.id, SandboxListModel::Name), QStringLiteral("added"));
    QCOMPARE(kept.data(SandboxListModel::IdRole).toString(), keep.id);
    QCOMPARE(resets.size(), 0);
}

void TestSandboxListModel::showsOwningThreadFromStore()
{
    Store &store = m_env->context().store();
    const auto thread = store.createThread(QStringLiteral("Fix the flaky tests"),
                                           QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(thread);
    const Sandbox owned = m_env->create(QStringLiteral("owned"));
    const Sandbox loose = m_env->create(QStringLiteral("loose"));
    QVERIFY(owned.isValid() && loose.isValid());
    SandboxRecord record;
    record.provider = QStringLiteral("local");
    record.remoteId = owned.id;
    record.name = owned.name;
    record.state = owned.state;
    record.threadId = thread->id;
    QVERIFY(store.upsertSandbox(record));

    SandboxListModel model(m_env->context().sandboxService());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(refreshAndWait(model));
    QCOMPARE(cell(model, owned.id, SandboxListModel::Thread),
             QStringLiteral("Fix the flaky tests"));
    QCOMPARE(model.threadIdOf(owned.id), thread->id);
    QCOMPARE(
        model.index(model.rowOf(owned.id), 0).data(SandboxListModel::ThreadIdRole).toLongLong(),
        thread->id);
    QCOMPARE(cell(model, loose.id, SandboxListModel::Thread), QString());
    QCOMPARE(model.threadIdOf(loose.id), RowId(0));

    // A renamed thread shows its new title on the next refresh.
    QVERIFY(store.renameThread(thread->id, QStringLiteral("Flaky tests fixed")));
    QVERIFY(refreshAndWait(model));
    QCOMPARE(cell(model, owned.id, SandboxListModel::Thread), QStringLiteral("Flaky tests fixed"));
}

void TestSandboxListModel::operationsChangeStateOnServer()
{
    SandboxListModel model(m_env->context().sandboxService());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Sandbox s = m_env->create(QStringLiteral("ops"));
    QVERIFY(s.isValid());
    QVERIFY(refreshAndWait(model));

    SandboxService &service = model.service();
    QSignalSpy finished(&service, &SandboxService::operationFinished);
    service.stopSandbox(s.id);
    QVERIFY(model.isBusy(s.id));
    QVERIFY(model.index(model.rowOf(s.id), 0).data(SandboxListModel::BusyRole).toBool());
    QCOMPARE(cell(model, s.id, SandboxListModel::State), QStringLiteral("stopping…"));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.last().at(2).toString(), QString());
    QVERIFY(!model.isBusy(s.id));
    QCOMPARE(cell(model, s.id, SandboxListModel::State), QStringLiteral("stopped"));
    QCOMPARE(m_env->stateOnServer(s.id), QStringLiteral("stopped"));

    service.startSandbox(s.id);
    QCOMPARE(cell(model, s.id, SandboxListModel::State), QStringLiteral("starting…"));
    QVERIFY(finished.wait(60000));
    QCOMPARE(cell(model, s.id, SandboxListModel::State), QStringLiteral("started"));
    QCOMPARE(m_env->stateOnServer(s.id), QStringLiteral("started"));

    service.deleteSandbox(s.id);
    QCOMPARE(cell(model, s.id, SandboxListModel::State), QStringLiteral("deleting…"));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.last().at(1).toString(), QStringLiteral("delete"));
    QCOMPARE(finished.last().at(2).toString(), QString());
    QCOMPARE(model.rowOf(s.id), -1);
    QCOMPARE(m_env->get(s.id).error.kind, SandboxError::Kind::NotFound);
    QVERIFY(refreshAndWait(model));
    QCOMPARE(model.rowCount(), 0);
}

void TestSandboxListModel::backsOffOnErrors()
{
    m_env = std::make_unique<SandboxTestEnv>();
    QString error;
    QVERIFY2(m_env->open(QStringLiteral("dead"), &error), qPrintable(error));
    SandboxListModel model(m_env->context().sandboxService());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SandboxService &service = model.service();
    QCOMPARE(service.nextRefreshMs(), SandboxService::kRefreshMs);

    const QList<int> expected{5000, 10000, 20000, 40000, 60000, 60000};
    for (int wanted : expected) {
        QVERIFY(!refreshAndWait(model));
        QCOMPARE(service.nextRefreshMs(), wanted);
        QVERIFY(!service.lastError().isEmpty());
    }
    QCOMPARE(service.consecutiveFailures(), int(expected.size()));
    QCOMPARE(service.providers(), QStringList{QStringLiteral("daytona")});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!service.hasLoaded());
}

void TestSandboxListModel::listsDaytonaAndLocalSideBySide()
{
    m_env = std::make_unique<SandboxTestEnv>();
    QString error;
    QVERIFY2(m_env->open(QStringLiteral("both"), &error), qPrintable(error));
    SandboxListModel model(m_env->context().sandboxService());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Sandbox cloud = m_env->create(QStringLiteral("in-the-cloud"));
    QVERIFY(cloud.isValid());
    // Until a run uses local sandboxes, only Daytona is listed.
    QVERIFY(refreshAndWait(model));
    QCOMPARE(model.service().providers(), QStringList{QStringLiteral("daytona")});
    QCOMPARE(model.rowCount(), 1);
    const Sandbox local = m_env->create(QStringLiteral("on-this-machine"), QStringLiteral("local"));
    QVERIFY(local.isValid());
    QVERIFY(refreshAndWait(model));
    QCOMPARE(model.service().providers(),
             QStringList({QStringLiteral("daytona"), QStringLiteral("local")}));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(cell(model, cloud.id, SandboxListModel::Provider), QStringLiteral("daytona"));
    QCOMPARE(cell(model, local.id, SandboxListModel::Provider), QStringLiteral("local"));

    // Each operation goes to the sandbox's own server.
    QSignalSpy finished(&model.service(), &SandboxService::operationFinished);
    model.service().stopSandbox(local.id);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.last().at(2).toString(), QString());
    QCOMPARE(m_env->get(local.id, QStringLiteral("local")).ok(), true);
    QCOMPARE(cell(model, local.id, SandboxListModel::State), QStringLiteral("stopped"));
    model.service().deleteSandbox(cloud.id);
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.last().at(2).toString(), QString());
    QCOMPARE(m_env->get(cloud.id).error.kind, SandboxError::Kind::NotFound);
    QVERIFY(refreshAndWait(model));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.idAt(0), local.id);
}

QTEST_MAIN(TestSandboxListModel)
#include "tst_sandboxlistmodel.moc"
