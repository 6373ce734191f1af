#!/usr/bin/env bash
# Runs the official Daytona TypeScript SDK (brief-flow.mjs) against a freshly started
# agent-sandboxd, proving that any Daytona SDK can use our local server (issue 4).
#
#   run-sdk-flow.sh /path/to/agent-sandboxd [SDK_PACKAGE] [SCRIPT]
#
# SDK_PACKAGE is a package name from package.json (default @daytonaio/sdk, the newest; the
# contract's reference version is installed as daytona-sdk-0.190). SCRIPT is the .mjs to run
# (default brief-flow.mjs; session-flow.mjs drives sessions).
# Exits with node's status. Fails (never skips) when the SDK is not installed, and when node
# lingers more than 2 s after the script's last call (it prints LAST_CALL_AT=<ms>): a script
# must end on its own, without process.exit (the SDK's event socket is answered).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="${1:-}"
SDK_PACKAGE="${2:-@daytonaio/sdk}"
SCRIPT="${3:-brief-flow.mjs}"
[ -n "$BIN" ] && [ -x "$BIN" ] || { echo "run-sdk-flow.sh: usage: $0 /path/to/agent-sandboxd" >&2; exit 2; }
command -v node >/dev/null 2>&1 || { echo "run-sdk-flow.sh: node is missing; install Debian's nodejs" >&2; exit 1; }
if [ ! -f "$HERE/node_modules/$SDK_PACKAGE/package.json" ]; then
    echo "run-sdk-flow.sh: the Daytona SDK ($SDK_PACKAGE) is not installed in $HERE/node_modules;" \
         "run: npm ci --prefix tests/sdk" >&2
    exit 1
fi

DATA="$(mktemp -d)"
LOG="$DATA.log"
PID=""
cleanup() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
    fi
    rm -rf "$DATA" "$LOG"
}
trap cleanup EXIT
# As root the sandboxes run as nobody, which must be able to traverse the data dir.
chmod 0711 "$DATA"

"$BIN" --data-dir "$DATA" >"$LOG" 2>&1 &
PID=$!

URL=""
KEY=""
for _ in $(seq 1 200); do
    URL="$(sed -n 's/^DAYTONA_API_URL=//p' "$LOG" | head -n1)"
    KEY="$(sed -n 's/^DAYTONA_API_KEY=//p' "$LOG" | head -n1)"
    [ -n "$URL" ] && [ -n "$KEY" ] && break
    if ! kill -0 "$PID" 2>/dev/null; then
        echo "run-sdk-flow.sh: agent-sandboxd exited before printing its URL and key:" >&2
        cat "$LOG" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$URL" ] || [ -z "$KEY" ]; then
    echo "run-sdk-flow.sh: agent-sandboxd printed no DAYTONA_API_URL/DAYTONA_API_KEY within 20 s:" >&2
    cat "$LOG" >&2
    exit 1
fi
echo "agent-sandboxd is up at $URL"

status=0
# Only the two variables the SDK needs; nothing from a developer's own Daytona setup
# (.env files are read from the current directory, so run from the data dir).
(cd "$DATA" && env -u DAYTONA_JWT_TOKEN -u DAYTONA_ORGANIZATION_ID -u DAYTONA_TARGET \
    -u DAYTONA_SERVER_URL DAYTONA_API_URL="$URL" DAYTONA_API_KEY="$KEY" \
    DAYTONA_SDK_PACKAGE="$SDK_PACKAGE" timeout 240 node "$HERE/$SCRIPT") >"$DATA.out" 2>&1 || status=$?
ENDED_AT="$(date +%s%3N)"
cat "$DATA.out"
LAST_CALL_AT="$(sed -n 's/^LAST_CALL_AT=//p' "$DATA.out" | tail -n1)"
rm -f "$DATA.out"
if [ "$status" -eq 0 ]; then
    if [ -z "$LAST_CALL_AT" ]; then
        echo "run-sdk-flow.sh: $SCRIPT printed no LAST_CALL_AT line" >&2
        status=1
    else
        LINGER=$((ENDED_AT - LAST_CALL_AT))
        echo "tried: node $SCRIPT without process.exit; result: node ended ${LINGER} ms after its last call (limit 2000)"
        if [ "$LINGER" -gt 2000 ]; then
            echo "run-sdk-flow.sh: node stayed alive ${LINGER} ms after its last call; something" \
                 "(the SDK's event socket?) keeps it running" >&2
            status=1
        fi
    fi
fi

if [ "$status" -ne 0 ]; then
    echo "--- agent-sandboxd output ---" >&2
    grep -v '^DAYTONA_API_KEY=' "$LOG" >&2 || true
fi
exit "$status"
