// Prints how fast the store does what the app does most: appending streamed chunks (one
// commit each, with both durability settings), creating threads, listing and paging 10,000
// threads for the sidebar, and full-text search over them; then search over 10,000 and 100,000
// threads with tool calls (median and max per query kind). Also how long saving a tool call's
// big result takes (64 KiB and 1 MiB). Numbers only; no thresholds.
#include "store/Store.h"

#include "BenchSearchData.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdlib>

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

[[noreturn]] void fail(const QString &what)
{
    QTextStream(stderr) << "bench_store: " << what << '\n';
    std::exit(1);
}

template<typename T> T check(StoreResult<T> result)
{
    if (!result)
        fail(result.error());
    return std::move(result).value();
}

void check(const StoreStatus &status)
{
    if (!status)
        fail(status.error());
}

void report(const char *what, qint64 count, qint64 nanoseconds)
{
    const double seconds = double(nanoseconds) / 1e9;
    out() << QString::asprintf("%-44s %8lld in %8.3f s = %10.0f /s\n", what,
                               static_cast<long long>(count), seconds, double(count) / seconds);
    out().flush();
}

void benchAppends(const QString &path, Store::Durability durability, const char *label)
{
    Store store;
    check(store.open(path));
    check(store.setDurability(durability));
    const ThreadRecord thread = check(store.createThread(QStringLiteral("appends"), {}));
    NewMessage message;
    message.threadId = thread.id;
    message.role = MessageRole::Assistant;
    message.status = MessageStatus::Streaming;
    const MessageRecord record = check(store.appendMessage(message));
    const int count = 10000;
    const QString chunk = QStringLiteral("token ");
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i)
        check(store.appendChunk(record.id, chunk));
    report(label, count, timer.nsecsElapsed());
    timer.start();
    check(store.setMessageStatus(record.id, MessageStatus::Complete));
    report("finish a message of 10,000 chunks", 1, timer.nsecsElapsed());
}

// Finishing tool calls whose results are big, as the engine saves them (on the window's
// thread): a test log of common words, and output of many distinct tokens (hashes, base64,
// minified data), which costs the search index most. Median of 5 calls each.
void benchBigResults(const QString &path)
{
    Store store;
    check(store.open(path));
    const ThreadRecord thread = check(store.createThread(QStringLiteral("big results"), {}));
    const RunRecord run = check(store.createRun(thread.id, QStringLiteral("openai/gpt-4o")));
    const StepRecord step = check(store.startStep(run.id));
    int callNo = 0;
    for (const qsizetype size : {qsizetype(64) * 1024, qsizetype(1024) * 1024}) {
        for (const bool distinct : {false, true}) {
            QList<double> ms;
            for (int i = 0; i < 5; ++i) {
                QString output;
                output.reserve(size + 64);
                for (quint32 n = quint32(i) * 7919u; output.size() < size; ++n) {
                    if (distinct)
                        output += QString::number(n * 2654435761u, 36) + QLatin1Char(' ');
                    else
                        output += QStringLiteral("ok: test_%1 passed\n").arg(n % 50);
                }
                const QString callId = QStringLiteral("big-%1").arg(callNo++);
                const ToolCallRecord call = check(
                    store.proposeToolCall({run.id, step.id, callId, QStringLiteral("runCommand"),
                                           QStringLiteral(R"({"command":"make test"})")}));
                check(store.decideToolCall(call.id, ApprovalDecision::Auto));
                check(store.startToolCall(call.id));
                const QString result = QString::fromUtf8(
                    QJsonDocument(QJsonObject{{QStringLiteral("stdout"), output}})
                        .toJson(QJsonDocument::Compact));
                QElapsedTimer timer;
                timer.start();
                check(store.finishToolCall(call.id, ToolCallStatus::Done, result));
                ms.append(double(timer.nsecsElapsed()) / 1e6);
            }
            std::sort(ms.begin(), ms.end());
            out() << QString::asprintf(
                "finish a tool call, %4lld KiB result, %-9s median %7.2f ms, max %7.2f ms\n",
                static_cast<long long>(size / 1024),
                distinct ? "distinct:" : "words:", ms.at(ms.size() / 2), ms.last());
            out().flush();
        }
    }
}

const QStringList words = {
    QStringLiteral("refactor"), QStringLiteral("parser"), QStringLiteral("sandbox"),
    QStringLiteral("tests"),    QStringLiteral("string"), QStringLiteral("reverse"),
    QStringLiteral("python"),   QStringLiteral("rust"),   QStringLiteral("deploy"),
    QStringLiteral("café"),     QStringLiteral("fix"),    QStringLiteral("bug"),
};

QString sentence(int seed, int length)
{
    QStringList parts;
    for (int i = 0; i < length; ++i)
        parts << words.at((seed * 7 + i * 13) % words.size()) + QString::number((seed + i) % 97);
    return parts.join(QLatin1Char(' '));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    if (!dir.isValid())
        fail(QStringLiteral("cannot create a temporary folder"));
    out() << "bench_store: SQLite file in " << dir.path() << '\n';

    benchAppends(dir.filePath(QStringLiteral("full.sqlite3")), Store::Durability::Full,
                 "chunk appends, synchronous=FULL (default)");
    benchAppends(dir.filePath(QStringLiteral("normal.sqlite3")), Store::Durability::Normal,
                 "chunk appends, synchronous=NORMAL");

    benchBigResults(dir.filePath(QStringLiteral("results.sqlite3")));

    Store store;
    check(store.open(dir.filePath(QStringLiteral("threads.sqlite3"))));
    const int threadCount = 10000;
    QElapsedTimer timer;
    timer.start();
    QList<RowId> ids;
    for (int i = 0; i < threadCount; ++i)
        ids << check(store.createThread(sentence(i, 4), QStringLiteral("openai/gpt-4o-mini"))).id;
    report("create threads (one commit each)", threadCount, timer.nsecsElapsed());

    timer.start();
    for (int i = 0; i < threadCount; ++i) {
        NewMessage message;
        message.threadId = ids.at(i);
        message.parts = NewMessage::textParts(sentence(i * 3, 40));
        check(store.appendMessage(message));
    }
    report("append a complete message (one commit each)", threadCount, timer.nsecsElapsed());
    for (int i = 0; i < threadCount; i += 10)
        check(store.setThreadPinned(ids.at(i), true));

    timer.start();
    const QList<ThreadRecord> all = check(store.listThreads(ThreadFilter::All));
    report("list all 10,000 threads", all.size(), timer.nsecsElapsed());
    timer.start();
    int pages = 0;
    for (int offset = 0; offset < threadCount; offset += 100, ++pages)
        check(store.listThreads(ThreadFilter::Active, offset, 100));
    report("list a page of 100 threads (all 100 pages)", pages, timer.nsecsElapsed());
    timer.start();
    const int counted = check(store.countThreads());
    report("count threads", 1, timer.nsecsElapsed());
    if (counted != threadCount)
        fail(QStringLiteral("counted %1 threads, expected %2").arg(counted).arg(threadCount));

    const QStringList queries
        = {QStringLiteral("refactor"), QStringLiteral("parser42"), QStringLiteral("caf"),
           QStringLiteral("sandbox tests"), QStringLiteral("\"deploy\" OR fix*")};
    for (const QString &query : queries) {
        timer.start();
        const QList<SearchHit> hits = check(store.search(query));
        const QByteArray label
            = "search \"" + query.toUtf8() + "\" (" + QByteArray::number(hits.size()) + " hits)";
        report(label.constData(), 1, timer.nsecsElapsed());
    }
    timer.start();
    const int rounds = 20;
    for (int i = 0; i < rounds; ++i)
        check(store.search(words.at(i % words.size()), 50));
    report("search one word, top 50 (20 words)", rounds, timer.nsecsElapsed());

    for (const int threads : {10000, 100000}) {
        const QString path = dir.filePath(QStringLiteral("search-%1.sqlite3").arg(threads));
        QString error;
        double generated = 0;
        timer.start();
        if (!BenchSearchData::storeWithThreads(threads, path, &error, &generated))
            fail(error);
        out() << QString::asprintf("%d threads with a tool call each: %s in %.1f s\n", threads,
                                   generated > 0 ? "generated (one transaction)" : "cached copy",
                                   double(timer.nsecsElapsed()) / 1e9);
        Store big;
        check(big.open(path));
        QList<double> everything;
        for (const BenchSearchData::QueryKind &kind : BenchSearchData::queryKinds()) {
            QList<double> samples;
            QStringList counts;
            for (int round = 0; round < 5; ++round) {
                for (const QString &query : kind.queries) {
                    timer.start();
                    const QList<SearchHit> hits = check(big.search(query, 200));
                    samples << double(timer.nsecsElapsed()) / 1e6;
                    if (round == 0)
                        counts << QStringLiteral("\"%1\" %2").arg(query).arg(hits.size());
                }
            }
            everything << samples;
            std::sort(samples.begin(), samples.end());
            out() << QString::asprintf("search %6d threads, %-15s median %7.2f ms, max %7.2f ms "
                                       "(hits: %s)\n",
                                       threads, kind.name, samples.at(samples.size() / 2),
                                       samples.last(),
                                       qPrintable(counts.join(QStringLiteral(", "))));
        }
        std::sort(everything.begin(), everything.end());
        out() << QString::asprintf("search %6d threads, any query       median %7.2f ms, max "
                                   "%7.2f ms (%lld runs)\n",
                                   threads, everything.at(everything.size() / 2), everything.last(),
                                   static_cast<long long>(everything.size()));
        out().flush();
    }
    return 0;
}
