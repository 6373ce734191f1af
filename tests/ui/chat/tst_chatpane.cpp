// The real ChatPane with a real engine: a local server answers like OpenAI (the recorded wire
// format), the real local sandbox server (bubblewrap) runs the tools, the real store keeps
// everything. The brief's request is typed into the composer and sent with Enter; the answer
// must be rendered and the tool cards must reach "done". Also: Shift+Enter, Stop, Continue
// after the step limit, and the Copy button of a code block.
#include "../../app/agent/AgentTestSupport.h"
#include "../../app/localsandbox/SandboxTestSupport.h"

#include "agent/ApprovalPolicy.h"
#include "chat/ChatPane.h"
#include "chat/ConversationDelegate.h"
#include "chat/ConversationModel.h"
#include "chat/ConversationView.h"
#include "chat/ToolCardLayout.h"
#include "root/AppContext.h"
#include "store/Store.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using Kind = ConversationModel::Kind;
using ToolStatus = ConversationModel::ToolStatus;

namespace {

const QString kBrief
    = QStringLiteral("write a function that reverses a string, with unit tests, and run them");

QList<int> rowsOf(const ConversationModel &model, Kind kind)
{
    QList<int> rows;
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.index(row).data(ConversationModel::KindRole).value<Kind>() == kind)
            rows << row;
    return rows;
}

ToolStatus statusAt(const ConversationModel &model, int row)
{
    return model.index(row).data(ConversationModel::ToolStatusRole).value<ToolStatus>();
}

} // namespace

namespace {
// The pane's services as the window hands them over (the engine built first, as there).
ChatPane::Services chatServices(AppContext &context)
{
    QString engineError;
    AgentEngine *engine = context.agentEngine(&engineError);
    return {context.threads(),
            context.history(),
            context.settings(),
            context.llm(),
            context.keys(),
            context.sandboxService(),
            engine,
            engineError};
}
} // namespace

class TestChatPane final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void briefScenarioTypedAndSentWithEnter();
    void shiftEnterInsertsANewLine();
    void stopCancelsARun();
    void continueAfterTheStepLimit();
    void copyButtonCopiesTheCode();
    void streamingLaysOutOnlyTheLastRow();
    void invalidModelIsShownInPlace();
    void failedRunOffersRetry();
    void refreshListsTheProvidersModels();
    void engineThatCannotStartIsShownInPlace();

private:
    ChatPane &pane() { return *m_pane; }
    template<typename T> T *child(const char *name)
    {
        auto *widget = m_pane->findChild<T *>(QLatin1String(name));
        if (!widget)
            qWarning("no child %s", name);
        return widget;
    }
    void typeAndSend(const QString &text);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeLlmServer> m_server;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<ChatPane> m_pane;
};

void TestChatPane::initTestCase()
{
    qputenv("OPENAI_API_KEY", "sk-test-openai-0123456789abcdefghij");
    qunsetenv("DAYTONA_API_KEY");
}

void TestChatPane::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // As root, sandboxes run as nobody, who must traverse the folders above their homes.
    QFile::setPermissions(m_dir->path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    m_server = std::make_unique<FakeLlmServer>();
    QVERIFY(m_server->listen());
    qputenv("OPENAI_BASE_URL", m_server->baseUrl().toString().toUtf8());
    m_context = std::make_unique<AppContext>(
        StudioPaths::underRoot(m_dir->filePath(QStringLiteral("data"))));
    QString error;
    QVERIFY2(m_context->open(&error), qPrintable(error));
    m_context->setSandboxProvider(QStringLiteral("local"));
    m_pane = std::make_unique<ChatPane>(chatServices(*m_context));
    QVERIFY(m_context->hasEngine());
    m_context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
    m_pane->resize(900, 700);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    child<QComboBox>("modelPicker")->setCurrentText(QStringLiteral("openai/gpt-4o-mini"));
}

void TestChatPane::cleanup()
{
    m_pane.reset();
    m_context.reset();
    m_server.reset();
    m_dir.reset();
}

void TestChatPane::typeAndSend(const QString &text)
{
    auto *composer = child<QPlainTextEdit>("composer");
    composer->setFocus();
    QTest::keyClicks(composer, text);
    QTest::keyClick(composer, Qt::Key_Return);
}

void TestChatPane::briefScenarioTypedAndSentWithEnter()
{
    ScriptedModel script(*m_server, Wire::OpenAi, ::briefScenario());
    QSignalSpy created(&pane(), &ChatPane::threadCreatedForSend);
    QCOMPARE(pane().thread(), 0);
    typeAndSend(kBrief);

    // No thread was selected: sending made one, and the run is going.
    QCOMPARE(created.size(), 1);
    const RowId thread = created.first().first().toLongLong();
    QCOMPARE(pane().thread(), thread);
    QCOMPARE(pane().composer()->toPlainText(), QString());
    auto *stop = child<QPushButton>("stopButton");
    auto *send = child<QPushButton>("sendButton");
    QVERIFY(stop->isVisible());
    QVERIFY(!send->isVisible());

    ConversationModel &model = *pane().model();
    QCOMPARE(model.index(0).data(ConversationModel::TextRole).toString(), kBrief);
    // The answer arrives, streamed, and the three tool cards end "done".
    QTRY_VERIFY_WITH_TIMEOUT(!rowsOf(model, Kind::AssistantText).isEmpty()
                                 && model.index(rowsOf(model, Kind::AssistantText).last())
                                        .data(ConversationModel::TextRole)
                                        .toString()
                                        .contains(QLatin1String("All 4 tests pass")),
                             120000);
    QTRY_VERIFY_WITH_TIMEOUT(!pane().isRunning(), 30000);
    const QList<int> cards = rowsOf(model, Kind::ToolCall);
    QCOMPARE(cards.size(), 3);
    const QStringList tools{QStringLiteral("createSandbox"), QStringLiteral("writeFiles"),
                            QStringLiteral("runCommand")};
    for (int i = 0; i < 3; ++i) {
        const QModelIndex card = model.index(cards.at(i));
        QCOMPARE(card.data(ConversationModel::ToolNameRole).toString(), tools.at(i));
        QCOMPARE(statusAt(model, cards.at(i)), ToolStatus::Done);
        QVERIFY(card.data(ConversationModel::ToolDurationRole).toLongLong() >= 0);
    }
    QCOMPARE(model.index(cards.at(2)).data(ConversationModel::ToolSummaryRole).toString(),
             QStringLiteral("python3 test_reverse_string.py"));
    QVERIFY(rowsOf(model, Kind::Error).isEmpty());
    QTRY_VERIFY(send->isVisible());
    QVERIFY(!stop->isVisible());

    // The view followed the bottom: the answer's row is on screen, laid out at the view's width.
    auto *view = static_cast<ConversationView *>(pane().conversationView());
    const QModelIndex answer = model.index(model.rowCount() - 1);
    QTRY_VERIFY(view->viewport()->rect().intersects(view->visualRect(answer)));
    QVERIFY(view->followsBottom());
    if (const QString shots = qEnvironmentVariable("STUDIO_SCREENSHOT_DIR"); !shots.isEmpty())
        pane().grab().save(shots + QStringLiteral("/chatpane-brief.png"));

    // A click on a tool card opens it; its "Details in the inspector" link asks for it there.
    QSignalSpy activated(&pane(), &ChatPane::toolCardActivated);
    const QModelIndex lastCard = model.index(cards.last());
    view->scrollTo(lastCard);
    QTRY_VERIFY(view->viewport()->rect().contains(view->visualRect(lastCard).center()));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(lastCard).center());
    QTRY_VERIFY(view->conversationDelegate()->toolCard(lastCard));
    QCOMPARE(activated.size(), 0);
    view->scrollTo(lastCard);
    QRect inspect;
    QTRY_VERIFY([&] {
        inspect = view->conversationDelegate()->toolCard(lastCard)->inspectRect().translated(
            view->visualRect(lastCard).topLeft());
        return view->viewport()->rect().contains(inspect.center());
    }());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, inspect.center());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toLongLong(),
             lastCard.data(ConversationModel::ToolCallRowIdRole).toLongLong());
    QVERIFY(activated.first().first().toLongLong() > 0);

    // Reopening the thread from the store shows the same rows.
    const int rows = model.rowCount();
    pane().setThread(0);
    QCOMPARE(model.rowCount(), 0);
    pane().setThread(thread);
    QCOMPARE(model.rowCount(), rows);
    QCOMPARE(statusAt(model, rowsOf(model, Kind::ToolCall).last()), ToolStatus::Done);
    QCOMPARE(m_context->store().thread(thread)->model, QStringLiteral("openai/gpt-4o-mini"));
}

void TestChatPane::shiftEnterInsertsANewLine()
{
    QSignalSpy created(&pane(), &ChatPane::threadCreatedForSend);
    auto *composer = child<QPlainTextEdit>("composer");
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("line one"));
    QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(composer, QStringLiteral("line two"));
    QCOMPARE(composer->toPlainText(), QStringLiteral("line one\nline two"));
    QCOMPARE(composer->blockCount(), 2);
    QCOMPARE(created.size(), 0);
    QCOMPARE(pane().thread(), 0);
    // An empty composer sends nothing.
    composer->clear();
    QTest::keyClick(composer, Qt::Key_Return);
    QCOMPARE(created.size(), 0);
    QVERIFY(!child<QPushButton>("sendButton")->isEnabled());
}

void TestChatPane::stopCancelsARun()
{
    QList<ScriptedModel::Step> steps = ::briefScenario();
    steps[2] = [](const RecordedRequest &request) {
        return ScriptedStep{
            QString(),
            {{QStringLiteral("call_sleep"), QStringLiteral("runCommand"),
              QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                          {QStringLiteral("command"), QStringLiteral("sleep 300")}},
              QString()}}};
    };
    ScriptedModel script(*m_server, Wire::OpenAi, steps);
    typeAndSend(QStringLiteral("go"));
    ConversationModel &model = *pane().model();
    const auto sleeping = [&] {
        for (int row : rowsOf(model, Kind::ToolCall)) {
            if (model.index(row).data(ConversationModel::ToolSummaryRole).toString()
                    == QLatin1String("sleep 300")
                && statusAt(model, row) == ToolStatus::Running)
                return row;
        }
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(sleeping() >= 0, 60000);
    const int row = sleeping();
    // The command runs in the sandbox (so Stop has a process to stop, not only a request).
    QTRY_VERIFY_WITH_TIMEOUT(!hostProcessesWithCommandLine({"sleep", "300"}).isEmpty(), 30000);
    auto *stop = child<QPushButton>("stopButton");
    QVERIFY(stop->isVisible());
    QTest::mouseClick(stop, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!pane().isRunning(), 30000); // not the 300 s of the command
    QCOMPARE(statusAt(model, row), ToolStatus::Failed);
    QTRY_VERIFY(child<QPushButton>("sendButton")->isVisible());
    QVERIFY(!stop->isVisible());
    QCOMPARE(m_context->store().listRuns(pane().thread())->last().status, RunStatus::Cancelled);
}

void TestChatPane::continueAfterTheStepLimit()
{
    ScriptedModel script(*m_server, Wire::OpenAi, ::briefScenario());
    m_context->settings().setMaxSteps(2);
    typeAndSend(kBrief);
    ConversationModel &model = *pane().model();
    QTRY_VERIFY_WITH_TIMEOUT(!rowsOf(model, Kind::StepLimit).isEmpty(), 120000);
    QTRY_VERIFY(!pane().isRunning());
    QCOMPARE(script.stepsServed(), 2);
    const QModelIndex limit = model.index(rowsOf(model, Kind::StepLimit).first());
    QVERIFY(limit.data(ConversationModel::ActionableRole).toBool());

    // Click Continue as a user would.
    m_context->settings().setMaxSteps(10);
    auto *view = static_cast<ConversationView *>(pane().conversationView());
    QTRY_VERIFY(view->viewport()->rect().contains(view->actionButtonRect(limit)));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->actionButtonRect(limit).center());
    QTRY_VERIFY_WITH_TIMEOUT(!rowsOf(model, Kind::AssistantText).isEmpty()
                                 && model.index(rowsOf(model, Kind::AssistantText).last())
                                        .data(ConversationModel::TextRole)
                                        .toString()
                                        .contains(QLatin1String("All 4 tests pass")),
                             120000);
    QTRY_VERIFY(!pane().isRunning());
    QCOMPARE(script.stepsServed(), 4);
    QVERIFY(!limit.data(ConversationModel::ActionableRole).toBool());
}

void TestChatPane::copyButtonCopiesTheCode()
{
    Store &store = m_context->store();
    const auto thread = store.createThread(QStringLiteral("code"), QStringLiteral("openai/gpt-4o"));
    QVERIFY(thread);
    NewMessage user;
    user.threadId = thread->id;
    user.parts = NewMessage::textParts(QStringLiteral("show me"));
    QVERIFY(store.appendMessage(user));
    NewMessage answer;
    answer.threadId = thread->id;
    answer.role = MessageRole::Assistant;
    answer.parts = NewMessage::textParts(
        QStringLiteral("## Reverse\n\n- one\n- two\n\n```python\ndef reverse_string(s):\n    "
                       "return s[::-1]\n```\n\nand in shell:\n\n```bash\necho hi\n```\n"));
    QVERIFY(store.appendMessage(answer));
    NewMessage thinking;
    thinking.threadId = thread->id;
    thinking.role = MessageRole::Assistant;
    thinking.parts
        = {QJsonObject{{QStringLiteral("type"), QStringLiteral("reasoning")},
                       {QStringLiteral("text"), QStringLiteral("The user wants a demo.")}},
           QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                       {QStringLiteral("text"), QStringLiteral("Done.")}}};
    QVERIFY(store.appendMessage(thinking));
    pane().setThread(thread->id);

    auto *view = static_cast<ConversationView *>(pane().conversationView());
    const QModelIndex row = pane().model()->index(1);
    QCOMPARE(view->conversationDelegate()->codeBlocks(row),
             QStringList({QStringLiteral("def reverse_string(s):\n    return s[::-1]"),
                          QStringLiteral("echo hi")}));
    QList<QRect> buttons = view->copyButtonRects(row);
    QCOMPARE(buttons.size(), 2);
    QTRY_VERIFY(view->viewport()->rect().contains(view->copyButtonRects(row).first()));
    buttons = view->copyButtonRects(row);
    QApplication::clipboard()->clear();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, buttons.first().center());
    QCOMPARE(QApplication::clipboard()->text(),
             QStringLiteral("def reverse_string(s):\n    return s[::-1]"));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, buttons.last().center());
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("echo hi"));

    // Reasoning starts collapsed; a click on it opens it, and the row grows.
    const QModelIndex reasoning = pane().model()->index(2);
    QCOMPARE(reasoning.data(ConversationModel::KindRole).value<Kind>(), Kind::Reasoning);
    QVERIFY(!reasoning.data(ConversationModel::ExpandedRole).toBool());
    view->scrollTo(reasoning);
    QTRY_VERIFY(view->viewport()->rect().contains(view->visualRect(reasoning).center()));
    const int collapsed = view->visualRect(reasoning).height();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(reasoning).topLeft() + QPoint(30, 10));
    QVERIFY(reasoning.data(ConversationModel::ExpandedRole).toBool());
    QTRY_VERIFY(view->visualRect(reasoning).height() > collapsed);
    if (const QString shots = qEnvironmentVariable("STUDIO_SCREENSHOT_DIR"); !shots.isEmpty()) {
        pane().grab().save(shots + QStringLiteral("/chatpane-code.png"));
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Button, QColor(0x3c, 0x3c, 0x3c));
        dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
        dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
        pane().setPalette(dark);
        QTest::qWait(100); // screenshots only (no assertion): the repaint in the new palette
        pane().grab().save(shots + QStringLiteral("/chatpane-code-dark.png"));
    }
}

void TestChatPane::streamingLaysOutOnlyTheLastRow()
{
    Store &store = m_context->store();
    const auto thread = store.createThread(QStringLiteral("long"), QStringLiteral("openai/gpt-4o"));
    QVERIFY(thread);
    for (int i = 0; i < 60; ++i) {
        NewMessage message;
        message.threadId = thread->id;
        message.role = i % 2 ? MessageRole::Assistant : MessageRole::User;
        message.parts = NewMessage::textParts(
            QStringLiteral("Message %1 with `code` and **bold** text.").arg(i));
        QVERIFY(store.appendMessage(message));
    }
    pane().setThread(thread->id);
    auto *view = static_cast<ConversationView *>(pane().conversationView());
    ConversationDelegate *delegate = view->conversationDelegate();
    ConversationModel &model = *pane().model();
    const int rows = model.rowCount();
    QCOMPARE(rows, 60);
    // The view shows the end of the thread.
    QTRY_VERIFY(view->viewport()->rect().intersects(view->visualRect(model.index(rows - 1))));

    RunEvent delta;
    delta.type = RunEvent::Type::TextDelta;
    delta.threadId = thread->id;
    delta.runId = 99;
    delta.messageId = 12345;
    delta.text = QStringLiteral("Streaming ");
    pane().model()->applyEvent(delta); // a new row
    QTRY_VERIFY(view->visualRect(model.index(rows)).isValid());
    // The counts below compare layouts before and after streaming, so the view must be idle
    // first. Laying out runs from timers (the view's delayed layout, the 33 ms refresh, queued
    // size hints), with no signal that says it is done; this is several of their cycles.
    QTest::qWait(100);
    const QHash<qint64, int> before = delegate->layoutsByKey();
    for (int i = 0; i < 200; ++i) {
        delta.text = QStringLiteral("word%1 ").arg(i);
        pane().model()->applyEvent(delta);
        if (i % 20 == 0)
            QTest::qWait(40); // paces the deltas like a stream, so the refresh timer fires
    }
    // An absence: the last refresh lays out the streaming row and no other one; nothing
    // signals that the refresh is over, so it gets several of its 33 ms cycles.
    QTest::qWait(200);
    const qint64 streamingKey = model.index(rows).data(ConversationModel::KeyRole).toLongLong();
    const QHash<qint64, int> after = delegate->layoutsByKey();
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (it.key() != streamingKey)
            QCOMPARE(it.value(), before.value(it.key()));
    }
    // Re-laid out a few times (coalesced), not once per delta.
    const int relayouts = after.value(streamingKey) - before.value(streamingKey);
    QVERIFY2(relayouts >= 1 && relayouts < 50, qPrintable(QString::number(relayouts)));
    QVERIFY(model.index(rows)
                .data(ConversationModel::TextRole)
                .toString()
                .endsWith(QLatin1String("word199 ")));
    QVERIFY(view->followsBottom());
    QVERIFY(view->viewport()->rect().intersects(view->visualRect(model.index(rows))));

    // A user who scrolled up to read stays where they are while text keeps coming.
    view->verticalScrollBar()->setValue(0);
    QVERIFY(!view->followsBottom());
    for (int i = 0; i < 300; ++i) {
        delta.text = QStringLiteral("more%1\n\n").arg(i);
        pane().model()->applyEvent(delta);
        if (i % 30 == 0)
            QTest::qWait(40); // paces the deltas like a stream, so the refresh timer fires
    }
    // An absence: the view does not scroll down by itself after the last refresh either.
    QTest::qWait(200);
    QCOMPARE(view->verticalScrollBar()->value(), 0);
    QVERIFY(!view->viewport()->rect().intersects(view->visualRect(model.index(rows))));
    // Back at the bottom, it follows again.
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
    QVERIFY(view->followsBottom());
    delta.text = QStringLiteral("last line\n\nand more\n\n");
    pane().model()->applyEvent(delta);
    QTRY_COMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
}

void TestChatPane::invalidModelIsShownInPlace()
{
    QSignalSpy created(&pane(), &ChatPane::threadCreatedForSend);
    child<QComboBox>("modelPicker")->setCurrentText(QStringLiteral("gpt-4o-mini"));
    typeAndSend(QStringLiteral("hello"));
    auto *error = child<QLabel>("chatErrorLabel");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("provider/model")), qPrintable(error->text()));
    QCOMPARE(created.size(), 0);
    QCOMPARE(pane().composer()->toPlainText(), QStringLiteral("hello")); // nothing lost
}

void TestChatPane::failedRunOffersRetry()
{
    m_server->enqueue(FakeResponse::json(
        400,
        R"({"error":{"message":"Invalid model for this key.","type":"invalid_request_error"}})"));
    typeAndSend(QStringLiteral("hello"));
    ConversationModel &model = *pane().model();
    QTRY_VERIFY_WITH_TIMEOUT(!rowsOf(model, Kind::Error).isEmpty(), 60000);
    QTRY_VERIFY(!pane().isRunning());
    const QModelIndex error = model.index(rowsOf(model, Kind::Error).first());
    QVERIFY2(
        error.data(ConversationModel::TextRole).toString().contains(QLatin1String("Invalid model")),
        qPrintable(error.data(ConversationModel::TextRole).toString()));
    QVERIFY(error.data(ConversationModel::ActionableRole).toBool());

    // Retry goes on with the same conversation; this time the model answers.
    ScriptedModel script(*m_server, Wire::OpenAi, {[](const RecordedRequest &) {
        return ScriptedStep{QStringLiteral("Hello! How can I help?"), {}};
    }});
    auto *view = static_cast<ConversationView *>(pane().conversationView());
    QTRY_VERIFY(view->viewport()->rect().contains(view->actionButtonRect(error)));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->actionButtonRect(error).center());
    QTRY_VERIFY_WITH_TIMEOUT(!rowsOf(model, Kind::AssistantText).isEmpty()
                                 && model.index(rowsOf(model, Kind::AssistantText).last())
                                        .data(ConversationModel::TextRole)
                                        .toString()
                                        .contains(QLatin1String("How can I help")),
                             60000);
    QVERIFY(!error.data(ConversationModel::ActionableRole).toBool());
    QCOMPARE(m_context->store().listRuns(pane().thread())->size(), 2);
}

void TestChatPane::refreshListsTheProvidersModels()
{
    m_server->setRoute("/v1/models",
                       FakeResponse::json(200,
                                          R"({"object":"list","data":[)"
                                          R"({"id":"gpt-test-one","object":"model"},)"
                                          R"({"id":"gpt-test-two","object":"model"}]})"));
    auto *picker = child<QComboBox>("modelPicker");
    QTest::mouseClick(child<QAbstractButton>("refreshModelsButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(picker->findText(QStringLiteral("openai/gpt-test-two")) >= 0, 30000);
    QVERIFY(picker->findText(QStringLiteral("openai/gpt-test-one")) >= 0);
    QCOMPARE(picker->currentText(), QStringLiteral("openai/gpt-4o-mini")); // unchanged
    QVERIFY(!child<QLabel>("chatErrorLabel")->isVisible());

    // Picking one for a thread saves it as the thread's model.
    const auto thread = m_context->store().createThread(QStringLiteral("t"),
                                                        QStringLiteral("openai/gpt-4o-mini"));
    pane().setThread(thread->id);
    picker->setCurrentIndex(picker->findText(QStringLiteral("openai/gpt-test-one")));
    emit picker->activated(picker->currentIndex());
    QCOMPARE(m_context->store().thread(thread->id)->model, QStringLiteral("openai/gpt-test-one"));
}

void TestChatPane::engineThatCannotStartIsShownInPlace()
{
    QTemporaryDir dir;
    AppContext context(StudioPaths::underRoot(dir.filePath(QStringLiteral("data"))));
    QString error;
    QVERIFY2(context.open(&error), qPrintable(error));
    context.setSandboxProvider(QStringLiteral("daytona")); // without DAYTONA_API_KEY
    // Once the keychain has answered that it has no Daytona key either (before that the engine
    // is built and takes a key when it comes).
    bool keyKnown = false;
    QObject waiting;
    context.whenSandboxKeyKnown(&waiting, [&keyKnown] { keyKnown = true; });
    QTRY_VERIFY_WITH_TIMEOUT(keyKnown, 30000);
    ChatPane pane(chatServices(context));
    pane.show();
    QVERIFY(!context.hasEngine());
    auto *label = pane.findChild<QLabel *>(QStringLiteral("chatErrorLabel"));
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains(QLatin1String("DAYTONA_API_KEY")), qPrintable(label->text()));
    QTest::keyClicks(pane.composer(), QStringLiteral("hello"));
    QVERIFY(!pane.findChild<QPushButton *>(QStringLiteral("sendButton"))->isEnabled());
    QTest::keyClick(pane.composer(), Qt::Key_Return);
    QCOMPARE(pane.thread(), 0);
    QCOMPARE(pane.composer()->toPlainText(), QStringLiteral("hello"));
}

QTEST_MAIN(TestChatPane)
#include "tst_chatpane.moc"
