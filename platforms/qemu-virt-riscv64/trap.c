/* HS-mode trap handling: the timer, software (IPI) and external (host_irq) interrupts, and a
 * report (scause, sepc, stval) that ends the run with status 2 for anything unexpected. */
#include "trap.h"

#include <axvisor_api/qemu_virt.h>
#include "cpu.h"
#include "host_irq.h"
#include "timer_queue.h"
#include "virq.h"

#define SCAUSE_ECALL_VS 10u

static void (*guest_ecall)(struct axv_qemu_frame *frame);

void axv_qemu_trap_set_guest_ecall(void (*handler)(struct axv_qemu_frame *frame)) {
    guest_ecall = handler;
}

static AXV_NORETURN void unexpected(uint64_t scause, const struct axv_qemu_frame *frame) {
    axv_qemu_puts("\nqemu-virt: unexpected exception, scause=");
    axv_qemu_put_hex(scause);
    axv_qemu_puts(" sepc=");
    axv_qemu_put_hex(frame->sepc);
    axv_qemu_puts(" stval=");
    axv_qemu_put_hex(CSR_READ(stval));
    axv_qemu_puts(" sstatus=");
    axv_qemu_put_hex(frame->sstatus);
    axv_qemu_puts(" hstatus=");
    axv_qemu_put_hex(frame->hstatus);
    /* A guest-page fault's guest physical address, shifted right by 2. */
    axv_qemu_puts(" htval=");
    axv_qemu_put_hex(CSR_READ(htval));
    axv_qemu_puts("\n");
    axv_qemu_exit(2);
}

void axv_qemu_trap(struct axv_qemu_frame *frame) {
    uint64_t scause = CSR_READ(scause);
    if (scause == SCAUSE_ECALL_VS && guest_ecall != NULL) {
        guest_ecall(frame);
        return;
    }
    if (!(scause & SCAUSE_INTERRUPT))
        unexpected(scause, frame);
    uint64_t irq = scause & ~SCAUSE_INTERRUPT;
    if (irq == IRQ_S_TIMER) {
        axv_qemu_timer_queue_irq();
    } else if (irq == IRQ_S_SOFT) {
        /* An IPI: another hart queued virtual interrupts for this hart's vCPU, or posted
         * work (smp.c polls for that when the WFI returns). Cleared before the refill, so
         * an IPI sent after the refill read its mailbox raises it again. */
        CSR_CLEAR(sip, UINT64_C(1) << IRQ_S_SOFT);
        axv_qemu_virq_refill();
    } else if (irq == IRQ_S_EXT) {
        /* A host (PLIC) interrupt, taken in HS-mode or on a guest exit alike. */
        axv_qemu_host_irq_take();
    } else {
        unexpected(scause, frame);
    }
}
