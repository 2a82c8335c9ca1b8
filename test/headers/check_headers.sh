#!/usr/bin/env bash
# Compiles every public header of axvisor_api on its own, as C and as C++, and checks that
# the headers which must not be included directly refuse to be.
#
#   check_headers.sh --src-include DIR --bin-include DIR [--mock-include DIR]
#                    --cc COMPILER [--cc COMPILER ...] --cxx COMPILER [--cxx COMPILER ...]
#
# With --mock-include, the C headers of the mock platform (<mock-include>/axvisor_api/mock/
# *.h, except the C++-only gmock*.h) are checked like the core's: fake_declare.h and
# fake_define.h as generators that must refuse to run without AXV_AREA_OPS, the others as
# public headers.
#
# Checks:
#  1. Self-contained and warning-free: every header in <src-include>/axvisor_api/*.h (and the
#     generated axvisor_api/config.h in <bin-include>), included twice by an otherwise empty
#     translation unit, compiles with every --cc compiler as C99 and C17 and with every
#     --cxx compiler as C++17, under -Wall -Wextra -Werror -pedantic (C adds -Wshadow
#     -Wstrict-prototypes -Wmissing-prototypes).
#  2. Include guards: including a header a second time adds nothing to the preprocessed
#     output (a header whose second inclusion only re-defines identical macros would pass
#     check 1 without a guard; this check catches it).
#  3. Refusals: each op list in <src-include>/axvisor_api/ops/*.h, and area_declare.h and
#     area_define.h without AXV_AREA_OPS, fail to compile with every compiler, and the first
#     error reported is an #error directive in that very file.
set -euo pipefail
# shellcheck source=../support/own_error.sh
source "$(dirname "${BASH_SOURCE[0]}")/../support/own_error.sh"

src_include=
bin_include=
mock_include=
c_compilers=()
cxx_compilers=()
while [ $# -gt 0 ]; do
    case "$1" in
    --src-include) src_include=$2; shift 2 ;;
    --bin-include) bin_include=$2; shift 2 ;;
    --mock-include) mock_include=$2; shift 2 ;;
    --cc) c_compilers+=("$2"); shift 2 ;;
    --cxx) cxx_compilers+=("$2"); shift 2 ;;
    *) echo "check_headers.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
if [ -z "$src_include" ] || [ -z "$bin_include" ] || [ ${#c_compilers[@]} -eq 0 ] ||
    [ ${#cxx_compilers[@]} -eq 0 ]; then
    echo "usage: check_headers.sh --src-include DIR --bin-include DIR --cc CC... --cxx CXX..." >&2
    exit 2
fi

failures=0
checks=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

for compiler in "${c_compilers[@]}" "${cxx_compilers[@]}"; do
    if ! command -v "$compiler" >/dev/null 2>&1; then
        echo "FAIL: compiler '$compiler' not found (configure with the AXV_TEST_* cache variables)"
        exit 1
    fi
done
if [ ! -f "$bin_include/axvisor_api/config.h" ]; then
    echo "FAIL: generated $bin_include/axvisor_api/config.h is missing" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

include_flags=(-I "$src_include" -I "$bin_include")
[ -z "$mock_include" ] || include_flags+=(-I "$mock_include")
common_flags=(-Wall -Wextra -Werror -pedantic -fsyntax-only)
c_extra_flags=(-Wshadow -Wstrict-prototypes -Wmissing-prototypes)

# Headers that generate code from an op list (no include guard; compiled only through the
# headers that use them): recognised by their first directive, which refuses to run unless
# the includer defined AXV_AREA_OPS or AXV_IMPL_PREFIX. Names are relative to axvisor_api/.
is_generator() {
    local first
    first=$(grep -m1 -E '^#' "$(header_file "$1")")
    case "$first" in
    "#ifndef AXV_AREA_OPS" | "#ifndef AXV_IMPL_PREFIX" | "#ifndef AXV_EACH_AREA") return 0 ;;
    *) return 1 ;;
    esac
}
# The file behind a name relative to axvisor_api/.
header_file() {
    case "$1" in
    mock/*) echo "$mock_include/axvisor_api/$1" ;;
    *) echo "$src_include/axvisor_api/$1" ;;
    esac
}

# The list of built-in areas is data like an op list: it refuses to run unless the includer
# defined AXV_OP.
is_area_list() {
    [ "$(grep -m1 -E '^#' "$(header_file "$1")")" = "#ifndef AXV_OP" ]
}

public_headers=()
generators=()
area_lists=()
for path in "$src_include"/axvisor_api/*.h; do
    name=${path##*/}
    if is_area_list "$name"; then
        area_lists+=("$name")
    elif is_generator "$name"; then
        generators+=("$name")
    else
        public_headers+=("$name")
    fi
done
if [ ${#generators[@]} -lt 4 ]; then
    echo "FAIL: expected the generators (area_declare.h, area_define.h, area_impl.h," \
        "platform_impl.h) in $src_include/axvisor_api, found: ${generators[*]}" >&2
    exit 1
fi
num_core_generators=${#generators[@]}
# The generated configuration header is public too (installed beside the others).
[ -f "$src_include/axvisor_api/config.h" ] || public_headers+=(config.h)
if [ ${#public_headers[@]} -lt 2 ]; then
    echo "FAIL: found only ${#public_headers[@]} public headers in $src_include/axvisor_api" >&2
    exit 1
fi
num_core_headers=${#public_headers[@]}
if [ -n "$mock_include" ]; then
    for path in "$mock_include"/axvisor_api/mock/*.h; do
        name=mock/${path##*/}
        case "$name" in mock/gmock*) continue ;; esac # C++ only, checked by its own tests
        if is_generator "$name"; then
            generators+=("$name")
        else
            public_headers+=("$name")
        fi
    done
    if [ ${#generators[@]} -ne $((num_core_generators + 2)) ] ||
        [ ${#public_headers[@]} -le "$num_core_headers" ]; then
        echo "FAIL: expected fake_declare.h, fake_define.h and public headers in" \
            "$mock_include/axvisor_api/mock" >&2
        exit 1
    fi
fi

# A translation unit that includes one header twice. The typedef keeps a macro-only header
# from leaving an empty translation unit, which ISO C forbids under -pedantic.
write_tu() { # header file
    printf '#include <axvisor_api/%s>\n#include <axvisor_api/%s>\ntypedef int axv_header_check_tu;\n' \
        "$1" "$1" >"$2"
}

# --- 1. every public header, every compiler and language standard -----------------------
run_compile() { # description, then the command
    local what=$1
    shift
    checks=$((checks + 1))
    if ! "$@" >"$work/out.txt" 2>&1; then
        fail "$what"
        sed 's/^/    /' "$work/out.txt"
        echo "    command: $*"
    fi
}

for header in "${public_headers[@]}"; do
    tu_base=${header%.h}
    tu_c="$work/${tu_base//\//_}_tu.c"
    tu_cxx="$work/${tu_base//\//_}_tu.cpp"
    write_tu "$header" "$tu_c"
    write_tu "$header" "$tu_cxx"
    for cc in "${c_compilers[@]}"; do
        # C11, the library's own standard, is compiled by the build itself: CMake's
        # VERIFY_INTERFACE_HEADER_SETS (lib/build_helpers.cmake), under gcc in the main build
        # and clang in the sanitizer builds.
        for std in c99 c17; do
            run_compile "axvisor_api/$header with $cc -std=$std" \
                "$cc" -x c -std=$std "${common_flags[@]}" "${c_extra_flags[@]}" \
                "${include_flags[@]}" "$tu_c"
        done
    done
    for cxx in "${cxx_compilers[@]}"; do
        run_compile "axvisor_api/$header with $cxx -std=c++17" \
            "$cxx" -x c++ -std=c++17 "${common_flags[@]}" "${include_flags[@]}" "$tu_cxx"
    done
done
echo "compiled ${#public_headers[@]} public headers x (${#c_compilers[@]} C compilers x 2 standards" \
    "+ ${#cxx_compilers[@]} C++ compilers): ${public_headers[*]}"

# --- 2. include guards --------------------------------------------------------------------
# Preprocess the header once and twice, keeping #define directives (-dD) so that macro-only
# headers are covered, and dropping line markers and blank lines: a guarded header
# contributes nothing the second time.
preprocess() { # tu file
    "${c_compilers[0]}" -x c -std=c11 -E -P -dD "${include_flags[@]}" "$1" >"$work/pp.i" &&
        { grep -v '^[[:space:]]*$' "$work/pp.i" || true; }
}
for header in "${public_headers[@]}"; do
    checks=$((checks + 1))
    printf '#include <axvisor_api/%s>\n' "$header" >"$work/once.c"
    printf '#include <axvisor_api/%s>\n#include <axvisor_api/%s>\n' "$header" "$header" \
        >"$work/twice.c"
    if ! preprocess "$work/once.c" >"$work/once.i" 2>"$work/pp_err.txt" ||
        ! preprocess "$work/twice.c" >"$work/twice.i" 2>>"$work/pp_err.txt"; then
        fail "axvisor_api/$header does not preprocess"
        sed 's/^/    /' "$work/pp_err.txt"
    elif ! cmp -s "$work/once.i" "$work/twice.i"; then
        fail "axvisor_api/$header: a second #include adds code (missing or broken include guard)"
        diff "$work/once.i" "$work/twice.i" | head -20 | sed 's/^/    /'
    fi
done
echo "include guards: ${#public_headers[@]} headers add nothing when included a second time"

# --- 3. headers that must refuse to compile -----------------------------------------------
# Compiles a translation unit that includes only <axvisor_api/$1>; it must fail, and the
# first error must point at an #error line of that header.
expect_error_directive() { # header path relative to axvisor_api/, reason
    local rel=$1 reason=$2 file compiler lang ext
    file=$(header_file "$rel")
    for compiler in "${c_compilers[@]}" "${cxx_compilers[@]}"; do
        lang=c ext=c
        for cxx in "${cxx_compilers[@]}"; do
            if [ "$compiler" = "$cxx" ]; then lang=c++ ext=cpp; fi
        done
        checks=$((checks + 1))
        printf '#include <axvisor_api/%s>\ntypedef int axv_header_check_tu;\n' "$rel" \
            >"$work/refuse.$ext"
        if "$compiler" -x $lang -fsyntax-only "${include_flags[@]}" "$work/refuse.$ext" \
            >"$work/out.txt" 2>&1; then
            fail "axvisor_api/$rel compiled with $compiler although $reason"
            continue
        fi
        if ! first_error_is_own "$file" "$work/out.txt"; then
            fail "axvisor_api/$rel with $compiler: expected its own #error ($reason), got:"
            sed 's/^/    /' "$work/out.txt"
        fi
    done
}

op_lists=("${area_lists[@]}")
for path in "$src_include"/axvisor_api/ops/*.h; do
    op_lists+=("ops/${path##*/}")
done
if [ ${#op_lists[@]} -eq 0 ]; then
    fail "no op lists found in $src_include/axvisor_api/ops"
fi
for rel in "${op_lists[@]}"; do
    expect_error_directive "$rel" "an op list is data and must not be included directly"
done
for rel in "${generators[@]}"; do
    expect_error_directive "$rel" "AXV_AREA_OPS or AXV_IMPL_PREFIX is not defined"
done
echo "refusals: ${op_lists[*]} ${generators[*]} each stop at their own #error" \
    "with every compiler"

if [ "$failures" -ne 0 ]; then
    echo "headers: $failures of $checks checks FAILED"
    exit 1
fi
echo "headers: all $checks checks passed"
