#include "agent/DirectoryWatcher.h"

#include "sandbox/DaytonaClient.h"

#include <algorithm>

DirectoryWatcher::DirectoryWatcher(DaytonaClient *client, const Sandbox &sandbox,
                                   const QString &root, bool recursive, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandbox(sandbox)
    , m_root(root)
    , m_recursive(recursive)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_queue = {m_root};
        m_folders = 0;
        m_listing.clear();
        listNext();
    });
}

void DirectoryWatcher::start(qint64 durationMs, int intervalMs)
{
    m_durationMs = std::max<qint64>(0, durationMs);
    m_intervalMs = std::max(10, intervalMs);
    m_queue = {m_root};
    listNext();
}

void DirectoryWatcher::cancel()
{
    m_done = true;
    m_timer.stop();
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->cancel();
    }
}

void DirectoryWatcher::listNext()
{
    if (m_done)
        return;
    if (m_queue.isEmpty()) {
        listed(DaytonaResult());
        return;
    }
    if (!m_client) {
        DaytonaResult r;
        r.error = SandboxError::make(SandboxError::Kind::Cancelled,
                                     QStringLiteral("The sandbox client went away."));
        listed(r);
        return;
    }
    const QString dir = m_queue.takeFirst();
    ++m_folders;
    m_call = m_client->listFiles(m_sandbox, dir);
    connect(m_call, &DaytonaCall::finished, this, [this, dir](const DaytonaResult &r) {
        m_call = nullptr;
        if (!r.ok()) {
            if (dir == m_root) {
                listed(r);
                return;
            }
            listNext(); // a subfolder vanished meanwhile: its entries are gone
            return;
        }
        for (const FileInfo &info : FileInfo::listFromJson(r.json().array())) {
            const QString full = dir + QLatin1Char('/') + info.name;
            m_listing.insert(full.mid(m_root.size() + 1),
                             {info.isDir ? 0 : info.size, info.modifiedAt, info.isDir});
            if (info.isDir && m_recursive && m_folders + m_queue.size() < kMaxFolders)
                m_queue << full;
        }
        listNext();
    });
}

void DirectoryWatcher::listed(const DaytonaResult &error)
{
    if (!m_started) {
        m_started = true;
        if (!error.ok()) {
            m_done = true;
            emit finished(error);
            return;
        }
        m_snapshot = m_listing;
        m_clock.start();
    } else {
        // The watched folder itself gone counts as everything in it deleted.
        const ToolResults::Snapshot now = error.ok() ? m_listing : ToolResults::Snapshot();
        for (const QJsonValue &event :
             ToolResults::diff(m_snapshot, now, QDateTime::currentDateTimeUtc()))
            m_events.append(event);
        m_snapshot = now;
    }
    const qint64 remaining = m_durationMs - m_clock.elapsed();
    if (remaining > 0) {
        m_timer.start(int(std::min<qint64>(m_intervalMs, remaining)));
        return;
    }
    m_done = true;
    emit finished(DaytonaResult());
}
