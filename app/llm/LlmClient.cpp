// Endpoint resolution and request creation.
#include "LlmClient.h"

#include "core/UrlPolicy.h"

LlmClient::LlmClient(QNetworkAccessManager *network, ProviderCatalog catalog)
    : m_network(network)
    , m_catalog(std::move(catalog))
{
}

void LlmClient::setBaseUrlOverride(const QString &providerId, const QString &url)
{
    if (url.trimmed().isEmpty())
        m_baseUrlOverrides.remove(providerId);
    else
        m_baseUrlOverrides.insert(providerId, url.trimmed());
}

ProviderEndpoint LlmClient::endpoint(const QString &providerId, const QString &apiKey) const
{
    ProviderEndpoint e;
    e.apiKey = apiKey;
    const auto provider = m_catalog.find(providerId);
    if (!provider) {
        QStringList ids;
        for (const ProviderInfo &p : m_catalog.providers())
            ids << p.id;
        e.provider.id = providerId;
        e.provider.displayName = providerId;
        e.configurationError = QStringLiteral("Unknown provider '%1'. Use one of: %2 (or "
                                              "custom/<model> with a base URL).")
                                   .arg(providerId, ids.join(QLatin1String(", ")));
        return e;
    }
    e.provider = *provider;
    QString error;
    QString source;
    e.baseUrl = ProviderCatalog::resolveBaseUrl(*provider, m_baseUrlOverrides.value(provider->id),
                                                m_env, &error, &source);
    if (e.baseUrl.isEmpty())
        e.configurationError = error;
    // A keyless server on the local network may use http; a key is never sent that way.
    else if (!apiKey.isEmpty())
        e.configurationError = UrlPolicy::keyUrlProblem(
            e.baseUrl, QStringLiteral("The %1 base URL").arg(provider->displayName), source);
    return e;
}

ChatStreamRequest *LlmClient::chat(const ModelRef &ref, ChatRequest request, const QString &apiKey,
                                   QObject *parent) const
{
    request.model = ref.model();
    auto *r = new ChatStreamRequest(m_network, endpoint(ref.provider(), apiKey), request, parent);
    r->setTimeouts(m_timeouts);
    r->setRetryPolicy(m_retry);
    return r;
}

ModelListRequest *LlmClient::listModels(const QString &providerId, const QString &apiKey,
                                        QObject *parent)
{
    return new ModelListRequest(m_network, endpoint(providerId, apiKey), &m_modelCache, parent);
}

ModelListRequest *LlmClient::listModelsUncached(const ProviderEndpoint &endpoint,
                                                QObject *parent) const
{
    return new ModelListRequest(m_network, endpoint, nullptr, parent);
}

ChatRequest LlmClient::titleRequest(const QString &firstMessage)
{
    ChatRequest r;
    r.system = QStringLiteral("Write a title of at most six words for a conversation that "
                              "starts with the user's message. Answer with the title only.");
    r.messages << ChatMessage::user(firstMessage.left(2000));
    r.maxTokens = 64;
    r.stream = false;
    r.promptCaching = false;
    return r;
}

QString LlmClient::cleanTitle(const QString &answer)
{
    QString t = answer.trimmed();
    t = t.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (t.startsWith(QLatin1String("Title:"), Qt::CaseInsensitive))
        t = t.mid(6).trimmed();
    static const QString quotes = QStringLiteral("\"'`*\u201c\u201d\u2018\u2019");
    while (!t.isEmpty() && quotes.contains(t.front()))
        t.remove(0, 1);
    while (!t.isEmpty() && (quotes.contains(t.back()) || t.back() == QLatin1Char('.')))
        t.chop(1);
    if (t.size() > 60)
        t = t.left(59).trimmed() + QChar(0x2026);
    return t.trimmed();
}
