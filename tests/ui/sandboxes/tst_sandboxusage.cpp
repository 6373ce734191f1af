// The sandbox list's usage and lifecycle columns, sorting and details pane (issue 17), on the
// offscreen platform against the real local sandbox server: memory a command holds and a file
// it writes show in their columns, sorting by memory puts the busy sandbox first, the details
// pane shows environment variable names but never their values, and "Lifecycle…" changes the
// timers on the server and in the row.
#include "SandboxUiTestSupport.h"
#include "sandboxes/SandboxDetailsPane.h"
#include "sandboxes/SandboxLifecycleDialog.h"
#include "sandboxes/SandboxListModel.h"
#include "sandboxes/SandboxManagerPanel.h"

#include <QAbstractItemView>
#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTest>
#include <QTreeView>

namespace {
// Looks like a key on purpose: it must never reach the screen.
const QString kSecret = QStringLiteral("sk-live-9f8e7d6c5b4a39281706SECRET");
} // namespace

class TestSandboxUsage final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void detailsShowEnvironmentNamesNeverValues();
    void usageColumnsFollowMemoryAndDisk();
    void lifecycleDialogChangesTheTimers();

private:
    Sandbox create(const QString &name, const StringMap &env);
    qint64 sortValue(const QString &id, int column);
    QString cell(const QString &id, int column);
    void select(const QString &id);

    std::unique_ptr<SandboxTestEnv> m_env;
    std::unique_ptr<SandboxManagerPanel> m_panel;
    Sandbox m_quiet;
    Sandbox m_busy;
};

void TestSandboxUsage::initTestCase()
{
    m_env = std::make_unique<SandboxTestEnv>();
    QString error;
    QVERIFY2(m_env->open(QStringLiteral("local"), &error), qPrintable(error));
    m_quiet = create(QStringLiteral("quiet"), {{QStringLiteral("API_TOKEN"), kSecret}});
    m_busy = create(QStringLiteral("busy"), {});
    QVERIFY(m_quiet.isValid() && m_busy.isValid());
    m_panel = std::make_unique<SandboxManagerPanel>(m_env->context().sandboxService());
    QSignalSpy refreshed(&m_panel->service(), &SandboxService::refreshed);
    m_panel->resize(1000, 600);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QVERIFY(refreshed.wait(30000));
    QTRY_COMPARE(m_panel->model()->rowCount(), 2);
}

void TestSandboxUsage::cleanupTestCase()
{
    m_panel.reset();
    m_env.reset();
}

Sandbox TestSandboxUsage::create(const QString &name, const StringMap &env)
{
    CreateSandboxParams params;
    params.name = name;
    params.env = env;
    const DaytonaResult r = awaitResult(m_env->client()->createAndWait(params));
    if (!r.ok())
        qWarning("create %s failed: %s", qPrintable(name), qPrintable(r.error.message));
    return r.sandbox;
}

qint64 TestSandboxUsage::sortValue(const QString &id, int column)
{
    m_panel->service().refresh(); // one more list, merged with one under way
    SandboxListModel *model = m_panel->model();
    return model->index(model->rowOf(id), column).data(SandboxListModel::SortRole).toLongLong();
}

QString TestSandboxUsage::cell(const QString &id, int column)
{
    SandboxListModel *model = m_panel->model();
    return model->index(model->rowOf(id), column).data().toString();
}

void TestSandboxUsage::select(const QString &id)
{
    QAbstractItemView *view = m_panel->view();
    auto *proxy = view->model();
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const QModelIndex index = proxy->index(row, 0);
        if (index.data(SandboxListModel::IdRole).toString() == id)
            view->selectionModel()->select(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    QCOMPARE(m_panel->selectedIds(), QStringList{id});
}

void TestSandboxUsage::detailsShowEnvironmentNamesNeverValues()
{
    SandboxDetailsPane *details = m_panel->details();
    QVERIFY(details->text().contains(QStringLiteral("Select a sandbox")));
    select(m_quiet.id);
    QTRY_COMPARE(details->sandboxId(), m_quiet.id);
    const QString text = details->text();
    qInfo("tried: the details of a sandbox whose API_TOKEN holds a key-like value, result:\n%s",
          qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("API_TOKEN")));
    QVERIFY(text.contains(QStringLiteral("quiet")));
    QVERIFY(text.contains(QStringLiteral("Network: Off")));
    QVERIFY(!text.contains(kSecret));
    QVERIFY(!text.contains(QStringLiteral("SECRET")));
    // Nor in any label of the panel, any cell or tooltip of the list.
    for (const QLabel *label : m_panel->findChildren<QLabel *>())
        QVERIFY2(!label->text().contains(kSecret), qPrintable(label->objectName()));
    SandboxListModel *model = m_panel->model();
    for (int column = 0; column < SandboxListModel::ColumnCount; ++column) {
        const QModelIndex index = model->index(model->rowOf(m_quiet.id), column);
        QVERIFY(!index.data().toString().contains(kSecret));
        QVERIFY(!index.data(Qt::ToolTipRole).toString().contains(kSecret));
    }
}

void TestSandboxUsage::usageColumnsFollowMemoryAndDisk()
{
    const qint64 diskBefore = sortValue(m_quiet.id, SandboxListModel::Disk);
    const QString memoryBefore = cell(m_busy.id, SandboxListModel::Memory);
    QCOMPARE(sortValue(m_busy.id, SandboxListModel::Memory), qint64(0));
    // The busy sandbox holds 200 MiB for a while; the quiet one writes a 24 MiB file.
    DaytonaCall *holding = m_env->client()->execute(
        m_busy,
        QStringLiteral("python3 -c \"import time\nb = bytearray(200 << 20)\nfor i in range(0, "
                       "len(b), 4096): b[i] = 1\ntime.sleep(15)\""),
        QString(), {}, 60);
    QSignalSpy held(holding, &DaytonaCall::finished);
    QVERIFY(awaitResult(m_env->client()->execute(
                            m_quiet, QStringLiteral("head -c 25165824 /dev/zero > blob.bin"),
                            QString(), {}, 60))
                .ok());
    QTRY_VERIFY_WITH_TIMEOUT(sortValue(m_busy.id, SandboxListModel::Memory) > (190ll << 20), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(
        sortValue(m_quiet.id, SandboxListModel::Disk) >= diskBefore + (24ll << 20), 15000);
    const QString memoryNow = cell(m_busy.id, SandboxListModel::Memory);
    const QString diskNow = cell(m_quiet.id, SandboxListModel::Disk);
    qInfo("tried: 200 MiB held in one sandbox and a 24 MiB file in the other, result: memory "
          "\"%s\" -> \"%s\", disk \"%s\", cpu \"%s\"",
          qPrintable(memoryBefore), qPrintable(memoryNow), qPrintable(diskNow),
          qPrintable(cell(m_busy.id, SandboxListModel::Cpu)));
    QVERIFY(memoryNow != memoryBefore);
    QVERIFY2(memoryNow.contains(QStringLiteral("MiB / 4.0 GiB")), qPrintable(memoryNow));
    QVERIFY2(diskNow.contains(QStringLiteral("MiB / 10.0 GiB")), qPrintable(diskNow));

    // Sorted by memory, descending: the busy one first; ascending: last.
    auto *view = qobject_cast<QTreeView *>(m_panel->view());
    QVERIFY(view);
    view->sortByColumn(SandboxListModel::Memory, Qt::DescendingOrder);
    QCOMPARE(view->model()->index(0, 0).data(SandboxListModel::IdRole).toString(), m_busy.id);
    view->sortByColumn(SandboxListModel::Memory, Qt::AscendingOrder);
    QCOMPARE(view->model()->index(0, 0).data(SandboxListModel::IdRole).toString(), m_quiet.id);
    qInfo("tried: sorting by memory both ways, result: %s first, then %s first",
          qPrintable(m_busy.name), qPrintable(m_quiet.name));
    holding->cancel(); // the server kills the command when the client hangs up
    QTRY_COMPARE_WITH_TIMEOUT(sortValue(m_busy.id, SandboxListModel::Memory), qint64(0), 15000);
}

void TestSandboxUsage::lifecycleDialogChangesTheTimers()
{
    select(m_quiet.id);
    QCOMPARE(cell(m_quiet.id, SandboxListModel::AutoDelete), QStringLiteral("off"));
    auto *action = m_panel->findChild<QAction *>(QStringLiteral("actionSandboxLifecycle"));
    QVERIFY(action && action->isEnabled());
    action->trigger();
    SandboxLifecycleDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_panel->findChild<SandboxLifecycleDialog *>()) && dialog->isVisible());
    dialog->autoStopSpin()->setValue(45);
    dialog->autoDeleteSpin()->setValue(3);
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!m_panel->findChild<SandboxLifecycleDialog *>());
    QTRY_COMPARE_WITH_TIMEOUT(cell(m_quiet.id, SandboxListModel::AutoDelete),
                              QStringLiteral("3 days after it stops"), 15000);
    const DaytonaResult onServer = m_env->get(m_quiet.id);
    const Sandbox s = Sandbox::fromJson(onServer.json().object());
    const QString autoStop = cell(m_quiet.id, SandboxListModel::AutoStop);
    qInfo("tried: Lifecycle… with 45 idle minutes and 3 days, result: server %d / %d minutes, "
          "row \"%s\" / \"%s\"",
          s.autoStopInterval, s.autoDeleteInterval, qPrintable(autoStop),
          qPrintable(cell(m_quiet.id, SandboxListModel::AutoDelete)));
    QCOMPARE(s.autoStopInterval, 45);
    QCOMPARE(s.autoDeleteInterval, 3 * 24 * 60);
    QVERIFY2(autoStop.startsWith(QStringLiteral("stops in ")), qPrintable(autoStop));
    QVERIFY(m_panel->details()->text().contains(QStringLiteral("auto-stop: stops in")));
}

QTEST_MAIN(TestSandboxUsage)
#include "tst_sandboxusage.moc"
