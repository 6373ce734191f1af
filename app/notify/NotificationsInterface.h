// The org.freedesktop.Notifications D-Bus interface as a Qt object: its methods are called
// asynchronously through QDBusAbstractInterface::asyncCall, and its two signals are Qt signals,
// so that they connect with function pointers (QtDBus relays a declared signal once something
// connects to it).
#pragma once

#include <QDBusAbstractInterface>

class NotificationsInterface final : public QDBusAbstractInterface
{
    Q_OBJECT

public:
    static constexpr const char *kService = "org.freedesktop.Notifications";
    static constexpr const char *kPath = "/org/freedesktop/Notifications";
    static constexpr const char *kInterface = "org.freedesktop.Notifications";

    NotificationsInterface(const QDBusConnection &connection, QObject *parent = nullptr);

signals:
    // The signals' names and arguments are the specification's (Desktop Notifications 1.2).
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);
};
