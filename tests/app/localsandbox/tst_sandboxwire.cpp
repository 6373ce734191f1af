// The local server against requests written byte for byte as the SDKs send them (the examples
// of specs/daytona/contract.md §2.2, §4, §5.1, §6), checked for Daytona's answer shapes: what
// makes "any Daytona SDK" work, independent of our own client.
#include "localsandbox/LocalSandboxServer.h"
#include "sandbox/Multipart.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <sys/stat.h>

struct Answer
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

class TestSandboxWire final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void createAsTheTypeScriptSdkDoes();
    void listWithJsonLabelsAndRepeatedStates();
    void bulkUploadVerbatim();
    void bulkUploadFileBeforePathIsRefused();
    void queryPlusIsSpaceAsInGo();
    void executeVerbatim();
    void bulkDownloadShape();
    void errorBodies();

private:
    Answer send(const QByteArray &method, const QString &path,
                const QByteArray &body = QByteArray(),
                const QByteArray &contentType = "application/json");

    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    QNetworkAccessManager m_nam;
    QString m_id;
};

Answer TestSandboxWire::send(const QByteArray &method, const QString &path, const QByteArray &body,
                             const QByteArray &contentType)
{
    // The path is sent exactly as written (already percent-encoded where needed).
    QNetworkRequest request(QUrl::fromEncoded(
        QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(path).toLatin1()));
    request.setRawHeader("Authorization", "Bearer " + m_server->token().toUtf8());
    request.setRawHeader("X-Daytona-Source", "sdk-typescript");
    request.setRawHeader("X-Daytona-SDK-Version", "0.190.0");
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    QNetworkReply *reply = body.isEmpty() ? m_nam.sendCustomRequest(request, method)
                                          : m_nam.sendCustomRequest(request, method, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    Answer a;
    if (!done.wait(30000))
        return a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.contentType = reply->rawHeader("Content-Type");
    a.body = reply->readAll();
    reply->deleteLater();
    return a;
}

void TestSandboxWire::initTestCase()
{
    QVERIFY(m_dir.isValid());
    ::chmod(QFile::encodeName(m_dir.path()).constData(), 0711);
    LocalSandboxOptions options;
    options.dataDir = m_dir.path();
    m_server = std::make_unique<LocalSandboxServer>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void TestSandboxWire::createAsTheTypeScriptSdkDoes()
{
    const Answer a = send(
        "POST", QStringLiteral("/api/sandbox"),
        R"({"env":{"A":"1"},"labels":{"app":"x","code-toolbox-language":"python"},"autoStopInterval":30})");
    QCOMPARE(a.status, 200);
    const QJsonObject o = a.json().object();
    m_id = o.value(QLatin1String("id")).toString();
    QVERIFY(!m_id.isEmpty());
    QCOMPARE(o.value(QLatin1String("name")).toString(), m_id); // defaults to the id
    QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("started"));
    QCOMPARE(o.value(QLatin1String("user")).toString(), QStringLiteral("daytona"));
    QCOMPARE(o.value(QLatin1String("env")).toObject().value(QLatin1String("A")).toString(),
             QStringLiteral("1"));
    QCOMPARE(o.value(QLatin1String("labels"))
                 .toObject()
                 .value(QLatin1String("code-toolbox-language"))
                 .toString(),
             QStringLiteral("python"));
    QCOMPARE(o.value(QLatin1String("autoStopInterval")).toInt(), 30);
    QCOMPARE(o.value(QLatin1String("toolboxProxyUrl")).toString(), m_server->toolboxUrl());
    for (const char *required : {"organizationId", "public", "networkBlockAll", "target", "cpu",
                                 "gpu", "memory", "disk", "createdAt", "updatedAt", "desiredState"})
        QVERIFY2(o.contains(QLatin1String(required)), required);
    QVERIFY(o.value(QLatin1String("createdAt")).toString().endsWith(QLatin1Char('Z')));
    // GET with ?verbose and by name.
    QCOMPARE(send("GET", QStringLiteral("/api/sandbox/%1?verbose=true").arg(m_id)).status, 200);
}

void TestSandboxWire::listWithJsonLabelsAndRepeatedStates()
{
    Answer a = send(
        "GET",
        QStringLiteral(
            "/api/"
            "sandbox?labels=%7B%22app%22%3A%22x%22%7D&states=started&states=stopped&limit=100"));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.json().object().value(QLatin1String("items")).toArray().size(), 1);
    QVERIFY(a.json().object().value(QLatin1String("nextCursor")).isNull());
    a = send("GET", QStringLiteral("/api/sandbox?labels=%7B%22app%22%3A%22y%22%7D"));
    QCOMPARE(a.json().object().value(QLatin1String("items")).toArray().size(), 0);
    a = send("GET", QStringLiteral("/api/sandbox?states=stopped"));
    QCOMPARE(a.json().object().value(QLatin1String("items")).toArray().size(), 0);
    a = send("GET", QStringLiteral("/api/sandbox/paginated?page=1&limit=10"));
    QCOMPARE(a.json().object().value(QLatin1String("total")).toInt(), 1);
    QCOMPARE(a.json().object().value(QLatin1String("totalPages")).toInt(), 1);
}

void TestSandboxWire::bulkUploadVerbatim()
{
    const QByteArray body = "--B\r\n"
                            "Content-Disposition: form-data; name=\"files[0].path\"\r\n\r\n"
                            "/home/daytona/src/main.py\r\n"
                            "--B\r\n"
                            "Content-Disposition: form-data; name=\"files[0].file\"; "
                            "filename=\"/home/daytona/src/main.py\"\r\n"
                            "Content-Type: application/octet-stream\r\n\r\n"
                            "print('hi')\n\r\n"
                            "--B--\r\n";
    const Answer a = send("POST", QStringLiteral("/toolbox/%1/files/bulk-upload").arg(m_id), body,
                          "multipart/form-data; boundary=B");
    QCOMPARE(a.status, 200);
    const QJsonArray files = a.json().object().value(QLatin1String("files")).toArray();
    QCOMPARE(files.size(), 1);
    QCOMPARE(files[0].toObject().value(QLatin1String("path")).toString(),
             QStringLiteral("/home/daytona/src/main.py"));
    QCOMPARE(files[0].toObject().value(QLatin1String("bytes")).toInt(), 12);
    const Answer raw
        = send("GET",
               QStringLiteral("/toolbox/%1/files/download?path=%2Fhome%2Fdaytona%2Fsrc%2Fmain.py")
                   .arg(m_id));
    QCOMPARE(raw.status, 200);
    QCOMPARE(raw.body, QByteArray("print('hi')\n"));
    QCOMPARE(raw.contentType, QByteArray("application/octet-stream"));
}

void TestSandboxWire::bulkUploadFileBeforePathIsRefused()
{
    const QByteArray body
        = "--B\r\n"
          "Content-Disposition: form-data; name=\"files[0].file\"; filename=\"x\"\r\n\r\n"
          "data\r\n"
          "--B\r\n"
          "Content-Disposition: form-data; name=\"files[0].path\"\r\n\r\n"
          "/home/daytona/x\r\n"
          "--B--\r\n";
    const Answer a = send("POST", QStringLiteral("/toolbox/%1/files/bulk-upload").arg(m_id), body,
                          "multipart/form-data; boundary=B");
    QCOMPARE(a.status, 400);
    QVERIFY(a.json()
                .object()
                .value(QLatin1String("errors"))
                .toArray()
                .first()
                .toString()
                .contains(QStringLiteral("missing .path metadata")));
}

void TestSandboxWire::queryPlusIsSpaceAsInGo()
{
    // Python's requests writes a space as '+'; a literal plus arrives as %2B.
    QCOMPARE(
        send("POST",
             QStringLiteral("/toolbox/%1/files/folder?path=%2Fhome%2Fdaytona%2Fmy+dir&mode=0750")
                 .arg(m_id))
            .status,
        201);
    QCOMPARE(send("POST", QStringLiteral("/toolbox/%1/files/folder?path=a%2Bb").arg(m_id)).status,
             201);
    const Answer list
        = send("GET", QStringLiteral("/toolbox/%1/files?path=%2Fhome%2Fdaytona").arg(m_id));
    QStringList names;
    for (const QJsonValue &v : list.json().array())
        names.append(v.toObject().value(QLatin1String("name")).toString());
    QCOMPARE(names,
             (QStringList{QStringLiteral("a+b"), QStringLiteral("my dir"), QStringLiteral("src")}));
    const Answer info = send("GET", QStringLiteral("/toolbox/%1/files/info?path=my+dir").arg(m_id));
    QCOMPARE(info.json().object().value(QLatin1String("permissions")).toString(),
             QStringLiteral("0750"));
}

void TestSandboxWire::executeVerbatim()
{
    const Answer a = send(
        "POST", QStringLiteral("/toolbox/%1/process/execute").arg(m_id),
        R"({"command":"ls -la && echo err >&2","cwd":"/home/daytona","envs":{"FOO":"bar"},"timeout":30})");
    QCOMPARE(a.status, 200);
    QVERIFY(a.contentType.startsWith("application/json"));
    const QJsonObject o = a.json().object();
    QCOMPARE(o.value(QLatin1String("exitCode")).toInt(), 0);
    QVERIFY(o.value(QLatin1String("result")).toString().contains(QStringLiteral("src\n")));
    QVERIFY(o.value(QLatin1String("result")).toString().endsWith(QStringLiteral("err\n")));
    const Answer blank = send("POST", QStringLiteral("/toolbox/%1/process/execute").arg(m_id),
                              R"({"command":"  "})");
    QCOMPARE(blank.status, 400);
}

void TestSandboxWire::bulkDownloadShape()
{
    Answer a = send("POST", QStringLiteral("/toolbox/%1/files/bulk-download").arg(m_id),
                    R"({"paths":["/home/daytona/src/main.py","/home/daytona/nope"]})");
    QCOMPARE(a.status, 200);
    // Daytona's daemon uses the fixed boundary DAYTONA-FILE-BOUNDARY, which a file's content
    // can forge; this server picks a random one per reply and the SDKs read it from the header.
    QVERIFY(a.contentType.startsWith("multipart/form-data; boundary="));
    const QByteArray boundary = MultipartParser::boundaryFrom(a.contentType);
    QVERIFY(boundary.size() >= 32);
    QVERIFY(boundary != "DAYTONA-FILE-BOUNDARY");
    QVERIFY(
        a.body.startsWith(QByteArray("--" + boundary
                                     + "\r\nContent-Disposition: form-data; name=\"file\"; "
                                       "filename=\"/home/daytona/src/main.py\"; "
                                       "filename*=utf-8''%2Fhome%2Fdaytona%2Fsrc%2Fmain.py\r\n")));
    QVERIFY(a.body.contains(
        "Content-Disposition: form-data; name=\"error\"; filename=\"/home/daytona/nope\""));
    QVERIFY(a.body.contains("\"code\":\"FILE_NOT_FOUND\""));
    QVERIFY(a.body.endsWith(QByteArray("--" + boundary + "--\r\n")));
    const Answer again = send("POST", QStringLiteral("/toolbox/%1/files/bulk-download").arg(m_id),
                              R"({"paths":["/home/daytona/src/main.py"]})");
    QVERIFY(MultipartParser::boundaryFrom(again.contentType) != boundary);
    a = send("POST", QStringLiteral("/toolbox/%1/files/bulk-download").arg(m_id),
             R"({"paths":[]})");
    QCOMPARE(a.status, 400);
    QCOMPARE(a.json().object().value(QLatin1String("error")).toString(),
             QStringLiteral("request body must be {\"paths\": [ ... ]} and non-empty"));
}

void TestSandboxWire::errorBodies()
{
    Answer a = send("GET", QStringLiteral("/api/sandbox/nope"));
    QCOMPARE(a.status, 404);
    QJsonObject o = a.json().object();
    QCOMPARE(o.value(QLatin1String("path")).toString(), QStringLiteral("/api/sandbox/nope"));
    QCOMPARE(o.value(QLatin1String("statusCode")).toInt(), 404);
    QCOMPARE(o.value(QLatin1String("error")).toString(), QStringLiteral("Not Found"));
    QCOMPARE(o.value(QLatin1String("message")).toString(),
             QStringLiteral("Sandbox with ID or name nope not found"));
    QVERIFY(o.contains(QLatin1String("timestamp")));

    a = send("POST", QStringLiteral("/toolbox/%1/process/execute").arg(m_id),
             R"({"command":"sleep 30","timeout":1})");
    QCOMPARE(a.status, 408);
    o = a.json().object();
    QCOMPARE(o.value(QLatin1String("code")).toString(), QStringLiteral("REQUEST_TIMEOUT"));
    QCOMPARE(o.value(QLatin1String("message")).toString(),
             QStringLiteral("request timeout: command execution timeout"));
    QCOMPARE(o.value(QLatin1String("method")).toString(), QStringLiteral("POST"));

    a = send("POST", QStringLiteral("/toolbox/%1/process/code-run").arg(m_id),
             R"({"code":"1","language":"ruby"})");
    QCOMPARE(a.status, 400);
    QVERIFY(a.json()
                .object()
                .value(QLatin1String("message"))
                .toString()
                .contains(QStringLiteral("unsupported language: ruby")));

    a = send("POST", QStringLiteral("/api/sandbox/%1/autostop/0").arg(m_id));
    QCOMPARE(a.status, 201); // NestJS POST without @HttpCode
    QCOMPARE(a.json().object().value(QLatin1String("autoStopInterval")).toInt(), 0);
    QCOMPARE(send("DELETE", QStringLiteral("/api/sandbox/%1").arg(m_id)).status, 200);
    QCOMPARE(send("GET", QStringLiteral("/api/sandbox/%1").arg(m_id)).status, 404);
}

QTEST_GUILESS_MAIN(TestSandboxWire)
#include "tst_sandboxwire.moc"
