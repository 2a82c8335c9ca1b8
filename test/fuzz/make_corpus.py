#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets: test/fuzz/corpus/<target>/<seed>.

Each seed is a small hand-written program in its target's input encoding (see the decoders
in test/fuzz/src/fuzz_<target>.c), one per kind of step, so the fuzzer starts from inputs
that already reach every path. Run it again after changing an encoding:

    test/fuzz/make_corpus.py            # rewrites test/fuzz/corpus
"""
import pathlib
import re
import struct

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def u16(v):
    return struct.pack("<H", v)


def u32(v):
    return struct.pack("<I", v)


def u64(v):
    return struct.pack("<Q", v)


# fuzz_buddy.c: setup = kind, base (u16), frames - 1 (u16); steps below.
def b_setup(kind, base, frames):
    return bytes([kind]) + u16(base) + u16(frames - 1)


def b_alloc_frame():
    return bytes([0])


def b_alloc(len_kind, len_value, align_v=0, align_w=0):
    return bytes([1, len_kind, len_value, align_v]) + u32(align_w)


def b_free(pick, single=True):
    return bytes([3 if single else 11, pick])


def b_bad(kind, pick=0, a=0, b=0, c=0):
    return bytes([5, pick, kind, a, b]) + u16(c)


def b_nulls():
    return bytes([6])


def b_translate(pick, frame=0, byte=0):
    return bytes([7, pick, frame]) + u16(byte)


def buddy_seeds():
    return {
        "basic": b_setup(0, 0, 64) + b_alloc_frame() + b_alloc_frame()
        + b_alloc(4, 3) + b_translate(2, 3, 100) + b_free(0) + b_free(0)
        + b_bad(0, a=0) + b_free(0, single=False),
        "odd_base": b_setup(1, 3, 37) + b_alloc(3, 0) + b_alloc(4, 4, 2 + 4 * 2)
        + b_alloc_frame() + b_bad(4, c=17) + b_bad(1, a=2) + b_bad(2, a=1, b=1)
        + b_bad(3, a=1) + b_bad(5, a=1, c=9) + b_free(0) + b_free(0),
        "pfn_zero": b_setup(1, 0, 1) + b_alloc_frame() + b_alloc_frame()
        + b_bad(3, a=0) + b_bad(0, a=0) + b_alloc_frame(),
        "bad_requests": b_setup(0, 0, 16) + b_alloc(0, 0) + b_alloc(1, 5) + b_alloc(2, 1)
        + b_alloc(4, 0, 3, 0x3000) + b_alloc(4, 0, 1 + 4 * 63) + b_alloc(4, 0, 1 + 4 * 12)
        + b_nulls() + b_bad(3, a=3) + b_bad(3, a=2, b=7),
        "high_base": b_setup(3, 5, 1024) + b_alloc(4, 63) + b_alloc(4, 2, 2 + 4 * 5)
        + b_alloc(4, 16) + b_free(1, single=False) + b_alloc(4, 100) + b_alloc(4, 0)
        + b_alloc(3, 0) + b_free(0, single=False) + b_alloc(4, 31, 2 + 4 * 7)
        + b_translate(1, 5, 4095),
    }


# fuzz_timer_heap.c: capacity byte; steps below.
def t_register(kind, w=0):
    return bytes([0, kind]) + u32(w)


def t_cancel(pick):
    return bytes([3, pick])


def t_bad_cancel(kind, pick=0, w=0):
    return bytes([4, kind, pick]) + u64(w)


def t_advance(kind, w=0):
    return bytes([5, kind]) + u16(w)


def t_clear():
    return bytes([7])


def timer_seeds():
    return {
        "ties": bytes([0]) + t_register(5, 3) + t_register(5, 3) + t_register(5, 1)
        + t_register(2, 0) + t_register(5, 3) + t_advance(1) + t_advance(1)
        + t_advance(4, 2) + t_advance(3),
        "full": bytes([1]) + t_register(5, 1) + t_register(5, 2) + t_register(5, 3)
        + t_cancel(0) + t_register(1) + t_advance(0) + t_register(4, 1000) + t_advance(2, 999),
        "cancels": bytes([0]) + t_register(5, 4) + t_register(5, 8) + t_register(4, 70000)
        + t_cancel(1) + t_bad_cancel(0, 1) + t_bad_cancel(1) + t_bad_cancel(2, 0, 1)
        + t_bad_cancel(3, 2, 0) + t_bad_cancel(4, 0, 5) + t_bad_cancel(5, 0, 1 << 40)
        + t_advance(4, 9) + t_bad_cancel(0, 0) + t_cancel(0),
        "past_and_max": bytes([0]) + t_advance(2, 500) + t_register(0, 200) + t_register(3)
        + t_register(1) + t_advance(0) + t_clear() + t_register(3) + t_register(0, 1)
        + t_advance(3),
    }


# fuzz_timer_queue.c: pool byte; steps below. A registration is a deadline (kind, w), the
# callback's action (0 nothing, 1 re-arm, 2 cancel another, 3 cancel itself) and its parameter.
def q_register(kind, w=0, action=0, param=0):
    return bytes([0, kind]) + u32(w) + bytes([action]) + u16(param)


def q_cancel(pick):
    return bytes([3, pick])


def q_bad_cancel(kind, pick=0, w=0):
    return bytes([4, kind, pick]) + u64(w)


def q_foreign():
    return bytes([5])


def q_advance(kind, w=0):
    return bytes([6, kind]) + u16(w)


def queue_seeds():
    return {
        "ties": bytes([0]) + q_register(5, 3) + q_register(5, 3) + q_register(5, 1)
        + q_register(2, 0) + q_register(5, 3) + q_advance(1) + q_advance(1)
        + q_advance(4, 2) + q_advance(3),
        "full": bytes([1]) + q_register(5, 1) + q_register(5, 2) + q_register(5, 3)
        + q_cancel(0) + q_register(1) + q_advance(0) + q_register(4, 1000) + q_advance(2, 999),
        "cancels": bytes([0]) + q_register(5, 4) + q_register(5, 8) + q_register(4, 70000)
        + q_cancel(1) + q_bad_cancel(0, 1) + q_bad_cancel(1) + q_bad_cancel(2, 0, 1)
        + q_bad_cancel(3, 2, 0) + q_bad_cancel(4, 0, 1) + q_bad_cancel(5, 0, 5)
        + q_bad_cancel(6, 0, 1 << 40) + q_foreign() + q_advance(4, 9) + q_bad_cancel(0, 0)
        + q_cancel(0),
        "callbacks": bytes([2]) + q_register(5, 2, 1, 3) + q_register(5, 2, 2, 2)
        + q_register(5, 2) + q_register(5, 3, 3) + q_register(5, 4, 1, 5) + q_advance(2, 3)
        + q_advance(0) + q_advance(3),
        "past_and_max": bytes([0]) + q_advance(2, 500) + q_register(0, 200) + q_register(3)
        + q_register(1) + q_advance(0) + q_register(3) + q_register(0, 1) + q_advance(3),
    }


# fuzz_registry.c: steps below; an area's table is one byte per op (0 NULL, 1 default,
# 2 and 3 stand-ins) and two header changes of 5 bytes each.
AREAS = ["memory", "time", "vmm", "host", "arch", "console", "vgic"]
OP_LISTS = {a: ROOT / "include/axvisor_api/ops" / f"{a}.h" for a in AREAS[:6]}
OP_LISTS["vgic"] = ROOT / "test/custom_area/include/demo_vgic/ops.h"


def num_ops(area):
    return len(re.findall(r"^AXV_OP\(", OP_LISTS[area].read_text(), re.M))


KEEP = (10, 0)


def r_table(area, member=2, changes=(KEEP, KEEP)):
    out = bytes([member] * num_ops(area))
    for kind, w in changes:
        out += bytes([kind]) + u32(w)
        if kind == 9:  # no table: the second change is not read
            break
    return out


def r_register(area, member=2, changes=(KEEP, KEEP)):
    return bytes([0, AREAS.index(area)]) + r_table(area, member, changes)


def r_reset(area):
    return bytes([7, AREAS.index(area)])


def r_install(tables):
    out = bytes([9])
    for area in AREAS[:6]:
        if area in tables:
            out += bytes([1]) + r_table(area, *tables[area])
        else:
            out += bytes([0])
    return out


def r_nulls(area):
    return bytes([12, AREAS.index(area)])


SEAL = bytes([13, 0])  # the parameter byte: seal (a multiple of 8)


def registry_seeds():
    return {
        "register_each": b"".join(r_register(a, 2 + i % 2) for i, a in enumerate(AREAS)),
        "bad_headers": r_register("memory", 2, ((0, 0x12345678), KEEP))
        + r_register("memory", 3, ((1, 0), KEEP)) + r_register("memory", 2, ((2, 7), KEEP))
        + r_register("memory", 2, ((3, 2), KEEP)) + r_register("memory", 2, ((4, 1), KEEP))
        + r_register("memory", 2, ((6, 3), KEEP)) + r_register("memory", 2, ((7, 0), KEEP))
        + r_register("memory", 2, ((8, 0), KEEP)) + r_register("memory", 2, ((9, 0),))
        + r_register("vgic", 2, ((3, 1), (2, 9))),
        "install": r_install({a: (2, (KEEP, KEEP)) for a in AREAS[:6]})
        + r_install({"host": (3, (KEEP, KEEP)), "time": (3, ((1, 0), KEEP))})
        + r_install({"memory": (0, (KEEP, KEEP)), "console": (3, ((9, 0),))}),
        "seal": r_register("host", 2) + r_register("vgic", 3) + SEAL + r_register("memory", 2)
        + r_reset("host") + r_install({"arch": (2, (KEEP, KEEP))}) + r_nulls("vmm") + SEAL,
        "reset_mix": r_register("vgic", 1, ((3, 2), KEEP)) + r_register("time", 0)
        + r_reset("vgic") + r_nulls("console") + r_register("console", 3, ((5, 24), KEEP))
        + r_reset("time"),
    }


def main():
    for target, seeds in (("buddy", buddy_seeds()), ("timer_heap", timer_seeds()),
                          ("timer_queue", queue_seeds()), ("registry", registry_seeds())):
        d = HERE / "corpus" / target
        d.mkdir(parents=True, exist_ok=True)
        for old in d.iterdir():
            old.unlink()
        for name, data in seeds.items():
            (d / name).write_bytes(data)


if __name__ == "__main__":
    main()
