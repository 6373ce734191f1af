// The step log line is exactly the documented shape, one line per step, with secrets redacted.
// The expected lines and their pretty forms are golden files in tests/data/steplog: for each
// case, <case>.jsonl is the line and <case>.txt what `--log-format pretty` prints.
#include "log/Redactor.h"
#include "log/StepLog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestStepLog final : public QObject
{
    Q_OBJECT

private slots:
    void jsonLineMatchesGolden_data();
    void jsonLineMatchesGolden();
    void prettyMatchesGolden_data();
    void prettyMatchesGolden();
    void argumentsAreAnObjectWhenTheTextParses_data();
    void argumentsAreAnObjectWhenTheTextParses();
    void secretsNeverReachTheLine();

private:
    static void cases();
    static StepLogEntry entry(const QString &name);
    static StepLogEntry specExample();
    static QByteArray golden(const QString &file);
};

// The step of specs/agent-tools.md's example.
StepLogEntry TestStepLog::specExample()
{
    StepLogEntry entry;
    entry.runId = QStringLiteral("run-1");
    entry.stepIndex = 2;
    StepLogCall call;
    call.toolCallId = QStringLiteral("call_1");
    call.toolName = QStringLiteral("writeFile");
    call.args
        = QJsonObject{{QStringLiteral("sandboxId"), QStringLiteral("sb")},
                      {QStringLiteral("path"), QStringLiteral("hello.js")},
                      {QStringLiteral("content"), QStringLiteral("console.log('Hello, world!');")}};
    call.result = QJsonObject{{QStringLiteral("success"), true},
                              {QStringLiteral("path"), QStringLiteral("/home/daytona/hello.js")}};
    entry.calls = {call};
    entry.finishReason = QStringLiteral("tool-calls");
    entry.usage = TokenUsage{4243, 53, 4296, 0, 4096};
    entry.durationMs = 1240;
    return entry;
}

// The steps the golden files describe, by the files' names.
StepLogEntry TestStepLog::entry(const QString &name)
{
    StepLogEntry entry = specExample();
    if (name == QLatin1String("spec-example"))
        return entry;
    if (name == QLatin1String("no-result-no-usage")) {
        // A call that did not run, a provider that reported no usage, text with a newline.
        entry.calls[0].result = QJsonValue(QJsonValue::Undefined);
        entry.usage = {};
        entry.text = QStringLiteral("line one\nline \"two\"");
        entry.finishReason = QStringLiteral("stop");
        entry.durationMs = -1;
        return entry;
    }
    if (name == QLatin1String("unknown-tool")) {
        // A tool the agent does not have: its arguments are still an object.
        entry.calls[0].toolName = QStringLiteral("executeShell");
        entry.calls[0].args = StepLog::arguments(QStringLiteral("{\"cmd\": \"ls -la\"}"));
        entry.calls[0].result = QJsonObject{
            {QStringLiteral("error"),
             QStringLiteral(
                 "Unknown tool 'executeShell'. The available tools are: createSandbox.")}};
        entry.usage = TokenUsage{120, 30, 150, 12, 0};
        return entry;
    }
    if (name == QLatin1String("unparsed-arguments")) {
        // Arguments cut off mid-stream are logged as the text that came.
        entry.calls[0].toolName = QStringLiteral("readFile");
        entry.calls[0].args
            = StepLog::arguments(QStringLiteral("{\"sandboxId\": \"x\", \"path\": "));
        entry.calls[0].result
            = QJsonObject{{QStringLiteral("error"),
                           QStringLiteral("The arguments of readFile are not a JSON object.")}};
        return entry;
    }
    qFatal("no step-log case %s", qPrintable(name));
}

QByteArray TestStepLog::golden(const QString &file)
{
    QFile f(QStringLiteral(STUDIO_TEST_DATA_DIR "/steplog/") + file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing golden file %s", qPrintable(f.fileName()));
    return f.readAll();
}

void TestStepLog::cases()
{
    QTest::addColumn<QString>("name");
    for (const char *name :
         {"spec-example", "no-result-no-usage", "unknown-tool", "unparsed-arguments"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestStepLog::jsonLineMatchesGolden_data()
{
    cases();
}

void TestStepLog::jsonLineMatchesGolden()
{
    QFETCH(QString, name);
    const QByteArray line = StepLog::jsonLine(entry(name), Redactor());
    QCOMPARE(line, golden(name + QStringLiteral(".jsonl")));
    QCOMPARE(line.count('\n'), 1);
    QJsonParseError error;
    QJsonDocument::fromJson(line, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
}

void TestStepLog::prettyMatchesGolden_data()
{
    cases();
}

// The pretty form, from the step and from its line (what the CLI prints for a stored run).
void TestStepLog::prettyMatchesGolden()
{
    QFETCH(QString, name);
    const StepLogEntry step = entry(name);
    const QString expected = QString::fromUtf8(golden(name + QStringLiteral(".txt")));
    QCOMPARE(StepLog::pretty(step, Redactor()), expected);
    QCOMPARE(StepLog::prettyFromLine(golden(name + QStringLiteral(".jsonl")), step.stepIndex,
                                     step.durationMs),
             expected);
}

void TestStepLog::argumentsAreAnObjectWhenTheTextParses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("object") << QStringLiteral("{\"path\": \"a.py\"}")
                            << QJsonValue(
                                   QJsonObject{{QStringLiteral("path"), QStringLiteral("a.py")}});
    QTest::newRow("empty object") << QStringLiteral("{}") << QJsonValue(QJsonObject());
    QTest::newRow("no text") << QString() << QJsonValue(QJsonObject());
    QTest::newRow("cut off") << QStringLiteral("{\"path\": ")
                             << QJsonValue(QStringLiteral("{\"path\": "));
    QTest::newRow("not an object")
        << QStringLiteral("[1, 2]") << QJsonValue(QStringLiteral("[1, 2]"));
}

void TestStepLog::argumentsAreAnObjectWhenTheTextParses()
{
    QFETCH(QString, text);
    QFETCH(QJsonValue, expected);
    QCOMPARE(StepLog::arguments(text), expected);
}

void TestStepLog::secretsNeverReachTheLine()
{
    const QString key = QStringLiteral("sk-proj-TESTKEY0123456789abcdefXYZ");
    const QString custom = QStringLiteral("custom-proxy-secret-42");
    Redactor redactor;
    redactor.addSecret(custom);
    StepLogEntry entry = specExample();
    entry.text = QStringLiteral("I will use ") + custom;
    entry.calls[0].toolName = QStringLiteral("runCommand");
    entry.calls[0].args = QJsonObject{
        {QStringLiteral("command"),
         QString(QStringLiteral("curl -H 'Authorization: Bearer ") + key + QLatin1Char('\''))},
        {QStringLiteral("envs"),
         QJsonObject{{QStringLiteral("OPENAI_API_KEY"), key},
                     {QStringLiteral("SERVICE_TOKEN"), QStringLiteral("t0ps3cr3t")},
                     {QStringLiteral("MODE"), QStringLiteral("dev")}}}};
    entry.calls[0].result
        = QJsonObject{{QStringLiteral("stdout"), QString(QStringLiteral("token=") + custom)}};
    for (const QByteArray &out :
         {StepLog::jsonLine(entry, redactor), StepLog::pretty(entry, redactor).toUtf8()}) {
        QVERIFY2(!out.contains(key.toUtf8()), out.constData());
        QVERIFY2(!out.contains(custom.toUtf8()), out.constData());
        QVERIFY2(!out.contains("t0ps3cr3t"), out.constData());
        QVERIFY(out.contains("[REDACTED]"));
    }
    QVERIFY(StepLog::jsonLine(entry, redactor).contains(R"("MODE":"dev")"));
}

QTEST_GUILESS_MAIN(TestStepLog)
#include "tst_steplog.moc"
