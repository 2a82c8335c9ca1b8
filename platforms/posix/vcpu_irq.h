/* Which interrupt numbers the VMs' vCPUs take (vcpu_irq.c): GIC INTIDs, or in RISC-V mode
 * (axv_posix_config.riscv_vcpus) the VS-level causes VSSIP 2, VSTIP 6 and VSEIP 10, which
 * then live in the vCPU's pending bitmap as its hvip. Calls only gic_model.c below it. */
#ifndef AXV_POSIX_VCPU_IRQ_H
#define AXV_POSIX_VCPU_IRQ_H

#include <stdbool.h>
#include <stdint.h>

#include "posix_parts.h"

/* hvip's VS-level bits: VSSIP (2), VSTIP (6), VSEIP (10). */
#define AXV_POSIX_VS_IRQ_MASK ((UINT32_C(1) << 2) | (UINT32_C(1) << 6) | (UINT32_C(1) << 10))
/* The VS-level timer cause, what notify_vcpu_timer_expired delivers in RISC-V mode. */
#define AXV_POSIX_VSTIP 6u

/* Takes the mode of a configuration (called by axv_posix_vmm_start() before the VM table
 * opens, which publishes it). */
void axv_posix_vcpu_irq_configure(const struct axv_posix_resolved *config);
/* True when the VMs are RISC-V style. */
bool axv_posix_vcpu_irq_riscv(void);
/* True for VSSIP, VSTIP or VSEIP. */
bool axv_posix_vs_irq_valid(uint32_t irq);
/* True for a number a vCPU can be injected with in the configured mode. */
bool axv_posix_vcpu_irq_valid(axv_irq_t irq);
/* What notify_vcpu_timer_expired delivers: VSTIP, or the GIC's virtual timer PPI. */
axv_irq_t axv_posix_vcpu_timer_irq(void);

#endif /* AXV_POSIX_VCPU_IRQ_H */
