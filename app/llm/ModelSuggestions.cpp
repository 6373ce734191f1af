// The suggestion table.
#include "ModelSuggestions.h"

#include "llm/ProviderCatalog.h"

QStringList ModelSuggestions::forProvider(const QString &providerId)
{
    struct Row
    {
        const char *provider;
        const char *models;
    };
    static constexpr Row kRows[] = {
        {"openai", "gpt-4o-mini gpt-4o gpt-4.1 gpt-4.1-mini o4-mini"},
        {"anthropic", "claude-sonnet-4-5 claude-haiku-4-5 claude-opus-4-1"},
        {"google", "gemini-2.5-flash gemini-2.5-pro"},
        {"openrouter", "openai/gpt-4o-mini anthropic/claude-sonnet-4.5"},
        {"groq", "llama-3.3-70b-versatile"},
        {"mistral", "mistral-large-latest codestral-latest"},
        {"deepseek", "deepseek-chat deepseek-reasoner"},
        {"xai", "grok-4"},
    };
    for (const Row &row : kRows) {
        if (providerId == QLatin1String(row.provider))
            return QString::fromLatin1(row.models).split(QLatin1Char(' '));
    }
    return {};
}

QStringList ModelSuggestions::all(const ProviderCatalog &catalog)
{
    QStringList models;
    for (const ProviderInfo &provider : catalog.providers()) {
        for (const QString &model : forProvider(provider.id))
            models << provider.id + QLatin1Char('/') + model;
    }
    return models;
}
