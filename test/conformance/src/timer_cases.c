/* Timer cases: not early, in deadline order, equal deadlines, re-arming from a callback,
 * argument checks. */
#include "timers.h"

/* Fails the case with "<what> <value> ns, before its deadline <deadline> ns". */
static void fail_early(struct axv_conf_case *c, const char *what, axv_nanos_t value,
                       axv_nanos_t deadline) {
    struct axv_conf_text *t = axv_conf_fail(c);
    axv_conf_put_str(t, what);
    axv_conf_put_dec(t, value);
    axv_conf_put_str(t, " ns, before its deadline ");
    axv_conf_put_dec(t, deadline);
    axv_conf_put_str(t, " ns");
}

/* Fails the case for each timer of timers[0..n) that ran more than once. */
static void check_ran_once(struct axv_conf_case *c, const struct axv_conf_timer *timers, size_t n) {
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

void axv_conf_case_timer_not_early(struct axv_conf_case *c) {
    static struct axv_conf_timer timer;
    if (!axv_conf_require_timers(c))
        return;
    axv_conf_timer_reset(&timer, NULL);
    axv_nanos_t start = axv_time_current_nanos();
    axv_nanos_t deadline = start + c->run->delta_ns;
    if (axv_conf_timer_arm(c, &timer, deadline) &&
        axv_conf_timer_wait_all(c, &timer, 1, start + c->run->budget_ns)) {
        /* Ordered after the acquire load of fired in the wait. */
        axv_nanos_t now_ns = __atomic_load_n(&timer.now_ns, __ATOMIC_RELAXED);
        axv_nanos_t clock_ns = __atomic_load_n(&timer.clock_ns, __ATOMIC_RELAXED);
        if (now_ns < deadline)
            fail_early(c, "the callback was given now_ns ", now_ns, deadline);
        else if (clock_ns < deadline)
            fail_early(c, "the clock read in the callback was ", clock_ns, deadline);
        /* Give a second, wrongful run the time to happen. */
        if (axv_conf_wait(c, axv_time_current_nanos() + c->run->delta_ns, NULL, NULL) !=
            AXV_CONF_WAIT_STUCK)
            check_ran_once(c, &timer, 1);
    }
    axv_conf_timer_disarm_all(&timer, 1);
}

#define ORDER_TIMERS 4u

void axv_conf_case_timer_order(struct axv_conf_case *c) {
    static struct axv_conf_timer timers[ORDER_TIMERS];
    static uint32_t sequence;
    /* Deadlines after the start: delta, 4/3 delta, 4/3 delta + 1 ns and 2 delta. Two are so
     * close that a platform fires them together, in whatever order its queue keeps (a third
     * of delta keeps them off any tick grid delta is a multiple of). Armed out of order, so
     * a queue kept in arming order is caught. */
    static const size_t arming_order[ORDER_TIMERS] = {3, 2, 0, 1};
    if (!axv_conf_require_timers(c))
        return;
    __atomic_store_n(&sequence, 0u, __ATOMIC_RELAXED);
    for (size_t i = 0; i < ORDER_TIMERS; i++)
        axv_conf_timer_reset(&timers[i], &sequence);
    axv_nanos_t start = axv_time_current_nanos();
    axv_nanos_t delta = c->run->delta_ns;
    const axv_nanos_t offsets[ORDER_TIMERS] = {delta, delta + delta / 3, delta + delta / 3 + 1u,
                                               2 * delta};
    bool armed = true;
    for (size_t k = 0; k < ORDER_TIMERS && armed; k++) {
        size_t i = arming_order[k];
        armed = axv_conf_timer_arm(c, &timers[i], start + offsets[i]);
    }
    if (armed && axv_conf_timer_wait_all(c, timers, ORDER_TIMERS, start + c->run->budget_ns)) {
        for (size_t i = 0; i < ORDER_TIMERS; i++) {
            uint32_t position = __atomic_load_n(&timers[i].position, __ATOMIC_RELAXED);
            if (position != i + 1) {
                struct axv_conf_text *t = axv_conf_fail(c);
                axv_conf_put_str(t, "the timer with deadline #");
                axv_conf_put_dec(t, i + 1);
                axv_conf_put_str(t, " of 4 (");
                axv_conf_put_dec(t, timers[i].deadline_ns);
                axv_conf_put_str(t, " ns) fired #");
                axv_conf_put_dec(t, position);
            }
        }
        check_ran_once(c, timers, ORDER_TIMERS);
    }
    axv_conf_timer_disarm_all(timers, ORDER_TIMERS);
}

void axv_conf_case_timer_equal_deadlines(struct axv_conf_case *c) {
    static struct axv_conf_timer timers[4];
    if (!axv_conf_require_timers(c))
        return;
    for (size_t i = 0; i < 4; i++)
        axv_conf_timer_reset(&timers[i], NULL);
    axv_nanos_t start = axv_time_current_nanos();
    bool armed = true;
    for (size_t i = 0; i < 4 && armed; i++)
        armed = axv_conf_timer_arm(c, &timers[i], start + c->run->delta_ns);
    if (armed && axv_conf_timer_wait_all(c, timers, 4, start + c->run->budget_ns))
        check_ran_once(c, timers, 4);
    axv_conf_timer_disarm_all(timers, 4);
}

void axv_conf_case_timer_callback_registers(struct axv_conf_case *c) {
    /* timers[0]'s callback arms timers[1]. */
    static struct axv_conf_timer timers[2];
    if (!axv_conf_require_timers(c))
        return;
    axv_conf_timer_reset(&timers[0], NULL);
    axv_conf_timer_reset(&timers[1], NULL);
    axv_conf_timer_chain(&timers[0], &timers[1], c->run->delta_ns / 2);
    axv_nanos_t start = axv_time_current_nanos();
    axv_nanos_t limit = start + c->run->budget_ns;
    if (axv_conf_timer_arm(c, &timers[0], start + c->run->delta_ns / 2) &&
        axv_conf_timer_wait_all(c, &timers[0], 1, limit)) {
        int rc = __atomic_load_n(&timers[0].chain_status, __ATOMIC_RELAXED);
        if (axv_conf_expect_status(c, "register_timer from a timer callback", rc, AXV_OK)) {
            timers[1].token = __atomic_load_n(&timers[0].chain_token, __ATOMIC_RELAXED);
            timers[1].armed = true;
            if (axv_conf_timer_wait_all(c, &timers[1], 1, limit))
                check_ran_once(c, timers, 2);
        }
    }
    axv_conf_timer_disarm_all(timers, 2);
}

void axv_conf_case_register_timer_invalid(struct axv_conf_case *c) {
    static struct axv_conf_timer timer;
    if (!axv_conf_require_timers(c))
        return;
    axv_conf_timer_reset(&timer, NULL);
    /* Far enough ahead that a wrongly accepted timer does not fire during the run. */
    axv_nanos_t deadline = axv_time_current_nanos() + AXV_CONFORMANCE_MAX_TIMER_BUDGET_NS;
    axv_timer_token_t token = 0;
    int rc = axv_time_register_timer(deadline, NULL, &timer, &token);
    if (!axv_conf_expect_status(c, "register_timer with a NULL callback", rc, AXV_EINVAL) &&
        rc == AXV_OK && axv_time_implements(axv_time_op_cancel_timer))
        (void)axv_time_cancel_timer(token);
    /* A platform that accepts this writes the token through NULL: nothing to undo. */
    rc = axv_time_register_timer(deadline, axv_conf_timer_fn, &timer, NULL);
    axv_conf_expect_status(c, "register_timer with a NULL token", rc, AXV_EINVAL);
}
