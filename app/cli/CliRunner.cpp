#include "CliRunner.h"

#include "core/AppContext.h"
#include "core/CommandLine.h"

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

} // namespace

int run(AppContext &context, const CommandLine &line, QTextStream &out, QTextStream &err)
{
    if (line.subcommand == QLatin1String("paths"))
        return runPaths(context, out);
    err << "agent-studio: unknown command '" << line.subcommand
        << "'; run 'agent-studio --help' for the list of commands.\n";
    return 2;
}

} // namespace Cli
