/* The two VS-mode guests. Each sends SMP_K IPIs (the software interrupt) to the other
 * through the inject hypercall (axv_vmm_inject_interrupt for the other vCPU, which runs on
 * the other hart), one at a time: the receiver's handler counts it and answers with an
 * acknowledgement (the external interrupt). One at a time because a pending interrupt is a
 * bit, not a count: two of one interrupt before the first is taken are one. Both
 * directions run at once. Then guest 0, once it has everything from guest 1, sends the
 * software interrupt to both vCPUs with a mask, which each counts (without acknowledging
 * it). A guest exits with status 0 once it has received everything it expects; 95
 * if that takes longer than SMP_TIMEOUT_S, 94 if a hypercall fails, 91 if an unexpected
 * interrupt or exception came. */
#include <axvisor_api/qemu_virt.h>

#include "guest.h"

struct smp_guest_counts smp_counts[2];
volatile uint64_t smp_deadline_ticks;

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

static AXV_NORETURN void guest_exit(uint64_t status) {
    (void)hypercall(AXV_QEMU_HVC_EXIT, status, 0);
    for (;;)
        __asm__ volatile("wfi");
}

/* Which guest runs here: set once in sscratch (a register the guest owns: vsscratch). */
static uint64_t self(void) {
    uint64_t v;
    __asm__ volatile("csrr %0, sscratch" : "=r"(v));
    return v;
}

static void inject(uint64_t vcpu, uint64_t irq) {
    if (hypercall(AXV_QEMU_HVC_INJECT, vcpu, irq) != AXV_OK)
        guest_exit(94);
}

/* Each interrupt is taken down before it is counted, so a new one that arrives meanwhile is
 * pending again rather than merged into this one. */
__attribute__((interrupt("supervisor"), aligned(4))) static void guest_trap(void) {
    uint64_t scause;
    __asm__ volatile("csrr %0, scause" : "=r"(scause));
    uint64_t me = self();
    struct smp_guest_counts *c = &smp_counts[me];
    /* An exception matches no interrupt below: it ends the run as an unexpected one. */
    uint64_t cause = (scause & SCAUSE_INTERRUPT) ? scause & ~SCAUSE_INTERRUPT : UINT64_MAX;
    if (cause == SMP_DATA_IRQ) {
        __asm__ volatile("csrc sip, %0" ::"r"(SIE_BIT(SMP_DATA_IRQ)));
        /* Every IPI before it arrived first (see guest_main), so the one beyond SMP_K is the
         * masked one, which is not acknowledged: its acknowledgement could merge with the
         * one still on its way for the last IPI. */
        if (++c->data <= SMP_K)
            inject(me ^ 1u, SMP_ACK_IRQ);
    } else if (cause == SMP_ACK_IRQ) {
        (void)hypercall(AXV_QEMU_HVC_CLEAR, SMP_ACK_IRQ, 0);
        c->acks++;
    } else if (cause == SMP_GIVE_UP_IRQ) {
        /* wait_a_little() sees the deadline passed. */
        (void)hypercall(AXV_QEMU_HVC_CLEAR, SMP_GIVE_UP_IRQ, 0);
    } else {
        c->other++;
        guest_exit(91);
    }
}

static uint64_t ticks(void) {
    uint64_t t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}

/* Sleeps until an interrupt came (checked with interrupts disabled, then a window to take
 * it: one arriving between the check and the WFI still wakes it), or gives up at the
 * deadline (the give-up timer wakes the WFI then). */
static void wait_a_little(void) {
    if (ticks() > smp_deadline_ticks)
        guest_exit(95);
    __asm__ volatile("wfi");
    __asm__ volatile("csrs sstatus, %0\n\tcsrc sstatus, %0" ::"r"(SSTATUS_SIE) : "memory");
}

static AXV_NORETURN void guest_main(uint64_t me) {
    __asm__ volatile("csrw sscratch, %0" ::"r"(me));
    __asm__ volatile("csrw stvec, %0" ::"r"(guest_trap));
    __asm__ volatile("csrs sie, %0" ::"r"(SIE_BIT(SMP_DATA_IRQ) | SIE_BIT(SMP_ACK_IRQ) |
                                          SIE_BIT(SMP_GIVE_UP_IRQ)));
    /* A timer interrupt just after the deadline, so a guest left waiting wakes to give up. */
    if (hypercall(AXV_QEMU_HVC_SET_TIMER, (SMP_TIMEOUT_S + 1u) * UINT64_C(1000000000), 0) != AXV_OK)
        guest_exit(94);
    struct smp_guest_counts *c = &smp_counts[me];

    for (uint32_t i = 0; i < SMP_K; i++) {
        inject(me ^ 1u, SMP_DATA_IRQ);
        while (c->acks < i + 1u)
            wait_a_little();
    }
    if (me == 0) {
        /* Everything from guest 1 taken first, so the masked one cannot merge with it. */
        while (c->data < SMP_K)
            wait_a_little();
        if (hypercall(AXV_QEMU_HVC_INJECT_MASK, 3u, SMP_DATA_IRQ) != AXV_OK)
            guest_exit(94);
    }
    /* Each guest gets the masked one too. */
    while (c->data < SMP_K + 1u)
        wait_a_little();
    guest_exit(c->other == 0 ? 0 : 91);
}

void smp_guest0_main(void) {
    guest_main(0);
}

void smp_guest1_main(void) {
    guest_main(1);
}
