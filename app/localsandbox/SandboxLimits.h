// The resource limits of local sandboxes (issue 14 items 1-3): the cpu, memory and disk a
// create request asks for (Daytona's fields, in cores and GiB), clamped to the server's
// maximum; what each command runs with (RLIMIT_DATA or a cgroup v2 memory.max, cpu.max,
// RLIMIT_FSIZE = what is left of the disk); and the disk watch: a home's usage is measured on a
// worker thread after every command and upload and every few seconds while commands run, and a
// command that takes the home past its limit is stopped.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

class LocalSandboxServer;
struct LocalSandboxRecord;
struct SandboxRunSpec;

struct SandboxLimitOptions
{
    double defaultCpus = 0; // cores; 0 = this machine's cores (also the maximum)
    double defaultMemoryGiB = 4;
    double maxMemoryGiB = 16;
    double defaultDiskGiB = 10;
    double maxDiskGiB = 100;
    int diskCheckMs = 2000; // how often a running sandbox's home is measured
};

class SandboxLimits final : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kGiB = 1ll << 30;
    static constexpr qint64 kMaxFileBytes = 512ll << 20; // one file, even with room to spare

    SandboxLimits(LocalSandboxServer *server, const SandboxLimitOptions &options);
    ~SandboxLimits() override;

    // Reads cpu/memory/disk of a create body into the record (defaults for absent ones).
    // False with a message for a value that is not a positive number.
    bool applyCreate(const QJsonObject &body, LocalSandboxRecord *record, QString *error) const;
    // A record saved before limits existed gets the defaults; every record is measured.
    void adopt(LocalSandboxRecord *record);
    // Fills the spec's memory, file size and cgroup for one command, and its output note
    // when the disk is full.
    void prepare(const LocalSandboxRecord &record, SandboxRunSpec *spec);
    // A session command started: the disk watch runs while it does (sessions are not in
    // runningCount; hasLiveProcesses tells).
    void watchRunning();
    // The command ended: its cgroup goes, the home is measured again.
    void finished(const QString &sandboxId, const QString &cgroupDir);
    // Empty when `bytes` more fit in the sandbox's disk; otherwise the message to answer with.
    QString checkWrite(const LocalSandboxRecord &record, qint64 bytes) const;
    // Measures the home again (a file was written or deleted).
    void measure(const QString &sandboxId);

    static QString gib(qint64 bytes);

private:
    void onMeasured(const QString &sandboxId, qint64 bytes, quint64 walkSerial);
    void checkRunning();
    qint64 diskBytes(const LocalSandboxRecord &record) const;

    LocalSandboxServer *m_server;
    SandboxLimitOptions m_options;
    QThreadPool m_pool; // measurements; waited for before this object goes
    QSet<QString> m_measuring;
    QSet<QString> m_again; // measure once more when the running measurement ends
    QTimer m_watch;
    quint64 m_serial = 0; // counts commands started
    // By sandbox: m_serial when its latest command started, and when the walk behind its last
    // measurement began. Growth since a measurement that is older than a command is not laid
    // at that command's door (it may be the one deleting files).
    QHash<QString, quint64> m_lastStart;
    QHash<QString, quint64> m_measuredAt;
};
