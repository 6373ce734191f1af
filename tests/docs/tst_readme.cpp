// The README is a promise: every command in its shell blocks is run here, in the README's
// order, against the built binaries (a local OpenAI-shaped server stands in for the model
// provider, sandboxes are the real local ones, keys go to a private keyring). A command this
// test does not know how to exercise fails it, so a new README line needs a new check.
#include "../app/agent/AgentTestSupport.h"
#include "../app/agent/ScriptedModel.h"
#include "secrets/DotEnvParser.h"
#include "secrets/KeyCatalog.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

struct Command
{
    int line = 0; // 1-based line in README.md
    QString text; // continuation lines joined, comment removed
};

// The logical lines of the README's ```sh blocks.
QList<Command> shellCommands(const QString &readme)
{
    QList<Command> commands;
    const QStringList lines = readme.split(QLatin1Char('\n'));
    bool inShell = false;
    QString pending;
    int pendingLine = 0;
    static const QRegularExpression comment(QStringLiteral("\\s+#\\s.*$"));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i);
        if (line.startsWith(QLatin1String("```"))) {
            inShell = !inShell && line.trimmed() == QLatin1String("```sh");
            continue;
        }
        if (!inShell)
            continue;
        QString text = line;
        text.remove(comment);
        if (pending.isEmpty())
            pendingLine = i + 1;
        if (text.trimmed().endsWith(QLatin1Char('\\'))) {
            text = text.trimmed();
            text.chop(1);
            pending += text + QLatin1Char(' ');
            continue;
        }
        pending += text.trimmed();
        if (!pending.trimmed().isEmpty())
            commands.append({pendingLine, pending.simplified()});
        pending.clear();
    }
    return commands;
}

} // namespace

class TestReadme final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyShellCommandWorks();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Result runStudio(QStringList arguments, const QStringList &environment,
                     const QString &stdinFile, int timeoutMs = 180000);
    void exerciseStudio(const Command &command);
    void exerciseScript(const Command &command);
    void exercisePresets(const Command &command);
    void checkAssignment(const Command &command);
    void startAndCloseWindow(const Command &command, const QStringList &environment);

    QTemporaryDir m_dir;
    QString m_dataDir;
    FakeLlmServer m_server;
    std::unique_ptr<ScriptedModel> m_script;
    int m_exercised = 0;
};

void TestReadme::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The local sandboxes' homes must be reachable by the unprivileged user they run as.
    QFile::setPermissions(m_dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    m_dataDir = m_dir.filePath(QStringLiteral("data"));
    QVERIFY(m_server.listen());
}

TestReadme::Result TestReadme::runStudio(QStringList arguments, const QStringList &environment,
                                         const QString &stdinFile, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPENAI_BASE_URL"), m_server.baseUrl().toString());
    env.insert(QStringLiteral("OPENAI_API_KEY"),
               QStringLiteral("sk-test-readme-0123456789abcdefghijkl"));
    env.remove(QStringLiteral("DAYTONA_API_KEY"));
    for (const QString &assignment : environment)
        env.insert(assignment.section(QLatin1Char('='), 0, 0),
                   assignment.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(m_dir.path());
    process.setStandardInputFile(stdinFile.isEmpty() ? QProcess::nullDevice() : stdinFile);
    if (!arguments.contains(QStringLiteral("--data-dir")))
        arguments.prepend(m_dataDir), arguments.prepend(QStringLiteral("--data-dir"));
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(AGENT_STUDIO_BIN), arguments);
    // The event loop must run meanwhile: the model server lives in this process.
    if (!finished.wait(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

void TestReadme::everyShellCommandWorks()
{
    QFile file(QStringLiteral(STUDIO_SOURCE_DIR "/README.md"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QList<Command> commands = shellCommands(QString::fromUtf8(file.readAll()));
    QVERIFY2(commands.size() >= 10, "the README's shell blocks were not found");
    for (const Command &command : commands) {
        qInfo().noquote() << QStringLiteral("README.md:%1: %2").arg(command.line).arg(command.text);
        const QString first = command.text.section(QLatin1Char(' '), 0, 0);
        static const QRegularExpression assignment(QStringLiteral("^[A-Z_][A-Z0-9_]*="));
        if (first == QLatin1String("./scripts/studio.sh"))
            exerciseScript(command);
        else if (first == QLatin1String("cmake"))
            exercisePresets(command);
        else if (command.text.contains(QLatin1String("agent-studio")))
            exerciseStudio(command);
        else if (assignment.match(command.text).hasMatch())
            checkAssignment(command);
        else
            QFAIL(qPrintable(QStringLiteral("README.md:%1: no check knows this command: %2")
                                 .arg(command.line)
                                 .arg(command.text)));
        if (QTest::currentTestFailed())
            return;
        ++m_exercised;
    }
    qInfo() << "exercised" << m_exercised << "README commands";
}

// `NAME=value` lines show a .env file: every name must be one Agent Studio reads.
void TestReadme::checkAssignment(const Command &command)
{
    const QString name = command.text.section(QLatin1Char('='), 0, 0);
    const bool known = KeyCatalog::find(name) != nullptr || name == QLatin1String("DAYTONA_API_URL")
        || name == QLatin1String("DAYTONA_TARGET");
    QVERIFY2(known,
             qPrintable(QStringLiteral("README.md:%1: Agent Studio does not read %2")
                            .arg(command.line)
                            .arg(name)));
    const DotEnvParser::Result parsed = DotEnvParser::parse(command.text);
    QVERIFY2(parsed.errors.isEmpty() && parsed.contains(name), qPrintable(command.text));
}

// The script's subcommands: `deps --print` runs here; `test` is what CI runs (.ci/run), and CI
// also runs `run --version` on its build (scripts/studio.sh, STUDIO_PRESET=ci).
void TestReadme::exerciseScript(const Command &command)
{
    const QString sub = command.text.section(QLatin1Char(' '), 1, 1);
    const QString script = QStringLiteral(STUDIO_SOURCE_DIR "/scripts/studio.sh");
    if (sub == QLatin1String("deps")) {
        QProcess process;
        process.start(script, {QStringLiteral("deps"), QStringLiteral("--print")});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().contains("bubblewrap"));
        return;
    }
    QVERIFY2(sub == QLatin1String("run") || sub == QLatin1String("test"),
             qPrintable(QStringLiteral("unknown studio.sh subcommand: ") + sub));
    QFile ci(QStringLiteral(STUDIO_SOURCE_DIR "/.ci/run"));
    QVERIFY(ci.open(QIODevice::ReadOnly));
    const QByteArray ciText = ci.readAll();
    QVERIFY2(ciText.contains("scripts/studio.sh test"), ".ci/run must call the README's command");
    QFile scriptFile(script);
    QVERIFY(scriptFile.open(QIODevice::ReadOnly));
    QVERIFY2(scriptFile.readAll().contains("run --version"),
             "CI must start the app through `studio.sh run`");
}

void TestReadme::exercisePresets(const Command &command)
{
    QFile file(QStringLiteral(STUDIO_SOURCE_DIR "/CMakePresets.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject presets = QJsonDocument::fromJson(file.readAll()).object();
    static const QRegularExpression use(QStringLiteral("(cmake|ctest)( --build)? --preset (\\S+)"));
    auto it = use.globalMatch(command.text);
    int checked = 0;
    while (it.hasNext()) {
        const auto match = it.next();
        const QString kind = match.captured(1) == QLatin1String("ctest")
            ? QStringLiteral("testPresets")
            : match.captured(2).isEmpty() ? QStringLiteral("configurePresets")
                                          : QStringLiteral("buildPresets");
        bool found = false;
        for (const QJsonValue &preset : presets.value(kind).toArray())
            found = found || preset[QLatin1String("name")].toString() == match.captured(3);
        QVERIFY2(found, qPrintable(QStringLiteral("no %1 named %2").arg(kind, match.captured(3))));
        ++checked;
    }
    QVERIFY2(checked > 0, qPrintable(command.text));
}

void TestReadme::exerciseStudio(const Command &command)
{
    QStringList words = QProcess::splitCommand(command.text);
    QStringList environment;
    while (!words.isEmpty() && words.first().contains(QLatin1Char('=')))
        environment.append(words.takeFirst());
    QVERIFY2(!words.isEmpty() && words.first() == QLatin1String("agent-studio"),
             qPrintable(command.text));
    words.removeFirst();
    // Placeholders: `--data-dir DIR ...` stands for any command with its own data folder.
    for (QString &word : words) {
        if (word == QLatin1String("DIR"))
            word = m_dir.filePath(QStringLiteral("portable"));
        else if (word == QLatin1String("..."))
            word = QStringLiteral("paths");
    }
    QString stdinFile;
    const qsizetype redirect = words.indexOf(QStringLiteral("<"));
    if (redirect >= 0) {
        QVERIFY(redirect + 1 < words.size());
        stdinFile = m_dir.filePath(words.at(redirect + 1));
        QFile key(stdinFile);
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write("sk-readme-keychain-0123456789abcdefghij\n");
        words.remove(redirect, 2);
    }
    // `> FILE`: the command's output is kept in FILE (a patch, for one).
    QString stdoutFile;
    const qsizetype into = words.indexOf(QStringLiteral(">"));
    if (into >= 0) {
        QVERIFY(into + 1 < words.size());
        stdoutFile = m_dir.filePath(words.at(into + 1));
        words.remove(into, 2);
    }
    if (words.isEmpty()) {
        startAndCloseWindow(command, environment);
        return;
    }
    if (words.first() == QLatin1String("run"))
        m_script = std::make_unique<ScriptedModel>(m_server, Wire::OpenAi, briefScenario());
    const Result result = runStudio(words, environment, stdinFile);
    const QString where
        = QStringLiteral("README.md:%1: %2\nstdout: %3\nstderr: %4")
              .arg(command.line)
              .arg(command.text, QString::fromUtf8(result.out), QString::fromUtf8(result.err));
    QVERIFY2(result.exitCode == 0, qPrintable(where));
    const QString sub = words.first();
    if (!stdoutFile.isEmpty()) {
        QFile out(stdoutFile);
        QVERIFY2(out.open(QIODevice::WriteOnly) && out.write(result.out) == result.out.size(),
                 qPrintable(where));
    }
    // A patch of what the agent changed, that `git apply` would take.
    if (sub == QLatin1String("changes") && words.contains(QStringLiteral("patch")))
        QVERIFY2(result.out.contains("diff --git a/"), qPrintable(where));
    if (sub == QLatin1String("changes") && words.contains(QStringLiteral("--steps")))
        QVERIFY2(result.out.contains("reverse"), qPrintable(where));
    if (sub == QLatin1String("--help"))
        QVERIFY2(result.out.contains("run") && result.out.contains("threads"), qPrintable(where));
    if (sub == QLatin1String("paths"))
        QVERIFY2(result.out.contains(QDir::toNativeSeparators(m_dir.path()).toUtf8()),
                 qPrintable(where));
    if (sub == QLatin1String("run")) {
        // The brief's scenario: the tests ran in the sandbox and the answer came back.
        QVERIFY2(result.out.contains("\"finishReason\":\"stop\""), qPrintable(where));
        QVERIFY2(m_server.requests().size() >= 3, qPrintable(where));
    }
    if (sub == QLatin1String("threads") && words.value(1) == QLatin1String("show"))
        QVERIFY2(result.out.contains("reverses a string") && result.out.startsWith("Cost: $"),
                 qPrintable(where));
    if (sub == QLatin1String("threads") && words.value(1) == QLatin1String("budget"))
        QVERIFY2(result.out.contains("budget is $2.50"), qPrintable(where));
    if (sub == QLatin1String("threads") && words.value(1) == QLatin1String("export")) {
        QFile exported(m_dir.filePath(words.last()));
        QVERIFY2(exported.open(QIODevice::ReadOnly), qPrintable(where));
        QVERIFY(QJsonDocument::fromJson(exported.readAll()).isObject());
    }
    if (sub == QLatin1String("keys") && words.value(1) == QLatin1String("list"))
        QVERIFY2(result.out.contains("openai") && !result.out.contains("sk-readme"),
                 qPrintable(where));
}

// `agent-studio` alone opens the window: it starts, shows it, and a SIGTERM closes it cleanly.
void TestReadme::startAndCloseWindow(const Command &command, const QStringList &environment)
{
#ifdef STUDIO_HAVE_UI
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    for (const QString &assignment : environment)
        env.insert(assignment.section(QLatin1Char('='), 0, 0),
                   assignment.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(AGENT_STUDIO_BIN),
                  {QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--log")});
    QVERIFY(process.waitForStarted());
    QByteArray err;
    QTRY_VERIFY2_WITH_TIMEOUT((err += process.readAllStandardError()).contains("started"),
                              qPrintable(command.text), 30000);
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
#else
    QSKIP("built without the window");
    Q_UNUSED(command)
    Q_UNUSED(environment)
#endif
}

QTEST_GUILESS_MAIN(TestReadme)
#include "tst_readme.moc"
