// The Daytona account fields shared by Settings > Daytona and the first-run wizard's Sandboxes
// page: the API key (stored in the OS keychain, account "daytona", never shown back), where the
// current key comes from with Forget and Import (a DAYTONA_API_KEY in the environment or .env
// copied into the keychain), the API URL and target (settings), and Test.
#pragma once

#include "sandbox/DaytonaConfig.h"
#include "secrets/KeyResolver.h"
#include "settings/SettingsServices.h"

#include <QWidget>

#include <functional>

class DaytonaAccountCheck;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

class DaytonaAccountForm final : public QWidget
{
    Q_OBJECT

public:
    explicit DaytonaAccountForm(const SettingsServices &services, QWidget *parent = nullptr);
    ~DaytonaAccountForm() override;

    // Checks the URL; on a bad one says why under Test, focuses it and returns false.
    bool validate();
    bool hasTypedKey() const;
    // A key typed here or found anywhere (keychain, environment, .env).
    bool hasKey() const;
    // Saves the URL and target and stores a typed key in the keychain; done(ok) once the key is
    // stored (at once when none was typed). A key that cannot be stored says why in place.
    void apply(std::function<void(bool ok)> done = {});
    // Asks where the key comes from again.
    void refreshKeySource();
    // Runs the Test with what is typed (for the wizard's keyboard users and tests too).
    void test();

    // The key's source for the label, never containing the key.
    static QString sourceDescription(const ResolvedKey &key);

signals:
    void keyStored();
    void tested(bool ok, const QString &message);

private:
    DaytonaConfig typedConfig() const;
    void showKeySource(const ResolvedKey &key);
    void forgetKey();
    void importKey();

    SettingsServices m_services;
    ResolvedKey m_current;
    QLineEdit *m_keyEdit = nullptr;
    QToolButton *m_showKey = nullptr;
    QLabel *m_source = nullptr;
    QPushButton *m_forget = nullptr;
    QPushButton *m_import = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_target = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    DaytonaAccountCheck *m_check = nullptr;
};
