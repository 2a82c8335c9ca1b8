/* Interrupt delivery: the pending bit, then the delivery observer. */
#include "delivery.h"
#include "pending.h"

/* The delivery observer. The header asks that it be set while no injection is in progress,
 * so the pair needs no lock; the fields are atomics only so that a caller who breaks that
 * rule gets a stale observer, not undefined behaviour. ctx is stored before fn (release),
 * and read after it (acquire), so a newly set fn is never seen with the ctx it replaced. */
static _Atomic(axv_posix_delivery_fn) observer_fn;
static _Atomic(void *) observer_ctx;

void axv_posix_set_delivery_observer(axv_posix_delivery_fn fn, void *ctx) {
    atomic_store_explicit(&observer_ctx, ctx, memory_order_relaxed);
    atomic_store_explicit(&observer_fn, fn, memory_order_release);
}

void axv_posix_vmm_deliver(struct axv_posix_vm *vm, struct axv_posix_vcpu *vcpu, axv_irq_t irq) {
    axv_posix_pending_raise(vcpu, irq);
    axv_posix_delivery_fn fn = atomic_load_explicit(&observer_fn, memory_order_acquire);
    if (fn != NULL)
        fn(atomic_load_explicit(&observer_ctx, memory_order_relaxed), vm->id, vcpu->id, irq);
}
