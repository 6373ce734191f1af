// Redactor: no key survives into a log line, step log or export, and ordinary text is left alone.
#include "log/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestRedactor final : public QObject
{
    Q_OBJECT

private slots:
    void exactValuesAnywhereInText();
    void patterns_data();
    void patterns();
    void ordinaryTextUntouched_data();
    void ordinaryTextUntouched();
    void fieldNames_data();
    void fieldNames();
    void jsonByNameAndValue();
    void environmentMapsByVariableName();
    void jsonInsideStrings();
    void shortValuesAreNotSecrets();
};

void TestRedactor::exactValuesAnywhereInText()
{
    Redactor redactor;
    const QString key = QStringLiteral("my-own-proxy-key-7f3a91");
    redactor.addSecret(key);
    redactor.addSecret(key + QStringLiteral("-longer")); // the longer one is replaced whole
    const QString line
        = QStringLiteral("curl -H \"x-api-key: %1\" https://x; again %1-longer.").arg(key);
    const QString out = redactor.redactText(line);
    QVERIFY2(!out.contains(QLatin1String("7f3a91")), qPrintable(out));
    QCOMPARE(out, QStringLiteral("curl -H \"x-api-key: [REDACTED]\" https://x; again [REDACTED]."));
    QCOMPARE(redactor.redactUtf8(key.toUtf8()), QByteArray("[REDACTED]"));

    redactor.removeSecret(key + QStringLiteral("-longer"));
    redactor.removeSecret(key);
    QCOMPARE(redactor.secretCount(), 0);
    QCOMPARE(redactor.redactText(key), key);
}

void TestRedactor::patterns_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("openai project key")
        << QStringLiteral("key=sk-proj-AbCdEfGhIjKlMnOpQrStUvWx123 ok")
        << QStringLiteral("key=[REDACTED] ok");
    QTest::newRow("anthropic key") << QStringLiteral("sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAA_bb")
                                   << QStringLiteral("[REDACTED]");
    QTest::newRow("openrouter key") << QStringLiteral("\"sk-or-v1-0123456789abcdef0123456789\"")
                                    << QStringLiteral("\"[REDACTED]\"");
    QTest::newRow("daytona key") << QStringLiteral("DAYTONA_API_KEY=dtn_0123456789abcdefABCDEF")
                                 << QStringLiteral("DAYTONA_API_KEY=[REDACTED]");
    QTest::newRow("groq key") << QStringLiteral("gsk_0123456789abcdefABCDEFxyz")
                              << QStringLiteral("[REDACTED]");
    QTest::newRow("bearer header") << QStringLiteral("Authorization: Bearer eyJhbGciOi.J9x_y-z")
                                   << QStringLiteral("Authorization: Bearer [REDACTED]");
    QTest::newRow("github token") << QStringLiteral("ghp_abcdefghijklmnopqrstuvwxyz0123456789")
                                  << QStringLiteral("[REDACTED]");
}

void TestRedactor::patterns()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(Redactor().redactText(text), expected);
}

void TestRedactor::ordinaryTextUntouched_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("task words") << QStringLiteral(
        "ask-the-agent to run task-runner-for-everything");
    QTest::newRow("code") << QStringLiteral("def reverse_string(s):\n    return s[::-1]\n");
    QTest::newRow("short sk") << QStringLiteral("sk-learn is a library; risk-free");
    QTest::newRow("bearer word") << QStringLiteral("the Bearer of bad news");
}

void TestRedactor::ordinaryTextUntouched()
{
    QFETCH(QString, text);
    QCOMPARE(Redactor().redactText(text), text);
}

void TestRedactor::fieldNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("secret");
    for (const char *name : {"apiKey", "api_key", "Api-Key", "x-api-key", "Authorization",
                             "openai_api_key", "accessToken", "client_secret", "password",
                             "Proxy-Authorization", "cookie", "token", "DAYTONA_API_KEY"})
        QTest::newRow(name) << QString::fromLatin1(name) << true;
    for (const char *name : {"prompt_tokens", "inputTokens", "maxTokens", "keyboard", "path",
                             "sandboxId", "tokenizer", "keys", "monkey"})
        QTest::newRow(name) << QString::fromLatin1(name) << false;
}

void TestRedactor::fieldNames()
{
    QFETCH(QString, name);
    QFETCH(bool, secret);
    QCOMPARE(Redactor::isSecretFieldName(name), secret);
}

void TestRedactor::jsonByNameAndValue()
{
    Redactor redactor;
    redactor.addSecret(QStringLiteral("loaded-from-keychain-123"));
    const QJsonObject in{
        {QStringLiteral("apiKey"), QStringLiteral("anything at all")},
        {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), 12}}},
        {QStringLiteral("stdout"), QStringLiteral("echo loaded-from-keychain-123")},
        {QStringLiteral("headers"),
         QJsonArray{QJsonObject{{QStringLiteral("Authorization"), QStringLiteral("Bearer abc")}}}},
    };
    const QJsonObject out = redactor.redactJson(in).toObject();
    QCOMPARE(out.value(QStringLiteral("apiKey")).toString(), Redactor::marker());
    QCOMPARE(out.value(QStringLiteral("usage"))
                 .toObject()
                 .value(QStringLiteral("prompt_tokens"))
                 .toInt(),
             12);
    QCOMPARE(out.value(QStringLiteral("stdout")).toString(), QStringLiteral("echo [REDACTED]"));
    QCOMPARE(out.value(QStringLiteral("headers"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("Authorization"))
                 .toString(),
             Redactor::marker());
}

void TestRedactor::environmentMapsByVariableName()
{
    const QJsonObject args{
        {QStringLiteral("command"), QStringLiteral("python3 app.py")},
        {QStringLiteral("envs"),
         QJsonObject{{QStringLiteral("MY_SERVICE_AUTH"), QStringLiteral("hunter2hunter2")},
                     {QStringLiteral("GH_TOKEN"), QStringLiteral("abc")},
                     {QStringLiteral("DEBUG"), QStringLiteral("1")}}},
    };
    const QJsonObject envs
        = Redactor().redactJson(args).toObject().value(QStringLiteral("envs")).toObject();
    QCOMPARE(envs.value(QStringLiteral("MY_SERVICE_AUTH")).toString(), Redactor::marker());
    QCOMPARE(envs.value(QStringLiteral("GH_TOKEN")).toString(), Redactor::marker());
    QCOMPARE(envs.value(QStringLiteral("DEBUG")).toString(), QStringLiteral("1"));
}

void TestRedactor::jsonInsideStrings()
{
    // Tool-call arguments arrive as a JSON string.
    const QJsonObject call{
        {QStringLiteral("arguments"),
         QStringLiteral("{\"envVars\":{\"OPENAI_API_KEY\":\"plain\"},\"n\":1}")}};
    const QString out
        = Redactor().redactJson(call).toObject().value(QStringLiteral("arguments")).toString();
    QVERIFY2(!out.contains(QLatin1String("plain")), qPrintable(out));
    QVERIFY(out.contains(QLatin1String("\"n\":1")));
}

void TestRedactor::shortValuesAreNotSecrets()
{
    Redactor redactor;
    redactor.addSecret(QStringLiteral("abc"));
    redactor.addSecret(QStringLiteral("   "));
    QCOMPARE(redactor.secretCount(), 0);
    QCOMPARE(redactor.redactText(QStringLiteral("abc abc")), QStringLiteral("abc abc"));
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
