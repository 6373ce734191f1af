// Long tool output is cut for the model (head and tail, with a marker saying how much was
// left out), while the store keeps it whole for the inspector.
#pragma once

#include <QString>

namespace OutputCap {

// Characters of one text field sent back to the model.
constexpr qsizetype kModelLimit = 64 * 1024;

struct Capped
{
    QString text;
    qsizetype omitted = 0; // characters left out; 0 when the text fits
};

// Keeps the first and last parts of `text` (about 3/4 head, 1/4 tail, cut at line ends where
// one is near) and puts "[... N characters omitted ...]" between them.
Capped cap(const QString &text, qsizetype limit = kModelLimit);

} // namespace OutputCap
