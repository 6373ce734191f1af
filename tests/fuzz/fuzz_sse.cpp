// libFuzzer target for SseReader: arbitrary bytes must never crash the reader, and the events
// must not depend on how the bytes were chunked (whole, byte by byte, or split where the input's
// first byte says), which is what a network read does to a stream.
#include "FuzzCheck.h"
#include "llm/SseReader.h"

#include <cstddef>
#include <cstdint>

static QList<SseEvent> readChunked(QByteArrayView bytes, qsizetype step)
{
    SseReader reader;
    QList<SseEvent> events;
    for (qsizetype i = 0; i < bytes.size(); i += step)
        reader.feed(bytes.sliced(i, qMin(step, bytes.size() - i)), &events);
    reader.finish(&events);
    FUZZ_CHECK(reader.bytesRead() == bytes.size());
    return events;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype step = 1 + data[0] % 17;
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    const QList<SseEvent> whole = readChunked(stream, qMax<qsizetype>(1, stream.size()));
    FUZZ_CHECK(readChunked(stream, 1) == whole);
    FUZZ_CHECK(readChunked(stream, step) == whole);
    for (const SseEvent &e : whole)
        FUZZ_CHECK(e.data.size() <= stream.size());
    return 0;
}
