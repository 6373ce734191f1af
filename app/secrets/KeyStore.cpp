#include "KeyStore.h"

#include "core/Logging.h"

#include <QPointer>
#include <QUuid>

#include <qt6keychain/keychain.h>

namespace {

const auto kInMemoryForThisRun = QLatin1String(
    " Until then, keys are kept in memory for this run only and are lost when Agent Studio "
    "quits.");

const char *errorName(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return "NoError";
    case QKeychain::EntryNotFound:
        return "EntryNotFound";
    case QKeychain::CouldNotDeleteEntry:
        return "CouldNotDeleteEntry";
    case QKeychain::AccessDeniedByUser:
        return "AccessDeniedByUser";
    case QKeychain::AccessDenied:
        return "AccessDenied";
    case QKeychain::NoBackendAvailable:
        return "NoBackendAvailable";
    case QKeychain::NotImplemented:
        return "NotImplemented";
    case QKeychain::OtherError:
        break;
    }
    return "OtherError";
}

// Which keychain QtKeychain talks to here, in the words a user can look up.
QString backendName()
{
    const QString forced = qEnvironmentVariable("QTKEYCHAIN_BACKEND");
    if (!forced.isEmpty())
        return QStringLiteral("QTKEYCHAIN_BACKEND=%1").arg(forced);
    if (qEnvironmentVariable("XDG_CURRENT_DESKTOP").contains(QLatin1String("KDE")))
        return QStringLiteral("KWallet or Secret Service, org.freedesktop.secrets");
    return QStringLiteral("Secret Service, org.freedesktop.secrets");
}

// What is missing and how to get it, from QtKeychain's error (0.13.2 reports almost every
// Secret Service failure as OtherError, so the text is all there is to go on).
QString missingService(QKeychain::Error error, const QString &errorString)
{
    if (error == QKeychain::AccessDenied || error == QKeychain::AccessDeniedByUser)
        return QStringLiteral("The keychain is locked or refused access: unlock it (log in to "
                              "your desktop session or open your keyring manager) and try again.");
    QString text;
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        text = QStringLiteral("There is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not "
                              "set), so no keychain service can be reached.");
    else if (errorString.contains(QLatin1String("/org/freedesktop/secrets/collection/login")))
        text = QStringLiteral("The Secret Service (gnome-keyring) is running but has no unlocked "
                              "login keyring, and it cannot ask for a password here (no display). "
                              "Log in through a desktop session, or create and unlock it with "
                              "'gnome-keyring-daemon --replace --unlock' (reads the password "
                              "from stdin).");
    else if (error == QKeychain::NoBackendAvailable)
        text = QStringLiteral("No keychain service (KWallet or the Secret Service) is running on "
                              "the session bus.");
    else
        text = QStringLiteral("No working Secret Service (org.freedesktop.secrets) is available "
                              "on the session bus.");
    return text
        + QStringLiteral(" To keep API keys in the OS keychain, install and start gnome-keyring, "
                         "KWallet >= 5.97 or KeePassXC's Secret Service, or set "
                         "QTKEYCHAIN_BACKEND.");
}

// Jobs have no parent: the libsecret backend keeps a pointer to its job until the D-Bus call
// answers, so a job must outlive a KeyStore destroyed meanwhile (it deletes itself when done;
// the connections use the store as context, so nothing reaches a destroyed store).
template<typename JobType>
JobType *newJob(const QString &service, const QString &account, QObject *)
{
    auto *job = new JobType(service, nullptr);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext settings file
    job->setKey(account);
    return job;
}

} // namespace

KeyStore::KeyStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

KeyStore::~KeyStore() = default;

QString KeyStore::probeAccount()
{
    return QStringLiteral("agent-studio-availability-probe");
}

void KeyStore::deliver(QObject *context, Callback done, KeyStoreResult result)
{
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    // Always later, never from inside the call: callers can rely on one order of events.
    QMetaObject::invokeMethod(
        this,
        [guard, hasContext, done = std::move(done), result = std::move(result)] {
            if (hasContext && !guard)
                return;
            if (done)
                done(result);
        },
        Qt::QueuedConnection);
}

void KeyStore::setAvailability(Availability availability)
{
    if (availability != Availability::Unavailable) {
        m_unavailableReason.clear();
        m_unavailableFailure.clear();
    }
    if (m_availability == availability)
        return;
    m_availability = availability;
    emit availabilityChanged(availability);
}

QString KeyStore::failureMessage(Operation operation, const QString &account,
                                 QKeychain::Job *job) const
{
    const QString entry = account == probeAccount() ? QStringLiteral("a test entry")
                                                    : QStringLiteral("the %1 key").arg(account);
    QString what;
    switch (operation) {
    case Operation::Read:
        what = QStringLiteral("read %1 from").arg(entry);
        break;
    case Operation::Write:
        what = QStringLiteral("store %1 in").arg(entry);
        break;
    case Operation::Delete:
        what = QStringLiteral("delete %1 from").arg(entry);
        break;
    }
    return QStringLiteral("Could not %1 the OS keychain (backend: %2): %3 [QtKeychain %4]. %5")
        .arg(what, backendName(), job->errorString(), QString::fromLatin1(errorName(job->error())),
             missingService(job->error(), job->errorString()));
}

void KeyStore::markUnavailable(Operation operation, const QString &account, QKeychain::Job *job)
{
    // Jobs started together fail together: the first one tells the story.
    if (m_availability == Availability::Unavailable)
        return;
    qCWarning(lcSecrets).noquote()
        << "keychain unavailable for service" << m_service << "account" << account << ":"
        << errorName(job->error()) << job->errorString();
    m_unavailableFailure = failureMessage(operation, account, job);
    m_unavailableReason = m_unavailableFailure + kInMemoryForThisRun;
    setAvailability(Availability::Unavailable);
}

void KeyStore::read(const QString &account, QObject *context, Callback done)
{
    KeyStoreResult result;
    result.account = account;
    // A key entered while the keychain was missing is the newest one this run has.
    if (const auto it = m_sessionKeys.constFind(account); it != m_sessionKeys.cend()) {
        result.status = KeyStoreResult::Status::Ok;
        result.location = KeyStoreResult::Location::SessionMemory;
        result.value = *it;
        result.message = m_unavailableReason;
        deliver(context, std::move(done), std::move(result));
        return;
    }
    if (m_availability == Availability::Unavailable) {
        result.message = m_unavailableReason;
        deliver(context, std::move(done), std::move(result));
        return;
    }
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, account, this);
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    connect(job, &QKeychain::Job::finished, this,
            [this, job, account, guard, hasContext, done = std::move(done)] {
                KeyStoreResult result;
                result.account = account;
                if (job->error() == QKeychain::NoError) {
                    result.status = KeyStoreResult::Status::Ok;
                    result.location = KeyStoreResult::Location::Keychain;
                    result.value = job->textData();
                } else if (job->error() == QKeychain::EntryNotFound) {
                    result.status = KeyStoreResult::Status::NotFound;
                    result.location = KeyStoreResult::Location::Keychain;
                } else {
                    result.message = failureMessage(Operation::Read, account, job);
                    markUnavailable(Operation::Read, account, job);
                }
                if ((!hasContext || guard) && done)
                    done(result);
            });
    job->start();
}

void KeyStore::write(const QString &account, const QString &value, QObject *context, Callback done,
                     Fallback fallback)
{
    const auto keepInMemory = [this, account, value, fallback](const QString &failure) {
        KeyStoreResult result;
        result.account = account;
        result.message = failure;
        if (fallback == Fallback::NoFallback)
            return result;
        result.message += kInMemoryForThisRun;
        m_sessionKeys.insert(account, value);
        result.status = KeyStoreResult::Status::Ok;
        result.location = KeyStoreResult::Location::SessionMemory;
        emit keyChanged(account);
        return result;
    };
    if (m_availability == Availability::Unavailable) {
        deliver(context, std::move(done), keepInMemory(m_unavailableFailure));
        return;
    }
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, account, this);
    job->setTextData(value);
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    connect(job, &QKeychain::Job::finished, this,
            [this, job, account, guard, hasContext, keepInMemory, done = std::move(done)] {
                KeyStoreResult result;
                if (job->error() == QKeychain::NoError) {
                    m_sessionKeys.remove(account);
                    result.account = account;
                    result.status = KeyStoreResult::Status::Ok;
                    result.location = KeyStoreResult::Location::Keychain;
                    qCDebug(lcSecrets) << "stored the key for" << account << "in the keychain";
                    // A stored key proves the keychain works as well as a probe does (a read
                    // alone does not: a headless gnome-keyring reads "not found" but cannot write).
                    if (m_availability == Availability::Unknown)
                        setAvailability(Availability::Available);
                    emit keyChanged(account);
                } else {
                    markUnavailable(Operation::Write, account, job);
                    result = keepInMemory(failureMessage(Operation::Write, account, job));
                }
                if ((!hasContext || guard) && done)
                    done(result);
            });
    job->start();
}

void KeyStore::remove(const QString &account, QObject *context, Callback done)
{
    const bool hadSessionKey = m_sessionKeys.remove(account) > 0;
    if (hadSessionKey)
        emit keyChanged(account);
    KeyStoreResult result;
    result.account = account;
    if (m_availability == Availability::Unavailable) {
        if (hadSessionKey) {
            result.status = KeyStoreResult::Status::Ok;
            result.location = KeyStoreResult::Location::SessionMemory;
        }
        result.message = m_unavailableReason;
        deliver(context, std::move(done), std::move(result));
        return;
    }
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    const auto answer = [this, account, hadSessionKey, guard, hasContext,
                         done = std::move(done)](QKeychain::Job *job) {
        KeyStoreResult result;
        result.account = account;
        if (job->error() == QKeychain::NoError) {
            result.status = KeyStoreResult::Status::Ok;
            result.location = KeyStoreResult::Location::Keychain;
            emit keyChanged(account);
        } else if (job->error() == QKeychain::EntryNotFound) {
            result.status
                = hadSessionKey ? KeyStoreResult::Status::Ok : KeyStoreResult::Status::NotFound;
            result.location = hadSessionKey ? KeyStoreResult::Location::SessionMemory
                                            : KeyStoreResult::Location::Keychain;
        } else {
            result.message = failureMessage(Operation::Delete, account, job);
            markUnavailable(Operation::Delete, account, job);
            if (hadSessionKey) {
                result.status = KeyStoreResult::Status::Ok;
                result.location = KeyStoreResult::Location::SessionMemory;
            }
        }
        if ((!hasContext || guard) && done)
            done(result);
    };
    // libsecret reports success when asked to delete an entry that is not there, so look
    // first: the caller learns whether there was a key to delete.
    auto *lookup = newJob<QKeychain::ReadPasswordJob>(m_service, account, this);
    connect(lookup, &QKeychain::Job::finished, this, [this, lookup, account, answer] {
        if (lookup->error() != QKeychain::NoError)
            return answer(lookup);
        auto *job = newJob<QKeychain::DeletePasswordJob>(m_service, account, this);
        connect(job, &QKeychain::Job::finished, this, [job, answer] { answer(job); });
        job->start();
    });
    lookup->start();
}

void KeyStore::probe()
{
    if (m_availability == Availability::Probing)
        return;
    setAvailability(Availability::Probing);
    m_probeValue = QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

    auto *write = newJob<QKeychain::WritePasswordJob>(m_service, probeAccount(), this);
    write->setTextData(m_probeValue);
    connect(write, &QKeychain::Job::finished, this, [this, write] {
        if (write->error() != QKeychain::NoError)
            return probeFailed(write, Operation::Write);
        auto *read = newJob<QKeychain::ReadPasswordJob>(m_service, probeAccount(), this);
        connect(read, &QKeychain::Job::finished, this, [this, read] {
            if (read->error() != QKeychain::NoError)
                return probeFailed(read, Operation::Read);
            if (read->textData() != m_probeValue) {
                qCWarning(lcSecrets) << "keychain probe read back a different value";
                m_unavailableFailure
                    = QStringLiteral("The OS keychain (backend: %1) returned a different value "
                                     "than was just stored in it, so it cannot be trusted with "
                                     "API keys.")
                          .arg(backendName());
                m_unavailableReason = m_unavailableFailure + kInMemoryForThisRun;
                setAvailability(Availability::Unavailable);
                return;
            }
            auto *remove = newJob<QKeychain::DeletePasswordJob>(m_service, probeAccount(), this);
            connect(remove, &QKeychain::Job::finished, this, [this, remove] {
                if (remove->error() != QKeychain::NoError)
                    return probeFailed(remove, Operation::Delete);
                probeFinished();
            });
            remove->start();
        });
        read->start();
    });
    write->start();
}

void KeyStore::probeFailed(QKeychain::Job *job, Operation operation)
{
    markUnavailable(operation, probeAccount(), job);
}

void KeyStore::probeFinished()
{
    qCDebug(lcSecrets) << "keychain available for service" << m_service;
    setAvailability(Availability::Available);
}
