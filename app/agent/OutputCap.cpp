#include "OutputCap.h"

namespace OutputCap {

Capped cap(const QString &text, qsizetype limit)
{
    if (text.size() <= limit || limit < 64)
        return {text, 0};

    const QString markerTemplate = QStringLiteral("\n[... %1 characters omitted ...]\n");
    const qsizetype budget = limit - markerTemplate.size() - 12;
    qsizetype headEnd = budget * 3 / 4;
    qsizetype tailStart = text.size() - (budget - headEnd);

    // Prefer whole lines when a line break is close to the cut.
    const qsizetype slack = qMax<qsizetype>(budget / 16, 1);
    const qsizetype newlineBefore = text.lastIndexOf(QLatin1Char('\n'), headEnd);
    if (newlineBefore > 0 && headEnd - newlineBefore < slack)
        headEnd = newlineBefore + 1;
    const qsizetype newlineAfter = text.indexOf(QLatin1Char('\n'), tailStart);
    if (newlineAfter >= 0 && newlineAfter - tailStart < slack)
        tailStart = newlineAfter + 1;
    // Never split a surrogate pair.
    if (headEnd > 0 && text.at(headEnd - 1).isHighSurrogate())
        --headEnd;
    if (tailStart < text.size() && text.at(tailStart).isLowSurrogate())
        ++tailStart;

    const qsizetype omitted = tailStart - headEnd;
    return {text.left(headEnd) + markerTemplate.arg(omitted) + text.mid(tailStart), omitted};
}

} // namespace OutputCap
