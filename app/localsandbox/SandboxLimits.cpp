// SandboxLimits: create fields, per-command limits and the disk watch.
#include "localsandbox/SandboxLimits.h"

#include "core/Logging.h"
#include "localsandbox/DiskUsage.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxCgroup.h"
#include "localsandbox/SandboxProcess.h"

#include <QCoreApplication>
#include <QThread>

#include <cmath>
#include <unistd.h>

namespace {

// Fractions are allowed (tests use MiB-sized limits); these are the smallest that still run.
constexpr double kMinMemoryGiB = 1.0 / 16;
constexpr double kMinDiskGiB = 1.0 / 1024;

double hostCpus()
{
    return double(qMax(1, QThread::idealThreadCount()));
}

} // namespace

SandboxLimits::SandboxLimits(LocalSandboxServer *server, const SandboxLimitOptions &options)
    : QObject(server)
    , m_server(server)
    , m_options(options)
{
    m_pool.setMaxThreadCount(1);
    m_watch.setInterval(qMax(50, options.diskCheckMs));
    connect(&m_watch, &QTimer::timeout, this, &SandboxLimits::checkRunning);
}

SandboxLimits::~SandboxLimits()
{
    m_pool.waitForDone(); // its results are posted to this object
}

QString SandboxLimits::gib(qint64 bytes)
{
    if (bytes < kGiB)
        return QStringLiteral("%1 MiB").arg(double(bytes) / (1 << 20), 0, 'f', 1);
    return QStringLiteral("%1 GiB").arg(double(bytes) / kGiB, 0, 'f', 2);
}

bool SandboxLimits::applyCreate(const QJsonObject &body, LocalSandboxRecord *record,
                                QString *error) const
{
    const double cpus = m_options.defaultCpus > 0 ? m_options.defaultCpus : hostCpus();
    struct Field
    {
        const char *name;
        double fallback;
        double minimum;
        double maximum;
        double *into;
    };
    const Field fields[] = {
        {"cpu", cpus, 0.1, hostCpus(), &record->sandbox.cpu},
        {"memory", m_options.defaultMemoryGiB, kMinMemoryGiB, m_options.maxMemoryGiB,
         &record->sandbox.memory},
        {"disk", m_options.defaultDiskGiB, kMinDiskGiB, m_options.maxDiskGiB,
         &record->sandbox.disk},
    };
    for (const Field &f : fields) {
        const QJsonValue v = body.value(QLatin1String(f.name));
        if (v.isUndefined() || v.isNull()) {
            *f.into = qMin(f.fallback, f.maximum);
            continue;
        }
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() <= 0) {
            *error = QStringLiteral("%1 must be a positive number (%2, at most %3 here)")
                         .arg(QLatin1String(f.name),
                              QLatin1String(qstrcmp(f.name, "cpu") == 0 ? "cores" : "GiB"))
                         .arg(f.maximum);
            return false;
        }
        *f.into = qBound(f.minimum, v.toDouble(), f.maximum); // the server's maximum wins
    }
    record->sandbox.diskUsageBytes = 0;
    return true;
}

void SandboxLimits::adopt(LocalSandboxRecord *record)
{
    Sandbox &s = record->sandbox;
    if (!record->limits) { // saved before limits: the placeholders 1/1/3 meant nothing
        s.cpu = m_options.defaultCpus > 0 ? m_options.defaultCpus : hostCpus();
        s.memory = m_options.defaultMemoryGiB;
        s.disk = m_options.defaultDiskGiB;
        record->limits = true;
    }
    measure(s.id);
}

qint64 SandboxLimits::diskBytes(const LocalSandboxRecord &record) const
{
    return qint64(record.sandbox.disk * double(kGiB));
}

void SandboxLimits::prepare(const LocalSandboxRecord &record, SandboxRunSpec *spec)
{
    const Sandbox &s = record.sandbox;
    const qint64 memory = qint64(s.memory * double(kGiB));
    const qint64 disk = diskBytes(record);
    // Unknown usage (just adopted, not measured yet): one file may still not exceed the disk.
    const qint64 used = qMax<qint64>(0, s.diskUsageBytes);
    const qint64 left = qMax<qint64>(0, disk - used);
    spec->fileSizeBytes = qMin(kMaxFileBytes, left);
    if (left == 0)
        spec->outputNote
            = QStringLiteral("[disk full: the sandbox uses %1 of its %2 disk, so writing files "
                             "fails (\"File size limit exceeded\") until files are deleted]")
                  .arg(gib(used), gib(disk));
    spec->cgroupDir
        = SandboxCgroup::create(QStringLiteral("sandbox-%1-%2").arg(s.id).arg(++m_serial), memory,
                                s.cpu < hostCpus() ? s.cpu : 0);
    m_lastStart.insert(s.id, m_serial);
    // Without a cgroup, every process gets the memory limit on its own (RLIMIT_DATA); with
    // one, the cgroup counts them together, tmpfs pages included.
    spec->memoryBytes = spec->cgroupDir.isEmpty() ? memory : 0;
    if (!m_watch.isActive())
        m_watch.start();
}

void SandboxLimits::watchRunning()
{
    if (!m_watch.isActive())
        m_watch.start();
}

void SandboxLimits::finished(const QString &sandboxId, const QString &cgroupDir)
{
    SandboxCgroup::remove(cgroupDir);
    measure(sandboxId);
}

QString SandboxLimits::checkWrite(const LocalSandboxRecord &record, qint64 bytes) const
{
    const qint64 disk = diskBytes(record);
    const qint64 used = qMax<qint64>(0, record.sandbox.diskUsageBytes);
    if (used + bytes <= disk)
        return QString();
    return QStringLiteral("insufficient storage: the sandbox's disk limit is %1 and %2 is used, "
                          "so %3 more do not fit. Delete files in the sandbox, or create a "
                          "sandbox with a larger disk.")
        .arg(gib(disk), gib(used), gib(bytes));
}

void SandboxLimits::measure(const QString &sandboxId)
{
    if (m_measuring.contains(sandboxId)) {
        m_again.insert(sandboxId);
        return;
    }
    m_measuring.insert(sandboxId);
    const QString home = m_server->registry().homeDir(sandboxId);
    // The walk runs off the GUI thread; its result comes back as a queued call.
    m_pool.start([this, sandboxId, home, serial = m_serial] {
        const qint64 bytes = DiskUsage::measure(home);
        QMetaObject::invokeMethod(
            this, [this, sandboxId, bytes, serial] { onMeasured(sandboxId, bytes, serial); },
            Qt::QueuedConnection);
    });
}

void SandboxLimits::onMeasured(const QString &sandboxId, qint64 bytes, quint64 walkSerial)
{
    m_measuring.remove(sandboxId);
    LocalSandboxRecord *record = m_server->registry().find(sandboxId);
    if (record && record->sandbox.id == sandboxId && bytes >= 0) {
        const qint64 before = record->sandbox.diskUsageBytes;
        // The files may have grown before the latest command started (the previous command's
        // last writes, measured late): then only the next walk can tell whether they still do.
        const bool beforeIsRecent = m_measuredAt.value(sandboxId) >= m_lastStart.value(sandboxId);
        record->sandbox.diskUsageBytes = bytes;
        m_measuredAt.insert(sandboxId, walkSerial);
        const qint64 disk = diskBytes(*record);
        // Over the limit and still growing: a command that deletes files is left alone.
        if (bytes > disk && bytes > before && beforeIsRecent
            && (m_server->runningCount(sandboxId) > 0 || m_server->hasLiveProcesses(sandboxId))) {
            const QString reason
                = QStringLiteral("the sandbox's files take %1, more than its %2 disk limit; "
                                 "delete files to go on")
                      .arg(gib(bytes), gib(disk));
            qCInfo(lcLocalSandbox) << "stopping commands in" << sandboxId << ":" << reason;
            m_server->stopCommands(sandboxId, reason);
        }
    }
    if (m_again.remove(sandboxId))
        measure(sandboxId);
}

void SandboxLimits::checkRunning()
{
    bool any = false;
    for (const LocalSandboxRecord &r : m_server->registry().all()) {
        if (m_server->runningCount(r.sandbox.id) > 0 || m_server->hasLiveProcesses(r.sandbox.id)) {
            any = true;
            measure(r.sandbox.id);
        }
    }
    if (!any)
        m_watch.stop();
}
