#!/usr/bin/env bash
# Usage: misra_report.sh [BUILD_DIR]
# Prints cppcheck's MISRA C:2012 addon findings for the core: the lib/ files the host build
# (BUILD_DIR, default build) compiles, with the public headers they include, counted per
# rule, then every finding. A report, not a test: the rules the core deliberately deviates
# from, and why, are in doc/robustness.md ("MISRA C:2012"). cppcheck ships no rule texts,
# so rules are named by number only.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
here=$root/test/analysis

cppcheck=$(command -v cppcheck) || {
    echo "misra_report: cppcheck is not installed (scripts/setup.sh installs it)" >&2
    exit 1
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/compile_db.py" "$root" "$build/compile_commands.json" "$work/all" >/dev/null
python3 - "$work/all/compile_commands.json" "$root/lib/" "$work/lib.json" <<'PY'
import json, sys
entries = [e for e in json.load(open(sys.argv[1])) if e["file"].startswith(sys.argv[2])]
json.dump(entries, open(sys.argv[3], "w"))
print(f"core files: {len(entries)}")
PY
mkdir "$work/cppcheck" # its dump and CTU files, kept out of the source tree
"$cppcheck" --project="$work/lib.json" --std=c11 --addon=misra -j "$(nproc)" --quiet \
    --cppcheck-build-dir="$work/cppcheck" \
    --template='{file}:{line}: {id}' 2>"$work/findings" || true
# Only the core's own files: lib/ and the public headers.
sed -n -E "s%^$root/((lib|include)/[^:]*):([0-9]*): misra-c2012-(.*)%\4 \1:\3%p" \
    "$work/findings" | sort -t' ' -k1,1V -k2,2 -u >"$work/core"
if grep -v ': misra-c2012-' "$work/findings" | grep -q .; then
    echo "misra_report: cppcheck reported something other than MISRA findings:" >&2
    grep -v ': misra-c2012-' "$work/findings" >&2
    exit 1
fi
echo "MISRA C:2012 findings in the core, per rule (count, then files):"
awk '{n[$1]++; split($2, p, ":"); f[$1] = f[$1] (index(f[$1], p[1]) ? "" : " " p[1])}
     END {for (r in n) printf "  %-6s %4d %s\n", r, n[r], f[r]}' "$work/core" | sort -k1,1V
echo "total: $(wc -l <"$work/core") findings in $(cut -d' ' -f1 "$work/core" | sort -u | wc -l) rules"
echo
echo "Every finding (rule, place):"
sed 's/^/  /' "$work/core"
