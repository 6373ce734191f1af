// The engine's Daytona account: the key from the OS keychain (account "daytona"), else
// DAYTONA_API_KEY from the environment, else from the .env file (KeyResolver's order for every
// key); the API URL and target from Settings, else DAYTONA_API_URL / DAYTONA_TARGET from the
// environment or .env. Keychain reads are asynchronous: until the first answer config() holds
// what the environment and .env give, and changed() tells when the keychain's answer (or a key
// stored or removed later, or new settings) gives another one.
#pragma once

#include "sandbox/DaytonaConfig.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class KeyResolver;
class KeyStore;
class Settings;

class DaytonaAccount final : public QObject
{
    Q_OBJECT

public:
    DaytonaAccount(KeyResolver &keys, KeyStore &store, Settings &settings,
                   QObject *parent = nullptr);
    ~DaytonaAccount() override;

    // The best configuration known now (never blocks).
    DaytonaConfig config() const { return m_config; }
    // Whether the keychain has answered at least once (until then the key may still come).
    bool isKnown() const { return m_known; }
    // Where the key came from, for messages ("OS keychain", "environment (DAYTONA_API_KEY)").
    QString keySource() const { return m_keySource; }

    // Asks the keychain (again); changed() follows when the answer differs.
    void load();
    // Asks the keychain unless it answered or is being asked.
    void ensureLoaded()
    {
        if (!m_known && !m_asking)
            load();
    }
    // Runs next (on a later event-loop turn, unless context is gone) once the keychain has
    // answered; starts the read when nobody did yet.
    void whenKnown(QObject *context, std::function<void()> next);
    // Settings (URL, target) may have changed: recomputes without asking the keychain.
    void settingsChanged();

    // The configuration a key and the settings give (the wizard's and Settings' Test use it
    // with the typed values). urlSource names where a typed URL came from, for messages.
    static DaytonaConfig configFor(const QString &key, const QString &apiUrl, const QString &target,
                                   const QString &urlSource);
    static bool sameConfig(const DaytonaConfig &a, const DaytonaConfig &b);

signals:
    void changed(const DaytonaConfig &config);

private:
    void apply(const QString &key, const QString &source);

    KeyResolver &m_keys;
    KeyStore &m_store;
    Settings &m_settings;
    DaytonaConfig m_config;
    QString m_key;
    QString m_keySource;
    bool m_known = false;
    bool m_asking = false;
    bool m_askAgain = false;
    struct Waiter
    {
        QPointer<QObject> context;
        bool hasContext = false;
        std::function<void()> next;
    };
    QList<Waiter> m_waiters;
};
