#!/usr/bin/env bash
# Soak: runs the timing-dependent tests over and over while busy processes compete for every
# CPU, as on a shared CI machine. Starts 3 x nproc busy loops, runs
#   ctest --test-dir ${BUILD_DIR:-build} -L '<labels>'
# REPETITIONS times (default 10), prints one line per repetition and a summary, and stops the
# busy loops however it ends (done, failure, Ctrl-C). Exit status 0 only when every
# repetition passed. Needs a built tree (scripts/build.sh).
# Usage: scripts/soak.sh [REPETITIONS] [LABEL_REGEX]
#   LABEL_REGEX  default 'conformance|qemu|posix|sample|stress'
#   SOAK_HOGS    busy processes (default 3 x nproc); SOAK_JOBS: ctest -j (default nproc)
#   SOAK_LOGS    where each repetition's ctest output is kept (default <build>/soak):
#                rep-N.log as ctest printed it, rep-N.full.log every test's output
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
reps=${1:-10}
labels=${2:-'conformance|qemu|posix|sample|stress'}
hogs=${SOAK_HOGS:-$((3 * $(nproc)))}
jobs=${SOAK_JOBS:-$(nproc)}
logs=${SOAK_LOGS:-$build/soak}

if ! [[ $reps =~ ^[1-9][0-9]*$ ]]; then
    echo "soak: REPETITIONS must be a positive number, not '$reps'" >&2
    exit 2
fi
if [ ! -f "$build/CTestTestfile.cmake" ]; then
    echo "soak: no test tree in $build (run scripts/build.sh first)" >&2
    exit 2
fi
mkdir -p "$logs"

hog_pids=()
stop_hogs() {
    # Only the processes this script started, by their ids.
    if [ ${#hog_pids[@]} -gt 0 ]; then
        kill "${hog_pids[@]}" 2>/dev/null || true
        wait "${hog_pids[@]}" 2>/dev/null || true
        hog_pids=()
    fi
}
trap stop_hogs EXIT
trap 'stop_hogs; exit 130' INT
trap 'stop_hogs; exit 143' TERM

for ((i = 0; i < hogs; i++)); do
    # A subshell busy loop: no output, no I/O, pure CPU.
    (while :; do :; done) &
    hog_pids+=($!)
done
echo "soak: $hogs busy processes on $(nproc) CPUs; $reps repetition(s) of ctest -L '$labels' -j $jobs"

failed=0
start=$SECONDS
for ((rep = 1; rep <= reps; rep++)); do
    log=$logs/rep-$rep.log
    rep_start=$SECONDS
    if ctest --test-dir "$build" -L "$labels" -j "$jobs" --output-on-failure >"$log" 2>&1; then
        result=passed
    else
        result=FAILED
        failed=$((failed + 1))
    fi
    summary=$(grep -E '^[0-9]+% tests passed' "$log" || echo "no ctest summary")
    echo "soak: repetition $rep/$reps $result in $((SECONDS - rep_start)) s: $summary"
    if [ $result = FAILED ]; then
        # The failed tests by name, then the retries the tests reported along the way.
        sed -n '/The following tests FAILED/,$p' "$log" | sed 's/^/soak:   /'
        echo "soak:   full output: $log"
    fi
    # Every test's output, passed ones included: the retries the tests reported.
    full=$logs/rep-$rep.full.log
    cp "$build/Testing/Temporary/LastTest.log" "$full" 2>/dev/null || : >"$full"
    retries=$(grep -c 'retry [0-9]*/[0-9]*' "$full" || true)
    if [ "$retries" -gt 0 ]; then
        echo "soak:   $retries timing retries reported (grep retry $full)"
    fi
done
stop_hogs
echo "soak: $((reps - failed)) of $reps repetitions passed in $((SECONDS - start)) s with $hogs busy processes"
[ $failed -eq 0 ]
