// What each recorded stream in tests/data/llm must decode to, written out by hand from the
// recordings (not computed by the code under test). Shared by the decoder and network tests.
#pragma once

#include "llm/ChatTypes.h"

#include <QList>
#include <QString>

namespace LlmTest {

struct ExpectedCall
{
    const char *id; // empty: synthesized
    const char *name;
    const char *arguments;
};

struct ExpectedStream
{
    const char *file;
    bool anthropic;
    const char *responseId;
    const char *model;
    const char *text;
    const char *reasoning;
    const char *refusal;
    QList<ExpectedCall> calls;
    FinishReason finish;
    const char *rawFinish;
    bool usageReported;
    qint64 input, output, total, reasoningTokens, cached;
    const char *signature; // of the first thinking block, if any
};

inline QList<ExpectedStream> recordedStreams()
{
    return {
        {"openai-chat-parallel-tool-calls.sse",
         false,
         "chatcmpl-ABfwAwrNePHUgBBezonVC6MX3zd63",
         "gpt-4o-2024-08-06",
         "",
         "",
         "",
         {{"call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs",
           "{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"},
          {"call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price",
           "{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}"}},
         FinishReason::ToolCalls,
         "tool_calls",
         true,
         149,
         60,
         209,
         0,
         0,
         ""},
        {"openai-chat-refusal.sse",
         false,
         "chatcmpl-ABfw4IfQfCCrcuybFm41wJyxjbkz7",
         "gpt-4o-2024-08-06",
         "",
         "",
         "I'm sorry, I can't assist with that request.",
         {},
         FinishReason::Stop,
         "stop",
         true,
         79,
         11,
         90,
         0,
         0,
         ""},
        {"groq-tool-call-whole-args.chunks.txt",
         false,
         "chatcmpl-b610d559-f156-4aca-8827-24b4fe6af54f",
         "llama-3.3-70b-versatile",
         "",
         "",
         "",
         {{"tk85n1k4m", "weather", "{}"}},
         FinishReason::ToolCalls,
         "tool_calls",
         true,
         210,
         15,
         225,
         0,
         0,
         ""},
        {"ollama-parallel-tool-calls.sse",
         false,
         "chatcmpl-18",
         "qwen2.5-coder:7b-instruct-q8_0",
         "",
         "",
         "",
         {{"call_wteop8bt", "run_command", "{\"command\":\"ls\"}"},
          {"call_rk2xye1l", "run_command", "{\"command\":\"ls -l\"}"}},
         FinishReason::ToolCalls,
         "tool_calls",
         false,
         0,
         0,
         0,
         0,
         0,
         ""},
        {"anthropic-text-then-tool-use.sse",
         true,
         "msg_019Q1hrJbZG26Fb9BQhrkHEr",
         "claude-sonnet-4-20250514",
         "I'll check the current weather in Paris for you.",
         "",
         "",
         {{"toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", "{\"location\": \"Paris\"}"}},
         FinishReason::ToolCalls,
         "tool_use",
         true,
         377,
         65,
         442,
         0,
         0,
         ""},
        {"anthropic-thinking-signature.chunks.txt",
         true,
         "msg_01Y6V41gqPaKWEw7iPouH7iW",
         "claude-sonnet-4-5-20250929",
         "925 \u00F7 5 = 185",
         "The previous result was 925. Now I need to divide that by 5.\n\n925 \u00F7 5 = 185",
         "",
         {},
         FinishReason::Stop,
         "end_turn",
         true,
         69,
         53,
         122,
         0,
         0,
         "EvQBCkYICxgCKkAxhD4NUKFzudtZ6NzbZdEiBACIScTzqjPViM596iWLZIk4EFKYYBj3B6Ptl3b0dcQv/"
         "VeJBNbejNWIWRBn+KPNEgz6HWtKx7p+QRgKsEoaDGjsiqfht7gTRFYHiyIwD1VSmNqHxv3wy8KEMP+LYb/"
         "TC4UH3H97tuoaADARFFcA0phdfxnzKQxFnc9lwY+dKlzUsaKSUAFeu1bDL5ikZJ1vL0Fkz6JjoFke0L/"
         "wOJRIUDUlDUOFJ1tZ3ea7g6LGE/5hwuvWgLwewdcm64d+43l7F57XrOmqNd6flI2K/oPr/4yzNgvi/"
         "EhT6Ca17BgB"},
    };
}

// Compares field by field; returns an empty string when equal, else what differs.
inline QString compareResult(const ChatResult &r, const ExpectedStream &e)
{
    QStringList diffs;
    const auto check = [&](const char *field, const QString &actual, const QString &expected) {
        if (actual != expected)
            diffs << QStringLiteral("%1: got '%2', expected '%3'")
                         .arg(QString::fromLatin1(field), actual, expected);
    };
    const auto u8 = [](const char *s) { return QString::fromUtf8(s); };
    check("error", r.error.message(), QString());
    check("responseId", r.responseId, u8(e.responseId));
    check("model", r.model, u8(e.model));
    check("text", r.text, u8(e.text));
    check("reasoning", r.reasoning, u8(e.reasoning));
    check("refusal", r.refusal, u8(e.refusal));
    check("finish", finishReasonName(r.finishReason), finishReasonName(e.finish));
    check("rawFinish", r.rawFinishReason, u8(e.rawFinish));
    check("calls", QString::number(r.toolCalls.size()), QString::number(e.calls.size()));
    for (qsizetype i = 0; i < qMin(r.toolCalls.size(), e.calls.size()); ++i) {
        check("call id", r.toolCalls[i].id, u8(e.calls[i].id));
        check("call name", r.toolCalls[i].name, u8(e.calls[i].name));
        check("call arguments", r.toolCalls[i].arguments, u8(e.calls[i].arguments));
    }
    check("usage reported", QString::number(r.usageReported), QString::number(e.usageReported));
    check("inputTokens", QString::number(r.usage.inputTokens), QString::number(e.input));
    check("outputTokens", QString::number(r.usage.outputTokens), QString::number(e.output));
    check("totalTokens", QString::number(r.usage.totalTokens), QString::number(e.total));
    check("reasoningTokens", QString::number(r.usage.reasoningTokens),
          QString::number(e.reasoningTokens));
    check("cachedInputTokens", QString::number(r.usage.cachedInputTokens),
          QString::number(e.cached));
    const QString signature = r.thinking.isEmpty() ? QString() : r.thinking.first().signature;
    check("signature", signature, u8(e.signature));
    if (*e.signature)
        check("thinking block", r.thinking.first().thinking, u8(e.reasoning));
    return diffs.join(QLatin1String("; "));
}

} // namespace LlmTest
