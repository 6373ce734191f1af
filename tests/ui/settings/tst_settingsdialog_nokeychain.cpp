// The settings dialog without a usable keychain, run twice as tst_keystore_nosecretservice is:
// on a bare D-Bus session where nothing provides org.freedesktop.secrets (--no-keyring), and
// with a gnome-keyring that is activated on demand but never unlocked (--locked-keyring, the
// usual headless case). It says so in place, keeps a key entered
// for this session only, says where that key lives, and writes it to no file.
#include "KeychainTestHelpers.h"
#include "SettingsTestSupport.h"

#include "settings/FirstRunWizard.h"
#include "settings/SettingsDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>

using namespace SettingsTest;

class TestSettingsDialogNoKeychain final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void saysSoInPlaceAndKeepsTheKeyForThisSession();
    void wizardImportSaysNothingCanBeImported();
};

void TestSettingsDialogNoKeychain::initTestCase()
{
    if (KeychainTest::sessionDir().isEmpty()
        || !QStringList({QStringLiteral("none"), QStringLiteral("locked")})
                .contains(qEnvironmentVariable("WITH_KEYRING_MODE")))
        QFAIL("Run this test through ctest: it needs with-keyring.sh --no-keyring or "
              "--locked-keyring, which give it a private D-Bus session without a usable Secret "
              "Service.");
    QVERIFY(QDir::setCurrent(qEnvironmentVariable("HOME")));
    clearKeyEnvironment();
}

void TestSettingsDialogNoKeychain::saysSoInPlaceAndKeepsTheKeyForThisSession()
{
    QTemporaryDir dir;
    auto context = openContext(dir.path());
    const QString secret = QStringLiteral("sk-no-keychain-5d0e");
    SettingsDialog dialog(servicesOf(*context), context->paths());
    dialog.open();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *status = child<QLabel>(&dialog, QStringLiteral("keychainStatusLabel"));
    QTRY_COMPARE_WITH_TIMEOUT(context->keyStore().availability(),
                              KeyStore::Availability::Unavailable, 30000);
    // What is wrong, what it means for the keys, and the keychain's own reason.
    QVERIFY2(status->text().contains(QLatin1String("No OS keychain is available")),
             qPrintable(status->text()));
    QVERIFY(status->text().contains(QLatin1String("kept in memory for this session only")));
    QVERIFY(status->text().contains(context->keyStore().unavailableReason()));
    QVERIFY(status->text().contains(QLatin1String("org.freedesktop.secrets")));
    QVERIFY(status->isVisible());

    QTest::keyClicks(child<QLineEdit>(&dialog, QStringLiteral("providerKeyEdit_deepseek")), secret);
    child<QPushButton>(&dialog, QStringLiteral("settingsApplyButton"))->click();
    auto *source = child<QLabel>(&dialog, QStringLiteral("keySourceLabel_deepseek"));
    QTRY_COMPARE_WITH_TIMEOUT(
        source->text(), QStringLiteral("Kept in memory for this session only (no OS keychain)."),
        20000);
    // The agent finds it for this run ...
    const auto resolved = KeychainTest::resolve(context->keys(), QStringLiteral("deepseek"));
    QVERIFY(resolved && resolved->found());
    QCOMPARE(resolved->value, secret);
    // ... and no file holds it.
    context->settings().sync();
    QCOMPARE(KeychainTest::filesContaining(dir.path(), secret.toUtf8()), QStringList());
    QCOMPARE(KeychainTest::filesContaining(KeychainTest::sessionDir(), secret.toUtf8()),
             QStringList());
}

void TestSettingsDialogNoKeychain::wizardImportSaysNothingCanBeImported()
{
    qputenv("MISTRAL_API_KEY", "mistral-env-key-1");
    QTemporaryDir dir;
    auto context = openContext(dir.path());
    // Let the store find out first, as the settings dialog or the first key lookup would.
    context->keyStore().probe();
    QTRY_COMPARE_WITH_TIMEOUT(context->keyStore().availability(),
                              KeyStore::Availability::Unavailable, 30000);
    QWidget window;
    auto *wizard = new FirstRunWizard(servicesOf(*context), &window);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->open();
    child<QRadioButton>(wizard, QStringLiteral("firstRunImportRadio"))->click();
    child<QPushButton>(wizard, QStringLiteral("firstRunNextButton"))->click();
    auto *status = child<QLabel>(wizard, QStringLiteral("firstRunImportStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("nothing can be imported")),
                             20000);
    auto *list = child<QListWidget>(wizard, QStringLiteral("firstRunImportList"));
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->text(), QStringLiteral("MISTRAL_API_KEY in the environment"));
    qunsetenv("MISTRAL_API_KEY");
}

QTEST_MAIN(TestSettingsDialogNoKeychain)
#include "tst_settingsdialog_nokeychain.moc"
