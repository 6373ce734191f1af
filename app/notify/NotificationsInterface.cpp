#include "NotificationsInterface.h"

NotificationsInterface::NotificationsInterface(const QDBusConnection &connection, QObject *parent)
    : QDBusAbstractInterface(QString::fromLatin1(kService), QString::fromLatin1(kPath), kInterface,
                             connection, parent)
{
}
