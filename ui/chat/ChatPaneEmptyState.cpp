// ChatPane's empty state (issue 18, first impression): which of the conversation and the
// EmptyThreadView shows, and the facts the empty view reports (the model's key, bubblewrap's
// diagnosis, Daytona). In its own file so the pane's main file stays about the conversation.
#include "ChatPane.h"

#include "chat/Composer.h"
#include "chat/ConversationModel.h"
#include "chat/ConversationView.h"
#include "chat/EmptyThreadView.h"
#include "chat/ModelPicker.h"
#include "llm/LlmClient.h"
#include "llm/ModelRef.h"
#include "localsandbox/SandboxHostCheck.h"
#include "secrets/KeyCatalog.h"
#include "secrets/KeyResolver.h"
#include "services/SandboxService.h"

#include <QApplication>
#include <QLayout>
#include <QPlainTextEdit>
#include <QStackedWidget>

void ChatPane::buildEmptyState()
{
    m_empty = new EmptyThreadView(this);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("conversationStack"));
    delete layout()->replaceWidget(m_view, m_stack);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);
    m_empty->setCanSend(m_engine != nullptr);
    connect(m_empty, &EmptyThreadView::examplePromptChosen, this, &ChatPane::sendExample);
    const auto update = [this] { updateEmptyState(); };
    connect(m_model, &QAbstractItemModel::modelReset, this, update);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, update);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, update);
    // The key of the model picked, and a key stored in the meantime (the setup wizard).
    connect(m_modelPicker, &ModelPicker::modelChosen, this, [this] { refreshKeyState(); });
    connect(&m_keys->store(), &KeyStore::keyChanged, this, [this] { refreshKeyState(); });
    if (m_sandboxService)
        connect(m_sandboxService, &SandboxService::refreshed, this, [this] {
            m_empty->setDaytonaConfigured(
                m_sandboxService->providers().contains(QStringLiteral("daytona")));
        });
    updateEmptyState();
}

EmptyThreadView *ChatPane::emptyState() const
{
    return m_empty;
}

void ChatPane::setSandboxHostCheck(SandboxHostCheck *check)
{
    if (m_hostCheck)
        m_hostCheck->disconnect(this);
    m_hostCheck = check;
    if (!check) {
        m_empty->setSandboxState(std::nullopt);
        return;
    }
    connect(check, &SandboxHostCheck::finished, this,
            [this](const SandboxHostCheck::Result &result) { m_empty->setSandboxState(result); });
    if (check->hasProbed()) {
        m_empty->setSandboxState(check->result());
    } else {
        m_empty->setSandboxState(std::nullopt);
        check->probe();
    }
}

void ChatPane::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    QWidget *shown = empty ? static_cast<QWidget *>(m_empty) : m_view;
    if (m_stack->currentWidget() == shown)
        return;
    const bool hadFocus = m_stack->currentWidget()
        && m_stack->currentWidget()->isAncestorOf(QApplication::focusWidget());
    m_stack->setCurrentWidget(shown);
    if (hadFocus)
        shown->setFocus(Qt::OtherFocusReason);
    if (empty) {
        refreshKeyState();
        if (m_sandboxService)
            m_empty->setDaytonaConfigured(
                m_sandboxService->providers().contains(QStringLiteral("daytona")));
    }
}

void ChatPane::refreshKeyState()
{
    const auto model = ModelRef::parse(m_modelPicker->currentModel());
    const auto info = model ? m_llm->catalog().find(model->provider()) : std::nullopt;
    if (!info) {
        m_empty->setKeyState(EmptyThreadView::KeyState::Missing,
                             model ? model->provider() : tr("the chosen model"));
        return;
    }
    if (info->keyVariable.isEmpty()) {
        m_empty->setKeyState(EmptyThreadView::KeyState::NotNeeded, info->displayName);
        return;
    }
    const int asked = ++m_keyQuery; // only the latest answer counts
    m_empty->setKeyState(EmptyThreadView::KeyState::Checking, info->displayName);
    m_keys->resolveKey(KeyCatalog::accountFor(info->id, info->aliases), this,
                       [this, asked, name = info->displayName](const ResolvedKey &key) {
                           if (asked != m_keyQuery)
                               return;
                           m_empty->setKeyState(key.found() ? EmptyThreadView::KeyState::Found
                                                            : EmptyThreadView::KeyState::Missing,
                                                name, key.sourceText());
                       });
}

void ChatPane::sendExample(const QString &prompt)
{
    m_composer->setPlainText(prompt);
    send();
    // Sent or not (no key, no engine), the composer holds it and says why beside it.
    if (!m_composer->toPlainText().isEmpty())
        m_composer->setFocus(Qt::OtherFocusReason);
}
