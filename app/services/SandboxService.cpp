// SandboxService: the servers' lists joined with the store's owners, merged by id; polling
// with backoff; lifecycle operations with the one "404 means gone" rule.
#include "services/SandboxService.h"

#include "core/Logging.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "sandbox/SandboxWaiter.h"
#include "store/Store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace {

QString key(const QString &provider, const QString &remoteId)
{
    return provider + QLatin1Char('/') + remoteId;
}

QString startOperation()
{
    return QStringLiteral("start");
}

QString stopOperation()
{
    return QStringLiteral("stop");
}

QString deleteOperation()
{
    return QStringLiteral("delete");
}

QString lifecycleOperation()
{
    return QStringLiteral("lifecycle");
}

} // namespace

SandboxService::SandboxService(Store &store, BackendSource backend, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_backend(std::move(backend))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SandboxService::refresh);
}

SandboxService::~SandboxService()
{
    // Cancelling reports through finished(); nothing of this service may hear it any more.
    for (const QPointer<SandboxLister> &lister : std::as_const(m_listers)) {
        if (!lister)
            continue;
        disconnect(lister.data(), nullptr, this, nullptr);
        lister->cancel();
    }
    for (const QPointer<QObject> &operation : std::as_const(m_operations)) {
        if (!operation)
            continue;
        disconnect(operation.data(), nullptr, this, nullptr);
        if (auto *call = qobject_cast<DaytonaCall *>(operation.data()))
            call->cancel();
        else if (auto *waiter = qobject_cast<SandboxWaiter *>(operation.data()))
            waiter->cancel();
    }
    for (const QMetaObject::Connection &connection : std::as_const(m_pollers))
        disconnect(connection);
}

SandboxBackend *SandboxService::backend(QString *error) const
{
    if (!m_backend) {
        *error = tr("This build has no sandbox servers.");
        return nullptr;
    }
    return m_backend(error);
}

QStringList SandboxService::providers() const
{
    QString error;
    SandboxBackend *servers = backend(&error);
    if (!servers)
        return {SandboxBackend::local()};
    QStringList out{servers->defaultProvider()};
    // With Daytona configured, local sandboxes are listed once a run has used them.
    if (servers->hasCloud() && servers->hasLocalServer())
        out.append(SandboxBackend::local());
    return out;
}

QString SandboxService::localWarning() const
{
    QString error;
    const SandboxBackend *servers = backend(&error);
    return servers ? servers->localWarning() : QString();
}

DaytonaClient *SandboxService::client(const QString &provider, QString *error) const
{
    // Building the backend starts nothing yet; the local server starts with its client.
    SandboxBackend *servers = backend(error);
    return servers ? servers->client(provider, error) : nullptr;
}

DaytonaClient *SandboxService::clientFor(const QString &id, QString *error) const
{
    const SandboxEntry *entry = find(id);
    if (!entry) {
        *error = tr("This sandbox is no longer in the list; refresh it (F5).");
        return nullptr;
    }
    return client(entry->provider, error);
}

DaytonaCall *
SandboxService::fileCall(const QString &id, QString *error,
                         const std::function<DaytonaCall *(DaytonaClient &, const Sandbox &)> &make)
{
    DaytonaClient *c = clientFor(id, error);
    return c ? make(*c, find(id)->sandbox) : nullptr;
}

DaytonaCall *SandboxService::homeFolder(const QString &id, QString *error)
{
    return fileCall(id, error, [](DaytonaClient &c, const Sandbox &s) { return c.userHomeDir(s); });
}

DaytonaCall *SandboxService::listFiles(const QString &id, const QString &path, QString *error)
{
    return fileCall(id, error,
                    [&path](DaytonaClient &c, const Sandbox &s) { return c.listFiles(s, path); });
}

DaytonaCall *SandboxService::downloadFile(const QString &id, const QString &path, QString *error)
{
    return fileCall(
        id, error, [&path](DaytonaClient &c, const Sandbox &s) { return c.downloadFile(s, path); });
}

void SandboxService::append(const QString &provider, const Sandbox &sandbox,
                            const QHash<QString, RowId> &ownerOf)
{
    SandboxEntry e;
    e.sandbox = sandbox;
    e.provider = provider;
    fillOwner(e, ownerOf);
    m_entries.append(e);
    emit sandboxAdded(sandbox.id);
}

int SandboxService::indexOf(const QString &id) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).sandbox.id == id)
            return i;
    }
    return -1;
}

const SandboxEntry *SandboxService::find(const QString &id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_entries.at(i);
}

int SandboxService::countOf(const QString &provider) const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [&](const SandboxEntry &e) { return e.provider == provider; }));
}

StoreResult<QList<SandboxRecord>> SandboxService::ownedBy(RowId threadId) const
{
    return m_store.sandboxesForThread(threadId);
}

// --- the list ------------------------------------------------------------------------------

void SandboxService::refresh()
{
    m_timer.stop();
    if (!m_listers.isEmpty()) {
        m_refreshAgain = true;
        return;
    }
    m_listOk = true;
    QString error;
    if (!backend(&error)) {
        DaytonaResult failed;
        failed.error = SandboxError::make(SandboxError::Kind::Configuration, error);
        onListed(SandboxBackend::local(), failed);
        return;
    }
    QList<QPair<QString, DaytonaResult>> failedNow;
    for (const QString &provider : providers()) {
        DaytonaClient *c = client(provider, &error);
        if (!c) {
            DaytonaResult failed;
            failed.error = SandboxError::make(SandboxError::Kind::Configuration, error);
            failedNow.append({provider, failed});
            continue;
        }
        SandboxLister *lister = c->listSandboxes();
        m_listers.insert(provider, lister);
        connect(lister, &SandboxLister::finished, this,
                [this, provider](const DaytonaResult &result) { onListed(provider, result); });
    }
    for (const auto &[provider, failed] : std::as_const(failedNow))
        onListed(provider, failed);
}

void SandboxService::setPollingWanted(QObject *who, bool wanted)
{
    if (!who)
        return;
    if (wanted) {
        if (m_pollers.contains(who))
            return;
        m_pollers.insert(who, connect(who, &QObject::destroyed, this, [this, who] {
                             setPollingWanted(who, false);
                         }));
        refresh(); // whoever starts looking sees the list as it is now
        return;
    }
    const auto it = m_pollers.find(who);
    if (it == m_pollers.end())
        return;
    disconnect(*it);
    m_pollers.erase(it);
    if (m_pollers.isEmpty())
        m_timer.stop();
}

int SandboxService::nextRefreshMs() const
{
    if (m_failures == 0)
        return kRefreshMs;
    // 5, 10, 20, 40, 60 s: a dead server is asked less and less often.
    const int shift = std::min(m_failures - 1, 4);
    return std::min(kRefreshMs << shift, kMaxBackoffMs);
}

void SandboxService::scheduleNext()
{
    if (m_refreshAgain) {
        m_refreshAgain = false;
        QTimer::singleShot(0, this, &SandboxService::refresh);
        return;
    }
    if (isPolling())
        m_timer.start(nextRefreshMs());
}

void SandboxService::onListed(const QString &provider, const DaytonaResult &result)
{
    m_listers.remove(provider);
    if (result.ok()) {
        m_loaded = true;
        merge(provider, result.sandboxes);
    } else {
        m_listOk = false;
        m_lastError = result.error.message;
        qCWarning(lcSandbox) << "sandbox list of" << provider << "failed:" << result.error.message;
    }
    if (!m_listers.isEmpty())
        return; // the other provider's list is still on its way
    if (m_listOk) {
        m_failures = 0;
        m_lastError.clear();
    } else {
        ++m_failures;
    }
    scheduleNext();
    emit refreshed(m_listOk);
}

QHash<QString, RowId> SandboxService::owners()
{
    QHash<QString, RowId> out;
    if (const auto records = m_store.listSandboxes()) {
        for (const SandboxRecord &record : *records)
            out.insert(key(record.provider, record.remoteId), record.threadId);
    } else {
        qCWarning(lcSandbox) << "sandbox owners unavailable:" << records.error();
    }
    return out;
}

void SandboxService::fillOwner(SandboxEntry &entry, const QHash<QString, RowId> &owners)
{
    entry.threadId = owners.value(key(entry.provider, entry.sandbox.id), 0);
    if (entry.threadId == 0) {
        entry.threadTitle.clear();
        return;
    }
    auto cached = m_threadTitles.constFind(entry.threadId);
    if (cached == m_threadTitles.cend()) {
        const auto thread = m_store.thread(entry.threadId);
        cached = m_threadTitles.insert(entry.threadId, thread ? thread->title : QString());
    }
    entry.threadTitle = *cached;
}

void SandboxService::merge(const QString &provider, const QList<Sandbox> &sandboxes)
{
    // Owners from the store; titles are read again each time (threads get renamed).
    const QHash<QString, RowId> ownerOf = owners();
    m_threadTitles.clear();

    QHash<QString, int> incoming;
    QList<Sandbox> fresh;
    for (const Sandbox &s : sandboxes) {
        if (s.state == QLatin1String("destroyed") || m_deleted.contains(key(provider, s.id)))
            continue;
        incoming.insert(s.id, int(fresh.size()));
        fresh.append(s);
    }
    // Ids deleted here that the server no longer lists need no more hiding.
    for (auto it = m_deleted.begin(); it != m_deleted.end();) {
        if (it->startsWith(provider + QLatin1Char('/'))
            && std::none_of(sandboxes.cbegin(), sandboxes.cend(),
                            [&](const Sandbox &s) { return key(provider, s.id) == *it; }))
            it = m_deleted.erase(it);
        else
            ++it;
    }

    // Gone from this provider's server (deleted behind the app's back): removed. The store's
    // record of an owner stays until the app deletes it or the thread goes; a server that
    // lost it (a restart) is not proof enough to forget who made it.
    for (int i = int(m_entries.size()) - 1; i >= 0; --i) {
        const SandboxEntry &e = m_entries.at(i);
        if (e.provider != provider || incoming.contains(e.sandbox.id))
            continue;
        const QString id = e.sandbox.id;
        m_entries.removeAt(i);
        emit sandboxRemoved(id);
    }

    // Still there: updated in place.
    QSet<QString> known;
    for (int i = 0; i < m_entries.size(); ++i) {
        SandboxEntry &e = m_entries[i];
        if (e.provider != provider)
            continue;
        known.insert(e.sandbox.id);
        const Sandbox &s = fresh.at(incoming.value(e.sandbox.id));
        const RowId oldThread = e.threadId;
        const QString oldTitle = e.threadTitle;
        const QJsonObject before = e.sandbox.toJson();
        e.sandbox = s;
        fillOwner(e, ownerOf);
        if (before != s.toJson() || oldThread != e.threadId || oldTitle != e.threadTitle)
            emit sandboxChanged(s.id);
    }

    // New: appended, in the server's order.
    for (const Sandbox &s : std::as_const(fresh)) {
        if (known.contains(s.id))
            continue;
        append(provider, s, ownerOf);
    }
}

// --- operations ----------------------------------------------------------------------------

void SandboxService::track(QObject *operation)
{
    m_operations.removeIf([](const QPointer<QObject> &done) { return done.isNull(); });
    m_operations.append(operation);
}

bool SandboxService::beginOperation(const QString &id, const QString &operation,
                                    DaytonaClient *client, const QString &clientError)
{
    if (!client) {
        emit operationFinished(id, operation, clientError);
        return false;
    }
    if (isBusy(id)) {
        emit operationFinished(id, operation,
                               tr("Another operation on this sandbox is still running."));
        return false;
    }
    m_running.insert(id, operation);
    emit operationStarted(id, operation);
    return true;
}

void SandboxService::endOperation(const QString &id, const QString &operation, const QString &error)
{
    m_running.remove(id);
    emit operationFinished(id, operation, error);
}

void SandboxService::updateSandbox(const QString &id, const Sandbox &sandbox)
{
    const int i = indexOf(id);
    if (i < 0 || !sandbox.isValid() || sandbox.id != id)
        return;
    SandboxEntry &e = m_entries[i];
    if (e.sandbox.toJson() == sandbox.toJson())
        return;
    e.sandbox = sandbox;
    emit sandboxChanged(id);
}

void SandboxService::startSandbox(const QString &id)
{
    lifecycle(id, startOperation());
}

void SandboxService::stopSandbox(const QString &id)
{
    lifecycle(id, stopOperation());
}

void SandboxService::lifecycle(const QString &id, const QString &operation)
{
    QString error;
    DaytonaClient *c = clientFor(id, &error);
    if (!beginOperation(id, operation, c, error))
        return;
    const QString provider = find(id)->provider;
    SandboxWaiter *waiter
        = operation == startOperation() ? c->startAndWait(id) : c->stopAndWait(id);
    track(waiter);
    connect(waiter, &SandboxWaiter::finished, this,
            [this, id, operation, provider](const DaytonaResult &result) {
                if (result.error.kind == SandboxError::Kind::NotFound) {
                    // Deleted behind the app's back: gone.
                    m_running.remove(id);
                    QString ignored;
                    forget(provider, id, &ignored);
                    emit operationFinished(id, operation, tr("It no longer exists on its server."));
                    return;
                }
                m_running.remove(id);
                updateSandbox(id, result.sandbox);
                emit operationFinished(id, operation,
                                       result.ok() ? QString() : result.error.message);
            });
}

void SandboxService::setLifecycle(const QString &id, int autoStopMinutes, int autoDeleteMinutes)
{
    QString error;
    DaytonaClient *c = clientFor(id, &error);
    if (!beginOperation(id, lifecycleOperation(), c, error))
        return;
    // Two calls, one after the other: each answers with the sandbox as it is then.
    DaytonaCall *stop = c->setAutoStopInterval(id, qMax(0, autoStopMinutes));
    track(stop);
    connect(stop, &DaytonaCall::finished, this,
            [this, c, id, autoDeleteMinutes](const DaytonaResult &r) {
                if (!r.ok()) {
                    endOperation(id, lifecycleOperation(), r.error.message);
                    return;
                }
                updateSandbox(id, Sandbox::fromJson(r.json().object()));
                DaytonaCall *remove = c->setAutoDeleteInterval(id, qMax(-1, autoDeleteMinutes));
                track(remove);
                connect(remove, &DaytonaCall::finished, this, [this, id](const DaytonaResult &d) {
                    if (d.ok())
                        updateSandbox(id, Sandbox::fromJson(d.json().object()));
                    endOperation(id, lifecycleOperation(), d.ok() ? QString() : d.error.message);
                });
            });
}

void SandboxService::keepAlive(const QString &provider, const QString &id)
{
    QString error;
    SandboxBackend *servers = backend(&error);
    DaytonaClient *c = servers
        ? servers->client(provider.isEmpty() ? servers->defaultProvider() : provider, &error)
        : nullptr;
    if (!c) {
        qCDebug(lcSandbox) << "no keep-alive for" << id << ":" << error;
        return;
    }
    DaytonaCall *call = c->updateLastActivity(id);
    track(call);
    connect(call, &DaytonaCall::finished, this, [id](const DaytonaResult &r) {
        if (!r.ok())
            qCDebug(lcSandbox) << "keep-alive of" << id << "failed:" << r.error.message;
    });
}

void SandboxService::deleteSandbox(const QString &id, const QString &provider)
{
    const SandboxEntry *entry = find(id);
    const QString at = !provider.isEmpty() ? provider : entry ? entry->provider : QString();
    QString error;
    DaytonaClient *c = nullptr;
    if (at.isEmpty())
        error = tr("This sandbox is no longer in the list; refresh it (F5).");
    else
        c = client(at, &error);
    if (!beginOperation(id, deleteOperation(), c, error))
        return;
    DaytonaCall *call = c->deleteSandbox(id);
    track(call);
    connect(call, &DaytonaCall::finished, this, [this, id, at](const DaytonaResult &result) {
        // 404: someone else deleted it first; either way it is gone.
        const bool gone = result.ok() || result.error.kind == SandboxError::Kind::NotFound;
        if (!gone) {
            endOperation(id, deleteOperation(), result.error.message);
            return;
        }
        m_running.remove(id);
        QString storeError;
        forget(at, id, &storeError);
        emit operationFinished(id, deleteOperation(),
                               storeError.isEmpty()
                                   ? QString()
                                   : tr("it is gone from its server, but the app's records "
                                        "could not forget it: %1")
                                         .arg(storeError));
    });
}

void SandboxService::forget(const QString &provider, const QString &id, QString *error)
{
    // A list that started before the delete may still hold it.
    m_deleted.insert(key(provider, id));
    // Not every sandbox has a record (one made outside the app has none): nothing to forget.
    const auto records = m_store.listSandboxes();
    const bool recorded
        = records && std::any_of(records->cbegin(), records->cend(), [&](const SandboxRecord &r) {
              return r.provider == provider && r.remoteId == id;
          });
    StoreStatus status = records ? StoreStatus() : StoreStatus::from(records);
    if (recorded)
        status = m_store.deleteSandbox(provider, id);
    if (!status) {
        qCWarning(lcSandbox) << "could not forget sandbox" << id << status.error();
        *error = status.error();
    }
    const int i = indexOf(id);
    if (i >= 0 && m_entries.at(i).provider == provider) {
        m_entries.removeAt(i);
        emit sandboxRemoved(id);
    }
}

void SandboxService::requestPreviewUrl(const QString &id, int port)
{
    QString error;
    DaytonaClient *c = clientFor(id, &error);
    if (!c) {
        emit previewUrlReady(id, port, QUrl(), error);
        return;
    }
    // A signed URL first (no token in it that outlives the link); servers without signed
    // previews answer 404, then the preview URL with its token.
    DaytonaCall *call = c->signedPreviewUrl(id, port, PreviewLink::kSignedSeconds);
    track(call);
    QPointer<DaytonaClient> client(c);
    connect(call, &DaytonaCall::finished, this, [this, id, port, client](const DaytonaResult &r) {
        if (r.httpStatus == 404 && client) {
            DaytonaCall *plain = client->previewUrl(id, port);
            track(plain);
            connect(plain, &DaytonaCall::finished, this, [this, id, port](const DaytonaResult &p) {
                answerPreview(id, port, p, false);
            });
            return;
        }
        answerPreview(id, port, r, true);
    });
}

void SandboxService::answerPreview(const QString &id, int port, const DaytonaResult &r,
                                   bool isSigned)
{
    if (!r.ok()) {
        emit previewUrlReady(id, port, QUrl(), r.error.message);
        return;
    }
    const QUrl url = PreviewLink::openableUrl(r.body, isSigned);
    if (url.isEmpty()) {
        emit previewUrlReady(id, port, QUrl(), tr("the sandbox server sent no usable preview URL"));
        return;
    }
    emit previewUrlReady(id, port, url, QString());
}

// --- the agent's records -------------------------------------------------------------------

void SandboxService::recordCreated(const QString &provider, const Sandbox &sandbox, RowId threadId)
{
    if (!sandbox.isValid())
        return;
    SandboxRecord record;
    record.provider = provider;
    record.remoteId = sandbox.id;
    record.name = sandbox.name;
    record.language = sandbox.language();
    record.state = sandbox.state;
    record.threadId = threadId;
    for (auto it = sandbox.labels.cbegin(); it != sandbox.labels.cend(); ++it)
        record.labels.insert(it.key(), it.value());
    if (const auto saved = m_store.upsertSandbox(record); !saved)
        qCWarning(lcSandbox) << "could not record sandbox" << sandbox.id << saved.error();

    // Shown at once in a list that has been read; otherwise the next refresh brings it.
    if (!m_loaded || !providers().contains(provider))
        return;
    QHash<QString, RowId> ownerOf;
    ownerOf.insert(key(provider, sandbox.id), threadId);
    m_threadTitles.remove(threadId);
    const int i = indexOf(sandbox.id);
    if (i >= 0) {
        SandboxEntry &e = m_entries[i];
        e.sandbox = sandbox;
        fillOwner(e, ownerOf);
        emit sandboxChanged(sandbox.id);
        return;
    }
    append(provider, sandbox, ownerOf);
}

bool SandboxService::attachToThread(const QString &id, RowId threadId, QString *error)
{
    const SandboxEntry *entry = find(id);
    if (!entry || threadId <= 0) {
        *error = QStringLiteral("sandbox %1 is not in the list any more; refresh the list and "
                                "try again")
                     .arg(id);
        return false;
    }
    const SandboxEntry copy = *entry; // recordCreated replaces the entry
    recordCreated(copy.provider, copy.sandbox, threadId);
    return true;
}

void SandboxService::recordDeleted(const QString &provider, const QString &id)
{
    QString ignored; // logged; the agent's run goes on
    forget(provider, id, &ignored);
}
