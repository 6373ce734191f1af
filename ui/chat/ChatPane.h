// The chat pane: the conversation of the current thread, and under it the composer with its
// Send / Stop button, the thread's model picker and the sandbox provider choice. Renders the
// engine's RunEvents as they come; user intents go to the AgentEngine (send, cancel,
// continue). Errors show in place, above the composer, with what to do.
#pragma once

#include "agent/ApprovalMode.h"
#include "agent/RunEvent.h"

#include <QWidget>

#include <optional>

class AgentEngine;
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

    ThreadService &m_threads;
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
};
