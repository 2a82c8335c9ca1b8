#!/usr/bin/env bash
# Usage: compile_dbs.sh SOURCE_DIR HOST_DB OUT_DIR
# Writes the compile databases the analysis reads, one directory per configuration:
#   OUT_DIR/host     the build's own compile_commands.json (dynamic binding, AXV_PORT=posix)
#   OUT_DIR/static   a configure-only tree with AXV_BINDING=static bound to posix and
#                    AXV_PORT=none: the only build of lib/port_none.c and
#                    lib/static_binding_check.c, and the accessors' other expansion
#   OUT_DIR/aarch64  a configure-only tree of the bare-metal build (AXV_BUILD_QEMU_VIRT, as
#                    platforms/qemu-virt-aarch64/qemu_images.cmake configures it) with the
#                    platform's toolchain file and clang as its cross compiler: the
#                    platform's and the bare-metal samples' own flags and defines, with
#                    --target=aarch64-none-elf
#   OUT_DIR/riscv64  the same for the riscv64 platform (AXV_BUILD_QEMU_VIRT_RISCV64),
#                    --target=riscv64-unknown-elf
# Each keeps only the C files under lib/, platforms/ and samples/ (compile_db.py).
set -euo pipefail
src=$(cd "$1" && pwd)
host_db=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -f "$host_db" ]; then
    echo "compile_dbs: $host_db is missing (CMAKE_EXPORT_COMPILE_COMMANDS is on at the top level)" >&2
    exit 1
fi
clang=$(command -v clang) || {
    echo "compile_dbs: clang (scripts/setup.sh installs it) is needed for the static and aarch64 configurations" >&2
    exit 1
}

rm -rf "$out"
mkdir -p "$out"

# configure NAME CMAKE_ARGS...: a configure-only tree in OUT_DIR/NAME.tree, its log shown
# only when it fails.
configure() {
    local name=$1
    shift
    if ! cmake "$@" -B "$out/$name.tree" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
        >"$out/$name.configure.log" 2>&1; then
        cat "$out/$name.configure.log"
        echo "compile_dbs: configuring the $name configuration failed" >&2
        exit 1
    fi
}
configure static -S "$src" -DCMAKE_C_COMPILER="$clang" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DAXV_BINDING=static -DAXV_STATIC_PLATFORM=posix -DAXV_PORT=none -DAXV_BUILD_DOCS=OFF
configure aarch64 -S "$src" -DAXV_BUILD_QEMU_VIRT=ON -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$src/platforms/qemu-virt-aarch64/toolchain.cmake" \
    -DCMAKE_C_COMPILER="$clang" -DCMAKE_C_COMPILER_TARGET=aarch64-none-elf \
    -DCMAKE_ASM_COMPILER="$clang" -DCMAKE_ASM_COMPILER_TARGET=aarch64-none-elf
configure riscv64 -S "$src" -DAXV_BUILD_QEMU_VIRT_RISCV64=ON -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$src/platforms/qemu-virt-riscv64/toolchain.cmake" \
    -DCMAKE_C_COMPILER="$clang" -DCMAKE_C_COMPILER_TARGET=riscv64-unknown-elf \
    -DCMAKE_ASM_COMPILER="$clang" -DCMAKE_ASM_COMPILER_TARGET=riscv64-unknown-elf

python3 "$here/compile_db.py" "$src" "$host_db" "$out/host"
python3 "$here/compile_db.py" "$src" "$out/static.tree/compile_commands.json" "$out/static"
python3 "$here/compile_db.py" "$src" "$out/aarch64.tree/compile_commands.json" "$out/aarch64"
python3 "$here/compile_db.py" "$src" "$out/riscv64.tree/compile_commands.json" "$out/riscv64"
