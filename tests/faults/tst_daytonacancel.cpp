// runCommand's cancel in Daytona mode (issue 17): the engine with DAYTONA_API_KEY/URL set, a
// Daytona-shaped front (FaultyDaytonaServer) and the real local server behind it. Aborting an
// HTTP call to Daytona leaves the command running there, so Daytona-mode runCommand runs in a
// session that cancel deletes: `sleep 987; touch /home/daytona/after` must be gone within 2 s,
// and the touch must never run.
#include "../app/agent/AgentTestSupport.h"
#include "../app/localsandbox/SandboxTestSupport.h"
#include "FaultyDaytonaServer.h"

#include "agent/ApprovalPolicy.h"
#include "localsandbox/LocalSandboxServer.h"
#include "root/AppContext.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "sandbox/SandboxWaiter.h"
#include "sandbox/SessionLogFollower.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestDaytonaCancel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void cancelKillsTheRemoteCommand();
    void commandOutputAndExitCodeThroughASession();
    void sessionCalls_data();
    void sessionCalls();

private:
    QString m_token;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalSandboxServer> m_upstream;
    std::unique_ptr<FaultyDaytonaServer> m_daytona;
    std::unique_ptr<FakeLlmServer> m_model;
    std::unique_ptr<AppContext> m_context;
};

void TestDaytonaCancel::init()
{
    qputenv("OPENAI_API_KEY", "sk-test-daytona-cancel-0123456789abcd");
    m_token = u"dtn_"_s + QString::number(QRandomGenerator::global()->generate64(), 16).repeated(4);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // As root, sandboxes run as nobody, who must traverse the folders above their homes.
    QFile::setPermissions(m_dir->path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    LocalSandboxOptions options;
    options.dataDir = m_dir->filePath(u"cloud"_s);
    options.token = m_token;
    m_upstream = std::make_unique<LocalSandboxServer>(options);
    QString error;
    QVERIFY2(m_upstream->start(&error), qPrintable(error));
    QUrl base = m_upstream->apiUrl();
    base.setPath(QString());
    m_daytona = std::make_unique<FaultyDaytonaServer>(base);
    QVERIFY(m_daytona->listen());
    m_model = std::make_unique<FakeLlmServer>();
    QVERIFY(m_model->listen());
    qputenv("OPENAI_BASE_URL", m_model->baseUrl().toString().toUtf8());
    qputenv("DAYTONA_API_KEY", m_token.toUtf8());
    qputenv("DAYTONA_API_URL", m_daytona->apiUrl().toString().toUtf8());
    m_context = std::make_unique<AppContext>(StudioPaths::underRoot(m_dir->filePath(u"data"_s)));
    QVERIFY2(m_context->open(&error), qPrintable(error));
    m_context->setSandboxProvider(u"daytona"_s);
    QVERIFY2(m_context->agentEngine(&error), qPrintable(error));
    QVERIFY(!m_context->sandboxes().isLocal());
    m_context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
}

void TestDaytonaCancel::cleanup()
{
    m_context.reset();
    m_model.reset();
    m_daytona.reset();
    m_upstream.reset();
    m_dir.reset();
    qunsetenv("DAYTONA_API_KEY");
    qunsetenv("DAYTONA_API_URL");
}

void TestDaytonaCancel::cancelKillsTheRemoteCommand()
{
    QList<ScriptedModel::Step> steps{
        [](const RecordedRequest &) {
            return ScriptedStep{
                QString(),
                {{u"call_create"_s, u"createSandbox"_s, createSandboxArgs(), QString()}}};
        },
        [](const RecordedRequest &r) {
            return ScriptedStep{
                QString(),
                {{u"call_sleep"_s, u"runCommand"_s,
                  QJsonObject{{u"sandboxId"_s, sandboxIdFrom(r.body)},
                              {u"command"_s, u"sleep 987; touch /home/daytona/after"_s},
                              {u"timeoutSeconds"_s, 600}},
                  QString()}}};
        },
        [](const RecordedRequest &) {
            return ScriptedStep{u"Cancelled."_s, {}};
        },
    };
    ScriptedModel script(*m_model, Wire::OpenAi, steps);
    AgentEngine &engine = m_context->engine();
    RunRecorder recorder(engine);
    auto thread = m_context->store().createThread(u"t"_s, u"openai/gpt-4o-mini"_s);
    QVERIFY(thread);
    QString error;
    QVERIFY2(engine.send(thread->id, u"go"_s, {}, &error), qPrintable(error));
    // The command runs (a process of this test's local server).
    QTRY_VERIFY_WITH_TIMEOUT(!hostProcessesWithCommandLine({"sleep", "987"}).isEmpty(), 60000);
    QElapsedTimer clock;
    clock.start();
    engine.cancel(thread->id);
    QTRY_VERIFY_WITH_TIMEOUT(hostProcessesWithCommandLine({"sleep", "987"}).isEmpty(), 2000);
    const qint64 goneMs = clock.elapsed();
    QVERIFY(QTest::qWaitFor([&recorder] { return recorder.ended; }, 10000));
    QCOMPARE(recorder.ofType(RunEvent::Type::RunCancelled).size(), 1);
    const int deletes = m_daytona->forwarded("DELETE /toolbox/");
    qInfo() << "tried: cancel runCommand `sleep 987; touch after` in Daytona mode, result: sleep"
            << "gone after" << goneMs << "ms; session deletes forwarded:" << deletes;
    QVERIFY(deletes >= 1);

    // The shell that would run `touch` ended with it: the file never appears.
    const auto finished = recorder.ofType(RunEvent::Type::ToolCallFinished);
    QVERIFY(!finished.isEmpty());
    const QString sandboxId = finished.first().result.toObject().value(u"sandboxId"_s).toString();
    QVERIFY(!sandboxId.isEmpty());
    DaytonaClient *client = m_context->sandboxes().client(&error);
    QVERIFY2(client, qPrintable(error));
    Sandbox sandbox;
    sandbox.id = sandboxId;
    const bool appeared = QTest::qWaitFor(
        [&] {
            QSignalSpy info(client->fileInfo(sandbox, u"/home/daytona/after"_s),
                            &DaytonaCall::finished);
            return info.wait(5000) && info.first().first().value<DaytonaResult>().ok();
        },
        1000);
    qInfo() << "tried: looking for /home/daytona/after for 1 s, result:"
            << (appeared ? "it exists" : "absent");
    QVERIFY(!appeared);
}

void TestDaytonaCancel::commandOutputAndExitCodeThroughASession()
{
    QList<ScriptedModel::Step> steps{
        [](const RecordedRequest &) {
            return ScriptedStep{
                QString(),
                {{u"call_create"_s, u"createSandbox"_s, createSandboxArgs(), QString()}}};
        },
        [](const RecordedRequest &r) {
            return ScriptedStep{QString(),
                                {{u"call_mkdir"_s, u"runCommand"_s,
                                  QJsonObject{{u"sandboxId"_s, sandboxIdFrom(r.body)},
                                              {u"command"_s, u"mkdir -p src"_s}},
                                  QString()}}};
        },
        [](const RecordedRequest &r) {
            return ScriptedStep{
                QString(),
                {{u"call_run"_s, u"runCommand"_s,
                  QJsonObject{
                      {u"sandboxId"_s, sandboxIdFrom(r.body)},
                      {u"command"_s, u"echo out; echo err >&2; pwd; echo $GREETING; exit 3"_s},
                      {u"workingDirectory"_s, u"src"_s},
                      {u"envs"_s, QJsonObject{{u"GREETING"_s, u"it's me"_s}}}},
                  QString()}}};
        },
        [](const RecordedRequest &) {
            return ScriptedStep{u"Done."_s, {}};
        },
    };
    ScriptedModel script(*m_model, Wire::OpenAi, steps);
    AgentEngine &engine = m_context->engine();
    RunRecorder recorder(engine);
    auto thread = m_context->store().createThread(u"t"_s, u"openai/gpt-4o-mini"_s);
    QString error;
    QVERIFY2(engine.send(thread->id, u"go"_s, {}, &error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([&recorder] { return recorder.ended; }, 60000));
    const auto finished = recorder.ofType(RunEvent::Type::ToolCallFinished);
    QCOMPARE(finished.size(), 3);
    const QJsonObject result = finished.at(2).result.toObject();
    qInfo().noquote() << "tried: runCommand through a session in Daytona mode, result:"
                      << QJsonDocument(result).toJson(QJsonDocument::Compact);
    QCOMPARE(result.value(u"exitCode"_s).toInt(), 3);
    QCOMPARE(result.value(u"success"_s).toBool(), false);
    const QString out = result.value(u"stdout"_s).toString();
    QVERIFY2(out.contains(u"out\n"_s) && out.contains(u"err\n"_s)
                 && out.contains(u"/home/daytona/src\n"_s) && out.contains(u"it's me\n"_s),
             qPrintable(out));
    QVERIFY(m_daytona->forwarded("/process/session") >= 2);
    // The call's session is gone afterwards.
    QVERIFY(m_daytona->forwarded("DELETE /toolbox/") >= 1);
}

void TestDaytonaCancel::sessionCalls_data()
{
    QTest::addColumn<bool>("direct");
    QTest::newRow("through the Daytona front (logs polled)") << false;
    QTest::newRow("agent-sandboxd directly (logs over the WebSocket)") << true;
}

// Every session call of the client (contract.md §5.3) against a real server.
void TestDaytonaCancel::sessionCalls()
{
    QFETCH(bool, direct);
    DaytonaConfig config = DaytonaConfig::fromValues(
        m_token, direct ? m_upstream->apiUrl().toString() : m_daytona->apiUrl().toString(),
        QString());
    DaytonaClient client(config);
    const auto wait = [](auto *call) {
        QSignalSpy spy(call, &std::remove_pointer_t<decltype(call)>::finished);
        return spy.wait(30000) ? spy.first().first().template value<DaytonaResult>()
                               : DaytonaResult();
    };
    CreateSandboxParams params;
    params.name = u"sessions"_s;
    const Sandbox sandbox = wait(client.createAndWait(params)).sandbox;
    QVERIFY(sandbox.isValid());
    const QString sid = u"s-1"_s;

    QCOMPARE(wait(client.createSession(sandbox, sid)).httpStatus, 201);
    // A second one of the same id: 409.
    QCOMPARE(wait(client.createSession(sandbox, sid)).httpStatus, 409);
    // cd and export persist between the session's commands; sync exec splits the streams.
    QVERIFY(
        wait(client.executeSessionCommand(sandbox, sid, u"cd /tmp; export X=42"_s, false)).ok());
    const QJsonObject sync = wait(client.executeSessionCommand(
                                      sandbox, sid, u"echo $X $(pwd); echo oops >&2"_s, false))
                                 .json()
                                 .object();
    qInfo() << "tried: sync exec in a session, result:" << sync;
    QCOMPARE(sync.value(u"stdout"_s).toString(), u"42 /tmp\n"_s);
    QCOMPARE(sync.value(u"stderr"_s).toString(), u"oops\n"_s);
    QCOMPARE(sync.value(u"exitCode"_s).toInt(), 0);

    // Async: returns at once; stdin reaches it; followed to its end.
    const DaytonaResult started = wait(client.executeSessionCommand(
        sandbox, sid, u"read line; echo got $line; echo bad >&2; exit 7"_s, true));
    QCOMPARE(started.httpStatus, 202);
    const QString cmdId = started.json().object().value(u"cmdId"_s).toString();
    QVERIFY(!cmdId.isEmpty());
    QVERIFY(!wait(client.sessionCommand(sandbox, sid, cmdId))
                 .json()
                 .object()
                 .contains(u"exitCode"_s)); // still waiting for its line
    SessionLogFollower *follower = client.followSessionCommandLogs(sandbox, sid, cmdId, 50);
    QByteArray out, err;
    bool streamed = false;
    connect(follower, &SessionLogFollower::output, this,
            [&](SessionLogDemuxer::Stream stream, const QByteArray &data) {
                (stream == SessionLogDemuxer::Stream::Stdout ? out : err) += data;
            });
    QSignalSpy ended(follower, &SessionLogFollower::finished);
    // The stream is open (or polling began) before the input goes in.
    QTRY_VERIFY_WITH_TIMEOUT(follower->isStreaming() || !direct, 5000);
    streamed = follower->isStreaming();
    QCOMPARE(wait(client.sendSessionCommandInput(sandbox, sid, cmdId, "hello\n")).httpStatus, 204);
    QVERIFY(ended.wait(15000));
    const auto end = ended.first().first().value<SessionCommandEnd>();
    qInfo() << "tried: async exec + input + follow, result: stdout" << out << "stderr" << err
            << "exit" << end.exitCode.value_or(-1) << "streamed" << streamed;
    QCOMPARE(out, QByteArray("got hello\n"));
    QCOMPARE(err, QByteArray("bad\n"));
    QCOMPARE(end.exitCode.value_or(-1), 7);
    QCOMPARE(streamed, direct);
    const QJsonObject status = wait(client.sessionCommand(sandbox, sid, cmdId)).json().object();
    QCOMPARE(status.value(u"exitCode"_s).toInt(), 7);
    const DaytonaResult logs = wait(client.sessionCommandLogs(sandbox, sid, cmdId));
    QByteArray whole, wholeErr;
    SessionLogDemuxer::split(DaytonaClient::rawSessionLog(logs), &whole, &wholeErr);
    QCOMPARE(whole, QByteArray("got hello\n"));

    // list and get name it; delete ends it.
    const QJsonArray sessions = wait(client.listSessions(sandbox)).json().array();
    QVERIFY(std::any_of(sessions.begin(), sessions.end(), [&](const QJsonValue &v) {
        return v.toObject().value(u"sessionId"_s).toString() == sid;
    }));
    QVERIFY(wait(client.getSession(sandbox, sid)).ok());
    QCOMPARE(wait(client.deleteSession(sandbox, sid)).httpStatus, 204);
    QCOMPARE(wait(client.getSession(sandbox, sid)).error.kind, SandboxError::Kind::NotFound);
    wait(client.deleteSandbox(sandbox.id));
}

QTEST_GUILESS_MAIN(TestDaytonaCancel)
#include "tst_daytonacancel.moc"
