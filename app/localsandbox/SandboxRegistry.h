// The local server's sandboxes and their persistent state: one JSON file per sandbox
// (<data>/sandboxes/<id>.json, outside the sandbox's reach) next to its home directory
// (<data>/sandboxes/<id>/). Survives restarts of the server.
#pragma once

#include "localsandbox/SandboxNetwork.h"
#include "sandbox/SandboxTypes.h"

#include <QMap>
#include <QString>

struct LocalSandboxRecord
{
    Sandbox sandbox;
    NetworkPolicy network; // its egress policy, fixed at creation
    QString previewToken;
    bool limits = false; // cpu/memory/disk are real limits (not a record from before them)
};

class SandboxRegistry final
{
public:
    explicit SandboxRegistry(const QString &rootDir);

    QString rootDir() const { return m_root; }
    QString homeDir(const QString &id) const;
    // Reads every saved sandbox; unreadable files are skipped and named in *warnings.
    bool load(QString *error, QStringList *warnings);
    bool save(const LocalSandboxRecord &record, QString *error);
    void forget(const QString &id);

    // By id, else by name; nullptr if neither.
    LocalSandboxRecord *find(const QString &idOrName);
    const QMap<QString, LocalSandboxRecord> &all() const { return m_records; }

private:
    QString m_root;
    QMap<QString, LocalSandboxRecord> m_records;
};
