/* Time area, timer half: one-shot timers on the EL2 physical timer (CNTHP, PPI 26). Pending
 * timers form a list ordered by deadline (ties in registration order) in a fixed pool; the
 * compare value always holds the head's deadline. Callbacks run in the IRQ handler, IRQs
 * masked, and may register or cancel timers. */
#include "qemu_internal.h"

#define MAX_TIMERS 128u

#define CNTHP_CTL_ENABLE (1u << 0)
#define CNTHP_CTL_IMASK (1u << 1)

struct timer {
    struct timer *next;
    axv_nanos_t deadline;
    axv_timer_fn fn;
    void *arg;
    axv_timer_token_t token;
};

static struct timer pool[MAX_TIMERS];
static struct timer *free_list;
static struct timer *pending;
static axv_timer_token_t last_token;

void axv_qemu_timers_start(void) {
    for (size_t i = 0; i < MAX_TIMERS; i++) {
        pool[i].next = free_list;
        free_list = &pool[i];
    }
    SYSREG_WRITE(cnthp_ctl_el2, CNTHP_CTL_IMASK);
    isb();
    axv_qemu_gic_enable_ppi(QEMU_IRQ_HYP_TIMER);
}

/* Programs the compare value for the head, or masks the timer when nothing is pending. The
 * tick is rounded up so the interrupt never comes before the deadline in nanoseconds. */
static void program(void) {
    if (pending == NULL) {
        SYSREG_WRITE(cnthp_ctl_el2, CNTHP_CTL_IMASK);
    } else {
        axv_ticks_t ticks = axv_qemu_time_nanos_to_ticks(pending->deadline);
        if (axv_qemu_time_ticks_to_nanos(ticks) < pending->deadline)
            ticks++;
        SYSREG_WRITE(cnthp_cval_el2, ticks);
        SYSREG_WRITE(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
    }
    /* The new compare value and mask must be in effect before IRQs are unmasked again. */
    isb();
}

int axv_qemu_time_register_timer(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                                 axv_timer_token_t *token) {
    if (fn == NULL || token == NULL)
        return AXV_EINVAL;
    uint64_t daif = irq_save();
    struct timer *t = free_list;
    if (t == NULL) {
        irq_restore(daif);
        return AXV_ENOMEM;
    }
    free_list = t->next;
    t->deadline = deadline_ns;
    t->fn = fn;
    t->arg = arg;
    t->token = ++last_token;
    struct timer **link = &pending;
    while (*link != NULL && (*link)->deadline <= deadline_ns)
        link = &(*link)->next;
    t->next = *link;
    *link = t;
    *token = t->token;
    if (pending == t)
        program();
    irq_restore(daif);
    return AXV_OK;
}

int axv_qemu_time_cancel_timer(axv_timer_token_t token) {
    uint64_t daif = irq_save();
    for (struct timer **link = &pending; *link != NULL; link = &(*link)->next) {
        struct timer *t = *link;
        if (t->token == token) {
            bool was_head = t == pending;
            *link = t->next;
            t->next = free_list;
            free_list = t;
            if (was_head)
                program();
            irq_restore(daif);
            return AXV_OK;
        }
    }
    irq_restore(daif);
    return AXV_ENOENT;
}

void axv_qemu_timers_irq(void) {
    for (;;) {
        axv_nanos_t now = axv_qemu_time_ticks_to_nanos(axv_qemu_time_current_ticks());
        struct timer *t = pending;
        if (t == NULL || t->deadline > now)
            break;
        /* Unlink before the call: the callback may register or cancel timers. */
        pending = t->next;
        axv_timer_fn fn = t->fn;
        void *arg = t->arg;
        t->next = free_list;
        free_list = t;
        fn(arg, now);
    }
    program();
}
