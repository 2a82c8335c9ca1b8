#!/usr/bin/env python3
"""Proves a WP specification with Z3 through Why3, and fails unless every goal is proved.

The specification is a template (wp_registry.c.in): every "@@each(SEP) BODY @@end" is
replaced by BODY once per built-in area, with @AREA@ the area's name, the copies joined by
SEP. The areas are read from the op lists by the C preprocessor, so that no area is named by
hand. Then Frama-C's WP proves every contract of the functions the template specifies (a
contract followed by the function's prototype), with -wp-rte on all of them but those given
with --no-rte. With --smoke, WP's smoke tests also look for a contract whose assumptions
contradict each other (a proof that would hold whatever the code did); they take minutes,
so the test runs them only on request.

Why3 is configured into the work directory (WHY3CONFIG), not in the user's home, so that the
run sees exactly the provers installed now.

Usage: run_wp.py --frama-c FRAMA_C --why3 WHY3 --cc CC --template FILE --work-dir DIR
                 [--include DIR]... [--no-rte f,g] [--assumed f,g] [--smoke] [--log FILE]
                 -- FRAMA-C ARGUMENTS...
Exit status 0 when every goal is proved, 1 otherwise, 77 (skip) when why3 or z3 is missing.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import time

SKIP = 77
# Why3's Z3 with its "counterexamples" driver: on this pairing (Why3 1.5.1, Z3 4.8.12) the
# plain driver reports "Unknown error" on goals this one proves.
PROVER = "z3-ce"
FATAL_PATTERNS = [
    (re.compile(r"User Error"), "Frama-C reported a user error"),
    (re.compile(r"\[kernel\] Failure"), "Frama-C failed to parse a file"),
    (re.compile(r"Frama-C aborted"), "Frama-C aborted"),
    (re.compile(r"^\[wp\] \[(?!Passed\]).*Smoke-test.*$", re.MULTILINE),
     "a smoke test did not pass: some contract's assumptions may be inconsistent"),
]
SUMMARY = re.compile(r"^\[wp\] Proved goals:\s+(\d+)\s*/\s*(\d+)", re.MULTILINE)
EACH = re.compile(r"@@each\((.*?)\)(.*?)@@end", re.DOTALL)
SPECIFIED = re.compile(r"\*/\n(?:static )?[^\n(;]*?\b([A-Za-z_][A-Za-z0-9_]*)\(")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frama-c", required=True)
    parser.add_argument("--why3", required=True)
    parser.add_argument("--cc", required=True, help="C compiler, to list the areas")
    parser.add_argument("--include", action="append", default=[],
                        help="include directory for listing the areas")
    parser.add_argument("--template", required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--no-rte", default="",
                        help="comma-separated patterns (fnmatch, @AREA@ as *) proved without -wp-rte")
    parser.add_argument("--assumed", default="",
                        help="comma-separated functions whose contracts are assumed (no code here)")
    parser.add_argument("--smoke", action="store_true",
                        help="also run WP's smoke tests (inconsistent contracts; slow)")
    parser.add_argument("--log", help="where to keep Frama-C's full output")
    parser.add_argument("frama_c_args", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.frama_c_args and args.frama_c_args[0] == "--":
        args.frama_c_args = args.frama_c_args[1:]
    return args


def list_areas(cc, includes):
    """The built-in areas, in list order, from the preprocessed op lists."""
    source = ("#include <axvisor_api/axvisor_api.h>\n"
              "#define AXV_EACH_AREA(area) axv_proof_area area;\n"
              "#include <axvisor_api/each_area.h>\n")
    cmd = [cc, "-E", "-P", "-x", "c", "-"] + ["-I" + d for d in includes]
    out = subprocess.run(cmd, input=source, capture_output=True, text=True, check=True).stdout
    return re.findall(r"\baxv_proof_area\s+([A-Za-z_][A-Za-z0-9_]*)\s*;", out)


def expand(template, areas):
    return EACH.sub(lambda m: m.group(1).encode().decode("unicode_escape").join(
        m.group(2).replace("@AREA@", area) for area in areas), template)


def configure_why3(why3, work_dir):
    """Detects the provers into a configuration of the work directory; None without z3."""
    conf = os.path.join(work_dir, "why3.conf")
    if os.path.exists(conf):
        os.remove(conf)
    env = dict(os.environ, WHY3CONFIG=conf)
    out = subprocess.run([why3, "config", "detect"], env=env, capture_output=True, text=True)
    text = out.stdout + out.stderr
    if out.returncode != 0 or not re.search(r"Found prover Z3 version \S+, OK", text):
        print(text, file=sys.stderr)
        return None
    print(next(line for line in text.splitlines() if "Found prover Z3" in line))
    return env


def main():
    args = parse_args()
    if shutil.which(args.why3) is None or shutil.which("z3") is None:
        print("proof: why3 or z3 missing (Debian: why3, z3); skipped")
        return SKIP
    os.makedirs(args.work_dir, exist_ok=True)
    env = configure_why3(args.why3, args.work_dir)
    if env is None:
        print("proof: why3 found no usable Z3; skipped")
        return SKIP

    areas = list_areas(args.cc, args.include)
    if not areas:
        print("proof: no area found in the op lists", file=sys.stderr)
        return 1
    with open(args.template, encoding="utf-8") as f:
        text = expand(f.read(), areas)
    name = os.path.basename(args.template)
    if name.endswith(".in"):
        name = name[:-3]
    source = os.path.join(args.work_dir, name)
    with open(source, "w", encoding="utf-8") as f:
        f.write(text)

    import fnmatch
    assumed = [f for f in args.assumed.split(",") if f]
    specified = [f for f in dict.fromkeys(SPECIFIED.findall(text)) if f not in assumed]
    no_rte_patterns = [p.replace("@AREA@", "*") for p in args.no_rte.split(",") if p]
    no_rte = [f for f in specified if any(fnmatch.fnmatchcase(f, p) for p in no_rte_patterns)]
    with_rte = [f for f in specified if f not in no_rte]
    wp = ["-wp", "-wp-prover", PROVER] + (["-wp-smoke-tests"] if args.smoke else [])
    cmd = [args.frama_c] + args.frama_c_args + [source] + wp + [
        "-wp-rte", "-wp-fct", ",".join(with_rte)]
    if no_rte:
        cmd += ["-then", "-wp-no-rte", "-wp-fct", ",".join(no_rte)]
    start = time.monotonic()
    run = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    output = run.stdout + run.stderr
    if args.log:
        with open(args.log, "w", encoding="utf-8") as f:
            f.write(" ".join(cmd) + "\n\n" + output)

    problems = []
    if run.returncode != 0:
        problems.append("frama-c exited with status %d" % run.returncode)
    for pattern, why in FATAL_PATTERNS:
        for match in pattern.finditer(output):
            problems.append("%s: %s" % (why, match.group(0).strip()))
    proved = total = 0
    summaries = SUMMARY.findall(output)
    for p, t in summaries:
        proved += int(p)
        total += int(t)
    if len(summaries) != (2 if no_rte else 1):
        problems.append("expected one WP summary per run, found %d" % len(summaries))
    if total == 0:
        problems.append("no goal was generated")
    for line in output.splitlines():
        if line.startswith("[wp] [") and ("Failed" in line or "Unknown" in line or
                                          "Timeout" in line):
            problems.append(line)

    print("areas: %s" % ", ".join(areas))
    print("functions: %d with -wp-rte, %d without; contracts assumed: %s" %
          (len(with_rte), len(no_rte), ", ".join(assumed) or "none"))
    print("Proved goals: %d / %d (%s, %.0f s)" % (proved, total, PROVER, elapsed))
    for problem in problems:
        print("FAIL: " + problem)
    if proved != total:
        print("FAIL: %d goal(s) not proved (see %s)" % (total - proved, args.log or "the output"))
    return 0 if not problems and proved == total and total > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
