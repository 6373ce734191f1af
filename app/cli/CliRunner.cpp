#include "CliRunner.h"

#include "cli/KeysCommand.h"
#include "core/AppContext.h"
#include "core/CommandLine.h"

#include <QCoreApplication>

#include <cstdio>

#include <unistd.h>

namespace Cli {

namespace {

int runPaths(AppContext &context, QTextStream &out)
{
    const StudioPaths &paths = context.paths();
    out << "data:     " << paths.dataDir() << '\n'
        << "database: " << paths.databaseFile() << '\n'
        << "config:   " << paths.configDir() << '\n'
        << "settings: " << paths.settingsFile() << '\n'
        << "cache:    " << paths.cacheDir() << '\n'
        << "logs:     " << paths.logDir() << '\n';
    return 0;
}

// Keychain jobs are asynchronous: this runs the application's one event loop until the
// command is done.
int runKeys(AppContext &context, const CommandLine &line, QTextStream &out, QTextStream &err)
{
    QTextStream input(stdin);
    KeysCommand command(context.keys(), input, isatty(STDIN_FILENO) == 1, out, err);
    QObject::connect(&command, &KeysCommand::finished, &command,
                     [](int exitCode) { QCoreApplication::exit(exitCode); });
    command.start(line.subcommandArguments);
    return QCoreApplication::exec();
}

} // namespace

int run(AppContext &context, const CommandLine &line, QTextStream &out, QTextStream &err)
{
    if (line.subcommand == QLatin1String("paths"))
        return runPaths(context, out);
    if (line.subcommand == QLatin1String("keys"))
        return runKeys(context, line, out, err);
    err << "agent-studio: unknown command '" << line.subcommand
        << "'; run 'agent-studio --help' for the list of commands.\n";
    return 2;
}

} // namespace Cli
