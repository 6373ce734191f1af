// Writes a run into a real Store the way the engine does (store first, then the RunEvent),
// for the inspector's tests and benchmark: steps with text, tool calls with arguments,
// approval decisions and results, usage and timings. The events go to an optional sink, so a
// test can check what a live model does with each one.
#pragma once

#include "agent/RunEvent.h"
#include "log/Redactor.h"
#include "log/StepLog.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <functional>

class StoredRunWriter final
{
public:
    struct Call
    {
        QString callId;
        QString name;
        QJsonObject args;
        QJsonObject result;
        ApprovalDecision decision = ApprovalDecision::Auto;
        QString reason;
        bool isError = false;
        qint64 durationMs = 5;

        static Call make(const QString &callId, const QString &name, const QJsonObject &args,
                         const QJsonObject &result)
        {
            Call call;
            call.callId = callId;
            call.name = name;
            call.args = args;
            call.result = result;
            return call;
        }
    };
    using Sink = std::function<void(const RunEvent &)>;

    StoredRunWriter(Store &store, RowId threadId, Sink sink = {})
        : m_store(store)
        , m_threadId(threadId)
        , m_sink(std::move(sink))
    {
    }

    RowId runId() const { return m_run.id; }
    QString runUuid() const { return m_run.uuid; }
    QString error() const { return m_error; }
    // The step-log lines the engine would have printed, one per finished step.
    QList<QByteArray> stepLogs() const { return m_stepLogs; }
    QList<RowId> callRowIds() const { return m_callRowIds; }

    bool begin(const QString &model = QStringLiteral("openai/gpt-4o-mini"))
    {
        auto run = m_store.createRun(m_threadId, model,
                                     QUuid::createUuid().toString(QUuid::WithoutBraces));
        if (!check(run))
            return false;
        m_run = *run;
        emitEvent(event(RunEvent::Type::RunStarted));
        return true;
    }

    bool step(const QString &text, const QList<Call> &calls, const TokenUsage &usage,
              qint64 timeToFirstTokenMs = 320, qint64 durationMs = 1200)
    {
        auto step = m_store.startStep(m_run.id);
        if (!check(step))
            return false;
        m_step = *step;
        ++m_stepIndex;
        emitEvent(event(RunEvent::Type::StepStarted));

        QJsonArray parts;
        if (!text.isEmpty())
            parts.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                     {QStringLiteral("text"), text}});
        for (const Call &call : calls)
            parts.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("tool-call")},
                                     {QStringLiteral("toolCallId"), call.callId},
                                     {QStringLiteral("toolName"), call.name},
                                     {QStringLiteral("args"), call.args}});
        NewMessage assistant;
        assistant.threadId = m_threadId;
        assistant.role = MessageRole::Assistant;
        assistant.runId = m_run.id;
        assistant.parts = parts;
        if (!check(m_store.appendMessage(assistant)))
            return false;

        StepLogEntry entry;
        entry.runId = m_run.uuid;
        entry.stepIndex = m_stepIndex + 1;
        entry.text = text;
        entry.finishReason
            = calls.isEmpty() ? QStringLiteral("stop") : QStringLiteral("tool-calls");
        entry.usage = usage;
        entry.durationMs = durationMs;

        for (const Call &call : calls) {
            const QString args = compact(call.args);
            auto proposed
                = m_store.proposeToolCall({m_run.id, m_step.id, call.callId, call.name, args});
            if (!check(proposed))
                return false;
            const RowId rowId = proposed->id;
            m_callRowIds.append(rowId);
            RunEvent ready = callEvent(RunEvent::Type::ToolCallReady, rowId, call);
            emitEvent(ready);
            if (call.decision == ApprovalDecision::Approved
                || call.decision == ApprovalDecision::Denied)
                emitEvent(callEvent(RunEvent::Type::ApprovalRequested, rowId, call));
            if (!check(m_store.decideToolCall(rowId, call.decision, call.reason)))
                return false;
            if (call.decision != ApprovalDecision::Auto) {
                RunEvent resolved = callEvent(RunEvent::Type::ApprovalResolved, rowId, call);
                resolved.decision = call.decision;
                resolved.text = call.reason;
                emitEvent(resolved);
            }
            if (call.decision != ApprovalDecision::Denied) {
                if (!check(m_store.startToolCall(rowId)))
                    return false;
                if (!check(m_store.finishToolCall(
                        rowId, call.isError ? ToolCallStatus::Failed : ToolCallStatus::Done,
                        compact(call.result))))
                    return false;
            }
            NewMessage tool;
            tool.threadId = m_threadId;
            tool.role = MessageRole::Tool;
            tool.runId = m_run.id;
            tool.parts
                = QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("tool-result")},
                                         {QStringLiteral("toolCallId"), call.callId},
                                         {QStringLiteral("toolName"), call.name},
                                         {QStringLiteral("result"), call.result},
                                         {QStringLiteral("isError"), call.isError}}};
            if (!check(m_store.appendMessage(tool)))
                return false;
            RunEvent finished = callEvent(RunEvent::Type::ToolCallFinished, rowId, call);
            finished.result = call.result;
            finished.isError = call.isError;
            finished.durationMs = call.durationMs;
            emitEvent(finished);
            entry.calls.append({call.callId, call.name, call.args, call.result});
        }

        if (!check(m_store.finishStep(m_step.id, entry.finishReason, usage, timeToFirstTokenMs,
                                      durationMs)))
            return false;
        RunEvent done = event(RunEvent::Type::StepFinished);
        done.text = text;
        done.finishReason = entry.finishReason;
        done.usage = entry.usage;
        done.durationMs = durationMs;
        done.timeToFirstTokenMs = timeToFirstTokenMs;
        done.stepLog = StepLog::jsonLine(entry, m_redactor);
        m_stepLogs.append(done.stepLog);
        emitEvent(done);
        return true;
    }

    bool finish(RunStatus status = RunStatus::Completed, const QString &error = {})
    {
        if (!check(m_store.finishRun(m_run.id, status, error)))
            return false;
        RunEvent e = event(status == RunStatus::Completed ? RunEvent::Type::RunFinished
                                                          : RunEvent::Type::RunFailed);
        e.error = error;
        emitEvent(e);
        return true;
    }

    static TokenUsage usage(qint64 input, qint64 output, qint64 reasoning = 0, qint64 cached = 0)
    {
        TokenUsage u;
        u.inputTokens = input;
        u.outputTokens = output;
        u.totalTokens = input + output;
        u.reasoningTokens = reasoning;
        u.cachedInputTokens = cached;
        return u;
    }

private:
    static QString compact(const QJsonObject &object)
    {
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }

    template<typename T> bool check(const T &result)
    {
        if (!result.ok())
            m_error = result.error();
        return result.ok();
    }

    RunEvent event(RunEvent::Type type) const
    {
        RunEvent e;
        e.type = type;
        e.threadId = m_threadId;
        e.runId = m_run.id;
        e.runUuid = m_run.uuid;
        e.model = m_run.model;
        e.stepIndex = m_stepIndex;
        e.stepId = m_step.id;
        return e;
    }

    RunEvent callEvent(RunEvent::Type type, RowId rowId, const Call &call) const
    {
        RunEvent e = event(type);
        e.toolCallRowId = rowId;
        e.toolCallId = call.callId;
        e.toolName = call.name;
        e.arguments = call.args;
        return e;
    }

    void emitEvent(const RunEvent &e)
    {
        if (m_sink)
            m_sink(e);
    }

    Store &m_store;
    RowId m_threadId;
    Sink m_sink;
    Redactor m_redactor;
    RunRecord m_run;
    StepRecord m_step;
    int m_stepIndex = -1;
    QList<QByteArray> m_stepLogs;
    QList<RowId> m_callRowIds;
    QString m_error;
};
