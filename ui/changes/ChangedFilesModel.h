// The files of a change set as the Changes tab lists them: status (added, modified, deleted,
// renamed, type changed), path, and "+20 −4" (or the size of a binary or huge file, or a mode
// change). Reset with each new change set; holds the files by value.
#pragma once

#include "changes/ChangeTypes.h"

#include <QAbstractTableModel>

class ChangedFilesModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { StatusColumn, PathColumn, CountsColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // QString, the file's path in the sandbox home
        AdditionsRole, // int
        DeletionsRole, // int
        BinaryRole, // bool
    };

    explicit ChangedFilesModel(QObject *parent = nullptr);

    void setChangeSet(const ChangeSet &changes);
    const ChangeSet &changeSet() const { return m_changes; }
    const FileChange *file(int row) const;
    int rowOfPath(const QString &path) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    ChangeSet m_changes;
};
