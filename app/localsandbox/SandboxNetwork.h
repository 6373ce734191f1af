// A local sandbox's network (issue 14 item 4): the egress policy stored with the sandbox, and
// how a networked command is wrapped. Off = bwrap's --unshare-net (no network at all). Allowlist
// and open run bwrap inside a network namespace of pasta (passt), user-mode networking with
// no mapping of the host: no inbound forwarding, no forwarding of the namespace's loopback to
// the host's, the gateway not mapped to the host. A small shell step inside pasta's namespace,
// which still holds CAP_NET_ADMIN there, sets the routes before bwrap drops every capability:
// unreachable routes for the host's own addresses (both modes), and in allowlist mode only the
// allowed networks are routed at all. bwrap's nested user namespace has no capability over
// pasta's network namespace, so the sandbox cannot change those routes.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

struct NetworkPolicy
{
    enum class Mode { Off, Allowlist, Open };
    Mode mode = Mode::Off;
    QStringList allowList; // CIDRs and host names, as given at creation (allowlist mode)

    bool networked() const { return mode != Mode::Off; }
    // "off", "allowlist" or "open".
    QString modeName() const;
    // "allowlist (10.0.0.0/8, pypi.org)", for logs and the notes added to command output.
    QString describe() const;
    QJsonObject toJson() const;
    // Reads toJson(); an old record's {"network": true} is the open policy.
    static NetworkPolicy fromRecord(const QJsonObject &record);
    // From a Daytona create body: networkBlockAll true = off; networkAllowList (comma-separated
    // CIDRs and host names) = allowlist; networkBlockAll false without a list = open; neither =
    // the server's default (off, or defaultAllowList's allowlist, or open when that is empty).
    // nullopt and *error for an invalid list.
    static std::optional<NetworkPolicy> fromCreateBody(const QJsonObject &body,
                                                       bool networkedByDefault,
                                                       const QString &defaultAllowList,
                                                       QString *error);
    // An allowlist policy from a comma-separated list; nullopt and *error if an entry is
    // neither a CIDR nor a host name.
    static std::optional<NetworkPolicy> allowlist(const QString &list, QString *error);
};

namespace SandboxNetwork {

// Empty when networked sandboxes can run here; otherwise what is missing and what to do.
// runAsUid >= 0: commands run as that uid (the server is root).
QString hostProblem(int runAsUid);
// The host's own addresses (every interface; loopback excluded, since inside the namespace it is
// the namespace's own): routed as unreachable in the sandbox's namespace.
QStringList hostAddresses();
// The routes a command's namespace gets: "10.213.0.2/32" entries to route in allowlist mode,
// from the CIDRs as given and the host names' addresses resolved now.
struct Routes
{
    QStringList allowed; // CIDRs (allowlist mode)
    QStringList blocked; // host addresses, /32 or /128
    QByteArray hosts; // /etc/hosts for the sandbox: the allowlisted names' addresses
};
// The program and arguments that run `inner` (bwrap and its arguments) in pasta's namespace
// with these routes.
QStringList wrap(const NetworkPolicy &policy, const Routes &routes, const QStringList &inner);
QString pastaPath();
// The sandbox's /etc/resolv.conf: open mode asks pasta's DNS forwarder (which relays to the
// host's resolver); allowlist mode has no DNS (names come from /etc/hosts).
QByteArray resolvConf(const NetworkPolicy &policy);
// A note for the command's output when it shows a connection the policy refused ("Network is
// unreachable", "No route to host", a failed name lookup); empty otherwise.
QString blockedNote(const NetworkPolicy &policy, const QByteArray &output);

} // namespace SandboxNetwork
