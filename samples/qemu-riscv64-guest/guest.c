/* The VS-mode guest: installs its trap vector, enables its software, timer and external
 * interrupts, asks for a timer tick through a hypercall, injects a software interrupt into
 * itself through another, and counts the virtual interrupts it takes. After K timer
 * interrupts, the hypervisor's external interrupt and its own software interrupt it asks to
 * exit with status 0. Only S-mode CSRs (which in VS-mode are the vs* ones) and ecall here:
 * nothing of the hypervisor's code may run in the guest. */
#include <axvisor_api/qemu_virt.h>

#include "guest.h"

struct guest_counts guest_counts;

#define SCAUSE_INTERRUPT (UINT64_C(1) << 63)
#define SIE_BIT(irq) (UINT64_C(1) << (irq))
#define SSTATUS_SIE (UINT64_C(1) << 1)

static int64_t hypercall(uint64_t fn, uint64_t arg1, uint64_t arg2) {
    register uint64_t a0 __asm__("a0") = fn;
    register uint64_t a1 __asm__("a1") = arg1;
    register uint64_t a2 __asm__("a2") = arg2;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2) : "memory");
    return (int64_t)a0;
}

static void arm_timer(void) {
    if (hypercall(AXV_QEMU_HVC_SET_TIMER, GUEST_PERIOD_NS, 0) != AXV_OK)
        (void)hypercall(AXV_QEMU_HVC_EXIT, 90, 0);
}

/* The guest's trap vector: GCC saves what it uses and returns with sret (VS-mode's). */
__attribute__((interrupt("supervisor"), aligned(4))) static void guest_trap(void) {
    uint64_t scause;
    __asm__ volatile("csrr %0, scause" : "=r"(scause));
    uint64_t cause = scause & ~SCAUSE_INTERRUPT;
    if (!(scause & SCAUSE_INTERRUPT)) {
        guest_counts.other_irqs++;
        (void)hypercall(AXV_QEMU_HVC_EXIT, 93, 0);
    } else if (cause == AXV_QEMU_VIRQ_TIMER) {
        /* Re-arming takes the expired tick down; after the last, clearing does. */
        guest_counts.timer_irqs++;
        if (guest_counts.timer_irqs < GUEST_TIMER_TICKS)
            arm_timer();
        else
            (void)hypercall(AXV_QEMU_HVC_CLEAR, AXV_QEMU_VIRQ_TIMER, 0);
    } else if (cause == AXV_QEMU_VIRQ_EXT) {
        guest_counts.external_irqs++;
        (void)hypercall(AXV_QEMU_HVC_CLEAR, AXV_QEMU_VIRQ_EXT, 0);
    } else if (cause == AXV_QEMU_VIRQ_SOFT) {
        /* The one VS interrupt a guest clears itself: sip.SSIP is hvip.VSSIP. */
        __asm__ volatile("csrc sip, %0" ::"r"(SIE_BIT(AXV_QEMU_VIRQ_SOFT)));
        guest_counts.soft_irqs++;
    } else {
        /* Not ours: end the run at once rather than wait for interrupts that will not come. */
        guest_counts.other_irqs++;
        (void)hypercall(AXV_QEMU_HVC_EXIT, 92, 0);
    }
}

void guest_main(void) {
    __asm__ volatile("csrw stvec, %0" ::"r"(guest_trap));
    __asm__ volatile("csrs sie, %0" ::"r"(
        SIE_BIT(AXV_QEMU_VIRQ_SOFT) | SIE_BIT(AXV_QEMU_VIRQ_TIMER) | SIE_BIT(AXV_QEMU_VIRQ_EXT)));
    arm_timer();
    /* vCPU 0 is this one (the hypervisor runs it on hart 0). */
    if (hypercall(AXV_QEMU_HVC_INJECT, 0, AXV_QEMU_VIRQ_SOFT) != AXV_OK)
        (void)hypercall(AXV_QEMU_HVC_EXIT, 94, 0);
    /* Check with interrupts disabled, sleep, then open a window to take what woke us: an
     * interrupt arriving between the check and the WFI still wakes it (WFI ignores
     * sstatus.SIE), so the last one cannot be lost. */
    while (guest_counts.timer_irqs < GUEST_TIMER_TICKS || guest_counts.external_irqs == 0 ||
           guest_counts.soft_irqs == 0) {
        __asm__ volatile("wfi");
        __asm__ volatile("csrs sstatus, %0\n\tcsrc sstatus, %0" ::"r"(SSTATUS_SIE) : "memory");
    }
    (void)hypercall(AXV_QEMU_HVC_EXIT, guest_counts.other_irqs == 0 ? 0 : 91, 0);
    for (;;)
        __asm__ volatile("wfi");
}
