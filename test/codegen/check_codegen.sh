#!/usr/bin/env bash
# Disassembly check of what an accessor call compiles to: one load of the op's pointer from
# its registry slot and one indirect call or jump, with no NULL check and no GOT access.
#
#   check_codegen.sh --src-include DIR --bin-include DIR --probe-dir DIR --work DIR
#                    --cc COMPILER [--cc COMPILER ...] [--objdump OBJDUMP]
#                    [--aarch64-cc COMPILER] [--aarch64-objdump OBJDUMP]
#                    [--riscv64-cc COMPILER] [--riscv64-objdump OBJDUMP] [--python PYTHON]
#
# probe.c (in --probe-dir) defines one small function per case; AXV_PROBES in it says which
# slot member each must use, and whether as a tail jump or a call. This script
#  1. builds probe.c as a hosted program that prints those expectations with the byte
#     offsets of the members (LP64, which x86-64 and AArch64 share);
#  2. compiles probe.c at -O2 with every --cc for x86-64, with the compiler's default code
#     model (PIE on Debian), -fPIC and -fno-pic, disassembles each object with
#     `objdump -d -r --no-show-raw-insn`, and has check_disasm.py check every probe
#     (see there for the exact rules);
#  3. when an AArch64 cross compiler is installed, does the same for AArch64 (with it and,
#     if Clang can target AArch64, with Clang), compiled -ffreestanding (no libc headers
#     are needed) and disassembled with the AArch64 objdump;
#  4. likewise for riscv64 when its cross compiler is installed: GCC with the code models
#     medlow (its default) and medany (what the riscv64 QEMU platform uses) and -fPIC,
#     Clang (rv64imac) with its default, -fPIC and -fno-pic.
# With --bin-include holding a config.h for static binding, the expectations say which
# probes must be direct calls instead (see check_disasm.py), and the same steps check them.
# On a failure, the disassembly of the failing probe is printed. Exits 77 (ctest: skipped)
# when no compiler targets x86-64, AArch64 or riscv64, so that no object was checked.
set -euo pipefail

src_include='' bin_include='' probe_dir='' work=''
compilers=()
objdump=objdump
a64_cc=aarch64-linux-gnu-gcc
a64_objdump=aarch64-linux-gnu-objdump
rv64_cc=riscv64-unknown-elf-gcc
rv64_objdump=riscv64-unknown-elf-objdump
python=python3
while [ $# -gt 0 ]; do
    case "$1" in
    --src-include) src_include=$2; shift 2 ;;
    --bin-include) bin_include=$2; shift 2 ;;
    --probe-dir) probe_dir=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --cc) compilers+=("$2"); shift 2 ;;
    --objdump) objdump=$2; shift 2 ;;
    --aarch64-cc) a64_cc=$2; shift 2 ;;
    --aarch64-objdump) a64_objdump=$2; shift 2 ;;
    --riscv64-cc) rv64_cc=$2; shift 2 ;;
    --riscv64-objdump) rv64_objdump=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    *) echo "check_codegen.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
if [ -z "$src_include" ] || [ -z "$bin_include" ] || [ -z "$probe_dir" ] || [ -z "$work" ] ||
    [ ${#compilers[@]} -eq 0 ]; then
    echo "usage: check_codegen.sh --src-include DIR --bin-include DIR --probe-dir DIR" \
        "--work DIR --cc CC... [--objdump OD] [--aarch64-cc CC] [--aarch64-objdump OD]" >&2
    exit 2
fi
for tool in "${compilers[@]}" "$objdump" "$python"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "FAIL: '$tool' not found"; exit 1; }
done

rm -rf "$work"
mkdir -p "$work"
probe="$probe_dir/probe.c"
checker="$probe_dir/check_disasm.py"
includes=(-I "$src_include" -I "$bin_include" -I "$probe_dir")
warnings=(-std=c11 -Wall -Wextra -Werror)
failures=0
checked=0

# --- 1. expectations ------------------------------------------------------------------------
host_cc=${compilers[0]}
"$host_cc" "${warnings[@]}" "${includes[@]}" -DAXV_PROBE_PRINT_EXPECTATIONS "$probe" \
    -o "$work/expectations" || { echo "FAIL: cannot build the expectations program"; exit 1; }
"$work/expectations" >"$work/expectations.txt"
echo "expectations (kind probe slot offset), from AXV_PROBES in probe.c:"
sed 's/^/   /' "$work/expectations.txt"

# Compiles the probe, disassembles it and checks it. Arguments: arch, label, objdump,
# compiler and flags.
check_object() {
    local arch=$1 label=$2 od=$3
    shift 3
    local name=${label//[^A-Za-z0-9_.-]/_}
    checked=$((checked + 1))
    if ! "$@" -O2 -c "${warnings[@]}" "${includes[@]}" "$probe" -o "$work/$name.o" \
        >"$work/$name.log" 2>&1; then
        echo "FAIL $label: compiling the probe failed: $* -O2 -c ..."
        sed 's/^/   /' "$work/$name.log"
        failures=$((failures + 1))
        return
    fi
    "$od" -d -r --no-show-raw-insn "$work/$name.o" >"$work/$name.dis"
    # GCC folds the load into every x86-64 tail jump: hold it to exactly one instruction.
    local strict=()
    if [ "$arch" = x86_64 ] && ! "$1" --version 2>/dev/null | grep -q clang; then
        strict=(--strict-tail)
    fi
    if ! "$python" "$checker" --arch "$arch" "${strict[@]}" --expect "$work/expectations.txt" \
        --label "$label" "$work/$name.dis"; then
        failures=$((failures + 1))
    fi
}

# --- 2. x86-64 ------------------------------------------------------------------------------
for cc in "${compilers[@]}"; do
    target=$("$cc" -dumpmachine)
    case "$target" in
    x86_64-*) ;;
    *)
        echo "SKIP x86-64 checks with $cc: it targets $target"
        continue
        ;;
    esac
    check_object x86_64 "x86-64 $(basename "$cc") default" "$objdump" "$cc"
    check_object x86_64 "x86-64 $(basename "$cc") -fPIC" "$objdump" "$cc" -fPIC
    check_object x86_64 "x86-64 $(basename "$cc") -fno-pic" "$objdump" "$cc" -fno-pic
done

# --- 3. AArch64 -----------------------------------------------------------------------------
if ! command -v "$a64_objdump" >/dev/null 2>&1; then
    echo "SKIP AArch64 checks: no AArch64 objdump '$a64_objdump'"
else
    a64_compilers=()
    if command -v "$a64_cc" >/dev/null 2>&1; then
        a64_compilers+=("$a64_cc")
    else
        echo "SKIP AArch64 checks with GCC: '$a64_cc' is not installed"
    fi
    for cc in "${compilers[@]}"; do
        # Clang is a cross compiler for every target it was built with.
        if "$cc" --version 2>/dev/null | grep -q clang &&
            "$cc" -print-targets 2>/dev/null | grep -qw aarch64; then
            a64_compilers+=("$cc --target=aarch64-linux-gnu")
        fi
    done
    for a64 in "${a64_compilers[@]}"; do
        read -r -a a64_cmd <<<"$a64"
        short=$(basename "${a64_cmd[0]}")
        for pic in default -fPIC -fno-pic; do
            flags=(-ffreestanding)
            [ "$pic" = default ] || flags+=("$pic")
            check_object aarch64 "aarch64 $short $pic" "$a64_objdump" "${a64_cmd[@]}" \
                "${flags[@]}"
        done
    done
fi

# --- 4. riscv64 -----------------------------------------------------------------------------
if ! command -v "$rv64_objdump" >/dev/null 2>&1; then
    echo "SKIP riscv64 checks: no riscv64 objdump '$rv64_objdump'"
else
    if command -v "$rv64_cc" >/dev/null 2>&1; then
        short=$(basename "$rv64_cc")
        for model in -mcmodel=medlow -mcmodel=medany -fPIC; do
            check_object riscv64 "riscv64 $short $model" "$rv64_objdump" "$rv64_cc" \
                -ffreestanding "$model"
        done
    else
        echo "SKIP riscv64 checks with GCC: '$rv64_cc' is not installed"
    fi
    for cc in "${compilers[@]}"; do
        if "$cc" --version 2>/dev/null | grep -q clang &&
            "$cc" -print-targets 2>/dev/null | grep -qw riscv64; then
            for pic in default -fPIC -fno-pic; do
                # rv64imac: Clang 14 implies Zicsr/Zifencei and rejects their names.
                flags=(--target=riscv64-unknown-elf -march=rv64imac -ffreestanding)
                [ "$pic" = default ] || flags+=("$pic")
                check_object riscv64 "riscv64 $(basename "$cc") $pic" "$rv64_objdump" "$cc" \
                    "${flags[@]}"
            done
        fi
    done
fi

if [ "$failures" -ne 0 ]; then
    echo "codegen: $failures of $checked objects FAILED"
    exit 1
fi
if [ "$checked" -eq 0 ]; then
    echo "SKIP codegen: no compiler here targets x86-64, AArch64 or riscv64; nothing was checked"
    exit 77
fi
echo "codegen: all $checked objects passed"
