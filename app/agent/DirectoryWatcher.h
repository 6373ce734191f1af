// Watches a sandbox folder over the toolbox API by polling: lists it (recursively when asked)
// at a steady interval for a given duration and reports what was added, changed and deleted.
// Daytona's toolbox has no change notifications, so this is how watchDirectory is done for
// real (the Mastra template only says "not supported"). A duration of 0 takes one listing,
// which is also how getFileSize totals a folder.
#pragma once

#include "agent/ToolResults.h"
#include "sandbox/DaytonaCall.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class DaytonaClient;

class DirectoryWatcher final : public QObject
{
    Q_OBJECT
public:
    // Folders one listing visits at most (a runaway node_modules must not hang a tool).
    static constexpr int kMaxFolders = 5000;

    DirectoryWatcher(DaytonaClient *client, const Sandbox &sandbox, const QString &root,
                     bool recursive, QObject *parent = nullptr);

    // Lists the folder now, then every intervalMs until durationMs have passed (and once more
    // at the end). Starts at once; finished() follows exactly once unless cancelled.
    void start(qint64 durationMs, int intervalMs);
    void cancel();

    const ToolResults::Snapshot &snapshot() const { return m_snapshot; }
    const QJsonArray &events() const { return m_events; }

signals:
    // error.ok() on success; an error when the watched folder could not be listed at the start.
    void finished(const DaytonaResult &error);

private:
    void listNext();
    void listed(const DaytonaResult &error);

    QPointer<DaytonaClient> m_client;
    Sandbox m_sandbox;
    QString m_root;
    bool m_recursive;
    qint64 m_durationMs = 0;
    int m_intervalMs = 1000;
    QElapsedTimer m_clock;
    QTimer m_timer;
    QPointer<DaytonaCall> m_call;
    bool m_started = false; // the first listing is done
    bool m_done = false;

    // The listing in progress.
    QStringList m_queue;
    int m_folders = 0;
    ToolResults::Snapshot m_listing;

    ToolResults::Snapshot m_snapshot;
    QJsonArray m_events;
};
