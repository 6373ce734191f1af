// The engine's small rules: where a model's path lands in the sandbox, how long output is cut
// for the model, and which tool calls need a person's approval.
#include "agent/ApprovalPolicy.h"
#include "agent/OutputCap.h"
#include "agent/SandboxPath.h"
#include "agent/ToolCatalog.h"

#include <QTest>

class TestAgentPolicies final : public QObject
{
    Q_OBJECT

private slots:
    void sandboxPaths_data();
    void sandboxPaths();
    void outputFitsUntouched();
    void outputIsCutInTheMiddleWithAMarker();
    void outputCutKeepsSurrogatePairs();
    void defaultApprovals_data();
    void defaultApprovals();
    void presetsOverridesAndThreadAllow();
    void namesRoundTrip();
};

void TestAgentPolicies::sandboxPaths_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("refused");
    const auto row = [](const char *in, const char *out, bool refused = false) {
        QTest::newRow(in) << QString::fromUtf8(in) << QString::fromUtf8(out) << refused;
    };
    row("/home/daytona/a.py", "/home/daytona/a.py");
    row("./a.py", "/home/daytona/a.py");
    row("/a.py", "/home/daytona/a.py");
    row("a.py", "/home/daytona/a.py");
    row("/tmp/x", "/home/daytona/tmp/x"); // the template's rule, surprising but documented
    row("", "/home/daytona");
    row("/", "/home/daytona");
    row(".", "/home/daytona");
    row("/home/daytona", "/home/daytona");
    row("src//pkg/./m.py", "/home/daytona/src/pkg/m.py");
    row("src/../b.py", "/home/daytona/b.py");
    row("../../etc/passwd", "", true);
    row("/home/daytona/../root", "", true);
    row("a/../../b", "", true);
    row("/home/daytonaX/a", "/home/daytona/home/daytonaX/a");
    // Regression: spaces and line breaks at the ends are part of the name, not trimmed away.
    row(" a.py", "/home/daytona/ a.py");
    row("a.py ", "/home/daytona/a.py ");
    row("a.py\n", "/home/daytona/a.py\n");
}

void TestAgentPolicies::sandboxPaths()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(bool, refused);
    const SandboxPath::Resolved resolved = SandboxPath::resolve(input);
    QCOMPARE(!resolved.ok(), refused);
    QCOMPARE(resolved.path, expected);
    if (refused)
        QVERIFY(resolved.error.contains(QLatin1String("escapes the sandbox")));
}

void TestAgentPolicies::outputFitsUntouched()
{
    const QString text = QStringLiteral("Ran 4 tests in 0.000s\n\nOK\n");
    const OutputCap::Capped capped = OutputCap::cap(text);
    QCOMPARE(capped.text, text);
    QCOMPARE(capped.omitted, 0);
}

void TestAgentPolicies::outputIsCutInTheMiddleWithAMarker()
{
    QString text;
    for (int i = 0; i < 20000; ++i)
        text += QStringLiteral("line %1\n").arg(i);
    const OutputCap::Capped capped = OutputCap::cap(text, 4096);
    QVERIFY(capped.text.size() <= 4096);
    QVERIFY(capped.omitted > 0);
    QVERIFY(capped.text.startsWith(QLatin1String("line 0\nline 1\n")));
    QVERIFY(capped.text.endsWith(QLatin1String("line 19999\n")));
    QVERIFY(capped.text.contains(
        QStringLiteral("[... %1 characters omitted ...]").arg(capped.omitted)));
    // Nothing is lost but what the marker says.
    const qsizetype markerSize
        = QStringLiteral("\n[... %1 characters omitted ...]\n").arg(capped.omitted).size();
    QCOMPARE(capped.text.size() - markerSize + capped.omitted, text.size());
    // Cut at line boundaries: the text around the marker is whole lines.
    const qsizetype marker = capped.text.indexOf(QLatin1String("\n[..."));
    QCOMPARE(capped.text.at(marker - 1), QLatin1Char('\n'));
}

void TestAgentPolicies::outputCutKeepsSurrogatePairs()
{
    QString text;
    for (int i = 0; i < 5000; ++i)
        text += QStringLiteral("😀");
    const OutputCap::Capped capped = OutputCap::cap(text, 1001);
    for (qsizetype i = 0; i < capped.text.size(); ++i) {
        if (capped.text.at(i).isHighSurrogate()) {
            QVERIFY(i + 1 < capped.text.size() && capped.text.at(i + 1).isLowSurrogate());
            ++i;
        } else
            QVERIFY(!capped.text.at(i).isLowSurrogate());
    }
}

void TestAgentPolicies::defaultApprovals_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<ApprovalPolicy::Decision>("decision");
    using D = ApprovalPolicy::Decision;
    for (const char *read :
         {"readFile", "listFiles", "getFileInfo", "checkFileExists", "getFileSize",
          "watchDirectory", "listSandboxes", "searchFiles", "findInFiles"})
        QTest::newRow(read) << QString::fromLatin1(read) << D::Auto;
    for (const char *write : {"createSandbox", "writeFile", "writeFiles", "createDirectory"})
        QTest::newRow(write) << QString::fromLatin1(write) << D::Auto;
    for (const char *ask :
         {"runCommand", "runCode", "deleteFile", "deleteSandbox", "getPreviewLink"})
        QTest::newRow(ask) << QString::fromLatin1(ask) << D::Ask;
    QTest::newRow("unknown tool fails closed") << QStringLiteral("shell") << D::Deny;
}

void TestAgentPolicies::defaultApprovals()
{
    QFETCH(QString, tool);
    QFETCH(ApprovalPolicy::Decision, decision);
    ToolCatalog catalog;
    QCOMPARE(ApprovalPolicy(catalog).decide(tool), decision);
}

void TestAgentPolicies::presetsOverridesAndThreadAllow()
{
    using D = ApprovalPolicy::Decision;
    ToolCatalog catalog;
    ApprovalPolicy policy(catalog, ApprovalPolicy::Preset::AskEverything);
    QCOMPARE(policy.decide(QStringLiteral("readFile")), D::Ask);
    policy.setPreset(ApprovalPolicy::Preset::NeverAsk);
    QCOMPARE(policy.decide(QStringLiteral("runCommand")), D::Auto);
    QCOMPARE(policy.decide(QStringLiteral("made_up")), D::Deny);

    policy.setPreset(ApprovalPolicy::Preset::Default);
    const QSet<QString> allowed{QStringLiteral("runCommand")};
    QCOMPARE(policy.decide(QStringLiteral("runCommand"), allowed), D::Auto);
    QCOMPARE(policy.decide(QStringLiteral("runCode"), allowed), D::Ask);

    policy.setToolDecision(QStringLiteral("runCommand"), D::Deny);
    QCOMPARE(policy.decide(QStringLiteral("runCommand"), allowed),
             D::Deny); // allow never lifts deny
    policy.setToolDecision(QStringLiteral("runCommand"), std::nullopt);
    QCOMPARE(policy.decide(QStringLiteral("runCommand")), D::Ask);
    policy.setToolDecision(QStringLiteral("readFile"), D::Ask);
    QCOMPARE(policy.decide(QStringLiteral("readFile")), D::Ask);
}

void TestAgentPolicies::namesRoundTrip()
{
    using D = ApprovalPolicy::Decision;
    using P = ApprovalPolicy::Preset;
    for (D d : {D::Auto, D::Ask, D::Deny})
        QCOMPARE(ApprovalPolicy::decisionFromString(ApprovalPolicy::toString(d)), d);
    for (P p : {P::Default, P::AskEverything, P::NeverAsk})
        QCOMPARE(ApprovalPolicy::presetFromString(ApprovalPolicy::toString(p)), p);
    QCOMPARE(ApprovalPolicy::decisionFromString(u"maybe"), std::nullopt);
}

QTEST_GUILESS_MAIN(TestAgentPolicies)
#include "tst_agentpolicies.moc"
