// Server-sent events tokenizer (a pure class): bytes in any chunking, down to one byte at a
// time, become events. Accepts LF, CRLF and CR line ends, ignores comment lines
// (": OPENROUTER PROCESSING") and unknown fields, joins multi-line data with '\n', strips a
// leading UTF-8 BOM. Knows nothing about JSON or [DONE]; the accumulators do.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

struct SseEvent
{
    QByteArray event; // the event: line, empty if none
    QByteArray data; // data: lines joined with '\n'

    friend bool operator==(const SseEvent &, const SseEvent &) = default;
};

class SseReader final
{
public:
    // Appends the events completed by `bytes` to `out`.
    void feed(QByteArrayView bytes, QList<SseEvent> *out);
    QList<SseEvent> feed(QByteArrayView bytes);
    // End of stream: an event that was not closed by a blank line is still delivered (servers
    // that close right after the last data line), a half line is taken as a whole line.
    void finish(QList<SseEvent> *out);
    // Bytes of an unfinished line or event, waiting for more input.
    qsizetype pendingBytes() const { return m_line.size() + m_data.size(); }
    qint64 bytesRead() const { return m_bytesRead; }

private:
    void processLine(QByteArrayView line, QList<SseEvent> *out);
    void dispatch(QList<SseEvent> *out);

    QByteArray m_line;
    QByteArray m_event;
    QByteArray m_data;
    bool m_hasData = false;
    bool m_skipLf = false; // the previous chunk ended with CR
    bool m_atStart = true;
    qint64 m_bytesRead = 0;
};
