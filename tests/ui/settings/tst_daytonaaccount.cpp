// The Daytona account in the keychain (issue 17), with a private gnome-keyring
// (tests/tools/with-keyring.sh) and a Daytona-shaped server on 127.0.0.1 (FaultyDaytonaServer
// answering by itself): the first-run wizard's Sandboxes page and Settings > Daytona store the
// key in the keychain and nowhere else, Test says what works and what is wrong, a key in the
// environment or .env is imported, and the engine - started with no key in the environment -
// lists Daytona's sandboxes with the keychain's key, in the app and in the CLI.
#include "../../faults/FaultyDaytonaServer.h"
#include "KeychainTestHelpers.h"
#include "SettingsTestSupport.h"

#include "agent/AgentEngine.h"
#include "log/LogFile.h"
#include "root/DaytonaAccount.h"
#include "sandbox/SandboxBackend.h"
#include "services/SandboxService.h"
#include "settings/FirstRunWizard.h"
#include "settings/SettingsDialog.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace SettingsTest;

namespace {

const QByteArray kGoodKey = "dtn_good_key_4f1e0c9a7b";

QByteArray sandboxList(const QString &id)
{
    const QJsonObject sandbox{{QLatin1String("id"), id},
                              {QLatin1String("organizationId"), QStringLiteral("org")},
                              {QLatin1String("name"), id},
                              {QLatin1String("user"), QStringLiteral("daytona")},
                              {QLatin1String("env"), QJsonObject()},
                              {QLatin1String("labels"), QJsonObject()},
                              {QLatin1String("public"), false},
                              {QLatin1String("target"), QStringLiteral("us")},
                              {QLatin1String("cpu"), 1},
                              {QLatin1String("gpu"), 0},
                              {QLatin1String("memory"), 1},
                              {QLatin1String("disk"), 3},
                              {QLatin1String("state"), QStringLiteral("started")},
                              {QLatin1String("createdAt"), QStringLiteral("2026-06-01T10:00:00Z")}};
    return QJsonDocument(QJsonObject{{QLatin1String("items"), QJsonArray{sandbox}},
                                     {QLatin1String("total"), 1},
                                     {QLatin1String("page"), 1},
                                     {QLatin1String("totalPages"), 1}})
        .toJson(QJsonDocument::Compact);
}

// Answers GET /api/sandbox like Daytona: 401 unless the bearer is one of the accepted keys.
class FakeDaytonaAccount final
{
public:
    FakeDaytonaAccount()
        : server(QUrl(QStringLiteral("http://127.0.0.1:9"))) // nothing is forwarded
    {
        server.setRule([this](const RecordedRequest &request) {
            const QByteArray bearer = request.headers.value("authorization");
            if (!accepted.contains(bearer.mid(7)))
                return DaytonaFault::error(DaytonaFault::Kind::Respond, 401,
                                           QStringLiteral("Invalid API key"));
            DaytonaFault ok;
            ok.kind = DaytonaFault::Kind::Respond;
            ok.body = sandboxList(QStringLiteral("sb-from-keychain"));
            return ok;
        });
        if (!server.listen())
            qFatal("cannot listen");
    }
    QString url() const { return server.apiUrl().toString(); }
    QByteArray lastBearer() const
    {
        return server.requests().isEmpty()
            ? QByteArray()
            : server.requests().last().headers.value("authorization");
    }

    FaultyDaytonaServer server;
    QList<QByteArray> accepted{kGoodKey};
};

} // namespace

class TestDaytonaAccount final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void wizardStoresTheKeyInTheKeychain();
    void settingsPageImportsForgetsAndChangesTheKey();
    void engineUsesTheKeychainKeyWithoutRestart();
    void cliFindsTheKeyInTheKeychain();

private:
    void clearKeychain();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<QWidget> m_window;
};

void TestDaytonaAccount::initTestCase()
{
    if (KeychainTest::sessionDir().isEmpty())
        QFAIL("Run this test through ctest: it needs tests/tools/with-keyring.sh, which gives it a "
              "private keyring instead of yours.");
    QVERIFY(QDir::setCurrent(qEnvironmentVariable("HOME")));
    clearKeyEnvironment();
}

void TestDaytonaAccount::clearKeychain()
{
    KeyStore store(QStringLiteral("agent-studio"));
    for (const QString &provider : KeyCatalog::providers())
        KeychainTest::remove(store, provider);
}

void TestDaytonaAccount::init()
{
    clearKeychain();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_context = openContext(m_dir->filePath(QStringLiteral("data")));
    m_window = std::make_unique<QWidget>();
    m_window->show();
}

void TestDaytonaAccount::cleanup()
{
    m_window.reset();
    m_context.reset();
    m_dir.reset();
    clearKeyEnvironment();
}

void TestDaytonaAccount::wizardStoresTheKeyInTheKeychain()
{
    FakeDaytonaAccount daytona;
    QPointer<FirstRunWizard> wizard;
    FirstRunWizard::openIfNeeded(servicesOf(*m_context), m_window.get(),
                                 [&wizard](FirstRunWizard *opened) { wizard = opened; });
    QTRY_VERIFY_WITH_TIMEOUT(wizard, 20000);
    child<QPushButton>(wizard, QStringLiteral("firstRunNextButton"))->click(); // paste a key
    auto *provider = child<QComboBox>(wizard, QStringLiteral("firstRunProviderCombo"));
    provider->setCurrentIndex(provider->findData(QStringLiteral("anthropic")));
    QTest::keyClicks(child<QLineEdit>(wizard, QStringLiteral("firstRunKeyEdit")),
                     QStringLiteral("sk-model-key-77aa"));
    child<QPushButton>(wizard, QStringLiteral("firstRunNextButton"))->click();
    QCOMPARE(wizard->currentId(), int(FirstRunWizard::SandboxesPage));
    // Local is the default: no account needed.
    QVERIFY(
        child<QRadioButton>(wizard, QStringLiteral("firstRunLocalSandboxesRadio"))->isChecked());
    auto *key = child<QLineEdit>(wizard, QStringLiteral("daytonaKeyEdit"));
    QVERIFY(!key->isEnabled());
    child<QRadioButton>(wizard, QStringLiteral("firstRunDaytonaRadio"))->click();
    QVERIFY(key->isEnabled());
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    auto *url = child<QLineEdit>(wizard, QStringLiteral("daytonaApiUrlEdit"));
    QCOMPARE(url->placeholderText(), QStringLiteral("https://app.daytona.io/api"));
    auto *test = child<QPushButton>(wizard, QStringLiteral("daytonaTestButton"));
    auto *result = child<QLabel>(wizard, QStringLiteral("daytonaTestResult"));

    // A wrong key: Daytona's 401, said plainly.
    url->setText(daytona.url());
    QTest::keyClicks(key, QStringLiteral("dtn_wrong_key"));
    test->click();
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("HTTP 401")), 20000);
    qInfo().noquote() << "tried: Test with a wrong key, result:" << result->text();
    QVERIFY(result->text().contains(QLatin1String("refused this API key")));
    QCOMPARE(daytona.lastBearer(), QByteArray("Bearer dtn_wrong_key"));

    // Plain http to another machine: refused before anything is sent.
    const qsizetype sent = daytona.server.requests().size();
    url->setText(QStringLiteral("http://192.0.2.7/api"));
    test->click();
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("plain http")), 20000);
    qInfo().noquote() << "tried: Test with http://192.0.2.7/api, result:" << result->text();
    QCOMPARE(daytona.server.requests().size(), sent);

    // Nothing listening: a network error that names the URL.
    url->setText(QStringLiteral("http://127.0.0.1:1/api"));
    test->click();
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("Could not reach")), 20000);
    qInfo().noquote() << "tried: Test with nothing listening, result:" << result->text();

    // The right key.
    url->setText(daytona.url());
    key->clear();
    QTest::keyClicks(key, QString::fromLatin1(kGoodKey));
    test->click();
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("the key works")), 20000);
    qInfo().noquote() << "tried: Test with the right key, result:" << result->text();
    QCOMPARE(daytona.lastBearer(), "Bearer " + kGoodKey);

    child<QPushButton>(wizard, QStringLiteral("firstRunFinishButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!wizard, 20000);

    KeyStore store(QStringLiteral("agent-studio"));
    const auto stored = KeychainTest::read(store, QStringLiteral("daytona"));
    QVERIFY(stored && stored->ok());
    QCOMPARE(stored->value.toLatin1(), kGoodKey);
    QVERIFY(KeychainTest::read(store, QStringLiteral("anthropic"))->ok()); // the model key too
    Settings reread(m_context->paths().settingsFile());
    QCOMPARE(reread.sandboxProvider(), QStringLiteral("daytona"));
    QCOMPARE(reread.daytonaApiUrl(), daytona.url());
    QVERIFY(reread.firstRunDone());
    // Settings file, database, logs: the key is in none of them.
    const QStringList leaked = KeychainTest::filesContaining(m_dir->path(), kGoodKey);
    qInfo().noquote() << "tried: files under the data folder containing the key, result:" << leaked;
    QCOMPARE(leaked, QStringList());
    // The engine takes the new key without a restart.
    QTRY_COMPARE_WITH_TIMEOUT(m_context->daytona().config().apiKey.toLatin1(), kGoodKey, 20000);
}

void TestDaytonaAccount::settingsPageImportsForgetsAndChangesTheKey()
{
    FakeDaytonaAccount daytona;
    const QByteArray envKey = "dtn_from_dotenv_91c2";
    daytona.accepted.append(envKey);
    const QString envPath = m_dir->filePath(QStringLiteral(".env"));
    QFile env(envPath);
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.write("DAYTONA_API_KEY=" + envKey + "\nDAYTONA_API_URL=" + daytona.url().toUtf8()
              + "\nDAYTONA_TARGET=eu\n");
    env.close();
    m_context.reset();
    m_context = openContext(m_dir->filePath(QStringLiteral("data")), envPath);

    SettingsDialog dialog(servicesOf(*m_context), m_context->paths(), m_window.get());
    dialog.show();
    auto *tabs = child<QTabWidget>(&dialog, QStringLiteral("settingsTabs"));
    tabs->setCurrentWidget(child<QWidget>(&dialog, QStringLiteral("daytonaPage")));
    QVERIFY(child<QComboBox>(&dialog, QStringLiteral("sandboxProviderCombo"))->isVisible());
    auto *source = child<QLabel>(&dialog, QStringLiteral("daytonaKeySourceLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(source->text().contains(QLatin1String(".env file")), 20000);
    QVERIFY(!source->text().contains(QString::fromLatin1(envKey)));
    auto *import = child<QPushButton>(&dialog, QStringLiteral("daytonaImportKeyButton"));
    QVERIFY(import->isVisible());

    // Import: the key goes to the keychain, URL and target become settings.
    import->click();
    QTRY_VERIFY_WITH_TIMEOUT(source->text().contains(QLatin1String("OS keychain")), 20000);
    qInfo().noquote() << "tried: Import from .env, result:" << source->text();
    KeyStore store(QStringLiteral("agent-studio"));
    QCOMPARE(KeychainTest::read(store, QStringLiteral("daytona"))->value.toLatin1(), envKey);
    QCOMPARE(child<QLineEdit>(&dialog, QStringLiteral("daytonaApiUrlEdit"))->text(), daytona.url());
    QCOMPARE(child<QLineEdit>(&dialog, QStringLiteral("daytonaTargetEdit"))->text(),
             QStringLiteral("eu"));
    QVERIFY(!import->isVisible());
    QVERIFY(dialog.apply());
    Settings reread(m_context->paths().settingsFile());
    QCOMPARE(reread.daytonaApiUrl(), daytona.url());
    QCOMPARE(reread.daytonaTarget(), QStringLiteral("eu"));

    // Test with the stored key (nothing typed).
    auto *result = child<QLabel>(&dialog, QStringLiteral("daytonaTestResult"));
    child<QPushButton>(&dialog, QStringLiteral("daytonaTestButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("the key works")), 20000);
    QCOMPARE(daytona.lastBearer(), "Bearer " + envKey);

    // Change the key: stored on Apply, used by the engine's next call.
    auto *key = child<QLineEdit>(&dialog, QStringLiteral("daytonaKeyEdit"));
    QTest::keyClicks(key, QString::fromLatin1(kGoodKey));
    QVERIFY(dialog.apply());
    QTRY_VERIFY_WITH_TIMEOUT(key->text().isEmpty(), 20000);
    QCOMPARE(KeychainTest::read(store, QStringLiteral("daytona"))->value.toLatin1(), kGoodKey);
    QTRY_COMPARE_WITH_TIMEOUT(m_context->daytona().config().apiKey.toLatin1(), kGoodKey, 20000);

    // Forget: the keychain's key is gone, the .env one is used again.
    auto *forget = child<QPushButton>(&dialog, QStringLiteral("daytonaForgetKeyButton"));
    QVERIFY(forget->isEnabled());
    forget->click();
    QTRY_VERIFY_WITH_TIMEOUT(source->text().contains(QLatin1String(".env file")), 20000);
    qInfo().noquote() << "tried: Forget, result:" << source->text();
    QCOMPARE(KeychainTest::read(store, QStringLiteral("daytona"))->status,
             KeyStoreResult::Status::NotFound);
    QTRY_COMPARE_WITH_TIMEOUT(m_context->daytona().config().apiKey.toLatin1(), envKey, 20000);
    QCOMPARE(KeychainTest::filesContaining(m_context->paths().dataDir(), kGoodKey), QStringList());
}

void TestDaytonaAccount::engineUsesTheKeychainKeyWithoutRestart()
{
    FakeDaytonaAccount daytona;
    const QByteArray envKey = "dtn_env_key_loses_to_keychain";
    KeyStore store(QStringLiteral("agent-studio"));
    QVERIFY(
        KeychainTest::write(store, QStringLiteral("daytona"), QString::fromLatin1(kGoodKey))->ok());
    const StudioPaths paths = m_context->paths();
    m_context.reset();
    {
        Settings settings(paths.settingsFile());
        settings.setDaytonaApiUrl(daytona.url());
        settings.setSandboxProvider(QStringLiteral("daytona"));
    }
    qputenv("DAYTONA_API_KEY", envKey); // the keychain comes first, as for model keys
    m_context = openContext(m_dir->filePath(QStringLiteral("data")));
    LogFile log(m_context->paths().logDir(), m_context->redactor());
    QVERIFY(log.install(false));

    // Built at once, as the window does at start: nothing waits for the keychain.
    QString error;
    QVERIFY2(m_context->agentEngine(&error), qPrintable(error));
    SandboxBackend &backend = m_context->sandboxes();
    QTRY_COMPARE_WITH_TIMEOUT(backend.cloudConfig().apiKey.toLatin1(), kGoodKey, 20000);
    QCOMPARE(m_context->daytona().keySource(), QStringLiteral("OS keychain"));
    QCOMPARE(backend.defaultProvider(), SandboxBackend::daytona());

    SandboxService &sandboxes = m_context->sandboxService();
    QSignalSpy refreshed(&sandboxes, &SandboxService::refreshed);
    sandboxes.refresh();
    QVERIFY(refreshed.wait(20000));
    QVERIFY2(refreshed.last().at(0).toBool(), qPrintable(sandboxes.lastError()));
    QCOMPARE(sandboxes.sandboxes().size(), 1);
    QCOMPARE(sandboxes.sandboxes().first().sandbox.id, QStringLiteral("sb-from-keychain"));
    QCOMPARE(sandboxes.sandboxes().first().provider, SandboxBackend::daytona());
    qInfo().noquote() << "tried: list with the keychain's key, result: Authorization"
                      << (daytona.lastBearer() == "Bearer " + kGoodKey ? "carries it" : "wrong")
                      << "and" << sandboxes.sandboxes().size() << "sandbox listed";
    QCOMPARE(daytona.lastBearer(), "Bearer " + kGoodKey);

    // A key changed in Settings (the keychain) is used by the next call, without a restart.
    const QByteArray newKey = "dtn_rotated_key_5d3a";
    daytona.accepted.append(newKey);
    const qsizetype listsBefore = refreshed.count();
    QVERIFY(KeychainTest::write(m_context->keyStore(), QStringLiteral("daytona"),
                                QString::fromLatin1(newKey))
                ->ok());
    QTRY_COMPARE_WITH_TIMEOUT(backend.cloudConfig().apiKey.toLatin1(), newKey, 20000);
    // The list is asked again with it.
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > listsBefore, 20000);
    QCOMPARE(daytona.lastBearer(), "Bearer " + newKey);

    // Removed from the keychain: the environment's key is next.
    KeychainTest::remove(m_context->keyStore(), QStringLiteral("daytona"));
    QTRY_COMPARE_WITH_TIMEOUT(backend.cloudConfig().apiKey.toLatin1(), envKey, 20000);

    // No key value reached the log file.
    QFile logFile(log.fileName());
    QVERIFY(logFile.open(QIODevice::ReadOnly));
    const QByteArray logged = logFile.readAll();
    qInfo().noquote() << "tried: grep the log for the keys, result:"
                      << (logged.contains(kGoodKey) || logged.contains(newKey)
                                  || logged.contains(envKey)
                              ? "found"
                              : "absent");
    QVERIFY(logged.contains("Daytona account"));
    QVERIFY(!logged.contains(kGoodKey));
    QVERIFY(!logged.contains(newKey));
    QVERIFY(!logged.contains(envKey));
}

void TestDaytonaAccount::cliFindsTheKeyInTheKeychain()
{
    FakeDaytonaAccount daytona;
    KeyStore store(QStringLiteral("agent-studio"));
    QVERIFY(
        KeychainTest::write(store, QStringLiteral("daytona"), QString::fromLatin1(kGoodKey))->ok());
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DAYTONA_API_KEY"));
    env.insert(QStringLiteral("DAYTONA_API_URL"), daytona.url());
    cli.setProcessEnvironment(env);
    QSignalSpy finished(&cli, &QProcess::finished);
    cli.start(QStringLiteral(AGENT_STUDIO_BIN),
              {QStringLiteral("--data-dir"), m_dir->filePath(QStringLiteral("cli")),
               QStringLiteral("sandboxes"), QStringLiteral("list"), QStringLiteral("--sandbox"),
               QStringLiteral("daytona")});
    QVERIFY(finished.wait(60000));
    const QByteArray out = cli.readAllStandardOutput();
    const QByteArray err = cli.readAllStandardError();
    qInfo().noquote() << "tried: agent-studio sandboxes list --sandbox daytona with the key only "
                         "in the keychain, result: exit"
                      << cli.exitCode() << out.trimmed() << err.trimmed();
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY(out.contains("sb-from-keychain"));
    QCOMPARE(daytona.lastBearer(), "Bearer " + kGoodKey);
    QVERIFY(!out.contains(kGoodKey) && !err.contains(kGoodKey));
}

QTEST_MAIN(TestDaytonaAccount)
#include "tst_daytonaaccount.moc"
