#!/usr/bin/env bash
# Usage: scan_build.sh SOURCE_DIR WORK_DIR
# The clang static analyzer (scan-build) over a host build of its own in WORK_DIR: the core,
# the posix and mock platforms, the hosted samples and the conformance library they link
# (tests and benchmarks are not built). The bare-metal images are left out (their cross
# compiler bypasses scan-build); clang-tidy's clang-analyzer checks cover them
# (clang_tidy.sh, configuration aarch64). Passes when the analyzer reports no bug; skips
# (77) without scan-build.
set -euo pipefail
src=$(cd "$1" && pwd)
work=$2

scan_build=$(command -v scan-build) || {
    echo "scan-build is not installed: skipped (scripts/setup.sh installs clang-tools)"
    exit 77
}
clang=$(command -v clang) || {
    echo "scan_build: clang (scripts/setup.sh installs it) is needed" >&2
    exit 1
}

rm -rf "$work"
mkdir -p "$work"
# AXV_QEMU_CROSS_CC=OFF: no bare-metal images (see above); RelWithDebInfo: NDEBUG as shipped,
# so no assert() hides a path from the analyzer.
"$scan_build" --use-cc="$clang" cmake -S "$src" -B "$work/tree" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DAXV_BUILD_TESTS=OFF -DAXV_BUILD_BENCH=OFF -DAXV_BUILD_DOCS=OFF -DAXV_QEMU_CROSS_CC=OFF \
    >"$work/configure.log" 2>&1 || {
    cat "$work/configure.log"
    echo "scan_build: configuring failed" >&2
    exit 1
}
rc=0
"$scan_build" --use-cc="$clang" --status-bugs -o "$work/reports" \
    cmake --build "$work/tree" -j "$(nproc)" >"$work/build.log" 2>&1 || rc=$?
# scan-build names each report; --status-bugs makes any report (or a failed build) fail.
compiled=$(grep -c 'Building C object' "$work/build.log" || true)
if [ "$rc" -ne 0 ]; then
    grep -E 'warning:|error:|scan-build:' "$work/build.log" || tail -n 40 "$work/build.log"
    echo "scan-build: bugs reported or the build failed (status $rc); reports in $work/reports"
    exit 1
fi
if [ "$compiled" -eq 0 ]; then
    echo "scan-build: nothing was compiled: skipped"
    exit 77
fi
echo "scan-build: $compiled C files analysed, 0 bugs"
