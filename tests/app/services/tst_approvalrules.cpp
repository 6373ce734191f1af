// The approval rules' owner (issue 16) over a real data folder (AppContext, real SQLite file):
// rules are added, edited, disabled and deleted with one signal each and survive a restart
// (the store reopened); a thread's mode is stored per thread and falls back to the default,
// which the old approval-policy setting still gives; hit counts and last-matched times go up;
// a rule another connection adds (the CLI beside the window) is announced; bad rules are
// refused with a message that says what to fix.
#include "root/AppContext.h"
#include "services/ApprovalRules.h"
#include "services/ThreadService.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestApprovalRules final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void rulesPersistAcrossARestart();
    void editDisableDeleteAreAnnouncedOnce();
    void badRulesAreRefused_data();
    void badRulesAreRefused();
    void modesPerThreadWithADefault();
    void oldApprovalPolicySettingGivesTheDefaultMode();
    void hitsAreCounted();
    void anotherConnectionsRuleIsAnnounced();
    void deletingTheThreadDeletesItsRulesAndMode();

private:
    void reopen();
    ApprovalRules &rules() { return m_context->approvalRules(); }
    RowId addThread();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AppContext> m_context;
};

void TestApprovalRules::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    reopen();
}

void TestApprovalRules::cleanup()
{
    m_context.reset();
    m_dir.reset();
}

void TestApprovalRules::reopen()
{
    m_context.reset();
    m_context = std::make_unique<AppContext>(StudioPaths::underRoot(m_dir->path()));
    QString error;
    QVERIFY2(m_context->open(&error), qPrintable(error));
}

RowId TestApprovalRules::addThread()
{
    const auto thread
        = m_context->threads().create(QStringLiteral("t"), QStringLiteral("openai/x"));
    return thread ? thread->id : 0;
}

void TestApprovalRules::rulesPersistAcrossARestart()
{
    const RowId thread = addThread();
    ApprovalRule glob;
    glob.action = ApprovalRule::Action::Allow;
    glob.tool = QStringLiteral("runCommand");
    glob.match = ApprovalRule::Match::Glob;
    glob.pattern = QStringLiteral("python3 -m pytest *");
    glob.threadId = thread;
    glob.note = QStringLiteral("tests are fine");
    ApprovalRule deny;
    deny.action = ApprovalRule::Action::Deny;
    deny.tool = QStringLiteral("deleteFile");
    deny.match = ApprovalRule::Match::Glob;
    deny.pattern = QStringLiteral(".git/**");
    deny.sandboxId = QStringLiteral("sb-1");
    QVERIFY(rules().add(glob));
    QVERIFY(rules().add(deny));
    QVERIFY(rules().setMode(thread, ApprovalMode::AutoEdit));

    reopen();
    const QList<ApprovalRule> all = rules().rules().value();
    QStringList described;
    for (const ApprovalRule &r : all)
        described << r.describe();
    qInfo().noquote() << "tried: two rules and a mode, then a restart; result:" << described
                      << "mode" << ApprovalModes::toString(rules().mode(thread));
    QCOMPARE(all.size(), 2);
    // Everywhere-rules first.
    QCOMPARE(all.at(0).action, ApprovalRule::Action::Deny);
    QCOMPARE(all.at(0).sandboxId, QStringLiteral("sb-1"));
    QVERIFY(all.at(0).everywhere());
    QCOMPARE(all.at(1).pattern, QStringLiteral("python3 -m pytest *"));
    QCOMPARE(all.at(1).match, ApprovalRule::Match::Glob);
    QCOMPARE(all.at(1).threadId, thread);
    QCOMPARE(all.at(1).note, QStringLiteral("tests are fine"));
    QVERIFY(all.at(1).createdAt.isValid());
    QCOMPARE(rules().mode(thread), ApprovalMode::AutoEdit);
    // rulesFor: the thread's own and the everywhere ones, enabled only.
    QCOMPARE(rules().rulesFor(thread)->size(), 2);
    QCOMPARE(rules().rulesFor(thread + 1)->size(), 1);
}

void TestApprovalRules::editDisableDeleteAreAnnouncedOnce()
{
    QSignalSpy added(&rules(), &ApprovalRules::ruleAdded);
    QSignalSpy changed(&rules(), &ApprovalRules::ruleChanged);
    QSignalSpy removed(&rules(), &ApprovalRules::ruleRemoved);
    ApprovalRule r;
    r.action = ApprovalRule::Action::Ask;
    r.tool = QStringLiteral("runCommand");
    r.match = ApprovalRule::Match::Prefix;
    r.pattern = QStringLiteral("git push");
    const ApprovalRule stored = rules().add(r).value();
    QCOMPARE(added.size(), 1);
    ApprovalRule edited = stored;
    edited.action = ApprovalRule::Action::Deny;
    edited.pattern = QStringLiteral("git push --force");
    QCOMPARE(rules().update(edited)->pattern, QStringLiteral("git push --force"));
    QVERIFY(rules().setEnabled(stored.id, false));
    QCOMPARE(changed.size(), 2);
    QVERIFY(!rules().rule(stored.id)->enabled);
    QCOMPARE(rules().rule(stored.id)->action, ApprovalRule::Action::Deny);
    QVERIFY(rules().rulesFor(addThread())->isEmpty()); // disabled: not applied
    QVERIFY(rules().remove(stored.id));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().first().value<RowId>(), stored.id);
    const StoreStatus again = rules().remove(stored.id);
    qInfo().noquote() << "tried: add, edit, disable, delete, delete again; result:"
                      << again.error();
    QVERIFY(!again);
    QCOMPARE(removed.size(), 1);
}

void TestApprovalRules::badRulesAreRefused_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QString>("match");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("says");
    QTest::newRow("no tool") << QString() << QStringLiteral("any") << QString()
                             << QStringLiteral("needs a tool");
    QTest::newRow("glob without pattern")
        << QStringLiteral("runCommand") << QStringLiteral("glob") << QStringLiteral("  ")
        << QStringLiteral("needs a pattern");
    QTest::newRow("pattern on a tool without one")
        << QStringLiteral("deleteSandbox") << QStringLiteral("exact") << QStringLiteral("x")
        << QStringLiteral("cannot be narrowed");
    QTest::newRow("any with a pattern") << QStringLiteral("runCommand") << QStringLiteral("any")
                                        << QStringLiteral("ls") << QStringLiteral("no pattern");
}

void TestApprovalRules::badRulesAreRefused()
{
    QFETCH(QString, tool);
    QFETCH(QString, match);
    QFETCH(QString, pattern);
    QFETCH(QString, says);
    QSignalSpy added(&rules(), &ApprovalRules::ruleAdded);
    ApprovalRule r;
    r.tool = tool;
    r.match = *ApprovalRule::matchFromString(match);
    r.pattern = pattern;
    const auto result = rules().add(r);
    qInfo().noquote() << "tried:" << tool << match << pattern << "result:" << result.error();
    QVERIFY(!result);
    QVERIFY2(result.error().contains(says), qPrintable(result.error()));
    QCOMPARE(added.size(), 0);
    ApprovalRule forThread;
    forThread.tool = QStringLiteral("readFile");
    forThread.threadId = 424242;
    const auto noThread = rules().add(forThread);
    QVERIFY(!noThread);
    QVERIFY(noThread.error().contains(QLatin1String("There is no thread 424242")));
}

void TestApprovalRules::modesPerThreadWithADefault()
{
    const RowId a = addThread();
    const RowId b = addThread();
    QSignalSpy changed(&rules(), &ApprovalRules::modeChanged);
    QCOMPARE(rules().mode(a), ApprovalMode::Ask); // the default's default
    QVERIFY(!rules().hasOwnMode(a));
    QVERIFY(rules().setMode(a, ApprovalMode::Plan));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).value<RowId>(), a);
    QCOMPARE(changed.first().at(1).value<ApprovalMode>(), ApprovalMode::Plan);
    QVERIFY(rules().setMode(a, ApprovalMode::Plan)); // no change, no signal
    QCOMPARE(changed.size(), 1);
    rules().setDefaultMode(ApprovalMode::Full);
    QCOMPARE(rules().mode(a), ApprovalMode::Plan);
    QCOMPARE(rules().mode(b), ApprovalMode::Full);
    QVERIFY(!rules().setMode(999999, ApprovalMode::Full));
    qInfo() << "tried: plan for one thread, default full; result:"
            << ApprovalModes::toString(rules().mode(a)) << ApprovalModes::toString(rules().mode(b));
}

void TestApprovalRules::oldApprovalPolicySettingGivesTheDefaultMode()
{
    // The old setting, "never-ask", means Full until a default mode is chosen.
    m_context->settings().setApprovalPolicy(QStringLiteral("never-ask"));
    m_context->applySettings();
    const RowId thread = addThread();
    QCOMPARE(rules().mode(thread), ApprovalMode::Full);
    m_context->settings().setDefaultApprovalMode(QStringLiteral("auto-edit"));
    m_context->applySettings();
    QCOMPARE(rules().mode(thread), ApprovalMode::AutoEdit);
    m_context->settings().setDefaultApprovalMode(QString());
    m_context->settings().setApprovalPolicy(QStringLiteral("default"));
    m_context->applySettings();
    qInfo() << "tried: approvalPolicy never-ask, then defaultApprovalMode auto-edit, then "
               "default; result:"
            << ApprovalModes::toString(rules().mode(thread));
    QCOMPARE(rules().mode(thread), ApprovalMode::Ask);
}

void TestApprovalRules::hitsAreCounted()
{
    ApprovalRule r;
    r.action = ApprovalRule::Action::Allow;
    r.tool = QStringLiteral("readFile");
    const ApprovalRule stored = rules().add(r).value();
    QVERIFY(!stored.lastMatchedAt.isValid());
    QSignalSpy changed(&rules(), &ApprovalRules::ruleChanged);
    rules().recordMatches({stored.id});
    rules().recordMatches({stored.id});
    reopen();
    const ApprovalRule now = rules().rule(stored.id).value();
    qInfo() << "tried: two matches and a restart; result: hits" << now.hitCount << "last"
            << now.lastMatchedAt;
    QCOMPARE(now.hitCount, 2);
    QVERIFY(now.lastMatchedAt.isValid());
}

void TestApprovalRules::anotherConnectionsRuleIsAnnounced()
{
    QVERIFY(rules().rules()); // someone lists them: watching starts
    rules().setPollInterval(0); // checked by hand below
    QSignalSpy added(&rules(), &ApprovalRules::ruleAdded);
    QSignalSpy modes(&rules(), &ApprovalRules::modeChanged);
    const RowId thread = addThread();
    {
        Store other;
        QVERIFY(other.open(m_context->store().path()));
        ApprovalRule r;
        r.action = ApprovalRule::Action::Deny;
        r.tool = QStringLiteral("runCommand");
        r.match = ApprovalRule::Match::Glob;
        r.pattern = QStringLiteral("rm *");
        QVERIFY(other.addApprovalRule(r));
        QVERIFY(other.setThreadApprovalMode(thread, QStringLiteral("plan")));
    }
    rules().checkForOutsideChanges();
    qInfo() << "tried: another connection adds a rule and sets a mode; result:" << added.size()
            << "added," << modes.size() << "mode changes";
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first().first().value<ApprovalRule>().pattern, QStringLiteral("rm *"));
    QCOMPARE(modes.size(), 1);
    QCOMPARE(rules().mode(thread), ApprovalMode::Plan);
    rules().checkForOutsideChanges(); // nothing new: nothing announced
    QCOMPARE(added.size(), 1);
}

void TestApprovalRules::deletingTheThreadDeletesItsRulesAndMode()
{
    const RowId thread = addThread();
    ApprovalRule r;
    r.action = ApprovalRule::Action::Allow;
    r.tool = QStringLiteral("writeFile");
    r.threadId = thread;
    QVERIFY(rules().add(r));
    QVERIFY(rules().setMode(thread, ApprovalMode::Full));
    QVERIFY(m_context->threads().remove(thread));
    QVERIFY(rules().rules()->isEmpty());
    QVERIFY(!rules().hasOwnMode(thread));
}

QTEST_GUILESS_MAIN(TestApprovalRules)
#include "tst_approvalrules.moc"
