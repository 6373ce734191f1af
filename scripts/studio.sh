#!/usr/bin/env bash
# Agent Studio's one-stop developer script: installs what is missing, builds, runs or tests.
#
#   scripts/studio.sh run [APP ARGS...]   install packages if missing, build, start the app
#                                         (STUDIO_PRESET=NAME: another CMake preset than dev)
#   scripts/studio.sh test                install packages if missing, build, run the whole test suite
#   scripts/studio.sh deps [--print]      only install (or print) the system packages
#
# On Debian 12 (and derivatives with apt-get) missing packages are installed with apt-get, as root
# or through sudo. Elsewhere the script prints the exact Debian package list and carries on.
# With CI=true (or --ci), `test` also fails on compiler warnings and clang-format differences,
# proves the engine builds without QtWidgets, and runs the tests under ASan + UBSan.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Build tools and libraries (Debian 12 names). qt6-websockets-dev: agent-sandboxd serves WebSockets
# (followed logs, the SDK event socket), and Qt6HttpServer's CMake package
# needs it but Debian's qt6-httpserver-dev does not depend on it.
BUILD_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite
    qt6-httpserver-dev qt6-websockets-dev qtkeychain-qt6-dev libgit2-dev libarchive-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
)
# What the app needs at run time: platform plugins, SVG icons, sandboxes, a Secret Service,
# the interpreters that sandboxes run.
RUNTIME_PACKAGES=(
    qt6-qpa-plugins libqt6svg6 bubblewrap gnome-keyring dbus dbus-bin libsecret-tools
    python3 ca-certificates passt iproute2
)
# Only the test suite and CI: formatting check, desktop-file and AppStream validators,
# dpkg-shlibdeps for the .deb's dependencies, node for the Daytona SDK test (tests/sdk),
# apparmor for apparmor_parser (tst_sandboxhostcheck parses the package's AppArmor profile).
TEST_PACKAGES=(clang-format desktop-file-utils appstream dpkg-dev nodejs clang libclang-rt-14-dev ccache apparmor)

JOBS="$(nproc 2>/dev/null || echo 2)"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'studio.sh: %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

have_apt() { command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; }

missing_packages() {
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            printf '%s\n' "$pkg"
        fi
    done
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "installing packages needs root: run this as root, or install sudo"
    fi
}

install_packages() {
    local wanted=("$@")
    if ! have_apt; then
        say "This is not a Debian-like system; install the equivalents of these Debian 12 packages:"
        printf '  %s\n' "${wanted[@]}" >&2
        return 0
    fi
    local missing
    mapfile -t missing < <(missing_packages "${wanted[@]}")
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    say "Installing ${#missing[@]} missing package(s): ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
}

build() {
    local preset="$1"
    shift
    say "Configuring and building ($preset)"
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset" -j "$JOBS" "$@"
}

# The official Daytona TypeScript SDK that tests/sdk runs against agent-sandboxd, exactly as
# pinned in tests/sdk/package-lock.json. Debian's nodejs ships without npm (its separate `npm`
# package); NodeSource's nodejs includes npm and conflicts with Debian's, so only install it
# when there is no npm at all.
# Networked local sandboxes run pasta as the sandbox's user, which opens /dev/net/tun: udev makes
# it 0666 on a desktop, a minimal machine without udev (CI's) leaves it 0600 for root only.
tun_for_sandboxes() {
    if [ "$(id -u)" = 0 ] && [ -c /dev/net/tun ] && [ "$(stat -c %a /dev/net/tun)" != 666 ]; then
        say "Making /dev/net/tun usable by every user (mode 0666, as udev does)"
        chmod 0666 /dev/net/tun
    fi
}

install_sdk() {
    if ! command -v npm >/dev/null 2>&1; then
        install_packages npm
    fi
    command -v npm >/dev/null 2>&1 ||
        die "npm is missing: install Debian's npm package (or Node.js with npm), then run: npm ci --prefix tests/sdk"
    say "Installing the Daytona SDK for tests/sdk (npm ci)"
    npm ci --prefix "$ROOT/tests/sdk" --no-audit --no-fund ||
        die "npm ci --prefix tests/sdk failed (is the npm registry reachable?)"
}

check_format() {
    say "Checking formatting (clang-format)"
    local files
    if git -C "$ROOT" rev-parse >/dev/null 2>&1; then
        mapfile -t files < <(git -C "$ROOT" ls-files '*.cpp' '*.h')
    else
        mapfile -t files < <(find app ui tests -name '*.cpp' -o -name '*.h')
    fi
    if ! clang-format --dry-run --Werror "${files[@]}"; then
        die "formatting differs from .clang-format; run: clang-format -i \$(git ls-files '*.cpp' '*.h')"
    fi
}

# Builds the .deb from a build tree, installs it with apt as a user would, and runs the
# installed executables.
check_package() {
    local dir="$1"
    say "Building and installing the Debian package"
    (cd "$dir" && rm -f ./*.deb && cpack -G DEB >/dev/null)
    local deb
    deb="$(ls "$ROOT/$dir"/agent-studio_*.deb)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall "$deb" >/dev/null
    /usr/bin/agent-studio --version
    /usr/bin/agent-studio --help >/dev/null
    /usr/bin/agent-sandboxd --help >/dev/null
    dpkg -L agent-studio | grep -q '/usr/share/applications/dev.agentstudio.AgentStudio.desktop'
    dpkg -L agent-studio | grep -q '/usr/share/metainfo/dev.agentstudio.AgentStudio.metainfo.xml'
    dpkg -L agent-studio | grep -q '/usr/share/icons/hicolor/scalable/apps/dev.agentstudio.AgentStudio.svg'
}

# What a build takes on disk and what is left, so that a full disk shows where it went.
disk_report() {
    say "Disk: build/$1 takes $(du -sh "$ROOT/build/$1" | cut -f1); $(df -h --output=avail "$ROOT" | tail -1 | tr -d ' ') left"
}

run_tests() {
    local preset="$1"
    say "Running the tests ($preset)"
    if [ "$ci" != true ]; then
        ctest --preset "$preset" -j "$JOBS"
        return
    fi
    # In CI every test must run: a skip (e.g. an unprivileged test nobody could not reach) fails.
    local log
    log="$(mktemp)"
    ctest --preset "$preset" -j "$JOBS" 2>&1 | tee "$log"
    if grep -q '\*\*\*Skipped' "$log"; then
        grep '\*\*\*Skipped' "$log" >&2
        rm -f "$log"
        die "tests were skipped (above); in CI every test must run"
    fi
    rm -f "$log"
}

cmd="${1:-}"
[ -n "$cmd" ] || { usage; exit 2; }
shift
ci=false
if [ "${CI:-}" = "true" ]; then ci=true; fi

case "$cmd" in
    deps)
        if [ "${1:-}" = "--print" ]; then
            printf '%s\n' "${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
            exit 0
        fi
        install_packages "${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
        ;;
    run)
        # STUDIO_PRESET picks another build (CI starts the app from its `ci` build).
        preset="${STUDIO_PRESET:-dev}"
        install_packages "${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}"
        build "$preset" --target agent-studio agent-sandboxd
        say "Starting Agent Studio"
        exec "$ROOT/build/$preset/agent-studio" "$@"
        ;;
    test)
        if [ "${1:-}" = "--ci" ]; then ci=true; shift; fi
        # The tests read it too: tests/app/localsandbox/run-unprivileged.sh fails instead of
        # skipping under CI=true.
        if [ "$ci" = true ]; then export CI=true; fi
        install_packages "${BUILD_PACKAGES[@]}" "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
        tun_for_sandboxes
        install_sdk
        if [ "$ci" = true ]; then
            started=$SECONDS
            # The engine's sources compile the same in the core-only and ci builds: ccache
            # compiles them once (paths are made relative to the checkout). Benchmarks run in
            # the ci build only (the asan test preset leaves out the label bench).
            if command -v ccache >/dev/null 2>&1; then
                export CMAKE_CXX_COMPILER_LAUNCHER=ccache CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
            fi
            check_format
            # The engine and the headless executables without QtGui/QtWidgets; the tests run
            # in the two full builds below.
            build core-only --target studio_core agent-studio agent-sandboxd
            # Each build is removed once it has served, so that the disk holds one at a time.
            rm -rf "$ROOT/build/core-only"
            # The whole suite, under AddressSanitizer + UBSan (warnings are errors there too).
            # The asan preset links the project's libraries as shared ones: ~140 test
            # executables with a static copy of both libraries each filled CI's disk.
            build asan
            disk_report asan
            run_tests asan
            rm -rf "$ROOT/build/asan"
            # The parsers of what the outside sends, under libFuzzer for a bounded time.
            say "Fuzzing the parsers (tests/fuzz, 10 s per target)"
            "$ROOT/tests/fuzz/run-fuzzers.sh" 10 "$ROOT/build/fuzz"
            rm -rf "$ROOT/build/fuzz"
            # Without sanitizers: the package a user installs, and the benchmarks' numbers.
            build ci --target agent-studio agent-sandboxd benchmarks
            disk_report ci
            check_package build/ci
            # The README's first command, on the build just made.
            STUDIO_PRESET=ci "$ROOT/scripts/studio.sh" run --version
            say "Builds, tests and checks took $((SECONDS - started)) s; the benchmarks follow"
            say "Running the benchmarks (ci)"
            ctest --preset ci -L bench --verbose
        else
            build dev
            run_tests dev
        fi
        ;;
    -h | --help | help)
        usage
        ;;
    *)
        usage
        exit 2
        ;;
esac
