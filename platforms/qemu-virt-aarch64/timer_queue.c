/* Each CPU's one-shot timers: the library's timer queue (<axvisor_api/timer_queue.h>) over
 * that CPU's EL2 physical timer CNTHP (generic_timer.c), one queue, node pool and lock per
 * CPU. Queue i belongs to CPU index i and has id i, so a token names its owner and cancel
 * works from any CPU (axv_timer_queue_cancel_among() takes the owner's lock). Callbacks run
 * in the owner's IRQ handler, IRQs masked, without the lock held. */
#include "timer_queue.h"

#include <axvisor_api/qemu_virt.h>
#include <axvisor_api/timer_queue.h>
#include "generic_timer.h"
#include "percpu.h"
#include "spinlock.h"

/* Per CPU: the conformance suite's deepest use (smp.timers) stays far below it. */
#define MAX_TIMERS 128u
_Static_assert(AXV_QEMU_MAX_CPUS <= AXV_TIMER_QUEUE_MAX_QUEUES, "a token cannot name every CPU");
_Static_assert(sizeof(uintptr_t) == sizeof(uint64_t), "the lock hook returns DAIF");

/* A CPU that never came online keeps its zero-filled queue: capacity 0, so it refuses every
 * token without calling a hook. */
static struct axv_timer_queue queues[AXV_QEMU_MAX_CPUS];
static struct axv_timer_queue_node pools[AXV_QEMU_MAX_CPUS][MAX_TIMERS];
static struct axv_qemu_lock locks[AXV_QEMU_MAX_CPUS];

/* The hooks' context is the queue's lock; the timer they drive is the calling CPU's, which
 * the library only programs on the owner CPU. */
static void program(void *ctx, axv_nanos_t deadline_ns) {
    (void)ctx;
    axv_qemu_generic_timer_arm(deadline_ns);
}

static void disarm(void *ctx) {
    (void)ctx;
    axv_qemu_generic_timer_disarm();
}

static axv_nanos_t now(void *ctx) {
    (void)ctx;
    return axv_qemu_generic_timer_now();
}

static uintptr_t lock(void *ctx) {
    return (uintptr_t)lock_irqsave(ctx);
}

static void unlock(void *ctx, uintptr_t daif) {
    unlock_irqrestore(ctx, (uint64_t)daif);
}

static const struct axv_timer_queue_hooks hooks = {program, disarm, now, lock, unlock};

void axv_qemu_timer_queue_cpu_start(void) {
    size_t cpu = this_cpu()->index;
    const struct axv_timer_queue_config config = {&hooks, &locks[cpu], pools[cpu], MAX_TIMERS,
                                                  (uint32_t)cpu};
    /* Cannot fail: every argument is valid by construction (the asserts above). */
    (void)axv_timer_queue_init(&queues[cpu], &config);
}

int axv_qemu_timer_queue_add(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                             axv_timer_token_t *token) {
    return axv_timer_queue_register(&queues[this_cpu()->index], deadline_ns, fn, arg, token);
}

int axv_qemu_timer_queue_cancel(axv_timer_token_t token) {
    return axv_timer_queue_cancel_among(queues, AXV_QEMU_MAX_CPUS, token);
}

void axv_qemu_timer_queue_irq(void) {
    (void)axv_timer_queue_expire(&queues[this_cpu()->index]);
}
