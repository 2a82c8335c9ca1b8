/* What the hypervisor and its guest share (the same memory: there is no stage-2
 * translation). */
#ifndef QEMU_HOST_IRQ_SAMPLE_GUEST_H
#define QEMU_HOST_IRQ_SAMPLE_GUEST_H

#include <stdint.h>

/* How long the guest waits to be released before it gives up (exit status 1): generous,
 * since QEMU's counter runs on while a loaded host keeps its vCPU from a CPU. */
#define GUEST_GIVE_UP_S 20u

struct guest_shared {
    volatile uint32_t started;  /* set by the guest once it runs at EL1 */
    volatile uint32_t released; /* set by the hypervisor's device handler */
};
extern struct guest_shared guest_shared;

/* The guest's entry point, at EL1. */
void guest_main(void);

#endif
