// Where Agent Studio keeps its files: data (database), config (settings), cache.
// Either the platform's standard locations or, with --data-dir, everything under one folder.
#pragma once

#include <QString>

class StudioPaths final
{
public:
    // The platform's locations (QStandardPaths), e.g. ~/.local/share/agent-studio.
    static StudioPaths standard();
    // Everything under one root: root, root/config, root/cache. For tests and portable use.
    static StudioPaths underRoot(const QString &root);

    QString dataDir() const { return m_dataDir; }
    QString configDir() const { return m_configDir; }
    QString cacheDir() const { return m_cacheDir; }

    QString databaseFile() const;
    QString settingsFile() const;
    QString logDir() const;

    // Creates the folders (mode 0700: they hold private chat history). On failure returns
    // false and a message naming the folder and the reason.
    bool ensureExist(QString *error) const;

private:
    QString m_dataDir;
    QString m_configDir;
    QString m_cacheDir;
};
