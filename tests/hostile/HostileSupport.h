// Shared by the hostile-input tests: running one agent tool call to its outcome, describing it
// in one line for the log, the process's memory, and a snapshot of the host that must not change
// while sandboxed code and hostile arguments do their worst.
#pragma once

#include "agent/ToolExecutor.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

namespace Hostile {

// Runs one tool call to its end (or gives up after timeoutMs and cancels it).
inline ToolOutcome runTool(ToolExecutor &executor, const QString &tool, const QJsonObject &args,
                           const ToolContext &context, int timeoutMs = 120000)
{
    ToolExecution *execution = executor.execute(tool, args, context);
    QSignalSpy spy(execution, &ToolExecution::finished);
    if (!spy.wait(timeoutMs)) {
        execution->cancel();
        ToolOutcome none;
        none.tool = tool;
        none.result = {{QStringLiteral("error"), QStringLiteral("test gave up waiting")}};
        none.errorKind = ToolOutcome::ErrorKind::TimedOut;
        return none;
    }
    return spy.first().first().value<ToolOutcome>();
}

// "readFile {"path":"../x"} -> PathRefused: path escapes ..." with long texts cut.
inline QString describe(const QString &tool, const QJsonObject &args, const ToolOutcome &o)
{
    QJsonObject shown = args;
    shown.remove(QStringLiteral("sandboxId"));
    QString argsText = QString::fromUtf8(QJsonDocument(shown).toJson(QJsonDocument::Compact));
    if (argsText.size() > 160)
        argsText = argsText.left(160) + QStringLiteral("...");
    QString outcome = o.isError()
        ? ToolOutcome::kindName(o.errorKind) + QStringLiteral(": ") + o.errorMessage()
        : QString::fromUtf8(QJsonDocument(o.forModel).toJson(QJsonDocument::Compact));
    if (outcome.size() > 240)
        outcome = outcome.left(240) + QStringLiteral("...");
    return tool + QLatin1Char(' ') + argsText + QStringLiteral(" -> ") + outcome;
}

// Resident and peak resident memory of this process, in KiB (/proc/self/status).
inline qint64 statusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}
inline qint64 rssKiB()
{
    return statusKiB("VmRSS:");
}
inline qint64 peakRssKiB()
{
    return statusKiB("VmHWM:");
}
// Resets VmHWM to the current RSS (Linux >= 4.0), so a peak can be measured per case.
inline bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

inline QByteArray sha256OfFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray("unreadable");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

// What a user would check after a hostile run: the canary files outside the sandbox have the
// same bytes and modification time, the host folder beside the sandboxes holds the same names,
// /etc/passwd is unchanged, and the sandbox user left nothing in the host's /tmp.
class HostSnapshot
{
public:
    HostSnapshot() = default;
    HostSnapshot(const QStringList &canaries, const QString &hostDir, uint sandboxUid)
        : m_canaries(canaries)
        , m_hostDir(hostDir)
        , m_sandboxUid(sandboxUid)
    {
        for (const QString &c : canaries)
            m_state << stateOf(c);
        m_hostEntries = entries(hostDir);
        m_tmpEntries
            = QDir(QStringLiteral("/tmp"))
                  .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        m_passwd = sha256OfFile(QStringLiteral("/etc/passwd"));
    }

    // Empty when the host is as it was; otherwise what changed.
    QStringList changes() const
    {
        QStringList out;
        for (qsizetype i = 0; i < m_canaries.size(); ++i) {
            if (stateOf(m_canaries.at(i)) != m_state.at(i))
                out << QStringLiteral("canary changed: %1").arg(m_canaries.at(i));
        }
        if (entries(m_hostDir) != m_hostEntries)
            out << QStringLiteral("host folder %1 changed: %2")
                       .arg(m_hostDir, entries(m_hostDir).join(QLatin1Char(',')));
        if (sha256OfFile(QStringLiteral("/etc/passwd")) != m_passwd)
            out << QStringLiteral("/etc/passwd changed");
        const QStringList tmp
            = QDir(QStringLiteral("/tmp"))
                  .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        for (const QString &name : tmp) {
            // The scratch folder of the tests run as nobody (run-unprivileged.sh).
            if (m_tmpEntries.contains(name) || name == QLatin1String("studio-unprivileged-tests"))
                continue;
            struct stat st;
            const QByteArray path = QFile::encodeName(QStringLiteral("/tmp/") + name);
            // The private session buses of keychain tests run as nobody beside this one
            // (dbus-run-session listens on a socket in /tmp); a bus socket is not a file that
            // sandboxed code wrote.
            if (name.startsWith(QLatin1String("dbus-")) && ::lstat(path.constData(), &st) == 0
                && S_ISSOCK(st.st_mode))
                continue;
            // Other tests may run in parallel and make their own files; the sandbox user's
            // files, or anything named like this suite's markers (hostile-pwned, hostile-created,
            // hostile-dir), come from a sandbox.
            if ((::lstat(path.constData(), &st) == 0 && st.st_uid == m_sandboxUid
                 && m_sandboxUid != ::geteuid())
                || name.contains(QLatin1String("hostile-pwned"))
                || name.contains(QLatin1String("hostile-created"))
                || name.contains(QLatin1String("hostile-dir")))
                out << QStringLiteral("new file in the host's /tmp: %1").arg(name);
        }
        return out;
    }

private:
    static QString stateOf(const QString &path)
    {
        const QFileInfo info(path);
        if (!info.exists())
            return QStringLiteral("missing");
        return QString::fromLatin1(sha256OfFile(path)) + QLatin1Char(' ')
            + QString::number(info.lastModified().toMSecsSinceEpoch());
    }
    static QStringList entries(const QString &dir)
    {
        QStringList out;
        QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            out << it.next();
        out.sort();
        return out;
    }

    QStringList m_canaries;
    QStringList m_state;
    QString m_hostDir;
    uint m_sandboxUid = 0;
    QStringList m_hostEntries;
    QStringList m_tmpEntries;
    QByteArray m_passwd;
};

} // namespace Hostile
