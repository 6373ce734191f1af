#include "AppContext.h"

#include "agent/AgentEngine.h"
#include "agent/ApprovalPolicy.h"
#include "agent/ToolCatalog.h"
#include "checkpoint/CheckpointEngine.h"
#include "core/Logging.h"
#include "llm/LlmClient.h"
#include "localsandbox/LocalSandboxServer.h"
#include "localsandbox/SandboxHostCheck.h"
#include "root/DaytonaAccount.h"
#include "sandbox/DaytonaConfig.h"
#include "sandbox/SandboxBackend.h"
#include "secrets/KeyResolver.h"
#include "secrets/KeyStore.h"
#include "services/ApprovalRules.h"
#include "services/AttachmentService.h"
#include "services/CheckpointService.h"
#include "services/CostService.h"
#include "services/ProcessService.h"
#include "services/RunHistory.h"
#include "services/SandboxService.h"
#include "services/ThreadService.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QNetworkAccessManager>

#include <sys/stat.h>
#include <unistd.h>

namespace {

// Where the local sandbox server keeps its sandboxes. As root, sandboxed processes run as
// nobody, who must be able to traverse every folder above the sandbox homes: the data folder
// then gets mode 0711 (its files stay 0600), or, when a folder above it is closed to others
// (/root), the sandboxes live under /var/lib/agent-studio instead.
QString localSandboxRoot(const QString &dataDir)
{
    if (::geteuid() != 0)
        return dataDir;
    bool ancestorsOpen = true;
    for (QString path = QFileInfo(dataDir).absolutePath(); !path.isEmpty();
         path = QFileInfo(path).path()) {
        struct stat st = {};
        if (::stat(QFile::encodeName(path).constData(), &st) == 0 && !(st.st_mode & S_IXOTH)) {
            ancestorsOpen = false;
            break;
        }
        if (path == QLatin1String("/"))
            break;
    }
    if (ancestorsOpen) {
        ::chmod(QFile::encodeName(dataDir).constData(), 0711);
        return dataDir;
    }
    const QByteArray key
        = QCryptographicHash::hash(dataDir.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    return QStringLiteral("/var/lib/agent-studio/") + QString::fromLatin1(key);
}

} // namespace

AppContext::AppContext(const StudioPaths &paths)
    : m_paths(paths)
{
}

AppContext::~AppContext()
{
    // The engine first: its runs use everything below it.
    m_engine.reset();
    m_checkpoints.reset();
    m_checkpointEngine.reset();
}

bool AppContext::open(QString *error)
{
    if (!m_paths.ensureExist(error))
        return false;
    m_settings = std::make_unique<Settings>(m_paths.settingsFile());
    // A fixed keychain service name, so stored keys do not depend on the binary's name.
    m_keyStore = std::make_unique<KeyStore>(QStringLiteral("agent-studio"));
    m_keys = std::make_unique<KeyResolver>(*m_keyStore);
    m_keys->setRedactor(&m_redactor);
    if (!m_keys->loadEnvFile(m_envFile, error))
        return false;
    m_daytona = std::make_unique<DaytonaAccount>(*m_keys, *m_keyStore, *m_settings);
    // A new key (keychain answer, Settings) or URL reaches the sandboxes' next call.
    QObject::connect(m_daytona.get(), &DaytonaAccount::changed, m_daytona.get(),
                     [this] { updateSandboxAccount(); });
    // One process owns the folder at a time: only it may recover interrupted runs, since a
    // second process (a CLI command while the window is open) would mark the owner's live
    // streams as interrupted.
    m_lock = std::make_unique<QLockFile>(m_paths.dataDir() + QStringLiteral("/studio.lock"));
    m_lock->setStaleLockTime(0); // only a dead owner's lock is stale
    if (!m_lock->tryLock(0))
        qCInfo(lcApp) << "another Agent Studio process uses" << m_paths.dataDir()
                      << "- sharing its database";
    m_store = std::make_unique<Store>();
    m_store->setRecoverOnOpen(ownsDataFolder());
    if (const StoreStatus opened = m_store->open(m_paths.databaseFile()); !opened) {
        if (error)
            *error = opened.error();
        return false;
    }
    m_history = std::make_unique<RunHistory>(*m_store);
    m_threads = std::make_unique<ThreadService>(*m_store);
    m_approvalRules = std::make_unique<ApprovalRules>(*m_store);
    m_costs = std::make_unique<CostService>(*m_store, *m_settings);
    applySettings();
    // A rewind a crash interrupted is finished now (restores are idempotent), before anyone
    // looks at the sandbox's files.
    if (ownsDataFolder()) {
        if (const auto pending = m_store->pendingRestores(); pending && !pending->isEmpty())
            checkpoints();
    }
    qCDebug(lcApp) << "data folder" << m_paths.dataDir() << "settings" << m_settings->fileName()
                   << "database" << m_store->path();
    return true;
}

QNetworkAccessManager &AppContext::network()
{
    if (!m_network)
        m_network = std::make_unique<QNetworkAccessManager>();
    return *m_network;
}

LlmClient &AppContext::llm()
{
    if (!m_llm) {
        m_llm = std::make_unique<LlmClient>(&network());
        applySettings();
    }
    return *m_llm;
}

const ToolCatalog &AppContext::tools()
{
    if (!m_tools)
        m_tools = std::make_unique<ToolCatalog>();
    return *m_tools;
}

AttachmentService &AppContext::attachments()
{
    if (!m_attachments) {
        m_attachments = std::make_unique<AttachmentService>(*m_threads, sandboxService(),
                                                            *m_approvalRules, approvalPolicy());
        applySettings();
    }
    return *m_attachments;
}

ApprovalPolicy &AppContext::approvalPolicy()
{
    if (!m_policy) {
        m_policy = std::make_unique<ApprovalPolicy>(tools());
        applySettings();
    }
    return *m_policy;
}

void AppContext::applySettings()
{
    // The old approval-policy setting still gives the default mode until one is chosen
    // (Settings::defaultApprovalMode).
    if (m_approvalRules)
        m_approvalRules->setDefaultMode(ApprovalModes::fromString(m_settings->defaultApprovalMode())
                                            .value_or(ApprovalMode::Ask));
    if (m_policy) {
        if (const auto preset = ApprovalPolicy::presetFromString(m_settings->approvalPolicy()))
            m_policy->setPreset(*preset);
    }
    if (m_llm) {
        for (const ProviderInfo &provider : m_llm->catalog().providers())
            m_llm->setBaseUrlOverride(provider.id, m_settings->providerBaseUrl(provider.id));
    }
    if (m_checkpoints)
        m_checkpoints->setCapBytes(qint64(m_settings->checkpointCapMiB()) << 20);
    if (m_daytona) {
        m_daytona->settingsChanged();
        updateSandboxAccount(); // the provider choice too
    }
    if (m_engine) {
        m_engine->setSandboxAutoStopMinutes(m_settings->sandboxAutoStopMinutes());
        m_engine->setSandboxAutoDeleteMinutes(m_settings->sandboxAutoDeleteMinutes());
        m_engine->setCommandTimeoutSeconds(m_settings->commandTimeoutMinutes() * 60);
    }
    if (m_attachments)
        m_attachments->setSandboxTimers(m_settings->sandboxAutoStopMinutes(),
                                        m_settings->sandboxAutoDeleteMinutes());
}

QString AppContext::sandboxProviderChoice() const
{
    // The command line's choice, else the settings' (read now: Settings can change it).
    return m_sandboxProvider.isEmpty() ? m_settings->sandboxProvider() : m_sandboxProvider;
}

DaytonaConfig AppContext::cloudConfig() const
{
    // "local" keeps Daytona out of reach, as before the account could change at run time.
    if (sandboxProviderChoice() == QLatin1String("local"))
        return {};
    return m_daytona->config();
}

void AppContext::updateSandboxAccount()
{
    if (!m_sandboxes)
        return;
    const DaytonaConfig cloud = cloudConfig();
    if (DaytonaAccount::sameConfig(cloud, m_sandboxes->cloudConfig()))
        return;
    m_sandboxes->setCloudConfig(cloud);
    qCInfo(lcApp).noquote() << "Daytona account:"
                            << (cloud.bearer().isEmpty()
                                    ? QStringLiteral("no key")
                                    : QStringLiteral("key from ") + m_daytona->keySource())
                            << "API" << cloud.apiUrl.toString();
    // The list shows (or stops showing) Daytona's sandboxes now.
    if (m_sandboxService)
        m_sandboxService->refresh();
}

void AppContext::whenSandboxKeyKnown(QObject *context, std::function<void()> next)
{
    m_daytona->whenKnown(context, std::move(next));
}

SandboxBackend *AppContext::sandboxBackend(QString *error)
{
    if (m_sandboxes)
        return m_sandboxes.get();
    // Daytona's key comes from the keychain, the environment or the .env file; the keychain
    // answers later (never waited for here), and the backend takes the key when it comes.
    m_daytona->ensureLoaded();
    const DaytonaConfig cloud = cloudConfig();
    if (sandboxProviderChoice() == QLatin1String("daytona") && m_daytona->isKnown()
        && cloud.bearer().isEmpty()) {
        if (error)
            *error = QStringLiteral("Daytona sandboxes need an API key: add one in Settings > "
                                    "Daytona, or set DAYTONA_API_KEY (environment or .env); or "
                                    "use --sandbox local");
        return nullptr;
    }
    LocalSandboxOptions local;
    local.dataDir = localSandboxRoot(m_paths.dataDir());
    local.minuteMs = LocalSandboxOptions::minuteMsFromEnvironment();
    // Read at each create: the setting applies to the next sandbox, not only after a restart
    // (m_settings outlives the backend).
    local.networkDefault = [settings = m_settings.get()] {
        return std::pair(settings->localSandboxNetwork(), settings->localSandboxAllowList());
    };
    m_sandboxes = std::make_unique<SandboxBackend>(cloud, LocalSandboxServer::starter(local));
    return m_sandboxes.get();
}

SandboxHostCheck &AppContext::sandboxHostCheck()
{
    if (!m_hostCheck)
        m_hostCheck = std::make_unique<SandboxHostCheck>();
    return *m_hostCheck;
}

SandboxService &AppContext::sandboxService()
{
    if (!m_sandboxService)
        m_sandboxService = std::make_unique<SandboxService>(
            *m_store, [this](QString *error) { return sandboxBackend(error); });
    return *m_sandboxService;
}

AgentEngine *AppContext::agentEngine(QString *error)
{
    if (m_engine)
        return m_engine.get();
    SandboxBackend *sandboxes = sandboxBackend(error);
    if (!sandboxes)
        return nullptr;
    AgentEngine::Services services{*m_store,   *m_threads,       llm(),   *m_keys,
                                   *sandboxes, sandboxService(), tools(), approvalPolicy(),
                                   m_redactor, *m_approvalRules};
    m_engine = std::make_unique<AgentEngine>(services);
    m_engine->setCheckpoints(&checkpoints());
    m_checkpoints->setAgentEngine(m_engine.get());
    m_engine->setProcesses(&processes());
    m_engine->setCosts(m_costs.get());
    applySettings();
    return m_engine.get();
}

ProcessService &AppContext::processes()
{
    if (m_processes)
        return *m_processes;
    m_processes = std::make_unique<ProcessService>();
    ProcessService *processes = m_processes.get();
    SandboxService &sandboxes = sandboxService();
    QObject::connect(&sandboxes, &SandboxService::sandboxRemoved, processes,
                     &ProcessService::sandboxGone);
    QObject::connect(
        &sandboxes, &SandboxService::sandboxChanged, processes,
        [processes, &sandboxes](const QString &id) {
            static const QStringList ends{QStringLiteral("stopping"),  QStringLiteral("stopped"),
                                          QStringLiteral("archived"),  QStringLiteral("destroying"),
                                          QStringLiteral("destroyed"), QStringLiteral("error")};
            const SandboxEntry *entry = sandboxes.find(id);
            if (entry && ends.contains(entry->sandbox.state) && processes->runningCount(id) > 0)
                processes->sandboxGone(id);
        });
    // After a restart the processes still running are found again in their sandboxes.
    QObject::connect(&sandboxes, &SandboxService::sandboxAdded, processes,
                     [processes, &sandboxes](const QString &id) {
                         const SandboxEntry *entry = sandboxes.find(id);
                         QString error;
                         DaytonaClient *client = sandboxes.clientFor(id, &error);
                         if (entry && client && entry->sandbox.state == QLatin1String("started"))
                             processes->adopt(client, entry->provider, entry->sandbox);
                     });
    return *m_processes;
}

CheckpointService &AppContext::checkpoints()
{
    if (m_checkpoints)
        return *m_checkpoints;
    m_checkpointEngine
        = std::make_unique<CheckpointEngine>(CheckpointEngine::defaultDirectory(m_paths));
    // Tests force the Daytona path (a find command) against the local server.
    if (qEnvironmentVariable("AGENT_STUDIO_CHECKPOINT_MANIFEST") == QLatin1String("find"))
        m_checkpointEngine->setManifestSource(CheckpointEngine::ManifestSource::Find);
    m_checkpoints = std::make_unique<CheckpointService>(
        *m_store, *m_threads, *m_checkpointEngine,
        [this](const QString &provider, QString *error) -> DaytonaClient * {
            SandboxBackend *backend = sandboxBackend(error);
            if (!backend)
                return nullptr;
            return backend->client(provider.isEmpty() ? backend->defaultProvider() : provider,
                                   error);
        });
    m_checkpoints->setSandboxService(&sandboxService());
    if (m_engine)
        m_checkpoints->setAgentEngine(m_engine.get());
    applySettings();
    // Only the owner finishes interrupted restores: a second process would race it.
    if (ownsDataFolder())
        m_checkpoints->resumePendingRestores();
    return *m_checkpoints;
}
