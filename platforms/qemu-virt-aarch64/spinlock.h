/* A spinlock for data shared between CPUs and with IRQ handlers. Taking it masks IRQs on
 * the calling CPU first, so an IRQ handler on the same CPU can never spin on a lock its own
 * interrupted code holds.
 *
 * Why this is enough on real SMP: the exchange is LDAXR/STXR (inline, this ARMv8.0 CPU has
 * no LSE; -mno-outline-atomics), whose acquire keeps the critical section's accesses after
 * the lock is taken; the release store (STLR) keeps them before it is given up. Locks live
 * in RAM, which mmu.c maps Normal write-back inner-shareable, the memory type on which the
 * architecture guarantees exclusives between CPUs. */
#ifndef AXV_QEMU_SPINLOCK_H
#define AXV_QEMU_SPINLOCK_H

#include <stdint.h>
#include "cpu.h"

struct axv_qemu_lock {
    uint32_t held;
};

static inline uint64_t lock_irqsave(struct axv_qemu_lock *lock) {
    uint64_t daif = irq_save();
    while (__atomic_exchange_n(&lock->held, 1u, __ATOMIC_ACQUIRE) != 0u) {
        /* Spin on plain loads: no exclusive traffic while another CPU holds it. */
        while (__atomic_load_n(&lock->held, __ATOMIC_RELAXED) != 0u)
            __asm__ volatile("yield");
    }
    return daif;
}

static inline void unlock_irqrestore(struct axv_qemu_lock *lock, uint64_t daif) {
    __atomic_store_n(&lock->held, 0u, __ATOMIC_RELEASE);
    irq_restore(daif);
}

#endif /* AXV_QEMU_SPINLOCK_H */
