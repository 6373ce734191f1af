// The settings dialog on the offscreen platform against a real Secret Service (a private
// gnome-keyring, tests/tools/with-keyring.sh): keys saved to the keychain and read back, where
// a key comes from, Test listing models from a local OpenAI-shaped server, and settings that
// persist and reach the services.
#include "FakeLlmServer.h"
#include "KeychainTestHelpers.h"
#include "SettingsTestSupport.h"
#include "agent/AgentEngine.h"

#include "agent/ApprovalPolicy.h"
#include "llm/LlmClient.h"
#include "settings/SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>

using namespace SettingsTest;

class TestSettingsDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void savesKeyToTheKeychain();
    void forgetRemovesTheKey();
    void sourceSaysEnvironment();
    void sourceSaysDotEnvFile();
    void testListsModels();
    void testShowsTheErrorInPlace();
    void settingsPersistAndReachTheServices();
    void badInputIsShownAndNothingIsSaved();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_context;
};

void TestSettingsDialog::initTestCase()
{
    if (KeychainTest::sessionDir().isEmpty())
        QFAIL("Run this test through ctest: it needs tests/tools/with-keyring.sh, which gives it a "
              "private keyring instead of yours.");
    // No .env file from the build folder.
    QVERIFY(QDir::setCurrent(qEnvironmentVariable("HOME")));
    clearKeyEnvironment();
}

void TestSettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_context = openContext(m_dir->path());
}

void TestSettingsDialog::cleanup()
{
    m_context.reset();
    m_dir.reset();
}

void TestSettingsDialog::savesKeyToTheKeychain()
{
    const QString secret = QStringLiteral("sk-settings-dialog-4f1c9a7e");
    SettingsDialog dialog(servicesOf(*m_context), m_context->paths());
    dialog.open();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *status = child<QLabel>(&dialog, QStringLiteral("keychainStatusLabel"));
    QTRY_COMPARE_WITH_TIMEOUT(m_context->keyStore().availability(),
                              KeyStore::Availability::Available, 20000);
    QVERIFY2(status->text().contains(QLatin1String("stored in the OS keychain")),
             qPrintable(status->text()));

    auto *source = child<QLabel>(&dialog, QStringLiteral("keySourceLabel_openai"));
    QTRY_COMPARE_WITH_TIMEOUT(source->text(), QStringLiteral("No key set."), 10000);
    auto *edit = child<QLineEdit>(&dialog, QStringLiteral("providerKeyEdit_openai"));
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    edit->setFocus();
    QTest::keyClicks(edit, secret);
    // Show reveals what is being typed, and hides it again.
    auto *show = child<QToolButton>(&dialog, QStringLiteral("providerShowKeyButton_openai"));
    show->click();
    QCOMPARE(edit->echoMode(), QLineEdit::Normal);
    show->click();
    QCOMPARE(edit->echoMode(), QLineEdit::Password);

    child<QPushButton>(&dialog, QStringLiteral("settingsApplyButton"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(source->text(), QStringLiteral("Stored in the OS keychain."), 20000);
    QVERIFY(edit->text().isEmpty());
    QVERIFY(dialog.isVisible()); // Apply keeps the dialog open
    QVERIFY(
        child<QPushButton>(&dialog, QStringLiteral("providerForgetKeyButton_openai"))->isEnabled());

    // Read back through another store, as the next run of the app would.
    KeyStore other(QStringLiteral("agent-studio"));
    const auto stored = KeychainTest::read(other, QStringLiteral("openai"));
    QVERIFY(stored.has_value());
    QVERIFY2(stored->ok(), qPrintable(stored->message));
    QCOMPARE(stored->location, KeyStoreResult::Location::Keychain);
    QCOMPARE(stored->value, secret);
    // And the key is in no file: not the settings, not the database, not the home folder.
    m_context->settings().sync();
    QCOMPARE(KeychainTest::filesContaining(m_dir->path(), secret.toUtf8()), QStringList());
    QCOMPARE(KeychainTest::filesContaining(qEnvironmentVariable("HOME"), secret.toUtf8()),
             QStringList());
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        QVERIFY(!label->text().contains(secret));
    QVERIFY(m_context->settings().firstRunDone());
}

void TestSettingsDialog::forgetRemovesTheKey()
{
    KeyStore store(QStringLiteral("agent-studio"));
    QVERIFY(KeychainTest::write(store, QStringLiteral("mistral"), QStringLiteral("m-key-1"))->ok());
    SettingsDialog dialog(servicesOf(*m_context), m_context->paths());
    dialog.open();
    auto *source = child<QLabel>(&dialog, QStringLiteral("keySourceLabel_mistral"));
    QTRY_COMPARE_WITH_TIMEOUT(source->text(), QStringLiteral("Stored in the OS keychain."), 20000);
    auto *forget = child<QPushButton>(&dialog, QStringLiteral("providerForgetKeyButton_mistral"));
    QTRY_VERIFY(forget->isEnabled());
    forget->click();
    QTRY_COMPARE_WITH_TIMEOUT(source->text(), QStringLiteral("No key set."), 20000);
    QCOMPARE(KeychainTest::read(store, QStringLiteral("mistral"))->status,
             KeyStoreResult::Status::NotFound);
}

void TestSettingsDialog::sourceSaysEnvironment()
{
    const QByteArray secret = "gsk-from-environment-77b2";
    qputenv("GROQ_API_KEY", secret);
    // The resolver reads the environment when the context opens.
    m_context = openContext(m_dir->path());
    SettingsDialog dialog(servicesOf(*m_context), m_context->paths());
    dialog.open();
    auto *source = child<QLabel>(&dialog, QStringLiteral("keySourceLabel_groq"));
    QTRY_COMPARE_WITH_TIMEOUT(source->text(),
                              QStringLiteral("From the environment variable GROQ_API_KEY."), 20000);
    QVERIFY(!source->text().contains(QString::fromLatin1(secret)));
    // Others are untouched.
    QTRY_COMPARE(child<QLabel>(&dialog, QStringLiteral("keySourceLabel_deepseek"))->text(),
                 QStringLiteral("No key set."));
    qunsetenv("GROQ_API_KEY");
}

void TestSettingsDialog::sourceSaysDotEnvFile()
{
    const QString secret = QStringLiteral("xai-from-dotenv-0b3f");
    const QString envFile = m_dir->filePath(QStringLiteral("project.env"));
    QFile file(envFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# keys for this project\nexport XAI_API_KEY=\"" + secret.toUtf8() + "\"\n");
    file.close();
    m_context = openContext(m_dir->path(), envFile);
    SettingsDialog dialog(servicesOf(*m_context), m_context->paths());
    dialog.open();
    auto *source = child<QLabel>(&dialog, QStringLiteral("keySourceLabel_xai"));
    QTRY_COMPARE_WITH_TIMEOUT(source->text(),
                              QStringLiteral("From the .env file %1 (XAI_API_KEY).")
                                  .arg(QDir::toNativeSeparators(envFile)),
                              20000);
    // Not a keychain entry: nothing to forget here.
    QVERIFY(
        !child<QPushButton>(&dialog, QStringLiteral("providerForgetKeyButton_xai"))->isEnabled());
}

void TestSettingsDialog::testListsModels()
{
    FakeLlmServer server;
    QVERIFY(server.listen());
    server.setRoute("/v1/models",
                    FakeResponse::json(200, readData(QStringLiteral("openai-v1-models.json"))));
    SettingsDialog dialog(servicesOf(*m_context), m_context->paths());
    dialog.open();
    auto *url = child<QLineEdit>(&dialog, QStringLiteral("providerBaseUrlEdit_openai"));
    QCOMPARE(url->placeholderText(), QStringLiteral("https://api.openai.com/v1"));
    url->setText(server.baseUrl().toString());
    // A typed key is used by Test before it is saved.
    QTest::keyClicks(child<QLineEdit>(&dialog, QStringLiteral("providerKeyEdit_openai")),
                     QStringLiteral("sk-typed-not-saved"));
    child<QPushButton>(&dialog, QStringLiteral("providerTestButton_openai"))->click();
    auto *result = child<QLabel>(&dialog, QStringLiteral("providerTestResult_openai"));
    QTRY_COMPARE_WITH_TIMEOUT(result->text(), QStringLiteral("3 models available."), 20000);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(server.requests().first().path, QByteArray("/v1/models"));
    QCOMPARE(server.requests().first().headers.value("authorization"),
             QByteArray("Bearer sk-typed-not-saved"));
    // The listed models are offered as the default model.
    auto *models = child<QComboBox>(&dialog, QStringLiteral("defaultModelCombo"));
    QVERIFY(models->findText(QStringLiteral("openai/o4-mini")) >= 0);
    QVERIFY(models->findText(QStringLiteral("openai/gpt-4.1")) >= 0);

    // A local server needs no key.
    server.setRoute("/v1/models",
                    FakeResponse::json(200, readData(QStringLiteral("ollama-v1-models.json"))));
    child<QLineEdit>(&dialog, QStringLiteral("providerBaseUrlEdit_ollama"))
        ->setText(server.baseUrl().toString());
    child<QPushButton>(&dialog, QStringLiteral("providerTestButton_ollama"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(
        child<QLabel>(&dialog, QStringLiteral("providerTestResult_ollama"))->text(),
        QStringLiteral("2 models available."), 20000);
    QVERIFY(models->findText(QStringLiteral("ollama/qwen2.5-coder:7b")) >= 0);
}

void TestSettingsDialog::testShowsTheErrorInPlace()
{
    FakeLlmServer server;
    QVERIFY(server.listen());
    server.setRoute(
        "/v1/models",
        FakeResponse::json(
            401,
            R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})"));
    SettingsDialog dialog(servicesOf(*m_context), m_context->paths());
    dialog.open();
    auto *result = child<QLabel>(&dialog, QStringLiteral("providerTestResult_anthropic"));

    // No key anywhere: says which variable or field, sends nothing.
    child<QPushButton>(&dialog, QStringLiteral("providerTestButton_anthropic"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("ANTHROPIC_API_KEY")), 20000);
    QCOMPARE(server.requests().size(), 0);

    child<QLineEdit>(&dialog, QStringLiteral("providerBaseUrlEdit_anthropic"))
        ->setText(server.baseUrl().toString());
    QTest::keyClicks(child<QLineEdit>(&dialog, QStringLiteral("providerKeyEdit_anthropic")),
                     QStringLiteral("sk-ant-wrong"));
    child<QPushButton>(&dialog, QStringLiteral("providerTestButton_anthropic"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QLatin1String("rejected the API key")), 20000);
    QVERIFY(!result->text().contains(QLatin1String("sk-ant-wrong")));
    QCOMPARE(server.requests().last().headers.value("x-api-key"), QByteArray("sk-ant-wrong"));

    // A server that is not there.
    child<QLineEdit>(&dialog, QStringLiteral("providerBaseUrlEdit_lmstudio"))
        ->setText(QStringLiteral("http://127.0.0.1:1/v1"));
    child<QPushButton>(&dialog, QStringLiteral("providerTestButton_lmstudio"))->click();
    auto *lmstudio = child<QLabel>(&dialog, QStringLiteral("providerTestResult_lmstudio"));
    QTRY_VERIFY_WITH_TIMEOUT(lmstudio->text().contains(QLatin1String("127.0.0.1:1")), 20000);
}

void TestSettingsDialog::settingsPersistAndReachTheServices()
{
    QCOMPARE(m_context->approvalPolicy().preset(), ApprovalPolicy::Preset::Default);
    auto dialog = std::make_unique<SettingsDialog>(servicesOf(*m_context), m_context->paths());
    QSignalSpy applied(dialog.get(), &SettingsDialog::settingsApplied);
    dialog->open();
    auto *model = child<QComboBox>(dialog.get(), QStringLiteral("defaultModelCombo"));
    QCOMPARE(model->currentText(), QStringLiteral("openai/gpt-4o-mini"));
    model->setCurrentText(QStringLiteral("anthropic/claude-haiku-4-5"));
    auto *policy = child<QComboBox>(dialog.get(), QStringLiteral("approvalPolicyCombo"));
    auto *help = child<QLabel>(dialog.get(), QStringLiteral("approvalPolicyHelp"));
    const QString defaultHelp = help->text();
    policy->setCurrentIndex(policy->findData(QStringLiteral("never-ask")));
    QVERIFY(help->text() != defaultHelp);
    QVERIFY(help->text().contains(QLatin1String("only boundary")));
    auto *provider = child<QComboBox>(dialog.get(), QStringLiteral("sandboxProviderCombo"));
    provider->setCurrentIndex(provider->findData(QStringLiteral("local")));
    child<QCheckBox>(dialog.get(), QStringLiteral("localSandboxNetworkCheck"))->setChecked(true);
    // The network setting says it applies to new sandboxes (old ones keep theirs; the list
    // shows each), and takes an optional allowlist.
    QVERIFY(child<QCheckBox>(dialog.get(), QStringLiteral("localSandboxNetworkCheck"))
                ->text()
                .contains(QLatin1String("New local sandboxes")));
    auto *allowList = child<QLineEdit>(dialog.get(), QStringLiteral("localSandboxAllowListEdit"));
    QVERIFY(allowList->isEnabled());
    allowList->setText(QStringLiteral("10.0.0.0/8, pypi.org"));
    child<QCheckBox>(dialog.get(), QStringLiteral("deleteSandboxesWithThreadCheck"))
        ->setChecked(true);
    child<QSpinBox>(dialog.get(), QStringLiteral("autoStopMinutesSpin"))->setValue(45);
    QSpinBox *autoDelete = child<QSpinBox>(dialog.get(), QStringLiteral("autoDeleteDaysSpin"));
    QCOMPARE(autoDelete->text(), QStringLiteral("Never")); // the default
    autoDelete->setValue(7);
    QCOMPARE(child<QSpinBox>(dialog.get(), QStringLiteral("commandTimeoutMinutesSpin"))->value(),
             30);
    child<QSpinBox>(dialog.get(), QStringLiteral("commandTimeoutMinutesSpin"))->setValue(90);
    child<QLineEdit>(dialog.get(), QStringLiteral("providerBaseUrlEdit_openai"))
        ->setText(QStringLiteral("http://127.0.0.1:8080/v1/"));
    QCOMPARE(child<QLineEdit>(dialog.get(), QStringLiteral("dataFolderEdit"))->text(),
             QDir::toNativeSeparators(m_context->paths().dataDir()));

    child<QPushButton>(dialog.get(), QStringLiteral("settingsOkButton"))->click();
    QVERIFY(!dialog->isVisible());
    QCOMPARE(dialog->result(), int(QDialog::Accepted));

    // The dialog says so (the window then hands the policy and sandbox defaults to the
    // services, tst_mainwindow); the base URLs reach the LLM client at once.
    QCOMPARE(applied.size(), 1);
    QCOMPARE(m_context->llm().endpoint(QStringLiteral("openai"), QStringLiteral("k")).baseUrl,
             QUrl(QStringLiteral("http://127.0.0.1:8080/v1")));

    // Another Settings object on the same file, as the next run reads it.
    Settings reread(m_context->paths().settingsFile());
    QCOMPARE(reread.defaultModel(), QStringLiteral("anthropic/claude-haiku-4-5"));
    QCOMPARE(reread.approvalPolicy(), QStringLiteral("never-ask"));
    QCOMPARE(reread.sandboxProvider(), QStringLiteral("local"));
    QVERIFY(reread.localSandboxNetwork());
    QCOMPARE(reread.localSandboxAllowList(), QStringLiteral("10.0.0.0/8, pypi.org"));
    QVERIFY(reread.deleteSandboxesWithThread());
    QCOMPARE(reread.sandboxAutoStopMinutes(), 45);
    QCOMPARE(reread.sandboxAutoDeleteDays(), 7);
    QCOMPARE(reread.commandTimeoutMinutes(), 90);
    QCOMPARE(reread.providerBaseUrl(QStringLiteral("openai")),
             QStringLiteral("http://127.0.0.1:8080/v1/"));
    QCOMPARE(reread.providerBaseUrl(QStringLiteral("anthropic")), QString());

    // The next run's services take them when they are built, and a new dialog shows them.
    dialog.reset();
    m_context = openContext(m_dir->path());
    QCOMPARE(m_context->approvalPolicy().preset(), ApprovalPolicy::Preset::NeverAsk);
    QCOMPARE(m_context->llm().endpoint(QStringLiteral("openai"), QStringLiteral("k")).baseUrl,
             QUrl(QStringLiteral("http://127.0.0.1:8080/v1")));
    SettingsDialog again(servicesOf(*m_context), m_context->paths());
    QCOMPARE(child<QComboBox>(&again, QStringLiteral("defaultModelCombo"))->currentText(),
             QStringLiteral("anthropic/claude-haiku-4-5"));
    QCOMPARE(child<QComboBox>(&again, QStringLiteral("approvalPolicyCombo"))->currentData(),
             QVariant(QStringLiteral("never-ask")));
    QCOMPARE(child<QComboBox>(&again, QStringLiteral("sandboxProviderCombo"))->currentData(),
             QVariant(QStringLiteral("local")));
    QVERIFY(child<QCheckBox>(&again, QStringLiteral("localSandboxNetworkCheck"))->isChecked());
    QCOMPARE(child<QSpinBox>(&again, QStringLiteral("autoStopMinutesSpin"))->value(), 45);
    QCOMPARE(child<QSpinBox>(&again, QStringLiteral("autoDeleteDaysSpin"))->value(), 7);
    // The engine creates sandboxes with it, in minutes.
    QString engineError;
    QVERIFY2(m_context->agentEngine(&engineError), qPrintable(engineError));
    qInfo("tried: auto-delete 7 days in Settings, result: the engine sends %d minutes",
          m_context->engine().sandboxAutoDeleteMinutes());
    QCOMPARE(m_context->engine().sandboxAutoDeleteMinutes(), 7 * 24 * 60);
}

void TestSettingsDialog::badInputIsShownAndNothingIsSaved()
{
    SettingsDialog dialog(servicesOf(*m_context), m_context->paths());
    dialog.open();
    auto *model = child<QComboBox>(&dialog, QStringLiteral("defaultModelCombo"));
    model->setCurrentText(QStringLiteral("gpt-4o"));
    child<QPushButton>(&dialog, QStringLiteral("settingsOkButton"))->click();
    QVERIFY(dialog.isVisible());
    auto *error = child<QLabel>(&dialog, QStringLiteral("defaultModelError"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1String("provider/model")), qPrintable(error->text()));
    QCOMPARE(Settings(m_context->paths().settingsFile()).defaultModel(),
             QStringLiteral("openai/gpt-4o-mini"));

    model->setCurrentText(QStringLiteral("openai/gpt-4o"));
    child<QLineEdit>(&dialog, QStringLiteral("providerBaseUrlEdit_groq"))
        ->setText(QStringLiteral("ftp://example.com"));
    child<QPushButton>(&dialog, QStringLiteral("settingsApplyButton"))->click();
    QVERIFY(!error->isVisible());
    auto *urlError = child<QLabel>(&dialog, QStringLiteral("providerTestResult_groq"));
    QVERIFY2(urlError->text().contains(QLatin1String("not an http(s) URL")),
             qPrintable(urlError->text()));
    QCOMPARE(Settings(m_context->paths().settingsFile()).defaultModel(),
             QStringLiteral("openai/gpt-4o-mini"));
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
