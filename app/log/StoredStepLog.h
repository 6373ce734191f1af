// The step log (specs/agent-tools.md) rebuilt from what the store kept of a run: the engine
// prints each line once, live (RunEvent::stepLog), and does not store it; the inspector's
// "Copy Step-Log Line" for an older run rebuilds the same line from the same facts: the
// step's assistant message (text), its tool calls (arguments) and the tool-result messages
// (the result the model was given), the step's finish reason and usage.
#pragma once

#include "store/StoreTypes.h"

#include <QByteArray>
#include <QHash>
#include <QList>

class Redactor;

namespace StoredStepLog {

struct RunFacts
{
    RunRecord run;
    QList<StepRecord> steps; // in step order
    QList<ToolCallRecord> toolCalls; // in the order they were proposed
    QList<MessageRecord> messages; // the thread's (or the run's) messages, in order
};

// The step-log line of every step of the run, by step id; each ends in '\n'.
QHash<RowId, QByteArray> lines(const RunFacts &facts, const Redactor &redactor);

} // namespace StoredStepLog
