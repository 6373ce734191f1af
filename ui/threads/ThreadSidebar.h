// The thread sidebar: search field, "New thread" and the list of threads.
#pragma once

#include <QWidget>

class QLineEdit;
class QListView;
class QToolButton;

class ThreadSidebar final : public QWidget
{
    Q_OBJECT

public:
    explicit ThreadSidebar(QWidget *parent = nullptr);

    QLineEdit *searchField() const { return m_search; }
    QListView *threadList() const { return m_list; }

private:
    QLineEdit *m_search = nullptr;
    QToolButton *m_newThread = nullptr;
    QListView *m_list = nullptr;
};
