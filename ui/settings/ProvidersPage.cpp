// Key fields, key sources, base URLs and Test for each provider.
#include "ProvidersPage.h"

#include "ModelListCheck.h"
#include "core/Settings.h"
#include "llm/LlmClient.h"
#include "log/Redactor.h"
#include "secrets/KeyCatalog.h"
#include "secrets/KeyStore.h"

#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QString suffixed(const char *name, const QString &providerId)
{
    return QLatin1String(name) + QLatin1Char('_') + providerId;
}

} // namespace

ProvidersPage::ProvidersPage(const SettingsServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
{
    setObjectName(QStringLiteral("providersPage"));
    auto *layout = new QVBoxLayout(this);

    m_keychainStatus = new QLabel(this);
    m_keychainStatus->setObjectName(QStringLiteral("keychainStatusLabel"));
    m_keychainStatus->setWordWrap(true);
    m_keychainStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_keychainStatus);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("providersScrollArea"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *rows = new QVBoxLayout(content);

    const QList<ProviderInfo> &providers = m_services.llm.catalog().providers();
    m_rows.reserve(providers.size());
    for (const ProviderInfo &provider : providers) {
        Row row;
        row.providerId = provider.id;
        row.account = KeyCatalog::accountFor(provider.id, provider.aliases);
        row.displayName = provider.displayName;
        m_rows.append(row);
        rows->addWidget(buildRow(m_rows.last(), provider.local, provider.keyRequired));
    }
    rows->addStretch(1);
    scroll->setWidget(content);
    layout->addWidget(scroll, 1);

    KeyStore &store = m_services.keyStore;
    connect(&store, &KeyStore::availabilityChanged, this, [this] {
        updateKeychainStatus();
        refreshKeySources();
    });
    connect(&store, &KeyStore::keyChanged, this, [this](const QString &account) {
        for (const Row &r : std::as_const(m_rows)) {
            if (r.account == account)
                refreshKeySource(r.providerId);
        }
    });
    // QtKeychain cannot tell whether a keychain works without trying (KeyStore::probe); try
    // again after an earlier failure, the user may have started one since.
    if (store.availability() == KeyStore::Availability::Unknown
        || store.availability() == KeyStore::Availability::Unavailable)
        store.probe();
    updateKeychainStatus();
    refreshKeySources();
}

ProvidersPage::~ProvidersPage() = default;

QWidget *ProvidersPage::buildRow(Row &row, bool local, bool keyRequired)
{
    const QString id = row.providerId;
    auto *box = new QGroupBox(row.displayName, this);
    box->setObjectName(suffixed("providerGroup", id));
    auto *form = new QFormLayout(box);

    row.keyEdit = new QLineEdit(box);
    row.keyEdit->setObjectName(suffixed("providerKeyEdit", id));
    row.keyEdit->setEchoMode(QLineEdit::Password);
    row.keyEdit->setClearButtonEnabled(true);
    row.keyEdit->setPlaceholderText(keyRequired ? tr("Paste a new key to store it in the keychain")
                                                : tr("Optional: most local servers need no key"));
    row.showKey = new QToolButton(box);
    row.showKey->setObjectName(suffixed("providerShowKeyButton", id));
    row.showKey->setText(tr("Show"));
    row.showKey->setCheckable(true);
    row.showKey->setToolTip(tr("Show the key you are typing (a stored key is never shown)"));
    QLineEdit *keyEdit = row.keyEdit;
    connect(row.showKey, &QToolButton::toggled, keyEdit, [keyEdit](bool shown) {
        keyEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    auto *keyLine = new QHBoxLayout;
    keyLine->addWidget(row.keyEdit, 1);
    keyLine->addWidget(row.showKey);
    auto *keyLabel = new QLabel(tr("API &key:"), box);
    keyLabel->setBuddy(row.keyEdit);
    form->addRow(keyLabel, keyLine);

    row.source = new QLabel(box);
    row.source->setObjectName(suffixed("keySourceLabel", id));
    row.source->setWordWrap(true);
    row.source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row.forget = new QPushButton(tr("Forget"), box);
    row.forget->setObjectName(suffixed("providerForgetKeyButton", id));
    row.forget->setToolTip(tr("Delete this provider's key from the keychain"));
    row.forget->setEnabled(false);
    connect(row.forget, &QPushButton::clicked, this, [this, id] { forgetKey(id); });
    auto *sourceLine = new QHBoxLayout;
    sourceLine->addWidget(row.source, 1);
    sourceLine->addWidget(row.forget);
    form->addRow(tr("Current key:"), sourceLine);

    row.baseUrl = new QLineEdit(box);
    row.baseUrl->setObjectName(suffixed("providerBaseUrlEdit", id));
    row.baseUrl->setText(m_services.settings.providerBaseUrl(id));
    if (const auto provider = m_services.llm.catalog().find(id)) {
        const QUrl fallback = ProviderCatalog::resolveBaseUrl(*provider, QString(),
                                                              &ProviderCatalog::systemEnvironment);
        row.baseUrl->setPlaceholderText(fallback.isEmpty()
                                            ? tr("Required, e.g. http://localhost:8000/v1")
                                            : fallback.toString());
    }
    auto *urlLabel = new QLabel(tr("Base &URL:"), box);
    urlLabel->setBuddy(row.baseUrl);
    form->addRow(urlLabel, row.baseUrl);

    row.test = new QPushButton(tr("Test"), box);
    row.test->setObjectName(suffixed("providerTestButton", id));
    row.test->setToolTip(local ? tr("List the models this server offers")
                               : tr("List the models this key can use"));
    row.testResult = new QLabel(box);
    row.testResult->setObjectName(suffixed("providerTestResult", id));
    row.testResult->setWordWrap(true);
    row.testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testLine = new QHBoxLayout;
    testLine->addWidget(row.test);
    testLine->addWidget(row.testResult, 1);
    form->addRow(QString(), testLine);
    connect(row.test, &QPushButton::clicked, this, [this, id] { test(id); });

    row.check = new ModelListCheck(m_services.llm, m_services.keys, this);
    connect(row.check, &ModelListCheck::finished, this, &ProvidersPage::showTestResult);
    return box;
}

ProvidersPage::Row *ProvidersPage::row(const QString &providerId)
{
    for (Row &r : m_rows) {
        if (r.providerId == providerId)
            return &r;
    }
    return nullptr;
}

void ProvidersPage::updateKeychainStatus()
{
    const KeyStore &store = m_services.keyStore;
    switch (store.availability()) {
    case KeyStore::Availability::Unknown:
    case KeyStore::Availability::Probing:
        m_keychainStatus->setText(tr("Checking the OS keychain…"));
        break;
    case KeyStore::Availability::Available:
        m_keychainStatus->setText(tr("Keys you enter here are stored in the OS keychain (service "
                                     "\"%1\"), never in a file.")
                                      .arg(store.service()));
        break;
    case KeyStore::Availability::Unavailable:
        m_keychainStatus->setText(
            tr("No OS keychain is available, so keys you enter are kept in memory for this "
               "session only and must be entered again after a restart (keys in the environment "
               "or a .env file still work).\n%1")
                .arg(store.unavailableReason()));
        break;
    }
}

QString ProvidersPage::sourceDescription(const ResolvedKey &key)
{
    switch (key.source) {
    case ResolvedKey::Source::None:
        return tr("No key set.");
    case ResolvedKey::Source::Keychain:
        return tr("Stored in the OS keychain.");
    case ResolvedKey::Source::SessionMemory:
        return tr("Kept in memory for this session only (no OS keychain).");
    case ResolvedKey::Source::Environment:
        return tr("From the environment variable %1.").arg(key.variable);
    case ResolvedKey::Source::DotEnvFile:
        return tr("From the .env file %1 (%2).")
            .arg(QDir::toNativeSeparators(key.envFile), key.variable);
    }
    return {};
}

void ProvidersPage::refreshKeySources()
{
    for (const Row &r : std::as_const(m_rows))
        refreshKeySource(r.providerId);
}

void ProvidersPage::refreshKeySource(const QString &providerId)
{
    m_services.keys.resolveKey(
        row(providerId)->account, this, [this, providerId](const ResolvedKey &key) {
            Row *r = row(providerId);
            r->source->setText(sourceDescription(key));
            r->forget->setEnabled(key.source == ResolvedKey::Source::Keychain
                                  || key.source == ResolvedKey::Source::SessionMemory);
        });
}

void ProvidersPage::forgetKey(const QString &providerId)
{
    Row *r = row(providerId);
    r->forget->setEnabled(false);
    m_services.keyStore.remove(r->account, this, [this, providerId](const KeyStoreResult &result) {
        if (!result.ok() && result.status != KeyStoreResult::Status::NotFound) {
            row(providerId)
                ->source->setText(tr("Could not delete the key: %1").arg(result.message));
            return;
        }
        refreshKeySource(providerId);
    });
}

bool ProvidersPage::validate()
{
    for (Row &r : m_rows) {
        const QString text = r.baseUrl->text().trimmed();
        if (text.isEmpty())
            continue;
        const auto provider = m_services.llm.catalog().find(r.providerId);
        QString error;
        if (provider && ProviderCatalog::resolveBaseUrl(*provider, text, {}, &error).isEmpty()) {
            r.testResult->setText(error);
            r.baseUrl->setFocus();
            return false;
        }
    }
    return true;
}

bool ProvidersPage::hasTypedKey() const
{
    for (const Row &r : m_rows) {
        if (!r.keyEdit->text().trimmed().isEmpty())
            return true;
    }
    return false;
}

void ProvidersPage::apply()
{
    for (Row &r : m_rows) {
        const QString url = r.baseUrl->text().trimmed();
        m_services.settings.setProviderBaseUrl(r.providerId, url);
        m_services.llm.setBaseUrlOverride(r.providerId, url);

        const QString key = r.keyEdit->text().trimmed();
        if (key.isEmpty())
            continue;
        m_services.redactor.addSecret(key, QStringLiteral("the %1 key").arg(r.providerId));
        r.source->setText(tr("Storing the key…"));
        const QString providerId = r.providerId;
        m_services.keyStore.write(
            r.account, key, this, [this, providerId, key](const KeyStoreResult &result) {
                Row *stored = row(providerId);
                if (!result.ok()) {
                    stored->source->setText(tr("The key was not stored: %1").arg(result.message));
                    return;
                }
                // Keep what the user typed until it is safely stored.
                if (stored->keyEdit->text().trimmed() == key)
                    stored->keyEdit->clear();
                refreshKeySource(providerId);
                emit keyStored(providerId);
            });
    }
}

void ProvidersPage::test(const QString &providerId)
{
    Row *r = row(providerId);
    r->testResult->setText(tr("Listing models…"));
    r->check->start(providerId, r->baseUrl->text(), r->keyEdit->text());
}

void ProvidersPage::showTestResult(const QString &providerId, const ModelListResult &result)
{
    Row *r = row(providerId);
    if (!result.ok()) {
        r->testResult->setText(result.error.message());
        return;
    }
    r->testResult->setText(tr("%n model(s) available.", nullptr, int(result.models.size())));
    QStringList names;
    for (const ModelInfo &model : result.models)
        names << providerId + QLatin1Char('/') + model.id;
    emit modelsListed(providerId, names);
}
