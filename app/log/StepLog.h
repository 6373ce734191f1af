// The step log: after each step of a run, one JSON object in exactly the shape of
// specs/agent-tools.md ({text, toolCalls, toolResults, finishReason, usage}, fields in that
// order), redacted, one per line; or a short human-readable form for `--log-format pretty`.
#pragma once

#include "llm/TokenUsage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

class Redactor;

struct StepLogCall
{
    QString toolCallId;
    QString toolName;
    QJsonValue args; // arguments(): the parsed object, or the raw text when it did not parse
    QJsonValue result; // undefined: no result (the call did not run)
};

struct StepLogEntry
{
    QString runId;
    int stepIndex = 0; // 1-based, for the pretty form
    QString text;
    QList<StepLogCall> calls;
    QString finishReason; // stop, tool-calls, length, content-filter, error, other
    TokenUsage usage;
    qint64 durationMs = -1;
};

namespace StepLog {

// One line of JSON, ending in '\n'.
QByteArray jsonLine(const StepLogEntry &entry, const Redactor &redactor);
// A tool call's arguments as the step log carries them: the JSON object the model's text
// parses to (whatever the tool's name), {} for no text at all, else the text as it came.
QJsonValue arguments(const QString &text);
// A few lines for people, ending in '\n'.
QString pretty(const StepLogEntry &entry, const Redactor &redactor);
// The pretty form of a line written by jsonLine() (already redacted).
QString prettyFromLine(const QByteArray &line, int stepIndex, qint64 durationMs);

} // namespace StepLog
