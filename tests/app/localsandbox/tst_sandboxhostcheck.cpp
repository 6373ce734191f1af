// SandboxHostCheck: each way bubblewrap can fail to create sandboxes, simulated with fake /proc
// sysctl files and a fake bwrap that fails as the real one does, is diagnosed as what it is,
// with what to do; the real probe agrees with this machine; the package's AppArmor profile
// parses where apparmor_parser is installed.
#include "localsandbox/SandboxHostCheck.h"
#include "localsandbox/SandboxProcess.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using Problem = SandboxHostCheck::Problem;

class TestSandboxHostCheck final : public QObject
{
    Q_OBJECT
private slots:
    void diagnosesEachFailure_data();
    void diagnosesEachFailure();
    void realProbeAgreesWithThisMachine();
    void runtimeFailureIsExplained();
    void apparmorProfileParses();

private:
    static void writeFile(const QString &path, const QByteArray &content);
};

void TestSandboxHostCheck::writeFile(const QString &path, const QByteArray &content)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).path()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
}

void TestSandboxHostCheck::diagnosesEachFailure_data()
{
    QTest::addColumn<bool>("hasBwrap");
    QTest::addColumn<QByteArray>("bwrapSays"); // empty: bwrap works (exit 0)
    QTest::addColumn<QByteArray>("usernsClone"); // empty: no such file
    QTest::addColumn<QByteArray>("maxUserNamespaces");
    QTest::addColumn<QByteArray>("apparmorRestrict");
    QTest::addColumn<bool>("profileInstalled");
    QTest::addColumn<Problem>("expected");
    QTest::addColumn<QString>("advice"); // part of what the user is told to do

    // What bubblewrap 0.8 prints in each case.
    const QByteArray noPermission
        = "bwrap: No permissions to creating new namespace, likely because the kernel does not "
          "allow non-privileged user namespaces. On e.g. debian this can be enabled with "
          "'sysctl kernel.unprivileged_userns_clone=1'.\n";
    const QByteArray noSpace = "bwrap: Creating new namespace failed: No space left on device\n";
    const QByteArray uidMap = "bwrap: setting up uid map: Permission denied\n";
    const QByteArray loopback = "bwrap: loopback: Failed RTM_NEWADDR: Operation not permitted\n";

    QTest::newRow("works") << true << QByteArray() << QByteArray("1") << QByteArray("63000")
                           << QByteArray() << false << Problem::None << QString();
    QTest::newRow("no bubblewrap")
        << false << QByteArray() << QByteArray() << QByteArray("63000") << QByteArray() << false
        << Problem::NoBubblewrap << QStringLiteral("sudo apt install bubblewrap");
    QTest::newRow("debian sysctl") << true << noPermission << QByteArray("0") << QByteArray("63000")
                                   << QByteArray() << false << Problem::UsernsCloneDisabled
                                   << QStringLiteral("sudo sysctl -w "
                                                     "kernel.unprivileged_userns_clone=1");
    QTest::newRow("max_user_namespaces=0")
        << true << noSpace << QByteArray() << QByteArray("0") << QByteArray() << false
        << Problem::NoUserNamespaces << QStringLiteral("sudo sysctl -w user.max_user_namespaces=");
    QTest::newRow("ubuntu apparmor, profile not loaded")
        << true << uidMap << QByteArray() << QByteArray("63000") << QByteArray("1") << true
        << Problem::AppArmorRestricted << QStringLiteral("sudo apparmor_parser -r ");
    QTest::newRow("ubuntu apparmor, loopback, no profile")
        << true << loopback << QByteArray() << QByteArray("63000") << QByteArray("1") << false
        << Problem::AppArmorRestricted << QStringLiteral(".deb package");
    QTest::newRow("ubuntu apparmor, profile loaded")
        << true << QByteArray() << QByteArray() << QByteArray("63000") << QByteArray("1") << true
        << Problem::None << QString();
    QTest::newRow("something else")
        << true << QByteArray("bwrap: Can't mount proc: Bad luck\n") << QByteArray()
        << QByteArray("63000") << QByteArray("0") << false << Problem::BubblewrapFailed
        << QStringLiteral("Can't mount proc: Bad luck");
}

void TestSandboxHostCheck::diagnosesEachFailure()
{
    QFETCH(bool, hasBwrap);
    QFETCH(QByteArray, bwrapSays);
    QFETCH(QByteArray, usernsClone);
    QFETCH(QByteArray, maxUserNamespaces);
    QFETCH(QByteArray, apparmorRestrict);
    QFETCH(bool, profileInstalled);
    QFETCH(Problem, expected);
    QFETCH(QString, advice);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SandboxHostPaths paths;
    paths.procRoot = dir.filePath(QStringLiteral("proc"));
    paths.bwrap = dir.filePath(QStringLiteral("bin/bwrap"));
    paths.apparmorProfile = dir.filePath(QStringLiteral("etc/apparmor.d/agent-studio"));
    QVERIFY(QDir().mkpath(paths.procRoot));
    if (!usernsClone.isEmpty())
        writeFile(paths.procRoot + QStringLiteral("/sys/kernel/unprivileged_userns_clone"),
                  usernsClone + '\n');
    writeFile(paths.procRoot + QStringLiteral("/sys/user/max_user_namespaces"),
              maxUserNamespaces + '\n');
    if (!apparmorRestrict.isEmpty())
        writeFile(paths.procRoot
                      + QStringLiteral("/sys/kernel/apparmor_restrict_unprivileged_userns"),
                  apparmorRestrict + '\n');
    if (profileInstalled)
        writeFile(paths.apparmorProfile, "profile agent-studio {}\n");
    const QString argsFile = dir.filePath(QStringLiteral("bwrap-args"));
    if (hasBwrap) {
        // Fails as the real one does: its words on stderr, exit 1; records its arguments.
        QByteArray script = "#!/bin/sh\necho \"$@\" > '" + argsFile.toUtf8() + "'\n";
        if (bwrapSays.isEmpty())
            script += "exit 0\n";
        else
            script += "printf '%s' '" + bwrapSays.replace('\'', "'\\''") + "' >&2\nexit 1\n";
        writeFile(paths.bwrap, script);
        QVERIFY(QFile::setPermissions(paths.bwrap, QFile::ReadOwner | QFile::ExeOwner));
    }

    SandboxHostCheck check(paths);
    QSignalSpy done(&check, &SandboxHostCheck::finished);
    check.probe();
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
    const SandboxHostCheck::Result result = check.result();
    qInfo().noquote() << "tried:" << QTest::currentDataTag() << "result:" << result.problem
                      << "\n  the user reads:" << result.message;
    QCOMPARE(result.problem, expected);
    QCOMPARE(result.ok(), expected == Problem::None);
    if (expected == Problem::None) {
        QVERIFY(result.message.isEmpty());
    } else {
        QVERIFY2(result.message.contains(advice), qPrintable(result.message));
        QVERIFY(result.message.contains(QLatin1String("Daytona")));
    }
    // A sysctl or a missing bwrap is known without running it; the rest needs the probe,
    // run in a sandbox's namespaces.
    const bool staticProblem
        = expected == Problem::NoBubblewrap || usernsClone == "0" || maxUserNamespaces == "0";
    QCOMPARE(check.staticCheck().ok(), !staticProblem);
    if (!staticProblem) {
        QVERIFY(result.probed);
        QFile args(argsFile);
        QVERIFY(args.open(QIODevice::ReadOnly));
        QVERIFY(args.readAll().contains("--unshare-user"));
    }
}

void TestSandboxHostCheck::realProbeAgreesWithThisMachine()
{
    SandboxHostCheck check;
    QSignalSpy done(&check, &SandboxHostCheck::finished);
    check.probe();
    QVERIFY(done.wait(20000));
    const SandboxHostCheck::Result result = check.result();
    const QString hostProblem = SandboxProcess::hostProblem();
    qInfo().noquote() << "tried: the real bwrap probe (" << SandboxHostPaths().bwrapPath()
                      << "), result:" << result.problem << result.bwrapOutput << "; static problem:"
                      << (hostProblem.isEmpty() ? QStringLiteral("none") : hostProblem);
    if (!hostProblem.isEmpty()) {
        QVERIFY(!result.ok());
        QCOMPARE(result.message, hostProblem);
        return;
    }
    // The test machine runs real sandboxes (every localsandbox test does): so must the probe.
    QVERIFY2(result.ok(), qPrintable(result.message));
    QVERIFY(result.probed);
}

void TestSandboxHostCheck::runtimeFailureIsExplained()
{
    // A failure while the server runs (a command's bwrap) gets the same diagnosis on this host.
    const QString explained
        = SandboxProcess::explainBwrapFailure("bwrap: Creating new namespace failed: No space "
                                              "left on device\n");
    qInfo().noquote() << "tried: a command's bwrap failing with ENOSPC, result:" << explained;
    QVERIFY(explained.contains(QLatin1String("user.max_user_namespaces")));
    QVERIFY(SandboxProcess::explainBwrapFailure("not bwrap").isEmpty());
}

void TestSandboxHostCheck::apparmorProfileParses()
{
    const QString profile = QStringLiteral(STUDIO_BINARY_DIR "/packaging/apparmor/agent-studio");
    QVERIFY2(QFile::exists(profile), qPrintable(profile));
    QFile file(profile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    // It lets the app and agent-sandboxd (and the bwrap they start) create user namespaces.
    QVERIFY(text.contains("userns,"));
    QVERIFY(text.contains("/agent-studio "));
    QVERIFY(text.contains("/agent-sandboxd "));
    const QString parser = QStandardPaths::findExecutable(
        QStringLiteral("apparmor_parser"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    if (parser.isEmpty())
        QSKIP("apparmor_parser is not installed here: the profile's syntax is not checked");
    // AppArmor 4 parsers know the userns rule; older ones (Debian 12's 3.0) reject it, which is
    // why the postinst installs the profile only where the parser accepts it.
    const bool knowsUserns = QFile::exists(QStringLiteral("/etc/apparmor.d/abi/4.0"));
    QString checked = profile;
    QTemporaryDir dir;
    if (!knowsUserns) {
        QByteArray older;
        for (const QByteArray &line : text.split('\n')) {
            if (!line.contains("abi/4.0") && !line.contains("userns,"))
                older += line + '\n';
        }
        checked = dir.filePath(QStringLiteral("agent-studio-without-userns"));
        writeFile(checked, older);
    }
    const auto parse = [&parser](const QString &path) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        // -Q: no kernel load; -K: no cache; only the parse (as the package's postinst does).
        process.start(parser, {QStringLiteral("-Q"), QStringLiteral("-K"), path});
        process.waitForFinished(30000);
        qInfo().noquote() << "tried: apparmor_parser -Q -K" << path << "result: exit"
                          << process.exitCode() << process.readAll().trimmed();
        return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    };
    QVERIFY(parse(checked));
    if (!knowsUserns)
        QVERIFY2(!parse(profile),
                 "an AppArmor 3 parser accepted the userns rule: the postinst "
                 "guard is no longer needed");
}

QTEST_GUILESS_MAIN(TestSandboxHostCheck)
#include "tst_sandboxhostcheck.moc"
