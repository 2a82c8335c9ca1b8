#!/usr/bin/env bash
# Size report for doc/performance.md: the core (libaxvisor_api.a) and the conformance suite
# (libaxvisor_api_conformance.a) cross-built for bare-metal aarch64 and riscv64 at -O3
# (Release), -Os (MinSizeRel) and -O0 (Debug), with the toolchain files of the freestanding
# test (test/freestanding/), summed per section kind over each archive's objects: what an
# image that links every member gains at most (the linker drops members nobody references).
# It runs that test's script, which also checks that the registry fits one 4 KiB page, and
# prints only its "size:" lines. Needs cmake and the cross compilers (scripts/setup.sh).
# Usage: scripts/size-report.sh [WORK_DIR]   (default: a temporary directory, removed)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-}
if [ -z "$work" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
declare -A cross_cc=([aarch64]=aarch64-linux-gnu-gcc [riscv64]=riscv64-unknown-elf-gcc)
for arch in aarch64 riscv64; do
    log=$work/$arch.log
    if ! bash "$root/test/freestanding/check_freestanding.sh" --arch "$arch" \
        --cc "${cross_cc[$arch]}" --toolchain "$root/test/freestanding/toolchain-$arch.cmake" \
        --source "$root" --build "$work/$arch" --conformance >"$log" 2>&1; then
        cat "$log" >&2
        echo "size-report: the $arch build failed (output above)" >&2
        exit 1
    fi
    grep '^size:' "$log" | sed 's/^size: //'
done
