// Runs the sidebar's full-text searches on a thread of its own, so typing never waits for
// SQLite (a few ms at 10,000 threads, tens of ms at 100,000). It opens its own Store on the
// app's database file (WAL lets it read while the GUI thread writes) and answers only the
// newest request: a query that was superseded while waiting is skipped.
#pragma once

#include "store/StoreTypes.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>

class ThreadSearcher final : public QObject
{
    Q_OBJECT

public:
    explicit ThreadSearcher(const QString &databasePath, QObject *parent = nullptr);
    ~ThreadSearcher() override; // waits for a query in progress, then closes its Store

    // Supersedes any earlier request; finished() comes for it only. Empty text: warm-up.
    void search(const QString &text, int limit);
    // Drops the pending request (e.g. the search was cleared).
    void cancel();

signals:
    // error is empty on success; the message says what to do otherwise.
    void finished(const QString &text, const QList<SearchHit> &hits, const QString &error);

private:
    struct State;
    QThread m_thread;
    QObject *m_worker = nullptr; // lives in m_thread: the context its jobs run in
    std::shared_ptr<State> m_state;
    quint64 m_generation = 0;
};
