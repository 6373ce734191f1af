// CheckpointService against a real SQLite file, a real checkpoint repository and a real local
// sandbox: checkpoints around calls and the files each call changed, a failed checkpoint that
// does not fail the call, another thread's sandbox left out, revert of one file and its undo,
// rewind preview and "both" (files back, conversation forked), patch export that `git apply`
// takes, refusals (run in progress), and the storage cap evicting a deleted sandbox's
// repository first while its file lists stay readable.
#include "sandbox/SandboxWaiter.h"

#include "../localsandbox/SandboxTestSupport.h"

#include "checkpoint/CheckpointEngine.h"
#include "sandbox/SandboxWaiter.h"
#include "services/CheckpointService.h"
#include "services/ThreadService.h"
#include "store/Store.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCheckpointService final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void callsAreCheckpointed();
    void failedOrForeignCheckpoints();
    void revertFileAndUndo();
    void previewThenRewindBoth();
    void exportPatchApplies();
    void conversationFromAUserMessage();
    void refusesDuringARun();
    void capEvictsDeletedSandboxFirst();
    void anotherProcesssCheckpointIsAnnounced();

private:
    // One model step with one tool call that writes `content` to `path` in the sandbox, with
    // checkpoints around it as the engine takes them. Returns the tool call row.
    RowId writeStep(RowId runId, int stepIndex, const QString &path, const QByteArray &content,
                    const Sandbox &sandbox);
    RowId newRun(RowId threadId, const QString &prompt);
    QByteArray read(const Sandbox &sandbox, const QString &path);
    Sandbox newSandbox(RowId threadId);
    CallPoint point(RowId runId, int stepIndex, RowId callId, const Sandbox &sandbox) const;

    QTemporaryDir m_dir;
    std::unique_ptr<LocalSandboxServer> m_server;
    std::unique_ptr<DaytonaClient> m_client;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<ThreadService> m_threads;
    std::unique_ptr<CheckpointEngine> m_engine;
    std::unique_ptr<CheckpointService> m_service;
    ThreadRecord m_thread;
    Sandbox m_sandbox;
};

void TestCheckpointService::initTestCase()
{
    QVERIFY(m_dir.isValid());
    LocalSandboxOptions options;
    options.dataDir = m_dir.filePath(u"sandboxes"_s);
    const QString problem = startTestSandboxServer(m_dir.path(), options, m_server, m_client);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    m_store = std::make_unique<Store>();
    QVERIFY(m_store->open(m_dir.filePath(u"studio.sqlite3"_s)));
    m_threads = std::make_unique<ThreadService>(*m_store);
    m_engine = std::make_unique<CheckpointEngine>(m_dir.filePath(u"checkpoints"_s));
    m_service = std::make_unique<CheckpointService>(
        *m_store, *m_threads, *m_engine,
        [this](const QString &, QString *) { return m_client.get(); });
    m_thread = *m_threads->create(u"reverse"_s, u"openai/gpt-4o-mini"_s);
    m_sandbox = newSandbox(m_thread.id);
}

void TestCheckpointService::cleanupTestCase()
{
    m_service.reset();
    m_engine.reset();
    m_client.reset();
    m_server.reset();
}

Sandbox TestCheckpointService::newSandbox(RowId threadId)
{
    CreateSandboxParams params;
    static int made = 0;
    params.name = u"cp%1"_s.arg(++made);
    const DaytonaResult created = awaitResult(m_client->createAndWait(params));
    [&] { QVERIFY2(created.ok(), qPrintable(created.error.message)); }();
    SandboxRecord record;
    record.provider = u"local"_s;
    record.remoteId = created.sandbox.id;
    record.threadId = threadId;
    [&] { QVERIFY(m_store->upsertSandbox(record)); }();
    return created.sandbox;
}

CallPoint TestCheckpointService::point(RowId runId, int stepIndex, RowId callId,
                                       const Sandbox &sandbox) const
{
    CallPoint p;
    p.threadId = m_thread.id;
    p.threadUuid = m_thread.uuid;
    p.runId = runId;
    p.stepIndex = stepIndex;
    p.toolCallId = callId;
    p.toolName = u"writeFile"_s;
    p.provider = u"local"_s;
    p.sandboxId = sandbox.id;
    return p;
}

RowId TestCheckpointService::newRun(RowId threadId, const QString &prompt)
{
    NewMessage message;
    message.threadId = threadId;
    message.parts = NewMessage::textParts(prompt);
    [&] { QVERIFY(m_store->appendMessage(message)); }();
    const auto run = m_store->createRun(threadId, u"openai/gpt-4o-mini"_s);
    return run ? run->id : 0;
}

RowId TestCheckpointService::writeStep(RowId runId, int stepIndex, const QString &path,
                                       const QByteArray &content, const Sandbox &sandbox)
{
    const auto step = m_store->startStep(runId);
    NewMessage answer;
    answer.threadId = m_thread.id;
    answer.role = MessageRole::Assistant;
    answer.runId = runId;
    answer.parts = NewMessage::textParts(u"writing %1"_s.arg(path));
    [&] { QVERIFY(m_store->appendMessage(answer)); }();
    NewToolCall call;
    call.runId = runId;
    call.stepId = step->id;
    call.callId = u"call_%1_%2"_s.arg(runId).arg(stepIndex);
    call.name = u"writeFile"_s;
    const auto proposed = m_store->proposeToolCall(call);
    const CallPoint p = point(runId, stepIndex, proposed->id, sandbox);
    bool before = false, after = false;
    m_service->beforeCall(p, this, [&] { before = true; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(before, 30000); }();
    [&] { QVERIFY(awaitResult(m_client->uploadFile(sandbox, path, content)).ok()); }();
    m_service->afterCall(p, this, [&] { after = true; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(after, 30000); }();
    [&] { QVERIFY(m_store->finishStep(step->id, u"tool_calls"_s, {}, {}, {})); }();
    return proposed->id;
}

QByteArray TestCheckpointService::read(const Sandbox &sandbox, const QString &path)
{
    const DaytonaResult r = awaitResult(m_client->downloadFile(sandbox, path));
    return r.ok() ? r.body : QByteArray("<missing>");
}

void TestCheckpointService::callsAreCheckpointed()
{
    QSignalSpy added(m_service.get(), &CheckpointService::checkpointAdded);
    bool based = false;
    m_service->baseline(point(0, -1, 0, m_sandbox), m_sandbox, this, [&] { based = true; });
    QTRY_VERIFY_WITH_TIMEOUT(based, 30000);
    const RowId run1 = newRun(m_thread.id, u"write it"_s);
    const RowId call
        = writeStep(run1, 0, u"reverse.py"_s, "def r(s):\n    return s[::-1]\n", m_sandbox);
    QVERIFY(m_store->finishRun(run1, RunStatus::Completed));
    QCOMPARE(added.size(), 3); // baseline, before, after
    const auto files = m_service->changedFiles(call).value();
    qInfo() << "tried: a writeFile between two checkpoints; result:" << files.size() << "file(s),"
            << (files.isEmpty() ? QString() : files.first().path + u" "_s + files.first().kind);
    QCOMPARE(files.size(), 1);
    QCOMPARE(files.first().path, u"reverse.py"_s);
    QCOMPARE(files.first().kind, u"added"_s);
    QCOMPARE(files.first().linesAdded, 2);

    QSignalSpy ready(m_service.get(), &CheckpointService::changesReady);
    const int request = m_service->requestChanges(m_thread.id, ChangeRange::toolCall(call));
    QVERIFY(ready.wait(30000));
    const auto result = ready.first().first().value<ChangesResult>();
    QCOMPARE(result.request, request);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.changes.files.size(), 1);
    QVERIFY(!result.changes.files.first().hunks.isEmpty());
    const auto steps = m_service->steps(m_thread.id).value();
    QCOMPARE(steps.size(), 1);
    QCOMPARE(steps.first().filesChanged, 1);
    QCOMPARE(steps.first().userText, u"write it"_s);
}

void TestCheckpointService::failedOrForeignCheckpoints()
{
    const auto before = m_store->listCheckpoints(m_thread.id)->size();
    // A sandbox that does not exist: recorded with its reason, the call goes on.
    Sandbox ghost;
    ghost.id = u"00000000-0000-4000-8000-000000000000"_s;
    bool done = false;
    m_service->afterCall(point(0, -1, 0, ghost), this, [&] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    const auto all = m_store->listCheckpoints(m_thread.id).value();
    QCOMPARE(all.size(), before + 1);
    QVERIFY(all.last().treeId.isEmpty());
    qInfo() << "tried: a checkpoint of a missing sandbox; result: recorded as" << all.last().note;
    QVERIFY(all.last().note.startsWith(u"No checkpoint"_s));
    // Another thread's sandbox: nothing is taken or recorded.
    const Sandbox other = newSandbox(0);
    CallPoint foreign = point(0, -1, 0, other);
    foreign.isThreadsSandbox = [](const Sandbox &) { return false; };
    done = false;
    m_service->beforeCall(foreign, this, [&] { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QCOMPARE(m_store->listCheckpoints(m_thread.id)->size(), before + 1);
}

void TestCheckpointService::revertFileAndUndo()
{
    const RowId run2 = newRun(m_thread.id, u"change it"_s);
    writeStep(run2, 0, u"reverse.py"_s, "def r(s):\n    return None\n", m_sandbox);
    writeStep(run2, 1, u"notes.txt"_s, "kept\n", m_sandbox);
    QVERIFY(m_store->finishRun(run2, RunStatus::Completed));
    QSignalSpy finished(m_service.get(), &CheckpointService::rewindFinished);
    m_service->revertFile(m_thread.id, run2, "reverse.py");
    QVERIFY(finished.wait(30000));
    auto result = finished.takeFirst().first().value<RewindResult>();
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(read(m_sandbox, u"reverse.py"_s), QByteArray("def r(s):\n    return s[::-1]\n"));
    QCOMPARE(read(m_sandbox, u"notes.txt"_s), QByteArray("kept\n")); // one file only
    QVERIFY(m_service->canUndoRewind(m_thread.id));
    m_service->undoRewind(m_thread.id);
    QVERIFY(finished.wait(30000));
    result = finished.takeFirst().first().value<RewindResult>();
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(read(m_sandbox, u"reverse.py"_s), QByteArray("def r(s):\n    return None\n"));
    qInfo() << "tried: revert one file to before its run, then undo; result: reverted, then back";
}

void TestCheckpointService::previewThenRewindBoth()
{
    // Steps: 1 (run 1), 2 and 3 (run 2). Step 1's files: reverse.py only.
    QSignalSpy previews(m_service.get(), &CheckpointService::rewindPreviewReady);
    m_service->requestRewindPreview(m_thread.id, RewindTarget::toStep(1), RewindMode::Both);
    QVERIFY(previews.wait(30000));
    const auto preview = previews.first().first().value<RewindPreview>();
    QVERIFY2(preview.refusal.isEmpty(), qPrintable(preview.refusal));
    QStringList paths;
    for (const FileChange &f : preview.files.files)
        paths << f.displayPath();
    qInfo() << "tried: preview of a rewind to step 1; result:" << paths << "kept"
            << preview.messagesKept << "dropped" << preview.messagesDropped;
    QCOMPARE(paths, (QStringList{u"notes.txt"_s, u"reverse.py"_s}));
    QVERIFY(preview.messagesDropped > 0);
    QCOMPARE(read(m_sandbox, u"notes.txt"_s), QByteArray("kept\n")); // nothing changed yet

    QSignalSpy added(m_threads.get(), &ThreadService::threadAdded);
    QSignalSpy finished(m_service.get(), &CheckpointService::rewindFinished);
    m_service->rewind(m_thread.id, RewindTarget::toStep(1), RewindMode::Both);
    QVERIFY(finished.wait(30000));
    const auto result = finished.first().first().value<RewindResult>();
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QVERIFY(result.forkThreadId > 0);
    QCOMPARE(added.size(), 1);
    QCOMPARE(read(m_sandbox, u"notes.txt"_s), QByteArray("<missing>"));
    QCOMPARE(read(m_sandbox, u"reverse.py"_s), QByteArray("def r(s):\n    return s[::-1]\n"));
    const auto forked = m_store->listMessages(result.forkThreadId).value();
    QCOMPARE(forked.size(), preview.messagesKept);
    QCOMPARE(forked.last().text(), u"writing reverse.py"_s); // ends with step 1
    QCOMPARE(m_store->listMessages(m_thread.id)->size(),
             preview.messagesKept + preview.messagesDropped); // the original stays
    // Undo brings the files back.
    m_service->undoRewind(m_thread.id);
    QVERIFY(finished.wait(30000));
    QCOMPARE(read(m_sandbox, u"notes.txt"_s), QByteArray("kept\n"));
}

void TestCheckpointService::exportPatchApplies()
{
    QTemporaryDir work;
    QSignalSpy exported(m_service.get(), &CheckpointService::exportFinished);
    const QString patch = work.filePath(u"change.patch"_s);
    m_service->exportPatch(m_thread.id, ChangeRange::steps(1, 3), patch);
    QVERIFY(exported.wait(30000));
    const auto done = exported.first().first().value<ExportFinished>();
    QVERIFY2(done.error.isEmpty(), qPrintable(done.error));
    // The files of step 1, then the patch: the files of step 3.
    QFile file(work.filePath(u"reverse.py"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("def r(s):\n    return s[::-1]\n");
    file.close();
    QProcess git;
    git.setWorkingDirectory(work.path());
    git.start(u"git"_s, {u"apply"_s, u"change.patch"_s});
    QVERIFY(git.waitForFinished(30000));
    QVERIFY2(git.exitCode() == 0, git.readAllStandardError().constData());
    QFile after(work.filePath(u"reverse.py"_s));
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), QByteArray("def r(s):\n    return None\n"));
    QVERIFY(QFile::exists(work.filePath(u"notes.txt"_s)));
    qInfo() << "tried: export steps 1..3 as a patch and git apply it; result: applied,"
            << done.files << "file(s)," << done.bytes << "bytes";
}

void TestCheckpointService::conversationFromAUserMessage()
{
    // "change it" started run 2: the fork ends just before it and hands its text back.
    RowId second = 0;
    for (const MessageRecord &m : m_store->listMessages(m_thread.id).value()) {
        if (m.role == MessageRole::User && m.text() == u"change it"_s)
            second = m.id;
    }
    QVERIFY(second);
    QSignalSpy finished(m_service.get(), &CheckpointService::rewindFinished);
    m_service->rewind(m_thread.id, RewindTarget::beforeMessage(second), RewindMode::Conversation);
    QVERIFY(finished.wait(30000));
    const auto result = finished.first().first().value<RewindResult>();
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.messageText, u"change it"_s);
    const auto forked = m_store->listMessages(result.forkThreadId).value();
    qInfo() << "tried: rewind the conversation from the second user message; result: a fork"
            << "with" << forked.size() << "message(s), text handed back:" << result.messageText;
    QCOMPARE(forked.size(), 2); // "write it" and its answer
    QCOMPARE(forked.last().text(), u"writing reverse.py"_s);
    // Files stay as they are.
    QCOMPARE(read(m_sandbox, u"notes.txt"_s), QByteArray("kept\n"));
}

void TestCheckpointService::refusesDuringARun()
{
    const RowId run = newRun(m_thread.id, u"still going"_s); // left running
    QSignalSpy finished(m_service.get(), &CheckpointService::rewindFinished);
    m_service->rewind(m_thread.id, RewindTarget::toStep(1), RewindMode::Files);
    QVERIFY(finished.wait(10000));
    const auto result = finished.first().first().value<RewindResult>();
    qInfo() << "tried: rewind while a run is in progress; result:" << result.error;
    QVERIFY(result.error.contains(u"A run is in progress"_s));
    QVERIFY(m_store->finishRun(run, RunStatus::Completed));
}

void TestCheckpointService::capEvictsDeletedSandboxFirst()
{
    // A second thread whose sandbox is then deleted.
    const ThreadRecord old = *m_threads->create(u"old"_s, u"openai/gpt-4o-mini"_s);
    const ThreadRecord keep = m_thread;
    m_thread = old;
    const Sandbox gone = newSandbox(old.id);
    const RowId run = newRun(old.id, u"old work"_s);
    const RowId call = writeStep(run, 0, u"old.txt"_s, QByteArray(200000, 'x') + "\n", gone);
    QVERIFY(m_store->finishRun(run, RunStatus::Completed));
    m_thread = keep;
    QVERIFY(m_store->deleteSandbox(u"local"_s, gone.id));
    QVERIFY(
        QDir(m_engine->repositoryPath(CheckpointEngine::repoKeyFor(u"local"_s, gone.id))).exists());

    m_service->refreshUsage();
    QTRY_VERIFY_WITH_TIMEOUT(m_service->storage().known && m_service->storage().bytesUsed > 0,
                             30000);
    const qint64 used = m_service->storage().bytesUsed;
    m_service->setCapBytes(1); // far below anything: evict what can go
    const QString goneRepo
        = m_engine->repositoryPath(CheckpointEngine::repoKeyFor(u"local"_s, gone.id));
    QTRY_VERIFY_WITH_TIMEOUT(!QDir(goneRepo).exists(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_service->storage().bytesUsed < used, 30000);
    qInfo() << "tried: cap of 1 byte over" << used << "bytes; result: the deleted sandbox's "
            << "repository went first, now" << m_service->storage().bytesUsed << "bytes";
    // The live sandbox keeps at least its newest checkpoints: a rewind target still works.
    const auto live = m_store->listCheckpoints(keep.id).value();
    QVERIFY(std::any_of(live.cbegin(), live.cend(),
                        [](const CheckpointRecord &c) { return c.isUsable(); }));
    // The deleted sandbox's history is still readable from the store.
    QCOMPARE(m_service->changedFiles(call)->size(), 1);
    QSignalSpy ready(m_service.get(), &CheckpointService::changesReady);
    m_service->requestChanges(old.id, ChangeRange::lastRun());
    QVERIFY(ready.wait(30000));
    const auto result = ready.first().first().value<ChangesResult>();
    QVERIFY(result.fromStoreOnly);
    QVERIFY(result.sandboxGone);
    QCOMPARE(result.changes.files.size(), 1);
    QCOMPARE(result.changes.files.first().displayPath(), u"old.txt"_s);
    m_service->setCapBytes(qint64(1) << 30);
}

void TestCheckpointService::anotherProcesssCheckpointIsAnnounced()
{
    // The CLI beside the window rewinds: its checkpoint reaches the window's service.
    m_service->setPollInterval(0); // checked by hand below
    m_service->checkForOutsideChanges();
    QSignalSpy changed(m_service.get(), &CheckpointService::checkpointsChanged);
    {
        Store other;
        QVERIFY(other.open(m_store->path()));
        CheckpointRecord record;
        record.threadId = m_thread.id;
        record.sandboxProvider = u"local"_s;
        record.sandboxId = m_sandbox.id;
        record.repoKey = CheckpointEngine::repoKeyFor(u"local"_s, m_sandbox.id);
        record.kind = CheckpointKind::Rewind;
        record.createdAt = QDateTime::currentDateTimeUtc();
        record.note = u"rewound from another process"_s;
        QVERIFY(other.addCheckpoint(record));
    }
    m_service->checkForOutsideChanges();
    qInfo() << "tried: another connection adds a checkpoint to thread" << m_thread.id
            << "; result:" << changed.size() << "announcements";
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().value<RowId>(), m_thread.id);
    m_service->checkForOutsideChanges(); // nothing new: nothing announced
    QCOMPARE(changed.size(), 1);
}

QTEST_GUILESS_MAIN(TestCheckpointService)
#include "tst_checkpointservice.moc"
