#!/usr/bin/env bash
# Runs every test: set up, build, the hosted tests under ASan+UBSan, TSan and valgrind
# (scripts/reliability.sh), then the whole ctest suite (all labels).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
"$root/scripts/reliability.sh"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
