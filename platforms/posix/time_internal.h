/* The contract between the files of the POSIX platform's time part: clock.c (the counter and
 * conversions), timers.c (the timer service) and time.c (the ops table, start and stop). */
#ifndef AXV_POSIX_TIME_INTERNAL_H
#define AXV_POSIX_TIME_INTERNAL_H

#include <stdint.h>
#include <time.h>

#include "posix_internal.h"

AXV_EXTERN_C_BEGIN

/* clock.c. start() fixes the counter's origin (now) and frequency: AXV_OK; AXV_EINVAL for a
 * frequency outside AXV_POSIX_MIN/MAX_COUNTER_HZ; AXV_EBUSY when started. stop() makes the value
 * ops fatal again. Neither is thread-safe against the other: time.c calls them in order. */
int axv_posix_clock_start(uint64_t counter_hz);
void axv_posix_clock_stop(void);
/* The counter read as nanoseconds, as axv_time_current_nanos() sees it:
 * ticks_to_nanos(current_ticks()). Only while started. */
axv_nanos_t axv_posix_clock_now(void);
/* The absolute CLOCK_MONOTONIC time at which axv_posix_clock_now() reaches deadline_ns, for
 * pthread_cond_timedwait() (clamped to the largest time_t for unreachable deadlines). */
void axv_posix_clock_wake_time(axv_nanos_t deadline_ns, struct timespec *abs);

/* timers.c. start() starts the service thread (AXV_OK; AXV_EBUSY when started; AXV_ENOMEM
 * when the thread cannot be created); stop() ends it and returns how many timers it cancelled
 * unfired. Called by time.c in order, after the clock starts and before it stops. */
int axv_posix_timers_start(void);
size_t axv_posix_timers_stop(void);

AXV_EXTERN_C_END

#endif /* AXV_POSIX_TIME_INTERNAL_H */
