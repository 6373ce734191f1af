// The providers the app knows, as data: id, display name, wire protocol, default base URL, the
// environment variable that holds the key and whether a key is needed, plus the few request
// quirks that differ between OpenAI-compatible servers. Resolves the base URL a request uses:
// the per-provider setting, then OPENAI_BASE_URL / ANTHROPIC_BASE_URL, then the default.
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

enum class WireProtocol { OpenAiChat, AnthropicMessages };

struct ProviderInfo
{
    QString id;
    QString displayName;
    WireProtocol protocol = WireProtocol::OpenAiChat;
    QString defaultBaseUrl; // for Anthropic it ends in /v1 like OpenAI's
    QString keyVariable; // empty: none
    bool keyRequired = true;
    bool local = false; // runs on the user's machine
    QString baseUrlVariable; // read as the official SDK reads it; empty: none
    QStringList aliases; // other ids Mastra uses for the same provider
    QStringList alternateKeyVariables;
    // OpenAI-compatible quirks.
    bool useMaxCompletionTokens = false; // OpenAI proper; others take max_tokens
    bool streamUsageOption = true; // sends stream_options.include_usage
};

class ProviderCatalog final
{
public:
    using EnvLookup = std::function<QString(const QString &name)>;

    // The built-in providers.
    ProviderCatalog();
    explicit ProviderCatalog(QList<ProviderInfo> providers);

    const QList<ProviderInfo> &providers() const { return m_providers; }
    // By id or alias, case-insensitive.
    std::optional<ProviderInfo> find(const QString &id) const;

    // The base URL for a provider: `overrideUrl` (the per-provider setting) when non-empty,
    // else the provider's base-URL variable from `env`, else the default. Empty with a message
    // when none is usable (the custom provider without a URL, or a malformed URL).
    // *source says where it came from ("the environment (OPENAI_BASE_URL)", "the base URL
    // setting for OpenAI"; empty for the default).
    static QUrl resolveBaseUrl(const ProviderInfo &provider, const QString &overrideUrl,
                               const EnvLookup &env, QString *error = nullptr,
                               QString *source = nullptr);
    // The key from the environment (`keyVariable`, then the alternates), empty if none.
    static QString keyFromEnvironment(const ProviderInfo &provider, const EnvLookup &env);
    // The process environment.
    static QString systemEnvironment(const QString &name);

private:
    QList<ProviderInfo> m_providers;
};
