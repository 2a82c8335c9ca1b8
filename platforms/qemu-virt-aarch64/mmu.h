/* The EL2 stage-1 identity map (mmu.c): built once by the boot CPU, then turned on by each. */
#ifndef AXV_QEMU_MMU_H
#define AXV_QEMU_MMU_H

#include <stddef.h>
#include <stdint.h>

void axv_qemu_mmu_build(void);
void axv_qemu_mmu_cpu_start(void);
/* Write-protects whole pages of the image's 2 MiB block on every CPU; AXV_EINVAL outside it
 * or unaligned. */
int axv_qemu_mmu_protect_readonly(uintptr_t start, size_t size);

#endif /* AXV_QEMU_MMU_H */
