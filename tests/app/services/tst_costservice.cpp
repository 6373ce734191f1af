// Prices, costs and budgets (issue 18) over a real data folder (AppContext: real SQLite file,
// real settings file): the cost of recorded streams' usage at known list prices, computed by
// hand here; cached input priced apart; local servers free, unknown models "no price"; a
// thread's cost and context use from its stored steps; the user's price and a thread's budget
// survive a restart; the budget message says what to do.
#include "../llm/LlmTestSupport.h"
#include "root/AppContext.h"
#include "services/CostService.h"
#include "services/ThreadService.h"
#include "store/Store.h"

#include <QDate>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestCostService final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void builtInListIsDatedAndValid();
    void recordedStreamsCostTheirListPrice_data();
    void recordedStreamsCostTheirListPrice();
    void cachedInputIsPricedApart();
    void localIsFreeAndUnknownHasNoPrice();
    void threadCostAndContextFromStoredSteps();
    void customPriceWinsAndSurvivesARestart();
    void budgetSurvivesARestartAndSaysWhatToDo();

private:
    void reopen();
    CostService &costs() { return m_context->costs(); }
    RowId addThread(const QString &model);
    void addStep(RowId runId, const TokenUsage &usage);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_context;
};

void TestCostService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    reopen();
}

void TestCostService::cleanup()
{
    m_context.reset();
    m_dir.reset();
}

void TestCostService::reopen()
{
    m_context.reset();
    m_context = std::make_unique<AppContext>(StudioPaths::underRoot(m_dir->path()));
    QString error;
    QVERIFY2(m_context->open(&error), qPrintable(error));
}

RowId TestCostService::addThread(const QString &model)
{
    const auto thread = m_context->threads().create(QStringLiteral("t"), model);
    return thread ? thread->id : 0;
}

void TestCostService::addStep(RowId runId, const TokenUsage &usage)
{
    const auto step = m_context->store().startStep(runId);
    QVERIFY(step);
    QVERIFY(m_context->store().finishStep(step->id, QStringLiteral("tool-calls"), usage, 10, 20));
}

void TestCostService::builtInListIsDatedAndValid()
{
    QString error;
    QFile file(QStringLiteral(STUDIO_SOURCE_DIR "/resources/prices/model-prices.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const ModelPrices parsed(file.readAll(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const ModelPrices &builtIn = costs().prices();
    qInfo("tried: the built-in price list, result: %d models, taken on %s",
          int(builtIn.listedModels().size()), qPrintable(builtIn.takenOn()));
    QCOMPARE(builtIn.listedModels().size(), parsed.listedModels().size());
    QVERIFY(QDate::fromString(builtIn.takenOn(), Qt::ISODate).isValid());
    // Every suggested model of the big providers has a price and a context window.
    for (const char *model : {"openai/gpt-4o-mini", "openai/gpt-4.1", "anthropic/claude-sonnet-4-5",
                              "anthropic/claude-haiku-4-5", "google/gemini-2.5-pro"}) {
        const auto price = builtIn.find(QLatin1String(model));
        QVERIFY2(price && price->input > 0 && price->output > 0 && price->contextWindow > 0, model);
    }
}

void TestCostService::recordedStreamsCostTheirListPrice_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("model");
    QTest::addColumn<qint64>("input");
    QTest::addColumn<qint64>("output");
    QTest::addColumn<double>("usd");
    // gpt-4o-2024-08-06 takes gpt-4o's row ($2.50 in, $10 out per 1M):
    // 149 × 2.50 / 1e6 + 60 × 10 / 1e6 = 0.0003725 + 0.0006 = $0.0009725.
    QTest::addRow("openai gpt-4o")
        << QStringLiteral("openai-chat-parallel-tool-calls.sse")
        << QStringLiteral("openai/gpt-4o-2024-08-06") << qint64(149) << qint64(60) << 0.0009725;
    // claude-sonnet-4-20250514 takes claude-sonnet-4's row ($3 in, $15 out):
    // 377 × 3 / 1e6 + 65 × 15 / 1e6 = 0.001131 + 0.000975 = $0.002106.
    QTest::addRow("anthropic claude-sonnet-4")
        << QStringLiteral("anthropic-text-then-tool-use.sse")
        << QStringLiteral("anthropic/claude-sonnet-4-20250514") << qint64(377) << qint64(65)
        << 0.002106;
}

void TestCostService::recordedStreamsCostTheirListPrice()
{
    QFETCH(QString, file);
    QFETCH(QString, model);
    QFETCH(qint64, input);
    QFETCH(qint64, output);
    QFETCH(double, usd);
    const LlmTest::Decoded decoded
        = LlmTest::decode(LlmTest::streamBody(file), LlmTest::isAnthropicFixture(file));
    const TokenUsage &usage = decoded.result.usage;
    QCOMPARE(usage.inputTokens, input);
    QCOMPARE(usage.outputTokens, output);
    const auto cost = costs().cost(model, usage);
    qInfo("tried: %s's usage (%lld in, %lld out) as %s, result: %s", qPrintable(file),
          usage.inputTokens, usage.outputTokens, qPrintable(model),
          qPrintable(costs().costText(model, usage)));
    QVERIFY(cost);
    QVERIFY2(qAbs(*cost - usd) < 1e-12, qPrintable(QString::number(*cost, 'g', 12)));
    QCOMPARE(costs().costText(model, usage), ModelPrices::formatUsd(usd));
}

void TestCostService::cachedInputIsPricedApart()
{
    // What the scripted OpenAI model reports: 4243 prompt tokens of which 4096 cached, 53 out.
    // gpt-4o-mini: $0.15 in, $0.075 cached, $0.60 out per 1M:
    // 147 × 0.15 + 4096 × 0.075 + 53 × 0.60 = 22.05 + 307.2 + 31.8 = 361.05 → $0.00036105
    // (all input at the full price would be 4243 × 0.15 + 31.8 = 668.25 → $0.00066825).
    TokenUsage usage;
    usage.inputTokens = 4243;
    usage.cachedInputTokens = 4096;
    usage.outputTokens = 53;
    usage.totalTokens = 4296;
    const auto cost = costs().cost(QStringLiteral("openai/gpt-4o-mini"), usage);
    qInfo("tried: 4243 in (4096 cached), 53 out on gpt-4o-mini, result: $%.8f", cost.value_or(-1));
    QVERIFY(cost);
    QVERIFY(qAbs(*cost - 0.00036105) < 1e-12);
    QCOMPARE(ModelPrices::formatUsd(*cost), QStringLiteral("$0.0004"));
}

void TestCostService::localIsFreeAndUnknownHasNoPrice()
{
    TokenUsage usage;
    usage.inputTokens = 1000000;
    usage.outputTokens = 1000000;
    const auto local = costs().price(QStringLiteral("ollama/qwen2.5-coder:7b"));
    QVERIFY(local);
    QCOMPARE(local->source, ModelPrice::Source::Local);
    QCOMPARE(costs().costText(QStringLiteral("ollama/qwen2.5-coder:7b"), usage),
             QStringLiteral("$0.00"));
    QCOMPARE(costs().costText(QStringLiteral("lmstudio/any"), usage), QStringLiteral("$0.00"));
    // A custom server and an unknown model: no price, never $0.
    QVERIFY(!costs().price(QStringLiteral("custom/my-model")));
    QVERIFY(!costs().price(QStringLiteral("openai/gpt-99-turbo")));
    QCOMPARE(costs().costText(QStringLiteral("custom/my-model"), usage),
             QStringLiteral("no price"));
    qInfo("tried: ollama, lmstudio, custom and an unknown OpenAI model, result: $0.00, $0.00, "
          "no price, no price");
}

void TestCostService::threadCostAndContextFromStoredSteps()
{
    const RowId thread = addThread(QStringLiteral("openai/gpt-4o-mini"));
    const auto run = m_context->store().createRun(thread, QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(run);
    TokenUsage first;
    first.inputTokens = 4243;
    first.cachedInputTokens = 4096;
    first.outputTokens = 53;
    addStep(run->id, first);
    TokenUsage second = first;
    second.inputTokens = 9000;
    second.outputTokens = 100;
    addStep(run->id, second);
    // A second run on a model without a price: the total is a lower bound.
    const auto other = m_context->store().createRun(thread, QStringLiteral("custom/x"));
    QVERIFY(other);
    TokenUsage unknown;
    unknown.inputTokens = 10;
    unknown.outputTokens = 10;
    addStep(other->id, unknown);

    const ThreadCost cost = costs().threadCost(thread);
    // Step 1 as above, 361.05e-6; step 2: 4904 × 0.15 + 4096 × 0.075 + 100 × 0.6
    // = 735.6 + 307.2 + 60 = 1102.8e-6. Together $0.00146385.
    qInfo("tried: two priced steps and one unpriced, result: %s, priced %d, context %lld of %lld",
          qPrintable(ModelPrices::formatUsd(cost.usd)), int(cost.priced), cost.contextTokens,
          cost.contextWindow);
    QVERIFY(qAbs(cost.usd - 0.00146385) < 1e-12);
    QVERIFY(!cost.priced);
    // The context is the newest step's: the unpriced run's 10 + 10, in gpt-4o-mini's window
    // (the thread's model now).
    QCOMPARE(cost.contextTokens, qint64(20));
    QCOMPARE(cost.contextWindow, qint64(128000));
    QCOMPARE(cost.usage.inputTokens, qint64(4243 + 9000 + 10));
}

void TestCostService::customPriceWinsAndSurvivesARestart()
{
    QSignalSpy changed(&costs(), &CostService::pricesChanged);
    ModelPrice mine;
    mine.input = 1.0;
    mine.cachedInput = 0.5;
    mine.output = 2.0;
    mine.contextWindow = 32768;
    costs().setCustomPrice(QStringLiteral("custom/my-model"), mine);
    QCOMPARE(changed.size(), 1);
    // Over a list price too.
    ModelPrice cheaper = mine;
    cheaper.input = 0.01;
    costs().setCustomPrice(QStringLiteral("openai/gpt-4o-mini"), cheaper);

    reopen();
    TokenUsage usage;
    usage.inputTokens = 1000000;
    usage.cachedInputTokens = 500000;
    usage.outputTokens = 250000;
    // 500000 × 1.0 + 500000 × 0.5 + 250000 × 2.0 = 1.25 dollars.
    const auto cost = costs().cost(QStringLiteral("custom/my-model"), usage);
    qInfo("tried: a custom model's price, restarted, result: %s",
          qPrintable(costs().costText(QStringLiteral("custom/my-model"), usage)));
    QVERIFY(cost);
    QVERIFY(qAbs(*cost - 1.25) < 1e-9);
    QCOMPARE(costs().price(QStringLiteral("custom/my-model"))->contextWindow, qint64(32768));
    QCOMPARE(costs().price(QStringLiteral("openai/gpt-4o-mini"))->input, 0.01);
    QCOMPARE(costs().price(QStringLiteral("openai/gpt-4o-mini"))->source,
             ModelPrice::Source::Custom);

    costs().setCustomPrice(QStringLiteral("openai/gpt-4o-mini"), std::nullopt);
    QCOMPARE(costs().price(QStringLiteral("openai/gpt-4o-mini"))->input, 0.15);
}

void TestCostService::budgetSurvivesARestartAndSaysWhatToDo()
{
    const RowId thread = addThread(QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(!costs().budget(thread));
    QVERIFY(costs().budgetReached(thread).isEmpty());
    QSignalSpy changed(&costs(), &CostService::budgetChanged);
    QVERIFY(costs().setBudget(thread, 0.0005));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().value<RowId>(), thread);
    QVERIFY(!costs().setBudget(999999, 1.0)); // no such thread

    reopen();
    QCOMPARE(costs().budget(thread).value_or(-1), 0.0005);
    const auto run = m_context->store().createRun(thread, QStringLiteral("openai/gpt-4o-mini"));
    TokenUsage usage;
    usage.inputTokens = 4243;
    usage.cachedInputTokens = 4096;
    usage.outputTokens = 53;
    addStep(run->id, usage);
    QVERIFY(costs().budgetReached(thread).isEmpty()); // $0.00036105 < $0.0005
    addStep(run->id, usage);
    const QString reached = costs().budgetReached(thread);
    qInfo("tried: $0.0005 budget after two steps of $0.00036105, result: %s", qPrintable(reached));
    QVERIFY(reached.contains(QLatin1String("budget of $0.0005")));
    QVERIFY(reached.contains(QLatin1String("has cost $0.0007")));
    QVERIFY(reached.contains(QLatin1String("then Continue")));

    QVERIFY(costs().setBudget(thread, std::nullopt));
    QVERIFY(!costs().budget(thread));
    QVERIFY(costs().budgetReached(thread).isEmpty());
}

QTEST_GUILESS_MAIN(TestCostService)
#include "tst_costservice.moc"
