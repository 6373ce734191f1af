// Approval bypasses (issue 14 items 7-11), tried as a hostile model would, through the real
// tools, the real engine and the real agent-studio binary against the local sandbox server:
// environment variables that run code before an approved command (BASH_ENV, LD_PRELOAD, ...),
// runCode arguments that smuggle shell commands, "yes to all" and masked secrets on the
// terminal, overwrites passed off as plain writes, and one conversation reaching another's
// sandbox. Each case prints what it tried and what came back.
#include "../app/agent/AgentTestSupport.h"
#include "../app/agent/ScriptedModel.h"
#include "../app/localsandbox/SandboxTestSupport.h"
#include "HostileSupport.h"

#include "agent/AgentEngine.h"
#include "agent/ApprovalPolicy.h"
#include "agent/ToolCatalog.h"
#include "agent/ToolExecutor.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxProcess.h"
#include "localsandbox/SandboxRegistry.h"
#include "root/AppContext.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxEnvironment.h"
#include "sandbox/SandboxWaiter.h"
#include "services/SandboxService.h"
#include "store/Store.h"

#include "core/StudioPaths.h"

#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QUuid>

#include <memory>

using Hostile::describe;

namespace {

const QStringList kInjectingNames = {
    QStringLiteral("BASH_ENV"),
    QStringLiteral("ENV"),
    QStringLiteral("PATH"),
    QStringLiteral("LD_PRELOAD"),
    QStringLiteral("LD_LIBRARY_PATH"),
    QStringLiteral("BASH_FUNC_ls%%"),
    QStringLiteral("PROMPT_COMMAND"),
    QStringLiteral("SHELLOPTS"),
    QStringLiteral("BASHOPTS"),
    QStringLiteral("PYTHONSTARTUP"),
    QStringLiteral("PYTHONPATH"),
    QStringLiteral("NODE_OPTIONS"),
};

const QString kKey = QStringLiteral("sk-test-approvals-0123456789abcdefghij");

} // namespace

class TestHostileApprovals final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void injectingNamesAreRefused_data();
    void injectingNamesAreRefused();
    void bashEnvAttackRunsNothing();
    void runCodeArgvStaysArguments();
    void overwriteIsToldFromCreate();
    void threadsReachOnlyTheirOwnSandboxes();
    void terminalYesToAllShowsEveryCall();

private:
    ToolOutcome run(const QString &tool, QJsonObject args);
    DaytonaResult wait(DaytonaCall *call);
    // Runs one engine thread whose scripted model answers with these steps; returns its
    // events. The steps are picked by how many assistant turns the conversation has.
    QList<RunEvent> runThread(RowId thread, const QList<ScriptedModel::Step> &steps,
                              Approver *approver = nullptr);
    QString homeFile(const QString &sandboxId, const QString &name) const
    {
        return m_server->registry().homeDir(sandboxId) + QLatin1Char('/') + name;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    ToolCatalog m_catalog;
    std::unique_ptr<ToolExecutor> m_executor;
    ToolContext m_context;
    QString m_sandbox;

    std::unique_ptr<FakeLlmServer> m_llm;
    std::unique_ptr<AppContext> m_app;
    QList<ScriptedModel::Step> m_steps; // of the thread running now
};

void TestHostileApprovals::initTestCase()
{
    QVERIFY(m_dir.isValid());
    LocalSandboxOptions options;
    options.dataDir = m_dir.filePath(QStringLiteral("tools"));
    const QString started = startTestSandboxServer(m_dir.path(), options, m_server, m_client);
    QVERIFY2(started.isEmpty(), qPrintable(started));
    m_executor = std::make_unique<ToolExecutor>(*m_client, m_catalog);
    m_context.threadId = QStringLiteral("approvals-thread");
    const ToolOutcome created = run(QStringLiteral("createSandbox"),
                                    {{QStringLiteral("name"), QStringLiteral("approvals")}});
    QVERIFY2(!created.isError(), qPrintable(created.errorMessage()));
    m_sandbox = created.result.value(QLatin1String("sandboxId")).toString();

    // The engine: the app's own context on a data folder, with a local OpenAI-shaped server.
    qputenv("OPENAI_API_KEY", kKey.toUtf8());
    qunsetenv("DAYTONA_API_KEY");
    m_llm = std::make_unique<FakeLlmServer>();
    QVERIFY(m_llm->listen());
    qputenv("OPENAI_BASE_URL", m_llm->baseUrl().toString().toUtf8());
    m_app = std::make_unique<AppContext>(
        StudioPaths::underRoot(m_dir.filePath(QStringLiteral("app"))));
    QString error;
    QVERIFY2(m_app->open(&error), qPrintable(error));
    m_app->setSandboxProvider(QStringLiteral("local"));
    QVERIFY2(m_app->agentEngine(&error), qPrintable(error));
    connect(m_llm.get(), &FakeLlmServer::requestReceived, this, [this] {
        const RecordedRequest &request = m_llm->requests().last();
        const QJsonObject json = request.json();
        ScriptedStep step{QStringLiteral("A thread"), {}};
        if (json.contains(QLatin1String("tools"))) {
            // The model turns since the last user message: this run's step.
            int turns = 0;
            for (const QJsonValue &m : json.value(QLatin1String("messages")).toArray()) {
                const QString role = m.toObject().value(QLatin1String("role")).toString();
                turns = role == QLatin1String("user")
                    ? 0
                    : turns + (role == QLatin1String("assistant"));
            }
            step = turns < m_steps.size() ? m_steps.at(turns)(request)
                                          : ScriptedStep{QStringLiteral("Done."), {}};
        }
        if (json.value(QLatin1String("stream")).toBool(true)) {
            m_llm->enqueue(FakeResponse::stream(openAiStream(step), 7));
            return;
        }
        m_llm->enqueue(FakeResponse::json(
            200,
            QJsonDocument(
                QJsonObject{{QStringLiteral("id"), QStringLiteral("chatcmpl-title")},
                            {QStringLiteral("object"), QStringLiteral("chat.completion")},
                            {QStringLiteral("choices"),
                             QJsonArray{QJsonObject{
                                 {QStringLiteral("index"), 0},
                                 {QStringLiteral("message"),
                                  QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                              {QStringLiteral("content"), step.text}}},
                                 {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}}})
                .toJson(QJsonDocument::Compact)));
    });
}

void TestHostileApprovals::cleanupTestCase()
{
    m_app.reset();
    m_llm.reset();
    m_executor.reset();
    m_client.reset();
    m_server.reset();
}

ToolOutcome TestHostileApprovals::run(const QString &tool, QJsonObject args)
{
    if (!args.contains(QStringLiteral("sandboxId")) && tool != QLatin1String("createSandbox")
        && !m_sandbox.isEmpty())
        args.insert(QStringLiteral("sandboxId"), m_sandbox);
    const ToolOutcome o = Hostile::runTool(*m_executor, tool, args, m_context, 60000);
    qInfo().noquote() << "tried:" << describe(tool, args, o);
    return o;
}

DaytonaResult TestHostileApprovals::wait(DaytonaCall *call)
{
    QSignalSpy spy(call, &DaytonaCall::finished);
    if (!spy.wait(60000))
        return {};
    return spy.first().first().value<DaytonaResult>();
}

QList<RunEvent> TestHostileApprovals::runThread(RowId thread,
                                                const QList<ScriptedModel::Step> &steps,
                                                Approver *approver)
{
    m_steps = steps;
    AgentEngine &engine = m_app->engine();
    engine.setApprover(approver);
    RunRecorder recorder(engine);
    QString error;
    if (!engine.send(thread, QStringLiteral("go"), {QStringLiteral("openai/gpt-4o-mini"), 20, {}},
                     &error)) {
        qWarning() << "could not start:" << error;
        return {};
    }
    if (!QTest::qWaitFor([&recorder] { return recorder.ended; }, 120000))
        qWarning() << "the run did not end in time";
    if (!QTest::qWaitFor([&engine, thread] { return !engine.isNamingThread(thread); }, 10000))
        qWarning() << "the thread was not named in time";
    engine.setApprover(nullptr);
    QList<RunEvent> mine;
    for (const RunEvent &e : std::as_const(recorder.events)) {
        if (e.threadId == thread)
            mine.append(e);
    }
    return mine;
}

// --- item 7: environment variables at creation ----------------------------------------------

void TestHostileApprovals::injectingNamesAreRefused_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : kInjectingNames)
        QTest::newRow(qPrintable(name)) << name;
}

void TestHostileApprovals::injectingNamesAreRefused()
{
    QFETCH(QString, name);
    const QJsonObject env{{name, QStringLiteral("/home/daytona/.x")}};
    // Through the agent's tools: createSandbox (no approval), runCommand and runCode envs.
    const ToolOutcome created = run(
        QStringLiteral("createSandbox"),
        {{QStringLiteral("name"), QStringLiteral("env-attack")}, {QStringLiteral("envVars"), env}});
    QCOMPARE(created.errorKind, ToolOutcome::ErrorKind::InvalidArguments);
    QVERIFY2(created.errorMessage().contains(name), qPrintable(created.errorMessage()));
    QVERIFY(!created.createdSandbox.isValid());
    const ToolOutcome command
        = run(QStringLiteral("runCommand"),
              {{QStringLiteral("command"), QStringLiteral("ls")}, {QStringLiteral("envs"), env}});
    QCOMPARE(command.errorKind, ToolOutcome::ErrorKind::InvalidArguments);
    const ToolOutcome code = run(
        QStringLiteral("runCode"),
        {{QStringLiteral("code"), QStringLiteral("print(1)")}, {QStringLiteral("envs"), env}});
    QCOMPARE(code.errorKind, ToolOutcome::ErrorKind::InvalidArguments);

    // Straight to the server, past the agent: refused there too.
    CreateSandboxParams params;
    params.name = QStringLiteral("direct-env-attack");
    params.env.insert(name, QStringLiteral("/home/daytona/.x"));
    SandboxWaiter *waiter = m_client->createAndWait(params);
    QSignalSpy done(waiter, &SandboxWaiter::finished);
    QVERIFY(done.wait(60000));
    const DaytonaResult direct = done.first().first().value<DaytonaResult>();
    qInfo().noquote() << "tried: POST /sandbox env" << name << "result: HTTP" << direct.httpStatus
                      << direct.error.serverMessage;
    QVERIFY(!direct.ok());
    QCOMPARE(direct.httpStatus, 400);
    const Sandbox target = Sandbox::fromJson(wait(m_client->getSandbox(m_sandbox)).json().object());
    QCOMPARE(target.id, m_sandbox);
    const DaytonaResult execute = wait(m_client->execute(
        target, QStringLiteral("ls"), QString(), {{name, QStringLiteral("/home/daytona/.x")}}, 10));
    qInfo().noquote() << "tried: POST /process/execute envs" << name << "result: HTTP"
                      << execute.httpStatus << execute.error.serverMessage;
    QCOMPARE(execute.httpStatus, 400);
    QVERIFY(SandboxEnvironment::isUnsafeName(name));
}

void TestHostileApprovals::bashEnvAttackRunsNothing()
{
    const QString marker = homeFile(m_sandbox, QStringLiteral("bash-env-ran"));
    const QString script = QStringLiteral("touch /home/daytona/bash-env-ran\n"
                                          "echo INJECTED\n");
    QVERIFY(
        !run(QStringLiteral("writeFile"),
             {{QStringLiteral("path"), QStringLiteral(".x")}, {QStringLiteral("content"), script}})
             .isError());
    // A createSandbox that carries envVars at all is put to the user.
    ApprovalPolicy policy(m_catalog);
    ApprovalPolicy::CallFacts facts;
    facts.setsEnvironment = true;
    QCOMPARE(policy.decide(QStringLiteral("createSandbox"), facts), ApprovalPolicy::Decision::Ask);
    QCOMPARE(policy.decide(QStringLiteral("createSandbox")), ApprovalPolicy::Decision::Auto);

    // A sandbox stored before the refusal existed, with BASH_ENV and an exported function in
    // its environment: an approved `ls` runs only ls.
    LocalSandboxRecord *record = m_server->registry().find(m_sandbox);
    QVERIFY(record);
    const StringMap saved = record->sandbox.env;
    record->sandbox.env.insert(QStringLiteral("BASH_ENV"), QStringLiteral("/home/daytona/.x"));
    record->sandbox.env.insert(QStringLiteral("ENV"), QStringLiteral("/home/daytona/.x"));
    record->sandbox.env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral("/home/daytona/x.so"));
    const ToolOutcome ls = run(QStringLiteral("runCommand"),
                               {{QStringLiteral("command"), QStringLiteral("ls -a; env | sort")}});
    record->sandbox.env = saved;
    QVERIFY2(!ls.isError(), qPrintable(ls.errorMessage()));
    const QString out = ls.result.value(QLatin1String("stdout")).toString();
    qInfo().noquote() << "result: marker exists:" << QFileInfo::exists(marker);
    QVERIFY2(!out.contains(QLatin1String("INJECTED")), qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("BASH_ENV")), qPrintable(out));
    QVERIFY(!QFileInfo::exists(marker));

    // The last wall, one bwrap run with the environment handed straight in: bash starts in
    // privileged mode, so neither $BASH_ENV nor an exported function runs.
    SandboxRunSpec spec;
    spec.homeDir = m_server->registry().homeDir(m_sandbox);
    spec.runAsUid = m_server->runAsUid();
    spec.runAsGid = m_server->runAsGid();
    spec.env.insert(QStringLiteral("BASH_ENV"), QStringLiteral("/home/daytona/.x"));
    spec.env.insert(QStringLiteral("ENV"), QStringLiteral("/home/daytona/.x"));
    spec.env.insert(QStringLiteral("BASH_FUNC_ls%%"), QStringLiteral("() { echo FUNCTION-RAN; }"));
    spec.env.insert(QStringLiteral("SHELLOPTS"), QStringLiteral("xtrace"));
    spec.script = "ls /home/daytona >/dev/null; echo plain-ls-done";
    spec.timeoutSeconds = 30;
    SandboxProcess process(spec);
    SandboxRunResult r;
    bool ended = false;
    connect(&process, &SandboxProcess::finished, this, [&r, &ended](const SandboxRunResult &res) {
        r = res;
        ended = true;
    });
    process.start();
    QVERIFY(QTest::qWaitFor([&ended] { return ended; }, 30000));
    const QString direct = QString::fromUtf8(r.output);
    qInfo().noquote() << "tried: bwrap with BASH_ENV, ENV, BASH_FUNC_ls%%, SHELLOPTS; result:"
                      << direct.trimmed() << "marker exists:" << QFileInfo::exists(marker);
    QVERIFY2(direct.contains(QLatin1String("plain-ls-done")), qPrintable(direct + r.error));
    QVERIFY2(!direct.contains(QLatin1String("INJECTED")), qPrintable(direct));
    QVERIFY2(!direct.contains(QLatin1String("FUNCTION-RAN")), qPrintable(direct));
    QVERIFY2(!direct.contains(QLatin1String("+ ls")), qPrintable(direct));
    QVERIFY(!QFileInfo::exists(marker));
}

// --- item 8: runCode's argv -----------------------------------------------------------------

void TestHostileApprovals::runCodeArgvStaysArguments()
{
    const QStringList argv{
        QStringLiteral("; touch pwned"),
        QStringLiteral("$(touch pwned-subst)"),
        QStringLiteral("`touch pwned-tick`"),
        QStringLiteral("it's"),
        QStringLiteral("'; touch pwned-quote; '"),
        QStringLiteral("\"double\""),
        QStringLiteral("two\nlines"),
        QString(),
        QStringLiteral("*"),
        QStringLiteral("--flag=$HOME"),
        QStringLiteral("back\\slash"),
    };
    const ToolOutcome o
        = run(QStringLiteral("runCode"),
              {{QStringLiteral("code"),
                QStringLiteral("import sys, json\nprint(json.dumps(sys.argv[1:]))\n")},
               {QStringLiteral("argv"), QJsonArray::fromStringList(argv)},
               {QStringLiteral("timeoutSeconds"), 30}});
    QVERIFY2(!o.isError(), qPrintable(o.errorMessage()));
    const QString out = o.result.value(QLatin1String("stdout")).toString().trimmed();
    const QJsonArray seen = QJsonDocument::fromJson(out.toUtf8()).array();
    qInfo().noquote() << "result: sys.argv[1:] =" << out;
    QCOMPARE(seen, QJsonArray::fromStringList(argv));
    for (const char *name : {"pwned", "pwned-subst", "pwned-tick", "pwned-quote"})
        QVERIFY2(!QFileInfo::exists(homeFile(m_sandbox, QString::fromLatin1(name))), name);
}

// --- item 10: overwrite or create -----------------------------------------------------------

void TestHostileApprovals::overwriteIsToldFromCreate()
{
    m_app->approvalPolicy().setPreset(ApprovalPolicy::Preset::Default);
    auto thread = m_app->store().createThread(QStringLiteral("overwrite"),
                                              QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(thread);
    const auto write = [](const QString &callId, const QString &content) {
        return [callId, content](const RecordedRequest &request) {
            return ScriptedStep{
                QString(),
                {{callId, QStringLiteral("writeFile"),
                  QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                              {QStringLiteral("path"), QStringLiteral("notes.txt")},
                              {QStringLiteral("content"), content}},
                  QString()}}};
        };
    };
    ScriptedApprover approver(
        m_app->engine(),
        {[](const ApprovalRequest &) { return ApprovalAnswer::approve(); },
         [](const ApprovalRequest &) { return ApprovalAnswer::deny(QStringLiteral("keep it")); }});
    const QList<RunEvent> events = runThread(
        thread->id,
        {[](const RecordedRequest &) {
             return ScriptedStep{
                 QString(),
                 {{QStringLiteral("c1"), QStringLiteral("createSandbox"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("ow")}}, QString()}}};
         },
         write(QStringLiteral("c2"), QStringLiteral("first")),
         write(QStringLiteral("c3"), QStringLiteral("second text")),
         write(QStringLiteral("c4"), QString()),
         [](const RecordedRequest &request) {
             return ScriptedStep{
                 QString(),
                 {{QStringLiteral("c5"), QStringLiteral("readFile"),
                   QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                               {QStringLiteral("path"), QStringLiteral("notes.txt")}},
                   QString()}}};
         }},
        &approver);
    for (const ApprovalRequest &r : std::as_const(approver.m_requests))
        qInfo().noquote() << "asked:" << r.toolName << r.effects;
    // The new file was written at once; the overwrite and the emptying were asked, each saying
    // what it does to which file and how big it is.
    QCOMPARE(approver.m_requests.size(), 2);
    QCOMPARE(
        approver.m_requests.at(0).effects,
        QStringList{QStringLiteral("overwrite existing file /home/daytona/notes.txt (5 bytes)")});
    QCOMPARE(
        approver.m_requests.at(1).effects,
        QStringList{QStringLiteral("empty the existing file /home/daytona/notes.txt (11 bytes)")});
    QString content;
    for (const RunEvent &e : events) {
        if (e.type == RunEvent::Type::ToolCallFinished && e.toolName == QLatin1String("readFile"))
            content = e.result.toObject().value(QLatin1String("content")).toString();
    }
    qInfo().noquote() << "result: notes.txt holds" << content;
    QCOMPARE(content, QStringLiteral("second text"));
}

// --- item 11: a thread's tools reach only its sandboxes -------------------------------------

void TestHostileApprovals::threadsReachOnlyTheirOwnSandboxes()
{
    m_app->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
    Store &store = m_app->store();
    auto a = store.createThread(QStringLiteral("A"), QStringLiteral("openai/gpt-4o-mini"));
    auto b = store.createThread(QStringLiteral("B"), QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(a && b);
    const QString secret = QStringLiteral("A-secret-") + QUuid::createUuid().toString(QUuid::Id128);
    const QList<RunEvent> aEvents = runThread(
        a->id,
        {[](const RecordedRequest &) {
             return ScriptedStep{
                 QString(),
                 {{QStringLiteral("a1"), QStringLiteral("createSandbox"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("thread-a-box")}},
                   QString()}}};
         },
         [secret](const RecordedRequest &request) {
             return ScriptedStep{
                 QString(),
                 {{QStringLiteral("a2"), QStringLiteral("writeFile"),
                   QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                               {QStringLiteral("path"), QStringLiteral("secret.txt")},
                               {QStringLiteral("content"), secret}},
                   QString()}}};
         }});
    QString aId;
    for (const RunEvent &e : aEvents) {
        if (e.type == RunEvent::Type::ToolCallFinished
            && e.toolName == QLatin1String("createSandbox"))
            aId = e.result.toObject().value(QLatin1String("sandboxId")).toString();
    }
    QVERIFY(!aId.isEmpty());

    // B's model knows A's id and guesses its name; every tool that names a sandbox is refused.
    QList<ScriptedCall> attacks;
    int n = 0;
    for (const QString &target : {aId, QStringLiteral("thread-a-box")}) {
        const auto call = [&](const QString &tool, QJsonObject args) {
            args.insert(QStringLiteral("sandboxId"), target);
            attacks.append({QStringLiteral("b%1").arg(++n), tool, args, QString()});
        };
        call(QStringLiteral("runCommand"),
             {{QStringLiteral("command"), QStringLiteral("touch pwned-by-b; cat secret.txt")}});
        call(QStringLiteral("readFile"), {{QStringLiteral("path"), QStringLiteral("secret.txt")}});
        call(QStringLiteral("writeFile"),
             {{QStringLiteral("path"), QStringLiteral("secret.txt")},
              {QStringLiteral("content"), QStringLiteral("B was here")}});
        call(QStringLiteral("listFiles"), {});
        call(QStringLiteral("deleteFile"),
             {{QStringLiteral("path"), QStringLiteral("secret.txt")}});
        call(QStringLiteral("runCode"), {{QStringLiteral("code"), QStringLiteral("print(1)")}});
    }
    const QList<RunEvent> bEvents = runThread(b->id, {[attacks](const RecordedRequest &) {
                                                  return ScriptedStep{QString(), attacks};
                                              }});
    int refused = 0;
    for (const RunEvent &e : bEvents) {
        if (e.type != RunEvent::Type::ToolCallFinished)
            continue;
        const QString error = e.result.toObject().value(QLatin1String("error")).toString();
        qInfo().noquote() << "tried: thread B" << e.toolName << "on A's sandbox; result:"
                          << (error.isEmpty() ? QStringLiteral("RAN") : error);
        QVERIFY2(!error.isEmpty(), qPrintable(e.toolName));
        QVERIFY2(error.contains(QLatin1String("does not belong to this conversation")),
                 qPrintable(error));
        QVERIFY2(!error.contains(secret), qPrintable(error));
        ++refused;
    }
    QCOMPARE(refused, attacks.size());

    // A's files are as A left them: A reads its secret back, and B's marker is not there.
    const QList<RunEvent> check = runThread(
        a->id, {[aId](const RecordedRequest &) {
            return ScriptedStep{
                QString(),
                {{QStringLiteral("a3"), QStringLiteral("runCommand"),
                  QJsonObject{{QStringLiteral("sandboxId"), aId},
                              {QStringLiteral("command"),
                               QStringLiteral("cat secret.txt; ls pwned-by-b 2>&1 || true")}},
                  QString()}}};
        }});
    QString seen;
    for (const RunEvent &e : check) {
        if (e.type == RunEvent::Type::ToolCallFinished)
            seen = e.result.toObject().value(QLatin1String("stdout")).toString();
    }
    qInfo().noquote() << "result: A's sandbox holds" << seen.trimmed();
    QVERIFY2(seen.startsWith(secret), qPrintable(seen));
    QVERIFY2(seen.contains(QLatin1String("No such file")), qPrintable(seen));

    // The user attaches A's sandbox to B from the sandbox list: then B may use it.
    SandboxService &service = m_app->sandboxService();
    QSignalSpy refreshed(&service, &SandboxService::refreshed);
    service.refresh();
    QVERIFY(refreshed.wait(30000));
    QString error;
    QVERIFY2(service.attachToThread(aId, b->id, &error), qPrintable(error));
    const QList<RunEvent> attached = runThread(
        b->id, {[aId](const RecordedRequest &) {
            return ScriptedStep{
                QString(),
                {{QStringLiteral("b98"), QStringLiteral("listSandboxes"), QJsonObject(), QString()},
                 {QStringLiteral("b99"), QStringLiteral("readFile"),
                  QJsonObject{{QStringLiteral("sandboxId"), aId},
                              {QStringLiteral("path"), QStringLiteral("secret.txt")}},
                  QString()}}};
        }});
    QString read;
    QJsonArray listed;
    for (const RunEvent &e : attached) {
        if (e.type != RunEvent::Type::ToolCallFinished)
            continue;
        if (e.toolName == QLatin1String("readFile"))
            read = e.result.toObject().value(QLatin1String("content")).toString();
        if (e.toolName == QLatin1String("listSandboxes"))
            listed = e.result.toObject().value(QLatin1String("sandboxes")).toArray();
    }
    qInfo().noquote() << "result: B's listSandboxes after attaching:"
                      << QJsonDocument(listed).toJson(QJsonDocument::Compact);
    // B's own sandbox is not there (B created none), A's attached one is.
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.at(0).toObject().value(QLatin1String("sandboxId")).toString(), aId);
    qInfo().noquote() << "tried: B reads A's sandbox after the user attached it; result:" << read;
    QCOMPARE(read, secret);
}

// --- item 9: the terminal's "yes to all" and masked secrets ---------------------------------

void TestHostileApprovals::terminalYesToAllShowsEveryCall()
{
    ScriptedModel script(
        *m_llm, Wire::OpenAi,
        {[](const RecordedRequest &) {
             return ScriptedStep{
                 QString(),
                 {{QStringLiteral("t1"), QStringLiteral("createSandbox"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("cli-box")}}, QString()}}};
         },
         [](const RecordedRequest &request) {
             const QString id = sandboxIdFrom(request.body);
             return ScriptedStep{
                 QString(),
                 {{QStringLiteral("t2"), QStringLiteral("runCommand"),
                   QJsonObject{{QStringLiteral("sandboxId"), id},
                               {QStringLiteral("command"), QStringLiteral("echo first-call")}},
                   QString()},
                  {QStringLiteral("t3"), QStringLiteral("runCommand"),
                   QJsonObject{{QStringLiteral("sandboxId"), id},
                               {QStringLiteral("command"),
                                QStringLiteral("echo %1 | wc -c; echo second-call").arg(kKey)}},
                   QString()}}};
         }});
    m_steps.clear();
    // The router above answers too; this test's model is the ScriptedModel alone.
    disconnect(m_llm.get(), &FakeLlmServer::requestReceived, this, nullptr);
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPENAI_BASE_URL"), m_llm->baseUrl().toString());
    env.insert(QStringLiteral("OPENAI_API_KEY"), kKey);
    cli.setProcessEnvironment(env);
    QSignalSpy finished(&cli, &QProcess::finished);
    cli.start(QStringLiteral(AGENT_STUDIO_BIN),
              {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("cli")),
               QStringLiteral("run"), QStringLiteral("--approve"), QStringLiteral("ask"),
               QStringLiteral("--model"), QStringLiteral("openai/gpt-4o-mini"),
               QStringLiteral("--sandbox"), QStringLiteral("local"), QStringLiteral("go")});
    QVERIFY(cli.waitForStarted());
    // "yes to all", then yes to the list it shows.
    cli.write("b\ny\n");
    QVERIFY(finished.wait(120000));
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    qInfo().noquote() << "terminal:\n" << err;
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY2(err.contains(QLatin1String("[b] yes to all 2 waiting")), qPrintable(err));
    const qsizetype list = err.indexOf(QLatin1String("\"Yes to all\" would approve these 2 calls"));
    const qsizetype confirm = err.indexOf(QLatin1String("Approve all 2 calls shown above?"));
    QVERIFY2(list >= 0 && confirm > list, qPrintable(err));
    const QString shown = err.mid(list, confirm - list);
    QVERIFY(shown.contains(QLatin1String("echo first-call")));
    QVERIFY(
        shown.contains(QLatin1String("echo [secret: OPENAI_API_KEY] | wc -c; echo second-call")));
    QVERIFY2(!err.contains(QLatin1String("[REDACTED]")), qPrintable(err));
    QVERIFY(!err.contains(kKey));
    QVERIFY(!out.contains(kKey));
    // Both ran, after the answer.
    QVERIFY2(out.contains(QLatin1String("first-call"))
                 && out.contains(QLatin1String("second-call")),
             qPrintable(out));
}

QTEST_MAIN(TestHostileApprovals)
#include "tst_hostileapprovals.moc"
