/* EL2 exception handling: acknowledging and handling host interrupts (the INTIDs the
 * platform keeps, and the handlers components registered), IRQ entry, and a report for
 * anything unexpected. */
#include "exceptions.h"

#include <axvisor_api/qemu_virt.h>
#include "board.h"
#include "cpu.h"
#include "gic.h"
#include "host_irq_table.h"
#include "percpu.h"
#include "timer_queue.h"
#include "vgic.h"

static void (*lower_sync_handler)(struct axv_qemu_frame *frame);
static void (*guest_irq_exit)(void);
/* Per CPU: 1 + the INTID it acknowledged and has not handled yet, 0 when none. Written and
 * read by that CPU only, with its interrupts masked. */
static uint32_t acked[AXV_QEMU_MAX_CPUS];

void axv_qemu_set_lower_sync_handler(void (*handler)(struct axv_qemu_frame *frame)) {
    lower_sync_handler = handler;
}

void axv_qemu_set_guest_irq_exit(void (*handler)(void)) {
    __atomic_store_n(&guest_irq_exit, handler, __ATOMIC_RELEASE);
}

bool axv_qemu_irq_kept(uint32_t intid) {
    return intid == QEMU_IRQ_HYP_TIMER || intid == QEMU_SGI_KICK || intid == QEMU_IRQ_MAINTENANCE;
}

uint32_t axv_qemu_irq_fetch(void) {
    uint32_t *mine = &acked[this_cpu()->index];
    /* One priority for all: while one is active the GIC would answer spurious anyway. */
    if (*mine != 0u)
        return AXV_HOST_IRQ_NONE;
    uint32_t intid = axv_qemu_gic_ack();
    if (intid >= QEMU_GIC_INTID_SPECIAL)
        return AXV_HOST_IRQ_NONE;
    *mine = intid + 1u;
    return intid;
}

/* The platform's own INTIDs. */
static void run_kept(uint32_t intid) {
    if (intid == QEMU_IRQ_HYP_TIMER) {
        axv_qemu_timer_queue_irq();
    } else {
        /* The kick SGI or the maintenance interrupt: another CPU queued virtual interrupts
         * for this CPU's vCPU, or the guest freed list registers while some wait. Refilled
         * before the EOI: the maintenance interrupt is a level that stays up until the
         * refill takes UIE down. */
        axv_qemu_vgic_refill();
    }
}

int axv_qemu_irq_handle(uint32_t intid) {
    uint32_t *mine = &acked[this_cpu()->index];
    if (intid >= QEMU_GIC_INTID_SPECIAL || *mine != intid + 1u)
        return AXV_EINVAL;
    int rc = AXV_OK;
    if (axv_qemu_irq_kept(intid)) {
        run_kept(intid);
    } else if (!axv_qemu_hirq_run(intid)) {
        /* Nobody owns it: off, so that a level-sensitive line cannot storm. */
        axv_qemu_gic_set_enabled(intid, false);
        rc = AXV_ENOENT;
    }
    axv_qemu_gic_eoi(intid);
    *mine = 0u;
    return rc;
}

/* What the CPU does with the interrupts it takes: all of them, one after the other. */
static void take_irqs(void) {
    for (uint32_t intid = axv_qemu_irq_fetch(); intid != AXV_HOST_IRQ_NONE;
         intid = axv_qemu_irq_fetch()) {
        if (axv_qemu_irq_handle(intid) == AXV_ENOENT) {
            axv_qemu_puts("\nqemu-virt: IRQ ");
            axv_qemu_put_dec(intid);
            axv_qemu_puts(" has no handler: disabled\n");
        }
    }
}

void axv_qemu_irq_entry(struct axv_qemu_frame *frame) {
    (void)frame;
    take_irqs();
    /* Before returning (to the guest, perhaps): what the kick announced, and what callbacks
     * queued behind full list registers. */
    axv_qemu_vgic_refill();
}

void axv_qemu_lower_irq(struct axv_qemu_frame *frame) {
    (void)frame;
    /* A guest exit on a physical interrupt: the vCPU's exit handler takes it through the
     * host_irq ops when it has one. */
    void (*exit_handler)(void) = __atomic_load_n(&guest_irq_exit, __ATOMIC_ACQUIRE);
    if (exit_handler != NULL)
        exit_handler();
    else
        take_irqs();
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
