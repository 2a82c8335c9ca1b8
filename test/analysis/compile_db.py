#!/usr/bin/env python3
"""Writes the part of a compile database the analysis covers.

Usage: compile_db.py SOURCE_ROOT INPUT_DB OUTPUT_DIR

Keeps the C files under lib/, platforms/ and samples/ of SOURCE_ROOT (each once), drops the
GCC-only flags clang-based tools reject, and writes OUTPUT_DIR/compile_commands.json. Prints
how many files it kept; an input that yields none is an error, so no analysis passes on an
empty database.
"""
import json
import os
import shlex
import sys

SCOPE = ("lib", "platforms", "samples")
# GCC accepts these and clang does not; they change code generation, not what the code means.
GCC_ONLY = {"-fno-tree-loop-distribute-patterns"}


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    root, input_db, output_dir = (os.path.realpath(a) for a in sys.argv[1:])
    with open(input_db, encoding="utf-8") as f:
        entries = json.load(f)
    prefixes = tuple(os.path.join(root, d) + os.sep for d in SCOPE)
    kept, seen = [], set()
    for entry in entries:
        path = os.path.realpath(os.path.join(entry["directory"], entry["file"]))
        if not path.endswith(".c") or not path.startswith(prefixes) or path in seen:
            continue
        seen.add(path)
        args = entry.get("arguments") or shlex.split(entry["command"])
        kept.append({
            "directory": entry["directory"],
            "file": path,
            "arguments": [a for a in args if a not in GCC_ONLY],
        })
    if not kept:
        sys.exit(f"compile_db.py: no C file under {', '.join(SCOPE)} in {input_db}")
    os.makedirs(output_dir, exist_ok=True)
    with open(os.path.join(output_dir, "compile_commands.json"), "w", encoding="utf-8") as f:
        json.dump(kept, f, indent=1)
    print(f"{len(kept)} files from {input_db}")


if __name__ == "__main__":
    main()
