// A thread as a file a person can keep or share: Markdown (the conversation, tool calls with
// their arguments and results) or JSON (everything: thread, messages, runs, steps, tool
// calls). Both are redacted: no key the app knows, and no secret-looking field, is written.
#pragma once

#include "store/StoreTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

class Redactor;
class RunHistory;
class ThreadService;

namespace ThreadExport {

struct Data
{
    ThreadRecord thread;
    QList<MessageRecord> messages;
    QList<RunRecord> runs;
    QList<StepRecord> steps;
    QList<ToolCallRecord> toolCalls;
};

// Reads a thread with everything that belongs to it; false and *error when it cannot.
bool load(ThreadService &threads, const RunHistory &history, RowId threadId, Data *data,
          QString *error);

QString toMarkdown(const Data &data, const Redactor &redactor);
QByteArray toJson(const Data &data, const Redactor &redactor);

} // namespace ThreadExport
