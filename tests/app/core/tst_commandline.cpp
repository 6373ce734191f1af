// CommandLine: global options before a subcommand, errors that say what to do.
#include "root/CommandLine.h"

#include <QTest>

class TestCommandLine final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void subcommandKeepsItsArguments();
    void helpListsEveryCommandAndOption();
};

void TestCommandLine::parse_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("dataDir");
    QTest::addColumn<QString>("subcommand");
    QTest::addColumn<QString>("errorContains");

    using A = CommandLine::Action;
    const auto row = [](const char *name, QStringList args, A action, const char *dataDir = "",
                        const char *sub = "", const char *error = "") {
        args.prepend(QStringLiteral("agent-studio"));
        QTest::newRow(name) << args << int(action) << QString::fromUtf8(dataDir)
                            << QString::fromUtf8(sub) << QString::fromUtf8(error);
    };
    row("nothing opens the window", {}, A::RunGui);
    row("help", {QStringLiteral("--help")}, A::ShowHelp);
    row("short help", {QStringLiteral("-h")}, A::ShowHelp);
    row("version", {QStringLiteral("--version")}, A::ShowVersion);
    row("data dir for the window", {QStringLiteral("--data-dir"), QStringLiteral("/tmp/x")},
        A::RunGui, "/tmp/x");
    row("data dir with =", {QStringLiteral("--data-dir=/tmp/y")}, A::RunGui, "/tmp/y");
    row("data dir before a command",
        {QStringLiteral("--data-dir"), QStringLiteral("/tmp/z"), QStringLiteral("paths")},
        A::RunSubcommand, "/tmp/z", "paths");
    row("data dir without value", {QStringLiteral("--data-dir")}, A::Error, "", "",
        "--data-dir needs a value");
    row("empty data dir", {QStringLiteral("--data-dir=")}, A::Error, "", "", "non-empty");
    row("unknown command", {QStringLiteral("frobnicate")}, A::Error, "", "",
        "unknown command 'frobnicate'");
    row("unknown option", {QStringLiteral("--frobnicate")}, A::Error, "", "",
        "unknown option --frobnicate");
    row("Qt's own options pass", {QStringLiteral("-platform"), QStringLiteral("offscreen")},
        A::RunGui);
    row("Qt option then command",
        {QStringLiteral("-style"), QStringLiteral("fusion"), QStringLiteral("paths")},
        A::RunSubcommand, "", "paths");
}

void TestCommandLine::parse()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, action);
    QFETCH(QString, dataDir);
    QFETCH(QString, subcommand);
    QFETCH(QString, errorContains);

    const CommandLine line = CommandLine::parse(arguments);
    QCOMPARE(int(line.action), action);
    QCOMPARE(line.dataDir, dataDir);
    QCOMPARE(line.subcommand, subcommand);
    if (!errorContains.isEmpty()) {
        QVERIFY2(line.error.contains(errorContains), qPrintable(line.error));
        QVERIFY(!line.error.contains(QLatin1Char('\n')));
    }
}

void TestCommandLine::subcommandKeepsItsArguments()
{
    const CommandLine line = CommandLine::parse(
        {QStringLiteral("agent-studio"), QStringLiteral("--env-file"), QStringLiteral("a.env"),
         QStringLiteral("paths"), QStringLiteral("--data-dir"), QStringLiteral("ignored")});
    QCOMPARE(line.action, CommandLine::Action::RunSubcommand);
    QCOMPARE(line.envFile, QStringLiteral("a.env"));
    QVERIFY(line.dataDir.isEmpty());
    QCOMPARE(line.subcommandArguments,
             QStringList({QStringLiteral("--data-dir"), QStringLiteral("ignored")}));
}

void TestCommandLine::helpListsEveryCommandAndOption()
{
    const QString help = CommandLine::helpText();
    for (const QString &command : CommandLine::subcommands())
        QVERIFY2(help.contains(QStringLiteral("  ") + command + QLatin1Char(' ')),
                 qPrintable(command));
    for (const char *option : {"--data-dir", "--env-file", "--log", "--help", "--version"})
        QVERIFY2(help.contains(QLatin1String(option)), option);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
