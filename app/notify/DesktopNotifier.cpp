#include "DesktopNotifier.h"

#include "notify/NotificationsInterface.h"

#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>
#include <QVariantMap>

// Its own category: studio_notify does not link studio_core's.
Q_LOGGING_CATEGORY(lcNotify, "studio.notify", QtInfoMsg)

DesktopNotifier::DesktopNotifier(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_interface(new NotificationsInterface(bus, this))
    , m_appName(QStringLiteral("Agent Studio"))
    , m_iconName(QStringLiteral("dev.agentstudio.AgentStudio"))
    , m_desktopEntry(QStringLiteral("dev.agentstudio.AgentStudio"))
{
    connect(m_interface, &NotificationsInterface::ActionInvoked, this,
            [this](uint id, const QString &key) {
                const auto it = m_tags.constFind(id);
                if (it == m_tags.constEnd())
                    return; // another app's notification
                qCInfo(lcNotify) << "notification action" << key << "on" << *it;
                emit actionInvoked(*it, key);
            });
    connect(m_interface, &NotificationsInterface::NotificationClosed, this, [this](uint id, uint) {
        const auto it = m_tags.constFind(id);
        if (it == m_tags.constEnd())
            return;
        const QString tag = *it;
        forget(id);
        emit closed(tag);
    });
    if (bus.isConnected())
        askCapabilities();
    else
        m_state = State::Unavailable;
}

DesktopNotifier::~DesktopNotifier() = default;

void DesktopNotifier::setApplication(const QString &appName, const QString &iconName,
                                     const QString &desktopEntry)
{
    m_appName = appName;
    m_iconName = iconName;
    m_desktopEntry = desktopEntry;
}

void DesktopNotifier::askCapabilities()
{
    m_state = State::Asking;
    auto *watcher = new QDBusPendingCallWatcher(
        m_interface->asyncCall(QStringLiteral("GetCapabilities")), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this](QDBusPendingCallWatcher *call) {
                call->deleteLater();
                const QDBusPendingReply<QStringList> reply = *call;
                if (reply.isError()) {
                    qCInfo(lcNotify) << "no desktop notifications:" << reply.error().message();
                    m_state = State::Unavailable;
                    m_queued.clear();
                } else {
                    m_capabilities = reply.value();
                    m_state = State::Ready;
                    const QList<Pending> queued = std::exchange(m_queued, {});
                    for (const Pending &p : queued)
                        send(p);
                }
                emit capabilitiesChanged();
            });
}

void DesktopNotifier::notify(const QString &tag, const QString &summary, const QString &body,
                             const QList<Action> &actions, Urgency urgency)
{
    const Pending p{tag, summary, body, actions, urgency};
    switch (m_state) {
    case State::Unknown:
    case State::Asking:
        m_queued.removeIf([&tag](const Pending &q) { return q.tag == tag; });
        m_queued.append(p);
        return;
    case State::Unavailable:
        return;
    case State::Ready:
        send(p);
        return;
    }
}

void DesktopNotifier::send(const Pending &p)
{
    QStringList actions;
    if (supportsActions()) {
        for (const Action &action : p.actions)
            actions << action.key << action.label;
    }
    QVariantMap hints;
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(uchar(p.urgency)));
    if (!m_desktopEntry.isEmpty())
        hints.insert(QStringLiteral("desktop-entry"), m_desktopEntry);
    const uint replaces = m_ids.value(p.tag, 0);
    const QDBusPendingCall call
        = m_interface->asyncCall(QStringLiteral("Notify"), m_appName, replaces, m_iconName,
                                 p.summary, p.body, actions, hints, int(-1));
    auto *watcher = new QDBusPendingCallWatcher(call, this);
    const QString tag = p.tag;
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, tag, replaces](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                const QDBusPendingReply<uint> reply = *w;
                if (reply.isError()) {
                    qCInfo(lcNotify)
                        << "a desktop notification was not shown:" << reply.error().message();
                    return;
                }
                const uint id = reply.value();
                if (replaces != 0 && replaces != id)
                    forget(replaces);
                m_ids.insert(tag, id);
                m_tags.insert(id, tag);
            });
}

void DesktopNotifier::close(const QString &tag)
{
    m_queued.removeIf([&tag](const Pending &q) { return q.tag == tag; });
    const auto it = m_ids.constFind(tag);
    if (it == m_ids.constEnd())
        return;
    const uint id = *it;
    forget(id);
    // Nothing to wait for: a server that already closed it answers with an error we ignore.
    m_interface->asyncCall(QStringLiteral("CloseNotification"), id);
}

void DesktopNotifier::forget(uint id)
{
    const QString tag = m_tags.take(id);
    if (!tag.isEmpty() && m_ids.value(tag) == id)
        m_ids.remove(tag);
}
