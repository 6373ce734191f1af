// Load: 20 conversation threads run at once through one AgentEngine, against a local
// OpenAI-shaped model server and the real local sandbox server; each thread creates its own
// sandbox, writes a secret of its own into it, reads it back with a command, deletes the sandbox
// and answers with what it saw. Asserts that every run finishes, that each thread saw only its own
// files and answers, and that no sandbox, home folder or process is left. Prints how long the
// event loop stalled at worst (a 1 ms timer), which is what a user would feel as a frozen window.
#include "../app/agent/ScriptedModel.h"
#include "../app/localsandbox/SandboxTestSupport.h"

#include "agent/AgentEngine.h"
#include "agent/ApprovalPolicy.h"
#include "localsandbox/LocalSandboxServer.h"
#include "root/AppContext.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "sandbox/SandboxLister.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <memory>

namespace {

constexpr int kThreads = 20;

// The marker in each thread's first message says which thread a model request belongs to.
int threadNumberOf(const QJsonArray &messages)
{
    for (const QJsonValue &m : messages) {
        const QJsonObject o = m.toObject();
        if (o.value(QLatin1String("role")).toString() != QLatin1String("user"))
            continue;
        const QString text = o.value(QLatin1String("content")).toVariant().toString();
        const qsizetype at = text.indexOf(QLatin1String("load-task-"));
        if (at >= 0)
            return text.mid(at + 10).section(QLatin1Char(' '), 0, 0).toInt();
    }
    return -1;
}

} // namespace

class TestEngineLoad final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void twentyThreadsAtOnce_data();
    void twentyThreadsAtOnce();

private:
    ScriptedStep answer(const RecordedRequest &request);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeLlmServer> m_llm;
    std::unique_ptr<AppContext> m_context;
    QStringList m_secrets; // per thread number
    QHash<int, int> m_requestsByThread;
};

void TestEngineLoad::initTestCase()
{
    qputenv("OPENAI_API_KEY", "sk-test-openai-0123456789abcdefghij");
    qunsetenv("DAYTONA_API_KEY");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QFile::setPermissions(m_dir->path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    m_llm = std::make_unique<FakeLlmServer>();
    QVERIFY(m_llm->listen());
    qputenv("OPENAI_BASE_URL", m_llm->baseUrl().toString().toUtf8());
    m_context = std::make_unique<AppContext>(
        StudioPaths::underRoot(m_dir->filePath(QStringLiteral("data"))));
    QString error;
    QVERIFY2(m_context->open(&error), qPrintable(error));
    m_context->setSandboxProvider(QStringLiteral("local"));
    QVERIFY2(m_context->agentEngine(&error), qPrintable(error));
    m_context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
    for (int i = 0; i < kThreads; ++i)
        m_secrets << QUuid::createUuid().toString(QUuid::Id128);

    // One router for all threads: each model request is answered from its own conversation.
    connect(m_llm.get(), &FakeLlmServer::requestReceived, this, [this] {
        const RecordedRequest &request = m_llm->requests().last();
        const QJsonObject json = request.json();
        const ScriptedStep step = json.contains(QLatin1String("tools"))
            ? answer(request)
            : ScriptedStep{QStringLiteral("Load test thread"), {}};
        if (json.value(QLatin1String("stream")).toBool(true))
            m_llm->enqueue(FakeResponse::stream(openAiStream(step), 11));
        else
            m_llm->enqueue(FakeResponse::json(
                200,
                QJsonDocument(
                    QJsonObject{
                        {QStringLiteral("id"), QStringLiteral("chatcmpl-title")},
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

void TestEngineLoad::cleanupTestCase()
{
    m_context.reset();
    m_llm.reset();
    m_dir.reset();
}

// createSandbox -> writeFile(secret) -> runCommand(cat) -> deleteSandbox -> the answer.
ScriptedStep TestEngineLoad::answer(const RecordedRequest &request)
{
    const QJsonArray messages = request.json().value(QLatin1String("messages")).toArray();
    const int n = threadNumberOf(messages);
    if (n < 0 || n >= kThreads)
        return ScriptedStep{QStringLiteral("I do not know which task this is."), {}};
    int toolResults = 0;
    for (const QJsonValue &m : messages)
        toolResults
            += m.toObject().value(QLatin1String("role")).toString() == QLatin1String("tool");
    ++m_requestsByThread[n];
    const QString call = QStringLiteral("call_%1_%2").arg(n).arg(toolResults);
    const QString id = sandboxIdFrom(request.body);
    switch (toolResults) {
    case 0:
        return ScriptedStep{
            QString(),
            {{call, QStringLiteral("createSandbox"),
              QJsonObject{{QStringLiteral("name"), QStringLiteral("load-%1").arg(n)}}, QString()}}};
    case 1:
        return ScriptedStep{
            QString(),
            {{call, QStringLiteral("writeFile"),
              QJsonObject{{QStringLiteral("sandboxId"), id},
                          {QStringLiteral("path"), QStringLiteral("mine.txt")},
                          {QStringLiteral("content"),
                           QStringLiteral("thread %1 secret %2").arg(n).arg(m_secrets.at(n))}},
              QString()}}};
    case 2:
        return ScriptedStep{
            QString(),
            {{call, QStringLiteral("runCommand"),
              QJsonObject{{QStringLiteral("sandboxId"), id},
                          {QStringLiteral("command"),
                           QStringLiteral("cat mine.txt; echo; ls /home/daytona | wc -l; "
                                          "python3 -c 'print(%1 * %1)'")
                               .arg(n)},
                          {QStringLiteral("timeoutSeconds"), 120}},
              QString()}}};
    case 3:
        return ScriptedStep{QString(),
                            {{call, QStringLiteral("deleteSandbox"),
                              QJsonObject{{QStringLiteral("sandboxId"), id}}, QString()}}};
    default: {
        // The command's output is two results back (the last one is deleteSandbox's).
        QString seen;
        int tools = 0;
        for (qsizetype i = messages.size() - 1; i >= 0; --i) {
            const QJsonObject o = messages.at(i).toObject();
            if (o.value(QLatin1String("role")).toString() == QLatin1String("tool")
                && ++tools == 2) {
                seen = o.value(QLatin1String("content")).toVariant().toString();
                break;
            }
        }
        return ScriptedStep{QStringLiteral("Thread %1 saw: %2").arg(n).arg(seen), {}};
    }
    }
}

// The store commits on the GUI thread; with synchronous=FULL each commit waits for an fsync.
// The NORMAL row shows how much of the stall that is (a comparison, not a recommendation).
void TestEngineLoad::twentyThreadsAtOnce_data()
{
    QTest::addColumn<bool>("fullDurability");
    QTest::newRow("synchronous=FULL (default)") << true;
    QTest::newRow("synchronous=NORMAL (comparison)") << false;
}

void TestEngineLoad::twentyThreadsAtOnce()
{
    QFETCH(bool, fullDurability);
    QVERIFY(m_context->store().setDurability(fullDurability ? Store::Durability::Full
                                                            : Store::Durability::Normal));
    m_requestsByThread.clear();
    AgentEngine &engine = m_context->engine();
    QHash<RowId, int> numberOf;
    QSet<RowId> ended;
    QHash<RowId, QString> failures;
    // The connection ends with this function (its lambda holds references to locals); with
    // `this` as the context a later row's events reached a finished row's stack.
    QObject scope;
    connect(&engine, &AgentEngine::runEvent, &scope, [&](const RunEvent &event) {
        if (event.type == RunEvent::Type::RunFinished || event.type == RunEvent::Type::RunFailed
            || event.type == RunEvent::Type::RunCancelled) {
            ended.insert(event.threadId);
            if (event.type != RunEvent::Type::RunFinished)
                failures.insert(event.threadId, event.error);
        }
    });

    // The event loop's heartbeat: the longest gap between 1 ms timer ticks during the run.
    QElapsedTimer sinceTick;
    QList<qint64> gaps;
    QTimer heartbeat;
    heartbeat.setInterval(1);
    heartbeat.setTimerType(Qt::PreciseTimer);
    connect(&heartbeat, &QTimer::timeout, this, [&] { gaps.append(sinceTick.restart()); });

    // The same heartbeat with nothing running, for comparison (the machine may be busy).
    sinceTick.start();
    heartbeat.start();
    // A real event loop (QTest::qWait sleeps in 10 ms steps and would hide short stalls).
    {
        QEventLoop idle;
        QTimer::singleShot(2000, &idle, &QEventLoop::quit);
        idle.exec();
    }
    std::sort(gaps.begin(), gaps.end());
    const qint64 idleLongest = gaps.isEmpty() ? 0 : gaps.last();
    const qsizetype idleTicks = gaps.size();
    gaps.clear();
    qInfo().noquote() << QStringLiteral("idle event loop for 2 s: %1 ticks, longest gap %2 ms")
                             .arg(idleTicks)
                             .arg(idleLongest);

    QElapsedTimer clock;
    clock.start();
    sinceTick.restart();
    for (int n = 0; n < kThreads; ++n) {
        auto thread = m_context->store().createThread(QStringLiteral("New thread"),
                                                      QStringLiteral("openai/gpt-4o-mini"));
        QVERIFY(thread);
        numberOf.insert(thread->id, n);
        QString error;
        QVERIFY2(engine.send(thread->id,
                             QStringLiteral("load-task-%1 write my secret to a file and read it "
                                            "back")
                                 .arg(n),
                             {QStringLiteral("openai/gpt-4o-mini"), 10, {}}, &error),
                 qPrintable(error));
    }
    {
        QEventLoop loop;
        QTimer giveUp;
        giveUp.setSingleShot(true);
        connect(&giveUp, &QTimer::timeout, &loop, &QEventLoop::quit);
        connect(&engine, &AgentEngine::runEvent, &loop, [&] {
            if (ended.size() == kThreads)
                loop.quit();
        });
        giveUp.start(600000);
        loop.exec();
    }
    QCOMPARE(ended.size(), kThreads);
    heartbeat.stop();
    const qint64 total = clock.elapsed();

    std::sort(gaps.begin(), gaps.end());
    const auto at
        = [&](double q) { return gaps.isEmpty() ? 0 : gaps.at(qsizetype(q * (gaps.size() - 1))); };
    qInfo().noquote() << QStringLiteral("%1 threads finished in %2 ms; event loop: %3 ticks, "
                                        "gap median %4 ms, p99 %5 ms, longest stall %6 ms")
                             .arg(kThreads)
                             .arg(total)
                             .arg(gaps.size())
                             .arg(at(0.5))
                             .arg(at(0.99))
                             .arg(gaps.isEmpty() ? 0 : gaps.last());

    QVERIFY2(failures.isEmpty(),
             qPrintable(failures.isEmpty() ? QString() : failures.cbegin().value()));
    // Each thread's answer quotes its own secret and its own square, and nobody else's.
    for (auto it = numberOf.cbegin(); it != numberOf.cend(); ++it) {
        const int n = it.value();
        const auto messages = m_context->store().listMessages(it.key());
        QVERIFY(messages);
        QString answer;
        for (const MessageRecord &m : *messages)
            if (m.role == MessageRole::Assistant)
                answer = m.text();
        QVERIFY2(answer.startsWith(QStringLiteral("Thread %1 saw:").arg(n)), qPrintable(answer));
        QVERIFY2(answer.contains(QStringLiteral("thread %1 secret %2").arg(n).arg(m_secrets.at(n))),
                 qPrintable(answer));
        QVERIFY2(answer.contains(QString::number(n * n)), qPrintable(answer));
        for (int other = 0; other < kThreads; ++other)
            if (other != n)
                QVERIFY2(!answer.contains(m_secrets.at(other)), qPrintable(answer));
        QCOMPARE(m_requestsByThread.value(n), 5);
    }
    qInfo() << "every thread saw only its own sandbox's file";

    // Every sandbox is gone: none listed, no home folder left, no process left.
    QString error;
    DaytonaClient *client = m_context->sandboxes().client(&error);
    QVERIFY2(client, qPrintable(error));
    const DaytonaResult listed = awaitResult(client->listSandboxes());
    QVERIFY2(listed.ok(), qPrintable(listed.error.message));
    QCOMPARE(listed.sandboxes.size(), 0);
    auto *server = qobject_cast<LocalSandboxServer *>(m_context->sandboxes().localServer());
    QVERIFY(server);
    const QStringList homes = QDir(server->options().dataDir + QStringLiteral("/sandboxes"))
                                  .entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    QVERIFY2(homes.isEmpty(), qPrintable(homes.join(QLatin1Char(','))));
    QTRY_COMPARE_WITH_TIMEOUT(hostDescendantCount(int(QCoreApplication::applicationPid())), 0,
                              15000);
    qInfo() << "all" << kThreads << "sandboxes deleted, no home folder or process left";
}

QTEST_GUILESS_MAIN(TestEngineLoad)
#include "tst_engineload.moc"
