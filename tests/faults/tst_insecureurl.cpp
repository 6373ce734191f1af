// A .env file in the working folder cannot send a key over plain http to another machine
// (issue 14 item 13): DAYTONA_API_URL=http://<this machine's non-loopback address>/ is refused
// with a message naming the variable, the .env file and https, and the listener there sees no
// connection at all; http://127.0.0.1 keeps working (the local server and the tests use it).
// The same for a model provider's base URL with a key.
#include "llm/LlmClient.h"
#include "root/AppContext.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"

#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Listens on every address; records what arrives and answers 404 with a JSON body.
class Listener final : public QObject
{
public:
    Listener()
    {
        m_server.listen(QHostAddress::AnyIPv4);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    received += socket->readAll();
                    if (received.contains("\r\n\r\n")) {
                        socket->write("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"
                                      "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
                        socket->disconnectFromHost();
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }

    int connections = 0;
    QByteArray received;

private:
    QTcpServer m_server;
};

// An address of this machine that is not loopback (the listener is there, so a request
// that went out would be seen); TEST-NET-1 when there is none.
QString nonLoopbackAddress()
{
    const QList<QHostAddress> all = QNetworkInterface::allAddresses();
    for (const QHostAddress &a : all) {
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback())
            return a.toString();
    }
    return QStringLiteral("192.0.2.1");
}

} // namespace

class TestInsecureUrl final : public QObject
{
    Q_OBJECT
private slots:
    void daytonaUrlFromDotEnv_data();
    void daytonaUrlFromDotEnv();
    void modelBaseUrl();
};

void TestInsecureUrl::daytonaUrlFromDotEnv_data()
{
    QTest::addColumn<bool>("loopback");
    QTest::newRow("another machine") << false;
    QTest::newRow("127.0.0.1") << true;
}

void TestInsecureUrl::daytonaUrlFromDotEnv()
{
    QFETCH(bool, loopback);
    Listener listener;
    QVERIFY(listener.port() != 0);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString host = loopback ? QStringLiteral("127.0.0.1") : nonLoopbackAddress();
    const QString url = QStringLiteral("http://%1:%2/api").arg(host).arg(listener.port());
    const QByteArray key = "dtn_secret_key_that_must_not_travel_0123456789";
    const QString envPath = dir.filePath(QStringLiteral(".env"));
    QFile env(envPath);
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.write("DAYTONA_API_KEY=" + key + "\nDAYTONA_API_URL=" + url.toUtf8() + "\n");
    env.close();
    qunsetenv("DAYTONA_API_KEY");
    qunsetenv("DAYTONA_API_URL");

    AppContext context(StudioPaths::underRoot(dir.filePath(QStringLiteral("data"))));
    context.setEnvFile(envPath);
    QString error;
    QVERIFY2(context.open(&error), qPrintable(error));
    context.setSandboxProvider(QStringLiteral("daytona"));
    SandboxBackend *backend = context.sandboxBackend(&error);
    QVERIFY2(backend, qPrintable(error));
    DaytonaClient *client = backend->client(QStringLiteral("daytona"), &error);
    QVERIFY2(client, qPrintable(error));
    DaytonaCall *call = client->getSandbox(QStringLiteral("any"));
    QSignalSpy finished(call, &DaytonaCall::finished);
    QVERIFY(finished.wait(15000));
    const DaytonaResult result = finished.first().first().value<DaytonaResult>();
    if (loopback) {
        // The request reached the listener, with the key: the local case keeps working.
        QTRY_VERIFY(listener.received.contains("\r\n\r\n"));
        qInfo().noquote() << "tried: DAYTONA_API_URL" << url << "in" << envPath
                          << "; result: request sent, HTTP" << result.httpStatus;
        QVERIFY(listener.received.contains(QByteArray("Bearer " + key)));
        return;
    }
    const QString message = result.error.message;
    qInfo().noquote() << "tried: DAYTONA_API_URL" << url << "in" << envPath
                      << "; result:" << listener.connections << "connections, error:" << message;
    QCOMPARE(result.error.kind, SandboxError::Kind::Configuration);
    QVERIFY2(message.contains(QLatin1String("DAYTONA_API_URL")), qPrintable(message));
    QVERIFY2(message.contains(envPath), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("https://")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String(key)), qPrintable(message));
    // Give a request that went out anyway the time to arrive: none may.
    QTest::qWait(300);
    QCOMPARE(listener.connections, 0);
    QVERIFY(!listener.received.contains(key));
}

void TestInsecureUrl::modelBaseUrl()
{
    Listener listener;
    const QString remote
        = QStringLiteral("http://%1:%2/v1").arg(nonLoopbackAddress()).arg(listener.port());
    const QString local = QStringLiteral("http://127.0.0.1:%1/v1").arg(listener.port());
    QNetworkAccessManager network;
    LlmClient llm(&network);
    QString baseUrl = remote;
    llm.setEnvironment([&baseUrl](const QString &name) {
        return name == QLatin1String("OPENAI_BASE_URL") ? baseUrl : QString();
    });
    const QString key = QStringLiteral("sk-proj-must-not-travel-0123456789abcdef");
    const QString error = llm.endpoint(QStringLiteral("openai"), key).configurationError;
    qInfo().noquote() << "tried: OPENAI_BASE_URL" << remote << "with a key; result:" << error;
    QVERIFY2(error.contains(QLatin1String("OPENAI_BASE_URL")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("environment")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("https://")), qPrintable(error));
    ModelListRequest *list
        = llm.listModelsUncached(llm.endpoint(QStringLiteral("openai"), key), this);
    QSignalSpy done(list, &ModelListRequest::finished);
    list->start();
    QVERIFY(done.count() > 0 || done.wait(10000));
    QTest::qWait(300);
    QCOMPARE(listener.connections, 0);
    // Without a key (a model server on the local network) http is fine; to this machine too.
    QCOMPARE(llm.endpoint(QStringLiteral("openai"), QString()).configurationError, QString());
    baseUrl = local;
    QCOMPARE(llm.endpoint(QStringLiteral("openai"), key).configurationError, QString());
    // The per-provider setting is named as the source.
    baseUrl.clear();
    llm.setBaseUrlOverride(QStringLiteral("openai"), remote);
    const QString fromSetting = llm.endpoint(QStringLiteral("openai"), key).configurationError;
    qInfo().noquote() << "tried: the OpenAI base URL setting" << remote
                      << "; result:" << fromSetting;
    QVERIFY2(fromSetting.contains(QLatin1String("setting")), qPrintable(fromSetting));
}

QTEST_GUILESS_MAIN(TestInsecureUrl)
#include "tst_insecureurl.moc"
