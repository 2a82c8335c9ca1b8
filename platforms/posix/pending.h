/* A vCPU's pending interrupts and its halt (pending.c). A leaf: it calls no other file of
 * the platform. */
#ifndef AXV_POSIX_PENDING_H
#define AXV_POSIX_PENDING_H

#include "vmm_model.h"

/* Sets up and tears down a vCPU's interrupt state (nothing pending). */
int axv_posix_pending_init(struct axv_posix_vcpu *vcpu);
void axv_posix_pending_fini(struct axv_posix_vcpu *vcpu);
/* Makes @irq (< AXV_POSIX_NUM_INTIDS) pending and wakes the vCPU if it is halted. */
void axv_posix_pending_raise(struct axv_posix_vcpu *vcpu, axv_irq_t irq);
/* Clears @irq; true when it was pending. */
bool axv_posix_pending_take(struct axv_posix_vcpu *vcpu, axv_irq_t irq);
/* Clears and returns the lowest pending INTID, or AXV_POSIX_SPURIOUS_IRQ. */
axv_irq_t axv_posix_pending_ack(struct axv_posix_vcpu *vcpu);
/* Halt: waits until an interrupt is pending (AXV_OK), *stop is set (AXV_EPERM) or
 * @timeout_ns passed (AXV_EBUSY). Only on the vCPU's own thread. */
int axv_posix_pending_wait(struct axv_posix_vcpu *vcpu, const atomic_bool *stop,
                           axv_nanos_t timeout_ns);
/* Wakes the vCPU if it is halted, so it sees a stop request stored before the call. */
void axv_posix_pending_kick(struct axv_posix_vcpu *vcpu);

#endif /* AXV_POSIX_PENDING_H */
