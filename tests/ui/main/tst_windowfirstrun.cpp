// The first impression (issue 18): a new thread shows what the agent can do, three example
// prompts and a checklist of what is missing. An example sent from the keyboard starts a run
// (the fake model answers), the checklist tells a missing key (its button opens the key
// setup), bubblewrap's real diagnosis and a simulated AppArmor restriction, and Daytona's state.
#include "WindowTestSupport.h"
#include "chat/EmptyThreadView.h"
#include "chat/ModelPicker.h"
#include "localsandbox/SandboxHostCheck.h"
#include "secrets/KeyResolver.h"
#include "settings/FirstRunWizard.h"
#include "threads/ThreadSidebar.h"

#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QStackedWidget>

class TestWindowFirstRun final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void emptyThreadShowsCapabilitiesAndChecklist();
    void examplePromptStartsRunFromKeyboard();
    void missingKeyOpensKeySetup();
    void apparmorRestrictionIsDiagnosed();

private:
    std::unique_ptr<WindowFixture> m_f;
};

void TestWindowFirstRun::init()
{
    m_f = std::make_unique<WindowFixture>();
    QVERIFY(m_f->open(QStringLiteral("never-ask")));
}

void TestWindowFirstRun::cleanup()
{
    m_f.reset();
}

void TestWindowFirstRun::emptyThreadShowsCapabilitiesAndChecklist()
{
    EmptyThreadView *empty = m_f->window->chat()->emptyState();
    QVERIFY(empty->isVisible());
    QVERIFY(!m_f->window->chat()->conversationView()->isVisible());
    QCOMPARE(empty->exampleButtons().size(), 3);
    for (QPushButton *button : empty->exampleButtons()) {
        QVERIFY(button->isVisible() && button->isEnabled());
        QVERIFY(!button->accessibleName().isEmpty());
    }
    // The fixture's OpenAI key comes from the environment; bubblewrap works on this machine
    // (the real probe); Daytona is not configured.
    QTRY_VERIFY(empty->keyLabel()->text().contains(QLatin1String("OPENAI_API_KEY")));
    QVERIFY(!empty->keySetupButton()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(
        empty->sandboxLabel()->text().contains(QLatin1String("bubblewrap works here")), 20000);
    QVERIFY(empty->daytonaLabel()->text().contains(QLatin1String("not configured")));
    QVERIFY(empty->daytonaSetupButton()->isVisible());
    qInfo().noquote() << "tried: a new thread, result:\n " << empty->keyLabel()->text() << "\n "
                      << empty->sandboxLabel()->text() << "\n " << empty->daytonaLabel()->text();
}

void TestWindowFirstRun::examplePromptStartsRunFromKeyboard()
{
    ScriptedModel script(m_f->server, Wire::OpenAi, {});
    EmptyThreadView *empty = m_f->window->chat()->emptyState();
    const QString prompt = EmptyThreadView::examplePrompts().at(0);
    m_f->window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_f->window.get()));
    QTest::keyClick(m_f->window.get(), Qt::Key_1, Qt::AltModifier);
    // The thread is created, the prompt is the first message, the model answers, and the
    // conversation replaces the empty state.
    QTRY_VERIFY(m_f->window->sidebar()->currentThreadId() != 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_f->allText().contains(QLatin1String("Done.")), 30000);
    QVERIFY(m_f->allText().startsWith(prompt));
    QVERIFY(m_f->server.requests().first().body.contains(prompt.toUtf8()));
    QVERIFY(!empty->isVisible());
    QVERIFY(m_f->window->chat()->conversationView()->isVisible());
    // A screen reader hears who speaks in each row.
    const QModelIndex first = m_f->conversation()->index(0, 0);
    QCOMPARE(first.data(Qt::AccessibleTextRole).toString(), QStringLiteral("You: ") + prompt);
    QVERIFY(m_f->rowsOfKind(ConversationModel::Kind::AssistantText)
                .constLast()
                .data(Qt::AccessibleTextRole)
                .toString()
                .startsWith(QLatin1String("Assistant: ")));
    qInfo().noquote() << "tried: Alt+1 on a new thread, result: the model was asked"
                      << m_f->server.requests().size() << "times; the conversation reads"
                      << m_f->allText().simplified().left(120);
    // A new thread shows the empty state again.
    m_f->window->chat()->setThread(0);
    QVERIFY(empty->isVisible());
}

void TestWindowFirstRun::missingKeyOpensKeySetup()
{
    // No key anywhere: the environment without OPENAI_API_KEY (and no keychain entry).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("OPENAI_API_KEY"));
    m_f->context->keys().setEnvironment(environment);
    // Picking the model again looks for its key again.
    auto *picker = m_f->window->chat()->findChild<ModelPicker *>();
    QVERIFY(picker);
    emit picker->modelChosen(QStringLiteral("openai/gpt-4o-mini"));
    EmptyThreadView *empty = m_f->window->chat()->emptyState();
    QTRY_VERIFY(empty->keySetupButton()->isVisible());
    QVERIFY(empty->keyLabel()->text().contains(QLatin1String("no API key for OpenAI")));
    QVERIFY(empty->keyLabel()->accessibleName().startsWith(QLatin1String("Missing")));
    empty->keySetupButton()->click();
    FirstRunWizard *wizard = nullptr;
    QTRY_VERIFY((wizard = m_f->window->findChild<FirstRunWizard *>()) != nullptr);
    QTRY_VERIFY(wizard->isVisible());
    qInfo().noquote() << "tried: no key, result:" << empty->keyLabel()->accessibleName()
                      << "; Set Up a Key opened" << wizard->windowTitle();
    wizard->close();
}

void TestWindowFirstRun::apparmorRestrictionIsDiagnosed()
{
    // An Ubuntu 24.04 host, simulated: the restriction's sysctl is 1 and bwrap fails as it
    // does there.
    QTemporaryDir dir;
    SandboxHostPaths paths;
    paths.procRoot = dir.filePath(QStringLiteral("proc"));
    paths.bwrap = dir.filePath(QStringLiteral("bwrap"));
    paths.apparmorProfile = dir.filePath(QStringLiteral("apparmor.d/agent-studio"));
    QVERIFY(QDir().mkpath(paths.procRoot + QStringLiteral("/sys/kernel")));
    QFile restrict(paths.procRoot
                   + QStringLiteral("/sys/kernel/apparmor_restrict_unprivileged_userns"));
    QVERIFY(restrict.open(QIODevice::WriteOnly));
    restrict.write("1\n");
    restrict.close();
    QFile bwrap(paths.bwrap);
    QVERIFY(bwrap.open(QIODevice::WriteOnly));
    bwrap.write("#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n");
    bwrap.close();
    QVERIFY(bwrap.setPermissions(QFile::ReadOwner | QFile::ExeOwner));
    SandboxHostCheck check(paths);
    m_f->window->chat()->setSandboxHostCheck(&check);
    EmptyThreadView *empty = m_f->window->chat()->emptyState();
    QTRY_VERIFY_WITH_TIMEOUT(empty->sandboxLabel()->text().contains(QLatin1String("AppArmor")),
                             10000);
    QVERIFY(empty->sandboxLabel()->text().contains(
        QLatin1String("kernel.apparmor_restrict_unprivileged_userns")));
    QVERIFY(empty->sandboxLabel()->accessibleName().startsWith(QLatin1String("Missing")));
    qInfo().noquote() << "tried: a simulated AppArmor restriction, result:"
                      << empty->sandboxLabel()->accessibleName();
    m_f->window->chat()->setSandboxHostCheck(nullptr);
}

QTEST_MAIN(TestWindowFirstRun)
#include "tst_windowfirstrun.moc"
