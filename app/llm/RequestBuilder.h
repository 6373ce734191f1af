// Request bodies in exactly the shape each protocol expects (specs/llm-wire.md §1.1, §2.1):
// system prompt, user/assistant/tool messages, assistant tool calls and tool results (Anthropic
// tool_use / tool_result blocks), tools with JSON Schema, stream_options.include_usage,
// Anthropic prompt caching, max tokens by each protocol's rules. Pure functions.
#pragma once

#include "llm/ChatTypes.h"
#include "llm/ProviderCatalog.h"

#include <QJsonObject>

namespace RequestBuilder {

// Anthropic requires max_tokens; this is what we send when the caller sets none.
constexpr int kAnthropicDefaultMaxTokens = 8192;

// POST {base}/chat/completions
QJsonObject openAiChat(const ChatRequest &request, const ProviderInfo &provider);
// POST {base}/messages
QJsonObject anthropicMessages(const ChatRequest &request);
QJsonObject build(const ChatRequest &request, const ProviderInfo &provider);

} // namespace RequestBuilder
