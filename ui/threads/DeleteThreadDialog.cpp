// DeleteThreadDialog: the confirmation before a thread (and maybe its sandboxes) goes.
#include "DeleteThreadDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

DeleteThreadDialog::DeleteThreadDialog(const QString &threadTitle, int sandboxCount,
                                       QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("threadDeleteDialog"));
    setWindowTitle(tr("Delete thread"));
    setAttribute(Qt::WA_DeleteOnClose);

    auto *message = new QLabel(
        tr("Delete thread “%1”?\nIts messages, runs and tool calls are removed. This cannot be "
           "undone.")
            .arg(threadTitle),
        this);
    message->setObjectName(QStringLiteral("threadDeleteMessage"));
    message->setWordWrap(true);
    message->setTextFormat(Qt::PlainText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(message);
    if (sandboxCount > 0) {
        // Spelled out: without a loaded translation "%n sandbox(es)" is shown as written.
        m_sandboxes = new QCheckBox(sandboxCount == 1
                                        ? tr("Also delete its sandbox")
                                        : tr("Also delete its %1 sandboxes").arg(sandboxCount),
                                    this);
        m_sandboxes->setObjectName(QStringLiteral("threadDeleteSandboxes"));
        m_sandboxes->setToolTip(
            tr("Otherwise they stay at their provider, without an owner, until you delete them "
               "from the sandbox list."));
        layout->addWidget(m_sandboxes);
    }

    auto *buttons = new QDialogButtonBox(this);
    buttons->setObjectName(QStringLiteral("threadDeleteButtons"));
    QPushButton *remove = buttons->addButton(tr("Delete"), QDialogButtonBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("threadDeleteConfirm"));
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("threadDeleteCancel"));
    cancel->setDefault(true); // Enter does not delete by accident
    connect(remove, &QPushButton::clicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

bool DeleteThreadDialog::alsoDeleteSandboxes() const
{
    return m_sandboxes && m_sandboxes->isChecked();
}

void DeleteThreadDialog::setAlsoDeleteSandboxes(bool checked)
{
    if (m_sandboxes)
        m_sandboxes->setChecked(checked);
}
