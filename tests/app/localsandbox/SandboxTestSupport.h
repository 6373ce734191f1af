// Helpers shared by the sandbox tests: waiting for a request object's finished(result), and
// looking at host processes the way a user would with ps.
#pragma once

#include "sandbox/DaytonaCall.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSignalSpy>
#include <QTest>

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
