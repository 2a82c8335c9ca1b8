/* The modelled RISC-V interrupt hardware and fence log (riscv_model.c). A leaf: it calls no
 * other file of the platform; the riscv ops (riscv_ops.c) call it. */
#ifndef AXV_POSIX_RISCV_MODEL_H
#define AXV_POSIX_RISCV_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "posix_parts.h"

/* Takes the RISC-V facts of a configuration and empties the fence log (called by
 * axv_posix_vmm_start() before the VM table opens, which publishes them). */
void axv_posix_riscv_configure(const struct axv_posix_resolved *config);

/* The interrupt controller: a PLIC machine has no APLIC and no IMSIC; an AIA machine has
 * an APLIC and one IMSIC per hart with the configured guest files. Each answers AXV_ENOENT
 * for what the machine lacks. */
int axv_posix_riscv_plic_base(axv_paddr_t *base);
int axv_posix_riscv_aplic_base(axv_paddr_t *base);
int axv_posix_riscv_guest_files(size_t *num);
/* The address of interrupt file @p file of hart @p cpu's IMSIC; the caller checked @p cpu. */
int axv_posix_riscv_file_address(size_t cpu, size_t file, axv_paddr_t *addr);

/* True for a VMID below 2^VMIDLEN, and an ASID below 2^ASIDLEN (or the "every ASID"
 * UINT32_MAX), of the modelled harts. */
bool axv_posix_riscv_vmid_valid(uint32_t vmid);
bool axv_posix_riscv_asid_valid(uint32_t asid);

/* Appends an executed fence to the log (thread-safe). */
void axv_posix_riscv_fence_log(const struct axv_posix_riscv_fence *fence);

#endif /* AXV_POSIX_RISCV_MODEL_H */
