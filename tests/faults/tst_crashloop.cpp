// Crash durability of the headless app: `agent-studio run` (the real binary) works through the
// brief's scenario against a local model server and the real local sandboxes, and is SIGKILLed
// at random moments, a few dozen times. After each kill: the database opens and passes its
// check, every step the app printed (acknowledged) before the kill is in it with its tool
// calls and results, nothing is left "running" or "streaming", no sandbox process survives,
// and (every third time) `run --thread N --continue` finishes the thread without re-running
// a tool call that had completed.
#include "../app/agent/AgentTestSupport.h"

#include "store/Store.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

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

} // namespace

class TestCrashLoop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killAtRandomPoints();

private:
    QProcessEnvironment environment() const;
    QStringList runArguments(const QString &dataDir) const;

    FakeLlmServer m_server;
    int m_requests = 0;
};

void TestCrashLoop::initTestCase()
{
    QVERIFY(m_server.listen());
    connect(&m_server, &FakeLlmServer::requestReceived, this, [this] {
        const RecordedRequest &request = m_server.requests().last();
        const QJsonObject json = request.json();
        if (!json.contains(QLatin1String("tools"))) { // the thread's title
            m_server.enqueue(FakeResponse::stream(openAiStream({u"Reverse a string"_s, {}})));
            return;
        }
        FakeResponse r = FakeResponse::stream(openAiStream(stepFor(request, m_requests++)), 7);
        r.chunkDelayMs = 3; // a step streams for a while, so kills land mid-stream too
        m_server.enqueue(r);
    });
}

QProcessEnvironment TestCrashLoop::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"OPENAI_BASE_URL"_s, m_server.baseUrl().toString());
    env.insert(u"OPENAI_API_KEY"_s, u"sk-test-crash-0123456789abcdefghijkl"_s);
    env.remove(u"DAYTONA_API_KEY"_s);
    return env;
}

QStringList TestCrashLoop::runArguments(const QString &dataDir) const
{
    return {u"--data-dir"_s,
            dataDir,
            u"run"_s,
            u"--approve"_s,
            u"auto"_s,
            u"--model"_s,
            u"openai/gpt-4o-mini"_s,
            u"--sandbox"_s,
            u"local"_s,
            u"write a function that reverses a string, with unit tests, and run them"_s};
}

void TestCrashLoop::killAtRandomPoints()
{
    const quint32 seed = qEnvironmentVariableIsSet("CRASHLOOP_SEED")
        ? quint32(qEnvironmentVariableIntValue("CRASHLOOP_SEED"))
        : QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    qInfo() << "seed" << seed << "(set CRASHLOOP_SEED to repeat)";

    QTemporaryDir root;
    QVERIFY(root.isValid());
    // As root, sandboxes run as nobody, who must traverse the folders above their homes.
    QFile::setPermissions(root.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);

    // One undisturbed run first: how long the scenario takes here.
    qint64 fullMs = 0;
    {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.setStandardInputFile(QProcess::nullDevice());
        QSignalSpy finished(&process, &QProcess::finished);
        QElapsedTimer clock;
        clock.start();
        process.start(QStringLiteral(AGENT_STUDIO_BIN), runArguments(root.filePath(u"full"_s)));
        QVERIFY(finished.wait(120000));
        fullMs = clock.elapsed();
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QCOMPARE(process.readAllStandardOutput().trimmed().split('\n').size(), 4);
        qInfo() << "an undisturbed run takes" << fullMs << "ms";
    }

    QElapsedTimer total;
    total.start();
    int kills = 0, continued = 0, finishedFirst = 0, unknownOutcomes = 0;
    for (int i = 0; i < 40 && (i < 12 || total.elapsed() < 50000); ++i) {
        const QString data = root.filePath(u"kill%1"_s.arg(i));
        const int killAt = 50 + int(random.bounded(quint32(fullMs)));
        QProcess process;
        process.setProcessEnvironment(environment());
        process.setStandardInputFile(QProcess::nullDevice());
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(AGENT_STUDIO_BIN), runArguments(data));
        QVERIFY(process.waitForStarted());
        if (finished.wait(killAt)) {
            ++finishedFirst; // it ended before the kill: nothing to recover
            QCOMPARE(process.exitCode(), 0);
            continue;
        }
        process.kill(); // SIGKILL
        QVERIFY(finished.wait(10000));
        ++kills;
        const QList<QByteArray> printed = process.readAllStandardOutput().split('\n');
        QList<QJsonObject> acknowledged;
        for (const QByteArray &line : printed) {
            // A line cut by the kill was not acknowledged.
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (!o.isEmpty())
                acknowledged.append(o);
        }
        qInfo().noquote() << u"kill %1 at %2 ms: %3 step(s) acknowledged"_s.arg(i).arg(killAt).arg(
            acknowledged.size());

        // No sandbox process outlives the app (bubblewrap's --die-with-parent).
        QTRY_COMPARE_WITH_TIMEOUT(processesMentioning(data), 0, 10000);

        // The database opens (quick_check), recovery marks what the kill interrupted.
        const QString dbPath = data + u"/studio.sqlite3"_s;
        if (!QFile::exists(dbPath)) {
            QVERIFY(acknowledged.isEmpty());
            continue;
        }
        QSet<QString> doneBefore;
        {
            Store store;
            const StoreStatus opened = store.open(dbPath);
            QVERIFY2(opened.ok(), qPrintable(opened.error()));
            const auto threads = store.listThreads();
            QVERIFY(threads);
            if (threads->isEmpty()) {
                QVERIFY(acknowledged.isEmpty());
                continue;
            }
            const RowId thread = threads->first().id;
            const auto messages = store.listMessages(thread);
            const auto runs = store.listRuns(thread);
            QVERIFY(messages && runs);
            if (runs->isEmpty()) { // killed before the run began
                QVERIFY(acknowledged.isEmpty());
                continue;
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
                continue;
            QCOMPARE(runs->first().status, RunStatus::Interrupted);
            const auto calls = store.listToolCalls(runs->first().id);
            QVERIFY(calls);
            unknownOutcomes += store.recovery().toolCallsOutcomeUnknown;
            QHash<QString, ToolCallRecord> byId;
            for (const ToolCallRecord &c : *calls) {
                QVERIFY2(c.status != ToolCallStatus::Running, "a tool call is still running");
                QVERIFY2(!byId.contains(c.callId), "a tool call is stored twice");
                byId.insert(c.callId, c);
            }
            // Every acknowledged step: its text, its calls and their results are stored.
            for (const QJsonObject &step : std::as_const(acknowledged)) {
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
                        doneBefore.insert(id);
                }
            }
        }

        if (i % 3 != 0)
            continue;
        // Continue the interrupted thread; it finishes and nothing that ran runs again.
        const int runsLogBefore = linesIn(data, u"runs.log"_s);
        QProcess again;
        again.setProcessEnvironment(environment());
        again.setStandardInputFile(QProcess::nullDevice());
        QSignalSpy againFinished(&again, &QProcess::finished);
        again.start(QStringLiteral(AGENT_STUDIO_BIN),
                    {u"--data-dir"_s, data, u"run"_s, u"--thread"_s, u"1"_s, u"--continue"_s,
                     u"--approve"_s, u"auto"_s, u"--sandbox"_s, u"local"_s});
        QVERIFY(againFinished.wait(120000));
        const QByteArray err = again.readAllStandardError();
        QVERIFY2(again.exitCode() == 0, err.constData());
        ++continued;
        const QByteArray out = again.readAllStandardOutput();
        qInfo().noquote() << u"  continued: %1 more step(s), exit 0"_s.arg(out.count('\n'));
        for (const QString &id : std::as_const(doneBefore))
            QVERIFY2(
                !out.contains(QByteArray(R"("toolCallId":")" + id.toUtf8() + R"(","toolName")")),
                qPrintable(u"re-ran "_s + id));
        Store store;
        QVERIFY(store.open(dbPath).ok());
        const auto runs = store.listRuns(1);
        QCOMPARE(runs->last().status, RunStatus::Completed);
        // runCommand appends a line to runs.log: one more line at most per new run of it.
        int newRuns = 0;
        const auto lastCalls = store.listToolCalls(runs->last().id);
        QVERIFY(lastCalls);
        for (const ToolCallRecord &c : *lastCalls)
            newRuns += c.name == u"runCommand"_s && c.status == ToolCallStatus::Done;
        QCOMPARE(linesIn(data, u"runs.log"_s), runsLogBefore + newRuns);
        QVERIFY(store.sandboxesForThread(1)->size() <= 2);
    }
    qInfo() << kills << "kills," << continued << "continued," << finishedFirst
            << "runs ended before their kill," << unknownOutcomes
            << "tool call(s) killed while running, in" << total.elapsed() << "ms";
    QVERIFY(kills >= 10);
}

QTEST_GUILESS_MAIN(TestCrashLoop)
#include "tst_crashloop.moc"
