// ConversationModel over a real SQLite store: a stored thread loads as the rows a user sees
// (messages, reasoning, tool cards with their status and duration, errors with Retry, the
// step-limit note with Continue), and RunEvents update it incrementally: a streamed delta
// changes only the last row, tool cards move through their statuses, other threads are ignored.
// A long thread loads its newest page first and older pages on demand, in the same rows; the
// view reads them as its top comes near and keeps what the user reads in place.
#include "chat/ConversationModel.h"
#include "chat/ConversationView.h"
#include "services/RunHistory.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QMetaEnum>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Kind = ConversationModel::Kind;

namespace {
// For helpers that fill the store: a failed write ends the test run.
template<typename Result> void must(const Result &result)
{
    if (!result)
        qFatal("store: %s", qPrintable(result.error()));
}
} // namespace
using ToolStatus = ConversationModel::ToolStatus;

class TestConversationModel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void loadsAStoredThread();
    void stepLimitAndInterruptedRuns();
    void streamingChangesOnlyTheLastRow();
    void toolCardStatuses();
    void runEndRows();
    void otherThreadsAreIgnored();
    void reasoningExpands();
    void argumentSummary_data();
    void argumentSummary();
    void longThreadLoadsInPages();
    void viewLoadsOlderPagesAtTheTop();

private:
    // A thread of `runs` runs (user message, text + tool call, tool result, answer; every
    // third run fails; every seventh has a run that failed at once after it) and the rows a
    // user should see for it, as "kind:text".
    QStringList longThread(int runs);
    RowId newThread();
    RowId userMessage(RowId thread, const QString &text);
    RunEvent event(RunEvent::Type type) const;
    static Kind kindAt(const ConversationModel &model, int row)
    {
        return model.index(row).data(ConversationModel::KindRole).value<Kind>();
    }
    static QVariant at(const ConversationModel &model, int row, int role)
    {
        return model.index(row).data(role);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<RunHistory> m_history;
    RowId m_thread = 0;
    RowId m_run = 0;
};

void TestConversationModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<Store>();
    const StoreStatus opened = m_store->open(m_dir->filePath(QStringLiteral("studio.db")));
    QVERIFY2(opened, qPrintable(opened.error()));
    m_history = std::make_unique<RunHistory>(*m_store);
    m_thread = newThread();
}

void TestConversationModel::cleanup()
{
    m_history.reset();
    m_store.reset();
    m_dir.reset();
}

RowId TestConversationModel::newThread()
{
    const auto thread
        = m_store->createThread(QStringLiteral("Reverse"), QStringLiteral("openai/gpt-4o-mini"));
    return thread ? thread->id : 0;
}

RowId TestConversationModel::userMessage(RowId thread, const QString &text)
{
    NewMessage message;
    message.threadId = thread;
    message.role = MessageRole::User;
    message.parts = NewMessage::textParts(text);
    const auto saved = m_store->appendMessage(message);
    return saved ? saved->id : 0;
}

RunEvent TestConversationModel::event(RunEvent::Type type) const
{
    RunEvent e;
    e.type = type;
    e.threadId = m_thread;
    e.runId = m_run;
    return e;
}

void TestConversationModel::loadsAStoredThread()
{
    userMessage(m_thread, QStringLiteral("write a function that reverses a string"));
    const auto run = m_store->createRun(m_thread, QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(run);
    const auto step = m_store->startStep(run->id);
    QVERIFY(step);
    NewMessage assistant;
    assistant.threadId = m_thread;
    assistant.role = MessageRole::Assistant;
    assistant.status = MessageStatus::Streaming;
    assistant.runId = run->id;
    const auto message = m_store->appendMessage(assistant);
    QVERIFY(message);
    QVERIFY(
        m_store->appendChunk(message->id, QStringLiteral("Let me think."), ChunkKind::Reasoning));
    QVERIFY(m_store->appendChunk(message->id, QStringLiteral("I will create a **sandbox**.")));
    const QJsonObject args{{QStringLiteral("command"), QStringLiteral("python3 test.py")}};
    QVERIFY(m_store->appendPart(message->id,
                                {{QStringLiteral("type"), QStringLiteral("tool-call")},
                                 {QStringLiteral("toolCallId"), QStringLiteral("c1")},
                                 {QStringLiteral("toolName"), QStringLiteral("runCommand")},
                                 {QStringLiteral("args"), args}}));
    QVERIFY(m_store->setMessageStatus(message->id, MessageStatus::Complete));
    const auto call = m_store->proposeToolCall(
        {run->id, step->id, QStringLiteral("c1"), QStringLiteral("runCommand"),
         QStringLiteral("{\"command\":\"python3 test.py\"}")});
    QVERIFY(call);
    QVERIFY(m_store->decideToolCall(call->id, ApprovalDecision::Auto));
    QVERIFY(m_store->startToolCall(call->id));
    // A measurable duration: the store's clock moves 1.5 s on (and keeps going from there).
    m_store->setClock([] { return QDateTime::currentDateTimeUtc().addMSecs(1500); });
    QVERIFY(m_store->finishToolCall(call->id, ToolCallStatus::Done, QStringLiteral("{}")));
    NewMessage tool;
    tool.threadId = m_thread;
    tool.role = MessageRole::Tool;
    tool.runId = run->id;
    tool.parts = {QJsonObject{{QStringLiteral("type"), QStringLiteral("tool-result")},
                              {QStringLiteral("toolCallId"), QStringLiteral("c1")}}};
    QVERIFY(m_store->appendMessage(tool));
    QVERIFY(m_store->finishRun(run->id, RunStatus::Failed, QStringLiteral("rate limited; retry")));

    ConversationModel model(*m_history);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QString error;
    QVERIFY2(model.setThread(m_thread, &error), qPrintable(error));
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.thread(), m_thread);

    // user, reasoning, text, tool card, error: the tool result message is shown by its card.
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(kindAt(model, 0), Kind::UserMessage);
    QCOMPARE(at(model, 0, ConversationModel::TextRole).toString(),
             QStringLiteral("write a function that reverses a string"));
    QCOMPARE(kindAt(model, 1), Kind::Reasoning);
    QCOMPARE(at(model, 1, ConversationModel::ExpandedRole).toBool(), false);
    QCOMPARE(kindAt(model, 2), Kind::AssistantText);
    QCOMPARE(at(model, 2, ConversationModel::TextRole).toString(),
             QStringLiteral("I will create a **sandbox**."));
    QCOMPARE(kindAt(model, 3), Kind::ToolCall);
    QCOMPARE(at(model, 3, ConversationModel::ToolNameRole).toString(),
             QStringLiteral("runCommand"));
    QCOMPARE(at(model, 3, ConversationModel::ToolSummaryRole).toString(),
             QStringLiteral("python3 test.py"));
    QCOMPARE(at(model, 3, ConversationModel::ToolStatusRole).value<ToolStatus>(), ToolStatus::Done);
    QCOMPARE(at(model, 3, ConversationModel::ToolStatusTextRole).toString(),
             QStringLiteral("done"));
    QVERIFY(at(model, 3, ConversationModel::ToolDurationRole).toLongLong() >= 1500);
    QCOMPARE(at(model, 3, ConversationModel::ToolCallRowIdRole).toLongLong(), call->id);
    QCOMPARE(kindAt(model, 4), Kind::Error);
    QCOMPARE(at(model, 4, ConversationModel::TextRole).toString(),
             QStringLiteral("rate limited; retry"));
    QCOMPARE(at(model, 4, ConversationModel::ActionableRole).toBool(), true);

    // Another thread, then none.
    QVERIFY(model.setThread(newThread()));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.setThread(0));
    QCOMPARE(model.rowCount(), 0);
}

void TestConversationModel::stepLimitAndInterruptedRuns()
{
    // One second per write, so that the order in time is the order of the calls.
    QDateTime now = QDateTime::currentDateTimeUtc();
    m_store->setClock([now]() mutable { return now = now.addSecs(1); });
    userMessage(m_thread, QStringLiteral("go"));
    const auto first = m_store->createRun(m_thread, QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(first);
    QVERIFY(m_store->finishRun(first->id, RunStatus::Completed,
                               QStringLiteral("stopped at the step limit (2)")));
    userMessage(m_thread, QStringLiteral("again"));
    const auto second = m_store->createRun(m_thread, QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(second);
    QVERIFY(m_store->finishRun(second->id, RunStatus::Interrupted));

    ConversationModel model(*m_history);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setThread(m_thread));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(kindAt(model, 0), Kind::UserMessage);
    QCOMPARE(kindAt(model, 1), Kind::StepLimit);
    // Only the latest run's end can be acted on.
    QCOMPARE(at(model, 1, ConversationModel::ActionableRole).toBool(), false);
    QCOMPARE(kindAt(model, 2), Kind::UserMessage);
    QCOMPARE(kindAt(model, 3), Kind::Error);
    QCOMPARE(at(model, 3, ConversationModel::ErrorKindRole).toString(),
             QStringLiteral("interrupted"));
    QCOMPARE(at(model, 3, ConversationModel::ActionableRole).toBool(), true);
}

void TestConversationModel::streamingChangesOnlyTheLastRow()
{
    userMessage(m_thread, QStringLiteral("hello"));
    ConversationModel model(*m_history);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setThread(m_thread));
    QCOMPARE(model.rowCount(), 1);

    // The engine stores the next user message, then announces the run.
    userMessage(m_thread, QStringLiteral("reverse a string"));
    m_run = m_store->createRun(m_thread, QStringLiteral("openai/gpt-4o-mini"))->id;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyEvent(event(RunEvent::Type::RunStarted));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(at(model, 1, ConversationModel::TextRole).toString(),
             QStringLiteral("reverse a string"));
    RunEvent step = event(RunEvent::Type::StepStarted);
    step.messageId = 1000;
    model.applyEvent(step);

    RunEvent delta = event(RunEvent::Type::TextDelta);
    delta.messageId = 1000;
    const QStringList pieces{QStringLiteral("Here is "), QStringLiteral("the "),
                             QStringLiteral("`code`.")};
    inserted.clear();
    for (const QString &piece : pieces) {
        delta.text = piece;
        model.applyEvent(delta);
    }
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.size(), 1); // the first delta made the row
    QCOMPARE(changed.size(), 2); // the next two changed it, and nothing else
    for (const QList<QVariant> &signal : std::as_const(changed)) {
        QCOMPARE(signal.at(0).toModelIndex().row(), 2);
        QCOMPARE(signal.at(1).toModelIndex().row(), 2);
    }
    QCOMPARE(at(model, 2, ConversationModel::TextRole).toString(),
             QStringLiteral("Here is the `code`."));
    QCOMPARE(at(model, 2, ConversationModel::StreamingRole).toBool(), true);
    QCOMPARE(at(model, 2, ConversationModel::RevisionRole).toInt(), 2);

    // Reasoning after text starts its own row; text after it another.
    RunEvent reasoning = event(RunEvent::Type::ReasoningDelta);
    reasoning.messageId = 1000;
    reasoning.text = QStringLiteral("hmm");
    model.applyEvent(reasoning);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(kindAt(model, 3), Kind::Reasoning);

    changed.clear();
    model.applyEvent(event(RunEvent::Type::RunFinished));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(at(model, 2, ConversationModel::StreamingRole).toBool(), false);
    QCOMPARE(at(model, 3, ConversationModel::StreamingRole).toBool(), false);
}

void TestConversationModel::toolCardStatuses()
{
    ConversationModel model(*m_history);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setThread(m_thread));
    m_run = 7;
    const auto status = [&](int row) {
        return at(model, row, ConversationModel::ToolStatusRole).value<ToolStatus>();
    };

    RunEvent started = event(RunEvent::Type::ToolCallStarted);
    started.toolCallId = QStringLiteral("call_write");
    started.toolName = QStringLiteral("writeFiles");
    model.applyEvent(started);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(kindAt(model, 0), Kind::ToolCall);
    QCOMPARE(status(0), ToolStatus::Preparing);

    RunEvent ready = event(RunEvent::Type::ToolCallReady);
    ready.toolCallId = QStringLiteral("call_write");
    ready.toolCallRowId = 42;
    ready.toolName = QStringLiteral("writeFiles");
    ready.arguments = QJsonObject{
        {QStringLiteral("files"),
         QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("a.py")}},
                    QJsonObject{{QStringLiteral("path"), QStringLiteral("test_a.py")}}}}};
    model.applyEvent(ready);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(status(0), ToolStatus::Running);
    QCOMPARE(at(model, 0, ConversationModel::ToolSummaryRole).toString(),
             QStringLiteral("a.py, test_a.py"));
    QCOMPARE(at(model, 0, ConversationModel::ToolCallRowIdRole).toLongLong(), 42);

    RunEvent asked = event(RunEvent::Type::ApprovalRequested);
    asked.toolCallRowId = 42;
    model.applyEvent(asked);
    QCOMPARE(status(0), ToolStatus::WaitingApproval);
    QCOMPARE(at(model, 0, ConversationModel::ToolStatusTextRole).toString(),
             QStringLiteral("waiting for approval"));

    RunEvent resolved = event(RunEvent::Type::ApprovalResolved);
    resolved.toolCallRowId = 42;
    resolved.decision = ApprovalDecision::Approved;
    model.applyEvent(resolved);
    QCOMPARE(status(0), ToolStatus::Running);

    RunEvent finished = event(RunEvent::Type::ToolCallFinished);
    finished.toolCallRowId = 42;
    finished.durationMs = 1234;
    model.applyEvent(finished);
    QCOMPARE(status(0), ToolStatus::Done);
    QCOMPARE(at(model, 0, ConversationModel::ToolDurationRole).toLongLong(), 1234);

    // A denied call fails; a call whose run is cancelled before it ran fails too.
    RunEvent second = ready;
    second.toolCallId = QStringLiteral("call_run");
    second.toolCallRowId = 43;
    model.applyEvent(second);
    QCOMPARE(model.rowCount(), 2);
    RunEvent denied = event(RunEvent::Type::ApprovalResolved);
    denied.toolCallRowId = 43;
    denied.decision = ApprovalDecision::Denied;
    model.applyEvent(denied);
    QCOMPARE(status(1), ToolStatus::Failed);
    RunEvent third = ready;
    third.toolCallId = QStringLiteral("call_3");
    third.toolCallRowId = 44;
    model.applyEvent(third);
    model.applyEvent(event(RunEvent::Type::RunCancelled));
    QCOMPARE(status(2), ToolStatus::Failed);
    QCOMPARE(status(0), ToolStatus::Done);
}

void TestConversationModel::runEndRows()
{
    ConversationModel model(*m_history);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setThread(m_thread));
    m_run = 1;
    RunEvent failed = event(RunEvent::Type::RunFailed);
    failed.error = QStringLiteral("The provider refused the key; check it in Settings.");
    failed.failure = RunEvent::Failure::Model;
    failed.modelError = LlmError::Kind::InvalidKey;
    model.applyEvent(failed);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(kindAt(model, 0), Kind::Error);
    QCOMPARE(at(model, 0, ConversationModel::TextRole).toString(), failed.error);
    QCOMPARE(at(model, 0, ConversationModel::ErrorKindRole).toString(),
             QStringLiteral("invalid-key"));
    QCOMPARE(at(model, 0, ConversationModel::ActionableRole).toBool(), true);

    // A new run makes the old Retry moot.
    m_run = 2;
    model.applyEvent(event(RunEvent::Type::RunStarted));
    QCOMPARE(at(model, 0, ConversationModel::ActionableRole).toBool(), false);
    RunEvent limit = event(RunEvent::Type::RunFinished);
    limit.stoppedAtLimit = true;
    model.applyEvent(limit);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(kindAt(model, 1), Kind::StepLimit);
    QCOMPARE(at(model, 1, ConversationModel::ActionableRole).toBool(), true);

    // A normal end adds nothing.
    m_run = 3;
    model.applyEvent(event(RunEvent::Type::RunStarted));
    model.applyEvent(event(RunEvent::Type::RunFinished));
    QCOMPARE(model.rowCount(), 2);

    // A sandbox the run started again is a notice line (issue 17).
    m_run = 4;
    model.applyEvent(event(RunEvent::Type::RunStarted));
    RunEvent notice = event(RunEvent::Type::SandboxNotice);
    notice.text = QStringLiteral("Starting sandbox napper again (it stops after 15 idle minutes).");
    model.applyEvent(notice);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(kindAt(model, 2), Kind::Notice);
    QCOMPARE(at(model, 2, ConversationModel::TextRole).toString(), notice.text);
    qInfo("tried: a SandboxNotice event, result: row %s \"%s\"",
          QMetaEnum::fromType<Kind>().valueToKey(int(kindAt(model, 2))),
          qPrintable(at(model, 2, ConversationModel::TextRole).toString()));
}

void TestConversationModel::otherThreadsAreIgnored()
{
    ConversationModel model(*m_history);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setThread(m_thread));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    RunEvent other = event(RunEvent::Type::TextDelta);
    other.threadId = m_thread + 1;
    other.text = QStringLiteral("not for you");
    model.applyEvent(other);
    other.type = RunEvent::Type::RunFailed;
    model.applyEvent(other);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(changed.size(), 0);
}

void TestConversationModel::reasoningExpands()
{
    ConversationModel model(*m_history);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setThread(m_thread));
    RunEvent reasoning = event(RunEvent::Type::ReasoningDelta);
    reasoning.messageId = 5;
    reasoning.text = QStringLiteral("first I think");
    model.applyEvent(reasoning);
    const QModelIndex row = model.index(0);
    QCOMPARE(row.data(ConversationModel::ExpandedRole).toBool(), false);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(row, true, ConversationModel::ExpandedRole));
    QCOMPARE(row.data(ConversationModel::ExpandedRole).toBool(), true);
    QCOMPARE(changed.size(), 1);
    QVERIFY(!model.setData(row, true, ConversationModel::ExpandedRole)); // no change
    QVERIFY(!model.setData(row, QStringLiteral("x"), ConversationModel::TextRole));
}

void TestConversationModel::argumentSummary_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QJsonObject>("args");
    QTest::addColumn<QString>("summary");
    QTest::newRow("command") << QStringLiteral("runCommand")
                             << QJsonObject{{QStringLiteral("sandboxId"), QStringLiteral("abc")},
                                            {QStringLiteral("command"), QStringLiteral("ls -la")}}
                             << QStringLiteral("ls -la");
    QTest::newRow("name") << QStringLiteral("createSandbox")
                          << QJsonObject{{QStringLiteral("name"), QStringLiteral("proj")}}
                          << QStringLiteral("proj");
    QTest::newRow("multi-line command")
        << QStringLiteral("runCommand")
        << QJsonObject{{QStringLiteral("command"), QStringLiteral("cd x\n  make")}}
        << QStringLiteral("cd x make");
    QTest::newRow("other") << QStringLiteral("x") << QJsonObject{{QStringLiteral("n"), 1}}
                           << QStringLiteral("{\"n\":1}");
    QTest::newRow("none") << QStringLiteral("listSandboxes") << QJsonObject() << QString();
    QTest::newRow("long") << QStringLiteral(
        "runCommand") << QJsonObject{{QStringLiteral("command"), QString(300, QLatin1Char('a'))}}
                          << QString(119, QLatin1Char('a')) + QChar(0x2026);
}

void TestConversationModel::argumentSummary()
{
    QFETCH(QString, tool);
    QFETCH(QJsonObject, args);
    QFETCH(QString, summary);
    QCOMPARE(ConversationModel::argumentSummary(tool, args), summary);
}

QStringList TestConversationModel::longThread(int runs)
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    m_store->setClock([now]() mutable { return now = now.addMSecs(1); });
    must(m_store->setDurability(Store::Durability::Normal));
    QStringList expected;
    const auto name = [](Kind kind) {
        return QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(kind)));
    };
    for (int i = 0; i < runs; ++i) {
        const QString ask = QStringLiteral("ask %1").arg(i);
        userMessage(m_thread, ask);
        expected << name(Kind::UserMessage) + QLatin1Char(':') + ask;
        const auto run = m_store->createRun(m_thread, QStringLiteral("openai/gpt-4o-mini"));
        const auto step = m_store->startStep(run->id);
        NewMessage assistant;
        assistant.threadId = m_thread;
        assistant.role = MessageRole::Assistant;
        assistant.runId = run->id;
        assistant.parts = NewMessage::textParts(QStringLiteral("running %1").arg(i));
        assistant.parts.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("tool-call")},
            {QStringLiteral("toolCallId"), QStringLiteral("c%1").arg(i)},
            {QStringLiteral("toolName"), QStringLiteral("runCommand")},
            {QStringLiteral("args"),
             QJsonObject{{QStringLiteral("command"), QStringLiteral("test %1").arg(i)}}}});
        must(m_store->appendMessage(assistant));
        expected << name(Kind::AssistantText) + QStringLiteral(":running %1").arg(i)
                 << name(Kind::ToolCall) + QStringLiteral(":runCommand test %1").arg(i);
        const auto call
            = m_store->proposeToolCall({run->id, step->id, QStringLiteral("c%1").arg(i),
                                        QStringLiteral("runCommand"), QStringLiteral("{}")});
        must(m_store->decideToolCall(call->id, ApprovalDecision::Auto));
        must(m_store->startToolCall(call->id));
        must(m_store->finishToolCall(call->id, ToolCallStatus::Done, QStringLiteral("{}")));
        NewMessage tool;
        tool.threadId = m_thread;
        tool.role = MessageRole::Tool;
        tool.runId = run->id;
        tool.parts = {QJsonObject{{QStringLiteral("type"), QStringLiteral("tool-result")},
                                  {QStringLiteral("toolCallId"), QStringLiteral("c%1").arg(i)}}};
        must(m_store->appendMessage(tool));
        NewMessage answer = assistant;
        answer.parts = NewMessage::textParts(QStringLiteral("answer %1").arg(i));
        must(m_store->appendMessage(answer));
        expected << name(Kind::AssistantText) + QStringLiteral(":answer %1").arg(i);
        const bool failed = i % 3 == 2;
        must(m_store->finishRun(run->id, failed ? RunStatus::Failed : RunStatus::Completed,
                                failed ? QStringLiteral("failed %1").arg(i) : QString()));
        if (failed)
            expected << name(Kind::Error) + QStringLiteral(":failed %1").arg(i);
        if (i % 7 == 6) {
            const auto silent = m_store->createRun(m_thread, QStringLiteral("openai/gpt-4o-mini"));
            must(m_store->finishRun(silent->id, RunStatus::Failed,
                                    QStringLiteral("silent %1").arg(i)));
            expected << name(Kind::Error) + QStringLiteral(":silent %1").arg(i);
        }
    }
    return expected;
}

void TestConversationModel::longThreadLoadsInPages()
{
    // 4 messages a run: 130 runs are 520 messages, three pages; pages end inside runs.
    const QStringList expected = longThread(130);
    ConversationModel model(*m_history);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setThread(m_thread));
    const auto rows = [&] {
        QStringList shown;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString kind = QString::fromLatin1(
                QMetaEnum::fromType<Kind>().valueToKey(int(kindAt(model, row))));
            shown << kind + QLatin1Char(':') + model.index(row).data(Qt::DisplayRole).toString();
        }
        return shown;
    };
    const int first = model.rowCount();
    QVERIFY(model.hasOlder());
    QVERIFY2(first < expected.size() / 2, qPrintable(QString::number(first)));
    QCOMPARE(rows(), expected.mid(expected.size() - first));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    int pages = 1;
    while (model.hasOlder()) {
        const int before = model.rowCount();
        const int added = model.loadOlder();
        QCOMPARE(model.rowCount(), before + added);
        QCOMPARE(inserted.last().at(1).toInt(), 0); // at the top
        ++pages;
    }
    qInfo("tried: a thread of 130 runs (520 messages) read page by page, result: %d rows first, "
          "%d rows after %d pages (%lld expected)",
          first, model.rowCount(), pages, qint64(expected.size()));
    // 520 messages in pages of kPageMessages.
    QCOMPARE(pages,
             (520 + ConversationModel::kPageMessages - 1) / ConversationModel::kPageMessages);
    QCOMPARE(rows(), expected);
    // Cards still find their stored call; only the latest run's error offers Retry.
    for (int row = 0; row < model.rowCount(); ++row) {
        if (kindAt(model, row) == Kind::ToolCall) {
            QVERIFY(at(model, row, ConversationModel::ToolCallRowIdRole).toLongLong() > 0);
            QCOMPARE(at(model, row, ConversationModel::ToolStatusRole).value<ToolStatus>(),
                     ToolStatus::Done);
        }
        if (kindAt(model, row) == Kind::Error)
            QCOMPARE(at(model, row, ConversationModel::ActionableRole).toBool(),
                     row == model.rowCount() - 1);
    }
    QCOMPARE(model.loadOlder(), 0);
}

void TestConversationModel::viewLoadsOlderPagesAtTheTop()
{
    const QStringList expected = longThread(130);
    ConversationModel model(*m_history);
    ConversationView view;
    view.setModel(&model);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(model.setThread(m_thread));
    const int first = model.rowCount();
    QScrollBar *bar = view.verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum()); // at the newest message
    // Scroll up a screen at a time, as a user reading back does: the row at the top stays on
    // screen while older rows arrive above it.
    int loads = 0;
    for (int guard = 0; guard < 2000 && (bar->value() > 0 || model.hasOlder()); ++guard) {
        const int rows = model.rowCount();
        bar->setValue(qMax(0, bar->value() - view.viewport()->height()));
        const QPersistentModelIndex top(view.indexAt(QPoint(0, 0)));
        QVERIFY(top.isValid());
        const QString text = top.data(Qt::DisplayRole).toString();
        QCoreApplication::processEvents();
        if (model.rowCount() != rows) {
            ++loads;
            QVERIFY(top.isValid());
            QCOMPARE(top.data(Qt::DisplayRole).toString(), text);
            QVERIFY2(view.viewport()->rect().intersects(view.visualRect(top)),
                     qPrintable(QStringLiteral("the row read before the load moved off screen: "
                                               "row %1 at y %2, scroll %3 of %4, %5 rows")
                                    .arg(top.row())
                                    .arg(view.visualRect(top).top())
                                    .arg(bar->value())
                                    .arg(bar->maximum())
                                    .arg(model.rowCount())));
        }
    }
    qInfo("tried: scrolling a 520-message thread up from its newest message, result: %d rows "
          "at first, %d after %d loads of older pages, at the top: %s",
          first, model.rowCount(), loads,
          qPrintable(view.indexAt(QPoint(0, 0)).data(Qt::DisplayRole).toString()));
    // Every page but the newest, read at the top (520 messages in pages of kPageMessages).
    QCOMPARE(loads,
             (520 + ConversationModel::kPageMessages - 1) / ConversationModel::kPageMessages - 1);
    QCOMPARE(model.rowCount(), expected.size());
    QCOMPARE(view.indexAt(QPoint(0, 0)).data(Qt::DisplayRole).toString(), QStringLiteral("ask 0"));
}

QTEST_MAIN(TestConversationModel)
#include "tst_conversationmodel.moc"
