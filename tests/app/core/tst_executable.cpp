// The real agent-studio binary, as a user runs it from a terminal with no display.
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestExecutable final : public QObject
{
    Q_OBJECT

private slots:
    void helpAndVersionWithoutDisplay();
    void helpSpeaksTheUsersLanguage();
    void dataDirBeforeCommand();
    void errorsAreOneLineAndNonZero_data();
    void errorsAreOneLineAndNonZero();
    void noDisplaySaysWhatToDo();
    void loggingRulesTurnOnDebugOutput();
    void manPageDocumentsEveryOptionAndCommand();
#ifdef STUDIO_HAVE_UI
    void windowLogsAndShutsDownCleanlyOnSigterm();
#endif

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Result run(const QStringList &arguments, const QProcessEnvironment &extra = {});
};

TestExecutable::Result TestExecutable::run(const QStringList &arguments,
                                           const QProcessEnvironment &extra)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // A terminal with no display at all.
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    env.insert(extra);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(AGENT_STUDIO_BIN), arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

void TestExecutable::helpAndVersionWithoutDisplay()
{
    const Result help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.startsWith(QLatin1String("Usage: agent-studio")));
    QVERIFY(help.out.contains(QLatin1String("--data-dir")));
    QVERIFY2(help.err.isEmpty(), qPrintable(help.err));

    const Result version = run({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith(QStringLiteral("agent-studio " STUDIO_VERSION)));
}

void TestExecutable::helpSpeaksTheUsersLanguage()
{
    // LC_ALL wins over LANG; ctest sets it to C.UTF-8 for every other test.
    QProcessEnvironment german;
    german.insert(QStringLiteral("LC_ALL"), QStringLiteral("de_DE.UTF-8"));
    german.insert(QStringLiteral("LANGUAGE"), QStringLiteral("de"));
    const Result help = run({QStringLiteral("--help")}, german);
    qInfo().noquote() << "tried: agent-studio --help in German, result:"
                      << help.out.section(QLatin1Char('\n'), 0, 0);
    QCOMPARE(help.exitCode, 0);
    QVERIFY2(help.out.startsWith(QLatin1String("Aufruf: agent-studio")), qPrintable(help.out));
    QVERIFY(help.out.contains(QLatin1String("Befehle:")));
    QVERIFY(help.out.contains(QLatin1String("Unterhaltungen auflisten"))); // a command summary

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result run = TestExecutable::run(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("run"), QStringLiteral("--help")},
        german);
    qInfo().noquote() << "tried: agent-studio run --help in German, result:"
                      << run.out.section(QLatin1Char('\n'), 0, 0);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(QLatin1String("Aufruf: agent-studio run [OPTIONEN] PROMPT")),
             qPrintable(run.out));
}

void TestExecutable::dataDirBeforeCommand()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = dir.filePath(QStringLiteral("portable"));
    const Result result = run({QStringLiteral("--data-dir"), root, QStringLiteral("paths")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QStringLiteral("data:     ") + root + QLatin1Char('\n')),
             qPrintable(result.out));
    QVERIFY(result.out.contains(QStringLiteral("settings: ") + root + QStringLiteral("/config/")));
    QVERIFY(result.out.contains(QStringLiteral("cache:    ") + root + QStringLiteral("/cache")));
    // Nothing outside the root was needed: the folders exist where it said.
    QVERIFY(QFileInfo(root + QStringLiteral("/config")).isDir());
    QCOMPARE(QFileInfo(root).permissions() & (QFile::ReadOther | QFile::ReadGroup),
             QFileDevice::Permissions());
}

void TestExecutable::errorsAreOneLineAndNonZero_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                     << QStringLiteral("unknown command 'frobnicate'");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--nope")} << QStringLiteral("unknown option --nope");
    QTest::newRow("missing value")
        << QStringList{QStringLiteral("--data-dir")} << QStringLiteral("--data-dir needs a value");
    QTest::newRow("data dir is a file")
        << QStringList{QStringLiteral("--data-dir"), QStringLiteral(AGENT_STUDIO_BIN),
                       QStringLiteral("paths")}
        << QStringLiteral("exists but is not a folder");
}

void TestExecutable::errorsAreOneLineAndNonZero()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Result result = run(arguments);
    QVERIFY(result.exitCode != 0);
    QVERIFY(result.exitCode != -1); // exited, did not crash or hang
    QVERIFY2(result.err.startsWith(QLatin1String("agent-studio: ")), qPrintable(result.err));
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
    QVERIFY(result.out.isEmpty());
}

void TestExecutable::noDisplaySaysWhatToDo()
{
    QTemporaryDir dir;
    const Result result = run({QStringLiteral("--data-dir"), dir.path()});
    QCOMPARE(result.exitCode, 2);
#ifdef STUDIO_HAVE_UI
    QVERIFY2(result.err.contains(QLatin1String("no display found")), qPrintable(result.err));
#else
    QVERIFY2(result.err.contains(QLatin1String("this build has no window")),
             qPrintable(result.err));
#endif
    QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
}

void TestExecutable::loggingRulesTurnOnDebugOutput()
{
    QTemporaryDir dir;
    const QStringList args{QStringLiteral("--data-dir"), dir.path(), QStringLiteral("paths")};
    const Result quiet = run(args);
    QCOMPARE(quiet.exitCode, 0);
    QVERIFY2(!quiet.err.contains(QLatin1String("studio.app")), qPrintable(quiet.err));

    QProcessEnvironment env;
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("studio.app.debug=true"));
    const Result loud = run(args, env);
    QCOMPARE(loud.exitCode, 0);
    QVERIFY2(loud.err.contains(QLatin1String("debug studio.app: data folder")),
             qPrintable(loud.err));
}

void TestExecutable::manPageDocumentsEveryOptionAndCommand()
{
    QFile man(QStringLiteral(STUDIO_SOURCE_DIR "/packaging/man/agent-studio.1"));
    QVERIFY(man.open(QIODevice::ReadOnly));
    // roff escapes the dashes: \-\-data\-dir
    const QString page = QString::fromUtf8(man.readAll()).remove(QLatin1Char('\\'));
    const Result help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    int checked = 0;
    static const QRegularExpression item(QStringLiteral("^  (-\\w, )?(--[a-z-]+|[a-z]+)\\b"));
    for (const QString &line : help.out.split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch match = item.match(line);
        if (!match.hasMatch())
            continue;
        const QString name = match.captured(2);
        QVERIFY2(page.contains(name), qPrintable(name + QStringLiteral(" is not in the man page")));
        ++checked;
    }
    QVERIFY(checked >= 6);
}

#ifdef STUDIO_HAVE_UI
void TestExecutable::windowLogsAndShutsDownCleanlyOnSigterm()
{
    QTemporaryDir dir;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(AGENT_STUDIO_BIN), {QStringLiteral("--data-dir"), dir.path()});
    QVERIFY(process.waitForStarted());
    const QString logFile = dir.filePath(QStringLiteral("logs/agent-studio.log"));
    const auto logText = [&logFile] {
        QFile file(logFile);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(logText().contains(QLatin1String("studio.app: Agent Studio")), 20000);

    process.terminate(); // SIGTERM, as a logout or `kill` sends it
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(logText().contains(QLatin1String("shutting down")));
    // The window saved its layout on the way out.
    QFile settings(dir.filePath(QStringLiteral("config/agent-studio.conf")));
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(settings.readAll().contains("geometry="));
}
#endif

QTEST_GUILESS_MAIN(TestExecutable)
#include "tst_executable.moc"
