// Benchmark (prints numbers, asserts nothing about time): throughput and per-chunk cost of the
// SSE reader alone and of reader + decoder, on large streams in the recorded wire formats
// (the envelope of openai-chat-parallel-tool-calls.sse and anthropic-text-then-tool-use.sse),
// fed in chunks from 1 byte to 16 KB.
#include "LlmTestSupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace {

// ~`bytes` of an OpenAI stream: text deltas of a few words, then a tool call in fragments,
// with the real chunk envelope.
QByteArray openAiStream(qsizetype bytes)
{
    const QByteArray head
        = R"({"id":"chatcmpl-ABfwAwrNePHUgBBezonVC6MX3zd63","object":"chat.completion.chunk","created":1727346178,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":)";
    const QByteArray tail = R"(,"logprobs":null,"finish_reason":null}]})";
    QByteArray out;
    out.reserve(bytes + 4096);
    out += "data: " + head + R"({"role":"assistant","content":""})" + tail + "\n\n";
    int i = 0;
    while (out.size() < bytes / 2)
        out += "data: " + head + R"({"content":" token)" + QByteArray::number(i++ % 1000)
            + R"( \u00e9"})" + tail + "\n\n";
    out += "data: " + head
        + R"({"tool_calls":[{"index":0,"id":"call_JMW1whyEaYG438VE1OIflxA2","type":"function","function":{"name":"writeFile","arguments":""}}]})"
        + tail + "\n\n";
    out += "data: " + head
        + R"({"tool_calls":[{"index":0,"function":{"arguments":"{\"content\":\""}}]})" + tail
        + "\n\n";
    while (out.size() < bytes)
        out += "data: " + head
            + R"({"tool_calls":[{"index":0,"function":{"arguments":"line of code \\n"}}]})" + tail
            + "\n\n";
    out += "data: " + head + R"({"tool_calls":[{"index":0,"function":{"arguments":"\"}"}}]})" + tail
        + "\n\n";
    out += R"(data: {"id":"chatcmpl-ABfwAwrNePHUgBBezonVC6MX3zd63","object":"chat.completion.chunk","created":1727346178,"model":"gpt-4o-2024-08-06","system_fingerprint":"fp_5050236cbd","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]})"
           "\n\ndata: [DONE]\n\n";
    return out;
}

QByteArray anthropicStream(qsizetype bytes)
{
    QByteArray out
        = "event: message_start\ndata: "
          "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_019Q1hrJbZG26Fb9BQhrkHEr\","
          "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-20250514\","
          "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":"
          "377,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1,"
          "\"service_tier\":\"standard\"}}}\n\n"
          "event: content_block_start\ndata: "
          "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
          "\"text\":\"\"}}\n\n";
    out.reserve(bytes + 4096);
    int i = 0;
    while (out.size() < bytes / 2) {
        out += "event: content_block_delta\ndata: "
               "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
               "\"text\":\" token"
            + QByteArray::number(i++ % 1000) + " \\u00e9\"}}\n\n";
        if (i % 50 == 0)
            out += "event: ping\ndata: {\"type\": \"ping\"}\n\n";
    }
    out += "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
           "event: content_block_start\ndata: "
           "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\","
           "\"id\":\"toolu_01NRLabsLyVHZPKxbKvkfSMn\",\"name\":\"writeFile\",\"input\":{}}}\n\n";
    while (out.size() < bytes)
        out += "event: content_block_delta\ndata: "
               "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_"
               "delta\",\"partial_json\":\"line of code \"}}\n\n";
    out += "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":1}\n\n"
           "event: message_delta\ndata: "
           "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":"
           "null},\"usage\":{\"output_tokens\":65}}\n\n"
           "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    return out;
}

struct Measurement
{
    double seconds = 0;
    qint64 chunks = 0;
    qint64 events = 0;
};

Measurement readerOnly(const QByteArray &bytes, qsizetype chunk)
{
    SseReader reader;
    QList<SseEvent> events;
    Measurement m;
    QElapsedTimer t;
    t.start();
    for (qsizetype pos = 0; pos < bytes.size(); pos += chunk) {
        reader.feed(QByteArrayView(bytes).sliced(pos, qMin(chunk, bytes.size() - pos)), &events);
        m.events += events.size();
        events.clear();
        ++m.chunks;
    }
    reader.finish(&events);
    m.events += events.size();
    m.seconds = double(t.nsecsElapsed()) / 1e9;
    return m;
}

Measurement decoded(const QByteArray &bytes, qsizetype chunk, bool anthropic, bool *ok)
{
    SseReader reader;
    auto acc = LlmTest::accumulatorFor(anthropic);
    QList<SseEvent> events;
    QList<StreamDelta> deltas;
    Measurement m;
    QElapsedTimer t;
    t.start();
    for (qsizetype pos = 0; pos < bytes.size(); pos += chunk) {
        reader.feed(QByteArrayView(bytes).sliced(pos, qMin(chunk, bytes.size() - pos)), &events);
        for (const SseEvent &e : std::as_const(events))
            acc->handle(e, &deltas);
        m.events += events.size();
        events.clear();
        deltas.clear();
        ++m.chunks;
    }
    reader.finish(&events);
    for (const SseEvent &e : std::as_const(events))
        acc->handle(e, &deltas);
    const ChatResult r = acc->finish();
    m.seconds = double(t.nsecsElapsed()) / 1e9;
    *ok = r.ok() && r.toolCalls.size() == 1 && !r.text.isEmpty();
    return m;
}

void print(const char *what, const QByteArray &bytes, qsizetype chunk, const Measurement &m)
{
    std::printf("%-34s chunk %6lld B  %8.1f MB/s  %9.0f ns/chunk  %8.2f us/event  (%lld events, "
                "%.1f MB)\n",
                what, qlonglong(chunk), double(bytes.size()) / 1e6 / m.seconds,
                m.seconds * 1e9 / double(m.chunks),
                m.seconds * 1e6 / double(qMax<qint64>(1, m.events)), qlonglong(m.events),
                double(bytes.size()) / 1e6);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QByteArray openai = openAiStream(16 * 1024 * 1024);
    const QByteArray anthropic = anthropicStream(16 * 1024 * 1024);
    const QByteArray small = openAiStream(1024 * 1024);
    bool allOk = true;
    std::printf("llm stream parser benchmark (recorded wire formats)\n");
    print("SseReader, OpenAI stream", small, 1, readerOnly(small, 1));
    for (qsizetype chunk : {16, 512, 16384})
        print("SseReader, OpenAI stream", openai, chunk, readerOnly(openai, chunk));
    bool ok = false;
    print("SseReader+OpenAI decoder", small, 1, decoded(small, 1, false, &ok));
    allOk &= ok;
    for (qsizetype chunk : {16, 512, 16384}) {
        print("SseReader+OpenAI decoder", openai, chunk, decoded(openai, chunk, false, &ok));
        allOk &= ok;
    }
    for (qsizetype chunk : {16, 512, 16384}) {
        print("SseReader+Anthropic decoder", anthropic, chunk,
              decoded(anthropic, chunk, true, &ok));
        allOk &= ok;
    }
    // Fails only if the streams did not decode (a broken benchmark), never on time.
    return allOk ? 0 : 1;
}
