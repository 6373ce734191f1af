// The agent engine against a model provider that misbehaves (FaultyModelServer, OpenAI- and
// Anthropic-shaped): cuts, resets and stalls mid-stream, malformed SSE, broken tool arguments,
// invalid UTF-8, a 10 MB line, errors inside a 200 stream, 429/500/529 storms, a different
// answer on retry. Each run must end with a correct result or a clear classified error, never
// a hang or a silent truncation, and the stored thread holds everything that was shown.
#include "FaultTestSupport.h"

#include "agent/ApprovalPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

const QString kLongText = QStringLiteral("The first part of the answer streams in small pieces. ")
                              .repeated(12)
                              .trimmed();

QByteArray openAiChunk(const QByteArray &deltaJson)
{
    return R"(data: {"id":"chatcmpl-f","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":)"
        + deltaJson + R"(,"finish_reason":null}]})" + "\n\n";
}

QByteArray anthropicTextDelta(const QByteArray &textJson, int index = 0)
{
    return "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":"
        + QByteArray::number(index) + ",\"delta\":{\"type\":\"text_delta\",\"text\":" + textJson
        + "}}\n\n";
}

// The body with one raw text delta inserted before the first finish marker.
QByteArray withRawDelta(Wire wire, const QByteArray &body, const QByteArray &rawTextJson)
{
    QByteArray out = body;
    if (wire == Wire::OpenAi) {
        const qsizetype at = out.indexOf(R"("finish_reason":"stop")");
        const qsizetype lineStart = out.lastIndexOf("data: ", at);
        out.insert(lineStart, openAiChunk("{\"content\":" + rawTextJson + "}"));
    } else {
        const qsizetype at = out.indexOf("event: content_block_stop");
        out.insert(at, anthropicTextDelta(rawTextJson));
    }
    return out;
}

QByteArray errorEvent(Wire wire)
{
    return wire == Wire::OpenAi
        ? QByteArray(
            R"(data: {"error": {"message": "The server had an error while processing your request. Sorry about that!", "type": "server_error"}})"
            "\n\n")
        : QByteArray(
            "event: error\n"
            R"(data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"
            "\n\n");
}

} // namespace

class TestModelFaults final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void cutMidStream_data();
    void cutMidStream();
    void stallMidStream_data();
    void stallMidStream();
    void silentServerTimesOut_data();
    void silentServerTimesOut();
    void harmlessSseQuirksGiveTheExactText_data();
    void harmlessSseQuirksGiveTheExactText();
    void nonJsonEventMidStreamIsAProtocolError_data();
    void nonJsonEventMidStreamIsAProtocolError();
    void invalidUtf8IsReplacedNotFatal_data();
    void invalidUtf8IsReplacedNotFatal();
    void tenMegabyteLine_data();
    void tenMegabyteLine();
    void tenMegabyteGarbageLine_data();
    void tenMegabyteGarbageLine();
    void errorEventBeforeContentIsRetried_data();
    void errorEventBeforeContentIsRetried();
    void errorEventAfterContentKeepsTheText_data();
    void errorEventAfterContentKeepsTheText();
    void storms_data();
    void storms();
    void cutBeforeContentGetsTheRetrysAnswer_data();
    void cutBeforeContentGetsTheRetrysAnswer();
    void toolArgumentsCutMidJsonNeverRun_data();
    void toolArgumentsCutMidJsonNeverRun();
    void invalidToolJsonGoesBackToTheModel();
    void cutAfterAToolRanThenContinue_data();
    void cutAfterAToolRanThenContinue();
    void endlessPingsHitTheTurnCap();

private:
    void addWires();
    void checkStoredAsShown(RowId thread, const Outcome &o, MessageStatus status);

    FaultHarness h;
};

void TestModelFaults::initTestCase()
{
    qputenv("OPENAI_API_KEY", "sk-test-faults-openai-0123456789abcdef");
    qputenv("ANTHROPIC_API_KEY", "sk-ant-test-faults-0123456789abcdefgh");
    qunsetenv("DAYTONA_API_KEY");
}

void TestModelFaults::init()
{
    QVERIFY(h.open());
    h.context->approvalPolicy().setPreset(ApprovalPolicy::Preset::NeverAsk);
}

void TestModelFaults::cleanup()
{
    h.close();
}

void TestModelFaults::addWires()
{
    QTest::addColumn<int>("wire");
    QTest::newRow("openai") << int(Wire::OpenAi);
    QTest::newRow("anthropic") << int(Wire::Anthropic);
}

// The last assistant message holds exactly the text that was shown, with `status`.
void TestModelFaults::checkStoredAsShown(RowId thread, const Outcome &o, MessageStatus status)
{
    const QList<MessageRecord> messages = h.assistantMessages(thread);
    QVERIFY(!messages.isEmpty());
    const MessageRecord &last = messages.last();
    QCOMPARE(last.text().size(), o.shown.size());
    QVERIFY(last.text() == o.shown);
    QCOMPARE(int(last.status), int(status));
    // The user's message is kept whatever happened.
    const auto all = h.store().listMessages(thread);
    QVERIFY(all && !all->isEmpty());
    QCOMPARE(all->first().role, MessageRole::User);
}

void TestModelFaults::cutMidStream_data()
{
    QTest::addColumn<int>("wire");
    QTest::addColumn<bool>("reset");
    QTest::newRow("openai FIN") << int(Wire::OpenAi) << false;
    QTest::newRow("openai RST") << int(Wire::OpenAi) << true;
    QTest::newRow("anthropic FIN") << int(Wire::Anthropic) << false;
    QTest::newRow("anthropic RST") << int(Wire::Anthropic) << true;
}

void TestModelFaults::cutMidStream()
{
    QFETCH(int, wire);
    QFETCH(bool, reset);
    const QByteArray body = streamBody(Wire(wire), {kLongText, {}});
    qInfo() << "tried: the connection is" << (reset ? "reset" : "closed") << "after"
            << body.size() / 2 << "of" << body.size() << "bytes of a text answer";
    h.server->setScript([&](int, const RecordedRequest &) {
        Fault f = Fault::stream(body);
        f.pieceSize = 97;
        f.cutAfter = body.size() / 2;
        f.reset = reset;
        return f;
    });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"explain"_s);
    QVERIFY2(o.ended, "the run hung");
    QVERIFY(o.failed());
    QCOMPARE(o.last.modelError, LlmError::Kind::StreamCut);
    QVERIFY2(o.last.error.contains(u"stream"_s, Qt::CaseInsensitive), qPrintable(o.last.error));
    // Part of the text was shown, not all of it, and none of it twice (no retry after text).
    QVERIFY(!o.shown.isEmpty());
    QVERIFY(o.shown.size() < kLongText.size());
    QVERIFY(kLongText.startsWith(o.shown));
    QCOMPARE(h.server->agentRequests().size(), 1);
    checkStoredAsShown(thread, o, MessageStatus::Interrupted);
    QCOMPARE(h.store().listRuns(thread)->last().status, RunStatus::Failed);
}

void TestModelFaults::stallMidStream_data()
{
    addWires();
}

void TestModelFaults::stallMidStream()
{
    QFETCH(int, wire);
    const QByteArray body = streamBody(Wire(wire), {kLongText, {}});
    qInfo() << "tried: the server sends" << body.size() / 3
            << "bytes, then nothing, with the socket left open (idle timeout 1.5 s)";
    h.server->setScript([&](int, const RecordedRequest &) {
        Fault f = Fault::stream(body);
        f.stallAfter = body.size() / 3;
        return f;
    });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"explain"_s, 30000);
    QVERIFY2(o.ended, "the run hung on a stalled stream");
    QVERIFY(o.failed());
    QCOMPARE(o.last.modelError, LlmError::Kind::Timeout);
    QVERIFY2(o.last.error.contains(u"stalled"_s), qPrintable(o.last.error));
    QVERIFY(!o.shown.isEmpty() && kLongText.startsWith(o.shown));
    QCOMPARE(h.server->agentRequests().size(), 1);
    checkStoredAsShown(thread, o, MessageStatus::Interrupted);
}

void TestModelFaults::silentServerTimesOut_data()
{
    QTest::addColumn<int>("wire");
    QTest::addColumn<bool>("headers");
    QTest::newRow("openai no status line") << int(Wire::OpenAi) << false;
    QTest::newRow("anthropic 200 then silence") << int(Wire::Anthropic) << true;
}

void TestModelFaults::silentServerTimesOut()
{
    QFETCH(int, wire);
    QFETCH(bool, headers);
    qInfo() << "tried: the server" << (headers ? "sends 200 and no body byte" : "never answers")
            << "on every attempt";
    h.server->setScript([&](int, const RecordedRequest &) {
        Fault f = Fault::stream({});
        f.noHeaders = !headers;
        f.stallAfter = 0;
        return f;
    });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"hello"_s, 40000);
    QVERIFY2(o.ended, "the run hung on a silent server");
    QVERIFY(o.failed());
    QCOMPARE(o.last.modelError, LlmError::Kind::Timeout);
    // Nothing was shown, so the SDK's two retries were allowed, and no more.
    QCOMPARE(h.server->agentRequests().size(), 3);
    checkStoredAsShown(thread, o, MessageStatus::Failed);
}

void TestModelFaults::harmlessSseQuirksGiveTheExactText_data()
{
    addWires();
}

void TestModelFaults::harmlessSseQuirksGiveTheExactText()
{
    QFETCH(int, wire);
    const QString text = u"Quirky but valid: CRLF, comments, no space after data:."_s;
    QByteArray body = streamBody(Wire(wire), {text, {}});
    body.replace("\n\n", "\n: OPENROUTER PROCESSING\nid: 7\nretry: 3000\n\n");
    body.replace("data: ", "data:");
    body.replace("\n", "\r\n");
    body.prepend(": keep-alive\r\n\r\n");
    qInfo() << "tried: CRLF line ends, comment lines, unknown fields, 'data:' without space,"
            << "sent 3 bytes at a time";
    h.server->setScript([&](int, const RecordedRequest &) {
        Fault f = Fault::stream(body);
        f.pieceSize = 3;
        return f;
    });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"hello"_s);
    QVERIFY(o.ended);
    QVERIFY2(o.finished(), qPrintable(o.last.error));
    QCOMPARE(o.shown, text);
    checkStoredAsShown(thread, o, MessageStatus::Complete);
}

void TestModelFaults::nonJsonEventMidStreamIsAProtocolError_data()
{
    addWires();
}

void TestModelFaults::nonJsonEventMidStreamIsAProtocolError()
{
    QFETCH(int, wire);
    // security.md §6 row 2: a data line that is not JSON stops the stream with a protocol
    // error and keeps the partial text; skipping it would drop a piece of the answer silently.
    // The builders send 5-character fragments: "Kept1", "Kept2", "Kept3", "Rest1", ...
    const QString text = u"Kept1Kept2Kept3Rest1Rest2"_s;
    QByteArray body = streamBody(Wire(wire), {text, {}});
    const QByteArray broken = Wire(wire) == Wire::OpenAi
        ? QByteArray(R"(data: {"choices":[{"index":0,"delta":{"content":" LOST)"
                     "\n\n")
        : QByteArray(
            "event: content_block_delta\n"
            R"(data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" LOST)"
            "\n\n");
    const qsizetype kept = body.indexOf("Kept3");
    QVERIFY(kept > 0);
    body.insert(body.indexOf("\n\n", kept) + 2, broken);
    qInfo() << "tried: a truncated JSON data line in the middle of a text stream";
    h.server->setScript([&](int, const RecordedRequest &) { return Fault::stream(body); });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"hello"_s);
    QVERIFY(o.ended);
    QVERIFY2(o.failed(), qPrintable(u"finished with \""_s + o.shown + u"\""_s));
    QCOMPARE(o.last.modelError, LlmError::Kind::InvalidResponse);
    QVERIFY2(o.last.error.contains(u"not JSON"_s), qPrintable(o.last.error));
    QCOMPARE(o.shown, u"Kept1Kept2Kept3"_s);
    checkStoredAsShown(thread, o, MessageStatus::Interrupted);
}

void TestModelFaults::invalidUtf8IsReplacedNotFatal_data()
{
    addWires();
}

void TestModelFaults::invalidUtf8IsReplacedNotFatal()
{
    QFETCH(int, wire);
    // Multi-byte characters split across writes must come out whole; bytes that are not
    // UTF-8 become U+FFFD and the rest of the text stays.
    const QString text = u"h\u00e9llo w\u00f6rld \U0001F389 \u4e2d\u6587 done"_s;
    QByteArray body = withRawDelta(Wire(wire), streamBody(Wire(wire), {text, {}}),
                                   QByteArray("\" caf\xc3\xff\xfe ok\""));
    qInfo() << "tried: multi-byte characters sent one byte per write, and a delta with the"
            << "invalid bytes C3 FF FE";
    h.server->setScript([&](int, const RecordedRequest &) {
        Fault f = Fault::stream(body);
        f.pieceSize = 1;
        return f;
    });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"hello"_s);
    QVERIFY(o.ended);
    QVERIFY2(o.finished(), qPrintable(o.last.error));
    QVERIFY2(o.shown.startsWith(text), qPrintable(o.shown));
    QVERIFY2(o.shown.contains(QChar(0xFFFD)), qPrintable(o.shown));
    QVERIFY(o.shown.endsWith(u" ok"_s));
    QVERIFY(o.shown.startsWith(text + u" caf"_s));
    checkStoredAsShown(thread, o, MessageStatus::Complete);
}

void TestModelFaults::tenMegabyteLine_data()
{
    addWires();
}

void TestModelFaults::tenMegabyteLine()
{
    QFETCH(int, wire);
    QByteArray big(10 * 1024 * 1024, 'a');
    for (qsizetype i = 0; i < big.size(); i += 101)
        big[i] = ' ';
    const QByteArray body
        = withRawDelta(Wire(wire), streamBody(Wire(wire), {u"Start."_s, {}}), '"' + big + '"');
    qInfo() << "tried: one SSE data line of" << big.size() << "bytes of text in a valid stream";
    h.server->setScript([&](int, const RecordedRequest &) {
        Fault f = Fault::stream(body);
        f.pieceSize = 64 * 1024;
        return f;
    });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"hello"_s, 120000);
    QVERIFY(o.ended);
    QVERIFY2(o.finished(), qPrintable(o.last.error));
    // Nothing was cut: every byte is shown and stored.
    QCOMPARE(o.shown.size(), big.size() + 6);
    QVERIFY(o.shown.endsWith(QString::fromLatin1(big.right(1000))));
    checkStoredAsShown(thread, o, MessageStatus::Complete);
}

void TestModelFaults::tenMegabyteGarbageLine_data()
{
    addWires();
}

void TestModelFaults::tenMegabyteGarbageLine()
{
    QFETCH(int, wire);
    const QByteArray body = "data: " + QByteArray(10 * 1024 * 1024, '#');
    qInfo() << "tried: a 200 event stream whose only line is 10 MB of '#', never terminated";
    h.server->setScript([&](int, const RecordedRequest &) {
        Fault f = Fault::stream(body);
        f.pieceSize = 256 * 1024;
        return f;
    });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"hello"_s, 60000);
    QVERIFY2(o.ended, "hung on a 10 MB line");
    QVERIFY(o.failed());
    QCOMPARE(o.last.modelError, LlmError::Kind::InvalidResponse);
    QVERIFY(o.shown.isEmpty());
    // The error says what to check and does not paste the megabytes into the message.
    QVERIFY(o.last.error.size() < 2000);
    checkStoredAsShown(thread, o, MessageStatus::Failed);
}

void TestModelFaults::errorEventBeforeContentIsRetried_data()
{
    addWires();
}

void TestModelFaults::errorEventBeforeContentIsRetried()
{
    QFETCH(int, wire);
    const QString second = u"The second attempt answers this."_s;
    qInfo() << "tried: HTTP 200 whose first event is an error (server_error / overloaded_error),"
            << "then a different, good answer on the retry";
    h.server->setScript([&](int n, const RecordedRequest &) {
        if (n == 0) {
            QByteArray head = streamBody(Wire(wire), {u"x"_s, {}});
            // The stream's opening (role chunk / message_start) and then the error.
            head = head.left(head.indexOf("\n\n") + 2) + errorEvent(Wire(wire));
            return Fault::stream(head);
        }
        return Fault::stream(streamBody(Wire(wire), {second, {}}));
    });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"hello"_s);
    QVERIFY(o.ended);
    QVERIFY2(o.finished(), qPrintable(o.last.error));
    QCOMPARE(h.server->agentRequests().size(), 2);
    QCOMPARE(o.shown, second);
    checkStoredAsShown(thread, o, MessageStatus::Complete);
}

void TestModelFaults::errorEventAfterContentKeepsTheText_data()
{
    addWires();
}

void TestModelFaults::errorEventAfterContentKeepsTheText()
{
    QFETCH(int, wire);
    QByteArray body = streamBody(Wire(wire), {kLongText, {}});
    const qsizetype at = body.indexOf("\n\n", body.size() / 2) + 2;
    body = body.left(at) + errorEvent(Wire(wire));
    qInfo() << "tried: an error event inside a 200 stream after" << at << "bytes of text events";
    h.server->setScript([&](int, const RecordedRequest &) { return Fault::stream(body); });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"hello"_s);
    QVERIFY(o.ended);
    QVERIFY(o.failed());
    QCOMPARE(o.last.modelError,
             Wire(wire) == Wire::OpenAi ? LlmError::Kind::ServerError : LlmError::Kind::Overloaded);
    QVERIFY(!o.shown.isEmpty() && kLongText.startsWith(o.shown));
    QCOMPARE(h.server->agentRequests().size(), 1); // text was shown: never repeated
    checkStoredAsShown(thread, o, MessageStatus::Interrupted);
}

void TestModelFaults::storms_data()
{
    QTest::addColumn<int>("wire");
    QTest::addColumn<QList<int>>("statuses"); // 200 = a good answer
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<QByteArray>("errorBody");
    QTest::addColumn<QString>("kind"); // empty: the run finishes
    QTest::addColumn<int>("requests");
    QTest::addColumn<int>("minMs");
    const QByteArray openAi429
        = R"({"error":{"message":"Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}})";
    const QByteArray quota
        = R"({"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})";
    const QByteArray openAi500
        = R"({"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}})";
    const QByteArray overloaded
        = R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})";
    const QByteArray anthropic429
        = R"({"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization."}})";
    QTest::newRow("openai 429 x3, retry-after 1")
        << int(Wire::OpenAi) << QList<int>{429, 429, 429} << QByteArray("1") << openAi429
        << u"rate-limited"_s << 3 << 2000;
    QTest::newRow("anthropic 429 x3, no hint")
        << int(Wire::Anthropic) << QList<int>{429, 429, 429} << QByteArray() << anthropic429
        << u"rate-limited"_s << 3 << 0;
    QTest::newRow("openai 429 quota") << int(Wire::OpenAi) << QList<int>{429} << QByteArray()
                                      << quota << u"quota-exceeded"_s << 1 << 0;
    QTest::newRow("openai 500 x3") << int(Wire::OpenAi) << QList<int>{500, 500, 500} << QByteArray()
                                   << openAi500 << u"server-error"_s << 3 << 0;
    QTest::newRow("anthropic 529 x3") << int(Wire::Anthropic) << QList<int>{529, 529, 529}
                                      << QByteArray() << overloaded << u"overloaded"_s << 3 << 0;
    QTest::newRow("anthropic 529 x3, retry-after 3600 (ignored)")
        << int(Wire::Anthropic) << QList<int>{529, 529, 529} << QByteArray("3600") << overloaded
        << u"overloaded"_s << 3 << 0;
    QTest::newRow("openai 503, 502, then an answer")
        << int(Wire::OpenAi) << QList<int>{503, 502, 200} << QByteArray() << openAi500 << QString()
        << 3 << 0;
    QTest::newRow("anthropic 529, then an answer")
        << int(Wire::Anthropic) << QList<int>{529, 200} << QByteArray("0.5") << overloaded
        << QString() << 2 << 500;
}

void TestModelFaults::storms()
{
    QFETCH(int, wire);
    QFETCH(QList<int>, statuses);
    QFETCH(QByteArray, retryAfter);
    QFETCH(QByteArray, errorBody);
    QFETCH(QString, kind);
    QFETCH(int, requests);
    QFETCH(int, minMs);
    const QString answer = u"Answered after the storm."_s;
    qInfo() << "tried: statuses" << statuses << "retry-after" << retryAfter << "then the same"
            << "error for ever";
    h.server->setScript([&](int n, const RecordedRequest &) {
        const int status = n < statuses.size() ? statuses.at(n) : statuses.last();
        if (status == 200)
            return Fault::stream(streamBody(Wire(wire), {answer, {}}));
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!retryAfter.isEmpty())
            headers.append({"retry-after", retryAfter});
        return Fault::http(status, errorBody, headers);
    });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"hello"_s, 60000);
    QVERIFY2(o.ended, "the storm never ended");
    // Retries are bounded: exactly the SDK's two retries at most.
    QCOMPARE(h.server->agentRequests().size(), requests);
    QVERIFY2(o.ms >= minMs, "the retry-after hint was not honoured");
    if (retryAfter == "3600")
        QVERIFY2(o.ms < 30000, "an hour-long hint blocked the run");
    if (kind.isEmpty()) {
        QVERIFY2(o.finished(), qPrintable(o.last.error));
        QCOMPARE(o.shown, answer);
        checkStoredAsShown(thread, o, MessageStatus::Complete);
        return;
    }
    QVERIFY(o.failed());
    QCOMPARE(o.last.errorKindName(), kind);
    QVERIFY(!o.last.error.isEmpty());
    // The key never appears in what the user is shown.
    QVERIFY(!o.last.error.contains(u"sk-test"_s) && !o.last.error.contains(u"sk-ant"_s));
    checkStoredAsShown(thread, o, MessageStatus::Failed);
}

void TestModelFaults::cutBeforeContentGetsTheRetrysAnswer_data()
{
    addWires();
}

void TestModelFaults::cutBeforeContentGetsTheRetrysAnswer()
{
    QFETCH(int, wire);
    const QString first = u"FIRST ANSWER that must never be seen"_s;
    const QString second = u"Second answer, different from the first."_s;
    qInfo() << "tried: the first attempt is reset right after the stream's opening event"
            << "(before any text); the retry answers differently";
    h.server->setScript([&](int n, const RecordedRequest &) {
        if (n == 0) {
            const QByteArray body = streamBody(Wire(wire), {first, {}});
            Fault f = Fault::stream(body);
            f.cutAfter = body.indexOf("\n\n") + 2;
            f.reset = true;
            return f;
        }
        return Fault::stream(streamBody(Wire(wire), {second, {}}));
    });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"hello"_s);
    QVERIFY(o.ended);
    QVERIFY2(o.finished(), qPrintable(o.last.error));
    QCOMPARE(h.server->agentRequests().size(), 2);
    QCOMPARE(o.shown, second);
    checkStoredAsShown(thread, o, MessageStatus::Complete);
    QCOMPARE(h.assistantMessages(thread).size(), 1);
}

void TestModelFaults::toolArgumentsCutMidJsonNeverRun_data()
{
    addWires();
}

void TestModelFaults::toolArgumentsCutMidJsonNeverRun()
{
    QFETCH(int, wire);
    const QByteArray body
        = streamBody(Wire(wire),
                     {u"Creating a sandbox."_s,
                      {{u"call_cut"_s, u"createSandbox"_s, createSandboxArgs(), QString()}}});
    // Cut inside the arguments: after the fragment that carries "language".
    const qsizetype at = body.indexOf("\n\n", body.indexOf("langu")) + 2;
    qInfo() << "tried: the stream is reset inside the tool call's arguments (" << at << "of"
            << body.size() << "bytes)";
    h.server->setScript([&](int, const RecordedRequest &) {
        Fault f = Fault::stream(body);
        f.cutAfter = at;
        f.reset = true;
        return f;
    });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"make a sandbox"_s);
    QVERIFY(o.ended);
    QVERIFY(o.failed());
    QCOMPARE(o.last.modelError, LlmError::Kind::StreamCut);
    // The half-streamed call was never executed: no tool call, no sandbox.
    const auto runs = h.store().listRuns(thread);
    QCOMPARE(h.store().listToolCalls(runs->last().id)->size(), 0);
    QCOMPARE(h.store().sandboxesForThread(thread)->size(), 0);
    for (const RunEvent &e : o.events)
        QVERIFY(e.type != RunEvent::Type::ToolCallFinished);
    checkStoredAsShown(thread, o, MessageStatus::Interrupted);
}

void TestModelFaults::invalidToolJsonGoesBackToTheModel()
{
    // tst_agentengine covers this on the OpenAI wire; here Anthropic's input_json_delta.
    qInfo() << "tried: Anthropic tool_use whose streamed input is not JSON, then a plain answer";
    h.server->setScript([&](int n, const RecordedRequest &) {
        if (n == 0)
            return Fault::stream(anthropicStream(
                {QString(),
                 {{u"toolu_bad"_s, u"createSandbox"_s, {}, u"{\"name\": \"x\", \"lang"_s}}}));
        return Fault::stream(anthropicStream({u"I will fix my arguments."_s, {}}));
    });
    const RowId thread = h.newThread(Wire::Anthropic);
    const Outcome o = h.run(thread, u"make a sandbox"_s);
    QVERIFY(o.ended);
    QVERIFY2(o.finished(), qPrintable(o.last.error));
    QCOMPARE(h.server->agentRequests().size(), 2);
    const QByteArray second = h.server->agentRequests().at(1).body;
    QVERIFY2(second.contains("are not a JSON object"), second.constData());
    QVERIFY(second.contains("toolu_bad"));
    QCOMPARE(h.store().sandboxesForThread(thread)->size(), 0);
}

void TestModelFaults::cutAfterAToolRanThenContinue_data()
{
    addWires();
}

void TestModelFaults::cutAfterAToolRanThenContinue()
{
    QFETCH(int, wire);
    qInfo() << "tried: createSandbox runs (real bubblewrap sandbox), the next model stream is"
            << "reset mid-text; then the user continues";
    h.server->setScript([&](int n, const RecordedRequest &) {
        if (n == 0)
            return Fault::stream(streamBody(
                Wire(wire),
                {QString(), {{u"call_create"_s, u"createSandbox"_s, createSandboxArgs(), {}}}}));
        if (n == 1) {
            const QByteArray body = streamBody(Wire(wire), {kLongText, {}});
            Fault f = Fault::stream(body);
            f.cutAfter = body.size() / 2;
            f.reset = true;
            return f;
        }
        return Fault::stream(streamBody(Wire(wire), {u"The sandbox is ready."_s, {}}));
    });
    const RowId thread = h.newThread(Wire(wire));
    const Outcome o = h.run(thread, u"make a sandbox"_s, 120000);
    QVERIFY(o.ended);
    QVERIFY(o.failed());
    QCOMPARE(o.last.modelError, LlmError::Kind::StreamCut);
    checkStoredAsShown(thread, o, MessageStatus::Interrupted);
    const auto runs = h.store().listRuns(thread);
    const auto calls = h.store().listToolCalls(runs->last().id);
    QCOMPARE(calls->size(), 1);
    QCOMPARE(calls->first().status, ToolCallStatus::Done);
    QCOMPARE(h.store().sandboxesForThread(thread)->size(), 1);

    const Outcome c = h.run(thread, QString());
    QVERIFY(c.ended);
    QVERIFY2(c.finished(), qPrintable(c.last.error));
    QCOMPARE(c.shown, u"The sandbox is ready."_s);
    // The tool that ran is not run again; the model got its result once more.
    QCOMPARE(h.store().sandboxesForThread(thread)->size(), 1);
    for (const RunEvent &e : c.events)
        QVERIFY(e.type != RunEvent::Type::ToolCallFinished);
    const QByteArray last = h.server->agentRequests().last().body;
    QVERIFY(last.contains("call_create"));
    QVERIFY(last.contains("sandboxId"));
    // Both assistant texts are in the thread: the interrupted one and the answer.
    const QList<MessageRecord> messages = h.assistantMessages(thread);
    QVERIFY(messages.size() >= 3);
    QCOMPARE(messages.last().text(), c.shown);
}

void TestModelFaults::endlessPingsHitTheTurnCap()
{
    // security.md §6 row 25: pings keep the idle timer happy, so only the cap per turn ends it.
    RequestTimeouts timeouts;
    timeouts.connect = std::chrono::milliseconds(2000);
    timeouts.idle = std::chrono::milliseconds(1500);
    timeouts.total = std::chrono::milliseconds(4000);
    h.context->llm().setTimeouts(timeouts);
    const QByteArray ping = "event: ping\ndata: {\"type\": \"ping\"}\n\n";
    QByteArray body = anthropicStream({u"Thinking about it"_s, {}});
    body = body.left(body.indexOf("event: content_block_stop"));
    const qsizetype opening = body.size();
    body += ping.repeated(200);
    qInfo() << "tried: some text, then a ping every 200 ms for 40 s (idle timeout 1.5 s, turn"
            << "cap 4 s)";
    h.server->setScript([&](int, const RecordedRequest &) {
        Fault f = Fault::stream(body);
        f.pieceSize = int(ping.size());
        f.pieceDelayMs = 200;
        f.firstPiece = opening;
        return f;
    });
    const RowId thread = h.newThread(Wire::Anthropic);
    const Outcome o = h.run(thread, u"hello"_s, 30000);
    QVERIFY2(o.ended, "a stream of pings kept the run alive for ever");
    QVERIFY(o.failed());
    QCOMPARE(o.last.modelError, LlmError::Kind::Timeout);
    QVERIFY2(o.last.error.contains(u"did not finish within 4 s"_s), qPrintable(o.last.error));
    QVERIFY(o.ms < 15000);
    QCOMPARE(o.shown, u"Thinking about it"_s);
    checkStoredAsShown(thread, o, MessageStatus::Interrupted);
}

QTEST_GUILESS_MAIN(TestModelFaults)
#include "tst_modelfaults.moc"
