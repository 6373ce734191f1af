// ApprovalArguments: what the approval dialog shows of a call's arguments (hidden characters
// made visible) and how it checks the person's edits against the tool's schema.
#include "agent/ToolCatalog.h"
#include "approval/ApprovalArguments.h"

#include <QJsonDocument>
#include <QTest>

class TestApprovalArguments final : public QObject
{
    Q_OBJECT

private slots:
    void plainArgumentsAreShownAsIs();
    void hiddenCharactersAreEscaped_data();
    void hiddenCharactersAreEscaped();
    void check_data();
    void check();
    void longValuesAreKeptWhole();

private:
    ToolCatalog m_tools;
};

void TestApprovalArguments::plainArgumentsAreShownAsIs()
{
    const QJsonObject args{{QStringLiteral("command"), QStringLiteral("python3 t.py && echo é")},
                           {QStringLiteral("timeoutSeconds"), 20}};
    const QString text = ApprovalArguments::toEditableText(args);
    QVERIFY2(text.contains(QStringLiteral("\"command\": \"python3 t.py && echo é\"")),
             qPrintable(text));
    QVERIFY(text.contains(QLatin1Char('\n'))); // indented, one field a line
    QVERIFY(ApprovalArguments::hiddenCharacters(args).isEmpty());
    QCOMPARE(QJsonDocument::fromJson(text.toUtf8()).object(), args);
}

void TestApprovalArguments::hiddenCharactersAreEscaped_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("escaped");
    QTest::addColumn<QString>("name");
    QTest::newRow("right-to-left override")
        << QStringLiteral("ls \u202Etxt.sh") << QStringLiteral("ls \\u202Etxt.sh")
        << QStringLiteral("U+202E");
    QTest::newRow("zero-width space")
        << QStringLiteral("rm\u200B -rf") << QStringLiteral("rm\\u200B -rf")
        << QStringLiteral("U+200B");
    QTest::newRow("tag character (outside the BMP)")
        << QString(QStringLiteral("echo hi") + QString::fromUcs4(U"\U000E0041"))
        << QStringLiteral("echo hi\\uDB40\\uDC41") << QStringLiteral("U+E0041");
    QTest::newRow("DEL") << QString(QStringLiteral("a") + QChar(0x7F) + QStringLiteral("b"))
                         << QStringLiteral("a\\u007Fb") << QStringLiteral("U+007F");
    QTest::newRow("line separator")
        << QString(QStringLiteral("a") + QChar(0x2028) + QStringLiteral("b"))
        << QStringLiteral("a\\u2028b") << QStringLiteral("U+2028");
}

void TestApprovalArguments::hiddenCharactersAreEscaped()
{
    QFETCH(QString, value);
    QFETCH(QString, escaped);
    QFETCH(QString, name);
    const QJsonObject args{{QStringLiteral("command"), value}};
    const QString text = ApprovalArguments::toEditableText(args);
    QVERIFY2(text.contains(escaped), qPrintable(text));
    QVERIFY(!text.contains(value));
    QCOMPARE(ApprovalArguments::hiddenCharacters(args), QStringList{name});
    // The escapes mean the same characters: approving the text as shown runs the original.
    const auto checked = ApprovalArguments::check(text, nullptr);
    QVERIFY(checked.ok);
    QCOMPARE(checked.arguments, args);
}

void TestApprovalArguments::check_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("problem");
    QTest::newRow("valid") << QStringLiteral("{\"sandboxId\": \"s1\", \"command\": \"ls\"}") << true
                           << QString();
    QTest::newRow("null optional fields") << QStringLiteral(
        "{\"sandboxId\": \"s1\", \"command\": \"ls\", \"envs\": null, \"workingDirectory\": null}")
                                          << true << QString();
    QTest::newRow("truncated") << QStringLiteral("{\n  \"sandboxId\": \"s1\",\n  \"command\": ")
                               << false << QStringLiteral("Not valid JSON at line 3");
    QTest::newRow("array") << QStringLiteral("[1, 2]") << false
                           << QStringLiteral("must be one JSON object");
    QTest::newRow("missing field") << QStringLiteral("{\"sandboxId\": \"s1\"}") << false
                                   << QStringLiteral("command: required field is missing");
    QTest::newRow("wrong type") << QStringLiteral(
        "{\"sandboxId\": \"s1\", \"command\": \"ls\", \"timeoutSeconds\": \"soon\"}")
                                << false << QStringLiteral("timeoutSeconds");
}

void TestApprovalArguments::check()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, problem);
    const auto checked = ApprovalArguments::check(text, m_tools.find(QStringLiteral("runCommand")));
    QCOMPARE(checked.ok, ok);
    if (ok) {
        QVERIFY(checked.problem.isEmpty());
        QCOMPARE(checked.arguments.value(QLatin1String("command")).toString(),
                 QStringLiteral("ls"));
    } else {
        QVERIFY2(checked.problem.contains(problem), qPrintable(checked.problem));
        QVERIFY(checked.arguments.isEmpty());
    }
}

void TestApprovalArguments::longValuesAreKeptWhole()
{
    // A file of 200 000 characters: every byte is in the text the person reads.
    QString data;
    for (int i = 0; i < 20000; ++i)
        data += QStringLiteral("line %1\n").arg(i, 3, 10, QLatin1Char('0')).left(10);
    const QJsonObject args{{QStringLiteral("sandboxId"), QStringLiteral("s1")},
                           {QStringLiteral("path"), QStringLiteral("big.txt")},
                           {QStringLiteral("content"), data}};
    const QString text = ApprovalArguments::toEditableText(args);
    QVERIFY(text.size() > data.size());
    const auto checked = ApprovalArguments::check(text, m_tools.find(QStringLiteral("writeFile")));
    QVERIFY2(checked.ok, qPrintable(checked.problem));
    QCOMPARE(checked.arguments.value(QLatin1String("content")).toString(), data);
}

QTEST_GUILESS_MAIN(TestApprovalArguments)
#include "tst_approvalarguments.moc"
