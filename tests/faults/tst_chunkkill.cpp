// An acknowledged chunk survives SIGKILL (issue 19): the store commits with synchronous=NORMAL
// and flushes to disk only at step boundaries, so this is the guarantee left to check per chunk.
// chunk_kill_child runs the real engine against a model that streams "[0][1][2]..." slowly and
// prints each text delta the moment the engine announces it; the test SIGKILLs it right after
// a random number of deltas were printed, reopens the database and checks that the answer,
// now interrupted, holds every character that was shown. It would fail if the engine announced
// a chunk before committing it, or if the store acknowledged commits it kept in memory.
#include "FaultTestSupport.h"

#include "core/StudioPaths.h"

#include <QProcess>
#include <QRandomGenerator>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;

class TestChunkKill final : public QObject
{
    Q_OBJECT

private slots:
    void acknowledgedChunksSurviveSigkill();
};

void TestChunkKill::acknowledgedChunksSurviveSigkill()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile::setPermissions(dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                              | QFileDevice::ExeGroup | QFileDevice::ExeOther);
    const QString data = dir.filePath(u"data"_s);
    FaultyModelServer server;
    QVERIFY(server.listen());
    QString text;
    for (int i = 0; i < 400; ++i)
        text += u"[%1]"_s.arg(i);
    // ~2.5 s of stream in 5-character deltas: many batches of the engine's 50 ms flush.
    server.setScript([text](int, const RecordedRequest &) {
        Fault fault = Fault::stream(openAiStream(ScriptedStep{text, {}}));
        fault.pieceSize = 400;
        fault.pieceDelayMs = 10;
        return fault;
    });
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"OPENAI_BASE_URL"_s, server.openAiBaseUrl().toString());
    environment.insert(u"OPENAI_API_KEY"_s, u"sk-chunkkill-0123456789abcdefghijklmnop"_s);

    const quint32 seed = qEnvironmentVariableIsSet("STUDIO_CRASH_SEED")
        ? quint32(qEnvironmentVariableIntValue("STUDIO_CRASH_SEED"))
        : QRandomGenerator::global()->generate();
    qInfo() << "seed (set STUDIO_CRASH_SEED to repeat):" << seed;
    QRandomGenerator random(seed);
    const int kills = 6;
    for (int kill = 0; kill < kills; ++kill) {
        const int killAfter = int(random.bounded(1, 25)); // deltas shown before the kill
        QProcess child;
        child.setProcessEnvironment(environment);
        child.setProgram(QStringLiteral(CHUNK_KILL_CHILD_BIN));
        child.setArguments({data});
        child.setProcessChannelMode(QProcess::SeparateChannels);
        RowId thread = 0;
        QString shown;
        int deltas = 0;
        QByteArray pending;
        bool killed = false;
        connect(&child, &QProcess::readyReadStandardOutput, this, [&] {
            pending += child.readAllStandardOutput();
            qsizetype newline;
            while (!killed && (newline = pending.indexOf('\n')) >= 0) {
                const QByteArray line = pending.left(newline);
                pending.remove(0, newline + 1);
                if (line.startsWith("thread "))
                    thread = line.mid(7).toLongLong();
                else if (line.startsWith("delta ")) {
                    shown += QString::fromUtf8(line.mid(6));
                    if (++deltas == killAfter) {
                        ::kill(pid_t(child.processId()), SIGKILL); // at once, from this handler
                        killed = true;
                    }
                }
            }
        });
        child.start();
        QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(child.state() == QProcess::NotRunning, 30000);
        QVERIFY2(
            killed,
            qPrintable(
                u"the child ended before %1 deltas (%2 shown): %3"_s.arg(killAfter).arg(deltas).arg(
                    QString::fromUtf8(child.readAllStandardError()))));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QVERIFY(thread != 0);

        Store store; // recovers the killed run, as the next start of the app would
        const StoreStatus opened = store.open(StudioPaths::underRoot(data).databaseFile());
        QVERIFY2(opened, qPrintable(opened.error()));
        const auto messages = store.listMessages(thread);
        QVERIFY2(messages, qPrintable(messages.error()));
        QString stored;
        MessageStatus status = MessageStatus::Complete;
        for (const MessageRecord &message : *messages) {
            if (message.role == MessageRole::Assistant) {
                stored = message.text();
                status = message.status;
            }
        }
        qInfo().noquote() << u"tried: SIGKILL after %1 deltas (%2 characters shown), "
                             "result: %3 characters stored, message %4"_s.arg(deltas)
                                 .arg(shown.size())
                                 .arg(stored.size())
                                 .arg(StoreEnums::toString(status));
        QVERIFY2(stored.startsWith(shown),
                 qPrintable(u"shown: ...%1\nstored: ...%2"_s.arg(
                     shown.right(60), stored.left(shown.size()).right(60))));
        QVERIFY(text.startsWith(stored));
        QVERIFY(status == MessageStatus::Interrupted || status == MessageStatus::Complete);
    }
}

QTEST_GUILESS_MAIN(TestChunkKill)
#include "tst_chunkkill.moc"
