// The OpenAI and Anthropic stream decoders: every recorded stream under every chunking gives
// the same result field by field; the quirks of each server (specs/llm-wire.md §3, §4) as
// written streams; errors inside a 200 stream; cut streams; garbage; a 10 MB argument.
#include "ExpectedResults.h"
#include "LlmTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace LlmTest;

class TestStreamDecoders final : public QObject
{
    Q_OBJECT

private slots:
    void recordedStreams_data();
    void recordedStreams();
    void openAiQuirks_data();
    void openAiQuirks();
    void geminiCallsWithoutIndexOrId();
    void usageNormalization_data();
    void usageNormalization();
    void errorsInside200Stream_data();
    void errorsInside200Stream();
    void streamCutKeepsPartialText();
    void finishWithoutDoneIsComplete();
    void garbageIsSkippedNotShown();
    void onlyGarbageIsAnError();
    void invalidUtf8KeepsTheRest();
    void anthropicCacheUsageAndParallelTools();
    void anthropicRedactedThinking();
    void tenMegabyteArguments_data();
    void tenMegabyteArguments();
    void nonStreamingResponses();
};

static QByteArray sse(const QList<QByteArray> &payloads, bool done = true)
{
    QByteArray out;
    for (const QByteArray &p : payloads)
        out += "data: " + p + "\n\n";
    if (done)
        out += "data: [DONE]\n\n";
    return out;
}

static QByteArray anthropicSse(const QList<QByteArray> &payloads)
{
    QByteArray out;
    for (const QByteArray &p : payloads) {
        const QByteArray type
            = QJsonDocument::fromJson(p).object().value(QLatin1String("type")).toString().toUtf8();
        out += "event: " + type + "\ndata: " + p + "\n\n";
    }
    return out;
}

void TestStreamDecoders::recordedStreams_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<int>("mode");
    const QList<ExpectedStream> streams = LlmTest::recordedStreams();
    for (int i = 0; i < streams.size(); ++i) {
        QTest::addRow("%s whole", streams[i].file) << i << 0;
        QTest::addRow("%s byte by byte", streams[i].file) << i << 1;
        for (int seed = 2; seed < 22; ++seed)
            QTest::addRow("%s random %d", streams[i].file, seed) << i << seed;
    }
}

void TestStreamDecoders::recordedStreams()
{
    QFETCH(int, which);
    QFETCH(int, mode);
    const ExpectedStream expected = LlmTest::recordedStreams().at(which);
    const QByteArray body = streamBody(QString::fromLatin1(expected.file));
    const Decoded d = decode(chunked(body, mode), expected.anthropic);
    const QString diff = compareResult(d.result, expected);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    // What was streamed live adds up to the result.
    QString text;
    QString reasoning;
    QList<QString> args(d.result.toolCalls.size());
    int started = 0;
    for (const StreamDelta &delta : d.deltas) {
        switch (delta.kind) {
        case StreamDelta::Kind::Text:
            text += delta.text;
            break;
        case StreamDelta::Kind::Reasoning:
            reasoning += delta.text;
            break;
        case StreamDelta::Kind::ToolCallStarted:
            QCOMPARE(delta.toolIndex, started);
            QCOMPARE(delta.toolCallId, d.result.toolCalls[started].id);
            QCOMPARE(delta.toolName, d.result.toolCalls[started].name);
            ++started;
            break;
        case StreamDelta::Kind::ToolCallArguments:
            args[delta.toolIndex] += delta.text;
            break;
        }
    }
    QCOMPARE(text, d.result.text + d.result.refusal);
    QCOMPARE(reasoning, d.result.reasoning);
    QCOMPARE(started, d.result.toolCalls.size());
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i].isEmpty())
            args[i] = QStringLiteral("{}");
        QCOMPARE(args[i], d.result.toolCalls[i].arguments);
    }
}

void TestStreamDecoders::openAiQuirks_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reasoning");
    QTest::addColumn<QStringList>("calls"); // "id|name|args"
    QTest::addColumn<QString>("finish");

    QTest::newRow("Copilot: index starts at 1, role on every delta, no object") << sse(
        {R"({"choices":[{"index":0,"delta":{"role":"assistant","content":"Let me look."}}],"id":"c1","model":"claude-haiku-4.5"})",
         R"({"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":1,"id":"toolu_vrtx_01","type":"function","function":{"name":"readFile"}}]}}],"id":"c1"})",
         R"({"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":1,"function":{"arguments":"{\"path\":"}}]}}],"id":"c1"})",
         R"({"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":1,"function":{"arguments":"\"a.py\"}"}}]}}],"id":"c1"})",
         R"({"choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":"tool_calls"}],"id":"c1","usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}})"})
                                                                                << QStringLiteral(
                                                                                       "Let me "
                                                                                       "look.")
                                                                                << QString()
                                                                                << QStringList{QStringLiteral(
                                                                                       "toolu_vrtx_"
                                                                                       "01|"
                                                                                       "readFile|{"
                                                                                       "\"path\":"
                                                                                       "\"a."
                                                                                       "py\"}")}
                                                                                << QStringLiteral(
                                                                                       "tool-"
                                                                                       "calls");
    QTest::newRow("LiteLLM: id repeated on every fragment") << sse(
        {R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\""}}]}}]})",
         R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"arguments":":1}"}}]}}]})",
         R"({"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})"})
                                                            << QString() << QString()
                                                            << QStringList{QStringLiteral(
                                                                   "call_1|f|{\"a\":1}")}
                                                            << QStringLiteral("tool-calls");
    QTest::newRow("proxy reuses index 0 for a second call") << sse(
        {R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","function":{"name":"f","arguments":"{}"}}]}}]})",
         R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_b","function":{"name":"g","arguments":"{\"x\":2}"}}]}}]})",
         R"({"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})"})
                                                            << QString() << QString()
                                                            << QStringList{QStringLiteral(
                                                                               "call_a|f|{}"),
                                                                           QStringLiteral(
                                                                               "call_b|g|{\"x\":"
                                                                               "2}")}
                                                            << QStringLiteral("tool-calls");
    QTest::newRow("LM Studio: bogus entry without a function is dropped") << sse(
        {R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"682997534","type":"function","function":{"name":"calculator","arguments":""}}]}}]})",
         R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"e\":\"1+1\"}"}}]}}]})",
         R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":""}]}}]})",
         R"({"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})"})
                                                                          << QString() << QString()
                                                                          << QStringList{QStringLiteral(
                                                                                 "682997534|"
                                                                                 "calculator|{"
                                                                                 "\"e\":\"1+1\"}")}
                                                                          << QStringLiteral(
                                                                                 "tool-calls");
    QTest::newRow("llama.cpp: first fragment already has arguments") << sse(
        {R"({"choices":[{"finish_reason":null,"index":0,"delta":{"tool_calls":[{"index":0,"id":"VPwsTAer3qtRES726PlBwABM7aRJAyIC","type":"function","function":{"name":"calculator","arguments":"{\""}}]}}],"object":"chat.completion.chunk"})",
         R"({"choices":[{"finish_reason":null,"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"x\":1}"}}]}}]})",
         R"({"choices":[{"finish_reason":"tool_calls","index":0,"delta":{}}],"timings":{"prompt_n":3}})"})
                                                                     << QString() << QString()
                                                                     << QStringList{QStringLiteral(
                                                                            "VPwsTAer3qtRES726PlBwA"
                                                                            "BM7aRJAyIC|calculator|"
                                                                            "{\"x\":1}")}
                                                                     << QStringLiteral(
                                                                            "tool-calls");
    QTest::newRow("vLLM: empty tool_calls, no finish_reason nulls, reasoning field")
        << sse({R"({"choices":[{"index":0,"delta":{"reasoning":"think ","tool_calls":[]}}]})",
                R"({"choices":[{"index":0,"delta":{"reasoning_content":"more"}}]})",
                R"({"choices":[{"index":0,"delta":{"content":"Hi"}}]})",
                R"({"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"})
        << QStringLiteral("Hi") << QStringLiteral("think more") << QStringList()
        << QStringLiteral("stop");
    QTest::newRow("Ollama old: stop after tool calls means tool calls") << sse(
        {R"({"choices":[{"index":0,"delta":{"role":"assistant","content":"","tool_calls":[{"id":"call_x","index":0,"type":"function","function":{"name":"run","arguments":"{\"c\":1}"}}]},"finish_reason":null}]})",
         R"({"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":"stop"}]})"})
                                                                        << QString() << QString()
                                                                        << QStringList{QStringLiteral(
                                                                               "call_x|run|{\"c\":"
                                                                               "1}")}
                                                                        << QStringLiteral(
                                                                               "tool-calls");
    QTest::newRow("length") << sse(
        {R"({"choices":[{"index":0,"delta":{"content":"abc"},"finish_reason":"length"}]})"})
                            << QStringLiteral("abc") << QString() << QStringList()
                            << QStringLiteral("length");
    QTest::newRow("content filter")
        << sse({R"({"choices":[{"index":0,"delta":{},"finish_reason":"content_filter"}]})"})
        << QString() << QString() << QStringList() << QStringLiteral("content-filter");
    QTest::newRow("unknown finish reason")
        << sse({R"({"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"weird"}]})"})
        << QStringLiteral("x") << QString() << QStringList() << QStringLiteral("other");
    QTest::newRow("DONE without a finish reason")
        << sse({R"({"choices":[{"index":0,"delta":{"content":"x"}}]})"}) << QStringLiteral("x")
        << QString() << QStringList() << QStringLiteral("stop");
    QTest::newRow("OpenRouter: comments, CRLF, reasoning")
        << QByteArray(
               ": OPENROUTER PROCESSING\r\n\r\n"
               "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"hmm\"}}]}\r\n\r\n"
               ": OPENROUTER PROCESSING\r\n\r\n"
               "data: "
               "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":"
               "\"stop\"}]}\r\n\r\n"
               "data: [DONE]\r\n\r\n")
        << QStringLiteral("ok") << QStringLiteral("hmm") << QStringList() << QStringLiteral("stop");
    QTest::newRow("Azure: empty first chunk with filter results") << sse(
        {R"({"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{}}]})",
         R"({"choices":[{"index":0,"delta":{"content":"Hello"},"content_filter_results":{}}],"id":"chatcmpl-az"})",
         R"({"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})"})
                                                                  << QStringLiteral("Hello")
                                                                  << QString() << QStringList()
                                                                  << QStringLiteral("stop");
}

void TestStreamDecoders::openAiQuirks()
{
    QFETCH(QByteArray, stream);
    QFETCH(QString, text);
    QFETCH(QString, reasoning);
    QFETCH(QStringList, calls);
    QFETCH(QString, finish);
    for (int mode : {0, 1, 5, 9}) {
        const ChatResult r = decode(chunked(stream, mode), false).result;
        QVERIFY2(r.ok(), qPrintable(r.error.message()));
        QCOMPARE(r.text, text);
        QCOMPARE(r.reasoning, reasoning);
        QStringList got;
        for (const ToolCall &c : r.toolCalls)
            got << c.id + QLatin1Char('|') + c.name + QLatin1Char('|') + c.arguments;
        QCOMPARE(got, calls);
        QCOMPARE(finishReasonName(r.finishReason), finish);
    }
}

void TestStreamDecoders::geminiCallsWithoutIndexOrId()
{
    // Gemini's compat endpoint: no index, each call whole, ids short or absent, finish "stop",
    // thought_signature to echo next turn, usage on the finish chunk.
    const QByteArray stream = sse({
        R"({"choices":[{"delta":{"role":"assistant","tool_calls":[{"extra_content":{"google":{"thought_signature":"sig=="}},"function":{"arguments":"{\"path\":\"a\"}","name":"read"},"id":"call_297140","type":"function"}]},"index":0}],"model":"gemini-3.8-flash","object":"chat.completion.chunk"})",
        R"({"choices":[{"delta":{"role":"assistant","tool_calls":[{"function":{"arguments":"{\"path\":\"b\"}","name":"read"},"type":"function"}]},"index":0}]})",
        R"({"choices":[{"delta":{"role":"assistant","tool_calls":[{"function":{"arguments":"{}","name":"list"},"type":"function"}]},"index":0}]})",
        R"({"choices":[{"delta":{},"finish_reason":"stop","index":0}],"usage":{"prompt_tokens":20,"completion_tokens":9,"total_tokens":29}})",
    });
    const ChatResult r = decode(stream, false).result;
    QVERIFY(r.ok());
    QCOMPARE(r.toolCalls.size(), 3);
    QCOMPARE(r.toolCalls[0].id, QStringLiteral("call_297140"));
    QCOMPARE(r.toolCalls[0].arguments, QStringLiteral("{\"path\":\"a\"}"));
    QCOMPARE(r.toolCalls[0]
                 .extraContent.value(QLatin1String("google"))
                 .toObject()
                 .value(QLatin1String("thought_signature"))
                 .toString(),
             QStringLiteral("sig=="));
    QCOMPARE(r.toolCalls[1].arguments, QStringLiteral("{\"path\":\"b\"}"));
    QCOMPARE(r.toolCalls[2].name, QStringLiteral("list"));
    // Missing ids are made up, distinct, and look like OpenAI's.
    QVERIFY(r.toolCalls[1].id.startsWith(QLatin1String("call_")));
    QCOMPARE(r.toolCalls[1].id.size(), 29);
    QVERIFY(r.toolCalls[1].id != r.toolCalls[2].id);
    QCOMPARE(r.finishReason, FinishReason::ToolCalls);
    QCOMPARE(r.usage.totalTokens, 29);
}

void TestStreamDecoders::usageNormalization_data()
{
    QTest::addColumn<QByteArray>("usage");
    QTest::addColumn<QList<qint64>>("expected"); // input, output, total, reasoning, cached

    QTest::newRow("OpenAI 2025 shape") << QByteArray(
        R"({"completion_tokens":78,"completion_tokens_details":{"accepted_prediction_tokens":0,"audio_tokens":0,"reasoning_tokens":64,"rejected_prediction_tokens":0},"prompt_tokens":4243,"prompt_tokens_details":{"audio_tokens":0,"cached_tokens":4096},"total_tokens":4321})")
                                       << QList<qint64>{4243, 78, 4321, 64, 4096};
    QTest::newRow("xAI: reasoning outside completion") << QByteArray(
        R"({"prompt_tokens":307,"completion_tokens":26,"total_tokens":560,"completion_tokens_details":{"reasoning_tokens":227}})")
                                                       << QList<qint64>{307, 253, 560, 227, 0};
    QTest::newRow("DeepSeek cache hit") << QByteArray(
        R"({"prompt_tokens":100,"completion_tokens":20,"total_tokens":120,"prompt_cache_hit_tokens":64,"prompt_cache_miss_tokens":36})")
                                        << QList<qint64>{100, 20, 120, 0, 64};
    QTest::newRow("Ollama: three fields")
        << QByteArray(R"({"prompt_tokens":5,"completion_tokens":7,"total_tokens":12})")
        << QList<qint64>{5, 7, 12, 0, 0};
    QTest::newRow("no total") << QByteArray(R"({"prompt_tokens":5,"completion_tokens":7})")
                              << QList<qint64>{5, 7, 12, 0, 0};
}

void TestStreamDecoders::usageNormalization()
{
    QFETCH(QByteArray, usage);
    QFETCH(QList<qint64>, expected);
    const QByteArray stream
        = sse({R"({"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"stop"}]})",
               R"({"choices":[],"usage":)" + usage + "}"});
    const ChatResult r = decode(stream, false).result;
    QVERIFY(r.usageReported);
    QCOMPARE((QList<qint64>{r.usage.inputTokens, r.usage.outputTokens, r.usage.totalTokens,
                            r.usage.reasoningTokens, r.usage.cachedInputTokens}),
             expected);
    const QJsonObject json = r.usage.toJson();
    QCOMPARE(json.value(QLatin1String("inputTokens")).toInteger(), expected[0]);
    QCOMPARE(json.value(QLatin1String("cachedInputTokens")).toInteger(), expected[4]);
    QCOMPARE(json.size(), 5);
}

void TestStreamDecoders::errorsInside200Stream_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<bool>("anthropic");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("partialText");
    QTest::addColumn<QString>("messageContains");

    using K = LlmError::Kind;
    QTest::newRow("OpenAI server_error after text") << sse(
        {R"({"choices":[{"index":0,"delta":{"content":"Hello"}}]})",
         R"({"error": {"message": "The server had an error while processing your request. Sorry about that!", "type": "server_error"}})"},
        false) << false << int(K::ServerError) << QStringLiteral("Hello")
                                                    << QStringLiteral("The server had an error");
    QTest::newRow("vLLM flat error then DONE") << sse(
        {R"({"object":"error","message":"max_tokens is too large","type":"BadRequestError","param":null,"code":400})"})
                                               << false << int(K::BadRequest) << QString()
                                               << QStringLiteral("max_tokens is too large");
    QTest::newRow("vLLM nested error") << sse(
        {R"({"error": {"message": "bad", "type": "BadRequestError", "param": null, "code": 400}})"})
                                       << false << int(K::BadRequest) << QString()
                                       << QStringLiteral("bad");
    QTest::newRow("OpenRouter provider down") << sse(
        {R"({"choices":[{"index":0,"delta":{"content":"par"}}]})",
         R"({"error":{"code":502,"message":"Network connection lost.","metadata":{"error_type":"provider_unavailable"}},"choices":[{"index":0,"delta":{},"finish_reason":"error"}]})"},
        false) << false << int(K::ServerError) << QStringLiteral("par")
                                              << QStringLiteral("Network connection lost.");
    QTest::newRow("Groq tool_use_failed") << sse(
        {R"({"error":{"message":"Failed to call a function. Please adjust your prompt.","type":"invalid_request_error","code":"tool_use_failed"}})"},
        false) << false << int(K::BadRequest)
                                          << QString()
                                          << QStringLiteral("Failed to call a function");
    QTest::newRow("llama.cpp error string")
        << sse({R"({"error":"model crashed"})"}, false) << false << int(K::ServerError) << QString()
        << QStringLiteral("model crashed");
    QTest::newRow("Anthropic overloaded mid-stream") << anthropicSse(
        {R"({"type":"message_start","message":{"id":"msg_1","model":"m","usage":{"input_tokens":3,"output_tokens":1}}})",
         R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
         R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Part"}})",
         R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"})
                                                     << true << int(K::Overloaded)
                                                     << QStringLiteral("Part")
                                                     << QStringLiteral("Overloaded");
    QTest::newRow("Anthropic api_error") << anthropicSse(
        {R"({"type": "error", "error": {"type": "api_error", "message": "Internal server error"}})"})
                                         << true << int(K::ServerError) << QString()
                                         << QStringLiteral("Internal server error");
    QTest::newRow("Anthropic rate limit in stream")
        << anthropicSse(
               {R"({"type":"error","error":{"type":"rate_limit_error","message":"slow down"}})"})
        << true << int(K::RateLimited) << QString() << QStringLiteral("slow down");
}

void TestStreamDecoders::errorsInside200Stream()
{
    QFETCH(QByteArray, stream);
    QFETCH(bool, anthropic);
    QFETCH(int, kind);
    QFETCH(QString, partialText);
    QFETCH(QString, messageContains);
    const Decoded d = decode(chunked(stream, 3), anthropic);
    QCOMPARE(int(d.result.error.kind()), kind);
    QVERIFY2(d.result.error.message().contains(messageContains),
             qPrintable(d.result.error.message()));
    QCOMPARE(d.result.text, partialText); // the error is not text, the text before it is kept
    QCOMPARE(d.result.finishReason, FinishReason::Error);
    for (const StreamDelta &delta : d.deltas)
        QVERIFY(!delta.text.contains(messageContains));
}

void TestStreamDecoders::streamCutKeepsPartialText()
{
    const QByteArray full = streamBody(QStringLiteral("openai-chat-parallel-tool-calls.sse"));
    // Cut in the middle of the second tool call's arguments.
    const QByteArray cut = full.left(full.indexOf("cker"));
    const ChatResult r = decode(chunked(cut, 4), false).result;
    QCOMPARE(r.error.kind(), LlmError::Kind::StreamCut);
    QVERIFY(r.error.message().contains(QLatin1String("What arrived was kept")));
    QCOMPARE(r.toolCalls.size(), 2);
    QCOMPARE(r.toolCalls[0].arguments,
             QStringLiteral("{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"));

    const QByteArray anthropicFull = streamBody(QStringLiteral("anthropic-text-then-tool-use.sse"));
    const ChatResult a
        = decode(anthropicFull.left(anthropicFull.indexOf("event: message_stop")), true).result;
    QCOMPARE(a.error.kind(), LlmError::Kind::StreamCut);
    QCOMPARE(a.text, QStringLiteral("I'll check the current weather in Paris for you."));
}

void TestStreamDecoders::finishWithoutDoneIsComplete()
{
    const QByteArray stream = sse(
        {R"({"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]})"}, false);
    const ChatResult r = decode(stream, false).result;
    QVERIFY(r.ok());
    QCOMPARE(r.text, QStringLiteral("Hi"));
}

void TestStreamDecoders::garbageIsSkippedNotShown()
{
    // security.md §6 row 2: a data line that is not JSON ends the stream with a protocol
    // error; what came before it is kept, nothing after it is shown (skipping the broken
    // event would lose a piece of the answer without anyone noticing).
    QByteArray stream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}\n\n"
                        "data: <html>502 Bad Gateway</html>\n\n"
                        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}\n\n"
                        "\x01\x02garbage line\n\n"
                        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"C\"},"
                        "\"finish_reason\":\"stop\"}]}\n\n"
                        "data: [DONE]\n\n";
    OpenAiStreamAccumulator acc;
    SseReader reader;
    QList<StreamDelta> deltas;
    for (const SseEvent &e : reader.feed(stream))
        acc.handle(e, &deltas);
    const ChatResult r = acc.finish();
    QCOMPARE(r.error.kind(), LlmError::Kind::InvalidResponse);
    QVERIFY(r.error.message().contains(QLatin1String("not JSON")));
    QCOMPARE(r.text, QStringLiteral("A"));
    QCOMPARE(deltas.size(), 1);
    QCOMPARE(acc.unreadableEvents(), 1);
}

void TestStreamDecoders::onlyGarbageIsAnError()
{
    const ChatResult r
        = decode(QByteArray("data: hello\n\ndata: <html>oops</html>\n\n"), false).result;
    QCOMPARE(r.error.kind(), LlmError::Kind::InvalidResponse);
    QVERIFY(r.error.message().contains(QLatin1String("not JSON")));
    QVERIFY(r.error.message().contains(QLatin1String("base URL")));
    // An HTML page served as the whole body: nothing is an SSE event at all.
    const ChatResult html = decode(QByteArray("<html><body>Login</body></html>"), false).result;
    QVERIFY(!html.ok());
}

void TestStreamDecoders::invalidUtf8KeepsTheRest()
{
    const QByteArray stream
        = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"caf\xC3\"}}]}\n\n"
          "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" ok \xFF\xFE end\"},"
          "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    const ChatResult r = decode(chunked(stream, 1), false).result;
    QVERIFY(r.ok());
    QVERIFY2(r.text.startsWith(QLatin1String("caf")), qPrintable(r.text));
    QVERIFY(r.text.contains(QChar(0xFFFD)));
    QVERIFY(r.text.endsWith(QLatin1String(" end")));
    QVERIFY(r.text.contains(QLatin1String(" ok ")));
}

void TestStreamDecoders::anthropicCacheUsageAndParallelTools()
{
    const QByteArray stream = anthropicSse({
        R"({"type":"message_start","message":{"id":"msg_c","model":"claude-sonnet-4-5","usage":{"input_tokens":2,"cache_creation_input_tokens":3068,"cache_read_input_tokens":0,"output_tokens":1}}})",
        R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_a","name":"listSandboxes","input":{}}})",
        R"({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}})",
        R"({"type":"content_block_stop","index":0})",
        R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_b","name":"readFile","input":{}}})",
        R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"path\":"}})",
        R"({"type":"ping"})",
        R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" \"x\"}"}})",
        R"({"type":"content_block_stop","index":1})",
        R"({"type":"content_block_start","index":2,"content_block":{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"q":"x"}}})",
        R"({"type":"content_block_stop","index":2})",
        R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"input_tokens":6,"cache_creation_input_tokens":3337,"cache_read_input_tokens":6289,"output_tokens":198}})",
        R"({"type":"message_stop"})",
    });
    const ChatResult r = decode(chunked(stream, 1), true).result;
    QVERIFY2(r.ok(), qPrintable(r.error.message()));
    QCOMPARE(r.toolCalls.size(), 2);
    QCOMPARE(r.toolCalls[0].arguments, QStringLiteral("{}")); // no-arg tool
    QCOMPARE(r.toolCalls[1].arguments, QStringLiteral("{\"path\": \"x\"}"));
    QCOMPARE(r.finishReason, FinishReason::ToolCalls);
    // message_delta overrides message_start field by field; input counts the whole prompt.
    QCOMPARE(r.usage.inputTokens, 6 + 3337 + 6289);
    QCOMPARE(r.usage.cachedInputTokens, 6289);
    QCOMPARE(r.usage.outputTokens, 198);
    QCOMPARE(r.usage.totalTokens, 6 + 3337 + 6289 + 198);
}

void TestStreamDecoders::anthropicRedactedThinking()
{
    const QByteArray stream = anthropicSse({
        R"({"type":"message_start","message":{"id":"m","model":"c","usage":{"input_tokens":1,"output_tokens":1}}})",
        R"({"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"EmwKAhgBEgy3va"}})",
        R"({"type":"content_block_stop","index":0})",
        R"({"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})",
        R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"ok"}})",
        R"({"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":9}})",
        R"({"type":"message_stop"})",
    });
    const ChatResult r = decode(stream, true).result;
    QCOMPARE(r.thinking.size(), 1);
    QCOMPARE(r.thinking[0].redactedData, QStringLiteral("EmwKAhgBEgy3va"));
    QCOMPARE(r.finishReason, FinishReason::Length);
    const ChatMessage next = r.toAssistantMessage();
    QCOMPARE(next.thinking, r.thinking);
    QCOMPARE(next.text, QStringLiteral("ok"));
}

void TestStreamDecoders::tenMegabyteArguments_data()
{
    QTest::addColumn<bool>("anthropic");
    QTest::newRow("openai") << false;
    QTest::newRow("anthropic") << true;
}

void TestStreamDecoders::tenMegabyteArguments()
{
    QFETCH(bool, anthropic);
    // A writeFile call whose content is 10 MB, in 4 KB fragments.
    const QString content(10 * 1024 * 1024, QLatin1Char('a'));
    const QString args
        = QStringLiteral("{\"path\":\"big.txt\",\"content\":\"") + content + QStringLiteral("\"}");
    QList<QByteArray> payloads;
    const auto fragment = [&](const QString &part) {
        QJsonObject o;
        if (anthropic) {
            o = {{QStringLiteral("type"), QStringLiteral("content_block_delta")},
                 {QStringLiteral("index"), 0},
                 {QStringLiteral("delta"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("input_json_delta")},
                              {QStringLiteral("partial_json"), part}}}};
        } else {
            const QJsonObject fn{{QStringLiteral("arguments"), part}};
            const QJsonObject tc{{QStringLiteral("index"), 0}, {QStringLiteral("function"), fn}};
            const QJsonObject delta{{QStringLiteral("tool_calls"), QJsonArray{tc}}};
            o = {{QStringLiteral("choices"),
                  QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                         {QStringLiteral("delta"), delta}}}}};
        }
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    };
    if (anthropic) {
        payloads
            << R"({"type":"message_start","message":{"id":"m","model":"c","usage":{"input_tokens":1}}})"
            << R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_big","name":"writeFile","input":{}}})";
    } else {
        payloads
            << R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_big","type":"function","function":{"name":"writeFile","arguments":""}}]}}]})";
    }
    for (qsizetype i = 0; i < args.size(); i += 4096)
        payloads << fragment(args.mid(i, 4096));
    QByteArray stream;
    if (anthropic) {
        payloads
            << R"({"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":5}})"
            << R"({"type":"message_stop"})";
        stream = anthropicSse(payloads);
    } else {
        payloads << R"({"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]})";
        stream = sse(payloads);
    }
    const ChatResult r = decode(chunked(stream, 7, 65536), anthropic).result;
    QVERIFY2(r.ok(), qPrintable(r.error.message()));
    QCOMPARE(r.toolCalls.size(), 1);
    QCOMPARE(r.toolCalls[0].arguments.size(), args.size());
    QVERIFY(r.toolCalls[0].arguments == args);
    QCOMPARE(r.finishReason, FinishReason::ToolCalls);
}

void TestStreamDecoders::nonStreamingResponses()
{
    // OpenAI §1.2 (recorded, coder/aibridge).
    const QByteArray openAi
        = R"({"id":"chatcmpl-BwkyFElDIr1egmFyfQ9z4vPBto7m2","object":"chat.completion","created":1753343279,
 "model":"gpt-4.1-2025-04-14",
 "choices":[{"index":0,"message":{"role":"assistant","content":null,
   "tool_calls":[{"id":"call_KjzAbhiZC6nk81tQzL7pwlpc","type":"function",
                  "function":{"name":"read_file","arguments":"{\"path\":\"README.md\"}"}}],
   "refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"tool_calls"}],
 "usage":{"prompt_tokens":60,"completion_tokens":15,"total_tokens":75,
   "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
   "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
 "service_tier":"default","system_fingerprint":"fp_b3f1157249"})";
    const ChatResult o = OpenAiStreamAccumulator::parseResponse(
        QJsonDocument::fromJson(openAi).object(), QStringLiteral("OpenAI"));
    QVERIFY(o.ok());
    QCOMPARE(o.toolCalls.size(), 1);
    QCOMPARE(o.toolCalls[0].id, QStringLiteral("call_KjzAbhiZC6nk81tQzL7pwlpc"));
    QCOMPARE(o.toolCalls[0].arguments, QStringLiteral("{\"path\":\"README.md\"}"));
    QCOMPARE(o.finishReason, FinishReason::ToolCalls);
    QCOMPARE(o.usage.totalTokens, 75);

    const QByteArray anthropic
        = R"({"id":"msg_x","type":"message","role":"assistant","model":"claude-haiku-4-5",
 "content":[{"type":"thinking","thinking":"short","signature":"sig"},{"type":"text","text":"Fix the parser"},
            {"type":"tool_use","id":"toolu_1","name":"readFile","input":{"path":"a.py"}}],
 "stop_reason":"tool_use","stop_sequence":null,
 "usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"output_tokens":6}})";
    const ChatResult a = AnthropicStreamAccumulator::parseResponse(
        QJsonDocument::fromJson(anthropic).object(), QStringLiteral("Anthropic"));
    QVERIFY2(a.ok(), qPrintable(a.error.message()));
    QCOMPARE(a.text, QStringLiteral("Fix the parser"));
    QCOMPARE(a.thinking.size(), 1);
    QCOMPARE(a.thinking[0].signature, QStringLiteral("sig"));
    QCOMPARE(a.toolCalls.size(), 1);
    QCOMPARE(a.toolCalls[0].arguments, QStringLiteral("{\"path\":\"a.py\"}"));
    QCOMPARE(a.finishReason, FinishReason::ToolCalls);
    QCOMPARE(a.usage.inputTokens, 112);
    QCOMPARE(a.usage.cachedInputTokens, 100);
}

QTEST_GUILESS_MAIN(TestStreamDecoders)
#include "tst_streamdecoders.moc"
