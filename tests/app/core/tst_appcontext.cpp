// AppContext, paths and typed settings: what a user's files look like on disk.
#include "core/Settings.h"
#include "core/StudioPaths.h"
#include "root/AppContext.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

class TestAppContext final : public QObject
{
    Q_OBJECT

private slots:
    void underRootKeepsEverythingInside();
    void openCreatesPrivateFolders();
    void settingsHaveDefaultsAndPersist();
    void openFailsClearlyOnUnwritableParent();
};

void TestAppContext::underRootKeepsEverythingInside()
{
    const StudioPaths paths = StudioPaths::underRoot(QStringLiteral("/tmp/a/../portable"));
    QCOMPARE(paths.dataDir(), QStringLiteral("/tmp/portable"));
    for (const QString &path : {paths.configDir(), paths.cacheDir(), paths.databaseFile(),
                                paths.settingsFile(), paths.logDir()})
        QVERIFY2(path.startsWith(QLatin1String("/tmp/portable/")), qPrintable(path));
}

void TestAppContext::openCreatesPrivateFolders()
{
    QTemporaryDir dir;
    AppContext context(StudioPaths::underRoot(dir.filePath(QStringLiteral("data"))));
    QString error;
    QVERIFY2(context.open(&error), qPrintable(error));
    for (const QString &folder :
         {context.paths().dataDir(), context.paths().configDir(), context.paths().cacheDir()}) {
        const QFileInfo info(folder);
        QVERIFY(info.isDir());
        QCOMPARE(info.permissions() & (QFile::ReadOther | QFile::ReadGroup | QFile::WriteOther),
                 QFileDevice::Permissions());
    }
}

void TestAppContext::settingsHaveDefaultsAndPersist()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.conf"));
    {
        Settings settings(file);
        QCOMPARE(settings.defaultModel(), QStringLiteral("openai/gpt-4o-mini"));
        QCOMPARE(settings.maxSteps(), 20);
        QVERIFY(settings.rightPanelVisible());
        settings.setDefaultModel(QStringLiteral("anthropic/claude-sonnet-4-5"));
        settings.setMaxSteps(0); // nonsense falls back to the default
        settings.setRightPanelVisible(false);
    }
    Settings again(file);
    QCOMPARE(again.defaultModel(), QStringLiteral("anthropic/claude-sonnet-4-5"));
    QCOMPARE(again.maxSteps(), 20);
    QVERIFY(!again.rightPanelVisible());
}

void TestAppContext::openFailsClearlyOnUnwritableParent()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("file"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    AppContext context(StudioPaths::underRoot(file + QStringLiteral("/below")));
    QString error;
    QVERIFY(!context.open(&error));
    QVERIFY2(error.contains(QLatin1String("Cannot create the folder")), qPrintable(error));
    QVERIFY(error.contains(QLatin1String("--data-dir")));
}

QTEST_GUILESS_MAIN(TestAppContext)
#include "tst_appcontext.moc"
