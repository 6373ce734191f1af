#include "CommandLine.h"

#include <QCoreApplication>

namespace {

struct SubcommandHelp
{
    const char *name;
    const char *summary;
};

// Every subcommand with its one-line summary; --help prints them in this order, translated.
constexpr SubcommandHelp kSubcommands[] = {
    {"run",
     QT_TRANSLATE_NOOP("CommandLine",
                       "Run the agent without a window on PROMPT and print the step log; see\n"
                       "                   'run --help'.")},
    {"threads",
     QT_TRANSLATE_NOOP("CommandLine",
                       "List, show, export (md/json) or delete threads; see 'threads --help'.")},
    {"sandboxes",
     QT_TRANSLATE_NOOP(
         "CommandLine",
         "List or delete sandboxes (rm ID..., rm --stopped); see 'sandboxes --help'.")},
    {"changes",
     QT_TRANSLATE_NOOP(
         "CommandLine",
         "What the agent changed in a thread's sandbox (stat, patch or json), between\n"
         "                   any two steps; see 'changes --help'.")},
    {"rewind",
     QT_TRANSLATE_NOOP("CommandLine",
                       "Rewind a thread's files and/or conversation to a step, or undo a rewind;\n"
                       "                   see 'rewind --help'.")},
    {"paths",
     QT_TRANSLATE_NOOP("CommandLine",
                       "Print the data, config, cache and log folders in use, then exit.")},
    {"keys",
     QT_TRANSLATE_NOOP(
         "CommandLine",
         "API keys in the OS keychain: keys list | set PROVIDER (key on stdin) |\n"
         "                   delete PROVIDER | import [PROVIDER]. See 'keys --help'.")},
};

bool takesValue(const QString &option)
{
    return option == QLatin1String("--data-dir") || option == QLatin1String("--env-file");
}

// Qt's own GUI options that take a value (QGuiApplication and QApplication document them).
bool isQtOptionWithValue(const QString &option)
{
    static const QStringList options = {QStringLiteral("-platform"),
                                        QStringLiteral("-platformpluginpath"),
                                        QStringLiteral("-platformtheme"),
                                        QStringLiteral("-plugin"),
                                        QStringLiteral("-qwindowgeometry"),
                                        QStringLiteral("-qwindowicon"),
                                        QStringLiteral("-qwindowtitle"),
                                        QStringLiteral("-display"),
                                        QStringLiteral("-geometry"),
                                        QStringLiteral("-style"),
                                        QStringLiteral("-stylesheet"),
                                        QStringLiteral("-session"),
                                        QStringLiteral("-name"),
                                        QStringLiteral("-title")};
    return options.contains(option);
}

} // namespace

QStringList CommandLine::subcommands()
{
    QStringList names;
    for (const SubcommandHelp &help : kSubcommands)
        names << QString::fromLatin1(help.name);
    return names;
}

CommandLine CommandLine::parse(const QStringList &arguments)
{
    CommandLine line;
    const auto fail = [&line](const QString &message) {
        line.action = Action::Error;
        line.error = message;
        return line;
    };

    // Global options come before the subcommand; everything after it belongs to the subcommand.
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString arg = arguments.at(i);
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            line.action = Action::ShowHelp;
            return line;
        }
        if (arg == QLatin1String("-v") || arg == QLatin1String("--version")) {
            line.action = Action::ShowVersion;
            return line;
        }
        if (arg == QLatin1String("--log")) {
            line.logToStderr = true;
            continue;
        }
        QString option = arg;
        QString value;
        bool hasInlineValue = false;
        if (arg.startsWith(QLatin1String("--")) && arg.contains(QLatin1Char('='))) {
            option = arg.section(QLatin1Char('='), 0, 0);
            value = arg.section(QLatin1Char('='), 1);
            hasInlineValue = true;
        }
        if (takesValue(option)) {
            if (!hasInlineValue) {
                if (i + 1 >= arguments.size())
                    return fail(
                        QStringLiteral("%1 needs a value, e.g. %1 ~/studio-data.").arg(option));
                value = arguments.at(++i);
            }
            if (value.isEmpty())
                return fail(QStringLiteral("%1 needs a non-empty value.").arg(option));
            (option == QLatin1String("--data-dir") ? line.dataDir : line.envFile) = value;
            continue;
        }
        if (arg.startsWith(QLatin1Char('-'))) {
            // Qt's own GUI options (-platform, -style, ...) pass through to QApplication.
            if (arg.startsWith(QLatin1String("--")))
                return fail(QStringLiteral("unknown option %1; run 'agent-studio --help' for the "
                                           "list of options.")
                                .arg(arg));
            if (isQtOptionWithValue(arg))
                ++i;
            continue;
        }
        if (!subcommands().contains(arg))
            return fail(QStringLiteral("unknown command '%1'; run 'agent-studio --help' for the "
                                       "list of commands.")
                            .arg(arg));
        line.action = Action::RunSubcommand;
        line.subcommand = arg;
        line.subcommandArguments = arguments.mid(i + 1);
        return line;
    }
    return line;
}

QString CommandLine::helpText()
{
    QString text = QCoreApplication::translate(
        "CommandLine",
        "Usage: agent-studio [OPTIONS] [COMMAND [ARGS...]]\n"
        "\n"
        "Agent Studio: an LLM coding agent that plans, writes, runs and tests code in isolated\n"
        "sandboxes while you watch, inspect and approve every step. Without a command it opens\n"
        "the desktop window.\n"
        "\n"
        "Options (before the command):\n"
        "  --data-dir DIR   Keep the database, settings, cache and logs under DIR instead of\n"
        "                   the standard folders (for tests and portable use).\n"
        "  --env-file PATH  Read API keys and settings from this .env file (default: .env in\n"
        "                   the working directory, if there is one).\n"
        "  --log            Also print the window's log to standard error (it always goes to\n"
        "                   the log file in the data folder).\n"
        "  -h, --help       Show this help and exit.\n"
        "  -v, --version    Show the version and exit.\n"
        "\n"
        "Commands:\n");
    for (const SubcommandHelp &help : kSubcommands)
        text += QStringLiteral("  %1 %2\n")
                    .arg(QString::fromLatin1(help.name), -16)
                    .arg(QCoreApplication::translate("CommandLine", help.summary));
    text += QCoreApplication::translate(
        "CommandLine",
        "\n"
        "Environment:\n"
        "  OPENAI_API_KEY, ANTHROPIC_API_KEY, ...  API keys (the OS keychain is read first).\n"
        "  MODEL                                   Default model, e.g. openai/gpt-4o-mini.\n"
        "  DAYTONA_API_KEY, DAYTONA_API_URL        Use Daytona sandboxes instead of local ones.\n"
        "  QT_LOGGING_RULES                        e.g. \"studio.*.debug=true\" for debug logs.\n");
    return text;
}

QString CommandLine::versionText()
{
    return QStringLiteral("agent-studio %1 (Qt %2)\n")
        .arg(QStringLiteral(STUDIO_VERSION), QString::fromLatin1(qVersion()));
}
