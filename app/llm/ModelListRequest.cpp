// Model listing and its cache.
#include "ModelListRequest.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>

ModelListCache::ModelListCache(std::chrono::seconds maxAge)
    : m_maxAge(maxAge)
{
}

QDateTime ModelListCache::now() const
{
    return m_now ? m_now() : QDateTime::currentDateTimeUtc();
}

QString ModelListCache::keyFor(const ProviderEndpoint &endpoint)
{
    const QByteArray fingerprint
        = QCryptographicHash::hash(endpoint.apiKey.toUtf8(), QCryptographicHash::Sha256)
              .toHex()
              .left(12);
    return endpoint.provider.id + QLatin1Char('|') + endpoint.baseUrl.toString() + QLatin1Char('|')
        + QString::fromLatin1(fingerprint);
}

std::optional<QList<ModelInfo>> ModelListCache::lookup(const QString &key) const
{
    const auto it = m_entries.constFind(key);
    if (it == m_entries.constEnd() || it->fetched.secsTo(now()) >= m_maxAge.count())
        return std::nullopt;
    return it->models;
}

void ModelListCache::store(const QString &key, const QList<ModelInfo> &models)
{
    m_entries.insert(key, Entry{models, now()});
}

ModelListRequest::ModelListRequest(QNetworkAccessManager *network, const ProviderEndpoint &endpoint,
                                   ModelListCache *cache, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(endpoint)
    , m_cache(cache)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_reply) {
            QNetworkReply *reply = m_reply;
            m_reply = nullptr;
            disconnect(reply, nullptr, this, nullptr);
            reply->abort();
            reply->deleteLater();
        }
        ModelListResult r;
        r.error = LlmError::timeout(
            m_endpoint.provider.displayName,
            QStringLiteral("did not list its models within %1 s").arg(m_timeout.count() / 1000.0));
        complete(r);
    });
}

ModelListRequest::~ModelListRequest()
{
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ModelListRequest::start()
{
    if (m_status != Status::NotStarted)
        return;
    m_status = Status::Running;
    ModelListResult early;
    if (!m_endpoint.configurationError.isEmpty()) {
        early.error = LlmError::notConfigured(m_endpoint.configurationError);
    } else if (m_endpoint.needsKey()) {
        early.error = LlmError::missingKey(m_endpoint.provider.displayName,
                                           m_endpoint.provider.keyVariable);
    } else if (m_cache) {
        if (const auto cached = m_cache->lookup(ModelListCache::keyFor(m_endpoint))) {
            early.models = *cached;
            early.fromCache = true;
        }
    }
    if (early.error.isError() || early.fromCache) {
        QTimer::singleShot(0, this, [this, early] { complete(early); });
        return;
    }
    m_reply = m_network->get(m_endpoint.networkRequest(QStringLiteral("/models"), false));
    connect(m_reply, &QNetworkReply::finished, this, &ModelListRequest::onFinished);
    m_timer.start(m_timeout);
}

void ModelListRequest::cancel()
{
    if (m_status != Status::Running)
        return;
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    ModelListResult r;
    r.error = LlmError::cancelled();
    complete(r);
}

QList<ModelInfo> ModelListRequest::parseModels(const QByteArray &body, bool *ok)
{
    QList<ModelInfo> models;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue data = doc.object().value(QLatin1String("data"));
    *ok = data.isArray();
    for (const QJsonValue &v : data.toArray()) {
        const QJsonObject o = v.toObject();
        QString id = o.value(QLatin1String("id")).toString();
        if (id.startsWith(QLatin1String("models/"))) // Gemini
            id = id.mid(7);
        if (id.isEmpty())
            continue;
        models.append(ModelInfo{id, o.value(QLatin1String("display_name")).toString()});
    }
    std::sort(models.begin(), models.end(),
              [](const ModelInfo &a, const ModelInfo &b) { return a.id < b.id; });
    return models;
}

void ModelListRequest::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    m_timer.stop();
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    ModelListResult r;
    const QString name = m_endpoint.provider.displayName;
    if (status == 0) {
        r.error = LlmError::networkDown(name, m_endpoint.baseUrl.toString(QUrl::RemoveUserInfo),
                                        reply->errorString());
    } else if (status < 200 || status >= 300) {
        r.error = LlmError::fromHttp(status, body, name);
    } else {
        bool ok = false;
        r.models = parseModels(body, &ok);
        if (!ok)
            r.error
                = LlmError::invalidResponse(name, QStringLiteral("no model list in the answer"));
        else if (m_cache)
            m_cache->store(ModelListCache::keyFor(m_endpoint), r.models);
    }
    complete(r);
}

void ModelListRequest::complete(const ModelListResult &result)
{
    if (m_status != Status::Running)
        return;
    m_result = result;
    m_result.error.redact(m_endpoint.apiKey);
    m_status = !result.error.isError()                     ? Status::Finished
        : result.error.kind() == LlmError::Kind::Cancelled ? Status::Cancelled
                                                           : Status::Failed;
    emit finished(m_result);
}
