// A thread's budget (issue 18) with the real engine: a scripted OpenAI-like model on 127.0.0.1,
// the real local sandboxes, the real store. The run stops between steps once the thread has
// cost its budget, with a message that says what to do; Continue is refused while the thread
// is still over it; raised, Continue goes on to the end.
#include "AgentTestSupport.h"

#include "agent/ApprovalPolicy.h"
#include "root/AppContext.h"
#include "services/CostService.h"
#include "store/Store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestBudget final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void budgetStopsTheRunAndRaisingItContinues();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeLlmServer> m_server;
    std::unique_ptr<AppContext> m_context;
};

void TestBudget::initTestCase()
{
    qputenv("OPENAI_API_KEY", "sk-test-openai-0123456789abcdefghij");
    qunsetenv("DAYTONA_API_KEY");
}

void TestBudget::init()
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
    QVERIFY2(m_context->agentEngine(&error), qPrintable(error));
}

void TestBudget::cleanup()
{
    m_context.reset();
    m_server.reset();
    m_dir.reset();
}

void TestBudget::budgetStopsTheRunAndRaisingItContinues()
{
    ScriptedModel script(*m_server, Wire::OpenAi, ::briefScenario());
    m_context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
    AgentEngine &engine = m_context->engine();
    RunRecorder recorder(engine);
    const auto thread = m_context->store().createThread(QStringLiteral("Budget"),
                                                        QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(thread);
    // Each scripted step reports 4243 input tokens (4096 cached) and 53 output: $0.00036105 on
    // gpt-4o-mini. A $0.0005 budget lets the first step through and stops after the second.
    QVERIFY(m_context->costs().setBudget(thread->id, 0.0005));
    QString error;
    QVERIFY2(engine.send(thread->id, QStringLiteral("go"), {}, &error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([&] { return recorder.ended; }, 120000));
    const auto finished = recorder.ofType(RunEvent::Type::RunFinished);
    QCOMPARE(finished.size(), 1);
    qInfo("tried: a $0.0005 budget on a 4-step run, result: stopped after %d steps: %s",
          script.stepsServed(), qPrintable(finished.first().text));
    QVERIFY(finished.first().stoppedAtLimit);
    QVERIFY(finished.first().stoppedAtBudget);
    QCOMPARE(script.stepsServed(), 2);
    QVERIFY(finished.first().text.contains(QLatin1String("reached its budget of $0.0005")));
    QVERIFY(finished.first().text.contains(QLatin1String("Raise or remove the budget")));
    const auto runs = m_context->store().listRuns(thread->id);
    QCOMPARE(runs->size(), 1);
    QCOMPARE(runs->first().status, RunStatus::Completed);
    QVERIFY(runs->first().error.startsWith(QLatin1String("stopped at the thread's budget")));

    // Still over it: Continue is refused with the same advice, and no request goes out.
    QVERIFY(!engine.continueRun(thread->id, {}, &error));
    qInfo("tried: Continue while over the budget, result: %s", qPrintable(error));
    QVERIFY(error.contains(QLatin1String("budget")));
    QCOMPARE(script.stepsServed(), 2);
    // A new message too.
    QVERIFY(!engine.send(thread->id, QStringLiteral("more"), {}, &error));
    QCOMPARE(m_context->store().listRuns(thread->id)->size(), 1);

    // Raised: Continue goes on to the end of the scenario.
    QVERIFY(m_context->costs().setBudget(thread->id, 1.0));
    recorder.ended = false;
    QVERIFY2(engine.continueRun(thread->id, {}, &error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([&] { return recorder.ended; }, 120000));
    const auto all = recorder.ofType(RunEvent::Type::RunFinished);
    QCOMPARE(all.size(), 2);
    QVERIFY(!all.last().stoppedAtLimit);
    QCOMPARE(script.stepsServed(), 4);
    const ThreadCost cost = m_context->costs().threadCost(thread->id);
    qInfo("tried: raised to $1.00 and continued, result: %d steps, thread cost %s",
          script.stepsServed(), qPrintable(ModelPrices::formatUsd(cost.usd)));
    QVERIFY(qAbs(cost.usd - 4 * 0.00036105) < 1e-12);
}

QTEST_GUILESS_MAIN(TestBudget)
#include "tst_budget.moc"
