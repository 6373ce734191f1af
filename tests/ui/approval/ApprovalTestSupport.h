// Shared by the approval tests that need the real engine: an AppContext on a temporary data
// folder whose model is a local OpenAI-shaped server (scripted steps) and whose sandboxes are
// the real local ones, an ApprovalCenter as the engine's approver, and small script helpers.
#pragma once

#include "../../app/agent/AgentTestSupport.h"

#include "approval/ApprovalCenter.h"
#include "root/AppContext.h"
#include "store/Store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// A runCommand call for a sandbox that is never created: the gate asks before anything runs.
inline ScriptedCall commandCall(const QString &callId, const QString &command)
{
    return {callId, QStringLiteral("runCommand"),
            QJsonObject{{QStringLiteral("sandboxId"),
                         QStringLiteral("0b3c5a3e-0000-4000-8000-000000000001")},
                        {QStringLiteral("command"), command}},
            QString()};
}

class ApprovalFixture
{
public:
    bool open()
    {
        qputenv("OPENAI_API_KEY", "sk-test-openai-0123456789abcdefghij");
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
        context = std::make_unique<AppContext>(
            StudioPaths::underRoot(dir.filePath(QStringLiteral("data"))));
        QString error;
        if (!context->open(&error) || (context->setSandboxProvider(QStringLiteral("local")), false)
            || !context->agentEngine(&error)) {
            qWarning() << error;
            return false;
        }
        center = std::make_unique<ApprovalCenter>(engine(), context->tools(), nullptr);
        Store *store = &context->store();
        center->setThreadTitleLookup([store](RowId id) {
            const auto thread = store->thread(id);
            return thread ? thread->title : QString();
        });
        center->setSandboxService(&context->sandboxService());
        engine().setApprover(center.get());
        return true;
    }

    ~ApprovalFixture()
    {
        center.reset();
        context.reset();
    }

    AgentEngine &engine() { return context->engine(); }

    qint64 newThread(const QString &title)
    {
        auto thread = context->store().createThread(title, QStringLiteral("openai/gpt-4o-mini"));
        return thread ? thread->id : 0;
    }

    QList<ToolCallRecord> toolCalls(qint64 thread)
    {
        QList<ToolCallRecord> all;
        const auto runs = context->store().listRuns(thread);
        if (!runs)
            return all;
        for (const RunRecord &run : *runs) {
            if (const auto calls = context->store().listToolCalls(run.id))
                all += *calls;
        }
        return all;
    }

    QTemporaryDir dir;
    FakeLlmServer server;
    std::unique_ptr<AppContext> context;
    std::unique_ptr<ApprovalCenter> center;
};
