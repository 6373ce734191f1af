// ThreadSearcher: full-text search on a worker thread with its own Store.
#include "ThreadSearcher.h"

#include "store/Store.h"

#include <atomic>

struct ThreadSearcher::State
{
    QString path;
    std::atomic<quint64> latest{0};
    std::unique_ptr<Store> store; // touched only on the worker thread
    QString openError;
};

ThreadSearcher::ThreadSearcher(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
    , m_state(std::make_shared<State>())
{
    m_state->path = databasePath;
    m_thread.setObjectName(QStringLiteral("threadSearch"));
    m_worker->moveToThread(&m_thread);
    // Runs on the worker thread as it ends: the Store must close where it was opened.
    connect(
        &m_thread, &QThread::finished, m_worker,
        [state = m_state, worker = m_worker] {
            state->store.reset();
            delete worker;
        },
        Qt::DirectConnection);
    m_thread.start();
}

ThreadSearcher::~ThreadSearcher()
{
    m_state->latest.store(0);
    m_thread.quit();
    m_thread.wait();
}

void ThreadSearcher::cancel()
{
    m_state->latest.store(++m_generation);
}

void ThreadSearcher::search(const QString &text, int limit)
{
    if (text.trimmed().isEmpty()) {
        // A warm-up (the search field got focus): open the Store now, so the first keystroke
        // does not wait for its integrity check (seconds at 100,000 threads). No answer, and
        // a pending search stays the newest.
        QMetaObject::invokeMethod(
            m_worker,
            [state = m_state] {
                if (!state->store && state->openError.isEmpty()) {
                    auto store = std::make_unique<Store>();
                    store->setRecoverOnOpen(false);
                    if (StoreStatus status = store->open(state->path); status)
                        state->store = std::move(store);
                    else
                        state->openError = status.error();
                }
            },
            Qt::QueuedConnection);
        return;
    }
    const quint64 generation = ++m_generation;
    m_state->latest.store(generation);
    QMetaObject::invokeMethod(
        m_worker,
        [this, state = m_state, generation, text, limit] {
            if (state->latest.load() != generation)
                return; // a newer keystroke already asked again
            if (!state->store && state->openError.isEmpty()) {
                auto store = std::make_unique<Store>();
                store->setRecoverOnOpen(false); // recovery is the GUI thread's Store's job
                if (StoreStatus status = store->open(state->path); status)
                    state->store = std::move(store);
                else
                    state->openError = status.error();
            }
            QList<SearchHit> hits;
            QString error = state->openError;
            if (state->store) {
                auto result = state->store->search(text, limit);
                if (result)
                    hits = std::move(result).value();
                else
                    error = result.error();
            }
            // `this` outlives the job: the destructor waits for the thread.
            QMetaObject::invokeMethod(
                this,
                [this, generation, text, hits, error] {
                    if (generation == m_generation)
                        emit finished(text, hits, error);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}
