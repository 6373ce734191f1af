// libFuzzer target for the tool-call accumulators (OpenAI and Anthropic stream decoders): any
// stream, in any chunking, ends in a ChatResult without crashing; tool calls in the result have
// ids and JSON-object arguments (what the engine then validates), and an error is never also a
// complete result. Byte 0 picks the decoder (bit 0) and the chunk size (the other bits).
#include "FuzzCheck.h"
#include "llm/AnthropicStreamAccumulator.h"
#include "llm/OpenAiStreamAccumulator.h"

#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>
#include <memory>

struct Decoded
{
    ChatResult result;
    QList<StreamDelta> deltas;
};

static Decoded decode(QByteArrayView stream, bool anthropic, qsizetype step)
{
    std::unique_ptr<StreamAccumulator> acc;
    if (anthropic)
        acc = std::make_unique<AnthropicStreamAccumulator>();
    else
        acc = std::make_unique<OpenAiStreamAccumulator>();
    SseReader reader;
    QList<SseEvent> events;
    Decoded out;
    for (qsizetype i = 0; i < stream.size(); i += step) {
        events.clear();
        reader.feed(stream.sliced(i, qMin(step, stream.size() - i)), &events);
        for (const SseEvent &e : events)
            acc->handle(e, &out.deltas);
    }
    events.clear();
    reader.finish(&events);
    for (const SseEvent &e : events)
        acc->handle(e, &out.deltas);
    out.result = acc->finish();
    return out;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool quiet = [] {
        // Unreadable events are logged as warnings; thousands per second would drown the fuzzer.
        QLoggingCategory::setFilterRules(QStringLiteral("studio.*=false"));
        return true;
    }();
    Q_UNUSED(quiet);
    if (size == 0)
        return 0;
    const bool anthropic = data[0] & 1;
    const qsizetype step = 1 + (data[0] >> 1) % 64;
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);

    const Decoded chunked = decode(stream, anthropic, step);
    const Decoded whole = decode(stream, anthropic, qMax<qsizetype>(1, stream.size()));
    // The chunking of the network reads must not change what the model said.
    FUZZ_CHECK(chunked.result.text == whole.result.text);
    FUZZ_CHECK(chunked.result.toolCalls.size() == whole.result.toolCalls.size());
    FUZZ_CHECK(chunked.result.error.isError() == whole.result.error.isError());
    for (qsizetype i = 0; i < chunked.result.toolCalls.size(); ++i) {
        const ToolCall &call = chunked.result.toolCalls.at(i);
        FUZZ_CHECK(!call.id.isEmpty());
        FUZZ_CHECK(!call.name.isEmpty());
        FUZZ_CHECK(call.name == whole.result.toolCalls.at(i).name);
        FUZZ_CHECK(call.arguments == whole.result.toolCalls.at(i).arguments);
    }
    for (const StreamDelta &d : chunked.deltas) {
        if (d.kind == StreamDelta::Kind::ToolCallStarted
            || d.kind == StreamDelta::Kind::ToolCallArguments)
            FUZZ_CHECK(d.toolIndex >= 0);
    }
    return 0;
}
