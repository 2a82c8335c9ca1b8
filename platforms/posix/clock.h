/* The counter of the POSIX platform (clock.c): ticks at the configured frequency since
 * start, derived from CLOCK_MONOTONIC, and exact conversions. A leaf: it calls no other file
 * of the platform. */
#ifndef AXV_POSIX_CLOCK_H
#define AXV_POSIX_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <axvisor_api/types.h>

/* Fixes the counter's origin (now) and frequency: AXV_OK; AXV_EINVAL for a frequency
 * outside AXV_POSIX_MIN/MAX_COUNTER_HZ; AXV_EBUSY when started. stop() makes
 * axv_posix_clock_running() false again. Neither is thread-safe against the other: time.c
 * calls them in order. */
int axv_posix_clock_start(uint64_t counter_hz);
void axv_posix_clock_stop(void);
/* True between start and stop; loaded with acquire, so a caller that saw true reads the
 * frequency and origin of that start. */
bool axv_posix_clock_running(void);

/* The counter now. Only while running. */
axv_ticks_t axv_posix_clock_ticks(void);
/* Exact conversions at the running frequency, floor, saturating at UINT64_MAX. */
axv_nanos_t axv_posix_clock_ticks_to_nanos(axv_ticks_t ticks);
axv_ticks_t axv_posix_clock_nanos_to_ticks(axv_nanos_t nanos);
/* The counter read as nanoseconds, as axv_time_current_nanos() sees it:
 * ticks_to_nanos(ticks()). Only while running. */
axv_nanos_t axv_posix_clock_now(void);
/* The absolute CLOCK_MONOTONIC time at which axv_posix_clock_now() reaches deadline_ns, for
 * pthread_cond_timedwait() (clamped to the largest time_t for unreachable deadlines). */
void axv_posix_clock_wake_time(axv_nanos_t deadline_ns, struct timespec *abs);

#endif /* AXV_POSIX_CLOCK_H */
