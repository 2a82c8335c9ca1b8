/* The host INTIDs' handlers (PLIC source ids here; the same design as the AArch64
 * platform's table). Ordering argument for unregister against a handler about to
 * run (the same as the posix platform's):
 * 1. run() reads the handler and counts itself in `running` in one critical section of the
 *    lock; unregister clears the handler in another. So either run saw NULL and never calls
 *    it, or it was already counted when unregister cleared it.
 * 2. run() decrements `running` with release after the handler returned; unregister spins
 *    until it reads 0 with acquire. So once unregister returns no CPU is in the handler or
 *    will enter it, and everything the handler did happened before. */
#include "host_irq_table.h"

#include <axvisor_api/qemu_virt.h>
#include "percpu.h"
#include "spinlock.h"

struct entry {
    axv_host_irq_fn fn;
    void *arg;
    uint32_t running; /* CPUs inside fn */
};

static struct axv_qemu_lock lock;
static struct entry table[AXV_QEMU_HOST_IRQ_LIMIT];
/* Per CPU: 1 + the INTID whose handler it runs, 0 when none (handlers do not nest: they run
 * with interrupts masked). Written and read by that CPU only. */
static uint32_t running_on[AXV_QEMU_MAX_CPUS];

int axv_qemu_hirq_register(axv_irq_t irq, axv_host_irq_fn fn, void *arg) {
    int rc = AXV_OK;
    uint64_t flags = lock_irqsave(&lock);
    if (table[irq].fn != NULL || __atomic_load_n(&table[irq].running, __ATOMIC_ACQUIRE) != 0u) {
        rc = AXV_EBUSY;
    } else {
        table[irq].fn = fn;
        table[irq].arg = arg;
    }
    unlock_irqrestore(&lock, flags);
    return rc;
}

int axv_qemu_hirq_may_unregister(axv_irq_t irq) {
    if (running_on[this_cpu()->index] == irq + 1u)
        return AXV_EBUSY;
    uint64_t flags = lock_irqsave(&lock);
    bool has = table[irq].fn != NULL;
    unlock_irqrestore(&lock, flags);
    return has ? AXV_OK : AXV_ENOENT;
}

int axv_qemu_hirq_unregister(axv_irq_t irq) {
    if (running_on[this_cpu()->index] == irq + 1u)
        return AXV_EBUSY;
    uint64_t flags = lock_irqsave(&lock);
    bool had = table[irq].fn != NULL;
    table[irq].fn = NULL;
    table[irq].arg = NULL;
    unlock_irqrestore(&lock, flags);
    if (!had)
        return AXV_ENOENT;
    while (__atomic_load_n(&table[irq].running, __ATOMIC_ACQUIRE) != 0u)
        __asm__ volatile("nop");
    return AXV_OK;
}

bool axv_qemu_hirq_run(axv_irq_t irq) {
    uint64_t flags = lock_irqsave(&lock);
    struct entry e = table[irq];
    if (e.fn != NULL)
        __atomic_add_fetch(&table[irq].running, 1u, __ATOMIC_RELAXED);
    unlock_irqrestore(&lock, flags);
    if (e.fn == NULL)
        return false;
    size_t cpu = this_cpu()->index;
    running_on[cpu] = irq + 1u;
    e.fn(e.arg, irq);
    running_on[cpu] = 0;
    __atomic_sub_fetch(&table[irq].running, 1u, __ATOMIC_RELEASE);
    return true;
}
