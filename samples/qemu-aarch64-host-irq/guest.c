/* The EL1 guest: says it runs, then spins until the hypervisor releases it, and exits. It
 * never unmasks interrupts and has no vectors: the physical interrupts that arrive while it
 * spins are the host's (HCR_EL2.IMO takes them to EL2 whatever PSTATE.I says), and it sees
 * nothing of them but the time they take. Only EL1 registers and HVC here. */
#include <axvisor_api/qemu_virt.h>

#include "guest.h"

struct guest_shared guest_shared;

static void exit_with(uint64_t status) {
    register uint64_t x0 __asm__("x0") = AXV_QEMU_HVC_EXIT;
    register uint64_t x1 __asm__("x1") = status;
    __asm__ volatile("hvc #0" : "+r"(x0) : "r"(x1) : "memory");
}

static uint64_t counter(void) {
    uint64_t now;
    __asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(now));
    return now;
}

void guest_main(void) {
    uint64_t hz;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
    uint64_t give_up = counter() + hz * GUEST_GIVE_UP_S;
    guest_shared.started = 1;
    while (!guest_shared.released) {
        if (counter() > give_up)
            exit_with(1);
    }
    exit_with(0);
    for (;;)
        __asm__ volatile("wfe");
}
