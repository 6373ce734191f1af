// ChatStreamRequest, ModelListRequest and LlmClient against local HTTP servers on 127.0.0.1
// that replay the recorded provider streams: every fixture whole, in random chunks and byte by
// byte; retries (429 with retry-after, 500 storms), 401, 400 context length, connection reset,
// stalled stream, cancel, garbage, a 10 MB tool call, timeouts, network down; model listing
// with its cache; title generation; and one conversation run against an OpenAI-shaped and an
// Anthropic-shaped server with the same result at the agent's level.
#include "ExpectedResults.h"
#include "FakeLlmServer.h"
#include "LlmTestSupport.h"

#include "llm/LlmClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;
using namespace LlmTest;
using K = LlmError::Kind;

class TestChatStreamRequest final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void recordedFixtures_data();
    void recordedFixtures();
    void headersAndPathPerProtocol();
    void rateLimitedThenSuccess();
    void retryAfterSecondsIsHonoured();
    void serverErrorStormExhaustsRetries();
    void unauthorized();
    void echoedKeyIsRedacted();
    void contextTooLong_data();
    void contextTooLong();
    void missingKeySendsNothing();
    void localProviderNeedsNoKey();
    void redirectIsFollowed();
    void connectionResetMidStream();
    void connectionResetBeforeContentIsRetried();
    void errorEventBeforeContentIsRetried();
    void errorEventAfterContentIsNotRetried();
    void stalledStreamHitsIdleTimeout();
    void connectTimeout();
    void totalTimeout();
    void cancelMidStream();
    void garbageAndInvalidUtf8();
    void tenMegabyteToolCall();
    void networkDown();
    void unknownProviderAndMissingBaseUrl();
    void baseUrlFromEnvironment();
    void listModels();
    void titleGeneration_data();
    void titleGeneration();
    void sameConversationBothProtocols();
    void switchModelMidConversation();

private:
    LlmClient makeClient(bool anthropic = false);
    ChatResult run(ChatStreamRequest *request, int timeoutMs = 30000);
    static ChatRequest simpleRequest();

    std::unique_ptr<FakeLlmServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

void TestChatStreamRequest::init()
{
    m_server = std::make_unique<FakeLlmServer>();
    QVERIFY(m_server->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
}

void TestChatStreamRequest::cleanup()
{
    m_network.reset();
    m_server.reset();
}

LlmClient TestChatStreamRequest::makeClient(bool anthropic)
{
    LlmClient client(m_network.get());
    client.setEnvironment([](const QString &) { return QString(); });
    for (const char *id : {"openai", "anthropic", "groq", "ollama", "custom"})
        client.setBaseUrlOverride(QString::fromLatin1(id), m_server->baseUrl().toString());
    Q_UNUSED(anthropic);
    RetryPolicy fast;
    fast.initialDelay = 10ms;
    fast.random = [] { return 0.0; };
    client.setRetryPolicy(fast);
    RequestTimeouts t;
    t.connect = 10s;
    t.idle = 10s;
    t.total = 60s;
    client.setTimeouts(t);
    return client;
}

ChatResult TestChatStreamRequest::run(ChatStreamRequest *request, int timeoutMs)
{
    QSignalSpy spy(request, &ChatStreamRequest::finished);
    request->start();
    if (!spy.wait(timeoutMs))
        qWarning("request did not finish");
    if (spy.count() != 1)
        qWarning("finished emitted %d times", int(spy.count()));
    return request->result();
}

ChatRequest TestChatStreamRequest::simpleRequest()
{
    ChatRequest r;
    r.system = QStringLiteral("You are a coding agent.");
    r.messages << ChatMessage::user(QStringLiteral("hello"));
    return r;
}

static ModelRef ref(const char *text)
{
    return *ModelRef::parse(QString::fromLatin1(text));
}

void TestChatStreamRequest::recordedFixtures_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<int>("mode");
    const QList<ExpectedStream> streams = LlmTest::recordedStreams();
    for (int i = 0; i < streams.size(); ++i) {
        QTest::addRow("%s whole", streams[i].file) << i << 0;
        QTest::addRow("%s byte by byte", streams[i].file) << i << 1;
        for (int seed : {2, 3, 4})
            QTest::addRow("%s random %d", streams[i].file, seed) << i << seed;
    }
}

void TestChatStreamRequest::recordedFixtures()
{
    QFETCH(int, which);
    QFETCH(int, mode);
    const ExpectedStream expected = LlmTest::recordedStreams().at(which);
    m_server->enqueue(FakeResponse::stream(streamBody(QString::fromLatin1(expected.file)), mode));
    LlmClient client = makeClient();
    ChatStreamRequest *request = client.chat(ref(expected.anthropic ? "anthropic/m" : "openai/m"),
                                             simpleRequest(), QStringLiteral("sk-test"), this);
    QString streamedText;
    connect(request, &ChatStreamRequest::textDelta, this,
            [&](const QString &t) { streamedText += t; });
    const ChatResult r = run(request);
    const QString diff = compareResult(r, expected);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(streamedText, r.text + r.refusal);
    QCOMPARE(r.attempts, 1);
    QCOMPARE(request->status(), ChatStreamRequest::Status::Finished);
    delete request;
}

void TestChatStreamRequest::headersAndPathPerProtocol()
{
    m_server->enqueue(FakeResponse::stream(streamBody(QStringLiteral("openai-chat-refusal.sse"))));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> o(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("sk-o"), nullptr));
    QVERIFY(run(o.get()).ok());
    m_server->enqueue(
        FakeResponse::stream(streamBody(QStringLiteral("anthropic-text-then-tool-use.sse"))));
    std::unique_ptr<ChatStreamRequest> a(client.chat(
        ref("anthropic/claude-sonnet-4-5"), simpleRequest(), QStringLiteral("sk-a"), nullptr));
    QVERIFY(run(a.get()).ok());

    QCOMPARE(m_server->requests().size(), 2);
    const RecordedRequest &openai = m_server->requests()[0];
    QCOMPARE(openai.method, QByteArray("POST"));
    QCOMPARE(openai.path, QByteArray("/v1/chat/completions"));
    QCOMPARE(openai.headers.value("authorization"), QByteArray("Bearer sk-o"));
    QVERIFY(!openai.headers.contains("x-api-key"));
    QVERIFY(openai.headers.value("content-type").startsWith("application/json"));
    QCOMPARE(openai.json().value(QLatin1String("model")).toString(), QStringLiteral("gpt-4o"));
    QCOMPARE(openai.json().value(QLatin1String("stream")).toBool(), true);
    QCOMPARE(openai.json()
                 .value(QLatin1String("stream_options"))
                 .toObject()
                 .value(QLatin1String("include_usage"))
                 .toBool(),
             true);

    const RecordedRequest &anthropic = m_server->requests()[1];
    QCOMPARE(anthropic.path, QByteArray("/v1/messages"));
    QCOMPARE(anthropic.headers.value("x-api-key"), QByteArray("sk-a"));
    QCOMPARE(anthropic.headers.value("anthropic-version"), QByteArray("2023-06-01"));
    QVERIFY(!anthropic.headers.contains("authorization"));
    QCOMPARE(anthropic.json().value(QLatin1String("model")).toString(),
             QStringLiteral("claude-sonnet-4-5"));
    QVERIFY(anthropic.json().value(QLatin1String("max_tokens")).toInt() > 0);
    QCOMPARE(anthropic.json()
                 .value(QLatin1String("system"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("cache_control"))
                 .toObject()
                 .value(QLatin1String("type"))
                 .toString(),
             QStringLiteral("ephemeral"));
}

void TestChatStreamRequest::rateLimitedThenSuccess()
{
    FakeResponse limited = FakeResponse::json(
        429,
        R"({"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}})");
    limited.headers = {{"retry-after-ms", "150"}, {"x-ratelimit-remaining-requests", "0"}};
    m_server->enqueue(limited);
    m_server->enqueue(
        FakeResponse::stream(streamBody(QStringLiteral("openai-chat-parallel-tool-calls.sse")), 3));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("k"), nullptr));
    QSignalSpy retries(r.get(), &ChatStreamRequest::retryScheduled);
    QSignalSpy statuses(r.get(), &ChatStreamRequest::statusChanged);
    const ChatResult result = run(r.get());
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.attempts, 2);
    QCOMPARE(result.toolCalls.size(), 2);
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(retries.size(), 1);
    QCOMPARE(retries[0][1].toInt(), 150); // retry-after-ms honoured
    QCOMPARE(retries[0][2].value<LlmError>().kind(), K::RateLimited);
    QVERIFY(statuses.contains(
        QVariantList{QVariant::fromValue(ChatStreamRequest::Status::WaitingToRetry)}));
    // Both attempts sent the same body.
    QCOMPARE(m_server->requests()[0].body, m_server->requests()[1].body);
}

void TestChatStreamRequest::retryAfterSecondsIsHonoured()
{
    FakeResponse overloaded = FakeResponse::json(
        529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
    overloaded.headers = {{"retry-after", "1"}};
    m_server->enqueue(overloaded);
    m_server->enqueue(
        FakeResponse::stream(streamBody(QStringLiteral("anthropic-text-then-tool-use.sse"))));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("anthropic/c"), simpleRequest(), QStringLiteral("k"), nullptr));
    QSignalSpy retries(r.get(), &ChatStreamRequest::retryScheduled);
    QElapsedTimer timer;
    timer.start();
    const ChatResult result = run(r.get());
    QVERIFY(result.ok());
    QCOMPARE(retries.size(), 1);
    QCOMPARE(retries[0][1].toInt(), 1000);
    QVERIFY(timer.elapsed() >= 1000); // waited at least as asked
}

void TestChatStreamRequest::serverErrorStormExhaustsRetries()
{
    m_server->enqueue(FakeResponse::json(
        500,
        R"({"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error"}})"));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("k"), nullptr));
    QSignalSpy retries(r.get(), &ChatStreamRequest::retryScheduled);
    const ChatResult result = run(r.get());
    QCOMPARE(result.error.kind(), K::ServerError);
    QCOMPARE(result.attempts, 3); // 1 + 2 retries
    QCOMPARE(m_server->requests().size(), 3);
    QCOMPARE(retries.size(), 2);
    QVERIFY(retries[1][1].toInt() > retries[0][1].toInt()); // backoff grows
    QCOMPARE(result.finishReason, FinishReason::Error);
    QVERIFY(result.error.message().contains(QLatin1String("Sorry about that")));
    QCOMPARE(r->status(), ChatStreamRequest::Status::Failed);
}

void TestChatStreamRequest::unauthorized()
{
    m_server->enqueue(FakeResponse::json(
        401,
        R"({"error":{"message":"Incorrect API key provided: sk-wrong. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})"));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("sk-wrong"), nullptr));
    const ChatResult result = run(r.get());
    QCOMPARE(result.error.kind(), K::InvalidKey);
    QCOMPARE(result.attempts, 1); // never retried
    QCOMPARE(result.error.httpStatus(), 401);
    QVERIFY(result.error.message().contains(QLatin1String("OpenAI rejected the API key")));
    QVERIFY(result.error.message().contains(QLatin1String("Settings")));
}

void TestChatStreamRequest::echoedKeyIsRedacted()
{
    // A proxy that puts the whole key in its error message.
    const QString key = QStringLiteral("sk-proj-SECRETSECRETSECRET1234");
    m_server->enqueue(FakeResponse::json(
        401,
        R"({"error":{"message":"Key sk-proj-SECRETSECRETSECRET1234 is not valid","type":"auth"}})"));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), key, nullptr));
    const ChatResult result = run(r.get());
    QCOMPARE(result.error.kind(), K::InvalidKey);
    QVERIFY(!result.error.message().contains(key));
    QVERIFY(!result.error.providerMessage().contains(key));
    QVERIFY(result.error.message().contains(QLatin1String("sk-***")));
}

void TestChatStreamRequest::contextTooLong_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("providerMessage");
    QTest::newRow("openai")
        << QStringLiteral("openai-chat-400-context-length.txtar")
        << QStringLiteral("openai/gpt-4.1")
        << QStringLiteral(
               "Input tokens exceed the configured limit of 272000 tokens. Your messages resulted "
               "in 3148588 tokens. Please reduce the length of the messages.");
    QTest::newRow("anthropic") << QStringLiteral("anthropic-400-prompt-too-long.txtar")
                               << QStringLiteral("anthropic/claude-sonnet-4-0")
                               << QStringLiteral(
                                      "prompt is too long: 205429 tokens > 200000 maximum");
}

void TestChatStreamRequest::contextTooLong()
{
    QFETCH(QString, file);
    QFETCH(QString, model);
    QFETCH(QString, providerMessage);
    // Serve the recorded HTTP response of the txtar's streaming section as is.
    const QByteArray all = readDataFile(file);
    const qsizetype start = all.indexOf("-- streaming --\n") + 16;
    const QByteArray section = all.mid(start, all.indexOf("\n-- ", start) - start);
    const QByteArray body = section.mid(section.indexOf("\n\n") + 2).trimmed();
    m_server->enqueue(FakeResponse::json(400, body));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(*ModelRef::parse(model), simpleRequest(), QStringLiteral("k"), nullptr));
    const ChatResult result = run(r.get());
    QCOMPARE(result.error.kind(), K::ContextTooLong);
    QCOMPARE(result.error.providerMessage(), providerMessage);
    QCOMPARE(result.attempts, 1);
    QVERIFY(result.error.message().contains(QLatin1String("too long")));
}

void TestChatStreamRequest::missingKeySendsNothing()
{
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("anthropic/claude"), simpleRequest(), QString(), nullptr));
    const ChatResult result = run(r.get());
    QCOMPARE(result.error.kind(), K::MissingKey);
    QVERIFY(result.error.message().contains(QLatin1String("ANTHROPIC_API_KEY")));
    QCOMPARE(m_server->requests().size(), 0);
    QCOMPARE(r->status(), ChatStreamRequest::Status::Failed);
}

void TestChatStreamRequest::localProviderNeedsNoKey()
{
    m_server->enqueue(
        FakeResponse::stream(streamBody(QStringLiteral("ollama-parallel-tool-calls.sse"))));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("ollama/qwen2.5-coder:7b"), simpleRequest(), QString(), nullptr));
    const ChatResult result = run(r.get());
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.toolCalls.size(), 2);
    QVERIFY(!m_server->requests()[0].headers.contains("authorization"));
    // Compatible servers get max_tokens, not max_completion_tokens.
    ChatRequest limited = simpleRequest();
    limited.maxTokens = 50;
    std::unique_ptr<ChatStreamRequest> r2(
        client.chat(ref("ollama/qwen2.5-coder:7b"), limited, QString(), nullptr));
    run(r2.get());
    QCOMPARE(m_server->requests()[1].json().value(QLatin1String("max_tokens")).toInt(), 50);
}

void TestChatStreamRequest::redirectIsFollowed()
{
    // A proxy that moved: 307 keeps the method and the body.
    FakeResponse moved = FakeResponse::json(307, "{}");
    moved.headers
        = {{"Location", m_server->baseUrl().toString().toUtf8() + "/chat/completions?moved=1"}};
    m_server->enqueue(moved);
    m_server->enqueue(
        FakeResponse::stream(streamBody(QStringLiteral("openai-chat-refusal.sse")), 2));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("k"), nullptr));
    const ChatResult result = run(r.get());
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.refusal, QStringLiteral("I'm sorry, I can't assist with that request."));
    QCOMPARE(result.attempts, 1);
    QCOMPARE(m_server->requests().size(), 2);
    QCOMPARE(m_server->requests()[1].path, QByteArray("/v1/chat/completions?moved=1"));
    QCOMPARE(m_server->requests()[1].method, QByteArray("POST"));
    QCOMPARE(m_server->requests()[1].body, m_server->requests()[0].body);
}

void TestChatStreamRequest::connectionResetMidStream()
{
    const QByteArray body = streamBody(QStringLiteral("openai-chat-parallel-tool-calls.sse"));
    FakeResponse cut = FakeResponse::stream(body, 5);
    cut.resetAfter = body.indexOf("cker"); // inside the second call's arguments
    m_server->enqueue(cut);
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("k"), nullptr));
    const ChatResult result = run(r.get());
    QCOMPARE(result.error.kind(), K::StreamCut);
    QCOMPARE(result.attempts, 1); // content was delivered: no retry
    QCOMPARE(m_server->requests().size(), 1);
    // What arrived is kept.
    QCOMPARE(result.toolCalls.size(), 2);
    QCOMPARE(result.toolCalls[0].arguments,
             QStringLiteral("{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"));
    QVERIFY(result.error.message().contains(QLatin1String("What arrived was kept")));
}

void TestChatStreamRequest::connectionResetBeforeContentIsRetried()
{
    const QByteArray body = streamBody(QStringLiteral("anthropic-text-then-tool-use.sse"));
    FakeResponse cut = FakeResponse::stream(body, 2);
    cut.resetAfter = body.indexOf("event: content_block_start"); // only message_start sent
    m_server->enqueue(cut);
    m_server->enqueue(FakeResponse::stream(body, 2));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("anthropic/c"), simpleRequest(), QStringLiteral("k"), nullptr));
    const ChatResult result = run(r.get());
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.attempts, 2);
    QCOMPARE(result.text, QStringLiteral("I'll check the current weather in Paris for you."));
}

void TestChatStreamRequest::errorEventBeforeContentIsRetried()
{
    m_server->enqueue(FakeResponse::stream("event: message_start\ndata: "
                                           "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_"
                                           "x\",\"usage\":{\"input_tokens\":5}}}\n\n"
                                           "event: error\ndata: "
                                           "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_"
                                           "error\",\"message\":\"Overloaded\"}}\n\n"));
    m_server->enqueue(FakeResponse::stream(
        streamBody(QStringLiteral("anthropic-thinking-signature.chunks.txt"))));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("anthropic/c"), simpleRequest(), QStringLiteral("k"), nullptr));
    QSignalSpy retries(r.get(), &ChatStreamRequest::retryScheduled);
    const ChatResult result = run(r.get());
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(retries.size(), 1);
    QCOMPARE(retries[0][2].value<LlmError>().kind(), K::Overloaded);
    QCOMPARE(result.text, QStringLiteral("925 \u00F7 5 = 185"));
}

void TestChatStreamRequest::errorEventAfterContentIsNotRetried()
{
    m_server->enqueue(FakeResponse::stream(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n"
        "data: {\"error\": {\"message\": \"The server had an error while processing your request. "
        "Sorry about that!\", \"type\": \"server_error\"}}\n\n",
        1));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("k"), nullptr));
    QString shown;
    connect(r.get(), &ChatStreamRequest::textDelta, this, [&](const QString &t) { shown += t; });
    const ChatResult result = run(r.get());
    QCOMPARE(result.error.kind(), K::ServerError);
    QCOMPARE(result.attempts, 1);
    QCOMPARE(shown, QStringLiteral("Hello")); // the error is not shown as text
    QCOMPARE(result.text, QStringLiteral("Hello"));
}

void TestChatStreamRequest::stalledStreamHitsIdleTimeout()
{
    const QByteArray body = streamBody(QStringLiteral("anthropic-text-then-tool-use.sse"));
    FakeResponse stalled = FakeResponse::stream(body, 4);
    stalled.stallAfter = body.indexOf("event: content_block_stop");
    m_server->enqueue(stalled);
    LlmClient client = makeClient();
    RequestTimeouts t;
    t.idle = 400ms;
    client.setTimeouts(t);
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("anthropic/c"), simpleRequest(), QStringLiteral("k"), nullptr));
    const ChatResult result = run(r.get());
    QCOMPARE(result.error.kind(), K::Timeout);
    QVERIFY2(result.error.message().contains(QLatin1String("sent nothing for 0.4 s")),
             qPrintable(result.error.message()));
    QCOMPARE(result.text, QStringLiteral("I'll check the current weather in Paris for you."));
    QCOMPARE(result.attempts, 1);
}

void TestChatStreamRequest::connectTimeout()
{
    FakeResponse silent;
    silent.headerDelayMs = -1; // accepts, reads the request, never answers
    m_server->enqueue(silent);
    LlmClient client = makeClient();
    RequestTimeouts t;
    t.connect = 300ms;
    client.setTimeouts(t);
    RetryPolicy once;
    once.maxRetries = 1;
    once.initialDelay = 10ms;
    client.setRetryPolicy(once);
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("k"), nullptr));
    const ChatResult result = run(r.get());
    QCOMPARE(result.error.kind(), K::Timeout);
    QVERIFY(result.error.message().contains(QLatin1String("did not answer within 0.3 s")));
    QCOMPARE(result.attempts, 2); // a timeout before any content is retried
}

void TestChatStreamRequest::totalTimeout()
{
    // Dribbles a byte every 30 ms: never idle, but never done either.
    FakeResponse slow = FakeResponse::stream(
        streamBody(QStringLiteral("openai-chat-parallel-tool-calls.sse")), 1);
    slow.chunkDelayMs = 30;
    m_server->enqueue(slow);
    LlmClient client = makeClient();
    RequestTimeouts t;
    t.idle = 1s;
    t.total = 700ms;
    client.setTimeouts(t);
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("k"), nullptr));
    const ChatResult result = run(r.get());
    QCOMPARE(result.error.kind(), K::Timeout);
    QVERIFY(result.error.message().contains(QLatin1String("did not finish within 0.7 s")));
}

void TestChatStreamRequest::cancelMidStream()
{
    const QByteArray body = streamBody(QStringLiteral("anthropic-text-then-tool-use.sse"));
    FakeResponse stalled = FakeResponse::stream(body, 3);
    stalled.stallAfter = body.indexOf("event: content_block_stop");
    m_server->enqueue(stalled);
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("anthropic/c"), simpleRequest(), QStringLiteral("k"), nullptr));
    QSignalSpy finished(r.get(), &ChatStreamRequest::finished);
    QSignalSpy text(r.get(), &ChatStreamRequest::textDelta);
    r->start();
    QTRY_VERIFY(text.size() >= 2); // "I" and the rest have arrived; now the stream hangs
    QCOMPARE(r->status(), ChatStreamRequest::Status::Streaming);
    r->cancel();
    QCOMPARE(finished.size(), 1); // at once
    QCOMPARE(r->status(), ChatStreamRequest::Status::Cancelled);
    QCOMPARE(r->result().error.kind(), K::Cancelled);
    QCOMPARE(r->result().text, QStringLiteral("I'll check the current weather in Paris for you."));
    r->cancel(); // again: nothing
    QCOMPARE(finished.size(), 1);
    QTRY_COMPARE(m_server->openConnections(), 0); // the connection was closed
    QCOMPARE(finished.size(), 1); // nor later
}

void TestChatStreamRequest::garbageAndInvalidUtf8()
{
    // Invalid UTF-8 becomes U+FFFD and the rest of the text stays.
    const QByteArray first = QByteArrayLiteral(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"caf\xC3\"}}]}\n\n");
    m_server->enqueue(FakeResponse::stream(
        first
            + QByteArrayLiteral(
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" ok \xFF "
                "end\"},\"finish_reason\":\"stop\"}]}\n\n"
                "data: [DONE]\n\n"),
        1));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("k"), nullptr));
    const ChatResult result = run(r.get());
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QVERIFY(result.text.startsWith(QLatin1String("caf")));
    QVERIFY(result.text.contains(QChar(0xFFFD)));
    QVERIFY(result.text.endsWith(QLatin1String(" end")));

    // Garbage in the middle of the stream is a protocol error (security.md §6 row 2): the
    // text before it is kept, nothing after it is shown.
    m_server->enqueue(FakeResponse::stream(
        first
            + QByteArrayLiteral(
                "data: <html>502 Bad Gateway</html>\n\n"
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" more\"},"
                "\"finish_reason\":\"stop\"}]}\n\n"
                "data: [DONE]\n\n"),
        1));
    std::unique_ptr<ChatStreamRequest> r1(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("k"), nullptr));
    const ChatResult garbage = run(r1.get());
    QCOMPARE(garbage.error.kind(), LlmError::Kind::InvalidResponse);
    QCOMPARE(garbage.text, QStringLiteral("caf\uFFFD"));
    QCOMPARE(garbage.attempts, 1); // text was shown: never repeated

    // A 200 that is not a stream at all.
    m_server->enqueue(FakeResponse::stream("<html><body>Sign in to continue</body></html>"));
    std::unique_ptr<ChatStreamRequest> r2(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("k"), nullptr));
    const ChatResult bad = run(r2.get());
    QVERIFY(!bad.ok());
}

void TestChatStreamRequest::tenMegabyteToolCall()
{
    const QString content(10 * 1024 * 1024, QLatin1Char('b'));
    QByteArray body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                      "\"id\":\"call_big\",\"type\":\"function\",\"function\":{\"name\":"
                      "\"writeFile\",\"arguments\":\"\"}}]}}]}\n\n";
    const QString args
        = QStringLiteral("{\"path\":\"big.txt\",\"content\":\"") + content + QStringLiteral("\"}");
    for (qsizetype i = 0; i < args.size(); i += 65536) {
        const QJsonObject fn{{QStringLiteral("arguments"), args.mid(i, 65536)}};
        const QJsonObject tc{{QStringLiteral("index"), 0}, {QStringLiteral("function"), fn}};
        const QJsonObject delta{{QStringLiteral("tool_calls"), QJsonArray{tc}}};
        const QJsonObject chunk{{QStringLiteral("choices"),
                                 QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                        {QStringLiteral("delta"), delta}}}}};
        body += "data: " + QJsonDocument(chunk).toJson(QJsonDocument::Compact) + "\n\n";
    }
    body += "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
            "data: [DONE]\n\n";
    m_server->enqueue(FakeResponse::stream(body));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("k"), nullptr));
    qint64 fragments = 0;
    connect(r.get(), &ChatStreamRequest::toolCallArgumentsDelta, this,
            [&](int, const QString &f) { fragments += f.size(); });
    const ChatResult result = run(r.get(), 60000);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.toolCalls.size(), 1);
    QCOMPARE(result.toolCalls[0].arguments.size(), args.size());
    QVERIFY(result.toolCalls[0].arguments == args);
    QCOMPARE(fragments, args.size());
}

void TestChatStreamRequest::networkDown()
{
    // A port that was just free: connection refused.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    LlmClient client = makeClient();
    client.setBaseUrlOverride(QStringLiteral("groq"),
                              QStringLiteral("http://127.0.0.1:%1/openai/v1").arg(port));
    std::unique_ptr<ChatStreamRequest> r(client.chat(
        ref("groq/llama-3.3-70b-versatile"), simpleRequest(), QStringLiteral("k"), nullptr));
    const ChatResult result = run(r.get());
    QCOMPARE(result.error.kind(), K::NetworkDown);
    QCOMPARE(result.attempts, 3); // connection failures are retried
    QVERIFY(result.error.message().contains(QStringLiteral("127.0.0.1:%1").arg(port)));
    QVERIFY(result.error.message().contains(QLatin1String("Groq")));
}

void TestChatStreamRequest::unknownProviderAndMissingBaseUrl()
{
    LlmClient client(m_network.get());
    client.setEnvironment([](const QString &) { return QString(); });
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("nosuch/model"), simpleRequest(), QStringLiteral("k"), nullptr));
    ChatResult result = run(r.get());
    QCOMPARE(result.error.kind(), K::NotConfigured);
    QVERIFY(result.error.message().contains(QLatin1String("Unknown provider 'nosuch'")));
    QVERIFY(result.error.message().contains(QLatin1String("openrouter")));
    std::unique_ptr<ChatStreamRequest> c(
        client.chat(ref("custom/my-model"), simpleRequest(), QString(), nullptr));
    result = run(c.get());
    QCOMPARE(result.error.kind(), K::NotConfigured);
    QVERIFY(result.error.message().contains(QLatin1String("base URL")));
}

void TestChatStreamRequest::baseUrlFromEnvironment()
{
    m_server->enqueue(FakeResponse::stream(streamBody(QStringLiteral("openai-chat-refusal.sse"))));
    LlmClient client(m_network.get());
    const QString url = m_server->baseUrl().toString();
    client.setEnvironment([url](const QString &name) {
        return name == QLatin1String("OPENAI_BASE_URL") ? url : QString();
    });
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref("openai/gpt-4o"), simpleRequest(), QStringLiteral("k"), nullptr));
    QCOMPARE(r->url().toString(), url + QStringLiteral("/chat/completions"));
    QVERIFY(run(r.get()).ok());
    QCOMPARE(m_server->requests().size(), 1);

    // ANTHROPIC_BASE_URL is the host without /v1, as the Anthropic SDK reads it.
    const QString host = QStringLiteral("http://127.0.0.1:%1").arg(m_server->baseUrl().port());
    client.setEnvironment([host](const QString &name) {
        return name == QLatin1String("ANTHROPIC_BASE_URL") ? host : QString();
    });
    m_server->enqueue(
        FakeResponse::stream(streamBody(QStringLiteral("anthropic-text-then-tool-use.sse"))));
    std::unique_ptr<ChatStreamRequest> a(
        client.chat(ref("anthropic/c"), simpleRequest(), QStringLiteral("k"), nullptr));
    QVERIFY(run(a.get()).ok());
    QCOMPARE(m_server->requests().last().path, QByteArray("/v1/messages"));
}

void TestChatStreamRequest::listModels()
{
    m_server->setRoute("/v1/models", FakeResponse::json(200, R"({"object":"list","data":[
        {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},
        {"id":"gpt-4.1","object":"model","created":1744316542,"owned_by":"system"}]})"));
    LlmClient client = makeClient();
    const auto list = [&](const QString &provider, const QString &key) {
        std::unique_ptr<ModelListRequest> r(client.listModels(provider, key, nullptr));
        QSignalSpy spy(r.get(), &ModelListRequest::finished);
        r->start();
        if (!spy.wait(10000))
            qWarning("model list did not finish");
        return r->result();
    };
    ModelListResult r = list(QStringLiteral("openai"), QStringLiteral("k1"));
    QVERIFY2(r.ok(), qPrintable(r.error.message()));
    QCOMPARE(r.models.size(), 2);
    QCOMPARE(r.models[0].id, QStringLiteral("gpt-4.1"));
    QCOMPARE(r.models[1].id, QStringLiteral("gpt-4o-mini"));
    QVERIFY(!r.fromCache);
    QCOMPARE(m_server->requests().last().method, QByteArray("GET"));
    QCOMPARE(m_server->requests().last().headers.value("authorization"), QByteArray("Bearer k1"));

    // Cached: no second request.
    r = list(QStringLiteral("openai"), QStringLiteral("k1"));
    QVERIFY(r.fromCache);
    QCOMPARE(r.models.size(), 2);
    QCOMPARE(m_server->requests().size(), 1);

    // Missing key: a clear error, nothing sent.
    r = list(QStringLiteral("openai"), QString());
    QCOMPARE(r.error.kind(), K::MissingKey);
    QVERIFY(r.error.message().contains(QLatin1String("OPENAI_API_KEY")));
    QCOMPARE(m_server->requests().size(), 1);

    // Wrong key (another key is not served from the cache).
    m_server->setRoute(
        "/v1/models",
        FakeResponse::json(
            401,
            R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})"));
    r = list(QStringLiteral("anthropic"), QStringLiteral("bad"));
    QCOMPARE(r.error.kind(), K::InvalidKey);
    QVERIFY(r.error.message().contains(QLatin1String("Anthropic rejected the API key")));
    QCOMPARE(m_server->requests().last().headers.value("x-api-key"), QByteArray("bad"));

    // The cache expires.
    QDateTime now = QDateTime::currentDateTimeUtc();
    client.modelCache().setClock([&now] { return now; });
    client.modelCache().store(QStringLiteral("x"), {ModelInfo{QStringLiteral("m"), {}}});
    QVERIFY(client.modelCache().lookup(QStringLiteral("x")));
    now = now.addSecs(3601);
    QVERIFY(!client.modelCache().lookup(QStringLiteral("x")));
}

void TestChatStreamRequest::titleGeneration_data()
{
    QTest::addColumn<bool>("anthropic");
    QTest::addColumn<QByteArray>("answer");
    QTest::newRow("openai")
        << false
        << QByteArray(
               R"({"id":"chatcmpl-t","object":"chat.completion","model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"\"Reverse a String in Python\"\n","refusal":null},"finish_reason":"stop"}],"usage":{"prompt_tokens":40,"completion_tokens":7,"total_tokens":47}})");
    QTest::newRow("anthropic")
        << true
        << QByteArray(
               R"({"id":"msg_t","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Title: Reverse a String in Python."}],"stop_reason":"end_turn","usage":{"input_tokens":40,"output_tokens":9}})");
}

void TestChatStreamRequest::titleGeneration()
{
    QFETCH(bool, anthropic);
    QFETCH(QByteArray, answer);
    m_server->enqueue(FakeResponse::json(200, answer));
    LlmClient client = makeClient();
    std::unique_ptr<ChatStreamRequest> r(
        client.chat(ref(anthropic ? "anthropic/claude-haiku-4-5" : "openai/gpt-4o-mini"),
                    LlmClient::titleRequest(QStringLiteral(
                        "write a function that reverses a string, with unit tests, and run them")),
                    QStringLiteral("k"), nullptr));
    const ChatResult result = run(r.get());
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(LlmClient::cleanTitle(result.text), QStringLiteral("Reverse a String in Python"));
    const QJsonObject sent = m_server->requests().last().json();
    QCOMPARE(sent.value(QLatin1String("stream")).toBool(true), false);
    QCOMPARE(m_server->requests().last().headers.value("accept"), QByteArray("application/json"));
}

// --- one conversation, two protocols ---------------------------------------------------------

static QByteArray openAiTurns(int turn)
{
    if (turn == 0)
        return "data: "
               "{\"id\":\"chatcmpl-1\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{"
               "\"role\":\"assistant\",\"content\":\"I'll read \"}}]}\n\n"
               "data: "
               "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"the "
               "file.\"}}]}\n\n"
               "data: "
               "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{"
               "\"index\":0,\"id\":\"call_abc\",\"type\":\"function\",\"function\":{\"name\":"
               "\"readFile\",\"arguments\":\"\"}}]}}]}\n\n"
               "data: "
               "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{"
               "\"index\":0,\"function\":{\"arguments\":\"{\\\"sandboxId\\\":\\\"s1\\\",\"}}]}}]}"
               "\n\n"
               "data: "
               "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{"
               "\"index\":0,\"function\":{\"arguments\":\"\\\"path\\\":\\\"README.md\\\"}\"}}]}}]}"
               "\n\n"
               "data: "
               "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
               "\"tool_calls\"}]}\n\n"
               "data: "
               "{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":120,"
               "\"completion_tokens\":30,\"total_tokens\":150,\"prompt_tokens_details\":{\"cached_"
               "tokens\":100},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"
               "data: [DONE]\n\n";
    return "data: "
           "{\"id\":\"chatcmpl-2\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{"
           "\"role\":\"assistant\",\"content\":\"README.md has \"}}]}\n\n"
           ": keep-alive\n\n"
           "data: {\"id\":\"chatcmpl-2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"42 "
           "bytes.\"}}]}\n\n"
           "data: "
           "{\"id\":\"chatcmpl-2\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
           "\"stop\"}]}\n\n"
           "data: "
           "{\"id\":\"chatcmpl-2\",\"choices\":[],\"usage\":{\"prompt_tokens\":200,\"completion_"
           "tokens\":8,\"total_tokens\":208}}\n\n"
           "data: [DONE]\n\n";
}

static QByteArray anthropicTurns(int turn)
{
    if (turn == 0)
        return "event: message_start\ndata: "
               "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
               "\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],\"stop_reason\":"
               "null,\"usage\":{\"input_tokens\":20,\"cache_creation_input_tokens\":0,\"cache_read_"
               "input_tokens\":100,\"output_tokens\":1}}}\n\n"
               "event: content_block_start\ndata: "
               "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
               "\"text\":\"\"}}\n\n"
               "event: ping\ndata: {\"type\": \"ping\"}\n\n"
               "event: content_block_delta\ndata: "
               "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
               "\"text\":\"I'll read \"}}\n\n"
               "event: content_block_delta\ndata: "
               "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
               "\"text\":\"the file.\"}}\n\n"
               "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
               "event: content_block_start\ndata: "
               "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_"
               "use\",\"id\":\"toolu_abc\",\"name\":\"readFile\",\"input\":{}}}\n\n"
               "event: content_block_delta\ndata: "
               "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_"
               "delta\",\"partial_json\":\"{\\\"sandboxId\\\": \\\"s1\\\", \"}}\n\n"
               "event: content_block_delta\ndata: "
               "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_"
               "delta\",\"partial_json\":\"\\\"path\\\": \\\"README.md\\\"}\"}}\n\n"
               "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
               "event: message_delta\ndata: "
               "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_"
               "sequence\":null},\"usage\":{\"output_tokens\":30}}\n\n"
               "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    return "event: message_start\ndata: "
           "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_2\",\"model\":\"claude-test\","
           "\"usage\":{\"input_tokens\":200,\"cache_creation_input_tokens\":0,\"cache_read_input_"
           "tokens\":0,\"output_tokens\":1}}}\n\n"
           "event: content_block_start\ndata: "
           "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
           "\"text\":\"\"}}\n\n"
           "event: content_block_delta\ndata: "
           "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
           "\"text\":\"README.md has \"}}\n\n"
           "event: content_block_delta\ndata: "
           "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
           "\"text\":\"42 bytes.\"}}\n\n"
           "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
           "event: message_delta\ndata: "
           "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{"
           "\"output_tokens\":8}}\n\n"
           "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
}

void TestChatStreamRequest::sameConversationBothProtocols()
{
    // A miniature agent loop: ask, run the requested tool, send the result, until the model
    // stops. Each step is recorded as the step log sees it (ids aside: each provider makes its
    // own).
    const auto converse = [this](const ModelRef &model, QByteArray (*turns)(int),
                                 QList<QJsonObject> *steps, QList<QJsonObject> *sent) {
        LlmClient client = makeClient();
        ChatRequest request;
        request.system = QStringLiteral("You are a coding agent.");
        request.messages << ChatMessage::user(QStringLiteral("How large is README.md?"));
        request.tools << ToolSpec{
            QStringLiteral("readFile"), QStringLiteral("Read a file"),
            QJsonDocument::fromJson(
                R"({"type":"object","properties":{"sandboxId":{"type":"string"},"path":{"type":"string"}},"required":["sandboxId","path"]})")
                .object()};
        for (int turn = 0; turn < 4; ++turn) {
            m_server->enqueue(FakeResponse::stream(turns(turn), 2 + turn));
            std::unique_ptr<ChatStreamRequest> r(
                client.chat(model, request, QStringLiteral("k"), nullptr));
            QString streamed;
            connect(r.get(), &ChatStreamRequest::textDelta, this,
                    [&streamed](const QString &t) { streamed += t; });
            const ChatResult result = run(r.get());
            QJsonArray calls;
            for (const ToolCall &c : result.toolCalls)
                calls.append(QJsonObject{{QStringLiteral("toolName"), c.name},
                                         {QStringLiteral("args"),
                                          QJsonDocument::fromJson(c.arguments.toUtf8()).object()}});
            steps->append(
                QJsonObject{{QStringLiteral("text"), result.text},
                            {QStringLiteral("streamed"), streamed},
                            {QStringLiteral("toolCalls"), calls},
                            {QStringLiteral("finishReason"), finishReasonName(result.finishReason)},
                            {QStringLiteral("usage"), result.usage.toJson()},
                            {QStringLiteral("error"), result.error.message()}});
            sent->append(m_server->requests().last().json());
            if (result.toolCalls.isEmpty() || !result.ok())
                break;
            request.messages << result.toAssistantMessage();
            for (const ToolCall &c : result.toolCalls)
                request.messages << ChatMessage::toolResult(
                    c.id, c.name,
                    QStringLiteral(
                        "{\"content\":\"42 bytes of text\",\"path\":\"/home/daytona/README.md\"}"));
        }
    };
    QList<QJsonObject> openAiSteps, anthropicSteps, openAiSent, anthropicSent;
    converse(ref("openai/gpt-test"), &openAiTurns, &openAiSteps, &openAiSent);
    converse(ref("anthropic/claude-test"), &anthropicTurns, &anthropicSteps, &anthropicSent);

    QCOMPARE(openAiSteps.size(), 2);
    QCOMPARE(anthropicSteps, openAiSteps);
    const QJsonObject first = openAiSteps[0];
    QCOMPARE(first.value(QLatin1String("text")).toString(), QStringLiteral("I'll read the file."));
    QCOMPARE(first.value(QLatin1String("finishReason")).toString(), QStringLiteral("tool-calls"));
    QCOMPARE(
        first.value(QLatin1String("usage")).toObject(),
        QJsonDocument::fromJson(
            R"({"inputTokens":120,"outputTokens":30,"totalTokens":150,"reasoningTokens":0,"cachedInputTokens":100})")
            .object());
    QCOMPARE(openAiSteps[1].value(QLatin1String("text")).toString(),
             QStringLiteral("README.md has 42 bytes."));
    QCOMPARE(openAiSteps[1].value(QLatin1String("finishReason")).toString(),
             QStringLiteral("stop"));

    // The second request carried the tool call and its result in each protocol's shape.
    const QJsonArray o = openAiSent[1].value(QLatin1String("messages")).toArray();
    QCOMPARE(o.size(), 4);
    QCOMPARE(o[2].toObject()
                 .value(QLatin1String("tool_calls"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("id"))
                 .toString(),
             QStringLiteral("call_abc"));
    QCOMPARE(o[3].toObject().value(QLatin1String("role")).toString(), QStringLiteral("tool"));
    QCOMPARE(o[3].toObject().value(QLatin1String("tool_call_id")).toString(),
             QStringLiteral("call_abc"));
    const QJsonArray a = anthropicSent[1].value(QLatin1String("messages")).toArray();
    QCOMPARE(a.size(), 3);
    const QJsonObject toolUse
        = a[1].toObject().value(QLatin1String("content")).toArray().last().toObject();
    QCOMPARE(toolUse.value(QLatin1String("type")).toString(), QStringLiteral("tool_use"));
    QCOMPARE(
        toolUse.value(QLatin1String("input")).toObject().value(QLatin1String("path")).toString(),
        QStringLiteral("README.md"));
    const QJsonObject toolResult
        = a[2].toObject().value(QLatin1String("content")).toArray().first().toObject();
    QCOMPARE(toolResult.value(QLatin1String("type")).toString(), QStringLiteral("tool_result"));
    QCOMPARE(toolResult.value(QLatin1String("tool_use_id")).toString(),
             QStringLiteral("toolu_abc"));
}

void TestChatStreamRequest::switchModelMidConversation()
{
    // Turn 1 on OpenAI asks for a tool; the user switches the thread to Claude for turn 2.
    LlmClient client = makeClient();
    ChatRequest request;
    request.messages << ChatMessage::user(QStringLiteral("How large is README.md?"));
    m_server->enqueue(FakeResponse::stream(openAiTurns(0), 3));
    std::unique_ptr<ChatStreamRequest> first(
        client.chat(ref("openai/gpt-test"), request, QStringLiteral("k"), nullptr));
    const ChatResult one = run(first.get());
    QVERIFY(one.ok());
    request.messages << one.toAssistantMessage()
                     << ChatMessage::toolResult(one.toolCalls[0].id, one.toolCalls[0].name,
                                                QStringLiteral("{\"size\":42}"));
    m_server->enqueue(FakeResponse::stream(anthropicTurns(1), 3));
    std::unique_ptr<ChatStreamRequest> second(
        client.chat(ref("anthropic/claude-test"), request, QStringLiteral("k2"), nullptr));
    const ChatResult two = run(second.get());
    QVERIFY2(two.ok(), qPrintable(two.error.message()));
    QCOMPARE(two.text, QStringLiteral("README.md has 42 bytes."));
    const RecordedRequest &sent = m_server->requests().last();
    QCOMPARE(sent.path, QByteArray("/v1/messages"));
    QCOMPARE(sent.json().value(QLatin1String("model")).toString(), QStringLiteral("claude-test"));
    const QJsonObject expected = QJsonDocument::fromJson(R"({
      "model": "claude-test", "max_tokens": 8192, "stream": true,
      "messages": [
        {"role": "user", "content": [{"type": "text", "text": "How large is README.md?"}]},
        {"role": "assistant", "content": [
          {"type": "text", "text": "I'll read the file."},
          {"type": "tool_use", "id": "call_abc", "name": "readFile",
           "input": {"sandboxId": "s1", "path": "README.md"}}]},
        {"role": "user", "content": [
          {"type": "tool_result", "tool_use_id": "call_abc", "content": "{\"size\":42}"}]}]
    })")
                                     .object();
    QVERIFY(!expected.isEmpty());
    QCOMPARE(sent.json(), expected);
}

QTEST_GUILESS_MAIN(TestChatStreamRequest)
#include "tst_chatstreamrequest.moc"
