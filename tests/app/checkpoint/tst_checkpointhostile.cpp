// Hostile sandbox homes against the checkpoint engine, through the local server's route and
// through the find command (Daytona's path): planted symlinks (to /etc/passwd, out of the home,
// swapped in before a restore), a fifo, a unix socket, a 1 GiB sparse file, names that are not
// UTF-8, files and folders made unreadable, a .git. Nothing hangs, nothing outside the home is
// read or written, a .git is never touched. Run as root and, by run-unprivileged.sh, as nobody.
#include "CheckpointTestSupport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <unistd.h>

class TestCheckpointHostile final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void hostileTreeIsCapturedSafely_data();
    void hostileTreeIsCapturedSafely();
    void restoreNeverWritesThroughPlantedLinks_data();
    void restoreNeverWritesThroughPlantedLinks();
    void gitFolderIsNeverTouched();
    void nonUtf8NamesRoundTrip_data();
    void nonUtf8NamesRoundTrip();
    void specialAndHugeFilesAtRestore();

private:
    Sandbox create(const QString &name);
    void useSource(const QString &source);
    CaptureResult capture(const Sandbox &sandbox, const QString &key);
    RestoreResult restore(const Sandbox &sandbox, const QString &key, const QString &tree);
    void addSources();

    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    std::unique_ptr<CheckpointEngine> m_engine;
    QString m_decoyDir; // host folders and files outside every sandbox
    QString m_decoyFile;
};

void TestCheckpointHostile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    LocalSandboxOptions options;
    options.dataDir = m_dir.path() + QStringLiteral("/data");
    const QString problem = startTestSandboxServer(m_dir.path(), options, m_server, m_client);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_engine = std::make_unique<CheckpointEngine>(m_dir.path() + QStringLiteral("/checkpoints"));
    m_decoyDir = m_dir.path() + QStringLiteral("/decoy-dir");
    QVERIFY(QDir().mkpath(m_decoyDir));
    m_decoyFile = m_dir.path() + QStringLiteral("/decoy.txt");
    QFile decoy(m_decoyFile);
    QVERIFY(decoy.open(QIODevice::WriteOnly));
    decoy.write("host file\n");
}

void TestCheckpointHostile::cleanupTestCase()
{
    m_engine.reset();
    m_client.reset();
    m_server.reset();
    // Folders a test made unreadable (had it stopped before opening them again), and names that
    // are not UTF-8, which QTemporaryDir cannot remove.
    QProcess::execute(QStringLiteral("chmod"),
                      {QStringLiteral("-R"), QStringLiteral("u+rwX"), m_dir.path()});
    QProcess::execute(
        QStringLiteral("rm"),
        {QStringLiteral("-rf"), QStringLiteral("--"), m_dir.path() + QStringLiteral("/data")});
}

void TestCheckpointHostile::addSources()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("route") << QStringLiteral("route");
    QTest::newRow("find") << QStringLiteral("find");
}

Sandbox TestCheckpointHostile::create(const QString &name)
{
    CreateSandboxParams params;
    params.name = name;
    const DaytonaResult r = awaitResult(m_client->createAndWait(params));
    [&] { QVERIFY2(r.ok(), qPrintable(r.error.message)); }();
    return r.sandbox;
}

void TestCheckpointHostile::useSource(const QString &source)
{
    m_engine->setManifestSource(source == QLatin1String("find")
                                    ? CheckpointEngine::ManifestSource::Find
                                    : CheckpointEngine::ManifestSource::Auto);
}

CaptureResult TestCheckpointHostile::capture(const Sandbox &sandbox, const QString &key)
{
    const CaptureResult r = awaitFuture(m_engine->capture(m_client.get(), sandbox, key), 60000);
    qInfo("tried: capture of %s (%s), result: tree %s, %lld scanned, %lld fetched, %lld ms, "
          "skipped [%s] %s",
          qPrintable(sandbox.name), qPrintable(r.manifestSource), qPrintable(r.treeId.left(10)),
          r.filesScanned, r.filesFetched, r.elapsedMs, qPrintable(skippedText(r.skipped)),
          qPrintable(r.error));
    return r;
}

RestoreResult TestCheckpointHostile::restore(const Sandbox &sandbox, const QString &key,
                                             const QString &tree)
{
    const RestoreResult r
        = awaitFuture(m_engine->restore(m_client.get(), sandbox, key, tree), 60000);
    qInfo("tried: restore of %s, result: %lld written, %lld deleted, %lld folders, %lld links, "
          "%lld modes, %lld ms; not restored [%s] %s",
          qPrintable(sandbox.name), r.filesWritten, r.entriesDeleted, r.foldersCreated,
          r.linksCreated, r.modesChanged, r.elapsedMs, qPrintable(skippedText(r.notRestored)),
          qPrintable(r.error));
    return r;
}

void TestCheckpointHostile::hostileTreeIsCapturedSafely_data()
{
    addSources();
}

void TestCheckpointHostile::hostileTreeIsCapturedSafely()
{
    QFETCH(QString, source);
    useSource(source);
    const Sandbox sb = create(QStringLiteral("hostile-") + source);
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("local"), sb.id);
    const QString home = m_server->registry().homeDir(sb.id);
    // A link that leaves the home on the host (where the server reads) as well.
    const QString outOfHome = QDir(home).relativeFilePath(m_decoyFile);
    const ExecResult setup = runIn(
        m_client.get(), sb,
        QStringLiteral(
            "ln -s /etc/passwd passwd-link && ln -s ../../.. up && ln -s '%1' "
            "host-link && mkfifo fifo && python3 -c \"import socket; "
            "socket.socket(socket.AF_UNIX).bind('sock')\" "
            "&& printf 'raw name\\n' > \"$(printf 'n\\377\\376.txt')\" && printf "
            "secret > secret.txt && chmod 000 secret.txt && mkdir locked && printf x "
            "> locked/inside && chmod 000 locked && mkdir -p proj/.git && printf "
            "'ref: main\\n' > proj/.git/HEAD && printf 'ok\\n' > proj/code.py && printf f > "
            "future.txt && touch -d '3000-01-01' future.txt && printf p > past.txt && "
            "touch -d '1960-01-01' past.txt")
            .arg(outOfHome));
    QVERIFY2(setup.exitCode == 0, qPrintable(setup.result));
    // 1 GiB, sparse: made from the host, as the local sandbox's file size limit (512 MiB)
    // refuses it inside (a Daytona sandbox would not).
    QFile sparse(home + QStringLiteral("/sparse.bin"));
    QVERIFY(sparse.open(QIODevice::WriteOnly) && sparse.resize(qint64(1) << 30));
    sparse.close();
    if (m_server->runAsUid() >= 0 && ::geteuid() == 0)
        QCOMPARE(::chown(QFile::encodeName(sparse.fileName()).constData(),
                         uid_t(m_server->runAsUid()), gid_t(m_server->runAsGid())),
                 0);
    QElapsedTimer timer;
    timer.start();
    const CaptureResult r = capture(sb, key);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY2(timer.elapsed() < 20000, "a capture of a hostile tree must not hang");
    QHash<QByteArray, SkippedEntry::Reason> skipped;
    for (const SkippedEntry &s : r.skipped)
        skipped.insert(s.path, s.reason);
    QCOMPARE(skipped.value("fifo"), SkippedEntry::Reason::Fifo);
    QCOMPARE(skipped.value("sock"), SkippedEntry::Reason::Socket);
    QCOMPARE(skipped.value("sparse.bin"), SkippedEntry::Reason::Huge);
    QCOMPARE(skipped.value("secret.txt"), SkippedEntry::Reason::Unreadable);
    // A folder locked by chmod 000 is left out, unless the local server running unprivileged
    // has opened it to u+rx again to measure the disk (DiskUsage): then the sandbox can read it
    // and so can the checkpoint.
    const bool lockedSkipped = skipped.contains("locked");
    if (lockedSkipped)
        QCOMPARE(skipped.value("locked"), SkippedEntry::Reason::Unreadable);
    else
        QVERIFY(awaitFuture(m_engine->fileAt(key, r.treeId, "locked/inside")).exists());
    QCOMPARE(skipped.size(), lockedSkipped ? 5 : 4);

    // Links are stored as links: their target as text, never what they point to.
    const FileAtTree passwd = awaitFuture(m_engine->fileAt(key, r.treeId, "passwd-link"));
    QCOMPARE(passwd.type, EntryType::Symlink);
    QCOMPARE(passwd.content, QByteArray("/etc/passwd"));
    const FileAtTree up = awaitFuture(m_engine->fileAt(key, r.treeId, "up"));
    QCOMPARE(up.content, QByteArray("../../.."));
    const FileAtTree hostLink = awaitFuture(m_engine->fileAt(key, r.treeId, "host-link"));
    QCOMPARE(hostLink.content, outOfHome.toUtf8());
    // The raw name's file, by its raw name.
    const FileAtTree raw = awaitFuture(m_engine->fileAt(key, r.treeId, "n\xff\xfe.txt"));
    QCOMPARE(raw.content, QByteArray("raw name\n"));
    // No .git, and nothing of the host in any stored file.
    QVERIFY(!awaitFuture(m_engine->fileAt(key, r.treeId, "proj/.git/HEAD")).exists());
    QVERIFY(!awaitFuture(m_engine->fileAt(key, r.treeId, "proj/.git")).exists());
    QCOMPARE(awaitFuture(m_engine->fileAt(key, r.treeId, "proj/code.py")).content,
             QByteArray("ok\n"));
    // Dated far from now (times saturate instead of overflowing).
    QCOMPARE(awaitFuture(m_engine->fileAt(key, r.treeId, "future.txt")).content, QByteArray("f"));
    QCOMPARE(awaitFuture(m_engine->fileAt(key, r.treeId, "past.txt")).content, QByteArray("p"));
    DiffOptions options;
    options.hunks = true;
    const ChangeSet all = awaitFuture(m_engine->diff(key, QString(), r.treeId, options));
    QStringList paths;
    for (const FileChange &f : all.files) {
        paths.append(f.displayPath());
        QVERIFY2(!f.path.contains(".git"), f.path.constData());
        for (const DiffHunk &h : f.hunks) {
            for (const DiffLine &l : h.lines)
                QVERIFY2(!l.text.contains("root:") && !l.text.contains("host file"),
                         l.text.constData());
        }
    }
    qInfo("tried: diff of the hostile tree from nothing, result: %s",
          qPrintable(paths.join(QLatin1Char(' '))));
    const FileChange *huge = changeFor(all, "sparse.bin");
    QVERIFY(huge && huge->huge);
    QCOMPARE(huge->newSize, qint64(1) << 30);
    QVERIFY(paths.contains(QStringLiteral("n\\xff\\xfe.txt")));
    // The host's files are as they were.
    QFile decoy(m_decoyFile);
    QVERIFY(decoy.open(QIODevice::ReadOnly));
    QCOMPARE(decoy.readAll(), QByteArray("host file\n"));
    QVERIFY(QDir(m_decoyDir).isEmpty());
    runIn(m_client.get(), sb, QStringLiteral("chmod 700 locked"));
}

void TestCheckpointHostile::restoreNeverWritesThroughPlantedLinks_data()
{
    addSources();
}

void TestCheckpointHostile::restoreNeverWritesThroughPlantedLinks()
{
    QFETCH(QString, source);
    useSource(source);
    const Sandbox sb = create(QStringLiteral("planted-") + source);
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("local"), sb.id);
    const QString home = m_server->registry().homeDir(sb.id);
    QCOMPARE(runIn(m_client.get(), sb,
                   QStringLiteral("mkdir src && printf 'code\\n' > src/a.py && printf 'text\\n' "
                                  "> a.txt && printf 'x\\n' > target.txt"))
                 .exitCode,
             0);
    const CaptureResult good = capture(sb, key);
    QVERIFY(good.ok());
    // The sandbox swaps a folder and a file for links that lead out of the home, on the host.
    const QString toDir = QDir(home).relativeFilePath(m_decoyDir);
    const QString toFile = QDir(home).relativeFilePath(m_decoyFile);
    QCOMPARE(runIn(m_client.get(), sb,
                   QStringLiteral("rm -r src a.txt target.txt && ln -s '%1' src && ln -s '%2' "
                                  "a.txt && ln -s /etc/passwd target.txt")
                       .arg(toDir, toFile))
                 .exitCode,
             0);
    const RestoreResult r = restore(sb, key, good.treeId);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.notRestored.isEmpty());
    QVERIFY2(QDir(m_decoyDir).isEmpty(), "a restore wrote through a planted link");
    QFile decoy(m_decoyFile);
    QVERIFY(decoy.open(QIODevice::ReadOnly));
    QCOMPARE(decoy.readAll(), QByteArray("host file\n"));
    const ExecResult look = runIn(
        m_client.get(), sb,
        QStringLiteral("test -d src && test ! -L src && test ! -L a.txt && cat src/a.py a.txt "
                       "target.txt"));
    QCOMPARE(look.result, QStringLiteral("code\ntext\nx\n"));
    QCOMPARE(capture(sb, key).treeId, good.treeId);
}

void TestCheckpointHostile::gitFolderIsNeverTouched()
{
    useSource(QStringLiteral("route"));
    const Sandbox sb = create(QStringLiteral("dotgit"));
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("local"), sb.id);
    QCOMPARE(runIn(m_client.get(), sb, QStringLiteral("printf 1 > x.txt")).exitCode, 0);
    const CaptureResult before = capture(sb, key);
    QCOMPARE(runIn(m_client.get(), sb,
                   QStringLiteral("mkdir -p proj/.git/objects && printf 'ref: main\\n' > "
                                  "proj/.git/HEAD && printf 'v1\\n' > proj/code.py && printf "
                                  "'gitdir: x\\n' > .git"))
                 .exitCode,
             0);
    const CaptureResult with = capture(sb, key);
    QVERIFY(before.ok() && with.ok());
    const ChangeSet set = awaitFuture(m_engine->diff(key, before.treeId, with.treeId));
    QCOMPARE(set.files.size(), 1); // proj/code.py only
    QCOMPARE(set.files[0].path, QByteArray("proj/code.py"));
    QCOMPARE(
        runIn(m_client.get(), sb, QStringLiteral("printf 'changed\\n' > proj/.git/HEAD")).exitCode,
        0);
    // Back to before proj existed: its files go, its .git (and the top-level .git file) stay.
    const RestoreResult back = restore(sb, key, before.treeId);
    QVERIFY2(back.ok(), qPrintable(back.error));
    ExecResult look
        = runIn(m_client.get(), sb,
                QStringLiteral("cat proj/.git/HEAD .git; test -e proj/code.py; echo $?"));
    QCOMPARE(look.result, QStringLiteral("changed\ngitdir: x\n1\n"));
    const RestoreResult forward = restore(sb, key, with.treeId);
    QVERIFY2(forward.ok(), qPrintable(forward.error));
    look = runIn(m_client.get(), sb, QStringLiteral("cat proj/.git/HEAD proj/code.py"));
    QCOMPARE(look.result, QStringLiteral("changed\nv1\n"));
}

void TestCheckpointHostile::nonUtf8NamesRoundTrip_data()
{
    addSources();
}

void TestCheckpointHostile::nonUtf8NamesRoundTrip()
{
    QFETCH(QString, source);
    useSource(source);
    const Sandbox sb = create(QStringLiteral("rawnames-") + source);
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("local"), sb.id);
    QCOMPARE(runIn(m_client.get(), sb,
                   QStringLiteral("d=\"$(printf 'dir\\377')\"; mkdir \"$d\" && printf 'inner\\n' > "
                                  "\"$d/f\" && printf 'top\\n' > \"$(printf 'a\\376b')\" && chmod "
                                  "+x \"$(printf 'a\\376b')\" && ln -s \"$(printf 'a\\376b')\" "
                                  "\"$(printf 'l\\377')\""))
                 .exitCode,
             0);
    const CaptureResult good = capture(sb, key);
    QVERIFY2(good.ok(), qPrintable(good.error));
    QCOMPARE(good.filesFetched, 2);
    QCOMPARE(runIn(m_client.get(), sb, QStringLiteral("rm -r ./*")).exitCode, 0);
    const RestoreResult r = restore(sb, key, good.treeId);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.notRestored.isEmpty());
    const ExecResult look
        = runIn(m_client.get(), sb,
                QStringLiteral("cat \"$(printf 'dir\\377')/f\" \"$(printf 'l\\377')\" && test -x "
                               "\"$(printf 'a\\376b')\" && ls -A | wc -l"));
    QCOMPARE(look.result, QStringLiteral("inner\ntop\n3\n")); // no temporary names left
    QCOMPARE(capture(sb, key).treeId, good.treeId);
    const ChangeSet set = awaitFuture(m_engine->diff(key, QString(), good.treeId));
    QStringList shown;
    for (const FileChange &f : set.files)
        shown.append(f.displayPath());
    QCOMPARE(shown,
             QStringList({QStringLiteral("a\\xfeb"), QStringLiteral("dir\\xff/f"),
                          QStringLiteral("l\\xff")}));
}

void TestCheckpointHostile::specialAndHugeFilesAtRestore()
{
    useSource(QStringLiteral("route"));
    const Sandbox sb = create(QStringLiteral("special"));
    const QString key = CheckpointEngine::repoKeyFor(QStringLiteral("local"), sb.id);
    QCOMPARE(runIn(m_client.get(), sb,
                   QStringLiteral("mkfifo kept-pipe && truncate -s 100M huge.bin && printf s > "
                                  "secret && chmod 000 secret && printf 1 > a"))
                 .exitCode,
             0);
    const CaptureResult good = capture(sb, key);
    QVERIFY(good.ok());
    // Afterwards: another fifo, the huge file gone, the secret changed (still unreadable).
    QCOMPARE(runIn(m_client.get(), sb,
                   QStringLiteral("mkfifo new-pipe && rm huge.bin && chmod 600 secret && printf "
                                  "t > secret && chmod 000 secret && printf 2 > a"))
                 .exitCode,
             0);
    QElapsedTimer timer;
    timer.start();
    const RestoreResult r = restore(sb, key, good.treeId);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY2(timer.elapsed() < 20000, "a restore next to fifos must not hang");
    QCOMPARE(r.notRestored.size(), 1);
    QCOMPARE(r.notRestored[0].path, QByteArray("huge.bin"));
    QCOMPARE(r.notRestored[0].reason, SkippedEntry::Reason::Huge);
    const ExecResult look
        = runIn(m_client.get(), sb,
                QStringLiteral("test -p kept-pipe && test ! -e new-pipe && chmod 600 secret && cat "
                               "secret a"));
    QCOMPARE(look.result, QStringLiteral("t1")); // the unreadable file was left alone
}

QTEST_GUILESS_MAIN(TestCheckpointHostile)
#include "tst_checkpointhostile.moc"
