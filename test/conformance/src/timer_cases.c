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

/* Arming took from start to the latest armed_ns of timers[0..n). */
static axv_nanos_t arming_took(const struct axv_conf_timer *timers, size_t n, axv_nanos_t start) {
    axv_nanos_t last = start;
    for (size_t i = 0; i < n; i++)
        last = timers[i].armed_ns > last ? timers[i].armed_ns : last;
    return last - start;
}

void axv_conf_case_timer_not_early(struct axv_conf_case *c) {
    /* One record per attempt, so a straggler of an earlier attempt writes only its own. */
    static struct axv_conf_timer timers[AXV_CONF_ATTEMPTS];
    if (!axv_conf_require_timers(c))
        return;
    for (unsigned attempt = 0; attempt < AXV_CONF_ATTEMPTS; attempt++)
        axv_conf_timer_reset(&timers[attempt], NULL);
    for (unsigned attempt = 0; attempt < AXV_CONF_ATTEMPTS; attempt++) {
        struct axv_conf_timer *timer = &timers[attempt];
        axv_nanos_t margin = axv_conf_margin(c, attempt);
        axv_nanos_t start = axv_time_current_nanos();
        axv_nanos_t deadline = start + margin;
        if (!axv_conf_timer_arm(c, timer, deadline) || !axv_conf_timer_wait_all(c, timer, 1))
            break;
        /* Early is a fault however late the suite was. Ordered after the acquire load of
         * fired in the wait. */
        axv_nanos_t now_ns = __atomic_load_n(&timer->now_ns, __ATOMIC_RELAXED);
        axv_nanos_t clock_ns = __atomic_load_n(&timer->clock_ns, __ATOMIC_RELAXED);
        if (now_ns < deadline)
            fail_early(c, "the callback was given now_ns ", now_ns, deadline);
        else if (clock_ns < deadline)
            fail_early(c, "the clock read in the callback was ", clock_ns, deadline);
        /* Give a second, wrongful run the time to happen. */
        if (axv_conf_wait(c, axv_time_current_nanos() + margin, NULL, NULL) != AXV_CONF_WAIT_STUCK)
            axv_conf_timer_check_ran_once(c, timer, 1);
        /* A timer that was due before it was armed cannot show that it fires early: that
         * needs the deadline still half a margin ahead once armed. */
        axv_nanos_t took = arming_took(timer, 1, start);
        if (axv_conf_failed(c) || took <= margin / 2 ||
            !axv_conf_late(c, attempt, "arming", took, margin / 2))
            break;
    }
    axv_conf_timer_disarm_all(timers, AXV_CONF_ATTEMPTS);
}

#define ORDER_TIMERS 4u

/* Fails the case for each of timers[0..ORDER_TIMERS) that did not fire in its place. */
static void check_order(struct axv_conf_case *c, const struct axv_conf_timer *timers) {
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
}

void axv_conf_case_timer_order(struct axv_conf_case *c) {
    /* A group of records and a firing counter per attempt (see timer_not_early). */
    static struct axv_conf_timer timers[AXV_CONF_ATTEMPTS][ORDER_TIMERS];
    static uint32_t sequences[AXV_CONF_ATTEMPTS];
    /* Deadlines after the start: delta, 4/3 delta, 4/3 delta + 1 ns and 2 delta (delta: the
     * attempt's margin). Two are so close that a platform fires them together, in whatever
     * order its queue keeps (a third of delta keeps them off any tick grid delta is a
     * multiple of). Armed out of order, so a queue kept in arming order is caught. */
    static const size_t arming_order[ORDER_TIMERS] = {3, 2, 0, 1};
    if (!axv_conf_require_timers(c))
        return;
    for (unsigned attempt = 0; attempt < AXV_CONF_ATTEMPTS; attempt++) {
        __atomic_store_n(&sequences[attempt], 0u, __ATOMIC_RELAXED);
        for (size_t i = 0; i < ORDER_TIMERS; i++)
            axv_conf_timer_reset(&timers[attempt][i], &sequences[attempt]);
    }
    for (unsigned attempt = 0; attempt < AXV_CONF_ATTEMPTS; attempt++) {
        struct axv_conf_timer *group = timers[attempt];
        axv_nanos_t delta = axv_conf_margin(c, attempt);
        axv_nanos_t start = axv_time_current_nanos();
        const axv_nanos_t offsets[ORDER_TIMERS] = {delta, delta + delta / 3, delta + delta / 3 + 1u,
                                                   2 * delta};
        bool armed = true;
        for (size_t k = 0; k < ORDER_TIMERS && armed; k++) {
            size_t i = arming_order[k];
            armed = axv_conf_timer_arm(c, &group[i], start + offsets[i]);
        }
        if (!armed || !axv_conf_timer_wait_all(c, group, ORDER_TIMERS))
            break;
        axv_conf_timer_check_ran_once(c, group, ORDER_TIMERS);
        if (axv_conf_failed(c))
            break;
        /* The order is the platform's only if it held every timer before the first was
         * due: the arming must have ended with the earliest deadline half a margin ahead. */
        axv_nanos_t took = arming_took(group, ORDER_TIMERS, start);
        if (took > delta / 2) {
            if (axv_conf_late(c, attempt, "arming 4 timers", took, delta / 2))
                continue;
            break;
        }
        check_order(c, group);
        break;
    }
    axv_conf_timer_disarm_all(&timers[0][0], AXV_CONF_ATTEMPTS * ORDER_TIMERS);
}

void axv_conf_case_timer_equal_deadlines(struct axv_conf_case *c) {
    static struct axv_conf_timer timers[4];
    if (!axv_conf_require_timers(c))
        return;
    for (size_t i = 0; i < 4; i++)
        axv_conf_timer_reset(&timers[i], NULL);
    axv_nanos_t deadline = axv_time_current_nanos() + c->run->margin_ns;
    bool armed = true;
    for (size_t i = 0; i < 4 && armed; i++)
        armed = axv_conf_timer_arm(c, &timers[i], deadline);
    if (armed && axv_conf_timer_wait_all(c, timers, 4))
        axv_conf_timer_check_ran_once(c, timers, 4);
    axv_conf_timer_disarm_all(timers, 4);
}

void axv_conf_case_timer_callback_registers(struct axv_conf_case *c) {
    /* timers[0]'s callback arms timers[1]. */
    static struct axv_conf_timer timers[2];
    if (!axv_conf_require_timers(c))
        return;
    axv_conf_timer_reset(&timers[0], NULL);
    axv_conf_timer_reset(&timers[1], NULL);
    axv_nanos_t delay = c->run->margin_ns / 2;
    axv_conf_timer_chain(&timers[0], &timers[1], delay);
    if (axv_conf_timer_arm(c, &timers[0], axv_time_current_nanos() + delay) &&
        axv_conf_timer_wait_all(c, &timers[0], 1)) {
        int rc = __atomic_load_n(&timers[0].chain_status, __ATOMIC_RELAXED);
        if (axv_conf_expect_status(c, "register_timer from a timer callback", rc, AXV_OK)) {
            /* The callback armed it at its now_ns plus the delay. */
            timers[1].deadline_ns = __atomic_load_n(&timers[0].now_ns, __ATOMIC_RELAXED) + delay;
            timers[1].token = __atomic_load_n(&timers[0].chain_token, __ATOMIC_RELAXED);
            timers[1].armed = true;
            if (axv_conf_timer_wait_all(c, &timers[1], 1))
                axv_conf_timer_check_ran_once(c, timers, 2);
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
