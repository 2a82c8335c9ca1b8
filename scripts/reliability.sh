#!/usr/bin/env bash
# The reliability runs of the hosted in-process tests (labels unit, conformance, posix, mock,
# sample, stress), through the presets of CMakePresets.json: built with ASan+UBSan
# (build-asan), built with TSan (build-tsan), and the plain build (build, as scripts/build.sh
# makes it) run under valgrind memcheck. Any finding fails the run. scripts/test.sh runs this
# before the main ctest.
# Usage: scripts/reliability.sh [preset...]   (default: asan tsan valgrind)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc)
presets=("$@")
[ ${#presets[@]} -eq 0 ] && presets=(asan tsan valgrind)

# Runs a step quietly, showing its output only when it fails.
quietly() {
    local log
    log=$(mktemp)
    if ! "$@" >"$log" 2>&1; then
        cat "$log"
        rm -f "$log"
        echo "reliability: failed: $*" >&2
        return 1
    fi
    rm -f "$log"
}

for preset in "${presets[@]}"; do
    start=$SECONDS
    echo "reliability: $preset: configure and build"
    # valgrind checks the plain build as scripts/build.sh configured it (BUILD_TYPE and all);
    # the preset configures it only when it does not exist yet.
    if [ "$preset" != valgrind ] || [ ! -f build/CMakeCache.txt ]; then
        quietly cmake --preset "$preset"
    fi
    quietly cmake --build --preset "$preset" -j "$jobs"
    echo "reliability: $preset: test"
    ctest --preset "$preset" -j "$jobs"
    echo "reliability: $preset: passed in $((SECONDS - start)) s"
done
