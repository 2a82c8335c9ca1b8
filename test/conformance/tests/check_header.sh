#!/usr/bin/env bash
# Compiles <axvisor_api/conformance.h> alone, included twice, as C99, C11 and C17 with two C
# compilers and as C++17 with two C++ compilers, under -Wall -Wextra -Werror -pedantic.
#
#   check_header.sh CORE_INCLUDE CONFIG_INCLUDE CONFORMANCE_INCLUDE CC1 CC2 CXX1 CXX2
set -euo pipefail
[ $# -eq 7 ] || { echo "usage: check_header.sh CORE_INC CONFIG_INC CONF_INC CC1 CC2 CXX1 CXX2" >&2; exit 2; }
includes=(-I "$1" -I "$2" -I "$3")
c_compilers=("$4" "$5")
cxx_compilers=("$6" "$7")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#include <axvisor_api/conformance.h>\n#include <axvisor_api/conformance.h>\n' \
    >"$work/tu.c"
cp "$work/tu.c" "$work/tu.cc"

failures=0
run() { # description, command...
    local what=$1
    shift
    if "$@" >"$work/log" 2>&1; then
        echo "ok   $what"
    else
        echo "FAIL $what"
        cat "$work/log"
        failures=$((failures + 1))
    fi
}
for cc in "${c_compilers[@]}"; do
    for std in c99 c11 c17; do
        run "$cc -std=$std" "$cc" -std="$std" -Wall -Wextra -Werror -pedantic -Wshadow \
            -Wstrict-prototypes -Wmissing-prototypes "${includes[@]}" -c "$work/tu.c" \
            -o "$work/tu.o"
    done
done
for cxx in "${cxx_compilers[@]}"; do
    run "$cxx -std=c++17" "$cxx" -std=c++17 -Wall -Wextra -Werror -pedantic "${includes[@]}" \
        -c "$work/tu.cc" -o "$work/tu.o"
done
[ "$failures" -eq 0 ] || { echo "$failures header compilations failed"; exit 1; }
echo "PASS: <axvisor_api/conformance.h> compiles alone as C99/C11/C17 and C++17"
