/* Clock cases (monotonic ticks, tick/nanosecond conversions) and the time area's table. */
#include "suite.h"

#define AXV_CONF_MONOTONIC_READS 1000u

static void case_ticks_monotonic(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, time, current_ticks))
        return;
    axv_ticks_t previous = axv_time_current_ticks();
    for (uint32_t i = 1; i <= AXV_CONF_MONOTONIC_READS; i++) {
        /* Mostly back-to-back reads; now and then let a polled clock move. */
        if (i % 16u == 0)
            axv_conf_idle(c->run);
        axv_ticks_t now = axv_time_current_ticks();
        if (now < previous) {
            struct axv_conf_text *t = axv_conf_fail(c);
            axv_conf_put_str(t, "current_ticks went back from ");
            axv_conf_put_dec(t, previous);
            axv_conf_put_str(t, " to ");
            axv_conf_put_dec(t, now);
            axv_conf_put_str(t, " (read #");
            axv_conf_put_dec(t, i);
            axv_conf_put_str(t, ")");
            return;
        }
        previous = now;
    }
}

static void fail_round_trip(struct axv_conf_case *c, const char *what, uint64_t from,
                            uint64_t back) {
    struct axv_conf_text *t = axv_conf_fail(c);
    axv_conf_put_str(t, what);
    axv_conf_put_dec(t, from);
    axv_conf_put_str(t, " came back as ");
    axv_conf_put_dec(t, back);
}

static void case_ticks_nanos_round_trip(struct axv_conf_case *c) {
    if (!AXV_CONF_REQUIRE(c, time, ticks_to_nanos) || !AXV_CONF_REQUIRE(c, time, nanos_to_ticks))
        return;
    /* One tick is ticks_to_nanos(1) ns, rounded down; past 1 GHz a nanosecond is
     * nanos_to_ticks(1) ticks. Both conversions round down, so a round trip may lose up to
     * one unit of the coarser side. */
    axv_nanos_t tick_ns = axv_time_ticks_to_nanos(1) + 1u;
    axv_ticks_t ns_ticks = axv_time_nanos_to_ticks(1) + 1u;
    /* Small values, and a day of uptime: conversions must not overflow on a long run. */
    static const axv_nanos_t nanos[] = {
        0, 1, 999, 1000, 1000000, 999999999, 1000000000, 1234567891, 3600000000000, 86400000000000};
    for (size_t i = 0; i < AXV_CONF_COUNT(nanos); i++) {
        axv_nanos_t n = nanos[i];
        axv_nanos_t back = axv_time_ticks_to_nanos(axv_time_nanos_to_ticks(n));
        if (back > n || n - back > tick_ns) {
            fail_round_trip(c, "ticks_to_nanos(nanos_to_ticks(n)) is not within one tick: n = ", n,
                            back);
            return;
        }
        axv_ticks_t ticks = axv_time_nanos_to_ticks(n);
        axv_ticks_t ticks_back = axv_time_nanos_to_ticks(axv_time_ticks_to_nanos(ticks));
        if (ticks_back > ticks || ticks - ticks_back > ns_ticks) {
            fail_round_trip(c,
                            "nanos_to_ticks(ticks_to_nanos(t)) is not within one tick: t = ", ticks,
                            ticks_back);
            return;
        }
    }
    if (axv_time_implements(axv_time_op_current_ticks)) {
        axv_ticks_t now = axv_time_current_ticks();
        axv_ticks_t back = axv_time_nanos_to_ticks(axv_time_ticks_to_nanos(now));
        if (back > now || now - back > ns_ticks)
            fail_round_trip(
                c, "nanos_to_ticks(ticks_to_nanos(t)) is not within one tick: t = ", now, back);
    }
}

static const struct axv_conf_case_def time_cases[] = {
    {"ticks_monotonic", case_ticks_monotonic},
    {"ticks_nanos_round_trip", case_ticks_nanos_round_trip},
    {"timer_not_early", axv_conf_case_timer_not_early},
    {"timer_order", axv_conf_case_timer_order},
    {"timer_equal_deadlines", axv_conf_case_timer_equal_deadlines},
    {"timer_callback_registers", axv_conf_case_timer_callback_registers},
    {"register_timer_invalid", axv_conf_case_register_timer_invalid},
    {"cancel_before_expiry", axv_conf_case_cancel_before_expiry},
    {"cancel_after_fire", axv_conf_case_cancel_after_fire},
    {"cancel_twice", axv_conf_case_cancel_twice},
    {"cancel_unknown", axv_conf_case_cancel_unknown},
};

const struct axv_conf_area_cases axv_conf_time_cases = {time_cases, AXV_CONF_COUNT(time_cases)};
