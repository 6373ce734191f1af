// Shared by the whole-window tests: an AppContext on a temporary data folder whose model
// provider is a local OpenAI-shaped server and whose sandboxes are the real local ones, the
// real MainWindow over it, and small finders for widgets by objectName.
#pragma once

#include "../../app/agent/AgentTestSupport.h"
#include "../../app/agent/ScriptedModel.h"
#include "agent/AgentEngine.h"
#include "chat/ChatPane.h"
#include "chat/ConversationModel.h"
#include "core/Settings.h"
#include "main/MainWindow.h"
#include "root/AppContext.h"
#include "store/Store.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The brief's request, as a user types it.
inline QString briefRequest()
{
    return QStringLiteral("write a function that reverses a string, with unit tests, and run them");
}

class WindowFixture
{
public:
    // approvalPolicy: the settings' name ("default" asks before commands, "never-ask").
    bool open(const QString &approvalPolicy)
    {
        qputenv("OPENAI_API_KEY", "sk-test-window-0123456789abcdefghij");
        qunsetenv("DAYTONA_API_KEY");
        if (!dir.isValid())
            return false;
        // As root, sandboxes run as nobody, who must traverse the folders above their homes.
        QFile::setPermissions(dir.path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                  | QFileDevice::ExeOwner | QFileDevice::ExeGroup
                                  | QFileDevice::ExeOther);
        if (!server.listen())
            return false;
        qputenv("OPENAI_BASE_URL", server.baseUrl().toString().toUtf8());
        m_policy = approvalPolicy;
        return reopen();
    }

    // Closes the window and the services, and starts them again on the same data folder, as a
    // user quitting and starting the app does.
    bool reopen()
    {
        window.reset();
        context.reset();
        context = std::make_unique<AppContext>(
            StudioPaths::underRoot(dir.filePath(QStringLiteral("data"))));
        QString error;
        if (!context->open(&error)) {
            qWarning() << error;
            return false;
        }
        context->settings().setDefaultModel(QStringLiteral("openai/gpt-4o-mini"));
        context->settings().setApprovalPolicy(m_policy);
        context->settings().setSandboxProvider(QStringLiteral("local"));
        context->settings().setFirstRunDone(true);
        window = std::make_unique<MainWindow>(*context);
        window->show();
        return QTest::qWaitForWindowExposed(window.get());
    }

    template<typename T> T *find(const QString &name) const { return window->findChild<T *>(name); }

    ConversationModel *conversation() const { return window->chat()->model(); }

    // The rows of the conversation of a kind.
    QList<QModelIndex> rowsOfKind(ConversationModel::Kind kind) const
    {
        QList<QModelIndex> rows;
        ConversationModel *model = conversation();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(ConversationModel::KindRole).value<ConversationModel::Kind>() == kind)
                rows.append(index);
        }
        return rows;
    }

    QStringList toolStatuses() const
    {
        QStringList statuses;
        for (const QModelIndex &index : rowsOfKind(ConversationModel::Kind::ToolCall))
            statuses << index.data(ConversationModel::ToolStatusTextRole).toString();
        return statuses;
    }

    QString allText() const
    {
        QString text;
        ConversationModel *model = conversation();
        for (int row = 0; row < model->rowCount(); ++row)
            text += model->index(row, 0).data(ConversationModel::TextRole).toString()
                + QLatin1Char('\n');
        return text;
    }

    QTemporaryDir dir;
    FakeLlmServer server;
    std::unique_ptr<AppContext> context;
    std::unique_ptr<MainWindow> window;

private:
    QString m_policy;
};

// Every index of a (lazy) tree model, fetching children as a view would when expanding.
inline QList<QModelIndex> allIndexes(QAbstractItemModel *model, const QModelIndex &parent = {})
{
    QList<QModelIndex> out;
    if (model->canFetchMore(parent))
        model->fetchMore(parent);
    QCoreApplication::processEvents(); // lazy models may fetch on the next turn
    if (model->canFetchMore(parent))
        model->fetchMore(parent);
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        out.append(index);
        out += allIndexes(model, index);
    }
    return out;
}
