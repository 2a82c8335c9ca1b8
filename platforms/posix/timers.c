/* The timer service: one queue (timer_heap.h) and one thread that sleeps until the earliest
 * deadline and runs due callbacks.
 *
 * One service for the whole platform, not one per host CPU: the hosted platform's CPUs are
 * threads the OS migrates freely and the time ops name no CPU, so per-CPU queues would only
 * add pinned threads and cross-queue cancels. One queue under one lock gives one total order
 * (equal deadlines fire in registration order, whichever thread registered them) and decides
 * every cancel-versus-fire race in one place.
 *
 * Callbacks run on the service thread, one at a time, with no lock held: they may register
 * and cancel timers (their own token is already stale: cancelling it answers AXV_ENOENT, it
 * never waits). A long callback delays the timers behind it.
 *
 * Why cancel's AXV_OK means "never runs": a timer leaves the queue under `lock`, either by
 * cancel (remove) or by the service (pop), and leaving frees its entry and makes its token
 * stale. The service only calls callbacks it popped. So if cancel's remove succeeds, the
 * service can never pop that timer; if the service popped it first (it is about to run, is
 * running, or ran), remove finds the token stale and answers AXV_ENOENT. Cancel never has to
 * wait for a callback, so a callback cannot deadlock on its own cancel. */
#include <pthread.h>

#include <axvisor_api/posix.h>

#include "clock.h"
#include "posix_parts.h"
#include "timer_heap.h"
#include "timers.h"

/* Everything below is guarded by `lock`, except `service` (written by start, read by stop,
 * which the platform serialises) and the thread-local flag. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* Signalled when the service must look again: a new earliest deadline, or stop. It waits on
 * CLOCK_MONOTONIC, the clock the counter derives from (so wall-clock steps do not move
 * timers). Initialised by start, destroyed by stop once nothing can use it. */
static pthread_cond_t wake;
/* The queue outlives stop and restart: its generations keep counting, so a token from before
 * a restart stays stale after it (its memory, sized by the peak number of timers, stays too).
 * UINT32_MAX - 1 entries at most (the token's index half, with UINT32_MAX reserved for "none");
 * memory runs out first in practice. */
static struct axv_posix_timer_heap queue = AXV_POSIX_TIMER_HEAP_INIT(UINT32_MAX - 1);
static bool started;  /* register and cancel are accepted */
static bool stopping; /* the service thread is asked to exit */
static pthread_t service;
static _Thread_local bool on_service;

static void *service_main(void *unused) {
    (void)unused;
    on_service = true;
    /* Named for debuggers and top; a failure only loses the name. */
    (void)pthread_setname_np(pthread_self(), "axv-timers");
    pthread_mutex_lock(&lock);
    while (!stopping) {
        axv_nanos_t deadline;
        if (!axv_posix_timer_heap_peek(&queue, &deadline)) {
            pthread_cond_wait(&wake, &lock);
            continue;
        }
        if (deadline > axv_posix_clock_now()) {
            struct timespec at;
            axv_posix_clock_wake_time(deadline, &at);
            /* Early or spurious wake-ups are fine: the loop looks again. */
            (void)pthread_cond_timedwait(&wake, &lock, &at);
            continue;
        }
        axv_timer_fn fn;
        void *arg;
        axv_posix_timer_heap_pop(&queue, &fn, &arg);
        pthread_mutex_unlock(&lock);
        /* Read after unlocking: the time it really runs, never before the deadline since the
         * counter is monotonic. */
        fn(arg, axv_posix_clock_now());
        pthread_mutex_lock(&lock);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

bool axv_posix_time_on_service_thread(void) {
    return on_service;
}

int axv_posix_timers_start(void) {
    pthread_mutex_lock(&lock);
    bool busy = started;
    pthread_mutex_unlock(&lock);
    if (busy)
        return AXV_EBUSY;

    pthread_condattr_t attr;
    if (pthread_condattr_init(&attr) != 0)
        return AXV_ENOMEM;
    int rc = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    if (rc == 0)
        rc = pthread_cond_init(&wake, &attr);
    pthread_condattr_destroy(&attr);
    if (rc != 0)
        return AXV_ENOMEM;

    pthread_mutex_lock(&lock);
    stopping = false;
    pthread_mutex_unlock(&lock);
    /* The thread first, then accept timers: if it cannot start, no timer was taken. */
    if (pthread_create(&service, NULL, service_main, NULL) != 0) {
        pthread_cond_destroy(&wake);
        return AXV_ENOMEM;
    }
    pthread_mutex_lock(&lock);
    started = true;
    pthread_mutex_unlock(&lock);
    return AXV_OK;
}

size_t axv_posix_timers_stop(void) {
    /* Joining the service thread from itself would deadlock. */
    if (on_service)
        axv_fatal("axv_posix_time_stop: called from a timer callback, which it would join");
    pthread_mutex_lock(&lock);
    if (!started || stopping) {
        pthread_mutex_unlock(&lock);
        return 0;
    }
    stopping = true;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);

    /* A callback running now completes first; timers it (or anyone) registers meanwhile are
     * still accepted, and counted below with the others. */
    pthread_join(service, NULL);

    pthread_mutex_lock(&lock);
    size_t cancelled = axv_posix_timer_heap_clear(&queue);
    started = false;
    pthread_mutex_unlock(&lock);
    /* register signals `wake` only with the lock held and `started` set, so nothing can be
     * using it any more. */
    pthread_cond_destroy(&wake);
    return cancelled;
}

int axv_posix_timers_add(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                         axv_timer_token_t *token) {
    if (fn == NULL || token == NULL)
        return AXV_EINVAL;
    pthread_mutex_lock(&lock);
    if (!started) {
        pthread_mutex_unlock(&lock);
        return AXV_EPERM;
    }
    axv_nanos_t first;
    bool earliest = !axv_posix_timer_heap_peek(&queue, &first) || deadline_ns < first;
    /* *token is written under the lock, before the timer can fire: a callback may read it. */
    int rc = axv_posix_timer_heap_insert(&queue, deadline_ns, fn, arg, token);
    /* Only a new earliest deadline changes when the service must wake. Signalling with the
     * lock held lets stop destroy `wake` once `started` is false. */
    if (rc == AXV_OK && earliest)
        pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
    return rc;
}

int axv_posix_timers_cancel(axv_timer_token_t token) {
    pthread_mutex_lock(&lock);
    int rc = started ? axv_posix_timer_heap_remove(&queue, token) : AXV_EPERM;
    pthread_mutex_unlock(&lock);
    return rc;
}
