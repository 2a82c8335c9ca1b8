/* The SBI calls the platform makes to OpenSBI (sbi.c): console, IPIs, remote fences and
 * hart state management. Each returns the SBI error (0 on success, negative otherwise). */
#ifndef AXV_QEMU_SBI_H
#define AXV_QEMU_SBI_H

#include <stdint.h>

void axv_qemu_sbi_putchar(uint8_t c);
/* The next console byte, or -1 when none is waiting. */
int axv_qemu_sbi_getchar(void);
/* Sends a supervisor software interrupt to the harts in @p mask (bit i: hart @p base + i). */
long axv_qemu_sbi_send_ipi(uint64_t mask, uint64_t base);
/* sfence.vma of every address on the harts in @p mask (from @p base). */
long axv_qemu_sbi_remote_sfence_vma(uint64_t mask, uint64_t base);
/* HFENCE.GVMA for @p vmid over [gpa, gpa + size) (size UINT64_MAX: all) on the harts in
 * @p mask (from @p base). */
long axv_qemu_sbi_remote_hfence_gvma_vmid(uint64_t mask, uint64_t base, uint64_t gpa, uint64_t size,
                                          uint64_t vmid);
/* HFENCE.VVMA for @p asid of the calling hart's current VMID (hgatp) over
 * [gva, gva + size) on the harts in @p mask (from @p base). */
long axv_qemu_sbi_remote_hfence_vvma_asid(uint64_t mask, uint64_t base, uint64_t gva, uint64_t size,
                                          uint64_t asid);
/* HFENCE.VVMA for every ASID, likewise. */
long axv_qemu_sbi_remote_hfence_vvma(uint64_t mask, uint64_t base, uint64_t gva, uint64_t size);
/* Starts @p hartid in S-mode at @p start with a0 = hartid, a1 = @p opaque. */
long axv_qemu_sbi_hart_start(uint64_t hartid, uint64_t start, uint64_t opaque);
/* HSM hart_get_status: 0 started, 1 stopped, 2 start pending, ...; a negative SBI error. */
long axv_qemu_sbi_hart_status(uint64_t hartid);
/* HSM states of hart_get_status that smp.c acts on. */
#define AXV_QEMU_SBI_HART_STOPPED 1

#endif /* AXV_QEMU_SBI_H */
