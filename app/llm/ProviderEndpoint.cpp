// Request URLs and headers per protocol (llm-wire.md §1, §2).
#include "ProviderEndpoint.h"

QUrl ProviderEndpoint::url(const QString &path) const
{
    QUrl u = baseUrl;
    QString p = u.path();
    while (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    u.setPath(p + path);
    return u;
}

QNetworkRequest ProviderEndpoint::networkRequest(const QString &path, bool streaming) const
{
    QNetworkRequest request(url(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArrayLiteral("AgentStudio/" STUDIO_VERSION));
    request.setRawHeader("Accept", streaming ? "text/event-stream" : "application/json");
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    // Our own timers handle timeouts; Qt's transfer timeout would race them.
    request.setTransferTimeout(0);
    if (provider.protocol == WireProtocol::AnthropicMessages) {
        if (!apiKey.isEmpty())
            request.setRawHeader("x-api-key", apiKey.toUtf8());
        request.setRawHeader("anthropic-version", "2023-06-01");
    } else if (!apiKey.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    }
    for (const auto &h : extraHeaders)
        request.setRawHeader(h.first, h.second);
    return request;
}
