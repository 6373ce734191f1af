// Prints how the chat view holds up with a long thread (issue 6's benchmark): the time from
// opening a thread of 5,000 messages to the first paint of a shown view, and the longest
// event-loop stall while ~2,000 tokens/s of TextDelta events stream into that thread (each
// chunk written to the store first, as the engine does). Stalls are the largest gap between
// the ticks of a 1 ms timer. Runs on the offscreen platform. Numbers only; no thresholds.
#include "chat/ConversationDelegate.h"
#include "chat/ConversationModel.h"
#include "chat/ConversationView.h"
#include "services/RunHistory.h"
#include "store/Store.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdlib>

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

[[noreturn]] void fail(const QString &what)
{
    QTextStream(stderr) << "bench_chat: " << what << '\n';
    std::exit(1);
}

template<typename T> T check(StoreResult<T> result)
{
    if (!result)
        fail(result.error());
    return *result;
}

void check(const StoreStatus &status)
{
    if (!status)
        fail(status.error());
}

// Counts paint events of the view's viewport.
class PaintCounter final : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

QString assistantText(int i)
{
    QString text = QStringLiteral("Step %1: I wrote the function and its tests. The **result** "
                                  "is below, with the command I ran and what it printed.\n\n")
                       .arg(i);
    if (i % 3 == 0)
        text += QStringLiteral("```python\ndef reverse_string(s):\n    return s[::-1]\n\n"
                               "print(reverse_string(\"hello %1\"))\n```\n\n")
                    .arg(i);
    if (i % 5 == 0)
        text += QStringLiteral("| test | result |\n|---|---|\n| simple | ok |\n| empty | ok |\n\n");
    text += QStringLiteral("- all tests pass\n- the sandbox is still running\n");
    return text;
}

// A token-sized piece of a long Markdown answer (about four characters on average).
QString token(int i)
{
    static const QStringList words{
        QStringLiteral("The "),    QStringLiteral("function "), QStringLiteral("reverses "),
        QStringLiteral("a "),      QStringLiteral("string "),   QStringLiteral("by "),
        QStringLiteral("slicing"), QStringLiteral(", "),        QStringLiteral("and "),
        QStringLiteral("tests "),  QStringLiteral("cover "),    QStringLiteral("it. ")};
    if (i % 400 == 399)
        return QStringLiteral("\n\n```python\nprint(s[::-1])\n```\n\n");
    if (i % 60 == 59)
        return QStringLiteral("\n\n");
    return words.at(i % words.size());
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir dir;
    if (!dir.isValid())
        fail(QStringLiteral("no temporary folder"));
    Store store;
    check(store.open(dir.filePath(QStringLiteral("bench.sqlite3"))));
    check(store.setDurability(Store::Durability::Normal)); // only for filling

    const int messages = 5000;
    const RowId thread
        = check(store.createThread(QStringLiteral("long"), QStringLiteral("openai/gpt-4o-mini")))
              .id;
    const RowId run = check(store.createRun(thread, QStringLiteral("openai/gpt-4o-mini"))).id;
    for (int i = 0; i < messages; ++i) {
        NewMessage message;
        message.threadId = thread;
        if (i % 2 == 0) {
            message.role = MessageRole::User;
            message.parts = NewMessage::textParts(
                QStringLiteral("Please change step %1 and run the tests again.").arg(i));
        } else {
            message.role = MessageRole::Assistant;
            message.runId = run;
            message.parts = NewMessage::textParts(assistantText(i));
        }
        check(store.appendMessage(message));
    }
    check(store.finishRun(run, RunStatus::Completed));
    check(store.setDurability(Store::Durability::Full)); // what the app uses

    const RunHistory history(store);
    ConversationModel model(history);
    ConversationView view;
    view.setModel(&model);
    view.resize(900, 800);
    view.show();
    PaintCounter counter;
    view.viewport()->installEventFilter(&counter);
    QElapsedTimer wait;
    wait.start();
    while (counter.paints == 0 && wait.elapsed() < 5000)
        QCoreApplication::processEvents();

    // Opening: setThread, then until the view has painted the bottom of the thread.
    const auto open = [&] {
        counter.paints = 0;
        QElapsedTimer clock;
        clock.start();
        QString error;
        if (!model.setThread(thread, &error))
            fail(error);
        while (counter.paints == 0 && clock.elapsed() < 60000)
            QCoreApplication::processEvents();
        return clock.nsecsElapsed() / 1e6;
    };
    const int layoutsBefore = view.conversationDelegate()->layoutCount();
    const double first = open();
    const int laidOut = view.conversationDelegate()->layoutCount() - layoutsBefore;
    model.setThread(0);
    const double second = open();
    out() << QString::asprintf("%-52s %8.1f ms (%d rows, %d laid out)\n",
                               "open a thread of 5,000 messages to first paint", first,
                               model.rowCount(), laidOut)
          << QString::asprintf("%-52s %8.1f ms\n", "  the same thread again", second);
    out().flush();

    // Streaming: ~2,000 tokens/s for a few seconds into the long thread. First the view alone,
    // then with each chunk written to the store first, as the engine does.
    const auto stream = [&](const char *label, bool writeChunks, Store::Durability durability) {
        check(store.setDurability(durability));
        const RowId streamRun
            = check(store.createRun(thread, QStringLiteral("openai/gpt-4o-mini"))).id;
        NewMessage streaming;
        streaming.threadId = thread;
        streaming.role = MessageRole::Assistant;
        streaming.status = MessageStatus::Streaming;
        streaming.runId = streamRun;
        const RowId messageId = check(store.appendMessage(streaming)).id;
        RunEvent delta;
        delta.type = RunEvent::Type::TextDelta;
        delta.threadId = thread;
        delta.runId = streamRun;
        delta.messageId = messageId;

        const int seconds = 4;
        const int tokensPerSecond = 2000;
        const int tickMs = 5; // providers deliver chunks in small bursts
        const int perTick = tokensPerSecond * tickMs / 1000;
        int sent = 0;
        QTimer feed;
        feed.setTimerType(Qt::PreciseTimer);
        feed.setInterval(tickMs);
        QObject::connect(&feed, &QTimer::timeout, &feed, [&] {
            for (int i = 0; i < perTick; ++i) {
                delta.text = token(sent++);
                if (writeChunks)
                    check(store.appendChunk(messageId, delta.text));
                model.applyEvent(delta);
            }
        });
        QList<double> gaps;
        QElapsedTimer tickClock;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(1);
        QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
            gaps.append(tickClock.nsecsElapsed() / 1e6);
            tickClock.restart();
        });
        counter.paints = 0;
        QElapsedTimer streamClock;
        streamClock.start();
        tickClock.start();
        feed.start();
        probe.start();
        while (streamClock.elapsed() < seconds * 1000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        feed.stop();
        probe.stop();
        const double elapsed = streamClock.nsecsElapsed() / 1e9;
        check(store.setMessageStatus(messageId, MessageStatus::Complete));
        model.applyEvent([&] {
            RunEvent done = delta;
            done.type = RunEvent::Type::RunFinished;
            return done;
        }());

        std::sort(gaps.begin(), gaps.end());
        const double maxGap = gaps.isEmpty() ? 0 : gaps.last();
        const double p99 = gaps.isEmpty() ? 0 : gaps.at(qsizetype(double(gaps.size()) * 0.99));
        int answerChars = 0;
        for (int row = model.rowCount() - 1; row >= 0 && answerChars == 0; --row)
            if (model.index(row).data(ConversationModel::MessageIdRole).toLongLong() == messageId)
                answerChars
                    = int(model.index(row).data(ConversationModel::TextRole).toString().size());
        out() << QString::asprintf("longest event-loop stall while streaming, %-21s %8.1f ms "
                                   "(p99 %.1f ms; %.0f tokens/s reached, %d chars, %d paints, "
                                   "follows bottom: %s)\n",
                                   label, maxGap, p99, sent / elapsed, answerChars, counter.paints,
                                   view.followsBottom() ? "yes" : "no");
        out().flush();
    };
    stream("view only", false, Store::Durability::Full);
    stream("store Normal + view", true, Store::Durability::Normal);
    stream("store Full + view", true, Store::Durability::Full);
    return 0;
}
