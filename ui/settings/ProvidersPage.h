// The Providers page of the settings dialog: the keychain's state, and for each provider of the
// catalog a key field (stored in the keychain on Apply, never shown back), where the current key
// comes from, the base URL and a Test button that lists the provider's models.
#pragma once

#include "llm/ModelListRequest.h"
#include "secrets/KeyResolver.h"
#include "settings/SettingsServices.h"

#include <QHash>
#include <QWidget>

class ModelListCheck;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

class ProvidersPage final : public QWidget
{
    Q_OBJECT

public:
    explicit ProvidersPage(const SettingsServices &services, QWidget *parent = nullptr);
    ~ProvidersPage() override;

    // Checks the base URLs; on a bad one shows why next to it, focuses it and returns false.
    bool validate();
    // Saves the base URLs (settings and the LLM client) and starts writing the typed keys to
    // the keychain; each row says when its key is stored.
    void apply();
    // Whether any key field holds a key that Apply would store.
    bool hasTypedKey() const;

    // Asks where each key comes from again (after a change outside the dialog).
    void refreshKeySources();

    // Shown in the key source label, never containing the key.
    static QString sourceDescription(const ResolvedKey &key);

signals:
    // A Test listed models: "provider/model" names for the model combos.
    void modelsListed(const QString &providerId, const QStringList &models);
    // A key was stored (keychain or session memory).
    void keyStored(const QString &providerId);

private:
    struct Row
    {
        QString providerId;
        QString account; // keychain account (KeyCatalog::accountFor)
        QString displayName;
        QLineEdit *keyEdit = nullptr;
        QToolButton *showKey = nullptr;
        QLabel *source = nullptr;
        QPushButton *forget = nullptr;
        QLineEdit *baseUrl = nullptr;
        QPushButton *test = nullptr;
        QLabel *testResult = nullptr;
        ModelListCheck *check = nullptr;
    };

    QWidget *buildRow(Row &row, bool local, bool keyRequired);
    void updateKeychainStatus();
    void refreshKeySource(const QString &providerId);
    void forgetKey(const QString &providerId);
    void test(const QString &providerId);
    void showTestResult(const QString &providerId, const ModelListResult &result);
    Row *row(const QString &providerId);

    SettingsServices m_services;
    QLabel *m_keychainStatus = nullptr;
    QList<Row> m_rows;
};
