#include "AppContext.h"

#include "core/Logging.h"

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
