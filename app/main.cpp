// agent-studio: builds the services once (AppContext), then opens the window or runs a
// headless command. --help, --version and commands never touch the display.
#include "agent/AgentEngine.h"
#include "cli/CliRunner.h"
#include "core/Logging.h"
#include "core/ProcessHardening.h"
#include "core/Translations.h"
#include "log/LogFile.h"
#include "root/AppContext.h"
#include "root/CommandLine.h"
#include "root/TerminationSignals.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

#ifdef STUDIO_HAVE_UI
#include "main/MainWindow.h"
#include "main/Theme.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>
#endif

namespace {

StudioPaths pathsFor(const CommandLine &line)
{
    return line.dataDir.isEmpty() ? StudioPaths::standard() : StudioPaths::underRoot(line.dataDir);
}

int fail(const QString &message)
{
    QTextStream(stderr) << "agent-studio: " << message << '\n';
    return 2;
}

int runSubcommand(int argc, char **argv, const CommandLine &line)
{
    QCoreApplication app(argc, argv);
    Translations::install(app);
    // A terminal command prints its results and one-line errors; progress notes stay quiet
    // unless QT_LOGGING_RULES asks for them (it is applied after these rules).
    QLoggingCategory::setFilterRules(QStringLiteral("studio.*.info=false"));
    AppContext context(pathsFor(line));
    context.setEnvFile(line.envFile);
    QString error;
    if (!context.open(&error))
        return fail(error);
    QTextStream out(stdout);
    QTextStream err(stderr);
    return Cli::run(context, line, out, err);
}

#ifdef STUDIO_HAVE_UI
bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

int runGui(int argc, char **argv, const CommandLine &line)
{
    if (!hasDisplay())
        return fail(QStringLiteral(
            "no display found (DISPLAY and WAYLAND_DISPLAY are unset); start it from a desktop "
            "session, or set QT_QPA_PLATFORM=offscreen, or run a command (see --help)."));
    QApplication app(argc, argv);
    TerminationSignals termination;
    Translations::install(app);
    QApplication::setApplicationDisplayName(QStringLiteral("Agent Studio"));
    QApplication::setDesktopFileName(QStringLiteral("dev.agentstudio.AgentStudio"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/agent-studio.svg")));

    AppContext context(pathsFor(line));
    context.setEnvFile(line.envFile);
    QString error;
    if (!context.open(&error)) {
        fail(error);
        // Before the event loop runs, a blocking message box is the honest way to say it.
        QMessageBox::critical(nullptr, QObject::tr("Agent Studio cannot start"), error);
        return 1;
    }
    LogFile log(context.paths().logDir(), context.redactor());
    if (!log.install(line.logToStderr))
        qCWarning(lcApp).noquote() << log.errorString();
    qCInfo(lcApp) << "Agent Studio" << STUDIO_VERSION << "started; data in"
                  << context.paths().dataDir();

    // The step log of every run goes to the log file (and stderr with --log).
    QString engineError;
    if (AgentEngine *engine = context.agentEngine(&engineError)) {
        QObject::connect(engine, &AgentEngine::runEvent, engine, [](const RunEvent &event) {
            if (event.type == RunEvent::Type::StepFinished)
                qCInfo(lcAgent).noquote() << event.stepLog.trimmed();
        });
    } else {
        qCWarning(lcAgent).noquote() << "the agent cannot run:" << engineError;
    }

    Theme theme(app);
    theme.apply(Theme::fromName(context.settings().theme()));
    MainWindow window(context);
    window.setTheme(&theme);
    window.show();
    // No key anywhere (keychain, environment, .env): a short wizard, over the window.
    window.showFirstRunWizardIfNeeded();
    // Ctrl+C or a logout closes the window the orderly way (its layout is saved). A signal
    // that came during start-up waits in the pipe until the event loop runs.
    QObject::connect(&termination, &TerminationSignals::terminationRequested, &window,
                     &QWidget::close);
    return app.exec();
}
#endif

} // namespace

int main(int argc, char **argv)
{
    // First of all: keys will be in this process's memory.
    const QString hardening = ProcessHardening::disableCoreDumps();
    QCoreApplication::setApplicationName(QStringLiteral("agent-studio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STUDIO_VERSION));
    Logging::setUp();
    if (!hardening.isEmpty())
        qCWarning(lcApp).noquote() << hardening;

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const CommandLine line = CommandLine::parse(arguments);

    switch (line.action) {
    case CommandLine::Action::ShowHelp: {
        // The help speaks the user's language; a translator needs an application object.
        QCoreApplication app(argc, argv);
        Translations::install(app);
        QTextStream(stdout) << CommandLine::helpText();
        return 0;
    }
    case CommandLine::Action::ShowVersion:
        QTextStream(stdout) << CommandLine::versionText();
        return 0;
    case CommandLine::Action::Error:
        return fail(line.error);
    case CommandLine::Action::RunSubcommand:
        return runSubcommand(argc, argv, line);
    case CommandLine::Action::RunGui:
        break;
    }
#ifdef STUDIO_HAVE_UI
    return runGui(argc, argv, line);
#else
    return fail(QStringLiteral("this build has no window (built with STUDIO_BUILD_UI=OFF); run "
                               "a command instead, see 'agent-studio --help'."));
#endif
}
