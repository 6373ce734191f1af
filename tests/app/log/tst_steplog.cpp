// The step log line is exactly the documented shape, one line per step, with secrets redacted.
#include "log/Redactor.h"
#include "log/StepLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestStepLog final : public QObject
{
    Q_OBJECT

private slots:
    void matchesTheSpecExampleByteForByte();
    void callsWithoutResultsAndMissingUsage();
    void secretsNeverReachTheLine();
    void prettyFormForPeople();

private:
    static StepLogEntry specExample();
};

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
    return entry;
}

void TestStepLog::matchesTheSpecExampleByteForByte()
{
    const QByteArray line = StepLog::jsonLine(specExample(), Redactor());
    // specs/agent-tools.md, compacted (arguments objects are written with sorted keys).
    const QByteArray expected
        = R"({"text":"","toolCalls":[{"type":"tool-call","runId":"run-1","from":"AGENT",)"
          R"("payload":{"toolCallId":"call_1","toolName":"writeFile","args":{"content":)"
          R"("console.log('Hello, world!');","path":"hello.js","sandboxId":"sb"}}}],)"
          R"("toolResults":[{"type":"tool-result","runId":"run-1","from":"AGENT","payload":)"
          R"({"toolCallId":"call_1","toolName":"writeFile","result":{"path":"/home/daytona/hello.js",)"
          R"("success":true}}}],"finishReason":"tool-calls","usage":{"inputTokens":4243,)"
          R"("outputTokens":53,"totalTokens":4296,"reasoningTokens":0,"cachedInputTokens":4096}})"
          "\n";
    QCOMPARE(line, expected);
    QJsonParseError error;
    QJsonDocument::fromJson(line, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
}

void TestStepLog::callsWithoutResultsAndMissingUsage()
{
    StepLogEntry entry = specExample();
    entry.calls[0].result = QJsonValue(QJsonValue::Undefined);
    entry.usage = {};
    entry.text = QStringLiteral("line one\nline \"two\"");
    const QByteArray line = StepLog::jsonLine(entry, Redactor());
    QCOMPARE(line.count('\n'), 1);
    const QJsonObject object = QJsonDocument::fromJson(line).object();
    QCOMPARE(object.value(QLatin1String("toolCalls")).toArray().size(), 1);
    QCOMPARE(object.value(QLatin1String("toolResults")).toArray().size(), 0);
    QCOMPARE(object.value(QLatin1String("text")).toString(), entry.text);
    const QJsonObject usage = object.value(QLatin1String("usage")).toObject();
    QCOMPARE(usage.keys().size(), 5);
    QCOMPARE(usage.value(QLatin1String("cachedInputTokens")).toInt(-1), 0);
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

void TestStepLog::prettyFormForPeople()
{
    StepLogEntry entry = specExample();
    entry.durationMs = 1240;
    entry.text = QStringLiteral("Done.");
    const QString text = StepLog::pretty(entry, Redactor());
    QVERIFY2(text.startsWith(
                 QStringLiteral("step 2 · tool-calls · 4243 in (4096 cached) / 53 out · 1.2 s\n")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("  → writeFile {")));
    QVERIFY(text.contains(QStringLiteral("  ← writeFile {\"path\":\"/home/daytona/hello.js\"")));
    QVERIFY(text.endsWith(QStringLiteral("  Done.\n")));
}

QTEST_GUILESS_MAIN(TestStepLog)
#include "tst_steplog.moc"
