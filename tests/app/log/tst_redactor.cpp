// Redactor: no key survives into a log line, step log or export, and ordinary text is left alone.
#include "log/Redactor.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

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
    void encodedKnownKeys_data();
    void encodedKnownKeys();
    void speedWithManyKeys();
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
    QTest::newRow("github fine-grained")
        << QStringLiteral("GH=github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCD")
        << QStringLiteral("GH=[REDACTED]");
    QTest::newRow("gitlab token") << QStringLiteral("glpat-AbCdEf0123456789xyZW tail")
                                  << QStringLiteral("[REDACTED] tail");
    QTest::newRow("hugging face token")
        << QStringLiteral("HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567")
        << QStringLiteral("HF_TOKEN=[REDACTED]");
    QTest::newRow("aws access key id") << QStringLiteral("aws_access_key_id = AKIAIOSFODNN7EXAMPLE")
                                       << QStringLiteral("aws_access_key_id = [REDACTED]");
    QTest::newRow("aws session key id")
        << QStringLiteral("ASIAY34FZKBOKMUTVV7A,") << QStringLiteral("[REDACTED],");
    QTest::newRow("slack bot token")
        << QStringLiteral("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx")
        << QStringLiteral("[REDACTED]");
    QTest::newRow("slack user token") << QStringLiteral("token xoxp-1234567890-abcdefABCDEF")
                                      << QStringLiteral("token [REDACTED]");
    QTest::newRow("bearer lowercase") << QStringLiteral("authorization: bearer abcdEFGH12345678")
                                      << QStringLiteral("authorization: bearer [REDACTED]");
    QTest::newRow("bearer after a tab") << QStringLiteral("Bearer\tabcdEFGH12345678 rest")
                                        << QStringLiteral("Bearer\t[REDACTED] rest");
    QTest::newRow("bearer uppercase, two spaces")
        << QStringLiteral("BEARER  abcdEFGH12345678") << QStringLiteral("BEARER  [REDACTED]");
    QTest::newRow("basic credentials")
        << QStringLiteral("-H 'Authorization: Basic dXNlcjpodW50ZXIyaHVudGVyMg=='")
        << QStringLiteral("-H 'Authorization: Basic [REDACTED]'");
    QTest::newRow("basic without a header") << QStringLiteral("basic\tdXNlcjpwYXNzd29yZA== end")
                                            << QStringLiteral("basic\t[REDACTED] end");
    QTest::newRow("authorization token scheme")
        << QStringLiteral("Authorization: token 0123456789abcdef0123")
        << QStringLiteral("Authorization: token [REDACTED]");
    QTest::newRow("authorization in JSON text")
        << QStringLiteral("{\"authorization\": \"token abcdef0123456789\"}")
        << QStringLiteral("{\"authorization\": \"token [REDACTED]\"}");
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
    QTest::newRow("basic word") << QStringLiteral("Basic information about Basic usage");
    QTest::newRow("hf word") << QStringLiteral("hf_model and hf_hub_download(repo)");
    QTest::newRow("akia in a word") << QStringLiteral("AKIAtoolong is not a key");
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

void TestRedactor::encodedKnownKeys_data()
{
    // A key with characters that URL and JSON encodings change.
    const QString key = QStringLiteral("proxy/key+7f3a91=\"q\"&z9");
    const QByteArray utf8 = key.toUtf8();
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoded"); // must not survive
    auto row = [&](const char *name, const QString &encoded) {
        QTest::newRow(name) << key << QStringLiteral("before %1 after").arg(encoded) << encoded;
    };
    row("plain", key);
    const QString url = QString::fromLatin1(QUrl::toPercentEncoding(key));
    row("URL-encoded", url);
    row("URL-encoded, lowercase hex", url.toLower()); // the key has no uppercase letters
    const QString json
        = QString::fromUtf8(QJsonDocument(QJsonArray{key}).toJson(QJsonDocument::Compact));
    row("JSON-escaped", json.mid(2, json.size() - 4));
    QString slashes = json.mid(2, json.size() - 4);
    row("JSON-escaped with \\/", slashes.replace(QStringLiteral("/"), QStringLiteral("\\/")));
    row("base64", QString::fromLatin1(utf8.toBase64()));
    row("base64url", QString::fromLatin1(utf8.toBase64(QByteArray::Base64UrlEncoding)));
    for (const char *prefix : {"user:", "u:", ":", "longer-user-name:"}) {
        const QByteArray basic = QByteArray(QByteArray(prefix) + utf8).toBase64();
        QTest::newRow(
            qPrintable(QStringLiteral("base64 of \"%1<key>\"").arg(QLatin1String(prefix))))
            << key << QStringLiteral("creds=%1 end").arg(QString::fromLatin1(basic))
            << QString::fromLatin1(basic);
    }
    const QByteArray inside = QByteArray("{\"k\":\"" + utf8 + "\",\"x\":1}").toBase64();
    row("base64 of a JSON document holding it", QString::fromLatin1(inside));
}

void TestRedactor::encodedKnownKeys()
{
    QFETCH(QString, key);
    QFETCH(QString, text);
    QFETCH(QString, encoded);
    Redactor redactor;
    redactor.addSecret(key);
    const QString out = redactor.redactText(text);
    qInfo().noquote() << "tried:" << text << "result:" << out;
    QVERIFY2(!out.contains(encoded), qPrintable(out));
    QVERIFY2(out.contains(Redactor::marker()), qPrintable(out));
    QVERIFY(out.startsWith(text.left(5)));
}

void TestRedactor::speedWithManyKeys()
{
    // The redactor sees every step-log line and tool output: 20 known keys (each with its
    // encoded forms) over 1 MiB of ordinary output must stay fast.
    Redactor redactor;
    for (int i = 0; i < 20; ++i)
        redactor.addSecret(QStringLiteral("key-%1-0123456789abcdefghijklmnop").arg(i));
    QString output;
    while (output.size() < (1 << 20))
        output += QStringLiteral("drwxr-xr-x 2 daytona daytona 4096 Jan 1 12:00 src/module_%1.py\n")
                      .arg(output.size());
    QElapsedTimer clock;
    clock.start();
    const QString out = redactor.redactText(output);
    const qint64 ms = clock.elapsed();
    qInfo() << "tried: 1 MiB of ls output, 20 keys with their encodings; result:" << ms << "ms";
    QCOMPARE(out, output);
    QVERIFY2(ms < 2000, qPrintable(QString::number(ms)));
}

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
