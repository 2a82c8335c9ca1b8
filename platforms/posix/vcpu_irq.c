/* Which interrupt numbers the vCPUs take: the GIC's INTIDs, or RISC-V's VS-level causes.
 * The causes are kept as pending bits 2, 6 and 10 of the same bitmap GIC INTIDs use, so
 * RISC-V injection gets the GIC path's never-lost and wake-up guarantees (pending.c) with
 * no code of its own. */
#include <stdatomic.h>

#include "gic_model.h"
#include "vcpu_irq.h"

/* Set by axv_posix_vmm_start() before the VM table publishes `started`; an atomic for the
 * reason gic_model.c gives. */
static atomic_bool riscv_mode;

void axv_posix_vcpu_irq_configure(const struct axv_posix_resolved *config) {
    atomic_store_explicit(&riscv_mode, config->riscv_vcpus, memory_order_relaxed);
}

bool axv_posix_vcpu_irq_riscv(void) {
    return atomic_load_explicit(&riscv_mode, memory_order_relaxed);
}

bool axv_posix_vs_irq_valid(uint32_t irq) {
    return irq < 32u && ((AXV_POSIX_VS_IRQ_MASK >> irq) & 1u) != 0;
}

bool axv_posix_vcpu_irq_valid(axv_irq_t irq) {
    return axv_posix_vcpu_irq_riscv() ? axv_posix_vs_irq_valid(irq)
                                      : axv_posix_gic_intid_valid(irq);
}

axv_irq_t axv_posix_vcpu_timer_irq(void) {
    return axv_posix_vcpu_irq_riscv() ? AXV_POSIX_VSTIP : axv_posix_gic_vtimer_irq();
}
