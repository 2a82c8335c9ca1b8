/* One-shot timers on each hart's stimecmp (sstc.c), through the library's timer queue
 * (<axvisor_api/timer_queue.h>): one queue per hart, with id = the hart's index, over a
 * fixed pool of nodes and under its own lock. A timer is queued on the calling hart and
 * arms that hart's stimecmp; the token names the queue, so cancel works from any hart.
 * Callbacks run in the owner's trap handler, interrupts masked, without the lock held (they
 * may register or cancel timers). */
#include "timer_queue.h"

#include <axvisor_api/qemu_virt.h>
#include <axvisor_api/timer_queue.h>
#include "percpu.h"
#include "spinlock.h"
#include "sstc.h"

#define MAX_TIMERS 128u /* per hart */

struct hart_timers {
    struct axv_qemu_lock lock;
    struct axv_timer_queue queue;
    struct axv_timer_queue_node nodes[MAX_TIMERS];
};

/* Queue i is hart i's (its id): axv_timer_queue_cancel_among() finds a token's owner. */
static struct axv_timer_queue queues[AXV_QEMU_MAX_CPUS];
static struct hart_timers harts[AXV_QEMU_MAX_CPUS];

/* The hooks act on the calling hart's stimecmp: the queue calls program and disarm only on
 * its owner. */
static void program(void *ctx, axv_nanos_t deadline_ns) {
    (void)ctx;
    axv_qemu_sstc_arm(deadline_ns);
}

static void disarm(void *ctx) {
    (void)ctx;
    axv_qemu_sstc_disarm();
}

static axv_nanos_t now(void *ctx) {
    (void)ctx;
    return axv_qemu_sstc_now();
}

static uintptr_t lock(void *ctx) {
    return (uintptr_t)lock_irqsave(&((struct hart_timers *)ctx)->lock);
}

static void unlock(void *ctx, uintptr_t flags) {
    unlock_irqrestore(&((struct hart_timers *)ctx)->lock, (uint64_t)flags);
}

static const struct axv_timer_queue_hooks hooks = {program, disarm, now, lock, unlock};

void axv_qemu_timer_queue_cpu_start(void) {
    size_t index = this_cpu()->index;
    struct axv_timer_queue_config config = {
        .hooks = &hooks,
        .ctx = &harts[index],
        .nodes = harts[index].nodes,
        .capacity = MAX_TIMERS,
        .id = (uint32_t)index,
    };
    /* Before this hart is online nobody else can reach its queue. Cannot fail: every
     * argument is valid by construction. */
    if (axv_timer_queue_init(&queues[index], &config) != AXV_OK)
        axv_fatal("qemu-virt: cannot set up the timer queue");
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
