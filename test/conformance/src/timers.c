/* Timer records: the one callback every time case arms, and arming, waiting, disarming. */
#include "timers.h"

void axv_conf_timer_fn(void *arg, axv_nanos_t now_ns) {
    struct axv_conf_timer *t = arg;
    /* Relaxed is enough for these stores: the release increment of fired below publishes
     * them, and the suite reads them only after an acquire load of fired. Atomic all the
     * same, so a late second run (a broken platform) races with no reader. */
    __atomic_store_n(&t->now_ns, now_ns, __ATOMIC_RELAXED);
    __atomic_store_n(&t->clock_ns, axv_time_current_nanos(), __ATOMIC_RELAXED);
    uint32_t *sequence = __atomic_load_n(&t->sequence, __ATOMIC_RELAXED);
    if (sequence != NULL) {
        /* Atomic read-modify-writes of one object are totally ordered, so each run takes a
         * distinct place even when callbacks run on several CPUs; nothing else is
         * published through the counter, so relaxed ordering suffices. */
        uint32_t position = __atomic_add_fetch(sequence, 1u, __ATOMIC_RELAXED);
        __atomic_store_n(&t->position, position, __ATOMIC_RELAXED);
    }
    struct axv_conf_timer *chain = __atomic_load_n(&t->chain, __ATOMIC_RELAXED);
    if (chain != NULL) {
        axv_nanos_t delay = __atomic_load_n(&t->chain_delay_ns, __ATOMIC_RELAXED);
        axv_timer_token_t token = 0;
        int rc = axv_time_register_timer(now_ns + delay, axv_conf_timer_fn, chain, &token);
        __atomic_store_n(&t->chain_token, token, __ATOMIC_RELAXED);
        __atomic_store_n(&t->chain_status, rc, __ATOMIC_RELAXED);
    }
    __atomic_fetch_add(&t->fired, 1u, __ATOMIC_RELEASE);
}

void axv_conf_timer_reset(struct axv_conf_timer *t, uint32_t *sequence) {
    /* No timer of this run is armed on t; atomic stores keep a straggler from an earlier
     * run (a platform whose cancel failed) from racing with them. Relaxed: arming t later
     * publishes them. */
    __atomic_store_n(&t->fired, 0u, __ATOMIC_RELAXED);
    __atomic_store_n(&t->position, 0u, __ATOMIC_RELAXED);
    __atomic_store_n(&t->now_ns, 0u, __ATOMIC_RELAXED);
    __atomic_store_n(&t->clock_ns, 0u, __ATOMIC_RELAXED);
    __atomic_store_n(&t->chain_status, AXV_OK, __ATOMIC_RELAXED);
    __atomic_store_n(&t->chain_token, 0u, __ATOMIC_RELAXED);
    __atomic_store_n(&t->sequence, sequence, __ATOMIC_RELAXED);
    __atomic_store_n(&t->chain, NULL, __ATOMIC_RELAXED);
    __atomic_store_n(&t->chain_delay_ns, 0u, __ATOMIC_RELAXED);
    t->deadline_ns = 0;
    t->armed_ns = 0;
    t->token = 0;
    t->armed = false;
}

void axv_conf_timer_chain(struct axv_conf_timer *t, struct axv_conf_timer *next,
                          axv_nanos_t delay_ns) {
    /* Relaxed: arming t publishes them (see struct axv_conf_timer). */
    __atomic_store_n(&t->chain, next, __ATOMIC_RELAXED);
    __atomic_store_n(&t->chain_delay_ns, delay_ns, __ATOMIC_RELAXED);
}

bool axv_conf_timer_arm(struct axv_conf_case *c, struct axv_conf_timer *t,
                        axv_nanos_t deadline_ns) {
    axv_timer_token_t token = 0;
    t->deadline_ns = deadline_ns;
    int rc = axv_time_register_timer(deadline_ns, axv_conf_timer_fn, t, &token);
    t->armed_ns = axv_time_current_nanos();
    if (!axv_conf_expect_status(c, "register_timer", rc, AXV_OK))
        return false;
    t->token = token;
    t->armed = true;
    if (token == 0) {
        axv_conf_put_str(axv_conf_fail(c), "register_timer handed out token 0");
        return false;
    }
    return true;
}

uint32_t axv_conf_timer_fired(const struct axv_conf_timer *t) {
    /* Acquire pairs with the callback's release increment: see struct axv_conf_timer. */
    return __atomic_load_n(&t->fired, __ATOMIC_ACQUIRE);
}

struct conf_timer_group {
    const struct axv_conf_timer *timers;
    size_t n;
};

static size_t count_unfired(const struct conf_timer_group *g) {
    size_t unfired = 0;
    for (size_t i = 0; i < g->n; i++)
        if (axv_conf_timer_fired(&g->timers[i]) == 0)
            unfired++;
    return unfired;
}

static bool all_fired(const void *arg) {
    return count_unfired(arg) == 0;
}

bool axv_conf_timer_wait_all(struct axv_conf_case *c, struct axv_conf_timer *timers, size_t n) {
    /* The budget runs from the latest deadline, or from now when the suite comes to look
     * only after that (it was late arming, or stalled since): a timer always gets a whole
     * budget of the suite's attention before it counts as lost. */
    axv_nanos_t due = axv_time_current_nanos();
    for (size_t i = 0; i < n; i++)
        due = timers[i].deadline_ns > due ? timers[i].deadline_ns : due;
    struct conf_timer_group group = {timers, n};
    enum axv_conf_wait_result r = axv_conf_wait(c, due + c->run->budget_ns, all_fired, &group);
    if (r == AXV_CONF_WAIT_DONE)
        return true;
    if (r == AXV_CONF_WAIT_TIMEOUT) {
        struct axv_conf_text *t = axv_conf_fail(c);
        axv_conf_put_dec(t, count_unfired(&group));
        axv_conf_put_str(t, " of ");
        axv_conf_put_dec(t, n);
        axv_conf_put_str(t, " timers did not fire within the budget of ");
        axv_conf_put_dec(t, c->run->budget_ns);
        axv_conf_put_str(t, " ns past the deadline");
        if (c->stalled_ns != 0) {
            axv_conf_put_str(t, " (plus ");
            axv_conf_put_dec(t, c->stalled_ns);
            axv_conf_put_str(t, " ns the suite was stalled)");
        }
    }
    return false;
}

void axv_conf_timer_check_ran_once(struct axv_conf_case *c, const struct axv_conf_timer *timers,
                                   size_t n) {
    for (size_t i = 0; i < n; i++) {
        uint32_t fired = axv_conf_timer_fired(&timers[i]);
        if (fired > 1) {
            struct axv_conf_text *t = axv_conf_fail(c);
            axv_conf_put_str(t, "a one-shot timer ran ");
            axv_conf_put_dec(t, fired);
            axv_conf_put_str(t, " times");
        }
    }
}

void axv_conf_timer_disarm_all(struct axv_conf_timer *timers, size_t n) {
    if (!axv_time_implements(axv_time_op_cancel_timer))
        return;
    for (size_t i = 0; i < n; i++) {
        if (timers[i].armed && axv_conf_timer_fired(&timers[i]) == 0)
            (void)axv_time_cancel_timer(timers[i].token);
        timers[i].armed = false;
    }
}

bool axv_conf_require_timers(struct axv_conf_case *c) {
    return AXV_CONF_REQUIRE(c, time, current_ticks) && AXV_CONF_REQUIRE(c, time, ticks_to_nanos) &&
           AXV_CONF_REQUIRE(c, time, register_timer);
}
