// RunTreeModel over a real Store file: a stored run shows its steps' usage and timings, its
// tool calls' status and approval, and their arguments and results as JSON trees made only
// when a call is opened; live RunEvents insert and change rows without resetting the model.
#include "StoredRunWriter.h"
#include "inspector/RunTreeModel.h"
#include "log/Redactor.h"
#include "services/RunHistory.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString runOutput()
{
    return QStringLiteral("....\n----------------------------------------------------------------"
                          "------\nRan 4 tests in 0.000s\n\nOK\n");
}

// The brief's three tool calls, then the answer.
QList<QList<StoredRunWriter::Call>> briefCalls(const QString &longContent)
{
    const QString sandbox = QStringLiteral("bdfa9456-4945-43a7-97df-b9bfbcbdc62e");
    auto create = StoredRunWriter::Call::make(
        QStringLiteral("call_create"), QStringLiteral("createSandbox"),
        {{QStringLiteral("name"), QStringLiteral("reverse_string_project")},
         {QStringLiteral("language"), QStringLiteral("python")}},
        {{QStringLiteral("sandboxId"), sandbox}});
    auto write = StoredRunWriter::Call::make(
        QStringLiteral("call_write"), QStringLiteral("writeFile"),
        {{QStringLiteral("sandboxId"), sandbox},
         {QStringLiteral("path"), QStringLiteral("big.txt")},
         {QStringLiteral("content"), longContent}},
        {{QStringLiteral("success"), true},
         {QStringLiteral("path"), QStringLiteral("/home/daytona/big.txt")}});
    write.decision = ApprovalDecision::Approved;
    write.reason = QStringLiteral("looks fine");
    auto run = StoredRunWriter::Call::make(
        QStringLiteral("call_run"), QStringLiteral("runCommand"),
        {{QStringLiteral("sandboxId"), sandbox},
         {QStringLiteral("command"), QStringLiteral("python3 test_reverse_string.py")},
         {QStringLiteral("envs"),
          QJsonObject{{QStringLiteral("API_TOKEN"), QStringLiteral("do-not-show-this-value")}}},
         {QStringLiteral("timeoutSeconds"), 20}},
        {{QStringLiteral("success"), true},
         {QStringLiteral("exitCode"), 0},
         {QStringLiteral("stdout"), runOutput()},
         {QStringLiteral("command"), QStringLiteral("python3 test_reverse_string.py")},
         {QStringLiteral("executionTime"), 218}});
    run.durationMs = 218;
    return {{create}, {write}, {run}};
}

// The row under parent whose Name column is name (invalid when there is none).
QModelIndex child(const QAbstractItemModel &model, const QModelIndex &parent, const QString &name)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, RunTreeModel::NameColumn, parent);
        if (index.data().toString() == name)
            return index;
    }
    return {};
}

QString cell(const QModelIndex &index, int column)
{
    return index.siblingAtColumn(column).data().toString();
}

} // namespace

class TestRunTreeModel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void storedRunShowsUsageAndResults();
    void longStringsAreElidedWithTheFullValueKept();
    void copyAsJsonAndStepLogLines();
    void liveEventsInsertAndChangeRows();
    void liveResultReachesAnOpenedCall();
    void otherThreadsAndUnknownStoreAreIgnored();
    void aCallWaitingForApprovalSaysSo();
    void backgroundProcessesUnderTheirCall();

private:
    RowId writeBriefRun(StoredRunWriter::Sink sink = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<RunHistory> m_history;
    Redactor m_redactor;
    RowId m_thread = 0;
    QString m_longContent;
    QList<QByteArray> m_stepLogs;
};

void TestRunTreeModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<Store>();
    const StoreStatus opened = m_store->open(m_dir->filePath(QStringLiteral("studio.db")));
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    m_history = std::make_unique<RunHistory>(*m_store);
    auto thread = m_store->createThread(QStringLiteral("Reverse a string"),
                                        QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(thread);
    m_thread = thread->id;
    m_longContent.clear();
    for (int i = 0; i < 500; ++i)
        m_longContent += QStringLiteral("line %1 of the file\n").arg(i, 4, 10, QLatin1Char('0'));
}

void TestRunTreeModel::cleanup()
{
    m_history.reset();
    m_store.reset();
    m_dir.reset();
}

RowId TestRunTreeModel::writeBriefRun(StoredRunWriter::Sink sink)
{
    StoredRunWriter writer(*m_store, m_thread, std::move(sink));
    const auto calls = briefCalls(m_longContent);
    bool ok = writer.begin();
    ok = ok && writer.step(QString(), calls.at(0), StoredRunWriter::usage(4243, 53, 0, 4096), 310);
    ok = ok && writer.step(QString(), calls.at(1), StoredRunWriter::usage(4400, 120, 12, 4096));
    ok = ok
        && writer.step(QStringLiteral("Running the tests now."), calls.at(2),
                       StoredRunWriter::usage(4600, 61, 0, 4352), 280, 900);
    ok = ok
        && writer.step(QStringLiteral("All 4 tests pass."), {},
                       StoredRunWriter::usage(4700, 20, 0, 4608));
    ok = ok && writer.finish();
    if (!ok)
        qWarning() << writer.error();
    m_stepLogs = writer.stepLogs();
    return ok ? writer.runId() : 0;
}

void TestRunTreeModel::storedRunShowsUsageAndResults()
{
    QVERIFY(writeBriefRun());
    RunTreeModel model(*m_history, m_redactor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setThread(m_thread));

    QCOMPARE(model.rowCount(), 1);
    const QModelIndex run = model.index(0, 0);
    QCOMPARE(run.data().toString(), QStringLiteral("Run 1"));
    QCOMPARE(cell(run, RunTreeModel::ValueColumn), QStringLiteral("completed"));
    QCOMPARE(
        cell(run, RunTreeModel::TokensColumn),
        QStringLiteral("%1 in · %2 out").arg(4243 + 4400 + 4600 + 4700).arg(53 + 120 + 61 + 20));

    // Steps are read from the store only when the run is opened.
    QCOMPARE(model.rowCount(run), 0);
    QVERIFY(model.hasChildren(run));
    QVERIFY(model.canFetchMore(run));
    model.fetchMore(run);
    QCOMPARE(model.rowCount(run), 4);

    const QModelIndex step1 = child(model, run, QStringLiteral("Step 1"));
    QVERIFY(step1.isValid());
    QCOMPARE(cell(step1, RunTreeModel::ValueColumn), QStringLiteral("tool-calls"));
    QCOMPARE(cell(step1, RunTreeModel::TokensColumn), QStringLiteral("4243 in · 53 out"));
    QCOMPARE(cell(step1, RunTreeModel::DurationColumn), QStringLiteral("1.2 s"));
    const QModelIndex usage = child(model, step1, QStringLiteral("usage"));
    QVERIFY(usage.isValid());
    model.fetchMore(usage);
    QCOMPARE(cell(child(model, usage, QStringLiteral("inputTokens")), 1), QStringLiteral("4243"));
    QCOMPARE(cell(child(model, usage, QStringLiteral("outputTokens")), 1), QStringLiteral("53"));
    QCOMPARE(cell(child(model, usage, QStringLiteral("cachedInputTokens")), 1),
             QStringLiteral("4096"));
    const QModelIndex step2 = child(model, run, QStringLiteral("Step 2"));
    const QModelIndex usage2 = child(model, step2, QStringLiteral("usage"));
    model.fetchMore(usage2);
    QCOMPARE(cell(child(model, usage2, QStringLiteral("reasoningTokens")), 1),
             QStringLiteral("12"));
    QCOMPARE(cell(child(model, step1, QStringLiteral("timeToFirstTokenMs")), 1),
             QStringLiteral("first token after 310 ms"));

    // The approved call says so, with the reason.
    const QModelIndex write = child(model, step2, QStringLiteral("writeFile"));
    QVERIFY(write.isValid());
    QCOMPARE(cell(write, RunTreeModel::ValueColumn), QStringLiteral("done · approved"));
    model.fetchMore(write);
    QCOMPARE(cell(child(model, write, QStringLiteral("approval")), 1),
             QStringLiteral("approved: looks fine"));
    const QModelIndex create = child(model, step1, QStringLiteral("createSandbox"));
    QCOMPARE(cell(create, RunTreeModel::ValueColumn), QStringLiteral("done · auto-approved"));

    // runCommand: its JSON exists only once the call is opened.
    const QModelIndex step3 = child(model, run, QStringLiteral("Step 3"));
    const QModelIndex runCommand = child(model, step3, QStringLiteral("runCommand"));
    QVERIFY(runCommand.isValid());
    QCOMPARE(model.rowCount(runCommand), 0);
    QVERIFY(model.canFetchMore(runCommand));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore(runCommand);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(runCommand), 3); // approval, arguments, result
    QCOMPARE(cell(child(model, runCommand, QStringLiteral("approval")), 1),
             QStringLiteral("approved automatically"));
    const QModelIndex result = child(model, runCommand, QStringLiteral("result"));
    QVERIFY(result.isValid());
    QCOMPARE(cell(result, 1), QStringLiteral("{5 fields}"));
    model.fetchMore(result);
    const QModelIndex stdoutRow = child(model, result, QStringLiteral("stdout"));
    QVERIFY(cell(stdoutRow, 1).contains(QLatin1String("Ran 4 tests")));
    QCOMPARE(stdoutRow.data(RunTreeModel::FullValueRole).toString(), runOutput());
    QCOMPARE(cell(child(model, result, QStringLiteral("exitCode")), 1), QStringLiteral("0"));
    QCOMPARE(cell(runCommand, RunTreeModel::DurationColumn).isEmpty(), false);
}

void TestRunTreeModel::longStringsAreElidedWithTheFullValueKept()
{
    QVERIFY(writeBriefRun());
    RunTreeModel model(*m_history, m_redactor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setThread(m_thread));
    const QModelIndex write = model.indexForToolCall(
        m_store->listToolCalls(model.index(0, 0).data(RunTreeModel::RecordIdRole).toLongLong())
            ->at(1)
            .id);
    QVERIFY(write.isValid());
    QCOMPARE(write.data().toString(), QStringLiteral("writeFile"));
    model.fetchMore(write);
    const QModelIndex arguments = child(model, write, QStringLiteral("arguments"));
    model.fetchMore(arguments);
    const QModelIndex content = child(model, arguments, QStringLiteral("content"));
    const QString shown = cell(content, RunTreeModel::ValueColumn);
    QVERIFY2(shown.size() < 300, qPrintable(shown));
    QVERIFY(shown.startsWith(QStringLiteral("line 0000 of the file⏎line 0001")));
    QVERIFY(shown.endsWith(QStringLiteral("(%1 characters)").arg(m_longContent.size())));
    QVERIFY(content.data(RunTreeModel::ElidedRole).toBool());
    QCOMPARE(content.data(RunTreeModel::FullValueRole).toString(), m_longContent);
    QCOMPARE(model.fullValue(content), m_longContent);
}

void TestRunTreeModel::copyAsJsonAndStepLogLines()
{
    QVERIFY(writeBriefRun());
    RunTreeModel model(*m_history, m_redactor);
    QVERIFY(model.setThread(m_thread));
    const QModelIndex run = model.index(0, 0);
    model.fetchMore(run);
    const QModelIndex step3 = child(model, run, QStringLiteral("Step 3"));
    const QModelIndex runCommand = child(model, step3, QStringLiteral("runCommand"));

    QJsonParseError error;
    const QJsonDocument call = QJsonDocument::fromJson(model.toJson(runCommand), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(call[QLatin1String("toolName")].toString(), QStringLiteral("runCommand"));
    QCOMPARE(call[QLatin1String("status")].toString(), QStringLiteral("done"));
    QCOMPARE(call[QLatin1String("result")][QLatin1String("stdout")].toString(), runOutput());
    // What leaves the app is redacted: the secret-looking env var's value is not in it.
    QCOMPARE(call[QLatin1String("arguments")][QLatin1String("envs")][QLatin1String("API_TOKEN")]
                 .toString(),
             Redactor::marker());

    const QJsonDocument whole = QJsonDocument::fromJson(model.toJson(run), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(whole[QLatin1String("steps")].toArray().size(), 4);
    QCOMPARE(whole[QLatin1String("steps")][0][QLatin1String("usage")][QLatin1String("inputTokens")]
                 .toInteger(),
             4243);

    // The step-log lines rebuilt from the store are the ones the engine printed, redacted.
    QCOMPARE(m_stepLogs.size(), 4);
    for (int i = 0; i < 4; ++i) {
        QString why;
        const QModelIndex step = child(model, run, QStringLiteral("Step %1").arg(i + 1));
        QCOMPARE(model.stepLogLine(step, &why), m_stepLogs.at(i));
    }
    QString why;
    const QByteArray line = model.stepLogLine(runCommand, &why); // a call: its step's line
    QCOMPARE(line, m_stepLogs.at(2));
    QVERIFY(line.contains("Ran 4 tests"));
    QVERIFY(!line.contains("do-not-show-this-value"));
    QVERIFY(line.contains("[REDACTED]"));
    QVERIFY(model.stepLogLine(run, &why).isEmpty());
    QVERIFY(!why.isEmpty());
}

void TestRunTreeModel::liveEventsInsertAndChangeRows()
{
    RunTreeModel model(*m_history, m_redactor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setThread(m_thread));
    QCOMPARE(model.rowCount(), 0);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QList<RunEvent::Type> seen;
    QStringList statusAfterEach;
    StoredRunWriter writer(*m_store, m_thread, [&](const RunEvent &event) {
        model.applyEvent(event);
        seen.append(event.type);
    });
    QVERIFY(writer.begin());
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex run = model.index(0, 0);
    QCOMPARE(cell(run, RunTreeModel::ValueColumn), QStringLiteral("running"));
    QVERIFY(!model.canFetchMore(run)); // a live run is complete as it is

    const auto calls = briefCalls(m_longContent);
    QVERIFY(writer.step(QString(), calls.at(2), StoredRunWriter::usage(4243, 53, 0, 4096)));
    QCOMPARE(model.rowCount(run), 1);
    const QModelIndex step = model.index(0, 0, run);
    QCOMPARE(step.data().toString(), QStringLiteral("Step 1"));
    QCOMPARE(cell(step, RunTreeModel::TokensColumn), QStringLiteral("4243 in · 53 out"));
    const QModelIndex runCommand = child(model, step, QStringLiteral("runCommand"));
    QVERIFY(runCommand.isValid());
    QCOMPARE(cell(runCommand, RunTreeModel::ValueColumn), QStringLiteral("done · auto-approved"));
    QCOMPARE(cell(runCommand, RunTreeModel::DurationColumn), QStringLiteral("218 ms"));
    QVERIFY(child(model, step, QStringLiteral("usage")).isValid());
    // The live step keeps the engine's own step-log line.
    QString why;
    QCOMPARE(model.stepLogLine(step, &why), writer.stepLogs().at(0));

    QVERIFY(writer.finish());
    QCOMPARE(cell(run, RunTreeModel::ValueColumn), QStringLiteral("completed"));
    QCOMPARE(cell(run, RunTreeModel::TokensColumn), QStringLiteral("4243 in · 53 out"));

    QCOMPARE(resets.size(), 0);
    // run, step, call, usage and time-to-first-token rows: one insertion each.
    QCOMPARE(inserted.size(), 5);
    QVERIFY(changed.size() >= 4);

    // The same run read back from the store shows the same thing.
    RunTreeModel reloaded(*m_history, m_redactor);
    QVERIFY(reloaded.setThread(m_thread));
    reloaded.fetchMore(reloaded.index(0, 0));
    const QModelIndex storedStep = reloaded.index(0, 0, reloaded.index(0, 0));
    QCOMPARE(cell(storedStep, RunTreeModel::TokensColumn), QStringLiteral("4243 in · 53 out"));
    QCOMPARE(reloaded.stepLogLine(storedStep, &why), writer.stepLogs().at(0));
}

void TestRunTreeModel::liveResultReachesAnOpenedCall()
{
    RunTreeModel model(*m_history, m_redactor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setThread(m_thread));
    const auto calls = briefCalls(m_longContent);
    StoredRunWriter::Call call = calls.at(2).first();
    call.decision = ApprovalDecision::Approved;

    // Stop at the approval request: the user opens the call while it waits.
    QModelIndex opened;
    QString statusWhileWaiting;
    int resultRowsBeforeFinish = -1;
    StoredRunWriter writer(*m_store, m_thread, [&](const RunEvent &event) {
        if (event.type == RunEvent::Type::ToolCallFinished && opened.isValid())
            resultRowsBeforeFinish = model.rowCount(opened);
        model.applyEvent(event);
        if (event.type == RunEvent::Type::ApprovalRequested) {
            opened = model.indexForToolCall(event.toolCallRowId);
            statusWhileWaiting = cell(opened, RunTreeModel::ValueColumn);
            model.fetchMore(opened);
        }
    });
    QVERIFY(writer.begin());
    QVERIFY(writer.step(QString(), {call}, StoredRunWriter::usage(10, 5)));
    QCOMPARE(statusWhileWaiting, QStringLiteral("waiting for approval"));
    QCOMPARE(resultRowsBeforeFinish, 2); // approval, arguments
    QVERIFY(opened.isValid());
    QCOMPARE(model.rowCount(opened), 3);
    QCOMPARE(cell(child(model, opened, QStringLiteral("approval")), 1), QStringLiteral("approved"));
    const QModelIndex result = child(model, opened, QStringLiteral("result"));
    QVERIFY(result.isValid());
    model.fetchMore(result);
    QVERIFY(cell(child(model, result, QStringLiteral("stdout")), 1)
                .contains(QLatin1String("Ran 4 tests")));
}

void TestRunTreeModel::otherThreadsAndUnknownStoreAreIgnored()
{
    RunTreeModel model(*m_history, m_redactor);
    QVERIFY(model.setThread(m_thread));
    auto other
        = m_store->createThread(QStringLiteral("Other"), QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(other);
    StoredRunWriter writer(*m_store, other->id,
                           [&](const RunEvent &event) { model.applyEvent(event); });
    QVERIFY(writer.begin());
    QVERIFY(writer.finish());
    QCOMPARE(model.rowCount(), 0);

    // A store that cannot be read: an error that says so, and an empty tree.
    Store closed;
    const RunHistory closedHistory(closed);
    RunTreeModel broken(closedHistory, m_redactor);
    QSignalSpy failed(&broken, &RunTreeModel::loadFailed);
    QVERIFY(!broken.setThread(m_thread));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!broken.errorString().isEmpty());
    QCOMPARE(broken.rowCount(), 0);

    // The store failing when a run is opened: one message, no rows, no retry loop.
    QVERIFY(writeBriefRun());
    RunTreeModel later(*m_history, m_redactor);
    QSignalSpy laterFailed(&later, &RunTreeModel::loadFailed);
    QVERIFY(later.setThread(m_thread));
    m_store->close();
    const QModelIndex run = later.index(0, 0);
    later.fetchMore(run);
    QCOMPARE(laterFailed.size(), 1);
    QVERIFY(!later.canFetchMore(run));
    QCOMPARE(later.rowCount(run), 0);
}

void TestRunTreeModel::aCallWaitingForApprovalSaysSo()
{
    // A run stopped at the approval gate: the store has the call as proposed.
    auto run = m_store->createRun(m_thread, QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(run);
    auto step = m_store->startStep(run->id);
    QVERIFY(step);
    auto call = m_store->proposeToolCall({run->id, step->id, QStringLiteral("call_1"),
                                          QStringLiteral("runCommand"),
                                          QStringLiteral("{\"command\":\"ls\"}")});
    QVERIFY(call);

    RunTreeModel model(*m_history, m_redactor);
    QVERIFY(model.setThread(m_thread));
    QVERIFY(!model.setAwaitingApproval(call->id)); // not loaded yet
    model.fetchMore(model.index(0, 0));
    const QModelIndex index = model.indexForToolCall(call->id);
    QCOMPARE(cell(index, RunTreeModel::ValueColumn), QStringLiteral("proposed"));
    QCOMPARE(cell(model.index(0, 0, model.index(0, 0)), RunTreeModel::ValueColumn),
             QStringLiteral("running…"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setAwaitingApproval(call->id));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(cell(index, RunTreeModel::ValueColumn), QStringLiteral("waiting for approval"));
    model.fetchMore(index);
    QCOMPARE(cell(child(model, index, QStringLiteral("approval")), 1),
             QStringLiteral("waiting for your answer"));
}

// Issue 17: the processes a call started, under it, with their state and exit code as they
// change (the process service is the lookup; MainWindow wires it).
void TestRunTreeModel::backgroundProcessesUnderTheirCall()
{
    const RowId runId = writeBriefRun();
    QVERIFY(runId);
    const auto calls = m_store->listToolCalls(runId);
    QVERIFY(calls && calls->size() == 3);
    const RowId callId = calls->at(2).id;
    QJsonArray processes{QJsonObject{{QStringLiteral("processId"), QStringLiteral("proc-1")},
                                     {QStringLiteral("command"), QStringLiteral("npm run dev")},
                                     {QStringLiteral("state"), QStringLiteral("running")}}};
    RunTreeModel model(*m_history, m_redactor);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setProcessesLookup(
        [&processes, callId](RowId id) { return id == callId ? processes : QJsonArray(); });
    QVERIFY(model.setThread(m_thread));
    const QModelIndex run = model.index(0, 0);
    model.fetchMore(run);
    const QModelIndex step3 = child(model, run, QStringLiteral("Step 3"));
    const QModelIndex call = child(model, step3, QStringLiteral("runCommand"));
    model.fetchMore(call);
    const QModelIndex row = child(model, call, RunTreeModel::processesKey());
    QVERIFY(row.isValid());
    QCOMPARE(cell(row, RunTreeModel::ValueColumn), QStringLiteral("1 process: running"));
    // The other calls have none.
    const QModelIndex create = child(model, child(model, run, QStringLiteral("Step 1")),
                                     QStringLiteral("createSandbox"));
    model.fetchMore(create);
    QVERIFY(!child(model, create, RunTreeModel::processesKey()).isValid());

    // It exits: the row says so once the service tells the model.
    QJsonObject ended = processes.at(0).toObject();
    ended.insert(QStringLiteral("state"), QStringLiteral("exited"));
    ended.insert(QStringLiteral("exitCode"), 1);
    processes = QJsonArray{ended};
    model.refreshProcesses(callId);
    const QString text
        = cell(child(model, call, RunTreeModel::processesKey()), RunTreeModel::ValueColumn);
    qInfo() << "tried: a process under its call exits with 1, result:" << text;
    QCOMPARE(text, QStringLiteral("1 process: exited (exit code 1)"));
    model.fetchMore(child(model, call, RunTreeModel::processesKey()));
    QVERIFY(child(model, call, RunTreeModel::processesKey())
                .model()
                ->hasChildren(child(model, call, RunTreeModel::processesKey())));

    // Opening the row, or a value inside its entry, names the process (the inspector then shows
    // its live output); other rows name none.
    const QModelIndex processesRow = child(model, call, RunTreeModel::processesKey());
    QCOMPARE(model.processAt(processesRow), QStringLiteral("proc-1"));
    const QModelIndex entry = model.index(0, 0, processesRow);
    model.fetchMore(entry);
    QCOMPARE(model.processAt(entry), QStringLiteral("proc-1"));
    if (model.rowCount(entry) > 0)
        QCOMPARE(model.processAt(model.index(0, 0, entry)), QStringLiteral("proc-1"));
    QVERIFY(model.processAt(call).isEmpty());
    QVERIFY(model.processAt(create).isEmpty());
}

QTEST_MAIN(TestRunTreeModel)
#include "tst_runtreemodel.moc"
