// KeyStore against a real Secret Service: a gnome-keyring-daemon on a private D-Bus session,
// started by tests/tools/with-keyring.sh (ctest's KEYCHAIN tests), never the user's keyring.
#include "KeychainTestHelpers.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace KeychainTest;

class TestKeyStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void probeFindsTheKeychain();
    void storeReadOverwriteDelete();
    void notFoundIsNotAFailure();
    void keyIsInTheSecretServiceNotInAFile();
    void valuesSurviveUnchanged_data();
    void valuesSurviveUnchanged();
    void accountsAreIndependent();
    void callbackSkippedWhenContextIsGone();
    void successfulWriteMeansAvailable();

private:
    static QString secretToolLookup(const QString &account);
    KeyStore m_store{QStringLiteral("agent-studio")};
};

QString TestKeyStore::secretToolLookup(const QString &account)
{
    // QtKeychain's libsecret schema: server = service, user = account.
    QProcess lookup;
    lookup.start(QStringLiteral("secret-tool"),
                 {QStringLiteral("lookup"), QStringLiteral("server"),
                  QStringLiteral("agent-studio"), QStringLiteral("user"), account});
    if (!lookup.waitForFinished(10000))
        return QStringLiteral("<secret-tool did not finish>");
    return QString::fromUtf8(lookup.readAllStandardOutput());
}

void TestKeyStore::initTestCase()
{
    if (sessionDir().isEmpty())
        QFAIL("Run this test through ctest: it needs tests/tools/with-keyring.sh, which gives it a "
              "private keyring instead of yours.");
}

void TestKeyStore::probeFindsTheKeychain()
{
    QCOMPARE(m_store.availability(), KeyStore::Availability::Unknown);
    QSignalSpy changes(&m_store, &KeyStore::availabilityChanged);
    m_store.probe();
    QCOMPARE(m_store.availability(), KeyStore::Availability::Probing);
    QTRY_COMPARE_WITH_TIMEOUT(m_store.availability(), KeyStore::Availability::Available, 20000);
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.at(1).at(0).value<KeyStore::Availability>(),
             KeyStore::Availability::Available);
    QVERIFY(m_store.unavailableReason().isEmpty());
    // The probe cleans up after itself.
    QCOMPARE(secretToolLookup(KeyStore::probeAccount()), QString());
    const auto probeEntry = read(m_store, KeyStore::probeAccount());
    QVERIFY(probeEntry);
    QCOMPARE(probeEntry->status, KeyStoreResult::Status::NotFound);
}

void TestKeyStore::storeReadOverwriteDelete()
{
    QSignalSpy changed(&m_store, &KeyStore::keyChanged);
    const QString account = QStringLiteral("openai");

    auto written = write(m_store, account, QStringLiteral("sk-test-first"));
    QVERIFY(written);
    QVERIFY2(written->ok(), qPrintable(written->message));
    QCOMPARE(written->location, KeyStoreResult::Location::Keychain);
    QCOMPARE(written->account, account);
    QCOMPARE(changed.size(), 1);

    auto readBack = read(m_store, account);
    QVERIFY(readBack);
    QVERIFY(readBack->ok());
    QCOMPARE(readBack->location, KeyStoreResult::Location::Keychain);
    QCOMPARE(readBack->value, QStringLiteral("sk-test-first"));

    written = write(m_store, account, QStringLiteral("sk-test-second"));
    QVERIFY(written && written->ok());
    readBack = read(m_store, account);
    QVERIFY(readBack && readBack->ok());
    QCOMPARE(readBack->value, QStringLiteral("sk-test-second"));
    QCOMPARE(secretToolLookup(account), QStringLiteral("sk-test-second"));

    auto removed = remove(m_store, account);
    QVERIFY(removed);
    QVERIFY2(removed->ok(), qPrintable(removed->message));
    QCOMPARE(removed->location, KeyStoreResult::Location::Keychain);
    QCOMPARE(changed.size(), 3);

    readBack = read(m_store, account);
    QVERIFY(readBack);
    QCOMPARE(readBack->status, KeyStoreResult::Status::NotFound);
    QVERIFY(readBack->value.isEmpty());
    QCOMPARE(secretToolLookup(account), QString());

    removed = remove(m_store, account);
    QVERIFY(removed);
    QCOMPARE(removed->status, KeyStoreResult::Status::NotFound);
    QCOMPARE(m_store.availability(), KeyStore::Availability::Available);
}

void TestKeyStore::notFoundIsNotAFailure()
{
    const auto result = read(m_store, QStringLiteral("never-stored"));
    QVERIFY(result);
    QCOMPARE(result->status, KeyStoreResult::Status::NotFound);
    QCOMPARE(result->location, KeyStoreResult::Location::Keychain);
    QVERIFY(result->message.isEmpty());
    QCOMPARE(m_store.availability(), KeyStore::Availability::Available);
}

void TestKeyStore::keyIsInTheSecretServiceNotInAFile()
{
    const QString value = QStringLiteral("sk-ant-plaintext-canary-7f3a9c");
    const auto written = write(m_store, QStringLiteral("anthropic"), value);
    QVERIFY(written && written->ok());
    // Another Secret Service client sees it: it went to the real keychain ...
    QCOMPARE(secretToolLookup(QStringLiteral("anthropic")), value);
    // ... which keeps it encrypted: no file in HOME or the XDG folders holds it in plaintext.
    QCOMPARE(filesContaining(sessionDir(), value.toUtf8()), QStringList());
    QVERIFY(remove(m_store, QStringLiteral("anthropic"))->ok());
}

void TestKeyStore::valuesSurviveUnchanged_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("unicode") << QStringLiteral("ключ-鍵-🔑-clé");
    QTest::newRow("spaces and newline") << QStringLiteral("  leading and trailing  \nsecond line");
    QTest::newRow("quotes and backslashes") << QStringLiteral("a\"b'c\\d$e`f");
    QTest::newRow("long") << QString(QStringLiteral("sk-0123456789abcdef")).repeated(1000);
}

void TestKeyStore::valuesSurviveUnchanged()
{
    QFETCH(QString, value);
    const QString account = QStringLiteral("mistral");
    const auto written = write(m_store, account, value);
    QVERIFY(written);
    QVERIFY2(written->ok(), qPrintable(written->message));
    const auto readBack = read(m_store, account);
    QVERIFY(readBack && readBack->ok());
    QCOMPARE(readBack->value.size(), value.size());
    QCOMPARE(readBack->value, value);
    QVERIFY(remove(m_store, account)->ok());
}

void TestKeyStore::accountsAreIndependent()
{
    QVERIFY(write(m_store, QStringLiteral("openai"), QStringLiteral("sk-openai"))->ok());
    QVERIFY(write(m_store, QStringLiteral("daytona"), QStringLiteral("dtn_daytona"))->ok());
    QCOMPARE(read(m_store, QStringLiteral("openai"))->value, QStringLiteral("sk-openai"));
    QCOMPARE(read(m_store, QStringLiteral("daytona"))->value, QStringLiteral("dtn_daytona"));

    QVERIFY(remove(m_store, QStringLiteral("openai"))->ok());
    QCOMPARE(read(m_store, QStringLiteral("openai"))->status, KeyStoreResult::Status::NotFound);
    QCOMPARE(read(m_store, QStringLiteral("daytona"))->value, QStringLiteral("dtn_daytona"));

    // Another service name is another set of entries.
    KeyStore other(QStringLiteral("agent-studio-other"));
    QCOMPARE(read(other, QStringLiteral("daytona"))->status, KeyStoreResult::Status::NotFound);
    QVERIFY(remove(m_store, QStringLiteral("daytona"))->ok());
}

void TestKeyStore::callbackSkippedWhenContextIsGone()
{
    bool called = false;
    auto *context = new QObject;
    m_store.read(QStringLiteral("openai"), context,
                 [&called](const KeyStoreResult &) { called = true; });
    delete context;
    // A later operation finishing proves the first one has finished too (jobs run in order).
    QVERIFY(read(m_store, QStringLiteral("openai")));
    QVERIFY(!called);
}

void TestKeyStore::successfulWriteMeansAvailable()
{
    KeyStore fresh(QStringLiteral("agent-studio"));
    QSignalSpy changes(&fresh, &KeyStore::availabilityChanged);
    QCOMPARE(read(fresh, QStringLiteral("groq"))->status, KeyStoreResult::Status::NotFound);
    QCOMPARE(fresh.availability(), KeyStore::Availability::Unknown);
    QVERIFY(write(fresh, QStringLiteral("groq"), QStringLiteral("gsk-1"))->ok());
    QCOMPARE(fresh.availability(), KeyStore::Availability::Available);
    QCOMPARE(changes.size(), 1);
    QVERIFY(remove(fresh, QStringLiteral("groq"))->ok());
}

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
