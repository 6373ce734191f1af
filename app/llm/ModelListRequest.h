// Lists a provider's models (GET {base}/models) for the model picker. One request object with
// status, finished(result), cancel() and a timeout; answers from a ModelListCache when it has a
// fresh list for the same provider, URL and key. Missing or wrong keys give clear errors.
#pragma once

#include "llm/LlmError.h"
#include "llm/ProviderEndpoint.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

struct ModelInfo
{
    QString id;
    QString displayName; // empty if the provider gives none
    friend bool operator==(const ModelInfo &, const ModelInfo &) = default;
};

struct ModelListResult
{
    QList<ModelInfo> models; // sorted by id
    bool fromCache = false;
    LlmError error;
    bool ok() const { return !error.isError(); }
};

class ModelListCache final
{
public:
    explicit ModelListCache(std::chrono::seconds maxAge = std::chrono::hours(1));
    // For tests.
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }

    // The key includes a fingerprint of the API key (never the key): another key may see
    // other models.
    static QString keyFor(const ProviderEndpoint &endpoint);
    std::optional<QList<ModelInfo>> lookup(const QString &key) const;
    void store(const QString &key, const QList<ModelInfo> &models);
    void clear() { m_entries.clear(); }

private:
    struct Entry
    {
        QList<ModelInfo> models;
        QDateTime fetched;
    };
    QDateTime now() const;

    std::chrono::seconds m_maxAge;
    std::function<QDateTime()> m_now;
    QHash<QString, Entry> m_entries;
};

class ModelListRequest final : public QObject
{
    Q_OBJECT

public:
    enum class Status { NotStarted, Running, Finished, Failed, Cancelled };
    Q_ENUM(Status)

    // `cache` may be null.
    ModelListRequest(QNetworkAccessManager *network, const ProviderEndpoint &endpoint,
                     ModelListCache *cache, QObject *parent = nullptr);
    ~ModelListRequest() override;

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void start();
    void cancel();
    Status status() const { return m_status; }
    const ModelListResult &result() const { return m_result; }

    // Parses {"data":[{"id":..., "display_name"?:...}]} (OpenAI, Anthropic, Ollama, Gemini).
    static QList<ModelInfo> parseModels(const QByteArray &body, bool *ok);

signals:
    void finished(const ModelListResult &result);

private:
    void onFinished();
    void complete(const ModelListResult &result);

    QNetworkAccessManager *m_network;
    ProviderEndpoint m_endpoint;
    ModelListCache *m_cache;
    std::chrono::milliseconds m_timeout{20000};
    Status m_status = Status::NotStarted;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    ModelListResult m_result;
};
