/* HS-mode Sv39 address translation (mmu.c): an identity map of MMIO and RAM, with the
 * image's first 2 MiB in 4 KiB pages so sealing can write-protect the registry. */
#ifndef AXV_QEMU_MMU_H
#define AXV_QEMU_MMU_H

#include <stddef.h>
#include <stdint.h>

/* Builds the tables: once, on the boot hart, before any hart turns translation on. */
void axv_qemu_mmu_build(void);
/* Turns translation on for the calling hart. */
void axv_qemu_mmu_cpu_start(void);
/* Makes [@p start, @p start + @p size) (page-aligned, inside the image's first 2 MiB)
 * read-only on every hart. AXV_EINVAL outside that range. */
int axv_qemu_mmu_protect_readonly(uintptr_t start, size_t size);

#endif /* AXV_QEMU_MMU_H */
