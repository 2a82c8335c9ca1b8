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
 * wait for a callback, so a callback cannot deadlock on its own cancel.
 *
 * Callbacks stay timely while vCPU threads keep every CPU busy: the service thread raises
 * itself above them (host_sched.h; SCHED_FIFO where permitted), as a timer interrupt preempts a
 * guest, and `lock`, which vCPU threads take to register and cancel, inherits priority, so
 * a holder preempted among a thousand busy vCPU threads is run at once when the service
 * needs the lock. The service itself never spins: it sleeps until the earliest deadline. */
#include <pthread.h>

#include <axvisor_api/posix.h>

#include "clock.h"
#include "posix_parts.h"
#include "host_sched.h"
#include "timer_heap.h"
#include "timers.h"

/* Everything below is guarded by `lock`, except `service` (written by start, read by stop,
 * which the platform serialises) and the thread-local flag. */
static pthread_mutex_t lock;
/* Signalled when the service must look again: a new earliest deadline, or stop. It waits on
 * CLOCK_MONOTONIC, the clock the counter derives from (so wall-clock steps do not move
 * timers). Signalled after `lock` is released, so the woken service, which preempts the
 * signaller, never has to wait for it (and boost it) to get the lock. */
static pthread_cond_t wake;
/* `lock` (with priority inheritance) and `wake` are set up once, on first use, and never
 * destroyed: register and cancel may come before any start, and a signal after unlocking
 * may race with a stop. */
static pthread_once_t sync_once = PTHREAD_ONCE_INIT;
/* The queue outlives stop and restart: its generations keep counting, so a token from before
 * a restart stays stale after it (its memory, sized by the peak number of timers, stays too).
 * UINT32_MAX - 1 entries at most (the token's index half, with UINT32_MAX reserved for "none");
 * memory runs out first in practice. */
static struct axv_posix_timer_heap queue = AXV_POSIX_TIMER_HEAP_INIT(UINT32_MAX - 1);
static bool started;  /* register and cancel are accepted */
static bool stopping; /* the service thread is asked to exit */
static pthread_t service;
static _Thread_local bool on_service;
/* What the service thread did to its priority: set by the thread before it serves, waited
 * for by start. */
static const char *service_priority;

static void init_sync(void) {
    /* Without them the platform cannot run at all; this fails only without memory. */
    pthread_condattr_t attr;
    if (axv_posix_sched_mutex_init(&lock) != 0 || pthread_condattr_init(&attr) != 0)
        axv_fatal("posix time: cannot create the timer lock");
    if (pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) != 0 ||
        pthread_cond_init(&wake, &attr) != 0)
        axv_fatal("posix time: cannot create the timer condition variable");
    (void)pthread_condattr_destroy(&attr);
}

static void lock_queue(void) {
    (void)pthread_once(&sync_once, init_sync);
    pthread_mutex_lock(&lock);
}

static void *service_main(void *unused) {
    (void)unused;
    on_service = true;
    /* Named for debuggers and top; a failure only loses the name. */
    (void)pthread_setname_np(pthread_self(), "axv-timers");
    const char *priority = axv_posix_sched_raise_self();
    pthread_mutex_lock(&lock);
    service_priority = priority;
    pthread_cond_broadcast(&wake);
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

const char *axv_posix_timer_service_priority(void) {
    lock_queue();
    const char *priority = started ? service_priority : NULL;
    pthread_mutex_unlock(&lock);
    return priority != NULL ? priority : "not started";
}

bool axv_posix_time_on_service_thread(void) {
    return on_service;
}

int axv_posix_timers_start(void) {
    lock_queue();
    bool busy = started;
    pthread_mutex_unlock(&lock);
    if (busy)
        return AXV_EBUSY;

    pthread_mutex_lock(&lock);
    stopping = false;
    service_priority = NULL;
    pthread_mutex_unlock(&lock);
    /* The thread first, then accept timers: if it cannot start, no timer was taken. */
    if (pthread_create(&service, NULL, service_main, NULL) != 0)
        return AXV_ENOMEM;
    pthread_mutex_lock(&lock);
    /* The thread settles its priority first, so the first timer already gets it. */
    while (service_priority == NULL)
        pthread_cond_wait(&wake, &lock);
    started = true;
    pthread_mutex_unlock(&lock);
    return AXV_OK;
}

size_t axv_posix_timers_stop(void) {
    /* Joining the service thread from itself would deadlock. */
    if (on_service)
        axv_fatal("axv_posix_time_stop: called from a timer callback, which it would join");
    lock_queue();
    if (!started || stopping) {
        pthread_mutex_unlock(&lock);
        return 0;
    }
    stopping = true;
    pthread_mutex_unlock(&lock);
    pthread_cond_signal(&wake);

    /* A callback running now completes first; timers it (or anyone) registers meanwhile are
     * still accepted, and counted below with the others. */
    pthread_join(service, NULL);

    pthread_mutex_lock(&lock);
    size_t cancelled = axv_posix_timer_heap_clear(&queue);
    started = false;
    pthread_mutex_unlock(&lock);
    return cancelled;
}

int axv_posix_timers_add(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                         axv_timer_token_t *token) {
    if (fn == NULL || token == NULL)
        return AXV_EINVAL;
    lock_queue();
    if (!started) {
        pthread_mutex_unlock(&lock);
        return AXV_EPERM;
    }
    axv_nanos_t first;
    bool earliest = !axv_posix_timer_heap_peek(&queue, &first) || deadline_ns < first;
    /* *token is written under the lock, before the timer can fire: a callback may read it. */
    int rc = axv_posix_timer_heap_insert(&queue, deadline_ns, fn, arg, token);
    pthread_mutex_unlock(&lock);
    /* Only a new earliest deadline changes when the service must wake. The service looks at
     * the queue under the lock before every wait, so a signal it misses while busy is not
     * needed. */
    if (rc == AXV_OK && earliest)
        pthread_cond_signal(&wake);
    return rc;
}

int axv_posix_timers_cancel(axv_timer_token_t token) {
    lock_queue();
    int rc = started ? axv_posix_timer_heap_remove(&queue, token) : AXV_EPERM;
    pthread_mutex_unlock(&lock);
    return rc;
}
