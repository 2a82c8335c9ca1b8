/* G-stage (guest-physical to physical) translation for the VS-mode guests: Sv39x4, whose root
 * table has 2048 entries (GPA bits 40:30), 16 KiB in size and alignment. The guests share the
 * image's memory: RAM (GPA 2-4 GiB) is mapped to itself as two read-write-execute gigapages;
 * nothing else is mapped, so a guest touching MMIO takes a guest-page fault into the
 * hypervisor. G-stage leaves must have U set (the spec treats all guest accesses as user
 * accesses at that stage); A and D are preset as in mmu.c. */
#include "gstage.h"

#include <stdint.h>
#include "cpu.h"

#define PTE_V (UINT64_C(1) << 0)
#define PTE_R (UINT64_C(1) << 1)
#define PTE_W (UINT64_C(1) << 2)
#define PTE_X (UINT64_C(1) << 3)
#define PTE_U (UINT64_C(1) << 4)
#define PTE_A (UINT64_C(1) << 6)
#define PTE_D (UINT64_C(1) << 7)
#define PTE_PPN_SHIFT 10u

#define GIGA_SIZE UINT64_C(0x40000000)
#define HGATP_MODE_SV39X4 (UINT64_C(8) << 60)
#define HGATP_VMID_SHIFT 44u
/* VM 0's VMID: tags its translations in the TLB. */
#define GUEST_VMID UINT64_C(1)

#define LEAF_RAM (PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D)

static uint64_t root[2048] __attribute__((aligned(16384)));

void axv_qemu_gstage_build(void) {
    for (uint64_t i = 2; i < 4; i++)
        root[i] = (i * GIGA_SIZE >> 12) << PTE_PPN_SHIFT | LEAF_RAM;
}

void axv_qemu_gstage_cpu_start(void) {
    CSR_WRITE(hgatp,
              HGATP_MODE_SV39X4 | GUEST_VMID << HGATP_VMID_SHIFT | (uint64_t)(uintptr_t)root >> 12);
    /* hfence.gvma is an H instruction, which gcc 12 does not take in -march. */
    __asm__ volatile(".option push\n\t.option arch, +h\n\thfence.gvma\n\t.option pop" ::: "memory");
}
