/* Reference time. Simulated: a 24 MHz clock that steps 50 us at a time, with one-shot timers
 * in a deadline-sorted list fired as it steps. Threaded: the same 24 MHz ticks derived from
 * CLOCK_MONOTONIC, and a service thread that fires due timers every 50 us, so callbacks run
 * on another thread than the suite. */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <time.h>

#include "ref_internal.h"

#define FREQ_HZ UINT64_C(24000000)
#define NS_PER_S UINT64_C(1000000000)
#define STEP_NS 50000u                /* 50 us: a simulated step, a service period */
#define STEP_TICKS (FREQ_HZ / 20000u) /* the same in ticks */
#define EARLY_NS UINT64_C(1000000)    /* how early the early-firing faults fire */
#define POOL 64u

enum timer_state { TIMER_FREE, TIMER_ARMED, TIMER_CANCELLED, TIMER_FIRED };

struct ref_timer {
    enum timer_state state;
    axv_nanos_t deadline;
    axv_timer_fn fn;
    void *arg;
    axv_timer_token_t token;
    struct ref_timer *next;
};

/* The pool and queue are shared with the service thread: lock held for every access, never
 * across a callback (which may arm or cancel timers). */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct ref_timer pool[POOL];
static struct ref_timer *queue;
static axv_timer_token_t last_token;

/* Simulated clock, and the firing context's own state. */
static axv_ticks_t ticks;
static unsigned reads_since_step;
static unsigned steps;
static bool firing;

static pthread_t service;
static bool service_running;
static int service_stop;

/* Split so neither product overflows: exact floor(t * 1e9 / f) for any t. */
static axv_nanos_t ticks_to_nanos(axv_ticks_t t) {
    return t / FREQ_HZ * NS_PER_S + t % FREQ_HZ * NS_PER_S / FREQ_HZ;
}

static axv_ticks_t nanos_to_ticks(axv_nanos_t n) {
    return n / NS_PER_S * FREQ_HZ + n % NS_PER_S * FREQ_HZ / NS_PER_S;
}

static axv_ticks_t real_ticks(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return nanos_to_ticks((axv_nanos_t)ts.tv_sec * NS_PER_S + (axv_nanos_t)ts.tv_nsec);
}

size_t ref_armed_timers(void) {
    size_t n = 0;
    pthread_mutex_lock(&lock);
    for (const struct ref_timer *t = queue; t != NULL; t = t->next)
        n += t->state == TIMER_ARMED;
    pthread_mutex_unlock(&lock);
    return n;
}

static bool fires_early(void) {
    return ref_cfg.fault == REF_FAULT_TIMER_FIRES_EARLY ||
           ref_cfg.fault == REF_FAULT_TIMER_EARLY_CLAIMS_ON_TIME;
}

/* Unlinks the first queued timer due by horizon, in queue order; NULL when none is. Marked
 * fired while still locked, so a cancel racing with the call finds it gone. */
static struct ref_timer *take_due(axv_nanos_t horizon) {
    struct ref_timer *t = NULL;
    pthread_mutex_lock(&lock);
    for (struct ref_timer **link = &queue; *link != NULL; link = &(*link)->next) {
        if ((*link)->deadline <= horizon) {
            t = *link;
            *link = t->next;
            t->state = TIMER_FIRED;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return t;
}

static void fire_due(axv_nanos_t now) {
    /* Callbacks read the clock; in self-clocked mode that steps it again. */
    if (firing || ref_cfg.fault == REF_FAULT_TIMERS_NEVER_FIRE)
        return;
    firing = true;
    axv_nanos_t horizon = now + (fires_early() ? EARLY_NS : 0);
    /* A cancelled timer is only still queued under REF_FAULT_CANCEL_DOES_NOT_CANCEL. */
    for (struct ref_timer *t; (t = take_due(horizon)) != NULL;) {
        bool lie = ref_cfg.fault == REF_FAULT_TIMER_EARLY_CLAIMS_ON_TIME && t->deadline > now;
        t->fn(t->arg, lie ? t->deadline : now);
    }
    firing = false;
}

static void *service_main(void *arg) {
    (void)arg;
    const struct timespec period = {0, STEP_NS};
    /* Acquire pairs with the release store in ref_time_stop(). */
    while (!__atomic_load_n(&service_stop, __ATOMIC_ACQUIRE)) {
        fire_due(ticks_to_nanos(real_ticks()));
        nanosleep(&period, NULL);
    }
    return NULL;
}

void ref_time_stop(void) {
    if (!service_running)
        return;
    __atomic_store_n(&service_stop, 1, __ATOMIC_RELEASE);
    pthread_join(service, NULL);
    service_running = false;
}

void ref_time_reset(void) {
    ref_time_stop();
    ticks = FREQ_HZ; /* one second of uptime */
    reads_since_step = 0;
    steps = 0;
    firing = false;
    for (size_t i = 0; i < POOL; i++)
        pool[i].state = TIMER_FREE;
    queue = NULL;
    last_token = 0;
    if (ref_cfg.threaded) {
        service_stop = 0;
        service_running = pthread_create(&service, NULL, service_main, NULL) == 0;
    }
}

void ref_time_step(void) {
    if (ref_cfg.threaded)
        return; /* real time needs no help */
    ticks += STEP_TICKS;
    if (ref_cfg.idle_stall_ns != 0 && ++steps % 64u == 0)
        ticks += nanos_to_ticks(ref_cfg.idle_stall_ns);
    reads_since_step = 0;
    fire_due(ticks_to_nanos(ticks));
}

/* The caller of register_timer is held up, as a descheduled thread would be. */
static void arm_stall(void) {
    if (ref_cfg.arm_stall_ns == 0)
        return;
    if (ref_cfg.threaded) {
        const struct timespec stall = {(time_t)(ref_cfg.arm_stall_ns / NS_PER_S),
                                       (long)(ref_cfg.arm_stall_ns % NS_PER_S)};
        nanosleep(&stall, NULL);
        return;
    }
    ticks += nanos_to_ticks(ref_cfg.arm_stall_ns);
    reads_since_step = 0;
    fire_due(ticks_to_nanos(ticks));
}

static axv_ticks_t current_ticks(void) {
    if (ref_cfg.threaded)
        return real_ticks();
    if (ref_cfg.self_clocked)
        ref_time_step();
    if (ref_cfg.fault == REF_FAULT_TICKS_GO_BACKWARDS && reads_since_step++ > 0)
        return ticks - 1u;
    return ticks;
}

static struct ref_timer *free_entry(void) {
    for (size_t i = 0; i < POOL; i++)
        if (pool[i].state == TIMER_FREE)
            return &pool[i];
    /* Fired entries are kept (for REF_FAULT_CANCEL_AFTER_FIRE_OK) until needed. */
    for (size_t i = 0; i < POOL; i++)
        if (pool[i].state == TIMER_FIRED)
            return &pool[i];
    return NULL;
}

static int register_timer(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                          axv_timer_token_t *token) {
    if (fn == NULL || token == NULL)
        return AXV_EINVAL;
    pthread_mutex_lock(&lock);
    struct ref_timer *t = free_entry();
    if (t == NULL) {
        pthread_mutex_unlock(&lock);
        return AXV_ENOMEM;
    }
    t->state = TIMER_ARMED;
    t->deadline = deadline_ns;
    t->fn = fn;
    t->arg = arg;
    t->token = ++last_token;
    /* After every timer with the same deadline: equal deadlines fire in arming order. The
     * faulty queue is in arming order only. */
    bool fifo = ref_cfg.fault == REF_FAULT_TIMERS_FIRE_IN_ARMING_ORDER;
    struct ref_timer **link = &queue;
    while (*link != NULL && (fifo || (*link)->deadline <= deadline_ns))
        link = &(*link)->next;
    t->next = *link;
    *link = t;
    *token = t->token;
    pthread_mutex_unlock(&lock);
    arm_stall();
    return AXV_OK;
}

static int cancel_timer(axv_timer_token_t token) {
    int rc = AXV_ENOENT;
    pthread_mutex_lock(&lock);
    for (struct ref_timer **link = &queue; *link != NULL; link = &(*link)->next) {
        struct ref_timer *t = *link;
        if (t->token != token || t->state != TIMER_ARMED)
            continue;
        if (ref_cfg.fault == REF_FAULT_CANCEL_DOES_NOT_CANCEL) {
            t->state = TIMER_CANCELLED; /* but left in the queue */
        } else {
            *link = t->next;
            t->state = TIMER_FREE;
        }
        rc = AXV_OK;
        break;
    }
    if (rc == AXV_ENOENT && ref_cfg.fault == REF_FAULT_CANCEL_AFTER_FIRE_OK)
        for (size_t i = 0; i < POOL; i++)
            if (pool[i].state == TIMER_FIRED && pool[i].token == token)
                rc = AXV_OK;
    pthread_mutex_unlock(&lock);
    return rc;
}

const struct axv_time_ops ref_time_ops = {
    .hdr = AXV_OPS_HDR_INIT(struct axv_time_ops),
    .current_ticks = current_ticks,
    .ticks_to_nanos = ticks_to_nanos,
    .nanos_to_ticks = nanos_to_ticks,
    .register_timer = register_timer,
    .cancel_timer = cancel_timer,
};
