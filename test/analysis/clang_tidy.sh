#!/usr/bin/env bash
# Usage: clang_tidy.sh DBS_DIR
# clang-tidy with the checked-in .clang-tidy over every file of every configuration that
# compile_dbs.sh wrote (host, static, aarch64, riscv64), one process per file (clang-tidy 14
# carries analyzer state from one file to the next within a process, which misreads
# va_start), as many at once as there are CPUs. Passes on zero findings; skips (77) without clang-tidy.
set -euo pipefail
dbs=$1
here=$(cd "$(dirname "$0")" && pwd)
configs=(host static aarch64 riscv64)

tidy=$(command -v clang-tidy) || {
    echo "clang-tidy is not installed: skipped (scripts/setup.sh installs it)"
    exit 77
}
"$tidy" --version | head -n 2 | tail -n 1

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
total=0
for config in "${configs[@]}"; do
    mapfile -t files < <(python3 "$here/db_files.py" "$dbs/$config/compile_commands.json")
    total=$((total + ${#files[@]}))
    echo "$config: ${#files[@]} files"
    mkdir -p "$logs/$config"
    # Each file's output and status go to its own log; a status other than 0 is a finding or
    # a file clang could not compile, both failures.
    printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -I{} sh -c \
        'log="$3/$(echo "$2" | tr / _).log"
         "$0" -p "$1" --quiet "$2" >"$log" 2>&1 || echo "$2" >>"$3/failed"' \
        "$tidy" "$dbs/$config" {} "$logs/$config"
done

if [ "$total" -eq 0 ]; then
    echo "clang-tidy: no file to analyse: skipped"
    exit 77
fi
failed=$(cat "$logs"/*/failed 2>/dev/null | sort -u || true)
if [ -n "$failed" ]; then
    for config in "${configs[@]}"; do
        [ -f "$logs/$config/failed" ] || continue
        while read -r file; do
            echo "---- $config: $file"
            cat "$logs/$config/$(echo "$file" | tr / _).log"
        done <"$logs/$config/failed"
    done
    echo "clang-tidy: findings in $(echo "$failed" | wc -l) of $total files:"
    cat "$logs"/*/*.log | grep -E '(warning|error):' | sort -u
    exit 1
fi
echo "clang-tidy: $total files in ${#configs[@]} configurations, 0 findings"
