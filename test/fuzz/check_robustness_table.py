#!/usr/bin/env python3
"""Checks the tables of doc/robustness.md against the source tree, so they cannot rot.

Usage: check_robustness_table.py <source dir>

Every data row of a table whose header's first column is `#` must name at least one test
in its last column, as `file` `Suite.Name` (a GoogleTest test, typed tests included,
defined in that file; several names may follow one file) or `fuzz.<target>`
(test/fuzz/src/fuzz_<target>.c exists). Each status code the row's result column names
(AXV_OK, AXV_E...) must appear in the body of one of its GoogleTest tests. Row numbers
must run 1, 2, ... and there must be at least 25 rows. Other tables are not checked.
Prints every problem and exits 1 if there is any.
"""
import pathlib
import re
import sys

MIN_ROWS = 25
TEST_START = re.compile(r"^(TEST|TEST_F|TEST_P|TYPED_TEST|TYPED_TEST_P)\s*\(", re.M)
CODE = re.compile(r"\bAXV_(?:OK|E[A-Z]+)\b")
TICKED = re.compile(r"`([^`]+)`")


def test_body(text, suite, name):
    """The text of test Suite.Name in text (up to the next test), or None."""
    m = re.search(r"^(?:TEST|TEST_F|TEST_P|TYPED_TEST|TYPED_TEST_P)\s*\(\s*"
                  + re.escape(suite) + r"\s*,\s*" + re.escape(name) + r"\s*\)", text, re.M)
    if not m:
        return None
    nxt = TEST_START.search(text, m.end())
    return text[m.start():nxt.start() if nxt else len(text)]


def check_row(root, cells, problems, where):
    result, proof = cells[-2], cells[-1]
    bodies = []
    named = 0
    current_file = None
    for token in TICKED.findall(proof):
        token = token.strip()
        if token.startswith("test/") or token.startswith("platforms/"):
            current_file = root / token
            if not current_file.is_file():
                problems.append(f"{where}: no file {token}")
                current_file = None
        elif re.fullmatch(r"fuzz\.[a-z_]+", token):
            target = token.split(".", 1)[1]
            if not (root / "test/fuzz/src" / f"fuzz_{target}.c").is_file():
                problems.append(f"{where}: no fuzz target {token}")
            named += 1
        elif re.fullmatch(r"[A-Za-z_]\w*\.[A-Za-z_]\w*", token):
            if current_file is None:
                problems.append(f"{where}: test {token} follows no file")
                continue
            suite, name = token.split(".")
            body = test_body(current_file.read_text(), suite, name)
            if body is None:
                problems.append(f"{where}: {current_file.relative_to(root)} has no test {token}")
                continue
            bodies.append(body)
            named += 1
    if named == 0:
        problems.append(f"{where}: names no test")
    for code in sorted(set(CODE.findall(result))):
        if bodies and not any(re.search(r"\b" + code + r"\b", b) for b in bodies):
            problems.append(f"{where}: result {code} appears in none of its tests")


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    doc = root / "doc/robustness.md"
    problems = []
    rows = 0
    in_table = False  # inside a table whose header's first column is "#"
    for lineno, line in enumerate(doc.read_text().splitlines(), 1):
        if not line.startswith("|"):
            in_table = False
            continue
        if re.match(r"^\|\s*-", line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not in_table:
            in_table = cells[0] == "#"  # a header row; other tables are not checked
            continue
        rows += 1
        where = f"doc/robustness.md:{lineno}"
        if cells[0] != str(rows):
            problems.append(f"{where}: row numbered {cells[0]}, expected {rows}")
        if len(cells) != 4:
            problems.append(f"{where}: {len(cells)} columns, expected 4")
            continue
        check_row(root, cells, problems, where)
    if rows < MIN_ROWS:
        problems.append(f"doc/robustness.md: {rows} rows, at least {MIN_ROWS} expected")
    for p in problems:
        print(p)
    print(f"{rows} rows checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
