// A scripted model for agent tests: each step is a function of the request the engine sent
// (so a step can use the sandboxId that an earlier tool returned) and answers in the exact
// recorded wire format of OpenAI Chat Completions or Anthropic Messages streaming
// (tests/data/llm has the recordings these shapes follow). Runs on FakeLlmServer.
#pragma once

#include "../llm/FakeLlmServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>

#include <functional>

struct ScriptedCall
{
    QString id;
    QString name;
    QJsonObject args;
    QString rawArgs; // when set, sent instead of args (broken JSON, ...)
};

struct ScriptedStep
{
    QString text;
    QList<ScriptedCall> calls;
};

enum class Wire { OpenAi, Anthropic };

inline QByteArray sseData(const QJsonObject &object)
{
    return "data: " + QJsonDocument(object).toJson(QJsonDocument::Compact) + "\n\n";
}

inline QByteArray sseEvent(const char *name, const QJsonObject &object)
{
    return QByteArray("event: ") + name + "\n" + sseData(object);
}

// Splits text into fragments the way providers stream arguments.
inline QStringList fragments(const QString &text, int size = 9)
{
    QStringList parts;
    for (qsizetype i = 0; i < text.size(); i += size)
        parts << text.mid(i, size);
    return parts;
}

inline QByteArray openAiStream(const ScriptedStep &step, int promptTokens = 4243, int cached = 4096)
{
    const QString id = QStringLiteral("chatcmpl-test");
    const auto chunk = [&](const QJsonObject &delta, const QJsonValue &finish = QJsonValue()) {
        return sseData({{QStringLiteral("id"), id},
                        {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                        {QStringLiteral("created"), 1727346178},
                        {QStringLiteral("model"), QStringLiteral("gpt-4o-mini-2024-07-18")},
                        {QStringLiteral("choices"),
                         QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                {QStringLiteral("delta"), delta},
                                                {QStringLiteral("logprobs"), QJsonValue()},
                                                {QStringLiteral("finish_reason"), finish}}}}});
    };
    QByteArray body = chunk({{QStringLiteral("role"), QStringLiteral("assistant")},
                             {QStringLiteral("content"), QStringLiteral("")}});
    for (const QString &piece : fragments(step.text, 5))
        body += chunk({{QStringLiteral("content"), piece}});
    for (int i = 0; i < step.calls.size(); ++i) {
        const ScriptedCall &call = step.calls.at(i);
        body += chunk({{QStringLiteral("tool_calls"),
                        QJsonArray{QJsonObject{
                            {QStringLiteral("index"), i},
                            {QStringLiteral("id"), call.id},
                            {QStringLiteral("type"), QStringLiteral("function")},
                            {QStringLiteral("function"),
                             QJsonObject{{QStringLiteral("name"), call.name},
                                         {QStringLiteral("arguments"), QStringLiteral("")}}}}}}});
        const QString args = call.rawArgs.isNull()
            ? QString::fromUtf8(QJsonDocument(call.args).toJson(QJsonDocument::Compact))
            : call.rawArgs;
        for (const QString &piece : fragments(args))
            body += chunk(
                {{QStringLiteral("tool_calls"),
                  QJsonArray{QJsonObject{{QStringLiteral("index"), i},
                                         {QStringLiteral("function"),
                                          QJsonObject{{QStringLiteral("arguments"), piece}}}}}}});
    }
    body += chunk({}, step.calls.isEmpty() ? QStringLiteral("stop") : QStringLiteral("tool_calls"));
    body += sseData({{QStringLiteral("id"), id},
                     {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                     {QStringLiteral("choices"), QJsonArray()},
                     {QStringLiteral("usage"),
                      QJsonObject{{QStringLiteral("prompt_tokens"), promptTokens},
                                  {QStringLiteral("completion_tokens"), 53},
                                  {QStringLiteral("total_tokens"), promptTokens + 53},
                                  {QStringLiteral("prompt_tokens_details"),
                                   QJsonObject{{QStringLiteral("cached_tokens"), cached}}},
                                  {QStringLiteral("completion_tokens_details"),
                                   QJsonObject{{QStringLiteral("reasoning_tokens"), 0}}}}}});
    body += "data: [DONE]\n\n";
    return body;
}

inline QByteArray anthropicStream(const ScriptedStep &step, int inputTokens = 147,
                                  int cacheRead = 4096)
{
    QByteArray body = sseEvent(
        "message_start",
        {{QStringLiteral("type"), QStringLiteral("message_start")},
         {QStringLiteral("message"),
          QJsonObject{{QStringLiteral("id"), QStringLiteral("msg_test")},
                      {QStringLiteral("type"), QStringLiteral("message")},
                      {QStringLiteral("role"), QStringLiteral("assistant")},
                      {QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5")},
                      {QStringLiteral("content"), QJsonArray()},
                      {QStringLiteral("stop_reason"), QJsonValue()},
                      {QStringLiteral("usage"),
                       QJsonObject{{QStringLiteral("input_tokens"), inputTokens},
                                   {QStringLiteral("cache_read_input_tokens"), cacheRead},
                                   {QStringLiteral("cache_creation_input_tokens"), 0},
                                   {QStringLiteral("output_tokens"), 1}}}}}});
    int index = 0;
    if (!step.text.isEmpty()) {
        body += sseEvent("content_block_start",
                         {{QStringLiteral("type"), QStringLiteral("content_block_start")},
                          {QStringLiteral("index"), index},
                          {QStringLiteral("content_block"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                       {QStringLiteral("text"), QStringLiteral("")}}}});
        for (const QString &piece : fragments(step.text, 5))
            body += sseEvent("content_block_delta",
                             {{QStringLiteral("type"), QStringLiteral("content_block_delta")},
                              {QStringLiteral("index"), index},
                              {QStringLiteral("delta"),
                               QJsonObject{{QStringLiteral("type"), QStringLiteral("text_delta")},
                                           {QStringLiteral("text"), piece}}}});
        body += sseEvent("content_block_stop",
                         {{QStringLiteral("type"), QStringLiteral("content_block_stop")},
                          {QStringLiteral("index"), index}});
        ++index;
    }
    for (const ScriptedCall &call : step.calls) {
        body += sseEvent("content_block_start",
                         {{QStringLiteral("type"), QStringLiteral("content_block_start")},
                          {QStringLiteral("index"), index},
                          {QStringLiteral("content_block"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                       {QStringLiteral("id"), call.id},
                                       {QStringLiteral("name"), call.name},
                                       {QStringLiteral("input"), QJsonObject()}}}});
        const QString args = call.rawArgs.isNull()
            ? QString::fromUtf8(QJsonDocument(call.args).toJson(QJsonDocument::Compact))
            : call.rawArgs;
        for (const QString &piece : fragments(args))
            body += sseEvent(
                "content_block_delta",
                {{QStringLiteral("type"), QStringLiteral("content_block_delta")},
                 {QStringLiteral("index"), index},
                 {QStringLiteral("delta"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("input_json_delta")},
                              {QStringLiteral("partial_json"), piece}}}});
        body += sseEvent("content_block_stop",
                         {{QStringLiteral("type"), QStringLiteral("content_block_stop")},
                          {QStringLiteral("index"), index}});
        ++index;
    }
    body += sseEvent(
        "message_delta",
        {{QStringLiteral("type"), QStringLiteral("message_delta")},
         {QStringLiteral("delta"),
          QJsonObject{
              {QStringLiteral("stop_reason"),
               step.calls.isEmpty() ? QStringLiteral("end_turn") : QStringLiteral("tool_use")},
              {QStringLiteral("stop_sequence"), QJsonValue()}}},
         {QStringLiteral("usage"), QJsonObject{{QStringLiteral("output_tokens"), 53}}}});
    body += sseEvent("message_stop", {{QStringLiteral("type"), QStringLiteral("message_stop")}});
    return body;
}

// The sandboxId that createSandbox returned, found in the tool results of a request body
// (either wire format carries it as text).
inline QString sandboxIdFrom(const QByteArray &requestBody)
{
    static const QRegularExpression pattern(
        QStringLiteral("sandboxId\\\\?\"\\s*:\\s*\\\\?\"([0-9a-fA-F-]{8,})"));
    QString last;
    auto it = pattern.globalMatch(QString::fromUtf8(requestBody));
    while (it.hasNext())
        last = it.next().captured(1);
    return last;
}

// Feeds a FakeLlmServer from a list of step functions, one per model request.
class ScriptedModel final : public QObject
{
public:
    using Step = std::function<ScriptedStep(const RecordedRequest &request)>;

    ScriptedModel(FakeLlmServer &server, Wire wire, QList<Step> steps)
        : m_server(server)
        , m_wire(wire)
        , m_steps(std::move(steps))
    {
        // requestReceived comes before the server takes its answer from the queue.
        connect(&m_server, &FakeLlmServer::requestReceived, this, [this] {
            const RecordedRequest &request = m_server.requests().last();
            if (!request.path.endsWith("/chat/completions") && !request.path.endsWith("/messages"))
                return;
            const QJsonObject json = request.json();
            if (!json.contains(QLatin1String("tools"))) {
                // The engine naming the thread: a short non-streaming answer.
                ++m_titles;
                m_server.enqueue(titleAnswer(json.value(QLatin1String("stream")).toBool()));
                return;
            }
            const ScriptedStep step = m_next < m_steps.size()
                ? m_steps.at(m_next)(request)
                : ScriptedStep{QStringLiteral("Done."), {}};
            ++m_next;
            m_server.enqueue(FakeResponse::stream(
                m_wire == Wire::OpenAi ? openAiStream(step) : anthropicStream(step), 7));
        });
    }
    int stepsServed() const { return m_next; }
    int titlesServed() const { return m_titles; }
    static inline const QString kTitle = QStringLiteral("Reverse a string in Python");

private:
    FakeResponse titleAnswer(bool stream) const
    {
        const ScriptedStep step{kTitle, {}};
        if (stream)
            return FakeResponse::stream(m_wire == Wire::OpenAi ? openAiStream(step)
                                                               : anthropicStream(step));
        const QJsonObject body = m_wire == Wire::OpenAi
            ? QJsonObject{{QStringLiteral("id"), QStringLiteral("chatcmpl-title")},
                          {QStringLiteral("object"), QStringLiteral("chat.completion")},
                          {QStringLiteral("choices"),
                           QJsonArray{QJsonObject{
                               {QStringLiteral("index"), 0},
                               {QStringLiteral("message"),
                                QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                            {QStringLiteral("content"), kTitle}}},
                               {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}},
                          {QStringLiteral("usage"),
                           QJsonObject{{QStringLiteral("prompt_tokens"), 30},
                                       {QStringLiteral("completion_tokens"), 6},
                                       {QStringLiteral("total_tokens"), 36}}}}
            : QJsonObject{{QStringLiteral("id"), QStringLiteral("msg_title")},
                          {QStringLiteral("type"), QStringLiteral("message")},
                          {QStringLiteral("role"), QStringLiteral("assistant")},
                          {QStringLiteral("content"),
                           QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                  {QStringLiteral("text"), kTitle}}}},
                          {QStringLiteral("stop_reason"), QStringLiteral("end_turn")},
                          {QStringLiteral("usage"),
                           QJsonObject{{QStringLiteral("input_tokens"), 30},
                                       {QStringLiteral("output_tokens"), 6}}}};
        return FakeResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    FakeLlmServer &m_server;
    Wire m_wire;
    QList<Step> m_steps;
    int m_next = 0;
    int m_titles = 0;
};
