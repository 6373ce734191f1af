// Where and how one call goes: the provider, its resolved base URL and the API key the caller
// passes in as a plain value (from the keychain or the environment; this layer never reads
// secrets itself). Builds the QNetworkRequest with each protocol's headers.
#pragma once

#include "llm/ProviderCatalog.h"
#include "llm/RetryPolicy.h"

#include <QNetworkRequest>
#include <QString>
#include <QUrl>

#include <chrono>

struct ProviderEndpoint
{
    ProviderInfo provider;
    QUrl baseUrl;
    QString apiKey;
    RawHeaders extraHeaders;
    // Non-empty when the endpoint cannot be used (unknown provider, no base URL); the request
    // objects fail with it instead of sending anything.
    QString configurationError;

    // baseUrl + path ("/chat/completions", "/messages", "/models").
    QUrl url(const QString &path) const;
    QNetworkRequest networkRequest(const QString &path, bool streaming) const;
    bool needsKey() const { return provider.keyRequired && apiKey.isEmpty(); }
};

// Zero or less: no limit.
struct RequestTimeouts
{
    // Until the response headers arrive.
    std::chrono::milliseconds connect{30000};
    // No byte for this long on a started stream.
    std::chrono::milliseconds idle{90000};
    // The whole call, retries included.
    std::chrono::milliseconds total{15 * 60 * 1000};
};
