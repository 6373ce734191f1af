// Prints how the tool-call inspector copes with a big run: 200 steps with 10 MB of tool output
// stored in a real Store, shown in the real InspectorPanel (offscreen): time to show the
// thread, to expand every step, to open the largest tool result and to show it whole in the
// value viewer; then the same size of run followed live, event by event, with the longest
// event-loop stall measured by a 5 ms timer. Numbers only; no thresholds.
#include "../ui/inspector/StoredRunWriter.h"
#include "inspector/InspectorPanel.h"
#include "inspector/RunTreeModel.h"
#include "inspector/ValueViewer.h"
#include "root/AppContext.h"
#include "services/RunHistory.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QTreeView>

#include <cstdlib>

namespace {

constexpr int kSteps = 200;
constexpr qsizetype kTotalOutput = 10 * 1024 * 1024;
constexpr qsizetype kLargestOutput = 1024 * 1024;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

[[noreturn]] void fail(const QString &what)
{
    QTextStream(stderr) << "bench_inspector: " << what << '\n';
    std::exit(1);
}

void report(const char *what, double ms)
{
    out() << QStringLiteral("%1 %2 ms\n").arg(QLatin1String(what), -52).arg(ms, 9, 'f', 1);
    out().flush();
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// Command output of about `size` characters, in lines like a test runner's.
QString output(int step, qsizetype size)
{
    QString text;
    text.reserve(size + 100);
    for (int line = 0; text.size() < size; ++line)
        text += QStringLiteral("step %1 line %2: test_case_%2 ... ok (0.%3 s)\n")
                    .arg(step)
                    .arg(line)
                    .arg(line % 1000, 3, 10, QLatin1Char('0'));
    return text;
}

// One step: a runCommand whose stdout is the step's share of the 10 MB (step 100 has 1 MB).
QList<StoredRunWriter::Call> stepCalls(int step)
{
    const qsizetype share = (kTotalOutput - kLargestOutput) / (kSteps - 1);
    const qsizetype size = step == kSteps / 2 ? kLargestOutput : share;
    auto call = StoredRunWriter::Call::make(
        QStringLiteral("call_%1").arg(step), QStringLiteral("runCommand"),
        {{QStringLiteral("sandboxId"), QStringLiteral("bdfa9456-4945-43a7-97df-b9bfbcbdc62e")},
         {QStringLiteral("command"), QStringLiteral("python3 -m pytest -v")}},
        {{QStringLiteral("success"), true},
         {QStringLiteral("exitCode"), 0},
         {QStringLiteral("stdout"), output(step, size)},
         {QStringLiteral("command"), QStringLiteral("python3 -m pytest -v")},
         {QStringLiteral("executionTime"), 218}});
    return {call};
}

// The longest gap between the ticks of a 5 ms timer while it runs.
class StallMeter final : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longest = std::max(m_longest, m_clock.nsecsElapsed());
            m_clock.restart();
        });
    }
    void start()
    {
        m_longest = 0;
        m_clock.start();
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return double(m_longest) / 1e6;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QTemporaryDir dir;
    if (!dir.isValid())
        fail(QStringLiteral("no temporary folder"));
    AppContext context(StudioPaths::underRoot(dir.path()));
    QString error;
    if (!context.open(&error))
        fail(error);
    Store &store = context.store();
    if (!store.setDurability(Store::Durability::Normal))
        fail(QStringLiteral("cannot set durability"));

    // The stored run.
    auto thread = store.createThread(QStringLiteral("Big run"), QStringLiteral("openai/gpt-4o"));
    if (!thread)
        fail(thread.error());
    QElapsedTimer timer;
    timer.start();
    StoredRunWriter writer(store, thread->id);
    if (!writer.begin())
        fail(writer.error());
    for (int step = 0; step < kSteps; ++step) {
        if (!writer.step(QString(), stepCalls(step), StoredRunWriter::usage(4243, 53, 0, 4096)))
            fail(writer.error());
    }
    if (!writer.finish())
        fail(writer.error());
    const RowId largestCall = writer.callRowIds().at(kSteps / 2);
    out() << "bench_inspector: " << kSteps << " steps, " << (kTotalOutput / (1024 * 1024))
          << " MB of tool output (largest result " << (kLargestOutput / 1024) << " KB)\n";
    report("writing the run to the store", msSince(timer));

    InspectorPanel panel(context.history(), context.redactor(), nullptr);
    panel.resize(900, 700);
    panel.show();
    QTreeView *tree = panel.tree();
    RunTreeModel *model = panel.model();
    QCoreApplication::processEvents();
    double longestAction = 0;
    const auto action = [&](const char *what, const std::function<void()> &work) {
        QElapsedTimer t;
        t.start();
        work();
        QCoreApplication::processEvents(); // lay out and paint what changed
        const double ms = msSince(t);
        longestAction = std::max(longestAction, ms);
        report(what, ms);
    };

    {
        RunTreeModel alone(context.history(), context.redactor());
        action("setThread (model only: the runs)", [&] { alone.setThread(thread->id); });
    }
    action("setThread (panel: opens the run's 200 steps)", [&] { panel.setThread(thread->id); });
    const QModelIndex run = model->index(0, 0);
    action("expand all 200 steps", [&] {
        for (int row = 0; row < model->rowCount(run); ++row)
            tree->expand(model->index(row, 0, run));
    });
    QModelIndex call;
    action("select + expand the largest call (1 MB JSON)", [&] {
        panel.selectToolCall(largestCall);
        call = tree->currentIndex();
    });
    QModelIndex stdoutRow;
    action("expand its result", [&] {
        QModelIndex result;
        for (int row = 0; row < model->rowCount(call); ++row) {
            if (model->index(row, 0, call).data().toString() == QLatin1String("result"))
                result = model->index(row, 0, call);
        }
        tree->expand(result);
        QCoreApplication::processEvents();
        for (int row = 0; row < model->rowCount(result); ++row) {
            if (model->index(row, 0, result).data().toString() == QLatin1String("stdout"))
                stdoutRow = model->index(row, 0, result);
        }
    });
    if (!stdoutRow.isValid())
        fail(QStringLiteral("the largest result has no stdout row"));
    action("show the 1 MB stdout in the value viewer", [&] { panel.showValue(stdoutRow); });
    if (panel.valueViewer()->textView()->document()->characterCount() < kLargestOutput)
        fail(QStringLiteral("the viewer does not show the whole value"));
    {
        // 50 scroll positions, one event-loop turn each (layout and paint).
        tree->scrollToTop();
        QCoreApplication::processEvents();
        double longestTurn = 0;
        for (int i = 0; i < 50; ++i) {
            QElapsedTimer t;
            t.start();
            tree->verticalScrollBar()->setValue(tree->verticalScrollBar()->maximum() * i / 49);
            QCoreApplication::processEvents();
            longestTurn = std::max(longestTurn, msSince(t));
        }
        report("scroll the expanded tree: longest of 50 turns", longestTurn);
        longestAction = std::max(longestAction, longestTurn);
    }
    report("longest of these actions (one event-loop turn)", longestAction);

    // The same size of run followed live: one step per event-loop turn, as the engine's steps
    // arrive; store writes happen on this thread too, as in the app, at the app's durability
    // (the stored run above was written at Normal only to be quick).
    if (!store.setDurability(Store::Durability::Step))
        fail(QStringLiteral("cannot set durability"));
    auto live = store.createThread(QStringLiteral("Live run"), QStringLiteral("openai/gpt-4o"));
    if (!live)
        fail(live.error());
    panel.setThread(live->id);
    double applyTotal = 0;
    double applyLongest = 0;
    StoredRunWriter liveWriter(store, live->id, [&](const RunEvent &event) {
        QElapsedTimer t;
        t.start();
        model->applyEvent(event);
        const double ms = msSince(t);
        applyTotal += ms;
        applyLongest = std::max(applyLongest, ms);
    });
    StallMeter meter;
    meter.start();
    QElapsedTimer liveClock;
    liveClock.start();
    if (!liveWriter.begin())
        fail(liveWriter.error());
    int next = 0;
    QTimer stepper;
    stepper.setInterval(0);
    QObject::connect(&stepper, &QTimer::timeout, &app, [&] {
        if (next == kSteps) {
            stepper.stop();
            if (!liveWriter.finish())
                fail(liveWriter.error());
            QCoreApplication::quit();
            return;
        }
        if (!liveWriter.step(QString(), stepCalls(next++),
                             StoredRunWriter::usage(4243, 53, 0, 4096)))
            fail(liveWriter.error());
    });
    stepper.start();
    QApplication::exec();
    const double stall = meter.stop();
    report("live: 200 steps followed, wall time", msSince(liveClock));
    report("live: applyEvent total", applyTotal);
    report("live: longest applyEvent", applyLongest);
    report("live: longest event-loop stall (with store writes)", stall);
    if (model->rowCount(model->index(0, 0)) != kSteps)
        fail(QStringLiteral("the live run has %1 steps in the tree")
                 .arg(model->rowCount(model->index(0, 0))));
    return 0;
}
