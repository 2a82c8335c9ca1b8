/* EL2 stage-1 translation: an identity map, so RAM is Normal memory (exclusives are then
 * architecturally supported, not only by QEMU) and the sealed registry can really be made
 * read-only. 4 KiB granule, 39-bit addresses (TCR_EL2.T0SZ = 25), walks start at level 1:
 *   0-1 GiB    one Device-nGnRnE block (flash, GIC, PL011, ...: every MMIO device of virt)
 *   1-2 GiB    Normal write-back, in 2 MiB blocks, except the block holding the image
 *              (0x40200000), which is split into 4 KiB pages so the registry's pages
 *              (image.ld) can be write-protected without their neighbours
 *   2-4 GiB    Normal write-back blocks (RAM of -m above 1 GiB)
 * Everything else faults. Every CPU uses the same tables (TTBR0_EL2), so protecting a page
 * is one table write plus a broadcast TLB invalidation. */
#include "mmu.h"

#include <axvisor_api/axvisor_api.h>
#include "cpu.h"

#define ENTRIES 512u
#define PAGE_SIZE 0x1000u
#define BLOCK_2M 0x200000u
#define GIB UINT64_C(0x40000000)
#define IMAGE_BLOCK 0x40200000u /* image.ld links here; its 2 MiB block gets pages */

/* Descriptor bits (VMSAv8-64, stage 1, one VA range at EL2). */
#define DESC_BLOCK 0x1u
#define DESC_TABLE 0x3u                   /* also a level-3 page */
#define DESC_ATTR(i) ((uint64_t)(i) << 2) /* MAIR_EL2 index */
#define DESC_RO (UINT64_C(1) << 7)        /* AP[2]: read-only */
#define DESC_ISH (UINT64_C(3) << 8)       /* inner shareable: coherent between the CPUs */
#define DESC_AF (UINT64_C(1) << 10)       /* accessed: no access-flag faults */

#define ATTR_DEVICE 0u /* MAIR attr 0: Device-nGnRnE */
#define ATTR_NORMAL 1u /* MAIR attr 1: Normal, inner/outer write-back, read/write-allocate */
#define MAIR_VALUE (UINT64_C(0x00) | UINT64_C(0xff) << 8)

/* TCR_EL2: T0SZ 25, IRGN0/ORGN0 write-back write-allocate, SH0 inner shareable, TG0 4 KiB,
 * PS 40 bits (cortex-a72), and RES1 bits 31 and 23. */
#define TCR_VALUE                                                                                  \
    (UINT64_C(25) | UINT64_C(1) << 8 | UINT64_C(1) << 10 | UINT64_C(3) << 12 | UINT64_C(2) << 16 | \
     UINT64_C(1) << 23 | UINT64_C(1) << 31)

#define SCTLR_M (UINT64_C(1) << 0)
#define SCTLR_C (UINT64_C(1) << 2)
#define SCTLR_I (UINT64_C(1) << 12)

static uint64_t l1[ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static uint64_t l2_ram[ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static uint64_t l3_image[ENTRIES] __attribute__((aligned(PAGE_SIZE)));

static const uint64_t normal = DESC_ATTR(ATTR_NORMAL) | DESC_ISH | DESC_AF;

void axv_qemu_mmu_build(void) {
    /* cppcheck-suppress badBitmaskCheck ; Device is attribute 0, named to say which it is */
    l1[0] = 0 | DESC_ATTR(ATTR_DEVICE) | DESC_AF | DESC_BLOCK;
    l1[1] = (uint64_t)(uintptr_t)l2_ram | DESC_TABLE;
    l1[2] = (2u * GIB) | normal | DESC_BLOCK;
    l1[3] = (3u * GIB) | normal | DESC_BLOCK;
    for (uint64_t i = 0; i < ENTRIES; i++)
        l2_ram[i] = (GIB + i * BLOCK_2M) | normal | DESC_BLOCK;
    for (uint64_t i = 0; i < ENTRIES; i++)
        l3_image[i] = (IMAGE_BLOCK + i * PAGE_SIZE) | normal | DESC_TABLE;
    l2_ram[(IMAGE_BLOCK - GIB) / BLOCK_2M] = (uint64_t)(uintptr_t)l3_image | DESC_TABLE;
}

void axv_qemu_mmu_cpu_start(void) {
    /* The table stores (made with the MMU off, on the boot CPU) complete before the walker
     * can read them; nothing stale may be in this CPU's TLB. */
    __asm__ volatile("dsb sy\n\ttlbi alle2\n\tdsb sy" ::: "memory");
    SYSREG_WRITE(mair_el2, MAIR_VALUE);
    SYSREG_WRITE(tcr_el2, TCR_VALUE);
    SYSREG_WRITE(ttbr0_el2, (uintptr_t)l1);
    isb();
    SYSREG_WRITE(sctlr_el2, SYSREG_READ(sctlr_el2) | SCTLR_M | SCTLR_C | SCTLR_I);
    isb();
}

int axv_qemu_mmu_protect_readonly(uintptr_t start, size_t size) {
    if (start % PAGE_SIZE != 0 || size % PAGE_SIZE != 0 || start < IMAGE_BLOCK ||
        start + size > IMAGE_BLOCK + BLOCK_2M)
        return AXV_EINVAL;
    for (uintptr_t a = start; a < start + size; a += PAGE_SIZE)
        l3_image[(a - IMAGE_BLOCK) / PAGE_SIZE] |= DESC_RO;
    /* Entry stores visible to the walkers, then every CPU's TLB drops the old (writable)
     * entries (inner-shareable broadcast), then the change is in effect here. */
    __asm__ volatile("dsb ishst\n\ttlbi alle2is\n\tdsb ish\n\tisb" ::: "memory");
    return AXV_OK;
}
