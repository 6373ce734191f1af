// The settings dialog (Settings…, Ctrl+,): providers and their keys, default model, approval
// policy, sandbox defaults and the data folder. Open with open(); OK and Apply write the
// settings and hand what can change at run time to the services (approval policy, base URLs).
#pragma once

#include <QDialog>

class AppContext;
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
    explicit SettingsDialog(AppContext &context, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Writes the settings and updates the services. Returns false, with the reason shown next to
    // the field at fault, when something cannot be saved as typed (nothing is written then).
    bool apply();

    void accept() override;

signals:
    void settingsApplied();

private:
    QWidget *buildModelsPage();
    QWidget *buildApprovalsPage();
    QWidget *buildSandboxesPage();
    QWidget *buildDataPage();
    void load();
    void addModels(const QStringList &models);
    void updateApprovalHelp();

    AppContext &m_context;
    QTabWidget *m_tabs = nullptr;
    ProvidersPage *m_providers = nullptr;
    QComboBox *m_defaultModel = nullptr;
    QLabel *m_defaultModelError = nullptr;
    QSpinBox *m_maxSteps = nullptr;
    QComboBox *m_approvalPolicy = nullptr;
    QLabel *m_approvalHelp = nullptr;
    QComboBox *m_sandboxProvider = nullptr;
    QCheckBox *m_localNetwork = nullptr;
    QCheckBox *m_deleteSandboxes = nullptr;
    QSpinBox *m_autoStop = nullptr;
    QLineEdit *m_dataFolder = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
