/* The one vCPU's virtual interrupts: list registers first, then a small queue when all are
 * in use, refilled into free list registers whenever the guest exits to EL2. */
#include "qemu_internal.h"

#define QUEUE_SIZE 32u

static axv_irq_t queue[QUEUE_SIZE];
static size_t queued;

int axv_qemu_vgic_inject(axv_irq_t irq) {
    uint64_t daif = irq_save();
    /* Keep arrival order: nothing jumps ahead of what is already queued. */
    int rc = queued == 0 ? axv_qemu_arch_hardware_inject_virtual_interrupt(irq) : AXV_EBUSY;
    if (rc == AXV_EBUSY) {
        rc = AXV_ENOMEM;
        if (queued < QUEUE_SIZE) {
            queue[queued++] = irq;
            rc = AXV_OK;
        }
    }
    irq_restore(daif);
    return rc;
}

void axv_qemu_vgic_refill(void) {
    uint64_t daif = irq_save();
    size_t moved = 0;
    while (moved < queued &&
           axv_qemu_arch_hardware_inject_virtual_interrupt(queue[moved]) == AXV_OK)
        moved++;
    for (size_t i = moved; i < queued; i++)
        queue[i - moved] = queue[i];
    queued -= moved;
    irq_restore(daif);
}

bool axv_qemu_vgic_take_pending(axv_irq_t irq) {
    uint64_t daif = irq_save();
    bool found = false;
    unsigned lrs = axv_qemu_num_list_registers();
    for (unsigned n = 0; n < lrs && !found; n++) {
        uint64_t lr = axv_qemu_read_lr(n);
        if ((lr >> 62) == 1u && (uint32_t)lr == irq) {
            axv_qemu_write_lr(n, 0);
            isb();
            found = true;
        }
    }
    irq_restore(daif);
    if (found)
        axv_qemu_vgic_refill();
    return found;
}

bool axv_qemu_take_virtual_irq(axv_irq_t irq) {
    return axv_qemu_vgic_take_pending(irq);
}
