// Which environment variables Agent Studio reads, and which provider's keychain entry each one
// belongs to. The one table of provider ids and variable names; everything else asks it.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace KeyCatalog {

enum class Kind {
    ApiKey, // a secret: stored in the keychain under the provider id, never shown
    Setting, // plain configuration (a URL, a model name): environment and .env only
};

struct Variable
{
    QString name; // e.g. OPENAI_API_KEY
    QString provider; // keychain account, e.g. "openai"; empty for MODEL
    Kind kind;
};

// Every variable, in the order they are looked up (for a provider with two key variables the
// first one set wins).
const QList<Variable> &variables();

// Provider ids that have an API key, in the table's order: openai, anthropic, google, ...
QStringList providers();
bool isProvider(const QString &provider);
// The keychain account for a model provider known by `id` and `aliases` (the model catalog and
// this table may use different names, e.g. together / togetherai): the first one this table
// knows, else `id`.
QString accountFor(const QString &id, const QStringList &aliases);

// The API key variables of a provider, e.g. google -> GOOGLE_GENERATIVE_AI_API_KEY, GEMINI_API_KEY.
QStringList keyVariables(const QString &provider);

// The variable's entry, or nullptr when Agent Studio does not know it.
const Variable *find(const QString &name);

} // namespace KeyCatalog
