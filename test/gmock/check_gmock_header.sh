#!/usr/bin/env bash
# Compiles <axvisor_api/mock/gmock.h> on its own and with a component-defined area, and
# checks that misuse is refused by the header's own #error.
#
#   check_gmock_header.sh --cc C_COMPILER --cxx CXX_COMPILER [--cxx ...]
#                         --mock-include DIR [-I DIR ...]
#
# Checks:
#  1. With every --cxx compiler, as C++17 under -Wall -Wextra -Werror -pedantic: gmock.h
#     included twice, the vgic area's mock generated after it, and guards instantiated for a
#     plain, a strict and a nice mock (the guard's template code only warns once used).
#  2. Refusals, each with the first error an #error of the named header: gmock.h compiled
#     as C; gmock_area.h before gmock.h; gmock_area.h without AXV_AREA_OPS.
# GoogleTest's headers are found on the compilers' default include path.
set -euo pipefail
# shellcheck source=../support/own_error.sh
source "$(dirname "${BASH_SOURCE[0]}")/../support/own_error.sh"

cc=
mock_include=
cxx_compilers=()
includes=()
while [ $# -gt 0 ]; do
    case "$1" in
    --cc) cc=$2; shift 2 ;;
    --cxx) cxx_compilers+=("$2"); shift 2 ;;
    --mock-include) mock_include=$2; includes+=(-I "$2"); shift 2 ;;
    -I) includes+=(-I "$2"); shift 2 ;;
    *) echo "check_gmock_header.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
if [ -z "$cc" ] || [ -z "$mock_include" ] || [ ${#cxx_compilers[@]} -eq 0 ]; then
    echo "usage: check_gmock_header.sh --cc CC --cxx CXX... --mock-include DIR [-I DIR...]" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

cat >"$work/use.cc" <<'EOF'
#include <axvisor_api/mock/gmock.h>
#include <axvisor_api/mock/gmock.h>
#include "vgic_mock.h"

#include <type_traits>

void use_guards(void);
void use_guards(void) {
    axv::mock::vgic vgic;
    ::testing::StrictMock<axv::mock::time> time;
    ::testing::NiceMock<axv::mock::memory> memory;
    axv::mock::scoped_install vgic_guard(vgic);
    axv::mock::scoped_install time_guard(time);
    axv::mock::scoped_install memory_guard(memory);
    static_assert(std::is_same<decltype(time_guard),
                               axv::mock::scoped_install<axv::mock::time>>::value,
                  "a guard deduces the area from a StrictMock");
    (void)axv::mock::console::ops_table();
}
EOF
for cxx in "${cxx_compilers[@]}"; do
    if ! out=$("$cxx" -std=c++17 -Wall -Wextra -Werror -pedantic -fsyntax-only "${includes[@]}" \
        "$work/use.cc" 2>&1); then
        fail "$cxx: gmock.h does not compile cleanly:"
        echo "$out" | head -n 30
    fi
done

# refuse NAME COMPILER LANGUAGE HEADER SOURCE: SOURCE must fail to compile, and its first
# error must be reported at an #error line of <axvisor_api/mock/HEADER>.
refuse() {
    local name=$1 compiler=$2 language=$3 file="$mock_include/axvisor_api/mock/$4" source=$5
    local std=-std=c11
    [ "$language" = c++ ] && std=-std=c++17
    printf '%s\n' "$source" >"$work/refuse.txt"
    if "$compiler" -x "$language" "$std" -fsyntax-only "${includes[@]}" "$work/refuse.txt" \
        >"$work/out.txt" 2>&1; then
        fail "$name: compiled, but must be refused"
        return
    fi
    if ! first_error_is_own "$file" "$work/out.txt"; then
        fail "$name: expected the #error of $file, got:"
        sed 's/^/    /' "$work/out.txt" | head -n 10
    fi
}
refuse "gmock.h as C" "$cc" c gmock.h '#include <axvisor_api/mock/gmock.h>'
for cxx in "${cxx_compilers[@]}"; do
    refuse "$cxx: gmock_area.h before gmock.h" "$cxx" c++ gmock_area.h \
        $'#include <demo_vgic/vgic_api.h>\n#define AXV_AREA_OPS <demo_vgic/ops.h>\n#include <axvisor_api/mock/gmock_area.h>'
    refuse "$cxx: gmock_area.h without AXV_AREA_OPS" "$cxx" c++ gmock_area.h \
        $'#include <axvisor_api/mock/gmock.h>\n#include <axvisor_api/mock/gmock_area.h>'
done

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "gmock.h: compiles with ${cxx_compilers[*]}; refusals hold"
