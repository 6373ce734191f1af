// SandboxUsage: one pass over /proc builds the parent -> children map, then each sandbox's
// command trees are summed. CPU is the difference of CPU time between two samples.
#include "localsandbox/SandboxUsage.h"

#include "localsandbox/LocalSandboxServer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMultiHash>
#include <QSet>

#include <unistd.h>

namespace {

struct ProcStat
{
    qint64 ppid = 0;
    qint64 ticks = 0;
    qint64 rssPages = 0;
};

bool readStat(qint64 pid, ProcStat *out)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = file.readAll();
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return false;
    const QList<QByteArray> f = line.mid(close + 2).split(' ');
    // f[0] = state (field 3), so field N is f[N - 3].
    if (f.size() < 22)
        return false;
    out->ppid = f[1].toLongLong();
    out->ticks = f[11].toLongLong() + f[12].toLongLong();
    out->rssPages = f[21].toLongLong();
    return true;
}

} // namespace

SandboxUsage::SandboxUsage(LocalSandboxServer *server, int sampleMs)
    : QObject(server)
    , m_server(server)
{
    m_pool.setMaxThreadCount(1);
    m_timer.setInterval(qMax(50, sampleMs));
    connect(&m_timer, &QTimer::timeout, this, &SandboxUsage::sampleNow);
}

SandboxUsage::~SandboxUsage()
{
    m_pool.waitForDone();
}

SandboxUsageSample SandboxUsage::sample(const QString &sandboxId) const
{
    return m_samples.value(sandboxId);
}

void SandboxUsage::wake()
{
    if (!m_timer.isActive()) {
        m_timer.start();
        sampleNow();
    }
}

void SandboxUsage::sampleNow()
{
    if (m_measuring)
        return;
    QHash<QString, QList<qint64>> roots;
    bool running = false;
    for (const LocalSandboxRecord &r : m_server->registry().all()) {
        const QList<qint64> pids = m_server->processIds(r.sandbox.id);
        running = running || m_server->runningCount(r.sandbox.id) > 0 || !pids.isEmpty();
        if (!pids.isEmpty())
            roots.insert(r.sandbox.id, pids);
    }
    if (!running) {
        m_timer.stop();
        m_samples.clear();
        m_previous.clear();
        return;
    }
    if (roots.isEmpty())
        return; // started, not yet launched (no pid): the next tick
    m_measuring = true;
    m_pool.start([this, roots] {
        const QHash<QString, Totals> totals = measure(roots);
        const qint64 at = QDateTime::currentMSecsSinceEpoch();
        QMetaObject::invokeMethod(
            this, [this, totals, at] { onMeasured(totals, at); }, Qt::QueuedConnection);
    });
}

void SandboxUsage::onMeasured(const QHash<QString, Totals> &totals, qint64 atMs)
{
    m_measuring = false;
    static const double ticksPerSecond = double(::sysconf(_SC_CLK_TCK));
    const double seconds = m_previousAtMs > 0 ? double(atMs - m_previousAtMs) / 1000.0 : 0;
    QHash<QString, SandboxUsageSample> samples;
    for (auto it = totals.cbegin(); it != totals.cend(); ++it) {
        SandboxUsageSample s;
        s.memoryBytes = it->rssBytes;
        const auto before = m_previous.constFind(it.key());
        if (seconds > 0 && before != m_previous.cend() && it->cpuTicks >= before->cpuTicks)
            s.cpuCores = double(it->cpuTicks - before->cpuTicks) / ticksPerSecond / seconds;
        samples.insert(it.key(), s);
    }
    m_samples = samples;
    m_previous = totals;
    m_previousAtMs = atMs;
}

QHash<QString, SandboxUsage::Totals>
SandboxUsage::measure(const QHash<QString, QList<qint64>> &roots)
{
    QHash<qint64, ProcStat> stats;
    QMultiHash<qint64, qint64> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &name : entries) {
        bool ok = false;
        const qint64 pid = name.toLongLong(&ok);
        ProcStat st;
        if (!ok || !readStat(pid, &st))
            continue;
        stats.insert(pid, st);
        children.insert(st.ppid, pid);
    }
    static const qint64 pageSize = ::sysconf(_SC_PAGESIZE);
    QHash<QString, Totals> result;
    for (auto it = roots.cbegin(); it != roots.cend(); ++it) {
        Totals totals;
        QSet<qint64> seen;
        QList<qint64> queue = it.value();
        while (!queue.isEmpty()) {
            const qint64 pid = queue.takeLast();
            if (seen.contains(pid) || !stats.contains(pid))
                continue;
            seen.insert(pid);
            const ProcStat &st = stats[pid];
            totals.rssBytes += st.rssPages * pageSize;
            totals.cpuTicks += st.ticks;
            for (auto c = children.constFind(pid); c != children.cend() && c.key() == pid; ++c)
                queue.append(c.value());
        }
        result.insert(it.key(), totals);
    }
    return result;
}
