/* What the hypervisor and its guest share: the interrupts and the guest's counters (the
 * same memory: G-stage translation maps the image's RAM to itself). */
#ifndef QEMU_RISCV64_GUEST_SAMPLE_GUEST_H
#define QEMU_RISCV64_GUEST_SAMPLE_GUEST_H

#include <stdint.h>

#define GUEST_TIMER_TICKS 5u /* K: timer interrupts before the guest exits */
#define GUEST_PERIOD_NS 2000000u

/* Written by the guest only; the hypervisor reads them after the guest exits. */
struct guest_counts {
    volatile uint32_t timer_irqs;    /* AXV_QEMU_VIRQ_TIMER */
    volatile uint32_t external_irqs; /* AXV_QEMU_VIRQ_EXT, from the hypervisor's timer */
    volatile uint32_t soft_irqs;     /* AXV_QEMU_VIRQ_SOFT, the guest's own injection */
    volatile uint32_t other_irqs;
};
extern struct guest_counts guest_counts;

/* The guest's entry point, in VS-mode. */
void guest_main(void);

#endif
