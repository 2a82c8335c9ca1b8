/* One-shot timers on each hart's stimecmp (sstc.c). Every hart has its own queue: a list
 * ordered by deadline (ties in registration order) in a fixed pool, under its own lock; the
 * hart's stimecmp holds its head's deadline. A timer is queued on the calling hart and arms
 * that hart's timer; the token names the queue, so cancel works from any hart by taking the
 * owner's lock. Callbacks run in the owner's trap handler, interrupts masked, without the
 * lock held (they may register or cancel timers). The same design as the AArch64
 * platform's queue, until the library's own timer queue replaces both. */
#include "timer_queue.h"

#include <axvisor_api/axvisor_api.h>
#include <axvisor_api/qemu_virt.h>
#include "sstc.h"
#include "percpu.h"
#include "spinlock.h"

#define MAX_TIMERS 128u /* per hart */
/* Token = sequence number << HART_BITS | owner hart index; the sequence starts at 1, so a token
 * is never 0. */
#define HART_BITS 3u
_Static_assert(AXV_QEMU_MAX_CPUS <= (1u << HART_BITS), "a token's hart field is too small");

struct timer {
    struct timer *next;
    axv_nanos_t deadline;
    axv_timer_fn fn;
    void *arg;
    axv_timer_token_t token;
};

struct queue {
    struct axv_qemu_lock lock;
    struct timer *free_list;
    struct timer *pending;
    axv_timer_token_t last_seq;
    struct timer pool[MAX_TIMERS];
};

static struct queue queues[AXV_QEMU_MAX_CPUS];

void axv_qemu_timer_queue_cpu_start(void) {
    struct queue *q = &queues[this_cpu()->index];
    /* Before this hart is online nobody else can reach its queue: no lock needed. */
    for (size_t i = 0; i < MAX_TIMERS; i++) {
        q->pool[i].next = q->free_list;
        q->free_list = &q->pool[i];
    }
}

/* Arms this hart's timer for the head of its queue (lock held), or masks it when nothing is
 * pending. */
static void program(const struct queue *q) {
    if (q->pending == NULL)
        axv_qemu_sstc_disarm();
    else
        axv_qemu_sstc_arm(q->pending->deadline);
}

int axv_qemu_timer_queue_add(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                             axv_timer_token_t *token) {
    if (fn == NULL || token == NULL)
        return AXV_EINVAL;
    size_t cpu = this_cpu()->index;
    struct queue *q = &queues[cpu];
    uint64_t flags = lock_irqsave(&q->lock);
    struct timer *t = q->free_list;
    if (t == NULL) {
        unlock_irqrestore(&q->lock, flags);
        return AXV_ENOMEM;
    }
    q->free_list = t->next;
    t->deadline = deadline_ns;
    t->fn = fn;
    t->arg = arg;
    t->token = ++q->last_seq << HART_BITS | cpu;
    struct timer **link = &q->pending;
    while (*link != NULL && (*link)->deadline <= deadline_ns)
        link = &(*link)->next;
    t->next = *link;
    *link = t;
    *token = t->token;
    if (q->pending == t)
        program(q);
    unlock_irqrestore(&q->lock, flags);
    return AXV_OK;
}

int axv_qemu_timer_queue_cancel(axv_timer_token_t token) {
    size_t owner = (size_t)(token & ((1u << HART_BITS) - 1u));
    if (owner >= AXV_QEMU_MAX_CPUS)
        return AXV_ENOENT;
    struct queue *q = &queues[owner];
    uint64_t flags = lock_irqsave(&q->lock);
    for (struct timer **link = &q->pending; *link != NULL; link = &(*link)->next) {
        struct timer *t = *link;
        if (t->token == token) {
            bool was_head = t == q->pending;
            *link = t->next;
            t->next = q->free_list;
            q->free_list = t;
            /* Only the owner can write its stimecmp. Cancelled from elsewhere, the owner's
             * timer may still fire for the old head: its handler finds nothing due and
             * reprograms for the new head, so the early interrupt is harmless. */
            if (was_head && owner == this_cpu()->index)
                program(q);
            unlock_irqrestore(&q->lock, flags);
            return AXV_OK;
        }
    }
    unlock_irqrestore(&q->lock, flags);
    return AXV_ENOENT;
}

void axv_qemu_timer_queue_irq(void) {
    struct queue *q = &queues[this_cpu()->index];
    uint64_t flags = lock_irqsave(&q->lock);
    for (;;) {
        axv_nanos_t now = axv_qemu_sstc_now();
        struct timer *t = q->pending;
        if (t == NULL || t->deadline > now)
            break;
        /* Unlinked under the lock: from here a cancel finds nothing (the callback is
         * running), and the callback may take the lock itself. */
        q->pending = t->next;
        axv_timer_fn fn = t->fn;
        void *arg = t->arg;
        t->next = q->free_list;
        q->free_list = t;
        unlock_irqrestore(&q->lock, flags);
        fn(arg, now);
        flags = lock_irqsave(&q->lock);
    }
    program(q);
    unlock_irqrestore(&q->lock, flags);
}
