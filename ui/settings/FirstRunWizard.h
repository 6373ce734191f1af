// The first-run wizard, offered when no API key is found anywhere: paste a key (stored in the
// keychain), import keys found in the environment or a .env file (shown by variable name, never
// by value), or use a local Ollama / LM Studio server. Next leads to the Sandboxes page: local
// sandboxes (no account) or Daytona (key in the keychain, API URL, target, Test); Finish on the
// model page keeps the sandboxes as they are. Finishing sets the default model and marks the
// first run done. Open with open(), or let openIfNeeded() decide.
#pragma once

#include "settings/SettingsServices.h"

#include <QWizard>

#include <functional>

class DaytonaAccountForm;
class ModelListCheck;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
struct ModelListResult;

class FirstRunWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId { ChoicePage, KeyPage, ImportPage, LocalServerPage, SandboxesPage };

    explicit FirstRunWizard(const SettingsServices &services, QWidget *parent = nullptr);
    ~FirstRunWizard() override;

    // Quick check without the keychain: the first run is not done and no key is in the
    // environment, the .env file or session memory. The keychain still has to be asked
    // (openIfNeeded does).
    static bool isNeeded(const SettingsServices &services);
    // Asks the keychain too, then opens a wizard (deleted when closed) on `parent` when no key
    // is found anywhere. `opened` (optional) gets the wizard, for tests.
    static void openIfNeeded(const SettingsServices &services, QWidget *parent,
                             std::function<void(FirstRunWizard *)> opened = {});

    int nextId() const override;
    bool validateCurrentPage() override;
    void accept() override;

private:
    QWizardPage *buildChoicePage();
    QWizardPage *buildKeyPage();
    QWizardPage *buildImportPage();
    QWizardPage *buildLocalServerPage();
    QWizardPage *buildSandboxesPage();
    void pageChanged(int id);
    void fillKeyModels();
    void findImportCandidates();
    void localServerChanged();
    void showLocalModels(const ModelListResult &result);
    bool checkKeyPage();
    bool checkImportPage();
    bool checkLocalServerPage();
    void finishModel();
    void finishWithKey();
    void finishWithImport();
    bool finishWithLocalServer();
    void finishWithSandboxes();
    void complete(const QString &defaultModel);
    void setBusy(bool busy);

    SettingsServices m_services;
    bool m_busy = false;
    bool m_completing = false;
    QRadioButton *m_pasteChoice = nullptr;
    QRadioButton *m_importChoice = nullptr;
    QRadioButton *m_localChoice = nullptr;

    QComboBox *m_keyProvider = nullptr;
    QLineEdit *m_keyEdit = nullptr;
    QComboBox *m_keyModel = nullptr;
    QLabel *m_keyStatus = nullptr;

    QListWidget *m_importList = nullptr;
    QComboBox *m_importModel = nullptr;
    QLabel *m_importStatus = nullptr;
    bool m_importSearched = false;

    QComboBox *m_localServer = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QComboBox *m_localModel = nullptr;
    ModelListCheck *m_check = nullptr;

    QRadioButton *m_localSandboxes = nullptr;
    QRadioButton *m_daytonaSandboxes = nullptr;
    DaytonaAccountForm *m_daytona = nullptr;
    QLabel *m_sandboxStatus = nullptr;
};
