#!/usr/bin/env bash
# Instructions per call of every call loop of axv_bench, counted exactly by callgrind.
#
#   bench/run_callgrind.sh AXV_BENCH [OUT.csv]
#
# Each loop runs twice under callgrind, N1 and N2 calls, collecting only inside the loop
# function (--toggle-collect, callees included); (Ir(N2) - Ir(N1)) / (N2 - N1) cancels the
# loop's prologue and everything outside it. Writes op,binding,mitigation,instructions_per_call.
set -euo pipefail

bench=${1:?usage: run_callgrind.sh AXV_BENCH [OUT.csv]}
out=${2:-callgrind.csv}
n1=${AXV_CALLGRIND_N1:-10000}
n2=${AXV_CALLGRIND_N2:-20000}
command -v valgrind >/dev/null || { echo "run_callgrind.sh: valgrind not found" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Total Ir collected in one run of loop $1 with $2 calls.
instructions() {
    local file=$work/cg.out
    valgrind --tool=callgrind --callgrind-out-file="$file" \
        --toggle-collect="bench_loop_${1}" "$bench" --loop "$1" --iters "$2" \
        >/dev/null 2>"$work/valgrind.log" || { cat "$work/valgrind.log" >&2; exit 1; }
    awk '/^(summary|totals):/ { print $2; exit }' "$file"
}

echo "op,binding,mitigation,instructions_per_call" >"$out"
printf '%-10s %-8s %-10s %s\n' op binding mitigation instructions/call
for loop in $("$bench" --list); do
    a=$(instructions "$loop" "$n1")
    b=$(instructions "$loop" "$n2")
    per=$(awk -v a="$a" -v b="$b" -v n1="$n1" -v n2="$n2" \
        'BEGIN { printf "%.2f", (b - a) / (n2 - n1) }')
    IFS=_ read -r op binding mitigation <<<"$loop"
    printf '%-10s %-8s %-10s %s\n' "$op" "$binding" "$mitigation" "$per"
    echo "$op,$binding,$mitigation,$per" >>"$out"
done
