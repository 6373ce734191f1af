// Typed settings. Every key and its default are declared once, in Settings.cpp.
// Stored with QSettings in the config folder; never holds secrets (those go to the keychain).
#pragma once

#include <QByteArray>
#include <QList>
#include <QSettings>
#include <QString>
#include <QVariantMap>

class Settings final
{
public:
    struct Key; // name and default, declared in Settings.cpp

    explicit Settings(const QString &file);

    QString fileName() const;
    void sync();

    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray &geometry);
    QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray &state);
    QByteArray mainSplitterState() const;
    void setMainSplitterState(const QByteArray &state);
    bool rightPanelVisible() const;
    void setRightPanelVisible(bool visible);

    // "provider/model", as Mastra writes it.
    QString defaultModel() const;
    void setDefaultModel(const QString &model);
    // How many model steps one run may take before it stops and offers to continue.
    int maxSteps() const;
    void setMaxSteps(int steps);

    // "default", "ask-everything" or "never-ask" (ApprovalPolicy::presetFromString). The old
    // setting, kept: it still sets the Ask mode's table (ask-everything asks reads too), and
    // gives the default mode until one is chosen (never-ask -> "full", else "ask").
    QString approvalPolicy() const;
    void setApprovalPolicy(const QString &preset);
    // The approval mode of threads that have none of their own: "plan", "ask", "auto-edit" or
    // "full" (ApprovalModes::fromString); unset: from approvalPolicy() as above.
    QString defaultApprovalMode() const;
    void setDefaultApprovalMode(const QString &mode);

    // Where new threads get their sandboxes: "local", "daytona", or "" for automatic (Daytona
    // when a DAYTONA_API_KEY is set, else local).
    QString sandboxProvider() const;
    void setSandboxProvider(const QString &provider);
    // Whether local (bubblewrap) sandboxes may reach the network.
    bool localSandboxNetwork() const;
    void setLocalSandboxNetwork(bool allowed);
    // With the network on: only these networks (comma-separated CIDRs and host names); empty:
    // the whole internet (never this computer). Applies to sandboxes created afterwards.
    QString localSandboxAllowList() const;
    void setLocalSandboxAllowList(const QString &list);
    // Whether deleting a thread also deletes its sandboxes.
    bool deleteSandboxesWithThread() const;
    void setDeleteSandboxesWithThread(bool remove);
    // Idle minutes before a sandbox is stopped; 0: never.
    int sandboxAutoStopMinutes() const;
    void setSandboxAutoStopMinutes(int minutes);
    // Days a stopped sandbox is kept before it is deleted; -1: never (the default), 0: when it
    // stops. Days here, minutes on the wire (sandboxAutoDeleteMinutes).
    static constexpr int kMaxAutoDeleteDays = 365;
    int sandboxAutoDeleteDays() const;
    void setSandboxAutoDeleteDays(int days);
    int sandboxAutoDeleteMinutes() const;
    // Minutes a command or code run may take when the model sets no timeout (1..1440).
    static constexpr int kMaxCommandTimeoutMinutes = 24 * 60;
    int commandTimeoutMinutes() const;
    void setCommandTimeoutMinutes(int minutes);
    // Attachments (issue 18): the most one file and all the files of a message may take, MiB.
    int attachmentMaxFileMiB() const;
    void setAttachmentMaxFileMiB(int mebibytes);
    int attachmentMaxTotalMiB() const;
    void setAttachmentMaxTotalMiB(int mebibytes);
    // Disk the checkpoints of all threads may use, in MiB (issue 15; default 1 GiB, at least
    // 64 MiB). Over it, the repositories of deleted sandboxes go first, then the oldest.
    static constexpr int kDefaultCheckpointCapMiB = 1024;
    static constexpr int kMinCheckpointCapMiB = 64;
    int checkpointCapMiB() const;
    void setCheckpointCapMiB(int mebibytes);

    // The base URL a provider's requests go to; empty: the catalog's default (or the SDK's
    // environment variable). Keyed by the catalog's provider id.
    QString providerBaseUrl(const QString &providerId) const;
    void setProviderBaseUrl(const QString &providerId, const QString &url);

    // The user's prices and context windows, by "provider/model": each a map {input,
    // cachedInput, output (US dollars per million tokens), context (tokens)} (ModelPrice's
    // variant form). They win over the built-in list (issue 18).
    QVariantMap customModelPrices() const;
    void setCustomModelPrices(const QVariantMap &prices);

    // "system" (the desktop's palette), "light" or "dark".
    QString theme() const;
    void setTheme(const QString &theme);
    // A desktop notification when a tool call waits or a run ends while the window is not the
    // active one; a tray icon that counts the calls waiting.
    bool desktopNotifications() const;
    void setDesktopNotifications(bool on);
    bool trayIcon() const;
    void setTrayIcon(bool on);

    // Ports recently opened with "Open Preview URL", most recent first (issue 17).
    static constexpr int kMaxRecentPreviewPorts = 8;
    QList<int> recentPreviewPorts() const;
    void addRecentPreviewPort(int port);

    // Set once the first-run wizard was finished, so it is not offered again.
    bool firstRunDone() const;
    void setFirstRunDone(bool done);

    // Daytona's API URL and target region; empty: DAYTONA_API_URL / DAYTONA_TARGET from the
    // environment or .env, else https://app.daytona.io/api and the organization's default.
    // The API key is never here: it lives in the OS keychain (account "daytona").
    QString daytonaApiUrl() const;
    void setDaytonaApiUrl(const QString &url);
    QString daytonaTarget() const;
    void setDaytonaTarget(const QString &target);

private:
    QVariant value(const Key &key) const;
    void setValue(const Key &key, const QVariant &value);

    QSettings m_settings;
};
