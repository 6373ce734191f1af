// The services the settings dialog, its Providers page and the first-run wizard work with; the
// window hands them over (they never reach the composition root, the store or the engine).
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class ApprovalRules;
class CostService;
class KeyResolver;
class KeyStore;
class LlmClient;
class Redactor;
class Settings;

struct SettingsServices
{
    Settings &settings;
    KeyStore &keyStore; // keys typed here are written to the OS keychain
    KeyResolver &keys; // where each key comes from now: keychain, environment, .env
    LlmClient &llm; // the provider catalog, base-URL overrides, model lists
    Redactor &redactor; // a key typed here is hidden from logs from then on
    // Settings > Approvals lists and edits the rules here (nullptr: no rules part).
    ApprovalRules *rules = nullptr;
    QStringList toolNames = {}; // what a rule can name
    std::function<QString(qint64)> threadTitle = {}; // names the thread of a thread-scoped rule
    // Settings > Prices edits the user's prices here (nullptr: no prices page).
    CostService *costs = nullptr;
};
