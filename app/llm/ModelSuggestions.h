// A few well-known models per provider, offered in the default-model combos before the user
// has listed a provider's models with Test. Only suggestions: the combos stay editable, and a
// provider's own list (Test) is what is authoritative.
#pragma once

#include <QString>
#include <QStringList>

class ProviderCatalog;

class ModelSuggestions final
{
public:
    // Model ids (without the provider) for a provider id; empty when there is nothing to suggest
    // (local servers: their models are whatever the user pulled).
    static QStringList forProvider(const QString &providerId);
    // "provider/model" for every provider of the catalog, in the catalog's order.
    static QStringList all(const ProviderCatalog &catalog);
};
