// SseReader: the same events from any chunking (whole, random, byte by byte), LF / CRLF / CR,
// comments, event: lines, multi-line data, ids and unknown fields, BOM, end without blank line.
#include "LlmTestSupport.h"

#include "llm/SseReader.h"

#include <QTest>

using LlmTest::chunked;

class TestSseReader final : public QObject
{
    Q_OBJECT

private slots:
    void events_data();
    void events();
    void crSplitAcrossChunks();
    void fixturesSameUnderEveryChunking_data();
    void fixturesSameUnderEveryChunking();
    void largeLine();
};

static QList<SseEvent> readAll(const QList<QByteArray> &chunks)
{
    SseReader reader;
    QList<SseEvent> events;
    for (const QByteArray &c : chunks)
        reader.feed(c, &events);
    reader.finish(&events);
    return events;
}

void TestSseReader::events_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QList<SseEvent>>("expected");

    QTest::newRow("one event LF") << QByteArray("data: {\"a\":1}\n\n")
                                  << QList<SseEvent>{{{}, "{\"a\":1}"}};
    QTest::newRow("CRLF") << QByteArray("data: x\r\n\r\ndata: y\r\n\r\n")
                          << QList<SseEvent>{{{}, "x"}, {{}, "y"}};
    QTest::newRow("bare CR") << QByteArray("data: x\r\rdata: y\r\r")
                             << QList<SseEvent>{{{}, "x"}, {{}, "y"}};
    QTest::newRow("no space after colon") << QByteArray("data:x\n\n") << QList<SseEvent>{{{}, "x"}};
    QTest::newRow("only one space stripped")
        << QByteArray("data:  x\n\n") << QList<SseEvent>{{{}, " x"}};
    QTest::newRow("comments ignored")
        << QByteArray(": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\ndata: a\n\n")
        << QList<SseEvent>{{{}, "a"}};
    QTest::newRow("comment inside an event")
        << QByteArray("data: a\n: keep-alive\ndata: b\n\n") << QList<SseEvent>{{{}, "a\nb"}};
    QTest::newRow("event names") << QByteArray(
        "event: message_start\ndata: {}\n\nevent: ping\ndata: {\"type\": "
        "\"ping\"}\n\n")
                                 << QList<SseEvent>{{"message_start", "{}"},
                                                    {"ping", "{\"type\": \"ping\"}"}};
    QTest::newRow("event name resets after dispatch")
        << QByteArray("event: error\ndata: 1\n\ndata: 2\n\n")
        << QList<SseEvent>{{"error", "1"}, {{}, "2"}};
    QTest::newRow("multi-line data")
        << QByteArray("data: {\"a\":\ndata: 1}\n\n") << QList<SseEvent>{{{}, "{\"a\":\n1}"}};
    QTest::newRow("id retry and junk ignored")
        << QByteArray("id: 7\nretry: 100\nfoo: bar\njunk\ndata: z\n\n")
        << QList<SseEvent>{{{}, "z"}};
    QTest::newRow("event without data is dropped")
        << QByteArray("event: ping\n\ndata: q\n\n") << QList<SseEvent>{{{}, "q"}};
    QTest::newRow("empty data is an event") << QByteArray("data:\n\n") << QList<SseEvent>{{{}, ""}};
    QTest::newRow("DONE is just data")
        << QByteArray("data: [DONE]\n\n") << QList<SseEvent>{{{}, "[DONE]"}};
    QTest::newRow("end without blank line")
        << QByteArray("data: a\n\ndata: [DONE]") << QList<SseEvent>{{{}, "a"}, {{}, "[DONE]"}};
    QTest::newRow("end after the line end")
        << QByteArray("data: a\n") << QList<SseEvent>{{{}, "a"}};
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF"
                                       "data: a\n\n")
                         << QList<SseEvent>{{{}, "a"}};
    QTest::newRow("many blank lines")
        << QByteArray("\n\n\ndata: a\n\n\n\n") << QList<SseEvent>{{{}, "a"}};
    QTest::newRow("utf-8 bytes untouched")
        << QByteArray("data: \xC3\xB7 \xFF\n\n") << QList<SseEvent>{{{}, "\xC3\xB7 \xFF"}};
    QTest::newRow("nothing") << QByteArray() << QList<SseEvent>();
}

void TestSseReader::events()
{
    QFETCH(QByteArray, input);
    QFETCH(QList<SseEvent>, expected);
    // Whole, byte by byte, and ten random chunkings give the same events.
    QList<int> modes{0, 1};
    for (int seed = 2; seed < 12; ++seed)
        modes << seed;
    for (int mode : std::as_const(modes)) {
        const QList<SseEvent> events = readAll(chunked(input, mode, 7));
        QCOMPARE(events.size(), expected.size());
        for (qsizetype i = 0; i < events.size(); ++i) {
            QCOMPARE(events[i].event, expected[i].event);
            QCOMPARE(events[i].data, expected[i].data);
        }
    }
}

void TestSseReader::crSplitAcrossChunks()
{
    // A CRLF cut between CR and LF must not make an extra blank line.
    SseReader reader;
    QList<SseEvent> events;
    reader.feed("data: a\r", &events);
    reader.feed("\ndata: b\r", &events);
    reader.feed("\n\r", &events);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].data, QByteArray("a\nb"));
    reader.feed("\n", &events);
    reader.finish(&events);
    QCOMPARE(events.size(), 1);
    QCOMPARE(reader.pendingBytes(), 0);
}

void TestSseReader::fixturesSameUnderEveryChunking_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("eventCount");
    QTest::newRow("openai parallel") << QStringLiteral("openai-chat-parallel-tool-calls.sse") << 26;
    QTest::newRow("openai refusal") << QStringLiteral("openai-chat-refusal.sse") << 14;
    QTest::newRow("anthropic tool use") << QStringLiteral("anthropic-text-then-tool-use.sse") << 15;
}

void TestSseReader::fixturesSameUnderEveryChunking()
{
    QFETCH(QString, file);
    QFETCH(int, eventCount);
    const QByteArray bytes = LlmTest::streamBody(file);
    const QList<SseEvent> reference = readAll({bytes});
    QCOMPARE(reference.size(), eventCount);
    QByteArray crlf = bytes;
    crlf.replace("\n", "\r\n");
    for (int mode = 0; mode < 30; ++mode) {
        QCOMPARE(readAll(chunked(bytes, mode)), reference);
        QCOMPARE(readAll(chunked(crlf, mode)), reference);
    }
}

void TestSseReader::largeLine()
{
    // A 10 MB data line arriving in 16 KB pieces.
    const QByteArray payload(10 * 1024 * 1024, 'x');
    const QByteArray bytes = "data: " + payload + "\n\n";
    SseReader reader;
    QList<SseEvent> events;
    for (qsizetype i = 0; i < bytes.size(); i += 16384)
        reader.feed(QByteArrayView(bytes).sliced(i, qMin<qsizetype>(16384, bytes.size() - i)),
                    &events);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].data.size(), payload.size());
    QCOMPARE(reader.bytesRead(), bytes.size());
}

QTEST_GUILESS_MAIN(TestSseReader)
#include "tst_ssereader.moc"
