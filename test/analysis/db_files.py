#!/usr/bin/env python3
"""Usage: db_files.py COMPILE_DB. Prints the file of each entry, one per line."""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    for entry in json.load(f):
        print(entry["file"])
