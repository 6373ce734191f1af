// Unit tests of the error classes and messages a user sees for each kind of failed answer, and
// of the DAYTONA_* configuration rules.
#include "sandbox/DaytonaConfig.h"
#include "sandbox/SandboxError.h"
#include "sandbox/SandboxTypes.h"

#include <QTest>

class TestSandboxError final : public QObject
{
    Q_OBJECT
private slots:
    void mapsStatus_data();
    void mapsStatus();
    void htmlMeansWrongBaseUrl();
    void toolbox404ForAMissingSandboxSaysSo();
    void readsConfigLikeTheSdks();
    void readsBothListShapes();
};

void TestSandboxError::mapsStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("needle");
    using K = SandboxError::Kind;
    QTest::newRow("401") << 401 << int(K::BadKey) << QStringLiteral("DAYTONA_API_KEY");
    QTest::newRow("403") << 403 << int(K::BadKey) << QStringLiteral("permissions");
    QTest::newRow("404") << 404 << int(K::NotFound)
                         << QStringLiteral("This sandbox no longer exists");
    QTest::newRow("408") << 408 << int(K::CommandTimedOut) << QStringLiteral("timeout");
    QTest::newRow("409") << 409 << int(K::Conflict) << QStringLiteral("already exists");
    QTest::newRow("429") << 429 << int(K::RateLimited) << QStringLiteral("7 s");
    QTest::newRow("503") << 503 << int(K::ServerError) << QStringLiteral("internal error");
    QTest::newRow("400") << 400 << int(K::BadRequest) << QStringLiteral("already exists");
}

void TestSandboxError::mapsStatus()
{
    QFETCH(int, status);
    QFETCH(int, kind);
    QFETCH(QString, needle);
    const QByteArray body
        = R"({"path":"/api/sandbox","timestamp":"2026-06-01T10:00:00.000Z","statusCode":)"
        + QByteArray::number(status)
        + R"(,"error":"X","message":"Sandbox with name x already exists"})";
    const SandboxError e
        = SandboxError::fromHttp(status, body, "application/json", SandboxError::Subject::Sandbox,
                                 QStringLiteral("https://app.daytona.io/api"), 7);
    QCOMPARE(int(e.kind), kind);
    QCOMPARE(e.httpStatus, status);
    QVERIFY2(e.message.contains(needle, Qt::CaseInsensitive), qPrintable(e.message));
}

void TestSandboxError::toolbox404ForAMissingSandboxSaysSo()
{
    // A toolbox call (file subject) answered 404 because the sandbox is gone (Daytona's and the
    // local server's wording): the sandbox no longer exists, not "no such file".
    for (const char *body :
         {R"({"statusCode":404,"message":"Sandbox with ID or name abc not found"})",
          R"({"statusCode":404,"message":"not found: sandbox abc not found"})"}) {
        const SandboxError e = SandboxError::fromHttp(404, body, "application/json",
                                                      SandboxError::Subject::File, QString(), -1);
        QVERIFY2(e.message.contains(QLatin1String("no longer exists")), qPrintable(e.message));
    }
    const SandboxError file = SandboxError::fromHttp(
        404, R"({"statusCode":404,"message":"not found: /home/daytona/x.py"})", "application/json",
        SandboxError::Subject::File, QString(), -1);
    QVERIFY2(file.message.contains(QLatin1String("No such file")), qPrintable(file.message));
}

void TestSandboxError::htmlMeansWrongBaseUrl()
{
    const SandboxError e = SandboxError::fromHttp(
        404, "<!DOCTYPE html><html><body>Dashboard</body></html>", "",
        SandboxError::Subject::Sandbox, QStringLiteral("https://app.daytona.io"));
    QCOMPARE(e.kind, SandboxError::Kind::WrongBaseUrl);
    QVERIFY(e.message.contains(QStringLiteral("DAYTONA_API_URL")));
    QVERIFY(e.message.contains(QStringLiteral("https://app.daytona.io")));
}

void TestSandboxError::readsConfigLikeTheSdks()
{
    QProcessEnvironment env;
    QVERIFY(!DaytonaConfig::fromEnvironment(env).problem().isEmpty());
    QCOMPARE(DaytonaConfig::fromEnvironment(env).apiUrl.toString(),
             QStringLiteral("https://app.daytona.io/api"));
    env.insert(QStringLiteral("DAYTONA_API_KEY"), QStringLiteral("dtn_x"));
    env.insert(QStringLiteral("DAYTONA_SERVER_URL"), QStringLiteral("https://old.example/api/"));
    env.insert(QStringLiteral("DAYTONA_TARGET"), QStringLiteral("eu"));
    DaytonaConfig c = DaytonaConfig::fromEnvironment(env);
    QVERIFY(c.problem().isEmpty());
    QCOMPARE(c.apiUrl.toString(), QStringLiteral("https://old.example/api"));
    // Plain http to another machine would carry the key in clear text.
    env.insert(QStringLiteral("DAYTONA_SERVER_URL"), QStringLiteral("http://old.example/api/"));
    QVERIFY(DaytonaConfig::fromEnvironment(env).problem().contains(QLatin1String("https://")));
    QCOMPARE(c.target, QStringLiteral("eu"));
    env.insert(QStringLiteral("DAYTONA_API_URL"), QStringLiteral("http://127.0.0.1:9/api"));
    c = DaytonaConfig::fromEnvironment(env);
    QCOMPARE(c.apiUrl.toString(), QStringLiteral("http://127.0.0.1:9/api"));
    QVERIFY(!DaytonaConfig::fromValues(QStringLiteral("k"), QStringLiteral("ftp://x"), QString())
                 .problem()
                 .isEmpty());
    QCOMPARE(c.bearer(), QStringLiteral("dtn_x"));

    // A JWT instead of a key needs the organization too.
    QProcessEnvironment jwt;
    jwt.insert(QStringLiteral("DAYTONA_JWT_TOKEN"), QStringLiteral("eyJ"));
    QVERIFY(DaytonaConfig::fromEnvironment(jwt).problem().contains(
        QStringLiteral("DAYTONA_ORGANIZATION_ID")));
    jwt.insert(QStringLiteral("DAYTONA_ORGANIZATION_ID"), QStringLiteral("org-1"));
    const DaytonaConfig j = DaytonaConfig::fromEnvironment(jwt);
    QVERIFY(j.problem().isEmpty());
    QCOMPARE(j.bearer(), QStringLiteral("eyJ"));
    QCOMPARE(j.organizationId, QStringLiteral("org-1"));
}

void TestSandboxError::readsBothListShapes()
{
    const SandboxPage current
        = SandboxPage::fromJson(R"({"items":[{"id":"a","state":"started"}],"nextCursor":"c2"})");
    QVERIFY(current.valid);
    QCOMPARE(current.items.size(), 1);
    QCOMPARE(current.nextCursor, QStringLiteral("c2"));
    const SandboxPage last = SandboxPage::fromJson(R"({"items":[],"nextCursor":null})");
    QVERIFY(last.valid);
    QVERIFY(last.nextCursor.isEmpty());
    const SandboxPage old = SandboxPage::fromJson(R"([{"id":"a"},{"id":"b"}])");
    QVERIFY(old.valid);
    QCOMPARE(old.items.size(), 2);
    QVERIFY(!SandboxPage::fromJson("<html></html>").valid);
}

QTEST_GUILESS_MAIN(TestSandboxError)
#include "tst_sandboxerror.moc"
