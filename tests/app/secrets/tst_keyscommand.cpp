// "agent-studio keys ..." as a user runs it from a terminal: the real binary, against a private
// gnome-keyring (with-keyring.sh), with keys in the environment and a .env file.
#include "KeychainTestHelpers.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace KeychainTest;

class TestKeysCommand final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helpListsTheCommand();
    void setReadsTheKeyFromStdin();
    void listShowsSourcesNeverKeys();
    void importCopiesKeysMissingFromKeychain();
    void deleteSaysWhatHappened();
    void badInputSaysWhatToDo();
    void withoutSessionBusSaysWhatIsMissing();

private:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Result run(const QStringList &arguments, const QByteArray &input = {},
               const QProcessEnvironment &extra = {}, bool withoutBus = false);
    static QString lookup(const QString &account);

    QTemporaryDir m_dir;
    QString m_envFile;
};

TestKeysCommand::Result TestKeysCommand::run(const QStringList &arguments, const QByteArray &input,
                                             const QProcessEnvironment &extra, bool withoutBus)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const KeyCatalog::Variable &variable : KeyCatalog::variables())
        env.remove(variable.name);
    if (withoutBus)
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    env.insert(extra);
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(m_dir.path());
    QStringList all = {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("data")),
                       QStringLiteral("--env-file"), m_envFile};
    all += arguments;
    process.start(QStringLiteral(AGENT_STUDIO_BIN), all);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString TestKeysCommand::lookup(const QString &account)
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("lookup"), QStringLiteral("server"), QStringLiteral("agent-studio"),
                QStringLiteral("user"), account});
    return tool.waitForFinished(10000) ? QString::fromUtf8(tool.readAllStandardOutput())
                                       : QStringLiteral("<secret-tool hung>");
}

void TestKeysCommand::initTestCase()
{
    if (sessionDir().isEmpty())
        QFAIL("Run this test through ctest: it needs tests/tools/with-keyring.sh, which gives it a "
              "private keyring instead of yours.");
    QVERIFY(m_dir.isValid());
    m_envFile = m_dir.filePath(QStringLiteral("project.env"));
    QFile file(m_envFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("# keys for this project\n"
               "GROQ_API_KEY=gsk-dotenv-canary-1111\n"
               "MODEL=groq/llama-3.3-70b-versatile\n");
}

void TestKeysCommand::helpListsTheCommand()
{
    const Result help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(QLatin1String("  keys ")));
    const Result keysHelp = run({QStringLiteral("keys"), QStringLiteral("--help")});
    QCOMPARE(keysHelp.exitCode, 0);
    QVERIFY(keysHelp.out.contains(QLatin1String("set PROVIDER")));
    QVERIFY(keysHelp.out.contains(QLatin1String("anthropic")));
}

void TestKeysCommand::setReadsTheKeyFromStdin()
{
    Result set = run({QStringLiteral("keys"), QStringLiteral("set"), QStringLiteral("anthropic")},
                     "sk-ant-stdin-canary-2222\n");
    QCOMPARE(set.exitCode, 0);
    QVERIFY2(set.out.contains(QLatin1String("Stored the anthropic key in the OS keychain")),
             qPrintable(set.out + set.err));
    QVERIFY(!set.out.contains(QLatin1String("canary")));
    QCOMPARE(lookup(QStringLiteral("anthropic")), QStringLiteral("sk-ant-stdin-canary-2222"));

    // Again: overwrites; CRLF from a Windows-edited file is not part of the key.
    set = run({QStringLiteral("keys"), QStringLiteral("set"), QStringLiteral("anthropic")},
              "sk-ant-stdin-canary-3333\r\n");
    QCOMPARE(set.exitCode, 0);
    QCOMPARE(lookup(QStringLiteral("anthropic")), QStringLiteral("sk-ant-stdin-canary-3333"));
}

void TestKeysCommand::listShowsSourcesNeverKeys()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-env-canary-4444"));
    const Result list = run({QStringLiteral("keys"), QStringLiteral("list")}, {}, env);
    QCOMPARE(list.exitCode, 0);
    const QStringList lines = list.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.contains(QLatin1String("openai         environment (OPENAI_API_KEY)")),
             qPrintable(list.out));
    QVERIFY2(lines.contains(QLatin1String("anthropic      OS keychain")), qPrintable(list.out));
    QVERIFY2(
        lines.contains(QStringLiteral("groq           .env file %1 (GROQ_API_KEY)").arg(m_envFile)),
        qPrintable(list.out));
    QVERIFY(lines.contains(QLatin1String("daytona        not set")));
    // One line per provider, plus the header.
    QCOMPARE(lines.size(), KeyCatalog::providers().size() + 1);
    QVERIFY(!QString(list.out + list.err).contains(QLatin1String("canary")));
}

void TestKeysCommand::importCopiesKeysMissingFromKeychain()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-env-canary-4444"));
    // Already in the keychain: left alone, even though the environment has another value.
    env.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-env-canary-5555"));
    Result imported = run({QStringLiteral("keys"), QStringLiteral("import")}, {}, env);
    QCOMPARE(imported.exitCode, 0);
    QVERIFY2(imported.out.contains(
                 QLatin1String("Imported the openai key from the environment (OPENAI_API_KEY)")),
             qPrintable(imported.out + imported.err));
    QVERIFY(imported.out.contains(QLatin1String("Imported the groq key from the .env file")));
    QVERIFY(!imported.out.contains(QLatin1String("anthropic")));
    QVERIFY(!QString(imported.out + imported.err).contains(QLatin1String("canary")));
    QCOMPARE(lookup(QStringLiteral("openai")), QStringLiteral("sk-env-canary-4444"));
    QCOMPARE(lookup(QStringLiteral("groq")), QStringLiteral("gsk-dotenv-canary-1111"));
    QCOMPARE(lookup(QStringLiteral("anthropic")), QStringLiteral("sk-ant-stdin-canary-3333"));

    imported = run({QStringLiteral("keys"), QStringLiteral("import")}, {}, env);
    QCOMPARE(imported.exitCode, 0);
    QVERIFY(imported.out.contains(QLatin1String("Nothing to import")));

    const Result list = run({QStringLiteral("keys"), QStringLiteral("list")}, {}, env);
    QVERIFY(list.out.contains(QLatin1String("openai         OS keychain")));
    QVERIFY(list.out.contains(QLatin1String("groq           OS keychain")));
}

void TestKeysCommand::deleteSaysWhatHappened()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-env-canary-4444"));
    Result deleted = run(
        {QStringLiteral("keys"), QStringLiteral("delete"), QStringLiteral("openai")}, {}, env);
    QCOMPARE(deleted.exitCode, 0);
    QVERIFY(deleted.out.contains(QLatin1String("Deleted the openai key from the OS keychain")));
    // The environment still has one: say so, or the user thinks it is gone.
    QVERIFY2(deleted.err.contains(QLatin1String("still set in: environment (OPENAI_API_KEY)")),
             qPrintable(deleted.err));
    QCOMPARE(lookup(QStringLiteral("openai")), QString());

    deleted = run({QStringLiteral("keys"), QStringLiteral("delete"), QStringLiteral("openai")}, {},
                  env);
    QCOMPARE(deleted.exitCode, 1);
    QVERIFY(deleted.err.contains(QLatin1String("there is no openai key in the OS keychain")));
}

void TestKeysCommand::badInputSaysWhatToDo()
{
    const Result empty
        = run({QStringLiteral("keys"), QStringLiteral("set"), QStringLiteral("openai")}, "\n");
    QCOMPARE(empty.exitCode, 1);
    QVERIFY2(empty.err.contains(QLatin1String("no key given; pass it on stdin")),
             qPrintable(empty.err));

    const Result unknown
        = run({QStringLiteral("keys"), QStringLiteral("set"), QStringLiteral("opneai")}, "k\n");
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY(unknown.err.contains(QLatin1String("unknown provider 'opneai'")));
    QVERIFY(unknown.err.contains(QLatin1String("openai, anthropic")));

    const Result nonsense = run({QStringLiteral("keys"), QStringLiteral("frobnicate")});
    QCOMPARE(nonsense.exitCode, 2);
    QVERIFY(nonsense.err.contains(QLatin1String("Usage: agent-studio keys")));
}

void TestKeysCommand::withoutSessionBusSaysWhatIsMissing()
{
    const Result set = run({QStringLiteral("keys"), QStringLiteral("set"), QStringLiteral("xai")},
                           "xai-nobus-canary-6666\n", {}, true);
    QCOMPARE(set.exitCode, 1);
    QVERIFY2(set.err.contains(QLatin1String("There is no D-Bus session bus")), qPrintable(set.err));
    QVERIFY(set.err.contains(QLatin1String("install and start gnome-keyring")));
    QVERIFY(!set.err.contains(QLatin1String("canary")));

    const Result list = run({QStringLiteral("keys"), QStringLiteral("list")}, {}, {}, true);
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.contains(QLatin1String("groq           .env file")));
    QVERIFY(list.err.contains(QLatin1String("There is no D-Bus session bus")));
    QCOMPARE(filesContaining(m_dir.path(), "xai-nobus-canary-6666"), QStringList());
}

QTEST_GUILESS_MAIN(TestKeysCommand)
#include "tst_keyscommand.moc"
