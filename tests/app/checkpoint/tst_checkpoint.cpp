// The checkpoint engine against real local sandboxes: capture, change, capture, diff; restore
// back and forward; patch and archive export checked with the real git and tar; storage and
// compaction. Each flow runs twice: through the local server's manifest route and through the
// find command that Daytona sandboxes use ("Daytona-shaped").
#include "../../faults/FaultyDaytonaServer.h"
#include "CheckpointTestSupport.h"

#include <QProcess>
#include <QTemporaryDir>

class TestCheckpoint final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void captureChangeCaptureDiff_data();
    void captureChangeCaptureDiff();
    void restoreBackAndForward_data();
    void restoreBackAndForward();
    void restoreOnlyTheGivenPaths();
    void patchAppliesWithGitAndArchiveHasTheChangedFiles();
    void storageIsMeasuredAndCompacted();
    void badInputsGiveClearErrors();
    void daytonaShapedServerWithoutTheRoute();

private:
    Sandbox create(const QString &name);
    void useSource(const QString &source);
    CaptureResult capture(const Sandbox &sandbox, const QString &key);
    QByteArray download(const Sandbox &sandbox, const QString &path);

    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    std::unique_ptr<CheckpointEngine> m_engine;
};

void TestCheckpoint::initTestCase()
{
    QVERIFY(m_dir.isValid());
    LocalSandboxOptions options;
    options.dataDir = m_dir.path() + QStringLiteral("/data");
    const QString problem = startTestSandboxServer(m_dir.path(), options, m_server, m_client);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_engine = std::make_unique<CheckpointEngine>(m_dir.path() + QStringLiteral("/checkpoints"));
}

void TestCheckpoint::cleanupTestCase()
{
    m_engine.reset();
    m_client.reset();
    m_server.reset();
}

Sandbox TestCheckpoint::create(const QString &name)
{
    CreateSandboxParams params;
    params.name = name;
    const DaytonaResult r = awaitResult(m_client->createAndWait(params));
    [&] { QVERIFY2(r.ok(), qPrintable(r.error.message)); }();
    return r.sandbox;
}

void TestCheckpoint::useSource(const QString &source)
{
    m_engine->setManifestSource(source == QLatin1String("find")
                                    ? CheckpointEngine::ManifestSource::Find
                                    : CheckpointEngine::ManifestSource::Auto);
}

CaptureResult TestCheckpoint::capture(const Sandbox &sandbox, const QString &key)
{
    const CaptureResult r = awaitFuture(m_engine->capture(m_client.get(), sandbox, key));
    qInfo("tried: capture of %s (%s), result: tree %s, %lld scanned, %lld fetched, %lld bytes "
          "stored, %lld ms, skipped [%s] %s",
          qPrintable(sandbox.name), qPrintable(r.manifestSource), qPrintable(r.treeId.left(10)),
          r.filesScanned, r.filesFetched, r.bytesStored, r.elapsedMs,
          qPrintable(skippedText(r.skipped)), qPrintable(r.error));
    return r;
}

QByteArray TestCheckpoint::download(const Sandbox &sandbox, const QString &path)
{
    const DaytonaResult r = awaitResult(m_client->downloadFile(sandbox, path));
    return r.ok() ? r.body : QByteArray("<missing: ") + r.error.message.toUtf8() + '>';
}

void TestCheckpoint::captureChangeCaptureDiff_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("route") << QStringLiteral("route");
    QTest::newRow("find") << QStringLiteral("find");
}

void TestCheckpoint::captureChangeCaptureDiff()
{
    QFETCH(QString, source);
    useSource(source);
    const Sandbox sb = create(QStringLiteral("diff-") + source);
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("local"), sb.id);
    ExecResult setup = runIn(
        m_client.get(), sb,
        QStringLiteral("mkdir -p src empty && printf 'def f(x):\\n    return x\\n' > src/a.py && "
                       "printf 'bye\\n' > b.txt && printf '#!/bin/sh\\necho hi\\n' > run.sh && "
                       "chmod +x run.sh && ln -s src/a.py link && printf 'x\\0y' > blob.bin && "
                       "printf 'was a file\\n' > kind"));
    QCOMPARE(setup.exitCode, 0);
    passRacyWindow();
    const CaptureResult first = capture(sb, key);
    QVERIFY2(first.ok(), qPrintable(first.error));
    QCOMPARE(first.manifestSource, source);
    QVERIFY(first.skipped.isEmpty());
    QCOMPARE(first.filesFetched,
             5); // a.py, b.txt, run.sh, blob.bin, kind (the link is not fetched)
    QVERIFY(first.filesScanned >= 8);

    // Nothing changed: the same checkpoint, nothing downloaded again.
    const CaptureResult same = capture(sb, key);
    QCOMPARE(same.treeId, first.treeId);
    QCOMPARE(same.filesFetched, 0);

    setup = runIn(m_client.get(), sb,
                  QStringLiteral("printf 'def f(x):\\n    if x is None:\\n        return 0\\n    "
                                 "return x\\n' > src/a.py && rm b.txt && printf 'new\\n' > "
                                 "new.txt && chmod -x run.sh && ln -sfn b.txt link && rm kind && "
                                 "ln -s src kind && printf 'x\\0z' > blob.bin"));
    QCOMPARE(setup.exitCode, 0);
    passRacyWindow();
    const CaptureResult second = capture(sb, key);
    QVERIFY2(second.ok(), qPrintable(second.error));
    QVERIFY(second.treeId != first.treeId);
    // a.py, new.txt, blob.bin, run.sh (its mode): the rest came from the stat cache.
    QCOMPARE(second.filesFetched, 4);

    DiffOptions options;
    options.hunks = true;
    const ChangeSet set = awaitFuture(m_engine->diff(key, first.treeId, second.treeId, options));
    QVERIFY2(set.ok(), qPrintable(set.error));
    QStringList shown;
    for (const FileChange &f : set.files)
        shown.append(QStringLiteral("%1 %2 +%3 -%4")
                         .arg(f.displayPath())
                         .arg(int(f.kind))
                         .arg(f.additions)
                         .arg(f.deletions));
    qInfo("tried: diff of the two checkpoints, result: %s in %lld ms",
          qPrintable(shown.join(QStringLiteral("; "))), set.elapsedMs);
    QCOMPARE(set.added, 1);
    QCOMPARE(set.deleted, 1);
    QCOMPARE(set.typeChanged, 1);
    QCOMPARE(set.modified, 4); // a.py, run.sh (mode), link (target), blob.bin
    const FileChange *a = changeFor(set, "src/a.py");
    QVERIFY(a);
    QCOMPARE(a->kind, FileChange::Kind::Modified);
    QCOMPARE(a->additions, 2);
    QCOMPARE(a->deletions, 0);
    QCOMPARE(a->hunks.size(), 1);
    const DiffLine &added = a->hunks[0].lines[1];
    QCOMPARE(added.origin, '+');
    QCOMPARE(added.newLine, 2);
    QCOMPARE(added.text, QByteArray("    if x is None:"));
    const FileChange *run = changeFor(set, "run.sh");
    QVERIFY(run && run->modeChanged());
    QCOMPARE(run->oldType, EntryType::Executable);
    QCOMPARE(run->newType, EntryType::File);
    const FileChange *link = changeFor(set, "link");
    QVERIFY(link);
    QCOMPARE(link->oldLinkTarget, QByteArray("src/a.py"));
    QCOMPARE(link->newLinkTarget, QByteArray("b.txt"));
    const FileChange *kind = changeFor(set, "kind");
    QVERIFY(kind);
    QCOMPARE(kind->kind, FileChange::Kind::TypeChanged);
    QCOMPARE(kind->newType, EntryType::Symlink);
    const FileChange *blob = changeFor(set, "blob.bin");
    QVERIFY(blob && blob->binary);
    QCOMPARE(blob->newSize, 3);
    QCOMPARE(changeFor(set, "b.txt")->kind, FileChange::Kind::Deleted);
    QCOMPARE(changeFor(set, "new.txt")->kind, FileChange::Kind::Added);

    // One file at a checkpoint, and a path that was not there.
    const FileAtTree before = awaitFuture(m_engine->fileAt(key, first.treeId, "src/a.py"));
    QCOMPARE(before.content, QByteArray("def f(x):\n    return x\n"));
    QCOMPARE(before.type, EntryType::File);
    QVERIFY(!awaitFuture(m_engine->fileAt(key, first.treeId, "new.txt")).exists());
    // From "nothing": everything is added.
    const ChangeSet all = awaitFuture(m_engine->diff(key, QString(), first.treeId));
    QCOMPARE(all.added, 6);
}

void TestCheckpoint::restoreBackAndForward_data()
{
    captureChangeCaptureDiff_data();
}

void TestCheckpoint::restoreBackAndForward()
{
    QFETCH(QString, source);
    useSource(source);
    const Sandbox sb = create(QStringLiteral("restore-") + source);
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("local"), sb.id);
    QCOMPARE(runIn(m_client.get(), sb,
                   QStringLiteral("mkdir -p src/deep && printf 'good\\n' > src/a.py && printf "
                                  "'keep\\n' > src/deep/k.txt && printf '#!/bin/sh\\n' > run.sh "
                                  "&& chmod +x run.sh && ln -s src/a.py link"))
                 .exitCode,
             0);
    const CaptureResult good = capture(sb, key);
    QVERIFY2(good.ok(), qPrintable(good.error));
    QCOMPARE(runIn(m_client.get(), sb,
                   QStringLiteral("printf 'bad\\n' > src/a.py && rm -r src/deep && mkdir junk && "
                                  "printf 'x' > junk/j && chmod -x run.sh && rm link && printf "
                                  "'not a link' > link"))
                 .exitCode,
             0);
    const CaptureResult bad = capture(sb, key);
    QVERIFY(bad.ok() && bad.treeId != good.treeId);

    const RestoreResult back = awaitFuture(m_engine->restore(m_client.get(), sb, key, good.treeId));
    qInfo("tried: restore to the good checkpoint, result: %lld written, %lld deleted, %lld "
          "folders, %lld links, %lld modes in %lld ms; not restored [%s] %s",
          back.filesWritten, back.entriesDeleted, back.foldersCreated, back.linksCreated,
          back.modesChanged, back.elapsedMs, qPrintable(skippedText(back.notRestored)),
          qPrintable(back.error));
    QVERIFY2(back.ok(), qPrintable(back.error));
    QVERIFY(back.notRestored.isEmpty());
    QCOMPARE(download(sb, QStringLiteral("/home/daytona/src/a.py")), QByteArray("good\n"));
    QCOMPARE(download(sb, QStringLiteral("/home/daytona/src/deep/k.txt")), QByteArray("keep\n"));
    const ExecResult look
        = runIn(m_client.get(), sb, QStringLiteral("test -x run.sh && readlink link && ls"));
    QCOMPARE(look.exitCode, 0);
    QVERIFY2(look.result.startsWith(QLatin1String("src/a.py\n")), qPrintable(look.result));
    QVERIFY(!look.result.contains(QLatin1String("junk")));
    // The home now is the good checkpoint, exactly.
    passRacyWindow();
    QCOMPARE(capture(sb, key).treeId, good.treeId);
    // Again: nothing left to do.
    const RestoreResult again
        = awaitFuture(m_engine->restore(m_client.get(), sb, key, good.treeId));
    QVERIFY(again.ok());
    QCOMPARE(again.filesWritten + again.entriesDeleted + again.linksCreated + again.modesChanged,
             0);
    // And forward to the bad one.
    const RestoreResult forward
        = awaitFuture(m_engine->restore(m_client.get(), sb, key, bad.treeId));
    QVERIFY2(forward.ok(), qPrintable(forward.error));
    QCOMPARE(capture(sb, key).treeId, bad.treeId);
}

void TestCheckpoint::restoreOnlyTheGivenPaths()
{
    useSource(QStringLiteral("route"));
    const Sandbox sb = create(QStringLiteral("restore-paths"));
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("local"), sb.id);
    QCOMPARE(
        runIn(m_client.get(), sb, QStringLiteral("mkdir d && printf 1 > d/one && printf 2 > two"))
            .exitCode,
        0);
    const CaptureResult before = capture(sb, key);
    QVERIFY(before.ok());
    QCOMPARE(runIn(m_client.get(), sb,
                   QStringLiteral("printf X > d/one && printf X > two && printf 3 > d/three"))
                 .exitCode,
             0);
    const RestoreResult r
        = awaitFuture(m_engine->restore(m_client.get(), sb, key, before.treeId, {QByteArray("d")}));
    QVERIFY2(r.ok(), qPrintable(r.error));
    qInfo("tried: restore of d only, result: %lld written, %lld deleted", r.filesWritten,
          r.entriesDeleted);
    QCOMPARE(download(sb, QStringLiteral("/home/daytona/d/one")), QByteArray("1"));
    QCOMPARE(download(sb, QStringLiteral("/home/daytona/two")), QByteArray("X")); // untouched
    QCOMPARE(runIn(m_client.get(), sb, QStringLiteral("test -e d/three")).exitCode, 1);
}

void TestCheckpoint::patchAppliesWithGitAndArchiveHasTheChangedFiles()
{
    useSource(QStringLiteral("route"));
    const Sandbox sb = create(QStringLiteral("patch"));
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("local"), sb.id);
    QCOMPARE(runIn(m_client.get(), sb,
                   QStringLiteral("mkdir src && printf 'a\\nb\\nc\\n' > src/m.py && printf "
                                  "'gone\\n' > old.txt && printf '\\0\\1\\2' > bin.dat && printf "
                                  "'#!/bin/sh\\n' > x.sh && ln -s m.py src/l"))
                 .exitCode,
             0);
    const CaptureResult a = capture(sb, key);
    QCOMPARE(runIn(m_client.get(), sb,
                   QStringLiteral("printf 'a\\nB\\nc\\nd\\n' > src/m.py && rm old.txt && printf "
                                  "'\\3\\0\\4\\5' > bin.dat && chmod +x x.sh && printf 'n\\n' > "
                                  "'with space.txt' && ln -sfn x src/l"))
                 .exitCode,
             0);
    const CaptureResult b = capture(sb, key);
    QVERIFY(a.ok() && b.ok());

    // Materialise a in a folder (the archive of everything from nothing), apply the patch a->b
    // with the real git, and compare with the archive of b.
    QTemporaryDir work;
    const QString tree = work.path() + QStringLiteral("/tree");
    const QString expected = work.path() + QStringLiteral("/expected");
    QDir().mkpath(tree);
    QDir().mkpath(expected);
    const ExportResult full = awaitFuture(
        m_engine->exportArchive(key, QString(), a.treeId, work.path() + QStringLiteral("/a.tar")));
    QVERIFY2(full.ok(), qPrintable(full.error));
    QCOMPARE(
        QProcess::execute(QStringLiteral("tar"),
                          {QStringLiteral("-xf"), full.archivePath, QStringLiteral("-C"), tree}),
        0);
    const ExportResult patch = awaitFuture(m_engine->exportPatch(key, a.treeId, b.treeId));
    QVERIFY2(patch.ok(), qPrintable(patch.error));
    QFile patchFile(work.path() + QStringLiteral("/change.patch"));
    QVERIFY(patchFile.open(QIODevice::WriteOnly));
    patchFile.write(patch.patch);
    patchFile.close();
    QProcess git;
    git.setWorkingDirectory(tree);
    git.setProcessChannelMode(QProcess::MergedChannels);
    git.start(QStringLiteral("git"), {QStringLiteral("apply"), patchFile.fileName()});
    QVERIFY(git.waitForFinished(30000));
    const QByteArray gitSays = git.readAll();
    qInfo("tried: git apply of the exported patch (%d files, %lld bytes), result: exit %d %s",
          patch.files, patch.bytes, git.exitCode(), gitSays.constData());
    QCOMPARE(git.exitCode(), 0);
    const ExportResult whole = awaitFuture(
        m_engine->exportArchive(key, QString(), b.treeId, work.path() + QStringLiteral("/b.tar")));
    QCOMPARE(QProcess::execute(
                 QStringLiteral("tar"),
                 {QStringLiteral("-xf"), whole.archivePath, QStringLiteral("-C"), expected}),
             0);
    QCOMPARE(QProcess::execute(
                 QStringLiteral("diff"),
                 {QStringLiteral("-r"), QStringLiteral("--no-dereference"), tree, expected}),
             0);
    QVERIFY(QFileInfo(tree + QStringLiteral("/x.sh")).isExecutable());
    QVERIFY(!QFileInfo::exists(tree + QStringLiteral("/old.txt")));

    // The archive of the change: the changed files as they are at b, nothing else.
    const ExportResult changed = awaitFuture(m_engine->exportArchive(
        key, a.treeId, b.treeId, work.path() + QStringLiteral("/changed.tar")));
    QVERIFY2(changed.ok(), qPrintable(changed.error));
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("-tf"), changed.archivePath});
    QVERIFY(tar.waitForFinished(30000));
    QStringList names
        = QString::fromUtf8(tar.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    names.sort();
    qInfo("tried: archive of the change, result: %s", qPrintable(names.join(QLatin1Char(' '))));
    QCOMPARE(
        names,
        QStringList({QStringLiteral("bin.dat"), QStringLiteral("src/l"), QStringLiteral("src/m.py"),
                     QStringLiteral("with space.txt"), QStringLiteral("x.sh")}));
}

void TestCheckpoint::storageIsMeasuredAndCompacted()
{
    useSource(QStringLiteral("route"));
    const Sandbox sb = create(QStringLiteral("storage"));
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("local"), sb.id);
    QCOMPARE(runIn(m_client.get(), sb,
                   QStringLiteral("head -c 300000 /dev/urandom > big1 && printf small > s"))
                 .exitCode,
             0);
    const CaptureResult one = capture(sb, key);
    QCOMPARE(
        runIn(m_client.get(), sb, QStringLiteral("rm big1 && head -c 300000 /dev/urandom > big2"))
            .exitCode,
        0);
    passRacyWindow();
    const CaptureResult two = capture(sb, key);
    QVERIFY(one.ok() && two.ok());
    QVERIFY2(two.bytesStored > 250000 && two.bytesStored < 400000,
             qPrintable(QString::number(two.bytesStored)));
    const StorageUsage usage = awaitFuture(m_engine->usage());
    qint64 repoBytes = 0;
    for (const RepositoryUsage &u : usage.repositories) {
        if (u.repoKey == key) {
            repoBytes = u.bytes;
            QCOMPARE(u.checkpoints, 2);
        }
    }
    QVERIFY(repoBytes > 600000);
    QVERIFY(usage.totalBytes >= repoBytes);

    const CompactResult compacted = awaitFuture(m_engine->compact(key, {two.treeId}));
    qInfo("tried: compact to the last checkpoint, result: %lld -> %lld bytes, %d kept, %d "
          "dropped %s",
          compacted.bytesBefore, compacted.bytesAfter, compacted.kept, compacted.dropped,
          qPrintable(compacted.error));
    QVERIFY2(compacted.ok(), qPrintable(compacted.error));
    QCOMPARE(compacted.kept, 1);
    QCOMPARE(compacted.dropped, 1);
    QVERIFY(compacted.bytesAfter < compacted.bytesBefore - 250000);
    QVERIFY(!awaitFuture(m_engine->diff(key, one.treeId, two.treeId)).ok());
    QCOMPARE(awaitFuture(m_engine->diff(key, QString(), two.treeId)).added, 2);
    // The stat cache forgot what compaction dropped, and knows what it kept.
    const CaptureResult three = capture(sb, key);
    QCOMPARE(three.treeId, two.treeId);
    QCOMPARE(three.filesFetched, 0);
    // A restore after compaction still has every byte it needs.
    QCOMPARE(runIn(m_client.get(), sb, QStringLiteral("rm big2")).exitCode, 0);
    const RestoreResult restored
        = awaitFuture(m_engine->restore(m_client.get(), sb, key, two.treeId));
    QVERIFY2(restored.ok(), qPrintable(restored.error));
    QCOMPARE(capture(sb, key).treeId, two.treeId);

    // Packed into one pack: smaller still, and every checkpoint kept is whole.
    const CompactResult packed = awaitFuture(m_engine->compact(key, {two.treeId}, true));
    qInfo("tried: repack, result: %lld -> %lld bytes %s", packed.bytesBefore, packed.bytesAfter,
          qPrintable(packed.error));
    QVERIFY2(packed.ok(), qPrintable(packed.error));
    QCOMPARE(awaitFuture(m_engine->fileAt(key, two.treeId, "s")).content, QByteArray("small"));
    QCOMPARE(capture(sb, key).treeId, two.treeId);

    QCOMPARE(awaitFuture(m_engine->removeRepository(key)), QString());
    QVERIFY(!QFileInfo::exists(m_engine->repositoryPath(key)));
}

void TestCheckpoint::badInputsGiveClearErrors()
{
    const Sandbox sb = create(QStringLiteral("bad-inputs"));
    const CaptureResult badKey
        = awaitFuture(m_engine->capture(m_client.get(), sb, QStringLiteral("../escape")));
    QVERIFY(!badKey.ok());
    QVERIFY(badKey.error.contains(QLatin1String("not a checkpoint repository name")));
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("local"), sb.id);
    QVERIFY(!key.contains(QLatin1Char('/')));
    const ChangeSet none = awaitFuture(
        m_engine->diff(key, QStringLiteral("0123456789012345678901234567890123456789"), QString()));
    QVERIFY(!none.ok());
    qInfo("tried: diff in a repository that does not exist, result: %s", qPrintable(none.error));
    // A sandbox that is gone: a message, not a hang.
    Sandbox gone = sb;
    gone.id = QStringLiteral("no-such-sandbox");
    const CaptureResult r = awaitFuture(m_engine->capture(m_client.get(), gone, key));
    qInfo("tried: capture of a sandbox that does not exist, result: %s", qPrintable(r.error));
    QVERIFY(!r.ok());
    QVERIFY(!r.error.isEmpty());
}

void TestCheckpoint::daytonaShapedServerWithoutTheRoute()
{
    // A Daytona-shaped front whose toolbox, like Daytona's daemon, does not know files/manifest
    // (404, empty body, as gin answers): the engine falls back to find once and remembers it.
    QUrl base = m_server->apiUrl();
    base.setPath(QString());
    FaultyDaytonaServer daytona(base);
    QVERIFY(daytona.listen());
    daytona.setRule([](const RecordedRequest &request) {
        if (!request.path.contains("/files/manifest"))
            return DaytonaFault::pass();
        DaytonaFault f;
        f.kind = DaytonaFault::Kind::Respond;
        f.status = 404;
        return f;
    });
    DaytonaClient client(
        DaytonaConfig::fromValues(m_server->token(), daytona.apiUrl().toString(), QString()));
    CreateSandboxParams params;
    params.name = QStringLiteral("daytona-shaped");
    const DaytonaResult created = awaitResult(client.createAndWait(params));
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    const Sandbox sb = created.sandbox;
    QVERIFY(sb.toolboxProxyUrl.startsWith(daytona.apiUrl().adjusted(QUrl::RemovePath).toString()));
    useSource(QStringLiteral("route")); // Auto: the route first
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("daytona"), sb.id);
    QCOMPARE(runIn(&client, sb, QStringLiteral("printf 'v1\\n' > a.py")).exitCode, 0);
    const CaptureResult one = awaitFuture(m_engine->capture(&client, sb, key));
    QVERIFY2(one.ok(), qPrintable(one.error));
    QCOMPARE(one.manifestSource, QStringLiteral("find"));
    QCOMPARE(runIn(&client, sb, QStringLiteral("printf 'v2\\n' > a.py && printf n > b")).exitCode,
             0);
    const CaptureResult two = awaitFuture(m_engine->capture(&client, sb, key));
    QVERIFY2(two.ok(), qPrintable(two.error));
    const RestoreResult back = awaitFuture(m_engine->restore(&client, sb, key, one.treeId));
    QVERIFY2(back.ok(), qPrintable(back.error));
    QCOMPARE(awaitFuture(m_engine->capture(&client, sb, key)).treeId, one.treeId);
    int asked = 0;
    for (const RecordedRequest &r : daytona.requests())
        asked += r.path.contains("/files/manifest") ? 1 : 0;
    qInfo("tried: capture, change, capture, restore through a Daytona-shaped server without the "
          "manifest route, result: sources %s/%s, route asked %d time(s), restore %lld ms",
          qPrintable(one.manifestSource), qPrintable(two.manifestSource), asked, back.elapsedMs);
    QCOMPARE(asked, 1);
}

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
