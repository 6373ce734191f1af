// Prints how the chat view holds up with a long thread (issues 6 and 19): the time from
// opening a thread of 5,000 and of 50,000 messages (with tool calls) to the first paint of a
// shown view, the process's RSS after each, the longest frame while scrolling the 50,000-message
// thread from its newest message to its oldest and back down (as fast as the view paints, then a
// screen every 16.7 ms with the event loop idle in between, with the screens of its slow frames
// painted again), how steady the machine is (a fixed computation repeated), and the longest
// event-loop stall while ~2,000 tokens/s of TextDelta events stream into the 5,000-message thread
// (each chunk written to the store first, as the engine does). Stalls are the largest gap between
// the ticks of a 1 ms timer. Runs on the offscreen platform. Numbers only; no thresholds.
#include "chat/ConversationDelegate.h"
#include "chat/ConversationModel.h"
#include "chat/ConversationView.h"
#include "services/RunHistory.h"
#include "store/Store.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <utility>
#include <vector>

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

QString toJson(const QJsonArray &parts)
{
    return QString::fromUtf8(QJsonDocument(parts).toJson(QJsonDocument::Compact));
}

QJsonObject toolCallPart(const QString &callId, const QString &name, const QJsonObject &args)
{
    return {{QStringLiteral("type"), QStringLiteral("tool-call")},
            {QStringLiteral("toolCallId"), callId},
            {QStringLiteral("toolName"), name},
            {QStringLiteral("args"), args}};
}

// Fills a thread the way agent runs leave it, in one transaction on a second connection (the
// Store API commits each message): per run, a user message, then assistant messages with four
// tool calls (their results as tool messages, 512 bytes of output each) and a closing answer.
void fillThread(const QString &file, RowId thread, int messages)
{
    const QString name = QStringLiteral("bench-fill-%1").arg(thread);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        if (!db.open())
            fail(db.lastError().text());
        QSqlQuery query(db);
        const auto run = [&](QSqlQuery &q) {
            if (!q.exec())
                fail(q.lastError().text());
        };
        query.exec(QStringLiteral("PRAGMA synchronous = OFF"));
        if (!db.transaction())
            fail(db.lastError().text());
        QSqlQuery insertRun(db), insertStep(db), insertCall(db), insertMessage(db);
        insertRun.prepare(QStringLiteral(
            "INSERT INTO runs (thread_id, uuid, status, model, started_at, finished_at) "
            "VALUES (?, ?, 'completed', 'openai/gpt-4o-mini', ?, ?)"));
        insertStep.prepare(QStringLiteral(
            "INSERT INTO steps (run_id, step_index, started_at, finished_at) VALUES (?, ?, ?, ?)"));
        insertCall.prepare(QStringLiteral(
            "INSERT INTO tool_calls (run_id, step_id, call_id, name, arguments, result, status, "
            "proposed_at, started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, 'done', ?, ?, ?)"));
        insertMessage.prepare(QStringLiteral(
            "INSERT INTO messages (thread_id, run_id, uuid, position, role, parts, text, status, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'complete', ?, ?)"));
        const QString output = QStringLiteral("ok: test passed\n").repeated(32); // 512 bytes
        const qint64 base = QDateTime::currentMSecsSinceEpoch() - qint64(messages) * 10;
        qint64 runId = 0;
        qint64 stepId = 0;
        int callNo = 0;
        const auto message = [&](int position, qint64 runOf, const QString &role,
                                 const QJsonArray &parts, const QString &text) {
            insertMessage.bindValue(0, thread);
            insertMessage.bindValue(
                1, runOf ? QVariant(runOf) : QVariant(QMetaType(QMetaType::LongLong)));
            insertMessage.bindValue(2, QStringLiteral("m-%1-%2").arg(thread).arg(position));
            insertMessage.bindValue(3, position);
            insertMessage.bindValue(4, role);
            insertMessage.bindValue(5, toJson(parts));
            insertMessage.bindValue(6, text);
            insertMessage.bindValue(7, base + position * 10);
            insertMessage.bindValue(8, base + position * 10);
            run(insertMessage);
        };
        static const QStringList tools{QStringLiteral("runCommand"), QStringLiteral("writeFile"),
                                       QStringLiteral("runCommand"), QStringLiteral("readFile")};
        for (int i = 0; i < messages; ++i) {
            const int inRun = i % 10;
            const qint64 at = base + i * 10;
            if (inRun == 0) {
                const int n = i / 10;
                message(
                    i, 0, QStringLiteral("user"),
                    NewMessage::textParts(
                        QStringLiteral("Please change step %1 and run the tests again.").arg(n)),
                    QStringLiteral("Please change step %1 and run the tests again.").arg(n));
                insertRun.bindValue(0, thread);
                insertRun.bindValue(1, QStringLiteral("r-%1-%2").arg(thread).arg(n));
                insertRun.bindValue(2, at + 1);
                insertRun.bindValue(3, at + 95);
                run(insertRun);
                runId = insertRun.lastInsertId().toLongLong();
                continue;
            }
            if (inRun % 2 == 0) { // a tool result
                const QJsonArray parts{QJsonObject{
                    {QStringLiteral("type"), QStringLiteral("tool-result")},
                    {QStringLiteral("toolCallId"), QStringLiteral("call-%1").arg(callNo)},
                    {QStringLiteral("toolName"), tools.at(callNo % 4)},
                    {QStringLiteral("result"), QJsonObject{{QStringLiteral("stdout"), output}}},
                    {QStringLiteral("isError"), false}}};
                message(i, runId, QStringLiteral("tool"), parts, QStringLiteral(""));
                continue;
            }
            insertStep.bindValue(0, runId);
            insertStep.bindValue(1, inRun / 2);
            insertStep.bindValue(2, at);
            insertStep.bindValue(3, at + 5);
            run(insertStep);
            stepId = insertStep.lastInsertId().toLongLong();
            if (inRun == 9) { // the closing answer
                message(i, runId, QStringLiteral("assistant"),
                        NewMessage::textParts(assistantText(i)), assistantText(i));
                continue;
            }
            ++callNo;
            const QString name = tools.at(callNo % 4);
            QJsonObject args;
            if (name == QLatin1String("writeFile"))
                args = {{QStringLiteral("path"), QStringLiteral("step_%1.py").arg(i)},
                        {QStringLiteral("content"), assistantText(i)}};
            else if (name == QLatin1String("readFile"))
                args = {{QStringLiteral("path"), QStringLiteral("step_%1.py").arg(i)}};
            else
                args = {{QStringLiteral("command"), QStringLiteral("python3 test_%1.py").arg(i)}};
            const QString callId = QStringLiteral("call-%1").arg(callNo);
            insertCall.bindValue(0, runId);
            insertCall.bindValue(1, stepId);
            insertCall.bindValue(2, callId);
            insertCall.bindValue(3, name);
            insertCall.bindValue(
                4, QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact)));
            insertCall.bindValue(
                5,
                QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("stdout"), output}})
                                      .toJson(QJsonDocument::Compact)));
            insertCall.bindValue(6, at + 1);
            insertCall.bindValue(7, at + 2);
            insertCall.bindValue(8, at + 4);
            run(insertCall);
            QJsonArray parts;
            if (inRun == 1)
                parts.append(
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                {QStringLiteral("text"),
                                 QStringLiteral("I'll run the tests of step %1 first.").arg(i)}});
            parts.append(toolCallPart(callId, name, args));
            message(i, runId, QStringLiteral("assistant"), parts, QStringLiteral(""));
        }
        if (!db.commit())
            fail(db.lastError().text());
    }
    QSqlDatabase::removeDatabase(name);
}

// CPU time of the calling thread in ns: what a frame cost apart from waiting for a core (the
// machine may be shared).
qint64 threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// VmRSS of this process in MiB.
double rssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
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

    const QString file = dir.filePath(QStringLiteral("bench.sqlite3"));
    const auto newThread = [&](int messages) {
        const RowId id = check(store.createThread(QStringLiteral("long %1").arg(messages),
                                                  QStringLiteral("openai/gpt-4o-mini")))
                             .id;
        QElapsedTimer clock;
        clock.start();
        fillThread(file, id, messages);
        out() << QString::asprintf(
            "%-52s %8.1f ms\n", qPrintable(QStringLiteral("  (writing %1 messages)").arg(messages)),
            clock.nsecsElapsed() / 1e6);
        return id;
    };
    const RowId thread = newThread(5000);
    const RowId bigThread = newThread(50000);
    check(store.setDurability(Store::Durability::Step)); // what the app uses

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
    const auto open = [&](RowId id) {
        counter.paints = 0;
        QElapsedTimer clock;
        clock.start();
        QString error;
        if (!model.setThread(id, &error))
            fail(error);
        while (counter.paints == 0 && clock.elapsed() < 60000)
            QCoreApplication::processEvents();
        return clock.nsecsElapsed() / 1e6;
    };
    out() << QString::asprintf("%-52s %8.1f MiB\n", "RSS before opening a thread", rssMiB());
    const auto openTwice = [&](RowId id, const char *label) {
        const int layoutsBefore = view.conversationDelegate()->layoutCount();
        const double first = open(id);
        const int laidOut = view.conversationDelegate()->layoutCount() - layoutsBefore;
        const double rss = rssMiB();
        model.setThread(0);
        const double second = open(id);
        out() << QString::asprintf(
            "%-52s %8.1f ms (%d rows, %d laid out)\n",
            qPrintable(QStringLiteral("open a thread of %1 messages to first paint")
                           .arg(QLatin1String(label))),
            first, model.rowCount(), laidOut)
              << QString::asprintf("%-52s %8.1f ms\n", "  the same thread again", second)
              << QString::asprintf("%-52s %8.1f MiB\n",
                                   qPrintable(QStringLiteral("  RSS after opening it")), rss);
        out().flush();
    };
    openTwice(thread, "5,000");
    openTwice(bigThread, "50,000");

    // Scrolling end to end: from the newest message up to the oldest, a screen at a time, as
    // fast as the view paints (older pages load as the top comes near), then back down to the
    // newest (pages the model dropped load again as the bottom comes near). A frame is one
    // step: moving the scroll bar until the view has painted.
    // "(p99 …, median …; N of M over 16 ms)" of a list of frame times.
    const auto summary = [](QList<double> ms) {
        std::sort(ms.begin(), ms.end());
        return QString::asprintf(
            "(p99 %.1f ms, median %.1f ms; %lld of %lld over 16 ms)",
            ms.at(qsizetype(double(ms.size()) * 0.99)), ms.at(ms.size() / 2),
            qint64(std::count_if(ms.begin(), ms.end(), [](double v) { return v > 16.0; })),
            qint64(ms.size()));
    };
    const auto scroll = [&](bool up) {
        QScrollBar *bar = view.verticalScrollBar();
        QList<double> frames;
        QList<double> loadFrames; // those that read a page
        QList<double> cpu; // the GUI thread's CPU time of each frame
        int inserts = 0;
        const QMetaObject::Connection counting = QObject::connect(
            &model, &QAbstractItemModel::rowsInserted, &model, [&inserts] { ++inserts; });
        QElapsedTimer total;
        total.start();
        int still = 0;
        int maxRows = model.rowCount();
        const int step = view.viewport()->height();
        while (still < 3 && total.elapsed() < 120000) {
            const int insertsBefore = inserts;
            const int valueBefore = bar->value();
            const int endBefore = up ? 0 : bar->maximum();
            counter.paints = 0;
            QElapsedTimer frame;
            frame.start();
            const qint64 cpuStart = threadCpuNs();
            bar->setValue(up ? qMax(0, bar->value() - step)
                             : qMin(bar->maximum(), bar->value() + step));
            for (int i = 0; i < 4 && counter.paints == 0; ++i)
                QCoreApplication::processEvents();
            QCoreApplication::processEvents(); // a page loaded after the paint belongs here too
            frames.append(frame.nsecsElapsed() / 1e6);
            cpu.append((threadCpuNs() - cpuStart) / 1e6);
            if (inserts != insertsBefore)
                loadFrames.append(frames.last());
            maxRows = qMax(maxRows, model.rowCount());
            const int end = up ? 0 : bar->maximum();
            still = (valueBefore == endBefore && bar->value() == end && inserts == insertsBefore)
                ? still + 1
                : 0;
        }
        QObject::disconnect(counting);
        std::sort(frames.begin(), frames.end());
        std::sort(cpu.begin(), cpu.end());
        const double p99 = frames.at(qsizetype(double(frames.size()) * 0.99));
        const QModelIndex shown = up ? view.indexAt(QPoint(0, 0))
                                     : view.indexAt(QPoint(0, view.viewport()->height() - 1));
        const char *label = up
            ? (still < 3 ? "longest frame scrolling 50,000 messages (stopped at 120 s)"
                         : "longest frame scrolling 50,000 messages end to end")
            : (still < 3 ? "longest frame scrolling back down (stopped at 120 s)"
                         : "longest frame scrolling back down to the newest");
        out() << QString::asprintf(
            "%-52s %8.1f ms (p99 %.1f ms, median %.1f ms; %lld frames in %.1f s, %d rows, at most "
            "%d; %s row is message %lld)\n",
            label, frames.last(), p99, frames.at(frames.size() / 2), qint64(frames.size()),
            total.elapsed() / 1000.0, model.rowCount(), maxRows, up ? "top" : "bottom",
            shown.data(ConversationModel::MessageIdRole).toLongLong())
              << QString::asprintf("%-52s %8.1f ms (%lld frames read a page; the longest other "
                                   "frame %.1f ms)\n",
                                   up ? "  longest frame that read an older page"
                                      : "  longest frame that read a newer page",
                                   loadFrames.isEmpty()
                                       ? 0.0
                                       : *std::max_element(loadFrames.begin(), loadFrames.end()),
                                   qint64(loadFrames.size()),
                                   [&] {
                                       QList<double> rest = frames;
                                       for (const double ms : std::as_const(loadFrames))
                                           rest.removeOne(ms);
                                       return rest.isEmpty() ? 0.0 : rest.last();
                                   }())
              << QString::asprintf("%-52s %8.1f ms (p99 %.1f ms)\n",
                                   "  longest frame in CPU time of the GUI thread", cpu.last(),
                                   cpu.at(qsizetype(double(cpu.size()) * 0.99)))
              << QString::asprintf("%-52s %8lld (of %lld; %lld in CPU time)\n",
                                   "  frames over 16 ms",
                                   qint64(std::count_if(frames.begin(), frames.end(),
                                                        [](double ms) { return ms > 16.0; })),
                                   qint64(frames.size()),
                                   qint64(std::count_if(cpu.begin(), cpu.end(),
                                                        [](double ms) { return ms > 16.0; })))
              << QString::asprintf("%-52s %8.1f MiB\n",
                                   up ? "  RSS after scrolling end to end"
                                      : "  RSS after scrolling back down",
                                   rssMiB());
        out().flush();
    };
    scroll(true);
    scroll(false);

    // The same at a pace a user can reach: a screen every 16.7 ms (a flick, or Page Down held
    // at 60 Hz), 600 screens up and back down, with the event loop idle between frames as it
    // is in the app (rows near the screen are laid out then). A frame lasts from the moment its
    // step was due to the view having painted, so a step that waited for idle work counts too.
    // A frame over 8 ms (half the budget) has its screen painted again ten times at once, which
    // tells what the screen costs to paint from what the frame met (idle work it waited for, or
    // a machine that was slow for a moment); the pass then goes on from there.
    const auto paced = [&](bool up) {
        QScrollBar *bar = view.verticalScrollBar();
        const int step = view.viewport()->height();
        constexpr qint64 kTickNs = 16666667;
        QList<double> frames;
        QList<double> cpu;
        QList<std::pair<double, double>> slow; // frames over 8 ms: the frame, its screen again
        QElapsedTimer clock;
        clock.start();
        qint64 due = 0;
        for (int i = 0; i < 600; ++i) {
            due += kTickNs;
            const qint64 wait = (due - clock.nsecsElapsed()) / 1000000;
            if (wait > 0) {
                QEventLoop idle; // blocks for input like the app's loop: idle work runs here
                QTimer::singleShot(int(wait), Qt::PreciseTimer, &idle, &QEventLoop::quit);
                idle.exec();
            }
            while (clock.nsecsElapsed() < due) { }
            const qint64 cpuStart = threadCpuNs();
            counter.paints = 0;
            bar->setValue(up ? qMax(0, bar->value() - step)
                             : qMin(bar->maximum(), bar->value() + step));
            for (int j = 0; j < 4 && counter.paints == 0; ++j)
                QCoreApplication::processEvents();
            QCoreApplication::processEvents();
            frames.append((clock.nsecsElapsed() - due) / 1e6);
            cpu.append((threadCpuNs() - cpuStart) / 1e6);
            if (frames.last() > 8.0) {
                QList<double> again;
                for (int k = 0; k < 10; ++k) {
                    const qint64 start = clock.nsecsElapsed();
                    view.viewport()->repaint();
                    again.append((clock.nsecsElapsed() - start) / 1e6);
                }
                std::sort(again.begin(), again.end());
                slow.append({frames.last(), again.at(again.size() / 2)});
                due = clock.nsecsElapsed(); // the next step as after any frame
            }
            due = qMax(due, clock.nsecsElapsed() - kTickNs / 2); // no backlog after a long one
        }
        out() << QString::asprintf("%-52s %8s\n",
                                   up ? "scrolling a screen every 16.7 ms, 600 screens up"
                                      : "scrolling a screen every 16.7 ms, 600 screens down",
                                   "")
              << QString::asprintf("%-52s %8.1f ms %s\n", "  longest frame",
                                   *std::max_element(frames.begin(), frames.end()),
                                   qPrintable(summary(frames)))
              << QString::asprintf("%-52s %8.1f ms %s\n", "  longest frame in CPU time",
                                   *std::max_element(cpu.begin(), cpu.end()),
                                   qPrintable(summary(cpu)));
        if (!slow.isEmpty()) {
            std::sort(slow.begin(), slow.end(), std::greater<>());
            QStringList pairs;
            for (qsizetype k = 0; k < qMin<qsizetype>(slow.size(), 4); ++k)
                pairs.append(
                    QString::asprintf("%.1f -> %.1f", slow.at(k).first, slow.at(k).second));
            const auto most
                = std::max_element(slow.begin(), slow.end(), [](const auto &a, const auto &b) {
                      return a.second < b.second;
                  });
            out() << QString::asprintf(
                "%-52s %8.1f ms (%lld frames over 8 ms; the slowest: frame -> screen again, "
                "ms: %s)\n",
                "  their screens painted again, the longest (median)", most->second,
                qint64(slow.size()), qPrintable(pairs.join(QStringLiteral(", "))));
        } else {
            out() << QString::asprintf("%-52s %8s (no frame over 8 ms)\n",
                                       "  their screens painted again", "");
        }
        out().flush();
    };
    paced(true);
    paced(false);

    {
        // The machine's own steadiness, for reading the figures above: the same fixed
        // computation (about a median frame's CPU time, with a frame's working set) repeated.
        // A slow repeat here took longer without doing more.
        std::vector<quint32> buffer(1 << 18); // 1 MiB
        quint32 sink = 0; // printed (as nothing), so that the work is not optimised away
        const auto work = [&](int rounds) {
            for (int r = 0; r < rounds; ++r) {
                for (size_t i = 0; i < buffer.size(); ++i) {
                    buffer[i] = buffer[i] * 31 + quint32(i);
                    sink += buffer[(i * 7919) & (buffer.size() - 1)];
                }
            }
        };
        QElapsedTimer calibrate;
        calibrate.start();
        work(20);
        const int rounds = qMax(1, int(20 * 5e6 / double(calibrate.nsecsElapsed()))); // ~5 ms
        QList<double> repeats;
        for (int i = 0; i < 2000; ++i) {
            const qint64 start = threadCpuNs();
            work(rounds);
            repeats.append((threadCpuNs() - start) / 1e6);
        }
        out() << QString::asprintf("%-52s %8.1f ms %s%s\n",
                                   "fixed computation repeated, longest (CPU time)",
                                   *std::max_element(repeats.begin(), repeats.end()),
                                   qPrintable(summary(repeats)), sink == 1 ? " " : "");
        out().flush();
    }
    {
        // The model alone, without a view: what reading one older page costs.
        ConversationModel bare(history);
        bare.setThread(bigThread);
        double slowest = 0;
        double sum = 0;
        int pages = 0;
        while (bare.hasOlder()) {
            QElapsedTimer clock;
            clock.start();
            bare.loadOlder();
            const double ms = clock.nsecsElapsed() / 1e6;
            slowest = qMax(slowest, ms);
            sum += ms;
            ++pages;
        }
        out() << QString::asprintf("%-52s %8.1f ms (mean %.1f ms, %d pages, %d rows)\n",
                                   "  reading an older page, model alone", slowest,
                                   pages ? sum / pages : 0.0, pages, bare.rowCount());
        out().flush();
    }
    open(thread); // streaming goes into the 5,000-message thread, as before

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
    // Step is what the app uses: checkpoints of the WAL on the store's background thread.
    stream("store Step + view", true, Store::Durability::Step);
    stream("store Normal + view", true, Store::Durability::Normal);
    stream("store Full + view", true, Store::Durability::Full);
    return 0;
}
