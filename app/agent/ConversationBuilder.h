// Turns a thread's stored messages into the conversation sent to the model, the same for both
// wire protocols. Keeps the API's rules even after a crash: every tool call of an assistant
// turn gets a result (a synthetic "interrupted" error when none was stored), and empty
// interrupted turns are left out. A pure function.
//
// Message parts as the engine stores them:
//   assistant: {"type":"reasoning","text"} {"type":"text","text"}
//              {"type":"thinking","thinking","signature","redactedData"} (Anthropic, kept whole)
//              {"type":"tool-call","toolCallId","toolName","args":{...},"argsText":"..."}
//   tool:      {"type":"tool-result","toolCallId","toolName","result":{...},"isError":bool}
#pragma once

#include "llm/ChatTypes.h"
#include "store/StoreTypes.h"

#include <QList>

namespace ConversationBuilder {

QList<ChatMessage> build(const QList<MessageRecord> &messages);

// The text of an interrupted tool call's synthetic result.
QString interruptedResult();

} // namespace ConversationBuilder
