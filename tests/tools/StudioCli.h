// Runs the real agent-studio executable as a second process on a data folder, as a user does
// in a terminal while the window is open, without a display; returns when it has ended.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTest>

struct StudioCliRun
{
    bool finished = false; // false: it did not end within the time given
    QProcess::ExitStatus status = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    bool ok() const { return finished && status == QProcess::NormalExit && exitCode == 0; }
};

inline StudioCliRun runStudioCli(const QString &binary, const QString &dataDir,
                                 const QStringList &arguments, int timeoutMs = 30000)
{
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    cli.setProcessEnvironment(env);
    cli.start(binary, QStringList{QStringLiteral("--data-dir"), dataDir} + arguments);
    StudioCliRun run;
    // The test's event loop waits, so the window's services keep polling meanwhile.
    run.finished
        = QTest::qWaitFor([&cli] { return cli.state() == QProcess::NotRunning; }, timeoutMs);
    run.status = cli.exitStatus();
    run.exitCode = cli.exitCode();
    run.out = cli.readAllStandardOutput();
    run.err = cli.readAllStandardError();
    return run;
}
