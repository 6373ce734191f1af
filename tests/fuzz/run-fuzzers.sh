#!/bin/sh
# Builds the libFuzzer targets with clang (AddressSanitizer + UBSan) in their own small CMake
# project and runs each for a bounded time on its seed corpus. Exits non-zero on the first crash;
# libFuzzer leaves the input as crash-* in the working folder: fix the bug, then keep the input
# in tests/fuzz/regressions/<target>/ so the replay test catches it in every build.
#
#   tests/fuzz/run-fuzzers.sh [seconds per target, default 20] [build folder]
# Needs: clang (14) and libclang-rt-14-dev.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-20}
build=${2:-$here/../../build/fuzz}
clangxx=${CXX_FUZZ:-$(command -v clang++ || command -v clang++-14)}
started=$(date +%s)

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER="$clangxx" ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} >/dev/null
cmake --build "$build" -j"${JOBS:-2}"
built=$(date +%s)
echo "fuzzers built in $((built - started)) s"

status=0
for target in sse accumulator multipart schema; do
    work=$build/work/$target
    mkdir -p "$work/corpus" "$work/artifacts"
    # New inputs go to a scratch corpus; the seeds in the source tree stay as they are.
    dict=""
    [ -f "$here/dict/$target.dict" ] && dict="-dict=$here/dict/$target.dict"
    (cd "$work" && "$build/fuzz_$target" $dict -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
        "$work/corpus" "$here/corpus/$target" "$here/regressions/$target" 2>"$work/log") || {
        status=1
        echo "fuzz_$target: CRASH, input kept in $work/artifacts/"
        tail -n 40 "$work/log"
        continue
    }
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$' || echo '?')
    echo "fuzz_$target: ${seconds}s, $runs runs, no crash"
done
echo "run-fuzzers.sh took $(( $(date +%s) - started )) s"
exit $status
