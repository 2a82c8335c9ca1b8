/* The time part's start and stop, in order: the clock first, since the timer service reads
 * it; the clock last, once no callback can run. The ops are in time_ops.c. */
#include "clock.h"
#include "posix_parts.h"
#include "timers.h"

int axv_posix_time_start(const struct axv_posix_resolved *config) {
    if (config == NULL)
        return AXV_EINVAL;
    int rc = axv_posix_clock_start(config->counter_hz);
    if (rc != AXV_OK)
        return rc;
    rc = axv_posix_timers_start();
    if (rc != AXV_OK)
        axv_posix_clock_stop();
    return rc;
}

size_t axv_posix_time_stop(void) {
    size_t cancelled = axv_posix_timers_stop();
    axv_posix_clock_stop();
    return cancelled;
}
