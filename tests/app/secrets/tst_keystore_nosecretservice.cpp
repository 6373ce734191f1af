// What a user without a working keychain sees. Two ctest runs of this test:
// - tst_keystore_nosecretservice: a D-Bus session on which nothing provides (or can activate)
//   org.freedesktop.secrets, as on a bare server or a minimal desktop
//   (with-keyring.sh --no-keyring --bus-config tests/data/secrets/bare-session.conf);
// - tst_keystore_lockedkeyring: gnome-keyring is installed and D-Bus-activated on demand but
//   never unlocked, so it has no login collection and cannot prompt (no display), the usual
//   headless case (with-keyring.sh --locked-keyring).
// The store must say what is missing and how to get it, keep keys in memory for this run, and
// never write them to a file.
#include "KeychainTestHelpers.h"

#include "core/Settings.h"
#include "root/AppContext.h"
#include "secrets/KeyResolver.h"

#include <QSignalSpy>
#include <QTest>

using namespace KeychainTest;

class TestKeyStoreNoSecretService final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void probeSaysWhatIsMissing();
    void firstWriteWithoutProbeFallsBackToMemory();
    void keysAreKeptInMemoryForThisRun();
    void resolverFallsThroughToEnvironment();
    void importRefusesWithoutKeychain();
    void noFileHoldsTheKey();

private:
    static void verifyClearError(const QString &message);
    // Every value this test handed to a store, for the final grep.
    QStringList m_secrets;
};

void TestKeyStoreNoSecretService::initTestCase()
{
    if (sessionDir().isEmpty()
        || !QStringList({QStringLiteral("none"), QStringLiteral("locked")})
                .contains(qEnvironmentVariable("WITH_KEYRING_MODE")))
        QFAIL("Run this test through ctest: it needs with-keyring.sh --no-keyring or "
              "--locked-keyring, which give it a private D-Bus session without a usable Secret "
              "Service.");
    // The working directory is inside the session folder too, so the final grep covers it.
    QVERIFY(QDir::setCurrent(qEnvironmentVariable("HOME")));
}

void TestKeyStoreNoSecretService::verifyClearError(const QString &message)
{
    // Which service is missing, and what the keychain itself said (QtKeychain 0.13.2 with
    // libsecret on Debian 12, specs/security.md §3.1) ...
    QVERIFY2(message.contains(QLatin1String("org.freedesktop.secrets")), qPrintable(message));
    if (qEnvironmentVariable("WITH_KEYRING_MODE") == QLatin1String("locked")) {
        QVERIFY2(message.contains(QStringLiteral(
                     "Object does not exist at path “/org/freedesktop/secrets/collection/login”")),
                 qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("has no unlocked login keyring")),
                 qPrintable(message));
        QVERIFY(message.contains(QLatin1String("gnome-keyring-daemon --replace --unlock")));
    } else {
        QVERIFY2(message.contains(QLatin1String("was not provided by any .service files")),
                 qPrintable(message));
    }
    // ... and how to get one.
    for (const char *fix : {"gnome-keyring", "KWallet >= 5.97", "KeePassXC", "QTKEYCHAIN_BACKEND"})
        QVERIFY2(message.contains(QLatin1String(fix)), qPrintable(message));
}

void TestKeyStoreNoSecretService::probeSaysWhatIsMissing()
{
    KeyStore store(QStringLiteral("agent-studio"));
    QSignalSpy changes(&store, &KeyStore::availabilityChanged);
    store.probe();
    QTRY_COMPARE_WITH_TIMEOUT(store.availability(), KeyStore::Availability::Unavailable, 30000);
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.last().at(0).value<KeyStore::Availability>(),
             KeyStore::Availability::Unavailable);
    qInfo().noquote() << "The user reads:" << store.unavailableReason();
    verifyClearError(store.unavailableReason());
    QVERIFY(store.unavailableReason().contains(QLatin1String("in memory for this run only")));

    // Probing again (e.g. after the user started a keyring) tries again.
    store.probe();
    QCOMPARE(store.availability(), KeyStore::Availability::Probing);
    QVERIFY(store.unavailableReason().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(store.availability(), KeyStore::Availability::Unavailable, 30000);
}

void TestKeyStoreNoSecretService::firstWriteWithoutProbeFallsBackToMemory()
{
    KeyStore store(QStringLiteral("agent-studio"));
    QSignalSpy changes(&store, &KeyStore::availabilityChanged);
    const QString value = QStringLiteral("sk-first-write-canary-41d2");
    m_secrets << value;
    const auto written = write(store, QStringLiteral("openai"), value);
    QVERIFY(written);
    QVERIFY(written->ok());
    QCOMPARE(written->location, KeyStoreResult::Location::SessionMemory);
    verifyClearError(written->message);
    QVERIFY2(written->message.contains(QLatin1String("store the openai key")),
             qPrintable(written->message));
    QCOMPARE(store.availability(), KeyStore::Availability::Unavailable);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(store.sessionAccounts(), QStringList{QStringLiteral("openai")});
}

void TestKeyStoreNoSecretService::keysAreKeptInMemoryForThisRun()
{
    KeyStore store(QStringLiteral("agent-studio"));
    store.probe();
    QTRY_COMPARE_WITH_TIMEOUT(store.availability(), KeyStore::Availability::Unavailable, 30000);

    // A key never stored: the keychain cannot say "not found", so this is a failure that says why.
    const auto missing = read(store, QStringLiteral("anthropic"));
    QVERIFY(missing);
    QCOMPARE(missing->status, KeyStoreResult::Status::Failed);
    verifyClearError(missing->message);

    const QString value = QStringLiteral("sk-ant-session-canary-93be");
    m_secrets << value;
    const auto written = write(store, QStringLiteral("anthropic"), value);
    QVERIFY(written && written->ok());
    QCOMPARE(written->location, KeyStoreResult::Location::SessionMemory);

    auto readBack = read(store, QStringLiteral("anthropic"));
    QVERIFY(readBack && readBack->ok());
    QCOMPARE(readBack->location, KeyStoreResult::Location::SessionMemory);
    QCOMPARE(readBack->value, value);

    // Overwrite, then delete, in memory.
    const QString newer = QStringLiteral("sk-ant-session-canary-newer-5c01");
    m_secrets << newer;
    QVERIFY(write(store, QStringLiteral("anthropic"), newer)->ok());
    QCOMPARE(read(store, QStringLiteral("anthropic"))->value, newer);
    const auto removed = remove(store, QStringLiteral("anthropic"));
    QVERIFY(removed && removed->ok());
    QCOMPARE(removed->location, KeyStoreResult::Location::SessionMemory);
    QVERIFY(store.sessionAccounts().isEmpty());
    QCOMPARE(read(store, QStringLiteral("anthropic"))->status, KeyStoreResult::Status::Failed);

    // A new store (the next run) has nothing: the key was never persisted anywhere.
    QVERIFY(write(store, QStringLiteral("groq"), value)->ok());
    KeyStore nextRun(QStringLiteral("agent-studio"));
    // (Failed on a bare bus; "not found" from an unprobed, headless gnome-keyring.)
    const auto nothing = read(nextRun, QStringLiteral("groq"));
    QVERIFY(nothing);
    QVERIFY(!nothing->ok());
    QVERIFY(nothing->value.isEmpty());
}

void TestKeyStoreNoSecretService::resolverFallsThroughToEnvironment()
{
    KeyStore store(QStringLiteral("agent-studio"));
    // Without a probe a headless gnome-keyring answers reads with "not found" (§3.1).
    store.probe();
    QTRY_COMPARE_WITH_TIMEOUT(store.availability(), KeyStore::Availability::Unavailable, 30000);
    KeyResolver resolver(store);
    QProcessEnvironment environment;
    const QString value = QStringLiteral("sk-env-canary-0b7e");
    m_secrets << value;
    environment.insert(QStringLiteral("OPENAI_API_KEY"), value);
    resolver.setEnvironment(environment);

    const auto key = resolve(resolver, QStringLiteral("openai"));
    QVERIFY(key);
    QCOMPARE(key->source, ResolvedKey::Source::Environment);
    QCOMPARE(key->value, value);
    QCOMPARE(key->sourceText(), QStringLiteral("environment (OPENAI_API_KEY)"));
    // The UI can still say why the keychain was skipped.
    verifyClearError(key->keychainMessage);

    const auto none = resolve(resolver, QStringLiteral("anthropic"));
    QVERIFY(none);
    QVERIFY(!none->found());
    QCOMPARE(none->sourceText(), QStringLiteral("not set"));
    verifyClearError(none->keychainMessage);
}

void TestKeyStoreNoSecretService::importRefusesWithoutKeychain()
{
    KeyStore store(QStringLiteral("agent-studio"));
    store.probe();
    QTRY_COMPARE_WITH_TIMEOUT(store.availability(), KeyStore::Availability::Unavailable, 30000);
    KeyResolver resolver(store);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GROQ_API_KEY"), QStringLiteral("gsk-import-canary-77aa"));
    m_secrets << QStringLiteral("gsk-import-canary-77aa");
    resolver.setEnvironment(environment);

    const auto candidates = wait<QString>([&](QObject *context, auto done) {
        resolver.findImportCandidates(
            context, [done](const QList<ResolvedKey> &list, const QString &error) {
                done(list.isEmpty() ? error : QStringLiteral("unexpected candidates"));
            });
    });
    QVERIFY(candidates);
    verifyClearError(*candidates);

    const auto imported = wait<KeyStoreResult>([&](QObject *context, auto done) {
        resolver.importKey(QStringLiteral("groq"), context, done);
    });
    QVERIFY(imported);
    QCOMPARE(imported->status, KeyStoreResult::Status::Failed);
    verifyClearError(imported->message);
    // Importing does not copy the key into memory: it is in the environment already.
    QVERIFY(store.sessionAccounts().isEmpty());
}

void TestKeyStoreNoSecretService::noFileHoldsTheKey()
{
    // The whole app, as a user runs it: data folder, settings, a key entered in the UI.
    const QString dataDir = sessionDir() + QStringLiteral("/home/studio-data");
    {
        AppContext context(StudioPaths::underRoot(dataDir));
        QString error;
        QVERIFY2(context.open(&error), qPrintable(error));
        const QString value = QStringLiteral("sk-app-context-canary-d00d");
        m_secrets << value;
        const auto written = write(context.keyStore(), QStringLiteral("daytona"), value);
        QVERIFY(written && written->ok());
        QCOMPARE(written->location, KeyStoreResult::Location::SessionMemory);
        QCOMPARE(resolve(context.keys(), QStringLiteral("daytona"))->value, value);
        context.settings().setDefaultModel(QStringLiteral("anthropic/claude-sonnet-4-5"));
    }
    QVERIFY(QFileInfo::exists(dataDir));

    // HOME, XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_STATE_HOME, XDG_RUNTIME_DIR and
    // the data folder are all inside the session folder; the working directory too.
    QVERIFY(!m_secrets.isEmpty());
    QVERIFY(QDir::currentPath().startsWith(sessionDir()));
    for (const QString &secret : std::as_const(m_secrets))
        QCOMPARE(filesContaining(sessionDir(), secret.toUtf8()), QStringList());
    // QtKeychain's insecure fallback would have written this file.
    QVERIFY(!QFileInfo::exists(sessionDir() + QStringLiteral("/config/agent-studio.conf")));
    QVERIFY(!QFileInfo::exists(qEnvironmentVariable("HOME") + QStringLiteral("/.config")));
}

QTEST_GUILESS_MAIN(TestKeyStoreNoSecretService)
#include "tst_keystore_nosecretservice.moc"
