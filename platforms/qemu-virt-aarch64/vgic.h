/* Each vCPU's virtual interrupts (vgic.c): vCPU i is pinned to pCPU i, whose list registers
 * are its own; what does not go straight into one waits in the vCPU's queue. */
#ifndef AXV_QEMU_VGIC_H
#define AXV_QEMU_VGIC_H

#include <stddef.h>
#include <axvisor_api/types.h>

/* The SGI that tells a pCPU its vCPU's queue has new virtual interrupts. */
#define QEMU_SGI_KICK 1u

/* Enables the kick SGI and the maintenance interrupt on the calling CPU. */
void axv_qemu_vgic_cpu_start(void);
/* Makes @p irq pending on @p vcpu, from any CPU: AXV_ENOENT for an unknown vCPU,
 * AXV_EINVAL for a special INTID, AXV_ENOMEM when its queue is full. */
int axv_qemu_vgic_inject(size_t vcpu, axv_irq_t irq);
/* Moves the calling pCPU's vCPU queue into free list registers. */
void axv_qemu_vgic_refill(void);

#endif /* AXV_QEMU_VGIC_H */
