// The sandbox manager's table: every sandbox on the sandbox servers in use (Daytona cloud when
// it is configured, the embedded local server when it is the default or a run has used it),
// joined with the store's records of which thread owns which sandbox.
// Refreshes itself while enabled, backing off on errors, and updates rows in place (by id) so a
// view's selection survives a refresh. Also runs the lifecycle operations (start, stop, delete)
// with a per-row busy state.
#pragma once

#include "sandbox/DaytonaCall.h"
#include "sandbox/SandboxLister.h"
#include "store/StoreTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

class AppContext;
class DaytonaClient;

class SandboxListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Id, Provider, State, Language, Thread, Created, Labels, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        StateRole, // the server's state, even while an operation shows its own text
        ThreadIdRole, // RowId of the owning thread, 0 if none
        BusyRole, // bool: an operation on this row is running
        SortRole, // a value that sorts as a user expects (dates chronologically)
    };

    // Refresh intervals: normal, and the ceiling of the backoff after errors.
    static constexpr int kRefreshMs = 5000;
    static constexpr int kMaxBackoffMs = 60000;

    explicit SandboxListModel(AppContext &context, QObject *parent = nullptr);
    ~SandboxListModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Asks the server now (a refresh already under way is followed by one more).
    void refresh();
    // While enabled (the panel is visible), refreshes now and then on the timer.
    void setAutoRefresh(bool enabled);
    bool autoRefresh() const { return m_autoRefresh; }
    bool isRefreshing() const { return !m_listers.isEmpty(); }
    // True once a list has arrived (so an empty table means "no sandboxes", not "not asked").
    bool hasLoaded() const { return m_loaded; }
    // The error of the last refresh (empty after a success) and how many failed in a row.
    QString lastError() const { return m_lastError; }
    int consecutiveFailures() const { return m_failures; }
    // Delay before the next automatic refresh: 5 s, or 5, 10, 20, 40, 60 s after errors.
    int nextRefreshMs() const;
    // The providers listed ("local", "daytona"), the default one first.
    QStringList providers() const;
    // The provider a row comes from.
    QString providerOf(const QString &id) const;
    int countOf(const QString &provider) const;

    int rowOf(const QString &id) const;
    QString idAt(int row) const;
    Sandbox sandbox(const QString &id) const;
    RowId threadIdOf(const QString &id) const;
    bool isBusy(const QString &id) const;
    QStringList idsInState(const QString &state) const;

    // The client of a provider, or of the provider a sandbox comes from; nullptr and *error
    // (what to do) if there is none.
    DaytonaClient *client(const QString &provider, QString *error);
    DaytonaClient *clientFor(const QString &id, QString *error);

    // Lifecycle operations; each marks its row busy and ends with operationFinished.
    void startSandbox(const QString &id);
    void stopSandbox(const QString &id);
    void deleteSandbox(const QString &id);

signals:
    // After every refresh; ok false: lastError() says why and when it is tried again.
    void refreshed(bool ok);
    // error empty = the operation ("start", "stop", "delete") succeeded.
    void operationFinished(const QString &id, const QString &operation, const QString &error);

private:
    struct Row
    {
        Sandbox sandbox;
        QString provider;
        RowId threadId = 0;
        QString threadTitle;
        QString busyText; // "Stopping…"; empty when idle
    };

    void scheduleNext();
    void onListed(const QString &provider, const DaytonaResult &result);
    void merge(const QString &provider, const QList<Sandbox> &sandboxes);
    void fillOwner(Row &row, const QHash<QString, RowId> &owners);
    void setBusy(const QString &id, const QString &text);
    void updateSandbox(const Sandbox &sandbox);
    void removeRow(const QString &id);
    void emitRowChanged(int row);
    void track(QObject *operation);
    QString stateText(const Row &row) const;

    AppContext &m_context;
    QList<Row> m_rows;
    QHash<QString, QPointer<SandboxLister>> m_listers; // by provider, while listing
    bool m_listOk = true; // every list of this refresh so far
    QList<QPointer<QObject>> m_operations; // calls and waiters in flight, cancelled on destruction
    QSet<QString> m_deleted; // deleted here; a list that started earlier may still hold them
    QHash<RowId, QString> m_threadTitles;
    QTimer m_timer;
    QString m_lastError;
    int m_failures = 0;
    bool m_autoRefresh = false;
    bool m_loaded = false;
    bool m_refreshAgain = false;
};
