// The entry point of app/llm for the agent and the UI: turns a "provider/model" reference into
// a ready request object (endpoint from the catalog, base-URL overrides, the environment), so
// switching model per thread is just passing another reference. The caller supplies the API
// key as a value (the integrator wires it to the keychain); the client never stores it.
#pragma once

#include "llm/ChatStreamRequest.h"
#include "llm/ModelListRequest.h"
#include "llm/ModelRef.h"
#include "llm/ProviderCatalog.h"
#include "llm/RetryPolicy.h"

#include <QHash>

class QNetworkAccessManager;

class LlmClient final
{
public:
    explicit LlmClient(QNetworkAccessManager *network, ProviderCatalog catalog = {});

    const ProviderCatalog &catalog() const { return m_catalog; }
    // The per-provider base-URL setting; empty removes it.
    void setBaseUrlOverride(const QString &providerId, const QString &url);
    // Where OPENAI_BASE_URL and friends are read; the process environment by default.
    void setEnvironment(ProviderCatalog::EnvLookup env) { m_env = std::move(env); }
    void setTimeouts(const RequestTimeouts &timeouts) { m_timeouts = timeouts; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    ModelListCache &modelCache() { return m_modelCache; }

    // Always returns an endpoint; configurationError says what is wrong with it.
    ProviderEndpoint endpoint(const QString &providerId, const QString &apiKey) const;

    // A request for `ref` (not started). `request.model` is set from the reference.
    ChatStreamRequest *chat(const ModelRef &ref, ChatRequest request, const QString &apiKey,
                            QObject *parent) const;
    ModelListRequest *listModels(const QString &providerId, const QString &apiKey, QObject *parent);
    // A model list of an endpoint the caller made (a Test of a typed key or URL), never
    // answered from the cache: the user is checking the key or the server now.
    ModelListRequest *listModelsUncached(const ProviderEndpoint &endpoint, QObject *parent) const;

    // A short non-streaming request that names a thread after its first message.
    static ChatRequest titleRequest(const QString &firstMessage);
    // The model's answer made into a title: one line, no quotes or trailing dot, <= 60 chars.
    static QString cleanTitle(const QString &answer);

private:
    QNetworkAccessManager *m_network;
    ProviderCatalog m_catalog;
    QHash<QString, QString> m_baseUrlOverrides;
    ProviderCatalog::EnvLookup m_env = &ProviderCatalog::systemEnvironment;
    RequestTimeouts m_timeouts;
    RetryPolicy m_retry;
    ModelListCache m_modelCache;
};
