#!/usr/bin/env bash
# Runs every test: set up, build, the hosted tests under ASan+UBSan, TSan and valgrind
# (scripts/reliability.sh), a short soak (the timing-dependent labels while 3 x nproc busy
# loops compete for the CPUs: scripts/soak.sh; AXV_SOAK_REPETITIONS, default 2, 0 skips it),
# then the whole ctest suite (all labels), whose summary ends the output.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
"$root/scripts/reliability.sh"
soak_reps=${AXV_SOAK_REPETITIONS:-2}
if [ "$soak_reps" -gt 0 ]; then
    BUILD_DIR=$build "$root/scripts/soak.sh" "$soak_reps"
fi
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
