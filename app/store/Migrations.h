// The database schema and its history. PRAGMA user_version holds the version of the schema
// in a file; migrate() brings a file up to date one step at a time, each step in its own
// transaction, so a crash during a migration leaves the file at the previous version.
//   1: threads, messages (+ streamed chunks), runs, steps, tool calls, sandboxes
//   2: FTS5 full-text index over thread titles and message text, kept current by triggers
//   3: thread_tool_permissions ("always allow this tool in this thread")
//   4: checkpoints (issue 15)
//   5: approval rules, thread approval modes, tool call approvals, plans (issue 16)
//   6: one search index over titles, messages and tool calls, clustered by thread (issue 19)
//   7: thread budgets (issue 18); 8: an index of runs by start time (issue 19)
//   9: tool calls searched by their words as printed, and long ones by their ends (issue 19)
#pragma once

#include "store/StoreResult.h"

#include <QSqlDatabase>

class Migrations final
{
public:
    static constexpr int latestVersion = 9;

    static StoreResult<int> currentVersion(QSqlDatabase &db);
    // Migrates from the file's version to targetVersion (latestVersion normally; older
    // targets exist for the tests that build fixture files). Refuses files newer than
    // latestVersion without changing them.
    static StoreStatus migrate(QSqlDatabase &db, int targetVersion = latestVersion);

    // What the search index holds of a tool call since version 9, as SQL over the columns of
    // `row` (a table or its alias; new or old in a trigger): its arguments and result as stored
    // (JSON) with the escapes \n, \r, \t and \\ read as spaces, so that a word that starts a
    // line is a word; and of long ones only the ends: the first 8 KiB and last 4 KiB of the
    // arguments (a command, a path), the first 4 KiB and last 8 KiB of the result (an error is
    // mostly at the end). Indexing a whole megabyte of output took up to 0.5 s on the window's
    // thread as the call finished. The triggers of version 9 index this: change it only with a
    // version that indexes every tool call again.
    static QString toolSearchText(const QString &row);
};
