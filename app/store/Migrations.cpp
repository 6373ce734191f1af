// The schema, one step per version. Never edit a released step: add a new one, and a fixture
// file at the old version under tests/data/store/ (see the README there).
#include "Migrations.h"

#include "core/Logging.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace {

// Times are milliseconds since the epoch (UTC). Enums are lowercase names (StoreTypes.cpp).
const QStringList version1 = {
    QStringLiteral(R"(CREATE TABLE threads (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        model TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
        archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)))
    )"),
    // The sidebar's order: pinned first, then most recently updated.
    QStringLiteral("CREATE INDEX threads_sidebar ON threads "
                   "(archived, pinned DESC, updated_at DESC, id DESC)"),
    QStringLiteral("CREATE INDEX threads_all ON threads (pinned DESC, updated_at DESC, id DESC)"),
    QStringLiteral(R"(CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        thread_id INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        uuid TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL,
        model TEXT NOT NULL DEFAULT '',
        input_tokens INTEGER NOT NULL DEFAULT 0,
        output_tokens INTEGER NOT NULL DEFAULT 0,
        total_tokens INTEGER NOT NULL DEFAULT 0,
        reasoning_tokens INTEGER NOT NULL DEFAULT 0,
        cached_tokens INTEGER NOT NULL DEFAULT 0,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        error TEXT NOT NULL DEFAULT '')
    )"),
    QStringLiteral("CREATE INDEX runs_by_thread ON runs (thread_id, id)"),
    QStringLiteral("CREATE INDEX runs_running ON runs (id) WHERE status = 'running'"),
    // parts: JSON array of content parts. text: the "text" parts joined, for search.
    QStringLiteral(R"(CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        thread_id INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
        uuid TEXT NOT NULL UNIQUE,
        position INTEGER NOT NULL,
        role TEXT NOT NULL,
        parts TEXT NOT NULL DEFAULT '[]',
        text TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (thread_id, position))
    )"),
    QStringLiteral("CREATE INDEX messages_by_run ON messages (run_id)"),
    QStringLiteral("CREATE INDEX messages_streaming ON messages (id) WHERE status = 'streaming'"),
    // Streamed chunks of a message that is still streaming: appending one is a single small
    // INSERT (no rewrite of a growing row, no re-indexing). They are folded into the
    // message's parts when it finishes, or at the next start if the app was killed.
    QStringLiteral(R"(CREATE TABLE message_chunks (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        text TEXT NOT NULL)
    )"),
    QStringLiteral("CREATE INDEX message_chunks_by_message ON message_chunks (message_id, id)"),
    QStringLiteral(R"(CREATE TABLE steps (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        finish_reason TEXT NOT NULL DEFAULT '',
        input_tokens INTEGER NOT NULL DEFAULT 0,
        output_tokens INTEGER NOT NULL DEFAULT 0,
        total_tokens INTEGER NOT NULL DEFAULT 0,
        reasoning_tokens INTEGER NOT NULL DEFAULT 0,
        cached_tokens INTEGER NOT NULL DEFAULT 0,
        time_to_first_token_ms INTEGER,
        duration_ms INTEGER,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        UNIQUE (run_id, step_index))
    )"),
    QStringLiteral(R"(CREATE TABLE tool_calls (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        step_id INTEGER REFERENCES steps (id) ON DELETE CASCADE,
        call_id TEXT NOT NULL,
        name TEXT NOT NULL,
        arguments TEXT NOT NULL DEFAULT '',
        result TEXT,
        status TEXT NOT NULL,
        decision TEXT NOT NULL DEFAULT '',
        decision_reason TEXT NOT NULL DEFAULT '',
        proposed_at INTEGER NOT NULL,
        decided_at INTEGER,
        started_at INTEGER,
        finished_at INTEGER,
        UNIQUE (run_id, call_id))
    )"),
    QStringLiteral("CREATE INDEX tool_calls_by_step ON tool_calls (step_id)"),
    QStringLiteral("CREATE INDEX tool_calls_running ON tool_calls (id) WHERE status = 'running'"),
    // A sandbox outlives its thread (it still exists at the provider and must be cleaned up),
    // so deleting the thread only clears the owner.
    QStringLiteral(R"(CREATE TABLE sandboxes (
        id INTEGER PRIMARY KEY,
        provider TEXT NOT NULL,
        remote_id TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        labels TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL DEFAULT '',
        thread_id INTEGER REFERENCES threads (id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (provider, remote_id))
    )"),
    QStringLiteral("CREATE INDEX sandboxes_by_thread ON sandboxes (thread_id)"),
};

// External-content FTS5 tables (no second copy of the text), kept in step by triggers.
// remove_diacritics 2: "cafe" finds "café". prefix: fast "refact"* queries.
const QStringList version2 = {
    QStringLiteral("CREATE VIRTUAL TABLE threads_fts USING fts5(title, content='threads', "
                   "content_rowid='id', tokenize='unicode61 remove_diacritics 2', "
                   "prefix='2 3')"),
    QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5(text, content='messages', "
                   "content_rowid='id', tokenize='unicode61 remove_diacritics 2', "
                   "prefix='2 3')"),
    QStringLiteral("CREATE TRIGGER threads_fts_insert AFTER INSERT ON threads BEGIN "
                   "INSERT INTO threads_fts (rowid, title) VALUES (new.id, new.title); END"),
    QStringLiteral("CREATE TRIGGER threads_fts_delete AFTER DELETE ON threads BEGIN "
                   "INSERT INTO threads_fts (threads_fts, rowid, title) "
                   "VALUES ('delete', old.id, old.title); END"),
    QStringLiteral("CREATE TRIGGER threads_fts_update AFTER UPDATE OF title ON threads BEGIN "
                   "INSERT INTO threads_fts (threads_fts, rowid, title) "
                   "VALUES ('delete', old.id, old.title); "
                   "INSERT INTO threads_fts (rowid, title) VALUES (new.id, new.title); END"),
    QStringLiteral("CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN "
                   "INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text); END"),
    QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN "
                   "INSERT INTO messages_fts (messages_fts, rowid, text) "
                   "VALUES ('delete', old.id, old.text); END"),
    QStringLiteral("CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN "
                   "INSERT INTO messages_fts (messages_fts, rowid, text) "
                   "VALUES ('delete', old.id, old.text); "
                   "INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text); END"),
    // Index what version 1 already holds.
    QStringLiteral("INSERT INTO threads_fts (threads_fts) VALUES ('rebuild')"),
    QStringLiteral("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')"),
};

// "Always allow this tool in this thread": the person's answer outlives the app (a row per
// thread and tool; gone with the thread).
const QStringList version3 = {
    QStringLiteral(R"(CREATE TABLE thread_tool_permissions (
        thread_id INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        tool TEXT NOT NULL,
        allowed_at INTEGER NOT NULL,
        PRIMARY KEY (thread_id, tool)) WITHOUT ROWID
    )"),
};

// Checkpoints (issue 15): snapshots of sandbox homes around tool calls, the files each call
// changed, and the journal of restores a crash may have interrupted. A checkpoint names its
// sandbox by provider and id (not the sandboxes row): it outlives the sandbox, so its lists and
// counts stay readable. The restore journal has no foreign keys: a restore under way finishes
// even if its thread is deleted meanwhile.
const QStringList version4 = {
    QStringLiteral(R"(CREATE TABLE checkpoints (
        id INTEGER PRIMARY KEY,
        thread_id INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
        step_index INTEGER,
        tool_call_id INTEGER REFERENCES tool_calls (id) ON DELETE SET NULL,
        sandbox_provider TEXT NOT NULL,
        sandbox_id TEXT NOT NULL,
        repo_key TEXT NOT NULL,
        tree_id TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        files_changed INTEGER NOT NULL DEFAULT 0,
        lines_added INTEGER NOT NULL DEFAULT 0,
        lines_removed INTEGER NOT NULL DEFAULT 0,
        bytes_stored INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        previous_id INTEGER REFERENCES checkpoints (id) ON DELETE SET NULL,
        evicted INTEGER NOT NULL DEFAULT 0 CHECK (evicted IN (0, 1)))
    )"),
    QStringLiteral("CREATE INDEX checkpoints_by_thread ON checkpoints (thread_id, id)"),
    QStringLiteral("CREATE INDEX checkpoints_by_repo ON checkpoints (repo_key, id)"),
    QStringLiteral("CREATE INDEX checkpoints_by_tool_call ON checkpoints (tool_call_id)"),
    QStringLiteral(R"(CREATE TABLE checkpoint_files (
        id INTEGER PRIMARY KEY,
        checkpoint_id INTEGER NOT NULL REFERENCES checkpoints (id) ON DELETE CASCADE,
        tool_call_id INTEGER REFERENCES tool_calls (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        kind TEXT NOT NULL,
        lines_added INTEGER NOT NULL DEFAULT 0,
        lines_removed INTEGER NOT NULL DEFAULT 0,
        size INTEGER NOT NULL DEFAULT 0,
        binary INTEGER NOT NULL DEFAULT 0 CHECK (binary IN (0, 1)))
    )"),
    QStringLiteral("CREATE INDEX checkpoint_files_by_checkpoint ON checkpoint_files "
                   "(checkpoint_id, id)"),
    QStringLiteral("CREATE INDEX checkpoint_files_by_tool_call ON checkpoint_files "
                   "(tool_call_id, id)"),
    QStringLiteral(R"(CREATE TABLE restore_journal (
        id INTEGER PRIMARY KEY,
        thread_id INTEGER NOT NULL,
        sandbox_provider TEXT NOT NULL,
        sandbox_id TEXT NOT NULL,
        repo_key TEXT NOT NULL,
        tree_id TEXT NOT NULL,
        paths TEXT NOT NULL DEFAULT '[]',
        saved_checkpoint_id INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL)
    )"),
};

// Approval rules and modes (issue 16): the rules (allow/ask/deny a tool, narrowed by command
// or path, optionally by sandbox; for one thread or, with thread_id NULL, everywhere), each
// thread's own mode, how the gate decided each tool call, and the plans of plan-mode runs.
const QStringList version5 = {
    QStringLiteral(R"(CREATE TABLE approval_rules (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL,
        tool TEXT NOT NULL,
        match TEXT NOT NULL DEFAULT 'any',
        pattern TEXT NOT NULL DEFAULT '',
        sandbox_id TEXT NOT NULL DEFAULT '',
        thread_id INTEGER REFERENCES threads (id) ON DELETE CASCADE,
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        note TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_matched_at INTEGER,
        hit_count INTEGER NOT NULL DEFAULT 0)
    )"),
    QStringLiteral("CREATE INDEX approval_rules_by_thread ON approval_rules (thread_id, id)"),
    QStringLiteral(R"(CREATE TABLE thread_approval_modes (
        thread_id INTEGER PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
        mode TEXT NOT NULL,
        updated_at INTEGER NOT NULL)
    )"),
    QStringLiteral(R"(CREATE TABLE tool_call_approvals (
        tool_call_id INTEGER PRIMARY KEY REFERENCES tool_calls (id) ON DELETE CASCADE,
        mode TEXT NOT NULL DEFAULT '',
        rule_id INTEGER,
        rule TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '')
    )"),
    QStringLiteral(R"(CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        thread_id INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
        run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL,
        mode TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        decided_at INTEGER)
    )"),
    QStringLiteral("CREATE INDEX plans_by_thread ON plans (thread_id, id)"),
};

// Search at scale (issue 19): one contentless FTS5 index over thread titles, message text and
// tool calls (arguments and results), replacing version 2's two tables. Its rowid says where a
// row comes from: (thread id << 32) | (kind << 30) | row id, kind 0 = title, 1 = tool call,
// 2 = message. So a match names its thread without a join, a thread's rows are one rowid
// range (checking a word in a thread is a seek), and FTS5 streams matches newest thread first
// (ORDER BY rowid DESC) and stops at the limit. Contentless keeps no second copy of the text;
// its deletes must repeat the indexed text, which the triggers have in old.*. A tool call's
// thread is remembered in search_tool_calls: when a thread is deleted, its runs may be gone
// before the cascade reaches the tool calls. prefix '1 2 3': typing "p" does not merge the
// doclists of every word starting with p.
const QStringList version6 = {
    QStringLiteral("DROP TRIGGER threads_fts_insert"),
    QStringLiteral("DROP TRIGGER threads_fts_delete"),
    QStringLiteral("DROP TRIGGER threads_fts_update"),
    QStringLiteral("DROP TRIGGER messages_fts_insert"),
    QStringLiteral("DROP TRIGGER messages_fts_delete"),
    QStringLiteral("DROP TRIGGER messages_fts_update"),
    QStringLiteral("DROP TABLE threads_fts"),
    QStringLiteral("DROP TABLE messages_fts"),
    QStringLiteral("CREATE VIRTUAL TABLE search_fts USING fts5(title, tool, message, content='', "
                   "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')"),
    QStringLiteral("CREATE TABLE search_tool_calls (tool_call_id INTEGER PRIMARY KEY, "
                   "thread_id INTEGER NOT NULL)"),
    QStringLiteral(
        "CREATE TRIGGER search_thread_insert AFTER INSERT ON threads WHEN new.title != '' "
        "BEGIN INSERT INTO search_fts (rowid, title) VALUES (new.id << 32, new.title); END"),
    QStringLiteral(
        "CREATE TRIGGER search_thread_delete AFTER DELETE ON threads WHEN old.title != '' "
        "BEGIN INSERT INTO search_fts (search_fts, rowid, title) "
        "VALUES ('delete', old.id << 32, old.title); END"),
    QStringLiteral("CREATE TRIGGER search_thread_update AFTER UPDATE OF title ON threads BEGIN "
                   "INSERT INTO search_fts (search_fts, rowid, title) "
                   "SELECT 'delete', old.id << 32, old.title WHERE old.title != ''; "
                   "INSERT INTO search_fts (rowid, title) "
                   "SELECT new.id << 32, new.title WHERE new.title != ''; END"),
    QStringLiteral(
        "CREATE TRIGGER search_message_insert AFTER INSERT ON messages WHEN new.text != '' "
        "BEGIN INSERT INTO search_fts (rowid, message) "
        "VALUES (((new.thread_id << 32) | (2 << 30) | new.id), new.text); END"),
    QStringLiteral(
        "CREATE TRIGGER search_message_delete AFTER DELETE ON messages WHEN old.text != '' "
        "BEGIN INSERT INTO search_fts (search_fts, rowid, message) "
        "VALUES ('delete', ((old.thread_id << 32) | (2 << 30) | old.id), old.text); END"),
    QStringLiteral("CREATE TRIGGER search_message_update AFTER UPDATE OF text ON messages BEGIN "
                   "INSERT INTO search_fts (search_fts, rowid, message) "
                   "SELECT 'delete', ((old.thread_id << 32) | (2 << 30) | old.id), old.text "
                   "WHERE old.text != ''; "
                   "INSERT INTO search_fts (rowid, message) "
                   "SELECT ((new.thread_id << 32) | (2 << 30) | new.id), new.text "
                   "WHERE new.text != ''; END"),
    QStringLiteral("CREATE TRIGGER search_tool_call_insert AFTER INSERT ON tool_calls BEGIN "
                   "INSERT INTO search_tool_calls (tool_call_id, thread_id) "
                   "SELECT new.id, thread_id FROM runs WHERE id = new.run_id; "
                   "INSERT INTO search_fts (rowid, tool) "
                   "SELECT ((s.thread_id << 32) | (1 << 30) | new.id), "
                   "new.arguments || char(10) || coalesce(new.result, '') "
                   "FROM search_tool_calls s WHERE s.tool_call_id = new.id; END"),
    QStringLiteral("CREATE TRIGGER search_tool_call_delete AFTER DELETE ON tool_calls BEGIN "
                   "INSERT INTO search_fts (search_fts, rowid, tool) "
                   "SELECT 'delete', ((s.thread_id << 32) | (1 << 30) | old.id), "
                   "old.arguments || char(10) || coalesce(old.result, '') "
                   "FROM search_tool_calls s WHERE s.tool_call_id = old.id; "
                   "DELETE FROM search_tool_calls WHERE tool_call_id = old.id; END"),
    QStringLiteral(
        "CREATE TRIGGER search_tool_call_update AFTER UPDATE OF arguments, result ON tool_calls "
        "BEGIN INSERT INTO search_fts (search_fts, rowid, tool) "
        "SELECT 'delete', ((s.thread_id << 32) | (1 << 30) | old.id), "
        "old.arguments || char(10) || coalesce(old.result, '') "
        "FROM search_tool_calls s WHERE s.tool_call_id = old.id; "
        "INSERT INTO search_fts (rowid, tool) "
        "SELECT ((s.thread_id << 32) | (1 << 30) | new.id), "
        "new.arguments || char(10) || coalesce(new.result, '') "
        "FROM search_tool_calls s WHERE s.tool_call_id = new.id; END"),
    // Index what the file already holds (100,000 threads: about 15 s).
    QStringLiteral("INSERT INTO search_fts (rowid, title) SELECT id << 32, title FROM threads "
                   "WHERE title != ''"),
    QStringLiteral("INSERT INTO search_fts (rowid, message) "
                   "SELECT ((m.thread_id << 32) | (2 << 30) | m.id), m.text FROM messages m WHERE "
                   "m.text != ''"),
    QStringLiteral("INSERT INTO search_tool_calls (tool_call_id, thread_id) "
                   "SELECT t.id, r.thread_id FROM tool_calls t JOIN runs r ON r.id = t.run_id"),
    QStringLiteral("INSERT INTO search_fts (rowid, tool) "
                   "SELECT ((s.thread_id << 32) | (1 << 30) | t.id), t.arguments || char(10) || "
                   "coalesce(t.result, '') "
                   "FROM tool_calls t JOIN search_tool_calls s ON s.tool_call_id = t.id"),
};

// Issue 18: a thread's optional budget in US dollars; a run stops (and offers to continue)
// once the thread's cost reaches it. No row: no budget.
const QStringList version7 = {
    QStringLiteral(R"(CREATE TABLE thread_budgets (
        thread_id INTEGER PRIMARY KEY REFERENCES threads (id) ON DELETE CASCADE,
        budget_usd REAL NOT NULL,
        updated_at INTEGER NOT NULL)
    )"),
};

// Issue 19, long threads: a page of a thread finds the runs that left no message (they failed
// at once) by when they started; without this index that read scanned all the thread's runs.
const QStringList version8 = {
    QStringLiteral("CREATE INDEX runs_by_thread_start ON runs (thread_id, started_at)"),
};

// Issue 19, search of tool calls: words at the start of a line of output were indexed with the
// JSON escape before them ("\nFAILED" as "nFAILED") and so never found, and a megabyte of
// output was indexed whole on the window's thread. Version 9 indexes Migrations::toolSearchText:
// every tool call comes out of the index as version 6 put it in, and goes back in as that.
QString toolCallKey(const QString &row)
{
    return QStringLiteral("((s.thread_id << 32) | (1 << 30) | %1.id)").arg(row);
}

const QStringList version9 = {
    QStringLiteral("DROP TRIGGER search_tool_call_insert"),
    QStringLiteral("DROP TRIGGER search_tool_call_delete"),
    QStringLiteral("DROP TRIGGER search_tool_call_update"),
    QStringLiteral("INSERT INTO search_fts (search_fts, rowid, tool) "
                   "SELECT 'delete', %1, t.arguments || char(10) || coalesce(t.result, '') "
                   "FROM tool_calls t JOIN search_tool_calls s ON s.tool_call_id = t.id")
        .arg(toolCallKey(QStringLiteral("t"))),
    QStringLiteral("INSERT INTO search_fts (rowid, tool) SELECT %1, %2 "
                   "FROM tool_calls t JOIN search_tool_calls s ON s.tool_call_id = t.id")
        .arg(toolCallKey(QStringLiteral("t")), Migrations::toolSearchText(QStringLiteral("t"))),
    QStringLiteral("CREATE TRIGGER search_tool_call_insert AFTER INSERT ON tool_calls BEGIN "
                   "INSERT INTO search_tool_calls (tool_call_id, thread_id) "
                   "SELECT new.id, thread_id FROM runs WHERE id = new.run_id; "
                   "INSERT INTO search_fts (rowid, tool) SELECT %1, %2 "
                   "FROM search_tool_calls s WHERE s.tool_call_id = new.id; END")
        .arg(toolCallKey(QStringLiteral("new")), Migrations::toolSearchText(QStringLiteral("new"))),
    QStringLiteral("CREATE TRIGGER search_tool_call_delete AFTER DELETE ON tool_calls BEGIN "
                   "INSERT INTO search_fts (search_fts, rowid, tool) SELECT 'delete', %1, %2 "
                   "FROM search_tool_calls s WHERE s.tool_call_id = old.id; "
                   "DELETE FROM search_tool_calls WHERE tool_call_id = old.id; END")
        .arg(toolCallKey(QStringLiteral("old")), Migrations::toolSearchText(QStringLiteral("old"))),
    QStringLiteral("CREATE TRIGGER search_tool_call_update AFTER UPDATE OF arguments, result ON "
                   "tool_calls BEGIN "
                   "INSERT INTO search_fts (search_fts, rowid, tool) SELECT 'delete', %1, %2 "
                   "FROM search_tool_calls s WHERE s.tool_call_id = old.id; "
                   "INSERT INTO search_fts (rowid, tool) SELECT %3, %4 "
                   "FROM search_tool_calls s WHERE s.tool_call_id = new.id; END")
        .arg(toolCallKey(QStringLiteral("old")), Migrations::toolSearchText(QStringLiteral("old")),
             toolCallKey(QStringLiteral("new")), Migrations::toolSearchText(QStringLiteral("new"))),
};

const QList<const QStringList *> steps = {&version1, &version2, &version3, &version4, &version5,
                                          &version6, &version7, &version8, &version9};
static_assert(Migrations::latestVersion == 9, "add the new step to the steps list");

bool run(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    *error = query.lastError().text();
    return false;
}

} // namespace

QString Migrations::toolSearchText(const QString &row)
{
    // The JSON escapes of a line break, a tab and a backslash, as spaces; the escaped backslash
    // first, so that "\\n" (a backslash, then n) is not read as a line break.
    const auto unescaped = [](const QString &sql) {
        return QStringLiteral(
                   "replace(replace(replace(replace(%1, '\\\\', ' '), '\\n', ' '), '\\r', "
                   "' '), '\\t', ' ')")
            .arg(sql);
    };
    // The first `head` and the last `tail` characters of a long text.
    const auto ends = [](const QString &sql, int head, int tail) {
        return QStringLiteral("CASE WHEN length(%1) <= %2 THEN %1 ELSE substr(%1, 1, %3) || "
                              "char(10) || substr(%1, -%4) END")
            .arg(sql)
            .arg(head + tail)
            .arg(head)
            .arg(tail);
    };
    return unescaped(ends(row + QStringLiteral(".arguments"), 8192, 4096))
        + QStringLiteral(" || char(10) || ")
        + unescaped(ends(QStringLiteral("coalesce(%1.result, '')").arg(row), 4096, 8192));
}

StoreResult<int> Migrations::currentVersion(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return StoreResult<int>::failure(query.lastError().text());
    return query.value(0).toInt();
}

StoreStatus Migrations::migrate(QSqlDatabase &db, int targetVersion)
{
    const StoreResult<int> current = currentVersion(db);
    if (!current)
        return StoreStatus::failure(QStringLiteral("Cannot read the schema version of %1: %2.")
                                        .arg(db.databaseName(), current.error()));
    if (current.value() > latestVersion)
        return StoreStatus::failure(
            QStringLiteral("%1 was written by a newer version of Agent Studio (database schema "
                           "%2; this version understands up to %3). It was left unchanged. "
                           "Update Agent Studio, or start with another data folder "
                           "(--data-dir).")
                .arg(db.databaseName())
                .arg(current.value())
                .arg(latestVersion));

    for (int version = current.value() + 1; version <= targetVersion; ++version) {
        qCInfo(lcStore) << "migrating" << db.databaseName() << "to schema version" << version;
        QString error;
        // IMMEDIATE: take the write lock now, so a second instance waits instead of failing
        // halfway through.
        bool ok = run(db, QStringLiteral("BEGIN IMMEDIATE"), &error);
        if (ok) {
            for (const QString &sql : *steps.at(version - 1)) {
                if (!(ok = run(db, sql, &error)))
                    break;
            }
        }
        ok = ok && run(db, QStringLiteral("PRAGMA user_version = %1").arg(version), &error);
        ok = ok && run(db, QStringLiteral("COMMIT"), &error);
        if (!ok) {
            QString ignored;
            run(db, QStringLiteral("ROLLBACK"), &ignored);
            return StoreStatus::failure(
                QStringLiteral("Cannot update %1 to schema version %2: %3. The file was left "
                               "at version %4; check that the disk is not full and the file is "
                               "writable, then start Agent Studio again.")
                    .arg(db.databaseName())
                    .arg(version)
                    .arg(error)
                    .arg(version - 1));
        }
    }
    return {};
}
