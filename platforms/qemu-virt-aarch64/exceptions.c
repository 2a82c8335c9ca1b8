/* EL2 exception handling: IRQ dispatch, and a report for anything unexpected. */
#include "exceptions.h"

#include <axvisor_api/qemu_virt.h>
#include "board.h"
#include "cpu.h"
#include "gic.h"
#include "timer_queue.h"
#include "vgic.h"

static void (*lower_sync_handler)(struct axv_qemu_frame *frame);

void axv_qemu_set_lower_sync_handler(void (*handler)(struct axv_qemu_frame *frame)) {
    lower_sync_handler = handler;
}

void axv_qemu_irq_entry(struct axv_qemu_frame *frame) {
    (void)frame;
    for (;;) {
        uint32_t intid = axv_qemu_gic_ack();
        if (intid >= QEMU_GIC_INTID_SPECIAL)
            break;
        if (intid == QEMU_IRQ_HYP_TIMER) {
            axv_qemu_timer_queue_irq();
        } else if (intid == QEMU_SGI_KICK || intid == QEMU_IRQ_MAINTENANCE) {
            /* Another CPU queued virtual interrupts for this CPU's vCPU, or the guest freed
             * list registers while some wait. Refilled before the EOI: the maintenance
             * interrupt is a level that stays up until the refill takes UIE down. */
            axv_qemu_vgic_refill();
        } else {
            axv_qemu_puts("\nqemu-virt: unexpected IRQ ");
            axv_qemu_put_dec(intid);
            axv_qemu_puts("\n");
            axv_qemu_exit(3);
        }
        axv_qemu_gic_eoi(intid);
    }
    /* Before returning (to the guest, perhaps): what the kick announced, and what callbacks
     * queued behind full list registers. */
    axv_qemu_vgic_refill();
}

void axv_qemu_lower_sync(struct axv_qemu_frame *frame) {
    if (lower_sync_handler == NULL)
        axv_qemu_unexpected(8, frame);
    lower_sync_handler(frame);
}

void axv_qemu_unexpected(uint64_t kind, struct axv_qemu_frame *frame) {
    axv_qemu_puts("\nqemu-virt: unexpected exception, vector ");
    axv_qemu_put_dec(kind);
    axv_qemu_puts(" ESR_EL2=");
    axv_qemu_put_hex(SYSREG_READ(esr_el2));
    axv_qemu_puts(" ELR_EL2=");
    axv_qemu_put_hex(frame->elr);
    axv_qemu_puts(" FAR_EL2=");
    axv_qemu_put_hex(SYSREG_READ(far_el2));
    axv_qemu_puts(" SPSR_EL2=");
    axv_qemu_put_hex(frame->spsr);
    axv_qemu_puts("\n");
    axv_qemu_exit(2);
}
