#!/usr/bin/env python3
"""Turns axv_bench's CSV (and optionally run_callgrind.sh's) into the PNG chart of
doc/performance.md:

    python3 bench/plot.py bench.csv [--callgrind callgrind.csv] -o doc/performance.png

Needs matplotlib (Debian: python3-matplotlib); nothing else in the build does."""
import argparse
import csv

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

BINDINGS = ["direct", "fnptr", "zephyr", "dynamic", "static"]
LABELS = {"direct": "direct call", "fnptr": "global fn ptr", "zephyr": "Zephyr-style\n(table + NULL)",
          "dynamic": "axv dynamic", "static": "axv static"}
MITIGATIONS = [("plain", "#4c72b0", "plain"), ("retpoline", "#dd8452", "retpoline")]


def load(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def bars(ax, values, errors, title, ylabel, fmt):
    width = 0.38
    xs = range(len(BINDINGS))
    for k, (mit, color, label) in enumerate(MITIGATIONS):
        ys = [values.get((b, mit)) for b in BINDINGS]
        if all(y is None for y in ys):
            continue
        pos = [x + (k - 0.5) * width for x in xs]
        heights = [y or 0 for y in ys]
        err = None
        if errors is not None:
            lo = [max(0.0, (y or 0) - errors.get((b, mit), (y or 0, y or 0))[0]) for b, y in zip(BINDINGS, ys)]
            hi = [max(0.0, errors.get((b, mit), (y or 0, y or 0))[1] - (y or 0)) for b, y in zip(BINDINGS, ys)]
            err = [lo, hi]
        rects = ax.bar(pos, heights, width, color=color, label=label, yerr=err, capsize=2,
                       error_kw={"elinewidth": 0.8})
        for r, y in zip(rects, ys):
            if y is not None:
                ax.annotate(fmt % y, (r.get_x() + r.get_width() / 2, r.get_height()),
                            ha="center", va="bottom", fontsize=7, xytext=(0, 2),
                            textcoords="offset points")
    ax.set_xticks(list(xs))
    ax.set_xticklabels([LABELS[b] for b in BINDINGS], fontsize=8)
    ax.set_title(title, fontsize=10)
    ax.set_ylabel(ylabel, fontsize=9)
    ax.margins(y=0.15)
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--callgrind")
    ap.add_argument("-o", "--output", default="performance.png")
    args = ap.parse_args()

    rows = [r for r in load(args.csv) if r["benchmark"] == "call"]
    cg = load(args.callgrind) if args.callgrind else []
    ops = [("trivial", "trivial op (returns a constant)"),
           ("realistic", "realistic op (axv_time_current_ticks, posix)")]
    nplots = len(ops) * (2 if cg else 1)
    fig, axes = plt.subplots(nplots // len(ops), len(ops), figsize=(12, 4.2 * (nplots // len(ops))),
                             squeeze=False)
    for col, (op, title) in enumerate(ops):
        vals = {(r["binding"], r["mitigation"]): float(r["median_ns"]) for r in rows if r["op"] == op}
        errs = {(r["binding"], r["mitigation"]): (float(r["min_ns"]), float(r["max_ns"]))
                for r in rows if r["op"] == op}
        bars(axes[0][col], vals, errs, "ns/call, " + title + "\nmedian, whiskers min..max",
             "ns per call", "%.2f")
        if cg:
            ivals = {(r["binding"], r["mitigation"]): float(r["instructions_per_call"])
                     for r in cg if r["op"] == op}
            bars(axes[1][col], ivals, None, "instructions/call (callgrind, exact), " + op,
                 "instructions per call", "%.0f")
    fig.suptitle("axvisor_api: cost of one API call by binding (x86-64, gcc -O2)", fontsize=12)
    fig.tight_layout()
    fig.savefig(args.output, dpi=110)


if __name__ == "__main__":
    main()
