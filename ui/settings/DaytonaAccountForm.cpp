// DaytonaAccountForm: key, source, Forget/Import, URL, target and Test.
#include "DaytonaAccountForm.h"

#include "core/Settings.h"
#include "log/Redactor.h"
#include "sandbox/DaytonaAccountCheck.h"
#include "secrets/KeyStore.h"

#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>

#include <memory>

namespace {

const QString kAccount = QStringLiteral("daytona");

QLabel *wrappedLabel(QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

DaytonaAccountForm::DaytonaAccountForm(const SettingsServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
{
    setObjectName(QStringLiteral("daytonaAccountForm"));
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);

    m_keyEdit = new QLineEdit(this);
    m_keyEdit->setObjectName(QStringLiteral("daytonaKeyEdit"));
    m_keyEdit->setEchoMode(QLineEdit::Password);
    m_keyEdit->setClearButtonEnabled(true);
    m_keyEdit->setPlaceholderText(tr("Paste a key from the Daytona dashboard (Keys)"));
    m_keyEdit->setAccessibleName(tr("Daytona API key"));
    m_showKey = new QToolButton(this);
    m_showKey->setObjectName(QStringLiteral("daytonaShowKeyButton"));
    m_showKey->setText(tr("Show"));
    m_showKey->setCheckable(true);
    m_showKey->setToolTip(tr("Show the key you are typing (a stored key is never shown)"));
    connect(m_showKey, &QToolButton::toggled, m_keyEdit, [this](bool shown) {
        m_keyEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    auto *keyLine = new QHBoxLayout;
    keyLine->addWidget(m_keyEdit, 1);
    keyLine->addWidget(m_showKey);
    auto *keyLabel = new QLabel(tr("API &key:"), this);
    keyLabel->setBuddy(m_keyEdit);
    form->addRow(keyLabel, keyLine);

    m_source = wrappedLabel(this, "daytonaKeySourceLabel");
    m_forget = new QPushButton(tr("&Forget"), this);
    m_forget->setObjectName(QStringLiteral("daytonaForgetKeyButton"));
    m_forget->setToolTip(tr("Delete the Daytona key from the keychain"));
    m_forget->setEnabled(false);
    connect(m_forget, &QPushButton::clicked, this, &DaytonaAccountForm::forgetKey);
    m_import = new QPushButton(tr("&Import"), this);
    m_import->setObjectName(QStringLiteral("daytonaImportKeyButton"));
    m_import->setToolTip(tr("Copy the key found in the environment or the .env file into the "
                            "keychain, and its API URL and target into the settings"));
    m_import->setVisible(false);
    connect(m_import, &QPushButton::clicked, this, &DaytonaAccountForm::importKey);
    auto *sourceLine = new QHBoxLayout;
    sourceLine->addWidget(m_source, 1);
    sourceLine->addWidget(m_import);
    sourceLine->addWidget(m_forget);
    form->addRow(tr("Current key:"), sourceLine);

    m_url = new QLineEdit(m_services.settings.daytonaApiUrl(), this);
    m_url->setObjectName(QStringLiteral("daytonaApiUrlEdit"));
    const QString envUrl = m_services.keys.variable(QStringLiteral("DAYTONA_API_URL")).value;
    m_url->setPlaceholderText(envUrl.isEmpty() ? QString::fromLatin1(DaytonaConfig::kDefaultApiUrl)
                                               : envUrl);
    m_url->setToolTip(tr("Empty: DAYTONA_API_URL from the environment or .env, else Daytona's "
                         "own API"));
    auto *urlLabel = new QLabel(tr("API &URL:"), this);
    urlLabel->setBuddy(m_url);
    form->addRow(urlLabel, m_url);

    m_target = new QLineEdit(m_services.settings.daytonaTarget(), this);
    m_target->setObjectName(QStringLiteral("daytonaTargetEdit"));
    const QString envTarget = m_services.keys.variable(QStringLiteral("DAYTONA_TARGET")).value;
    m_target->setPlaceholderText(envTarget.isEmpty() ? tr("Optional: the region, e.g. us or eu")
                                                     : envTarget);
    auto *targetLabel = new QLabel(tr("Ta&rget:"), this);
    targetLabel->setBuddy(m_target);
    form->addRow(targetLabel, m_target);

    m_test = new QPushButton(tr("&Test"), this);
    m_test->setObjectName(QStringLiteral("daytonaTestButton"));
    m_test->setToolTip(tr("Ask Daytona for one sandbox with this key and URL; nothing is saved"));
    m_testResult = wrappedLabel(this, "daytonaTestResult");
    auto *testLine = new QHBoxLayout;
    testLine->addWidget(m_test);
    testLine->addWidget(m_testResult, 1);
    form->addRow(QString(), testLine);
    m_check = new DaytonaAccountCheck(this);
    connect(m_test, &QPushButton::clicked, this, &DaytonaAccountForm::test);
    connect(m_check, &DaytonaAccountCheck::finished, this, [this](bool ok, const QString &message) {
        m_testResult->setText(message);
        emit tested(ok, message);
    });

    connect(&m_services.keyStore, &KeyStore::keyChanged, this, [this](const QString &account) {
        if (account == kAccount)
            refreshKeySource();
    });
    refreshKeySource();
}

DaytonaAccountForm::~DaytonaAccountForm() = default;

QString DaytonaAccountForm::sourceDescription(const ResolvedKey &key)
{
    switch (key.source) {
    case ResolvedKey::Source::None:
        return tr("No key set: Daytona sandboxes cannot be used until you add one.");
    case ResolvedKey::Source::Keychain:
        return tr("Stored in the OS keychain.");
    case ResolvedKey::Source::SessionMemory:
        return tr("Kept in memory for this session only (no OS keychain).");
    case ResolvedKey::Source::Environment:
        return tr("From the environment variable %1 (not in the keychain).").arg(key.variable);
    case ResolvedKey::Source::DotEnvFile:
        return tr("From the .env file %1 (%2; not in the keychain).")
            .arg(QDir::toNativeSeparators(key.envFile), key.variable);
    }
    return {};
}

void DaytonaAccountForm::refreshKeySource()
{
    m_services.keys.resolveKey(kAccount, this,
                               [this](const ResolvedKey &key) { showKeySource(key); });
}

void DaytonaAccountForm::showKeySource(const ResolvedKey &key)
{
    m_current = key;
    m_source->setText(sourceDescription(key));
    m_forget->setEnabled(key.source == ResolvedKey::Source::Keychain
                         || key.source == ResolvedKey::Source::SessionMemory);
    const bool outside = key.source == ResolvedKey::Source::Environment
        || key.source == ResolvedKey::Source::DotEnvFile;
    m_import->setVisible(
        outside && m_services.keyStore.availability() != KeyStore::Availability::Unavailable);
}

bool DaytonaAccountForm::hasTypedKey() const
{
    return !m_keyEdit->text().trimmed().isEmpty();
}

bool DaytonaAccountForm::hasKey() const
{
    return hasTypedKey() || m_current.found();
}

DaytonaConfig DaytonaAccountForm::typedConfig() const
{
    const QString typed = m_keyEdit->text().trimmed();
    QString url = m_url->text().trimmed();
    QString source = tr("the API URL field");
    if (url.isEmpty()) {
        const ResolvedKey variable = m_services.keys.variable(QStringLiteral("DAYTONA_API_URL"));
        url = variable.value;
        source = variable.source == ResolvedKey::Source::DotEnvFile
            ? tr("the .env file %1").arg(QDir::toNativeSeparators(variable.envFile))
            : tr("the environment");
    }
    QString target = m_target->text().trimmed();
    if (target.isEmpty())
        target = m_services.keys.variable(QStringLiteral("DAYTONA_TARGET")).value;
    DaytonaConfig config
        = DaytonaConfig::fromValues(typed.isEmpty() ? m_current.value : typed, url, target);
    config.apiUrlSource = source;
    return config;
}

bool DaytonaAccountForm::validate()
{
    if (m_url->text().trimmed().isEmpty())
        return true;
    DaytonaConfig config = typedConfig();
    config.apiKey = QStringLiteral("-"); // only the URL is checked here
    const QString problem = config.problem();
    if (problem.isEmpty())
        return true;
    m_testResult->setText(problem);
    m_url->setFocus();
    return false;
}

void DaytonaAccountForm::test()
{
    const QString typed = m_keyEdit->text().trimmed();
    if (!typed.isEmpty())
        m_services.redactor.addSecret(typed, QStringLiteral("the daytona key"));
    m_testResult->setText(tr("Asking Daytona…"));
    m_check->start(typedConfig());
}

void DaytonaAccountForm::apply(std::function<void(bool)> done)
{
    m_services.settings.setDaytonaApiUrl(m_url->text());
    m_services.settings.setDaytonaTarget(m_target->text());
    const QString key = m_keyEdit->text().trimmed();
    if (key.isEmpty()) {
        if (done)
            done(true);
        return;
    }
    m_services.redactor.addSecret(key, QStringLiteral("the daytona key"));
    m_source->setText(tr("Storing the key…"));
    m_services.keyStore.write(kAccount, key, this, [this, key, done](const KeyStoreResult &result) {
        if (!result.ok()) {
            m_source->setText(tr("The key was not stored: %1").arg(result.message));
            if (done)
                done(false);
            return;
        }
        // Keep what the user typed until it is safely stored.
        if (m_keyEdit->text().trimmed() == key)
            m_keyEdit->clear();
        refreshKeySource();
        emit keyStored();
        if (done)
            done(true);
    });
}

void DaytonaAccountForm::forgetKey()
{
    m_forget->setEnabled(false);
    m_services.keyStore.remove(kAccount, this, [this](const KeyStoreResult &result) {
        if (!result.ok() && result.status != KeyStoreResult::Status::NotFound) {
            m_source->setText(tr("Could not delete the key: %1").arg(result.message));
            return;
        }
        refreshKeySource();
    });
}

void DaytonaAccountForm::importKey()
{
    // The URL and target that came with the key become settings (shown here, saved on Apply).
    if (m_url->text().trimmed().isEmpty())
        m_url->setText(m_services.keys.variable(QStringLiteral("DAYTONA_API_URL")).value);
    if (m_target->text().trimmed().isEmpty())
        m_target->setText(m_services.keys.variable(QStringLiteral("DAYTONA_TARGET")).value);
    m_import->setEnabled(false);
    const QString from = m_current.sourceText();
    m_services.keys.importKey(kAccount, this, [this, from](const KeyStoreResult &result) {
        m_import->setEnabled(true);
        if (!result.ok()) {
            m_source->setText(tr("The key was not imported: %1").arg(result.message));
            return;
        }
        refreshKeySource();
        m_testResult->setText(tr("Imported the key from %1 into the keychain.").arg(from));
    });
}
