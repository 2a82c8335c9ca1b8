/* lh clock and timer wheel: 64 slots of 1 ms; a timer sits in the slot of its expiry
 * millisecond and fires on the first lh_wheel_run() at or after its expiry; a run fires what
 * is due millisecond by millisecond, so in expiry order. */
#define _POSIX_C_SOURCE 200809L

#include <stddef.h>
#include <time.h>

#include "lh.h"

#define WHEEL_SLOTS 64u

static struct lh_timer *wheel[WHEEL_SLOTS];
static uint64_t wheel_ms; /* the last millisecond lh_wheel_run() looked at */

uint64_t lh_clock_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* The wheel starts at the first use, so its first run has no backlog of milliseconds. */
static void wheel_start(void) {
    if (wheel_ms == 0)
        wheel_ms = lh_clock_us() / 1000u;
}

void lh_timer_add(struct lh_timer *t, uint64_t expires_us, lh_timer_cb cb) {
    wheel_start();
    uint64_t ms = expires_us / 1000u;
    if (ms < wheel_ms)
        ms = wheel_ms; /* already late: the next run looks at this slot */
    t->slot = (unsigned)(ms % WHEEL_SLOTS);
    struct lh_timer **slot = &wheel[t->slot];
    t->expires_us = expires_us;
    t->cb = cb;
    t->prev = NULL;
    t->next = *slot;
    if (*slot)
        (*slot)->prev = t;
    *slot = t;
    lh_stats.timers_added++;
}

static void unlink_timer(struct lh_timer *t) {
    if (t->prev)
        t->prev->next = t->next;
    else
        wheel[t->slot] = t->next;
    if (t->next)
        t->next->prev = t->prev;
    t->next = t->prev = NULL;
    t->cb = NULL;
}

int lh_timer_del(struct lh_timer *t) {
    if (t->cb == NULL)
        return 0;
    unlink_timer(t);
    lh_stats.timers_deleted++;
    return 1;
}

void lh_wheel_run(void) {
    wheel_start();
    uint64_t now = lh_clock_us();
    uint64_t now_ms = now / 1000u;
    /* Every millisecond from the last run's to now, each firing only what expired by then:
     * after a gap of more than a turn (the host stalled this loop) the wheel still fires in
     * expiry order, where a single turn would start mid-wheel and fire later slots first. */
    for (uint64_t ms = wheel_ms; ms <= now_ms; ms++) {
        struct lh_timer *t = wheel[ms % WHEEL_SLOTS];
        while (t) {
            struct lh_timer *next = t->next;
            if (t->expires_us <= now && t->expires_us / 1000u <= ms) {
                lh_timer_cb cb = t->cb;
                unlink_timer(t);
                lh_stats.timers_fired++;
                cb(t);
                next = wheel[ms % WHEEL_SLOTS]; /* the callback may have changed the slot */
            }
            t = next;
        }
    }
    wheel_ms = now_ms;
}
