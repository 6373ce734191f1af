// Review and rewind from a terminal (issue 15's "Done when"): the real `agent-studio` binary runs
// the brief's scenario, then "now make it handle None", then a deliberate bad edit, against a
// scripted local model and real local sandboxes; `changes` shows each run's files, `rewind --to`
// the good step brings the good files back, `rewind --undo` brings the bad ones back, a
// conversation rewind forks the thread, and a deleted sandbox is refused with its changes still
// shown. Once through the local server's manifest route and once through the Daytona-shaped
// path (a find command). Then a rewind is SIGKILLed at random points: after the next start the
// home is exactly the old files or the new ones.
#include "../app/agent/AgentTestSupport.h"
#include "../app/llm/FakeLlmServer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString handlesNoneSource()
{
    return u"def reverse_string(s):\n    if s is None:\n        return None\n    return s[::-1]\n"_s;
}

QString handlesNoneTests()
{
    return reverseStringTests().replace(
        u"    def test_unicode"_s,
        u"    def test_none(self):\n        self.assertIsNone(reverse_string(None))\n"
        "    def test_unicode"_s);
}

QString badSource()
{
    return u"def reverse_string(s):\n    return s  # deliberately broken\n"_s;
}

QJsonObject runTests(const QString &sandboxId)
{
    return {{u"sandboxId"_s, sandboxId},
            {u"command"_s, u"python3 test_reverse_string.py"_s},
            {u"timeoutSeconds"_s, 20}};
}

// The model answers from the conversation: which prompt it is on and how many tool results
// came back since.
ScriptedStep stepFor(const RecordedRequest &request)
{
    const QJsonArray messages = request.json().value(u"messages"_s).toArray();
    QString prompt;
    int results = 0;
    for (const QJsonValue &value : messages) {
        const QJsonObject m = value.toObject();
        if (m.value(u"role"_s).toString() == u"user"_s) {
            prompt = m.value(u"content"_s).toVariant().toString();
            if (prompt.isEmpty()) // content as parts
                prompt = QString::fromUtf8(QJsonDocument(m).toJson());
            results = 0;
        } else if (m.value(u"role"_s).toString() == u"tool"_s) {
            ++results;
        }
    }
    const QString id = sandboxIdFrom(request.body);
    if (prompt.contains(u"handle None"_s)) {
        if (results == 0)
            return {u"Adding None handling."_s,
                    {{u"call_none_write"_s, u"writeFiles"_s,
                      QJsonObject{{u"sandboxId"_s, id},
                                  {u"files"_s,
                                   QJsonArray{QJsonObject{{u"path"_s, u"reverse_string.py"_s},
                                                          {u"data"_s, handlesNoneSource()}},
                                              QJsonObject{{u"path"_s, u"test_reverse_string.py"_s},
                                                          {u"data"_s, handlesNoneTests()}}}}},
                      QString()}}};
        if (results == 1)
            return {QString(), {{u"call_none_run"_s, u"runCommand"_s, runTests(id), QString()}}};
        return {u"All 5 tests pass; None gives None."_s, {}};
    }
    if (prompt.contains(u"bad edit"_s)) {
        // Two writes to one sandbox in one step: each call's checkpoints hold its own file.
        if (results == 0)
            return {QString(),
                    {{u"call_bad_write"_s, u"writeFile"_s,
                      QJsonObject{{u"sandboxId"_s, id},
                                  {u"path"_s, u"reverse_string.py"_s},
                                  {u"content"_s, badSource()}},
                      QString()},
                     {u"call_bad_notes"_s, u"writeFile"_s,
                      QJsonObject{{u"sandboxId"_s, id},
                                  {u"path"_s, u"NOTES.md"_s},
                                  {u"content"_s, u"TODO: fix reverse_string\n"_s}},
                      QString()}}};
        return {u"Done (this edit breaks the function)."_s, {}};
    }
    switch (results) {
    case 0:
        return {QString(),
                {{u"call_create"_s, u"createSandbox"_s, createSandboxArgs(), QString()}}};
    case 1:
        return {QString(),
                {{u"call_write"_s, u"writeFiles"_s,
                  QJsonObject{{u"sandboxId"_s, id},
                              {u"files"_s,
                               QJsonArray{QJsonObject{{u"path"_s, u"reverse_string.py"_s},
                                                      {u"data"_s, reverseStringSource()}},
                                          QJsonObject{{u"path"_s, u"test_reverse_string.py"_s},
                                                      {u"data"_s, reverseStringTests()}}}}},
                  QString()}}};
    case 2:
        return {QString(), {{u"call_run"_s, u"runCommand"_s, runTests(id), QString()}}};
    default:
        return {u"All 4 tests pass: reverse_string is in /home/daytona/reverse_string.py."_s, {}};
    }
}

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

// The sandbox home's files as the user would see them: path -> content hash (links: target).
using HomeMap = QMap<QString, QByteArray>;

// Restores a killed process left in the journal (read directly, as the next start would).
int pendingRestores(const QString &dataDir)
{
    QDirIterator it(dataDir, {u"*.sqlite3"_s, u"*.db"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    int count = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        const QString name = u"journal-check"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(path);
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
            if (db.open()) {
                QSqlQuery query(db);
                if (query.exec(u"SELECT COUNT(*) FROM restore_journal"_s) && query.next())
                    count += query.value(0).toInt();
            }
        }
        QSqlDatabase::removeDatabase(name);
    }
    return count;
}

} // namespace

class TestRewindCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void scenario_data();
    void scenario();
    void killedRewind();

private:
    QProcessEnvironment environment(bool find) const;
    Result cli(const QString &dataDir, const QStringList &arguments, bool find = false,
               int timeoutMs = 120000) const;
    void runScenario(const QString &dataDir, bool find);
    static QString homeOf(const QString &dataDir);
    static HomeMap homeMap(const QString &home);

    FakeLlmServer m_server;
    QTemporaryDir m_root;
};

void TestRewindCli::initTestCase()
{
    QVERIFY(m_server.listen());
    connect(&m_server, &FakeLlmServer::requestReceived, this, [this] {
        const RecordedRequest &request = m_server.requests().last();
        if (!request.json().contains(u"tools"_s)) { // the thread's title
            m_server.enqueue(FakeResponse::stream(openAiStream({u"Reverse a string"_s, {}})));
            return;
        }
        m_server.enqueue(FakeResponse::stream(openAiStream(stepFor(request)), 7));
    });
    QVERIFY(m_root.isValid());
    // As root, sandboxes run as nobody, who must traverse the folders above their homes.
    QFile::setPermissions(m_root.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
}

QProcessEnvironment TestRewindCli::environment(bool find) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"OPENAI_BASE_URL"_s, m_server.baseUrl().toString());
    env.insert(u"OPENAI_API_KEY"_s, u"sk-test-rewind-0123456789abcdefghijkl"_s);
    env.remove(u"DAYTONA_API_KEY"_s);
    if (find)
        env.insert(u"AGENT_STUDIO_CHECKPOINT_MANIFEST"_s, u"find"_s);
    return env;
}

Result TestRewindCli::cli(const QString &dataDir, const QStringList &arguments, bool find,
                          int timeoutMs) const
{
    QProcess process;
    process.setProcessEnvironment(environment(find));
    process.setStandardInputFile(QProcess::nullDevice());
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(AGENT_STUDIO_BIN),
                  QStringList{u"--data-dir"_s, dataDir} + arguments);
    Result r;
    if (!finished.wait(timeoutMs)) {
        process.kill();
        finished.wait(5000);
        r.err = u"timed out"_s;
        return r;
    }
    r.exitCode = process.exitCode();
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

QString TestRewindCli::homeOf(const QString &dataDir)
{
    QDirIterator it(dataDir, {u"test_reverse_string.py"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!path.contains(u"/checkpoints/"_s))
            return QFileInfo(path).absolutePath();
    }
    return {};
}

HomeMap TestRewindCli::homeMap(const QString &home)
{
    HomeMap map;
    QDirIterator it(home, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        const QString relative = QDir(home).relativeFilePath(path);
        if (info.isSymLink()) {
            map.insert(relative, "link:" + info.symLinkTarget().toUtf8());
        } else if (info.isDir()) {
            map.insert(relative, "dir");
        } else {
            QFile file(path);
            QByteArray hash = "unreadable";
            if (file.open(QIODevice::ReadOnly))
                hash = QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha1).toHex();
            map.insert(relative, hash + (info.isExecutable() ? "+x" : ""));
        }
    }
    return map;
}

void TestRewindCli::runScenario(const QString &dataDir, bool find)
{
    const QStringList run
        = {u"run"_s,       u"--approve"_s, u"auto"_s, u"--model"_s, u"openai/gpt-4o-mini"_s,
           u"--sandbox"_s, u"local"_s};
    const QStringList prompts
        = {u"write a function that reverses a string, with unit tests, and run them"_s,
           u"now make it handle None"_s, u"now make a deliberate bad edit"_s};
    for (int i = 0; i < prompts.size(); ++i) {
        QStringList arguments = run;
        if (i > 0)
            arguments << u"--thread"_s << u"1"_s;
        arguments << prompts.at(i);
        const Result r = cli(dataDir, arguments, find);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
}

void TestRewindCli::scenario_data()
{
    QTest::addColumn<bool>("find");
    QTest::newRow("local sandbox (manifest route)") << false;
    QTest::newRow("Daytona-shaped (find command)") << true;
}

void TestRewindCli::scenario()
{
    QFETCH(bool, find);
    const QString data = m_root.filePath(find ? u"find"_s : u"route"_s);
    QElapsedTimer clock;
    clock.start();
    runScenario(data, find);
    if (QTest::currentTestFailed())
        return;
    qInfo() << "three runs took" << clock.elapsed() << "ms";
    const QString home = homeOf(data);
    QVERIFY2(!home.isEmpty(), "the sandbox home was not found");
    const auto content = [&home] {
        QFile file(home + u"/reverse_string.py"_s);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    };
    QCOMPARE(content(), badSource());

    // Steps: run 1 = 1..4 (create, write, run, answer), run 2 = 5..7, run 3 = 8..9.
    Result steps = cli(data, {u"changes"_s, u"1"_s, u"--steps"_s}, find);
    QVERIFY2(steps.exitCode == 0, qPrintable(steps.err));
    qInfo().noquote() << "changes 1 --steps:\n" << steps.out;
    QVERIFY(steps.out.contains(u"step 9"_s));
    QVERIFY(steps.out.contains(u"writeFile (call"_s));
    QVERIFY(steps.out.contains(u"modified reverse_string.py +1 -3"_s));
    // The two writes of step 8 ran one after the other, each with exactly its own file.
    QMap<QString, QStringList> filesOfCall;
    const QStringList stepLines = steps.out.split(u'\n');
    for (const QString &line : stepLines.mid(stepLines.indexOf(u"  step 8: 2 file(s), +2 -3"_s))) {
        if (line.startsWith(u"    writeFile (call "_s))
            filesOfCall[line.section(u')', 0, 0)] << line.section(u' ', 8, 8);
    }
    qInfo() << "tried: two writeFile calls on one sandbox in one step; result:" << filesOfCall;
    QCOMPARE(filesOfCall.size(), 2);
    QCOMPARE(filesOfCall.first().size(), 1);
    QCOMPARE(filesOfCall.last().size(), 1);
    QVERIFY(filesOfCall.first() != filesOfCall.last());

    // Each run's changes.
    Result first = cli(data, {u"changes"_s, u"1"_s, u"--from"_s, u"0"_s, u"--to"_s, u"4"_s}, find);
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    qInfo().noquote() << "changes 1 --from 0 --to 4:\n" << first.out;
    QVERIFY(first.out.contains(u"A\t+2 -0\treverse_string.py"_s));
    QVERIFY(first.out.contains(u"test_reverse_string.py"_s));
    Result second = cli(data, {u"changes"_s, u"1"_s, u"--from"_s, u"4"_s, u"--to"_s, u"7"_s}, find);
    QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    qInfo().noquote() << "changes 1 --from 4 --to 7:\n" << second.out;
    QVERIFY(second.out.contains(u"M\t+2 -0\treverse_string.py"_s));
    Result bad
        = cli(data, {u"changes"_s, u"1"_s, u"--from"_s, u"7"_s, u"--format"_s, u"patch"_s}, find);
    QVERIFY2(bad.exitCode == 0, qPrintable(bad.err));
    qInfo().noquote() << "changes 1 --from 7 --format patch:\n" << bad.out;
    QVERIFY(bad.out.contains(u"+    return s  # deliberately broken"_s));
    QVERIFY(bad.out.contains(u"-    if s is None:"_s));
    Result json
        = cli(data, {u"changes"_s, u"1"_s, u"--last-run"_s, u"--format"_s, u"json"_s}, find);
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonArray files
        = QJsonDocument::fromJson(json.out.toUtf8()).object().value(u"files"_s).toArray();
    QCOMPARE(files.size(), 2);
    QCOMPARE(files.at(0)[u"path"_s].toString(), u"NOTES.md"_s);
    QCOMPARE(files.at(1)[u"path"_s].toString(), u"reverse_string.py"_s);

    // Rewind the files to the good step, then undo.
    Result preview = cli(data, {u"rewind"_s, u"1"_s, u"--to"_s, u"7"_s, u"--dry-run"_s}, find);
    QVERIFY2(preview.exitCode == 0, qPrintable(preview.err));
    QVERIFY(preview.out.contains(u"M\treverse_string.py"_s));
    QCOMPARE(content(), badSource()); // a preview changes nothing
    Result rewind = cli(data, {u"rewind"_s, u"1"_s, u"--to"_s, u"7"_s}, find);
    qInfo().noquote() << "rewind 1 --to 7:" << rewind.out << rewind.err;
    QVERIFY2(rewind.exitCode == 0, qPrintable(rewind.err));
    QCOMPARE(content(), handlesNoneSource());
    QVERIFY(!QFile::exists(home + u"/NOTES.md"_s));
    Result undo = cli(data, {u"rewind"_s, u"1"_s, u"--undo"_s}, find);
    qInfo().noquote() << "rewind 1 --undo:" << undo.out << undo.err;
    QVERIFY2(undo.exitCode == 0, qPrintable(undo.err));
    QCOMPARE(content(), badSource());
    // Rewinding again brings the good state back (and the undo of the undo, the bad one).
    QCOMPARE(cli(data, {u"rewind"_s, u"1"_s, u"--to"_s, u"4"_s}, find).exitCode, 0);
    QCOMPARE(content(), reverseStringSource());
    QCOMPARE(cli(data, {u"rewind"_s, u"1"_s, u"--undo"_s}, find).exitCode, 0);
    QCOMPARE(content(), badSource());

    // Clear refusals.
    Result noStep = cli(data, {u"rewind"_s, u"1"_s, u"--to"_s, u"99"_s}, find);
    QCOMPARE(noStep.exitCode, 1);
    QVERIFY2(noStep.err.contains(u"There is no step 99"_s), qPrintable(noStep.err));
    Result noThread = cli(data, {u"changes"_s, u"42"_s}, find);
    QCOMPARE(noThread.exitCode, 1);
    QVERIFY2(noThread.err.contains(u"no thread 42"_s), qPrintable(noThread.err));

    // A conversation rewind: a new thread that ends at step 7; the files stay.
    Result fork = cli(data, {u"rewind"_s, u"1"_s, u"--to"_s, u"7"_s, u"--conversation"_s}, find);
    qInfo().noquote() << "rewind 1 --to 7 --conversation:" << fork.out << fork.err;
    QVERIFY2(fork.exitCode == 0, qPrintable(fork.err));
    QVERIFY(fork.out.contains(u"New thread 2"_s));
    QCOMPARE(content(), badSource());
    Result shown = cli(data, {u"threads"_s, u"show"_s, u"2"_s}, find);
    QVERIFY(shown.out.contains(u"handle None"_s));
    QVERIFY(!shown.out.contains(u"bad edit"_s));

    // The sandbox is deleted: its changes are still shown, a rewind is refused.
    const QString sandboxId
        = QJsonDocument::fromJson(json.out.toUtf8()).object().value(u"sandbox"_s).toString();
    QVERIFY(!sandboxId.isEmpty());
    Result removed = cli(data, {u"sandboxes"_s, u"rm"_s, sandboxId}, find);
    QVERIFY2(removed.exitCode == 0, qPrintable(removed.err));
    Result gone = cli(data, {u"rewind"_s, u"1"_s, u"--to"_s, u"7"_s}, find);
    qInfo().noquote() << "rewind after the sandbox was deleted:" << gone.err;
    QCOMPARE(gone.exitCode, 1);
    QVERIFY(gone.err.contains(u"was deleted"_s));
    Result still = cli(data, {u"changes"_s, u"1"_s, u"--from"_s, u"4"_s, u"--to"_s, u"7"_s}, find);
    QVERIFY2(still.exitCode == 0, qPrintable(still.err));
    QVERIFY(still.out.contains(u"M\t+2 -0\treverse_string.py"_s));
    qInfo() << "tried: the scenario, changes, rewind, undo, fork, refusals; result: pass in"
            << clock.elapsed() << "ms";
}

void TestRewindCli::killedRewind()
{
    const quint32 seed = qEnvironmentVariableIsSet("REWINDKILL_SEED")
        ? quint32(qEnvironmentVariableIntValue("REWINDKILL_SEED"))
        : QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    qInfo() << "seed" << seed << "(set REWINDKILL_SEED to repeat)";
    const QString data = m_root.filePath(u"kill"_s);
    runScenario(data, false);
    if (QTest::currentTestFailed())
        return;
    const QString home = homeOf(data);
    QVERIFY(!home.isEmpty());
    const HomeMap oldHome = homeMap(home);

    // One undisturbed rewind: how long it takes, and the files it makes.
    QElapsedTimer clock;
    clock.start();
    Result full = cli(data, {u"rewind"_s, u"1"_s, u"--to"_s, u"4"_s});
    const qint64 fullMs = clock.elapsed();
    QVERIFY2(full.exitCode == 0, qPrintable(full.err));
    const HomeMap newHome = homeMap(home);
    QVERIFY(newHome != oldHome);
    QCOMPARE(cli(data, {u"rewind"_s, u"1"_s, u"--undo"_s}).exitCode, 0);
    QCOMPARE(homeMap(home), oldHome);
    qInfo() << "an undisturbed rewind takes" << fullMs << "ms";

    int kills = 0, olds = 0, news = 0, recovered = 0;
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < 30 && (i < 8 || total.elapsed() < 20000); ++i) {
        // Half the kills anywhere, half in the last part, where the restore itself runs.
        const int killAt = i % 2 == 0
            ? int(random.bounded(quint32(fullMs + 50)))
            : int(fullMs * 6 / 10 + random.bounded(quint32(fullMs * 4 / 10 + 50)));
        QProcess process;
        process.setProcessEnvironment(environment(false));
        process.setStandardInputFile(QProcess::nullDevice());
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(QStringLiteral(AGENT_STUDIO_BIN),
                      {u"--data-dir"_s, data, u"rewind"_s, u"1"_s, u"--to"_s, u"4"_s});
        QVERIFY(process.waitForStarted());
        if (!finished.wait(killAt)) {
            process.kill(); // SIGKILL
            QVERIFY(finished.wait(10000));
            ++kills;
        }
        // The next start finishes what the journal says was under way.
        const int journaled = pendingRestores(data);
        recovered += journaled;
        Result next = cli(data, {u"changes"_s, u"1"_s});
        QVERIFY2(next.exitCode == 0, qPrintable(next.err));
        const HomeMap now = homeMap(home);
        const bool isOld = now == oldHome;
        const bool isNew = now == newHome;
        qInfo().noquote() << u"kill %1 at %2 ms: %3"_s.arg(i).arg(killAt).arg(isOld ? u"old files"_s
                                                                                  : isNew
                                                                                  ? u"new files"_s
                                                                                  : u"A MIX"_s);
        if (!isOld && !isNew) {
            for (auto it = now.cbegin(); it != now.cend(); ++it) {
                if (oldHome.value(it.key()) != it.value() || newHome.value(it.key()) != it.value())
                    qInfo().noquote() << "  " << it.key() << it.value();
            }
        }
        QVERIFY(isOld || isNew);
        if (isNew) {
            ++news;
            Result undo = cli(data, {u"rewind"_s, u"1"_s, u"--undo"_s});
            QVERIFY2(undo.exitCode == 0, qPrintable(undo.err));
            QCOMPARE(homeMap(home), oldHome);
        } else {
            ++olds;
        }
    }
    qInfo() << "tried:" << kills << "SIGKILLed rewinds; result: after the next start" << olds
            << "had the old files and" << news << "the new ones (" << recovered
            << "finished from the journal), none a mix, in" << total.elapsed() << "ms";
    QVERIFY(kills >= 5);
}

QTEST_GUILESS_MAIN(TestRewindCli)
#include "tst_rewindcli.moc"
