// Error classification (HTTP statuses and every provider's envelope, recorded 400s included)
// and the retry policy (which errors, how many times, how long, never after content).
#include "LlmTestSupport.h"

#include "llm/LlmError.h"
#include "llm/RetryPolicy.h"

#include <QTest>

using namespace std::chrono_literals;
using K = LlmError::Kind;

class TestLlmErrors final : public QObject
{
    Q_OBJECT

private slots:
    void classifyHttp_data();
    void classifyHttp();
    void recordedErrorBodies();
    void messagesSayWhatToDo();
    void retryableKinds_data();
    void retryableKinds();
    void backoffGrowsWithJitter();
    void retryAfterHeaders_data();
    void retryAfterHeaders();
    void retryDecision();
};

// The JSON body of a txtar section ("-- streaming --"), after the HTTP header block.
static QByteArray txtarBody(const QString &file, int *status)
{
    const QByteArray all = LlmTest::readDataFile(file);
    const qsizetype start = all.indexOf("-- streaming --\n") + 16;
    const qsizetype end = all.indexOf("\n-- ", start);
    const QByteArray section = all.mid(start, end - start);
    *status = section.mid(section.indexOf(' ') + 1, 3).toInt();
    return section.mid(section.indexOf("\n\n") + 2).trimmed();
}

void TestLlmErrors::classifyHttp_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("providerMessage");

    QTest::newRow("OpenAI 401")
        << 401
        << QByteArray(
               R"({"error":{"message":"Incorrect API key provided: sk-abc***","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})")
        << int(K::InvalidKey) << QStringLiteral("Incorrect API key provided: sk-abc***");
    QTest::newRow("Anthropic 401")
        << 401
        << QByteArray(
               R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_1"})")
        << int(K::InvalidKey) << QStringLiteral("invalid x-api-key");
    QTest::newRow("OpenAI 429 rate limit")
        << 429
        << QByteArray(
               R"({"error":{"message":"Rate limit reached for gpt-4o","type":"tokens","param":null,"code":"rate_limit_exceeded"}})")
        << int(K::RateLimited) << QStringLiteral("Rate limit reached for gpt-4o");
    QTest::newRow("OpenAI 429 insufficient quota")
        << 429
        << QByteArray(
               R"({"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})")
        << int(K::QuotaExceeded) << QStringLiteral("You exceeded your current quota");
    QTest::newRow("Anthropic spend limit 429")
        << 429
        << QByteArray(
               R"({"type":"error","error":{"type":"rate_limit_error","message":"spend limit","details":{"error_code":"enforced_spend_limit_reached"}}})")
        << int(K::QuotaExceeded) << QStringLiteral("spend limit");
    QTest::newRow("Anthropic 529")
        << 529
        << QByteArray(
               R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
        << int(K::Overloaded) << QStringLiteral("Overloaded");
    QTest::newRow("503") << 503 << QByteArray("Service Unavailable") << int(K::Overloaded)
                         << QStringLiteral("Service Unavailable");
    QTest::newRow("OpenAI 500")
        << 500
        << QByteArray(
               R"({"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error"}})")
        << int(K::ServerError)
        << QStringLiteral(
               "The server had an error while processing your request. Sorry about that!");
    QTest::newRow("502 html") << 502 << QByteArray("<html><body>502 Bad Gateway</body></html>")
                              << int(K::ServerError)
                              << QStringLiteral("<html><body>502 Bad Gateway</body></html>");
    QTest::newRow("unsupported parameter")
        << 400
        << QByteArray(
               R"({"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","code":"unsupported_parameter"}})")
        << int(K::BadRequest)
        << QStringLiteral("Unsupported parameter: 'max_tokens' is not supported with this model. "
                          "Use 'max_completion_tokens' instead.");
    QTest::newRow("model not found")
        << 404
        << QByteArray(
               R"({"error":{"message":"The model `gpt-9` does not exist","type":"invalid_request_error","param":null,"code":"model_not_found"}})")
        << int(K::NotFound) << QStringLiteral("The model `gpt-9` does not exist");
    QTest::newRow("Gemini array")
        << 400
        << QByteArray(
               R"([{"error":{"code":400,"message":"Function call is missing a thought_signature","status":"INVALID_ARGUMENT"}}])")
        << int(K::BadRequest) << QStringLiteral("Function call is missing a thought_signature");
    QTest::newRow("Gemini 429")
        << 429
        << QByteArray(
               R"([{"error":{"code":429,"message":"Quota exceeded for metric","status":"RESOURCE_EXHAUSTED"}}])")
        << int(K::RateLimited) << QStringLiteral("Quota exceeded for metric");
    QTest::newRow("OpenRouter 402 credits")
        << 402 << QByteArray(R"({"error":{"code":402,"message":"Insufficient credits"}})")
        << int(K::QuotaExceeded) << QStringLiteral("Insufficient credits");
    QTest::newRow("Ollama string error")
        << 404 << QByteArray(R"({"error":"model 'qwen9' not found"})") << int(K::NotFound)
        << QStringLiteral("model 'qwen9' not found");
    QTest::newRow("vLLM flat 400")
        << 400
        << QByteArray(
               R"({"object":"error","message":"This model's maximum context length is 8192 tokens","type":"BadRequestError","param":null,"code":400})")
        << int(K::ContextTooLong)
        << QStringLiteral("This model's maximum context length is 8192 tokens");
    QTest::newRow("403")
        << 403
        << QByteArray(
               R"({"type":"error","error":{"type":"permission_error","message":"no access"}})")
        << int(K::PermissionDenied) << QStringLiteral("no access");
    QTest::newRow("413")
        << 413
        << QByteArray(
               R"({"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum size"}})")
        << int(K::ContextTooLong) << QStringLiteral("Request exceeds the maximum size");
}

void TestLlmErrors::classifyHttp()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, providerMessage);
    const LlmError e = LlmError::fromHttp(status, body, QStringLiteral("Acme AI"));
    QCOMPARE(LlmError::kindName(e.kind()), LlmError::kindName(K(kind)));
    QCOMPARE(e.providerMessage(), providerMessage);
    QCOMPARE(e.httpStatus(), status);
    QVERIFY(e.message().contains(providerMessage));
}

void TestLlmErrors::recordedErrorBodies()
{
    int status = 0;
    const QByteArray openAi
        = txtarBody(QStringLiteral("openai-chat-400-context-length.txtar"), &status);
    QCOMPARE(status, 400);
    const LlmError o = LlmError::fromHttp(status, openAi, QStringLiteral("OpenAI"));
    QCOMPARE(o.kind(), K::ContextTooLong);
    QCOMPARE(o.providerCode(), QStringLiteral("context_length_exceeded"));
    QVERIFY(o.message().contains(QLatin1String("3148588 tokens")));
    QVERIFY(o.message().contains(QLatin1String("Start a new thread")));
    QVERIFY(!o.isRetryable());

    const QByteArray anthropic
        = txtarBody(QStringLiteral("anthropic-400-prompt-too-long.txtar"), &status);
    QCOMPARE(status, 400);
    const LlmError a = LlmError::fromHttp(status, anthropic, QStringLiteral("Anthropic"));
    QCOMPARE(a.kind(), K::ContextTooLong);
    QCOMPARE(a.providerMessage(),
             QStringLiteral("prompt is too long: 205429 tokens > 200000 maximum"));
    QCOMPARE(a.requestId(), QStringLiteral("req_011CV5Jab6gR3ZNs9Sj6apiD"));
    QVERIFY(!a.isRetryable());
}

void TestLlmErrors::messagesSayWhatToDo()
{
    const LlmError missing
        = LlmError::missingKey(QStringLiteral("OpenAI"), QStringLiteral("OPENAI_API_KEY"));
    QCOMPARE(missing.kind(), K::MissingKey);
    QVERIFY(missing.message().contains(QLatin1String("OPENAI_API_KEY")));
    QVERIFY(missing.message().contains(QLatin1String("Settings")));
    const LlmError invalid = LlmError::fromHttp(401, "{}", QStringLiteral("OpenAI"));
    QVERIFY(invalid.message().contains(QLatin1String("Check the key")));
    const LlmError down = LlmError::networkDown(QStringLiteral("Ollama (local)"),
                                                QStringLiteral("http://localhost:11434/v1"),
                                                QStringLiteral("Connection refused"));
    QCOMPARE(down.kind(), K::NetworkDown);
    QVERIFY(down.message().contains(QLatin1String("http://localhost:11434/v1")));
    QVERIFY(down.message().contains(QLatin1String("Connection refused")));
    const LlmError cut = LlmError::streamCut(QStringLiteral("Groq"), QStringLiteral("reset"));
    QVERIFY(cut.message().contains(QLatin1String("try again")));
    const LlmError rate = LlmError::fromHttp(429, "{}", QStringLiteral("Groq"));
    QVERIFY(rate.message().contains(QLatin1String("Wait a moment")));
}

void TestLlmErrors::retryableKinds_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("retryable");
    for (int s : {408, 409, 429, 500, 502, 503, 504, 529})
        QTest::addRow("%d", s) << s << true;
    for (int s : {400, 401, 402, 403, 404, 413, 422})
        QTest::addRow("%d", s) << s << false;
}

void TestLlmErrors::retryableKinds()
{
    QFETCH(int, status);
    QFETCH(bool, retryable);
    QCOMPARE(LlmError::fromHttp(status, "{}", QStringLiteral("P")).isRetryable(), retryable);
}

void TestLlmErrors::backoffGrowsWithJitter()
{
    RetryPolicy policy;
    double r = 0.0;
    policy.random = [&r] { return r; };
    QCOMPARE(policy.backoff(0), 500ms);
    QCOMPARE(policy.backoff(1), 1000ms);
    QCOMPARE(policy.backoff(2), 2000ms);
    QCOMPARE(policy.backoff(6), 8000ms); // capped
    r = 0.999;
    QVERIFY(policy.backoff(0) > 374ms && policy.backoff(0) < 500ms); // up to 25 % less
    r = 0.5;
    QCOMPARE(policy.backoff(1), 875ms);
}

void TestLlmErrors::retryAfterHeaders_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("expectedMs"); // -1: ignored, backoff used

    QTest::newRow("retry-after seconds") << QByteArray("retry-after") << QByteArray("2") << 2000;
    QTest::newRow("retry-after fraction") << QByteArray("Retry-After") << QByteArray("0.25") << 250;
    QTest::newRow("retry-after-ms") << QByteArray("retry-after-ms") << QByteArray("1234") << 1234;
    QTest::newRow("HTTP date") << QByteArray("retry-after")
                               << QByteArray("Thu, 26 Nov 2026 07:00:05 GMT") << 5000;
    QTest::newRow("too long ignored") << QByteArray("retry-after") << QByteArray("120") << -1;
    QTest::newRow("zero ignored") << QByteArray("retry-after") << QByteArray("0") << -1;
    QTest::newRow("junk ignored") << QByteArray("retry-after") << QByteArray("soon") << -1;
}

void TestLlmErrors::retryAfterHeaders()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(int, expectedMs);
    RetryPolicy policy;
    policy.random = [] { return 0.0; };
    policy.now = [] { return QDateTime(QDate(2026, 11, 26), QTime(7, 0, 0), Qt::UTC); };
    const RawHeaders headers{{name, value}};
    const auto after = policy.retryAfter(headers);
    QCOMPARE(after.has_value(), expectedMs >= 0);
    const LlmError rateLimited = LlmError::fromHttp(429, "{}", QStringLiteral("P"));
    const RetryPolicy::Decision d = policy.decide(0, rateLimited, headers, false);
    QVERIFY(d.retry);
    QCOMPARE(d.delay.count(), expectedMs >= 0 ? expectedMs : 500);
}

void TestLlmErrors::retryDecision()
{
    RetryPolicy policy;
    policy.random = [] { return 0.0; };
    const LlmError server = LlmError::fromHttp(500, "{}", QStringLiteral("P"));
    const LlmError bad = LlmError::fromHttp(400, "{}", QStringLiteral("P"));
    const LlmError down = LlmError::networkDown(QStringLiteral("P"), QStringLiteral("u"),
                                                QStringLiteral("refused"));
    QVERIFY(policy.decide(0, server, {}, false).retry);
    QVERIFY(policy.decide(1, server, {}, false).retry);
    QVERIFY(!policy.decide(2, server, {}, false).retry); // 2 retries by default
    QVERIFY(policy.decide(0, down, {}, false).retry);
    QVERIFY(!policy.decide(0, bad, {}, false).retry);
    QVERIFY(!policy.decide(0, LlmError::cancelled(), {}, false).retry);
    // Never after the caller saw content.
    QVERIFY(!policy.decide(0, server, {}, true).retry);
    // x-should-retry overrides the status.
    QVERIFY(!policy.decide(0, server, {{"x-should-retry", "false"}}, false).retry);
    QVERIFY(policy.decide(0, bad, {{"X-Should-Retry", "true"}}, false).retry);
    policy.maxRetries = 0;
    QVERIFY(!policy.decide(0, server, {}, false).retry);
}

QTEST_GUILESS_MAIN(TestLlmErrors)
#include "tst_llmerrors.moc"
