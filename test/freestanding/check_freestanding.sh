#!/usr/bin/env bash
# Cross-builds the core library of this source tree for a bare-metal target and proves that
# it needs nothing from a libc or compiler runtime.
#
#   check_freestanding.sh --arch NAME --cc COMPILER --toolchain FILE --source DIR
#                         --build DIR [--cmake CMAKE] [--generator GENERATOR] [--conformance]
#
# For each of the build types Release (-O3), MinSizeRel (-Os) and Debug (-O0), since each
# optimisation level can introduce its own calls to memcpy/memset or libgcc:
#  1. configure <source> in a fresh <build>/<type> with the toolchain file (CMAKE_SYSTEM_NAME
#     Generic, -ffreestanding -nostdlib and the target's flags), tests and samples off, and
#     build only the target axvisor_api (libaxvisor_api.a);
#  2. collect every undefined symbol of every object in the archive and remove those that
#     some object of the archive defines globally: nothing may remain (no memcpy, no memset,
#     no libgcc helper such as __aarch64_cas8_acq_rel or __divdi3, no OS call);
#  3. with readelf: the archive has section `axv_registry`, aligned to at least
#     AXV_REGISTRY_ALIGN, and every defined registry slot (axv_priv_*_slot) lives in it;
#     all registry objects together fit in one page (4 KiB), the one structural size check;
#  4. with --conformance: the conformance suite (libaxvisor_api_conformance.a) is built too,
#     and every symbol it references is defined by it or by libaxvisor_api.a: a bare-metal
#     image can run the suite with nothing but the core;
#  5. report each archive's sizes (lines starting "size:"; scripts/size-report.sh collects
#     them): reports only, never a threshold.
# Exits 77 (reported by ctest as skipped) only when the cross compiler is not installed.
set -euo pipefail

arch='' cc='' toolchain='' source_dir='' build_root='' cmake=cmake generator='' conformance=0
while [ $# -gt 0 ]; do
    case "$1" in
    --arch) arch=$2; shift 2 ;;
    --cc) cc=$2; shift 2 ;;
    --toolchain) toolchain=$2; shift 2 ;;
    --source) source_dir=$2; shift 2 ;;
    --build) build_root=$2; shift 2 ;;
    --cmake) cmake=$2; shift 2 ;;
    --generator) generator=$2; shift 2 ;;
    --conformance) conformance=1; shift ;;
    *) echo "check_freestanding.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
if [ -z "$arch" ] || [ -z "$cc" ] || [ -z "$toolchain" ] || [ -z "$source_dir" ] ||
    [ -z "$build_root" ]; then
    echo "usage: check_freestanding.sh --arch NAME --cc CC --toolchain FILE --source DIR" \
        "--build DIR [--cmake CMAKE] [--generator GEN] [--conformance]" >&2
    exit 2
fi

if ! cc_path=$(command -v "$cc"); then
    echo "SKIPPED: cross compiler '$cc' for $arch is not installed"
    exit 77
fi

fail() {
    echo "FAIL ($arch${build_type:+, $build_type}): $*"
    exit 1
}

# Value of a CMake cache entry of the cross build in $build_dir.
cache_value() { # name
    sed -n "s/^$1:[A-Z]*=//p" "$build_dir/CMakeCache.txt"
}

# The binutils CMake found for this toolchain, else <triple>- in front of the tool name.
tool() { # CMake variable, tool name
    local found
    found=$(cache_value "$1")
    if [ -n "$found" ] && [ -x "$found" ]; then
        echo "$found"
    elif command -v "${cc_path%gcc}$2" >/dev/null 2>&1; then
        echo "${cc_path%gcc}$2"
    else
        fail "no $2 for $arch (looked for CMake's $1 and ${cc_path%gcc}$2)"
    fi
}

# --- 1. configure and build the core (and the conformance suite) only ---------------------
build_core() {
    local conformance_opt=OFF targets=(axvisor_api)
    if [ "$conformance" = 1 ]; then
        conformance_opt=ON
        targets+=(axvisor_api_conformance)
    fi
    local configure=("$cmake" -S "$source_dir" -B "$build_dir"
        -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_C_COMPILER="$cc_path"
        -DCMAKE_BUILD_TYPE="$build_type" -DAXV_BUILD_TESTS=OFF -DAXV_BUILD_SAMPLES=OFF
        -DAXV_BUILD_CONFORMANCE="$conformance_opt")
    if [ -n "$generator" ]; then
        configure+=(-G "$generator")
    fi
    "${configure[@]}" >"$build_dir.configure.log" 2>&1 ||
        { cat "$build_dir.configure.log"; fail "configuring the cross build failed"; }
    "$cmake" --build "$build_dir" -j2 --target "${targets[@]}" >"$build_dir.build.log" 2>&1 ||
        { cat "$build_dir.build.log"; fail "building ${targets[*]} failed"; }

    local port
    port=$(cache_value AXV_PORT)
    [ "$port" = none ] || fail "AXV_PORT of a cross build should default to 'none', not '$port'"
    archive=$(find "$build_dir" -name libaxvisor_api.a -print -quit)
    [ -n "$archive" ] || fail "libaxvisor_api.a was not built under $build_dir"
    if [ "$conformance" = 1 ]; then
        conformance_archive=$(find "$build_dir" -name libaxvisor_api_conformance.a -print -quit)
        [ -n "$conformance_archive" ] ||
            fail "libaxvisor_api_conformance.a was not built under $build_dir"
    fi
    nm=$(tool CMAKE_NM nm)
    readelf=$(tool CMAKE_READELF readelf)
    # Show the flags the objects were compiled with (Makefile generators only).
    sed -n 's/^C_FLAGS = /   C flags: /p' "$build_dir/lib/CMakeFiles/axvisor_api.dir/flags.make" \
        2>/dev/null || true
}

# --- 2. no undefined symbol left once the archive is linked against itself ---------------
check_self_contained() {
    # nm -P prints "name type value size" per symbol and "archive[member]:" per member; the
    # -u listing holds U (undefined) and w/v (weak undefined) symbols.
    "$nm" -u -P "$archive" | awk 'NF >= 2 && $2 ~ /^[Uwv]$/ { print $1 }' | sort -u \
        >"$build_dir.undefined.txt"
    "$nm" -g --defined-only -P "$archive" | awk 'NF >= 2 && $1 !~ /:$/ { print $1 }' |
        sort -u >"$build_dir.defined.txt"
    [ -s "$build_dir.defined.txt" ] || fail "nm found no defined symbol in $archive"
    local unresolved
    unresolved=$(comm -23 "$build_dir.undefined.txt" "$build_dir.defined.txt")
    if [ -n "$unresolved" ]; then
        echo "symbols libaxvisor_api.a needs from outside itself (a libc, libgcc or the OS):"
        local sym
        while read -r sym; do
            echo "   $sym, referenced by:"
            "$nm" -A -u -P "$archive" | awk -v s="$sym" '$2 == s { print "      " $1 }'
        done <<<"$unresolved"
        fail "libaxvisor_api.a is not self-contained for a freestanding $arch image"
    fi
    echo "   $(wc -l <"$build_dir.undefined.txt") symbols referenced across objects, all" \
        "among the $(wc -l <"$build_dir.defined.txt") the archive defines: needs no libc"
}

# --- 3. the registry section --------------------------------------------------------------
check_registry_section() {
    local align sections line al count
    align=$(cache_value AXV_REGISTRY_ALIGN)
    # readelf -SW rows: "[Nr] Name Type Address Off Size ES Flg Lk Inf Al"; with the "[Nr]"
    # prefix removed the name is field 1 and the alignment the last field.
    sections=$("$readelf" -SW "$archive" | sed -E 's/^ *\[ *[0-9]+\] *//' |
        awk '$1 == "axv_registry"')
    [ -n "$sections" ] || fail "no section 'axv_registry' in $archive (readelf -SW)"
    while read -r line; do
        al=$(awk '{ print $NF }' <<<"$line")
        if [ -n "$align" ] && [ "$al" -lt "$align" ]; then
            fail "an axv_registry section is aligned to $al, below AXV_REGISTRY_ALIGN=$align"
        fi
    done <<<"$sections"
    count=$(printf '%s\n' "$sections" | wc -l)

    # Every defined slot symbol must be in that section: in readelf -sW rows ("Num: Value
    # Size Type Bind Vis Ndx Name") the section index Ndx must name, in the same member's
    # section headers, a section called axv_registry.
    "$readelf" -SW -sW "$archive" | awk '
        /^File: / { file = $2; delete secname; next }
        /^ *\[ *[0-9]+\]/ {
            row = $0; sub(/^ *\[ */, "", row); idx = row + 0
            sub(/^[0-9]+\] */, "", row); split(row, f, " "); secname[idx] = f[1]; next
        }
        $8 ~ /^axv_priv_.*_slot$/ && $7 ~ /^[0-9]+$/ { print file, $8, secname[$7 + 0] }
    ' >"$build_dir.slots.txt"
    [ -s "$build_dir.slots.txt" ] || fail "no defined axv_priv_*_slot symbol in $archive"
    local bad
    bad=$(awk '$3 != "axv_registry"' "$build_dir.slots.txt")
    if [ -n "$bad" ]; then
        echo "slots outside section axv_registry (member, symbol, section):"
        awk '{ print "   " $0 }' <<<"$bad"
        fail "registry slots must be placed in section axv_registry"
    fi
    echo "   section axv_registry in $count objects, aligned to >= ${align:-?}; it holds" \
        "$(awk '{ print $2 }' "$build_dir.slots.txt" | sort | tr '\n' ' ')"

    # Objects are padded to their alignment, so the sum is what a linker lays out. On bare
    # metal it must fit one page: that is the page a port maps read-only at sealing.
    local total
    total=$(section_sizes "$archive" | awk '{ print $6 }')
    if [ "$align" -lt 4096 ] && [ "$total" -gt 4096 ]; then
        fail "section axv_registry totals $total bytes: more than one 4 KiB page"
    fi
    echo "   section axv_registry totals $total bytes"
}

# Sums an archive's allocated sections by kind, printing "text rodata data bss eh_frame
# registry" in bytes (RISC-V small-data sections count with their kind; registry is data
# too, reported apart as well).
section_sizes() { # archive
    "$readelf" -SW "$1" | sed -nE 's/^ *\[ *[0-9]+\] *//p' | awk '
        function hex(s,   i, n) { # portable awk: no strtonum
            n = 0; s = tolower(s)
            for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
            return n
        }
        { size = hex($5) }
        $1 ~ /^\.text/ { text += size }
        $1 ~ /^\.(s?rodata)/ { rodata += size }
        $1 ~ /^\.s?data/ { data += size }
        $1 == "axv_registry" { data += size; registry += size }
        $1 ~ /^\.s?bss/ { bss += size }
        $1 ~ /^\.eh_frame/ { eh += size }
        END { printf "%d %d %d %d %d %d\n", text, rodata, data, bss, eh, registry }'
}

# --- 5. sizes, for doc/performance.md --------------------------------------------------------
report_sizes() {
    local name path
    for name in libaxvisor_api.a libaxvisor_api_conformance.a; do
        path=$archive
        [ "$name" = libaxvisor_api.a ] || path=${conformance_archive:-}
        [ -n "$path" ] || continue
        section_sizes "$path" | awk -v a="$arch" -v t="$build_type" -v n="$name" '{
            printf "size: %-7s %-10s %-28s text %6d  rodata %5d  data %5d  bss %4d" \
                "  eh_frame %4d  (axv_registry %d)\n", a, t, n, $1, $2, $3, $4, $5, $6 }'
    done
}

# --- 4. the conformance suite needs nothing but itself and the core ----------------------
check_conformance_closed() {
    "$nm" -u -P "$conformance_archive" | awk 'NF >= 2 && $2 ~ /^[Uwv]$/ { print $1 }' |
        sort -u >"$build_dir.conformance-undefined.txt"
    { "$nm" -g --defined-only -P "$conformance_archive"; "$nm" -g --defined-only -P "$archive"; } |
        awk 'NF >= 2 && $1 !~ /:$/ { print $1 }' | sort -u >"$build_dir.conformance-defined.txt"
    grep -qx axv_conformance_run "$build_dir.conformance-defined.txt" ||
        fail "libaxvisor_api_conformance.a does not define axv_conformance_run"
    local unresolved
    unresolved=$(comm -23 "$build_dir.conformance-undefined.txt" \
        "$build_dir.conformance-defined.txt")
    if [ -n "$unresolved" ]; then
        echo "symbols the conformance suite needs from outside it and the core:"
        local sym
        while read -r sym; do
            echo "   $sym, referenced by:"
            "$nm" -A -u -P "$conformance_archive" | awk -v s="$sym" '$2 == s { print "      " $1 }'
        done <<<"$unresolved"
        fail "libaxvisor_api_conformance.a is not self-contained with libaxvisor_api.a"
    fi
    echo "   conformance suite: $(wc -l <"$build_dir.conformance-undefined.txt") symbols" \
        "referenced, all defined by it or the core: needs no libc"
}

# Host settings from the environment must not leak into a cross build.
unset CC CFLAGS CPPFLAGS LDFLAGS
rm -rf "$build_root"
mkdir -p "$build_root"
echo "== $arch: cross compiler $cc_path, toolchain $toolchain"
for build_type in Release MinSizeRel Debug; do
    build_dir="$build_root/$build_type"
    echo "== $arch $build_type: configure and build target axvisor_api in $build_dir"
    build_core
    check_self_contained
    check_registry_section
    if [ "$conformance" = 1 ]; then
        check_conformance_closed
    fi
    report_sizes
done
build_type=
echo "PASS ($arch): libaxvisor_api.a builds freestanding (Release, MinSizeRel, Debug) and" \
    "needs no symbol from outside itself"
if [ "$conformance" = 1 ]; then
    echo "PASS ($arch): libaxvisor_api_conformance.a builds freestanding and needs only the core"
fi
