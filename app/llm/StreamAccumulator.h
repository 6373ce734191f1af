// What the two stream decoders share: they take SSE events, report what became visible
// (text, reasoning, tool-call starts and argument fragments) and build the final ChatResult.
// An error payload inside a 200 stream ends the stream as an error, never as text.
#pragma once

#include "llm/ChatTypes.h"
#include "llm/SseReader.h"

#include <QString>

struct StreamDelta
{
    enum class Kind { Text, Reasoning, ToolCallStarted, ToolCallArguments };
    Kind kind = Kind::Text;
    int toolIndex = -1; // position in ChatResult::toolCalls
    QString text; // text, reasoning or an argument fragment
    QString toolCallId; // ToolCallStarted
    QString toolName; // ToolCallStarted
};

class StreamAccumulator
{
public:
    explicit StreamAccumulator(const QString &providerName);
    virtual ~StreamAccumulator();
    StreamAccumulator(const StreamAccumulator &) = delete;
    StreamAccumulator &operator=(const StreamAccumulator &) = delete;

    // Handles one event; appends what became visible to `deltas`. Events after the end or
    // after an error are ignored.
    virtual void handle(const SseEvent &event, QList<StreamDelta> *deltas) = 0;
    // The stream said it is done ([DONE], message_stop).
    bool isComplete() const { return m_complete; }
    bool hasError() const { return m_error.isError(); }
    const LlmError &error() const { return m_error; }
    // Text, reasoning or a tool call reached the caller: the call must not be retried.
    bool hasDeliveredContent() const { return m_delivered; }
    // Events whose data was not JSON. One in the middle of a stream ends it with a protocol
    // error (skipping it could drop a piece of the answer without anyone noticing).
    int unreadableEvents() const { return m_unreadable; }
    // The events that follow come from the end of the body (SseReader::finish): an unreadable
    // one there is a line the connection cut, not a protocol error, so it is skipped.
    void setAtEndOfBody() { m_atEnd = true; }

    // The result at the end of the body. A stream that stopped before the model finished is a
    // StreamCut error with the partial content kept.
    ChatResult finish();

protected:
    // Parses an event's data; on invalid UTF-8 retries with replacement characters so no text
    // is lost. Returns false (and counts it) if the data is not a JSON object or array.
    bool parseJson(const QByteArray &data, QJsonValue *out);
    void fail(const LlmError &error);
    void markDelivered() { m_delivered = true; }
    void markComplete() { m_complete = true; }
    // Fills ids, "{}" for empty arguments, drops nameless calls; at most once.
    void finalizeToolCalls();
    // Called by finish() before building the result (e.g. to map the finish reason).
    virtual void finalize() = 0;
    // True when a finish reason arrived, even if the terminator did not.
    virtual bool sawFinish() const = 0;

    QString m_providerName;
    ChatResult m_result;

private:
    LlmError m_error;
    bool m_complete = false;
    bool m_delivered = false;
    bool m_finished = false;
    int m_unreadable = 0;
    bool m_atEnd = false;
};

// "call_" + 24 random letters and digits, for servers that send no id.
QString synthesizeToolCallId();
