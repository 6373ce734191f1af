#include "ChatPane.h"

#include <QHBoxLayout>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

ChatPane::ChatPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("chatPane"));

    m_conversation = new QListView(this);
    m_conversation->setObjectName(QStringLiteral("conversationView"));
    m_conversation->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_conversation->setSelectionMode(QAbstractItemView::NoSelection);

    m_composer = new QPlainTextEdit(this);
    m_composer->setObjectName(QStringLiteral("composer"));
    m_composer->setPlaceholderText(tr("Ask the agent to write, run and test code"));
    m_composer->setTabChangesFocus(true);
    m_composer->setMaximumHeight(m_composer->fontMetrics().lineSpacing() * 8);

    m_send = new QPushButton(tr("Send"), this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setEnabled(false);
    m_send->setToolTip(tr("Send the message (Enter)"));

    auto *composerRow = new QHBoxLayout;
    composerRow->addWidget(m_composer, 1);
    composerRow->addWidget(m_send, 0, Qt::AlignBottom);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_conversation, 1);
    layout->addLayout(composerRow);

    connect(m_composer, &QPlainTextEdit::textChanged, this,
            [this] { m_send->setEnabled(!m_composer->toPlainText().trimmed().isEmpty()); });
}

void ChatPane::focusComposer()
{
    m_composer->setFocus(Qt::ShortcutFocusReason);
}
