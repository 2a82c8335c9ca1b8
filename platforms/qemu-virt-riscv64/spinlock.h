/* A spinlock for data shared between harts and with the trap handler. Taking it masks
 * interrupts on the calling hart first, so a handler on the same hart never spins on a lock
 * its own interrupted code holds. The exchange is an AMOSWAP with acquire (RVA); the release
 * store orders the critical section before the lock is given up. RAM is main memory in the
 * PMAs, where the A extension's atomics work between harts. */
#ifndef AXV_QEMU_SPINLOCK_H
#define AXV_QEMU_SPINLOCK_H

#include <stdint.h>
#include "cpu.h"

struct axv_qemu_lock {
    uint32_t held;
};

static inline uint64_t lock_irqsave(struct axv_qemu_lock *lock) {
    uint64_t flags = irq_save();
    while (__atomic_exchange_n(&lock->held, 1u, __ATOMIC_ACQUIRE) != 0u) {
        while (__atomic_load_n(&lock->held, __ATOMIC_RELAXED) != 0u) {
        }
    }
    return flags;
}

static inline void unlock_irqrestore(struct axv_qemu_lock *lock, uint64_t flags) {
    __atomic_store_n(&lock->held, 0u, __ATOMIC_RELEASE);
    irq_restore(flags);
}

#endif /* AXV_QEMU_SPINLOCK_H */
