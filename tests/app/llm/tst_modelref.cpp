// ModelRef parsing and the provider catalog: every provider the issue lists, keys, base URLs
// and their overrides (setting > OPENAI_BASE_URL / ANTHROPIC_BASE_URL > default).
#include "llm/ModelRef.h"
#include "llm/ProviderCatalog.h"

#include <QHash>
#include <QTest>

class TestModelRef final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void roundTrip();
    void catalogHasEveryProvider_data();
    void catalogHasEveryProvider();
    void aliasesAndCase();
    void baseUrlResolution_data();
    void baseUrlResolution();
    void keyFromEnvironment();
};

void TestModelRef::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("errorContains");

    const auto row
        = [](const char *text, const char *provider, const char *model, const char *error = "") {
              QTest::newRow(text) << QString::fromUtf8(text) << QString::fromUtf8(provider)
                                  << QString::fromUtf8(model) << QString::fromUtf8(error);
          };
    row("openai/gpt-4o-mini", "openai", "gpt-4o-mini");
    row("anthropic/claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5");
    row("openrouter/anthropic/claude-3.5-sonnet", "openrouter", "anthropic/claude-3.5-sonnet");
    row("ollama/qwen2.5-coder:7b", "ollama", "qwen2.5-coder:7b");
    row("custom/org/team/model-v1", "custom", "org/team/model-v1");
    row("  groq/llama-3.3-70b-versatile  ", "groq", "llama-3.3-70b-versatile");
    row("OpenAI/gpt-4o", "openai", "gpt-4o");
    row("gpt-4o", "", "", "provider/model");
    row("", "", "", "No model given");
    row("/gpt-4o", "", "", "no provider");
    row("openai/", "", "", "no model name");
    row("openai//x", "", "", "no model name");
    row("open ai/gpt", "", "", "not a provider id");
    row("openai/gpt 4o", "", "", "white space");
}

void TestModelRef::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, provider);
    QFETCH(QString, model);
    QFETCH(QString, errorContains);
    QString error;
    const auto ref = ModelRef::parse(text, &error);
    if (errorContains.isEmpty()) {
        QVERIFY2(ref.has_value(), qPrintable(error));
        QCOMPARE(ref->provider(), provider);
        QCOMPARE(ref->model(), model);
        QVERIFY(ref->isValid());
    } else {
        QVERIFY(!ref.has_value());
        QVERIFY2(error.contains(errorContains), qPrintable(error));
    }
}

void TestModelRef::roundTrip()
{
    const auto ref = ModelRef::parse(QStringLiteral("openrouter/meta-llama/llama-3.1-8b"));
    QVERIFY(ref);
    QCOMPARE(ref->toString(), QStringLiteral("openrouter/meta-llama/llama-3.1-8b"));
    QCOMPARE(ModelRef::parse(ref->toString()), ref);
    QVERIFY(!ModelRef().isValid());
}

void TestModelRef::catalogHasEveryProvider_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("anthropicProtocol");
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("keyVariable");
    QTest::addColumn<bool>("keyRequired");

    const auto row
        = [](const char *id, bool anthropic, const char *url, const char *key, bool required) {
              QTest::newRow(id) << QString::fromLatin1(id) << anthropic << QString::fromLatin1(url)
                                << QString::fromLatin1(key) << required;
          };
    row("openai", false, "https://api.openai.com/v1", "OPENAI_API_KEY", true);
    row("anthropic", true, "https://api.anthropic.com/v1", "ANTHROPIC_API_KEY", true);
    row("google", false, "https://generativelanguage.googleapis.com/v1beta/openai",
        "GOOGLE_GENERATIVE_AI_API_KEY", true);
    row("openrouter", false, "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", true);
    row("groq", false, "https://api.groq.com/openai/v1", "GROQ_API_KEY", true);
    row("mistral", false, "https://api.mistral.ai/v1", "MISTRAL_API_KEY", true);
    row("deepseek", false, "https://api.deepseek.com", "DEEPSEEK_API_KEY", true);
    row("xai", false, "https://api.x.ai/v1", "XAI_API_KEY", true);
    row("together", false, "https://api.together.xyz/v1", "TOGETHER_API_KEY", true);
    row("fireworks", false, "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY", true);
    row("cerebras", false, "https://api.cerebras.ai/v1", "CEREBRAS_API_KEY", true);
    row("ollama", false, "http://localhost:11434/v1", "", false);
    row("lmstudio", false, "http://127.0.0.1:1234/v1", "", false);
    row("custom", false, "", "CUSTOM_API_KEY", false);
}

void TestModelRef::catalogHasEveryProvider()
{
    QFETCH(QString, id);
    QFETCH(bool, anthropicProtocol);
    QFETCH(QString, baseUrl);
    QFETCH(QString, keyVariable);
    QFETCH(bool, keyRequired);
    const ProviderCatalog catalog;
    const auto p = catalog.find(id);
    QVERIFY(p);
    QCOMPARE(p->id, id);
    QVERIFY(!p->displayName.isEmpty());
    QCOMPARE(p->protocol == WireProtocol::AnthropicMessages, anthropicProtocol);
    QCOMPARE(p->defaultBaseUrl, baseUrl);
    QCOMPARE(p->keyVariable, keyVariable);
    QCOMPARE(p->keyRequired, keyRequired);
}

void TestModelRef::aliasesAndCase()
{
    const ProviderCatalog catalog;
    QCOMPARE(catalog.find(QStringLiteral("gemini"))->id, QStringLiteral("google"));
    QCOMPARE(catalog.find(QStringLiteral("togetherai"))->id, QStringLiteral("together"));
    QCOMPARE(catalog.find(QStringLiteral("fireworks-ai"))->id, QStringLiteral("fireworks"));
    QCOMPARE(catalog.find(QStringLiteral("OpenAI"))->id, QStringLiteral("openai"));
    QVERIFY(!catalog.find(QStringLiteral("nosuchprovider")));
    // Only OpenAI proper takes max_completion_tokens.
    QVERIFY(catalog.find(QStringLiteral("openai"))->useMaxCompletionTokens);
    QVERIFY(!catalog.find(QStringLiteral("groq"))->useMaxCompletionTokens);
}

void TestModelRef::baseUrlResolution_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("envName");
    QTest::addColumn<QString>("envValue");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("errorContains");

    const auto row
        = [](const char *name, const char *provider, const char *setting, const char *envName,
             const char *envValue, const char *expected, const char *error = "") {
              QTest::newRow(name) << QString::fromLatin1(provider) << QString::fromLatin1(setting)
                                  << QString::fromLatin1(envName) << QString::fromLatin1(envValue)
                                  << QString::fromLatin1(expected) << QString::fromLatin1(error);
          };
    row("openai default", "openai", "", "", "", "https://api.openai.com/v1");
    row("OPENAI_BASE_URL as the SDK reads it", "openai", "", "OPENAI_BASE_URL",
        "http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/v1");
    row("setting beats OPENAI_BASE_URL", "openai", "https://proxy.example/v1", "OPENAI_BASE_URL",
        "http://127.0.0.1:8080/v1", "https://proxy.example/v1");
    row("ANTHROPIC_BASE_URL without /v1 gets it", "anthropic", "", "ANTHROPIC_BASE_URL",
        "http://127.0.0.1:9000", "http://127.0.0.1:9000/v1");
    row("ANTHROPIC_BASE_URL with /v1 kept", "anthropic", "", "ANTHROPIC_BASE_URL",
        "http://127.0.0.1:9000/v1/", "http://127.0.0.1:9000/v1");
    row("OPENAI_BASE_URL does not move groq", "groq", "", "OPENAI_BASE_URL",
        "http://127.0.0.1:8080/v1", "https://api.groq.com/openai/v1");
    row("ollama setting", "ollama", "http://192.168.1.5:11434/v1", "", "",
        "http://192.168.1.5:11434/v1");
    row("custom needs a URL", "custom", "", "", "", "", "has no base URL");
    row("custom with a URL", "custom", "http://localhost:8000/v1", "", "",
        "http://localhost:8000/v1");
    row("malformed setting", "openai", "api.openai.com/v1", "", "", "", "not an http(s) URL");
    row("ftp is refused", "openai", "ftp://example.com/v1", "", "", "", "not an http(s) URL");
}

void TestModelRef::baseUrlResolution()
{
    QFETCH(QString, provider);
    QFETCH(QString, setting);
    QFETCH(QString, envName);
    QFETCH(QString, envValue);
    QFETCH(QString, expected);
    QFETCH(QString, errorContains);
    const ProviderCatalog catalog;
    const auto info = catalog.find(provider);
    QVERIFY(info);
    const auto env = [&](const QString &name) { return name == envName ? envValue : QString(); };
    QString error;
    const QUrl url = ProviderCatalog::resolveBaseUrl(*info, setting, env, &error);
    if (errorContains.isEmpty()) {
        QVERIFY2(url.isValid(), qPrintable(error));
        QCOMPARE(url.toString(), expected);
    } else {
        QVERIFY(url.isEmpty());
        QVERIFY2(error.contains(errorContains), qPrintable(error));
    }
}

void TestModelRef::keyFromEnvironment()
{
    const ProviderCatalog catalog;
    QHash<QString, QString> vars{{QStringLiteral("GEMINI_API_KEY"), QStringLiteral("g-1")}};
    const auto env = [&](const QString &name) { return vars.value(name); };
    QCOMPARE(ProviderCatalog::keyFromEnvironment(*catalog.find(QStringLiteral("google")), env),
             QStringLiteral("g-1"));
    vars.insert(QStringLiteral("GOOGLE_GENERATIVE_AI_API_KEY"), QStringLiteral(" g-2 "));
    QCOMPARE(ProviderCatalog::keyFromEnvironment(*catalog.find(QStringLiteral("google")), env),
             QStringLiteral("g-2"));
    QVERIFY(ProviderCatalog::keyFromEnvironment(*catalog.find(QStringLiteral("openai")), env)
                .isEmpty());
    QVERIFY(ProviderCatalog::keyFromEnvironment(*catalog.find(QStringLiteral("ollama")), env)
                .isEmpty());
}

QTEST_GUILESS_MAIN(TestModelRef)
#include "tst_modelref.moc"
