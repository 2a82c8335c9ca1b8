/* What the hypervisor and its guest share: the interrupts and the guest's counters (the
 * same memory: there is no stage-2 translation). */
#ifndef QEMU_GUEST_SAMPLE_GUEST_H
#define QEMU_GUEST_SAMPLE_GUEST_H

#include <stdint.h>

#define GUEST_TIMER_IRQ 27u  /* the virtual timer PPI */
#define GUEST_SPI 40u        /* the SPI the hypervisor injects from its own timer */
#define GUEST_TIMER_TICKS 5u /* K: timer interrupts before the guest exits */
#define GUEST_PERIOD_NS 2000000u

/* Written by the guest only; the hypervisor reads them after the guest exits. */
struct guest_counts {
    volatile uint32_t timer_irqs;
    volatile uint32_t spis;
    volatile uint32_t other_irqs;
};
extern struct guest_counts guest_counts;

/* The guest's entry point, at EL1. */
void guest_main(void);

#endif
