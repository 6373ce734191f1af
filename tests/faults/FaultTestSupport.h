// Shared by the fault tests: an AppContext on a temporary data folder whose model provider is
// a FaultyModelServer, short timeouts so a stall ends in seconds, and what a user would see of
// a run (the text streamed to the screen, the events, the stored thread).
#pragma once

#include "../app/agent/AgentTestSupport.h"
#include "FaultyModelServer.h"

#include "llm/LlmClient.h"
#include "root/AppContext.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

inline QByteArray streamBody(Wire wire, const ScriptedStep &step)
{
    return wire == Wire::OpenAi ? openAiStream(step) : anthropicStream(step);
}

inline QString modelFor(Wire wire)
{
    return wire == Wire::OpenAi ? QStringLiteral("openai/gpt-4o-mini")
                                : QStringLiteral("anthropic/claude-sonnet-4-5");
}

// A finished run as the user saw it.
struct Outcome
{
    bool ended = false;
    qint64 ms = 0;
    QList<RunEvent> events;
    QString shown; // every TextDelta of the run, in order
    RunEvent last; // RunFinished, RunFailed or RunCancelled

    bool failed() const { return last.type == RunEvent::Type::RunFailed; }
    bool finished() const { return last.type == RunEvent::Type::RunFinished; }
};

class FaultHarness
{
public:
    // Timeouts short enough that stalls end in seconds; the SDK's retry count with short
    // backoff so storms end quickly (the retry-after hint is still honoured).
    bool open(const QString &sandboxProvider = QStringLiteral("local"))
    {
        dir = std::make_unique<QTemporaryDir>();
        if (!dir->isValid())
            return false;
        // As root, sandboxes run as nobody, who must traverse the folders above their homes.
        QFile::setPermissions(dir->path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                  | QFileDevice::ExeOwner | QFileDevice::ExeGroup
                                  | QFileDevice::ExeOther);
        server = std::make_unique<FaultyModelServer>();
        if (!server->listen())
            return false;
        qputenv("OPENAI_BASE_URL", server->openAiBaseUrl().toString().toUtf8());
        qputenv("ANTHROPIC_BASE_URL", server->anthropicBaseUrl().toString().toUtf8());
        return reopen(sandboxProvider);
    }
    bool reopen(const QString &sandboxProvider = QStringLiteral("local"))
    {
        context.reset();
        context = std::make_unique<AppContext>(
            StudioPaths::underRoot(dir->filePath(QStringLiteral("data"))));
        QString error;
        if (!context->open(&error)) {
            qWarning() << error;
            return false;
        }
        context->setSandboxProvider(sandboxProvider);
        RequestTimeouts timeouts;
        timeouts.connect = std::chrono::milliseconds(2000);
        timeouts.idle = std::chrono::milliseconds(1500);
        timeouts.total = std::chrono::milliseconds(60000);
        context->llm().setTimeouts(timeouts);
        RetryPolicy retry;
        retry.initialDelay = std::chrono::milliseconds(100);
        retry.maxDelay = std::chrono::milliseconds(400);
        context->llm().setRetryPolicy(retry);
        if (!context->agentEngine(&error)) {
            qWarning() << error;
            return false;
        }
        return true;
    }
    void close()
    {
        context.reset();
        server.reset();
        dir.reset();
    }

    AgentEngine &engine() { return context->engine(); }
    Store &store() { return context->store(); }

    RowId newThread(Wire wire)
    {
        auto thread = store().createThread(QStringLiteral("New thread"), modelFor(wire));
        return thread ? thread->id : 0;
    }

    // Sends `prompt` (or continues) and waits for the run to end; a hang is a failure.
    Outcome run(RowId thread, const QString &prompt, int timeoutMs = 90000)
    {
        Outcome o;
        RunRecorder recorder(engine());
        QElapsedTimer clock;
        clock.start();
        QString error;
        const bool started = prompt.isNull() ? engine().continueRun(thread, {}, &error)
                                             : engine().send(thread, prompt, {}, &error);
        if (!started) {
            qWarning() << "the run did not start:" << error;
            return o;
        }
        o.ended = QTest::qWaitFor([&recorder] { return recorder.ended; }, timeoutMs);
        o.ms = clock.elapsed();
        o.events = recorder.events;
        for (const RunEvent &e : std::as_const(o.events)) {
            if (e.type == RunEvent::Type::TextDelta)
                o.shown += e.text;
        }
        if (!o.events.isEmpty())
            o.last = o.events.last();
        for (const RunEvent &e : std::as_const(o.events))
            if (e.type == RunEvent::Type::RunFinished || e.type == RunEvent::Type::RunFailed
                || e.type == RunEvent::Type::RunCancelled)
                o.last = e;
        qInfo().noquote() << "  ->"
                          << (o.finished()     ? "finished"
                                  : o.failed() ? "failed"
                                               : "other")
                          << o.last.errorKindName() << o.last.error.left(300) << "after" << o.ms
                          << "ms," << server->agentRequests().size() << "model request(s), shown"
                          << o.shown.size() << "chars";
        return o;
    }

    // The assistant messages of the thread, in order.
    QList<MessageRecord> assistantMessages(RowId thread)
    {
        QList<MessageRecord> out;
        if (auto messages = store().listMessages(thread))
            for (const MessageRecord &m : *messages)
                if (m.role == MessageRole::Assistant)
                    out.append(m);
        return out;
    }

    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<FaultyModelServer> server;
    std::unique_ptr<AppContext> context;
};
