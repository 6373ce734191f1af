// Typed settings: defaults, values that survive a new Settings object on the same file, and
// hand-edited junk in the file falling back to the default instead of reaching the app.
#include "core/Settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestSettings final : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void valuesPersist();
    void junkFallsBackToDefaults();
};

void TestSettings::defaults()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    QCOMPARE(settings.approvalPolicy(), QStringLiteral("default"));
    QCOMPARE(settings.sandboxProvider(), QString()); // automatic
    QVERIFY(!settings.localSandboxNetwork());
    QVERIFY(!settings.deleteSandboxesWithThread());
    QCOMPARE(settings.sandboxAutoStopMinutes(), 15);
    QCOMPARE(settings.sandboxAutoDeleteDays(), -1); // never
    QCOMPARE(settings.sandboxAutoDeleteMinutes(), -1);
    QCOMPARE(settings.commandTimeoutMinutes(), 30);
    QCOMPARE(settings.checkpointCapMiB(), 1024); // 1 GiB for all threads
    QCOMPARE(settings.providerBaseUrl(QStringLiteral("openai")), QString());
    QVERIFY(!settings.firstRunDone());
}

void TestSettings::valuesPersist()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    {
        Settings settings(file);
        settings.setApprovalPolicy(QStringLiteral("ask-everything"));
        settings.setSandboxProvider(QStringLiteral("daytona"));
        settings.setLocalSandboxNetwork(true);
        settings.setDeleteSandboxesWithThread(true);
        settings.setSandboxAutoStopMinutes(0);
        settings.setSandboxAutoDeleteDays(7);
        settings.setCommandTimeoutMinutes(100000); // clamped to a day
        settings.setCheckpointCapMiB(2048);
        settings.setProviderBaseUrl(QStringLiteral("ollama"),
                                    QStringLiteral(" http://10.0.0.2:11434/v1 "));
        settings.setProviderBaseUrl(QStringLiteral("lmstudio"), QStringLiteral("http://x/v1"));
        settings.setProviderBaseUrl(QStringLiteral("lmstudio"), QString()); // removed again
        settings.setFirstRunDone(true);
        settings.sync();
    }
    Settings reread(file);
    QCOMPARE(reread.approvalPolicy(), QStringLiteral("ask-everything"));
    QCOMPARE(reread.sandboxProvider(), QStringLiteral("daytona"));
    QVERIFY(reread.localSandboxNetwork());
    QVERIFY(reread.deleteSandboxesWithThread());
    QCOMPARE(reread.sandboxAutoStopMinutes(), 0); // never
    QCOMPARE(reread.sandboxAutoDeleteDays(), 7);
    QCOMPARE(reread.sandboxAutoDeleteMinutes(), 7 * 24 * 60); // minutes on the wire
    QCOMPARE(reread.commandTimeoutMinutes(), 24 * 60);
    QCOMPARE(reread.checkpointCapMiB(), 2048);
    QCOMPARE(reread.providerBaseUrl(QStringLiteral("ollama")),
             QStringLiteral("http://10.0.0.2:11434/v1"));
    QCOMPARE(reread.providerBaseUrl(QStringLiteral("lmstudio")), QString());
    QVERIFY(reread.firstRunDone());
}

void TestSettings::junkFallsBackToDefaults()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("settings.ini"));
    QFile ini(file);
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write("[sandboxes]\nprovider=docker\nautoStopMinutes=-5\nautoDeleteDays=-9\n"
              "[checkpoints]\ncapMiB=3\n");
    ini.close();
    Settings settings(file);
    QCOMPARE(settings.sandboxProvider(), QString());
    QCOMPARE(settings.sandboxAutoStopMinutes(), 15);
    QCOMPARE(settings.sandboxAutoDeleteDays(), -1);
    QCOMPARE(settings.checkpointCapMiB(), 1024); // below the 64 MiB floor
}

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
