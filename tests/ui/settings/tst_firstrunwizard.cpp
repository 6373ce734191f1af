// The first-run wizard on the offscreen platform, with a private gnome-keyring
// (tests/tools/with-keyring.sh) and a local Ollama-shaped server: when it is offered, and each
// way through it setting the default model.
#include "FakeLlmServer.h"
#include "KeychainTestHelpers.h"
#include "SettingsTestSupport.h"

#include "llm/LlmClient.h"
#include "settings/FirstRunWizard.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>

using namespace SettingsTest;

class TestFirstRunWizard final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void localServerSetsTheDefaultModel();
    void localServerNeedsAModel();
    void pastedKeyGoesToTheKeychain();
    void importShowsNamesNotValues();
    void notOfferedWhenTheKeychainHasAKey();

private:
    FirstRunWizard *openWizard();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_context;
    std::unique_ptr<QWidget> m_window;
};

void TestFirstRunWizard::initTestCase()
{
    if (KeychainTest::sessionDir().isEmpty())
        QFAIL("Run this test through ctest: it needs tests/tools/with-keyring.sh, which gives it a "
              "private keyring instead of yours.");
    QVERIFY(QDir::setCurrent(qEnvironmentVariable("HOME")));
    clearKeyEnvironment();
}

void TestFirstRunWizard::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_context = openContext(m_dir->path());
    m_window = std::make_unique<QWidget>();
    m_window->show();
    // Each test starts with an empty keychain.
    KeyStore store(QStringLiteral("agent-studio"));
    for (const QString &provider : KeyCatalog::providers())
        KeychainTest::remove(store, provider);
}

void TestFirstRunWizard::cleanup()
{
    m_window.reset();
    m_context.reset();
    m_dir.reset();
}

FirstRunWizard *TestFirstRunWizard::openWizard()
{
    FirstRunWizard *opened = nullptr;
    FirstRunWizard::openIfNeeded(servicesOf(*m_context), m_window.get(),
                                 [&opened](FirstRunWizard *wizard) { opened = wizard; });
    if (!QTest::qWaitFor([&opened] { return opened != nullptr; }, 20000))
        qWarning("the wizard was not opened");
    return opened;
}

void TestFirstRunWizard::localServerSetsTheDefaultModel()
{
    FakeLlmServer server;
    QVERIFY(server.listen());
    server.setRoute("/v1/models",
                    FakeResponse::json(200, readData(QStringLiteral("ollama-v1-models.json"))));
    QVERIFY(FirstRunWizard::isNeeded(servicesOf(*m_context)));
    QPointer<FirstRunWizard> wizard = openWizard();
    QVERIFY(wizard);
    QVERIFY(wizard->isVisible());
    QCOMPARE(wizard->objectName(), QStringLiteral("firstRunWizard"));
    // Nothing to import here.
    QVERIFY(!child<QRadioButton>(wizard, QStringLiteral("firstRunImportRadio"))->isEnabled());

    child<QRadioButton>(wizard, QStringLiteral("firstRunLocalServerRadio"))->click();
    child<QPushButton>(wizard, QStringLiteral("firstRunNextButton"))->click();
    QCOMPARE(wizard->currentId(), int(FirstRunWizard::LocalServerPage));
    auto *url = child<QLineEdit>(wizard, QStringLiteral("firstRunBaseUrlEdit"));
    QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:11434/v1"));
    auto *server_ = child<QComboBox>(wizard, QStringLiteral("firstRunLocalServerCombo"));
    server_->setCurrentIndex(server_->findData(QStringLiteral("lmstudio")));
    QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:1234/v1"));
    server_->setCurrentIndex(server_->findData(QStringLiteral("ollama")));

    url->setText(server.baseUrl().toString());
    child<QPushButton>(wizard, QStringLiteral("firstRunTestButton"))->click();
    auto *models = child<QComboBox>(wizard, QStringLiteral("firstRunModelCombo"));
    QTRY_COMPARE_WITH_TIMEOUT(models->count(), 2, 20000);
    QCOMPARE(child<QLabel>(wizard, QStringLiteral("firstRunTestResult"))->text(),
             QStringLiteral("2 models available."));
    QCOMPARE(server.requests().size(), 1);
    QVERIFY(!server.requests().first().headers.contains("authorization"));
    models->setCurrentIndex(models->findText(QStringLiteral("qwen2.5-coder:7b")));

    child<QPushButton>(wizard, QStringLiteral("firstRunFinishButton"))->click();
    QTRY_VERIFY(!wizard); // closed and deleted

    Settings reread(m_context->paths().settingsFile());
    QCOMPARE(reread.defaultModel(), QStringLiteral("ollama/qwen2.5-coder:7b"));
    QVERIFY(reread.firstRunDone());
    QCOMPARE(reread.providerBaseUrl(QStringLiteral("ollama")), server.baseUrl().toString());
    QCOMPARE(m_context->llm().endpoint(QStringLiteral("ollama"), QString()).baseUrl,
             server.baseUrl());
    QVERIFY(!FirstRunWizard::isNeeded(servicesOf(*m_context)));
}

void TestFirstRunWizard::localServerNeedsAModel()
{
    QPointer<FirstRunWizard> wizard = openWizard();
    QVERIFY(wizard);
    child<QRadioButton>(wizard, QStringLiteral("firstRunLocalServerRadio"))->click();
    child<QPushButton>(wizard, QStringLiteral("firstRunNextButton"))->click();
    // Nothing listens here: the error says so in place.
    child<QLineEdit>(wizard, QStringLiteral("firstRunBaseUrlEdit"))
        ->setText(QStringLiteral("http://127.0.0.1:1/v1"));
    child<QPushButton>(wizard, QStringLiteral("firstRunTestButton"))->click();
    auto *result = child<QLabel>(wizard, QStringLiteral("firstRunTestResult"));
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("127.0.0.1:1")), 20000);
    child<QPushButton>(wizard, QStringLiteral("firstRunFinishButton"))->click();
    QVERIFY(wizard && wizard->isVisible());
    QVERIFY2(result->text().contains(QLatin1String("Pick a model")), qPrintable(result->text()));
    QVERIFY(!Settings(m_context->paths().settingsFile()).firstRunDone());
    wizard->reject();
}

void TestFirstRunWizard::pastedKeyGoesToTheKeychain()
{
    const QString secret = QStringLiteral("sk-ant-wizard-9c21");
    QPointer<FirstRunWizard> wizard = openWizard();
    QVERIFY(wizard);
    child<QPushButton>(wizard, QStringLiteral("firstRunNextButton"))->click(); // paste is default
    QCOMPARE(wizard->currentId(), int(FirstRunWizard::KeyPage));
    auto *provider = child<QComboBox>(wizard, QStringLiteral("firstRunProviderCombo"));
    QVERIFY(provider->findData(QStringLiteral("ollama")) < 0); // no key to paste for local ones
    provider->setCurrentIndex(provider->findData(QStringLiteral("anthropic")));
    auto *model = child<QComboBox>(wizard, QStringLiteral("firstRunKeyModelCombo"));
    QVERIFY(model->currentText().startsWith(QLatin1String("anthropic/")));
    model->setCurrentText(QStringLiteral("anthropic/claude-sonnet-4-5"));

    // Finishing without a key says what to do.
    child<QPushButton>(wizard, QStringLiteral("firstRunFinishButton"))->click();
    auto *status = child<QLabel>(wizard, QStringLiteral("firstRunKeyStatus"));
    QVERIFY(status->text().contains(QLatin1String("Paste the key")));
    QVERIFY(wizard->isVisible());

    auto *edit = child<QLineEdit>(wizard, QStringLiteral("firstRunKeyEdit"));
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QTest::keyClicks(edit, secret);
    child<QPushButton>(wizard, QStringLiteral("firstRunFinishButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!wizard, 20000);

    KeyStore store(QStringLiteral("agent-studio"));
    const auto stored = KeychainTest::read(store, QStringLiteral("anthropic"));
    QVERIFY(stored && stored->ok());
    QCOMPARE(stored->value, secret);
    Settings reread(m_context->paths().settingsFile());
    QCOMPARE(reread.defaultModel(), QStringLiteral("anthropic/claude-sonnet-4-5"));
    QVERIFY(reread.firstRunDone());
    QCOMPARE(KeychainTest::filesContaining(m_dir->path(), secret.toUtf8()), QStringList());
}

void TestFirstRunWizard::importShowsNamesNotValues()
{
    const QByteArray secret = "sk-or-from-env-3e55";
    qputenv("OPENROUTER_API_KEY", secret);
    m_context = openContext(m_dir->path());
    QVERIFY(
        !FirstRunWizard::isNeeded(servicesOf(*m_context))); // a key is found: no wizard at start
    // Opened from elsewhere (Settings, a menu), the import path is offered.
    auto *wizard = new FirstRunWizard(servicesOf(*m_context), m_window.get());
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<FirstRunWizard> guard(wizard);
    wizard->open();
    auto *import = child<QRadioButton>(wizard, QStringLiteral("firstRunImportRadio"));
    QVERIFY(import->isEnabled());
    QVERIFY(import->text().contains(QLatin1String("OPENROUTER_API_KEY")));
    import->click();
    child<QPushButton>(wizard, QStringLiteral("firstRunNextButton"))->click();
    auto *list = child<QListWidget>(wizard, QStringLiteral("firstRunImportList"));
    QTRY_COMPARE_WITH_TIMEOUT(list->count(), 1, 20000);
    QCOMPARE(list->item(0)->text(), QStringLiteral("OPENROUTER_API_KEY in the environment"));
    QCOMPARE(list->item(0)->checkState(), Qt::Checked);
    auto *model = child<QComboBox>(wizard, QStringLiteral("firstRunImportModelCombo"));
    QVERIFY(model->currentText().startsWith(QLatin1String("openrouter/")));
    for (const QLabel *label : wizard->findChildren<QLabel *>())
        QVERIFY(!label->text().contains(QString::fromLatin1(secret)));

    child<QPushButton>(wizard, QStringLiteral("firstRunFinishButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!guard, 20000);
    KeyStore store(QStringLiteral("agent-studio"));
    const auto stored = KeychainTest::read(store, QStringLiteral("openrouter"));
    QVERIFY(stored && stored->ok());
    QCOMPARE(stored->value, QString::fromLatin1(secret));
    QVERIFY(Settings(m_context->paths().settingsFile())
                .defaultModel()
                .startsWith(QLatin1String("openrouter/")));
    qunsetenv("OPENROUTER_API_KEY");
}

void TestFirstRunWizard::notOfferedWhenTheKeychainHasAKey()
{
    KeyStore store(QStringLiteral("agent-studio"));
    QVERIFY(KeychainTest::write(store, QStringLiteral("xai"), QStringLiteral("xai-key"))->ok());
    QVERIFY(FirstRunWizard::isNeeded(
        servicesOf(*m_context))); // the quick check cannot see the keychain
    bool opened = false;
    FirstRunWizard::openIfNeeded(servicesOf(*m_context), m_window.get(),
                                 [&opened](FirstRunWizard *) { opened = true; });
    // Answered once the keychain was asked: the key stored another way counts.
    QTRY_VERIFY_WITH_TIMEOUT(m_context->settings().firstRunDone(), 20000);
    QVERIFY(!opened);
    QVERIFY(!m_window->findChild<FirstRunWizard *>());
}

QTEST_MAIN(TestFirstRunWizard)
#include "tst_firstrunwizard.moc"
