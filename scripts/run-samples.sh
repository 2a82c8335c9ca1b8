#!/usr/bin/env bash
# The main job: set up, build, and run every sample (ctest label "sample"), showing output.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
ctest --test-dir "$build" -L sample --output-on-failure -V
