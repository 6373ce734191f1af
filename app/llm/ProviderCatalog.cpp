// The built-in provider table and base-URL resolution.
#include "ProviderCatalog.h"

#include <QtGlobal>

namespace {

ProviderInfo openAiCompatible(const char *id, const char *name, const char *url, const char *key,
                              bool keyRequired = true)
{
    ProviderInfo p;
    p.id = QString::fromLatin1(id);
    p.displayName = QString::fromUtf8(name);
    p.protocol = WireProtocol::OpenAiChat;
    p.defaultBaseUrl = QString::fromLatin1(url);
    p.keyVariable = QString::fromLatin1(key);
    p.keyRequired = keyRequired;
    return p;
}

QList<ProviderInfo> builtInProviders()
{
    QList<ProviderInfo> list;

    ProviderInfo openai
        = openAiCompatible("openai", "OpenAI", "https://api.openai.com/v1", "OPENAI_API_KEY");
    openai.baseUrlVariable = QStringLiteral("OPENAI_BASE_URL");
    openai.useMaxCompletionTokens = true; // reasoning models reject max_tokens
    list << openai;

    ProviderInfo anthropic;
    anthropic.id = QStringLiteral("anthropic");
    anthropic.displayName = QStringLiteral("Anthropic");
    anthropic.protocol = WireProtocol::AnthropicMessages;
    anthropic.defaultBaseUrl = QStringLiteral("https://api.anthropic.com/v1");
    anthropic.keyVariable = QStringLiteral("ANTHROPIC_API_KEY");
    anthropic.baseUrlVariable = QStringLiteral("ANTHROPIC_BASE_URL");
    list << anthropic;

    ProviderInfo google = openAiCompatible(
        "google", "Google Gemini", "https://generativelanguage.googleapis.com/v1beta/openai",
        "GOOGLE_GENERATIVE_AI_API_KEY");
    google.aliases = {QStringLiteral("gemini")};
    google.alternateKeyVariables
        = {QStringLiteral("GEMINI_API_KEY"), QStringLiteral("GOOGLE_API_KEY")};
    list << google;

    list << openAiCompatible("openrouter", "OpenRouter", "https://openrouter.ai/api/v1",
                             "OPENROUTER_API_KEY");
    list << openAiCompatible("groq", "Groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY");
    list << openAiCompatible("mistral", "Mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY");
    list << openAiCompatible("deepseek", "DeepSeek", "https://api.deepseek.com",
                             "DEEPSEEK_API_KEY");
    list << openAiCompatible("xai", "xAI", "https://api.x.ai/v1", "XAI_API_KEY");
    ProviderInfo together = openAiCompatible("together", "Together AI",
                                             "https://api.together.xyz/v1", "TOGETHER_API_KEY");
    together.aliases = {QStringLiteral("togetherai")};
    together.alternateKeyVariables = {QStringLiteral("TOGETHER_AI_API_KEY")};
    list << together;
    ProviderInfo fireworks = openAiCompatible(
        "fireworks", "Fireworks AI", "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY");
    fireworks.aliases = {QStringLiteral("fireworks-ai")};
    list << fireworks;
    list << openAiCompatible("cerebras", "Cerebras", "https://api.cerebras.ai/v1",
                             "CEREBRAS_API_KEY");

    ProviderInfo ollama
        = openAiCompatible("ollama", "Ollama (local)", "http://localhost:11434/v1", "", false);
    ollama.local = true;
    list << ollama;
    ProviderInfo lmstudio
        = openAiCompatible("lmstudio", "LM Studio (local)", "http://127.0.0.1:1234/v1", "", false);
    lmstudio.local = true;
    lmstudio.streamUsageOption = false; // LM Studio 0.3.x rejects stream_options
    list << lmstudio;

    // Any OpenAI-compatible server (vLLM, llama.cpp, a proxy): the user sets the base URL.
    ProviderInfo custom
        = openAiCompatible("custom", "Custom (OpenAI-compatible)", "", "CUSTOM_API_KEY", false);
    list << custom;
    return list;
}

} // namespace

ProviderCatalog::ProviderCatalog()
    : m_providers(builtInProviders())
{
}

ProviderCatalog::ProviderCatalog(QList<ProviderInfo> providers)
    : m_providers(std::move(providers))
{
}

std::optional<ProviderInfo> ProviderCatalog::find(const QString &id) const
{
    for (const ProviderInfo &p : m_providers) {
        if (p.id.compare(id, Qt::CaseInsensitive) == 0
            || p.aliases.contains(id, Qt::CaseInsensitive))
            return p;
    }
    return std::nullopt;
}

static QString stripTrailingSlash(QString url)
{
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

QUrl ProviderCatalog::resolveBaseUrl(const ProviderInfo &provider, const QString &overrideUrl,
                                     const EnvLookup &env, QString *error, QString *from)
{
    QString text = overrideUrl.trimmed();
    QString source = QStringLiteral("the base URL setting for %1").arg(provider.displayName);
    if (text.isEmpty() && !provider.baseUrlVariable.isEmpty() && env) {
        text = env(provider.baseUrlVariable).trimmed();
        source = provider.baseUrlVariable;
        // The Anthropic SDK's ANTHROPIC_BASE_URL is the host without /v1; the SDK adds it.
        if (!text.isEmpty() && provider.protocol == WireProtocol::AnthropicMessages) {
            text = stripTrailingSlash(text);
            if (!text.endsWith(QLatin1String("/v1")))
                text += QLatin1String("/v1");
        }
    }
    if (text.isEmpty()) {
        text = provider.defaultBaseUrl;
        source.clear();
    }
    if (text.isEmpty()) {
        if (error)
            *error = QStringLiteral("%1 has no base URL. Set the server's URL (for example "
                                    "http://localhost:8000/v1) in the provider settings.")
                         .arg(provider.displayName);
        return {};
    }
    const QUrl url(stripTrailingSlash(text), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        if (error)
            *error = QStringLiteral("'%1' from %2 is not an http(s) URL. Write it like "
                                    "https://api.example.com/v1.")
                         .arg(text, source);
        return {};
    }
    if (from)
        *from = source == provider.baseUrlVariable
            ? QStringLiteral("the environment (%1)").arg(source)
            : source;
    return url;
}

QString ProviderCatalog::keyFromEnvironment(const ProviderInfo &provider, const EnvLookup &env)
{
    if (!env)
        return {};
    QStringList names;
    if (!provider.keyVariable.isEmpty())
        names << provider.keyVariable;
    names << provider.alternateKeyVariables;
    for (const QString &name : std::as_const(names)) {
        const QString value = env(name).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

QString ProviderCatalog::systemEnvironment(const QString &name)
{
    return qEnvironmentVariable(name.toUtf8().constData());
}
