// Draws the sidebar's rows: group headers as small muted labels, threads as their title with
// a dot while a run is going on, and, while searching, the text around the match below it.
// Every row has the same height (the view uses uniform item sizes, which keeps 10,000 rows fast).
#pragma once

#include <QStyledItemDelegate>

class ThreadListModel;

class ThreadItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ThreadItemDelegate(const ThreadListModel &model, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    const ThreadListModel &m_model;
};
