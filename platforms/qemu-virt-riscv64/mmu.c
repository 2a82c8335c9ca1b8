/* Sv39 identity map for HS-mode: 0-2 GiB (virt's MMIO: test device, CLINT, PLIC, UART, PCIe)
 * as two read-write gigapages, 2-4 GiB (RAM) read-write-execute, its first gigabyte in
 * 2 MiB megapages and the image's megapage (0x80200000) in 4 KiB pages, so sealing can
 * clear W on the registry's pages alone. A and D are preset: QEMU 7.2 does not update them
 * (no Svadu), a clear one would fault. G: one address space. */
#include "mmu.h"

#include <axvisor_api/axvisor_api.h>
#include "cpu.h"
#include "percpu.h"
#include "sbi.h"

#define PTE_V (UINT64_C(1) << 0)
#define PTE_R (UINT64_C(1) << 1)
#define PTE_W (UINT64_C(1) << 2)
#define PTE_X (UINT64_C(1) << 3)
#define PTE_G (UINT64_C(1) << 5)
#define PTE_A (UINT64_C(1) << 6)
#define PTE_D (UINT64_C(1) << 7)
#define PTE_PPN_SHIFT 10u

#define PAGE_SIZE UINT64_C(0x1000)
#define MEGA_SIZE UINT64_C(0x200000)
#define GIGA_SIZE UINT64_C(0x40000000)
#define SATP_MODE_SV39 (UINT64_C(8) << 60)

/* The megapage the image starts in (image.ld). */
#define IMAGE_MEGA UINT64_C(0x80200000)

#define LEAF_IO (PTE_V | PTE_R | PTE_W | PTE_G | PTE_A | PTE_D)
#define LEAF_RAM (LEAF_IO | PTE_X)

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t ram_megas[512] __attribute__((aligned(4096))); /* 2-3 GiB */
static uint64_t image_pages[512] __attribute__((aligned(4096)));

static uint64_t leaf(uint64_t pa, uint64_t flags) {
    return (pa >> 12) << PTE_PPN_SHIFT | flags;
}

static uint64_t table(const uint64_t *next) {
    return ((uint64_t)(uintptr_t)next >> 12) << PTE_PPN_SHIFT | PTE_V;
}

void axv_qemu_mmu_build(void) {
    root[0] = leaf(0, LEAF_IO);
    root[1] = leaf(GIGA_SIZE, LEAF_IO);
    root[2] = table(ram_megas);
    root[3] = leaf(3 * GIGA_SIZE, LEAF_RAM);
    for (uint64_t i = 0; i < 512; i++)
        ram_megas[i] = leaf(2 * GIGA_SIZE + i * MEGA_SIZE, LEAF_RAM);
    ram_megas[(IMAGE_MEGA - 2 * GIGA_SIZE) / MEGA_SIZE] = table(image_pages);
    for (uint64_t i = 0; i < 512; i++)
        image_pages[i] = leaf(IMAGE_MEGA + i * PAGE_SIZE, LEAF_RAM);
}

void axv_qemu_mmu_cpu_start(void) {
    __asm__ volatile("sfence.vma" ::: "memory");
    CSR_WRITE(satp, SATP_MODE_SV39 | (uint64_t)(uintptr_t)root >> 12);
    __asm__ volatile("sfence.vma" ::: "memory");
}

int axv_qemu_mmu_protect_readonly(uintptr_t start, size_t size) {
    if (start % PAGE_SIZE != 0 || size % PAGE_SIZE != 0 || start < IMAGE_MEGA ||
        start - IMAGE_MEGA > MEGA_SIZE || size > MEGA_SIZE - (start - IMAGE_MEGA))
        return AXV_EINVAL;
    for (uint64_t pa = start; pa < start + size; pa += PAGE_SIZE) {
        uint64_t *pte = &image_pages[(pa - IMAGE_MEGA) / PAGE_SIZE];
        __atomic_store_n(pte, *pte & ~PTE_W, __ATOMIC_RELAXED);
    }
    /* The PTE stores before the fences that make every hart drop the old entries: locally,
     * then the others through SBI (each hart's fence is its own). */
    __asm__ volatile("fence rw, rw\n\tsfence.vma" ::: "memory");
    size_t count = axv_qemu_percpu_count();
    for (size_t i = 0; i < count; i++) {
        struct axv_qemu_cpu *cpu = axv_qemu_percpu_online(i);
        if (cpu != NULL && cpu != this_cpu() && axv_qemu_sbi_remote_sfence_vma(1, cpu->hartid) != 0)
            return AXV_EBUSY;
    }
    return AXV_OK;
}
