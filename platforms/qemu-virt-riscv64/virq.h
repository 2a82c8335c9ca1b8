/* Each vCPU's virtual interrupts (virq.c): the VS-level interrupt bits of hvip on the vCPU's
 * hart, fed by other harts through a per-hart mailbox and an IPI. */
#ifndef AXV_QEMU_VIRQ_H
#define AXV_QEMU_VIRQ_H

#include <stdbool.h>
#include <stddef.h>
#include <axvisor_api/types.h>

/* Makes @p irq (AXV_QEMU_VIRQ_*) pending for the vCPU of hart @p index: directly in hvip
 * on that hart, else through its mailbox and an IPI. AXV_EINVAL for another irq; AXV_ENOENT
 * for a hart not online. */
int axv_qemu_virq_inject(size_t index, axv_irq_t irq);
/* Moves what other harts queued for this hart's vCPU into hvip. */
void axv_qemu_virq_refill(void);
/* The calling hart's vCPU starts with nothing pending and the VS interrupts delegated. */
void axv_qemu_virq_cpu_start(void);

#endif /* AXV_QEMU_VIRQ_H */
