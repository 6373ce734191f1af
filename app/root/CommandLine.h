// The command line of agent-studio: global options, then an optional subcommand with its own
// arguments. Parsed before any QCoreApplication exists, so that --help, --version and headless
// subcommands never need a display.
#pragma once

#include <QString>
#include <QStringList>

struct CommandLine
{
    enum class Action { RunGui, RunSubcommand, ShowHelp, ShowVersion, Error };

    Action action = Action::RunGui;
    QString dataDir; // --data-dir DIR (empty: the platform's standard folders)
    QString envFile; // --env-file PATH (empty: .env in the working directory, if any)
    bool logToStderr = false; // --log: the window's log also goes to stderr
    QString subcommand; // e.g. "paths"
    QStringList subcommandArguments;
    QString error; // one line, says what to do; set when action == Error

    static CommandLine parse(const QStringList &arguments);
    static QStringList subcommands();
    static QString helpText();
    static QString versionText();
};
