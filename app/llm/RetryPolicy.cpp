// The retry decision and delay computation.
#include "RetryPolicy.h"

#include <QLocale>
#include <QRandomGenerator>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

using namespace std::chrono;

QByteArray RetryPolicy::header(const RawHeaders &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.trimmed();
    }
    return {};
}

std::optional<milliseconds> RetryPolicy::retryAfter(const RawHeaders &headers) const
{
    std::optional<double> ms;
    bool ok = false;
    const QByteArray retryAfterMs = header(headers, "retry-after-ms");
    if (!retryAfterMs.isEmpty()) {
        const double v = retryAfterMs.toDouble(&ok);
        if (ok)
            ms = v;
    }
    if (!ms) {
        const QByteArray retryAfter = header(headers, "retry-after");
        if (!retryAfter.isEmpty()) {
            const double seconds = retryAfter.toDouble(&ok);
            if (ok) {
                ms = seconds * 1000.0;
            } else {
                // An HTTP date (IMF-fixdate), always GMT.
                QDateTime when
                    = QLocale::c().toDateTime(QString::fromLatin1(retryAfter),
                                              QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
                when.setTimeZone(QTimeZone::utc());
                if (when.isValid()) {
                    const QDateTime current = now ? now() : QDateTime::currentDateTimeUtc();
                    ms = double(current.msecsTo(when));
                }
            }
        }
    }
    if (ms && *ms > 0 && *ms <= 60000.0)
        return milliseconds(qint64(std::ceil(*ms)));
    return std::nullopt;
}

milliseconds RetryPolicy::backoff(int retriesDone) const
{
    const double base = std::min(double(initialDelay.count()) * std::pow(2.0, retriesDone),
                                 double(maxDelay.count()));
    const double r = random ? random() : QRandomGenerator::global()->generateDouble();
    const double jitter = 1.0 - 0.25 * std::clamp(r, 0.0, 1.0);
    return milliseconds(qint64(base * jitter));
}

RetryPolicy::Decision RetryPolicy::decide(int retriesDone, const LlmError &error,
                                          const RawHeaders &headers, bool contentDelivered) const
{
    Decision d;
    // Text already shown cannot be taken back; a retry would show it twice.
    if (contentDelivered || retriesDone >= maxRetries || !error.isError())
        return d;
    const QByteArray shouldRetry = header(headers, "x-should-retry").toLower();
    if (shouldRetry == "false")
        return d;
    if (shouldRetry == "true" || error.isRetryable()) {
        d.retry = true;
        d.delay = retryAfter(headers).value_or(backoff(retriesDone));
    }
    return d;
}
