// Crash durability of the headless app and of the window: `agent-studio run` (the real binary),
// or the real MainWindow driven through its composer (gui_crash_child), works through the
// brief's scenario against a local model server and the real local sandboxes, and is SIGKILLed
// at random moments, a few dozen times. After each kill: the database opens and passes its
// check, every step the app printed (acknowledged) before the kill is in it with its tool
// calls and results, nothing is left "running" or "streaming", no sandbox process survives,
// and (every third time) `run --thread N --continue` (or the window's Continue) finishes the
// thread without re-running a tool call that had completed.
#include "CrashSupport.h"

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

using namespace CrashSupport;

class TestCrashLoop final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void killAtRandomPoints_data();
    void killAtRandomPoints();

private:
    QProcessEnvironment environment() const;
    // The program and its arguments that start (or continue) the run in the data folder.
    QStringList runCommand(const QString &dataDir) const;
    QStringList continueCommand(const QString &dataDir) const;
    void start(QProcess &process, const QStringList &command) const;
    bool m_window = false;

    FakeLlmServer m_server;
    int m_requests = 0;
};

void TestCrashLoop::initTestCase()
{
    QVERIFY(m_server.listen());
    scriptServer(m_server, this, &m_requests);
}

QProcessEnvironment TestCrashLoop::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"OPENAI_BASE_URL"_s, m_server.baseUrl().toString());
    env.insert(u"OPENAI_API_KEY"_s, u"sk-test-crash-0123456789abcdefghijkl"_s);
    env.remove(u"DAYTONA_API_KEY"_s);
    return env;
}

QStringList TestCrashLoop::runCommand(const QString &dataDir) const
{
#ifdef GUI_CRASH_CHILD_BIN
    if (m_window)
        return {QStringLiteral(GUI_CRASH_CHILD_BIN), dataDir, u"send"_s};
#endif
    return {QStringLiteral(AGENT_STUDIO_BIN),
            u"--data-dir"_s,
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

QStringList TestCrashLoop::continueCommand(const QString &dataDir) const
{
#ifdef GUI_CRASH_CHILD_BIN
    if (m_window)
        return {QStringLiteral(GUI_CRASH_CHILD_BIN), dataDir, u"continue"_s};
#endif
    return {QStringLiteral(AGENT_STUDIO_BIN),
            u"--data-dir"_s,
            dataDir,
            u"run"_s,
            u"--thread"_s,
            u"1"_s,
            u"--continue"_s,
            u"--approve"_s,
            u"auto"_s,
            u"--sandbox"_s,
            u"local"_s};
}

void TestCrashLoop::start(QProcess &process, const QStringList &command) const
{
    QProcessEnvironment env = environment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    process.setProcessEnvironment(env);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(command.first(), command.mid(1));
}

void TestCrashLoop::killAtRandomPoints_data()
{
    QTest::addColumn<bool>("window");
    QTest::newRow("headless: agent-studio run") << false;
#ifdef GUI_CRASH_CHILD_BIN
    QTest::newRow("window: MainWindow, composer, Continue") << true;
#endif
}

void TestCrashLoop::killAtRandomPoints()
{
    const quint32 seed = qEnvironmentVariableIsSet("CRASHLOOP_SEED")
        ? quint32(qEnvironmentVariableIntValue("CRASHLOOP_SEED"))
        : QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    QFETCH(bool, window);
    m_window = window;
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
        QSignalSpy finished(&process, &QProcess::finished);
        QElapsedTimer clock;
        clock.start();
        start(process, runCommand(root.filePath(u"full"_s)));
        QVERIFY(finished.wait(120000));
        fullMs = clock.elapsed();
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QCOMPARE(acknowledgedSteps(process.readAllStandardOutput()).size(), 4);
        qInfo() << "an undisturbed run takes" << fullMs << "ms";
    }

    QElapsedTimer total;
    total.start();
    int kills = 0, continued = 0, finishedFirst = 0, unknownOutcomes = 0;
    // Each row: at least 10 kills, then as many as fit in 30 s (the suite runs twice in CI).
    for (int i = 0; i < 40 && (i < 12 || total.elapsed() < 30000); ++i) {
        const QString data = root.filePath(u"kill%1"_s.arg(i));
        const int killAt = 50 + int(random.bounded(quint32(fullMs)));
        QProcess process;
        QSignalSpy finished(&process, &QProcess::finished);
        start(process, runCommand(data));
        QVERIFY(process.waitForStarted());
        if (finished.wait(killAt)) {
            ++finishedFirst; // it ended before the kill: nothing to recover
            QCOMPARE(process.exitCode(), 0);
            continue;
        }
        process.kill(); // SIGKILL
        QVERIFY(finished.wait(10000));
        ++kills;
        const QList<QJsonObject> acknowledged = acknowledgedSteps(process.readAllStandardOutput());
        qInfo().noquote() << u"kill %1 at %2 ms: %3 step(s) acknowledged"_s.arg(i).arg(killAt).arg(
            acknowledged.size());

        // No sandbox process outlives the app (bubblewrap's --die-with-parent).
        QTRY_COMPARE_WITH_TIMEOUT(processesMentioning(data), 0, 10000);
        AfterKill after;
        checkAfterKill(data, acknowledged, &after);
        if (QTest::currentTestFailed())
            return;
        unknownOutcomes += after.unknownOutcomes;
        if (!after.interrupted)
            continue;

        if (i % 3 != 0)
            continue;
        // Continue the interrupted thread; it finishes and nothing that ran runs again.
        const int runsLogBefore = linesIn(data, u"runs.log"_s);
        QProcess again;
        QSignalSpy againFinished(&again, &QProcess::finished);
        start(again, continueCommand(data));
        QVERIFY(againFinished.wait(120000));
        const QByteArray err = again.readAllStandardError();
        QVERIFY2(again.exitCode() == 0, err.constData());
        ++continued;
        const QByteArray out = again.readAllStandardOutput();
        qInfo().noquote() << u"  continued: %1 more step(s), exit 0"_s.arg(out.count('\n'));
        checkContinued(data, out, after.doneBefore, runsLogBefore);
        if (QTest::currentTestFailed())
            return;
    }
    qInfo() << kills << "kills," << continued << "continued," << finishedFirst
            << "runs ended before their kill," << unknownOutcomes
            << "tool call(s) killed while running, in" << total.elapsed() << "ms";
    QVERIFY(kills >= 10);
}

QTEST_GUILESS_MAIN(TestCrashLoop)
#include "tst_crashloop.moc"
