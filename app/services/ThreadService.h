// The one owner of thread rows. The window, the engine and the CLI create, rename, pin, set
// the model of and delete threads here, read them here and search them here (off the GUI
// thread); the service writes the store and says what changed: threadAdded, threadChanged,
// threadRemoved. Qt models map those signals to rows, so no view has to be told by hand.
//
// Changes another process makes to the same database (`agent-studio threads rm ID` while the
// window is open) are announced the same way: once a listener has listed the threads, SQLite's
// data_version is polled (about once a second; it changes only when another connection
// commits) and, when it moved, the threads are read again and compared with what was
// announced.
#pragma once

#include "store/StoreResult.h"
#include "store/StoreTypes.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

class QTimer;
class Store;
class ThreadSearcher;

class ThreadService final : public QObject
{
    Q_OBJECT

public:
    explicit ThreadService(Store &store, QObject *parent = nullptr);
    ~ThreadService() override;

    // Writes. Each is committed before its signal; a failure returns the store's message
    // (what went wrong and what to do) and announces nothing.
    StoreResult<ThreadRecord> create(const QString &title, const QString &model);
    StoreStatus rename(RowId id, const QString &title);
    // The model's title for a thread: set only while the title is still `askedAbout` (the one
    // the model was asked to replace), so a name the user gave meanwhile is kept. True when
    // the title was set.
    StoreResult<bool> setGeneratedTitle(RowId id, const QString &askedAbout, const QString &title);
    StoreStatus setPinned(RowId id, bool pinned);
    StoreStatus setModel(RowId id, const QString &model);
    // A new thread with copies of the source's messages before position beforePosition (a
    // conversation rewind, issue 15); the source stays as it is.
    StoreResult<ThreadRecord> fork(RowId sourceId, int beforePosition, const QString &title);
    // Cuts the conversation short: the messages at positions >= fromPosition and the runs that
    // produced them go (edit-and-resend "replace", retry with another model); the number of
    // messages removed.
    StoreResult<int> truncate(RowId id, int fromPosition);
    // Deletes the thread with its messages and runs; its sandboxes stay, with no owner.
    StoreStatus remove(RowId id);

    // Reads. threads(): pinned first, then most recently updated first.
    StoreResult<ThreadRecord> thread(RowId id) const;
    StoreResult<QList<ThreadRecord>> threads(ThreadFilter filter = ThreadFilter::Active);

    // A write this service did not make changed a thread's row in this process: a run's
    // messages move it up (updated_at). Reads it again and announces it if it differs.
    void reread(RowId id);

    // Full-text search over titles and message text on a worker thread; searchFinished comes
    // for the newest request only.
    void search(const QString &text, int limit);
    void cancelSearch();

    // How often to look for other processes' changes (ms); 0 stops looking. Default 1000.
    void setPollInterval(int milliseconds);
    // Looks now (the timer's job): reads the threads again if another connection committed.
    void checkForOutsideChanges();

signals:
    void threadAdded(const ThreadRecord &thread);
    void threadChanged(const ThreadRecord &thread);
    void threadRemoved(RowId id);
    // error is empty on success; the message says what to do otherwise.
    void searchFinished(const QString &text, const QList<SearchHit> &hits, const QString &error);
    // Other processes' changes could not be read; the message says what to do.
    void errorOccurred(const QString &message);

private:
    void startWatching(qint64 dataVersion, const QList<ThreadRecord> &all);
    void remember(const ThreadRecord &thread);

    Store &m_store;
    ThreadSearcher *m_searcher = nullptr; // made on the first search
    QTimer *m_poll = nullptr;
    int m_pollInterval = 1000;
    // What was announced, to compare other processes' changes with; filled by a listener's
    // first listing (before it, nobody shows threads and there is nothing to announce).
    bool m_watching = false;
    qint64 m_dataVersion = 0;
    QHash<RowId, ThreadRecord> m_known;
    QString m_lastPollError;
};
