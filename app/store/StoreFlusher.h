// The store's disk work on a background thread, so that the GUI thread never waits for the disk:
// - flushes: the store commits with synchronous=NORMAL (a commit survives kill -9 as soon as it
//   returns) and asks for a flush of the write-ahead log when a step or run ends, so power-loss
//   durability is per step without an fsync (4 ms on a virtual disk) on the GUI thread;
// - checkpoints: copying the WAL back into the database file syncs both files. SQLite does it
//   on the committing connection every 1,000 pages (a 95 ms stall of the window while text
//   streamed in, bench_chat); the store raises that threshold to a safety net and this thread
//   checkpoints (PASSIVE: writers and readers go on) on its own connection after each flush and
//   whenever the store asks, every few hundred commits.
// See DESIGN.md "Storage and secrets".
#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

class StoreFlusher final
{
public:
    // databasePath: the SQLite file (its WAL is databasePath + "-wal"). The thread starts at once.
    explicit StoreFlusher(QString databasePath);
    // Flushes what was requested and not yet flushed, then stops the thread.
    ~StoreFlusher();
    StoreFlusher(const StoreFlusher &) = delete;
    StoreFlusher &operator=(const StoreFlusher &) = delete;

    // Asks for a flush of everything committed so far, then a checkpoint; returns at once.
    // Requests that arrive while a flush runs are covered by one more flush.
    void request();
    // Asks for a checkpoint only (the WAL grew); returns at once.
    void requestCheckpoint();

    struct Stats
    {
        quint64 requested = 0; // request() calls
        quint64 flushed = 0; // requests covered by a finished flush
        quint64 flushes = 0; // fdatasync calls
        qint64 lastFlushUs = 0; // duration of the last one
        QString lastError; // empty, or why the last flush or checkpoint failed
        quint64 checkpoints = 0; // checkpoints that copied pages into the database file
        quint64 checkpointedPages = 0; // WAL frames they copied
        qint64 lastCheckpointUs = 0;
    };
    Stats stats() const;

private:
    void loop();
    // On this thread's own connection; false and *error when SQLite refused.
    bool checkpoint(const QString &connection, QString *error);

    const QString m_databasePath;
    const QString m_walPath;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    Stats m_stats;
    bool m_checkpointWanted = false;
    // This thread only: WAL frames in the database file at the last checkpoint.
    quint64 m_lastBackfill = 0;
    bool m_stop = false;
    std::thread m_thread;
};
