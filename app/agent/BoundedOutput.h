// Command output as it streams in (runCommand through a session: Daytona cloud), kept within a
// byte budget: its first and last parts and how much was left out between them. Without it a
// command printing 100 MB held 100 MB here, then twice that as text.
#pragma once

#include <QByteArray>

class BoundedOutput final
{
public:
    // The same budget as the local server's execute (LocalSandboxOptions::outputCap).
    static constexpr qint64 kDefaultCapBytes = 1 << 20;

    explicit BoundedOutput(qint64 capBytes = kDefaultCapBytes);

    void append(const QByteArray &data);
    // Bytes that arrived, kept or not; bytes left out in the middle.
    qint64 total() const { return m_total; }
    qint64 omitted() const;
    // The output as kept: head, "[output truncated: ...]", tail (whole when it fit).
    QByteArray text() const;

private:
    qint64 m_headCap;
    qint64 m_tailCap;
    QByteArray m_head;
    QByteArray m_tail; // up to twice m_tailCap before it is trimmed
    qint64 m_total = 0;
};
