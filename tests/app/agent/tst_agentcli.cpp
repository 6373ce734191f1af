// The headless CLI as a user runs it: `agent-studio run` against a local server that answers
// like OpenAI, the real local sandboxes, the step log on stdout; then `threads` to find the
// thread afterwards; `sandboxes rm` of one its provider no longer has. All through the real
// binary.
#include "AgentTestSupport.h"
#include "ScriptedModel.h"
#include "core/StudioPaths.h"
#include "store/Store.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestAgentCli final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void briefScenarioThroughTheCli();
    void askModeWithoutATerminalRefusesAndSaysSo();
    void killedMidRunLosesNothingAndContinues();
    void askModeReadsAnswersFromTheTerminal();
    void planModeEndsWithAPlanTheTerminalApproves();
    void removingASandboxAlreadyGoneSucceeds();
    void argumentErrorsAreOneLine_data();
    void argumentErrorsAreOneLine();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Result run(const QStringList &arguments, int timeoutMs = 180000);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeLlmServer> m_server;
};

void TestAgentCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QFile::setPermissions(m_dir->path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    m_server = std::make_unique<FakeLlmServer>();
    QVERIFY(m_server->listen());
}

TestAgentCli::Result TestAgentCli::run(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPENAI_BASE_URL"), m_server->baseUrl().toString());
    env.insert(QStringLiteral("OPENAI_API_KEY"),
               QStringLiteral("sk-test-cli-0123456789abcdefghijkl"));
    env.remove(QStringLiteral("DAYTONA_API_KEY"));
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    QStringList all{QStringLiteral("--data-dir"), m_dir->filePath(QStringLiteral("data"))};
    all += arguments;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(AGENT_STUDIO_BIN), all);
    // The event loop must run meanwhile: the fake model server lives in this process.
    if (!finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

void TestAgentCli::briefScenarioThroughTheCli()
{
    ScriptedModel script(*m_server, Wire::OpenAi, briefScenario());
    const Result result
        = run({QStringLiteral("run"), QStringLiteral("--approve"), QStringLiteral("auto"),
               QStringLiteral("--model"), QStringLiteral("openai/gpt-4o-mini"),
               QStringLiteral("--sandbox"), QStringLiteral("local"),
               QStringLiteral("write a function that reverses a string, with unit "
                              "tests, and run them")});
    QVERIFY2(result.exitCode == 0, result.err.constData());

    // Four lines of the step log, each one JSON object of the documented shape.
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    QStringList reasons;
    for (const QByteArray &line : lines) {
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(object.keys(),
                 QStringList({QStringLiteral("finishReason"), QStringLiteral("text"),
                              QStringLiteral("toolCalls"), QStringLiteral("toolResults"),
                              QStringLiteral("usage")}));
        reasons << object.value(QLatin1String("finishReason")).toString();
    }
    QCOMPARE(reasons,
             QStringList({QStringLiteral("tool-calls"), QStringLiteral("tool-calls"),
                          QStringLiteral("tool-calls"), QStringLiteral("stop")}));
    QVERIFY(lines.at(2).contains("Ran 4 tests"));
    QVERIFY(lines.at(2).contains("OK"));
    // The key never reaches the step log.
    QVERIFY(!result.out.contains("sk-test-cli"));
    QVERIFY2(result.err.contains("run finished in 4 step(s); thread "), result.err.constData());

    // The thread is there afterwards.
    const Result threads = run({QStringLiteral("threads"), QStringLiteral("list")});
    QCOMPARE(threads.exitCode, 0);
    QCOMPARE(threads.out.count('\n'), 1);
    const QByteArray id = threads.out.split('\t').first();
    const Result shown
        = run({QStringLiteral("threads"), QStringLiteral("export"), QString::fromUtf8(id),
               QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(shown.exitCode, 0);
    const QJsonObject exported = QJsonDocument::fromJson(shown.out).object();
    QCOMPARE(exported.value(QLatin1String("runs")).toArray().size(), 1);
    QCOMPARE(exported.value(QLatin1String("runs"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("toolCalls"))
                 .toArray()
                 .size(),
             3);
    const Result markdown
        = run({QStringLiteral("threads"), QStringLiteral("show"), QString::fromUtf8(id)});
    QVERIFY(markdown.out.contains("## User"));
    QVERIFY(markdown.out.contains("**Tool call** `runCommand`"));

    // Cost (issue 18): 4 steps of 4243 input (4096 cached) and 53 output tokens on gpt-4o-mini
    // = 4 × $0.00036105 = $0.0014442; the context is the last step's 4296 of 128000 tokens.
    qInfo("tried: threads list and show after the run, result: %s | %s",
          threads.out.trimmed().constData(),
          markdown.out.left(markdown.out.indexOf("\n\n")).constData());
    QVERIFY2(threads.out.contains("\topenai/gpt-4o-mini\t$0.0014\t"), threads.out.constData());
    QVERIFY2(markdown.out.startsWith("Cost: $0.0014 (16972 input tokens, 16384 cached; 212 "
                                     "output tokens)\nContext: 4296 of 128000 tokens (3%)\n"
                                     "Budget: none\n"),
             markdown.out.constData());
    const Result budget = run({QStringLiteral("threads"), QStringLiteral("budget"),
                               QString::fromUtf8(id), QStringLiteral("0.50")});
    QCOMPARE(budget.exitCode, 0);
    QVERIFY2(budget.out.contains("budget is $0.50"), budget.out.constData());
    QVERIFY(run({QStringLiteral("threads"), QStringLiteral("show"), QString::fromUtf8(id)})
                .out.contains("Budget: $0.50\n"));
    const Result wrong = run({QStringLiteral("threads"), QStringLiteral("budget"),
                              QString::fromUtf8(id), QStringLiteral("lots")});
    QCOMPARE(wrong.exitCode, 2);
    QVERIFY(wrong.err.contains("US dollars"));

    // Its sandbox is listed, owned by the thread, and can be removed.
    const Result sandboxes = run({QStringLiteral("sandboxes"), QStringLiteral("list"),
                                  QStringLiteral("--sandbox"), QStringLiteral("local")});
    QCOMPARE(sandboxes.exitCode, 0);
    QCOMPARE(sandboxes.out.count('\n'), 1);
    const QList<QByteArray> fields = sandboxes.out.trimmed().split('\t');
    QCOMPARE(fields.value(3), id);
    QCOMPARE(fields.value(4), QByteArray("reverse_string_project"));
    const Result removed
        = run({QStringLiteral("sandboxes"), QStringLiteral("rm"), QString::fromUtf8(fields.first()),
               QStringLiteral("--sandbox"), QStringLiteral("local")});
    QCOMPARE(removed.exitCode, 0);
    QCOMPARE(run({QStringLiteral("sandboxes"), QStringLiteral("list"), QStringLiteral("--sandbox"),
                  QStringLiteral("local")})
                 .out,
             QByteArray());
}

void TestAgentCli::askModeWithoutATerminalRefusesAndSaysSo()
{
    ScriptedModel script(*m_server, Wire::OpenAi, briefScenario());
    // No --approve and no terminal: calls that need approval are refused, the rest run.
    const Result result = run({QStringLiteral("run"), QStringLiteral("--model"),
                               QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("--sandbox"),
                               QStringLiteral("local"), QStringLiteral("go")});
    QCOMPARE(result.exitCode, 0);
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines.at(2).contains("refused without asking"), lines.at(2).constData());
    QVERIFY(!lines.at(2).contains("Ran 4 tests"));
}

void TestAgentCli::killedMidRunLosesNothingAndContinues()
{
    QList<ScriptedModel::Step> steps = briefScenario();
    steps[2] = [](const RecordedRequest &request) {
        return ScriptedStep{
            QString(),
            {{QStringLiteral("call_sleep"), QStringLiteral("runCommand"),
              QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                          {QStringLiteral("command"), QStringLiteral("sleep 313")}},
              QString()}}};
    };
    steps[3] = [](const RecordedRequest &) {
        return ScriptedStep{QStringLiteral("The command was interrupted; nothing else to do."), {}};
    };
    ScriptedModel script(*m_server, Wire::OpenAi, steps);
    // Host processes that run the long command, as ps would show them.
    const auto sleeping = [] {
        int count = 0;
        for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
            QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
            if (cmdline.open(QIODevice::ReadOnly)
                && cmdline.readAll()
                    == QByteArray("sleep\0"
                                  "313\0",
                                  10))
                ++count;
        }
        return count;
    };

    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPENAI_BASE_URL"), m_server->baseUrl().toString());
    env.insert(QStringLiteral("OPENAI_API_KEY"),
               QStringLiteral("sk-test-cli-0123456789abcdefghijkl"));
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    const QString data = m_dir->filePath(QStringLiteral("data"));
    process.start(QStringLiteral(AGENT_STUDIO_BIN),
                  {QStringLiteral("--data-dir"), data, QStringLiteral("run"),
                   QStringLiteral("--approve"), QStringLiteral("auto"), QStringLiteral("--model"),
                   QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("--sandbox"),
                   QStringLiteral("local"), QStringLiteral("go")});
    // The third step starts the long command; kill the app while it runs.
    QTRY_COMPARE_WITH_TIMEOUT(script.stepsServed(), 3, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(sleeping() > 0, 30000);
    process.kill(); // SIGKILL
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    // Two steps were printed (acknowledged) before the kill.
    QCOMPARE(process.readAllStandardOutput().trimmed().split('\n').size(), 2);

    // The sandboxed command died with the app (bubblewrap's --die-with-parent).
    QTRY_COMPARE_WITH_TIMEOUT(sleeping(), 0, 10000);

    // Everything acknowledged is there; the run is interrupted; the killed call is never re-run.
    const Result threads
        = run({QStringLiteral("threads"), QStringLiteral("export"), QStringLiteral("1"),
               QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(threads.exitCode, 0);
    const QJsonObject exported = QJsonDocument::fromJson(threads.out).object();
    const QJsonObject firstRun = exported.value(QLatin1String("runs")).toArray().first().toObject();
    QCOMPARE(firstRun.value(QLatin1String("status")).toString(), QStringLiteral("interrupted"));
    const QJsonArray calls = firstRun.value(QLatin1String("toolCalls")).toArray();
    QCOMPARE(calls.size(), 3);
    QCOMPARE(calls.at(0).toObject().value(QLatin1String("status")).toString(),
             QStringLiteral("done"));
    QCOMPARE(calls.at(1).toObject().value(QLatin1String("status")).toString(),
             QStringLiteral("done"));
    QCOMPARE(calls.at(2).toObject().value(QLatin1String("status")).toString(),
             QStringLiteral("outcome_unknown"));

    const Result continued
        = run({QStringLiteral("run"), QStringLiteral("--thread"), QStringLiteral("1"),
               QStringLiteral("--continue"), QStringLiteral("--approve"), QStringLiteral("auto"),
               QStringLiteral("--sandbox"), QStringLiteral("local")});
    QVERIFY2(continued.exitCode == 0, continued.err.constData());
    QCOMPARE(script.stepsServed(), 4);
    // The model was told the call was interrupted, with a result for every call it made.
    const QByteArray last = m_server->requests().last().body;
    QVERIFY(m_server->requests().size() >= 4);
    const QByteArray fourth = [this] {
        for (const RecordedRequest &r : m_server->requests())
            if (r.json().contains(QLatin1String("tools")) && r.body.contains("call_sleep"))
                return r.body;
        return QByteArray();
    }();
    QVERIFY2(fourth.contains("interrupted"), fourth.constData());
    Q_UNUSED(last);
}

void TestAgentCli::askModeReadsAnswersFromTheTerminal()
{
    ScriptedModel script(*m_server, Wire::OpenAi, briefScenario());
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPENAI_BASE_URL"), m_server->baseUrl().toString());
    env.insert(QStringLiteral("OPENAI_API_KEY"),
               QStringLiteral("sk-test-cli-0123456789abcdefghijkl"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(AGENT_STUDIO_BIN),
                  {QStringLiteral("--data-dir"), m_dir->filePath(QStringLiteral("data")),
                   QStringLiteral("run"), QStringLiteral("--approve"), QStringLiteral("ask"),
                   QStringLiteral("--model"), QStringLiteral("openai/gpt-4o-mini"),
                   QStringLiteral("--sandbox"), QStringLiteral("local"),
                   QStringLiteral("--log-format"), QStringLiteral("pretty"), QStringLiteral("go")});
    QVERIFY(process.waitForStarted());
    // An answer a person would type: no, with a reason for the agent.
    process.write("what?\nn\nthe tests need review first\n");
    QSignalSpy finished(&process, &QProcess::finished);
    QVERIFY(finished.wait(120000));
    const QByteArray err = process.readAllStandardError();
    const QByteArray out = process.readAllStandardOutput();
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(err.contains("runCommand wants to run in sandbox "), err.constData());
    QVERIFY(err.contains("\"command\": \"python3 test_reverse_string.py\""));
    QVERIFY(err.contains("Answer y, n, e, r, R, a or b")); // "what?" was not an answer
    QVERIFY(err.contains("Reason for the agent (optional)"));
    // The pretty step log, and the reason reached the model.
    QVERIFY2(out.startsWith("step 1 · tool-calls · "), out.constData());
    QVERIFY(out.contains("  → runCommand {"));
    // ... which also says what decided each call (the JSON line's fields are fixed).
    QVERIFY2(out.contains("    runCommand decided by mode ask"), out.constData());
    bool reasonSent = false;
    for (const RecordedRequest &r : m_server->requests())
        reasonSent = reasonSent || r.body.contains("the tests need review first");
    QVERIFY(reasonSent);
}

void TestAgentCli::planModeEndsWithAPlanTheTerminalApproves()
{
    const QString plan
        = QStringLiteral("Plan:\n1. create a sandbox\n2. write hello.txt\n3. cat it");
    ScriptedModel script(
        *m_server, Wire::OpenAi,
        {// The plan-mode run: the model tries to create a sandbox, is refused, and plans.
         [](const RecordedRequest &) {
             return ScriptedStep{
                 QString(),
                 {{QStringLiteral("call_c0"), QStringLiteral("createSandbox"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("p")}}, QString()}}};
         },
         [plan](const RecordedRequest &) {
             return ScriptedStep{plan, {}};
         },
         // The approved plan, in Auto-edit: the sandbox and the write run, the command asks.
         [](const RecordedRequest &) {
             return ScriptedStep{
                 QString(),
                 {{QStringLiteral("call_c1"), QStringLiteral("createSandbox"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("p")}}, QString()}}};
         },
         [](const RecordedRequest &request) {
             return ScriptedStep{
                 QString(),
                 {{QStringLiteral("call_w"), QStringLiteral("writeFile"),
                   QJsonObject{
                       {QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                       {QStringLiteral("path"), QStringLiteral("hello.txt")},
                       {QStringLiteral("content"), QStringLiteral("hello from the plan\n")}},
                   QString()}}};
         },
         [](const RecordedRequest &request) {
             return ScriptedStep{
                 QString(),
                 {{QStringLiteral("call_cat"), QStringLiteral("runCommand"),
                   QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                               {QStringLiteral("command"), QStringLiteral("cat hello.txt")}},
                   QString()}}};
         },
         [](const RecordedRequest &) {
             return ScriptedStep{QStringLiteral("Done."), {}};
         }});
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPENAI_BASE_URL"), m_server->baseUrl().toString());
    env.insert(QStringLiteral("OPENAI_API_KEY"),
               QStringLiteral("sk-test-cli-0123456789abcdefghijkl"));
    env.remove(QStringLiteral("DAYTONA_API_KEY"));
    process.setProcessEnvironment(env);
    QByteArray err;
    connect(&process, &QProcess::readyReadStandardError, this,
            [&process, &err] { err += process.readAllStandardError(); });
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(AGENT_STUDIO_BIN),
                  {QStringLiteral("--data-dir"), m_dir->filePath(QStringLiteral("data")),
                   QStringLiteral("run"), QStringLiteral("--approve"), QStringLiteral("ask"),
                   QStringLiteral("--mode"), QStringLiteral("plan"), QStringLiteral("--model"),
                   QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("--sandbox"),
                   QStringLiteral("local"), QStringLiteral("plan it")});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(err.contains("Run this plan?"), 60000);
    process.write("1\n"); // in Auto-edit
    QTRY_VERIFY_WITH_TIMEOUT(err.contains("runCommand wants to run"), 60000);
    process.write("y\n");
    QVERIFY(finished.wait(120000));
    err += process.readAllStandardError();
    const QByteArray out = process.readAllStandardOutput();
    qInfo().noquote() << "tried: run --mode plan, answer 1 then y; result: exit"
                      << process.exitCode() << "\n"
                      << QString::fromUtf8(err);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(err.contains("is in plan mode"));
    QVERIFY(err.contains("The agent's plan:\nPlan:\n1. create a sandbox"));
    QVERIFY(err.contains("running the plan in auto-edit mode"));
    QVERIFY2(err.contains("it asks because the mode Auto-edit asks before commands and code"),
             err.constData());
    QCOMPARE(err.count("wants to run"), 1); // the sandbox and the write ran without asking
    QVERIFY2(out.contains("hello from the plan"), out.constData());
    // The refusal reached the model, and the plan came back as the next run's instruction.
    bool refusalSent = false;
    bool planSent = false;
    for (const RecordedRequest &r : m_server->requests()) {
        refusalSent
            = refusalSent || r.body.contains("createSandbox was not run: the user is in plan mode");
        planSent = planSent || r.body.contains("The user approved this plan.");
    }
    QVERIFY(refusalSent);
    QVERIFY(planSent);
    Store store;
    QVERIFY(
        store.open(StudioPaths::underRoot(m_dir->filePath(QStringLiteral("data"))).databaseFile()));
    const auto runs = store.listRuns(1).value();
    QCOMPARE(runs.size(), 2);
    const auto calls = store.listToolCalls(runs.first().id).value();
    QCOMPARE(calls.first().approvalMode, QStringLiteral("plan"));
    QCOMPARE(calls.first().decision, ApprovalDecision::Denied);
}

void TestAgentCli::removingASandboxAlreadyGoneSucceeds()
{
    // The store remembers a thread's sandbox that its server no longer has (deleted behind the
    // app's back): removing it is what the user wanted, and the store forgets it.
    const StudioPaths paths = StudioPaths::underRoot(m_dir->filePath(QStringLiteral("data")));
    QString error;
    QVERIFY2(paths.ensureExist(&error), qPrintable(error));
    const QString goneId = QStringLiteral("0b7c2a3e-gone-gone-gone-000000000000");
    {
        Store store;
        QVERIFY(store.open(paths.databaseFile()).ok());
        const auto thread
            = store.createThread(QStringLiteral("Old work"), QStringLiteral("openai/gpt-4o-mini"));
        QVERIFY(thread.ok());
        SandboxRecord record;
        record.provider = QStringLiteral("local");
        record.remoteId = goneId;
        record.name = QStringLiteral("long-gone");
        record.threadId = thread->id;
        QVERIFY(store.upsertSandbox(record).ok());
    }
    const Result removed = run({QStringLiteral("sandboxes"), QStringLiteral("rm"), goneId,
                                QStringLiteral("--sandbox"), QStringLiteral("local")});
    QVERIFY2(removed.exitCode == 0, removed.err.constData());
    QCOMPARE(removed.out, QByteArray("deleted sandbox ") + goneId.toUtf8() + '\n');
    QCOMPARE(removed.err, QByteArray());
    Store store;
    QVERIFY(store.open(paths.databaseFile()).ok());
    const auto left = store.listSandboxes();
    QVERIFY(left.ok());
    QVERIFY(left->isEmpty());
}

void TestAgentCli::argumentErrorsAreOneLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no prompt") << QStringList{QStringLiteral("run")}
                               << QByteArray("run needs a prompt");
    QTest::newRow("bad approve") << QStringList{QStringLiteral("run"), QStringLiteral("--approve"),
                                                QStringLiteral("maybe"), QStringLiteral("x")}
                                 << QByteArray("--approve takes auto, ask or deny");
    QTest::newRow("bad model") << QStringList{QStringLiteral("run"), QStringLiteral("--model"),
                                              QStringLiteral("gpt4"), QStringLiteral("x")}
                               << QByteArray("provider/model");
    QTest::newRow("unknown thread")
        << QStringList{QStringLiteral("threads"), QStringLiteral("show"), QStringLiteral("42")}
        << QByteArray("no thread 42");
    QTest::newRow("bad mode") << QStringList{QStringLiteral("run"), QStringLiteral("--mode"),
                                             QStringLiteral("yolo"), QStringLiteral("x")}
                              << QByteArray("--mode takes plan, ask, auto-edit or full");
    QTest::newRow("plan approval in plan mode")
        << QStringList{QStringLiteral("run"), QStringLiteral("--thread"), QStringLiteral("1"),
                       QStringLiteral("--approve-plan"), QStringLiteral("plan")}
        << QByteArray("--approve-plan takes auto-edit, ask or full");
    QTest::newRow("no plan waiting")
        << QStringList{QStringLiteral("run"), QStringLiteral("--thread"), QStringLiteral("1"),
                       QStringLiteral("--reject-plan"), QStringLiteral("no")}
        << QByteArray("no thread 1");
}

void TestAgentCli::argumentErrorsAreOneLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const Result result = run(arguments, 30000);
    QVERIFY(result.exitCode > 0);
    QVERIFY2(result.err.contains(message), result.err.constData());
    QVERIFY2(result.err.startsWith("agent-studio: "), result.err.constData());
    QCOMPARE(result.err.count('\n'), 1);
}

QTEST_GUILESS_MAIN(TestAgentCli)
#include "tst_agentcli.moc"
