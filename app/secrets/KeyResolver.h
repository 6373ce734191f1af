// Answers "what is the key for provider X, and where did it come from?" by looking, in order,
// at the OS keychain (KeyStore), the process environment and a .env file (--env-file PATH, or
// .env in the working directory). The UI shows the source; the value is never logged.
// Also offers to import keys found in the environment or the .env file into the keychain.
#pragma once

#include "secrets/DotEnvParser.h"
#include "secrets/KeyStore.h"

#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>

#include <functional>

struct ResolvedKey
{
    enum class Source { None, Keychain, SessionMemory, Environment, DotEnvFile };

    QString name; // the provider id or variable name that was asked for
    QString value;
    Source source = Source::None;
    QString variable; // the variable that held it (Environment, DotEnvFile)
    QString envFile; // the .env file's path (DotEnvFile)
    // Why the keychain could not answer, when it could not (the lookup went on without it).
    QString keychainMessage;

    bool found() const { return source != Source::None; }
    // For the UI, never containing the value: "OS keychain", "environment (OPENAI_API_KEY)",
    // ".env file /home/me/project/.env (OPENAI_API_KEY)", "not set".
    QString sourceText() const;
};

class Redactor;

class KeyResolver final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const ResolvedKey &)>;
    using ImportCallback = std::function<void(const QList<KeyStoreResult> &)>;
    using CandidatesCallback
        = std::function<void(const QList<ResolvedKey> &candidates, const QString &error)>;

    // Reads the process environment now; no .env file until setEnvFile().
    explicit KeyResolver(KeyStore &store, QObject *parent = nullptr);
    ~KeyResolver() override;

    KeyStore &store() { return m_store; }
    // Every key value the resolver sees (environment, .env, keychain) is added to this
    // redactor, so that no log line or export can show it.
    void setRedactor(Redactor *redactor);

    // For tests and embedding: the environment to read instead of the process's.
    void setEnvironment(const QProcessEnvironment &environment);

    // Reads a .env file. An empty path means ".env in the working directory", and a missing
    // default file is fine; a path given explicitly (--env-file) must be readable. Returns
    // false with a message when it is not. Invalid lines do not fail: see envFileErrors().
    bool loadEnvFile(const QString &path, QString *error);
    QString envFile() const { return m_envFilePath; } // empty when none was read
    QList<DotEnvError> envFileErrors() const { return m_envFile.errors; }

    // The key for a provider (see KeyCatalog): keychain, then environment, then .env file.
    void resolveKey(const QString &provider, QObject *context, Callback done);
    // The same, without the keychain (synchronous).
    ResolvedKey keyOutsideKeychain(const QString &provider) const;
    // A plain variable (MODEL, DAYTONA_API_URL, OPENAI_BASE_URL, ...): environment, then .env.
    // For API keys use resolveKey(provider), which asks the keychain first.
    ResolvedKey variable(const QString &name) const;

    // The providers whose key is in the environment or the .env file but not in the keychain.
    // error is set (and candidates empty) when the keychain cannot be asked.
    void findImportCandidates(QObject *context, CandidatesCallback done);
    // Stores the key found in the environment or .env file in the keychain. Fails (writing
    // nothing, not even to session memory) when there is no such key or no keychain.
    void importKey(const QString &provider, QObject *context, KeyStore::Callback done);
    // Imports every candidate; the results come in provider order. Without a keychain: one
    // Failed result (empty account) that says why. Nothing to import: an empty list.
    void importAll(QObject *context, ImportCallback done);

private:
    void redactKnownKeys() const;

    KeyStore &m_store;
    Redactor *m_redactor = nullptr;
    QProcessEnvironment m_environment;
    QString m_envFilePath;
    DotEnvParser::Result m_envFile;
};
