// The Changes tab's file list (see ChangedFilesModel.h).
#include "ChangedFilesModel.h"

#include "changes/DiffRender.h"

#include <QFont>
#include <QFontDatabase>

ChangedFilesModel::ChangedFilesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ChangedFilesModel::setChangeSet(const ChangeSet &changes)
{
    beginResetModel();
    m_changes = changes;
    endResetModel();
}

const FileChange *ChangedFilesModel::file(int row) const
{
    if (row < 0 || row >= m_changes.files.size())
        return nullptr;
    return &m_changes.files.at(row);
}

int ChangedFilesModel::rowOfPath(const QString &path) const
{
    for (int row = 0; row < m_changes.files.size(); ++row) {
        if (m_changes.files.at(row).displayPath() == path)
            return row;
    }
    return -1;
}

int ChangedFilesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.files.size());
}

int ChangedFilesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChangedFilesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FileChange &file = m_changes.files.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return FileChange::kindLetter(file.kind);
        case PathColumn:
            return file.displayPath();
        case CountsColumn:
            return DiffRender::countsText(file);
        }
        return {};
    case Qt::ToolTipRole:
    case Qt::AccessibleTextRole:
        return tr("%1, %2, %3")
            .arg(file.displayPath(), DiffRender::statusText(file), DiffRender::countsText(file));
    case Qt::TextAlignmentRole:
        if (index.column() == CountsColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (index.column() == StatusColumn) {
            QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            font.setBold(true);
            return font;
        }
        return {};
    case PathRole:
        return file.displayPath();
    case AdditionsRole:
        return file.additions;
    case DeletionsRole:
        return file.deletions;
    case BinaryRole:
        return file.binary;
    default:
        return {};
    }
}

QVariant ChangedFilesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn:
        return QString();
    case PathColumn:
        return tr("File");
    case CountsColumn:
        return tr("Changes");
    }
    return {};
}
