// Unit tests of the pure multipart builder/parser: the SDK's bulk-upload shape, the daemon's
// bulk-download shape (error parts, filename*), and damaged bodies.
#include "sandbox/Multipart.h"

#include <QTest>

class TestMultipart final : public QObject
{
    Q_OBJECT
private slots:
    void roundTripsUploadParts();
    void parsesDaemonBulkDownload();
    void keepsCompletePartsOfTruncatedBody();
    void rejectsBodyWithoutBoundary();
    void acceptsPartWithoutHeaders();
    void readsBoundaryFromContentType_data();
    void readsBoundaryFromContentType();
};

void TestMultipart::roundTripsUploadParts()
{
    MultipartBuilder builder;
    const QByteArray binary("\x00\x01\r\n--not-a-boundary\r\n\xff", 24);
    builder.addField(QStringLiteral("files[0].path"), "/home/daytona/a b+c.py");
    builder.addFile(QStringLiteral("files[0].file"), QStringLiteral("/home/daytona/a b+c.py"),
                    binary);
    QVERIFY(builder.contentType().startsWith("multipart/form-data; boundary="));
    QList<MultipartPart> parts;
    QString error;
    QVERIFY2(MultipartParser::parse(builder.finish(),
                                    MultipartParser::boundaryFrom(builder.contentType()), &parts,
                                    &error),
             qPrintable(error));
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts[0].name, QStringLiteral("files[0].path"));
    QCOMPARE(parts[0].body, QByteArray("/home/daytona/a b+c.py"));
    QCOMPARE(parts[1].name, QStringLiteral("files[0].file"));
    QCOMPARE(parts[1].filename, QStringLiteral("/home/daytona/a b+c.py"));
    QCOMPARE(parts[1].contentType, QByteArray("application/octet-stream"));
    QCOMPARE(parts[1].body, binary);
}

void TestMultipart::parsesDaemonBulkDownload()
{
    // Verbatim shape from contract.md §4 (bulk download response).
    const QByteArray body
        = "--DAYTONA-FILE-BOUNDARY\r\n"
          "Content-Disposition: form-data; name=\"file\"; filename=\"/home/daytona/a.txt\"; "
          "filename*=utf-8''%2Fhome%2Fdaytona%2Fa.txt\r\n"
          "Content-Length: 6\r\n"
          "Content-Type: text/plain; charset=utf-8\r\n\r\n"
          "hello\n\r\n"
          "--DAYTONA-FILE-BOUNDARY\r\n"
          "Content-Disposition: form-data; name=\"error\"; filename=\"/nope\"; "
          "filename*=utf-8''%2Fnope\r\n"
          "Content-Type: application/json; charset=utf-8\r\n\r\n"
          "{\"statusCode\":404,\"message\":\"file not found: "
          "/nope\",\"code\":\"FILE_NOT_FOUND\"}\r\n"
          "--DAYTONA-FILE-BOUNDARY--\r\n";
    QList<MultipartPart> parts;
    QString error;
    QVERIFY(MultipartParser::parse(body, "DAYTONA-FILE-BOUNDARY", &parts, &error));
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts[0].filename, QStringLiteral("/home/daytona/a.txt"));
    QCOMPARE(parts[0].body, QByteArray("hello\n"));
    QCOMPARE(parts[1].name, QStringLiteral("error"));
    QCOMPARE(parts[1].filename, QStringLiteral("/nope"));
    QVERIFY(parts[1].body.contains("FILE_NOT_FOUND"));
}

void TestMultipart::keepsCompletePartsOfTruncatedBody()
{
    MultipartBuilder builder("B");
    builder.addDownloadPart(QStringLiteral("file"),
                            QStringLiteral("/home/daytona/\u00e9t\u00e9.txt"), "one", "text/plain");
    builder.addDownloadPart(QStringLiteral("file"), QStringLiteral("/b"), "two", "text/plain");
    QByteArray body = builder.finish();
    body.chop(12); // cut inside the second part's epilogue
    QList<MultipartPart> parts;
    QString error;
    QVERIFY(!MultipartParser::parse(body, "B", &parts, &error));
    QVERIFY(error.contains(QStringLiteral("truncated")));
    QCOMPARE(parts.size(), 1);
    QCOMPARE(parts[0].filename, QStringLiteral("/home/daytona/\u00e9t\u00e9.txt"));
    QCOMPARE(parts[0].body, QByteArray("one"));
}

void TestMultipart::rejectsBodyWithoutBoundary()
{
    QList<MultipartPart> parts;
    QString error;
    QVERIFY(!MultipartParser::parse("<html>oops</html>", "XYZ", &parts, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!MultipartParser::parse("whatever", QByteArray(), &parts, &error));
    QVERIFY(parts.isEmpty());
}

void TestMultipart::acceptsPartWithoutHeaders()
{
    QList<MultipartPart> parts;
    QString error;
    QVERIFY2(
        MultipartParser::parse(
            "--X\r\n\r\nraw\r\n--X\r\nContent-Disposition: form-data; name=a\r\n\r\nb\r\n--X--",
            "X", &parts, &error),
        qPrintable(error));
    QCOMPARE(parts.size(), 2);
    QVERIFY(parts[0].name.isEmpty());
    QCOMPARE(parts[0].body, QByteArray("raw"));
    QCOMPARE(parts[1].name, QStringLiteral("a"));
    QCOMPARE(parts[1].body, QByteArray("b"));
}

void TestMultipart::readsBoundaryFromContentType_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("boundary");
    QTest::newRow("plain") << QByteArray("multipart/form-data; boundary=DAYTONA-FILE-BOUNDARY")
                           << QByteArray("DAYTONA-FILE-BOUNDARY");
    QTest::newRow("quoted") << QByteArray("multipart/form-data; charset=x; Boundary=\"a b\"")
                            << QByteArray("a b");
    QTest::newRow("none") << QByteArray("application/json") << QByteArray();
}

void TestMultipart::readsBoundaryFromContentType()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, boundary);
    QCOMPARE(MultipartParser::boundaryFrom(header), boundary);
}

QTEST_GUILESS_MAIN(TestMultipart)
#include "tst_multipart.moc"
