// ThreadItemDelegate: the look of the sidebar's rows (palette colours only, so dark mode works).
#include "ThreadItemDelegate.h"

#include "ThreadListModel.h"

#include <QApplication>
#include <QLineEdit>

ThreadItemDelegate::ThreadItemDelegate(const ThreadListModel &model, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_model(model)
{
}

void ThreadItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                         const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(ThreadListModel::HeaderRole).toBool()) {
        option->font.setBold(true);
        option->font.setPointSizeF(option->font.pointSizeF() * 0.9);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        option->state
            &= ~(QStyle::State_Selected | QStyle::State_HasFocus | QStyle::State_MouseOver);
        option->state |= QStyle::State_Enabled; // readable, though not selectable
        option->displayAlignment = Qt::AlignLeft | Qt::AlignBottom;
        return;
    }
    if (index.data(ThreadListModel::RunningRole).toBool())
        option->text = QStringLiteral("\u25CF ") + option->text; // the run's dot
    const QString snippet = index.data(ThreadListModel::SnippetRole).toString();
    if (m_model.isSearching() && !snippet.isEmpty())
        option->text += QLatin1Char('\n') + snippet.simplified();
}

QSize ThreadItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    // Uniform: the view asks for the first row only, which may be a header.
    const int lines = m_model.isSearching() ? 2 : 1;
    const int height = option.fontMetrics.lineSpacing() * lines + 10;
    return {QStyledItemDelegate::sizeHint(option, index).width(), height};
}

QWidget *ThreadItemDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                          const QModelIndex &index) const
{
    QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
    editor->setObjectName(QStringLiteral("threadRenameEditor"));
    return editor;
}
