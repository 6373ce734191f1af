// Request bodies for a conversation with thinking, parallel tool calls, a failed tool and a
// follow-up, compared whole against the shape each protocol documents (llm-wire.md §1.1, §2.1).
#include "llm/ProviderCatalog.h"
#include "llm/RequestBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestRequestBuilder final : public QObject
{
    Q_OBJECT

private slots:
    void openAiConversation();
    void anthropicConversation();
    void maxTokensRules();
    void optionsPerProvider();
    void anthropicWithoutCachingOrSystem();
    void foreignToolIdsAfterModelSwitch();
};

static ChatRequest conversation()
{
    ChatRequest r;
    r.model = QStringLiteral("some-model");
    r.system = QStringLiteral("You are a coding agent.");
    r.messages << ChatMessage::user(QStringLiteral("how large is README.md?"));
    ChatMessage assistant = ChatMessage::assistant(
        QStringLiteral("I'll read it."),
        {ToolCall{QStringLiteral("call_1"),
                  QStringLiteral("readFile"),
                  QStringLiteral("{\"path\":\"README.md\"}"),
                  {}},
         ToolCall{QStringLiteral("call_2"), QStringLiteral("listFiles"), QString(), {}}});
    assistant.thinking << ThinkingBlock{
        QStringLiteral("Look first."), QStringLiteral("EvQB=="), {}};
    r.messages << assistant;
    r.messages << ChatMessage::toolResult(QStringLiteral("call_1"), QStringLiteral("readFile"),
                                          QStringLiteral("{\"size\":42}"));
    r.messages << ChatMessage::toolResult(QStringLiteral("call_2"), QStringLiteral("listFiles"),
                                          QStringLiteral("{\"error\":\"no such dir\"}"), true);
    r.messages << ChatMessage::user(QStringLiteral("thanks"));
    r.tools << ToolSpec{
        QStringLiteral("readFile"), QStringLiteral("Read a file."),
        QJsonDocument::fromJson(
            R"({"type":"object","properties":{"path":{"type":"string"}},"required":["path"]})")
            .object()};
    r.tools << ToolSpec{QStringLiteral("listFiles"), QString(),
                        QJsonDocument::fromJson(R"({"type":"object","properties":{}})").object()};
    r.maxTokens = 4096;
    return r;
}

static void compareJson(const QJsonObject &actual, const char *expected)
{
    const QJsonDocument want = QJsonDocument::fromJson(expected);
    QVERIFY2(want.isObject(), "expected JSON does not parse");
    if (want.object() != actual)
        QFAIL(qPrintable(QStringLiteral("got:\n%1\nexpected:\n%2")
                             .arg(QString::fromUtf8(QJsonDocument(actual).toJson()),
                                  QString::fromUtf8(want.toJson()))));
}

void TestRequestBuilder::openAiConversation()
{
    const ProviderCatalog catalog;
    compareJson(RequestBuilder::build(conversation(), *catalog.find(QStringLiteral("openai"))),
                R"({
  "model": "some-model",
  "messages": [
    {"role": "system", "content": "You are a coding agent."},
    {"role": "user", "content": "how large is README.md?"},
    {"role": "assistant", "content": "I'll read it.",
     "tool_calls": [{"id": "call_1", "type": "function",
                     "function": {"name": "readFile", "arguments": "{\"path\":\"README.md\"}"}},
                    {"id": "call_2", "type": "function",
                     "function": {"name": "listFiles", "arguments": "{}"}}]},
    {"role": "tool", "tool_call_id": "call_1", "content": "{\"size\":42}"},
    {"role": "tool", "tool_call_id": "call_2", "content": "{\"error\":\"no such dir\"}"},
    {"role": "user", "content": "thanks"}
  ],
  "tools": [{"type": "function", "function": {"name": "readFile", "description": "Read a file.",
              "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}}},
            {"type": "function", "function": {"name": "listFiles",
              "parameters": {"type": "object", "properties": {}}}}],
  "tool_choice": "auto",
  "stream": true,
  "stream_options": {"include_usage": true},
  "max_completion_tokens": 4096
})");
}

void TestRequestBuilder::anthropicConversation()
{
    const ProviderCatalog catalog;
    compareJson(RequestBuilder::build(conversation(), *catalog.find(QStringLiteral("anthropic"))),
                R"({
  "model": "some-model",
  "max_tokens": 4096,
  "stream": true,
  "system": [{"type": "text", "text": "You are a coding agent.", "cache_control": {"type": "ephemeral"}}],
  "tools": [{"name": "readFile", "description": "Read a file.",
             "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}},
            {"name": "listFiles", "input_schema": {"type": "object", "properties": {}},
             "cache_control": {"type": "ephemeral"}}],
  "tool_choice": {"type": "auto"},
  "messages": [
    {"role": "user", "content": [{"type": "text", "text": "how large is README.md?"}]},
    {"role": "assistant", "content": [
       {"type": "thinking", "thinking": "Look first.", "signature": "EvQB=="},
       {"type": "text", "text": "I'll read it."},
       {"type": "tool_use", "id": "call_1", "name": "readFile", "input": {"path": "README.md"}},
       {"type": "tool_use", "id": "call_2", "name": "listFiles", "input": {}}]},
    {"role": "user", "content": [
       {"type": "tool_result", "tool_use_id": "call_1", "content": "{\"size\":42}"},
       {"type": "tool_result", "tool_use_id": "call_2", "content": "{\"error\":\"no such dir\"}", "is_error": true},
       {"type": "text", "text": "thanks"}]}
  ]
})");
}

void TestRequestBuilder::maxTokensRules()
{
    const ProviderCatalog catalog;
    ChatRequest r;
    r.model = QStringLiteral("m");
    r.messages << ChatMessage::user(QStringLiteral("hi"));
    // No max tokens: OpenAI-shape sends none, Anthropic must send one.
    QJsonObject o = RequestBuilder::build(r, *catalog.find(QStringLiteral("groq")));
    QVERIFY(!o.contains(QLatin1String("max_tokens")));
    QVERIFY(!o.contains(QLatin1String("max_completion_tokens")));
    QJsonObject a = RequestBuilder::build(r, *catalog.find(QStringLiteral("anthropic")));
    QCOMPARE(a.value(QLatin1String("max_tokens")).toInt(),
             RequestBuilder::kAnthropicDefaultMaxTokens);
    // Compatible servers take max_tokens; OpenAI takes max_completion_tokens.
    r.maxTokens = 100;
    o = RequestBuilder::build(r, *catalog.find(QStringLiteral("groq")));
    QCOMPARE(o.value(QLatin1String("max_tokens")).toInt(), 100);
    QVERIFY(!o.contains(QLatin1String("max_completion_tokens")));
    o = RequestBuilder::build(r, *catalog.find(QStringLiteral("openai")));
    QCOMPARE(o.value(QLatin1String("max_completion_tokens")).toInt(), 100);
    QVERIFY(!o.contains(QLatin1String("max_tokens")));
    // Thinking: max_tokens must exceed the budget; no temperature with thinking.
    r.thinkingBudget = 4096;
    r.temperature = 0.2;
    a = RequestBuilder::build(r, *catalog.find(QStringLiteral("anthropic")));
    QVERIFY(a.value(QLatin1String("max_tokens")).toInt() > 4096);
    QCOMPARE(a.value(QLatin1String("thinking")).toObject(),
             QJsonDocument::fromJson(R"({"type":"enabled","budget_tokens":4096})").object());
    QVERIFY(!a.contains(QLatin1String("temperature")));
}

void TestRequestBuilder::optionsPerProvider()
{
    const ProviderCatalog catalog;
    ChatRequest r;
    r.model = QStringLiteral("m");
    r.messages << ChatMessage::user(QStringLiteral("hi"));
    QVERIFY(!RequestBuilder::build(r, *catalog.find(QStringLiteral("lmstudio")))
                 .contains(QLatin1String("stream_options")));
    r.stream = false; // title generation
    const QJsonObject o = RequestBuilder::build(r, *catalog.find(QStringLiteral("openai")));
    QCOMPARE(o.value(QLatin1String("stream")).toBool(true), false);
    QVERIFY(!o.contains(QLatin1String("stream_options")));
    QVERIFY(!o.contains(QLatin1String("tools")));
    // Gemini's thought_signature goes back on the tool call.
    ChatRequest g;
    g.model = QStringLiteral("gemini-3-flash");
    ToolCall call{QStringLiteral("c1"), QStringLiteral("read"), QStringLiteral("{}"),
                  QJsonDocument::fromJson(R"({"google":{"thought_signature":"sig"}})").object()};
    g.messages << ChatMessage::assistant(QString(), {call});
    const QJsonObject body = RequestBuilder::build(g, *catalog.find(QStringLiteral("google")));
    const QJsonObject msg = body.value(QLatin1String("messages")).toArray().first().toObject();
    QVERIFY(msg.value(QLatin1String("content")).isNull());
    QCOMPARE(msg.value(QLatin1String("tool_calls"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("extra_content"))
                 .toObject(),
             call.extraContent);
}

void TestRequestBuilder::anthropicWithoutCachingOrSystem()
{
    ChatRequest r = conversation();
    r.promptCaching = false;
    QJsonObject a = RequestBuilder::anthropicMessages(r);
    QVERIFY(!QJsonDocument(a).toJson().contains("cache_control"));
    r.system.clear();
    a = RequestBuilder::anthropicMessages(r);
    QVERIFY(!a.contains(QLatin1String("system")));
    // An assistant turn with only tool calls has no empty text block.
    ChatRequest t;
    t.model = QStringLiteral("m");
    t.messages << ChatMessage::user(QStringLiteral("go"))
               << ChatMessage::assistant(QString(),
                                         {ToolCall{QStringLiteral("t1"),
                                                   QStringLiteral("x"),
                                                   QStringLiteral("not json"),
                                                   {}}});
    const QJsonArray content = RequestBuilder::anthropicMessages(t)
                                   .value(QLatin1String("messages"))
                                   .toArray()
                                   .at(1)
                                   .toObject()
                                   .value(QLatin1String("content"))
                                   .toArray();
    QCOMPARE(content.size(), 1);
    QCOMPARE(content.first().toObject().value(QLatin1String("type")).toString(),
             QStringLiteral("tool_use"));
    QCOMPARE(content.first().toObject().value(QLatin1String("input")).toObject(), QJsonObject());
}

void TestRequestBuilder::foreignToolIdsAfterModelSwitch()
{
    // A conversation started on vLLM (Kimi ids) continues on Anthropic.
    ChatRequest r;
    r.model = QStringLiteral("claude");
    r.messages << ChatMessage::user(QStringLiteral("go"))
               << ChatMessage::assistant(QString(),
                                         {ToolCall{QStringLiteral("functions.read:0"),
                                                   QStringLiteral("read"),
                                                   QStringLiteral("{}"),
                                                   {}}})
               << ChatMessage::toolResult(QStringLiteral("functions.read:0"),
                                          QStringLiteral("read"), QStringLiteral("ok"));
    const QJsonArray messages
        = RequestBuilder::anthropicMessages(r).value(QLatin1String("messages")).toArray();
    const QString useId = messages[1]
                              .toObject()
                              .value(QLatin1String("content"))
                              .toArray()[0]
                              .toObject()
                              .value(QLatin1String("id"))
                              .toString();
    const QString resultId = messages[2]
                                 .toObject()
                                 .value(QLatin1String("content"))
                                 .toArray()[0]
                                 .toObject()
                                 .value(QLatin1String("tool_use_id"))
                                 .toString();
    QCOMPARE(useId, QStringLiteral("functions_read_0"));
    QCOMPARE(resultId, useId);
    // OpenAI keeps ids verbatim.
    const ProviderCatalog catalog;
    const QJsonArray o = RequestBuilder::build(r, *catalog.find(QStringLiteral("openai")))
                             .value(QLatin1String("messages"))
                             .toArray();
    QCOMPARE(o[2].toObject().value(QLatin1String("tool_call_id")).toString(),
             QStringLiteral("functions.read:0"));
}

QTEST_GUILESS_MAIN(TestRequestBuilder)
#include "tst_requestbuilder.moc"
