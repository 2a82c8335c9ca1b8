/* What the hypervisor and its two guests (vCPU 0 on pCPU 0, vCPU 1 on pCPU 1) share: the
 * interrupts they exchange and each guest's counters (one memory: no stage 2). */
#ifndef QEMU_SMP_SAMPLE_GUEST_H
#define QEMU_SMP_SAMPLE_GUEST_H

#include <stdint.h>

#define SMP_K 200u         /* IPIs each guest sends the other, one at a time */
#define SMP_DATA_IRQ 48u   /* an IPI */
#define SMP_ACK_IRQ 49u    /* its acknowledgement, sent from the receiver's handler */
#define SMP_MASK_IRQ 50u   /* injected into both vCPUs at once (a vCPU mask) */
#define SMP_BURST_BASE 64u /* guest 0 sends SMP_BURST distinct INTIDs from here at once: */
#define SMP_BURST 12u      /* more than the 4 list registers, so some must wait queued */
#define SMP_TIMEOUT_S 5u   /* a guest that waits longer than this gives up (status 95) */

/* Written by the guest that owns them (its IRQ handler and its main loop on one vCPU); the
 * hypervisor reads them after both guests have exited. */
struct smp_guest_counts {
    volatile uint32_t data;
    volatile uint32_t acks;
    volatile uint32_t mask_irqs;
    volatile uint32_t burst_bits;
    volatile uint32_t other;
};
extern struct smp_guest_counts smp_counts[2];

/* The guests' entry points at EL1. */
void smp_guest0_main(void);
void smp_guest1_main(void);

#endif
