// Value types of the Daytona sandbox API (specs/daytona/contract.md §2, §4, §5) and their JSON
// mapping. Shared by the client (app/sandbox) and the local server (app/localsandbox).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

using StringMap = QMap<QString, QString>;

// The label the SDKs use to remember a sandbox's code-run language.
inline constexpr QLatin1String kLanguageLabel("code-toolbox-language");

// A command without a timeout stops after this long (the app's setting overrides it), and no
// timeout is longer than the maximum: milliseconds of both fit an int (QTimer) with room.
inline constexpr int kDefaultCommandTimeoutSeconds = 30 * 60;
inline constexpr int kMaxCommandTimeoutSeconds = 24 * 3600;

struct Sandbox
{
    QString id;
    QString organizationId;
    QString name;
    QString snapshot;
    QString user;
    StringMap env;
    StringMap labels;
    bool isPublic = false;
    bool networkBlockAll = false;
    QString networkAllowList; // comma-separated CIDRs (and, locally, host names); empty: none
    QString target;
    double cpu = 0;
    double gpu = 0;
    double memory = 0;
    double disk = 0;
    // Bytes the sandbox's files take (local sandboxes; -1 = unknown). Not part of Daytona's
    // object: the local server adds "diskUsageBytes" so the list can show it.
    qint64 diskUsageBytes = -1;
    // What its processes use now (local sandboxes; -1 = unknown): resident memory in bytes and
    // CPU in cores (1.0 = one core busy). Extensions like diskUsageBytes: "memoryUsageBytes",
    // "cpuUsage". Daytona's own cpu/memory/disk stay the limits, as Daytona defines them.
    qint64 memoryUsageBytes = -1;
    double cpuUsage = -1;
    // When a toolbox call, a command or a keep-alive last touched it (local: "lastActivityAt",
    // RFC 3339); empty = unknown.
    QString lastActivityAt;
    QString state; // "started", "stopped", "creating", "error", ... (SandboxState)
    QString desiredState;
    QString errorReason;
    int autoStopInterval = 15;
    int autoArchiveInterval = 10080;
    int autoDeleteInterval = -1;
    QString createdAt;
    QString updatedAt;
    QString toolboxProxyUrl;

    QString language() const { return labels.value(QString(kLanguageLabel)); }
    bool isValid() const { return !id.isEmpty(); }

    static Sandbox fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

// What createSandbox sends (CreateSandbox, contract.md §2.2). Unset optionals are omitted.
struct CreateSandboxParams
{
    QString name;
    QString language = QStringLiteral("python"); // python | javascript | typescript
    QString snapshot;
    QString target;
    StringMap env;
    StringMap labels;
    int autoStopInterval = -2; // minutes; -2 = not sent
    int autoDeleteInterval = -2; // minutes; -2 = not sent
    int networkBlockAll = -1; // -1 = not sent, 0 = false, 1 = true
    QString networkAllowList; // empty = not sent
    bool isPublic = false;
    // Resources in cores and GiB (fractions allowed by the local server); 0 = not sent.
    double cpu = 0;
    double memory = 0;
    double disk = 0;

    // The request body, with the language written into the code-toolbox-language label.
    QJsonObject toJson() const;
};

struct FileInfo
{
    QString name;
    qint64 size = 0;
    QString mode; // Go FileMode string, e.g. "-rw-r--r--"
    QString modifiedAt; // RFC 3339
    bool isDir = false;
    QString owner;
    QString group;
    QString permissions; // "0644"

    static FileInfo fromJson(const QJsonObject &object);
    static QList<FileInfo> listFromJson(const QJsonArray &array);
    QJsonObject toJson() const;
};

struct ExecResult
{
    int exitCode = -1;
    QString result; // stdout and stderr merged
    QJsonObject artifacts; // code-run only

    static ExecResult fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
};

struct FindMatch
{
    QString file;
    int line = 0;
    QString content;

    static QList<FindMatch> listFromJson(const QJsonArray &array);
};

struct UploadItem
{
    QString path; // destination inside the sandbox
    QByteArray content;
};

// One entry of a bulk download: the bytes, or the error the server sent for that path.
struct DownloadedFile
{
    QString path;
    QByteArray content;
    int errorStatus = 0; // 0 = ok
    QString errorMessage;
};

struct PreviewLink
{
    QString sandboxId;
    QString url;
    QString token;

    // How long the links the app hands out (agent, "Open preview") stay valid when signed.
    static constexpr int kSignedSeconds = 3600;
    // A URL a browser can open from a preview-url answer ({url, token}) or, with isSigned, a
    // signed-preview-url answer (its url needs nothing more). A private preview's token can
    // only travel in the query from a browser (DAYTONA_SANDBOX_AUTH_KEY); never the API key.
    // Empty when the answer has no usable URL.
    static QUrl openableUrl(const QByteArray &body, bool isSigned);
};

// Reads the list response in both shapes: {items, nextCursor} (current) and a bare array
// (servers before v0.180). nextCursor is empty when there is no further page.
struct SandboxPage
{
    QList<Sandbox> items;
    QString nextCursor;
    bool valid = false;

    static SandboxPage fromJson(const QByteArray &body);
};
