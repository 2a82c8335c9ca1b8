/* The two EL1 guests. Each sends SMP_K IPIs to the other through the inject hypercall
 * (axv_vmm_inject_interrupt for the other vCPU, which runs on the other pCPU), one at a
 * time: the receiver's handler counts it and answers with an acknowledgement IPI. (One at a
 * time because a GIC interrupt is a pending state, not a count: two of one INTID before the
 * first is taken are one.) Both directions run at once. Then guest 0 sends a burst of
 * distinct INTIDs to guest 1, more than fit in the list registers, and one INTID to both
 * vCPUs with a mask. A guest exits with status 0 once it has received everything it
 * expects; 95 if that takes longer than SMP_TIMEOUT_S, 94 if a hypercall fails, 91 if an
 * unexpected interrupt came. */
#include <axvisor_api/qemu_virt.h>

#include "guest.h"

struct smp_guest_counts smp_counts[2];

extern char guest_vectors[];
void guest_irq(void);

#define GIC_SPURIOUS 1020u
#define GUEST_TIMER_IRQ 27u

static uint64_t hypercall(uint64_t fn, uint64_t a, uint64_t b) {
    register uint64_t x0 __asm__("x0") = fn;
    register uint64_t x1 __asm__("x1") = a;
    register uint64_t x2 __asm__("x2") = b;
    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2) : : "memory");
    return x0;
}

static AXV_NORETURN void guest_exit(uint64_t status) {
    hypercall(AXV_QEMU_HVC_EXIT, status, 0);
    for (;;)
        __asm__ volatile("wfe");
}

/* Which guest runs here: set once in TPIDR_EL1 (a register the guest owns). */
static uint64_t self(void) {
    uint64_t v;
    __asm__ volatile("mrs %0, tpidr_el1" : "=r"(v));
    return v;
}

static void inject(uint64_t vcpu, uint64_t irq) {
    if ((int64_t)hypercall(AXV_QEMU_HVC_INJECT, vcpu, irq) != AXV_OK)
        guest_exit(94);
}

void guest_irq(void) {
    uint64_t iar;
    __asm__ volatile("mrs %0, S3_0_C12_C12_0" : "=r"(iar)); /* ICC_IAR1_EL1 */
    uint32_t intid = (uint32_t)iar & 0xffffffu;
    if (intid >= GIC_SPURIOUS)
        return;
    uint64_t me = self();
    struct smp_guest_counts *c = &smp_counts[me];
    if (intid == SMP_DATA_IRQ) {
        c->data++;
        inject(me ^ 1u, SMP_ACK_IRQ);
    } else if (intid == SMP_ACK_IRQ) {
        c->acks++;
    } else if (intid == SMP_MASK_IRQ) {
        c->mask_irqs++;
    } else if (intid == GUEST_TIMER_IRQ) {
        /* The give-up timer: wait_a_little() sees the deadline passed. */
    } else if (intid >= SMP_BURST_BASE && intid < SMP_BURST_BASE + SMP_BURST) {
        c->burst_bits |= 1u << (intid - SMP_BURST_BASE);
    } else {
        c->other++;
    }
    /* EOImode 0: drops the priority and deactivates (frees the list register). */
    __asm__ volatile("msr S3_0_C12_C12_1, %0" ::"r"(iar)); /* ICC_EOIR1_EL1 */
    __asm__ volatile("isb");
}

static uint64_t counter(void) {
    uint64_t v;
    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v));
    return v;
}

/* Sleeps until an interrupt came (checked with IRQs masked, then a window to take it: one
 * arriving between the check and the WFI still wakes it), or gives up at the deadline (the
 * give-up timer wakes the WFI then). */
static void wait_a_little(uint64_t deadline) {
    if (counter() > deadline)
        guest_exit(95);
    __asm__ volatile("wfi");
    __asm__ volatile("msr daifclr, #2\n\tisb\n\tmsr daifset, #2" ::: "memory");
}

static void guest_main(uint64_t me) {
    __asm__ volatile("msr tpidr_el1, %0" ::"r"(me));
    __asm__ volatile("msr vbar_el1, %0" ::"r"(guest_vectors));
    __asm__ volatile("msr S3_0_C12_C12_5, %0" ::"r"(UINT64_C(1))); /* ICC_SRE_EL1.SRE */
    __asm__ volatile("isb");
    __asm__ volatile("msr S3_0_C4_C6_0, %0" ::"r"(UINT64_C(0xff))); /* ICC_PMR_EL1 */
    __asm__ volatile("msr S3_0_C12_C12_7, %0" ::"r"(UINT64_C(1)));  /* ICC_IGRPEN1_EL1 */
    __asm__ volatile("isb");
    uint64_t hz;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
    uint64_t deadline = counter() + hz * SMP_TIMEOUT_S;
    /* A timer interrupt just after the deadline, so a guest left waiting wakes to give up. */
    if ((int64_t)hypercall(AXV_QEMU_HVC_SET_TIMER, (SMP_TIMEOUT_S + 1u) * 1000000000ull, 0) !=
        AXV_OK)
        guest_exit(94);
    struct smp_guest_counts *c = &smp_counts[me];

    for (uint32_t i = 0; i < SMP_K; i++) {
        inject(me ^ 1u, SMP_DATA_IRQ);
        while (c->acks < i + 1u)
            wait_a_little(deadline);
    }
    uint32_t burst_expected = 0;
    if (me == 0) {
        for (uint32_t b = 0; b < SMP_BURST; b++)
            inject(1, SMP_BURST_BASE + b);
        if ((int64_t)hypercall(AXV_QEMU_HVC_INJECT_MASK, 3u, SMP_MASK_IRQ) != AXV_OK)
            guest_exit(94);
    } else {
        burst_expected = (1u << SMP_BURST) - 1u;
    }
    while (c->data < SMP_K || c->burst_bits != burst_expected || c->mask_irqs == 0)
        wait_a_little(deadline);
    guest_exit(c->other == 0 ? 0 : 91);
}

void smp_guest0_main(void) {
    guest_main(0);
}

void smp_guest1_main(void) {
    guest_main(1);
}
