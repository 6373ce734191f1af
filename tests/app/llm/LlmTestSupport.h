// Test helpers for app/llm: loading the recorded streams of tests/data/llm as the bytes a
// server sends, cutting bytes into chunkings, and running bytes through SseReader and an
// accumulator the way the request object does.
#pragma once

#include "llm/AnthropicStreamAccumulator.h"
#include "llm/OpenAiStreamAccumulator.h"
#include "llm/SseReader.h"

#include <QFile>
#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <memory>

namespace LlmTest {

inline QByteArray readDataFile(const QString &name)
{
    QFile file(QStringLiteral(STUDIO_TEST_DATA_DIR "/llm/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open test data file %s", qPrintable(file.fileName()));
    return file.readAll();
}

inline bool isAnthropicFixture(const QString &name)
{
    return name.startsWith(QLatin1String("anthropic"));
}

// The body a server sends: .sse files are raw; .chunks.txt files (one data payload per line,
// framing removed by vercel/ai's recorder) get their framing back: "event: <type>" for
// Anthropic, "data: [DONE]" after OpenAI-shape streams.
inline QByteArray streamBody(const QString &name)
{
    const QByteArray raw = readDataFile(name);
    if (!name.endsWith(QLatin1String(".chunks.txt")))
        return raw;
    QByteArray out;
    const bool anthropic = isAnthropicFixture(name);
    for (const QByteArray &line : raw.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        if (anthropic) {
            const qsizetype start = line.indexOf("\"type\":\"") + 8;
            const QByteArray type = line.mid(start, line.indexOf('"', start) - start);
            out += "event: " + type + '\n';
        }
        out += "data: " + line + "\n\n";
    }
    if (!anthropic)
        out += "data: [DONE]\n\n";
    return out;
}

// Chunk sizes: 0 = whole, 1 = byte by byte, otherwise a seed for random sizes 1..maxChunk.
inline QList<QByteArray> chunked(const QByteArray &bytes, int mode, int maxChunk = 97)
{
    QList<QByteArray> chunks;
    if (mode == 0) {
        chunks.append(bytes);
        return chunks;
    }
    QRandomGenerator random{quint32(mode)};
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const qsizetype n = mode == 1 ? 1 : 1 + random.bounded(maxChunk);
        chunks.append(bytes.mid(pos, n));
        pos += n;
    }
    return chunks;
}

inline std::unique_ptr<StreamAccumulator> accumulatorFor(bool anthropic)
{
    if (anthropic)
        return std::make_unique<AnthropicStreamAccumulator>();
    return std::make_unique<OpenAiStreamAccumulator>();
}

struct Decoded
{
    ChatResult result;
    QList<StreamDelta> deltas;
};

inline Decoded decode(const QList<QByteArray> &chunks, bool anthropic)
{
    SseReader reader;
    auto acc = accumulatorFor(anthropic);
    Decoded d;
    QList<SseEvent> events;
    for (const QByteArray &chunk : chunks) {
        events.clear();
        reader.feed(chunk, &events);
        for (const SseEvent &e : std::as_const(events))
            acc->handle(e, &d.deltas);
    }
    events.clear();
    reader.finish(&events);
    acc->setAtEndOfBody();
    for (const SseEvent &e : std::as_const(events))
        acc->handle(e, &d.deltas);
    d.result = acc->finish();
    return d;
}

inline Decoded decode(const QByteArray &bytes, bool anthropic)
{
    return decode(QList<QByteArray>{bytes}, anthropic);
}

} // namespace LlmTest
