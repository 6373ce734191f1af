#!/bin/bash
# Runs a test binary as an unprivileged user (nobody) when ctest runs as root, so the local
# sandbox's isolation is also exercised on the non-root path (the server as a normal user,
# sandboxes mapped to that user). As a normal user it just runs the test.
#
# The build tree may sit where nobody cannot reach it (a clone under a mode-700 folder, as a
# fresh `mktemp -d` is): every executable argument nobody cannot run (the test binary,
# with-keyring.sh) is then copied into a fresh root-owned, world-readable folder under the
# shared scratch folder and run from there, and the copies are removed afterwards; so is the
# test data folder named by STUDIO_TEST_DATA_DIR (the tests read that variable). Where the
# binaries link the project's libraries as shared ones (dev and asan presets), the libraries that
# nobody cannot read are copied too, and LD_LIBRARY_PATH (searched before the binary's
# RUNPATH) points at the copies.
#
# Should nobody still be unable to run it, the test is skipped (exit 77), except under CI=true
# (scripts/studio.sh test --ci sets it), where a skipped unprivileged test is a failure.
set -u

if [ "$(id -u)" != 0 ]; then
    exec "$@"
fi

skip_or_fail() {
    echo "run-unprivileged: $*" >&2
    if [ "${CI:-}" = true ]; then
        echo "run-unprivileged: CI=true: a test that cannot run as nobody fails" >&2
        exit 1
    fi
    exit 77
}

as_nobody() {
    setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

# One shared scratch folder (sticky, like /tmp) for every test run as nobody, so that what they
# create is not mistaken by a root test running beside them for files a sandbox left in /tmp.
scratch=/tmp/studio-unprivileged-tests
mkdir -p "$scratch" && chmod 1777 "$scratch" || exit 1
if [ -L "$scratch" ] || [ "$(stat -c %u "$scratch")" != 0 ]; then
    echo "run-unprivileged: $scratch is not a folder owned by root; remove it" >&2
    exit 1
fi
# Copies left by runs that were killed (a ctest timeout) for more than a day.
find "$scratch" -maxdepth 1 -name 'stage.*' -user 0 -mmin +1440 -exec rm -rf -- {} + 2>/dev/null

stage=""
child=""
cleanup() {
    if [ -n "$child" ]; then
        kill "$child" 2>/dev/null
        wait "$child" 2>/dev/null
    fi
    if [ -n "$stage" ]; then
        rm -rf -- "$stage"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

make_stage() {
    if [ -z "$stage" ]; then
        # mktemp -d: a new folder of our own even in a folder everyone may write to.
        stage="$(mktemp -d "$scratch/stage.XXXXXX")" && chmod 755 "$stage" ||
            skip_or_fail "cannot create a folder for the copies in $scratch"
    fi
}

# The shared libraries an executable loads from where nobody cannot read them (ldd, run as
# root, resolves them through the binary's RUNPATH), copied into $stage/lib.
copy_libraries() {
    local lib
    while read -r lib; do
        [ -f "$lib" ] || continue
        if ! as_nobody test -r "$lib" 2>/dev/null; then
            mkdir -p -m 755 "$stage/lib" && cp -- "$lib" "$stage/lib/" &&
                chmod 755 "$stage/lib/$(basename -- "$lib")" ||
                skip_or_fail "cannot copy the library $lib to $stage"
        fi
    done < <(ldd "$1" 2>/dev/null | sed -n 's/^.* => \(\/[^ ]*\) (0x[0-9a-f]*)$/\1/p')
}

data="${STUDIO_TEST_DATA_DIR:-}"
if [ -n "$data" ] && [ -d "$data" ] && ! as_nobody test -r "$data" -a -x "$data" 2>/dev/null; then
    make_stage
    cp -r -- "$data" "$stage/data" && chmod -R a+rX "$stage/data" ||
        skip_or_fail "cannot copy the test data $data to $stage"
    echo "run-unprivileged: nobody cannot reach $data; using a copy in $stage" >&2
    export STUDIO_TEST_DATA_DIR="$stage/data"
fi

args=()
n=0
for arg in "$@"; do
    if [ -f "$arg" ] && [ -x "$arg" ] && ! as_nobody test -x "$arg" 2>/dev/null; then
        make_stage
        n=$((n + 1))
        # Mode 755 also when a umask of 077 built it 0700.
        copy="$stage/$n/$(basename -- "$arg")"
        mkdir -m 755 "$stage/$n" && cp -- "$arg" "$copy" && chmod 755 "$copy" ||
            skip_or_fail "cannot copy $arg to $stage"
        echo "run-unprivileged: nobody cannot reach $arg; running a copy in $stage" >&2
        copy_libraries "$arg"
        arg="$copy"
    fi
    args+=("$arg")
done
if [ -n "$stage" ] && [ -d "$stage/lib" ]; then
    export LD_LIBRARY_PATH="$stage/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
# LeakSanitizer aborts the test at exit when it cannot read its suppressions file (the asan
# preset names one in the source tree): a copy where nobody can read it.
supp="$(printf '%s' "${LSAN_OPTIONS:-}" | sed -n 's/.*suppressions=\([^:]*\).*/\1/p')"
if [ -n "$supp" ] && [ -f "$supp" ] && ! as_nobody test -r "$supp" 2>/dev/null; then
    make_stage
    cp -- "$supp" "$stage/lsan.supp" && chmod 644 "$stage/lsan.supp" ||
        skip_or_fail "cannot copy the LeakSanitizer suppressions $supp to $stage"
    export LSAN_OPTIONS="${LSAN_OPTIONS//$supp/$stage/lsan.supp}"
fi

if ! as_nobody test -x "${args[0]}"; then
    skip_or_fail "nobody cannot execute ${args[0]}"
fi
cd "$scratch" || exit 1
# In the background, so that INT/TERM reach the trap (which stops the test and removes the copies).
as_nobody env HOME="$scratch" TMPDIR="$scratch" "${args[@]}" <&0 &
child=$!
wait "$child"
rc=$?
child=""
exit "$rc"
