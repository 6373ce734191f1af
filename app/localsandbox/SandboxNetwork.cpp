// SandboxNetwork: the egress policy of a local sandbox and the pasta wrapper of its commands.
#include "localsandbox/SandboxNetwork.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QNetworkInterface>
#include <QRegularExpression>
#include <QStandardPaths>

#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr int kMaxAllowListEntries = 64;
// Where the sandbox sends DNS queries in open mode; pasta relays them to the host's resolver
// (--dns-forward), so a resolver on the host's loopback works without opening the loopback.
constexpr auto kDnsForward = "169.254.0.53";

bool isHostName(const QString &s)
{
    static const QRegularExpression name(
        QStringLiteral("^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                       "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"));
    return name.match(s).hasMatch();
}

// "10.0.0.0/8" for a CIDR or a plain address; empty when it is neither.
QString cidrOf(const QString &entry)
{
    const QString text = entry.contains(QLatin1Char('/')) ? entry
                                                          : entry
            + (entry.contains(QLatin1Char(':')) ? QStringLiteral("/128") : QStringLiteral("/32"));
    const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(text);
    if (subnet.first.isNull() || subnet.second < 0)
        return QString();
    return subnet.first.toString() + QLatin1Char('/') + QString::number(subnet.second);
}

QString ipPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("ip"),
                                          {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin"),
                                           QStringLiteral("/usr/bin"), QStringLiteral("/bin")});
}

} // namespace

QString NetworkPolicy::modeName() const
{
    switch (mode) {
    case Mode::Off:
        return QStringLiteral("off");
    case Mode::Allowlist:
        return QStringLiteral("allowlist");
    case Mode::Open:
        return QStringLiteral("open");
    }
    return QStringLiteral("off");
}

QString NetworkPolicy::describe() const
{
    switch (mode) {
    case Mode::Off:
        return QStringLiteral("off (no network)");
    case Mode::Allowlist:
        return QStringLiteral("allowlist (%1; never the host)")
            .arg(allowList.join(QStringLiteral(", ")));
    case Mode::Open:
        return QStringLiteral("open (the internet, never the host)");
    }
    return modeName();
}

QJsonObject NetworkPolicy::toJson() const
{
    return {{QLatin1String("mode"), modeName()},
            {QLatin1String("allowList"), QJsonArray::fromStringList(allowList)}};
}

NetworkPolicy NetworkPolicy::fromRecord(const QJsonObject &record)
{
    NetworkPolicy p;
    const QJsonValue network = record.value(QLatin1String("network"));
    if (network.isBool()) {
        p.mode = network.toBool() ? Mode::Open : Mode::Off;
        return p;
    }
    const QJsonObject o = network.toObject();
    const QString mode = o.value(QLatin1String("mode")).toString();
    p.mode = mode == QLatin1String("open")   ? Mode::Open
        : mode == QLatin1String("allowlist") ? Mode::Allowlist
                                             : Mode::Off;
    for (const QJsonValue &v : o.value(QLatin1String("allowList")).toArray())
        p.allowList << v.toString();
    return p;
}

std::optional<NetworkPolicy> NetworkPolicy::fromCreateBody(const QJsonObject &body,
                                                           bool networkedByDefault,
                                                           const QString &defaultAllowList,
                                                           QString *error)
{
    NetworkPolicy p;
    const QJsonValue block = body.value(QLatin1String("networkBlockAll"));
    const QString list = body.value(QLatin1String("networkAllowList")).toString().trimmed();
    if (block.isBool() && block.toBool())
        return p;
    if (!list.isEmpty())
        return allowlist(list, error);
    if (block.isBool()) {
        p.mode = Mode::Open;
        return p;
    }
    if (!networkedByDefault)
        return p;
    if (!defaultAllowList.trimmed().isEmpty())
        return allowlist(defaultAllowList, error);
    p.mode = Mode::Open;
    return p;
}

std::optional<NetworkPolicy> NetworkPolicy::allowlist(const QString &list, QString *error)
{
    NetworkPolicy p;
    p.mode = Mode::Allowlist;
    for (const QString &raw : list.split(QLatin1Char(','))) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            continue;
        const QString cidr = cidrOf(entry);
        if (cidr.isEmpty() && !isHostName(entry)) {
            *error = QStringLiteral("networkAllowList: '%1' is neither a CIDR (e.g. 10.0.0.0/8) "
                                    "nor a host name")
                         .arg(entry);
            return std::nullopt;
        }
        p.allowList << (cidr.isEmpty() ? entry.toLower() : cidr);
    }
    if (p.allowList.size() > kMaxAllowListEntries) {
        *error = QStringLiteral("networkAllowList has %1 entries; at most %2 are allowed")
                     .arg(p.allowList.size())
                     .arg(kMaxAllowListEntries);
        return std::nullopt;
    }
    if (p.allowList.isEmpty()) {
        *error = QStringLiteral("networkAllowList names no network");
        return std::nullopt;
    }
    return p;
}

namespace SandboxNetwork {

QString pastaPath()
{
    return QStandardPaths::findExecutable(QStringLiteral("pasta"));
}

QString hostProblem(int runAsUid)
{
    if (pastaPath().isEmpty())
        return QStringLiteral("A sandbox with network needs pasta (user-mode networking), which "
                              "is not installed. Install it (Debian/Ubuntu: apt install passt) "
                              "or create the sandbox without network.");
    if (ipPath().isEmpty())
        return QStringLiteral("A sandbox with network needs ip (iproute2) to set its routes. "
                              "Install it (apt install iproute2) or create the sandbox without "
                              "network.");
    struct stat st
    {
    };
    const bool exists = ::stat("/dev/net/tun", &st) == 0;
    const bool usable = exists
        && (runAsUid >= 0 ? ((st.st_mode & 0006) == 0006
                             || (int(st.st_uid) == runAsUid && (st.st_mode & 0600) == 0600))
                          : ::access("/dev/net/tun", R_OK | W_OK) == 0);
    if (!usable)
        return QStringLiteral(
                   "A sandbox with network needs /dev/net/tun, which %1. pasta opens it as the "
                   "sandbox's user: give it Debian's usual mode (chmod 0666 /dev/net/tun, as "
                   "udev does) or create the sandbox without network.")
            .arg(exists ? QStringLiteral("that user may not open (mode %1)")
                              .arg(QString::number(st.st_mode & 0777, 8))
                        : QStringLiteral("does not exist (modprobe tun)"));
    return QString();
}

QStringList hostAddresses()
{
    QStringList out;
    for (QHostAddress a : QNetworkInterface::allAddresses()) {
        if (a.isLoopback())
            continue;
        a.setScopeId(QString());
        const bool v4 = a.protocol() == QAbstractSocket::IPv4Protocol;
        out << a.toString() + (v4 ? QStringLiteral("/32") : QStringLiteral("/128"));
    }
    out.removeDuplicates();
    return out;
}

QStringList wrap(const NetworkPolicy &policy, const Routes &routes, const QStringList &inner)
{
    // Runs inside pasta's namespace as its root; every value spliced in is an address or CIDR
    // printed by QHostAddress (digits, hex, '.', ':' and '/'), never text from the request.
    const QString ip = ipPath();
    QString script = QStringLiteral("set -e\n");
    if (policy.mode == NetworkPolicy::Mode::Allowlist) {
        // Only the allowed networks are routed, through pasta's gateway.
        script += QStringLiteral(
                      "r4=$(%1 -4 route show default | sed -n '1s/^default \\(via [^ ]* dev [^ "
                      "]*\\).*/\\1/p')\n"
                      "r6=$(%1 -6 route show default | sed -n '1s/^default \\(via [^ ]* dev [^ "
                      "]*\\).*/\\1/p')\n"
                      "%1 -4 route flush table main\n"
                      "%1 -6 route flush table main 2>/dev/null || true\n")
                      .arg(ip);
        for (const QString &cidr : routes.allowed) {
            const bool v6 = cidr.contains(QLatin1Char(':'));
            // A route the kernel refuses (e.g. a loopback name) stays unrouted: blocked.
            script += QStringLiteral("if [ -n \"$%1\" ]; then %2 route add %3 $%1 onlink "
                                     "2>/dev/null || true; fi\n")
                          .arg(v6 ? QStringLiteral("r6") : QStringLiteral("r4"), ip, cidr);
        }
    }
    for (const QString &cidr : routes.blocked)
        script += QStringLiteral("%1 route replace unreachable %2\n").arg(ip, cidr);
    script += QStringLiteral("exec \"$@\"\n");

    QStringList a{pastaPath(),
                  QStringLiteral("--foreground"),
                  QStringLiteral("--quiet"),
                  QStringLiteral("--config-net"),
                  QStringLiteral("--no-map-gw"), // the gateway is not the host's loopback
                  QStringLiteral("-t"),
                  QStringLiteral("none"), // nothing forwarded into the sandbox
                  QStringLiteral("-u"),
                  QStringLiteral("none"),
                  QStringLiteral("-T"),
                  QStringLiteral("none"), // the sandbox's loopback is not forwarded to the host's
                  QStringLiteral("-U"),
                  QStringLiteral("none")};
    if (policy.mode == NetworkPolicy::Mode::Open)
        a << QStringLiteral("--dns-forward") << QString::fromLatin1(kDnsForward);
    a << QStringLiteral("--") << QStringLiteral("/bin/sh") << QStringLiteral("-c") << script
      << QStringLiteral("sandbox-net") << inner;
    return a;
}

QByteArray resolvConf(const NetworkPolicy &policy)
{
    if (policy.mode == NetworkPolicy::Mode::Open)
        return QByteArray("nameserver ") + kDnsForward + '\n';
    return QByteArray("# no DNS: allowlisted host names are in /etc/hosts\n");
}

QString blockedNote(const NetworkPolicy &policy, const QByteArray &output)
{
    static const char *const signs[]
        = {"Network is unreachable", "No route to host", "Temporary failure in name resolution",
           "Could not resolve host", "Name or service not known"};
    bool seen = false;
    for (const char *sign : signs)
        seen = seen || output.contains(sign);
    if (!seen)
        return QString();
    switch (policy.mode) {
    case NetworkPolicy::Mode::Off:
        return QStringLiteral("[sandbox network: off; this sandbox has no network. A sandbox "
                              "with network must be created for that (the user approves it).]");
    case NetworkPolicy::Mode::Allowlist:
        return QStringLiteral("[sandbox network: %1; other addresses and DNS are blocked]")
            .arg(policy.describe());
    case NetworkPolicy::Mode::Open:
        return QStringLiteral("[sandbox network: %1; the host's own addresses and services are "
                              "blocked]")
            .arg(policy.describe());
    }
    return QString();
}

} // namespace SandboxNetwork
