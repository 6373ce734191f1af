// SSE line splitting and event assembly (WHATWG "event stream interpretation").
#include "SseReader.h"

#include <cstring>

void SseReader::feed(QByteArrayView bytes, QList<SseEvent> *out)
{
    const char *p = bytes.data();
    qsizetype n = bytes.size();
    m_bytesRead += n;
    if (n > 0 && m_skipLf) {
        m_skipLf = false;
        if (*p == '\n') {
            ++p;
            --n;
        }
    }
    while (n > 0) {
        // Find the next CR or LF.
        const char *lf = static_cast<const char *>(std::memchr(p, '\n', size_t(n)));
        const qsizetype scan = lf ? qsizetype(lf - p) : n;
        const char *cr = static_cast<const char *>(std::memchr(p, '\r', size_t(scan)));
        const char *end = cr ? cr : lf;
        if (!end) {
            m_line.append(p, n);
            return;
        }
        const qsizetype len = end - p;
        if (m_line.isEmpty()) {
            processLine(QByteArrayView(p, len), out);
        } else {
            m_line.append(p, len);
            processLine(m_line, out);
            m_line.clear();
        }
        qsizetype consumed = len + 1;
        if (*end == '\r') {
            if (len + 1 < n) {
                if (end[1] == '\n')
                    ++consumed;
            } else {
                m_skipLf = true;
            }
        }
        p += consumed;
        n -= consumed;
    }
}

QList<SseEvent> SseReader::feed(QByteArrayView bytes)
{
    QList<SseEvent> events;
    feed(bytes, &events);
    return events;
}

void SseReader::finish(QList<SseEvent> *out)
{
    if (!m_line.isEmpty()) {
        const QByteArray line = m_line;
        m_line.clear();
        processLine(line, out);
    }
    dispatch(out);
    m_skipLf = false;
}

void SseReader::processLine(QByteArrayView line, QList<SseEvent> *out)
{
    if (m_atStart) {
        m_atStart = false;
        if (line.startsWith("\xEF\xBB\xBF"))
            line = line.sliced(3);
    }
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.front() == ':')
        return; // comment / keep-alive
    const qsizetype colon = line.indexOf(':');
    QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (!value.isEmpty() && value.front() == ' ')
        value = value.sliced(1);
    if (field == "data") {
        if (m_hasData)
            m_data.append('\n');
        m_data.append(value.data(), value.size());
        m_hasData = true;
    } else if (field == "event") {
        m_event = value.toByteArray();
    }
    // id:, retry: and unknown fields are ignored.
}

void SseReader::dispatch(QList<SseEvent> *out)
{
    if (m_hasData)
        out->append(SseEvent{m_event, m_data});
    m_event.clear();
    m_data.clear();
    m_hasData = false;
}
