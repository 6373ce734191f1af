// The database schema and its history. PRAGMA user_version holds the version of the schema
// in a file; migrate() brings a file up to date one step at a time, each step in its own
// transaction, so a crash during a migration leaves the file at the previous version.
//   1: threads, messages (+ streamed chunks), runs, steps, tool calls, sandboxes
//   2: FTS5 full-text index over thread titles and message text, kept current by triggers
//   3: thread_tool_permissions ("always allow this tool in this thread")
//   4: checkpoints (issue 15)
//   5: approval rules, thread approval modes, tool call approvals, plans (issue 16)
//   6: one search index over titles, messages and tool calls, clustered by thread (issue 19)
#pragma once

#include "store/StoreResult.h"

#include <QSqlDatabase>

class Migrations final
{
public:
    static constexpr int latestVersion = 8;

    static StoreResult<int> currentVersion(QSqlDatabase &db);
    // Migrates from the file's version to targetVersion (latestVersion normally; older
    // targets exist for the tests that build fixture files). Refuses files newer than
    // latestVersion without changing them.
    static StoreStatus migrate(QSqlDatabase &db, int targetVersion = latestVersion);
};
