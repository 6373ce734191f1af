// A thread whose sandbox stopped while idle continues (issue 17): the run starts the sandbox
// again before its tool call, the user sees a notice saying so, and the command runs on the
// files the sandbox kept. While a run goes on, its keep-alive holds the idle stop off even when
// the model takes longer than the auto-stop interval. A scripted model on 127.0.0.1, the real
// local sandbox server with a short lifecycle "minute", the real store.
#include "../localsandbox/SandboxTestSupport.h"
#include "AgentTestSupport.h"

#include "agent/ApprovalPolicy.h"
#include "root/AppContext.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "store/Store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestSandboxRestart final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void stoppedSandboxStartsAgainWhenTheThreadContinues();

private:
    QString stateOnServer(const QString &id);

    QTemporaryDir m_dir;
    std::unique_ptr<FakeLlmServer> m_server;
    std::unique_ptr<AppContext> m_context;
};

void TestSandboxRestart::initTestCase()
{
    qputenv("OPENAI_API_KEY", "sk-test-openai-0123456789abcdefghij");
    qunsetenv("DAYTONA_API_KEY");
    // A lifecycle "minute" of 300 ms: auto-stop 2 = 600 ms idle.
    qputenv("AGENT_SANDBOXD_LIFECYCLE_SCALE", "0.005");
    QVERIFY(m_dir.isValid());
    QFile::setPermissions(m_dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    m_server = std::make_unique<FakeLlmServer>();
    QVERIFY(m_server->listen());
    qputenv("OPENAI_BASE_URL", m_server->baseUrl().toString().toUtf8());
    m_context = std::make_unique<AppContext>(
        StudioPaths::underRoot(m_dir.filePath(QStringLiteral("data"))));
    QString error;
    QVERIFY2(m_context->open(&error), qPrintable(error));
    m_context->setSandboxProvider(QStringLiteral("local"));
    QVERIFY2(m_context->agentEngine(&error), qPrintable(error));
    m_context->engine().setSandboxAutoStopMinutes(2);
    m_context->engine().setSandboxKeepAliveMs(100);
    // The settings' "7 days" goes with the create, in minutes.
    m_context->engine().setSandboxAutoDeleteMinutes(7 * 24 * 60);
    m_context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
}

void TestSandboxRestart::cleanupTestCase()
{
    m_context.reset();
    m_server.reset();
    qunsetenv("AGENT_SANDBOXD_LIFECYCLE_SCALE");
}

QString TestSandboxRestart::stateOnServer(const QString &id)
{
    QString error;
    DaytonaClient *client = m_context->sandboxes().client(&error);
    const DaytonaResult r = awaitResult(client->getSandbox(id));
    return r.ok() ? Sandbox::fromJson(r.json().object()).state : QString();
}

void TestSandboxRestart::stoppedSandboxStartsAgainWhenTheThreadContinues()
{
    auto runCommand = [](const QString &id, const QString &command) {
        return ScriptedCall{QStringLiteral("call_run"), QStringLiteral("runCommand"),
                            QJsonObject{{QStringLiteral("sandboxId"), id},
                                        {QStringLiteral("command"), command},
                                        {QStringLiteral("timeoutSeconds"), 20}},
                            QString()};
    };
    QString sandboxId;
    QList<ScriptedModel::Step> steps{
        [](const RecordedRequest &) {
            return ScriptedStep{
                QString(),
                {{QStringLiteral("call_create"), QStringLiteral("createSandbox"),
                  QJsonObject{{QStringLiteral("name"), QStringLiteral("napper")}}, QString()}}};
        },
        [&](const RecordedRequest &request) {
            sandboxId = sandboxIdFrom(request.body);
            // A slow model: three auto-stop intervals pass while it "thinks"; the run's
            // keep-alive holds the sandbox up meanwhile.
            QTest::qWait(1800);
            return ScriptedStep{QString(),
                                {runCommand(sandboxId, QStringLiteral("echo kept > mark.txt"))}};
        },
        [](const RecordedRequest &) {
            return ScriptedStep{QStringLiteral("Written."), {}};
        },
        // The thread continues after the sandbox stopped.
        [&](const RecordedRequest &request) {
            return ScriptedStep{QString(),
                                {runCommand(sandboxIdFrom(request.body),
                                            QStringLiteral("cat mark.txt && echo ran-again"))}};
        },
        [](const RecordedRequest &) {
            return ScriptedStep{QStringLiteral("Done again."), {}};
        },
    };
    ScriptedModel script(*m_server, Wire::OpenAi, steps);
    AgentEngine &engine = m_context->engine();
    auto thread = m_context->store().createThread(QStringLiteral("Nap"),
                                                  QStringLiteral("openai/gpt-4o-mini"));
    QVERIFY(thread);

    RunRecorder first(engine);
    QString error;
    QVERIFY2(engine.send(thread->id, QStringLiteral("write a mark"), {}, &error),
             qPrintable(error));
    QVERIFY(QTest::qWaitFor([&first] { return first.ended; }, 60000));
    QVERIFY(first.ofType(RunEvent::Type::RunFailed).isEmpty());
    QVERIFY(!sandboxId.isEmpty());
    {
        QString clientError;
        DaytonaClient *client = m_context->sandboxes().client(&clientError);
        const Sandbox created
            = Sandbox::fromJson(awaitResult(client->getSandbox(sandboxId)).json().object());
        qInfo("tried: createSandbox with auto-stop 2 and auto-delete 10080 from the engine, "
              "result: the sandbox has %d and %d",
              created.autoStopInterval, created.autoDeleteInterval);
        QCOMPARE(created.autoStopInterval, 2);
        QCOMPARE(created.autoDeleteInterval, 7 * 24 * 60);
    }
    const auto firstNotices = first.ofType(RunEvent::Type::SandboxNotice);
    qInfo("tried: a model step of 1.8 s with auto-stop after 600 ms idle and a keep-alive every "
          "100 ms, result: %lld notices of a restart in that run",
          qint64(firstNotices.size()));
    QVERIFY(firstNotices.isEmpty()); // never stopped while the run went on

    // Idle now: the server stops it.
    QTRY_COMPARE_WITH_TIMEOUT(stateOnServer(sandboxId), QStringLiteral("stopped"), 10000);

    RunRecorder second(engine);
    QVERIFY2(engine.send(thread->id, QStringLiteral("go on"), {}, &error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([&second] { return second.ended; }, 60000));
    QVERIFY(second.ofType(RunEvent::Type::RunFailed).isEmpty());
    const auto notices = second.ofType(RunEvent::Type::SandboxNotice);
    const auto calls = second.ofType(RunEvent::Type::ToolCallFinished);
    QCOMPARE(notices.size(), 1);
    QCOMPARE(calls.size(), 1);
    const QString output = QString::fromUtf8(
        QJsonDocument(calls.first().result.toObject()).toJson(QJsonDocument::Compact));
    qInfo("tried: continuing the thread after its sandbox auto-stopped, result: notice \"%s\", "
          "command result %s",
          qPrintable(notices.first().text), qPrintable(output));
    QVERIFY2(notices.first().text.startsWith(QStringLiteral("Starting sandbox napper again")),
             qPrintable(notices.first().text));
    QVERIFY(!calls.first().isError);
    QVERIFY2(output.contains(QStringLiteral("kept"))
                 && output.contains(QStringLiteral("ran-again")),
             qPrintable(output));
    // The notice came before the call's result.
    qsizetype noticeAt = -1;
    qsizetype resultAt = -1;
    for (qsizetype i = 0; i < second.events.size(); ++i) {
        if (second.events.at(i).type == RunEvent::Type::SandboxNotice && noticeAt < 0)
            noticeAt = i;
        if (second.events.at(i).type == RunEvent::Type::ToolCallFinished && resultAt < 0)
            resultAt = i;
    }
    QVERIFY(noticeAt >= 0 && noticeAt < resultAt);
}

QTEST_GUILESS_MAIN(TestSandboxRestart)
#include "tst_sandboxrestart.moc"
