/*
 * Timer records for the time cases. A record is written by its callback, which may run in
 * an IRQ handler or on another CPU while the suite polls it, so every field the callback
 * touches is accessed with __atomic builtins; fields the callback never touches are the
 * suite's alone. Records are static and each case has its own, so a callback that a broken
 * platform runs late only ever writes its own case's record.
 */
#ifndef AXV_CONFORMANCE_TIMERS_H
#define AXV_CONFORMANCE_TIMERS_H

#include "suite.h"

struct axv_conf_timer {
    /* Written by the callback. fired is incremented last, with release ordering, after
     * the fields below it: a suite that reads fired with acquire ordering and sees it
     * nonzero also sees those fields as that run left them. */
    uint32_t fired;                /* how many times the callback ran */
    uint32_t position;             /* 1-based place in its group's firing order */
    axv_nanos_t now_ns;            /* now_ns given to the latest run */
    axv_nanos_t clock_ns;          /* clock read by the latest run */
    int chain_status;              /* register_timer status for the chained timer */
    axv_timer_token_t chain_token; /* its token */

    /* Set by the suite before arming; the callback only reads them. register_timer
     * publishes them to the callback (a platform must hand the timer over to wherever
     * callbacks run with at least that ordering, or arg would be unusable), so relaxed
     * atomics suffice; they are atomic only so that a straggler from an earlier run (a
     * platform whose cancel failed) reading them races with nothing. */
    uint32_t *sequence;           /* the group's firing counter, or NULL */
    struct axv_conf_timer *chain; /* armed by the callback, chain_delay_ns after now_ns */
    axv_nanos_t chain_delay_ns;

    /* The suite's alone. */
    axv_nanos_t deadline_ns;
    axv_nanos_t armed_ns; /* the clock once register_timer returned */
    axv_timer_token_t token;
    bool armed; /* registered, and not known to have run or been cancelled */
};

/* The callback of every timer the suite arms; arg is its struct axv_conf_timer. */
void axv_conf_timer_fn(void *arg, axv_nanos_t now_ns);

/* Clears a record before use; nothing of this run may be armed on it. */
void axv_conf_timer_reset(struct axv_conf_timer *t, uint32_t *sequence);
/* Makes t's callback arm @p next, @p delay_ns after the now_ns it is given. Before arming. */
void axv_conf_timer_chain(struct axv_conf_timer *t, struct axv_conf_timer *next,
                          axv_nanos_t delay_ns);
/* Arms t at deadline_ns; fails the case (and returns false) when register_timer refuses
 * or hands out token 0. */
bool axv_conf_timer_arm(struct axv_conf_case *c, struct axv_conf_timer *t, axv_nanos_t deadline_ns);
/* How many times t's callback ran (acquire: its other fields may be read after). */
uint32_t axv_conf_timer_fired(const struct axv_conf_timer *t);
/* Waits until each of timers[0..n) fired, or for the budget past the latest of their
 * deadlines (or past now, when later); on timeout fails the case saying how many did not
 * fire. */
bool axv_conf_timer_wait_all(struct axv_conf_case *c, struct axv_conf_timer *timers, size_t n);
/* Fails the case for each timer of timers[0..n) that ran more than once. */
void axv_conf_timer_check_ran_once(struct axv_conf_case *c, const struct axv_conf_timer *timers,
                                   size_t n);
/* Cancels whatever of timers[0..n) is still armed and has not run, so no callback of this
 * case runs after it ends (best effort: only when cancel_timer is implemented). */
void axv_conf_timer_disarm_all(struct axv_conf_timer *timers, size_t n);

/* The clock ops a timer case needs, and register_timer; skips the case otherwise. */
bool axv_conf_require_timers(struct axv_conf_case *c);

#endif /* AXV_CONFORMANCE_TIMERS_H */
