// Flushes the store's write-ahead log to disk on a background thread, at step boundaries:
// the store commits with synchronous=NORMAL (a commit survives kill -9 as soon as it returns)
// and asks for a flush when a step or run ends, so power-loss durability is per step without
// an fsync (4 ms on a virtual disk) on the GUI thread. See DESIGN.md "Storage and secrets".
#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

class StoreFlusher final
{
public:
    // walPath: the database's "-wal" file. The thread starts at once.
    explicit StoreFlusher(QString walPath);
    // Flushes what was requested and not yet flushed, then stops the thread.
    ~StoreFlusher();
    StoreFlusher(const StoreFlusher &) = delete;
    StoreFlusher &operator=(const StoreFlusher &) = delete;

    // Asks for a flush of everything committed so far; returns at once. Requests that arrive
    // while a flush runs are covered by one more flush.
    void request();

    struct Stats
    {
        quint64 requested = 0; // request() calls
        quint64 flushed = 0; // requests covered by a finished flush
        quint64 flushes = 0; // fdatasync calls
        qint64 lastFlushUs = 0; // duration of the last one
        QString lastError; // empty, or why the last flush failed
    };
    Stats stats() const;

private:
    void loop();

    const QString m_walPath;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    Stats m_stats;
    bool m_stop = false;
    std::thread m_thread;
};
