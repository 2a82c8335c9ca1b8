#!/usr/bin/env bash
# Runs one test program of the build (ctest prepends this script to every test whose command
# is a target of the build; cmake/test_launcher.cmake): as is, or under valgrind memcheck when
# AXV_TEST_VALGRIND=1 (the valgrind test preset sets it).
#
# Under valgrind any memory error or leak (definite, indirect or possible) fails the test with
# status 99 and valgrind's report on stderr. The report goes to a file first, so the program's
# own stderr (which death tests match) stays as it is. Death-test children (forks that end by
# a fatal signal or _exit) are not reported: their leaks are the abandoned parent state, by
# design; the parent's run covers the code.
set -u
if [ "${AXV_TEST_VALGRIND:-0}" != 1 ]; then
    exec "$@"
fi
if ! command -v valgrind >/dev/null 2>&1; then
    echo "test_launcher: AXV_TEST_VALGRIND=1 but valgrind is not installed (scripts/setup.sh)" >&2
    exit 127
fi
log=$(mktemp "${TMPDIR:-/tmp}/axv-valgrind.XXXXXX")
trap 'rm -f "$log"' EXIT
# --fair-sched: valgrind runs one thread at a time; without fair scheduling a thread spinning
# on an atomic can starve the one it waits for. --max-threads: the largest hosted-vmm setting
# runs 1024 vCPU threads (valgrind's default limit is 500).
valgrind --tool=memcheck --error-exitcode=99 --max-threads=2048 \
    --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible \
    --child-silent-after-fork=yes --fair-sched=yes --num-callers=40 \
    --log-file="$log" "$@"
rc=$?
if [ "$rc" -eq 99 ] || ! grep -q "ERROR SUMMARY: 0 errors" "$log"; then
    echo "test_launcher: valgrind found errors (status $rc):" >&2
    cat "$log" >&2
    [ "$rc" -eq 0 ] && rc=99
fi
exit "$rc"
