// Shared part of the stream decoders: JSON parsing with UTF-8 repair, tool-call finishing,
// and the end-of-stream rules (EOF before the terminator is a cut stream).
#include "StreamAccumulator.h"

#include "core/Logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

StreamAccumulator::StreamAccumulator(const QString &providerName)
    : m_providerName(providerName)
{
}

StreamAccumulator::~StreamAccumulator() = default;

bool StreamAccumulator::parseJson(const QByteArray &data, QJsonValue *out)
{
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error == QJsonParseError::IllegalUTF8String) {
        // Replace the broken bytes with U+FFFD and keep the rest of the text.
        doc = QJsonDocument::fromJson(QString::fromUtf8(data).toUtf8(), &error);
    }
    if (error.error != QJsonParseError::NoError || doc.isNull()) {
        ++m_unreadable;
        qCWarning(lcLlm) << "an unreadable stream event from" << m_providerName << ":"
                         << error.errorString() << "in" << data.size() << "bytes";
        // security.md §6 row 2: stop with a protocol error, keep what arrived before.
        if (!m_atEnd)
            fail(LlmError::invalidResponse(
                m_providerName,
                QStringLiteral("a stream event was not JSON; what arrived before it was kept")));
        return false;
    }
    *out = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    return true;
}

void StreamAccumulator::fail(const LlmError &error)
{
    if (!m_error.isError())
        m_error = error;
}

void StreamAccumulator::finalizeToolCalls()
{
    QList<ToolCall> calls;
    for (ToolCall call : std::as_const(m_result.toolCalls)) {
        if (call.name.isEmpty())
            continue; // LM Studio sends bogus entries with no function
        if (call.id.isEmpty())
            call.id = synthesizeToolCallId();
        if (call.arguments.trimmed().isEmpty())
            call.arguments = QStringLiteral("{}");
        calls.append(call);
    }
    m_result.toolCalls = calls;
}

ChatResult StreamAccumulator::finish()
{
    if (!m_finished) {
        m_finished = true;
        finalize();
        if (!m_error.isError() && !m_complete && !sawFinish()) {
            if (m_unreadable > 0 && !m_delivered && !m_result.usageReported)
                m_error = LlmError::invalidResponse(
                    m_providerName, QStringLiteral("%1 event(s) were not JSON").arg(m_unreadable));
            else
                m_error = LlmError::streamCut(m_providerName,
                                              QStringLiteral("no end-of-stream marker"));
        }
        if (m_error.isError()) {
            m_result.error = m_error;
            if (m_error.kind() != LlmError::Kind::StreamCut
                && m_error.kind() != LlmError::Kind::Cancelled)
                m_result.finishReason = FinishReason::Error;
        }
    }
    return m_result;
}

QString synthesizeToolCallId()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString id = QStringLiteral("call_");
    for (int i = 0; i < 24; ++i)
        id += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]);
    return id;
}
