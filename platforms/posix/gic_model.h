/* The modelled GICv3 (gic_model.c): its configuration and the values its registers read.
 * A leaf: it calls no other file of the platform; the gic ops (gic_ops.c) and the vmm
 * ops call it. */
#ifndef AXV_POSIX_GIC_MODEL_H
#define AXV_POSIX_GIC_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "posix_parts.h"

/* Takes the GIC facts of a configuration (called by axv_posix_vmm_start() before the VM
 * table opens, which publishes them). */
void axv_posix_gic_configure(const struct axv_posix_resolved *config);
/* True for an INTID the modelled GIC can deliver: an SGI, a PPI or a modelled SPI. */
bool axv_posix_gic_intid_valid(axv_irq_t irq);
/* The INTID of the virtual timer's PPI (what notify_vcpu_timer_expired delivers). */
axv_irq_t axv_posix_gic_vtimer_irq(void);
/* GICD_TYPER and GICD_IIDR as a guest's virtual distributor reads them. */
uint32_t axv_posix_gic_typer(void);
uint32_t axv_posix_gic_iidr(void);
/* The host distributor's and redistributors' physical bases. */
axv_paddr_t axv_posix_gic_gicd_base(void);
axv_paddr_t axv_posix_gic_gicr_base(void);

#endif /* AXV_POSIX_GIC_MODEL_H */
