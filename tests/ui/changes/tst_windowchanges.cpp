// Review and rewind in the real window (issue 15): the brief's scenario, then "now make it
// handle None", run by the engine against a local OpenAI-shaped server in a real local sandbox
// with real checkpoints. Then, as a user would: the card under a run opens the Changes tab on
// that run; the diff shows the run's lines, unified and side by side; the inspector's "changed
// files" link opens a file's diff; the net change exported as a patch applies with the real
// `git apply`; the rewind dialog previews and restores the files, and Undo Rewind brings them
// back. tst_windowchanges_daytona runs the same with checkpoints taken the Daytona way (the find
// command instead of the local server's manifest route).
#include "../main/WindowTestSupport.h"

#include "changes/ChangedFilesModel.h"
#include "changes/ChangesPanel.h"
#include "changes/DiffEditor.h"
#include "changes/DiffView.h"
#include "changes/RewindDialog.h"
#include "chat/ConversationView.h"
#include "inspector/InspectorPanel.h"
#include "inspector/RunTreeModel.h"
#include "sandbox/DaytonaClient.h"
#include "sandbox/SandboxBackend.h"
#include "services/CheckpointService.h"
#include "services/RunHistory.h"
#include "services/SandboxService.h"
#include "threads/ThreadSidebar.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTreeView>

namespace {

QString handleNoneSource()
{
    return QStringLiteral("def reverse_string(s):\n    if s is None:\n        return None\n"
                          "    return s[::-1]\n");
}

QString badSource()
{
    return QStringLiteral("def reverse_string(s):\n    return s[::-2]\n");
}

// The brief, then "now make it handle None" (one writeFile, then the answer), then a bad edit.
QList<ScriptedModel::Step> twoRuns()
{
    QList<ScriptedModel::Step> steps = briefScenario();
    steps << [](const RecordedRequest &request) {
        return ScriptedStep{
            QString(),
            {{QStringLiteral("call_none"), QStringLiteral("writeFile"),
              QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                          {QStringLiteral("path"), QStringLiteral("reverse_string.py")},
                          {QStringLiteral("content"), handleNoneSource()}},
              QString()}}};
    };
    steps << [](const RecordedRequest &) {
        return ScriptedStep{QStringLiteral("reverse_string(None) now returns None."), {}};
    };
    // A deliberate bad edit (badEditIsRewoundToTheGoodState).
    steps << [](const RecordedRequest &request) {
        return ScriptedStep{
            QString(),
            {{QStringLiteral("call_bad"), QStringLiteral("writeFile"),
              QJsonObject{{QStringLiteral("sandboxId"), sandboxIdFrom(request.body)},
                          {QStringLiteral("path"), QStringLiteral("reverse_string.py")},
                          {QStringLiteral("content"), badSource()}},
              QString()}}};
    };
    steps << [](const RecordedRequest &) {
        return ScriptedStep{QStringLiteral("Made it faster."), {}};
    };
    return steps;
}

} // namespace

class TestWindowChanges final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void runCardOpensTheTabOnThatRun();
    void diffUnifiedAndSideBySide();
    void inspectorLinkOpensTheFileDiff();
    void exportedPatchApplies();
    void rewindFromTheDialogAndUndo();
    void revertOneFile();
    void rewindConversationForksTheThread();
    void settingsShowTheCapAndTheDiskUsed();
    void badEditIsRewoundToTheGoodState();
    void goneSandboxIsSaidPlainly();

private:
    void sendAndWait(const QString &text, const QString &answer);
    QString sandboxFile(const QString &path);
    ChangesPanel *panel() const { return m_f->window->changesPanel(); }
    QStringList shownFiles() const;
    void waitForChanges();

    std::unique_ptr<WindowFixture> m_f;
    std::unique_ptr<ScriptedModel> m_script;
    QString m_sandboxId;
    RowId m_thread = 0;
};

void TestWindowChanges::initTestCase()
{
    qInfo("tried: checkpoints through %s",
          qEnvironmentVariable("AGENT_STUDIO_CHECKPOINT_MANIFEST") == QLatin1String("find")
              ? "the Daytona-shaped find command"
              : "the local server's manifest route");
    m_f = std::make_unique<WindowFixture>();
    QVERIFY(m_f->open(QStringLiteral("never-ask")));
    m_script = std::make_unique<ScriptedModel>(m_f->server, Wire::OpenAi, twoRuns());
    sendAndWait(briefRequest(), QStringLiteral("All 4 tests pass"));
    sendAndWait(QStringLiteral("now make it handle None"),
                QStringLiteral("reverse_string(None) now returns None."));
    m_thread = m_f->window->sidebar()->currentThreadId();
    QVERIFY(m_thread);
    const auto runs = m_f->context->history().listRuns(m_thread);
    QVERIFY(runs && runs->size() == 2);
    const auto calls = m_f->context->history().listToolCalls(runs->first().id);
    QVERIFY(calls && !calls->isEmpty());
    m_sandboxId = QJsonDocument::fromJson(calls->first().result.toUtf8())
                      .object()
                      .value(QLatin1String("sandboxId"))
                      .toString();
    QVERIFY(!m_sandboxId.isEmpty());
}

void TestWindowChanges::cleanupTestCase()
{
    m_script.reset();
    m_f.reset();
}

void TestWindowChanges::sendAndWait(const QString &text, const QString &answer)
{
    auto *composer = m_f->find<QPlainTextEdit>(QStringLiteral("composer"));
    QVERIFY(composer);
    composer->setFocus();
    composer->setPlainText(text);
    QTest::keyClick(composer, Qt::Key_Return);
    QTRY_VERIFY(composer->toPlainText().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_f->allText().contains(answer), 120000);
    QTRY_VERIFY_WITH_TIMEOUT(m_f->find<QPushButton>(QStringLiteral("sendButton"))->isVisible(),
                             30000);
}

QString TestWindowChanges::sandboxFile(const QString &path)
{
    QString error;
    DaytonaClient *client = m_f->context->sandboxes().client(QStringLiteral("local"), &error);
    if (!client)
        return QStringLiteral("<no client: %1>").arg(error);
    const auto await = [](DaytonaCall *call) {
        DaytonaResult result;
        bool done = false;
        QObject::connect(call, &DaytonaCall::finished, call, [&](const DaytonaResult &r) {
            result = r;
            done = true;
        });
        [[maybe_unused]] const bool answered = QTest::qWaitFor([&done] { return done; }, 30000);
        return result;
    };
    const DaytonaResult sandbox = await(client->getSandbox(m_sandboxId));
    if (!sandbox.ok())
        return QStringLiteral("<no sandbox: %1>").arg(sandbox.error.message);
    const DaytonaResult file = await(client->downloadFile(
        Sandbox::fromJson(sandbox.json().object()), QStringLiteral("/home/daytona/") + path));
    if (!file.ok())
        return QStringLiteral("<cannot read: %1>").arg(file.error.message);
    return QString::fromUtf8(file.body);
}

QStringList TestWindowChanges::shownFiles() const
{
    QStringList files;
    const ChangedFilesModel *model = panel()->filesModel();
    for (int row = 0; row < model->rowCount(); ++row)
        files << model->index(row, 0).data(ChangedFilesModel::PathRole).toString();
    return files;
}

void TestWindowChanges::waitForChanges()
{
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isBusy(), 30000);
}

void TestWindowChanges::runCardOpensTheTabOnThatRun()
{
    // One card under each run that changed files.
    QList<QModelIndex> cards;
    QTRY_COMPARE_WITH_TIMEOUT((cards = m_f->rowsOfKind(ConversationModel::Kind::RunChanges)).size(),
                              2, 30000);
    const QString first = cards.at(0).data(ConversationModel::TextRole).toString();
    const QString second = cards.at(1).data(ConversationModel::TextRole).toString();
    qInfo("tried: the cards under the two runs, result: \"%s\" and \"%s\"", qPrintable(first),
          qPrintable(second));
    // Run 1 wrote two files (and running the tests may have left Python's bytecode cache).
    QVERIFY2(QRegularExpression(QStringLiteral("^[2-9] files changed, \\+\\d+ \u2212\\d+$"))
                 .match(first)
                 .hasMatch(),
             qPrintable(first));
    QVERIFY2(second.startsWith(QStringLiteral("1 file changed, +")), qPrintable(second));

    // A click on the first card: the Changes tab, on the first run.
    auto *view = qobject_cast<ConversationView *>(m_f->window->chat()->conversationView());
    QVERIFY(view);
    view->scrollTo(cards.at(0));
    const QRect rect = view->visualRect(cards.at(0));
    QVERIFY(rect.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_COMPARE(m_f->window->rightPanel()->currentWidget(), panel());
    waitForChanges();
    qInfo("tried: a click on the first card, result: range \"%s\", files %s, summary \"%s\"",
          qPrintable(panel()->rangePicker()->currentText()),
          qPrintable(shownFiles().join(QLatin1String(", "))),
          qPrintable(panel()->summaryLabel()->text()));
    QCOMPARE(panel()->rangePicker()->currentText().left(5), QStringLiteral("Run 1"));
    QVERIFY(shownFiles().contains(QStringLiteral("reverse_string.py")));
    QVERIFY(shownFiles().contains(QStringLiteral("test_reverse_string.py")));
    QVERIFY(panel()->summaryLabel()->text().contains(QStringLiteral("files changed")));
}

void TestWindowChanges::diffUnifiedAndSideBySide()
{
    // The last run: reverse_string.py, its None check added.
    m_f->find<QAction>(QStringLiteral("actionShowChanges"))->trigger();
    panel()->setThread(m_thread);
    waitForChanges();
    QCOMPARE(shownFiles(), QStringList{QStringLiteral("reverse_string.py")});
    QVERIFY(panel()->selectFile(QStringLiteral("reverse_string.py")));
    DiffView *diff = panel()->diffView();
    QTRY_VERIFY(diff->hunkCount() > 0);
    const QString unified = diff->unifiedEditor()->shownText();
    qInfo("tried: the last run's diff of reverse_string.py, result:\n%s", qPrintable(unified));
    QVERIFY(unified.contains(QStringLiteral("+    if s is None:")));
    QVERIFY(unified.contains(QStringLiteral("+        return None")));
    QVERIFY(unified.contains(QStringLiteral(" def reverse_string(s):")));

    auto *side = m_f->find<QCheckBox>(QStringLiteral("changesSideBySide"));
    QVERIFY(side);
    side->click();
    QVERIFY(diff->isSideBySide());
    QTRY_VERIFY(diff->newEditor()->isVisible());
    const QString after = diff->newEditor()->document()->toPlainText();
    const QString before = diff->oldEditor()->document()->toPlainText();
    qInfo("tried: side by side, result: %d rows a side; new side:\n%s",
          diff->newEditor()->document()->blockCount(), qPrintable(after));
    QCOMPARE(diff->oldEditor()->document()->blockCount(),
             diff->newEditor()->document()->blockCount());
    QVERIFY(after.contains(QStringLiteral("if s is None:")));
    QVERIFY(!before.contains(QStringLiteral("if s is None:")));
    side->click();
    QVERIFY(!diff->isSideBySide());
}

void TestWindowChanges::inspectorLinkOpensTheFileDiff()
{
    // The inspector's writeFile call of the second run lists the file it changed.
    const auto writes = m_f->rowsOfKind(ConversationModel::Kind::ToolCall);
    RowId writeCall = 0;
    for (const QModelIndex &card : writes) {
        if (card.data(ConversationModel::ToolNameRole).toString() == QLatin1String("writeFile"))
            writeCall = card.data(ConversationModel::ToolCallRowIdRole).toLongLong();
    }
    QVERIFY(writeCall);
    InspectorPanel *inspector = m_f->window->inspector();
    inspector->selectToolCall(writeCall);
    RunTreeModel *model = inspector->model();
    const QModelIndex call = model->indexForToolCall(writeCall);
    QVERIFY(call.isValid());
    if (model->canFetchMore(call))
        model->fetchMore(call);
    inspector->tree()->expand(call);
    QModelIndex files;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int row = 0; row < model->rowCount(call); ++row) {
                const QModelIndex child = model->index(row, 0, call);
                if (child.data().toString() == RunTreeModel::changedFilesKey())
                    files = child;
            }
            return files.isValid();
        }(),
        20000);
    qInfo("tried: the writeFile call in the inspector, result: \"%s\" = %s",
          qPrintable(files.data().toString()),
          qPrintable(files.siblingAtColumn(RunTreeModel::ValueColumn).data().toString()));
    inspector->tree()->expand(files);
    if (model->canFetchMore(files))
        model->fetchMore(files);
    QTRY_VERIFY(model->rowCount(files) == 1);
    const QModelIndex file = model->index(0, 0, files);
    // One click on the file: its diff in the Changes tab.
    panel()->setThread(m_thread); // what the tab showed before does not matter
    inspector->tree()->scrollTo(file);
    const QRect rect = inspector->tree()->visualRect(file);
    QTest::mouseClick(inspector->tree()->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_COMPARE(m_f->window->rightPanel()->currentWidget(), panel());
    waitForChanges();
    QTRY_VERIFY(panel()->fileList()->currentIndex().isValid());
    QCOMPARE(panel()->fileList()->currentIndex().data(ChangedFilesModel::PathRole).toString(),
             QStringLiteral("reverse_string.py"));
    QTRY_VERIFY(panel()->diffView()->hunkCount() > 0);
    qInfo("tried: a click on reverse_string.py under the call, result: range \"%s\", diff:\n%s",
          qPrintable(panel()->rangePicker()->currentText()),
          qPrintable(panel()->diffView()->unifiedEditor()->shownText()));
    QVERIFY(panel()->diffView()->unifiedEditor()->shownText().contains(
        QStringLiteral("+    if s is None:")));
}

void TestWindowChanges::exportedPatchApplies()
{
    if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
        QSKIP("git is not installed");
    panel()->setThread(m_thread);
    waitForChanges();
    QComboBox *range = panel()->rangePicker();
    range->setCurrentIndex(range->findText(QStringLiteral("Since the thread began")));
    emit range->activated(range->currentIndex());
    waitForChanges();
    QVERIFY(shownFiles().contains(QStringLiteral("reverse_string.py")));
    QVERIFY(shownFiles().contains(QStringLiteral("test_reverse_string.py")));
    QTemporaryDir out;
    QVERIFY(out.isValid());
    const QString patch = out.filePath(QStringLiteral("changes.patch"));
    panel()->exportPatchTo(patch);
    QTRY_VERIFY_WITH_TIMEOUT(panel()->messageLabel()->text().startsWith(QStringLiteral("Wrote")),
                             30000);
    qInfo("tried: export since the thread began, result: \"%s\"",
          qPrintable(panel()->messageLabel()->text()));
    // Applied to an empty folder, the patch makes the sandbox's files as they are now.
    const QString tree = out.filePath(QStringLiteral("tree"));
    QVERIFY(QDir().mkpath(tree));
    QProcess git;
    git.setWorkingDirectory(tree);
    git.start(QStringLiteral("git"), {QStringLiteral("apply"), patch});
    QVERIFY(git.waitForFinished(30000));
    qInfo("tried: git apply, result: exit %d %s", git.exitCode(),
          git.readAllStandardError().constData());
    QCOMPARE(git.exitCode(), 0);
    QFile applied(tree + QStringLiteral("/reverse_string.py"));
    QVERIFY(applied.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(applied.readAll()), handleNoneSource());
    QVERIFY(QFile::exists(tree + QStringLiteral("/test_reverse_string.py")));

    // The changed files as an archive: tar lists them.
    const QString archive = out.filePath(QStringLiteral("changed-files.tar"));
    panel()->exportArchiveTo(archive);
    QTRY_VERIFY_WITH_TIMEOUT(panel()->messageLabel()->text().contains(archive), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(panel()->messageLabel()->text().startsWith(QStringLiteral("Wrote")),
                             30000);
    QProcess tar;
    tar.start(QStringLiteral("tar"), {QStringLiteral("-tf"), archive});
    QVERIFY(tar.waitForFinished(30000));
    const QString listed = QString::fromUtf8(tar.readAllStandardOutput());
    qInfo("tried: export the changed files as an archive, result: \"%s\", tar lists: %s",
          qPrintable(panel()->messageLabel()->text()), qPrintable(listed.simplified()));
    QVERIFY(listed.contains(QStringLiteral("reverse_string.py")));
    QVERIFY(listed.contains(QStringLiteral("test_reverse_string.py")));
}

void TestWindowChanges::rewindFromTheDialogAndUndo()
{
    QCOMPARE(sandboxFile(QStringLiteral("reverse_string.py")), handleNoneSource());
    auto *action = m_f->find<QAction>(QStringLiteral("actionRewind"));
    QVERIFY(action && action->isEnabled());
    action->trigger();
    RewindDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_f->find<RewindDialog>(QStringLiteral("rewindDialog")))
                && dialog->isVisible());
    // By default: the files, back to before the last run.
    QCOMPARE(dialog->mode(), RewindMode::Files);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isPreviewReady(), 30000);
    QStringList preview;
    for (int row = 0; row < dialog->previewList()->count(); ++row)
        preview << dialog->previewList()->item(row)->text();
    qInfo("tried: Thread > Rewind…, result: target \"%s\", preview \"%s\" [%s]",
          qPrintable(dialog->targetPicker()->currentText()),
          qPrintable(dialog->previewSummary()->text()),
          qPrintable(preview.join(QLatin1String("; "))));
    QCOMPARE(preview.size(), 1);
    QVERIFY(preview.first().contains(QStringLiteral("reverse_string.py")));
    QVERIFY(dialog->rewindButton()->isEnabled());
    dialog->rewindButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!m_f->find<RewindDialog>(QStringLiteral("rewindDialog")), 30000);
    const QString rewound = sandboxFile(QStringLiteral("reverse_string.py"));
    qInfo("tried: Rewind, result: reverse_string.py is\n%s", qPrintable(rewound));
    QCOMPARE(rewound, reverseStringSource());

    // Undo Rewind brings the None check back.
    QPushButton *undo = panel()->undoButton();
    QTRY_VERIFY(undo->isVisible() && undo->isEnabled());
    undo->click();
    QTRY_COMPARE_WITH_TIMEOUT(sandboxFile(QStringLiteral("reverse_string.py")), handleNoneSource(),
                              30000);
    qInfo("tried: Undo Rewind, result: reverse_string.py has its None check again");
}

void TestWindowChanges::revertOneFile()
{
    // The last run, reverse_string.py selected: Revert File puts it back as before the run.
    panel()->setThread(m_thread);
    waitForChanges();
    QVERIFY(panel()->selectFile(QStringLiteral("reverse_string.py")));
    auto *revert = m_f->find<QPushButton>(QStringLiteral("changesRevertFile"));
    QVERIFY(revert);
    QTRY_VERIFY(revert->isEnabled());
    revert->click();
    QTRY_VERIFY_WITH_TIMEOUT(panel()->messageLabel()->text().startsWith(QStringLiteral("Done")),
                             30000);
    const QString reverted = sandboxFile(QStringLiteral("reverse_string.py"));
    qInfo("tried: Revert File on reverse_string.py, result: \"%s\", the file is\n%s",
          qPrintable(panel()->messageLabel()->text()), qPrintable(reverted));
    QCOMPARE(reverted, reverseStringSource());
    // A revert is a rewind too: Undo Rewind brings the run's version back.
    QTRY_VERIFY(panel()->undoButton()->isVisible());
    panel()->undoButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(sandboxFile(QStringLiteral("reverse_string.py")), handleNoneSource(),
                              30000);
}

void TestWindowChanges::rewindConversationForksTheThread()
{
    // From the second user message, conversation only: a new thread, the message back in the
    // composer, the files as they are.
    const auto messages = m_f->context->history().listMessages(m_thread);
    QVERIFY(messages);
    RowId second = 0;
    for (const MessageRecord &message : *messages) {
        if (message.role == MessageRole::User && message.text().contains(QLatin1String("None")))
            second = message.id;
    }
    QVERIFY(second);
    m_f->window->showRewind(m_thread, -1, second);
    RewindDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_f->find<RewindDialog>(QStringLiteral("rewindDialog")))
                && dialog->isVisible());
    QVERIFY(
        dialog->targetPicker()->currentText().startsWith(QStringLiteral("Before your message")));
    dialog->setMode(RewindMode::Conversation);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isPreviewReady() && dialog->rewindButton()->isEnabled(),
                             30000);
    qInfo("tried: Rewind to before \"now make it handle None\", conversation only, result: "
          "preview \"%s\"",
          qPrintable(dialog->previewSummary()->text()));
    QVERIFY(dialog->previewSummary()->text().contains(QStringLiteral("new thread")));
    dialog->rewindButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_f->window->sidebar()->currentThreadId() != m_thread, 30000);
    auto *composer = m_f->find<QPlainTextEdit>(QStringLiteral("composer"));
    qInfo("tried: Rewind, result: thread %lld selected (was %lld), composer \"%s\", "
          "reverse_string.py unchanged: %d",
          m_f->window->sidebar()->currentThreadId(), m_thread, qPrintable(composer->toPlainText()),
          sandboxFile(QStringLiteral("reverse_string.py")) == handleNoneSource());
    QCOMPARE(composer->toPlainText(), QStringLiteral("now make it handle None"));
    QVERIFY(!m_f->allText().contains(QStringLiteral("now returns None")));
    QCOMPARE(sandboxFile(QStringLiteral("reverse_string.py")), handleNoneSource());
    composer->clear();
    m_f->window->sidebar()->selectThread(m_thread);
    QTRY_COMPARE(m_f->window->sidebar()->currentThreadId(), m_thread);
}

void TestWindowChanges::settingsShowTheCapAndTheDiskUsed()
{
    m_f->window->showSettings();
    QDialog *settings = nullptr;
    QTRY_VERIFY((settings = m_f->find<QDialog>(QStringLiteral("settingsDialog")))
                && settings->isVisible());
    auto *cap = settings->findChild<QSpinBox *>(QStringLiteral("checkpointCapSpin"));
    auto *used = settings->findChild<QLabel *>(QStringLiteral("checkpointUsageLabel"));
    QVERIFY(cap && used);
    QCOMPARE(cap->value(), 1024);
    QTRY_VERIFY_WITH_TIMEOUT(used->text().contains(QStringLiteral("checkpoints")), 30000);
    qInfo("tried: Settings > Data, result: cap %d MiB, used \"%s\"", cap->value(),
          qPrintable(used->text()));
    cap->setValue(2048);
    settings->accept();
    QTRY_VERIFY(!m_f->find<QDialog>(QStringLiteral("settingsDialog")));
    QCOMPARE(m_f->context->settings().checkpointCapMiB(), 2048);
    QCOMPARE(m_f->context->checkpoints().capBytes(), qint64(2048) << 20);
}

void TestWindowChanges::badEditIsRewoundToTheGoodState()
{
    // The "Done when": after the None handling, a deliberate bad edit; the Changes tab
    // shows it, a rewind goes back to the good state, and Undo Rewind forward again.
    sendAndWait(QStringLiteral("make it faster"), QStringLiteral("Made it faster."));
    QCOMPARE(sandboxFile(QStringLiteral("reverse_string.py")), badSource());
    m_f->find<QAction>(QStringLiteral("actionShowChanges"))->trigger();
    panel()->setThread(m_thread);
    waitForChanges();
    QVERIFY(panel()->selectFile(QStringLiteral("reverse_string.py")));
    QTRY_VERIFY(panel()->diffView()->hunkCount() > 0);
    const QString diff = panel()->diffView()->unifiedEditor()->shownText();
    qInfo("tried: the bad edit in the Changes tab, result:\n%s", qPrintable(diff));
    QVERIFY(diff.contains(QStringLiteral("+    return s[::-2]")));
    QVERIFY(diff.contains(QStringLiteral("\u2212    if s is None:")));

    // The tab's Rewind: back to before the last run, the good state.
    auto *rewind = m_f->find<QPushButton>(QStringLiteral("changesRewind"));
    QVERIFY(rewind && rewind->isEnabled());
    rewind->click();
    RewindDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_f->find<RewindDialog>(QStringLiteral("rewindDialog")))
                && dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isPreviewReady() && dialog->rewindButton()->isEnabled(),
                             30000);
    qInfo("tried: Rewind from the Changes tab, result: target \"%s\", preview \"%s\"",
          qPrintable(dialog->targetPicker()->currentText()),
          qPrintable(dialog->previewSummary()->text()));
    dialog->rewindButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(sandboxFile(QStringLiteral("reverse_string.py")), handleNoneSource(),
                              30000);
    QTRY_VERIFY(panel()->undoButton()->isVisible());
    panel()->undoButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(sandboxFile(QStringLiteral("reverse_string.py")), badSource(), 30000);
    qInfo("tried: Rewind then Undo Rewind, result: the good state, then the bad edit again");
}

void TestWindowChanges::goneSandboxIsSaidPlainly()
{
    // The sandbox deleted (as from the list): its changes stay readable, a files rewind is
    // refused.
    SandboxService &sandboxes = m_f->context->sandboxService();
    QSignalSpy finished(&sandboxes, &SandboxService::operationFinished);
    sandboxes.deleteSandbox(m_sandboxId, QStringLiteral("local"));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    qInfo("tried: delete the sandbox, result: %s",
          qPrintable(finished.last().at(2).toString().isEmpty()
                         ? QStringLiteral("deleted")
                         : finished.last().at(2).toString()));
    panel()->setThread(m_thread);
    waitForChanges();
    QVERIFY(shownFiles().contains(QStringLiteral("reverse_string.py")));
    m_f->find<QAction>(QStringLiteral("actionRewind"))->trigger();
    RewindDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_f->find<RewindDialog>(QStringLiteral("rewindDialog")))
                && dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isPreviewReady(), 30000);
    auto *refusal = dialog->findChild<QLabel *>(QStringLiteral("rewindRefusal"));
    QVERIFY(refusal);
    qInfo("tried: Rewind after the sandbox was deleted, result: \"%s\", Rewind enabled: %d",
          qPrintable(refusal->text()), dialog->rewindButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(refusal->isVisible(), 30000);
    QVERIFY(refusal->text().contains(QStringLiteral("deleted")));
    QVERIFY(!dialog->rewindButton()->isEnabled());
    dialog->reject();
}

QTEST_MAIN(TestWindowChanges)
#include "tst_windowchanges.moc"
