/* PLIC access. QEMU virt gives each hart two contexts, M-mode then S-mode, so hart h's
 * S-mode context is 2h + 1 (hw/riscv/virt.c). Every source gets priority 1 and every
 * S-mode threshold is 0: one priority for all, so no host interrupt preempts another, as the
 * host_irq area requires. */
#include "plic.h"

#include <axvisor_api/qemu_virt.h>
#include "board.h"
#include "cpu.h"
#include "percpu.h"

#define PLIC_PRIORITY(id) (4u * (uint64_t)(id))
#define PLIC_ENABLE(ctx, id) (0x2000u + 0x80u * (uint64_t)(ctx) + 4u * (uint64_t)((id) / 32u))
#define PLIC_THRESHOLD(ctx) (0x200000u + 0x1000u * (uint64_t)(ctx))
#define PLIC_CLAIM(ctx) (PLIC_THRESHOLD(ctx) + 4u)

static uint64_t s_context(uint64_t hartid) {
    return 2u * hartid + 1u;
}

static uintptr_t reg(uint64_t offset) {
    return (uintptr_t)(axv_qemu_board()->plic_base + offset);
}

bool axv_qemu_plic_present(void) {
    return axv_qemu_board()->plic_base != 0;
}

uint32_t axv_qemu_plic_sources(void) {
    return axv_qemu_plic_present() ? axv_qemu_board()->plic_ndev : 0u;
}

void axv_qemu_plic_cpu_start(void) {
    if (!axv_qemu_plic_present())
        return;
    uint64_t ctx = s_context(this_cpu()->hartid);
    uint32_t n = axv_qemu_plic_sources();
    for (uint32_t word = 0; word <= n / 32u; word++)
        mmio_write32(reg(PLIC_ENABLE(ctx, 32u * word)), 0);
    /* Priorities are global: the boot hart sets them, before any source is enabled. */
    if (this_cpu()->index == 0) {
        for (uint32_t id = 1; id <= n; id++)
            mmio_write32(reg(PLIC_PRIORITY(id)), 1);
    }
    mmio_write32(reg(PLIC_THRESHOLD(ctx)), 0);
    CSR_SET(sie, UINT64_C(1) << IRQ_S_EXT);
}

uint32_t axv_qemu_plic_claim(void) {
    return mmio_read32(reg(PLIC_CLAIM(s_context(this_cpu()->hartid))));
}

void axv_qemu_plic_complete(uint32_t id) {
    mmio_write32(reg(PLIC_CLAIM(s_context(this_cpu()->hartid))), id);
}

void axv_qemu_plic_set_enabled(uint32_t id, bool on) {
    /* Index 0 is the boot hart, whichever hart id OpenSBI started it on. */
    uintptr_t word = reg(PLIC_ENABLE(s_context(axv_qemu_cpu_hartid(0)), id));
    uint32_t bit = UINT32_C(1) << (id % 32u);
    uint32_t v = mmio_read32(word);
    mmio_write32(word, on ? v | bit : v & ~bit);
    /* QEMU 7.2's PLIC does not re-evaluate its outputs on an enable write, so a source
     * that became pending while disabled would wait for some other event: writing the
     * (unchanged) priority makes it re-evaluate now, as real hardware does by itself. */
    if (on)
        mmio_write32(reg(PLIC_PRIORITY(id)), 1);
}
