// SessionLogDemuxer: the incremental marker scan.
#include "sandbox/SessionLogDemuxer.h"

namespace {
constexpr char kStdoutByte = '\x01';
constexpr char kStderrByte = '\x02';
constexpr int kMarkerLength = 3;

bool isMarkerByte(char c)
{
    return c == kStdoutByte || c == kStderrByte;
}
} // namespace

void SessionLogDemuxer::append(QList<Chunk> *out, const QByteArray &data) const
{
    if (data.isEmpty() || m_current < 0)
        return; // before any marker: dropped
    const Stream stream = Stream(m_current);
    if (!out->isEmpty() && out->last().stream == stream)
        out->last().data += data;
    else
        out->append(Chunk{stream, data});
}

QList<SessionLogDemuxer::Chunk> SessionLogDemuxer::feed(const QByteArray &bytes)
{
    m_consumed += bytes.size();
    const QByteArray data = m_pending + bytes;
    m_pending.clear();
    QList<Chunk> out;
    qsizetype runStart = 0;
    qsizetype i = 0;
    while (i < data.size()) {
        const char c = data.at(i);
        if (!isMarkerByte(c)) {
            ++i;
            continue;
        }
        // As many bytes as remain of a possible marker.
        qsizetype n = 1;
        while (n < kMarkerLength && i + n < data.size() && data.at(i + n) == c)
            ++n;
        if (n == kMarkerLength) {
            append(&out, data.mid(runStart, i - runStart));
            m_current = c == kStdoutByte ? int(Stream::Stdout) : int(Stream::Stderr);
            i += kMarkerLength;
            runStart = i;
            continue;
        }
        if (i + n == data.size()) {
            // Cut at the end: the next chunk says whether it is a marker.
            append(&out, data.mid(runStart, i - runStart));
            m_pending = data.mid(i);
            return out;
        }
        i += n; // one or two such bytes inside the text: text
    }
    append(&out, data.mid(runStart));
    return out;
}

QList<SessionLogDemuxer::Chunk> SessionLogDemuxer::finish()
{
    QList<Chunk> out;
    append(&out, m_pending);
    m_pending.clear();
    return out;
}

void SessionLogDemuxer::split(const QByteArray &log, QByteArray *stdoutBytes,
                              QByteArray *stderrBytes)
{
    SessionLogDemuxer demuxer(Stream::Stdout); // a log without markers is all output
    QList<Chunk> chunks = demuxer.feed(log);
    chunks += demuxer.finish();
    for (const Chunk &chunk : std::as_const(chunks))
        (chunk.stream == Stream::Stdout ? stdoutBytes : stderrBytes)->append(chunk.data);
}

QByteArray SessionLogDemuxer::strip(const QByteArray &log)
{
    SessionLogDemuxer demuxer(Stream::Stdout);
    QList<Chunk> chunks = demuxer.feed(log);
    chunks += demuxer.finish();
    QByteArray out;
    for (const Chunk &chunk : std::as_const(chunks))
        out += chunk.data;
    return out;
}
