// Helpers shared by the sandbox tests: waiting for a request object's finished(result), and
// looking at host processes the way a user would with ps.
#pragma once

#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxProcess.h"
#include "sandbox/DaytonaCall.h"
#include "sandbox/DaytonaClient.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <sys/stat.h>

// The test data folder: the source tree's (tests/data), or the copy run-unprivileged.sh made
// when nobody cannot reach the source tree (it sets STUDIO_TEST_DATA_DIR then).
inline QString testDataDir()
{
#ifdef STUDIO_TEST_DATA_DIR
    return qEnvironmentVariable("STUDIO_TEST_DATA_DIR", QStringLiteral(STUDIO_TEST_DATA_DIR));
#else
    return qEnvironmentVariable("STUDIO_TEST_DATA_DIR");
#endif
}

// Starts a local sandbox server for a test (its data in options.dataDir, made if missing) and a
// client for it. `tempDir` is opened to 0711 first: as root, sandboxes run as nobody, who must
// reach their homes. Empty on success, else what went wrong (bubblewrap missing, ...).
inline QString startTestSandboxServer(const QString &tempDir, const LocalSandboxOptions &options,
                                      std::unique_ptr<LocalSandboxServer> &server,
                                      std::unique_ptr<DaytonaClient> &client)
{
    if (const QString problem = SandboxProcess::hostProblem(); !problem.isEmpty())
        return problem;
    if (::chmod(QFile::encodeName(tempDir).constData(), 0711) != 0)
        return QStringLiteral("cannot open %1 to the sandbox user").arg(tempDir);
    if (!QDir().mkpath(options.dataDir))
        return QStringLiteral("cannot make %1").arg(options.dataDir);
    server = std::make_unique<LocalSandboxServer>(options);
    QString error;
    if (!server->start(&error))
        return error;
    client = std::make_unique<DaytonaClient>(
        DaytonaConfig::fromValues(server->token(), server->apiUrl().toString(), QString()));
    return QString();
}

template<typename Call> DaytonaResult awaitResult(Call *call, int timeoutMs = 60000)
{
    QSignalSpy spy(call, &Call::finished);
    if (!spy.wait(timeoutMs)) {
        DaytonaResult r;
        r.error = SandboxError::make(SandboxError::Kind::Timeout,
                                     QStringLiteral("test gave up waiting"));
        return r;
    }
    return spy.first().first().value<DaytonaResult>();
}

// pid -> parent pid of every host process.
inline QHash<int, int> hostParents()
{
    QHash<int, int> parentOf;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool ok = false;
        const int pid = entry.toInt(&ok);
        if (!ok)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        parentOf.insert(pid, fields.value(1).toInt());
    }
    return parentOf;
}

inline bool descendsFrom(const QHash<int, int> &parentOf, int pid, int ancestor)
{
    int p = parentOf.value(pid, 0);
    for (int depth = 0; p > 1 && depth < 4096; ++depth) {
        if (p == ancestor)
            return true;
        p = parentOf.value(p, 0);
    }
    return false;
}

// Pids, among this test's own descendants (other tests may run in parallel), whose command
// line is exactly these arguments.
inline QList<int> hostProcessesWithCommandLine(const QByteArrayList &args)
{
    const QByteArray wanted = args.join('\0') + '\0';
    const QHash<int, int> parentOf = hostParents();
    const int self = int(QCoreApplication::applicationPid());
    QList<int> pids;
    for (auto it = parentOf.cbegin(); it != parentOf.cend(); ++it) {
        if (!descendsFrom(parentOf, it.key(), self))
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(it.key()));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll() == wanted)
            pids.append(it.key());
    }
    return pids;
}

// The real (host) uid of a process, from /proc/<pid>/status.
inline int hostUidOf(int pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("Uid:"))
            return line.mid(4).trimmed().split('\t').value(0).toInt();
    }
    return -1;
}

// Number of host processes descended from a pid (children, grandchildren, ...).
inline int hostDescendantCount(int ancestor)
{
    const QHash<int, int> parentOf = hostParents();
    int n = 0;
    for (auto it = parentOf.cbegin(); it != parentOf.cend(); ++it)
        n += descendsFrom(parentOf, it.key(), ancestor) ? 1 : 0;
    return n;
}
