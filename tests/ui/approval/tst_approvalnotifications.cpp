// Desktop notifications for waiting calls and ended runs, against a notification server the
// test registers on the private session bus (KEYCHAIN runs the test under its own
// dbus-daemon): the real DesktopNotifier talks org.freedesktop.Notifications to it over that
// bus, and the server's ActionInvoked signal answers the call as a person clicking Approve in
// the notification would. The engine, store, scripted model and local sandboxes are real.
#include "ApprovalTestSupport.h"

#include "approval/ApprovalDialog.h"
#include "approval/ApprovalNotifications.h"
#include "core/Settings.h"
#include "notify/DesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QSystemTrayIcon>
#include <QVariantMap>

// The desktop's side: org.freedesktop.Notifications as the specification defines it, keeping
// what it was asked to show.
class FakeNotificationServer final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Shown
    {
        uint id;
        uint replaces;
        QString appName;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
    };

    QStringList capabilities;
    QList<Shown> shown;
    QList<uint> closedByApp;

public slots:
    QStringList GetCapabilities() { return capabilities; }
    uint Notify(const QString &appName, uint replacesId, const QString &, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int)
    {
        const uint id = replacesId ? replacesId : ++m_next;
        shown.append({id, replacesId, appName, summary, body, actions, hints});
        return id;
    }
    void CloseNotification(uint id)
    {
        closedByApp.append(id);
        emit NotificationClosed(id, 3);
    }
    QString GetServerInformation(QString &vendor, QString &version, QString &specVersion)
    {
        vendor = QStringLiteral("test");
        version = QStringLiteral("1");
        specVersion = QStringLiteral("1.2");
        return QStringLiteral("fake-notifications");
    }

signals:
    void ActionInvoked(uint id, const QString &actionKey);
    void NotificationClosed(uint id, uint reason);

private:
    uint m_next = 0;
};

class TestApprovalNotifications final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void approveFromTheNotificationRunsTheCall();
    void clickingTheNotificationOpensTheCall();
    void noButtonsWithoutActionsAndNothingWhenOffOrActive();

private:
    // Registers the fake server (with these capabilities) on its own connection to the bus.
    bool startServer(const QStringList &capabilities);
    void startNotifications();

    std::unique_ptr<ApprovalFixture> m_f;
    std::unique_ptr<FakeNotificationServer> m_server;
    std::unique_ptr<DesktopNotifier> m_notifier;
    std::unique_ptr<ApprovalNotifications> m_notifications;
    QString m_connectionName;
    int m_round = 0;
};

void TestApprovalNotifications::initTestCase()
{
    QVERIFY2(QDBusConnection::sessionBus().isConnected(),
             "no session bus: run under tests/tools/with-keyring.sh (ctest does)");
}

void TestApprovalNotifications::init()
{
    m_f = std::make_unique<ApprovalFixture>();
    QVERIFY(m_f->open());
}

void TestApprovalNotifications::cleanup()
{
    m_notifications.reset();
    m_notifier.reset();
    if (!m_connectionName.isEmpty()) {
        QDBusConnection bus(m_connectionName);
        bus.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
        bus.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        QDBusConnection::disconnectFromBus(m_connectionName);
        m_connectionName.clear();
    }
    m_server.reset();
    m_f.reset();
}

bool TestApprovalNotifications::startServer(const QStringList &capabilities)
{
    m_server = std::make_unique<FakeNotificationServer>();
    m_server->capabilities = capabilities;
    m_connectionName = QStringLiteral("fake-notifications-%1").arg(++m_round);
    QDBusConnection bus
        = QDBusConnection::connectToBus(QDBusConnection::SessionBus, m_connectionName);
    if (!bus.isConnected())
        return false;
    if (!bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), m_server.get(),
                            QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals))
        return false;
    return bus.registerService(QStringLiteral("org.freedesktop.Notifications"));
}

void TestApprovalNotifications::startNotifications()
{
    m_notifier = std::make_unique<DesktopNotifier>(QDBusConnection::sessionBus());
    // No window: it is never the active one, so everything notifies.
    m_notifications = std::make_unique<ApprovalNotifications>(
        *m_f->center, m_f->engine(), m_f->context->settings(), *m_notifier, nullptr);
}

void TestApprovalNotifications::approveFromTheNotificationRunsTheCall()
{
    QVERIFY(startServer({QStringLiteral("actions"), QStringLiteral("body")}));
    startNotifications();
    QTRY_VERIFY(m_notifier->isAvailable());
    QVERIFY(m_notifier->supportsActions());

    ScriptedModel script(m_f->server, Wire::OpenAi, ::briefScenario());
    RunRecorder recorder(m_f->engine());
    const qint64 thread = m_f->newThread(QStringLiteral("Reverse project"));
    QString error;
    QVERIFY2(m_f->engine().send(thread, QStringLiteral("reverse a string, test it"), {}, &error),
             qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->shown.size(), 1, 120000);
    const FakeNotificationServer::Shown asked = m_server->shown.first();
    qInfo().noquote() << "notification:" << asked.summary << "|" << asked.body << "|"
                      << asked.actions;
    QCOMPARE(asked.appName, QStringLiteral("Agent Studio"));
    QCOMPARE(asked.summary, QStringLiteral("Approval needed in Reverse project"));
    QVERIFY2(asked.body.startsWith(QLatin1String("runCommand: python3 test_reverse_string.py")),
             qPrintable(asked.body));
    QCOMPARE(
        asked.actions,
        (QStringList{QStringLiteral("default"), QStringLiteral("Open"), QStringLiteral("approve"),
                     QStringLiteral("Approve"), QStringLiteral("deny"), QStringLiteral("Deny")}));
    QCOMPARE(asked.hints.value(QStringLiteral("urgency")).toInt(), 2);
    QCOMPARE(m_f->center->pendingCount(), 1);
    QCOMPARE(m_notifications->trayIcon()->toolTip(),
             QStringLiteral("Agent Studio: 1 approval waiting"));

    // The person clicks Approve in the notification: the command runs.
    emit m_server->ActionInvoked(asked.id, QStringLiteral("approve"));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.ended, 120000);
    const auto finished = recorder.ofType(RunEvent::Type::ToolCallFinished);
    QCOMPARE(finished.size(), 3);
    const QString out = finished.at(2).result.toObject().value(QLatin1String("stdout")).toString();
    qInfo() << "tried: ActionInvoked(approve) on the notification; result: the command printed"
            << out.right(40);
    QVERIFY2(out.contains(QLatin1String("Ran 4 tests")), qPrintable(out));
    QCOMPARE(m_f->toolCalls(thread).at(2).decision, ApprovalDecision::Approved);
    // The answered call's notification was taken back; the run's end was announced.
    QTRY_VERIFY(m_server->closedByApp.contains(asked.id));
    QTRY_COMPARE(m_server->shown.size(), 2);
    QCOMPARE(m_server->shown.at(1).summary,
             QStringLiteral("The agent finished in Reverse project"));
    QCOMPARE(m_notifications->trayIcon()->toolTip(),
             QStringLiteral("Agent Studio: nothing waits for your approval"));
}

void TestApprovalNotifications::clickingTheNotificationOpensTheCall()
{
    QVERIFY(startServer({QStringLiteral("actions")}));
    startNotifications();
    ScriptedModel script(m_f->server, Wire::OpenAi,
                         {[](const RecordedRequest &) {
                              return ScriptedStep{QString(),
                                                  {commandCall(QStringLiteral("call_x"),
                                                               QStringLiteral("make install"))}};
                          },
                          [](const RecordedRequest &) {
                              return ScriptedStep{QStringLiteral("Ok."), {}};
                          }});
    RunRecorder recorder(m_f->engine());
    const qint64 thread = m_f->newThread(QStringLiteral("Click"));
    QString error;
    QVERIFY(m_f->engine().send(thread, QStringLiteral("install"), {}, &error));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->shown.size(), 1, 60000);
    // The person had put the dialog away ("Decide later") ...
    QVERIFY(m_f->center->dialog());
    m_f->center->dialog()->reject();
    QVERIFY(!m_f->center->dialog()->isVisible());
    // ... and clicks the notification: the call is on screen again.
    emit m_server->ActionInvoked(m_server->shown.first().id, QStringLiteral("default"));
    QTRY_VERIFY(m_f->center->dialog()->isVisible());
    QCOMPARE(m_f->center->dialog()->request().toolCallId, QStringLiteral("call_x"));
    // A Deny from the notification is a denial without a reason.
    emit m_server->ActionInvoked(m_server->shown.first().id, QStringLiteral("deny"));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.ended, 60000);
    QCOMPARE(m_f->toolCalls(thread).first().decision, ApprovalDecision::Denied);
}

void TestApprovalNotifications::noButtonsWithoutActionsAndNothingWhenOffOrActive()
{
    QVERIFY(startServer({QStringLiteral("body")}));
    startNotifications();
    const auto proposeOne = [](const RecordedRequest &) {
        return ScriptedStep{QString(),
                            {commandCall(QStringLiteral("call_y"), QStringLiteral("ls"))}};
    };
    const auto answer = [](const RecordedRequest &) {
        return ScriptedStep{QStringLiteral("Ok."), {}};
    };
    ScriptedModel script(m_f->server, Wire::OpenAi,
                         {proposeOne, answer, proposeOne, answer, proposeOne, answer});
    QString error;

    // A server without actions: the same notification, with no buttons.
    RunRecorder first(m_f->engine());
    const qint64 a = m_f->newThread(QStringLiteral("No buttons"));
    QVERIFY(m_f->engine().send(a, QStringLiteral("ls"), {}, &error));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->shown.size(), 1, 60000);
    QVERIFY(m_server->shown.first().actions.isEmpty());
    QCOMPARE(m_server->shown.first().summary, QStringLiteral("Approval needed in No buttons"));
    m_f->center->resolve({m_f->center->pending().first().toolCallRowId},
                         ApprovalAnswer::deny(QString()));
    QTRY_VERIFY_WITH_TIMEOUT(first.ended, 60000);
    QTRY_COMPARE(m_server->shown.size(), 2); // the run's end

    // Turned off in the settings: nothing is shown.
    m_f->context->settings().setDesktopNotifications(false);
    m_notifications->applySettings();
    RunRecorder second(m_f->engine());
    const qint64 b = m_f->newThread(QStringLiteral("Off"));
    QVERIFY(m_f->engine().send(b, QStringLiteral("ls"), {}, &error));
    QTRY_COMPARE_WITH_TIMEOUT(m_f->center->pendingCount(), 1, 60000);
    m_f->center->resolve({m_f->center->pending().first().toolCallRowId},
                         ApprovalAnswer::deny(QString()));
    QTRY_VERIFY_WITH_TIMEOUT(second.ended, 60000);

    // On, but the window is the active one: the person sees the dialog, no notification.
    m_f->context->settings().setDesktopNotifications(true);
    m_notifications->applySettings();
    m_notifications->setWindowActiveCheck([] { return true; });
    RunRecorder third(m_f->engine());
    const qint64 c = m_f->newThread(QStringLiteral("Active"));
    QVERIFY(m_f->engine().send(c, QStringLiteral("ls"), {}, &error));
    QTRY_COMPARE_WITH_TIMEOUT(m_f->center->pendingCount(), 1, 60000);
    m_f->center->resolve({m_f->center->pending().first().toolCallRowId},
                         ApprovalAnswer::deny(QString()));
    QTRY_VERIFY_WITH_TIMEOUT(third.ended, 60000);
    // The bus keeps one sender's messages in order: once a call made after both runs has its
    // answer, any notification they sent has reached the server.
    const QDBusPendingCall ping
        = QDBusConnection::sessionBus().asyncCall(QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.Notifications"),
            QStringLiteral("/org/freedesktop/Notifications"),
            QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("GetCapabilities")));
    QDBusPendingCallWatcher pong(ping);
    QTRY_VERIFY(pong.isFinished());
    qInfo() << "tried: notifications off, then window active; result:" << m_server->shown.size()
            << "notifications in all";
    QCOMPARE(m_server->shown.size(), 2);
}

QTEST_MAIN(TestApprovalNotifications)
#include "tst_approvalnotifications.moc"
