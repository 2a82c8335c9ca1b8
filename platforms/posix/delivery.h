/* Interrupt delivery (delivery.c): what every injection path (the vmm ops, hardware
 * injection) ends in. Calls only pending.c below it. */
#ifndef AXV_POSIX_DELIVERY_H
#define AXV_POSIX_DELIVERY_H

#include "vmm_model.h"

/* Makes @irq pending on @vcpu of the referenced @vm and calls the delivery observer. The
 * INTID must have been checked with axv_posix_gic_intid_valid(). */
void axv_posix_vmm_deliver(struct axv_posix_vm *vm, struct axv_posix_vcpu *vcpu, axv_irq_t irq);

#endif /* AXV_POSIX_DELIVERY_H */
