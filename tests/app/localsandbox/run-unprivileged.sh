#!/bin/sh
# Runs a test binary as an unprivileged user (nobody) when ctest runs as root, so the local
# sandbox's isolation is also exercised on the non-root path (the server as a normal user,
# sandboxes mapped to that user). As a normal user it just runs the test.
# Exit 77 (ctest SKIP) when nobody cannot reach the binary (a build tree under a private home).
if [ "$(id -u)" != 0 ]; then
    exec "$@"
fi
if ! setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$1"; then
    echo "run-unprivileged: nobody cannot execute $1 (build tree not world-readable); skipping" >&2
    exit 77
fi
# One shared scratch folder (sticky, like /tmp) for every test run as nobody, so that what they
# create is not mistaken by a root test running beside them for files a sandbox left in /tmp.
scratch=/tmp/studio-unprivileged-tests
mkdir -p "$scratch" && chmod 1777 "$scratch" || exit 1
cd "$scratch" || exit 1
exec setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$scratch" TMPDIR="$scratch" "$@"
