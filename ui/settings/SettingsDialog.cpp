// The dialog's pages other than Providers, and applying the settings.
#include "SettingsDialog.h"

#include "DaytonaAccountForm.h"
#include "ProvidersPage.h"
#include "agent/ApprovalPolicy.h"
#include "changes/DiffRender.h"
#include "core/Settings.h"
#include "llm/LlmClient.h"
#include "llm/ModelRef.h"
#include "llm/ModelSuggestions.h"
#include "services/CheckpointService.h"
#include "settings/ApprovalRulesPage.h"
#include "settings/PricesPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

SettingsDialog::SettingsDialog(const SettingsServices &services, const StudioPaths &paths,
                               QWidget *parent)
    : QDialog(parent)
    , m_services(services)
    , m_paths(paths)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    resize(760, 600);

    auto *layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    m_providers = new ProvidersPage(services, m_tabs);
    m_tabs->addTab(m_providers, tr("&Providers"));
    m_tabs->addTab(buildModelsPage(), tr("&Models"));
    m_tabs->addTab(buildApprovalsPage(), tr("Appro&vals"));
    m_tabs->addTab(buildSandboxesPage(), tr("&Sandboxes"));
    m_tabs->addTab(buildDaytonaPage(), tr("Da&ytona"));
    if (services.costs) {
        m_prices = new PricesPage(*services.costs, ModelSuggestions::all(services.llm.catalog()),
                                  m_tabs);
        m_tabs->addTab(m_prices, tr("P&rices"));
    }
    m_tabs->addTab(buildDataPage(), tr("&Data"));
    layout->addWidget(m_tabs, 1);

    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("settingsButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("settingsOkButton"));
    m_buttons->button(QDialogButtonBox::Apply)
        ->setObjectName(QStringLiteral("settingsApplyButton"));
    m_buttons->button(QDialogButtonBox::Cancel)
        ->setObjectName(QStringLiteral("settingsCancelButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &SettingsDialog::apply);
    layout->addWidget(m_buttons);

    connect(m_providers, &ProvidersPage::modelsListed, this,
            [this](const QString &, const QStringList &models) { addModels(models); });
    load();
}

SettingsDialog::~SettingsDialog() = default;

QWidget *SettingsDialog::buildModelsPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("modelsPage"));
    auto *form = new QFormLayout(page);

    m_defaultModel = new QComboBox(page);
    m_defaultModel->setObjectName(QStringLiteral("defaultModelCombo"));
    m_defaultModel->setEditable(true);
    m_defaultModel->setInsertPolicy(QComboBox::NoInsert);
    m_defaultModel->setMinimumContentsLength(32);
    auto *modelLabel = new QLabel(tr("&Default model:"), page);
    modelLabel->setBuddy(m_defaultModel);
    form->addRow(modelLabel, m_defaultModel);
    auto *hint = new QLabel(tr("Written as provider/model, e.g. openai/gpt-4o-mini. Test a "
                               "provider on the Providers page to add its models to this list. "
                               "New threads start with this model; each thread can switch."),
                            page);
    hint->setWordWrap(true);
    form->addRow(QString(), hint);
    m_defaultModelError = new QLabel(page);
    m_defaultModelError->setObjectName(QStringLiteral("defaultModelError"));
    m_defaultModelError->setWordWrap(true);
    m_defaultModelError->setVisible(false);
    form->addRow(QString(), m_defaultModelError);

    m_maxSteps = new QSpinBox(page);
    m_maxSteps->setObjectName(QStringLiteral("maxStepsSpin"));
    m_maxSteps->setRange(1, 500);
    auto *stepsLabel = new QLabel(tr("Steps per &run:"), page);
    stepsLabel->setBuddy(m_maxSteps);
    m_maxSteps->setToolTip(tr("How many model steps one run may take before it stops and "
                              "offers to continue"));
    form->addRow(stepsLabel, m_maxSteps);
    return page;
}

QWidget *SettingsDialog::buildApprovalsPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("approvalsPage"));
    auto *form = new QFormLayout(page);
    m_approvalPolicy = new QComboBox(page);
    m_approvalPolicy->setObjectName(QStringLiteral("approvalPolicyCombo"));
    using Preset = ApprovalPolicy::Preset;
    m_approvalPolicy->addItem(tr("Ask before risky actions (recommended)"),
                              ApprovalPolicy::toString(Preset::Default));
    m_approvalPolicy->addItem(tr("Ask before every action"),
                              ApprovalPolicy::toString(Preset::AskEverything));
    m_approvalPolicy->addItem(tr("Never ask"), ApprovalPolicy::toString(Preset::NeverAsk));
    auto *label = new QLabel(tr("&Tool calls:"), page);
    label->setBuddy(m_approvalPolicy);
    form->addRow(label, m_approvalPolicy);
    m_approvalHelp = new QLabel(page);
    m_approvalHelp->setObjectName(QStringLiteral("approvalPolicyHelp"));
    m_approvalHelp->setWordWrap(true);
    form->addRow(QString(), m_approvalHelp);
    connect(m_approvalPolicy, &QComboBox::currentIndexChanged, this,
            &SettingsDialog::updateApprovalHelp);

    if (m_services.rules) {
        m_rulesPage = new ApprovalRulesPage(*m_services.rules, m_services.toolNames, page);
        if (m_services.threadTitle)
            m_rulesPage->setThreadTitleLookup(m_services.threadTitle);
        form->addRow(m_rulesPage);
    }

    // When the window is not in front: a desktop notification and a tray icon.
    m_desktopNotifications = new QCheckBox(
        tr("Show a desktop &notification when a call waits or a run ends while the window is "
           "in the background (with Approve and Deny where the desktop offers buttons)"),
        page);
    m_desktopNotifications->setObjectName(QStringLiteral("desktopNotificationsCheck"));
    form->addRow(QString(), m_desktopNotifications);
    m_trayIcon = new QCheckBox(tr("Show a &tray icon that counts the calls waiting"), page);
    m_trayIcon->setObjectName(QStringLiteral("trayIconCheck"));
    form->addRow(QString(), m_trayIcon);
    return page;
}

void SettingsDialog::updateApprovalHelp()
{
    const auto preset
        = ApprovalPolicy::presetFromString(m_approvalPolicy->currentData().toString());
    switch (preset.value_or(ApprovalPolicy::Preset::Default)) {
    case ApprovalPolicy::Preset::Default:
        m_approvalHelp->setText(
            tr("Reading and writing files in the sandbox and creating sandboxes run at once. "
               "Running commands or code, deleting, and opening preview links wait for your "
               "approval. You can always allow a tool for one thread from the approval card."));
        break;
    case ApprovalPolicy::Preset::AskEverything:
        m_approvalHelp->setText(tr("Every tool call waits for your approval, even reading a "
                                   "file. Safest, and the slowest to work with."));
        break;
    case ApprovalPolicy::Preset::NeverAsk:
        m_approvalHelp->setText(
            tr("Every tool call runs at once. The sandbox is then the only boundary: the agent "
               "can run any command in it and, if its network is on, reach the internet."));
        break;
    }
}

QWidget *SettingsDialog::buildSandboxesPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("sandboxesPage"));
    auto *form = new QFormLayout(page);
    m_localNetwork
        = new QCheckBox(tr("New local sandboxes may use the &network (never this computer)"), page);
    m_localNetwork->setObjectName(QStringLiteral("localSandboxNetworkCheck"));
    m_localNetwork->setToolTip(
        tr("Applies to local sandboxes created from now on; a sandbox keeps the network it was "
           "created with (the Sandboxes list shows it). On: the internet, never this computer's "
           "own addresses or services. Off: no network (no package downloads, no web)."));
    form->addRow(QString(), m_localNetwork);
    m_localAllowList = new QLineEdit(page);
    m_localAllowList->setObjectName(QStringLiteral("localSandboxAllowListEdit"));
    m_localAllowList->setPlaceholderText(tr("Empty: the whole internet"));
    m_localAllowList->setToolTip(
        tr("Comma-separated networks (10.0.0.0/8) and host names (pypi.org); names are looked "
           "up on this computer when a command starts, and there is no other DNS"));
    auto *allowLabel = new QLabel(tr("Only these net&works:"), page);
    allowLabel->setBuddy(m_localAllowList);
    form->addRow(allowLabel, m_localAllowList);
    connect(m_localNetwork, &QCheckBox::toggled, m_localAllowList, &QWidget::setEnabled);
    m_deleteSandboxes
        = new QCheckBox(tr("&Delete a thread's sandboxes when the thread is deleted"), page);
    m_deleteSandboxes->setObjectName(QStringLiteral("deleteSandboxesWithThreadCheck"));
    form->addRow(QString(), m_deleteSandboxes);

    m_autoStop = new QSpinBox(page);
    m_autoStop->setObjectName(QStringLiteral("autoStopMinutesSpin"));
    m_autoStop->setRange(0, 24 * 60);
    m_autoStop->setSuffix(tr(" min"));
    m_autoStop->setSpecialValueText(tr("Never"));
    auto *stopLabel = new QLabel(tr("Stop idle sandboxes &after:"), page);
    stopLabel->setBuddy(m_autoStop);
    form->addRow(stopLabel, m_autoStop);
    m_autoStop->setToolTip(tr("A sandbox nobody used for this long is stopped (its files stay); "
                              "the time the agent runs or a background process lives does not "
                              "count. It starts again when its thread continues."));

    m_autoDelete = new QSpinBox(page);
    m_autoDelete->setObjectName(QStringLiteral("autoDeleteDaysSpin"));
    m_autoDelete->setRange(-1, Settings::kMaxAutoDeleteDays);
    m_autoDelete->setSuffix(tr(" days"));
    m_autoDelete->setSpecialValueText(tr("Never"));
    m_autoDelete->setToolTip(tr("A stopped sandbox is deleted, with its files, after this many "
                                "days; 0: as soon as it stops"));
    auto *deleteLabel = new QLabel(tr("Delete stopped sandboxes a&fter:"), page);
    deleteLabel->setBuddy(m_autoDelete);
    form->addRow(deleteLabel, m_autoDelete);

    m_commandTimeout = new QSpinBox(page);
    m_commandTimeout->setObjectName(QStringLiteral("commandTimeoutMinutesSpin"));
    m_commandTimeout->setRange(1, Settings::kMaxCommandTimeoutMinutes);
    m_commandTimeout->setSuffix(tr(" min"));
    m_commandTimeout->setToolTip(tr("A command or code run the agent starts without its own "
                                    "timeout is stopped after this long"));
    auto *timeoutLabel = new QLabel(tr("Stop agent &commands after:"), page);
    timeoutLabel->setBuddy(m_commandTimeout);
    form->addRow(timeoutLabel, m_commandTimeout);
    auto *note = new QLabel(tr("Sandbox changes apply to sandboxes created from now on. Where "
                               "new sandboxes run (local or Daytona) is chosen on the Daytona "
                               "page."),
                            page);
    note->setWordWrap(true);
    form->addRow(QString(), note);
    return page;
}

QWidget *SettingsDialog::buildDaytonaPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("daytonaPage"));
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    m_sandboxProvider = new QComboBox(page);
    m_sandboxProvider->setObjectName(QStringLiteral("sandboxProviderCombo"));
    m_sandboxProvider->addItem(tr("Automatic (Daytona when a Daytona key is set, else local)"),
                               QString());
    m_sandboxProvider->addItem(tr("Local (bubblewrap on this computer)"), QStringLiteral("local"));
    m_sandboxProvider->addItem(tr("Daytona (cloud)"), QStringLiteral("daytona"));
    auto *providerLabel = new QLabel(tr("New threads' sandboxes &run on:"), page);
    providerLabel->setBuddy(m_sandboxProvider);
    form->addRow(providerLabel, m_sandboxProvider);
    layout->addLayout(form);
    m_daytona = new DaytonaAccountForm(m_services, page);
    layout->addWidget(m_daytona);
    auto *note = new QLabel(
        tr("The key is stored in the OS keychain, never in a file. Where both exist, the "
           "keychain's key is used before DAYTONA_API_KEY in the environment or .env, and the URL "
           "and target here before DAYTONA_API_URL and DAYTONA_TARGET. Changes apply to the next "
           "sandbox call, without a restart."),
        page);
    note->setObjectName(QStringLiteral("daytonaPrecedenceNote"));
    note->setWordWrap(true);
    layout->addWidget(note);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::buildDataPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("dataPage"));
    auto *form = new QFormLayout(page);
    m_dataFolder = new QLineEdit(QDir::toNativeSeparators(m_paths.dataDir()), page);
    m_dataFolder->setObjectName(QStringLiteral("dataFolderEdit"));
    m_dataFolder->setReadOnly(true);
    auto *open = new QPushButton(tr("&Open Folder"), page);
    open->setObjectName(QStringLiteral("openDataFolderButton"));
    connect(open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_paths.dataDir())); });
    auto *line = new QHBoxLayout;
    line->addWidget(m_dataFolder, 1);
    line->addWidget(open);
    auto *label = new QLabel(tr("Data &folder:"), page);
    label->setBuddy(m_dataFolder);
    form->addRow(label, line);
    auto *note = new QLabel(tr("Threads, messages and sandboxes' state live here. To use another "
                               "folder, start Agent Studio with --data-dir FOLDER. Settings are "
                               "in %1; keys are never stored in either.")
                                .arg(QDir::toNativeSeparators(m_services.settings.fileName())),
                            page);
    note->setObjectName(QStringLiteral("dataFolderNote"));
    note->setWordWrap(true);
    note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(QString(), note);

    // Checkpoints (issue 15): the cap for all threads, and what they use now.
    m_checkpointCap = new QSpinBox(page);
    m_checkpointCap->setObjectName(QStringLiteral("checkpointCapSpin"));
    m_checkpointCap->setRange(Settings::kMinCheckpointCapMiB, 1024 * 1024);
    m_checkpointCap->setSingleStep(256);
    m_checkpointCap->setSuffix(tr(" MiB"));
    m_checkpointCap->setAccessibleName(tr("Checkpoint storage cap"));
    auto *capLabel = new QLabel(tr("&Checkpoints may use:"), page);
    capLabel->setBuddy(m_checkpointCap);
    form->addRow(capLabel, m_checkpointCap);
    m_checkpointUsage = new QLabel(page);
    m_checkpointUsage->setObjectName(QStringLiteral("checkpointUsageLabel"));
    m_checkpointUsage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Used now:"), m_checkpointUsage);
    auto *capNote = new QLabel(tr("Checkpoints are the snapshots the Changes tab and Rewind use. "
                                  "Over the cap, those of deleted sandboxes go first, then the "
                                  "oldest; their lists of changed files stay."),
                               page);
    capNote->setWordWrap(true);
    form->addRow(QString(), capNote);
    showCheckpointUsage();
    return page;
}

void SettingsDialog::setCheckpointService(CheckpointService *checkpoints)
{
    if (m_checkpoints)
        disconnect(m_checkpoints, nullptr, this, nullptr);
    m_checkpoints = checkpoints;
    if (m_checkpoints) {
        connect(m_checkpoints, &CheckpointService::usageChanged, this,
                [this] { showCheckpointUsage(); });
        m_checkpoints->refreshUsage();
    }
    showCheckpointUsage();
}

void SettingsDialog::showCheckpointUsage()
{
    if (!m_checkpoints) {
        m_checkpointUsage->setText(tr("Not known (the agent cannot run here)."));
        return;
    }
    const CheckpointStorage storage = m_checkpoints->storage();
    if (!storage.known) {
        m_checkpointUsage->setText(tr("Measuring…"));
        return;
    }
    m_checkpointUsage->setText(
        storage.repositories <= 0
            ? tr("%1 of checkpoints").arg(DiffRender::sizeText(storage.bytesUsed))
            : storage.repositories == 1
            ? tr("%1 in one sandbox's checkpoints").arg(DiffRender::sizeText(storage.bytesUsed))
            : tr("%1 in %2 sandboxes' checkpoints")
                  .arg(DiffRender::sizeText(storage.bytesUsed))
                  .arg(storage.repositories));
}

void SettingsDialog::load()
{
    Settings &settings = m_services.settings;
    const QString model = settings.defaultModel();
    addModels(QStringList{model} + ModelSuggestions::all(m_services.llm.catalog()));
    m_defaultModel->setCurrentText(model);
    m_maxSteps->setValue(settings.maxSteps());

    const int policy = m_approvalPolicy->findData(settings.approvalPolicy());
    m_approvalPolicy->setCurrentIndex(qMax(0, policy));
    updateApprovalHelp();
    if (m_rulesPage)
        m_rulesPage->load(settings);
    m_desktopNotifications->setChecked(settings.desktopNotifications());
    m_trayIcon->setChecked(settings.trayIcon());

    m_sandboxProvider->setCurrentIndex(
        qMax(0, m_sandboxProvider->findData(settings.sandboxProvider())));
    m_localNetwork->setChecked(settings.localSandboxNetwork());
    m_localAllowList->setText(settings.localSandboxAllowList());
    m_localAllowList->setEnabled(m_localNetwork->isChecked());
    m_deleteSandboxes->setChecked(settings.deleteSandboxesWithThread());
    m_autoStop->setValue(settings.sandboxAutoStopMinutes());
    m_autoDelete->setValue(settings.sandboxAutoDeleteDays());
    m_commandTimeout->setValue(settings.commandTimeoutMinutes());
    m_checkpointCap->setValue(settings.checkpointCapMiB());
}

void SettingsDialog::addModels(const QStringList &models)
{
    for (const QString &model : models) {
        if (!model.isEmpty() && m_defaultModel->findText(model) < 0)
            m_defaultModel->addItem(model);
    }
}

bool SettingsDialog::apply()
{
    QString error;
    const QString model = m_defaultModel->currentText().trimmed();
    if (!ModelRef::parse(model, &error)) {
        m_defaultModelError->setText(error);
        m_defaultModelError->setVisible(true);
        m_tabs->setCurrentWidget(m_defaultModel->parentWidget());
        m_defaultModel->setFocus();
        return false;
    }
    m_defaultModelError->setVisible(false);
    if (!m_providers->validate()) {
        m_tabs->setCurrentWidget(m_providers);
        return false;
    }
    if (!m_daytona->validate()) {
        m_tabs->setCurrentWidget(m_daytona->parentWidget());
        return false;
    }

    Settings &settings = m_services.settings;
    settings.setDefaultModel(model);
    settings.setMaxSteps(m_maxSteps->value());
    settings.setApprovalPolicy(m_approvalPolicy->currentData().toString());
    if (m_rulesPage)
        m_rulesPage->apply(settings);
    settings.setDesktopNotifications(m_desktopNotifications->isChecked());
    settings.setTrayIcon(m_trayIcon->isChecked());
    settings.setSandboxProvider(m_sandboxProvider->currentData().toString());
    settings.setLocalSandboxNetwork(m_localNetwork->isChecked());
    settings.setLocalSandboxAllowList(m_localAllowList->text());
    settings.setDeleteSandboxesWithThread(m_deleteSandboxes->isChecked());
    settings.setSandboxAutoStopMinutes(m_autoStop->value());
    settings.setSandboxAutoDeleteDays(m_autoDelete->value());
    settings.setCommandTimeoutMinutes(m_commandTimeout->value());
    settings.setCheckpointCapMiB(m_checkpointCap->value());
    if (m_checkpoints)
        m_checkpoints->setCapBytes(qint64(m_checkpointCap->value()) << 20);
    // A key entered here is a first run done another way.
    if (m_providers->hasTypedKey())
        settings.setFirstRunDone(true);
    m_providers->apply();
    // The key reaches the engine through the keychain (KeyStore::keyChanged); URL and target
    // through settingsApplied below.
    m_daytona->apply();
    if (m_prices)
        m_prices->apply(); // through the cost service, which saves them
    settings.sync();

    // The window hands the policy, base URLs and sandbox defaults to the services.
    emit settingsApplied();
    return true;
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}
