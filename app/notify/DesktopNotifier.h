// Desktop notifications through the desktop's notification server (org.freedesktop.
// Notifications over the session D-Bus): asks once what the server can do (GetCapabilities),
// shows notifications with buttons (actions) only where the server lists "actions", and
// reports a click or a button (ActionInvoked) and a closed notification (NotificationClosed)
// by the caller's own tag. Every call is asynchronous; without a server nothing is shown and
// nothing waits. Knows nothing about approvals: the window decides what to say and when.
#pragma once

#include <QDBusConnection>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class NotificationsInterface;

class DesktopNotifier final : public QObject
{
    Q_OBJECT

public:
    struct Action
    {
        QString key; // "default" is the click on the notification itself
        QString label;
    };
    enum class Urgency { Low = 0, Normal = 1, Critical = 2 };

    // appName and iconName as the server shows them; desktopEntry names the .desktop file
    // (without .desktop), so that the server can group and style the app's notifications.
    explicit DesktopNotifier(const QDBusConnection &bus, QObject *parent = nullptr);
    ~DesktopNotifier() override;

    void setApplication(const QString &appName, const QString &iconName,
                        const QString &desktopEntry);

    // Whether a server answered GetCapabilities, and what it said.
    bool isAvailable() const { return m_state == State::Ready; }
    bool supportsActions() const { return m_capabilities.contains(QLatin1String("actions")); }
    QStringList capabilities() const { return m_capabilities; }

    // Shows (or replaces, for the same tag) a notification. Actions are dropped when the
    // server cannot show them; "default" is still sent, since servers that list "actions"
    // treat a click on the notification as that action.
    void notify(const QString &tag, const QString &summary, const QString &body,
                const QList<Action> &actions = {}, Urgency urgency = Urgency::Normal);
    // Takes back a notification that no longer applies (the call was answered elsewhere).
    void close(const QString &tag);
    bool isShown(const QString &tag) const { return m_ids.contains(tag); }

signals:
    // The server answered GetCapabilities (or failed to: available() is false then).
    void capabilitiesChanged();
    void actionInvoked(const QString &tag, const QString &actionKey);
    void closed(const QString &tag);

private:
    enum class State { Unknown, Asking, Ready, Unavailable };
    struct Pending
    {
        QString tag;
        QString summary;
        QString body;
        QList<Action> actions;
        Urgency urgency;
    };
    void askCapabilities();
    void send(const Pending &notification);
    void forget(uint id);

    NotificationsInterface *m_interface = nullptr;
    State m_state = State::Unknown;
    QStringList m_capabilities;
    QList<Pending> m_queued; // until the capabilities are known
    QHash<QString, uint> m_ids; // tag -> the server's id
    QHash<uint, QString> m_tags;
    QString m_appName;
    QString m_iconName;
    QString m_desktopEntry;
};
