// The services of one Agent Studio process, built once in main() and passed by reference to
// whatever needs them (no singletons). Owns them; destroys them in reverse order.
#pragma once

#include "core/Settings.h"
#include "core/StudioPaths.h"
#include "log/Redactor.h"
#include "sandbox/DaytonaConfig.h"
#include "store/Store.h"

#include <QLockFile>
#include <QString>

#include <functional>
#include <memory>

class AgentEngine;
class ApprovalPolicy;
class AttachmentService;
class CheckpointEngine;
class CheckpointService;
class CostService;
class DaytonaAccount;
class ApprovalRules;
class KeyResolver;
class KeyStore;
class LlmClient;
class QNetworkAccessManager;
class RunHistory;
class SandboxBackend;
class SandboxHostCheck;
class ThreadService;
class SandboxService;
class ProcessService;
class ToolCatalog;

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
    // What the store kept of runs, read-only (the views of runs read through it).
    RunHistory &history() { return *m_history; }
    // The owner of thread rows (create, rename, pin, model, delete; added/changed/removed).
    ThreadService &threads() { return *m_threads; }
    // The owner of the approval rules and of each thread's approval mode (issue 16).
    ApprovalRules &approvalRules() { return *m_approvalRules; }
    // The owner of prices, thread costs and budgets (issue 18). Built by open().
    CostService &costs() { return *m_costs; }
    // False when another Agent Studio process had the data folder first (this one then
    // reads and writes the same database but leaves crash recovery to the owner).
    bool ownsDataFolder() const { return m_lock && m_lock->isLocked(); }

    // The agent and what it needs, built on first use (a `paths` command needs none of it).
    // "local" or "daytona" forces the sandbox provider; empty: the settings' choice (automatic:
    // Daytona when a key is set, else the local bubblewrap server). Call before the engine is
    // built.
    void setSandboxProvider(const QString &provider) { m_sandboxProvider = provider; }
    // The Daytona key, URL and target the sandboxes use (keychain, then environment, then .env;
    // see DaytonaAccount). Built by open().
    DaytonaAccount &daytona() { return *m_daytona; }
    // Runs next once the keychain has answered for the Daytona key (the CLI waits for it before
    // its first sandbox call; the window does not wait: the backend takes the key when it comes).
    void whenSandboxKeyKnown(QObject *context, std::function<void()> next);
    // Hands the saved settings (approval policy, base URLs, sandbox defaults) to the services
    // built so far; each service also takes them when it is built. Call after the settings
    // change (the settings dialog's Apply).
    void applySettings();
    // nullptr and *error (one line, what to do) when the engine cannot be built.
    AgentEngine *agentEngine(QString *error);
    bool hasEngine() const { return m_engine != nullptr; }
    AgentEngine &engine() { return *m_engine; }
    // The sandbox servers in use, built on first use (by the engine or the sandbox service);
    // nullptr and *error (one line, what to do) when Daytona is chosen without a key.
    SandboxBackend *sandboxBackend(QString *error);
    // The same, once built (by sandboxBackend(), agentEngine() or the sandbox service).
    SandboxBackend &sandboxes() { return *m_sandboxes; }
    // The owner of the sandboxes as the app knows them; built on first use, also when the
    // engine cannot be (its list then says why).
    SandboxService &sandboxService();
    // The owner of checkpoints (issue 15), built on first use; the engine built afterwards (or
    // before) takes its checkpoints through it. In the process that owns the data folder,
    // building it also finishes the restores a crash interrupted (recoveryFinished tells).
    CheckpointService &checkpoints();
    // The owner of background processes (issue 17), built with the sandbox service; they end
    // with their sandbox (removed or stopped in the list).
    ProcessService &processes();
    bool hasCheckpoints() const { return m_checkpoints != nullptr; }
    // Whether bubblewrap can create local sandboxes here, and if not why and what to do (the
    // empty thread shows it); built on first use, not yet probed.
    SandboxHostCheck &sandboxHostCheck();
    // Files dropped on the composer, uploaded into the thread's sandbox (issue 18); built on
    // first use.
    AttachmentService &attachments();
    ApprovalPolicy &approvalPolicy();
    const ToolCatalog &tools();
    LlmClient &llm();
    QNetworkAccessManager &network();

private:
    QString sandboxProviderChoice() const;
    DaytonaConfig cloudConfig() const;
    void updateSandboxAccount();

    StudioPaths m_paths;
    Redactor m_redactor;
    std::unique_ptr<Settings> m_settings;
    QString m_envFile;
    std::unique_ptr<KeyStore> m_keyStore;
    std::unique_ptr<KeyResolver> m_keys;
    std::unique_ptr<DaytonaAccount> m_daytona;
    std::unique_ptr<QLockFile> m_lock; // held by the process that owns the data folder
    std::unique_ptr<Store> m_store;
    std::unique_ptr<RunHistory> m_history;
    std::unique_ptr<ThreadService> m_threads;
    std::unique_ptr<ApprovalRules> m_approvalRules;
    std::unique_ptr<CostService> m_costs;
    QString m_sandboxProvider;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<LlmClient> m_llm;
    std::unique_ptr<SandboxBackend> m_sandboxes;
    std::unique_ptr<SandboxService> m_sandboxService; // uses m_sandboxes and m_store
    std::unique_ptr<ProcessService> m_processes; // follows through m_sandboxes' clients
    std::unique_ptr<ToolCatalog> m_tools;
    std::unique_ptr<ApprovalPolicy> m_policy;
    std::unique_ptr<CheckpointEngine> m_checkpointEngine;
    std::unique_ptr<CheckpointService> m_checkpoints; // uses the engine, store and sandboxes
    std::unique_ptr<SandboxHostCheck> m_hostCheck;
    std::unique_ptr<AttachmentService> m_attachments; // uses the sandbox service and the rules
    std::unique_ptr<AgentEngine> m_engine; // last: destroyed first
};
