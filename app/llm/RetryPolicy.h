// When and how long to wait before retrying a model call, as the official SDKs do
// (openai-python _base_client.py): 408, 409, 429, 5xx, 529 and connection failures; 2 retries;
// exponential backoff 0.5 s -> 8 s with up to 25 % jitter; retry-after-ms / retry-after
// (seconds or HTTP date) honoured when 0 < delay <= 60 s; x-should-retry obeyed; never after
// content reached the caller. Clock and randomness are injectable for tests.
#pragma once

#include "llm/LlmError.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>

#include <chrono>
#include <functional>
#include <optional>

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

class RetryPolicy final
{
public:
    struct Decision
    {
        bool retry = false;
        std::chrono::milliseconds delay{0};
    };

    int maxRetries = 2;
    std::chrono::milliseconds initialDelay{500};
    std::chrono::milliseconds maxDelay{8000};
    // Returns a number in [0, 1). Default: QRandomGenerator.
    std::function<double()> random;
    // Now, for retry-after dates. Default: the system clock.
    std::function<QDateTime()> now;

    // `retriesDone` retries have happened so far.
    Decision decide(int retriesDone, const LlmError &error, const RawHeaders &headers,
                    bool contentDelivered) const;
    std::chrono::milliseconds backoff(int retriesDone) const;
    // The server's wish, if any and if 0 < delay <= 60 s.
    std::optional<std::chrono::milliseconds> retryAfter(const RawHeaders &headers) const;

    static QByteArray header(const RawHeaders &headers, const QByteArray &name);
};
