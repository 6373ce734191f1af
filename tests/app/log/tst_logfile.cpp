// The log file: lines land in <data>/logs, redacted, private to the user, rotated by size.
#include "core/Logging.h"
#include "log/LogFile.h"
#include "log/Redactor.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestLogFile final : public QObject
{
    Q_OBJECT

private slots:
    void linesAreRedactedAndPrivate();
    void rotatesBySize();
    void unwritableFolderFallsBackToStderr();

private:
    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
};

void TestLogFile::linesAreRedactedAndPrivate()
{
    QTemporaryDir dir;
    Redactor redactor;
    const QString key = QStringLiteral("my-loaded-provider-key-123");
    redactor.addSecret(key);
    {
        LogFile log(dir.path(), redactor);
        QVERIFY(log.install(false));
        qCWarning(lcLlm) << "request failed with key" << key
                         << "and sk-ant-api03-ABCDEFGHIJKLMNOPQRSTUV";
        qCInfo(lcStore) << "opened";
    }
    const QByteArray text = readAll(dir.filePath(QStringLiteral("agent-studio.log")));
    QVERIFY2(text.contains("studio.llm: request failed with key"), text.constData());
    QVERIFY(text.contains("studio.store: opened"));
    QVERIFY(!text.contains(key.toUtf8()));
    QVERIFY(!text.contains("sk-ant-api03"));
    QCOMPARE(text.count("[REDACTED]"), 2);
    QCOMPARE(QFile::permissions(dir.filePath(QStringLiteral("agent-studio.log")))
                 & (QFile::ReadGroup | QFile::ReadOther),
             QFileDevice::Permissions());
    // After uninstall, messages no longer go to the file.
    qCWarning(lcApp) << "after";
    QVERIFY(!readAll(dir.filePath(QStringLiteral("agent-studio.log"))).contains("after"));
}

void TestLogFile::rotatesBySize()
{
    QTemporaryDir dir;
    Redactor redactor;
    LogFile log(dir.path(), redactor, 2000, 2);
    QVERIFY(log.install(false));
    for (int i = 0; i < 100; ++i)
        qCInfo(lcApp) << "line" << i << QString(40, QLatin1Char('x'));
    log.uninstall();
    const QString base = dir.filePath(QStringLiteral("agent-studio.log"));
    QVERIFY(QFile::exists(base));
    QVERIFY(QFile::exists(base + QStringLiteral(".1")));
    QVERIFY(QFile::exists(base + QStringLiteral(".2")));
    QVERIFY(!QFile::exists(base + QStringLiteral(".3")));
    for (const QString &file : QStringList{base, base + QStringLiteral(".1")})
        QVERIFY(QFileInfo(file).size() <= 2000);
    QVERIFY(readAll(base).contains("line 99 "));
}

void TestLogFile::unwritableFolderFallsBackToStderr()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    Redactor redactor;
    LogFile log(dir.filePath(QStringLiteral("file/logs")), redactor);
    QVERIFY(!log.install(false));
    QVERIFY2(log.errorString().contains(QLatin1String("cannot write the log file")),
             qPrintable(log.errorString()));
}

QTEST_GUILESS_MAIN(TestLogFile)
#include "tst_logfile.moc"
