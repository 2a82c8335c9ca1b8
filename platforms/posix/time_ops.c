/* The time ops: the counter (clock.c) and timers (timers.c). The value ops are fatal while
 * the platform is stopped; register and cancel answer AXV_EPERM. */
#include "clock.h"
#include "posix_internal.h"
#include "timers.h"

/* The value ops' guard: the message names the op, as the platform's rules ask. */
#define REQUIRE_STARTED(op)                                               \
    do {                                                                  \
        if (!axv_posix_clock_running())                                   \
            axv_fatal("time." #op ": the posix platform is not started"); \
    } while (0)

axv_ticks_t axv_posix_time_current_ticks(void) {
    REQUIRE_STARTED(current_ticks);
    return axv_posix_clock_ticks();
}

axv_nanos_t axv_posix_time_ticks_to_nanos(axv_ticks_t ticks) {
    REQUIRE_STARTED(ticks_to_nanos);
    return axv_posix_clock_ticks_to_nanos(ticks);
}

axv_ticks_t axv_posix_time_nanos_to_ticks(axv_nanos_t nanos) {
    REQUIRE_STARTED(nanos_to_ticks);
    return axv_posix_clock_nanos_to_ticks(nanos);
}

int axv_posix_time_register_timer(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                                  axv_timer_token_t *token) {
    return axv_posix_timers_add(deadline_ns, fn, arg, token);
}

int axv_posix_time_cancel_timer(axv_timer_token_t token) {
    return axv_posix_timers_cancel(token);
}
