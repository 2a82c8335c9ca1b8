/*
 * Time: the board's 24 MHz counter, and one-shot timers in a small array kept sorted by
 * deadline (equal deadlines in arming order). There is no timer interrupt on this machine:
 * axv_tiny_poll(), called from the hypervisor's idle loop, runs what is due.
 */
#include "board.h"
#include "tiny.h"

#define NANOS_PER_SEC UINT64_C(1000000000)
#define MAX_TIMERS 16u

struct tiny_timer {
    axv_nanos_t deadline;
    axv_timer_fn fn;
    void *arg;
    axv_timer_token_t token;
};

static struct tiny_timer timers[MAX_TIMERS];
static size_t num_timers;
static axv_timer_token_t next_token = 1; /* 64 bits: never wraps back to 0 in practice */

axv_ticks_t axv_tiny_time_current_ticks(void) {
    return board_counter();
}

/* Whole seconds and the rest convert separately: the rest times the frequency stays far
 * below 2^64 where the whole value would not. Both round down, as the op list requires. */
axv_nanos_t axv_tiny_time_ticks_to_nanos(axv_ticks_t ticks) {
    return ticks / BOARD_COUNTER_HZ * NANOS_PER_SEC +
           ticks % BOARD_COUNTER_HZ * NANOS_PER_SEC / BOARD_COUNTER_HZ;
}

axv_ticks_t axv_tiny_time_nanos_to_ticks(axv_nanos_t nanos) {
    return nanos / NANOS_PER_SEC * BOARD_COUNTER_HZ +
           nanos % NANOS_PER_SEC * BOARD_COUNTER_HZ / NANOS_PER_SEC;
}

int axv_tiny_time_register_timer(axv_nanos_t deadline_ns, axv_timer_fn fn, void *arg,
                                 axv_timer_token_t *token) {
    if (fn == NULL || token == NULL)
        return AXV_EINVAL;
    if (num_timers == MAX_TIMERS)
        return AXV_ENOMEM;
    size_t pos = num_timers;
    while (pos > 0 && timers[pos - 1].deadline > deadline_ns) {
        timers[pos] = timers[pos - 1];
        pos--;
    }
    timers[pos] = (struct tiny_timer){deadline_ns, fn, arg, next_token};
    num_timers++;
    *token = next_token++;
    return AXV_OK;
}

static void remove_timer(size_t index) {
    for (size_t i = index; i + 1 < num_timers; i++)
        timers[i] = timers[i + 1];
    num_timers--;
}

int axv_tiny_time_cancel_timer(axv_timer_token_t token) {
    for (size_t i = 0; i < num_timers; i++) {
        if (timers[i].token == token) {
            remove_timer(i);
            return AXV_OK;
        }
    }
    return AXV_ENOENT;
}

/* Each timer leaves the queue before its callback runs, so the callback may arm new timers
 * and cancelling it from then on reports AXV_ENOENT, as the contract says. */
void axv_tiny_poll(void) {
    while (num_timers > 0) {
        axv_nanos_t now = axv_tiny_time_ticks_to_nanos(board_counter());
        if (timers[0].deadline > now)
            return;
        struct tiny_timer due = timers[0];
        remove_timer(0);
        due.fn(due.arg, now);
    }
}
