// The one owner of sandboxes as the app knows them: the list on the sandbox servers in use
// (Daytona cloud when it is configured, the embedded local server when it is the default or a
// run has used it), joined with the store's record of which thread owns which sandbox; polling
// with backoff while someone wants it; start, stop and delete, where a 404 from the provider
// means the sandbox is gone, so the store forgets it. The agent records here the sandboxes it
// creates and deletes. Only this service writes the store's sandbox rows; the window, the CLI
// and the agent ask it and listen to what changed.
#pragma once

#include "sandbox/DaytonaCall.h"
#include "sandbox/SandboxLister.h"
#include "store/StoreResult.h"
#include "store/StoreTypes.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <functional>

class DaytonaClient;
class SandboxBackend;
class Store;

// One sandbox as the app shows it.
struct SandboxEntry
{
    Sandbox sandbox;
    QString provider; // "local" or "daytona"
    RowId threadId = 0; // the owning thread, 0 if none
    QString threadTitle; // its title when the list was last read
};

class SandboxService final : public QObject
{
    Q_OBJECT
public:
    // The sandbox servers, built on first use; nullptr and *error (what to do) when they
    // cannot be (Daytona chosen without a key).
    using BackendSource = std::function<SandboxBackend *(QString *error)>;

    // Refresh intervals: normal, and the ceiling of the backoff after errors.
    static constexpr int kRefreshMs = 5000;
    static constexpr int kMaxBackoffMs = 60000;

    SandboxService(Store &store, BackendSource backend, QObject *parent = nullptr);
    ~SandboxService() override;

    // The providers listed ("local", "daytona"), the default one first.
    QStringList providers() const;
    // What the user must know about the local sandboxes although they run (no seccomp filter
    // on this machine); empty when nothing or when the local server has not started.
    QString localWarning() const;
    // The client of a provider, or of the provider a listed sandbox comes from; nullptr and
    // *error (what to do) if there is none.
    DaytonaClient *client(const QString &provider, QString *error) const;
    DaytonaClient *clientFor(const QString &id, QString *error) const;

    // The list as last read, in the servers' order (new sandboxes at the end).
    const QList<SandboxEntry> &sandboxes() const { return m_entries; }
    // The listed sandbox with this id; nullptr if it is not listed.
    const SandboxEntry *find(const QString &id) const;
    int countOf(const QString &provider) const;
    // The sandboxes the store records for a thread (listed or not).
    StoreResult<QList<SandboxRecord>> ownedBy(RowId threadId) const;

    // Asks the servers now (a refresh already under way is followed by one more).
    void refresh();
    // While anyone wants it (a visible list), refreshes now and then on the timer; a wanter
    // that is destroyed wants it no more.
    void setPollingWanted(QObject *who, bool wanted);
    bool isPolling() const { return !m_pollers.isEmpty(); }
    bool isRefreshing() const { return !m_listers.isEmpty(); }
    // True once a list has arrived (so an empty list means "no sandboxes", not "not asked").
    bool hasLoaded() const { return m_loaded; }
    // The error of the last refresh (empty after a success) and how many failed in a row.
    QString lastError() const { return m_lastError; }
    int consecutiveFailures() const { return m_failures; }
    // Delay before the next automatic refresh: 5 s, or 5, 10, 20, 40, 60 s after errors.
    int nextRefreshMs() const;

    // Lifecycle operations on a listed sandbox; each ends with operationFinished.
    void startSandbox(const QString &id);
    void stopSandbox(const QString &id);
    // Deletes at the provider the list has it under (or `provider`, for one not listed, such
    // as a deleted thread's); gone already (404) counts as deleted. The store forgets it.
    void deleteSandbox(const QString &id, const QString &provider = QString());
    // Changes a listed sandbox's timers (minutes; autoStop 0 = never; autoDelete -1 = never,
    // 0 = when stopped); ends with operationFinished(id, "lifecycle", error).
    void setLifecycle(const QString &id, int autoStopMinutes, int autoDeleteMinutes);
    // An agent run still uses this sandbox: its idle time starts again (the server's
    // last-activity). Fire and forget; provider empty = the default one.
    void keepAlive(const QString &provider, const QString &id);
    // "start", "stop", "delete" or "lifecycle" while that operation runs on the sandbox; empty
    // when idle.
    QString runningOperation(const QString &id) const { return m_running.value(id); }
    bool isBusy(const QString &id) const { return m_running.contains(id); }

    // The files of a listed sandbox, for the file browser: the sandbox user's home folder, a
    // folder's entries, a file's content. Each call goes to the sandbox's own server and
    // answers through DaytonaCall::finished; nullptr and *error (what to do) when the sandbox
    // is no longer listed or its server is not available.
    DaytonaCall *homeFolder(const QString &id, QString *error);
    DaytonaCall *listFiles(const QString &id, const QString &path, QString *error);
    DaytonaCall *downloadFile(const QString &id, const QString &path, QString *error);

    // Asks for the URL of a port served inside a listed sandbox; ends with previewUrlReady.
    void requestPreviewUrl(const QString &id, int port);

    // The agent's own lifecycle, recorded: a sandbox it created for a thread, one it deleted
    // (or found gone).
    void recordCreated(const QString &provider, const Sandbox &sandbox, RowId threadId);
    void recordDeleted(const QString &provider, const QString &id);
    // The user gives a listed sandbox to a thread: from then on that thread's tools may reach
    // it, as they reach the sandboxes the thread created (a thread's tools reach no other).
    // False and *error when the sandbox is not listed.
    bool attachToThread(const QString &id, RowId threadId, QString *error);

signals:
    void sandboxAdded(const QString &id);
    void sandboxChanged(const QString &id); // state, owner, labels, ...
    void sandboxRemoved(const QString &id);
    // After every refresh; ok false: lastError() says why and when it is tried again.
    void refreshed(bool ok);
    void operationStarted(const QString &id, const QString &operation);
    // error empty = the operation ("start", "stop", "delete") succeeded.
    void operationFinished(const QString &id, const QString &operation, const QString &error);
    // url invalid and error set when there is none.
    void previewUrlReady(const QString &id, int port, const QUrl &url, const QString &error);

private:
    DaytonaCall *
    fileCall(const QString &id, QString *error,
             const std::function<DaytonaCall *(DaytonaClient &, const Sandbox &)> &make);
    SandboxBackend *backend(QString *error) const;
    void scheduleNext();
    void onListed(const QString &provider, const DaytonaResult &result);
    void merge(const QString &provider, const QList<Sandbox> &sandboxes);
    QHash<QString, RowId> owners();
    void fillOwner(SandboxEntry &entry, const QHash<QString, RowId> &owners);
    // A sandbox new to the list: appended with its owner, then announced.
    void append(const QString &provider, const Sandbox &sandbox,
                const QHash<QString, RowId> &ownerOf);
    void lifecycle(const QString &id, const QString &operation);
    bool beginOperation(const QString &id, const QString &operation, DaytonaClient *client,
                        const QString &clientError);
    void endOperation(const QString &id, const QString &operation, const QString &error);
    void updateSandbox(const QString &id, const Sandbox &sandbox);
    void forget(const QString &provider, const QString &id, QString *error);
    int indexOf(const QString &id) const;
    void track(QObject *operation);
    void answerPreview(const QString &id, int port, const DaytonaResult &result, bool isSigned);

    Store &m_store;
    BackendSource m_backend;
    QList<SandboxEntry> m_entries;
    QHash<QString, QPointer<SandboxLister>> m_listers; // by provider, while listing
    bool m_listOk = true; // every list of this refresh so far
    QList<QPointer<QObject>> m_operations; // calls and waiters in flight, cancelled on destruction
    QHash<QString, QString> m_running; // id -> operation
    QSet<QString> m_deleted; // "provider/id" deleted here; an earlier list may still hold them
    QHash<RowId, QString> m_threadTitles; // read once per refresh
    QHash<QObject *, QMetaObject::Connection> m_pollers; // who wants polling
    QTimer m_timer;
    QString m_lastError;
    int m_failures = 0;
    bool m_loaded = false;
    bool m_refreshAgain = false;
};
