// Benchmark: the engine's own cost per step (time outside the model server and the sandbox
// server) and the whole brief scenario's time and peak memory. Prints numbers; asserts only that
// the runs finish.
#include "AgentTestSupport.h"

#include "agent/ApprovalPolicy.h"
#include "root/AppContext.h"
#include "services/CheckpointService.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <sys/resource.h>

class BenchAgent final : public QObject
{
    Q_OBJECT

private slots:
    void briefScenario();
};

void BenchAgent::briefScenario()
{
    qputenv("OPENAI_API_KEY", "sk-bench-0123456789abcdefghijklmnop");
    QTemporaryDir dir;
    QFile::setPermissions(dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    FakeLlmServer server;
    QVERIFY(server.listen());
    qputenv("OPENAI_BASE_URL", server.baseUrl().toString().toUtf8());
    AppContext context(StudioPaths::underRoot(dir.filePath(QStringLiteral("data"))));
    QString error;
    QVERIFY2(context.open(&error), qPrintable(error));
    context.setSandboxProvider(QStringLiteral("local"));
    AgentEngine *engine = context.agentEngine(&error);
    QVERIFY2(engine, qPrintable(error));
    context.approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
    // BENCH_AGENT_DURABILITY=full: every commit fsynced, as before issue 19 (for comparing).
    if (qgetenv("BENCH_AGENT_DURABILITY") == "full")
        QVERIFY(context.store().setDurability(Store::Durability::Full));

    // Checkpoints (issue 15) are part of a file-changing step's cost but git work, not the
    // engine's: measured apart (the same scenario with checkpoints off).
    struct Sample
    {
        double wall = 0, model = 0, tools = 0, enginePerStep = 0, commitsPerStep = 0,
               msPerCommit = 0, commitMsPerStep = 0, preparedPerStep = 0, reusedPerStep = 0;
    };
    const auto runOnce = [&](Sample *sample) {
        ScriptedModel script(server, Wire::OpenAi, ::briefScenario());
        QElapsedTimer clock;
        qint64 stepStart = -1, tools = 0, model = 0;
        int steps = 0;
        bool ended = false;
        auto connection = connect(engine, &AgentEngine::runEvent, this, [&](const RunEvent &e) {
            switch (e.type) {
            case RunEvent::Type::StepStarted:
                stepStart = clock.elapsed();
                break;
            case RunEvent::Type::ToolCallReady:
                if (stepStart >= 0) {
                    model += clock.elapsed() - stepStart;
                    stepStart = -1;
                }
                break;
            case RunEvent::Type::ToolCallFinished:
                tools += e.durationMs;
                break;
            case RunEvent::Type::StepFinished:
                if (stepStart >= 0) {
                    model += clock.elapsed() - stepStart;
                    stepStart = -1;
                }
                ++steps;
                break;
            case RunEvent::Type::RunFinished:
            case RunEvent::Type::RunFailed:
                ended = true;
                break;
            default:
                break;
            }
        });
        auto thread = context.store().createThread(QStringLiteral("bench"),
                                                   QStringLiteral("openai/gpt-4o-mini"));
        const Store::DurabilityStats before = context.store().durabilityStats();
        clock.start();
        QVERIFY(engine->send(thread->id, QStringLiteral("reverse a string"), {}, &error));
        // A real event loop, not QTRY_VERIFY: QTest::qWaitFor sleeps 10 ms whenever the loop
        // is idle, which added up to 10 ms to every asynchronous hop of the run.
        if (!ended) {
            QEventLoop loop;
            QTimer::singleShot(120000, &loop, &QEventLoop::quit);
            connect(engine, &AgentEngine::runEvent, &loop, [&] {
                if (ended)
                    loop.quit();
            });
            loop.exec();
        }
        QVERIFY(ended);
        const qint64 total = clock.elapsed();
        const Store::DurabilityStats after = context.store().durabilityStats();
        disconnect(connection);
        QCOMPARE(steps, 4);
        const double commits = double(after.commits - before.commits);
        const double commitMs = double(after.commitNanoseconds - before.commitNanoseconds) / 1e6;
        sample->wall = double(total);
        sample->tools = double(tools);
        sample->model = double(model);
        sample->enginePerStep = double(total - tools - model) / steps;
        sample->commitsPerStep = commits / steps;
        sample->msPerCommit = commits > 0 ? commitMs / commits : 0;
        sample->commitMsPerStep = commitMs / steps;
        sample->preparedPerStep
            = double(after.statementsPrepared - before.statementsPrepared) / steps;
        sample->reusedPerStep = double(after.statementsReused - before.statementsReused) / steps;
    };
    const auto median = [](QList<double> v) {
        std::sort(v.begin(), v.end());
        return v.at(v.size() / 2);
    };
    const auto p95 = [](QList<double> v) {
        std::sort(v.begin(), v.end());
        return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(v.size() * 0.95)));
    };
    const int runs = qEnvironmentVariableIsSet("BENCH_AGENT_RUNS")
        ? qEnvironmentVariableIntValue("BENCH_AGENT_RUNS")
        : 8;
    QHash<bool, QList<Sample>> samples;
    for (int i = 0; i < 2 * runs; ++i) {
        // Interleaved, so that the machine's other load hits both alike.
        const bool withCheckpoints = i % 2 == 0;
        context.checkpoints().setEnabled(withCheckpoints);
        Sample sample;
        runOnce(&sample);
        if (QTest::currentTestFailed())
            return;
        samples[withCheckpoints] << sample;
    }
    const auto column = [](const QList<Sample> &list, double Sample::*field) {
        QList<double> values;
        for (const Sample &sample : list)
            values << sample.*field;
        return values;
    };
    const QList<Sample> &on = samples[true];
    const QList<Sample> &off = samples[false];
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    qInfo("brief scenario (4 steps, 3 tools), median of %d runs (store durability: %s):", runs,
          context.store().durability() == Store::Durability::Step ? "per step" : "full");
    qInfo("  whole run:          %.1f ms", median(column(on, &Sample::wall)));
    qInfo("  model server:       %.1f ms (local fake, streamed)",
          median(column(on, &Sample::model)));
    qInfo("  sandbox tools:      %.1f ms", median(column(on, &Sample::tools)));
    qInfo("  engine per step:    %.2f ms median, %.2f ms p95 (outside the model and sandbox "
          "servers, checkpoints off)",
          median(column(off, &Sample::enginePerStep)), p95(column(off, &Sample::enginePerStep)));
    qInfo("  with checkpoints:   %.2f ms median, %.2f ms p95 per step (the git work of issue "
          "15's checkpoints around writeFiles and after createSandbox: %.1f ms per run)",
          median(column(on, &Sample::enginePerStep)), p95(column(on, &Sample::enginePerStep)),
          (median(column(on, &Sample::enginePerStep)) - median(column(off, &Sample::enginePerStep)))
              * 4);
    qInfo("  store commits:      %.1f per step, %.3f ms per commit, %.2f ms per step "
          "(on the GUI thread)",
          median(column(off, &Sample::commitsPerStep)), median(column(off, &Sample::msPerCommit)),
          median(column(off, &Sample::commitMsPerStep)));
    qInfo("  store statements:   %.1f prepared, %.1f reused from the cache per step",
          median(column(off, &Sample::preparedPerStep)),
          median(column(off, &Sample::reusedPerStep)));
    const Store::DurabilityStats stats = context.store().durabilityStats();
    qInfo("  background flushes: %llu for %llu requests, last %.2f ms (off the GUI thread)",
          static_cast<unsigned long long>(stats.flushes),
          static_cast<unsigned long long>(stats.flushRequests),
          double(stats.lastFlushMicroseconds) / 1000.0);
    qInfo("  peak memory (RSS):  %.1f MiB (whole test process)", double(usage.ru_maxrss) / 1024.0);
}

QTEST_GUILESS_MAIN(BenchAgent)
#include "bench_agent.moc"
