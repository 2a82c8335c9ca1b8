/* The counter: ticks at the configured frequency since the time part started, derived from
 * CLOCK_MONOTONIC, and exact conversions between ticks and nanoseconds.
 *
 * A tick count is floor(elapsed_ns * hz / 1e9), so the counter never decreases (on any
 * thread: CLOCK_MONOTONIC is one system-wide clock) and is exact, not accumulated. The
 * counter restarts from 0 when the platform is started again. */
#include <stdatomic.h>

#include <axvisor_api/posix.h>

#include "clock.h"

#define NS_PER_S UINT64_C(1000000000)
#define MIN_HZ AXV_POSIX_MIN_COUNTER_HZ
#define MAX_HZ AXV_POSIX_MAX_COUNTER_HZ

/* Set by start while stopped, read while started. `started` publishes them: start stores
 * them, then sets it with release; readers load it with acquire first, so they see the
 * values of the start that set it. The fields are atomics too (relaxed, which costs nothing
 * on x86-64 and aarch64) so a reader racing with a stop and restart, a caller bug, reads one
 * configuration or the other rather than being undefined behaviour. */
static atomic_bool started;
static _Atomic uint64_t hz;
static _Atomic uint64_t origin_ns; /* CLOCK_MONOTONIC at start, in ns */

/* floor (or with up, ceil) of x * num / den, saturating at UINT64_MAX. One of num and den is
 * NS_PER_S and the other a frequency of at most MAX_HZ.
 *
 * Why it cannot overflow: with x = q * den + r (r < den), x * num / den = q * num +
 * r * num / den exactly, because q * num is an integer. r * num < den * num <= 1e9 * 5e9
 * = 5e18 < 2^64 (about 1.845e19), and adding den - 1 to round up keeps it below 5e18 + 5e9,
 * so the fractional part is computed exactly in 64 bits. Only q * num + frac can exceed 64
 * bits, and then the true result does too: it is checked before multiplying and saturates.
 * So every result that fits in 64 bits is exact; e.g. any duration up to 584 years (all of
 * axv_nanos_t) converts exactly to ticks at any allowed frequency whenever the tick count
 * fits (at the highest, 5 GHz, 116 years of ticks fill 64 bits), and back. */
static uint64_t scale(uint64_t x, uint64_t num, uint64_t den, bool up) {
    uint64_t q = x / den;
    uint64_t frac = (x % den * num + (up ? den - 1 : 0)) / den;
    if (q > (UINT64_MAX - frac) / num)
        return UINT64_MAX;
    return q * num + frac;
}

static uint64_t monotonic_ns(void) {
    struct timespec ts;
    /* CLOCK_MONOTONIC cannot fail on the systems this platform runs on; if it ever did,
     * going on with a garbage time would break every timer silently. */
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        axv_fatal("posix time: clock_gettime(CLOCK_MONOTONIC) failed");
    return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

axv_ticks_t axv_posix_clock_ticks(void) {
    uint64_t origin = atomic_load_explicit(&origin_ns, memory_order_relaxed);
    uint64_t f = atomic_load_explicit(&hz, memory_order_relaxed);
    /* Saturates at UINT64_MAX (after 116 years at 5 GHz) rather than wrapping: still
     * monotonic. */
    return scale(monotonic_ns() - origin, f, NS_PER_S, false);
}

int axv_posix_clock_start(uint64_t counter_hz) {
    if (counter_hz < MIN_HZ || counter_hz > MAX_HZ)
        return AXV_EINVAL;
    if (atomic_load_explicit(&started, memory_order_relaxed))
        return AXV_EBUSY;
    atomic_store_explicit(&hz, counter_hz, memory_order_relaxed);
    atomic_store_explicit(&origin_ns, monotonic_ns(), memory_order_relaxed);
    atomic_store_explicit(&started, true, memory_order_release);
    return AXV_OK;
}

void axv_posix_clock_stop(void) {
    atomic_store_explicit(&started, false, memory_order_relaxed);
}

axv_nanos_t axv_posix_clock_now(void) {
    return axv_posix_clock_ticks_to_nanos(axv_posix_clock_ticks());
}

void axv_posix_clock_wake_time(axv_nanos_t deadline_ns, struct timespec *abs) {
    uint64_t f = atomic_load_explicit(&hz, memory_order_relaxed);
    /* The counter lags real time by up to a tick, so waiting until origin + deadline_ns
     * could wake before the counter gets there. clock_now() >= d exactly when ticks >=
     * ceil(d * hz / 1e9) (floor(t * 1e9 / hz) >= d iff t * 1e9 / hz >= d, d an integer),
     * and ticks >= t exactly when elapsed_ns >= ceil(t * 1e9 / hz). */
    uint64_t ticks = scale(deadline_ns, f, NS_PER_S, true);
    uint64_t elapsed = scale(ticks, NS_PER_S, f, true);
    uint64_t origin = atomic_load_explicit(&origin_ns, memory_order_relaxed);
    uint64_t at = elapsed > UINT64_MAX - origin ? UINT64_MAX : origin + elapsed;
    /* time_t is 64 bits on the hosts we target (the clamp matters only for 32-bit time_t);
     * UINT64_MAX ns is 584 years, which 64-bit seconds hold. */
    uint64_t sec = at / NS_PER_S;
    uint64_t max_sec = sizeof(time_t) >= 8 ? (uint64_t)INT64_MAX : (uint64_t)INT32_MAX;
    abs->tv_sec = (time_t)(sec < max_sec ? sec : max_sec);
    abs->tv_nsec = (long)(at % NS_PER_S);
}

bool axv_posix_clock_running(void) {
    return atomic_load_explicit(&started, memory_order_acquire);
}

axv_nanos_t axv_posix_clock_ticks_to_nanos(axv_ticks_t ticks) {
    return scale(ticks, NS_PER_S, atomic_load_explicit(&hz, memory_order_relaxed), false);
}

axv_ticks_t axv_posix_clock_nanos_to_ticks(axv_nanos_t nanos) {
    return scale(nanos, atomic_load_explicit(&hz, memory_order_relaxed), NS_PER_S, false);
}
