// Secrets never leak: the scripted scenario runs through the real `agent-studio` binary with
// real-looking keys in the keychain (OpenAI), a .env file (Anthropic) and the environment
// (Groq, unused), against one local server per provider, and a command in the sandbox dumps
// its environment. Then no key may appear in the step log, stderr, the log file, the
// database file and its WAL, a Markdown or JSON export, or any request except the ones sent
// to the key's own provider (and there only in the auth header).
#include "../app/agent/AgentTestSupport.h"

#include "agent/ApprovalPolicy.h"
#include "core/Logging.h"
#include "log/LogFile.h"
#include "root/AppContext.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray randomKey(const QByteArray &prefix, int length, quint32 seed)
{
    static const char alphabet[]
        = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    QRandomGenerator random(seed);
    QByteArray key = prefix;
    while (key.size() < length)
        key += alphabet[random.bounded(64)];
    return key;
}

// Where a secret was found, for the failure message; empty if nowhere.
QStringList placesWith(const QByteArray &secret, const QHash<QString, QByteArray> &places)
{
    QStringList found;
    // A key cut into halves would still leak; look for the halves too.
    const QByteArray head = secret.left(secret.size() / 2);
    const QByteArray tail = secret.mid(secret.size() / 2);
    for (auto it = places.cbegin(); it != places.cend(); ++it)
        if (it.value().contains(head) || it.value().contains(tail)) {
            // Where it is, with the key itself masked, to find the leak.
            const qsizetype at = std::max(it.value().indexOf(head), it.value().indexOf(tail));
            QByteArray context = it.value().mid(std::max<qsizetype>(0, at - 120), 240);
            context.replace(head, "<KEY-HEAD>").replace(tail, "<KEY-TAIL>");
            found << it.key() + u" (…"_s + QString::fromUtf8(context) + u"…)"_s;
        }
    return found;
}

} // namespace

class TestSecretLeaks final : public QObject
{
    Q_OBJECT

private slots:
    void noKeyLeaks();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Result run(const QStringList &arguments, const QByteArray &input = {});

    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
};

TestSecretLeaks::Result TestSecretLeaks::run(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    process.setProcessEnvironment(m_env);
    process.setWorkingDirectory(m_dir.filePath(u"work"_s)); // where the .env file is
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(AGENT_STUDIO_BIN),
                  QStringList{u"--data-dir"_s, m_dir.filePath(u"data"_s)} + arguments);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!finished.wait(180000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

void TestSecretLeaks::noKeyLeaks()
{
    QVERIFY(m_dir.isValid());
    QFile::setPermissions(m_dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    QVERIFY(QDir(m_dir.path()).mkpath(u"work"_s));
    const quint32 seed = QRandomGenerator::global()->generate();
    const QByteArray openAiKey = randomKey("sk-proj-", 164, seed);
    const QByteArray anthropicKey = randomKey("sk-ant-api03-", 108, seed + 1) + "AA";
    const QByteArray groqKey = randomKey("gsk_", 56, seed + 2);
    qInfo() << "tried: an OpenAI key in the keychain, an Anthropic key in .env, a Groq key in"
            << "the environment (all real-looking, seed" << seed << ")";

    FakeLlmServer openAi, anthropic;
    QVERIFY(openAi.listen() && anthropic.listen());
    QList<ScriptedModel::Step> steps = briefScenario();
    // Before the answer: the sandbox shows its whole environment, as a curious agent would.
    steps.insert(3, [](const RecordedRequest &request) {
        return ScriptedStep{
            QString(),
            {{u"call_env"_s, u"runCommand"_s,
              QJsonObject{
                  {u"sandboxId"_s, sandboxIdFrom(request.body)},
                  {u"command"_s, u"env; tr '\\0' '\\n' < /proc/1/environ; cat ~/.env 2>&1"_s}},
              QString()}}};
    });
    ScriptedModel openAiModel(openAi, Wire::OpenAi, steps);
    ScriptedModel anthropicModel(anthropic, Wire::Anthropic, {[](const RecordedRequest &) {
                                     return ScriptedStep{u"Hello from Claude."_s, {}};
                                 }});

    m_env = QProcessEnvironment::systemEnvironment();
    m_env.remove(u"DAYTONA_API_KEY"_s);
    m_env.remove(u"OPENAI_API_KEY"_s);
    m_env.remove(u"ANTHROPIC_API_KEY"_s);
    m_env.insert(u"OPENAI_BASE_URL"_s, openAi.baseUrl().toString());
    QUrl anthropicUrl = anthropic.baseUrl();
    anthropicUrl.setPath(QString());
    m_env.insert(u"ANTHROPIC_BASE_URL"_s, anthropicUrl.toString());
    m_env.insert(u"GROQ_API_KEY"_s, QString::fromLatin1(groqKey));
    // Everything the app logs goes to the log file.
    m_env.insert(u"QT_LOGGING_RULES"_s, u"studio.*.debug=true"_s);
    QFile dotEnv(m_dir.filePath(u"work/.env"_s));
    QVERIFY(dotEnv.open(QIODevice::WriteOnly));
    dotEnv.write("# keys for the test\nANTHROPIC_API_KEY=" + anthropicKey + "\n");
    dotEnv.close();

    const Result stored = run({u"keys"_s, u"set"_s, u"openai"_s}, openAiKey + "\n");
    QVERIFY2(stored.exitCode == 0, stored.err.constData());

    const Result first = run({u"run"_s, u"--approve"_s, u"auto"_s, u"--model"_s,
                              u"openai/gpt-4o-mini"_s, u"--sandbox"_s, u"local"_s,
                              u"write a function that reverses a string, with unit tests, and "
                              u"run them"_s});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    QCOMPARE(openAiModel.stepsServed(), 5);
    // The sandbox's environment was really printed (the check below is not vacuous).
    QVERIFY2(first.out.contains("PATH="), first.out.constData());
    const Result second
        = run({u"run"_s, u"--approve"_s, u"auto"_s, u"--model"_s, u"anthropic/claude-sonnet-4-5"_s,
               u"--sandbox"_s, u"local"_s, u"say hello"_s});
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QCOMPARE(anthropicModel.stepsServed(), 1);
    // Each key reached its own provider, in its auth header.
    QCOMPARE(openAi.requests().first().headers.value("authorization"), "Bearer " + openAiKey);
    QCOMPARE(anthropic.requests().first().headers.value("x-api-key"), anthropicKey);

    const Result markdown = run({u"threads"_s, u"show"_s, u"1"_s});
    const Result json = run({u"threads"_s, u"export"_s, u"1"_s, u"--format"_s, u"json"_s});
    const Result markdown2 = run({u"threads"_s, u"show"_s, u"2"_s});
    QCOMPARE(markdown.exitCode, 0);
    QCOMPARE(json.exitCode, 0);
    QVERIFY(json.out.contains("runCommand"));

    // The headless commands log to stderr; the app's log file is written by the window's
    // process: the same engine in this process with the log file installed, debug on.
    {
        qputenv("OPENAI_BASE_URL", openAi.baseUrl().toString().toUtf8());
        qputenv("GROQ_API_KEY", groqKey);
        qunsetenv("OPENAI_API_KEY");
        qunsetenv("ANTHROPIC_API_KEY");
        qunsetenv("DAYTONA_API_KEY");
        QLoggingCategory::setFilterRules(u"studio.*.debug=true"_s);
        AppContext context(StudioPaths::underRoot(m_dir.filePath(u"data"_s)));
        context.setEnvFile(m_dir.filePath(u"work/.env"_s));
        QString error;
        QVERIFY2(context.open(&error), qPrintable(error));
        LogFile log(context.paths().logDir(), context.redactor());
        QVERIFY(log.install(false));
        context.setSandboxProvider(u"local"_s);
        AgentEngine *engine = context.agentEngine(&error);
        QVERIFY2(engine, qPrintable(error));
        context.approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
        QObject::connect(engine, &AgentEngine::runEvent, engine, [](const RunEvent &event) {
            if (event.type == RunEvent::Type::StepFinished)
                qCInfo(lcAgent).noquote() << event.stepLog.trimmed();
        });
        RunRecorder recorder(*engine);
        const auto thread = context.store().createThread(u"In process"_s, u"openai/gpt-4o-mini"_s);
        QVERIFY(thread);
        QVERIFY(engine->send(thread->id, u"hello again"_s, {}, &error));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.ended, 60000);
        QVERIFY(recorder.ofType(RunEvent::Type::RunFinished).size() == 1);
        QCOMPARE(openAi.requests().last().headers.value("authorization"), "Bearer " + openAiKey);
        log.uninstall();
        QLoggingCategory::setFilterRules(QString());
    }

    QHash<QString, QByteArray> everywhere{{u"step log (run 1)"_s, first.out},
                                          {u"stderr (run 1)"_s, first.err},
                                          {u"step log (run 2)"_s, second.out},
                                          {u"stderr (run 2)"_s, second.err},
                                          {u"Markdown export"_s, markdown.out + markdown2.out},
                                          {u"JSON export"_s, json.out},
                                          {u"keys set output"_s, stored.out + stored.err}};
    // Every file in the data folder: the database, its WAL and journal, the logs, the
    // sandboxes' homes and state.
    int logBytes = 0;
    QDirIterator files(m_dir.filePath(u"data"_s), QDir::Files | QDir::Hidden | QDir::System,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly)) {
            everywhere.insert(path, f.readAll());
            if (path.contains(u"/logs/"_s))
                logBytes += int(f.size());
        }
    }
    qInfo() << "searched" << everywhere.size() << "outputs and files," << logBytes
            << "bytes of log";
    QVERIFY2(logBytes > 0, "no log file was written");
    QVERIFY(everywhere.contains(m_dir.filePath(u"data/studio.sqlite3"_s)));

    // The requests: bodies always, headers except the key's own auth header at its provider.
    auto requestsText = [](const FakeLlmServer &server, const QByteArray &ownHeader) {
        QByteArray all;
        for (const RecordedRequest &r : server.requests()) {
            all += r.method + ' ' + r.path + '\n' + r.body + '\n';
            for (auto it = r.headers.cbegin(); it != r.headers.cend(); ++it)
                if (it.key() != ownHeader)
                    all += it.key() + ": " + it.value() + '\n';
        }
        return all;
    };
    everywhere.insert(u"requests to OpenAI (besides its auth header)"_s,
                      requestsText(openAi, "authorization"));
    everywhere.insert(u"requests to Anthropic (besides its auth header)"_s,
                      requestsText(anthropic, "x-api-key"));
    QHash<QString, QByteArray> elsewhereThanOpenAi = everywhere;
    elsewhereThanOpenAi.insert(u"requests to Anthropic"_s, requestsText(anthropic, {}));
    QHash<QString, QByteArray> elsewhereThanAnthropic = everywhere;
    elsewhereThanAnthropic.insert(u"requests to OpenAI"_s, requestsText(openAi, {}));

    QStringList leaks;
    for (const QString &place : placesWith(openAiKey, elsewhereThanOpenAi))
        leaks << u"OpenAI key in "_s + place;
    for (const QString &place : placesWith(anthropicKey, elsewhereThanAnthropic))
        leaks << u"Anthropic key in "_s + place;
    QHash<QString, QByteArray> all = everywhere;
    all.insert(u"requests to OpenAI"_s, requestsText(openAi, {}));
    all.insert(u"requests to Anthropic"_s, requestsText(anthropic, {}));
    for (const QString &place : placesWith(groqKey, all))
        leaks << u"Groq key in "_s + place;
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u"; "_s)));
}

QTEST_GUILESS_MAIN(TestSecretLeaks)
#include "tst_secretleaks.moc"
