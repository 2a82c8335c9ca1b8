#!/usr/bin/env bash
# Usage: cppcheck.sh DBS_DIR
# cppcheck over every file of every configuration that compile_dbs.sh wrote (host, static,
# aarch64, riscv64), each with that configuration's include paths and defines (--project),
# so the op-list generators and the generated config.h expand as the compiler sees them.
# POSIX's library description for the hosted configurations; aarch64 and riscv64 are LP64
# like unix64. Inline suppressions only (each with its reason). Passes on zero findings;
# skips (77) without cppcheck.
set -euo pipefail
dbs=$1
configs=(host static aarch64 riscv64)

cppcheck=$(command -v cppcheck) || {
    echo "cppcheck is not installed: skipped (scripts/setup.sh installs it)"
    exit 77
}
"$cppcheck" --version

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
status=0
total=0
for config in "${configs[@]}"; do
    case $config in
    aarch64 | riscv64) target=(--platform=unix64) ;;
    *) target=(--platform=native --library=posix) ;;
    esac
    rc=0
    "$cppcheck" --project="$dbs/$config/compile_commands.json" --std=c11 "${target[@]}" \
        --enable=warning,style,performance,portability --inline-suppr --error-exitcode=1 \
        -j "$(nproc)" --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
        >"$logs/$config.out" 2>"$logs/$config.findings" || rc=$?
    checked=$(grep -c ' files checked ' "$logs/$config.out" || true)
    total=$((total + checked))
    echo "$config: $checked files"
    if [ "$rc" -ne 0 ] || [ -s "$logs/$config.findings" ]; then
        cat "$logs/$config.findings"
        echo "cppcheck: $config: findings (status $rc)"
        status=1
    fi
done
if [ "$status" -ne 0 ]; then
    exit 1
fi
if [ "$total" -eq 0 ]; then
    echo "cppcheck: no file checked: skipped"
    exit 77
fi
echo "cppcheck: $total files in ${#configs[@]} configurations, 0 findings"
