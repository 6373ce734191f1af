// agent-sandboxd: the local Daytona-compatible sandbox server on its own. Prints the
// DAYTONA_API_URL and DAYTONA_API_KEY to give any Daytona SDK, then serves until killed.
#include "core/Logging.h"
#include "localsandbox/LocalSandboxServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>
#include <unistd.h>

namespace {

QString defaultDataDir()
{
    // Sandboxes of a root server run as nobody, who cannot enter /root: use /var/lib.
    if (::geteuid() == 0)
        return QStringLiteral("/var/lib/agent-sandboxd");
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/agent-sandboxd");
}

void quitOnSignal(int)
{
    // Leaving through exit handlers is fine here: children die with us (PDEATHSIG).
    ::_exit(0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("agent-sandboxd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STUDIO_VERSION));
    Logging::setUp();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Local Daytona-compatible sandbox server (bubblewrap). Point any Daytona "
                       "SDK at it with the "
                       "DAYTONA_API_URL and DAYTONA_API_KEY it prints."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port on 127.0.0.1 (default: a free one)."),
                                        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption tokenOption(QStringLiteral("token"),
                                         QStringLiteral("Bearer token (default: random)."),
                                         QStringLiteral("token"));
    const QCommandLineOption dataOption(
        QStringLiteral("data-dir"),
        QStringLiteral("Where sandboxes and their state live (default: %1).").arg(defaultDataDir()),
        QStringLiteral("dir"));
    const QCommandLineOption networkOption(
        QStringLiteral("allow-network"),
        QStringLiteral("Give new sandboxes the internet (never this host; their own network "
                       "namespace through pasta) unless they are created with "
                       "networkBlockAll=true or a networkAllowList."));
    parser.addOptions({portOption, tokenOption, dataOption, networkOption});
    parser.process(app);

    QTextStream err(stderr);
    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    if (!portOk || port > 65535) {
        err << "agent-sandboxd: --port must be a number from 0 to 65535\n";
        return 2;
    }
    LocalSandboxOptions options;
    options.port = quint16(port);
    options.token = parser.value(tokenOption);
    options.dataDir = parser.isSet(dataOption) ? parser.value(dataOption) : defaultDataDir();
    options.networkByDefault = parser.isSet(networkOption);
    if (!QDir().mkpath(options.dataDir)) {
        err << "agent-sandboxd: cannot create the data folder " << options.dataDir << '\n';
        return 1;
    }

    LocalSandboxServer server(options);
    QString error;
    if (!server.start(&error)) {
        err << "agent-sandboxd: " << error << '\n';
        return 1;
    }
    std::signal(SIGTERM, quitOnSignal);
    std::signal(SIGINT, quitOnSignal);
    QTextStream out(stdout);
    out << "DAYTONA_API_URL=" << server.apiUrl().toString() << '\n'
        << "DAYTONA_API_KEY=" << server.token() << '\n';
    out.flush();
    return app.exec();
}
