// SandboxRegistry: JSON files written atomically (QSaveFile), read back at start. They hold the
// sandboxes' environments (often keys) and preview tokens: mode 0600, whatever the umask.
#include "localsandbox/SandboxRegistry.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <sys/stat.h>

SandboxRegistry::SandboxRegistry(const QString &rootDir)
    : m_root(rootDir)
{
}

QString SandboxRegistry::homeDir(const QString &id) const
{
    return m_root + QLatin1Char('/') + id;
}

bool SandboxRegistry::load(QString *error, QStringList *warnings)
{
    QDir dir(m_root);
    if (!dir.exists() && !QDir().mkpath(m_root)) {
        *error = QStringLiteral("cannot create the sandbox folder %1").arg(m_root);
        return false;
    }
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        // Files written by older versions were 0644.
        ::chmod(QFile::encodeName(file.fileName()).constData(), 0600);
        if (!file.open(QIODevice::ReadOnly)) {
            warnings->append(QStringLiteral("%1: %2").arg(file.fileName(), file.errorString()));
            continue;
        }
        const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
        LocalSandboxRecord record;
        record.sandbox = Sandbox::fromJson(o.value(QLatin1String("sandbox")).toObject());
        record.network = NetworkPolicy::fromRecord(o);
        record.previewToken = o.value(QLatin1String("previewToken")).toString();
        record.limits = o.value(QLatin1String("limits")).toBool();
        if (record.sandbox.id.isEmpty() || record.sandbox.id + QLatin1String(".json") != name) {
            warnings->append(QStringLiteral("%1: not a sandbox record").arg(file.fileName()));
            continue;
        }
        m_records.insert(record.sandbox.id, record);
    }
    return true;
}

bool SandboxRegistry::save(const LocalSandboxRecord &record, QString *error)
{
    QSaveFile file(m_root + QLatin1Char('/') + record.sandbox.id + QLatin1String(".json"));
    if (!file.open(QIODevice::WriteOnly) || ::fchmod(file.handle(), 0600) != 0) {
        *error = QStringLiteral("cannot save sandbox state: %1").arg(file.errorString());
        return false;
    }
    const QJsonObject o{{QLatin1String("sandbox"), record.sandbox.toJson()},
                        {QLatin1String("network"), record.network.toJson()},
                        {QLatin1String("previewToken"), record.previewToken},
                        {QLatin1String("limits"), record.limits}};
    file.write(QJsonDocument(o).toJson());
    if (!file.commit()) {
        *error = QStringLiteral("cannot save sandbox state: %1").arg(file.errorString());
        return false;
    }
    m_records.insert(record.sandbox.id, record);
    return true;
}

void SandboxRegistry::forget(const QString &id)
{
    QFile::remove(m_root + QLatin1Char('/') + id + QLatin1String(".json"));
    m_records.remove(id);
}

LocalSandboxRecord *SandboxRegistry::find(const QString &idOrName)
{
    auto it = m_records.find(idOrName);
    if (it != m_records.end())
        return &it.value();
    for (auto &record : m_records) {
        if (record.sandbox.name == idOrName)
            return &record;
    }
    return nullptr;
}
