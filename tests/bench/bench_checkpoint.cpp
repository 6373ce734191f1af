// Benchmark of the checkpoint engine on a real local sandbox (prints numbers, asserts nothing
// about time): a home of 10,000 files and 100 MB; the first full capture; a capture after one
// file changed (goal < 100 ms, storing roughly the changed bytes), median of several; the diff
// of 1,000 changed files; a restore of one file.
#include "../app/checkpoint/CheckpointTestSupport.h"
#include "checkpoint/HomeManifest.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n == 0 ? 0 : (n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
}

// 10 kB of text-like bytes that differ per file (so nothing deduplicates by accident).
QByteArray fileContent(int index, int version)
{
    QByteArray out;
    out.reserve(10000);
    QRandomGenerator rng(quint32(index * 7919 + version));
    static const char words[][8]
        = {"def ", "return ", "x = ", "if ", "else:", "for ", "in ", "pass", "(y)", "# note"};
    while (out.size() < 10000) {
        out.append(words[rng.bounded(10)]);
        if (rng.bounded(8) == 0)
            out.append('\n');
    }
    out.truncate(10000);
    return out;
}

// CPU time of this process (the engine and the local server in it, all threads), in ms: on a
// machine shared with other work the wall time says more about the others.
double cpuMs()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

bool writeHostFile(const QString &path, const QByteArray &data, int uid, int gid)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size())
        return false;
    f.close();
    if (uid >= 0)
        (void)::chown(QFile::encodeName(path).constData(), uid_t(uid), gid_t(gid));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("studio.localsandbox.info=false"));
    QTextStream out(stdout);
    QTemporaryDir dir;
    LocalSandboxOptions options;
    options.dataDir = dir.path() + QStringLiteral("/data");
    std::unique_ptr<LocalSandboxServer> server;
    std::unique_ptr<DaytonaClient> client;
    const QString problem = startTestSandboxServer(dir.path(), options, server, client);
    if (!problem.isEmpty()) {
        out << "bench_checkpoint: " << problem << '\n';
        return 1;
    }
    const DaytonaResult created = awaitResult(client->createAndWait(CreateSandboxParams()));
    if (!created.ok()) {
        out << "create failed: " << created.error.message << '\n';
        return 1;
    }
    const Sandbox sb = created.sandbox;
    CheckpointEngine engine(dir.path() + QStringLiteral("/checkpoints"));
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("local"), sb.id);

    // The home, written on the host side (setup, not measured): 100 folders of 100 files.
    const QString home = server->registry().homeDir(sb.id);
    const int uid = server->runAsUid() >= 0 && ::geteuid() == 0 ? server->runAsUid() : -1;
    const int gid = server->runAsGid();
    constexpr int kFiles = 10000;
    auto filePath = [&](int i) {
        return QStringLiteral("%1/pkg%2/module%3.py").arg(home).arg(i / 100).arg(i % 100);
    };
    for (int d = 0; d < 100; ++d) {
        const QString folder = QStringLiteral("%1/pkg%2").arg(home).arg(d);
        QDir().mkpath(folder);
        if (uid >= 0)
            (void)::chown(QFile::encodeName(folder).constData(), uid_t(uid), gid_t(gid));
    }
    for (int i = 0; i < kFiles; ++i) {
        if (!writeHostFile(filePath(i), fileContent(i, 0), uid, gid)) {
            out << "could not write " << filePath(i) << '\n';
            return 1;
        }
    }
    QThread::msleep(200); // setup only: past the racy window of the files just written
    {
        QElapsedTimer t;
        t.start();
        QString walkError;
        const QByteArray listing = HomeManifest::walk(home, &walkError);
        const double walkMs = t.nsecsElapsed() / 1e6;
        t.restart();
        HomeManifest manifest;
        HomeManifest::parse(listing, &manifest, &walkError);
        out << "manifest of the home: walk " << walkMs << " ms, parse " << t.nsecsElapsed() / 1e6
            << " ms, " << listing.size() / 1024 << " KiB, " << manifest.entries.size()
            << " entries\n";
        QList<double> times;
        qint64 size = 0;
        for (int i = 0; i < 5; ++i) {
            t.restart();
            const DaytonaResult r = awaitResult(client->homeManifest(sb));
            times.append(t.nsecsElapsed() / 1e6);
            size = r.body.size();
        }
        out << "manifest through the local server: median " << median(times) << " ms, "
            << size / 1024 << " KiB\n";
    }

    CaptureResult full = awaitFuture(engine.capture(client.get(), sb, key), 600000);
    if (!full.ok()) {
        out << "first capture failed: " << full.error << '\n';
        return 1;
    }
    out << "home: " << kFiles << " files, " << (kFiles * 10000) / 1000000 << " MB\n";
    out << "first full capture: " << full.elapsedMs << " ms, " << full.filesFetched
        << " files fetched, " << full.bytesStored / 1024 << " KiB stored\n";
    out.flush();
    // Once more with nothing changed: every file that was racy the first time is now trusted.
    QThread::msleep(200);
    const CaptureResult settle = awaitFuture(engine.capture(client.get(), sb, key));
    out << "capture, nothing changed: " << settle.elapsedMs << " ms, " << settle.filesFetched
        << " files fetched\n";

    QList<double> oneChanged;
    QList<double> oneChangedCpu;
    QList<double> stored;
    qint64 fetched = 0;
    for (int round = 1; round <= 9; ++round) {
        const int index = round * 997 % kFiles;
        writeHostFile(filePath(index), fileContent(index, round), uid, gid);
        QElapsedTimer t;
        t.start();
        const double cpuBefore = cpuMs();
        const CaptureResult r = awaitFuture(engine.capture(client.get(), sb, key));
        oneChanged.append(t.nsecsElapsed() / 1e6);
        oneChangedCpu.append(cpuMs() - cpuBefore);
        if (!r.ok()) {
            out << "capture failed: " << r.error << '\n';
            return 1;
        }
        stored.append(double(r.bytesStored));
        fetched += r.filesFetched;
    }
    out << "capture, one 10 kB file changed: median " << median(oneChanged)
        << " ms (goal < 100 ms; CPU time of app and local server together " << median(oneChangedCpu)
        << " ms), stored median " << median(stored) / 1024
        << " KiB on disk (changed: 9.8 KiB), files fetched per capture "
        << double(fetched) / oneChanged.size() << '\n';
    out.flush();

    // 1,000 files changed: capture, then diff with line counts, and with hunks.
    const CaptureResult before = awaitFuture(engine.capture(client.get(), sb, key));
    for (int i = 0; i < 1000; ++i)
        writeHostFile(filePath(i * 10), fileContent(i * 10, 100), uid, gid);
    QElapsedTimer t;
    t.start();
    const CaptureResult after = awaitFuture(engine.capture(client.get(), sb, key));
    const double captureThousand = t.nsecsElapsed() / 1e6;
    QList<double> diffCounts;
    QList<double> diffHunks;
    ChangeSet set;
    for (int round = 0; round < 3; ++round) {
        t.restart();
        set = awaitFuture(engine.diff(key, before.treeId, after.treeId));
        diffCounts.append(t.nsecsElapsed() / 1e6);
        DiffOptions hunks;
        hunks.hunks = true;
        t.restart();
        awaitFuture(engine.diff(key, before.treeId, after.treeId, hunks));
        diffHunks.append(t.nsecsElapsed() / 1e6);
    }
    out << "capture, 1,000 files changed: " << captureThousand << " ms, "
        << after.bytesStored / 1024 << " KiB stored\n";
    out << "diff of 1,000 changed files: " << set.files.size() << " files, +" << set.additions
        << " -" << set.deletions << " lines; median " << median(diffCounts)
        << " ms with line counts, " << median(diffHunks) << " ms with hunks\n";

    // Restore one file back.
    writeHostFile(filePath(5), QByteArray("broken\n"), uid, gid);
    t.restart();
    const RestoreResult restored = awaitFuture(engine.restore(client.get(), sb, key, after.treeId));
    out << "restore after one file changed: " << t.nsecsElapsed() / 1e6 << " ms, "
        << restored.filesWritten << " file written " << restored.error << '\n';

    const StorageUsage usage = awaitFuture(engine.usage());
    out << "repository on disk: " << usage.totalBytes / (1024 * 1024) << " MiB\n";
    t.restart();
    const CompactResult compacted = awaitFuture(engine.compact(key, {after.treeId}), 600000);
    out << "compact to the last checkpoint: " << t.nsecsElapsed() / 1e6 << " ms, "
        << compacted.bytesBefore / (1024 * 1024) << " -> " << compacted.bytesAfter / (1024 * 1024)
        << " MiB " << compacted.error << '\n';
    out.flush();
    t.restart();
    const CompactResult packed = awaitFuture(engine.compact(key, {after.treeId}, true), 900000);
    out << "repack of that checkpoint: " << t.nsecsElapsed() / 1e6 << " ms, "
        << packed.bytesBefore / (1024 * 1024) << " -> " << packed.bytesAfter / (1024 * 1024)
        << " MiB " << packed.error << '\n';
    return 0;
}
