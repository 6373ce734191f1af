// The rewind dialog (see RewindDialog.h).
#include "RewindDialog.h"

#include "changes/DiffRender.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace {
constexpr int kStepRole = Qt::UserRole + 1;
constexpr int kMessageRole = Qt::UserRole + 2;

QString actionText(FileChange::Kind kind)
{
    switch (kind) {
    case FileChange::Kind::Added:
        return RewindDialog::tr("remove");
    case FileChange::Kind::Deleted:
        return RewindDialog::tr("bring back");
    case FileChange::Kind::Modified:
    case FileChange::Kind::TypeChanged:
        break;
    }
    return RewindDialog::tr("restore");
}
} // namespace

RewindDialog::RewindDialog(CheckpointService &checkpoints, RowId threadId,
                           const RewindTarget &target, QWidget *parent)
    : QDialog(parent)
    , m_checkpoints(checkpoints)
    , m_thread(threadId)
{
    setObjectName(QStringLiteral("rewindDialog"));
    setWindowTitle(tr("Rewind"));
    setModal(true);

    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("rewindTarget"));
    m_target->setAccessibleName(tr("Go back to"));
    const auto steps = m_checkpoints.steps(threadId);
    if (target.messageId) {
        QString text;
        if (steps) {
            for (const ThreadStep &step : *steps) {
                if (step.userMessageId == target.messageId) {
                    text = step.userText;
                    break;
                }
            }
        }
        m_target->addItem(text.isEmpty()
                              ? tr("Before your message")
                              : tr("Before your message “%1”").arg(text.simplified().left(60)));
        m_target->setItemData(0, target.messageId, kMessageRole);
        m_target->setItemData(0, -1, kStepRole);
    }
    m_target->addItem(tr("The thread's beginning"));
    m_target->setItemData(m_target->count() - 1, 0, kStepRole);
    if (steps) {
        for (const ThreadStep &step : *steps) {
            QString label = tr("After step %1").arg(step.number);
            if (step.filesChanged > 0)
                label += QStringLiteral(" — ")
                    + tr("%1, +%2 \u2212%3")
                          .arg(DiffRender::filesText(step.filesChanged))
                          .arg(step.linesAdded)
                          .arg(step.linesRemoved);
            if (!step.userText.isEmpty())
                label += QStringLiteral(" — “") + step.userText.simplified().left(40)
                    + QStringLiteral("”");
            m_target->addItem(label);
            m_target->setItemData(m_target->count() - 1, step.number, kStepRole);
        }
    }
    if (!target.messageId)
        setTarget(target);

    m_filesOnly = new QRadioButton(tr("&Files only (the conversation stays)"), this);
    m_filesOnly->setObjectName(QStringLiteral("rewindFiles"));
    m_conversation
        = new QRadioButton(tr("&Conversation only (a new thread from there; files stay)"), this);
    m_conversation->setObjectName(QStringLiteral("rewindConversation"));
    m_both = new QRadioButton(tr("&Both (a new thread, and the files go back)"), this);
    m_both->setObjectName(QStringLiteral("rewindBoth"));
    m_modes = new QButtonGroup(this);
    m_modes->addButton(m_filesOnly, int(RewindMode::Files));
    m_modes->addButton(m_conversation, int(RewindMode::Conversation));
    m_modes->addButton(m_both, int(RewindMode::Both));
    m_filesOnly->setChecked(true);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("rewindSummary"));
    m_summary->setWordWrap(true);
    m_files = new QListWidget(this);
    m_files->setObjectName(QStringLiteral("rewindPreview"));
    m_files->setAccessibleName(tr("What the rewind changes"));
    m_refusal = new QLabel(this);
    m_refusal->setObjectName(QStringLiteral("rewindRefusal"));
    m_refusal->setWordWrap(true);
    QFont bold = m_refusal->font();
    bold.setBold(true);
    m_refusal->setFont(bold);
    m_refusal->hide();
    auto *note = new QLabel(
        tr("A rewind is itself a checkpoint: “Undo Rewind” in the Changes tab brings the files "
           "back."),
        this);
    note->setWordWrap(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_rewind = m_buttons->addButton(tr("&Rewind"), QDialogButtonBox::AcceptRole);
    m_rewind->setObjectName(QStringLiteral("rewindButton"));
    m_rewind->setEnabled(false);

    auto *form = new QFormLayout;
    auto *targetLabel = new QLabel(tr("&Go back to:"), this);
    targetLabel->setBuddy(m_target);
    form->addRow(targetLabel, m_target);
    auto *modes = new QVBoxLayout;
    modes->addWidget(m_filesOnly);
    modes->addWidget(m_conversation);
    modes->addWidget(m_both);
    form->addRow(tr("Rewind:"), modes);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_files, 1);
    layout->addWidget(m_refusal);
    layout->addWidget(note);
    layout->addWidget(m_buttons);
    resize(560, 420);

    connect(m_target, &QComboBox::currentIndexChanged, this, &RewindDialog::requestPreview);
    connect(m_modes, &QButtonGroup::idToggled, this, [this](int, bool on) {
        if (on)
            requestPreview();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_rewind, &QPushButton::clicked, this, &RewindDialog::startRewind);
    connect(&m_checkpoints, &CheckpointService::rewindPreviewReady, this,
            &RewindDialog::previewReady);
    connect(&m_checkpoints, &CheckpointService::rewindFinished, this, &RewindDialog::finished);
    requestPreview();
}

RewindTarget RewindDialog::target() const
{
    const RowId message = m_target->currentData(kMessageRole).toLongLong();
    if (message)
        return RewindTarget::beforeMessage(message);
    return RewindTarget::toStep(m_target->currentData(kStepRole).toInt());
}

bool RewindDialog::setTarget(const RewindTarget &target)
{
    for (int i = 0; i < m_target->count(); ++i) {
        const bool match = target.messageId
            ? m_target->itemData(i, kMessageRole).toLongLong() == target.messageId
            : (!m_target->itemData(i, kMessageRole).toLongLong()
               && m_target->itemData(i, kStepRole).toInt() == target.step);
        if (match) {
            m_target->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

RewindMode RewindDialog::mode() const
{
    return RewindMode(m_modes->checkedId());
}

void RewindDialog::setMode(RewindMode mode)
{
    if (QAbstractButton *button = m_modes->button(int(mode)))
        button->setChecked(true);
}

void RewindDialog::requestPreview()
{
    if (!m_modes)
        return; // still being built
    m_previewReady = false;
    m_rewind->setEnabled(false);
    m_files->clear();
    m_refusal->hide();
    m_summary->setText(tr("Working out what would change…"));
    m_previewRequest = m_checkpoints.requestRewindPreview(m_thread, target(), mode());
}

void RewindDialog::previewReady(const RewindPreview &preview)
{
    if (preview.request != m_previewRequest)
        return;
    m_previewReady = true;
    m_files->clear();
    const QString problem = !preview.refusal.isEmpty() ? preview.refusal : preview.error;
    if (!problem.isEmpty()) {
        m_summary->clear();
        m_refusal->setText(problem);
        m_refusal->show();
        m_rewind->setEnabled(false);
        return;
    }
    QStringList lines;
    if (preview.mode != RewindMode::Conversation) {
        if (preview.files.files.isEmpty())
            lines << tr("The files are already as they were then: nothing to restore.");
        else
            lines << (preview.targetStep == 0
                          ? tr("Back to how they were when the thread began (%1):")
                                .arg(DiffRender::filesText(int(preview.files.files.size())))
                          : tr("Back to how they were after step %1 (%2):")
                                .arg(preview.targetStep)
                                .arg(DiffRender::filesText(int(preview.files.files.size()))));
        for (const FileChange &file : preview.files.files) {
            auto *item = new QListWidgetItem(
                tr("%1 %2 (%3)")
                    .arg(actionText(file.kind), file.displayPath(), DiffRender::countsText(file)),
                m_files);
            item->setData(Qt::UserRole, file.displayPath());
        }
    }
    if (preview.mode != RewindMode::Files)
        lines.prepend(tr("A new thread starts with the first %n message(s);", nullptr,
                         int(preview.messagesKept))
                      + QLatin1Char(' ')
                      + tr("%n later message(s) left out. The original thread stays as it is.",
                           nullptr, int(preview.messagesDropped)));
    m_summary->setText(lines.join(QLatin1Char('\n')));
    m_rewind->setEnabled(true);
}

void RewindDialog::startRewind()
{
    m_rewind->setEnabled(false);
    m_target->setEnabled(false);
    m_summary->setText(tr("Rewinding…"));
    m_rewindRequest = m_checkpoints.rewind(m_thread, target(), mode());
}

void RewindDialog::finished(const RewindResult &result)
{
    if (result.request != m_rewindRequest || m_rewindRequest == 0)
        return;
    m_target->setEnabled(true);
    if (!result.error.isEmpty()) {
        m_refusal->setText(result.error);
        m_refusal->show();
        m_rewind->setEnabled(true);
        return;
    }
    emit rewound(result);
    accept();
}
