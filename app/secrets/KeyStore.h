// API keys in the OS keychain through QtKeychain: one entry per provider (service = the app's
// name, account = provider id such as "openai"), insecure fallback always off. Every operation
// is asynchronous and answers through a callback with a KeyStoreResult.
//
// When no keychain answers (no Secret Service on the session bus, no session bus, a refused or
// locked keychain) the store says so once through availabilityChanged() and unavailableReason(),
// and from then on keeps keys in memory for this run only. It never writes a key to a file.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace QKeychain {
class Job;
}

struct KeyStoreResult
{
    enum class Status {
        Ok,
        NotFound, // the keychain answered: there is no key for this account
        Failed, // the keychain could not answer; message says why and what to do
    };
    enum class Location {
        None,
        Keychain, // the OS keychain answered
        SessionMemory, // kept in this process only, lost when it exits
    };

    QString account;
    Status status = Status::Failed;
    Location location = Location::None;
    QString value; // the key, for a successful read
    // Failed: what went wrong, which service is missing and how to get one. Ok in
    // SessionMemory: why the key is not in the keychain.
    QString message;

    bool ok() const { return status == Status::Ok; }
};

class KeyStore final : public QObject
{
    Q_OBJECT

public:
    enum class Availability {
        Unknown, // nothing tried yet
        Probing,
        Available, // a write, read and delete round trip worked
        Unavailable, // see unavailableReason(); keys live in memory for this run
    };
    Q_ENUM(Availability)

    using Callback = std::function<void(const KeyStoreResult &)>;

    // service: the keychain service name, normally QCoreApplication::applicationName().
    explicit KeyStore(const QString &service, QObject *parent = nullptr);
    ~KeyStore() override;

    QString service() const { return m_service; }
    Availability availability() const { return m_availability; }
    // One paragraph for the UI: which service is missing, the keychain's own error, how to get
    // one, and that keys are kept in memory for this run. Empty unless Unavailable.
    QString unavailableReason() const { return m_unavailableReason; }

    // Checks the keychain by a real round trip (write, read back, delete a probe entry):
    // QtKeychain 0.13 has no isAvailable(), and libsecret loads fine with no daemon behind it.
    // Ends with availabilityChanged(Available or Unavailable). Also retries after Unavailable.
    void probe();

    // The callbacks run later, on this object's thread, unless context has been destroyed.
    void read(const QString &account, QObject *context, Callback done);
    // Without a keychain, keeps the key in memory for this run (NoFallback: fails instead).
    enum class Fallback { SessionMemory, NoFallback };
    void write(const QString &account, const QString &value, QObject *context, Callback done,
               Fallback fallback = Fallback::SessionMemory);
    void remove(const QString &account, QObject *context, Callback done);

    // Accounts whose key is held only in memory (written while no keychain was available).
    QStringList sessionAccounts() const { return m_sessionKeys.keys(); }

    // The account the availability probe writes and deletes again.
    static QString probeAccount();

signals:
    void availabilityChanged(KeyStore::Availability availability);
    // A key was written or deleted (keychain or session memory).
    void keyChanged(const QString &account);

private:
    enum class Operation { Read, Write, Delete };

    void deliver(QObject *context, Callback done, KeyStoreResult result);
    void setAvailability(Availability availability);
    void markUnavailable(Operation operation, const QString &account, QKeychain::Job *job);
    QString failureMessage(Operation operation, const QString &account, QKeychain::Job *job) const;
    void probeFailed(QKeychain::Job *job, Operation operation);
    void probeFinished();

    const QString m_service;
    Availability m_availability = Availability::Unknown;
    QString m_unavailableReason;
    QString m_unavailableFailure; // the reason without "kept in memory for this run"
    QHash<QString, QString> m_sessionKeys;
    QString m_probeValue;
};
