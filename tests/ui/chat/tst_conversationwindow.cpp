// The bounded window of rows a long thread is shown through (issue 19): a thread of a few
// thousand messages in a real SQLite store, read up to its oldest message and back down to its
// newest, holds at most ConversationModel::kMaxRows rows at any time, and what it holds is
// always an unbroken piece of the thread (no row lost or shown twice where pages meet, run
// errors and changes cards included). Events of a run that arrive while the newest rows are
// not held change nothing on screen and are there, once, when the user comes back down. The
// view keeps the row on screen in place while pages come and go, and End goes to the newest
// message. While the event loop is idle, the view reads the next page and lays out the rows
// near the screen without moving what it shows, so a scroll paints rows ready to paint.
#include "chat/ConversationDelegate.h"
#include "chat/ConversationModel.h"
#include "chat/ConversationView.h"
#include "services/RunHistory.h"
#include "store/Store.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QEventLoop>
#include <QMetaEnum>
#include <QScreen>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstring>

using Kind = ConversationModel::Kind;

namespace {

template<typename Result> void must(const Result &result)
{
    if (!result)
        qFatal("store: %s", qPrintable(result.error()));
}

QString kindName(Kind kind)
{
    return QString::fromLatin1(QMetaEnum::fromType<Kind>().valueToKey(int(kind)));
}

// A row as "kind:text" (changes cards by their run: their text is translated).
QString describe(const QModelIndex &index)
{
    const auto kind = index.data(ConversationModel::KindRole).value<Kind>();
    if (kind == Kind::RunChanges)
        return kindName(kind)
            + QStringLiteral(":run %1").arg(index.data(ConversationModel::RunIdRole).toLongLong());
    return kindName(kind) + QLatin1Char(':') + index.data(Qt::DisplayRole).toString();
}

// The first row on screen (a row whose exact height is not laid out yet may leave a gap of a
// few pixels above the next).
QModelIndex topRow(const QAbstractItemView &view)
{
    for (int y = 0; y < view.viewport()->height(); y += 4) {
        if (const QModelIndex index = view.indexAt(QPoint(0, y)); index.isValid())
            return index;
    }
    return {};
}

// Lets the event loop wait for input for `ms`, as the app's loop does between events
// (QTest::qWait only polls, so the view never sees the loop idle there).
void idle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Heights of the rows, by KeyRole.
QHash<qint64, int> heightsOf(const QAbstractItemView &view)
{
    QHash<qint64, int> heights;
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        const QModelIndex index = view.model()->index(row, 0);
        heights.insert(index.data(ConversationModel::KeyRole).toLongLong(),
                       view.visualRect(index).height());
    }
    return heights;
}

// Whether the viewport's pixels on the screen (the window's backing store, as the offscreen
// platform keeps it) are what rendering the viewport afresh gives.
bool screenIsCurrent(QAbstractItemView &view, QString *why)
{
    QWidget *viewport = view.viewport();
    const QPoint at = viewport->mapTo(view.window(), QPoint());
    const QImage shown = view.screen()
                             ->grabWindow(view.window()->winId(), at.x(), at.y(), viewport->width(),
                                          viewport->height())
                             .toImage()
                             .convertToFormat(QImage::Format_RGB32);
    const QImage fresh = viewport->grab().toImage().convertToFormat(QImage::Format_RGB32);
    if (shown.size() != fresh.size()) {
        *why = QStringLiteral("the screen shows %1x%2, the viewport is %3x%4")
                   .arg(shown.width())
                   .arg(shown.height())
                   .arg(fresh.width())
                   .arg(fresh.height());
        return false;
    }
    int differ = 0;
    int first = -1;
    for (int y = 0; y < shown.height(); ++y) {
        if (std::memcmp(shown.constScanLine(y), fresh.constScanLine(y),
                        size_t(shown.bytesPerLine()))
            != 0) {
            ++differ;
            if (first < 0)
                first = y;
        }
    }
    if (differ == 0)
        return true;
    *why = QStringLiteral("%1 of %2 lines on screen are stale, the first at y %3 (row %4 there)")
               .arg(differ)
               .arg(shown.height())
               .arg(first)
               .arg(view.indexAt(QPoint(0, first)).data(Qt::DisplayRole).toString());
    return false;
}

QStringList rowsOf(const QAbstractItemModel &model)
{
    QStringList rows;
    for (int row = 0; row < model.rowCount(); ++row)
        rows << describe(model.index(row, 0));
    return rows;
}

} // namespace

class TestConversationWindow final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void modelHoldsABoundedWindowBothWays();
    void eventsWhileTheNewestAreNotHeld();
    void viewScrollsToTheOldestAndBack();
    void endGoesToTheNewestMessage();
    void homeGoesToTheOldestMessage();
    void oneLineRowsKnowTheirHeightUnpainted();
    void cardLinesArePaintedAnewWhenTheyChange();
    void idleTimePreparesWhatComesNext();

private:
    // A thread of `runs` runs (user message, text + tool call, tool result, answer; every
    // third run fails, every fifth changed files, every seventh has a run that failed at once
    // after it) and the rows a user should see for it.
    QStringList longThread(int runs);
    // What the engine stores and announces for a short run: the user's message, streamed
    // text, a sandbox notice, the end.
    void liveRun(ConversationModel &model, const QString &ask, const QString &answer);
    // Creates a run in the thread and announces it (RunStarted); the event, to go on with.
    RunEvent startRun(ConversationModel &model);
    // Shows the thread in a 600x400 view and waits until it is at the newest message.
    void showThread(ConversationModel &model, ConversationView &view);
    ConversationModel::RunChangesLookup changesLookup() const
    {
        return [this](RowId runId) -> std::optional<RunChangeSummary> {
            if (!m_changedRuns.contains(runId))
                return std::nullopt;
            return RunChangeSummary{1, 2, 3};
        };
    }
    // Fails unless the rows held are one unbroken piece of `expected`.
    static bool isSliceOf(const QStringList &rows, const QStringList &expected, QString *why);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<RunHistory> m_history;
    RowId m_thread = 0;
    QSet<RowId> m_changedRuns;
};

void TestConversationWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<Store>();
    const StoreStatus opened = m_store->open(m_dir->filePath(QStringLiteral("studio.db")));
    QVERIFY2(opened, qPrintable(opened.error()));
    m_history = std::make_unique<RunHistory>(*m_store);
    const auto thread
        = m_store->createThread(QStringLiteral("Long"), QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(thread);
    m_thread = thread->id;
    m_changedRuns.clear();
}

void TestConversationWindow::cleanup()
{
    m_history.reset();
    m_store.reset();
    m_dir.reset();
}

QStringList TestConversationWindow::longThread(int runs)
{
    QDateTime now = QDateTime::currentDateTimeUtc();
    m_store->setClock([now]() mutable { return now = now.addMSecs(1); });
    must(m_store->setDurability(Store::Durability::Normal));
    QStringList expected;
    for (int i = 0; i < runs; ++i) {
        NewMessage user;
        user.threadId = m_thread;
        user.parts = NewMessage::textParts(QStringLiteral("ask %1").arg(i));
        must(m_store->appendMessage(user));
        expected << kindName(Kind::UserMessage) + QStringLiteral(":ask %1").arg(i);
        const auto run = m_store->createRun(m_thread, QStringLiteral("openai/gpt-4o-mini"));
        must(run);
        const auto step = m_store->startStep(run->id);
        must(step);
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
        expected << kindName(Kind::AssistantText) + QStringLiteral(":running %1").arg(i)
                 << kindName(Kind::ToolCall) + QStringLiteral(":runCommand test %1").arg(i);
        const auto call
            = m_store->proposeToolCall({run->id, step->id, QStringLiteral("c%1").arg(i),
                                        QStringLiteral("runCommand"), QStringLiteral("{}")});
        must(call);
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
        expected << kindName(Kind::AssistantText) + QStringLiteral(":answer %1").arg(i);
        const bool failed = i % 3 == 2;
        must(m_store->finishRun(run->id, failed ? RunStatus::Failed : RunStatus::Completed,
                                failed ? QStringLiteral("failed %1").arg(i) : QString()));
        if (failed)
            expected << kindName(Kind::Error) + QStringLiteral(":failed %1").arg(i);
        if (i % 5 == 4) {
            m_changedRuns.insert(run->id);
            expected << kindName(Kind::RunChanges) + QStringLiteral(":run %1").arg(run->id);
        }
        if (i % 7 == 6) {
            const auto silent = m_store->createRun(m_thread, QStringLiteral("openai/gpt-4o-mini"));
            must(silent);
            must(m_store->finishRun(silent->id, RunStatus::Failed,
                                    QStringLiteral("silent %1").arg(i)));
            expected << kindName(Kind::Error) + QStringLiteral(":silent %1").arg(i);
        }
    }
    return expected;
}

void TestConversationWindow::showThread(ConversationModel &model, ConversationView &view)
{
    view.setModel(&model);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(model.setThread(m_thread));
    QScrollBar *bar = view.verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());
}

bool TestConversationWindow::isSliceOf(const QStringList &rows, const QStringList &expected,
                                       QString *why)
{
    if (rows.isEmpty()) {
        *why = QStringLiteral("no rows");
        return false;
    }
    const qsizetype at = expected.indexOf(rows.first());
    if (at < 0 || expected.mid(at, rows.size()) != rows) {
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (at < 0 || at + i >= expected.size() || expected.at(at + i) != rows.at(i)) {
                *why
                    = QStringLiteral("row %1 is \"%2\", the thread has \"%3\" there (%4 rows held)")
                          .arg(i)
                          .arg(rows.at(i),
                               at >= 0 && at + i < expected.size() ? expected.at(at + i)
                                                                   : QStringLiteral("nothing"))
                          .arg(rows.size());
                return false;
            }
        }
    }
    return true;
}

RunEvent TestConversationWindow::startRun(ConversationModel &model)
{
    const auto run = m_store->createRun(m_thread, QStringLiteral("openai/gpt-4o-mini"));
    must(run);
    RunEvent event;
    event.threadId = m_thread;
    event.runId = run->id;
    event.type = RunEvent::Type::RunStarted;
    model.applyEvent(event);
    return event;
}

void TestConversationWindow::liveRun(ConversationModel &model, const QString &ask,
                                     const QString &answer)
{
    NewMessage user;
    user.threadId = m_thread;
    user.parts = NewMessage::textParts(ask);
    must(m_store->appendMessage(user));
    RunEvent event = startRun(model);
    NewMessage streaming;
    streaming.threadId = m_thread;
    streaming.role = MessageRole::Assistant;
    streaming.status = MessageStatus::Streaming;
    streaming.runId = event.runId;
    const auto message = m_store->appendMessage(streaming);
    must(message);
    event.messageId = message->id;
    event.type = RunEvent::Type::StepStarted;
    model.applyEvent(event);
    event.type = RunEvent::Type::TextDelta;
    for (const QString &piece : answer.split(QLatin1Char(' '))) {
        event.text = piece + QLatin1Char(' ');
        must(m_store->appendChunk(message->id, event.text)); // stored first, as the engine does
        model.applyEvent(event);
    }
    event.type = RunEvent::Type::SandboxNotice;
    event.text = QStringLiteral("The sandbox started again.");
    model.applyEvent(event);
    must(m_store->setMessageStatus(message->id, MessageStatus::Complete));
    must(m_store->finishRun(event.runId, RunStatus::Completed));
    event.type = RunEvent::Type::RunFinished;
    event.text.clear();
    model.applyEvent(event);
}

void TestConversationWindow::modelHoldsABoundedWindowBothWays()
{
    // 700 runs: 2,800 messages, about 3,300 rows, fourteen pages.
    const QStringList expected = longThread(700);
    QVERIFY(expected.size() > ConversationModel::kMaxRows);
    ConversationModel model(*m_history);
    model.setRunChangesLookup(changesLookup());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(model.setThread(m_thread));
    QVERIFY(!model.hasNewer());
    QCOMPARE(rowsOf(model), expected.mid(expected.size() - model.rowCount()));
    QString why;
    int most = model.rowCount();
    int older = 0;
    while (model.hasOlder()) {
        QVERIFY(model.loadOlder() > 0);
        ++older;
        most = qMax(most, model.rowCount());
        QVERIFY2(model.rowCount() <= ConversationModel::kMaxRows,
                 qPrintable(QString::number(model.rowCount())));
        QVERIFY2(isSliceOf(rowsOf(model), expected, &why), qPrintable(why));
    }
    QCOMPARE(rowsOf(model).first(), expected.first()); // the oldest message
    QVERIFY(model.hasNewer());
    QVERIFY(!removed.isEmpty());
    const int removedGoingUp = int(removed.size());
    int newer = 0;
    while (model.hasNewer()) {
        QVERIFY(model.loadNewer() > 0);
        ++newer;
        most = qMax(most, model.rowCount());
        QVERIFY2(model.rowCount() <= ConversationModel::kMaxRows,
                 qPrintable(QString::number(model.rowCount())));
        QVERIFY2(isSliceOf(rowsOf(model), expected, &why), qPrintable(why));
    }
    qInfo("tried: a thread of 700 runs (%lld rows) read up to its oldest message and back down, "
          "result: %d older and %d newer pages read, at most %d rows held (cap %d), %d removals "
          "going up, %lld going down",
          qint64(expected.size()), older, newer, most, ConversationModel::kMaxRows, removedGoingUp,
          qint64(removed.size()) - removedGoingUp);
    QVERIFY(!model.hasNewer());
    QVERIFY(model.hasOlder());
    QCOMPARE(rowsOf(model), expected.mid(expected.size() - model.rowCount()));
    // Cards read again still find their stored call; only the latest run's error offers Retry.
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        const auto kind = index.data(ConversationModel::KindRole).value<Kind>();
        if (kind == Kind::ToolCall)
            QVERIFY(index.data(ConversationModel::ToolCallRowIdRole).toLongLong() > 0);
        if (kind == Kind::Error)
            QCOMPARE(index.data(ConversationModel::ActionableRole).toBool(),
                     row == model.rowCount() - 1);
    }
    QCOMPARE(model.loadNewer(), 0);
}

void TestConversationWindow::eventsWhileTheNewestAreNotHeld()
{
    QStringList expected = longThread(700);
    ConversationModel model(*m_history);
    model.setRunChangesLookup(changesLookup());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setThread(m_thread));
    while (model.hasOlder())
        model.loadOlder();
    QVERIFY(model.hasNewer());
    const QStringList before = rowsOf(model);
    // A run (from the command line, say) while the user reads the oldest messages.
    liveRun(model, QStringLiteral("one more"), QStringLiteral("the live answer"));
    QCOMPARE(rowsOf(model), before); // nothing shown in the wrong place
    QVERIFY(model.hasNewer());
    while (model.hasNewer())
        model.loadNewer();
    expected << kindName(Kind::UserMessage) + QStringLiteral(":one more")
             << kindName(Kind::AssistantText) + QStringLiteral(":the live answer ")
             << kindName(Kind::Notice) + QStringLiteral(":The sandbox started again.");
    const QStringList after = rowsOf(model);
    qInfo("tried: a run streamed while the oldest of 700 runs were shown, then read back down, "
          "result: the last rows are %s",
          qPrintable(after.mid(after.size() - 4).join(QStringLiteral(" | "))));
    QCOMPARE(after, expected.mid(expected.size() - after.size()));
    QCOMPARE(after.count(expected.at(expected.size() - 2)), 1);
    QCOMPARE(after.count(expected.at(expected.size() - 3)), 1);
    // At the bottom, events add rows as usual.
    liveRun(model, QStringLiteral("and another"), QStringLiteral("answered live"));
    const QStringList live = rowsOf(model);
    QCOMPARE(live.mid(live.size() - 3),
             QStringList({kindName(Kind::UserMessage) + QStringLiteral(":and another"),
                          kindName(Kind::AssistantText) + QStringLiteral(":answered live "),
                          kindName(Kind::Notice) + QStringLiteral(":The sandbox started again.")}));
}

void TestConversationWindow::viewScrollsToTheOldestAndBack()
{
    const QStringList expected = longThread(700);
    ConversationModel model(*m_history);
    ConversationView view;
    showThread(model, view);
    if (QTest::currentTestFailed())
        return;
    QScrollBar *bar = view.verticalScrollBar();
    // A screen at a time, as a user reading does: the row at the top stays on screen while
    // pages come at one end and go at the other.
    int loads = 0;
    int most = 0;
    const auto scroll = [&](bool up) {
        for (int guard = 0; guard < 20000; ++guard) {
            const bool atEnd = up ? bar->value() == 0 && !model.hasOlder()
                                  : bar->value() == bar->maximum() && !model.hasNewer();
            if (atEnd)
                return;
            // Rows painted for the first time get their exact height a pass or two later (a
            // queued sizeHintChanged, then the view's delayed layout), which moves the rows
            // below them; that is not the load's doing.
            for (int pass = 0; pass < 3; ++pass)
                QCoreApplication::processEvents();
            const int step = view.viewport()->height();
            bar->setValue(up ? qMax(0, bar->value() - step)
                             : qMin(bar->maximum(), bar->value() + step));
            const QPersistentModelIndex top(topRow(view));
            QVERIFY(top.isValid());
            const QString text = top.data(Qt::DisplayRole).toString();
            const int topY = view.visualRect(top).top();
            QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
            QCoreApplication::processEvents();
            most = qMax(most, model.rowCount());
            QVERIFY2(model.rowCount() <= ConversationModel::kMaxRows,
                     qPrintable(QString::number(model.rowCount())));
            if (inserted.isEmpty())
                continue;
            ++loads;
            QVERIFY(top.isValid());
            QCOMPARE(top.data(Qt::DisplayRole).toString(), text);
            // Heights the paint before the load corrected may move it by a line or two; a
            // load that did not hold it would move it by a page (thousands of pixels).
            const int moved = view.visualRect(top).top() - topY;
            QVERIFY2(qAbs(moved) < view.viewport()->height() / 4,
                     qPrintable(QStringLiteral("the row read before the load moved by %6 px: "
                                               "row %1 at y %2, scroll %3 of %4, %5 rows")
                                    .arg(top.row())
                                    .arg(view.visualRect(top).top())
                                    .arg(bar->value())
                                    .arg(bar->maximum())
                                    .arg(model.rowCount())
                                    .arg(moved)));
            // The load does not paint the screen again when nothing on it moved: once the
            // view is idle, the screen shows what painting the rows now would show.
            for (int pass = 0; pass < 3; ++pass)
                QCoreApplication::processEvents();
            QString why;
            QVERIFY2(screenIsCurrent(view, &why), qPrintable(why));
        }
        QFAIL("the end was not reached");
    };
    scroll(true);
    if (QTest::currentTestFailed())
        return;
    const int loadsUp = loads;
    QCOMPARE(describe(topRow(view)), expected.first());
    QVERIFY(model.hasNewer());
    QVERIFY(!view.followsBottom());
    scroll(false);
    if (QTest::currentTestFailed())
        return;
    const QModelIndex bottom = view.indexAt(QPoint(0, view.viewport()->height() - 1));
    qInfo("tried: scrolling a 2,800-message thread up to its oldest message and back down, "
          "result: %d pages read going up, %d going down, at most %d rows held, at the bottom: %s",
          loadsUp, loads - loadsUp, most, qPrintable(describe(bottom)));
    QVERIFY(!model.hasNewer());
    QCOMPARE(describe(model.index(model.rowCount() - 1)), expected.last());
    QVERIFY(view.viewport()->rect().intersects(view.visualRect(model.index(model.rowCount() - 1))));
    QVERIFY(view.followsBottom());
}

void TestConversationWindow::endGoesToTheNewestMessage()
{
    longThread(700);
    ConversationModel model(*m_history);
    ConversationView view;
    showThread(model, view);
    if (QTest::currentTestFailed())
        return;
    QScrollBar *bar = view.verticalScrollBar();
    const auto toTheTop = [&] {
        for (int guard = 0; guard < 200 && (model.hasOlder() || bar->value() > 0); ++guard) {
            bar->setValue(0);
            QCoreApplication::processEvents();
        }
    };
    toTheTop();
    QVERIFY(model.hasNewer());
    QCOMPARE(topRow(view).data(Qt::DisplayRole).toString(), QStringLiteral("ask 0"));
    liveRun(model, QStringLiteral("while far up"), QStringLiteral("a new answer"));
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
    QVERIFY(!model.hasNewer());
    const QModelIndex last = model.index(model.rowCount() - 1);
    QCOMPARE(last.data(Qt::DisplayRole).toString(), QStringLiteral("The sandbox started again."));
    QTRY_VERIFY(view.viewport()->rect().intersects(view.visualRect(last)));
    QTRY_VERIFY(view.followsBottom());
    int asked = 0;
    for (int row = 0; row < model.rowCount(); ++row)
        asked += model.index(row).data(Qt::DisplayRole).toString() == QLatin1String("while far up");
    QCOMPARE(asked, 1);
    // scrollToBottom (what sending does) goes there too.
    toTheTop();
    QVERIFY(model.hasNewer());
    view.scrollToBottom();
    QVERIFY(!model.hasNewer());
    QTRY_VERIFY(
        view.viewport()->rect().intersects(view.visualRect(model.index(model.rowCount() - 1))));
}

void TestConversationWindow::homeGoesToTheOldestMessage()
{
    // From the newest message of a long thread, Home shows the oldest at once (not the oldest
    // row held), and the rows read on the way back down are the thread, in order.
    const QStringList expected = longThread(700);
    ConversationModel model(*m_history);
    model.setRunChangesLookup(changesLookup());
    ConversationView view;
    showThread(model, view);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(model.hasOlder());
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_Home, Qt::ControlModifier);
    QVERIFY(!model.hasOlder());
    QVERIFY(model.hasNewer());
    QVERIFY(!view.followsBottom());
    QCOMPARE(describe(model.index(0, 0)), expected.first());
    QTRY_COMPARE(describe(topRow(view)), expected.first());
    QString why;
    QVERIFY2(isSliceOf(rowsOf(model), expected, &why), qPrintable(why));
    // Down a few pages: the newer pages join the oldest without a gap.
    QScrollBar *bar = view.verticalScrollBar();
    const QString lastHeld = rowsOf(model).last();
    for (int guard = 0; guard < 200 && rowsOf(model).last() == lastHeld; ++guard) {
        bar->setValue(bar->maximum());
        QCoreApplication::processEvents();
    }
    QVERIFY(rowsOf(model).last() != lastHeld);
    QVERIFY2(isSliceOf(rowsOf(model), expected, &why), qPrintable(why));
    QVERIFY(!view.followsBottom());
    // Home again at the oldest changes nothing; End goes back to the newest.
    QTest::keyClick(&view, Qt::Key_Home);
    QTRY_COMPARE(describe(topRow(view)), expected.first());
    QTest::keyClick(&view, Qt::Key_End);
    QVERIFY(!model.hasNewer());
    QCOMPARE(rowsOf(model).last(), expected.last());
    QTRY_VERIFY(view.followsBottom());
}

void TestConversationWindow::oneLineRowsKnowTheirHeightUnpainted()
{
    // Closed tool cards, changes cards and notices are one line whatever they say: the view
    // gets their exact height without laying them out (a page read adds dozens of them in a
    // frame), and a card does not move the rows below it when it is first painted.
    longThread(60);
    ConversationModel model(*m_history);
    ConversationView view;
    showThread(model, view);
    if (QTest::currentTestFailed())
        return;
    ConversationDelegate *delegate = view.conversationDelegate();
    const QHash<qint64, int> laidOut = delegate->layoutsByKey();
    int checked = 0;
    int unpainted = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        const auto kind = index.data(ConversationModel::KindRole).value<Kind>();
        if (kind != Kind::ToolCall && kind != Kind::RunChanges && kind != Kind::Notice)
            continue;
        const qint64 key = index.data(ConversationModel::KeyRole).toLongLong();
        const int hint = view.sizeHintForIndex(index).height();
        QVERIFY2(!delegate->relayout(index),
                 qPrintable(QStringLiteral("%1 is %2 px high laid out, the view made room for %3")
                                .arg(describe(index))
                                .arg(view.visualRect(index).height())
                                .arg(hint)));
        QCOMPARE(view.sizeHintForIndex(index).height(), hint);
        ++checked;
        if (!laidOut.contains(key)) {
            ++unpainted;
            QCOMPARE(delegate->layoutsByKey().value(key), 1); // only by relayout() just now
        }
    }
    qInfo("tried: the heights of %d one-line rows (%d never painted) against their layouts",
          checked, unpainted);
    QVERIFY(checked > 20);
    QVERIFY(unpainted > 0);
}

void TestConversationWindow::cardLinesArePaintedAnewWhenTheyChange()
{
    // A tool card's line is laid out once with the row and drawn from that layout; as the call
    // is proposed, runs and ends, the view that has shown it all along paints what a view that
    // never saw it paints (each step's line, not a stale one), and each step looks different.
    longThread(3);
    ConversationModel model(*m_history);
    ConversationView view;
    showThread(model, view);
    if (QTest::currentTestFailed())
        return;
    RunEvent event = startRun(model);
    event.toolCallId = QStringLiteral("late");
    event.toolName = QStringLiteral("runCommand");
    event.toolCallRowId = 999;
    event.arguments = {{QStringLiteral("command"), QStringLiteral("make <b>test</b>")}};
    const auto rowImage = [&model](ConversationView &shown) {
        const QModelIndex last = model.index(model.rowCount() - 1, 0);
        return shown.viewport()->grab(shown.visualRect(last)).toImage();
    };
    QList<QImage> steps;
    for (const auto &[type, name] :
         {std::pair(RunEvent::Type::ToolCallStarted, "ToolCallStarted"),
          std::pair(RunEvent::Type::ToolCallReady, "ToolCallReady"),
          std::pair(RunEvent::Type::ToolCallFinished, "ToolCallFinished")}) {
        event.type = type;
        event.durationMs = 1234;
        event.result = QJsonObject{{QStringLiteral("exitCode"), 2}};
        event.isError = true;
        model.applyEvent(event);
        QTRY_VERIFY(view.verticalScrollBar()->value() == view.verticalScrollBar()->maximum());
        idle(50); // the coalesced re-layout of the changed row
        const QImage shown = rowImage(view);
        ConversationView fresh;
        fresh.setModel(&model);
        fresh.resize(view.size());
        fresh.show();
        QVERIFY(QTest::qWaitForWindowExposed(&fresh));
        QTRY_VERIFY(fresh.verticalScrollBar()->value() == fresh.verticalScrollBar()->maximum());
        QVERIFY2(shown == rowImage(fresh),
                 qPrintable(QStringLiteral("after %1 the card shows a line other than a fresh "
                                           "view's: %2")
                                .arg(QLatin1String(name))
                                .arg(describe(model.index(model.rowCount() - 1, 0)))));
        for (const QImage &before : std::as_const(steps))
            QVERIFY(before != shown);
        steps.append(shown);
    }
}

void TestConversationWindow::idleTimePreparesWhatComesNext()
{
    // Markdown whose height an estimate gets wrong (a heading, a list, a code block), between
    // one-line notes: 400 messages, four pages.
    must(m_store->setDurability(Store::Durability::Normal));
    for (int i = 0; i < 400; ++i) {
        NewMessage user;
        user.threadId = m_thread;
        user.parts = NewMessage::textParts(
            i % 3 == 0
                ? QStringLiteral("## Step %1\n\n- build\n- test\n\n```sh\nmake test-%1\n```\n")
                      .arg(i)
                : QStringLiteral("note %1").arg(i));
        must(m_store->appendMessage(user));
    }
    ConversationModel model(*m_history);
    ConversationView view;
    showThread(model, view);
    if (QTest::currentTestFailed())
        return;
    ConversationDelegate *delegate = view.conversationDelegate();
    QScrollBar *bar = view.verticalScrollBar();
    const int screen = view.viewport()->height();
    idle(300);

    // Halfway up the rows held, above those near the end (always laid out), painted as a
    // scroll paints (QTest::qWait polls: no idle time yet).
    QVERIFY(bar->maximum() / 2 > 4 * screen);
    bar->setValue(bar->maximum() / 2);
    QTest::qWait(50);
    const QHash<qint64, int> before = heightsOf(view);
    const QImage shown = view.viewport()->grab().toImage();
    const int value = bar->value();

    // Idle: the rows above get their real heights, and what the screen shows does not move.
    idle(300);
    const QHash<qint64, int> after = heightsOf(view);
    int resized = 0;
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        resized += after.value(it.key()) != it.value() ? 1 : 0;
    QVERIFY2(resized > 0, "no row changed height: the estimates are exact, nothing was tried");
    QVERIFY2(view.viewport()->grab().toImage() == shown,
             qPrintable(QStringLiteral("the screen moved while %1 rows off it were laid out "
                                       "(scroll bar %2 -> %3)")
                            .arg(resized)
                            .arg(value)
                            .arg(bar->value())));

    // The next screen up was laid out while idle: painting it lays out nothing.
    const int layouts = delegate->layoutCount();
    bar->setValue(bar->value() - screen);
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(delegate->layoutCount(), layouts);

    // Near the top of the rows held (two screens: a scroll reads at one), idle time reads the
    // next older page, and the screen stays as it was.
    QVERIFY(model.hasOlder());
    bar->setValue(2 * screen);
    QTest::qWait(50); // painted, and the rows painted first corrected
    const QString first = describe(model.index(0, 0));
    const QPersistentModelIndex top = topRow(view);
    const int topY = view.visualRect(top).top();
    QCOMPARE(describe(model.index(0, 0)), first); // not read by the scroll itself
    idle(300);
    QVERIFY2(describe(model.index(0, 0)) != first, "no older page was read while idle");
    QCOMPARE(view.visualRect(top).top(), topY);
    qInfo("tried: %d rows above the screen laid out while idle, an older page read ahead", resized);
}

QTEST_MAIN(TestConversationWindow)
#include "tst_conversationwindow.moc"
