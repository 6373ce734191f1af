// Runs agent-studio's headless subcommands (see CommandLine) and returns the exit code.
#pragma once

#include <QTextStream>

class AppContext;
struct CommandLine;

namespace Cli {
int run(AppContext &context, const CommandLine &line, QTextStream &out, QTextStream &err);
} // namespace Cli
