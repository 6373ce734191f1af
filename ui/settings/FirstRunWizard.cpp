// The wizard's pages and the three ways to finish.
#include "FirstRunWizard.h"

#include "DaytonaAccountForm.h"
#include "ModelListCheck.h"
#include "ProvidersPage.h"
#include "core/Settings.h"
#include "llm/LlmClient.h"
#include "llm/ModelRef.h"
#include "llm/ModelSuggestions.h"
#include "log/Redactor.h"
#include "secrets/KeyCatalog.h"
#include "secrets/KeyResolver.h"
#include "secrets/KeyStore.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

namespace {

constexpr int kProviderRole = Qt::UserRole + 1;

QLabel *wrappedLabel(const QString &text, QWidget *parent, const char *objectName = nullptr)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (objectName)
        label->setObjectName(QLatin1String(objectName));
    return label;
}

// Keys found outside the keychain, by KeyCatalog provider.
QList<ResolvedKey> keysOutsideKeychain(KeyResolver &keys)
{
    QList<ResolvedKey> found;
    for (const QString &provider : KeyCatalog::providers()) {
        if (provider == QLatin1String("daytona")) // a sandbox key, not a model provider's
            continue;
        const ResolvedKey key = keys.keyOutsideKeychain(provider);
        if (key.found())
            found << key;
    }
    return found;
}

QString foundWhere(const ResolvedKey &key)
{
    return key.source == ResolvedKey::Source::DotEnvFile
        ? FirstRunWizard::tr("%1 in the .env file %2")
              .arg(key.variable, QDir::toNativeSeparators(key.envFile))
        : FirstRunWizard::tr("%1 in the environment").arg(key.variable);
}

} // namespace

FirstRunWizard::FirstRunWizard(const SettingsServices &services, QWidget *parent)
    : QWizard(parent)
    , m_services(services)
{
    setObjectName(QStringLiteral("firstRunWizard"));
    setWindowTitle(tr("Welcome to Agent Studio"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    // The model pages can finish at once or go on to the Sandboxes page.
    setOption(QWizard::HaveNextButtonOnLastPage);
    setPage(ChoicePage, buildChoicePage());
    setPage(KeyPage, buildKeyPage());
    setPage(ImportPage, buildImportPage());
    setPage(LocalServerPage, buildLocalServerPage());
    setPage(SandboxesPage, buildSandboxesPage());
    for (const int id : {KeyPage, ImportPage, LocalServerPage})
        page(id)->setFinalPage(true);
    setStartId(ChoicePage);
    button(QWizard::NextButton)->setObjectName(QStringLiteral("firstRunNextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("firstRunBackButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("firstRunFinishButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("firstRunCancelButton"));
    connect(this, &QWizard::currentIdChanged, this, &FirstRunWizard::pageChanged);
    resize(640, 460);
}

FirstRunWizard::~FirstRunWizard() = default;

QWizardPage *FirstRunWizard::buildChoicePage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("firstRunChoicePage"));
    page->setTitle(tr("Connect a model"));
    page->setSubTitle(tr("The agent needs a language model. Choose how to reach one; you can "
                         "change this later in Settings."));
    auto *layout = new QVBoxLayout(page);
    m_pasteChoice = new QRadioButton(tr("&Paste an API key (stored in the OS keychain)"), page);
    m_pasteChoice->setObjectName(QStringLiteral("firstRunPasteKeyRadio"));
    m_pasteChoice->setChecked(true);
    layout->addWidget(m_pasteChoice);

    const QList<ResolvedKey> found = keysOutsideKeychain(m_services.keys);
    QStringList names;
    for (const ResolvedKey &key : found)
        names << key.variable;
    m_importChoice = new QRadioButton(
        found.isEmpty() ? tr("&Import keys from the environment or a .env file (none found)")
                        : tr("&Import keys from the environment or a .env file (found: %1)")
                              .arg(names.join(QLatin1String(", "))),
        page);
    m_importChoice->setObjectName(QStringLiteral("firstRunImportRadio"));
    m_importChoice->setEnabled(!found.isEmpty());
    layout->addWidget(m_importChoice);

    m_localChoice = new QRadioButton(
        tr("Use a &local server: Ollama or LM Studio on this computer (no key needed)"), page);
    m_localChoice->setObjectName(QStringLiteral("firstRunLocalServerRadio"));
    layout->addWidget(m_localChoice);
    layout->addStretch(1);
    return page;
}

QWizardPage *FirstRunWizard::buildKeyPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("firstRunKeyPage"));
    page->setTitle(tr("Paste an API key"));
    page->setSubTitle(tr("The key goes to the OS keychain, never to a file."));
    auto *form = new QFormLayout(page);
    m_keyProvider = new QComboBox(page);
    m_keyProvider->setObjectName(QStringLiteral("firstRunProviderCombo"));
    for (const ProviderInfo &provider : m_services.llm.catalog().providers()) {
        if (provider.keyRequired && !provider.local)
            m_keyProvider->addItem(provider.displayName, provider.id);
    }
    auto *providerLabel = new QLabel(tr("&Provider:"), page);
    providerLabel->setBuddy(m_keyProvider);
    form->addRow(providerLabel, m_keyProvider);

    m_keyEdit = new QLineEdit(page);
    m_keyEdit->setObjectName(QStringLiteral("firstRunKeyEdit"));
    m_keyEdit->setEchoMode(QLineEdit::Password);
    auto *show = new QToolButton(page);
    show->setObjectName(QStringLiteral("firstRunShowKeyButton"));
    show->setText(tr("Show"));
    show->setCheckable(true);
    connect(show, &QToolButton::toggled, m_keyEdit, [this](bool shown) {
        m_keyEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    auto *keyLine = new QHBoxLayout;
    keyLine->addWidget(m_keyEdit, 1);
    keyLine->addWidget(show);
    auto *keyLabel = new QLabel(tr("API &key:"), page);
    keyLabel->setBuddy(m_keyEdit);
    form->addRow(keyLabel, keyLine);

    m_keyModel = new QComboBox(page);
    m_keyModel->setObjectName(QStringLiteral("firstRunKeyModelCombo"));
    m_keyModel->setEditable(true);
    auto *modelLabel = new QLabel(tr("Default &model:"), page);
    modelLabel->setBuddy(m_keyModel);
    form->addRow(modelLabel, m_keyModel);
    m_keyStatus = wrappedLabel(QString(), page, "firstRunKeyStatus");
    form->addRow(QString(), m_keyStatus);
    connect(m_keyProvider, &QComboBox::currentIndexChanged, this, &FirstRunWizard::fillKeyModels);
    fillKeyModels();
    return page;
}

void FirstRunWizard::fillKeyModels()
{
    const QString provider = m_keyProvider->currentData().toString();
    m_keyModel->clear();
    for (const QString &model : ModelSuggestions::forProvider(provider))
        m_keyModel->addItem(provider + QLatin1Char('/') + model);
    if (m_keyModel->count() == 0)
        m_keyModel->setEditText(provider + QLatin1Char('/'));
}

QWizardPage *FirstRunWizard::buildImportPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("firstRunImportPage"));
    page->setTitle(tr("Import keys"));
    page->setSubTitle(tr("These keys were found by name; their values are copied to the OS "
                         "keychain and never shown."));
    auto *layout = new QVBoxLayout(page);
    m_importList = new QListWidget(page);
    m_importList->setObjectName(QStringLiteral("firstRunImportList"));
    m_importList->setAccessibleName(tr("Keys found to import"));
    layout->addWidget(m_importList, 1);
    m_importStatus = wrappedLabel(QString(), page, "firstRunImportStatus");
    layout->addWidget(m_importStatus);
    auto *form = new QFormLayout;
    m_importModel = new QComboBox(page);
    m_importModel->setObjectName(QStringLiteral("firstRunImportModelCombo"));
    m_importModel->setEditable(true);
    auto *modelLabel = new QLabel(tr("Default &model:"), page);
    modelLabel->setBuddy(m_importModel);
    form->addRow(modelLabel, m_importModel);
    layout->addLayout(form);
    return page;
}

QWizardPage *FirstRunWizard::buildLocalServerPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("firstRunLocalServerPage"));
    page->setTitle(tr("Use a local server"));
    page->setSubTitle(tr("Start Ollama or LM Studio with its OpenAI-compatible server, press "
                         "Test and pick a model."));
    auto *form = new QFormLayout(page);
    m_localServer = new QComboBox(page);
    m_localServer->setObjectName(QStringLiteral("firstRunLocalServerCombo"));
    m_localServer->addItem(tr("Ollama"), QStringLiteral("ollama"));
    m_localServer->setItemData(0, QStringLiteral("http://127.0.0.1:11434/v1"), kProviderRole);
    m_localServer->addItem(tr("LM Studio"), QStringLiteral("lmstudio"));
    m_localServer->setItemData(1, QStringLiteral("http://127.0.0.1:1234/v1"), kProviderRole);
    auto *serverLabel = new QLabel(tr("&Server:"), page);
    serverLabel->setBuddy(m_localServer);
    form->addRow(serverLabel, m_localServer);

    m_baseUrl = new QLineEdit(page);
    m_baseUrl->setObjectName(QStringLiteral("firstRunBaseUrlEdit"));
    auto *urlLabel = new QLabel(tr("Base &URL:"), page);
    urlLabel->setBuddy(m_baseUrl);
    form->addRow(urlLabel, m_baseUrl);

    m_test = new QPushButton(tr("&Test"), page);
    m_test->setObjectName(QStringLiteral("firstRunTestButton"));
    m_testResult = wrappedLabel(QString(), page, "firstRunTestResult");
    auto *testLine = new QHBoxLayout;
    testLine->addWidget(m_test);
    testLine->addWidget(m_testResult, 1);
    form->addRow(QString(), testLine);

    m_localModel = new QComboBox(page);
    m_localModel->setObjectName(QStringLiteral("firstRunModelCombo"));
    m_localModel->setEditable(true);
    auto *modelLabel = new QLabel(tr("Default &model:"), page);
    modelLabel->setBuddy(m_localModel);
    form->addRow(modelLabel, m_localModel);

    m_check = new ModelListCheck(m_services.llm, m_services.keys, this);
    connect(m_check, &ModelListCheck::finished, this,
            [this](const QString &, const ModelListResult &result) { showLocalModels(result); });
    connect(m_test, &QPushButton::clicked, this, [this] {
        m_testResult->setText(tr("Listing models…"));
        m_check->start(m_localServer->currentData().toString(), m_baseUrl->text(), QString());
    });
    connect(m_localServer, &QComboBox::currentIndexChanged, this,
            &FirstRunWizard::localServerChanged);
    localServerChanged();
    return page;
}

void FirstRunWizard::localServerChanged()
{
    m_check->cancel();
    m_baseUrl->setText(m_localServer->currentData(kProviderRole).toString());
    m_testResult->clear();
    m_localModel->clear();
}

void FirstRunWizard::showLocalModels(const ModelListResult &result)
{
    if (!result.ok()) {
        m_testResult->setText(result.error.message());
        return;
    }
    const QString current = m_localModel->currentText();
    m_localModel->clear();
    for (const ModelInfo &model : result.models)
        m_localModel->addItem(model.id);
    if (!current.isEmpty() && m_localModel->findText(current) >= 0)
        m_localModel->setCurrentText(current);
    m_testResult->setText(
        result.models.isEmpty()
            ? tr("The server answers but offers no model. Download one first (for Ollama: "
                 "ollama pull qwen2.5-coder), then press Test again.")
            : tr("%n model(s) available.", nullptr, int(result.models.size())));
}

QWizardPage *FirstRunWizard::buildSandboxesPage()
{
    auto *page = new QWizardPage(this);
    page->setObjectName(QStringLiteral("firstRunSandboxesPage"));
    page->setTitle(tr("Sandboxes"));
    page->setSubTitle(tr("The agent runs code in sandboxes: on this computer, or in Daytona's "
                         "cloud. You can change this later in Settings > Daytona."));
    auto *layout = new QVBoxLayout(page);
    m_localSandboxes = new QRadioButton(
        tr("&Local sandboxes on this computer (bubblewrap; no account needed)"), page);
    m_localSandboxes->setObjectName(QStringLiteral("firstRunLocalSandboxesRadio"));
    layout->addWidget(m_localSandboxes);
    m_daytonaSandboxes
        = new QRadioButton(tr("&Daytona cloud sandboxes (needs a Daytona API key)"), page);
    m_daytonaSandboxes->setObjectName(QStringLiteral("firstRunDaytonaRadio"));
    layout->addWidget(m_daytonaSandboxes);
    m_daytona = new DaytonaAccountForm(m_services, page);
    layout->addWidget(m_daytona);
    m_sandboxStatus = wrappedLabel(QString(), page, "firstRunSandboxesStatus");
    layout->addWidget(m_sandboxStatus);
    layout->addStretch(1);
    connect(m_daytonaSandboxes, &QRadioButton::toggled, m_daytona, &QWidget::setEnabled);
    // A Daytona key already in the environment or .env suggests Daytona (Import offers it).
    const bool keyFound = m_services.keys.keyOutsideKeychain(QStringLiteral("daytona")).found()
        || m_services.settings.sandboxProvider() == QLatin1String("daytona");
    (keyFound ? m_daytonaSandboxes : m_localSandboxes)->setChecked(true);
    m_daytona->setEnabled(keyFound);
    return page;
}

int FirstRunWizard::nextId() const
{
    switch (currentId()) {
    case ChoicePage:
        if (m_importChoice->isChecked())
            return ImportPage;
        if (m_localChoice->isChecked())
            return LocalServerPage;
        return KeyPage;
    case KeyPage:
    case ImportPage:
    case LocalServerPage:
        return SandboxesPage;
    default:
        return -1;
    }
}

bool FirstRunWizard::validateCurrentPage()
{
    // What can be checked without the keychain, before leaving a model page (Next or Finish).
    // QWizard asks again when complete() accepts: by then the pages were checked and stored.
    if (m_completing)
        return true;
    switch (currentId()) {
    case KeyPage:
        return checkKeyPage();
    case ImportPage:
        return checkImportPage();
    case LocalServerPage:
        return checkLocalServerPage();
    default:
        return true;
    }
}

void FirstRunWizard::pageChanged(int id)
{
    if (id == ImportPage && !m_importSearched)
        findImportCandidates();
}

void FirstRunWizard::findImportCandidates()
{
    m_importSearched = true;
    m_importStatus->setText(tr("Looking for keys…"));
    m_services.keys.findImportCandidates(
        this, [this](const QList<ResolvedKey> &candidates, const QString &error) {
            m_importList->clear();
            m_importModel->clear();
            QList<ResolvedKey> shown = candidates;
            if (!error.isEmpty()) {
                // No keychain to import into: the keys still work from where they are.
                shown = keysOutsideKeychain(m_services.keys);
                m_importStatus->setText(
                    tr("No OS keychain is available, so nothing can be imported; these keys are "
                       "read from where they are at every start.\n%1")
                        .arg(error));
            } else {
                m_importStatus->setText(candidates.isEmpty()
                                            ? tr("Every key found is already in the keychain.")
                                            : QString());
            }
            for (const ResolvedKey &key : std::as_const(shown)) {
                auto *item = new QListWidgetItem(foundWhere(key), m_importList);
                item->setData(kProviderRole, key.name);
                if (error.isEmpty()) {
                    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                    item->setCheckState(Qt::Checked);
                }
                const auto provider = m_services.llm.catalog().find(key.name);
                const QString id = provider ? provider->id : key.name;
                for (const QString &model : ModelSuggestions::forProvider(id))
                    m_importModel->addItem(id + QLatin1Char('/') + model);
            }
            if (m_importModel->count() == 0 && !shown.isEmpty())
                m_importModel->setEditText(shown.first().name + QLatin1Char('/'));
        });
}

void FirstRunWizard::setBusy(bool busy)
{
    m_busy = busy;
    for (QWizard::WizardButton which :
         {QWizard::BackButton, QWizard::FinishButton, QWizard::CancelButton})
        button(which)->setEnabled(!busy);
}

void FirstRunWizard::accept()
{
    if (m_busy)
        return;
    switch (currentId()) {
    case KeyPage:
        finishWithKey();
        break;
    case ImportPage:
        finishWithImport();
        break;
    case LocalServerPage:
        finishWithLocalServer();
        break;
    case SandboxesPage:
        finishWithSandboxes();
        break;
    default:
        break;
    }
}

void FirstRunWizard::finishModel()
{
    if (m_importChoice->isChecked())
        finishWithImport();
    else if (m_localChoice->isChecked())
        finishWithLocalServer();
    else
        finishWithKey();
}

void FirstRunWizard::finishWithSandboxes()
{
    Settings &settings = m_services.settings;
    if (m_localSandboxes->isChecked()) {
        settings.setSandboxProvider(QStringLiteral("local"));
        finishModel();
        return;
    }
    if (!m_daytona->validate())
        return;
    if (!m_daytona->hasKey()) {
        m_sandboxStatus->setText(tr("Paste your Daytona API key (from the Daytona dashboard, "
                                    "Keys), or choose local sandboxes."));
        return;
    }
    setBusy(true);
    m_sandboxStatus->setText(tr("Storing the Daytona key…"));
    m_daytona->apply([this](bool ok) {
        setBusy(false);
        if (!ok) {
            m_sandboxStatus->setText(tr("The Daytona key was not stored; see above."));
            return;
        }
        m_sandboxStatus->clear();
        m_services.settings.setSandboxProvider(QStringLiteral("daytona"));
        finishModel();
    });
}

bool FirstRunWizard::checkKeyPage()
{
    QString error;
    if (m_keyEdit->text().trimmed().isEmpty()) {
        m_keyStatus->setText(tr("Paste the key first (from the provider's website)."));
        m_keyEdit->setFocus();
        return false;
    }
    if (!ModelRef::parse(m_keyModel->currentText().trimmed(), &error)) {
        m_keyStatus->setText(error);
        m_keyModel->setFocus();
        return false;
    }
    return true;
}

void FirstRunWizard::finishWithKey()
{
    const QString key = m_keyEdit->text().trimmed();
    const QString model = m_keyModel->currentText().trimmed();
    if (!checkKeyPage())
        return;
    const auto provider = m_services.llm.catalog().find(m_keyProvider->currentData().toString());
    if (!provider)
        return;
    m_services.redactor.addSecret(key, QStringLiteral("the %1 key").arg(provider->id));
    setBusy(true);
    m_keyStatus->setText(tr("Storing the key…"));
    m_services.keyStore.write(KeyCatalog::accountFor(provider->id, provider->aliases), key, this,
                              [this, model](const KeyStoreResult &result) {
                                  setBusy(false);
                                  if (!result.ok()) {
                                      m_keyStatus->setText(
                                          tr("The key was not stored: %1").arg(result.message));
                                      // Seen from the Sandboxes page too.
                                      m_sandboxStatus->setText(m_keyStatus->text());
                                      return;
                                  }
                                  m_keyEdit->clear();
                                  complete(model);
                              });
}

bool FirstRunWizard::checkImportPage()
{
    QString error;
    if (!ModelRef::parse(m_importModel->currentText().trimmed(), &error)) {
        m_importStatus->setText(error);
        m_importModel->setFocus();
        return false;
    }
    return true;
}

void FirstRunWizard::finishWithImport()
{
    const QString model = m_importModel->currentText().trimmed();
    if (!checkImportPage())
        return;
    QStringList providers;
    for (int i = 0; i < m_importList->count(); ++i) {
        const QListWidgetItem *item = m_importList->item(i);
        if ((item->flags() & Qt::ItemIsUserCheckable) && item->checkState() == Qt::Checked)
            providers << item->data(kProviderRole).toString();
    }
    if (providers.isEmpty()) {
        complete(model);
        return;
    }
    setBusy(true);
    m_importStatus->setText(tr("Importing…"));
    auto failures = std::make_shared<QStringList>();
    auto remaining = std::make_shared<qsizetype>(providers.size());
    for (const QString &provider : std::as_const(providers)) {
        m_services.keys.importKey(
            provider, this, [this, model, failures, remaining](const KeyStoreResult &result) {
                if (!result.ok())
                    *failures << result.message;
                if (--*remaining > 0)
                    return;
                setBusy(false);
                if (!failures->isEmpty()) {
                    m_importStatus->setText(tr("Some keys were not imported: %1")
                                                .arg(failures->join(QLatin1Char('\n'))));
                    m_sandboxStatus->setText(m_importStatus->text());
                    return;
                }
                complete(model);
            });
    }
}

bool FirstRunWizard::checkLocalServerPage()
{
    const QString url = m_baseUrl->text().trimmed();
    const auto provider = m_services.llm.catalog().find(m_localServer->currentData().toString());
    QString error;
    if (!provider || ProviderCatalog::resolveBaseUrl(*provider, url, {}, &error).isEmpty()) {
        m_testResult->setText(error);
        m_baseUrl->setFocus();
        return false;
    }
    if (m_localModel->currentText().trimmed().isEmpty()) {
        m_testResult->setText(tr("Pick a model: press Test to list the models the server offers."));
        m_test->setFocus();
        return false;
    }
    return true;
}

bool FirstRunWizard::finishWithLocalServer()
{
    const QString providerId = m_localServer->currentData().toString();
    const QString url = m_baseUrl->text().trimmed();
    const QString model = m_localModel->currentText().trimmed();
    if (!checkLocalServerPage())
        return false;
    m_services.settings.setProviderBaseUrl(providerId, url);
    m_services.llm.setBaseUrlOverride(providerId, url);
    complete(providerId + QLatin1Char('/') + model);
    return true;
}

void FirstRunWizard::complete(const QString &defaultModel)
{
    Settings &settings = m_services.settings;
    settings.setDefaultModel(defaultModel);
    settings.setFirstRunDone(true);
    settings.sync();
    m_completing = true;
    QWizard::accept();
}

bool FirstRunWizard::isNeeded(const SettingsServices &services)
{
    return !services.settings.firstRunDone() && keysOutsideKeychain(services.keys).isEmpty()
        && services.keyStore.sessionAccounts().isEmpty();
}

void FirstRunWizard::openIfNeeded(const SettingsServices &services, QWidget *parent,
                                  std::function<void(FirstRunWizard *)> opened)
{
    if (!isNeeded(services))
        return;
    struct Pending
    {
        qsizetype remaining = 0;
        bool found = false;
    };
    auto pending = std::make_shared<Pending>();
    QStringList providers = KeyCatalog::providers();
    providers.removeAll(QStringLiteral("daytona"));
    pending->remaining = providers.size();
    const QPointer<QWidget> guard(parent);
    for (const QString &provider : std::as_const(providers)) {
        services.keyStore.read(
            provider, parent,
            [services, parent, guard, pending, opened](const KeyStoreResult &result) {
                pending->found = pending->found || result.ok();
                if (--pending->remaining > 0 || !guard)
                    return;
                if (pending->found) {
                    // Keys were stored another way (agent-studio keys set ...).
                    services.settings.setFirstRunDone(true);
                    return;
                }
                auto *wizard = new FirstRunWizard(services, parent);
                wizard->setAttribute(Qt::WA_DeleteOnClose);
                wizard->open();
                if (opened)
                    opened(wizard);
            });
    }
}
