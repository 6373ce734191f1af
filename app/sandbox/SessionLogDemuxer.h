// Splits a Daytona session command's raw log into stdout and stderr (contract.md §5.4): each
// line is preceded by a 3-byte marker, \x01\x01\x01 for stdout and \x02\x02\x02 for stderr,
// and a marker may be cut between two chunks of a stream, so the demuxer keeps what could be
// the start of one until the next chunk says what it was.
#pragma once

#include <QByteArray>
#include <QList>

class SessionLogDemuxer final
{
public:
    enum class Stream { Stdout, Stderr };
    struct Chunk
    {
        Stream stream = Stream::Stdout;
        QByteArray data;
    };

    // Bytes before the first marker are dropped, as the SDK does (stdDemuxStream); with
    // beforeMarker set they count as that stream instead (a server that stripped the markers).
    SessionLogDemuxer() = default;
    explicit SessionLogDemuxer(Stream beforeMarker)
        : m_current(int(beforeMarker))
    {
    }

    // The next bytes of the log; what they carry, in order, adjacent bytes of one stream
    // joined. A partial marker at the end is held back.
    QList<Chunk> feed(const QByteArray &bytes);
    // The log ended: bytes held back as a possible marker are output as they are.
    QList<Chunk> finish();
    // How many bytes of the log were fed so far (held-back bytes included).
    qint64 consumed() const { return m_consumed; }

    // The whole log at once, stdout and stderr apart (a log without markers: all stdout).
    static void split(const QByteArray &log, QByteArray *stdoutBytes, QByteArray *stderrBytes);
    // The whole log without its markers, both streams in order (the "combined" form).
    static QByteArray strip(const QByteArray &log);

private:
    void append(QList<Chunk> *out, const QByteArray &data) const;

    QByteArray m_pending; // a possible marker cut at the end of the last chunk
    int m_current = -1; // -1: no marker seen yet
    qint64 m_consumed = 0;
};
