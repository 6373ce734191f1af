#include "LineDiff.h"

#include <QStringList>

#include <vector>

namespace {
struct Op
{
    char kind; // ' ', '-', '+'
    int oldLine; // 0-based line in before (for ' ' and '-'), else the next one
    int newLine; // 0-based line in after (for ' ' and '+'), else the next one
    QString text;
};

QStringList linesOf(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList lines = text.split(QLatin1Char('\n'));
    if (text.endsWith(QLatin1Char('\n')))
        lines.removeLast();
    return lines;
}
} // namespace

LineDiff::Result LineDiff::unified(const QString &before, const QString &after, const QString &path,
                                   qint64 maxCells)
{
    Result result;
    if (before == after)
        return result;
    const QStringList a = linesOf(before);
    const QStringList b = linesOf(after);
    const int n = int(a.size());
    const int m = int(b.size());
    int head = 0;
    while (head < n && head < m && a.at(head) == b.at(head))
        ++head;
    int tail = 0;
    while (tail < n - head && tail < m - head && a.at(n - 1 - tail) == b.at(m - 1 - tail))
        ++tail;

    std::vector<Op> ops;
    ops.reserve(size_t(n + m));
    for (int i = 0; i < head; ++i)
        ops.push_back({' ', i, i, a.at(i)});
    const int an = n - head - tail;
    const int bn = m - head - tail;
    if (qint64(an) * qint64(bn) > maxCells) {
        result.approximate = true;
        for (int i = 0; i < an; ++i)
            ops.push_back({'-', head + i, head, a.at(head + i)});
        for (int j = 0; j < bn; ++j)
            ops.push_back({'+', head + an, head + j, b.at(head + j)});
    } else {
        // Longest common subsequence of the middles, from the end, then walked forwards.
        const size_t w = size_t(bn) + 1;
        std::vector<quint32> lcs((size_t(an) + 1) * w, 0);
        for (int i = an - 1; i >= 0; --i) {
            for (int j = bn - 1; j >= 0; --j) {
                lcs[size_t(i) * w + size_t(j)] = a.at(head + i) == b.at(head + j)
                    ? lcs[size_t(i + 1) * w + size_t(j + 1)] + 1
                    : std::max(lcs[size_t(i + 1) * w + size_t(j)],
                               lcs[size_t(i) * w + size_t(j + 1)]);
            }
        }
        int i = 0, j = 0;
        while (i < an || j < bn) {
            if (i < an && j < bn && a.at(head + i) == b.at(head + j)) {
                ops.push_back({' ', head + i, head + j, a.at(head + i)});
                ++i;
                ++j;
            } else if (i < an
                       && (j == bn
                           || lcs[size_t(i + 1) * w + size_t(j)]
                               >= lcs[size_t(i) * w + size_t(j + 1)])) {
                // Removals before additions, as diff(1) prints them.
                ops.push_back({'-', head + i, head + j, a.at(head + i)});
                ++i;
            } else {
                ops.push_back({'+', head + i, head + j, b.at(head + j)});
                ++j;
            }
        }
    }
    for (int k = 0; k < tail; ++k)
        ops.push_back({' ', n - tail + k, m - tail + k, a.at(n - tail + k)});

    constexpr int kContext = 3;
    // "a/home/daytona/x", as git writes an absolute path's diff.
    const QString shown = path.startsWith(QLatin1Char('/')) ? path.mid(1) : path;
    QStringList out{QStringLiteral("--- a/%1").arg(shown), QStringLiteral("+++ b/%1").arg(shown)};
    const int count = int(ops.size());
    int k = 0;
    while (k < count) {
        while (k < count && ops[size_t(k)].kind == ' ')
            ++k;
        if (k == count)
            break;
        const int start = std::max(0, k - kContext);
        // Extend while the next change is within two contexts of the last one.
        int last = k;
        int scan = k;
        while (scan < count) {
            if (ops[size_t(scan)].kind != ' ')
                last = scan;
            else if (scan - last > 2 * kContext)
                break;
            ++scan;
        }
        const int end = std::min(count, last + kContext + 1);
        int oldCount = 0, newCount = 0;
        QStringList body;
        for (int x = start; x < end; ++x) {
            const Op &op = ops[size_t(x)];
            if (op.kind != '+')
                ++oldCount;
            if (op.kind != '-')
                ++newCount;
            if (op.kind == '+')
                ++result.added;
            else if (op.kind == '-')
                ++result.removed;
            body << QLatin1Char(op.kind) + op.text;
        }
        const Op &first = ops[size_t(start)];
        out << QStringLiteral("@@ -%1,%2 +%3,%4 @@")
                   .arg(oldCount ? first.oldLine + 1 : first.oldLine)
                   .arg(oldCount)
                   .arg(newCount ? first.newLine + 1 : first.newLine)
                   .arg(newCount);
        out += body;
        k = end;
    }
    result.text = out.join(QLatin1Char('\n')) + QLatin1Char('\n');
    return result;
}
