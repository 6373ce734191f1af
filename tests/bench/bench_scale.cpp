// Benchmark of many sandboxes and runs at once (issue 19, "Many sandboxes and runs" and "Big
// outputs"), in the real window over real local sandboxes and a scripted local model server:
// - 100 local sandboxes alive: command round trip in a lone sandbox vs. with 100 alive, the
//   sandbox list's refresh (service + model + visible view), window stalls meanwhile;
// - 20 agent runs in parallel across threads, each running commands in its own sandbox: the
//   longest event-loop stall of the window while they run;
// - a command that prints 100 MB: the peak RSS of the app and the longest stall, and what the
//   user sees of the output (its size, the truncation marker).
// Prints numbers; asserts only that the work finishes.
#include "../ui/main/WindowTestSupport.h"

#include "agent/RunEvent.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxWaiter.h"
#include "sandboxes/SandboxManagerPanel.h"
#include "services/SandboxService.h"
#include "services/ThreadService.h"

#include <QAbstractItemView>
#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <ctime>

namespace {

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

double maxOf(const QList<double> &v)
{
    return v.isEmpty() ? 0 : *std::max_element(v.cbegin(), v.cend());
}

// Resident memory now and its peak since the last reset, from /proc/self/status (kB).
qint64 statusKb(const char *field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void resetPeakRss()
{
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    if (file.open(QIODevice::WriteOnly))
        file.write("5");
}

// The window's responsiveness: a 1 ms timer whose gaps are event-loop stalls. Each gap also
// records the CPU time the window's thread used in it and the time it was ready but waited for
// a core: a long gap with little of either is this thread blocked (a disk flush, a lock), one
// with much waiting is a loaded machine that did not schedule it.
class StallMeter final
{
public:
    StallMeter()
    {
        m_probe.setTimerType(Qt::PreciseTimer);
        m_probe.setInterval(1);
        QObject::connect(&m_probe, &QTimer::timeout, &m_probe, [this] {
            const double cpu = threadCpuMs();
            const double waited = runQueueMs();
            m_gaps.append(double(m_clock.nsecsElapsed()) / 1e6);
            m_cpu.append(cpu - m_lastCpu);
            m_waited.append(waited - m_lastWaited);
            m_lastCpu = cpu;
            m_lastWaited = waited;
            m_clock.restart();
        });
    }
    void start()
    {
        m_gaps.clear();
        m_cpu.clear();
        m_waited.clear();
        m_lastCpu = threadCpuMs();
        m_lastWaited = runQueueMs();
        m_clock.start();
        m_probe.start();
    }
    void stop() { m_probe.stop(); }
    double longest() const { return maxOf(m_gaps); }
    // The CPU time of the window's thread in the longest gap, and the most it used in any gap.
    double cpuOfLongest() const
    {
        return m_gaps.isEmpty()
            ? 0
            : m_cpu.at(std::max_element(m_gaps.cbegin(), m_gaps.cend()) - m_gaps.cbegin());
    }
    // The time the window's thread was ready to run in the longest gap but waited for a core.
    double waitedOfLongest() const
    {
        return m_gaps.isEmpty()
            ? 0
            : m_waited.at(std::max_element(m_gaps.cbegin(), m_gaps.cend()) - m_gaps.cbegin());
    }
    double longestCpu() const { return maxOf(m_cpu); }
    double p99() const
    {
        QList<double> v = m_gaps;
        std::sort(v.begin(), v.end());
        return v.isEmpty() ? 0 : v.at(qsizetype(double(v.size()) * 0.99));
    }
    QString summary() const
    {
        return QString::asprintf("longest window stall %.1f ms (its thread's CPU in it %.1f ms, "
                                 "waiting for a core %.1f ms; most CPU in one stall %.1f ms; "
                                 "p99 %.1f ms)",
                                 longest(), cpuOfLongest(), waitedOfLongest(), longestCpu(), p99());
    }

private:
    static double threadCpuMs()
    {
        timespec ts{};
        ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
    }

    // Time spent runnable but not running (the scheduler's run queue), from
    // /proc/thread-self/schedstat's second field (ns); 0 where the kernel does not keep it.
    static double runQueueMs()
    {
        QFile file(QStringLiteral("/proc/thread-self/schedstat"));
        if (!file.open(QIODevice::ReadOnly))
            return 0;
        return file.readLine().split(' ').value(1).toDouble() / 1e6;
    }

    QTimer m_probe;
    QElapsedTimer m_clock;
    QList<double> m_gaps;
    QList<double> m_cpu;
    QList<double> m_waited;
    double m_lastCpu = 0;
    double m_lastWaited = 0;
};

// Runs the event loop until done() or the timeout; a real loop (QTest::qWait sleeps).
bool spin(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
    return done();
}

template<typename Call> DaytonaResult await(Call *call)
{
    DaytonaResult result;
    bool finished = false;
    QObject::connect(call, &Call::finished, call, [&](const DaytonaResult &r) {
        result = r;
        finished = true;
    });
    spin([&] { return finished; }, 120000);
    return result;
}

int toolResultsIn(const RecordedRequest &request)
{
    int n = 0;
    for (const QJsonValue &m : request.json().value(QLatin1String("messages")).toArray())
        n += m.toObject().value(QLatin1String("role")).toString() == QLatin1String("tool");
    return n;
}

ScriptedCall commandCall(const RecordedRequest &request, const QString &command, int n)
{
    return {QStringLiteral("call_run%1").arg(n), QStringLiteral("runCommand"),
            QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                        {QStringLiteral("command"), command},
                        {QStringLiteral("timeoutSeconds"), 120}},
            QString()};
}

// One stateless step for every run: createSandbox, then `commands` runCommand calls in the
// sandbox it made, then an answer. The request says how far its run is.
ScriptedModel::Step runStep(const QStringList &commands)
{
    return [commands](const RecordedRequest &request) {
        const int done = toolResultsIn(request);
        if (done == 0)
            return ScriptedStep{
                QString(),
                {{QStringLiteral("call_create"), QStringLiteral("createSandbox"),
                  QJsonObject{{QStringLiteral("language"), QStringLiteral("python")}}, QString()}}};
        if (done <= commands.size())
            return ScriptedStep{QString(), {commandCall(request, commands.at(done - 1), done)}};
        return ScriptedStep{QStringLiteral("Done."), {}};
    };
}

} // namespace

class BenchScale final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void manySandboxes();
    void parallelRuns();
    void hugeOutput();
    void cleanupTestCase();

private:
    WindowFixture m_f;
    QList<RunEvent> m_events;
};

void BenchScale::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("studio.*.info=false"));
    QVERIFY(m_f.open(QStringLiteral("never-ask")));
    m_f.window->resize(1400, 900);
    QString error;
    AgentEngine *engine = m_f.context->agentEngine(&error);
    QVERIFY2(engine, qPrintable(error));
    connect(engine, &AgentEngine::runEvent, this, [this](const RunEvent &e) {
        if (e.type == RunEvent::Type::ToolCallFinished || e.type == RunEvent::Type::RunFinished
            || e.type == RunEvent::Type::RunFailed)
            m_events.append(e);
    });
}

void BenchScale::cleanupTestCase()
{
    m_f.window.reset();
}

void BenchScale::manySandboxes()
{
    constexpr int kSandboxes = 100;
    SandboxService &service = m_f.context->sandboxService();
    QString error;
    DaytonaClient *client = service.client(QStringLiteral("local"), &error);
    QVERIFY2(client, qPrintable(error));
    // The list is on screen, as a user watching it has it (it polls while visible).
    m_f.window->findChild<QAction *>(QStringLiteral("actionShowSandboxes"))->trigger();
    QVERIFY(m_f.window->sandboxPanel()->isVisible());

    const auto roundTrips = [&](const QList<Sandbox> &in, int count) {
        QList<double> ms;
        for (int i = 0; i < count; ++i) {
            QElapsedTimer t;
            t.start();
            const DaytonaResult r
                = await(client->execute(in.at(i % in.size()), QStringLiteral("true")));
            ms.append(double(t.nsecsElapsed()) / 1e6);
            if (!r.ok())
                qWarning() << "execute failed:" << r.error.message;
        }
        return ms;
    };

    QList<Sandbox> sandboxes;
    QList<double> create;
    for (int i = 0; i < kSandboxes; ++i) {
        QElapsedTimer t;
        t.start();
        const DaytonaResult r = await(client->createAndWait(CreateSandboxParams()));
        create.append(double(t.nsecsElapsed()) / 1e6);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        sandboxes.append(r.sandbox);
        if (i == 0) {
            roundTrips(sandboxes, 3); // warm caches
            const QList<double> lone = roundTrips(sandboxes, 30);
            qInfo("lone sandbox: execute `true` round trip median %.2f ms (max %.2f) over %d",
                  median(lone), maxOf(lone), int(lone.size()));
        }
    }
    qInfo("100 sandboxes: create-to-started median %.2f ms, max %.2f ms", median(create),
          maxOf(create));
    qInfo("process limits: %lld fds open in this process",
          qlonglong(QDir(QStringLiteral("/proc/self/fd"))
                        .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                        .size()));

    // The list's refresh with 100 alive: from refresh() to the view's model holding them all.
    StallMeter stalls;
    stalls.start();
    QList<double> refresh;
    QAbstractItemModel *rows = m_f.window->sandboxPanel()->view()->model();
    for (int i = 0; i < 10; ++i) {
        bool ok = false;
        bool refreshed = false;
        QElapsedTimer t;
        auto c = connect(&service, &SandboxService::refreshed, this, [&](bool success) {
            refresh.append(double(t.nsecsElapsed()) / 1e6);
            ok = success;
            refreshed = true;
        });
        t.start();
        service.refresh();
        spin([&] { return refreshed; }, 30000);
        disconnect(c);
        QVERIFY(ok);
    }
    stalls.stop();
    QVERIFY2(rows->rowCount() >= kSandboxes, qPrintable(QString::number(rows->rowCount())));
    qInfo("100 sandboxes: list refresh (servers -> service -> model) median %.2f ms, max %.2f ms "
          "over %d; %d rows shown; %s",
          median(refresh), maxOf(refresh), int(refresh.size()), rows->rowCount(),
          qPrintable(stalls.summary()));

    // Each command round trip with 100 alive: one in every sandbox, then the first one again.
    stalls.start();
    const QList<double> each = roundTrips(sandboxes, kSandboxes);
    const QList<double> first = roundTrips({sandboxes.constFirst()}, 30);
    stalls.stop();
    qInfo("100 sandboxes: execute `true` round trip median %.2f ms (max %.2f) one in each; "
          "in the first again median %.2f ms; %s",
          median(each), maxOf(each), median(first), qPrintable(stalls.summary()));

    // 20 commands that wait 1 s, at once in 20 sandboxes: ~1 s when they run side by side.
    {
        QElapsedTimer t;
        t.start();
        int waiting = 20;
        for (int i = 0; i < 20; ++i)
            connect(client->execute(sandboxes.at(i), QStringLiteral("sleep 1")),
                    &DaytonaCall::finished, this, [&waiting](const DaytonaResult &) { --waiting; });
        QVERIFY(spin([&] { return waiting == 0; }, 120000));
        qInfo("20 sandboxes: `sleep 1` in each at once: all done in %.1f ms (side by side: "
              "~1000 ms)",
              double(t.nsecsElapsed()) / 1e6);
    }

    // All 100 at once (2 cores: this measures throughput, not latency).
    QElapsedTimer all;
    all.start();
    int pending = kSandboxes;
    for (const Sandbox &s : std::as_const(sandboxes))
        connect(client->execute(s, QStringLiteral("true")), &DaytonaCall::finished, this,
                [&pending](const DaytonaResult &) { --pending; });
    stalls.start();
    QVERIFY(spin([&] { return pending == 0; }, 120000));
    stalls.stop();
    qInfo("100 sandboxes: one command in each at once: all done in %.1f ms; %s",
          double(all.nsecsElapsed()) / 1e6, qPrintable(stalls.summary()));
}

void BenchScale::parallelRuns()
{
    constexpr int kRuns = 20;
    constexpr int kCommands = 3;
    const QStringList commands{QStringLiteral("echo hello; ls /"),
                               QStringLiteral("sleep 1; python3 -c 'print(sum(range(100000)))'"),
                               QStringLiteral("seq 1 2000")};
    QList<ScriptedModel::Step> steps;
    for (int i = 0; i < kRuns * (kCommands + 2); ++i)
        steps.append(runStep(commands));
    ScriptedModel model(m_f.server, Wire::OpenAi, steps);
    AgentEngine *engine = &m_f.context->engine();
    QList<RowId> threads;
    for (int i = 0; i < kRuns; ++i) {
        const auto thread = m_f.context->threads().create(QStringLiteral("parallel %1").arg(i),
                                                          QStringLiteral("openai/gpt-4o-mini"));
        QVERIFY(thread);
        threads.append(thread->id);
    }
    m_events.clear();
    StallMeter stalls;
    QElapsedTimer wall;
    wall.start();
    stalls.start();
    for (const RowId id : std::as_const(threads)) {
        QString error;
        QVERIFY2(engine->send(id, QStringLiteral("run a few commands"), {}, &error),
                 qPrintable(error));
    }
    const auto ended = [this] {
        return int(std::count_if(m_events.cbegin(), m_events.cend(), [](const RunEvent &e) {
            return e.type == RunEvent::Type::RunFinished || e.type == RunEvent::Type::RunFailed;
        }));
    };
    QVERIFY(spin([&] { return ended() >= kRuns; }, 300000));
    stalls.stop();
    QList<double> tools;
    int failed = 0;
    for (const RunEvent &e : std::as_const(m_events)) {
        if (e.type == RunEvent::Type::ToolCallFinished)
            tools.append(double(e.durationMs));
        failed += e.type == RunEvent::Type::RunFailed;
    }
    qInfo("20 parallel runs (createSandbox + %d commands each): all ended in %.0f ms, %d failed; "
          "tool call median %.1f ms (max %.1f) over %d; %s",
          kCommands, double(wall.nsecsElapsed()) / 1e6, failed, median(tools), maxOf(tools),
          int(tools.size()), qPrintable(stalls.summary()));
    QCOMPARE(failed, 0);
}

void BenchScale::hugeOutput()
{
    // 100 MB of output (no big line, no small ones either: 40-byte lines).
    const QString command = QStringLiteral(
        "yes 0123456789abcdefghijklmnopqrstuvwxyz012 | head -c 100000000; echo; echo end");
    ScriptedModel model(m_f.server, Wire::OpenAi,
                        {runStep({command}), runStep({command}), runStep({command})});
    m_events.clear();
    auto *composer = m_f.find<QPlainTextEdit>(QStringLiteral("composer"));
    QVERIFY(composer);
    QTest::keyClick(m_f.window.get(), Qt::Key_N, Qt::ControlModifier);
    const qint64 before = statusKb("VmRSS:");
    resetPeakRss();
    StallMeter stalls;
    QElapsedTimer wall;
    wall.start();
    stalls.start();
    composer->setFocus();
    QTest::keyClicks(composer, QStringLiteral("print a lot"));
    QTest::keyClick(composer, Qt::Key_Return);
    QVERIFY(spin(
        [this] {
            return std::any_of(m_events.cbegin(), m_events.cend(), [](const RunEvent &e) {
                return e.type == RunEvent::Type::RunFinished || e.type == RunEvent::Type::RunFailed;
            });
        },
        300000));
    // What the window does with the result after the run (the card, the inspector).
    spin([] { return false; }, 500);
    stalls.stop();
    const qint64 peak = statusKb("VmHWM:");
    qint64 stdoutChars = 0;
    bool stdoutMarker = false;
    for (const RunEvent &e : std::as_const(m_events)) {
        if (e.type != RunEvent::Type::ToolCallFinished)
            continue;
        const QString out = e.result.toObject().value(QLatin1String("stdout")).toString();
        stdoutChars = qMax<qint64>(stdoutChars, out.size());
        stdoutMarker = stdoutMarker || out.contains(QLatin1String("output truncated"));
    }
    qInfo("100 MB output: run ended in %.0f ms; RSS before %.1f MiB, peak %.1f MiB (whole "
          "process: app + local server); %s; tool result stdout %lld chars (truncation "
          "marker: %s)",
          double(wall.nsecsElapsed()) / 1e6, double(before) / 1024, double(peak) / 1024,
          qPrintable(stalls.summary()), qlonglong(stdoutChars), stdoutMarker ? "yes" : "no");
}

QTEST_MAIN(BenchScale)
#include "bench_scale.moc"
