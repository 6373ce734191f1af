// ChatPane: what the composer sends besides text, and sending again (issue 18). Attachments:
// files and folders dropped on the composer (or chosen with the paperclip) are checked by the
// attachment service, shown as chips, and uploaded into the thread's sandbox when the message
// is sent - after the approval rules allow it, as they would allow the agent's writeFiles -
// and the message names them. Edit and retry: the last user message is edited and sent again
// in a fork (a conversation rewind) or in its place (the thread is truncated), and the last
// answer is asked of another model.
#include "ChatPane.h"

#include "agent/AgentEngine.h"
#include "chat/AttachmentTray.h"
#include "chat/Composer.h"
#include "chat/ConversationModel.h"
#include "chat/ConversationView.h"
#include "chat/ModelPicker.h"
#include "chat/ResendBar.h"
#include "core/Settings.h"
#include "services/CheckpointService.h"
#include "services/RunHistory.h"
#include "services/ThreadService.h"

#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace {
// The message names at most this many files one by one; the rest by their folder.
constexpr int kNamedFiles = 20;
} // namespace

void ChatPane::buildComposeWidgets(QVBoxLayout *buttons)
{
    m_attach = new QToolButton(this);
    m_attach->setObjectName(QStringLiteral("attachButton"));
    m_attach->setText(tr("📎 Attach"));
    m_attach->setAccessibleName(tr("Attach files"));
    m_attach->setToolTip(tr("Attach files to the message; they are uploaded into the thread's "
                            "sandbox when it is sent (Ctrl+U). Files and folders can also be "
                            "dropped on the message box."));
    m_attach->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    m_attach->setEnabled(m_attachmentService != nullptr);
    buttons->addWidget(m_attach);
    connect(m_attach, &QToolButton::clicked, this, &ChatPane::chooseAttachments);
    connect(m_composer, &Composer::filesDropped, this, &ChatPane::attachFiles);
    connect(m_tray, &AttachmentTray::removeRequested, this, &ChatPane::removeAttachment);
    connect(m_resend, &ResendBar::cancelRequested, this, &ChatPane::cancelEdit);
    auto *edit = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_E), this);
    edit->setContext(Qt::WidgetWithChildrenShortcut);
    connect(edit, &QShortcut::activated, this, &ChatPane::editLastMessage);
    connect(m_view, &ConversationView::editLastMessageRequested, this, &ChatPane::editLastMessage);
    connect(m_view, &ConversationView::retryWithModelRequested, this, &ChatPane::retryWithModel);
    m_view->setRetryModels([this] {
        QStringList models;
        for (int i = 0; i < m_modelPicker->count(); ++i) {
            const QString model = m_modelPicker->itemText(i);
            if (!model.isEmpty() && !models.contains(model))
                models << model;
        }
        return models;
    });
    if (m_attachmentService) {
        connect(m_attachmentService, &AttachmentService::uploadProgress, this,
                [this](int request, qint64 done, qint64 total) {
                    if (m_pending && m_pending->request == request)
                        m_tray->setProgress(done, total);
                });
        connect(m_attachmentService, &AttachmentService::uploadFinished, this,
                &ChatPane::onUploadFinished);
    }
    if (m_checkpoints)
        connect(m_checkpoints, &CheckpointService::rewindFinished, this, &ChatPane::onForkFinished);
}

AttachmentLimits ChatPane::attachmentLimits() const
{
    AttachmentLimits limits;
    limits.maxFileBytes = qint64(m_settings.attachmentMaxFileMiB()) << 20;
    limits.maxTotalBytes = qint64(m_settings.attachmentMaxTotalMiB()) << 20;
    return limits;
}

void ChatPane::attachFiles(const QStringList &paths)
{
    if (!m_attachmentService) {
        showError(tr("Files cannot be attached here: %1").arg(m_engineError));
        return;
    }
    if (m_pending) {
        showError(tr("The attachments are being uploaded; add more to the next message."));
        return;
    }
    const bool images = AttachmentService::modelTakesImages(m_modelPicker->currentModel());
    const AttachmentScan scan
        = AttachmentService::scan(paths, m_attached, attachmentLimits(), images);
    m_attached += scan.files;
    updateAttachments();
    showError(scan.errors.join(QLatin1Char('\n')));
    qInfo().noquote() << "attachments:" << scan.files.size() << "added," << scan.errors.size()
                      << "refused";
}

void ChatPane::removeAttachment(const QString &group)
{
    m_attached.removeIf([&group](const AttachmentFile &file) {
        return file.name == group || file.name.startsWith(group + QLatin1Char('/'));
    });
    updateAttachments();
    m_composer->setFocus();
}

void ChatPane::updateAttachments()
{
    m_tray->setFiles(m_attached);
    updateButtons();
}

void ChatPane::chooseAttachments()
{
    if (!m_attachmentService || m_pending)
        return;
    auto *dialog = new QFileDialog(this, tr("Attach Files"));
    dialog->setObjectName(QStringLiteral("attachFilesDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    connect(dialog, &QFileDialog::filesSelected, this, &ChatPane::attachFiles);
    dialog->open();
}

void ChatPane::sendTo(RowId threadId, const QString &text, const QString &model)
{
    if (m_attached.isEmpty() || !m_attachmentService) {
        deliver(threadId, text, model);
        return;
    }
    // The model may have changed since the files were attached.
    if (!AttachmentService::modelTakesImages(model)) {
        for (const AttachmentFile &file : std::as_const(m_attached)) {
            if (AttachmentService::isImage(file.localPath)) {
                showError(tr("%1 is an image, and %2 does not take images. Pick a model that "
                             "does, or remove the image.")
                              .arg(file.name, model));
                return;
            }
        }
    }
    const ApprovalVerdict verdict = m_attachmentService->verdict(threadId, m_attached);
    qInfo().noquote() << "attachments: upload verdict"
                      << ApprovalVerdict::toString(verdict.decision) << "-" << verdict.reason;
    if (verdict.decision == ApprovalVerdict::Decision::Deny) {
        showError(tr("The attachments were not uploaded: %1. Change the rule or the mode, or "
                     "remove the attachments.")
                      .arg(verdict.reason));
        return;
    }
    if (verdict.decision == ApprovalVerdict::Decision::Auto) {
        startUpload(threadId, text, model);
        return;
    }
    // Ask: the person who attached the files says yes here, as they would to the agent.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Upload the Attachments?"),
                                tr("%n file(s) will be written into the thread's sandbox, "
                                   "under %1.",
                                   nullptr, int(m_attached.size()))
                                    .arg(AttachmentService::folder()),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("attachmentApprovalDialog"));
    box->setInformativeText(tr("Asked because %1.").arg(verdict.reason));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *upload = box->addButton(tr("&Upload and Send"), QMessageBox::AcceptRole);
    upload->setObjectName(QStringLiteral("attachmentApproveButton"));
    box->addButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, upload, threadId, text, model] {
        if (box->clickedButton() == upload)
            startUpload(threadId, text, model);
    });
    box->open();
}

void ChatPane::startUpload(RowId threadId, const QString &text, const QString &model)
{
    if (m_pending)
        return;
    PendingSend pending{0, threadId, text, model, false};
    m_tray->setUploading(true);
    pending.request = m_attachmentService->upload(threadId, sandboxProvider(), m_attached);
    m_pending = pending;
    m_composer->setReadOnly(true);
    updateButtons();
}

void ChatPane::onUploadFinished(const AttachmentUploadResult &result)
{
    if (!m_pending || m_pending->request != result.request)
        return;
    const PendingSend pending = *std::exchange(m_pending, std::nullopt);
    m_tray->setUploading(false);
    m_composer->setReadOnly(false);
    if (!result.error.isEmpty()) {
        showError(result.error); // the text and the attachments stay
        updateButtons();
        return;
    }
    QStringList lines;
    for (int i = 0; i < result.paths.size() && i < kNamedFiles; ++i)
        lines << QStringLiteral("- `%1`").arg(result.paths.at(i));
    if (result.paths.size() > kNamedFiles)
        lines << tr("- … and %n more under `%1`", nullptr, int(result.paths.size()) - kNamedFiles)
                     .arg(AttachmentService::folder());
    QString text = pending.text;
    if (!text.isEmpty())
        text += QStringLiteral("\n\n");
    text += tr("Attached files (uploaded into sandbox `%1`):").arg(result.sandboxId)
        + QLatin1Char('\n') + lines.join(QLatin1Char('\n'));
    m_attached.clear();
    updateAttachments();
    deliver(pending.threadId, text, pending.model);
}

// --- edit and retry ----------------------------------------------------------------------------

bool ChatPane::lastUserMessage(RowId *id, int *position, QString *text) const
{
    if (m_thread == 0)
        return false;
    const auto messages = m_history.listMessages(m_thread);
    if (!messages)
        return false;
    for (auto it = messages->crbegin(); it != messages->crend(); ++it) {
        if (it->role == MessageRole::User) {
            *id = it->id;
            *position = it->position;
            *text = it->text();
            return true;
        }
    }
    return false;
}

void ChatPane::editLastMessage()
{
    RowId id = 0;
    int position = 0;
    QString text;
    if (!m_engine || isRunning() || m_pending || !lastUserMessage(&id, &position, &text))
        return;
    m_resend->start(id);
    m_composer->setPlainText(text);
    m_composer->moveCursor(QTextCursor::End);
    m_composer->setFocus(Qt::ShortcutFocusReason);
    m_send->setText(tr("Resend"));
    m_send->setToolTip(tr("Send the edited message (Enter)"));
}

void ChatPane::cancelEdit()
{
    if (!m_resend->isEditing())
        return;
    m_resend->finish();
    m_composer->clear();
    m_send->setText(tr("Send"));
    m_send->setToolTip(tr("Send the message (Enter)"));
}

void ChatPane::resendEdited(const QString &text, const QString &model)
{
    RowId id = 0;
    int position = 0;
    QString original;
    if (!lastUserMessage(&id, &position, &original) || id != m_resend->messageId()) {
        showError(tr("The message you edited is no longer the thread's last one; the edit was "
                     "not sent. Edit the last message again."));
        cancelEdit();
        return;
    }
    const ResendBar::Mode mode = m_resend->mode();
    const RowId source = m_thread;
    qInfo().noquote() << "resend: message" << id << "at position" << position
                      << (mode == ResendBar::Mode::Fork ? "forked" : "truncated");
    if (mode == ResendBar::Mode::Truncate) {
        const auto removed = m_threads.truncate(source, position);
        if (!removed) {
            showError(tr("The thread could not be cut back: %1").arg(removed.error()));
            return;
        }
        m_resend->finish();
        m_send->setText(tr("Send"));
        m_send->setToolTip(tr("Send the message (Enter)"));
        QString error;
        if (!m_model->setThread(source, &error))
            showError(tr("Could not load the thread: %1").arg(error));
        saveModelChoice(model);
        sendTo(source, text, model);
        return;
    }
    // Fork: the conversation rewind of issue 15 (the sandbox goes with the fork); without
    // checkpoints, the thread's fork alone.
    if (m_checkpoints) {
        // The answer may come before rewind() returns: the pending send is there first.
        m_pending = PendingSend{-1, source, text, model, true};
        const int request = m_checkpoints->rewind(source, RewindTarget::beforeMessage(id),
                                                  RewindMode::Conversation);
        if (m_pending && m_pending->fork)
            m_pending->request = request;
        updateButtons();
        return;
    }
    const auto thread = m_threads.thread(source);
    const auto fork = m_threads.fork(source, position,
                                     tr("%1 (edited)").arg(thread ? thread->title : QString()));
    RewindResult result;
    result.request = -1;
    result.threadId = source;
    result.forkThreadId = fork ? fork->id : 0;
    result.error = fork ? QString() : fork.error();
    m_pending = PendingSend{-1, source, text, model, true};
    onForkFinished(result);
}

void ChatPane::onForkFinished(const RewindResult &result)
{
    if (!m_pending || !m_pending->fork || result.threadId != m_pending->threadId
        || (m_pending->request != -1 && m_pending->request != result.request))
        return;
    const PendingSend pending = *std::exchange(m_pending, std::nullopt);
    if (!result.error.isEmpty() || result.forkThreadId == 0) {
        showError(tr("The thread could not be forked: %1").arg(result.error));
        updateButtons();
        return;
    }
    m_resend->finish();
    m_send->setText(tr("Send"));
    m_send->setToolTip(tr("Send the message (Enter)"));
    setThread(result.forkThreadId);
    saveModelChoice(pending.model);
    m_modelPicker->setCurrentModel(pending.model);
    emit threadCreatedForSend(result.forkThreadId);
    sendTo(result.forkThreadId, pending.text, pending.model);
}

void ChatPane::retryWithModel(const QString &model)
{
    RowId id = 0;
    int position = 0;
    QString text;
    if (!m_engine || isRunning() || m_pending || !lastUserMessage(&id, &position, &text))
        return;
    qInfo().noquote() << "retry: message" << id << "again, with" << model;
    // The answer and what followed go; the message is sent again, to the other model.
    const auto removed = m_threads.truncate(m_thread, position);
    if (!removed) {
        showError(tr("The answer could not be removed: %1").arg(removed.error()));
        return;
    }
    QString error;
    if (!m_model->setThread(m_thread, &error))
        showError(tr("Could not load the thread: %1").arg(error));
    m_modelPicker->setCurrentModel(model);
    saveModelChoice(model);
    QString sendError;
    if (!m_engine->send(m_thread, text, RunOptions{model, m_settings.maxSteps(), sandboxProvider()},
                        &sendError)) {
        showError(sendError);
        return;
    }
    showError({});
    m_view->setFollowsBottom(true);
    updateButtons();
}
