/* Cancel cases: before expiry the callback never runs; after it ran, twice, or for a token
 * never issued, AXV_ENOENT. */
#include "timers.h"

static bool require_cancel(struct axv_conf_case *c) {
    return axv_conf_require_timers(c) && AXV_CONF_REQUIRE(c, time, cancel_timer);
}

void axv_conf_case_cancel_before_expiry(struct axv_conf_case *c) {
    /* timers[0] is cancelled; timers[1], due half a delta later, shows that timers do run
     * meanwhile, so "it never ran" is not just "nothing runs". */
    static struct axv_conf_timer timers[2];
    if (!require_cancel(c))
        return;
    axv_conf_timer_reset(&timers[0], NULL);
    axv_conf_timer_reset(&timers[1], NULL);
    axv_nanos_t start = axv_time_current_nanos();
    axv_nanos_t deadline = start + c->run->delta_ns;
    if (axv_conf_timer_arm(c, &timers[0], deadline) &&
        axv_conf_timer_arm(c, &timers[1], deadline + c->run->delta_ns / 2)) {
        int rc = axv_time_cancel_timer(timers[0].token);
        if (axv_conf_expect_status(c, "cancel_timer before the deadline", rc, AXV_OK)) {
            timers[0].armed = false;
            /* Wait for the control timer and well past the cancelled deadline. */
            bool control = axv_conf_timer_wait_all(c, &timers[1], 1, start + c->run->budget_ns);
            if (control)
                (void)axv_conf_wait(c, deadline + c->run->delta_ns, NULL, NULL);
            uint32_t fired = axv_conf_timer_fired(&timers[0]);
            if (fired != 0) {
                struct axv_conf_text *t = axv_conf_fail(c);
                axv_conf_put_str(t, "the callback of a timer cancelled with AXV_OK ran (now_ns ");
                axv_conf_put_dec(t, __atomic_load_n(&timers[0].now_ns, __ATOMIC_RELAXED));
                axv_conf_put_str(t, ", deadline ");
                axv_conf_put_dec(t, deadline);
                axv_conf_put_str(t, ")");
            }
        }
    }
    axv_conf_timer_disarm_all(timers, 2);
}

void axv_conf_case_cancel_after_fire(struct axv_conf_case *c) {
    static struct axv_conf_timer timer;
    if (!require_cancel(c))
        return;
    axv_conf_timer_reset(&timer, NULL);
    /* A deadline already reached fires as soon as possible. */
    axv_nanos_t start = axv_time_current_nanos();
    if (axv_conf_timer_arm(c, &timer, start) &&
        axv_conf_timer_wait_all(c, &timer, 1, start + c->run->budget_ns)) {
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
    /* Not due while the case runs. */
    axv_nanos_t deadline = axv_time_current_nanos() + c->run->budget_ns;
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
