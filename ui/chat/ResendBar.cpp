#include "ResendBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>

ResendBar::ResendBar(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("resendBar"));
    setFrameShape(QFrame::StyledPanel);
    setAccessibleName(tr("Editing the last message"));
    auto *label = new QLabel(tr("Editing your last message. When it is sent:"), this);
    m_fork = new QRadioButton(tr("&Keep the original in its thread (fork)"), this);
    m_fork->setObjectName(QStringLiteral("resendForkOption"));
    m_fork->setAccessibleName(tr("Send the edited message in a new thread"));
    m_fork->setToolTip(tr("A new thread with the conversation before this message gets the "
                          "edited message; this thread stays as it is"));
    m_truncate = new QRadioButton(tr("&Replace it here (truncate)"), this);
    m_truncate->setObjectName(QStringLiteral("resendTruncateOption"));
    m_truncate->setAccessibleName(tr("Replace the message and what followed in this thread"));
    m_truncate->setToolTip(
        tr("This message, the answer to it and everything after it are removed from this "
           "thread, and the edited message takes its place"));
    m_fork->setChecked(true);
    auto *cancel = new QPushButton(tr("Cancel Edit"), this);
    cancel->setObjectName(QStringLiteral("resendCancelButton"));
    cancel->setAccessibleName(tr("Cancel the edit"));
    cancel->setToolTip(tr("Stop editing; the conversation stays as it is (Escape)"));
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(cancel, &QPushButton::clicked, this, &ResendBar::cancelRequested);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(label);
    layout->addWidget(m_fork);
    layout->addWidget(m_truncate);
    layout->addStretch(1);
    layout->addWidget(cancel);
    hide();
}

void ResendBar::start(RowId messageId)
{
    m_messageId = messageId;
    show();
}

ResendBar::Mode ResendBar::mode() const
{
    return m_truncate->isChecked() ? Mode::Truncate : Mode::Fork;
}

void ResendBar::setMode(Mode mode)
{
    (mode == Mode::Truncate ? m_truncate : m_fork)->setChecked(true);
}

void ResendBar::finish()
{
    m_messageId = 0;
    hide();
}
