// See StoreFlusher.h.
#include "StoreFlusher.h"

#include "core/Logging.h"

#include <QElapsedTimer>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

StoreFlusher::StoreFlusher(QString walPath)
    : m_walPath(std::move(walPath))
    , m_thread([this] { loop(); })
{
}

StoreFlusher::~StoreFlusher()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void StoreFlusher::request()
{
    {
        std::lock_guard lock(m_mutex);
        ++m_stats.requested;
    }
    m_wake.notify_one();
}

StoreFlusher::Stats StoreFlusher::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void StoreFlusher::loop()
{
    const QByteArray path = m_walPath.toLocal8Bit();
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || m_stats.flushed < m_stats.requested; });
        if (m_stats.flushed == m_stats.requested)
            return; // stopping, nothing left to flush
        const quint64 covered = m_stats.requested;
        lock.unlock();

        // A fresh descriptor each time: SQLite rewrites the WAL in place after a checkpoint
        // and deletes it at the last close; fdatasync on any descriptor flushes the file's
        // pages. SQLite keeps no POSIX locks on the WAL file itself (they are on the
        // database and -shm files), so closing this descriptor releases none of its locks.
        QElapsedTimer timer;
        timer.start();
        QString error;
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            // No WAL: everything was checkpointed into the database file, which SQLite
            // synced when it did so.
            if (errno != ENOENT)
                error = QString::fromLocal8Bit(std::strerror(errno));
        } else {
            if (::fdatasync(fd) != 0)
                error = QString::fromLocal8Bit(std::strerror(errno));
            ::close(fd);
        }
        const qint64 us = timer.nsecsElapsed() / 1000;
        if (!error.isEmpty())
            qCWarning(lcStore) << "could not flush" << m_walPath << error;

        lock.lock();
        m_stats.flushed = covered;
        ++m_stats.flushes;
        m_stats.lastFlushUs = us;
        m_stats.lastError = error;
    }
}
