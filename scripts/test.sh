#!/usr/bin/env bash
# Runs every test: set up, build, the hosted tests under ASan+UBSan, TSan and valgrind
# (scripts/reliability.sh), the whole ctest suite (all labels), then a short soak: the
# timing-dependent labels again while 3 x nproc busy loops compete for the CPUs
# (scripts/soak.sh; AXV_SOAK_REPETITIONS, default 2, 0 skips it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
"$root/scripts/reliability.sh"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
soak_reps=${AXV_SOAK_REPETITIONS:-2}
if [ "$soak_reps" -gt 0 ]; then
    BUILD_DIR=$build "$root/scripts/soak.sh" "$soak_reps"
fi
