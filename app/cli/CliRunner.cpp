#include "CliRunner.h"

#include "cli/CheckpointCommands.h"
#include "cli/DataCommands.h"
#include "cli/KeysCommand.h"
#include "cli/RunCommand.h"
#include "root/AppContext.h"
#include "root/CommandLine.h"
#include "root/TerminationSignals.h"

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

// The agent without a window; Ctrl+C cancels the run (in-flight requests and commands).
int runAgent(AppContext &context, const CommandLine &line, QTextStream &out, QTextStream &err)
{
    const QStringList &arguments = line.subcommandArguments;
    if (arguments.contains(QLatin1String("--help")) || arguments.contains(QLatin1String("-h"))) {
        out << RunCommand::helpText();
        return 0;
    }
    RunCommand::Options options;
    QString error;
    if (!RunCommand::parse(arguments, &options, &error)) {
        err << "agent-studio: " << error << '\n';
        return 2;
    }
    RunCommand command(context, out, err);
    TerminationSignals termination;
    QObject::connect(&termination, &TerminationSignals::terminationRequested, &command,
                     &RunCommand::cancel);
    QObject::connect(&command, &RunCommand::finished, &command,
                     [](int exitCode) { QCoreApplication::exit(exitCode); });
    // A Daytona key in the keychain must be known before the first sandbox call.
    context.whenSandboxKeyKnown(&command, [&command, options] { command.start(options); });
    return QCoreApplication::exec();
}

template<typename Command>
int runDataCommand(AppContext &context, const CommandLine &line, QTextStream &out, QTextStream &err,
                   bool usesSandboxes = false)
{
    Command command(context, out, err);
    QObject::connect(&command, &Command::finished, &command,
                     [](int exitCode) { QCoreApplication::exit(exitCode); });
    const QStringList arguments = line.subcommandArguments;
    if (usesSandboxes) // a Daytona key in the keychain is known before the first sandbox call
        context.whenSandboxKeyKnown(&command, [&command, arguments] { command.start(arguments); });
    else
        command.start(arguments);
    return QCoreApplication::exec();
}

} // namespace

int run(AppContext &context, const CommandLine &line, QTextStream &out, QTextStream &err)
{
    if (line.subcommand == QLatin1String("paths"))
        return runPaths(context, out);
    if (line.subcommand == QLatin1String("keys"))
        return runKeys(context, line, out, err);
    if (line.subcommand == QLatin1String("run"))
        return runAgent(context, line, out, err);
    if (line.subcommand == QLatin1String("threads"))
        return runDataCommand<ThreadsCommand>(context, line, out, err);
    if (line.subcommand == QLatin1String("sandboxes"))
        return runDataCommand<SandboxesCommand>(context, line, out, err, true);
    if (line.subcommand == QLatin1String("changes"))
        return runDataCommand<ChangesCommand>(context, line, out, err, true);
    if (line.subcommand == QLatin1String("rewind"))
        return runDataCommand<RewindCommand>(context, line, out, err, true);
    err << "agent-studio: unknown command '" << line.subcommand
        << "'; run 'agent-studio --help' for the list of commands.\n";
    return 2;
}

} // namespace Cli
