// Writes a fixture database at an old schema version, with realistic rows, for the migration
// tests (tests/data/store/README.md says when and how to run it). The rows are written with
// SQL frozen at that version on purpose: the Store API always speaks the latest schema.
//
//   make_store_fixture 1 tests/data/store/v1.sqlite3
//   make_store_fixture 2 tests/data/store/v2.sqlite3
//   make_store_fixture 5 tests/data/store/v5.sqlite3
#include "store/Migrations.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

#include <cstdlib>

namespace {

[[noreturn]] void fail(const QString &what)
{
    QTextStream(stderr) << "make_store_fixture: " << what << '\n';
    std::exit(1);
}

void run(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        fail(sql + QStringLiteral(": ") + query.lastError().text());
}

// Version 1: what a user of the first release has after a few sessions, including a crash
// in the middle of a streamed answer and of a running tool call. Times: 2026-01-0x, in ms.
const QStringList version1Rows = {
    QStringLiteral(
        "INSERT INTO threads (id, uuid, title, model, created_at, updated_at, pinned, archived) "
        "VALUES "
        "(1, 'f1b9a1de-0001-4000-8000-000000000001', 'Reverse a string in Python', "
        "'openai/gpt-4o-mini', 1767225600000, 1767225900000, 0, 0), "
        "(2, 'f1b9a1de-0002-4000-8000-000000000002', 'Grüße an den Parser — café ☕', "
        "'anthropic/claude-sonnet-4-5', 1767312000000, 1767312300000, 1, 0), "
        "(3, 'f1b9a1de-0003-4000-8000-000000000003', 'Old experiment', "
        "'ollama/qwen2.5-coder', 1767398400000, 1767398400000, 0, 1)"),
    QStringLiteral(
        "INSERT INTO runs (id, thread_id, uuid, status, model, input_tokens, output_tokens, "
        "total_tokens, reasoning_tokens, cached_tokens, started_at, finished_at, error) VALUES "
        "(1, 1, 'a0000000-0001-4000-8000-000000000001', 'completed', 'openai/gpt-4o-mini', "
        "1200, 300, 1500, 0, 1024, 1767225601000, 1767225640000, ''), "
        "(2, 2, 'a0000000-0002-4000-8000-000000000002', 'running', "
        "'anthropic/claude-sonnet-4-5', 800, 0, 800, 0, 0, 1767312001000, NULL, '')"),
    QStringLiteral(
        "INSERT INTO messages (id, thread_id, run_id, uuid, position, role, parts, text, status, "
        "created_at, updated_at) VALUES "
        "(1, 1, NULL, 'b0000000-0001-4000-8000-000000000001', 0, 'user', "
        "'[{\"type\":\"text\",\"text\":\"Write a function that reverses a string, with unit "
        "tests, and run them.\"}]', 'Write a function that reverses a string, with unit tests, "
        "and run them.', 'complete', 1767225600500, 1767225600500), "
        "(2, 1, 1, 'b0000000-0002-4000-8000-000000000002', 1, 'assistant', "
        "'[{\"type\":\"text\",\"text\":\"I will write reverse.py and a pytest file.\"},"
        "{\"type\":\"tool-call\",\"toolCallId\":\"call_w1\",\"toolName\":\"writeFile\","
        "\"args\":{\"path\":\"reverse.py\"}},{\"type\":\"text\",\"text\":\"All 3 tests "
        "passed.\"}]', 'I will write reverse.py and a pytest file.\nAll 3 tests passed.', "
        "'complete', 1767225602000, 1767225640000), "
        "(3, 2, NULL, 'b0000000-0003-4000-8000-000000000003', 0, 'user', "
        "'[{\"type\":\"text\",\"text\":\"Écris un analyseur pour les dates ISO 8601\"}]', "
        "'Écris un analyseur pour les dates ISO 8601', 'complete', 1767312000500, "
        "1767312000500), "
        "(4, 2, 2, 'b0000000-0004-4000-8000-000000000004', 1, 'assistant', '[]', '', "
        "'streaming', 1767312002000, 1767312002000)"),
    // The app was killed while message 4 streamed: its chunks were never folded.
    QStringLiteral("INSERT INTO message_chunks (message_id, kind, text) VALUES "
                   "(4, 'reasoning', 'The user wants a parser. '), "
                   "(4, 'text', 'Voici un analyseur '), "
                   "(4, 'text', 'de dates qui gère les fuseaux horaires')"),
    QStringLiteral(
        "INSERT INTO steps (id, run_id, step_index, finish_reason, input_tokens, output_tokens, "
        "total_tokens, reasoning_tokens, cached_tokens, time_to_first_token_ms, duration_ms, "
        "started_at, finished_at) VALUES "
        "(1, 1, 0, 'tool_calls', 500, 120, 620, 0, 512, 420, 3100, 1767225601000, "
        "1767225604100), "
        "(2, 1, 1, 'stop', 700, 180, 880, 0, 512, 380, 2900, 1767225637000, 1767225640000), "
        "(3, 2, 0, '', 800, 0, 800, 0, 0, 610, NULL, 1767312001000, NULL)"),
    QStringLiteral(
        "INSERT INTO tool_calls (id, run_id, step_id, call_id, name, arguments, result, status, "
        "decision, decision_reason, proposed_at, decided_at, started_at, finished_at) VALUES "
        "(1, 1, 1, 'call_w1', 'writeFile', '{\"path\":\"reverse.py\",\"content\":\"def "
        "reverse(s):\\n    return s[::-1]\\n\"}', '{\"ok\":true}', 'done', 'approved', '', "
        "1767225604000, 1767225606000, 1767225606000, 1767225606100), "
        "(2, 1, 1, 'call_rm', 'exec', '{\"command\":\"rm -rf /\"}', NULL, 'denied', 'denied', "
        "'never delete everything', 1767225604000, 1767225607000, NULL, NULL), "
        "(3, 2, 3, 'toolu_01', 'exec', '{\"command\":\"python -m pytest\"}', NULL, 'running', "
        "'auto', '', 1767312003000, 1767312003000, 1767312003000, NULL)"),
    QStringLiteral(
        "INSERT INTO sandboxes (id, provider, remote_id, name, language, labels, state, "
        "thread_id, created_at, updated_at) VALUES "
        "(1, 'local', 'sb-7f3a', 'reverse-string', 'python', "
        "'{\"agent-studio/thread\":\"f1b9a1de-0001-4000-8000-000000000001\"}', 'stopped', 1, "
        "1767225603000, 1767225700000), "
        "(2, 'daytona', '0b8e5c2a-daytona', 'iso-parser', 'typescript', '{}', 'started', 2, "
        "1767312002500, 1767312002500)"),
};

// A completed run 3 in thread 1 whose one tool call printed about 20 KiB: "capybara" on its
// first line, "okapi" halfway, "quokka" on its last line (version 9 indexes only the ends of a
// long output; the file of an older version holds all of it in its search index).
void bigOutputRows(QSqlDatabase &db)
{
    run(db,
        QStringLiteral(
            "INSERT INTO runs (id, thread_id, uuid, status, model, input_tokens, output_tokens, "
            "total_tokens, reasoning_tokens, cached_tokens, started_at, finished_at, error) "
            "VALUES (3, 1, 'a0000000-0003-4000-8000-000000000003', 'completed', "
            "'openai/gpt-4o-mini', 100, 10, 110, 0, 0, 1767225700000, 1767225760000, '')"));
    run(db,
        QStringLiteral("INSERT INTO steps (id, run_id, step_index, finish_reason, input_tokens, "
                       "output_tokens, total_tokens, reasoning_tokens, cached_tokens, "
                       "time_to_first_token_ms, duration_ms, started_at, finished_at) VALUES "
                       "(4, 3, 0, 'tool_calls', 100, 10, 110, 0, 0, 300, 1000, 1767225700000, "
                       "1767225701000)"));
    QStringList lines{QStringLiteral("capybara: building")};
    for (int i = 0; i < 600; ++i)
        lines << (i == 300 ? QStringLiteral("okapi halfway")
                           : QStringLiteral("filler%1 ok").arg(i));
    lines << QStringLiteral("quokka: done");
    const QString result = QStringLiteral("{\"stdout\":\"") + lines.join(QStringLiteral("\\n"))
        + QStringLiteral("\"}");
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO tool_calls (id, run_id, step_id, call_id, name, arguments, result, status, "
        "decision, decision_reason, proposed_at, decided_at, started_at, finished_at) VALUES "
        "(4, 3, 4, 'call_big', 'runCommand', '{\"command\":\"make all\"}', ?, 'done', 'auto', "
        "'', 1767225700100, 1767225700100, 1767225700100, 1767225760000)"));
    query.addBindValue(result);
    if (!query.exec())
        fail(query.lastError().text());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3)
        fail(QStringLiteral("usage: make_store_fixture VERSION OUTPUT.sqlite3"));
    const int version = args.at(1).toInt();
    const QString path = args.at(2);
    // Version 2 only added the full-text index (filled by its triggers), version 3 the
    // always-allowed tools (one row below), version 4 the checkpoint tables, version 5 the
    // approval tables (empty), version 6 the search index (filled by its triggers), version 7
    // the thread budgets (empty) and version 8 an index: the same rows otherwise. From version 8
    // on, thread 1 also has a run whose tool call printed 20 KiB (see bigOutputRows).
    if (version < 1 || version > 8)
        fail(QStringLiteral("only versions 1 to 8 have fixture rows so far"));
    QFile::remove(path);
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fixture"));
        db.setDatabaseName(path);
        if (!db.open())
            fail(db.lastError().text());
        run(db, QStringLiteral("PRAGMA foreign_keys = ON"));
        const StoreStatus migrated = Migrations::migrate(db, version);
        if (!migrated)
            fail(migrated.error());
        run(db, QStringLiteral("BEGIN"));
        for (const QString &sql : version1Rows)
            run(db, sql);
        if (version >= 3)
            run(db,
                QStringLiteral("INSERT INTO thread_tool_permissions (thread_id, tool, "
                               "allowed_at) VALUES (1, 'runCommand', 1767312003000)"));
        if (version >= 8)
            bigOutputRows(db);
        run(db, QStringLiteral("COMMIT"));
        run(db, QStringLiteral("VACUUM")); // a small, deterministic single file
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fixture"));
    QTextStream(stdout) << "wrote " << path << " at schema version " << version << '\n';
    return 0;
}
