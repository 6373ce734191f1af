// Benchmark: the engine's own cost per step (time outside the model server and the sandbox
// server) and the whole brief scenario's time and peak memory. Prints numbers; asserts only that
// the runs finish.
#include "AgentTestSupport.h"

#include "agent/ApprovalPolicy.h"
#include "root/AppContext.h"
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

    constexpr int kRuns = 8;
    QList<double> wall, engineMsPerStep, toolMs, modelMs;
    for (int i = 0; i < kRuns; ++i) {
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
        disconnect(connection);
        QCOMPARE(steps, 4);
        wall << double(total);
        toolMs << double(tools);
        modelMs << double(model);
        engineMsPerStep << double(total - tools - model) / steps;
    }
    const auto median = [](QList<double> v) {
        std::sort(v.begin(), v.end());
        return v.at(v.size() / 2);
    };
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    qInfo("brief scenario (4 steps, 3 tools), median of %d runs:", kRuns);
    qInfo("  whole run:          %.1f ms", median(wall));
    qInfo("  model server:       %.1f ms (local fake, streamed)", median(modelMs));
    qInfo("  sandbox tools:      %.1f ms", median(toolMs));
    qInfo("  engine per step:    %.2f ms (outside the model and sandbox servers)",
          median(engineMsPerStep));
    qInfo("  peak memory (RSS):  %.1f MiB (whole test process)", double(usage.ru_maxrss) / 1024.0);
}

QTEST_GUILESS_MAIN(BenchAgent)
#include "bench_agent.moc"
