#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, if any are missing.
# Used by the README's commands and by CI; safe to run again (it only installs what is missing).
set -euo pipefail

packages=(
    cmake make gcc g++ clang binutils pkgconf python3
    libgtest-dev libgmock-dev
    gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
    gcc-riscv64-unknown-elf
    qemu-system-arm
    qemu-system-misc    # qemu-system-riscv64 (with OpenSBI) for the riscv64 QEMU tests
    doxygen             # the docs target and its zero-warning test
    valgrind            # memcheck runs of the hosted suite
    libclang-rt-14-dev  # clang's sanitizer and libFuzzer runtimes (only recommended by clang)
    clang-tidy          # static analysis (label analysis): the .clang-tidy checks
    cppcheck            # static analysis (label analysis), and its MISRA addon (misra_report.sh)
    clang-tools         # static analysis (label analysis): scan-build
    frama-c-base        # Eva proofs of absence of runtime errors (ctest -L proof)
    why3 z3             # WP proofs of the registry's contracts (ctest -L proof)
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    apt_get=(apt-get)
elif command -v sudo >/dev/null 2>&1; then
    apt_get=(sudo apt-get)
else
    echo "setup: not root and no sudo; install these Debian packages: ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}"
