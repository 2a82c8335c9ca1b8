/* Each vCPU's virtual interrupts. vCPU i is pinned to pCPU i, so pCPU i's list registers
 * are vCPU i's whether or not it is running, and only pCPU i can write them. Injection on
 * the vCPU's own pCPU writes a list register directly (the queue first, to keep arrival
 * order); from another pCPU it appends to the vCPU's queue and sends the kick SGI, whose
 * handler there moves the queue into list registers before returning to the guest. A queue
 * also holds what did not fit (AXV_EBUSY: every list register in use). While a queue is not
 * empty its pCPU has the underflow maintenance interrupt on (ICH_HCR_EL2.UIE: at most one
 * list register still valid), so the guest's EOIs bring it back to EL2 to refill even if
 * it never exits otherwise: nothing is lost, only AXV_ENOMEM when the queue itself is
 * full. */
#include "vgic.h"

#include <axvisor_api/axvisor_api.h>
#include "board.h"
#include "gic.h"
#include "percpu.h"
#include "spinlock.h"

#define QUEUE_SIZE 32u

struct vgic {
    struct axv_qemu_lock lock;
    size_t queued;
    axv_irq_t queue[QUEUE_SIZE];
};

static struct vgic vgics[AXV_QEMU_MAX_CPUS];

static void kick(size_t pcpu) {
    axv_qemu_gic_send_sgi(axv_qemu_cpu_mpidr(pcpu), QEMU_SGI_KICK);
}

/* Underflow maintenance interrupt on exactly while something waits in the queue (a level
 * interrupt: off, or list registers filled again, and it stops). Lock held, own pCPU. */
static void update_underflow(const struct vgic *v) {
    axv_qemu_lr_set_underflow(v->queued != 0);
}

/* Moves the queue into free list registers, oldest first (lock held, on the vCPU's pCPU). */
static void refill_locked(struct vgic *v) {
    size_t moved = 0;
    while (moved < v->queued && axv_qemu_lr_inject(v->queue[moved]) == AXV_OK)
        moved++;
    for (size_t i = moved; i < v->queued; i++)
        v->queue[i - moved] = v->queue[i];
    v->queued -= moved;
    update_underflow(v);
}

int axv_qemu_vgic_inject(size_t vcpu, axv_irq_t irq) {
    if (vcpu >= axv_qemu_percpu_count())
        return AXV_ENOENT;
    if (irq > QEMU_MAX_VIRQ)
        return AXV_EINVAL;
    struct vgic *v = &vgics[vcpu];
    bool local = vcpu == this_cpu()->index;
    uint64_t daif = lock_irqsave(&v->lock);
    int rc = AXV_EBUSY;
    /* Keep arrival order: nothing jumps ahead of what is already queued. */
    if (local && v->queued == 0)
        rc = axv_qemu_lr_inject(irq);
    if (rc == AXV_EBUSY) {
        rc = AXV_ENOMEM;
        if (v->queued < QUEUE_SIZE) {
            v->queue[v->queued++] = irq;
            rc = AXV_OK;
        }
    }
    if (local)
        update_underflow(v);
    unlock_irqrestore(&v->lock, daif);
    if (rc == AXV_OK && !local)
        kick(vcpu);
    return rc;
}

void axv_qemu_vgic_refill(void) {
    struct vgic *v = &vgics[this_cpu()->index];
    uint64_t daif = lock_irqsave(&v->lock);
    refill_locked(v);
    unlock_irqrestore(&v->lock, daif);
}

void axv_qemu_vgic_cpu_start(void) {
    axv_qemu_gic_enable_ppi(QEMU_SGI_KICK);
    axv_qemu_gic_enable_ppi(QEMU_IRQ_MAINTENANCE);
}

bool axv_qemu_take_virtual_irq(axv_irq_t irq) {
    struct vgic *v = &vgics[this_cpu()->index];
    uint64_t daif = lock_irqsave(&v->lock);
    /* What other CPUs queued counts as pending even before the kick SGI is taken here. */
    refill_locked(v);
    bool found = axv_qemu_lr_take(irq);
    if (found)
        refill_locked(v);
    unlock_irqrestore(&v->lock, daif);
    return found;
}
