// ThreadService: thread rows written, read and announced in one place; see the header.
#include "ThreadService.h"

#include "core/Logging.h"
#include "services/ThreadSearcher.h"
#include "store/Store.h"

#include <QMetaMethod>
#include <QTimer>

namespace {

bool sameRecord(const ThreadRecord &a, const ThreadRecord &b)
{
    return a.id == b.id && a.uuid == b.uuid && a.title == b.title && a.model == b.model
        && a.createdAt == b.createdAt && a.updatedAt == b.updatedAt && a.pinned == b.pinned
        && a.archived == b.archived;
}

} // namespace

ThreadService::ThreadService(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_poll(new QTimer(this))
{
    connect(m_poll, &QTimer::timeout, this, &ThreadService::checkForOutsideChanges);
}

ThreadService::~ThreadService() = default;

StoreResult<ThreadRecord> ThreadService::create(const QString &title, const QString &model)
{
    auto created = m_store.createThread(title, model);
    if (created) {
        remember(*created);
        emit threadAdded(*created);
    }
    return created;
}

StoreResult<ThreadRecord> ThreadService::fork(RowId sourceId, int beforePosition,
                                              const QString &title)
{
    auto created = m_store.forkThread(sourceId, beforePosition, title);
    if (created) {
        remember(*created);
        emit threadAdded(*created);
    }
    return created;
}

StoreResult<int> ThreadService::truncate(RowId id, int fromPosition)
{
    auto removed = m_store.truncateThread(id, fromPosition);
    if (removed)
        reread(id);
    return removed;
}

StoreStatus ThreadService::rename(RowId id, const QString &title)
{
    StoreStatus status = m_store.renameThread(id, title);
    if (status)
        reread(id);
    return status;
}

StoreResult<bool> ThreadService::setGeneratedTitle(RowId id, const QString &askedAbout,
                                                   const QString &title)
{
    // Both steps run on this thread before anything else in this process can rename.
    const auto now = m_store.thread(id);
    if (!now)
        return StoreResult<bool>::failure(now.error());
    if (title.isEmpty() || now->title != askedAbout)
        return false;
    if (StoreStatus status = rename(id, title); !status)
        return StoreResult<bool>::failure(status.error());
    return true;
}

StoreStatus ThreadService::setPinned(RowId id, bool pinned)
{
    StoreStatus status = m_store.setThreadPinned(id, pinned);
    if (status)
        reread(id);
    return status;
}

StoreStatus ThreadService::setModel(RowId id, const QString &model)
{
    StoreStatus status = m_store.setThreadModel(id, model);
    if (status)
        reread(id);
    return status;
}

StoreStatus ThreadService::remove(RowId id)
{
    StoreStatus status = m_store.deleteThread(id);
    if (status) {
        m_known.remove(id);
        emit threadRemoved(id);
    }
    return status;
}

StoreResult<ThreadRecord> ThreadService::thread(RowId id) const
{
    return m_store.thread(id);
}

StoreResult<QList<ThreadRecord>> ThreadService::threads(ThreadFilter filter)
{
    // The first listing for someone who listens is also the baseline that other processes'
    // changes are compared with (a CLI command that only lists watches nothing). The version
    // is read first, so that a commit made while the threads are read is seen again (and
    // found equal) rather than missed.
    if (m_watching || !isSignalConnected(QMetaMethod::fromSignal(&ThreadService::threadRemoved)))
        return m_store.listThreads(filter);
    const auto version = m_store.dataVersion();
    auto all = m_store.listThreads(ThreadFilter::All);
    if (!all)
        return all;
    if (version)
        startWatching(*version, *all);
    if (filter == ThreadFilter::All)
        return all;
    QList<ThreadRecord> shown;
    shown.reserve(all->size());
    for (const ThreadRecord &thread : std::as_const(*all)) {
        if (thread.archived == (filter == ThreadFilter::Archived))
            shown << thread;
    }
    return shown;
}

void ThreadService::reread(RowId id)
{
    const auto thread = m_store.thread(id);
    if (!thread) {
        qCWarning(lcStore).noquote() << "could not read thread" << id << "-" << thread.error();
        return;
    }
    if (m_watching) {
        const auto it = m_known.constFind(id);
        if (it != m_known.constEnd() && sameRecord(*it, *thread))
            return;
    }
    remember(*thread);
    emit threadChanged(*thread);
}

void ThreadService::remember(const ThreadRecord &thread)
{
    if (m_watching)
        m_known.insert(thread.id, thread);
}

void ThreadService::startWatching(qint64 dataVersion, const QList<ThreadRecord> &all)
{
    m_dataVersion = dataVersion;
    m_known.clear();
    m_known.reserve(all.size());
    for (const ThreadRecord &thread : all)
        m_known.insert(thread.id, thread);
    m_watching = true;
    if (m_pollInterval > 0)
        m_poll->start(m_pollInterval);
}

void ThreadService::setPollInterval(int milliseconds)
{
    m_pollInterval = milliseconds;
    if (!m_watching)
        return;
    if (milliseconds > 0)
        m_poll->start(milliseconds);
    else
        m_poll->stop();
}

void ThreadService::checkForOutsideChanges()
{
    if (!m_watching)
        return;
    const auto fail = [this](const QString &error) {
        if (error == m_lastPollError)
            return; // once, not every second
        m_lastPollError = error;
        emit errorOccurred(
            tr("Changes another Agent Studio process made could not be read: %1").arg(error));
    };
    const auto version = m_store.dataVersion();
    if (!version)
        return fail(version.error());
    if (*version == m_dataVersion)
        return;
    auto all = m_store.listThreads(ThreadFilter::All);
    if (!all)
        return fail(all.error()); // the version stays: the next tick tries again
    m_lastPollError.clear();
    m_dataVersion = *version;

    QHash<RowId, ThreadRecord> now;
    now.reserve(all->size());
    QList<ThreadRecord> added;
    QList<ThreadRecord> changed;
    for (const ThreadRecord &thread : std::as_const(*all)) {
        now.insert(thread.id, thread);
        const auto it = m_known.constFind(thread.id);
        if (it == m_known.constEnd())
            added << thread;
        else if (!sameRecord(*it, thread))
            changed << thread;
    }
    QList<RowId> removed;
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it) {
        if (!now.contains(it.key()))
            removed << it.key();
    }
    // The new state first: a listener that asks back sees what it is told about.
    m_known = std::move(now);
    if (!removed.isEmpty() || !added.isEmpty() || !changed.isEmpty())
        qCDebug(lcStore) << "threads changed outside:" << removed.size() << "removed,"
                         << added.size() << "added," << changed.size() << "changed";
    for (const RowId id : std::as_const(removed))
        emit threadRemoved(id);
    for (const ThreadRecord &thread : std::as_const(added))
        emit threadAdded(thread);
    for (const ThreadRecord &thread : std::as_const(changed))
        emit threadChanged(thread);
}

void ThreadService::search(const QString &text, int limit)
{
    if (!m_searcher) {
        m_searcher = new ThreadSearcher(m_store.path(), this);
        connect(m_searcher, &ThreadSearcher::finished, this, &ThreadService::searchFinished);
    }
    m_searcher->search(text, limit);
}

void ThreadService::cancelSearch()
{
    if (m_searcher)
        m_searcher->cancel();
}
