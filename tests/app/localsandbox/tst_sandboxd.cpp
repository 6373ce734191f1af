// Runs the real agent-sandboxd executable: it prints DAYTONA_API_URL / DAYTONA_API_KEY that a
// Daytona client can use as they are, answers 401 without the key, accepts uploads encoded by a
// different multipart writer (Qt's QHttpMultiPart, as SDK form-data encoders do), and fails with
// a clear message when bubblewrap is missing or the data folder is unusable.
#include "SandboxTestSupport.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxWaiter.h"

#include <QHttpMultiPart>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/stat.h>

class TestSandboxd final : public QObject
{
    Q_OBJECT
private slots:
    void printsConfigurationAndServesAnyClient();
    void failsClearlyWithoutBubblewrap();
    void rejectsBadPort();
};

void TestSandboxd::printsConfigurationAndServesAnyClient()
{
    QTemporaryDir dir;
    ::chmod(QFile::encodeName(dir.path()).constData(), 0711);
    QProcess daemon;
    daemon.setProgram(QStringLiteral(AGENT_SANDBOXD_BIN));
    daemon.setArguments({QStringLiteral("--data-dir"), dir.path()});
    daemon.start();
    QVERIFY(daemon.waitForStarted());
    QString url;
    QString key;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            while (daemon.canReadLine()) {
                const QString line = QString::fromUtf8(daemon.readLine()).trimmed();
                if (line.startsWith(QLatin1String("DAYTONA_API_URL=")))
                    url = line.mid(16);
                else if (line.startsWith(QLatin1String("DAYTONA_API_KEY=")))
                    key = line.mid(16);
            }
            return !url.isEmpty() && !key.isEmpty();
        }(),
        10000);
    QVERIFY(url.startsWith(QLatin1String("http://127.0.0.1:")));
    QVERIFY(url.endsWith(QLatin1String("/api")));
    QVERIFY(key.size() >= 32); // random per start

    // Configured exactly as a user would from the printed lines.
    QProcessEnvironment env;
    env.insert(QStringLiteral("DAYTONA_API_KEY"), key);
    env.insert(QStringLiteral("DAYTONA_API_URL"), url);
    DaytonaClient client(DaytonaConfig::fromEnvironment(env));
    const DaytonaResult created = awaitResult(client.createAndWait(CreateSandboxParams()));
    QVERIFY2(created.ok(), qPrintable(created.error.message));
    const Sandbox sb = created.sandbox;

    // Qt's own multipart writer, with the SDK's part names and order.
    auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart pathPart;
    pathPart.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QStringLiteral("form-data; name=\"files[0].path\""));
    pathPart.setBody("/home/daytona/hello.py");
    QHttpPart filePart;
    filePart.setHeader(
        QNetworkRequest::ContentDispositionHeader,
        QStringLiteral("form-data; name=\"files[0].file\"; filename=\"/home/daytona/hello.py\""));
    filePart.setHeader(QNetworkRequest::ContentTypeHeader,
                       QStringLiteral("application/octet-stream"));
    filePart.setBody("print('hello from', __name__)\n");
    multi->append(pathPart);
    multi->append(filePart);
    QNetworkAccessManager nam;
    QNetworkRequest request(
        QUrl(sb.toolboxProxyUrl + QLatin1Char('/') + sb.id + QStringLiteral("/files/bulk-upload")));
    request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    QNetworkReply *reply = nam.post(request, multi);
    multi->setParent(reply);
    QSignalSpy uploaded(reply, &QNetworkReply::finished);
    QVERIFY(uploaded.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();

    const DaytonaResult run = awaitResult(client.execute(sb, QStringLiteral("python3 hello.py")));
    QVERIFY2(run.ok(), qPrintable(run.error.message));
    QCOMPARE(ExecResult::fromJson(run.json().object()).result,
             QStringLiteral("hello from __main__\n"));

    // Without the key: 401 with Daytona's error body.
    QNetworkRequest anonymous(QUrl(url + QStringLiteral("/sandbox")));
    QNetworkReply *denied = nam.get(anonymous);
    QSignalSpy deniedDone(denied, &QNetworkReply::finished);
    QVERIFY(deniedDone.wait(10000));
    QCOMPARE(denied->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    const QJsonObject body = QJsonDocument::fromJson(denied->readAll()).object();
    QCOMPARE(body.value(QLatin1String("statusCode")).toInt(), 401);
    QCOMPARE(body.value(QLatin1String("error")).toString(), QStringLiteral("Unauthorized"));
    denied->deleteLater();

    QVERIFY(awaitResult(client.deleteSandbox(sb.id)).ok());
    daemon.terminate();
    QVERIFY(daemon.waitForFinished(10000));
}

void TestSandboxd::failsClearlyWithoutBubblewrap()
{
    QTemporaryDir dir;
    QProcess daemon;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), dir.path()); // no bwrap anywhere on it
    daemon.setProcessEnvironment(env);
    daemon.start(QStringLiteral(AGENT_SANDBOXD_BIN), {QStringLiteral("--data-dir"), dir.path()});
    QVERIFY(daemon.waitForFinished(10000));
    QCOMPARE(daemon.exitCode(), 1);
    const QString err = QString::fromUtf8(daemon.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("bubblewrap (bwrap) is not installed")), qPrintable(err));
    QVERIFY(err.contains(QStringLiteral("apt install bubblewrap")));
    QVERIFY(
        daemon.readAllStandardOutput().isEmpty()); // no URL or key for a server that is not there
}

void TestSandboxd::rejectsBadPort()
{
    QProcess daemon;
    daemon.start(QStringLiteral(AGENT_SANDBOXD_BIN),
                 {QStringLiteral("--port"), QStringLiteral("http")});
    QVERIFY(daemon.waitForFinished(10000));
    QCOMPARE(daemon.exitCode(), 2);
    QVERIFY(daemon.readAllStandardError().contains("--port must be a number"));
}

QTEST_GUILESS_MAIN(TestSandboxd)
#include "tst_sandboxd.moc"
