// Shared by the keychain tests: wait for a KeyStore/KeyResolver callback, check that the test
// runs inside tests/tools/with-keyring.sh, and grep files for a secret.
#pragma once

#include "secrets/KeyCatalog.h"
#include "secrets/KeyResolver.h"
#include "secrets/KeyStore.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <optional>

namespace KeychainTest {

// Starts an operation with a callback and waits (test code only) until it answers.
template<typename Result, typename Start>
std::optional<Result> wait(Start start, int timeoutMs = 20000)
{
    std::optional<Result> result;
    QObject context;
    start(&context, [&result](const Result &value) { result = value; });
    [[maybe_unused]] const bool answered
        = QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs);
    return result;
}

inline std::optional<KeyStoreResult> read(KeyStore &store, const QString &account)
{
    return wait<KeyStoreResult>(
        [&](QObject *context, auto done) { store.read(account, context, done); });
}

inline std::optional<KeyStoreResult> write(KeyStore &store, const QString &account,
                                           const QString &value)
{
    return wait<KeyStoreResult>(
        [&](QObject *context, auto done) { store.write(account, value, context, done); });
}

inline std::optional<KeyStoreResult> remove(KeyStore &store, const QString &account)
{
    return wait<KeyStoreResult>(
        [&](QObject *context, auto done) { store.remove(account, context, done); });
}

inline std::optional<ResolvedKey> resolve(KeyResolver &resolver, const QString &provider)
{
    return wait<ResolvedKey>(
        [&](QObject *context, auto done) { resolver.resolveKey(provider, context, done); });
}

// The private folder with-keyring.sh made (HOME and the XDG folders are inside it), or empty
// when the test was started some other way and might reach the user's own keyring.
inline QString sessionDir()
{
    const QString dir = qEnvironmentVariable("WITH_KEYRING_DIR");
    if (dir.isEmpty() || !qEnvironmentVariable("HOME").startsWith(dir))
        return {};
    return dir;
}

// Every file under dir whose bytes contain needle.
inline QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found << path;
    }
    return found;
}

} // namespace KeychainTest
