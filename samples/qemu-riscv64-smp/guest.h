/* What the hypervisor and its two guests (vCPU 0 on hart 0, vCPU 1 on hart 1) share: the
 * interrupts they exchange, the give-up deadline and each guest's counters (one memory:
 * G-stage translation maps the image's RAM to itself). */
#ifndef QEMU_RISCV64_SMP_SAMPLE_GUEST_H
#define QEMU_RISCV64_SMP_SAMPLE_GUEST_H

#include <stdint.h>
#include <axvisor_api/qemu_virt.h>

#define SMP_K 200u                          /* IPIs each guest sends the other, one at a time */
#define SMP_DATA_IRQ AXV_QEMU_VIRQ_SOFT     /* an IPI, and the one both get through a mask */
#define SMP_ACK_IRQ AXV_QEMU_VIRQ_EXT       /* its acknowledgement, from the receiver's handler */
#define SMP_GIVE_UP_IRQ AXV_QEMU_VIRQ_TIMER /* wakes a guest left waiting, to give up */
#define SMP_TIMEOUT_S 5u /* a guest that waits longer than this gives up (status 95) */

/* Written by the guest that owns them (its trap handler and its main loop on one vCPU);
 * the hypervisor reads them after both guests have exited. */
struct smp_guest_counts {
    volatile uint32_t data;
    volatile uint32_t acks;
    volatile uint32_t other;
};
extern struct smp_guest_counts smp_counts[2];
/* The time CSR's value at which a guest gives up: set by the hypervisor before either runs
 * (a guest has no device tree to learn the timebase from). */
extern volatile uint64_t smp_deadline_ticks;

/* The guests' entry points in VS-mode. */
void smp_guest0_main(void);
void smp_guest1_main(void);

#endif
