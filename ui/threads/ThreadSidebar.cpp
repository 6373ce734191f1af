#include "ThreadSidebar.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QListView>
#include <QToolButton>
#include <QVBoxLayout>

ThreadSidebar::ThreadSidebar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("threadSidebar"));

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("threadSearch"));
    m_search->setPlaceholderText(tr("Search threads"));
    m_search->setClearButtonEnabled(true);

    m_newThread = new QToolButton(this);
    m_newThread->setObjectName(QStringLiteral("newThreadButton"));
    m_newThread->setText(tr("New"));
    m_newThread->setToolTip(tr("New thread"));

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("threadList"));
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed);

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_newThread);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);
}
