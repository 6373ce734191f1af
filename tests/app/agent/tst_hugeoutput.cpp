// A command that prints 100 MB, run by the agent's runCommand against the real local sandbox
// server (in this process, as in the app): what the user and the model get is capped and says
// so, and the process's memory stays bounded - through /process/execute (local sandboxes) and
// through a session whose logs are followed (the way runCommand runs on Daytona cloud).
#include "../localsandbox/SandboxTestSupport.h"
#include "agent/BoundedOutput.h"
#include "agent/ToolCatalog.h"
#include "agent/ToolExecutor.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxProcess.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxWaiter.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

// kB from /proc/self/status ("VmRSS:", "VmHWM:").
qint64 statusKb(const char *field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// How much the peak RSS may grow while 100 MB go through. Under AddressSanitizer freed blocks
// wait in its quarantine (16 MiB for this test, see CMakeLists.txt) and shadow memory counts
// too, so the bound there is wider, still well below the 300 MB holding the output would take.
#if defined(__SANITIZE_ADDRESS__)
constexpr qint64 kPeakGrowthBoundKiB = 160 * 1024;
#else
constexpr qint64 kPeakGrowthBoundKiB = 80 * 1024;
#endif

// The peak RSS (VmHWM) starts again from the current RSS.
bool resetPeakRss()
{
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

const qint64 kHundredMb = 100 * 1000 * 1000;

} // namespace

class TestHugeOutput final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void boundedOutputKeepsHeadAndTail();
    void hundredMegabytes_data();
    void hundredMegabytes();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    ToolCatalog m_catalog;
    std::unique_ptr<ToolExecutor> m_executor;
    QString m_sandbox;
};

void TestHugeOutput::initTestCase()
{
    QVERIFY(m_dir.isValid());
    LocalSandboxOptions options;
    options.dataDir = m_dir.path() + QStringLiteral("/data");
    const QString started = startTestSandboxServer(m_dir.path(), options, m_server, m_client);
    QVERIFY2(started.isEmpty(), qPrintable(started));
    m_executor = std::make_unique<ToolExecutor>(*m_client, m_catalog);
    const DaytonaResult made = awaitResult(m_client->createAndWait(CreateSandboxParams()));
    QVERIFY2(made.ok(), qPrintable(made.error.message));
    m_sandbox = made.sandbox.id;
}

void TestHugeOutput::cleanupTestCase()
{
    m_executor.reset();
    m_client.reset();
    m_server.reset();
}

void TestHugeOutput::boundedOutputKeepsHeadAndTail()
{
    BoundedOutput out(64 * 1024);
    for (int i = 1; i <= 20000; ++i)
        out.append(QByteArray::number(i) + '\n');
    const QByteArray text = out.text();
    qInfo("tried: 20,000 numbered lines (%lld bytes) into a 64 KiB BoundedOutput, result: %lld "
          "bytes kept, %lld omitted",
          qlonglong(out.total()), qlonglong(text.size()), qlonglong(out.omitted()));
    QVERIFY(text.startsWith("1\n2\n3\n"));
    QVERIFY(text.endsWith("19999\n20000\n"));
    QVERIFY(text.contains("[output truncated: "));
    QVERIFY(text.size() < 64 * 1024 + 200);
    // Whole lines on both sides of the marker.
    const qsizetype marker = text.indexOf("[output truncated: ");
    QCOMPARE(text.at(marker - 1), '\n');
    const QByteArray afterMarker = text.mid(text.indexOf('\n', marker) + 1, 10);
    QVERIFY2(afterMarker.at(0) >= '1' && afterMarker.at(0) <= '9', afterMarker.constData());

    BoundedOutput small(64 * 1024);
    small.append("hello\n");
    QCOMPARE(small.text(), QByteArray("hello\n"));
    QCOMPARE(small.omitted(), 0);
}

void TestHugeOutput::hundredMegabytes_data()
{
    QTest::addColumn<bool>("inSession");
    QTest::newRow("execute (local sandboxes)") << false;
    QTest::newRow("session (Daytona's way)") << true;
}

void TestHugeOutput::hundredMegabytes()
{
    QFETCH(bool, inSession);
    ToolContext context;
    context.commandsInSessions = inSession;
    // 100 MB in 40-byte lines, then a last line that only a kept tail shows.
    const QString command
        = QStringLiteral("yes 0123456789abcdefghijklmnopqrstuvwxyz012 | head -c %1; echo; "
                         "echo the-end")
              .arg(kHundredMb);
    const qint64 before = statusKb("VmRSS:");
    QVERIFY(resetPeakRss());
    ToolExecution *execution = m_executor->execute(
        QStringLiteral("runCommand"),
        {{QStringLiteral("sandboxId"), m_sandbox}, {QStringLiteral("command"), command}}, context);
    QSignalSpy spy(execution, &ToolExecution::finished);
    QVERIFY(spy.wait(120000));
    const ToolOutcome o = spy.first().first().value<ToolOutcome>();
    const qint64 peak = statusKb("VmHWM:");
    QVERIFY2(!o.isError(), qPrintable(o.errorMessage()));
    const QString stdoutText = o.result.value(QLatin1String("stdout")).toString();
    const QString forModel = o.forModel.value(QLatin1String("stdout")).toString();
    qInfo("tried: runCommand printing 100 MB %s, result: stdout %lld chars kept, %lld for the "
          "model, exit code %d; RSS %.1f MiB before, peak %.1f MiB (+%.1f MiB)",
          inSession ? "through a followed session" : "through /process/execute",
          qlonglong(stdoutText.size()), qlonglong(forModel.size()),
          o.result.value(QLatin1String("exitCode")).toInt(), double(before) / 1024,
          double(peak) / 1024, double(peak - before) / 1024);
    // What the user sees: the start of the output, a marker saying it was cut, about 1 MiB.
    QVERIFY(stdoutText.startsWith(QLatin1String("0123456789abcdefghijklmnopqrstuvwxyz012\n")));
    QVERIFY2(stdoutText.contains(QLatin1String("[output truncated: ")),
             qPrintable(stdoutText.right(300)));
    QVERIFY(stdoutText.size() <= 2 * 1024 * 1024);
    QVERIFY(forModel.size() <= 64 * 1024);
    if (inSession) // the session keeps running to the end: its last line is kept
        QVERIFY2(stdoutText.endsWith(QLatin1String("the-end\n")),
                 qPrintable(stdoutText.right(200)));
    // The process never held the output whole (100 MB; 200 MB as text): a generous bound.
    QVERIFY2(peak - before < kPeakGrowthBoundKiB, qPrintable(QString::number(peak - before)));
}

QTEST_GUILESS_MAIN(TestHugeOutput)
#include "tst_hugeoutput.moc"
