#!/usr/bin/env python3
"""Smoke check of axv_bench: runs it with the given arguments plus --csv, and checks that
the CSV is well formed and complete. Timings are never judged: any positive number passes."""
import argparse
import csv
import math
import subprocess
import sys

HEADER = ["benchmark", "op", "binding", "mitigation", "median_ns", "min_ns", "max_ns",
          "ratio_to_direct"]
BINDINGS = ["direct", "fnptr", "zephyr", "dynamic", "static"]


def fail(msg):
    print("check_csv: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--retpoline", choices=["yes", "no"], required=True)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = [a for a in args.command if a != "--"] + ["--csv", args.csv]
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(run.stdout)
    if run.returncode != 0:
        fail("axv_bench exited with %d" % run.returncode)

    with open(args.csv, newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != HEADER:
        fail("bad header: %r" % (rows[0] if rows else None))
    seen = set()
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(HEADER):
            fail("line %d has %d fields" % (n, len(row)))
        rec = dict(zip(HEADER, row))
        try:
            med, lo, hi = (float(rec[k]) for k in ("median_ns", "min_ns", "max_ns"))
        except ValueError:
            fail("line %d: a time is not a number" % n)
        if not all(math.isfinite(v) and v > 0 for v in (med, lo, hi)) or not lo <= med <= hi:
            fail("line %d: expected 0 < min <= median <= max, got %s" % (n, row[4:7]))
        if rec["benchmark"] == "call":
            if float(rec["ratio_to_direct"]) <= 0:
                fail("line %d: ratio must be positive" % n)
        elif rec["ratio_to_direct"] != "":
            fail("line %d: only call rows have a ratio" % n)
        key = (rec["benchmark"], rec["op"], rec["binding"], rec["mitigation"])
        if key in seen:
            fail("line %d repeats %r" % (n, key))
        seen.add(key)

    mitigations = ["plain"] + (["retpoline"] if args.retpoline == "yes" else [])
    want = {("call", op, b, m) for op in ("trivial", "realistic") for b in BINDINGS
            for m in mitigations}
    want |= {("frame_alloc_free", "4KiB", "dynamic", "plain"),
             ("inject_latency", "p50", "dynamic", "plain"),
             ("inject_latency", "p99", "dynamic", "plain")}
    missing = want - seen
    if missing:
        fail("missing rows: %s" % sorted(missing))
    if not any(k[0] == "timer_register_cancel" for k in seen):
        fail("no timer_register_cancel row")
    print("check_csv: %d rows, well formed" % (len(rows) - 1))


if __name__ == "__main__":
    main()
