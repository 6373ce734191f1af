#include "KeyCatalog.h"

namespace KeyCatalog {

namespace {

struct Row
{
    const char *name;
    const char *provider;
    Kind kind;
};

// Provider ids follow Mastra's model router ("provider/model", models.dev ids), so that
// "togetherai/..." finds the key stored under "togetherai".
constexpr Row kRows[] = {
    {"OPENAI_API_KEY", "openai", Kind::ApiKey},
    {"ANTHROPIC_API_KEY", "anthropic", Kind::ApiKey},
    {"GOOGLE_GENERATIVE_AI_API_KEY", "google", Kind::ApiKey},
    {"GEMINI_API_KEY", "google", Kind::ApiKey},
    {"OPENROUTER_API_KEY", "openrouter", Kind::ApiKey},
    {"GROQ_API_KEY", "groq", Kind::ApiKey},
    {"MISTRAL_API_KEY", "mistral", Kind::ApiKey},
    {"DEEPSEEK_API_KEY", "deepseek", Kind::ApiKey},
    {"XAI_API_KEY", "xai", Kind::ApiKey},
    {"TOGETHER_API_KEY", "togetherai", Kind::ApiKey},
    {"FIREWORKS_API_KEY", "fireworks-ai", Kind::ApiKey},
    {"CEREBRAS_API_KEY", "cerebras", Kind::ApiKey},
    {"DAYTONA_API_KEY", "daytona", Kind::ApiKey},
    {"DAYTONA_API_URL", "daytona", Kind::Setting},
    {"DAYTONA_TARGET", "daytona", Kind::Setting},
    {"OPENAI_BASE_URL", "openai", Kind::Setting},
    {"ANTHROPIC_BASE_URL", "anthropic", Kind::Setting},
    {"MODEL", "", Kind::Setting},
};

QList<Variable> buildVariables()
{
    QList<Variable> list;
    for (const Row &row : kRows)
        list.append({QString::fromLatin1(row.name), QString::fromLatin1(row.provider), row.kind});
    return list;
}

} // namespace

const QList<Variable> &variables()
{
    static const QList<Variable> list = buildVariables();
    return list;
}

QStringList providers()
{
    QStringList ids;
    for (const Variable &variable : variables()) {
        if (variable.kind == Kind::ApiKey && !ids.contains(variable.provider))
            ids.append(variable.provider);
    }
    return ids;
}

bool isProvider(const QString &provider)
{
    return !keyVariables(provider).isEmpty();
}

QStringList keyVariables(const QString &provider)
{
    QStringList names;
    for (const Variable &variable : variables()) {
        if (variable.kind == Kind::ApiKey && variable.provider == provider)
            names.append(variable.name);
    }
    return names;
}

const Variable *find(const QString &name)
{
    for (const Variable &variable : variables()) {
        if (variable.name == name)
            return &variable;
    }
    return nullptr;
}

QString accountFor(const QString &id, const QStringList &aliases)
{
    if (isProvider(id))
        return id;
    for (const QString &alias : aliases) {
        if (isProvider(alias))
            return alias;
    }
    return id;
}

} // namespace KeyCatalog
