#include "StudioPaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

StudioPaths StudioPaths::standard()
{
    StudioPaths paths;
    paths.m_dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    paths.m_configDir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    paths.m_cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return paths;
}

StudioPaths StudioPaths::underRoot(const QString &root)
{
    const QString absolute = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    StudioPaths paths;
    paths.m_dataDir = absolute;
    paths.m_configDir = absolute + QStringLiteral("/config");
    paths.m_cacheDir = absolute + QStringLiteral("/cache");
    return paths;
}

QString StudioPaths::databaseFile() const
{
    return m_dataDir + QStringLiteral("/studio.sqlite3");
}

QString StudioPaths::settingsFile() const
{
    return m_configDir + QStringLiteral("/agent-studio.conf");
}

QString StudioPaths::logDir() const
{
    return m_dataDir + QStringLiteral("/logs");
}

bool StudioPaths::ensureExist(QString *error) const
{
    const QFileDevice::Permissions ownerOnly
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    for (const QString &dir : {m_dataDir, m_configDir, m_cacheDir, logDir()}) {
        const QFileInfo info(dir);
        if (info.exists() && !info.isDir()) {
            if (error)
                *error = QStringLiteral("%1 exists but is not a folder; move it away or choose "
                                        "another place with --data-dir.")
                             .arg(dir);
            return false;
        }
        if (!info.exists()) {
            if (!QDir().mkpath(dir)) {
                if (error)
                    *error = QStringLiteral("Cannot create the folder %1; check that its parent "
                                            "exists and is writable, or choose another place "
                                            "with --data-dir.")
                                 .arg(dir);
                return false;
            }
            QFile::setPermissions(dir, ownerOnly);
        }
    }
    return true;
}
