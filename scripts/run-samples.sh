#!/usr/bin/env bash
# The main job: set up, build, run the hosted mini-VMM with its defaults (progress line and
# final table), then every sample as ctest runs them (label "sample").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
"$build/samples/hosted-vmm/hosted-vmm"
ctest --test-dir "$build" -L sample --output-on-failure
