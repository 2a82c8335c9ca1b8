#!/usr/bin/env python3
"""Checks the disassembly of the probe object (probe.c) against the accessor contract.

    check_disasm.py --arch x86_64|aarch64|riscv64 --expect EXPECTATIONS --label TEXT DISASSEMBLY

DISASSEMBLY is the output of GNU `objdump -d -r --no-show-raw-insn` for the probe object.
EXPECTATIONS has one line per probe, "kind probe slot offset", as printed by probe.c built
with -DAXV_PROBE_PRINT_EXPECTATIONS: kind is `tail` or `call`, slot the registry slot symbol
(axv_priv_<area>_slot) and offset the byte offset of the op's pointer in that slot.

What is required of every probe, on every architecture:
  * it reaches the function pointer at exactly <slot>+<offset> (relocation symbol and
    addend, plus any load displacement, must add up to it);
  * exactly one load of that pointer and exactly one indirect branch through it;
  * nothing else refers to the slot;
  * no compare, test or conditional branch anywhere (no NULL check of the pointer);
  * no GOT or PLT relocation (the hidden slot is reached PC-relative even in PIC).
Tail probes (`return accessor(...)`) must consist of nothing but that load and jump:
  x86-64:  jmp *0x0(%rip)  [R_X86_64_PC32 slot+offset-4]
           (or, as clang emits for ops with two or more arguments, the same load as
            mov 0x0(%rip),%reg followed directly by jmp *%reg)
  AArch64: adrp xA, slot  [; add xA, xA, :lo12:slot]  ; ldr xB, [xA, :lo12:...]
           [; mov x16|x17, xB (GCC routes indirect tail calls through x16/x17 for BTI)]
           ; br xB|x16|x17
  riscv64: lui rA, %hi(slot) | auipc rA, %pcrel_hi(slot)  [; addi rA, rA, %lo]
           ; ld rB, %lo(...)(rA)  ; jr rB
           (medlow: lui and a LO12_I load; medany and PIC: auipc and a PCREL_LO12_I load,
            whose relocation names the auipc's local label, paired here through the base
            register; linker-relaxation markers R_RISCV_RELAX are ignored)
followed only by alignment padding (nop variants, int3). A leading landing pad (endbr64,
bti c) is tolerated, since it comes from the distribution's hardening defaults and not
from the accessor. Call probes (`accessor(...) + 1`) must make the call as
  x86-64:  call *0x0(%rip)  [R_X86_64_PC32 slot+offset-4]   (the load folded into the call)
  AArch64: the adrp/[add]/ldr sequence above and blr on the loaded register.
  riscv64: the lui|auipc/[addi]/ld sequence above and jalr on the loaded register.
Every probe function in the object must be listed in EXPECTATIONS and vice versa.

Static binding: for the areas bound statically, kind is `tail-direct` or `call-direct`, the
slot column names the platform function the accessor must call (axv_<platform>_<area>_<op>)
and offset is 0. Such a probe must call that function directly, never through memory:
  x86-64:  tail: exactly `jmp <fn>` [R_X86_64_PLT32 or R_X86_64_PC32 fn-4];
           call: exactly one `call <fn>` (same relocations), no other call or jump;
  AArch64: tail: exactly `b <fn>` [R_AARCH64_JUMP26 fn];
           call: exactly one `bl <fn>` [R_AARCH64_CALL26 fn], no other branch-and-link;
  riscv64: tail: exactly `auipc t1 ; jr t1` [R_RISCV_CALL(_PLT) fn on the auipc];
           call: exactly one `auipc ra ; jalr ra` pair [same], no other jalr;
           (R_RISCV_CALL_PLT is how GCC marks every direct call on RISC-V, resolved to the
            function itself in a static link; it is the one PLT relocation accepted)
with no indirect branch, no conditional, no other relocation and no use of a registry slot
(landing pads and padding tolerated as above).
"""

import argparse
import re
import sys

FUNC_RE = re.compile(r"^([0-9a-f]+) <([^>]+)>:$")
INSN_RE = re.compile(r"^\s*([0-9a-f]+):\t(.*)$")
RELOC_RE = re.compile(r"^\s*([0-9a-f]+): (R_[A-Z0-9_]+)\s+(\S+)\s*$")
TARGET_RE = re.compile(r"^([A-Za-z_.$][\w.$]*)(?:([+-])0x([0-9a-f]+))?$")


class Insn:
    def __init__(self, addr, text):
        self.addr = addr
        self.text = text
        # Drop objdump's "# <target>" (x86) and "// <target>" (AArch64) comments, but keep
        # AArch64 immediates such as "#16"; then split mnemonic and operands.
        code = re.split(r"\s+(?:#\s|//)", text, maxsplit=1)[0].strip()
        parts = code.split(None, 1)
        # Prefixes such as "data16 cs nopw" or "notrack jmp" stay part of the mnemonic.
        while len(parts) == 2 and parts[0].split()[-1] in ("data16", "cs", "ds", "notrack",
                                                            "bnd", "rex.W"):
            rest = parts[1].split(None, 1)
            parts = [parts[0] + " " + rest[0]] + rest[1:]
        self.mnemonic = parts[0] if parts else ""
        # Older binutils print AT&T size suffixes on branches: callq, jmpq, retq.
        if self.mnemonic in ("callq", "jmpq", "retq"):
            self.mnemonic = self.mnemonic[:-1]
        self.operands = parts[1].replace(" ", "") if len(parts) == 2 else ""
        self.relocs = []  # (type, symbol, addend)

    def base_mnemonic(self):
        return self.mnemonic.split()[-1]

    def __str__(self):
        lines = ["  %6x:  %s" % (self.addr, self.text)]
        for rtype, sym, addend in self.relocs:
            lines.append("             %s  %s%+d" % (rtype, sym, addend))
        return "\n".join(lines)


def parse_disassembly(path):
    """Returns {function name: [Insn]} in address order."""
    functions = {}
    current = None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            m = FUNC_RE.match(line)
            if m and m.group(2).startswith(".L"):
                # A local label Clang leaves for a RISC-V %pcrel_lo inside a function.
                continue
            if m:
                current = functions.setdefault(m.group(2), [])
                continue
            if current is None:
                continue
            m = RELOC_RE.match(line)
            if m:
                t = TARGET_RE.match(m.group(3))
                if not t:
                    sym, addend = m.group(3), 0
                else:
                    sym = t.group(1)
                    addend = int(t.group(3), 16) if t.group(3) else 0
                    if t.group(2) == "-":
                        addend = -addend
                if current:
                    current[-1].relocs.append((m.group(2), sym, addend))
                continue
            m = INSN_RE.match(line)
            if m and not m.group(2).startswith("..."):
                current.append(Insn(int(m.group(1), 16), m.group(2)))
    return functions


# Alignment padding the assembler puts between functions, matched on "mnemonic operands".
X86_PADDING = re.compile(r"^((data16|cs|ds) )*(nop[wl]?( \S+)?|xchg %ax,%ax|int3)$")
X86_LANDING = ("endbr64",)
A64_PADDING = re.compile(r"^nop$")
A64_LANDING = ("bti", "hint")
RV_PADDING = re.compile(r"^(c\.)?nop$")
RV_LANDING = ()

# Instructions that compare or branch on a condition: any of them means a check.
X86_CONDITIONAL = re.compile(r"^(test|cmp|j(?!mp$)[a-z]+|cmov[a-z]+|set[a-z]+|loop[a-z]*)$")
A64_CONDITIONAL = re.compile(r"^(cbz|cbnz|tbz|tbnz|cmp|cmn|tst|ccmp|ccmn|csel|b\.[a-z]+)$")
RV_CONDITIONAL = re.compile(
    r"^(beq|bne|blt|bge|bltu|bgeu|beqz|bnez|blez|bgez|bltz|bgtz|bgt|ble|bgtu|bleu"
    r"|slt|sltu|slti|sltiu|seqz|snez|sltz|sgtz|czero\.[a-z]+)$")


class Problem(Exception):
    pass


def strip_padding(insns, padding, landing):
    """Drops a leading landing pad and the alignment padding after the last real insn."""
    body = list(insns)
    if body and body[0].mnemonic in landing:
        body = body[1:]
    while body and padding.match((body[-1].mnemonic + " " + body[-1].operands).strip()):
        body.pop()
    return body


def check_common(insns, slot, conditional):
    for insn in insns:
        if conditional.match(insn.base_mnemonic()):
            raise Problem("conditional instruction '%s' (a check of the pointer?)" % insn.text)
        for rtype, sym, _ in insn.relocs:
            if "GOT" in rtype or "PLT" in rtype:
                raise Problem("GOT/PLT relocation %s against %s" % (rtype, sym))
        if not any(sym == slot for _, sym, _ in insn.relocs) and slot in insn.text:
            raise Problem("'%s' names the slot without a relocation" % insn.text)


# --- x86-64 --------------------------------------------------------------------------------


def x86_slot_ref(insn, slot, offset):
    """For an instruction with a RIP-relative operand relocated against the slot, checks
    that it addresses slot+offset; returns True if it refers to the slot at all."""
    refs = [r for r in insn.relocs if r[1] == slot]
    if not refs:
        return False
    if len(refs) > 1 or len(insn.relocs) > 1:
        raise Problem("'%s' has several relocations" % insn.text)
    rtype, _, addend = refs[0]
    if rtype != "R_X86_64_PC32":
        raise Problem("'%s' is relocated with %s, not R_X86_64_PC32" % (insn.text, rtype))
    if "0x0(%rip)" not in insn.operands:
        raise Problem("'%s' does not address the slot RIP-relative" % insn.text)
    # The 32-bit displacement ends the instruction, so the addend is member offset - 4.
    if addend + 4 != offset:
        raise Problem("'%s' loads %s+%d, expected the op at offset %d"
                      % (insn.text, slot, addend + 4, offset))
    return True


def check_x86(kind, insns, slot, offset, strict_tail=False):
    body = strip_padding(insns, X86_PADDING, X86_LANDING)
    check_common(body, slot, X86_CONDITIONAL)
    # Everything after the body must be padding (strip_padding only removed a suffix).
    slot_refs = [i for i in body if x86_slot_ref(i, slot, offset)]
    other_relocs = [i for i in body if i.relocs and i not in slot_refs]
    if other_relocs:
        raise Problem("unexpected relocation on '%s'" % other_relocs[0].text)
    if len(slot_refs) != 1:
        raise Problem("%d instructions refer to the slot, expected exactly 1" % len(slot_refs))
    ref = slot_refs[0]
    indirect = [i for i in body if i.operands.startswith("*")]
    if kind == "tail":
        if len(body) == 1 and ref.mnemonic == "jmp" and ref.operands == "*0x0(%rip)":
            return "jmp *slot(%rip)"
        if (not strict_tail and len(body) == 2 and body[0] is ref and ref.mnemonic == "mov"
                and re.fullmatch(r"0x0\(%rip\),(%r[a-z0-9]+)", ref.operands)
                and body[1].mnemonic == "jmp"
                and body[1].operands == "*" + ref.operands.split(",")[1]):
            return "mov slot(%rip),%reg; jmp *%reg"
        if strict_tail:
            raise Problem("a tail probe must be exactly 'jmp *0x0(%rip)' and padding")
        raise Problem("a tail probe must be 'jmp *0x0(%rip)' (or 'mov 0x0(%rip),%reg; "
                      "jmp *%reg') and padding")
    if ref.mnemonic != "call" or ref.operands != "*0x0(%rip)":
        raise Problem("the slot is used by '%s', expected 'call *0x0(%%rip)'" % ref.text)
    if len(indirect) != 1:
        raise Problem("%d indirect calls/jumps, expected exactly 1" % len(indirect))
    calls = [i for i in body if i.mnemonic == "call"]
    if len(calls) != 1:
        raise Problem("%d calls, expected exactly 1" % len(calls))
    return "call *slot(%rip)"


# --- Static binding: direct calls ----------------------------------------------------------

DIRECT_RELOCS = {
    ("x86_64", "tail"): ("jmp", ("R_X86_64_PLT32", "R_X86_64_PC32"), -4),
    ("x86_64", "call"): ("call", ("R_X86_64_PLT32", "R_X86_64_PC32"), -4),
    ("aarch64", "tail"): ("b", ("R_AARCH64_JUMP26",), 0),
    ("aarch64", "call"): ("bl", ("R_AARCH64_CALL26",), 0),
}


def check_direct_riscv64(kind, insns, symbol):
    """check_direct for riscv64: the auipc/jalr pair of a `call` or `tail` pseudo."""
    body = strip_padding(insns, RV_PADDING, RV_LANDING)
    link = "ra" if kind == "call" else "t1"
    for insn in body:
        if RV_CONDITIONAL.match(insn.mnemonic):
            raise Problem("conditional instruction '%s'" % insn.text)
        if "axv_priv_" in insn.text or any("axv_priv_" in r[1] for r in insn.relocs):
            raise Problem("'%s' uses the registry" % insn.text)
    relocated = [i for i in body if rv_relocs(i)]
    if len(relocated) != 1 or len(rv_relocs(relocated[0])) != 1:
        raise Problem("%d relocated instructions, expected exactly the call to %s"
                      % (len(relocated), symbol))
    auipc = relocated[0]
    rtype, sym, addend = rv_relocs(auipc)[0]
    if (auipc.mnemonic != "auipc" or rv_regs(auipc.operands)[:1] != [link] or sym != symbol
            or rtype not in ("R_RISCV_CALL", "R_RISCV_CALL_PLT") or addend != 0):
        raise Problem("'%s' [%s %s%+d] does not start a direct call to %s"
                      % (auipc.text, rtype, sym, addend, symbol))
    index = body.index(auipc)
    jump = body[index + 1] if index + 1 < len(body) else None
    want = "jalr" if kind == "call" else "jr"
    if jump is None or jump.mnemonic != want or rv_regs(jump.operands)[-1:] != [link]:
        raise Problem("the call to %s is not completed by '%s %s'" % (symbol, want, link))
    indirect = [i for i in body if i.mnemonic in ("jr", "jalr") and i is not jump]
    if indirect:
        raise Problem("indirect branch '%s', expected only the call to %s"
                      % (indirect[0].text, symbol))
    if kind == "tail" and len(body) != 2:
        raise Problem("a tail probe must be exactly 'auipc t1; jr t1' and padding")
    return "%s %s (direct)" % ("call" if kind == "call" else "tail", "<fn>")


def check_direct(arch, kind, insns, symbol):
    """A probe of a statically bound accessor: one direct jump (tail) or call to symbol."""
    if arch == "riscv64":
        return check_direct_riscv64(kind, insns, symbol)
    if arch == "x86_64":
        body = strip_padding(insns, X86_PADDING, X86_LANDING)
        conditional = X86_CONDITIONAL
        indirect = [i for i in body if i.operands.startswith("*")]
    else:
        body = strip_padding(insns, A64_PADDING, A64_LANDING)
        conditional = A64_CONDITIONAL
        indirect = [i for i in body if i.mnemonic in ("br", "blr")]
    mnemonic, rtypes, addend = DIRECT_RELOCS[(arch, kind)]
    for insn in body:
        if conditional.match(insn.base_mnemonic()):
            raise Problem("conditional instruction '%s'" % insn.text)
        if "axv_priv_" in insn.text or any("axv_priv_" in r[1] for r in insn.relocs):
            raise Problem("'%s' uses the registry" % insn.text)
    if indirect:
        raise Problem("indirect branch '%s', expected a direct %s" % (indirect[0].text, mnemonic))
    relocated = [i for i in body if i.relocs]
    if len(relocated) != 1 or len(relocated[0].relocs) != 1:
        raise Problem("%d relocated instructions, expected exactly the %s to %s"
                      % (len(relocated), mnemonic, symbol))
    insn = relocated[0]
    rtype, sym, got_addend = insn.relocs[0]
    if insn.mnemonic != mnemonic or sym != symbol or rtype not in rtypes or got_addend != addend:
        raise Problem("'%s' [%s %s%+d] is not a direct %s to %s"
                      % (insn.text, rtype, sym, got_addend, mnemonic, symbol))
    if kind == "tail" and len(body) != 1:
        raise Problem("a tail probe must be exactly '%s %s' and padding" % (mnemonic, symbol))
    branches = [i for i in body if i.mnemonic in (mnemonic, "call", "bl", "jmp", "b")]
    if kind == "call" and branches != [insn]:
        raise Problem("expected exactly one branch, the %s to %s; got %s"
                      % (mnemonic, symbol, [i.text for i in branches]))
    return "%s %s (direct)" % (mnemonic, "<fn>")


# --- AArch64 -------------------------------------------------------------------------------

A64_IMM = re.compile(r"#(-?(?:0x[0-9a-f]+|[0-9]+))")


def a64_regs(operands):
    return re.findall(r"\b([xw](?:[0-9]+|zr)|sp)\b", operands)


def check_aarch64(kind, insns, slot, offset):
    body = strip_padding(insns, A64_PADDING, A64_LANDING)
    check_common(body, slot, A64_CONDITIONAL)
    page = {}  # register -> addend of the slot page it holds (adrp)
    addr = {}  # register -> slot offset it points at (adrp + add :lo12:)
    fnptr = {}  # register -> slot offset of the function pointer it holds (ldr)
    loads = []
    branches = []
    slot_users = []
    for insn in body:
        regs = a64_regs(insn.operands)
        relocs = [r for r in insn.relocs if r[1] == slot]
        if insn.relocs and not relocs:
            raise Problem("unexpected relocation on '%s'" % insn.text)
        if relocs:
            slot_users.append(insn)
        m = insn.mnemonic
        if m == "adrp" and relocs:
            if relocs[0][0] != "R_AARCH64_ADR_PREL_PG_HI21":
                raise Problem("'%s' is relocated with %s" % (insn.text, relocs[0][0]))
            page[regs[0]] = relocs[0][2]
        elif m == "add" and relocs:
            if relocs[0][0] != "R_AARCH64_ADD_ABS_LO12_NC" or regs[1] not in page:
                raise Problem("'%s' does not add :lo12: to the slot's page" % insn.text)
            if page[regs[1]] != relocs[0][2]:
                raise Problem("adrp and add name different parts of the slot")
            addr[regs[0]] = relocs[0][2]
        elif m == "ldr" and regs and regs[0].startswith("x") and len(regs) > 1 and (
                relocs or regs[1] in addr):
            imm = A64_IMM.search(insn.operands)
            imm = int(imm.group(1), 0) if imm else 0
            if relocs:
                if relocs[0][0] != "R_AARCH64_LDST64_ABS_LO12_NC" or regs[1] not in page:
                    raise Problem("'%s' is not a :lo12: load from the slot's page" % insn.text)
                if page[regs[1]] != relocs[0][2]:
                    raise Problem("adrp and ldr name different parts of the slot")
                where = relocs[0][2] + imm
            else:
                where = addr[regs[1]] + imm
            if where != offset:
                raise Problem("'%s' loads %s+%d, expected the op at offset %d"
                              % (insn.text, slot, where, offset))
            fnptr[regs[0]] = where
            loads.append(insn)
        elif m == "mov" and len(regs) == 2 and regs[1] in fnptr:
            fnptr[regs[0]] = fnptr[regs[1]]
        elif m in ("br", "blr"):
            if regs[0] not in fnptr:
                raise Problem("'%s' branches through a register not loaded from the slot"
                              % insn.text)
            branches.append(insn)
        elif relocs:
            raise Problem("'%s' refers to the slot" % insn.text)
        else:
            # Any other write to a tracked register makes it stop holding what we tracked.
            if regs and m not in ("str", "stp", "ret", "b", "bl"):
                for table in (page, addr, fnptr):
                    table.pop(regs[0], None)
    if len(loads) != 1:
        raise Problem("%d loads of the function pointer, expected exactly 1" % len(loads))
    if len(slot_users) not in (2, 3):
        raise Problem("%d instructions refer to the slot, expected adrp, [add,] ldr"
                      % len(slot_users))
    if kind == "tail":
        shape = " ".join(i.mnemonic for i in body)
        if not re.fullmatch(r"adrp (add )?ldr (mov )?br", shape):
            raise Problem("a tail probe must be adrp, [add,] ldr, [mov x16|x17,] br; got: "
                          + shape)
        if "mov" in shape.split() and a64_regs(body[-2].operands)[0] not in ("x16", "x17"):
            raise Problem("the only register move allowed is into x16/x17 (BTI)")
        return shape
    if [i.mnemonic for i in branches] != ["blr"]:
        raise Problem("expected exactly one indirect branch, a blr; got %s"
                      % [i.mnemonic for i in branches])
    return "adrp/ldr ... blr"


# --- riscv64 -------------------------------------------------------------------------------

RV_REG = re.compile(r"\b(zero|ra|sp|gp|tp|fp|t[0-6]|s[0-9]|s1[01]|a[0-7])\b")
RV_MEM = re.compile(r"^(-?\d+)\((\w+)\)$")


def rv_regs(operands):
    return RV_REG.findall(operands)


def rv_relocs(insn):
    """The instruction's relocations without the linker-relaxation markers."""
    return [r for r in insn.relocs if r[0] != "R_RISCV_RELAX"]


def check_riscv64(kind, insns, slot, offset):
    body = strip_padding(insns, RV_PADDING, RV_LANDING)
    for insn in body:
        insn.relocs = rv_relocs(insn)
    check_common(body, slot, RV_CONDITIONAL)
    hi = {}  # register -> ("abs"|"pcrel", addend) of the slot's upper part it holds
    addr = {}  # register -> slot offset it points at (upper part + %lo)
    fnptr = {}  # register -> slot offset of the function pointer it holds (ld)
    loads = []
    branches = []
    slot_users = []
    for insn in body:
        regs = rv_regs(insn.operands)
        m = insn.mnemonic
        ours = [r for r in insn.relocs if r[1] == slot]
        # A %pcrel_lo names the auipc's local label, not the slot: paired below through the
        # base register, which must hold the slot's %pcrel_hi.
        pcrel_lo = [r for r in insn.relocs if r[0] == "R_RISCV_PCREL_LO12_I"]
        if insn.relocs and not ours and not pcrel_lo:
            raise Problem("unexpected relocation on '%s'" % insn.text)
        if ours or pcrel_lo:
            slot_users.append(insn)
        base = regs[1] if len(regs) > 1 else None
        if m in ("lui", "auipc") and ours:
            want = "R_RISCV_HI20" if m == "lui" else "R_RISCV_PCREL_HI20"
            if ours[0][0] != want:
                raise Problem("'%s' is relocated with %s" % (insn.text, ours[0][0]))
            hi[regs[0]] = ("abs" if m == "lui" else "pcrel", ours[0][2])
        elif m in ("addi", "mv") and (ours or pcrel_lo):
            if base not in hi:
                raise Problem("'%s' adds %%lo to a register without the slot's %%hi" % insn.text)
            if pcrel_lo:
                if hi[base][0] != "pcrel":
                    raise Problem("'%s' pairs %%pcrel_lo with a lui" % insn.text)
                addr[regs[0]] = hi[base][1]
            else:
                if ours[0][0] != "R_RISCV_LO12_I" or hi[base][0] != "abs":
                    raise Problem("'%s' is not a %%lo add to the slot's %%hi" % insn.text)
                addr[regs[0]] = ours[0][2]
        elif m == "ld" and len(regs) == 2 and (ours or pcrel_lo or base in addr):
            mem = RV_MEM.match(insn.operands.split(",", 1)[1])
            if not mem:
                raise Problem("'%s': cannot read its address" % insn.text)
            if ours or pcrel_lo:
                # The displacement is the relocation's: the printed one is not added to it.
                if base not in hi:
                    raise Problem("'%s' loads through a register without the slot's %%hi"
                                  % insn.text)
                if pcrel_lo:
                    if hi[base][0] != "pcrel":
                        raise Problem("'%s' pairs %%pcrel_lo with a lui" % insn.text)
                    where = hi[base][1]
                else:
                    if ours[0][0] != "R_RISCV_LO12_I" or hi[base][0] != "abs":
                        raise Problem("'%s' is not a %%lo load from the slot" % insn.text)
                    where = ours[0][2]
            else:
                where = addr[base] + int(mem.group(1))
            if where != offset:
                raise Problem("'%s' loads %s+%d, expected the op at offset %d"
                              % (insn.text, slot, where, offset))
            fnptr[regs[0]] = where
            loads.append(insn)
        elif m == "mv" and len(regs) == 2 and regs[1] in fnptr:
            fnptr[regs[0]] = fnptr[regs[1]]
        elif m in ("jr", "jalr"):
            if not regs or regs[-1] not in fnptr:
                raise Problem("'%s' branches through a register not loaded from the slot"
                              % insn.text)
            branches.append(insn)
        elif ours or pcrel_lo:
            raise Problem("'%s' refers to the slot" % insn.text)
        elif regs and m not in ("sd", "sw", "ret", "j"):
            # Any other write to a tracked register ends what it held.
            for table in (hi, addr, fnptr):
                table.pop(regs[0], None)
    if len(loads) != 1:
        raise Problem("%d loads of the function pointer, expected exactly 1" % len(loads))
    if len(slot_users) not in (2, 3):
        raise Problem("%d instructions refer to the slot, expected lui|auipc, [addi,] ld"
                      % len(slot_users))
    if kind == "tail":
        shape = " ".join(i.mnemonic for i in body)
        if not re.fullmatch(r"(lui|auipc) ((addi|mv) )?ld (mv )?jr", shape):
            raise Problem("a tail probe must be lui|auipc, [addi,] ld, jr; got: " + shape)
        return shape
    if [i.mnemonic for i in branches] != ["jalr"]:
        raise Problem("expected exactly one indirect branch, a jalr; got %s"
                      % [i.mnemonic for i in branches])
    return "lui|auipc/ld ... jalr"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--arch", required=True, choices=["x86_64", "aarch64", "riscv64"])
    ap.add_argument("--expect", required=True)
    ap.add_argument("--label", required=True)
    ap.add_argument("--strict-tail", action="store_true",
                    help="x86-64: tail probes must be the single jmp *0x0(%%rip)")
    ap.add_argument("disassembly")
    args = ap.parse_args()

    expectations = []
    with open(args.expect) as f:
        for line in f:
            if line.strip():
                kind, probe, slot, offset = line.split()
                expectations.append((kind, probe, slot, int(offset)))
    if not expectations:
        print("FAIL %s: no expectations in %s" % (args.label, args.expect))
        return 1
    functions = parse_disassembly(args.disassembly)
    if args.arch == "x86_64":
        def check_slot(kind, insns, slot, offset):
            return check_x86(kind, insns, slot, offset, args.strict_tail)
    elif args.arch == "riscv64":
        check_slot = check_riscv64
    else:
        check_slot = check_aarch64

    def check(kind, insns, slot, offset):
        if kind.endswith("-direct"):
            return check_direct(args.arch, kind[:-len("-direct")], insns, slot)
        return check_slot(kind, insns, slot, offset)

    failures = 0
    expected_names = {e[1] for e in expectations}
    for name in sorted(n for n in functions if n.startswith("probe_")):
        base = name.split(".")[0]
        if base in expected_names and name != base:
            # GCC moves unlikely paths (a trap after a NULL check...) out as probe_x.cold.
            print("FAIL %s: %s has a split-off part %s (code besides the load and branch):"
                  % (args.label, base, name))
            for insn in functions[name]:
                print(insn)
            failures += 1
        elif name not in expected_names:
            print("FAIL %s: %s is in the object but not in AXV_PROBES" % (args.label, name))
            failures += 1
    shapes = {}
    for kind, probe, slot, offset in expectations:
        if probe not in functions:
            print("FAIL %s: %s is listed in AXV_PROBES but not in the object"
                  % (args.label, probe))
            failures += 1
            continue
        try:
            shape = check(kind, functions[probe], slot, offset)
            shapes.setdefault(shape, []).append(probe)
        except Problem as problem:
            failures += 1
            print("FAIL %s: %s (%s probe of %s+%d): %s"
                  % (args.label, probe, kind, slot, offset, problem))
            print("  disassembly of %s:" % probe)
            for insn in functions[probe]:
                print(insn)
    if failures:
        return 1
    print("ok   %s: %d probes" % (args.label, len(expectations)))
    for shape, probes in sorted(shapes.items()):
        print("       %-34s %s" % (shape, " ".join(p[len("probe_"):] for p in probes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
