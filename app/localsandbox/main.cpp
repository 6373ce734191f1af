// agent-sandboxd: the local Daytona-compatible sandbox server on its own. Prints the
// DAYTONA_API_URL and DAYTONA_API_KEY to give any Daytona SDK, then serves until killed.
// A chosen token comes from AGENT_SANDBOXD_TOKEN or a 0600 file (--token-file), not from the
// command line, which every local user can read in /proc/PID/cmdline.
#include "core/Logging.h"
#include "core/ProcessHardening.h"
#include "localsandbox/LocalSandboxServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>
#include <sys/stat.h>
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

// The token in a file only its owner may read; empty with *error when it cannot be used.
QString tokenFromFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the token file %1: %2").arg(path, file.errorString());
        return QString();
    }
    struct stat st
    {
    };
    if (::fstat(file.handle(), &st) != 0 || (st.st_mode & 077) != 0) {
        *error = QStringLiteral("the token file %1 may be read by other users (mode %2); make "
                                "it private with: chmod 600 %1")
                     .arg(path, QString::number(st.st_mode & 0777, 8));
        return QString();
    }
    const QString token = QString::fromUtf8(file.read(4096)).trimmed();
    if (token.isEmpty())
        *error = QStringLiteral("the token file %1 is empty").arg(path);
    return token;
}

void quitOnSignal(int)
{
    // Leaving through exit handlers is fine here: children die with us (PDEATHSIG).
    ::_exit(0);
}

} // namespace

int main(int argc, char **argv)
{
    // The token is in this process's memory.
    const QString hardening = ProcessHardening::disableCoreDumps();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("agent-sandboxd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STUDIO_VERSION));
    Logging::setUp();
    if (!hardening.isEmpty())
        qCWarning(lcLocalSandbox).noquote() << hardening;

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
    const QCommandLineOption tokenOption(
        QStringLiteral("token"),
        QStringLiteral("Bearer token (default: AGENT_SANDBOXD_TOKEN, else random). Visible to "
                       "every local user in the process list: prefer AGENT_SANDBOXD_TOKEN or "
                       "--token-file."),
        QStringLiteral("token"));
    const QCommandLineOption tokenFileOption(
        QStringLiteral("token-file"),
        QStringLiteral("Read the bearer token from this file (mode 0600)."),
        QStringLiteral("file"));
    const QCommandLineOption dataOption(
        QStringLiteral("data-dir"),
        QStringLiteral("Where sandboxes and their state live (default: %1).").arg(defaultDataDir()),
        QStringLiteral("dir"));
    const QCommandLineOption networkOption(
        QStringLiteral("allow-network"),
        QStringLiteral("Give new sandboxes the internet (never this host; their own network "
                       "namespace through pasta) unless they are created with "
                       "networkBlockAll=true or a networkAllowList."));
    parser.addOptions({portOption, tokenOption, tokenFileOption, dataOption, networkOption});
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
    if (parser.isSet(tokenFileOption)) {
        QString error;
        options.token = tokenFromFile(parser.value(tokenFileOption), &error);
        if (options.token.isEmpty()) {
            err << "agent-sandboxd: " << error << '\n';
            return 2;
        }
    } else if (parser.isSet(tokenOption)) {
        options.token = parser.value(tokenOption);
        err << "agent-sandboxd: warning: --token puts the token on the command line, where "
               "every local user can read it (ps, /proc/PID/cmdline); use AGENT_SANDBOXD_TOKEN "
               "or --token-file instead\n";
        err.flush();
    } else {
        options.token = qEnvironmentVariable("AGENT_SANDBOXD_TOKEN").trimmed();
    }
    // Not handed down to anything this server starts.
    qunsetenv("AGENT_SANDBOXD_TOKEN");
    options.dataDir = parser.isSet(dataOption) ? parser.value(dataOption) : defaultDataDir();
    options.networkByDefault = parser.isSet(networkOption);
    options.minuteMs = LocalSandboxOptions::minuteMsFromEnvironment();
    const bool created = !QFileInfo::exists(options.dataDir);
    if (!QDir().mkpath(options.dataDir)) {
        err << "agent-sandboxd: cannot create the data folder " << options.dataDir << '\n';
        return 1;
    }
    // A folder made here is private; as root, the sandboxes' user (nobody) may only traverse.
    if (created)
        ::chmod(QFile::encodeName(options.dataDir).constData(), ::geteuid() == 0 ? 0711 : 0700);

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
