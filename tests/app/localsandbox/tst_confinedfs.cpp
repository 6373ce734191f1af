// Unit tests of ConfinedFs on a plain directory: path mapping, and that "..", absolute paths
// and planted symlinks (to files, to directories, in the middle of a path) never let a host-side
// read or write leave the sandbox home (specs/security.md T11).
#include "localsandbox/ConfinedFs.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

class TestConfinedFs final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void mapsSandboxPaths_data();
    void mapsSandboxPaths();
    void writesReadsAndCreatesParents();
    void refusesEveryEscape_data();
    void refusesEveryEscape();
    void listsWithoutFollowingLinks();
    void removeRecursiveLeavesLinkTargets();
    void plantedFifoDoesNotHang();

private:
    QByteArray hostFile(const QString &path);
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_home;
    QString m_outside;
};

void TestConfinedFs::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_home = m_dir->path() + QStringLiteral("/home");
    m_outside = m_dir->path() + QStringLiteral("/outside");
    QVERIFY(QDir().mkpath(m_home + QStringLiteral("/sub")));
    QVERIFY(QDir().mkpath(m_outside));
    QFile secret(m_outside + QStringLiteral("/secret.txt"));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("original");
    secret.close();
    // What sandboxed code could plant: links to a host file, to a host folder, to /.
    QVERIFY(
        QFile::link(m_outside + QStringLiteral("/secret.txt"), m_home + QStringLiteral("/evil")));
    QVERIFY(QFile::link(m_outside, m_home + QStringLiteral("/outdir")));
    QVERIFY(QFile::link(QStringLiteral("/"), m_home + QStringLiteral("/sub/rootlink")));
}

QByteArray TestConfinedFs::hostFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void TestConfinedFs::mapsSandboxPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("relative");
    QTest::addColumn<int>("status");
    QTest::newRow("home") << QStringLiteral("/home/daytona") << QByteArray() << 0;
    QTest::newRow("home slash") << QStringLiteral("/home/daytona/") << QByteArray() << 0;
    QTest::newRow("empty") << QString() << QByteArray() << 0;
    QTest::newRow("absolute") << QStringLiteral("/home/daytona/a/b.py") << QByteArray("a/b.py")
                              << 0;
    QTest::newRow("relative") << QStringLiteral("./a//b.py") << QByteArray("a/b.py") << 0;
    QTest::newRow("other home") << QStringLiteral("/home/daytonax/f") << QByteArray() << 403;
    QTest::newRow("etc") << QStringLiteral("/etc/passwd") << QByteArray() << 403;
    QTest::newRow("dotdot") << QStringLiteral("../../etc/passwd") << QByteArray() << 403;
    QTest::newRow("inner dotdot") << QStringLiteral("/home/daytona/a/../../x") << QByteArray()
                                  << 403;
}

void TestConfinedFs::mapsSandboxPaths()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, relative);
    QFETCH(int, status);
    const ConfinedFs fs(m_home, QStringLiteral("/home/daytona"));
    QByteArray rel;
    ConfinedFs::Error error;
    QCOMPARE(fs.relativePath(path, &rel, &error), status == 0);
    QCOMPARE(error.httpStatus, status);
    if (status == 0)
        QCOMPARE(rel, relative);
}

void TestConfinedFs::writesReadsAndCreatesParents()
{
    const ConfinedFs fs(m_home, QStringLiteral("/home/daytona"));
    ConfinedFs::Error error;
    QVERIFY(fs.writeFile(QStringLiteral("/home/daytona/new/deep/file.txt"), "data", &error));
    QCOMPARE(hostFile(m_home + QStringLiteral("/new/deep/file.txt")), QByteArray("data"));
    QCOMPARE(fs.readFile(QStringLiteral("new/deep/file.txt"), &error), QByteArray("data"));
    QVERIFY(fs.makeDirectories(QStringLiteral("a/b/c"), 0750, &error));
    QVERIFY(fs.makeDirectories(QStringLiteral("a/b/c"), 0750, &error)); // existing is fine
    const FileInfo info = fs.info(QStringLiteral("a/b/c"), &error);
    QVERIFY(!error.isError());
    QVERIFY(info.isDir);
    QCOMPARE(info.permissions, QStringLiteral("0750"));
    QVERIFY(fs.readFile(QStringLiteral("a"), &error).isEmpty());
    QCOMPARE(error.httpStatus, 400); // a folder is not a file
}

void TestConfinedFs::refusesEveryEscape_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("link to host file") << QStringLiteral("evil");
    QTest::newRow("link to host dir") << QStringLiteral("outdir/secret.txt");
    QTest::newRow("link to / mid-path")
        << QStringLiteral("sub/rootlink") + m_outside + QStringLiteral("/secret.txt");
    QTest::newRow("dotdot") << QStringLiteral("../outside/secret.txt");
    QTest::newRow("absolute host path") << m_outside + QStringLiteral("/secret.txt");
}

void TestConfinedFs::refusesEveryEscape()
{
    QFETCH(QString, path);
    const ConfinedFs fs(m_home, QStringLiteral("/home/daytona"));
    ConfinedFs::Error error;
    QVERIFY(!fs.writeFile(path, "pwned", &error));
    QCOMPARE(error.httpStatus, 403);
    error = {};
    QVERIFY(fs.readFile(path, &error).isEmpty());
    QCOMPARE(error.httpStatus, 403);
    error = {};
    QVERIFY(!fs.makeDirectories(path + QStringLiteral("/x"), 0755, &error));
    error = {};
    QVERIFY(!fs.move(QStringLiteral("sub"), path, &error)); // nothing moves out through it
    error = {};
    fs.list(path, &error);
    QVERIFY(error.isError());
    QCOMPARE(hostFile(m_outside + QStringLiteral("/secret.txt")), QByteArray("original"));
    QVERIFY(!QFile::exists(m_outside + QStringLiteral("/x")));
    QVERIFY(QFile::exists(m_home + QStringLiteral("/sub")));
    QVERIFY(!QFile::exists(m_outside + QStringLiteral("/secret.txt/x")));
}

void TestConfinedFs::listsWithoutFollowingLinks()
{
    const ConfinedFs fs(m_home, QStringLiteral("/home/daytona"));
    ConfinedFs::Error error;
    const QList<FileInfo> entries = fs.list(QString(), &error);
    QVERIFY(!error.isError());
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries[0].name, QStringLiteral("evil"));
    QVERIFY(entries[0].mode.startsWith(QLatin1Char('L'))); // shown as a link, not as the target
    QVERIFY(!entries[1].isDir); // outdir is a link, not a folder
    QVERIFY(entries[2].isDir);
    const QStringList found
        = fs.search(QStringLiteral("/home/daytona"), QStringLiteral("secret*"), &error);
    QVERIFY(found.isEmpty()); // the search does not walk through outdir
}

void TestConfinedFs::removeRecursiveLeavesLinkTargets()
{
    const ConfinedFs fs(m_home, QStringLiteral("/home/daytona"));
    ConfinedFs::Error error;
    QVERIFY(fs.remove(QStringLiteral("outdir"), false, &error)); // removes the link only
    QVERIFY(QFile::exists(m_outside + QStringLiteral("/secret.txt")));
    QVERIFY(fs.removeHome(&error));
    QVERIFY(!QFile::exists(m_home));
    QCOMPARE(hostFile(m_outside + QStringLiteral("/secret.txt")), QByteArray("original"));
}

void TestConfinedFs::plantedFifoDoesNotHang()
{
    const QByteArray fifo = QFile::encodeName(m_home + QStringLiteral("/sub/pipe"));
    QVERIFY(::mkfifo(fifo.constData(), 0644) == 0);
    const ConfinedFs fs(m_home, QStringLiteral("/home/daytona"));
    ConfinedFs::Error error;
    QVERIFY(fs.readFile(QStringLiteral("sub/pipe"), &error).isEmpty());
    QCOMPARE(error.httpStatus, 400);
    error = {};
    QVERIFY(!fs.writeFile(QStringLiteral("sub/pipe"), "x", &error));
    QCOMPARE(error.httpStatus, 400);
    error = {};
    QVERIFY(fs.writeFile(QStringLiteral("sub/text"), "needle", &error));
    QCOMPARE(fs.find(QStringLiteral("sub"), QStringLiteral("needle"), &error).size(), 1);
}

QTEST_GUILESS_MAIN(TestConfinedFs)
#include "tst_confinedfs.moc"
