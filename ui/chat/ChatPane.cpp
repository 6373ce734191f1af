#include "ChatPane.h"

#include "agent/AgentEngine.h"
#include "chat/ApprovalModePicker.h"
#include "chat/AttachmentTray.h"
#include "chat/Composer.h"
#include "chat/ConversationModel.h"
#include "chat/ConversationView.h"
#include "chat/ModelPicker.h"
#include "chat/PlanCard.h"
#include "chat/ResendBar.h"
#include "core/Settings.h"
#include "services/ApprovalRules.h"
#include "services/SandboxService.h"
#include "services/ThreadService.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

ChatPane::ChatPane(const Services &services, QWidget *parent)
    : QWidget(parent)
    , m_threads(services.threads)
    , m_history(services.history)
    , m_settings(services.settings)
    , m_engine(services.engine)
    , m_engineError(services.engineError)
    , m_rules(services.rules)
    , m_llm(&services.llm)
    , m_keys(&services.keys)
    , m_sandboxService(&services.sandboxes)
    , m_attachmentService(services.attachments)
    , m_checkpoints(services.checkpoints)
{
    m_model = new ConversationModel(services.history, this);
    buildWidgets(services.llm, services.keys);
    buildEmptyState();

    if (m_engine) {
        connect(m_engine, &AgentEngine::runEvent, this, &ChatPane::onRunEvent);
    } else {
        showError(tr("The agent cannot start: %1").arg(m_engineError));
    }
    m_modelPicker->setCurrentModel(m_settings.defaultModel());
    // Sandboxes: the settings' choice, else Daytona when it is configured, else local.
    QString provider = m_settings.sandboxProvider();
    if (provider.isEmpty() && m_engine)
        provider = services.sandboxes.providers().value(0);
    const int providerIndex = m_sandboxProvider->findData(provider);
    if (providerIndex >= 0)
        m_sandboxProvider->setCurrentIndex(providerIndex);
    // Automatic: a Daytona key read from the keychain arrives after the pane is built (the list
    // is refreshed then); follow it until the user picks a provider here.
    if (m_settings.sandboxProvider().isEmpty() && m_engine) {
        SandboxService *sandboxes = &services.sandboxes;
        const QMetaObject::Connection follow
            = connect(sandboxes, &SandboxService::refreshed, this, [this, sandboxes] {
                  const int index = m_sandboxProvider->findData(sandboxes->providers().value(0));
                  if (index >= 0)
                      m_sandboxProvider->setCurrentIndex(index);
              });
        connect(m_sandboxProvider, &QComboBox::activated, this,
                [follow] { QObject::disconnect(follow); });
    }
    updateButtons();
}

void ChatPane::buildWidgets(LlmClient &llm, KeyResolver &keys)
{
    setObjectName(QStringLiteral("chatPane"));
    m_view = new ConversationView(this);
    if (m_model)
        m_view->setModel(m_model);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("chatErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    m_composer = new Composer(this);
    m_tray = new AttachmentTray(this);
    m_resend = new ResendBar(this);

    m_send = new QPushButton(tr("Send"), this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(tr("Send the message (Enter)"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopButton"));
    m_stop->setToolTip(tr("Stop the agent's run"));
    m_stop->hide();

    m_modelPicker = new ModelPicker(&llm, &keys, m_settings.defaultModel(), this);
    m_refreshModels = new QToolButton(this);
    m_refreshModels->setObjectName(QStringLiteral("refreshModelsButton"));
    m_refreshModels->setText(tr("Refresh"));
    m_refreshModels->setToolTip(tr("Ask the provider for its models"));

    m_sandboxProvider = new QComboBox(this);
    m_sandboxProvider->setObjectName(QStringLiteral("sandboxProviderPicker"));
    m_sandboxProvider->addItem(tr("Local sandbox"), QStringLiteral("local"));
    m_sandboxProvider->addItem(tr("Daytona cloud"), QStringLiteral("daytona"));
    m_sandboxProvider->setToolTip(tr("Where the agent creates its sandboxes"));

    auto *buttons = new QVBoxLayout;
    buttons->addStretch(1);
    buildComposeWidgets(buttons);
    buttons->addWidget(m_send);
    buttons->addWidget(m_stop);
    auto *composerRow = new QHBoxLayout;
    composerRow->addWidget(m_composer, 1);
    composerRow->addLayout(buttons);

    auto *modelLabel = new QLabel(tr("&Model:"), this);
    modelLabel->setBuddy(m_modelPicker);
    auto *sandboxLabel = new QLabel(tr("S&andbox:"), this);
    sandboxLabel->setBuddy(m_sandboxProvider);
    auto *optionsRow = new QHBoxLayout;
    optionsRow->addWidget(modelLabel);
    optionsRow->addWidget(m_modelPicker, 1);
    optionsRow->addWidget(m_refreshModels);
    optionsRow->addSpacing(12);
    optionsRow->addWidget(sandboxLabel);
    optionsRow->addWidget(m_sandboxProvider);
    if (m_rules) {
        // The mode in force, always in sight beside Send (the options row has no room left
        // in a narrow window); switchable also while a call waits.
        m_modePicker = new ApprovalModePicker(*m_rules, this);
        m_modePicker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        m_modePicker->setMinimumContentsLength(6);
        auto *modeLabel = new QLabel(tr("M&ode:"), this);
        modeLabel->setBuddy(m_modePicker);
        buttons->insertWidget(1, modeLabel);
        buttons->insertWidget(2, m_modePicker);
        connect(m_modePicker, &ApprovalModePicker::errorOccurred, this, &ChatPane::showError);
    }
    m_planCard = new PlanCard(this);
    m_planCard->hide();
    connect(m_planCard, &PlanCard::approveRequested, this, &ChatPane::approvePlan);
    connect(m_planCard, &PlanCard::rejectRequested, this, &ChatPane::rejectPlan);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    auto *bottom = new QVBoxLayout;
    bottom->setContentsMargins(8, 4, 8, 8);
    bottom->addWidget(m_error);
    bottom->addWidget(m_planCard);
    bottom->addWidget(m_resend);
    bottom->addWidget(m_tray);
    bottom->addLayout(composerRow);
    bottom->addLayout(optionsRow);
    layout->addLayout(bottom);

    connect(m_composer, &Composer::sendRequested, this, &ChatPane::send);
    connect(m_composer, &QPlainTextEdit::textChanged, this, [this] { updateButtons(); });
    connect(m_send, &QPushButton::clicked, this, &ChatPane::send);
    connect(m_stop, &QPushButton::clicked, this, &ChatPane::stop);
    connect(m_view, &ConversationView::toolCardActivated, this, &ChatPane::toolCardActivated);
    connect(m_view, &ConversationView::toolFileActivated, this, &ChatPane::toolFileActivated);
    connect(m_view, &ConversationView::runChangesActivated, this, &ChatPane::runChangesActivated);
    connect(m_view, &ConversationView::rewindToMessageRequested, this,
            [this](RowId messageId) { emit rewindToMessageRequested(m_thread, messageId); });
    connect(m_view, &ConversationView::retryRequested, this, &ChatPane::retry);
    connect(m_view, &ConversationView::continueRequested, this, &ChatPane::retry);
    connect(m_modelPicker, &ModelPicker::modelChosen, this, &ChatPane::saveModelChoice);
    connect(m_refreshModels, &QToolButton::clicked, this, [this] {
        m_refreshModels->setEnabled(false);
        m_modelPicker->refresh();
    });
    connect(m_modelPicker, &ModelPicker::refreshFinished, this,
            [this](int count, const QString &error) {
                m_refreshModels->setEnabled(true);
                if (!error.isEmpty())
                    showError(tr("Could not list the provider's models: %1").arg(error));
                else if (count == 0)
                    showError(tr("The provider listed no models."));
                else
                    showError({});
            });
}

QListView *ChatPane::conversationView() const
{
    return m_view;
}

QPlainTextEdit *ChatPane::composer() const
{
    return m_composer;
}

QString ChatPane::sandboxProvider() const
{
    return m_sandboxProvider->currentData().toString();
}

bool ChatPane::isRunning() const
{
    return m_engine && m_thread != 0 && m_engine->isRunning(m_thread);
}

void ChatPane::setThread(RowId id)
{
    if (!m_model || (id == m_thread && id != 0))
        return;
    if (m_resend->isEditing())
        cancelEdit(); // the edit was of the other thread's message
    m_thread = id;
    QString error;
    if (!m_model->setThread(id, &error))
        showError(tr("Could not load the thread: %1").arg(error));
    else if (m_engine)
        showError({});
    updateEmptyState();
    QString model = m_settings.defaultModel();
    if (id != 0) {
        if (const auto thread = m_threads.thread(id); thread && !thread->model.isEmpty())
            model = thread->model;
    }
    m_modelPicker->setCurrentModel(model);
    if (m_modePicker)
        m_modePicker->setThread(id);
    showPendingPlan();
    m_view->setFollowsBottom(true);
    updateButtons();
}

void ChatPane::showPendingPlan()
{
    const auto plan = m_engine && m_thread != 0 ? m_engine->pendingPlan(m_thread) : std::nullopt;
    if (plan)
        m_planCard->showPlan(plan->id, plan->text);
    m_planCard->setVisible(plan.has_value());
}

void ChatPane::approvePlan(RowId planId, ApprovalMode mode, const QString &text)
{
    if (!m_engine)
        return;
    QString error;
    const QString model
        = m_modelPicker->validate(nullptr) ? m_modelPicker->currentModel() : QString();
    if (!m_engine->approvePlan(planId, mode, text,
                               RunOptions{model, m_settings.maxSteps(), sandboxProvider()},
                               &error)) {
        m_planCard->showError(tr("The plan could not be run: %1").arg(error));
        return;
    }
    m_planCard->hide();
    if (m_modePicker)
        m_modePicker->setThread(m_thread);
    m_view->setFollowsBottom(true);
    updateButtons();
}

void ChatPane::rejectPlan(RowId planId, const QString &reason)
{
    if (!m_engine)
        return;
    QString error;
    if (!m_engine->rejectPlan(planId, reason, &error)) {
        m_planCard->showError(tr("The plan could not be rejected: %1").arg(error));
        return;
    }
    m_planCard->hide();
}

void ChatPane::focusComposer()
{
    m_composer->setFocus(Qt::ShortcutFocusReason);
}

void ChatPane::send()
{
    const QString text = m_composer->toPlainText().trimmed();
    if ((text.isEmpty() && m_attached.isEmpty()) || !m_engine || m_pending)
        return;
    if (isRunning()) {
        showError(tr("The agent is still working on this thread; stop it or wait for it."));
        return;
    }
    QString error;
    if (!m_modelPicker->validate(&error)) {
        showError(tr("The model is not valid: %1").arg(error));
        m_modelPicker->setFocus();
        return;
    }
    const QString model = m_modelPicker->currentModel();
    if (m_resend->isEditing()) {
        resendEdited(text, model);
        return;
    }
    if (m_thread == 0) {
        const auto created = m_threads.create(tr("New thread"), model);
        if (!created) {
            showError(tr("Could not create a thread: %1").arg(created.error()));
            return;
        }
        // A mode chosen before the thread existed is the new thread's mode.
        const auto mode = m_modePicker ? m_modePicker->takePendingMode() : std::nullopt;
        if (mode && m_rules) {
            if (const StoreStatus saved = m_rules->setMode(created->id, *mode); !saved)
                showError(tr("Could not set the thread's mode: %1").arg(saved.error()));
        }
        setThread(created->id);
        m_modelPicker->setCurrentModel(model);
        emit threadCreatedForSend(created->id);
    } else {
        saveModelChoice(model);
    }
    sendTo(m_thread, text, model);
}

void ChatPane::deliver(RowId threadId, const QString &text, const QString &model)
{
    QString error;
    if (!m_engine->send(threadId, text, RunOptions{model, m_settings.maxSteps(), sandboxProvider()},
                        &error)) {
        showError(error); // the text stays in the composer
        updateButtons();
        return;
    }
    showError({});
    m_composer->clear();
    m_view->setFollowsBottom(true);
    updateButtons();
}

void ChatPane::stop()
{
    if (m_engine && m_thread != 0)
        m_engine->cancel(m_thread);
}

void ChatPane::retry()
{
    if (!m_engine || m_thread == 0 || isRunning())
        return;
    QString error;
    QString model;
    if (m_modelPicker->validate(nullptr))
        model = m_modelPicker->currentModel();
    if (!m_engine->continueRun(
            m_thread, RunOptions{model, m_settings.maxSteps(), sandboxProvider()}, &error)) {
        showError(error);
        return;
    }
    showError({});
    m_view->setFollowsBottom(true);
    updateButtons();
}

void ChatPane::onRunEvent(const RunEvent &event)
{
    m_model->applyEvent(event);
    if (event.threadId != m_thread)
        return;
    switch (event.type) {
    case RunEvent::Type::RunStarted:
        m_planCard->hide();
        updateButtons();
        break;
    case RunEvent::Type::RunFinished:
        if (event.planId != 0) {
            m_planCard->showPlan(event.planId, event.text);
            m_planCard->show();
        }
        updateButtons(false);
        break;
    case RunEvent::Type::RunFailed:
    case RunEvent::Type::RunCancelled:
        // The engine still counts the run as running while it announces the end.
        updateButtons(false);
        break;
    default:
        break;
    }
}

void ChatPane::updateButtons(std::optional<bool> knownRunning)
{
    const bool running = knownRunning.value_or(isRunning());
    m_send->setVisible(!running);
    m_stop->setVisible(running);
    m_send->setEnabled(
        m_engine && !m_pending
        && (!m_composer->toPlainText().trimmed().isEmpty() || !m_attached.isEmpty()));
    m_stop->setEnabled(running);
}

void ChatPane::showError(const QString &message)
{
    if (!m_engine && message.isEmpty()) {
        m_error->setText(tr("The agent cannot start: %1").arg(m_engineError));
        m_error->show();
        return;
    }
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ChatPane::saveModelChoice(const QString &model)
{
    if (m_thread == 0)
        return;
    const auto thread = m_threads.thread(m_thread);
    if (thread && thread->model == model)
        return;
    if (const StoreStatus saved = m_threads.setModel(m_thread, model); !saved)
        showError(tr("Could not save the thread's model: %1").arg(saved.error()));
}
