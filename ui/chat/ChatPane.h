// The chat pane: the conversation of the current thread, and under it the composer with its
// Send / Stop button, the thread's model picker and the sandbox provider choice. Renders the
// engine's RunEvents as they come; user intents go to the AgentEngine (send, cancel,
// continue). Errors show in place, above the composer, with what to do.
#pragma once

#include "agent/ApprovalMode.h"
#include "agent/RunEvent.h"
#include "services/AttachmentService.h"

#include <QWidget>

#include <optional>

class AgentEngine;
class AttachmentTray;
class CheckpointService;
class ResendBar;
struct RewindResult;
class ApprovalModePicker;
class EmptyThreadView;
class SandboxHostCheck;
class ApprovalRules;
class KeyResolver;
class PlanCard;
class LlmClient;
class RunHistory;
class SandboxService;
class Settings;
class ThreadService;
class Composer;
class ConversationModel;
class ConversationView;
class ModelPicker;
class QComboBox;
class QLabel;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QToolButton;
class QVBoxLayout;

class ChatPane final : public QWidget
{
    Q_OBJECT

public:
    // What the pane works with; the window hands them over (MainWindow::chatServices()).
    struct Services
    {
        ThreadService &threads; // creates the thread of a first send, keeps its model
        const RunHistory &history; // the conversation as stored
        Settings &settings; // the default model, the step limit, the sandbox provider
        LlmClient &llm; // the model picker's lists
        KeyResolver &keys;
        SandboxService &sandboxes; // the default sandbox provider
        AgentEngine *engine = nullptr; // nullptr: the agent cannot run here, and ...
        QString engineError; // ... this says why
        ApprovalRules *rules = nullptr; // each thread's approval mode (the mode picker)
        // Files dropped on the composer go into the thread's sandbox (nullptr: no attachments).
        AttachmentService *attachments = nullptr;
        // Edit-and-resend's fork is a conversation rewind (nullptr: a plain thread fork).
        CheckpointService *checkpoints = nullptr;
    };

    explicit ChatPane(const Services &services, QWidget *parent = nullptr);

    // Shows a thread (0: none; the next send creates one).
    void setThread(RowId id);
    RowId thread() const { return m_thread; }
    void focusComposer();
    // Sends the composer's text to the agent with the picked model.
    void send();
    // Cancels the current thread's run.
    void stop();
    // Goes on from where the thread's last run stopped (failure or step limit).
    void retry();

    // Attachments (issue 18; ChatPaneCompose.cpp): files and folders to upload into the
    // thread's sandbox with the next message. What is refused is said in the error line.
    void attachFiles(const QStringList &paths);
    void removeAttachment(const QString &group);
    // The paperclip (Ctrl+U): a file dialog (open(), answered through its signal).
    void chooseAttachments();
    const QList<AttachmentFile> &attachments() const { return m_attached; }
    AttachmentTray *attachmentTray() const { return m_tray; }
    // Edit and retry: the last user message goes into the composer to be changed and sent
    // again (in a fork or in place, as the bar above the composer says); the last answer is
    // asked again of another model (the thread is cut back to the last user message).
    void editLastMessage();
    void cancelEdit();
    ResendBar *resendBar() const { return m_resend; }
    void retryWithModel(const QString &model);

    QListView *conversationView() const;
    QPlainTextEdit *composer() const;
    ConversationModel *model() const { return m_model; }
    // "local" or "daytona": where the agent should create sandboxes.
    QString sandboxProvider() const;
    // Whether the current thread's run is going on.
    bool isRunning() const;
    // The approval mode picker beside the composer (nullptr without the rules service).
    ApprovalModePicker *modePicker() const { return m_modePicker; }
    // The plan a Plan-mode run ended with, waiting for the person (hidden when none).
    PlanCard *planCard() const { return m_planCard; }
    // What an empty thread shows in place of the conversation (ChatPaneEmptyState.cpp).
    EmptyThreadView *emptyState() const;
    // Where the empty state learns whether bubblewrap works (probed now unless it was).
    void setSandboxHostCheck(SandboxHostCheck *check);

signals:
    void toolCardActivated(RowId toolCallRowId);
    // A file a writeFile(s) card lists was opened (click, or O on the card).
    void toolFileActivated(RowId toolCallRowId, const QString &path);
    // The changes card under a run: show its changes.
    void runChangesActivated(RowId runId);
    // A user message's "Rewind to Here…".
    void rewindToMessageRequested(RowId threadId, RowId messageId);
    // send() created a thread (through the thread service, which announces it to the lists)
    // because none was selected.
    void threadCreatedForSend(RowId id);

private:
    void buildWidgets(LlmClient &llm, KeyResolver &keys);
    void buildComposeWidgets(QVBoxLayout *buttons);
    void showPendingPlan();
    void approvePlan(RowId planId, ApprovalMode mode, const QString &text);
    void rejectPlan(RowId planId, const QString &reason);
    void onRunEvent(const RunEvent &event);
    void updateButtons(std::optional<bool> knownRunning = std::nullopt);
    void showError(const QString &message);
    void saveModelChoice(const QString &model);
    void buildEmptyState();
    void updateEmptyState();
    void refreshKeyState();
    void sendExample(const QString &prompt);
    // send() once the thread is known: uploads the attachments (after the approval rules
    // allow it), then hands the message to the engine.
    void sendTo(RowId threadId, const QString &text, const QString &model);
    void startUpload(RowId threadId, const QString &text, const QString &model);
    void deliver(RowId threadId, const QString &text, const QString &model);
    void onUploadFinished(const AttachmentUploadResult &result);
    void onForkFinished(const RewindResult &result);
    // The edited message is sent: the thread forked or truncated first.
    void resendEdited(const QString &text, const QString &model);
    // The last user message of the thread: its row id, position and text; false if none.
    bool lastUserMessage(RowId *id, int *position, QString *text) const;
    AttachmentLimits attachmentLimits() const;
    void updateAttachments();

    ThreadService &m_threads;
    const RunHistory &m_history;
    Settings &m_settings;
    AgentEngine *m_engine = nullptr;
    QString m_engineError;
    ApprovalRules *m_rules = nullptr;
    LlmClient *m_llm = nullptr;
    KeyResolver *m_keys = nullptr;
    SandboxService *m_sandboxService = nullptr;
    SandboxHostCheck *m_hostCheck = nullptr;
    EmptyThreadView *m_empty = nullptr;
    QStackedWidget *m_stack = nullptr;
    int m_keyQuery = 0;
    ApprovalModePicker *m_modePicker = nullptr;
    PlanCard *m_planCard = nullptr;
    RowId m_thread = 0;
    ConversationModel *m_model = nullptr;
    ConversationView *m_view = nullptr;
    Composer *m_composer = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_stop = nullptr;
    ModelPicker *m_modelPicker = nullptr;
    QToolButton *m_refreshModels = nullptr;
    QComboBox *m_sandboxProvider = nullptr;
    QLabel *m_error = nullptr;
    // Attachments and edits (issue 18).
    AttachmentService *m_attachmentService = nullptr;
    CheckpointService *m_checkpoints = nullptr;
    QList<AttachmentFile> m_attached;
    AttachmentTray *m_tray = nullptr;
    QToolButton *m_attach = nullptr;
    ResendBar *m_resend = nullptr;
    struct PendingSend
    {
        int request = 0; // the upload or the fork it waits for (-1: not yet known)
        RowId threadId = 0; // where the message goes; for a fork, the thread forked
        QString text;
        QString model;
        bool fork = false; // waits for the conversation rewind's new thread
    };
    std::optional<PendingSend> m_pending;
};
