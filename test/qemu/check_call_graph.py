#!/usr/bin/env python3
"""Checks that the object files of a static library call each other without cycles.

    check_call_graph.py --nm NM ARCHIVE

Builds the file-level graph from `nm`: member A points at member B when A references (U) a
global symbol B defines. Assembly members (*.S.o, *.S.obj) have no outgoing edges: their
references are entry points the hardware enters (reset, exception vectors, PSCI CPU_ON), not
calls. Prints the graph; exits 1 naming the files on a cycle, 0 when there is none, 77
(skip) when the archive does not exist (the cross build did not run).
"""
import argparse
import os
import subprocess
import sys


def read_symbols(nm, archive):
    """member -> (defined global symbols, undefined symbols)."""
    out = subprocess.run([nm, "-A", archive], check=True, capture_output=True,
                         text=True).stdout
    members = {}
    for line in out.splitlines():
        # ARCHIVE:MEMBER:[ADDRESS] TYPE NAME
        if not line.startswith(archive + ":"):
            continue
        member, _, rest = line[len(archive) + 1:].partition(":")
        fields = rest.split()
        if len(fields) < 2:
            continue
        kind, name = fields[-2], fields[-1]
        defined, undefined = members.setdefault(member, (set(), set()))
        if kind == "U":
            undefined.add(name)
        elif kind.isupper():
            defined.add(name)
    return members


def is_assembly(member):
    return member.endswith((".S.o", ".S.obj"))


def build_graph(members):
    owner = {}
    for member, (defined, _) in members.items():
        for symbol in defined:
            owner[symbol] = member
    graph = {member: set() for member in members}
    for member, (_, undefined) in members.items():
        if is_assembly(member):
            continue
        for symbol in undefined:
            target = owner.get(symbol)
            if target is not None and target != member:
                graph[member].add(target)
    return graph


def find_cycle(graph):
    """A list of members forming a cycle, or None (depth-first search, three colours)."""
    state = {member: 0 for member in graph}  # 0 unseen, 1 on the path, 2 done
    path = []

    def visit(member):
        state[member] = 1
        path.append(member)
        for target in sorted(graph[member]):
            if state[target] == 1:
                return path[path.index(target):] + [target]
            if state[target] == 0:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[member] = 2
        return None

    for member in sorted(graph):
        if state[member] == 0:
            cycle = visit(member)
            if cycle:
                return cycle
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--nm", default="nm")
    parser.add_argument("archive")
    args = parser.parse_args()
    if not os.path.exists(args.archive):
        print(f"SKIP: {args.archive} was not built (no AArch64 cross compiler)")
        return 77
    graph = build_graph(read_symbols(args.nm, args.archive))
    edges = sum(len(targets) for targets in graph.values())
    for member in sorted(graph):
        print(f"{member} -> {' '.join(sorted(graph[member])) or '(nothing)'}")
    if edges == 0:
        print("FAILED: no calls between files found; nothing was examined")
        return 1
    cycle = find_cycle(graph)
    if cycle:
        print("FAILED: call cycle: " + " -> ".join(cycle))
        return 1
    print(f"OK: {len(graph)} files, {edges} file-level calls, no cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
