#!/bin/bash
# with-keyring.sh [--no-keyring | --locked-keyring] [--bus-config FILE] COMMAND [ARGS...]
#
# Runs COMMAND under a private D-Bus session bus with its own gnome-keyring-daemon (the Secret
# Service only), unlocked with a throwaway password, so keychain tests use a real Secret Service
# and never touch the user's keyring. HOME and the XDG folders point into a fresh temporary
# folder that is removed afterwards. Works as root, without a display and without stdin (CI);
# COMMAND's stdin is passed through. Exits with COMMAND's exit code (125 if the keyring could not
# be set up).
#
#   --no-keyring       start no keyring: tests of the "no Secret Service" path
#   --locked-keyring   start no keyring either, but let the bus activate gnome-keyring on demand,
#                      never unlocked: the headless case where it has no login collection
#   --bus-config FILE  start the bus with this dbus-daemon configuration instead of the standard
#                      session one (e.g. one without service folders, so nothing can be
#                      D-Bus-activated to provide org.freedesktop.secrets)
#
# A headless gnome-keyring has no "login" collection unless it is unlocked at start, and then
# every write fails with "Object does not exist at path /org/freedesktop/secrets/collection/login"
# (specs/security.md §3.1); --unlock creates it, and the script checks that it is the default
# and that secret-tool can store, read and delete an item in it before COMMAND runs.
#
# As root in a container, dbus-daemon prints "Failed to set fd limit to 65536: Operation not
# permitted"; that is harmless.
set -uo pipefail

readonly self="$(readlink -f -- "${BASH_SOURCE[0]}")"

fail() {
    echo "with-keyring.sh: $*" >&2
    exit 125
}

secrets_call() {
    # secrets_call METHOD [ARGS...]: calls org.freedesktop.Secret.Service.METHOD, prints the reply.
    local method=$1
    shift
    dbus-send --session --print-reply=literal --reply-timeout=5000 \
        --dest=org.freedesktop.secrets /org/freedesktop/secrets \
        "org.freedesktop.Secret.Service.$method" "$@"
}

inside_session() {
    if [[ "$WITH_KEYRING_MODE" != unlocked ]]; then
        "$@"
        return $?
    fi
    local log="$WITH_KEYRING_DIR/gnome-keyring.log"
    local password
    password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

    # --unlock reads the password from stdin and creates the login collection with it.
    printf '%s' "$password" |
        gnome-keyring-daemon --foreground --unlock --components=secrets >"$log" 2>&1 &
    local daemon=$!
    # shellcheck disable=SC2064 # expand $daemon now
    trap "kill $daemon 2>/dev/null; wait $daemon 2>/dev/null" EXIT

    local owned=""
    for _ in $(seq 1 200); do
        owned="$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus \
            /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
            string:org.freedesktop.secrets 2>/dev/null | tr -d ' ')"
        [[ "$owned" == *true* ]] && break
        kill -0 "$daemon" 2>/dev/null || break
        sleep 0.05
    done
    if [[ "$owned" != *true* ]]; then
        cat "$log" >&2
        fail "gnome-keyring-daemon did not provide org.freedesktop.secrets on the private bus."
    fi

    local login=/org/freedesktop/secrets/collection/login
    local alias
    alias="$(secrets_call ReadAlias string:default 2>&1 | tr -d ' ')"
    if [[ "$alias" != "$login" ]]; then
        secrets_call SetAlias string:default "objpath:$login" >/dev/null 2>&1 ||
            fail "could not make the login collection the default (ReadAlias said: $alias)."
        alias="$(secrets_call ReadAlias string:default 2>&1 | tr -d ' ')"
        [[ "$alias" == "$login" ]] || fail "the default collection is '$alias', not $login."
    fi

    # A real client round trip through the default collection, as the tests will do it.
    local probe=with-keyring-probe-$$
    printf '%s' "$probe" | secret-tool store --label=with-keyring.sh with-keyring probe ||
        fail "secret-tool could not store an item in the private keyring."
    [[ "$(secret-tool lookup with-keyring probe)" == "$probe" ]] ||
        fail "secret-tool could not read back the item it stored in the private keyring."
    secret-tool clear with-keyring probe || fail "secret-tool could not delete its test item."

    local rc=0
    "$@" || rc=$?
    return "$rc"
}

if [[ "${1-}" == "--inside-session" ]]; then
    shift
    inside_session "$@"
    exit $?
fi

mode=unlocked
bus_config=()
while [[ $# -gt 0 ]]; do
    case "$1" in
    --no-keyring)
        mode=none
        shift
        ;;
    --locked-keyring)
        mode=locked
        shift
        ;;
    --bus-config)
        [[ $# -ge 2 && -r "$2" ]] || fail "--bus-config needs a readable dbus-daemon configuration file."
        bus_config=("--config-file=$(readlink -f -- "$2")")
        shift 2
        ;;
    *) break ;;
    esac
done
if [[ $# -eq 0 ]]; then
    echo "usage: with-keyring.sh [--no-keyring | --locked-keyring] [--bus-config FILE] COMMAND" \
        "[ARGS...]" >&2
    exit 125
fi
for tool in dbus-run-session dbus-send gnome-keyring-daemon secret-tool; do
    command -v "$tool" >/dev/null ||
        fail "'$tool' is missing; install the packages dbus-bin, gnome-keyring and libsecret-tools."
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/with-keyring.XXXXXX")" || fail "cannot create a temporary folder."
child=""
descendants() {
    local pid
    for pid in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
        echo "$pid"
        descendants "$pid"
    done
}
cleanup() {
    # Interrupted (INT/TERM, e.g. a ctest timeout): stop the whole session we started, the
    # command, the daemon and the bus, not only dbus-run-session.
    if [[ -n "$child" ]]; then
        local pids
        pids="$(descendants "$child")"
        kill "$child" $pids 2>/dev/null
        wait "$child" 2>/dev/null
    fi
    rm -rf -- "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for dir in home data config cache state runtime; do
    mkdir -m 700 "$tmp/$dir" || fail "cannot create $tmp/$dir."
done
export WITH_KEYRING_DIR="$tmp"
export WITH_KEYRING_MODE="$mode"
export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_STATE_HOME="$tmp/state"
export XDG_RUNTIME_DIR="$tmp/runtime"
# Nothing from the caller's desktop session may leak in.
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY GNOME_KEYRING_CONTROL SSH_AUTH_SOCK \
    QTKEYCHAIN_BACKEND

# In the background so that INT/TERM reach the trap at once; <&0 keeps COMMAND's stdin (a
# background job would otherwise read /dev/null).
dbus-run-session "${bus_config[@]}" -- "$self" --inside-session "$@" <&0 &
child=$!
wait "$child"
rc=$?
child=""
exit "$rc"
