/* The timer service of the POSIX platform (timers.c): one queue and the thread that runs due
 * callbacks. Reads the counter (clock.h); calls nothing above it. */
#ifndef AXV_POSIX_TIMERS_H
#define AXV_POSIX_TIMERS_H

#include <stddef.h>

#include <axvisor_api/time.h>

/* start() starts the service thread (AXV_OK; AXV_EBUSY when started; AXV_ENOMEM when the
 * thread cannot be created); stop() ends it and returns how many timers it cancelled
 * unfired. Called by time.c in order, after the clock starts and before it stops. */
int axv_posix_timers_start(void);
size_t axv_posix_timers_stop(void);

/* The time area's register_timer and cancel_timer, with their contracts (AXV_EPERM while
 * stopped). */
int axv_posix_timers_add(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                         axv_timer_token_t *token);
int axv_posix_timers_cancel(axv_timer_token_t token);

#endif /* AXV_POSIX_TIMERS_H */
