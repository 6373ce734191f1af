// Resolving the key and the URL for a Test, then listing the models.
#include "ModelListCheck.h"

#include "core/UrlPolicy.h"
#include "llm/LlmClient.h"
#include "secrets/KeyCatalog.h"
#include "secrets/KeyResolver.h"

ModelListCheck::ModelListCheck(LlmClient &llm, KeyResolver &keys, QObject *parent)
    : QObject(parent)
    , m_llm(llm)
    , m_keys(keys)
{
}

ModelListCheck::~ModelListCheck()
{
    cancel();
}

void ModelListCheck::cancel()
{
    ++m_generation;
    m_running = false;
    if (m_request) {
        disconnect(m_request, nullptr, this, nullptr);
        m_request->cancel();
        m_request->deleteLater();
    }
}

void ModelListCheck::start(const QString &providerId, const QString &baseUrl,
                           const QString &typedKey)
{
    cancel();
    m_running = true;
    const QString key = typedKey.trimmed();
    const auto provider = m_llm.catalog().find(providerId);
    if (!key.isEmpty() || !provider) {
        request(providerId, baseUrl, key);
        return;
    }
    const int generation = m_generation;
    m_keys.resolveKey(KeyCatalog::accountFor(provider->id, provider->aliases), this,
                      [this, generation, providerId, baseUrl](const ResolvedKey &found) {
                          if (generation == m_generation)
                              request(providerId, baseUrl, found.value);
                      });
}

void ModelListCheck::request(const QString &providerId, const QString &baseUrl, const QString &key)
{
    ProviderEndpoint endpoint = m_llm.endpoint(providerId, key);
    if (endpoint.configurationError.isEmpty() || !baseUrl.trimmed().isEmpty()) {
        if (const auto provider = m_llm.catalog().find(providerId)) {
            QString error;
            QString source;
            endpoint.baseUrl = ProviderCatalog::resolveBaseUrl(
                *provider, baseUrl, &ProviderCatalog::systemEnvironment, &error, &source);
            endpoint.configurationError = endpoint.baseUrl.isEmpty() ? error
                : key.isEmpty()
                ? QString()
                : UrlPolicy::keyUrlProblem(
                    endpoint.baseUrl, QStringLiteral("The %1 base URL").arg(provider->displayName),
                    source);
        }
    }
    // No cache: Test is how the user checks a key or a server now.
    m_request = m_llm.listModelsUncached(endpoint, this);
    connect(m_request, &ModelListRequest::finished, this,
            [this, providerId, request = m_request.data()](const ModelListResult &result) {
                request->deleteLater();
                m_running = false;
                emit finished(providerId, result);
            });
    m_request->start();
}
