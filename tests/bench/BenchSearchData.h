// Stores for the search benchmarks (bench_store, bench_sidebar): N threads, each with a title,
// a question, an answer and a tool call (a command and its output), written in one transaction
// through SQL (the Store API commits every row: 100,000 threads would take minutes) with the
// schema's own triggers filling the search index. Generated once per size and schema version
// into the temporary folder; later runs copy the file. Also the queries, by kind, that the
// benchmarks time.
#pragma once

#include "store/Migrations.h"
#include "store/Store.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace BenchSearchData {

inline const QStringList &vocabulary()
{
    static const QStringList words
        = QStringLiteral(
              "parse csv json string reverse python rust tests sandbox file folder network ferry "
              "harbour server client thread model token stream request response error retry cache "
              "vector matrix sort search index query table column row build compile link docker "
              "shell loop function class method module package install upgrade release branch "
              "merge commit review deploy monitor metric log trace span queue worker async await "
              "promise closure iterator generator lambda pointer memory leak profile benchmark "
              "latency")
              .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return words;
}

inline QString sentence(QRandomGenerator &random, int words)
{
    QStringList picked;
    for (int i = 0; i < words; ++i)
        picked << vocabulary().at(int(random.bounded(qsizetype(vocabulary().size()))));
    return picked.join(QLatin1Char(' '));
}

// The queries the benchmarks time, by kind.
struct QueryKind
{
    const char *name;
    QStringList queries;
};

inline QList<QueryKind> queryKinds()
{
    return {
        {"single word",
         {QStringLiteral("ferry"), QStringLiteral("latency"), QStringLiteral("docker")}},
        {"multi-word",
         {QStringLiteral("parse json"), QStringLiteral("ferry harbour"),
          QStringLiteral("memory leak profile"), QStringLiteral("thread 4242")}},
        {"prefix",
         {QStringLiteral("p"), QStringLiteral("pa"), QStringLiteral("par"), QStringLiteral("fer"),
          QStringLiteral("parse j")}},
        {"no hits",
         {QStringLiteral("zyxwv"), QStringLiteral("quetzal"), QStringLiteral("ferry zyxwv"),
          QStringLiteral("parse json zyxwv")}},
        {"tool-call text",
         {QStringLiteral("pytest"), QStringLiteral("test_harbour.py"),
          QStringLiteral("ModuleNotFoundError"), QStringLiteral("exit status 2")}},
    };
}

// What typing "parse json" then "ferry harbour" sends, keystroke by keystroke.
inline QStringList typedKeystrokes()
{
    QStringList texts;
    for (const QString &word : {QStringLiteral("parse json"), QStringLiteral("ferry harbour")}) {
        for (int i = 1; i <= word.size(); ++i)
            texts << word.left(i);
    }
    return texts;
}

inline bool exec(QSqlQuery &query, QString *error)
{
    if (query.exec())
        return true;
    *error = query.lastError().text();
    return false;
}

inline bool fill(const QString &path, int threads, QString *error)
{
    {
        Store store; // the current schema, with its triggers
        if (StoreStatus status = store.open(path); !status) {
            *error = status.error();
            return false;
        }
    }
    const QString connection = QStringLiteral("benchFill");
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        ok = db.open();
        if (!ok)
            *error = db.lastError().text();
        QSqlQuery pragma(db);
        // A big page cache: the index's segment merges stay in memory.
        ok = ok && pragma.exec(QStringLiteral("PRAGMA synchronous = OFF"))
            && pragma.exec(QStringLiteral("PRAGMA cache_size = -262144"))
            && pragma.exec(QStringLiteral("PRAGMA foreign_keys = ON"))
            && pragma.exec(QStringLiteral("BEGIN"));
        QSqlQuery thread(db), run(db), message(db), call(db);
        thread.prepare(QStringLiteral("INSERT INTO threads (id, uuid, title, model, created_at, "
                                      "updated_at, pinned) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        run.prepare(QStringLiteral("INSERT INTO runs (id, thread_id, uuid, status, model, "
                                   "started_at, finished_at) VALUES (?, ?, ?, 'completed', ?, "
                                   "?, ?)"));
        message.prepare(QStringLiteral(
            "INSERT INTO messages (thread_id, run_id, uuid, position, role, parts, text, status, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'complete', ?, ?)"));
        call.prepare(QStringLiteral(
            "INSERT INTO tool_calls (run_id, call_id, name, arguments, result, status, decision, "
            "proposed_at) VALUES (?, 'call_1', 'runCommand', ?, ?, 'done', 'approved', ?)"));
        QRandomGenerator random(42);
        const QString model = QStringLiteral("openai/gpt-4o-mini");
        // Spread over ~400 days up to now: every date group of the sidebar is full.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 step = 400LL * 86400 * 1000 / threads;
        auto textParts = [](const QString &text) {
            return QStringLiteral("[{\"type\":\"text\",\"text\":\"%1\"}]").arg(text);
        };
        for (int i = 1; ok && i <= threads; ++i) {
            const qint64 at = now - qint64(threads - i) * step;
            thread.bindValue(0, i);
            thread.bindValue(1, QStringLiteral("bench-thread-%1").arg(i));
            thread.bindValue(2, QStringLiteral("Thread %1: %2").arg(i).arg(sentence(random, 3)));
            thread.bindValue(3, model);
            thread.bindValue(4, at);
            thread.bindValue(5, at);
            thread.bindValue(6, i % 500 == 0 ? 1 : 0);
            ok = exec(thread, error);
            run.bindValue(0, i);
            run.bindValue(1, i);
            run.bindValue(2, QStringLiteral("bench-run-%1").arg(i));
            run.bindValue(3, model);
            run.bindValue(4, at);
            run.bindValue(5, at);
            ok = ok && exec(run, error);
            const QString question = sentence(random, 12);
            const QString answer = sentence(random, 40);
            for (int position = 0; ok && position < 2; ++position) {
                const QString &text = position == 0 ? question : answer;
                message.bindValue(0, i);
                message.bindValue(1, position == 0 ? QVariant() : QVariant(i));
                message.bindValue(2, QStringLiteral("bench-message-%1-%2").arg(i).arg(position));
                message.bindValue(3, position);
                message.bindValue(
                    4, position == 0 ? QStringLiteral("user") : QStringLiteral("assistant"));
                message.bindValue(5, textParts(text));
                message.bindValue(6, text);
                message.bindValue(7, at);
                message.bindValue(8, at);
                ok = exec(message, error);
            }
            const QString a = vocabulary().at(int(random.bounded(qsizetype(vocabulary().size()))));
            const QString b = vocabulary().at(int(random.bounded(qsizetype(vocabulary().size()))));
            call.bindValue(0, i);
            call.bindValue(
                1, QStringLiteral("{\"command\":\"pytest tests/test_%1.py -k %2\"}").arg(a, b));
            // One in 50 failed to import; the rest ran their tests.
            call.bindValue(2,
                           i % 50 == 0 ? QStringLiteral("{\"exitCode\":2,\"stderr\":\"Traceback: "
                                                        "ModuleNotFoundError: No module named %1; "
                                                        "exit status 2\"}")
                                             .arg(a)
                                       : QStringLiteral("{\"exitCode\":0,\"stdout\":\"%1 passed\"}")
                                             .arg(sentence(random, 8)));
            call.bindValue(3, at);
            ok = ok && exec(call, error);
        }
        ok = ok && pragma.exec(QStringLiteral("COMMIT"));
        if (!ok && error->isEmpty())
            *error = pragma.lastError().text();
        thread.finish();
        run.finish();
        message.finish();
        call.finish();
        pragma.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

// A fresh copy (at `copyTo`) of a store with `threads` threads, generated on first use.
inline bool storeWithThreads(int threads, const QString &copyTo, QString *error,
                             double *generatedMs = nullptr)
{
    const QString folder = QDir::temp().filePath(QStringLiteral("agent-studio-bench"));
    QDir().mkpath(folder);
    const QString cached = QDir(folder).filePath(QStringLiteral("search-%1-threads-v%2-d1.sqlite3")
                                                     .arg(threads)
                                                     .arg(Migrations::latestVersion));
    if (generatedMs)
        *generatedMs = 0;
    if (!QFile::exists(cached)) {
        QElapsedTimer timer;
        timer.start();
        const QString partial = cached + QStringLiteral(".partial");
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(partial + suffix);
        if (!fill(partial, threads, error))
            return false;
        {
            Store checkpoint; // folds the WAL into the file, so one file is the whole store
            if (StoreStatus status = checkpoint.open(partial); !status) {
                *error = status.error();
                return false;
            }
        }
        QFile::remove(partial + QStringLiteral("-wal"));
        QFile::remove(partial + QStringLiteral("-shm"));
        if (!QFile::rename(partial, cached)) {
            *error = QStringLiteral("cannot rename %1").arg(partial);
            return false;
        }
        if (generatedMs)
            *generatedMs = double(timer.nsecsElapsed()) / 1e6;
    }
    QFile::remove(copyTo);
    if (!QFile::copy(cached, copyTo)) {
        *error = QStringLiteral("cannot copy %1 to %2").arg(cached, copyTo);
        return false;
    }
    QFile::setPermissions(copyTo, QFile::ReadOwner | QFile::WriteOwner);
    return true;
}

} // namespace BenchSearchData
