/* Cancel cases: before expiry the callback never runs; after it ran, twice, or for a token
 * never issued, AXV_ENOENT. */
#include "timers.h"

static bool require_cancel(struct axv_conf_case *c) {
    return axv_conf_require_timers(c) && AXV_CONF_REQUIRE(c, time, cancel_timer);
}

/* Fails the case if the callback of a timer cancelled with AXV_OK ran. */
static void check_never_ran(struct axv_conf_case *c, const struct axv_conf_timer *cancelled) {
    if (axv_conf_timer_fired(cancelled) == 0)
        return;
    struct axv_conf_text *t = axv_conf_fail(c);
    axv_conf_put_str(t, "the callback of a timer cancelled with AXV_OK ran (now_ns ");
    axv_conf_put_dec(t, __atomic_load_n(&cancelled->now_ns, __ATOMIC_RELAXED));
    axv_conf_put_str(t, ", deadline ");
    axv_conf_put_dec(t, cancelled->deadline_ns);
    axv_conf_put_str(t, ")");
}

void axv_conf_case_cancel_before_expiry(struct axv_conf_case *c) {
    /* Per attempt, [0] is cancelled; [1], due half a margin later, shows that timers do run
     * meanwhile, so "it never ran" is not just "nothing runs". One pair per attempt, so a
     * straggler of an earlier attempt writes only its own. */
    static struct axv_conf_timer timers[AXV_CONF_ATTEMPTS][2];
    if (!require_cancel(c))
        return;
    for (unsigned attempt = 0; attempt < AXV_CONF_ATTEMPTS; attempt++) {
        axv_conf_timer_reset(&timers[attempt][0], NULL);
        axv_conf_timer_reset(&timers[attempt][1], NULL);
    }
    for (unsigned attempt = 0; attempt < AXV_CONF_ATTEMPTS; attempt++) {
        struct axv_conf_timer *pair = timers[attempt];
        axv_nanos_t margin = axv_conf_margin(c, attempt);
        axv_nanos_t start = axv_time_current_nanos();
        axv_nanos_t deadline = start + margin;
        if (!axv_conf_timer_arm(c, &pair[0], deadline) ||
            !axv_conf_timer_arm(c, &pair[1], deadline + margin / 2))
            break;
        int rc = axv_time_cancel_timer(pair[0].token);
        axv_nanos_t cancelled_at = axv_time_current_nanos();
        if (rc == AXV_OK) {
            /* Binding however late the cancel came: the callback must never run. Wait for
             * the control timer and well past the cancelled deadline. */
            pair[0].armed = false;
            if (axv_conf_timer_wait_all(c, &pair[1], 1))
                (void)axv_conf_wait(c, deadline + margin, NULL, NULL);
            check_never_ran(c, &pair[0]);
            break;
        }
        /* Only a cancel that returned before the deadline had to find the timer armed. */
        if (rc != AXV_ENOENT || cancelled_at < deadline) {
            axv_conf_expect_status(c, "cancel_timer before the deadline", rc, AXV_OK);
            break;
        }
        /* The suite was late: the timer was due, so "not found" must mean it runs, once. */
        if (!axv_conf_timer_wait_all(c, pair, 2))
            break;
        axv_conf_timer_check_ran_once(c, pair, 2);
        if (axv_conf_failed(c) ||
            !axv_conf_late(c, attempt, "arming and cancelling", cancelled_at - start, margin - 1u))
            break;
    }
    axv_conf_timer_disarm_all(&timers[0][0], AXV_CONF_ATTEMPTS * 2);
}

void axv_conf_case_cancel_after_fire(struct axv_conf_case *c) {
    static struct axv_conf_timer timer;
    if (!require_cancel(c))
        return;
    axv_conf_timer_reset(&timer, NULL);
    /* A deadline already reached fires as soon as possible. */
    if (axv_conf_timer_arm(c, &timer, axv_time_current_nanos()) &&
        axv_conf_timer_wait_all(c, &timer, 1)) {
        timer.armed = false;
        int rc = axv_time_cancel_timer(timer.token);
        axv_conf_expect_status(c, "cancel_timer after the callback ran", rc, AXV_ENOENT);
    }
    axv_conf_timer_disarm_all(&timer, 1);
}

void axv_conf_case_cancel_twice(struct axv_conf_case *c) {
    static struct axv_conf_timer timer;
    if (!require_cancel(c))
        return;
    axv_conf_timer_reset(&timer, NULL);
    /* Not due while the case runs, whatever the host stalls it for (ctest gives up first). */
    axv_nanos_t deadline = axv_time_current_nanos() + AXV_CONFORMANCE_MAX_TIMER_BUDGET_NS;
    if (axv_conf_timer_arm(c, &timer, deadline)) {
        int rc = axv_time_cancel_timer(timer.token);
        if (axv_conf_expect_status(c, "cancel_timer of an armed timer", rc, AXV_OK)) {
            timer.armed = false;
            rc = axv_time_cancel_timer(timer.token);
            axv_conf_expect_status(c, "cancel_timer of a cancelled timer", rc, AXV_ENOENT);
        }
    }
    axv_conf_timer_disarm_all(&timer, 1);
}

void axv_conf_case_cancel_unknown(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, time, cancel_timer))
        return;
    /* register_timer never hands out token 0. */
    int rc = axv_time_cancel_timer(0);
    axv_conf_expect_status(c, "cancel_timer of token 0 (never issued)", rc, AXV_ENOENT);
}
