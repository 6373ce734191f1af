// The services of one Agent Studio process, built once in main() and passed by reference to
// whatever needs them (no singletons). Owns them; destroys them in reverse order.
#pragma once

#include "core/Settings.h"
#include "core/StudioPaths.h"
#include "log/Redactor.h"
#include "store/Store.h"

#include <QString>

#include <memory>

class KeyResolver;
class KeyStore;

class AppContext final
{
public:
    explicit AppContext(const StudioPaths &paths);
    ~AppContext();
    AppContext(const AppContext &) = delete;
    AppContext &operator=(const AppContext &) = delete;

    // The .env file to read keys and settings from (--env-file); empty: .env in the working
    // directory, if there is one. Call before open().
    void setEnvFile(const QString &path) { m_envFile = path; }

    // Creates the folders and opens the services that can fail. On failure returns false and
    // a message that says what to do.
    bool open(QString *error);

    const StudioPaths &paths() const { return m_paths; }
    Settings &settings() { return *m_settings; }
    // Every secret the app loads is added here, so that logs and exports never show it.
    Redactor &redactor() { return m_redactor; }
    // API keys: the OS keychain (service "agent-studio", account = provider id) ...
    KeyStore &keyStore() { return *m_keyStore; }
    // ... and where each key comes from: keychain, then environment, then the .env file.
    KeyResolver &keys() { return *m_keys; }
    // The database (opened by open()); belongs to the GUI thread.
    Store &store() { return *m_store; }

private:
    StudioPaths m_paths;
    Redactor m_redactor;
    std::unique_ptr<Settings> m_settings;
    QString m_envFile;
    std::unique_ptr<KeyStore> m_keyStore;
    std::unique_ptr<KeyResolver> m_keys;
    std::unique_ptr<Store> m_store;
};
