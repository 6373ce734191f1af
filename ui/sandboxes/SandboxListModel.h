// The sandbox manager's table: the sandbox service's list as rows, one per sandbox (Daytona
// cloud and the local server side by side, with the owning thread from the store). Rows are
// added, changed and removed as the service says, in place (by id), so a view's selection
// survives a refresh; a row shows its running operation ("stopping…") as its state.
#pragma once

#include "services/SandboxService.h"

#include <QPointer>

#include <QAbstractTableModel>

class ProcessService;

class SandboxListModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Name,
        Id,
        Provider,
        State,
        Language,
        Network,
        Thread,
        Created,
        Resources,
        Labels,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1,
        StateRole, // the server's state, even while an operation shows its own text
        ThreadIdRole, // RowId of the owning thread, 0 if none
        BusyRole, // bool: an operation on this row is running
        SortRole, // a value that sorts as a user expects (dates chronologically)
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
