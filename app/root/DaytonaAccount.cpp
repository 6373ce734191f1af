// DaytonaAccount: the keychain read, the precedence of the three values, and the waiters.
#include "DaytonaAccount.h"

#include "core/Logging.h"
#include "core/Settings.h"
#include "secrets/KeyResolver.h"
#include "secrets/KeyStore.h"

#include <utility>

namespace {

const QString kAccount = QStringLiteral("daytona");

} // namespace

DaytonaAccount::DaytonaAccount(KeyResolver &keys, KeyStore &store, Settings &settings,
                               QObject *parent)
    : QObject(parent)
    , m_keys(keys)
    , m_store(store)
    , m_settings(settings)
{
    // Until the keychain answers: what the environment and .env give (no waiting for them).
    const ResolvedKey outside = m_keys.keyOutsideKeychain(kAccount);
    m_key = outside.value;
    m_keySource = outside.sourceText();
    settingsChanged();
    // A key stored or removed in Settings (or by `agent-studio keys`) applies to the next call.
    connect(&m_store, &KeyStore::keyChanged, this, [this](const QString &account) {
        if (account == kAccount)
            load();
    });
}

DaytonaAccount::~DaytonaAccount() = default;

DaytonaConfig DaytonaAccount::configFor(const QString &key, const QString &apiUrl,
                                        const QString &target, const QString &urlSource)
{
    DaytonaConfig config = DaytonaConfig::fromValues(key, apiUrl, target);
    config.apiUrlSource = urlSource;
    return config;
}

bool DaytonaAccount::sameConfig(const DaytonaConfig &a, const DaytonaConfig &b)
{
    return a.apiKey == b.apiKey && a.jwtToken == b.jwtToken && a.organizationId == b.organizationId
        && a.apiUrl == b.apiUrl && a.apiUrlSource == b.apiUrlSource && a.target == b.target;
}

void DaytonaAccount::settingsChanged()
{
    apply(m_key, m_keySource);
}

void DaytonaAccount::apply(const QString &key, const QString &source)
{
    m_key = key;
    m_keySource = source;
    // Settings first (chosen in the app), then what the SDKs would read.
    QString url = m_settings.daytonaApiUrl();
    QString urlSource = QStringLiteral("Settings > Daytona");
    if (url.isEmpty()) {
        const ResolvedKey variable = m_keys.variable(QStringLiteral("DAYTONA_API_URL"));
        url = variable.value;
        urlSource = variable.source == ResolvedKey::Source::DotEnvFile
            ? QStringLiteral("the .env file %1").arg(variable.envFile)
            : QStringLiteral("the environment");
    }
    QString target = m_settings.daytonaTarget();
    if (target.isEmpty())
        target = m_keys.variable(QStringLiteral("DAYTONA_TARGET")).value;
    const DaytonaConfig config = configFor(key, url, target, urlSource);
    if (sameConfig(config, m_config))
        return;
    m_config = config;
    emit changed(m_config);
}

void DaytonaAccount::load()
{
    if (m_asking) {
        m_askAgain = true; // a change came while asking: the answer may be stale
        return;
    }
    m_asking = true;
    m_keys.resolveKey(kAccount, this, [this](const ResolvedKey &key) {
        m_asking = false;
        if (m_askAgain) {
            m_askAgain = false;
            load();
            return;
        }
        if (!key.keychainMessage.isEmpty())
            qCDebug(lcSecrets).noquote()
                << "the Daytona key was looked for without the keychain:" << key.keychainMessage;
        qCDebug(lcSecrets).noquote() << "Daytona key:" << key.sourceText();
        m_known = true;
        apply(key.value, key.sourceText());
        const QList<Waiter> waiters = std::exchange(m_waiters, {});
        for (const Waiter &waiter : waiters) {
            if (!waiter.hasContext || waiter.context)
                waiter.next();
        }
    });
}

void DaytonaAccount::whenKnown(QObject *context, std::function<void()> next)
{
    if (m_known) {
        const QPointer<QObject> guard(context);
        const bool hasContext = context != nullptr;
        QMetaObject::invokeMethod(
            this,
            [guard, hasContext, next = std::move(next)] {
                if (!hasContext || guard)
                    next();
            },
            Qt::QueuedConnection);
        return;
    }
    m_waiters.append({context, context != nullptr, std::move(next)});
    if (!m_asking)
        load();
}
