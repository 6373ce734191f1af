// The settings dialog (Settings…, Ctrl+,): providers and their keys, default model, approval
// policy, sandbox defaults, the Daytona account (key in the keychain), the data folder and the
// checkpoints' storage cap (with the disk they use now). Open with open(); OK and Apply write the
// settings and say so (settingsApplied), and the window hands what can change at run time to
// the services (approval policy, base URLs, sandbox defaults).
#pragma once

#include "core/StudioPaths.h"
#include "settings/SettingsServices.h"

#include <QDialog>

class CheckpointService;
class DaytonaAccountForm;
class ApprovalRulesPage;
class PricesPage;
class ProvidersPage;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;

class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(const SettingsServices &services, const StudioPaths &paths,
                   QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Writes the settings and emits settingsApplied. Returns false, with the reason shown next
    // to the field at fault, when something cannot be saved as typed (nothing is written then).
    bool apply();

    void accept() override;

    // Shows the disk the checkpoints use now (measured again when the dialog opens); without
    // one the Data page says it is not known.
    void setCheckpointService(CheckpointService *checkpoints);

signals:
    // The settings were written: the services built so far should take them now.
    void settingsApplied();

private:
    QWidget *buildModelsPage();
    QWidget *buildApprovalsPage();
    QWidget *buildSandboxesPage();
    QWidget *buildDaytonaPage();
    QWidget *buildDataPage();
    void load();
    void addModels(const QStringList &models);
    void updateApprovalHelp();
    void showCheckpointUsage();

    SettingsServices m_services;
    StudioPaths m_paths;
    QTabWidget *m_tabs = nullptr;
    ProvidersPage *m_providers = nullptr;
    QComboBox *m_defaultModel = nullptr;
    QLabel *m_defaultModelError = nullptr;
    QSpinBox *m_maxSteps = nullptr;
    QComboBox *m_approvalPolicy = nullptr;
    QLabel *m_approvalHelp = nullptr;
    ApprovalRulesPage *m_rulesPage = nullptr;
    PricesPage *m_prices = nullptr; // with a cost service
    QCheckBox *m_desktopNotifications = nullptr;
    QCheckBox *m_trayIcon = nullptr;
    QComboBox *m_sandboxProvider = nullptr;
    DaytonaAccountForm *m_daytona = nullptr;
    QCheckBox *m_localNetwork = nullptr;
    QLineEdit *m_localAllowList = nullptr;
    QCheckBox *m_deleteSandboxes = nullptr;
    QSpinBox *m_autoStop = nullptr;
    QSpinBox *m_autoDelete = nullptr;
    QSpinBox *m_commandTimeout = nullptr;
    QLineEdit *m_dataFolder = nullptr;
    QSpinBox *m_checkpointCap = nullptr;
    QLabel *m_checkpointUsage = nullptr;
    CheckpointService *m_checkpoints = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
