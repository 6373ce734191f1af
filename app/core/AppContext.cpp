#include "AppContext.h"

#include "core/Logging.h"
#include "secrets/KeyResolver.h"
#include "secrets/KeyStore.h"

AppContext::AppContext(const StudioPaths &paths)
    : m_paths(paths)
{
}

AppContext::~AppContext() = default;

bool AppContext::open(QString *error)
{
    if (!m_paths.ensureExist(error))
        return false;
    m_settings = std::make_unique<Settings>(m_paths.settingsFile());
    // A fixed keychain service name, so stored keys do not depend on the binary's name.
    m_keyStore = std::make_unique<KeyStore>(QStringLiteral("agent-studio"));
    m_keys = std::make_unique<KeyResolver>(*m_keyStore);
    m_keys->setRedactor(&m_redactor);
    if (!m_keys->loadEnvFile(m_envFile, error))
        return false;
    m_store = std::make_unique<Store>();
    if (const StoreStatus opened = m_store->open(m_paths.databaseFile()); !opened) {
        if (error)
            *error = opened.error();
        return false;
    }
    qCDebug(lcApp) << "data folder" << m_paths.dataDir() << "settings" << m_settings->fileName()
                   << "database" << m_store->path();
    return true;
}
