// Shared by the crash-durability tests (tst_crashloop: the headless app; tst_guicrash: the
// window): the scripted model that answers from where the conversation stands, and the checks
// made after each SIGKILL.
#pragma once

#include "../app/agent/AgentTestSupport.h"

#include "store/Store.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace CrashSupport {

// The model decides its step from the conversation (not from a request counter), so a run
// continued after a kill gets the answer that fits where it stands. Tool call ids carry the
// request number: a call the model proposes again after a kill is a new call.
ScriptedStep stepFor(const RecordedRequest &request, int n)
{
    const QByteArray body = request.body;
    const QString sandboxId = sandboxIdFrom(body);
    const QString suffix = QString::number(n);
    if (body.contains("call_run_"))
        return {u"All 4 tests pass: reverse_string is in /home/daytona/reverse_string.py."_s, {}};
    if (body.contains("call_write_"))
        return {
            QString(),
            {{u"call_run_"_s + suffix, u"runCommand"_s,
              QJsonObject{{u"sandboxId"_s, sandboxId},
                          {u"command"_s,
                           u"echo ran >> runs.log; sleep 0.3; python3 test_reverse_string.py"_s},
                          {u"timeoutSeconds"_s, 20}},
              QString()}}};
    if (body.contains("call_create_"))
        return {u"Writing the function and its tests."_s,
                {{u"call_write_"_s + suffix, u"writeFiles"_s,
                  QJsonObject{{u"sandboxId"_s, sandboxId},
                              {u"files"_s,
                               QJsonArray{QJsonObject{{u"path"_s, u"reverse_string.py"_s},
                                                      {u"data"_s, reverseStringSource()}},
                                          QJsonObject{{u"path"_s, u"test_reverse_string.py"_s},
                                                      {u"data"_s, reverseStringTests()}}}}},
                  QString()}}};
    return {u"I will create a Python sandbox first."_s,
            {{u"call_create_"_s + suffix, u"createSandbox"_s, createSandboxArgs(), QString()}}};
}

int processesMentioning(const QString &text)
{
    int count = 0;
    const QByteArray needle = text.toUtf8();
    for (const QString &pid : QDir(u"/proc"_s).entryList(QDir::Dirs)) {
        if (pid.toInt() <= 0 || pid.toInt() == QCoreApplication::applicationPid())
            continue;
        QFile cmdline(u"/proc/%1/cmdline"_s.arg(pid));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(needle))
            ++count;
    }
    return count;
}

int linesIn(const QString &root, const QString &fileName)
{
    int lines = 0;
    QDirIterator it(root, {fileName}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            lines += int(f.readAll().count('\n'));
    }
    return lines;
}

// Answers the title request and every step of a run, streaming slowly enough that kills land
// mid-stream too.
inline void scriptServer(FakeLlmServer &server, QObject *context, int *requests)
{
    QObject::connect(&server, &FakeLlmServer::requestReceived, context, [&server, requests] {
        const RecordedRequest &request = server.requests().last();
        const QJsonObject json = request.json();
        if (!json.contains(QLatin1String("tools"))) { // the thread's title
            server.enqueue(FakeResponse::stream(openAiStream({u"Reverse a string"_s, {}})));
            return;
        }
        FakeResponse r = FakeResponse::stream(openAiStream(stepFor(request, (*requests)++)), 7);
        r.chunkDelayMs = 3;
        server.enqueue(r);
    });
}

// The step-log lines printed before the kill; a line cut by the kill was not acknowledged.
inline QList<QJsonObject> acknowledgedSteps(const QByteArray &printed)
{
    QList<QJsonObject> acknowledged;
    for (const QByteArray &line : printed.split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (!o.isEmpty() && o.contains(u"finishReason"_s))
            acknowledged.append(o);
    }
    return acknowledged;
}

struct AfterKill
{
    bool interrupted = false; // a run to continue was left (else nothing to recover)
    QSet<QString> doneBefore; // tool calls that had completed
    int unknownOutcomes = 0; // tool calls killed while running
};

// The database opens (quick_check), nothing is left streaming or running, the run is marked
// interrupted, and every acknowledged step is stored with its text, calls and results.
inline void checkAfterKill(const QString &data, const QList<QJsonObject> &acknowledged,
                           AfterKill *outcome)
{
    const QString dbPath = data + u"/studio.sqlite3"_s;
    if (!QFile::exists(dbPath)) {
        QVERIFY(acknowledged.isEmpty());
        return;
    }
    Store store;
    const StoreStatus opened = store.open(dbPath);
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
    const auto threads = store.listThreads();
    QVERIFY(threads);
    if (threads->isEmpty()) {
        QVERIFY(acknowledged.isEmpty());
        return;
    }
    const RowId thread = threads->first().id;
    const auto messages = store.listMessages(thread);
    const auto runs = store.listRuns(thread);
    QVERIFY(messages && runs);
    if (runs->isEmpty()) { // killed before the run began
        QVERIFY(acknowledged.isEmpty());
        return;
    }
    QVERIFY(!messages->isEmpty());
    QCOMPARE(messages->first().role, MessageRole::User);
    QStringList assistantTexts;
    for (const MessageRecord &m : *messages) {
        QVERIFY2(m.status != MessageStatus::Streaming, "a message is still streaming");
        if (m.role == MessageRole::Assistant)
            assistantTexts << m.text();
    }
    QCOMPARE(runs->size(), 1);
    // Killed after its last step was printed, the run may have been completed.
    const bool lastPrinted = !acknowledged.isEmpty()
        && acknowledged.last().value(u"finishReason"_s).toString() == u"stop"_s;
    if (lastPrinted && runs->first().status == RunStatus::Completed)
        return;
    QCOMPARE(runs->first().status, RunStatus::Interrupted);
    outcome->interrupted = true;
    const auto calls = store.listToolCalls(runs->first().id);
    QVERIFY(calls);
    outcome->unknownOutcomes += store.recovery().toolCallsOutcomeUnknown;
    QHash<QString, ToolCallRecord> byId;
    for (const ToolCallRecord &c : *calls) {
        QVERIFY2(c.status != ToolCallStatus::Running, "a tool call is still running");
        QVERIFY2(!byId.contains(c.callId), "a tool call is stored twice");
        byId.insert(c.callId, c);
    }
    for (const QJsonObject &step : acknowledged) {
        const QString text = step.value(u"text"_s).toString();
        if (!text.isEmpty())
            QVERIFY2(assistantTexts.contains(text), qPrintable(text));
        for (const QJsonValue &r : step.value(u"toolResults"_s).toArray()) {
            const QJsonObject payload = r.toObject().value(u"payload"_s).toObject();
            const QString id = payload.value(u"toolCallId"_s).toString();
            QVERIFY2(byId.contains(id), qPrintable(id));
            const ToolCallRecord &c = byId.value(id);
            QVERIFY(c.status == ToolCallStatus::Done || c.status == ToolCallStatus::Failed);
            QVERIFY(!c.result.isEmpty());
            if (c.status == ToolCallStatus::Done)
                outcome->doneBefore.insert(id);
        }
    }
}

// After a continued run: completed, nothing that had run ran again, runCommand's log grew by
// exactly the new runs of it.
inline void checkContinued(const QString &data, const QByteArray &printed,
                           const QSet<QString> &doneBefore, int runsLogBefore)
{
    for (const QString &id : doneBefore)
        QVERIFY2(
            !printed.contains(QByteArray(R"("toolCallId":")" + id.toUtf8() + R"(","toolName")")),
            qPrintable(u"re-ran "_s + id));
    Store store;
    QVERIFY(store.open(data + u"/studio.sqlite3"_s).ok());
    const auto runs = store.listRuns(1);
    QVERIFY(runs && !runs->isEmpty());
    QCOMPARE(runs->last().status, RunStatus::Completed);
    int newRuns = 0;
    const auto lastCalls = store.listToolCalls(runs->last().id);
    QVERIFY(lastCalls);
    for (const ToolCallRecord &c : *lastCalls)
        newRuns += c.name == u"runCommand"_s && c.status == ToolCallStatus::Done;
    QCOMPARE(linesIn(data, u"runs.log"_s), runsLogBefore + newRuns);
    QVERIFY(store.sandboxesForThread(1)->size() <= 2);
}

} // namespace CrashSupport
