#include "KeyResolver.h"

#include "core/Logging.h"
#include "log/Redactor.h"
#include "secrets/KeyCatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>

#include <memory>

namespace {

// Runs done(value) later unless the caller's context object is gone.
template<typename Function> void callLater(QObject *owner, QObject *context, Function done)
{
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    QMetaObject::invokeMethod(
        owner,
        [guard, hasContext, done = std::move(done)]() mutable {
            if (!hasContext || guard)
                done();
        },
        Qt::QueuedConnection);
}

} // namespace

QString ResolvedKey::sourceText() const
{
    switch (source) {
    case Source::None:
        return QStringLiteral("not set");
    case Source::Keychain:
        return QStringLiteral("OS keychain");
    case Source::SessionMemory:
        return QStringLiteral("memory, this run only (no OS keychain)");
    case Source::Environment:
        return QStringLiteral("environment (%1)").arg(variable);
    case Source::DotEnvFile:
        return QStringLiteral(".env file %1 (%2)").arg(QDir::toNativeSeparators(envFile), variable);
    }
    return {};
}

KeyResolver::KeyResolver(KeyStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_environment(QProcessEnvironment::systemEnvironment())
{
}

KeyResolver::~KeyResolver() = default;

void KeyResolver::setEnvironment(const QProcessEnvironment &environment)
{
    m_environment = environment;
    redactKnownKeys();
}

bool KeyResolver::loadEnvFile(const QString &path, QString *error)
{
    m_envFilePath.clear();
    m_envFile = {};
    const bool explicitlyGiven = !path.isEmpty();
    const QString file = explicitlyGiven ? QFileInfo(path).absoluteFilePath()
                                         : QDir::current().absoluteFilePath(QStringLiteral(".env"));
    QFile input(file);
    if (!input.exists() && !explicitlyGiven)
        return true;
    if (!input.open(QIODevice::ReadOnly)) {
        const QString message
            = QStringLiteral("Cannot read the .env file %1: %2. Check the path given to "
                             "--env-file, or leave it out to use .env in the working folder.")
                  .arg(QDir::toNativeSeparators(file), input.errorString());
        if (error)
            *error = message;
        qCWarning(lcSecrets).noquote() << message;
        return !explicitlyGiven;
    }
    // Bounded: a .env file is a few lines; a wrong path (a log, /dev/zero) must not hang us.
    constexpr qint64 kMaxBytes = 1024 * 1024;
    const QByteArray content = input.read(kMaxBytes + 1);
    if (content.size() > kMaxBytes) {
        const QString message
            = QStringLiteral("The .env file %1 is larger than 1 MiB, so it is probably not a .env "
                             "file; it was not read. Check the path given to --env-file.")
                  .arg(QDir::toNativeSeparators(file));
        if (error)
            *error = message;
        qCWarning(lcSecrets).noquote() << message;
        return !explicitlyGiven;
    }
    m_envFilePath = file;
    m_envFile = DotEnvParser::parse(QString::fromUtf8(content));
    for (const DotEnvError &lineError : std::as_const(m_envFile.errors))
        qCWarning(lcSecrets).noquote() << QDir::toNativeSeparators(file) << lineError.message;
    qCDebug(lcSecrets) << "read" << m_envFile.keys().size() << "variables from" << file;
    redactKnownKeys();
    return true;
}

void KeyResolver::setRedactor(Redactor *redactor)
{
    m_redactor = redactor;
    redactKnownKeys();
}

void KeyResolver::redactKnownKeys() const
{
    if (!m_redactor)
        return;
    for (const KeyCatalog::Variable &variable : KeyCatalog::variables()) {
        if (variable.kind != KeyCatalog::Kind::ApiKey)
            continue;
        m_redactor->addSecret(m_environment.value(variable.name), variable.name);
        m_redactor->addSecret(m_envFile.value(variable.name), variable.name);
    }
}

ResolvedKey KeyResolver::keyOutsideKeychain(const QString &provider) const
{
    ResolvedKey key;
    key.name = provider;
    const QStringList names = KeyCatalog::keyVariables(provider);
    for (const QString &name : names) {
        const QString value = m_environment.value(name);
        if (!value.isEmpty()) {
            key.value = value;
            key.source = ResolvedKey::Source::Environment;
            key.variable = name;
            return key;
        }
    }
    for (const QString &name : names) {
        const QString value = m_envFile.value(name);
        if (!value.isEmpty()) {
            key.value = value;
            key.source = ResolvedKey::Source::DotEnvFile;
            key.variable = name;
            key.envFile = m_envFilePath;
            return key;
        }
    }
    return key;
}

ResolvedKey KeyResolver::variable(const QString &name) const
{
    ResolvedKey result;
    result.name = name;
    result.variable = name;
    if (const QString value = m_environment.value(name); !value.isEmpty()) {
        result.value = value;
        result.source = ResolvedKey::Source::Environment;
    } else if (const QString fromFile = m_envFile.value(name); !fromFile.isEmpty()) {
        result.value = fromFile;
        result.source = ResolvedKey::Source::DotEnvFile;
        result.envFile = m_envFilePath;
    }
    return result;
}

void KeyResolver::resolveKey(const QString &provider, QObject *context, Callback done)
{
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    m_store.read(
        provider, this,
        [this, provider, guard, hasContext, done = std::move(done)](const KeyStoreResult &stored) {
            if (hasContext && !guard)
                return;
            ResolvedKey key;
            if (stored.ok()) {
                key.name = provider;
                key.value = stored.value;
                key.source = stored.location == KeyStoreResult::Location::Keychain
                    ? ResolvedKey::Source::Keychain
                    : ResolvedKey::Source::SessionMemory;
            } else {
                key = keyOutsideKeychain(provider);
                key.keychainMessage = stored.message;
            }
            if (m_redactor && key.found())
                m_redactor->addSecret(key.value,
                                      key.variable.isEmpty()
                                          ? QStringLiteral("the %1 key").arg(provider)
                                          : key.variable);
            done(key);
        });
}

void KeyResolver::findImportCandidates(QObject *context, CandidatesCallback done)
{
    QList<ResolvedKey> outside;
    for (const QString &provider : KeyCatalog::providers()) {
        const ResolvedKey key = keyOutsideKeychain(provider);
        if (key.found())
            outside.append(key);
    }
    if (m_store.availability() == KeyStore::Availability::Unavailable) {
        callLater(this, context,
                  [done, reason = m_store.unavailableReason()] { done({}, reason); });
        return;
    }
    if (outside.isEmpty()) {
        callLater(this, context, [done] { done({}, QString()); });
        return;
    }

    // One keychain read per provider; answer when the last one is back.
    struct Pending
    {
        QList<ResolvedKey> outside;
        QList<bool> missing;
        qsizetype remaining = 0;
        QString error;
    };
    auto pending = std::make_shared<Pending>();
    pending->outside = outside;
    pending->missing = QList<bool>(outside.size(), false);
    pending->remaining = outside.size();
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    for (qsizetype i = 0; i < outside.size(); ++i) {
        m_store.read(outside.at(i).name, this,
                     [pending, i, guard, hasContext, done](const KeyStoreResult &stored) {
                         if (stored.status == KeyStoreResult::Status::Failed)
                             pending->error = stored.message;
                         // A key held only in memory is not in the keychain either.
                         pending->missing[i] = !stored.ok()
                             || stored.location == KeyStoreResult::Location::SessionMemory;
                         if (--pending->remaining > 0 || (hasContext && !guard))
                             return;
                         QList<ResolvedKey> candidates;
                         if (pending->error.isEmpty()) {
                             for (qsizetype j = 0; j < pending->outside.size(); ++j) {
                                 if (pending->missing.at(j))
                                     candidates.append(pending->outside.at(j));
                             }
                         }
                         done(candidates, pending->error);
                     });
    }
}

void KeyResolver::importKey(const QString &provider, QObject *context, KeyStore::Callback done)
{
    const ResolvedKey key = keyOutsideKeychain(provider);
    if (!key.found() || m_store.availability() == KeyStore::Availability::Unavailable) {
        KeyStoreResult result;
        result.account = provider;
        result.message = key.found()
            ? m_store.unavailableReason()
            : QStringLiteral("There is no %1 key to import: none of %2 is set in the "
                             "environment or the .env file.")
                  .arg(provider, KeyCatalog::keyVariables(provider).join(QStringLiteral(", ")));
        callLater(this, context, [done, result] { done(result); });
        return;
    }
    qCDebug(lcSecrets).noquote() << "importing the" << provider << "key from" << key.sourceText();
    m_store.write(provider, key.value, context, std::move(done), KeyStore::Fallback::NoFallback);
}

void KeyResolver::importAll(QObject *context, ImportCallback done)
{
    const QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    findImportCandidates(this,
                         [this, guard, hasContext, done](const QList<ResolvedKey> &candidates,
                                                         const QString &error) {
                             if (hasContext && !guard)
                                 return;
                             if (!error.isEmpty() || candidates.isEmpty()) {
                                 QList<KeyStoreResult> results;
                                 if (!error.isEmpty()) {
                                     KeyStoreResult failed;
                                     failed.message = error;
                                     results.append(failed);
                                 }
                                 done(results);
                                 return;
                             }
                             auto results
                                 = std::make_shared<QList<KeyStoreResult>>(candidates.size());
                             auto remaining = std::make_shared<qsizetype>(candidates.size());
                             for (qsizetype i = 0; i < candidates.size(); ++i) {
                                 importKey(candidates.at(i).name, this,
                                           [results, remaining, i, guard, hasContext,
                                            done](const KeyStoreResult &r) {
                                               (*results)[i] = r;
                                               if (--*remaining > 0 || (hasContext && !guard))
                                                   return;
                                               done(*results);
                                           });
                             }
                         });
}
