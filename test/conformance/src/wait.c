/* Bounded waiting: every wait of the suite ends, even on a platform whose timers never fire
 * or whose clock stops. */
#include "suite.h"

/* Polls of a clock that does not advance before the wait gives up. Generous: a 100 Hz
 * clock polled every 20 ns stands still for half a million polls between ticks. */
#define AXV_CONF_STUCK_POLLS (UINT32_C(1) << 24)

void axv_conf_idle(const struct axv_conf_run *run) {
    if (run->idle != NULL)
        run->idle(run->ctx);
}

/* Host stalls forgiven in one wait, in budgets: a wait ends by limit + 9 budgets at most. */
#define AXV_CONF_MAX_STALL_BUDGETS 9u

enum axv_conf_wait_result axv_conf_wait(struct axv_conf_case *c, axv_nanos_t limit_ns,
                                        bool (*done)(const void *arg), const void *arg) {
    /* Progress is measured on the latest time seen, so a clock that jitters backwards can
     * neither extend the wait nor pass for a clock that moves. */
    axv_nanos_t latest = axv_time_current_nanos();
    axv_nanos_t forgivable = AXV_CONF_MAX_STALL_BUDGETS * c->run->budget_ns;
    uint32_t still = 0;
    c->stalled_ns = 0;
    for (;;) {
        if (done != NULL && done(arg))
            return AXV_CONF_WAIT_DONE;
        if (latest >= limit_ns)
            return AXV_CONF_WAIT_TIMEOUT;
        axv_conf_idle(c->run);
        axv_nanos_t now = axv_time_current_nanos();
        if (now > latest) {
            /* The suite polls without pause, so a jump beyond the margin is time it did not
             * run: the platform's timers may not have run either. Not counted. */
            axv_nanos_t gap = now - latest;
            if (gap > c->run->margin_ns && c->stalled_ns < forgivable) {
                axv_nanos_t excess = gap - c->run->margin_ns;
                if (excess > forgivable - c->stalled_ns)
                    excess = forgivable - c->stalled_ns;
                c->stalled_ns += excess;
                limit_ns += excess;
            }
            latest = now;
            still = 0;
        } else if (++still == AXV_CONF_STUCK_POLLS) {
            struct axv_conf_text *t = axv_conf_fail(c);
            axv_conf_put_str(t, "the clock stood still at ");
            axv_conf_put_dec(t, latest);
            axv_conf_put_str(t, " ns for ");
            axv_conf_put_dec(t, AXV_CONF_STUCK_POLLS);
            axv_conf_put_str(t, " polls while waiting");
            return AXV_CONF_WAIT_STUCK;
        }
    }
}
