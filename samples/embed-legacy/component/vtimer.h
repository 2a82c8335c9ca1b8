/*
 * vtimer: a new component, written against axvisor_api only: a vCPU's virtual timer. It
 * arms one-shot timers (time area), raises the vCPU's timer interrupt when they expire (vmm
 * area) and publishes an expiry count in a page it allocates (memory area). It neither
 * knows nor cares that the platform under it is an adapter over a legacy hypervisor.
 * Not thread-safe: one vtimer is driven from its vCPU's CPU.
 */
#ifndef VTIMER_H
#define VTIMER_H

#include <stdbool.h>
#include <axvisor_api/axvisor_api.h>

struct vtimer {
    axv_vm_id_t vm;
    axv_vcpu_id_t vcpu;
    axv_paddr_t page; /* shared with the guest: a uint64_t expiry count at offset 0 */
    axv_timer_token_t token;
    bool armed;
    unsigned expirations;
};

/* Sets up the virtual timer of vCPU @p vcpu of VM @p vm. AXV_OK, or the frame allocation's
 * error. */
int vtimer_init(struct vtimer *vt, axv_vm_id_t vm, axv_vcpu_id_t vcpu);

/* (Re)arms the timer @p delay_ns from now, cancelling the previous deadline, as a guest
 * rewriting CNTV_CVAL does. AXV_OK or the time area's error. */
int vtimer_arm(struct vtimer *vt, axv_nanos_t delay_ns);

/* The guest-visible expiry count, read from the shared page. */
uint64_t vtimer_published_count(const struct vtimer *vt);

/* Cancels the timer and frees the page. */
void vtimer_fini(struct vtimer *vt);

/* Doorbell: rings SGI @p sgi on every active vCPU of the caller's VM. AXV_OK, or the first
 * error. */
int doorbell_ring_all(axv_irq_t sgi);

#endif /* VTIMER_H */
