// The sandbox manager's table: the sandbox service's list as rows, one per sandbox (Daytona
// cloud and the local server side by side, with the owning thread from the store). Rows are
// added, changed and removed as the service says, in place (by id), so a view's selection
// survives a refresh; a row shows its running operation ("stopping…") as its state.
#pragma once

#include "services/SandboxService.h"

#include <QPointer>

#include <QAbstractTableModel>
#include <QDateTime>

class ProcessService;

class SandboxListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    // The columns, in the order shown. A new column is a new enumerator (before ColumnCount)
    // with its cases in data() (DisplayRole, SortRole) and headerData().
    enum Column {
        Name,
        State,
        Provider,
        Cpu, // in use / limit, e.g. "0.4 / 2 CPU"
        Memory, // "210 MiB / 4 GiB"
        Disk, // "12 MiB / 10 GiB"
        AutoStop, // "stops in 12 min", "off"
        AutoDelete, // "deleted in 6 days", "off"
        Thread,
        Created,
        Network,
        Language,
        Id,
        Labels,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1,
        StateRole, // the server's state, even while an operation shows its own text
        ThreadIdRole, // RowId of the owning thread, 0 if none
        BusyRole, // bool: an operation on this row is running
        SortRole, // a value that sorts as a user expects (dates chronologically, numbers as
                  // numbers: usage in bytes and cores, timers in milliseconds left)
        ProcessCountRole, // int: background processes running in it (issue 17)
    };

    explicit SandboxListModel(SandboxService &sandboxes, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    SandboxService &service() const { return m_sandboxes; }
    int rowOf(const QString &id) const;
    QString idAt(int row) const;
    Sandbox sandbox(const QString &id) const;
    // The provider a row comes from.
    QString providerOf(const QString &id) const;
    RowId threadIdOf(const QString &id) const;
    bool isBusy(const QString &id) const { return m_sandboxes.isBusy(id); }
    QStringList idsInState(const QString &state) const;
    // Background processes: a row's state says how many run in it ("started · 2 processes").
    void setProcesses(ProcessService *processes);

    // Texts the list and the details pane share.
    static QString bytesText(qint64 bytes); // "210 MiB", "1.5 GiB"
    static QString durationText(qint64 ms); // "12 min", "5 h", "6 days"
    static QString cpuText(const Sandbox &s);
    static QString memoryText(const Sandbox &s);
    static QString diskText(const Sandbox &s);
    // When the sandbox stops / is deleted by its timers, as of `now`; and the milliseconds
    // left (max = never, 0 = due, -1 = not counting: e.g. a started sandbox's auto-delete).
    static QString autoStopText(const Sandbox &s, const QDateTime &now);
    static QString autoDeleteText(const Sandbox &s, const QDateTime &now);
    static qint64 autoStopLeftMs(const Sandbox &s, const QDateTime &now);
    static qint64 autoDeleteLeftMs(const Sandbox &s, const QDateTime &now);
    static QString networkText(const Sandbox &s);

private:
    void onAdded(const QString &id);
    void onChanged(const QString &id);
    void onRemoved(const QString &id);
    void emitRowChanged(int row);
    QString stateText(const SandboxEntry &row) const;

    SandboxService &m_sandboxes;
    QPointer<ProcessService> m_processes;
    QList<SandboxEntry> m_rows; // the service's entries, in the order they came
};
