// What the app's and agent-sandboxd's processes do first: no core dumps and no ptrace or
// /proc/PID/mem and environ reads by other processes of the same user, since their memory holds
// API keys and the sandbox server's token (specs/security.md §3).
#pragma once

#include <QString>

namespace ProcessHardening {

// PR_SET_DUMPABLE 0 and a soft RLIMIT_CORE of 0. Programs started later are not affected by
// the first (execve makes them dumpable again); they inherit the soft limit and may raise it. Empty
// on success, otherwise what failed (the caller logs it and carries on).
QString disableCoreDumps();

// Whether this process may dump core or be traced by its own user (PR_GET_DUMPABLE).
bool isDumpable();

} // namespace ProcessHardening
