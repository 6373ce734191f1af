// KeyResolver over a real keychain (private gnome-keyring via with-keyring.sh), a controlled
// environment and real .env files: the order keychain > environment > .env file, the source
// the UI shows, and importing keys into the keychain.
#include "KeychainTestHelpers.h"

#include "llm/ProviderCatalog.h"
#include "log/Redactor.h"
#include "root/AppContext.h"
#include "secrets/KeyCatalog.h"

#include <QTemporaryDir>
#include <QTest>

using namespace KeychainTest;

class TestKeyResolver final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void catalogNamesEveryVariable();
    void everyModelProviderFindsItsKeychainAccount();
    void keychainBeatsEnvironmentBeatsEnvFile();
    void firstVariableOfAProviderWins();
    void emptyValuesDoNotCount();
    void settingsComeFromEnvironmentThenEnvFile();
    void envFileDefaultsToWorkingDirectory();
    void explicitEnvFileMustExist();
    void envFileErrorsAreKept();
    void appContextReadsTheEnvFile();
    void everyLoadedKeyIsRedacted();
    void importCandidatesAreKeysMissingFromKeychain();
    void importOneAndAll();
    void importWithoutKeyFails();

private:
    QString writeEnvFile(const QByteArray &content);
    void clearKeychain();

    QTemporaryDir m_dir;
    KeyStore m_store{QStringLiteral("agent-studio")};
    KeyResolver m_resolver{m_store};
};

QString TestKeyResolver::writeEnvFile(const QByteArray &content)
{
    const QString path = m_dir.filePath(QStringLiteral("project.env"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) < 0)
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestKeyResolver::clearKeychain()
{
    for (const QString &provider : KeyCatalog::providers()) {
        const auto removed = remove(m_store, provider);
        QVERIFY(removed && removed->status != KeyStoreResult::Status::Failed);
    }
}

void TestKeyResolver::initTestCase()
{
    if (sessionDir().isEmpty())
        QFAIL("Run this test through ctest: it needs tests/tools/with-keyring.sh, which gives it a "
              "private keyring instead of yours.");
    QVERIFY(m_dir.isValid());
    m_store.probe();
    QTRY_COMPARE_WITH_TIMEOUT(m_store.availability(), KeyStore::Availability::Available, 20000);
}

void TestKeyResolver::init()
{
    clearKeychain();
    m_resolver.setEnvironment({});
    QString error;
    QVERIFY(m_resolver.loadEnvFile(writeEnvFile({}), &error));
}

void TestKeyResolver::everyModelProviderFindsItsKeychainAccount()
{
    // The model catalog and the key table name some providers differently.
    const ProviderCatalog catalog;
    for (const ProviderInfo &provider : catalog.providers()) {
        if (!provider.keyRequired || provider.id == QLatin1String("custom"))
            continue;
        const QString account = KeyCatalog::accountFor(provider.id, provider.aliases);
        QVERIFY2(KeyCatalog::isProvider(account), qPrintable(provider.id));
        QVERIFY2(KeyCatalog::keyVariables(account).contains(provider.keyVariable),
                 qPrintable(provider.id));
    }
    QCOMPARE(KeyCatalog::accountFor(QStringLiteral("together"), {QStringLiteral("togetherai")}),
             QStringLiteral("togetherai"));
    QCOMPARE(KeyCatalog::accountFor(QStringLiteral("unknown"), {QStringLiteral("x")}),
             QStringLiteral("unknown"));
}

void TestKeyResolver::catalogNamesEveryVariable()
{
    const char *const expected[] = {
        "OPENAI_API_KEY",
        "ANTHROPIC_API_KEY",
        "GOOGLE_GENERATIVE_AI_API_KEY",
        "GEMINI_API_KEY",
        "OPENROUTER_API_KEY",
        "GROQ_API_KEY",
        "MISTRAL_API_KEY",
        "DEEPSEEK_API_KEY",
        "XAI_API_KEY",
        "TOGETHER_API_KEY",
        "FIREWORKS_API_KEY",
        "CEREBRAS_API_KEY",
        "DAYTONA_API_KEY",
        "DAYTONA_API_URL",
        "DAYTONA_TARGET",
        "MODEL",
        "OPENAI_BASE_URL",
        "ANTHROPIC_BASE_URL",
    };
    QStringList names;
    for (const KeyCatalog::Variable &variable : KeyCatalog::variables())
        names << variable.name;
    for (const char *name : expected)
        QVERIFY2(names.contains(QLatin1String(name)), name);
    QCOMPARE(names.size(), qsizetype(QSet<QString>(names.cbegin(), names.cend()).size()));
    // Every provider id has a key variable; settings are never keychain entries.
    for (const QString &provider : KeyCatalog::providers())
        QVERIFY(!KeyCatalog::keyVariables(provider).isEmpty());
    QCOMPARE(KeyCatalog::find(QStringLiteral("MODEL"))->kind, KeyCatalog::Kind::Setting);
    QCOMPARE(KeyCatalog::find(QStringLiteral("DAYTONA_API_KEY"))->provider,
             QStringLiteral("daytona"));
    QVERIFY(!KeyCatalog::isProvider(QStringLiteral("MODEL")));
    QCOMPARE(KeyCatalog::keyVariables(QStringLiteral("google")),
             QStringList({QStringLiteral("GOOGLE_GENERATIVE_AI_API_KEY"),
                          QStringLiteral("GEMINI_API_KEY")}));
}

void TestKeyResolver::keychainBeatsEnvironmentBeatsEnvFile()
{
    const QString envFile = writeEnvFile("OPENAI_API_KEY=sk-from-dotenv\n");
    QString error;
    QVERIFY(m_resolver.loadEnvFile(envFile, &error));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-from-environment"));
    m_resolver.setEnvironment(environment);
    QVERIFY(write(m_store, QStringLiteral("openai"), QStringLiteral("sk-from-keychain"))->ok());

    auto key = resolve(m_resolver, QStringLiteral("openai"));
    QVERIFY(key);
    QCOMPARE(key->value, QStringLiteral("sk-from-keychain"));
    QCOMPARE(key->source, ResolvedKey::Source::Keychain);
    QCOMPARE(key->sourceText(), QStringLiteral("OS keychain"));
    QVERIFY(key->keychainMessage.isEmpty());

    QVERIFY(remove(m_store, QStringLiteral("openai"))->ok());
    key = resolve(m_resolver, QStringLiteral("openai"));
    QCOMPARE(key->value, QStringLiteral("sk-from-environment"));
    QCOMPARE(key->source, ResolvedKey::Source::Environment);
    QCOMPARE(key->variable, QStringLiteral("OPENAI_API_KEY"));
    QCOMPARE(key->sourceText(), QStringLiteral("environment (OPENAI_API_KEY)"));
    QVERIFY(key->keychainMessage.isEmpty()); // not found is not a keychain problem

    m_resolver.setEnvironment({});
    key = resolve(m_resolver, QStringLiteral("openai"));
    QCOMPARE(key->value, QStringLiteral("sk-from-dotenv"));
    QCOMPARE(key->source, ResolvedKey::Source::DotEnvFile);
    QCOMPARE(key->envFile, envFile);
    QCOMPARE(key->sourceText(), QStringLiteral(".env file %1 (OPENAI_API_KEY)").arg(envFile));

    QVERIFY(m_resolver.loadEnvFile(writeEnvFile({}), &error));
    key = resolve(m_resolver, QStringLiteral("openai"));
    QVERIFY(!key->found());
    QVERIFY(key->value.isEmpty());
    QCOMPARE(key->sourceText(), QStringLiteral("not set"));
}

void TestKeyResolver::firstVariableOfAProviderWins()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GEMINI_API_KEY"), QStringLiteral("gemini-key"));
    m_resolver.setEnvironment(environment);
    auto key = resolve(m_resolver, QStringLiteral("google"));
    QCOMPARE(key->value, QStringLiteral("gemini-key"));
    QCOMPARE(key->variable, QStringLiteral("GEMINI_API_KEY"));

    environment.insert(QStringLiteral("GOOGLE_GENERATIVE_AI_API_KEY"),
                       QStringLiteral("google-key"));
    m_resolver.setEnvironment(environment);
    key = resolve(m_resolver, QStringLiteral("google"));
    QCOMPARE(key->value, QStringLiteral("google-key"));
    QCOMPARE(key->variable, QStringLiteral("GOOGLE_GENERATIVE_AI_API_KEY"));

    // Any variable in the environment beats every variable in the .env file.
    QString error;
    QVERIFY(
        m_resolver.loadEnvFile(writeEnvFile("GOOGLE_GENERATIVE_AI_API_KEY=file-key\n"), &error));
    environment.remove(QStringLiteral("GOOGLE_GENERATIVE_AI_API_KEY"));
    m_resolver.setEnvironment(environment);
    QCOMPARE(resolve(m_resolver, QStringLiteral("google"))->value, QStringLiteral("gemini-key"));
}

void TestKeyResolver::emptyValuesDoNotCount()
{
    QString error;
    QVERIFY(m_resolver.loadEnvFile(writeEnvFile("ANTHROPIC_API_KEY=sk-ant-file\n"), &error));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("ANTHROPIC_API_KEY"), QString());
    m_resolver.setEnvironment(environment);
    const auto key = resolve(m_resolver, QStringLiteral("anthropic"));
    QCOMPARE(key->source, ResolvedKey::Source::DotEnvFile);
    QCOMPARE(key->value, QStringLiteral("sk-ant-file"));
}

void TestKeyResolver::settingsComeFromEnvironmentThenEnvFile()
{
    const QString envFile = writeEnvFile("MODEL=anthropic/claude-sonnet-4-5\n"
                                         "DAYTONA_API_URL=http://127.0.0.1:3986/api\n");
    QString error;
    QVERIFY(m_resolver.loadEnvFile(envFile, &error));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("MODEL"), QStringLiteral("openai/gpt-4o-mini"));
    m_resolver.setEnvironment(environment);

    const ResolvedKey model = m_resolver.variable(QStringLiteral("MODEL"));
    QCOMPARE(model.value, QStringLiteral("openai/gpt-4o-mini"));
    QCOMPARE(model.source, ResolvedKey::Source::Environment);
    const ResolvedKey url = m_resolver.variable(QStringLiteral("DAYTONA_API_URL"));
    QCOMPARE(url.value, QStringLiteral("http://127.0.0.1:3986/api"));
    QCOMPARE(url.source, ResolvedKey::Source::DotEnvFile);
    QCOMPARE(url.sourceText(), QStringLiteral(".env file %1 (DAYTONA_API_URL)").arg(envFile));
    QVERIFY(!m_resolver.variable(QStringLiteral("DAYTONA_TARGET")).found());
}

void TestKeyResolver::envFileDefaultsToWorkingDirectory()
{
    QTemporaryDir project;
    QFile file(project.filePath(QStringLiteral(".env")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("export DEEPSEEK_API_KEY='sk-deepseek'\n");
    file.close();
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(project.path()));
    QString error;
    const bool loaded = m_resolver.loadEnvFile(QString(), &error);
    QVERIFY(QDir::setCurrent(before));
    QVERIFY(loaded);
    QCOMPARE(QFileInfo(m_resolver.envFile()), QFileInfo(file.fileName()));
    QCOMPARE(m_resolver.keyOutsideKeychain(QStringLiteral("deepseek")).value,
             QStringLiteral("sk-deepseek"));

    // No .env in the working directory is fine: nothing to read.
    QTemporaryDir empty;
    QVERIFY(QDir::setCurrent(empty.path()));
    const bool none = m_resolver.loadEnvFile(QString(), &error);
    QVERIFY(QDir::setCurrent(before));
    QVERIFY(none);
    QVERIFY(m_resolver.envFile().isEmpty());
    QVERIFY(!m_resolver.keyOutsideKeychain(QStringLiteral("deepseek")).found());
}

void TestKeyResolver::explicitEnvFileMustExist()
{
    const QString missing = m_dir.filePath(QStringLiteral("no-such.env"));
    QString error;
    QVERIFY(!m_resolver.loadEnvFile(missing, &error));
    QVERIFY2(error.contains(missing), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("--env-file")), qPrintable(error));
    QVERIFY(m_resolver.envFile().isEmpty());

    // A wrong path that never ends is refused, not read forever.
    QVERIFY(!m_resolver.loadEnvFile(QStringLiteral("/dev/zero"), &error));
    QVERIFY2(error.contains(QLatin1String("larger than 1 MiB")), qPrintable(error));
}

void TestKeyResolver::envFileErrorsAreKept()
{
    QString error;
    QVERIFY(m_resolver.loadEnvFile(writeEnvFile("XAI_API_KEY=xai-ok\nsk-pasted-alone\n"), &error));
    QCOMPARE(m_resolver.envFileErrors().size(), 1);
    QCOMPARE(m_resolver.envFileErrors().at(0).line, 2);
    QVERIFY(!m_resolver.envFileErrors().at(0).message.contains(QLatin1String("sk-pasted")));
    QCOMPARE(m_resolver.keyOutsideKeychain(QStringLiteral("xai")).value, QStringLiteral("xai-ok"));
}

void TestKeyResolver::appContextReadsTheEnvFile()
{
    const QString envFile = writeEnvFile("CEREBRAS_API_KEY=csk-from-context\n");
    {
        AppContext context(StudioPaths::underRoot(m_dir.filePath(QStringLiteral("data"))));
        context.setEnvFile(envFile);
        QString error;
        QVERIFY2(context.open(&error), qPrintable(error));
        QCOMPARE(context.keys().envFile(), envFile);
        const auto key = resolve(context.keys(), QStringLiteral("cerebras"));
        QVERIFY(key);
        QCOMPARE(key->value, QStringLiteral("csk-from-context"));
        QCOMPARE(context.keyStore().service(), QStringLiteral("agent-studio"));
    }
    AppContext broken(StudioPaths::underRoot(m_dir.filePath(QStringLiteral("data"))));
    broken.setEnvFile(m_dir.filePath(QStringLiteral("missing.env")));
    QString error;
    QVERIFY(!broken.open(&error));
    QVERIFY2(error.contains(QLatin1String("missing.env")), qPrintable(error));
}

void TestKeyResolver::everyLoadedKeyIsRedacted()
{
    const QString fromFile = QStringLiteral("csk-only-in-the-dotenv-file");
    const QString fromEnvironment = QStringLiteral("gsk-only-in-the-environment");
    const QString fromKeychain = QStringLiteral("plain-keychain-value-0123");
    const QString envFile
        = writeEnvFile("CEREBRAS_API_KEY=" + fromFile.toUtf8() + "\nMODEL=openai/gpt-4o-mini\n");
    AppContext context(StudioPaths::underRoot(m_dir.filePath(QStringLiteral("data"))));
    context.setEnvFile(envFile);
    QString error;
    QVERIFY2(context.open(&error), qPrintable(error));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GROQ_API_KEY"), fromEnvironment);
    context.keys().setEnvironment(environment);
    QVERIFY(write(context.keyStore(), QStringLiteral("openai"), fromKeychain)->ok());
    QVERIFY(resolve(context.keys(), QStringLiteral("openai")));

    const QString line = QStringLiteral("keys: %1 %2 %3, model openai/gpt-4o-mini")
                             .arg(fromFile, fromEnvironment, fromKeychain);
    QCOMPARE(context.redactor().redactText(line),
             QStringLiteral("keys: [REDACTED] [REDACTED] [REDACTED], model openai/gpt-4o-mini"));
}

void TestKeyResolver::importCandidatesAreKeysMissingFromKeychain()
{
    QString error;
    QVERIFY(m_resolver.loadEnvFile(writeEnvFile("GROQ_API_KEY=gsk-file\nMODEL=x/y\n"), &error));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-env"));
    environment.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-env"));
    m_resolver.setEnvironment(environment);
    QVERIFY(write(m_store, QStringLiteral("anthropic"), QStringLiteral("sk-ant-keychain"))->ok());

    QList<ResolvedKey> candidates;
    bool answered = false;
    QObject context;
    m_resolver.findImportCandidates(&context,
                                    [&](const QList<ResolvedKey> &list, const QString &message) {
                                        QVERIFY2(message.isEmpty(), qPrintable(message));
                                        candidates = list;
                                        answered = true;
                                    });
    QTRY_VERIFY(answered);
    QCOMPARE(candidates.size(), 2);
    QCOMPARE(candidates.at(0).name, QStringLiteral("openai"));
    QCOMPARE(candidates.at(0).source, ResolvedKey::Source::Environment);
    QCOMPARE(candidates.at(1).name, QStringLiteral("groq"));
    QCOMPARE(candidates.at(1).source, ResolvedKey::Source::DotEnvFile);
}

void TestKeyResolver::importOneAndAll()
{
    QString error;
    QVERIFY(m_resolver.loadEnvFile(writeEnvFile("FIREWORKS_API_KEY=fw-file\n"), &error));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("OPENROUTER_API_KEY"), QStringLiteral("sk-or-env"));
    environment.insert(QStringLiteral("TOGETHER_API_KEY"), QStringLiteral("together-env"));
    m_resolver.setEnvironment(environment);

    const auto one = wait<KeyStoreResult>([&](QObject *context, auto done) {
        m_resolver.importKey(QStringLiteral("openrouter"), context, done);
    });
    QVERIFY(one);
    QVERIFY2(one->ok(), qPrintable(one->message));
    QCOMPARE(one->location, KeyStoreResult::Location::Keychain);
    QCOMPARE(read(m_store, QStringLiteral("openrouter"))->value, QStringLiteral("sk-or-env"));

    const auto all = wait<QList<KeyStoreResult>>(
        [&](QObject *context, auto done) { m_resolver.importAll(context, done); });
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).account, QStringLiteral("togetherai"));
    QCOMPARE(all->at(1).account, QStringLiteral("fireworks-ai"));
    for (const KeyStoreResult &result : *all)
        QVERIFY2(result.ok() && result.location == KeyStoreResult::Location::Keychain,
                 qPrintable(result.message));
    QCOMPARE(read(m_store, QStringLiteral("togetherai"))->value, QStringLiteral("together-env"));
    QCOMPARE(read(m_store, QStringLiteral("fireworks-ai"))->value, QStringLiteral("fw-file"));

    // Now the keychain answers first, and nothing is left to import.
    m_resolver.setEnvironment({});
    QVERIFY(m_resolver.loadEnvFile(writeEnvFile({}), &error));
    QCOMPARE(resolve(m_resolver, QStringLiteral("fireworks-ai"))->source,
             ResolvedKey::Source::Keychain);
    const auto again = wait<QList<KeyStoreResult>>(
        [&](QObject *context, auto done) { m_resolver.importAll(context, done); });
    QVERIFY(again);
    QVERIFY(again->isEmpty());
}

void TestKeyResolver::importWithoutKeyFails()
{
    const auto result = wait<KeyStoreResult>([&](QObject *context, auto done) {
        m_resolver.importKey(QStringLiteral("mistral"), context, done);
    });
    QVERIFY(result);
    QCOMPARE(result->status, KeyStoreResult::Status::Failed);
    QVERIFY2(result->message.contains(QLatin1String("MISTRAL_API_KEY")),
             qPrintable(result->message));
    QCOMPARE(read(m_store, QStringLiteral("mistral"))->status, KeyStoreResult::Status::NotFound);
}

QTEST_GUILESS_MAIN(TestKeyResolver)
#include "tst_keyresolver.moc"
