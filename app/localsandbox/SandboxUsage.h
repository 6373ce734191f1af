// The memory and CPU each local sandbox's processes use now, for the sandbox list: sampled
// every few seconds while commands run, from the host's /proc (resident memory and CPU time
// of each command's bwrap and everything below it, whatever pid namespace they are in). The
// /proc walk runs on a worker thread; the numbers come back to the server's thread.
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

class LocalSandboxServer;

struct SandboxUsageSample
{
    qint64 memoryBytes = 0; // resident set of all its processes
    double cpuCores = 0; // CPU time per wall time since the previous sample
};

class SandboxUsage final : public QObject
{
    Q_OBJECT
public:
    SandboxUsage(LocalSandboxServer *server, int sampleMs);
    ~SandboxUsage() override;

    // The last sample of a sandbox; zeros when none of its commands runs.
    SandboxUsageSample sample(const QString &sandboxId) const;
    // A command started: sampling begins (it stops by itself when nothing runs).
    void wake();

    struct Totals
    {
        qint64 rssBytes = 0;
        qint64 cpuTicks = 0; // utime + stime, in clock ticks
    };
    // Sums the processes rooted at these pids (and their descendants). Safe on any thread.
    static QHash<QString, Totals> measure(const QHash<QString, QList<qint64>> &roots);

private:
    void sampleNow();
    void onMeasured(const QHash<QString, Totals> &totals, qint64 atMs);

    LocalSandboxServer *m_server;
    QThreadPool m_pool;
    QTimer m_timer;
    bool m_measuring = false;
    QHash<QString, SandboxUsageSample> m_samples;
    QHash<QString, Totals> m_previous;
    qint64 m_previousAtMs = 0;
};
