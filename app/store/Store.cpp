// Store: opening, checking, migrating and recovering the database, and the helpers every
// part of the Store uses. Threads, messages, runs, sandboxes and search are in Store*.cpp.
#include "Store.h"

#include "core/Logging.h"
#include "store/Migrations.h"
#include "store/StoreFlusher.h"
#include "store/StoreSql.h"

#include <QAtomicInteger>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QSqlError>
#include <QThread>

using namespace StoreSql;

namespace {

QAtomicInteger<quint64> connectionCounter;

// SQLite's synchronous setting for each Durability. With WAL, NORMAL writes each commit to the
// WAL file before the commit returns (so it survives kill -9: the OS has it) but does not wait
// for the disk; FULL waits for one fsync of the WAL per commit: measured on the 2-core build
// machine's virtual disk, FULL 4.0 ms per commit, NORMAL 0.02 ms. A step makes ten to twenty
// commits, so FULL cost ~20 ms per step (bench_agent). Step durability (the default) commits
// with NORMAL and flushes the WAL on a background thread at step boundaries
// (specs/security.md §5.1, DESIGN.md "Storage and secrets").
QString synchronousFor(Store::Durability durability)
{
    return durability == Store::Durability::Full ? QStringLiteral("FULL")
                                                 : QStringLiteral("NORMAL");
}
constexpr int busyTimeoutMs = 5000;
// Step durability: the flusher's thread checkpoints (StoreFlusher.h) after each flush and every
// kCheckpointEveryCommits commits; the committing connection only past kSafetyNetPages (64 MiB
// of 4 KiB pages), should the flusher fall behind. Other durabilities: SQLite's default.
constexpr int kCheckpointEveryCommits = 256;
constexpr int kSafetyNetPages = 16384;
constexpr int kSqliteCheckpointPages = 1000;
// The Store's own SQL is about 100 statements; the rest is built per request.
constexpr qsizetype kMaxCachedStatements = 256;

// The Store's SQL that changes rows (QSqlQuery::isSelect() is no guide: before exec() it is
// false, and a write with RETURNING has columns).
bool isWrite(const QString &sql)
{
    const QStringView head = QStringView(sql).trimmed().left(7);
    for (const QLatin1String verb : {QLatin1String("INSERT"), QLatin1String("UPDATE"),
                                     QLatin1String("DELETE"), QLatin1String("REPLACE")}) {
        if (head.startsWith(verb, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QString autoCheckpointFor(Store::Durability durability)
{
    return QStringLiteral("PRAGMA wal_autocheckpoint = %1")
        .arg(durability == Store::Durability::Step ? kSafetyNetPages : kSqliteCheckpointPages);
}

QString hintFor(const QSqlError &error)
{
    // SQLite primary result codes, as QSQLITE reports them in nativeErrorCode().
    const int code = error.nativeErrorCode().toInt();
    switch (code) {
    case 13: // SQLITE_FULL
        return QStringLiteral(" The disk is full; free some space and try again.");
    case 8: // SQLITE_READONLY
    case 23: // SQLITE_AUTH
        return QStringLiteral(" The file is read-only; check its permissions.");
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        return QStringLiteral(" Another program (or another Agent Studio) holds the database; "
                              "close it and try again.");
    case 10: // SQLITE_IOERR
        return QStringLiteral(" The disk reported an input/output error.");
    default:
        return {};
    }
}

} // namespace

Store::Store()
    : m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

Store::~Store()
{
    close();
}

void Store::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

qint64 Store::now() const
{
    return toMs(m_clock());
}

bool Store::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

QString Store::failure(const QString &what, const QString &detail) const
{
    return QStringLiteral("Could not %1 in %2: %3.").arg(what, m_path, detail);
}

Statement Store::prepare(const QString &sql) const
{
    const auto cached = m_statements.constFind(sql);
    if (cached != m_statements.cend() && !cached.value()->inUse) {
        ++m_commits.statementsReused;
        return Statement(cached.value());
    }
    ++m_commits.statementsPrepared;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        qCWarning(lcStore) << "cannot prepare" << sql << query.lastError().text();
        return Statement(std::move(query));
    }
    if (cached != m_statements.cend())
        return Statement(std::move(query)); // the same SQL is still being read by a caller
    if (m_statements.size() >= kMaxCachedStatements)
        m_statements.clear(); // the ones in use live on with their callers
    auto slot = std::make_shared<StatementSlot>();
    slot->query = std::move(query);
    m_statements.insert(sql, slot);
    return Statement(std::move(slot));
}

StoreStatus Store::exec(QSqlQuery &query, const QString &what) const
{
    // A write outside a WriteTransaction is its own transaction: count its commit.
    const bool autocommitWrite = !m_commits.inTransaction && isWrite(query.lastQuery());
    QElapsedTimer timer;
    if (autocommitWrite)
        timer.start();
    if (query.exec()) {
        if (autocommitWrite) {
            ++m_commits.commits;
            m_commits.nanoseconds += timer.nsecsElapsed();
            if (m_durability == Durability::Step
                && m_commits.commits % kCheckpointEveryCommits == 0)
                flusher()->requestCheckpoint();
        }
        return {};
    }
    const QSqlError error = query.lastError();
    qCWarning(lcStore) << "failed to" << what << error.text();
    return StoreStatus::failure(failure(what, error.text()) + hintFor(error));
}

StoreStatus Store::checkUsable() const
{
    if (!isOpen())
        return StoreStatus::failure(
            QStringLiteral("The database is not open (open() failed or was not called)."));
    if (QThread::currentThread() != m_thread)
        return StoreStatus::failure(
            QStringLiteral("The database connection to %1 belongs to another thread; open a "
                           "Store in this thread instead.")
                .arg(m_path));
    return {};
}

StoreStatus Store::open(const QString &path)
{
    close();
    m_path = QFileInfo(path).absoluteFilePath();
    m_thread = QThread::currentThread();
    m_recovery = {};
    m_connectionName
        = QStringLiteral("studio-store-%1").arg(connectionCounter.fetchAndAddRelaxed(1));

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!m_db.isValid()) {
        close();
        return StoreStatus::failure(
            QStringLiteral("The Qt SQLite driver (QSQLITE) is missing; install it (on Debian: "
                           "libqt6sql6-sqlite) and start Agent Studio again."));
    }
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
    if (!m_db.open()) {
        const QString error = m_db.lastError().text();
        close();
        return StoreStatus::failure(
            QStringLiteral("Cannot open the database %1: %2. Check that its folder exists and "
                           "is writable, or choose another data folder with --data-dir.")
                .arg(m_path, error));
    }

    // Check before anything writes: a damaged file or one from a newer version is left as
    // it is.
    StoreStatus status = checkIntegrity();
    if (status) {
        const StoreResult<int> version = Migrations::currentVersion(m_db);
        if (version && version.value() > Migrations::latestVersion)
            status = Migrations::migrate(m_db); // refuses with the explanation
    }
    if (status)
        status = applyPragmas();
    if (status)
        status = Migrations::migrate(m_db);
    if (status && m_recoverOnOpen)
        status = recover();
    if (status) {
        m_appendChunk = QSqlQuery(m_db);
        if (!m_appendChunk.prepare(QStringLiteral(
                "INSERT INTO message_chunks (message_id, kind, text) "
                "SELECT id, ?, ? FROM messages WHERE id = ? AND status = 'streaming'")))
            status = StoreStatus::failure(
                failure(QStringLiteral("prepare chunk appends"), m_appendChunk.lastError().text()));
    }
    if (!status) {
        close();
        return status;
    }
    qCDebug(lcStore) << "opened" << m_path << "schema" << Migrations::latestVersion;
    return {};
}

void Store::close()
{
    m_flusher.reset(); // finishes a flush under way
    m_appendChunk = QSqlQuery();
    m_statements.clear();
    if (m_db.isValid()) {
        if (m_db.isOpen() && QThread::currentThread() == m_thread) {
            QSqlQuery query(m_db);
            // Leaves a single file behind after a clean shutdown; failure is harmless (the
            // WAL is replayed at the next open).
            if (!query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
                qCDebug(lcStore) << "checkpoint at close failed" << query.lastError().text();
        }
        m_db.close();
    }
    m_db = QSqlDatabase();
    if (!m_connectionName.isEmpty()) {
        QSqlDatabase::removeDatabase(m_connectionName);
        m_connectionName.clear();
    }
}

StoreStatus Store::checkIntegrity()
{
    QSqlQuery query(m_db);
    QStringList problems;
    if (!query.exec(QStringLiteral("PRAGMA quick_check"))) {
        problems << query.lastError().text();
    } else {
        while (query.next()) {
            const QString line = query.value(0).toString();
            if (line != QLatin1String("ok"))
                problems << line;
        }
    }
    if (problems.isEmpty())
        return {};
    qCWarning(lcStore) << "quick_check failed for" << m_path << problems;
    return StoreStatus::failure(
        QStringLiteral("The database %1 is damaged or is not an Agent Studio database (SQLite "
                       "says: %2). It was left unchanged. Move it to another place (keep it: "
                       "it holds your chat history, and the sqlite3 tool's .recover command "
                       "may rescue part of it), then start Agent Studio again to begin with "
                       "an empty history, or choose another data folder with --data-dir.")
            .arg(m_path, problems.mid(0, 3).join(QStringLiteral("; "))));
}

StoreStatus Store::applyPragmas()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !query.next()
        || query.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return StoreStatus::failure(failure(
            QStringLiteral("switch to write-ahead logging (WAL)"),
            query.lastError().isValid() ? query.lastError().text()
                                        : QStringLiteral("the file system does not support it")));
    const QStringList pragmas = {
        QStringLiteral("PRAGMA synchronous = ") + synchronousFor(m_durability),
        autoCheckpointFor(m_durability),
        QStringLiteral("PRAGMA foreign_keys = ON"),
        QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMs),
    };
    for (const QString &pragma : pragmas) {
        if (!query.exec(pragma))
            return StoreStatus::failure(failure(pragma, query.lastError().text()));
    }
    return {};
}

StoreStatus Store::setDurability(Durability durability)
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    for (const QString &pragma :
         {QString(QStringLiteral("PRAGMA synchronous = ") + synchronousFor(durability)),
          autoCheckpointFor(durability)}) {
        Statement query = prepare(pragma);
        if (!query.exec())
            return StoreStatus::failure(
                failure(QStringLiteral("change the durability setting"), query.lastError().text()));
    }
    m_durability = durability;
    return {};
}

Store::DurabilityStats Store::durabilityStats() const
{
    DurabilityStats stats;
    stats.commits = m_commits.commits;
    stats.commitNanoseconds = m_commits.nanoseconds;
    stats.autoCheckpointPages = -1;
    stats.statementsPrepared = m_commits.statementsPrepared;
    stats.statementsReused = m_commits.statementsReused;
    if (isOpen() && QThread::currentThread() == m_thread) {
        QSqlQuery query(m_db); // not prepare(): these figures are not the Store's own work
        query.prepare(QStringLiteral("PRAGMA wal_autocheckpoint"));
        if (query.exec() && query.next())
            stats.autoCheckpointPages = query.value(0).toInt();
    }
    if (m_flusher) {
        const StoreFlusher::Stats flushes = m_flusher->stats();
        stats.flushRequests = flushes.requested;
        stats.flushedRequests = flushes.flushed;
        stats.flushes = flushes.flushes;
        stats.lastFlushMicroseconds = flushes.lastFlushUs;
        stats.lastFlushError = flushes.lastError;
        stats.backgroundCheckpoints = flushes.checkpoints;
        stats.checkpointedPages = flushes.checkpointedPages;
    }
    return stats;
}

void Store::flushInBackground()
{
    if (m_durability != Durability::Step || !isOpen())
        return;
    flusher()->request();
}

StoreFlusher *Store::flusher() const
{
    if (!m_flusher)
        m_flusher = std::make_unique<StoreFlusher>(m_path);
    return m_flusher.get();
}

StoreStatus Store::checkpoint()
{
    if (StoreStatus usable = checkUsable(); !usable)
        return usable;
    Statement query = prepare(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return exec(query, QStringLiteral("checkpoint the write-ahead log"));
}

StoreStatus Store::recover()
{
    WriteTransaction transaction(m_db, &m_commits);
    if (!transaction.isActive())
        return StoreStatus::failure(failure(QStringLiteral("start recovery"), transaction.error()));
    const qint64 time = now();

    Statement streaming
        = prepare(QStringLiteral("SELECT id FROM messages WHERE status = 'streaming'"));
    if (StoreStatus status = exec(streaming, QStringLiteral("find interrupted messages")); !status)
        return status;
    QList<RowId> messages;
    while (streaming.next())
        messages << streaming.value(0).toLongLong();
    streaming.finish();
    for (const RowId id : messages) {
        if (StoreStatus status = foldChunks(id, nullptr, MessageStatus::Interrupted); !status)
            return status;
    }

    Statement steps = prepare(QStringLiteral(
        "UPDATE steps SET finish_reason = 'interrupted', finished_at = :now "
        "WHERE finished_at IS NULL AND run_id IN (SELECT id FROM runs WHERE status = 'running')"));
    steps.bindValue(QStringLiteral(":now"), time);
    if (StoreStatus status = exec(steps, QStringLiteral("mark interrupted steps")); !status)
        return status;

    Statement runs = prepare(
        QStringLiteral("UPDATE runs SET status = 'interrupted', finished_at = :now, error = :error "
                       "WHERE status = 'running'"));
    runs.bindValue(QStringLiteral(":now"), time);
    runs.bindValue(QStringLiteral(":error"),
                   QStringLiteral("Agent Studio stopped while this run was in progress."));
    if (StoreStatus status = exec(runs, QStringLiteral("mark interrupted runs")); !status)
        return status;
    const int runCount = runs.numRowsAffected();

    // Never run again: the command may have had effects. The synthetic result lets the next
    // request to the model carry a result for every tool call (both APIs require one).
    Statement calls = prepare(
        QStringLiteral("UPDATE tool_calls SET status = 'outcome_unknown', finished_at = :now, "
                       "result = COALESCE(result, :result) WHERE status = 'running'"));
    calls.bindValue(QStringLiteral(":now"), time);
    calls.bindValue(QStringLiteral(":result"),
                    toJson(QJsonObject{{QStringLiteral("error"),
                                        QStringLiteral("Interrupted: Agent Studio stopped "
                                                       "while this tool was running; its "
                                                       "outcome is unknown and it was not "
                                                       "run again.")}}));
    if (StoreStatus status = exec(calls, QStringLiteral("mark interrupted tool calls")); !status)
        return status;
    const int callCount = calls.numRowsAffected();

    if (!transaction.commit())
        return StoreStatus::failure(failure(QStringLiteral("save recovery"), transaction.error()));
    m_recovery.messagesInterrupted = int(messages.size());
    m_recovery.runsInterrupted = runCount;
    m_recovery.toolCallsOutcomeUnknown = callCount;
    if (!messages.isEmpty() || runCount > 0 || callCount > 0)
        qCInfo(lcStore) << "recovered after a crash:" << messages.size() << "messages," << runCount
                        << "runs interrupted," << callCount << "tool calls with unknown outcome";
    return {};
}

// --- outside changes -----------------------------------------------------------------------

StoreResult<qint64> Store::dataVersion() const
{
    if (StoreStatus usable = checkUsable(); !usable)
        return StoreResult<qint64>::failure(usable.error());
    Statement query = prepare(QStringLiteral("PRAGMA data_version"));
    if (StoreStatus status = exec(query, QStringLiteral("check for changes")); !status)
        return StoreResult<qint64>::failure(status.error());
    if (!query.next())
        return StoreResult<qint64>::failure(
            failure(QStringLiteral("check for changes"), QStringLiteral("no data_version")));
    return query.value(0).toLongLong();
}
