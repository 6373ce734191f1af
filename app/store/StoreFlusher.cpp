// See StoreFlusher.h.
#include "StoreFlusher.h"

#include "core/Logging.h"

#include <QAtomicInteger>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {

QAtomicInteger<quint64> flusherCounter;

// fdatasync of the WAL. A fresh descriptor each time: SQLite rewrites the WAL in place after a
// checkpoint and deletes it at the last close; fdatasync on any descriptor flushes the file's
// pages. SQLite keeps no POSIX locks on the WAL file itself (they are on the database and -shm
// files), so closing this descriptor releases none of its locks.
QString flushFile(const QByteArray &path)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        // No WAL: everything was checkpointed into the database file, which SQLite synced
        // when it did so.
        return errno == ENOENT ? QString() : QString::fromLocal8Bit(std::strerror(errno));
    }
    QString error;
    if (::fdatasync(fd) != 0)
        error = QString::fromLocal8Bit(std::strerror(errno));
    ::close(fd);
    return error;
}

} // namespace

StoreFlusher::StoreFlusher(QString databasePath)
    : m_databasePath(std::move(databasePath))
    , m_walPath(m_databasePath + QStringLiteral("-wal"))
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

void StoreFlusher::requestCheckpoint()
{
    {
        std::lock_guard lock(m_mutex);
        m_checkpointWanted = true;
    }
    m_wake.notify_one();
}

StoreFlusher::Stats StoreFlusher::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

bool StoreFlusher::checkpoint(const QString &connection, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(connection, false);
    if (!db.isOpen() && !QFile::exists(m_databasePath))
        return true; // never create the file (the store was moved away or deleted)
    if (!db.isOpen() && !db.open()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery query(db);
    // PASSIVE: copies what no reader still needs, never waits for the GUI thread's connection.
    // Its columns: busy, frames in the WAL, frames in the database file now.
    if (!query.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    const quint64 backfilled = quint64(qMax(0ll, query.value(2).toLongLong()));
    query.finish();
    // Frames copied by this call: more than the last call found, or all of them when the
    // store's connection started the WAL over since.
    const quint64 copied = backfilled >= m_lastBackfill ? backfilled - m_lastBackfill : backfilled;
    m_lastBackfill = backfilled;
    if (copied > 0) {
        std::lock_guard lock(m_mutex);
        ++m_stats.checkpoints;
        m_stats.checkpointedPages += copied;
    }
    return true;
}

void StoreFlusher::loop()
{
    const QByteArray path = m_walPath.toLocal8Bit();
    // This thread's own connection for checkpoints, opened at the first one.
    const QString connection
        = QStringLiteral("studio-store-flusher-%1").arg(flusherCounter.fetchAndAddRelaxed(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(m_databasePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0")); // never wait for a lock
    }
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] {
            return m_stop || m_checkpointWanted || m_stats.flushed < m_stats.requested;
        });
        const bool flush = m_stats.flushed < m_stats.requested;
        const bool stopping = m_stop;
        if (stopping && !flush)
            break; // stopping, nothing left to flush
        const quint64 covered = m_stats.requested;
        m_checkpointWanted = false;
        lock.unlock();

        QString error;
        if (flush) {
            QElapsedTimer timer;
            timer.start();
            error = flushFile(path);
            const qint64 us = timer.nsecsElapsed() / 1000;
            if (!error.isEmpty())
                qCWarning(lcStore) << "could not flush" << m_walPath << error;
            lock.lock();
            m_stats.flushed = covered;
            ++m_stats.flushes;
            m_stats.lastFlushUs = us;
            m_stats.lastError = error;
            lock.unlock();
        }
        // After a flush too: the WAL is synced already, so the checkpoint's own sync of it
        // finds nothing left to write.
        if (!stopping) {
            QElapsedTimer timer;
            timer.start();
            QString checkpointError;
            if (!checkpoint(connection, &checkpointError))
                qCWarning(lcStore) << "could not checkpoint" << m_databasePath << checkpointError;
            const qint64 us = timer.nsecsElapsed() / 1000;
            lock.lock();
            m_stats.lastCheckpointUs = us;
            if (!checkpointError.isEmpty())
                m_stats.lastError = checkpointError;
            lock.unlock();
        }
        lock.lock();
    }
    lock.unlock();
    QSqlDatabase::database(connection, false).close();
    QSqlDatabase::removeDatabase(connection);
}
