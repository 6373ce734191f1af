// BoundedOutput: 3/4 of the budget for the head, 1/4 for the tail (where builds and tests say
// how they ended); cuts move to a nearby line break.
#include "agent/BoundedOutput.h"

#include <QString>

BoundedOutput::BoundedOutput(qint64 capBytes)
    : m_headCap(qMax<qint64>(capBytes, 1024) * 3 / 4)
    , m_tailCap(qMax<qint64>(capBytes, 1024) - m_headCap)
{
}

void BoundedOutput::append(const QByteArray &data)
{
    m_total += data.size();
    qsizetype used = 0;
    if (m_head.size() < m_headCap) {
        used = qsizetype(qMin<qint64>(data.size(), m_headCap - m_head.size()));
        m_head.append(data.constData(), used);
    }
    if (used == data.size())
        return;
    m_tail.append(data.constData() + used, data.size() - used);
    // Trimmed in batches: at most twice the tail is held, and the copy is amortised.
    if (m_tail.size() > 2 * m_tailCap)
        m_tail.remove(0, m_tail.size() - m_tailCap);
}

qint64 BoundedOutput::omitted() const
{
    return qMax<qint64>(0, m_total - m_head.size() - qMin<qint64>(m_tail.size(), m_tailCap));
}

QByteArray BoundedOutput::text() const
{
    if (omitted() == 0)
        return QByteArray(m_head).append(m_tail);
    QByteArray head = m_head;
    QByteArray tail = m_tail.right(m_tailCap);
    // Whole lines where a line break is near the cut (no half lines, no split UTF-8).
    const qsizetype slack = 4096;
    const qsizetype lastBreak = head.lastIndexOf('\n');
    if (lastBreak >= 0 && head.size() - lastBreak <= slack)
        head.truncate(lastBreak + 1);
    const qsizetype firstBreak = tail.indexOf('\n');
    if (firstBreak >= 0 && firstBreak < slack)
        tail.remove(0, firstBreak + 1);
    const qint64 left = m_total - head.size() - tail.size();
    if (!head.endsWith('\n'))
        head += '\n';
    const QByteArray marker = QStringLiteral("[output truncated: %1 bytes in the middle were left "
                                             "out; the first %2 and the last %3 bytes are kept]\n")
                                  .arg(left)
                                  .arg(head.size())
                                  .arg(tail.size())
                                  .toUtf8();
    return head.append(marker).append(tail);
}
