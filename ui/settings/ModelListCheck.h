// The Test buttons of the settings dialog and the first-run wizard: lists a provider's models
// with what the user typed (a new key, a base URL) before anything is saved. Without a typed
// key it uses the key the resolver finds (keychain, environment, .env). Wraps one
// ModelListRequest at a time; starting again cancels the previous one.
#pragma once

#include "llm/ModelListRequest.h"

#include <QObject>
#include <QPointer>
#include <QString>

class KeyResolver;
class LlmClient;

class ModelListCheck final : public QObject
{
    Q_OBJECT

public:
    ModelListCheck(LlmClient &llm, KeyResolver &keys, QObject *parent = nullptr);
    ~ModelListCheck() override;

    // baseUrl empty: the provider's environment variable or default (not the saved setting:
    // an empty field means "the default" in the forms).
    void start(const QString &providerId, const QString &baseUrl, const QString &typedKey);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void finished(const QString &providerId, const ModelListResult &result);

private:
    void request(const QString &providerId, const QString &baseUrl, const QString &key);

    LlmClient &m_llm;
    KeyResolver &m_keys;
    QPointer<ModelListRequest> m_request;
    int m_generation = 0; // drops a key lookup that answers after a newer start()
    bool m_running = false;
};
